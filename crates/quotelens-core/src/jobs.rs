//! Analyses as JSON documents (`quotelens.analysis/1`) for callers outside Rust: one text, one
//! file with its review, or many texts and files in parallel, results in input order and a
//! failed file as an error entry beside the others. The Python package is built on these.

use std::path::PathBuf;

use crate::analysis::{self, export::to_json};
use crate::document;
use crate::review::store;

/// One article to analyse: a text (with the name its JSON gives as `source`) or a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A text in memory, and its source name.
    Text {
        /// The article's text.
        text: String,
        /// What the JSON names as its source.
        source: String,
    },
    /// A file of any supported format (plain text, Markdown, HTML).
    File(PathBuf),
}

/// The analysis of `text` as compact JSON, with `source` as its source name.
pub fn analyze_text(text: &str, source: &str) -> String {
    let a = analysis::analyze(text);
    serialise(&to_json(&a, text, source))
}

/// The JSON of one value that always serialises (the analysis's JSON form holds strings and
/// numbers only); a failure would be a bug, reported in the JSON rather than lost.
fn serialise(v: &impl serde::Serialize) -> String {
    serde_json::to_string(v).unwrap_or_else(|e| {
        serde_json::json!({"error": format!("Could not write JSON ({e})")}).to_string()
    })
}

/// The analysis of the file at `path` as compact JSON, exactly as `quotelens analyze --json`
/// gives it (the source is the file's name; its review applied unless `review` is false), and
/// the warnings the CLI prints (an unusable review, a correction that cannot be placed).
pub fn analyze_file(path: &std::path::Path, review: bool) -> Result<(String, Vec<String>), String> {
    let doc = document::open(path).map_err(|e| e.to_string())?;
    let source = doc.file_name();
    let (a, warnings) = Analyzed::of_document(doc, source, review);
    Ok((serialise(&a.json()), warnings))
}

/// One article analysed, with what its JSON needs: for callers that build their own form of
/// it (the Python package builds dicts straight from [`Analyzed::json`]).
#[derive(Debug)]
pub struct Analyzed {
    /// The analysis (the review applied, if asked for).
    pub analysis: crate::analysis::Analysis,
    /// The article's text.
    pub text: String,
    /// The JSON's source name.
    pub source: String,
    /// The review's marks, if a review applies.
    pub flags: Option<crate::review::Flags>,
}

impl Analyzed {
    /// `doc` analysed, its review applied if `review`, named `source`; and what the review
    /// has to tell (an unusable review, a correction that cannot be placed).
    fn of_document(doc: document::Document, source: String, review: bool) -> (Self, Vec<String>) {
        let r = store::analyze_reviewed(&doc, review);
        let a = Self {
            analysis: r.analysis,
            text: doc.text,
            source,
            flags: r.flags,
        };
        (a, r.warnings)
    }

    /// The JSON document (`quotelens.analysis/1`), review marks included.
    pub fn json(&self) -> crate::analysis::export::JsonAnalysis<'_> {
        let mut json = to_json(&self.analysis, &self.text, &self.source);
        if let Some(f) = &self.flags {
            f.mark_json(&mut json);
        }
        json
    }
}

/// One item analysed, as `quotelens batch` reads it: a file's source is its path as given;
/// with `review`, the file's review is applied as by [`analyze_file`] (its warnings dropped:
/// the result says which quotes are corrected).
fn analyze_item_parts(item: &Item, review: bool) -> Result<Analyzed, String> {
    match item {
        Item::Text { text, source } => Ok(Analyzed {
            analysis: analysis::analyze(text),
            text: text.clone(),
            source: source.clone(),
            flags: None,
        }),
        Item::File(path) => {
            let doc = document::open(path).map_err(|e| e.to_string())?;
            Ok(Analyzed::of_document(doc, path.display().to_string(), review).0)
        }
    }
}

/// Analyses `items` on `jobs` threads (all cores when `None`; this thread is one of them), each
/// result in input order: the JSON, or the one-line message of a file that could not be read.
/// No failure stops the rest.
pub fn analyze_many(
    items: &[Item],
    jobs: Option<usize>,
    review: bool,
) -> Vec<Result<String, String>> {
    let queue = Queue::new(items, review);
    let threads = crate::batch::threads(jobs).min(items.len().max(1));
    let work = || std::iter::from_fn(|| queue.analyze_next()).collect::<Vec<_>>();
    let mut all = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for h in helpers {
            // A helper that panicked takes the batch down with it, as a panic here would.
            all.extend(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        all
    });
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

/// Items handed out in input order to the threads that analyse them: each call of
/// [`Queue::analyze_next`] takes the next item, on whichever thread calls it. A caller that must
/// use the results in order (the Python package, which builds each dict holding the GIL) can
/// itself analyse an item whenever the next result is not ready yet, as `quotelens batch`'s
/// writer does.
#[derive(Debug)]
pub struct Queue<'a> {
    items: &'a [Item],
    review: bool,
    next: std::sync::atomic::AtomicUsize,
}

impl<'a> Queue<'a> {
    /// A queue of `items`, with their reviews applied if `review` (see [`analyze_many`]).
    pub fn new(items: &'a [Item], review: bool) -> Self {
        Self {
            items,
            review,
            next: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// Hands out no more items (those being analysed finish): for a caller that gives up, such
    /// as Python on Ctrl+C.
    pub fn stop(&self) {
        self.next
            .store(self.items.len(), std::sync::atomic::Ordering::Relaxed);
    }

    /// Takes the next item and analyses it: its index and the analysis itself, for a caller that
    /// builds its own form of the result; `None` when all are taken.
    pub fn analyze_next_parts(&self) -> Option<(usize, Result<Analyzed, String>)> {
        let i = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // After `stop`, `next` only grows past the end: nothing more is handed out.
        let item = self.items.get(i)?;
        Some((i, analyze_item_parts(item, self.review)))
    }

    /// Takes the next item and analyses it: its index and result, the JSON as `quotelens
    /// batch` writes its line; `None` when all are taken.
    pub fn analyze_next(&self) -> Option<(usize, Result<String, String>)> {
        let (i, r) = self.analyze_next_parts()?;
        Some((i, r.map(|a| serialise(&a.json()))))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a panic is a failed test")]

    use super::*;

    #[test]
    fn many_gives_each_result_in_input_order_and_failures_in_place() {
        let dir = std::env::temp_dir().join(format!("quotelens-jobs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("good.txt");
        std::fs::write(&good, "“We are ready,” said Dana Holt.").unwrap();
        let missing = dir.join("missing.txt");
        let items: Vec<Item> = (0..40)
            .map(|i| match i % 4 {
                0 => Item::File(good.clone()),
                1 => Item::File(missing.clone()),
                _ => Item::Text {
                    text: format!("“Line {i},” said Lee Moss."),
                    source: format!("t{i}"),
                },
            })
            .collect();
        let one = analyze_many(&items, Some(1), false);
        let two = analyze_many(&items, Some(2), false);
        assert_eq!(one, two);
        for (i, r) in two.iter().enumerate() {
            match i % 4 {
                0 => assert!(r.as_ref().unwrap().contains("Dana Holt")),
                1 => assert!(r.as_ref().unwrap_err().contains("missing.txt"), "{r:?}"),
                _ => {
                    let v: serde_json::Value = serde_json::from_str(r.as_ref().unwrap()).unwrap();
                    assert_eq!(v["source"], format!("t{i}"));
                    assert_eq!(v["quotes"][0]["text"], format!("Line {i},"));
                }
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
