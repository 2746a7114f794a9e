//! `quotelens batch`: every supported file under some folders (or listed files) analysed in
//! parallel with `rayon`, one JSON line (or CSV rows, or Parquet rows) per article written in
//! input order, optionally a Parquet table of the articles, and a summary. Memory stays bounded by the articles in flight: the
//! workers take the files in order and stay a fixed number of files ahead of the writer.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::analysis::{self, export::to_json};
use crate::document;
use crate::report::{self, CSV_HEADER};
use crate::table::{self, ArticleRow, ParquetWriter, QuoteRow};

/// File extensions read from folders (a file named on the command line is read whatever its name).
pub const EXTENSIONS: [&str; 7] = ["txt", "text", "md", "markdown", "html", "htm", "xhtml"];

/// How the results are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutFormat {
    /// One JSON document (`quotelens.analysis/1`) per line.
    JsonLines,
    /// Who-said-what rows, a `file` column first.
    Csv,
    /// Who-said-what rows, typed, in a Parquet file ([`table::QUOTE_COLUMNS`]).
    Parquet,
}

impl OutFormat {
    /// The format an output file asks for by its extension (`.jsonl`, `.ndjson`, `.csv`,
    /// `.parquet`).
    pub fn from_path(path: &Path) -> Option<Self> {
        match path
            .extension()?
            .to_string_lossy()
            .to_ascii_lowercase()
            .as_str()
        {
            "jsonl" | "ndjson" => Some(Self::JsonLines),
            "csv" => Some(Self::Csv),
            "parquet" => Some(Self::Parquet),
            _ => None,
        }
    }
}

/// Articles the workers may be ahead of the writer, per worker thread: enough that a slow article
/// does not leave the other threads idle, few enough that memory stays small (a few megabytes).
const AHEAD_PER_THREAD: usize = 64;

/// The hand-out of files to the workers: the next file to take, and how far the writer is.
#[derive(Default)]
struct Flow {
    state: std::sync::Mutex<FlowState>,
    moved: std::sync::Condvar,
}

#[derive(Default)]
struct FlowState {
    next: usize,
    written: usize,
    stopped: bool,
    /// Workers waiting for the writer (only then is there anyone to wake).
    waiting: usize,
}

impl FlowState {
    /// Hands out the next of `n` files if the batch goes on and it is fewer than `ahead` files
    /// in front of the writer.
    fn hand_out(&mut self, n: usize, ahead: usize) -> Option<usize> {
        if self.stopped || self.next >= n || self.next >= self.written + ahead {
            return None;
        }
        self.next += 1;
        Some(self.next - 1)
    }
}

impl Flow {
    /// The state, even after a worker panicked holding it (it stays consistent: two counters
    /// and a flag, each written in one step).
    fn lock(&self) -> std::sync::MutexGuard<'_, FlowState> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The next file to analyse, once it is fewer than `ahead` files in front of the writer;
    /// `None` when all are taken or the batch stopped.
    fn take(&self, n: usize, ahead: usize) -> Option<usize> {
        let mut st = self.lock();
        while !st.stopped && st.next < n && st.next >= st.written + ahead {
            st.waiting += 1;
            st = self
                .moved
                .wait(st)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            st.waiting -= 1;
        }
        st.hand_out(n, ahead)
    }

    /// The next file, if one is left and it is fewer than `ahead` files in front of the writer;
    /// `None` without waiting otherwise. For the writer's own thread, which must never wait
    /// for itself.
    fn try_take(&self, n: usize, ahead: usize) -> Option<usize> {
        self.lock().hand_out(n, ahead)
    }

    /// The writer has written the first `count` files.
    fn written(&self, count: usize) {
        let mut st = self.lock();
        st.written = count;
        if st.waiting > 0 {
            self.moved.notify_all();
        }
    }

    /// No more files are handed out.
    fn stop(&self) {
        let mut st = self.lock();
        st.stopped = true;
        self.moved.notify_all();
    }
}

