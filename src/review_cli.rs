//! The `review` subcommand: an article's review printed as a list, and corrections from a JSON
//! file added to it through the same merge-on-save as the window's (for scripts).

use std::fmt::Write as _;
use std::path::Path;

use crate::analysis;
use crate::document;
use crate::review::{self, Entry, Sidecar, anchor, store};

/// The article at `path`, read for a review (standard input has no review).
fn article(path: &Path) -> Result<document::Document, String> {
    if document::is_stdin(path) {
        return Err("a review belongs to an article file; standard input has none".into());
    }
    document::open(path).map_err(|e| e.to_string())
}

/// `quotelens review FILE`: where the review of the article at `path` is kept, and its
/// corrections as a list (in effect, in the order they apply; then undone), each with its time
/// and whether it can be placed in the article as it is now.
pub fn show(path: &Path) -> Result<String, String> {
    let doc = article(path)?;
    let info = review::ArticleInfo::of(&doc.file_name(), &doc.text);
    let data_dir = store::data_dir();
    let base = analysis::analyze(&doc.text);
    let opened = store::open(Some(path), &info, &doc.text, &base, data_dir.as_deref());
    if let Some(why) = opened.unusable {
        return Err(why);
    }
    let mut out = String::new();
    let Some(at) = &opened.path else {
        let _ = writeln!(out, "No review yet: {}", path.display());
        return Ok(out);
    };
    let s = &opened.sidecar;
    let _ = writeln!(out, "Review of {}: {}", info.file, at.display());
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let (n, u) = (s.corrections.len(), s.undone.len());
    let _ = write!(out, "{n} correction{} in effect", plural(n));
    if u > 0 {
        let _ = write!(out, ", {u} undone (redo brings them back)");
    }
    out.push('\n');
    let unplaced = opened.reviewed.map(|r| r.unplaced).unwrap_or_default();
    let line = |out: &mut String, label: String, e: &Entry, placed: bool| {
        let when = if e.at.is_empty() {
            "(no time)".to_string()
        } else {
            // "2026-12-07T04:12:33.123Z" → "2026-12-07 04:12:33 UTC"
            let t = e.at.replacen('T', " ", 1);
            format!("{} UTC", t.get(..19).unwrap_or(&t))
        };
        let tail = if placed {
            ""
        } else {
            "  [cannot be placed in the article as it is now]"
        };
        let _ = writeln!(out, "{label:>5}  {when}  {}{tail}", e.correction.describe());
    };
    for (i, e) in s.corrections.iter().enumerate() {
        line(&mut out, format!("{}.", i + 1), e, !unplaced.contains(&i));
    }
    if u > 0 {
        out.push_str("Undone:\n");
        for e in &s.undone {
            line(&mut out, "–".into(), e, true);
        }
    }
    Ok(out)
}

/// The corrections of a JSON file: an array of corrections, or an object whose `corrections`
/// is one (a sidecar), in the sidecar's schema; ids and times optional.
fn read_corrections(file: &Path) -> Result<Vec<Entry>, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{e}: {}", file.display()))?;
    let value: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|e| format!("{} is not JSON ({e})", file.display()))?;
    let list = match value {
        serde_json::Value::Array(a) => a,
        serde_json::Value::Object(mut o) => match o.remove("corrections") {
            Some(serde_json::Value::Array(a)) => a,
            _ => {
                return Err(format!(
                    "{} has no \"corrections\" list (give a list of corrections, or a review)",
                    file.display()
                ));
            }
        },
        _ => {
            return Err(format!("{} is not a list of corrections", file.display()));
        }
    };
    list.into_iter()
        .enumerate()
        .map(|(i, v)| {
            serde_json::from_value::<Entry>(v).map_err(|e| {
                format!(
                    "correction {} of {} is not a correction ({e})",
                    i + 1,
                    file.display()
                )
            })
        })
        .collect()
}

/// `quotelens review FILE --add CORRECTIONS.json`: adds the corrections to the article's
/// review, merged under the review's lock with what any window or script saved meanwhile.
/// A correction without an id gets a new one (and the present time); one whose id the review
/// already holds is passed over, so that adding the same file twice adds it once. Nothing is
/// added unless every correction can be placed in the article.
pub fn add(path: &Path, corrections: &Path) -> Result<String, String> {
    let doc = article(path)?;
    let mut new = read_corrections(corrections)?;
    let chars = anchor::CharIndex::new(&doc.text);
    let mut ids = std::collections::HashSet::new();
    for (i, e) in new.iter_mut().enumerate() {
        for a in e.correction.anchors() {
            if anchor::place(&doc.text, &chars, a).is_none() {
                return Err(format!(
                    "correction {} of {} cannot be placed in the article: “{}” is not at {}–{} \
                     or anywhere with that context (nothing was added)",
                    i + 1,
                    corrections.display(),
                    review::short(&a.text, 40),
                    a.start,
                    a.end
                ));
            }
        }
        if e.id.is_empty() {
            e.id = review::new_id();
        }
        if e.at.is_empty() {
            e.at = review::now();
        }
        if !ids.insert(e.id.clone()) {
            return Err(format!(
                "two corrections of {} have the id {:?} (nothing was added)",
                corrections.display(),
                e.id
            ));
        }
    }
    let info = review::ArticleInfo::of(&doc.file_name(), &doc.text);
    let data_dir = store::data_dir();
    let (mut mine, mut seen) = match store::load(Some(path), data_dir.as_deref(), &info.sha256) {
        store::Loaded::None => (Sidecar::for_article(info.clone()), None),
        store::Loaded::Found(seen) => (seen.sidecar.clone(), Some(seen)),
        store::Loaded::Unusable(_, why) => return Err(why),
    };
    if mine.article.sha256 != info.sha256 {
        mine.reanchor(&doc.text);
    }
    let before = new.len();
    new.retain(|e| !mine.has(&e.id));
    let (added, already) = (new.len(), before - new.len());
    mine.corrections.extend(new);
    mine.corrections.sort_by(|x, y| x.at.cmp(&y.at));
    let prefer = seen.as_ref().map(|s| s.path.clone());
    let done = store::save(
        &mut mine,
        &mut seen,
        prefer.as_deref(),
        Some(path),
        data_dir.as_deref(),
    )?;
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let mut out = format!(
        "Added {added} correction{} ({} in effect): {}",
        plural(added),
        mine.corrections.len(),
        done.path.display()
    );
    if already > 0 {
        let _ = write!(out, "\n{already} already in the review, not added again");
    }
    if !done.locked {
        out.push_str(
            "\nThis file system cannot lock files: edits made elsewhere at the same time are \
             merged, but not prevented",
        );
    }
    Ok(out)
}
