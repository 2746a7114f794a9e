//! `quotelens batch`: every supported file under some folders (or listed files) analysed in
//! parallel with `rayon`, one JSON line (or CSV rows) per article written in input order, a
//! progress bar on a terminal, and a summary. Memory stays bounded by the articles in flight: they
//! are read, analysed and written a window at a time.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::analysis::{self, export::to_json};
use crate::document;
use crate::report::{self, CSV_HEADER};

/// File extensions read from folders (a file named on the command line is read whatever its name).
pub const EXTENSIONS: [&str; 7] = ["txt", "text", "md", "markdown", "html", "htm", "xhtml"];

/// How the results are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutFormat {
    /// One JSON document (`quotelens.analysis/1`) per line.
    JsonLines,
    /// Who-said-what rows, a `file` column first.
    Csv,
}

impl OutFormat {
    /// The format an output file asks for by its extension (`.jsonl`, `.ndjson`, `.csv`).
    pub fn from_path(path: &Path) -> Option<Self> {
        match path
            .extension()?
            .to_string_lossy()
            .to_ascii_lowercase()
            .as_str()
        {
            "jsonl" | "ndjson" => Some(Self::JsonLines),
            "csv" => Some(Self::Csv),
            _ => None,
        }
    }
}

/// Articles in flight per worker thread: enough that a slow article does not leave the other
/// threads idle at the end of a window, few enough that memory stays small (a few megabytes).
const WINDOW_PER_THREAD: usize = 64;

/// What a batch did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Articles analysed.
    pub articles: usize,
    /// Bytes of text analysed.
    pub bytes: usize,
    /// Quotations and reported speech in them.
    pub quotes: usize,
    /// Files that failed, with why.
    pub failures: Vec<String>,
    /// Quotes per speaker name, over all articles.
    pub speakers: HashMap<String, usize>,
    /// Mentions per country, over all articles.
    pub countries: HashMap<String, usize>,
}

impl Summary {
    /// The summary printed at the end: articles, quotes, failures, top speakers, top countries.
    pub fn text(&self) -> String {
        let top = |m: &HashMap<String, usize>| {
            let mut v: Vec<(&String, &usize)> = m.iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            v.iter()
                .take(10)
                .map(|(k, n)| format!("{k} ({n})"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} articles · {} quotes · {} failed",
            self.articles,
            self.quotes,
            self.failures.len()
        );
        let _ = writeln!(s, "Top speakers: {}", top(&self.speakers));
        let _ = writeln!(s, "Top countries: {}", top(&self.countries));
        s
    }
}

/// Every file to read: each folder's supported files (recursively, in name order) and each file
/// named. A folder that cannot be listed is an error.
pub fn collect_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            walk(input, &mut out)?;
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("Could not list the folder ({e}): {}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.extension().is_some_and(|x| {
            EXTENSIONS.contains(&x.to_string_lossy().to_ascii_lowercase().as_str())
        }) {
            out.push(p);
        }
    }
    Ok(())
}

/// One article's result: what to write, and what the summary counts.
struct Done {
    out: String,
    bytes: usize,
    quotes: usize,
    speakers: Vec<String>,
    countries: Vec<(String, usize)>,
}

fn process(path: &Path, format: OutFormat) -> Result<Done, String> {
    let doc = document::open(path).map_err(|e| e.to_string())?;
    let a = analysis::analyze(&doc.text);
    let name = path.display().to_string();
    let out = match format {
        OutFormat::JsonLines => {
            let mut line = serde_json::to_string(&to_json(&a, &doc.text, &name))
                .map_err(|e| format!("Could not write JSON ({e}): {name}"))?;
            line.push('\n');
            line
        }
        OutFormat::Csv => {
            let mut w = csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(Vec::new());
            for row in report::csv_rows(&a, &doc.text, &name, None) {
                let cells = std::iter::once(name.clone()).chain(row);
                w.write_record(cells.map(|c| report::neutralise(&c)))
                    .map_err(|e| format!("Could not write CSV ({e}): {name}"))?;
            }
            let bytes = w
                .into_inner()
                .map_err(|e| format!("Could not write CSV ({e}): {name}"))?;
            String::from_utf8_lossy(&bytes).into_owned()
        }
    };
    let speech = a.quotes.iter().filter(|q| q.is_speech());
    Ok(Done {
        out,
        bytes: doc.text.len(),
        quotes: speech.clone().count(),
        speakers: speech
            .filter_map(|q| q.speaker.as_ref().map(|s| s.name.clone()))
            .collect(),
        countries: a
            .countries
            .iter()
            .map(|c| (c.name.to_string(), c.mentions.len()))
            .collect(),
    })
}

/// Analyses `files` with `jobs` threads (all cores when `None`) and writes the results to `out`
/// in input order. `failed` hears of each file that fails (its message names the path); `tick`
/// of each file done. Errors are only those that stop the batch (the output cannot be written).
pub fn run(
    files: &[PathBuf],
    out: &mut dyn std::io::Write,
    format: OutFormat,
    jobs: Option<usize>,
    failed: &mut dyn FnMut(&str),
    tick: &(dyn Fn() + Sync),
) -> Result<Summary, String> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = jobs {
        builder = builder.num_threads(n.max(1));
    }
    let pool = builder
        .build()
        .map_err(|e| format!("Could not start the worker threads ({e})"))?;
    let threads = pool.current_num_threads();
    let write_err = |e: std::io::Error| format!("Could not write the results ({e})");
    if format == OutFormat::Csv {
        let header = std::iter::once("file")
            .chain(CSV_HEADER)
            .collect::<Vec<_>>()
            .join(",");
        writeln!(out, "{header}").map_err(write_err)?;
    }
    let mut summary = Summary::default();
    // A window of files in flight: enough to keep every thread busy, few enough that memory
    // does not grow with the corpus.
    for window in files.chunks(threads * WINDOW_PER_THREAD) {
        let results: Vec<Result<Done, String>> = pool.install(|| {
            window
                .par_iter()
                .map(|p| {
                    let r = process(p, format);
                    tick();
                    r
                })
                .collect()
        });
        for r in results {
            match r {
                Ok(done) => {
                    out.write_all(done.out.as_bytes()).map_err(write_err)?;
                    summary.articles += 1;
                    summary.bytes += done.bytes;
                    summary.quotes += done.quotes;
                    for s in done.speakers {
                        *summary.speakers.entry(s).or_default() += 1;
                    }
                    for (c, n) in done.countries {
                        *summary.countries.entry(c).or_default() += n;
                    }
                }
                Err(e) => {
                    failed(&e);
                    summary.failures.push(e);
                }
            }
        }
    }
    out.flush().map_err(write_err)?;
    Ok(summary)
}