/// What a batch did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Articles analysed.
    pub articles: usize,
    /// Bytes of text analysed.
    pub bytes: usize,
    /// Statements in them: quotes and reported speech.
    pub statements: crate::analysis::QuoteCounts,
    /// Files that failed, with why.
    pub failures: Vec<String>,
    /// Statements (quotes and reported speech) per speaker name, over all articles.
    pub speakers: HashMap<String, usize>,
    /// Mentions per country, over all articles.
    pub countries: HashMap<String, usize>,
}

impl Summary {
    /// Counts one article done.
    fn add(&mut self, done: Done) {
        self.articles += 1;
        self.bytes += done.bytes;
        self.statements.quotations += done.statements.quotations;
        self.statements.reported += done.statements.reported;
        for s in done.speakers {
            *self.speakers.entry(s).or_default() += 1;
        }
        for (c, n) in done.countries {
            *self.countries.entry(c).or_default() += n;
        }
    }

    /// The summary printed at the end: articles, statements, failures, top speakers (by
    /// statements), top countries (by mentions).
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
            "{} articles · {} · {} failed",
            self.articles,
            self.statements.statements(),
            self.failures.len()
        );
        let _ = writeln!(s, "Top speakers (statements): {}", top(&self.speakers));
        let _ = writeln!(s, "Top countries (mentions): {}", top(&self.countries));
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
    /// The JSON line or CSV rows, UTF-8 (empty for Parquet).
    out: Vec<u8>,
    /// The quote rows, for Parquet.
    rows: Vec<QuoteRow>,
    /// The article's row, when the articles are tabled.
    article: Option<ArticleRow>,
    bytes: usize,
    statements: crate::analysis::QuoteCounts,
    speakers: Vec<String>,
    countries: Vec<(String, usize)>,
}

