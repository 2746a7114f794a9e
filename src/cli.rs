//! Command-line subcommands: `analyze` (readable or JSON), `export` (CSV, JSON, Markdown, HTML),
//! `batch` (many articles in parallel) and `eval` (score against gold folders).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::analysis::{self, Analysis, QuoteCounts, QuoteKind};
use crate::document;
use crate::eval;

/// An article's analysis with its review applied (unless `review` is false). A review that
/// cannot be used, or corrections that cannot be placed, are told on standard error; the
/// engine's reading is used for what the review cannot give.
#[allow(
    clippy::print_stderr,
    reason = "a review that cannot be used is told, not fatal"
)]
fn reviewed(doc: &document::Document, review: bool) -> (Analysis, Option<crate::review::Flags>) {
    let r = crate::review::store::analyze_reviewed(doc, review);
    for w in &r.warnings {
        eprintln!("quotelens: {w}");
    }
    (r.analysis, r.flags)
}

/// Analyses `path` (with its review, if it has one and `review` is true) and returns what to
/// print: JSON in the `quotelens.analysis/1` schema, or a readable who-said-what summary.
pub fn analyze_file(path: &Path, json: bool, review: bool) -> Result<String, String> {
    let doc = document::open(path).map_err(|e| e.to_string())?;
    let (analysis, flags) = reviewed(&doc, review);
    if json {
        let name = doc.file_name();
        let mut out = analysis::export::to_json(&analysis, &doc.text, &name);
        if let Some(f) = &flags {
            f.mark_json(&mut out);
        }
        serde_json::to_string_pretty(&out)
            .map_err(|e| format!("Could not write JSON ({e}): {}", path.display()))
    } else {
        Ok(summary(&analysis, &doc.text, &doc.file_name()))
    }
}

/// Exports `path`'s analysis (with its review, if it has one and `review` is true) in
/// `format`: written to `out` (then the result is empty) or returned for standard output.
pub fn export_file(
    path: &Path,
    format: crate::report::Format,
    out: Option<&Path>,
    review: bool,
) -> Result<String, String> {
    let doc = document::open(path).map_err(|e| e.to_string())?;
    let (analysis, flags) = reviewed(&doc, review);
    let name = doc.file_name();
    let src = crate::report::Source {
        analysis: &analysis,
        text: &doc.text,
        name: &name,
        byline: doc.byline.as_deref(),
        date: doc.date.as_deref(),
        style: &crate::ui::theme::report_style(),
        flags: flags.as_ref(),
    };
    // "-", like no file, is standard output.
    match out.filter(|o| *o != Path::new("-")) {
        Some(out) => crate::report::write(src, format, out).map(|()| String::new()),
        None => crate::report::render(src, format),
    }
}

/// `quotelens batch`: analyses every input into `out`, with a progress bar on standard error
/// when it is a terminal and each failed file reported there. Returns the summary and whether
/// every file succeeded.
#[allow(
    clippy::print_stderr,
    reason = "failed files are reported as they happen"
)]
pub fn batch(
    inputs: &[PathBuf],
    out: &Path,
    articles: Option<&Path>,
    jobs: Option<usize>,
) -> Result<(String, bool), String> {
    let format = crate::batch::OutFormat::from_path(out).ok_or_else(|| {
        format!(
            "The results file must end in .jsonl, .csv or .parquet: {}",
            out.display()
        )
    })?;
    if let Some(a) = articles.filter(|a| {
        !a.extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("parquet"))
    }) {
        return Err(format!(
            "The articles file must end in .parquet: {}",
            a.display()
        ));
    }
    let files = crate::batch::collect_inputs(inputs)?;
    let create = |p: &Path| {
        let file = std::fs::File::create(p)
            .map_err(|e| format!("Could not create the results file ({e}): {}", p.display()))?;
        // A large buffer: a few writes of a megabyte rather than one per article.
        Ok::<_, String>(std::io::BufWriter::with_capacity(1 << 20, file))
    };
    let mut writer = create(out)?;
    let mut articles_writer = articles.map(create).transpose()?;
    let bar = progress_bar(files.len() as u64);
    let summary = crate::batch::run(
        &files,
        &mut writer,
        format,
        articles_writer
            .as_mut()
            .map(|w| w as &mut (dyn std::io::Write + Send)),
        jobs,
        &mut |e| bar.suspend(|| eprintln!("quotelens: {e}")),
        &|| bar.inc(1),
    )?;
    bar.finish_and_clear();
    Ok((summary.text(), summary.failures.is_empty()))
}

/// A progress bar of `len` articles on standard error when it is a terminal (hidden otherwise,
/// so scripts and logs get no control characters).
pub fn progress_bar(len: u64) -> indicatif::ProgressBar {
    let bar = if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        indicatif::ProgressBar::new(len)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} articles, {eta} left")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// A readable who-said-what summary.
pub fn summary(a: &Analysis, text: &str, name: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{name}: {}\n", a.count_words(a.quote_counts()));
    for g in a.speaker_groups(analysis::Quote::is_speech) {
        let who = g.name.as_deref().unwrap_or("Unattributed");
        let qs = g.quotes.iter().filter_map(|&qi| a.quotes.get(qi));
        let counts = QuoteCounts::of(qs.clone());
        let _ = writeln!(s, "{who} · {counts}");
        for q in qs {
            let body = &text[q.span.start..q.span.end];
            let body: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
            match q.kind {
                QuoteKind::Indirect => {
                    let _ = writeln!(s, "  (reported) {body}");
                }
                _ => {
                    let _ = writeln!(s, "  “{body}”");
                }
            }
        }
        s.push('\n');
    }
    if !a.people.is_empty() {
        let names: Vec<String> = a
            .people
            .iter()
            .map(|p| format!("{} ({})", p.name, p.mentions.len()))
            .collect();
        let _ = writeln!(s, "People: {}", names.join(", "));
    }
    if !a.countries.is_empty() {
        let names: Vec<String> = a
            .countries
            .iter()
            .map(|c| format!("{} ({})", c.name, c.mentions.len()))
            .collect();
        let _ = writeln!(s, "Countries: {}", names.join(", "));
    }
    s
}

/// Scores the analysis on every `NNN.txt` + `NNN.json` of each gold folder; returns the table,
/// and with `errors` every miss grouped by kind after it (and the speaker misses by rule);
/// without `syntax` the speaker rules read no parse (the ablation).
pub fn eval_dirs(dirs: &[PathBuf], errors: bool, syntax: bool) -> Result<String, String> {
    let mut out = String::new();
    let mut listings = String::new();
    let options = crate::analysis::Options {
        syntax,
        ..crate::analysis::Options::default()
    };
    for dir in dirs {
        let (set, docs) = eval::evaluate_dir_listing(dir, errors, options)?;
        out.push_str(&eval::format_table(&set));
        if errors {
            listings.push_str(&eval::format_misses(&set.name, &docs));
        }
    }
    if errors {
        out.push('\n');
        out.push_str(&listings);
    }
    Ok(out)
}
