//! `quotelens stats DIR`: a folder's corpus index brought up to date (only what changed is
//! analysed), then its numbers as text or JSON.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use crate::corpus::{self, Index, Opened};

/// The numbers of the corpus in `dir` (as text, or JSON with `json`), after bringing its index
/// up to date on `jobs` threads; and whether every file could be read. A progress bar runs on
/// standard error when it is a terminal; a rebuilt index is said there too.
pub fn stats(dir: &Path, json: bool, jobs: Option<usize>) -> Result<(String, bool), String> {
    let Some(db) = corpus::default_path(dir) else {
        return Err(
            "No data folder for the corpus index: set QUOTELENS_DATA_DIR or HOME".to_string(),
        );
    };
    let (mut index, opened) = Index::open(dir, &db)?;
    if let Opened::Rebuilt(why) = &opened {
        #[allow(clippy::print_stderr, reason = "the CLI's notice")]
        {
            eprintln!("quotelens: the corpus index was rebuilt: {why}");
        }
    }
    let bar = crate::cli::progress_bar(0);
    let progress = |p: corpus::Progress| {
        bar.set_length(p.total as u64);
        bar.set_position(p.done as u64);
    };
    let run = index.update(jobs, &progress, &AtomicBool::new(false))?;
    bar.finish_and_clear();
    let folder = index.root().display().to_string();
    let stats = corpus::stats::compute(index.connection(), &folder, &run)
        .map_err(|e| format!("Could not read the corpus index ({e}): {}", db.display()))?;
    let all_read = stats.failed.is_empty();
    let out = if json {
        serde_json::to_string_pretty(&stats)
            .map_err(|e| format!("Could not write the numbers as JSON ({e})"))?
    } else {
        stats.text(20)
    };
    Ok((out, all_read))
}