fn process(path: &Path, format: OutFormat, articles: bool) -> Result<Done, String> {
    let doc = document::open(path).map_err(|e| e.to_string())?;
    let a = analysis::analyze(&doc.text);
    let name = path.display().to_string();
    let mut rows = Vec::new();
    let out = match format {
        OutFormat::JsonLines => {
            // The line holds the text, escaped, and the mentions: room for it all up front.
            let mut line = Vec::with_capacity(doc.text.len() * 3 / 2 + 4096);
            serde_json::to_writer(&mut line, &to_json(&a, &doc.text, &name))
                .map_err(|e| format!("Could not write JSON ({e}): {name}"))?;
            line.push(b'\n');
            line
        }
        OutFormat::Csv => {
            let mut w = csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(Vec::new());
            for row in report::csv_rows(&a, &doc.text, None) {
                let cells = std::iter::once(name.clone()).chain(row);
                w.write_record(cells.map(|c| report::neutralise(&c)))
                    .map_err(|e| format!("Could not write CSV ({e}): {name}"))?;
            }
            w.into_inner()
                .map_err(|e| format!("Could not write CSV ({e}): {name}"))?
        }
        OutFormat::Parquet => {
            rows = table::quote_rows(&a, &doc.text, &name, None);
            Vec::new()
        }
    };
    let article = articles.then(|| {
        table::article_row(
            &a,
            &doc.text,
            &name,
            doc.date.as_deref(),
            doc.byline.as_deref(),
        )
    });
    let speech = a.quotes.iter().filter(|q| q.is_speech());
    Ok(Done {
        out,
        rows,
        article,
        bytes: doc.text.len(),
        statements: a.quote_counts(),
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

/// The writer's thread: writes the results in input order as they come from the other workers
/// on `rx`, counting them in `summary`, and between them analyses files itself. It waits only
/// when no file is left for it (all handed out, or `ahead` in front of the writing); stops at
/// the first write error.
#[allow(
    clippy::too_many_arguments,
    reason = "the batch's parts, each used once; a struct would only rename them"
)]
fn work_and_write(
    files: &[PathBuf],
    job: Job,
    ahead: usize,
    rx: &std::sync::mpsc::Receiver<(usize, Result<Done, String>)>,
    flow: &Flow,
    out: &mut Sinks<'_>,
    summary: &mut Summary,
    failed: &mut dyn FnMut(&str),
    tick: &(dyn Fn() + Sync),
) -> Result<(), String> {
    let mut pending: HashMap<usize, Result<Done, String>> = HashMap::new();
    let mut next = 0;
    while next < files.len() {
        pending.extend(rx.try_iter());
        while let Some(r) = pending.remove(&next) {
            next += 1;
            flow.written(next);
            record(r, out, summary, failed)?;
        }
        if next >= files.len() {
            break;
        }
        if let Some(i) = flow.try_take(files.len(), ahead) {
            let r = process(&files[i], job.format, job.articles);
            tick();
            pending.insert(i, r);
        } else {
            // The next file to write is with another worker: wait for a result.
            let Ok((i, r)) = rx.recv() else {
                break;
            };
            pending.insert(i, r);
        }
    }
    Ok(())
}

/// Writes one file's result to `out` and counts it in `summary`, or reports its failure.
fn record(
    r: Result<Done, String>,
    out: &mut Sinks<'_>,
    summary: &mut Summary,
    failed: &mut dyn FnMut(&str),
) -> Result<(), String> {
    match r {
        Ok(mut done) => {
            match &mut out.results {
                Sink::Bytes(w) => w.write_all(&done.out).map_err(|e| write_err(&e))?,
                Sink::Parquet(w) => w.push(std::mem::take(&mut done.rows))?,
            }
            if let (Some(w), Some(row)) = (&mut out.articles, done.article.take()) {
                w.push([row])?;
            }
            summary.add(done);
        }
        Err(e) => {
            failed(&e);
            summary.failures.push(e);
        }
    }
    Ok(())
}

/// The message of a failed write of the results.
fn write_err(e: &std::io::Error) -> String {
    format!("Could not write the results ({e})")
}

/// What each file's analysis must give: the results' format, and whether the articles are
/// tabled too.
#[derive(Clone, Copy)]
struct Job {
    format: OutFormat,
    articles: bool,
}

/// An output to write to: any writer that may move to the writing thread.
pub type Out<'a> = &'a mut (dyn std::io::Write + Send);

/// Where the results go.
enum Sink<'a> {
    /// JSON lines or CSV, written as they come.
    Bytes(Out<'a>),
    /// Parquet rows, written a row group at a time.
    Parquet(Box<ParquetWriter<Out<'a>, QuoteRow>>),
}

/// The results, and the articles' table when asked for.
struct Sinks<'a> {
    results: Sink<'a>,
    articles: Option<ParquetWriter<Out<'a>, ArticleRow>>,
}

/// The number of threads `jobs` asks for: all cores when `None`.
pub fn threads(jobs: Option<usize>) -> usize {
    match jobs {
        Some(n) => n.max(1),
        None => std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
    }
}

/// Analyses `files` with `jobs` threads (all cores when `None`) and writes the results to `out`
/// in input order, and, when `articles` is given, a Parquet table of the articles to it (one row
/// per article that could be read). `failed` hears of each file that fails (its message names
/// the path); `tick` of each file done. Errors are only those that stop the batch (an output
/// cannot be written).
#[allow(
    clippy::too_many_arguments,
    reason = "the batch's inputs and outputs, each used once"
)]
pub fn run<'a>(
    files: &[PathBuf],
    out: Out<'a>,
    format: OutFormat,
    articles: Option<Out<'a>>,
    jobs: Option<usize>,
    failed: &mut dyn FnMut(&str),
    tick: &(dyn Fn() + Sync),
) -> Result<Summary, String> {
    let threads = threads(jobs);
    if format == OutFormat::Csv {
        let header = std::iter::once("file")
            .chain(CSV_HEADER)
            .collect::<Vec<_>>()
            .join(",");
        writeln!(out, "{header}").map_err(|e| write_err(&e))?;
    }
    let job = Job {
        format,
        articles: articles.is_some(),
    };
    let mut sinks = Sinks {
        results: match format {
            OutFormat::Parquet => Sink::Parquet(Box::new(ParquetWriter::new(out)?)),
            OutFormat::JsonLines | OutFormat::Csv => Sink::Bytes(out),
        },
        articles: articles.map(ParquetWriter::new).transpose()?,
    };
    let mut summary = Summary::default();
    // This thread is a worker too: the pool has the others (none for one job, when each file is
    // read, analysed and written in turn on this thread, with no hand-over between threads).
    let pool = if threads > 1 {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads - 1)
            .build()
            .map_err(|e| format!("Could not start the worker threads ({e})"))?;
        Some(pool)
    } else {
        None
    };
    let ahead = threads * AHEAD_PER_THREAD;
    let flow = Flow::default();
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Result<Done, String>)>();
    std::thread::scope(|scope| {
        // The workers take the files in input order and stay at most `ahead` files in front
        // of the writer, so memory is bounded by the files in flight, never the corpus.
        let flow = &flow;
        if let Some(pool) = pool {
            scope.spawn(move || {
                pool.broadcast(|_| {
                    let tx = tx.clone();
                    while let Some(i) = flow.take(files.len(), ahead) {
                        let r = process(&files[i], job.format, job.articles);
                        tick();
                        if tx.send((i, r)).is_err() {
                            break;
                        }
                    }
                });
            });
        } else {
            drop(tx);
        }
        // The writer, on this thread; on a write error, stop the workers before leaving the
        // scope.
        let result = work_and_write(
            files,
            job,
            ahead,
            &rx,
            flow,
            &mut sinks,
            &mut summary,
            failed,
            tick,
        );
        flow.stop();
        drop(rx);
        result
    })?;
    let out = match sinks.results {
        Sink::Bytes(out) => out,
        Sink::Parquet(w) => w.finish()?,
    };
    out.flush().map_err(|e| write_err(&e))?;
    if let Some(w) = sinks.articles {
        w.finish()?.flush().map_err(|e| write_err(&e))?;
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::Flow;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    #[test]
    fn workers_stay_a_fixed_number_of_files_ahead_of_the_writer() {
        let flow = Flow::default();
        assert_eq!(flow.take(10, 2), Some(0));
        assert_eq!(flow.take(10, 2), Some(1));
        let got_third = AtomicBool::new(false);
        std::thread::scope(|s| {
            let waiter = s.spawn(|| {
                let i = flow.take(10, 2);
                got_third.store(true, Ordering::SeqCst);
                i
            });
            // Two files ahead and none written: the third waits for the writer.
            std::thread::sleep(Duration::from_millis(100));
            assert!(
                !got_third.load(Ordering::SeqCst),
                "took a file too far ahead"
            );
            flow.written(1);
            assert_eq!(waiter.join().ok().flatten(), Some(2));
        });
        // Stopping releases the waiting and hands out nothing more.
        flow.stop();
        assert_eq!(flow.take(10, 2), None);
        // All handed out: nothing more either.
        let done = Flow::default();
        assert_eq!(done.take(1, 5), Some(0));
        assert_eq!(done.take(1, 5), None);
    }

    #[test]
    fn the_writer_takes_files_without_waiting() {
        let flow = Flow::default();
        assert_eq!(flow.try_take(3, 2), Some(0));
        assert_eq!(flow.try_take(3, 2), Some(1));
        // Two ahead of the writing: none now, at once rather than waiting.
        assert_eq!(flow.try_take(3, 2), None);
        flow.written(1);
        assert_eq!(flow.try_take(3, 2), Some(2));
        flow.written(3);
        assert_eq!(flow.try_take(3, 2), None, "all handed out");
    }
}
