//! Where a review is kept and how it is read and written: beside the article
//! (`ARTICLE.quotelens.json`), or in the app's data folder when the article's folder is not
//! writable or the article has no file; read with a damaged or newer file told apart; written
//! atomically (a temporary file in the same folder, flushed to disk, then renamed over the old);
//! and kept whole when several writers share it: each save reads the file again under an
//! exclusive lock and merges what another writer saved meanwhile (`super::merge`).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use super::merge::{Merged, merge};
use super::{Sidecar, sha256, sha256_bytes};

/// What a sidecar's name adds to its article's file name.
pub const SUFFIX: &str = ".quotelens.json";

/// The sidecar beside `article`: `ARTICLE.quotelens.json`.
pub fn beside(article: &Path) -> PathBuf {
    let mut name = article.file_name().unwrap_or_default().to_os_string();
    name.push(SUFFIX);
    article.with_file_name(name)
}

/// The sidecar in the data folder `data_dir` for `article` (or, for text with no file, for the
/// text whose SHA-256 is `text_sha`): `reviews/NAME-HASH.quotelens.json`, the hash that of the
/// article's absolute path.
pub fn in_data_dir(data_dir: &Path, article: Option<&Path>, text_sha: &str) -> PathBuf {
    let (name, key) = match article {
        Some(p) => {
            let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
            (
                p.file_name()
                    .map_or_else(|| "article".into(), |n| n.to_string_lossy().into_owned()),
                sha256(&abs.to_string_lossy()),
            )
        }
        None => ("text".to_string(), text_sha.to_string()),
    };
    let short: String = key.chars().take(16).collect();
    data_dir
        .join("reviews")
        .join(format!("{name}-{short}{SUFFIX}"))
}

/// Where a review may be, in the order looked at: beside the article, then in the data folder
/// under the article's path, then under its text (so that the bundled sample, which has no file,
/// and a copy of it at any path share a review).
pub fn candidates(article: Option<&Path>, data_dir: Option<&Path>, text_sha: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = article.map(beside).into_iter().collect();
    if let Some(d) = data_dir {
        out.extend(article.map(|a| in_data_dir(d, Some(a), text_sha)));
        out.push(in_data_dir(d, None, text_sha));
    }
    out
}

/// What looking for an article's review found.
#[derive(Debug)]
pub enum Loaded {
    /// No review yet.
    None,
    /// A review: where, what it holds, and the file as read.
    Found(Seen),
    /// A review that cannot be used: where, and why (a sentence). It is left as it is.
    Unusable(PathBuf, String),
}

/// Reads the first review of [`candidates`] that exists.
pub fn load(article: Option<&Path>, data_dir: Option<&Path>, text_sha: &str) -> Loaded {
    for path in candidates(article, data_dir, text_sha) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                let why = format!("The review could not be read ({e}): {}", path.display());
                return Loaded::Unusable(path, why);
            }
        };
        return match Sidecar::parse(&bytes) {
            Ok(sidecar) => Loaded::Found(Seen {
                stamp: stamp(&path),
                path,
                sidecar,
                sha256: sha256_bytes(&bytes),
            }),
            Err(e) => {
                let why = format!(
                    "The review is kept as it is and not used, because {e}: {}",
                    path.display()
                );
                Loaded::Unusable(path, why)
            }
        };
    }
    Loaded::None
}

/// The prefix and suffix of the temporary files a save of `path` writes: `.NAME.` and `.tmp`.
fn tmp_affixes(path: &Path) -> (std::ffi::OsString, &'static str) {
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(path.file_name().unwrap_or_default());
    prefix.push(".");
    (prefix, ".tmp")
}

/// Writes `bytes` to `path` atomically: into a temporary file in the same folder (named for
/// this process and write, so that two writers never share one), flushed to disk, renamed over
/// `path`, and the folder flushed. Whatever happens, `path` holds the old contents or the new,
/// whole.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let (mut tmp_name, suffix) = tmp_affixes(path);
    let n = WRITES.fetch_add(1, Ordering::Relaxed);
    tmp_name.push(format!("{}-{n}{suffix}", std::process::id()));
    let tmp = dir.join(tmp_name);
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp); // It may not exist; the write's error is the one told.
        return written;
    }
    // The rename itself reaches the disk when the folder is flushed (not possible everywhere).
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Removes the temporary files that saves of `path` killed mid-write left behind. Only under
/// the review's lock, when no other save can be writing one.
fn remove_leftovers(path: &Path) {
    let (prefix, suffix) = tmp_affixes(path);
    let (Some(prefix), Some(dir)) = (prefix.to_str(), path.parent()) else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        if name
            .to_str()
            .is_some_and(|n| n.starts_with(prefix) && n.ends_with(suffix))
        {
            let _ = std::fs::remove_file(e.path()); // Gone already: nothing to do.
        }
    }
}

/// A review file as a writer last read or wrote it: where, what it held, the SHA-256 of its
/// bytes and its size and modification time (to notice cheaply that someone wrote it since).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen {
    /// The file.
    pub path: PathBuf,
    /// The review it held.
    pub sidecar: Sidecar,
    /// The SHA-256 of its bytes.
    pub sha256: String,
    /// Its size and modification time, when known.
    pub stamp: Option<(u64, SystemTime)>,
}

/// A file's size and modification time.
fn stamp(path: &Path) -> Option<(u64, SystemTime)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?))
}

impl Seen {
    /// Whether the file looks changed since (its size or time differ, or it appeared or went):
    /// a cheap check, before [`sync`] reads and compares the bytes.
    pub fn looks_changed(&self) -> bool {
        stamp(&self.path) != self.stamp
    }
}

/// When [`sync`] writes the merged review back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Write {
    /// Always (a save).
    Always,
    /// Only when the merged review differs from the file's (noticing another writer's save:
    /// the file is written only if this writer has corrections it lacks).
    IfNeeded,
}

/// What [`sync`] and [`save`] did.
#[derive(Debug)]
pub struct Synced {
    /// The review file.
    pub path: PathBuf,
    /// What the merge brought, when another writer had changed the file.
    pub merged: Option<Merged>,
    /// Whether the file was written.
    pub wrote: bool,
    /// Whether the exclusive lock was held. `false` where the file system has no locks (some
    /// network file systems): the merge by content still ran, so a concurrent edit is noticed
    /// and merged, but two saves at the same instant are not prevented.
    pub locked: bool,
}

/// The lock file of the review at `path`: `.NAME.lock` in the same folder. It is never renamed
/// or removed, so that every writer locks the same file.
pub fn lock_path(path: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(".lock");
    path.with_file_name(name)
}

/// Why [`sync`] did not finish: the file is there but must not be written over (it cannot be
/// read or used, or another program holds it), or it could not be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncError {
    /// The review file is left as it is: why, in a sentence part.
    Kept(String),
    /// Writing failed: why.
    Unwritable(String),
}

impl std::fmt::Display for SyncError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Kept(why) | Self::Unwritable(why) => f.write_str(why),
        }
    }
}

/// How long a writer waits for another to finish its save before giving up (the lock is held
/// only for a read, a merge and a write).
const LOCK_WAIT: Duration = Duration::from_secs(5);

/// The exclusive lock of the review at `path`, held until the returned file is dropped;
/// `Ok(None)` where locks are not supported or the lock file cannot be made (a folder others
/// can read but not write): the caller goes on without one.
fn lock(path: &Path) -> Result<Option<std::fs::File>, SyncError> {
    let Ok(file) = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock_path(path))
    else {
        return Ok(None);
    };
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Some(file)),
            Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(2));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(SyncError::Kept(format!(
                    "another program has been saving this review for {} seconds: {}",
                    LOCK_WAIT.as_secs(),
                    path.display()
                )));
            }
            Err(std::fs::TryLockError::Error(_)) => return Ok(None),
        }
    }
}

/// Brings `mine` together with the review file at `path`, under its exclusive lock: reads the
/// file, and if it changed since `seen` (another writer saved), merges it into `mine` three
/// ways (`seen` as the base); then writes `mine` atomically (always, or only if needed) and
/// records in `seen` what the file now holds. A file that is missing counts as unchanged (a
/// deleted review is written again whole). A file that cannot be read or used is left as it
/// is, and the error says why; `mine` is then unchanged.
pub fn sync(
    path: &Path,
    mine: &mut Sidecar,
    seen: &mut Option<Seen>,
    write: Write,
) -> Result<Synced, SyncError> {
    let held = lock(path)?;
    let current = match std::fs::read(path) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(SyncError::Kept(format!(
                "it could not be read again ({e}): {}",
                path.display()
            )));
        }
    };
    let base = seen.as_ref().filter(|s| s.path == path);
    let mut merged = None;
    if let Some(bytes) = &current
        && base.is_none_or(|b| b.sha256 != sha256_bytes(bytes))
    {
        let theirs = Sidecar::parse(bytes).map_err(|e| {
            SyncError::Kept(format!(
                "it was changed by another program and {e}; it is left as it is: {}",
                path.display()
            ))
        })?;
        let empty = Sidecar::for_article(mine.article.clone());
        let m = merge(base.map_or(&empty, |b| &b.sidecar), mine, &theirs);
        mine.clone_from(&m.sidecar);
        merged = Some(m);
    }
    let json = mine.to_json();
    let must = write == Write::Always || current.as_deref() != Some(json.as_bytes());
    if must {
        if held.is_some() {
            remove_leftovers(path);
        }
        write_atomic(path, json.as_bytes())
            .map_err(|e| SyncError::Unwritable(format!("{e}: {}", path.display())))?;
    }
    *seen = Some(Seen {
        path: path.to_path_buf(),
        sidecar: mine.clone(),
        sha256: sha256_bytes(json.as_bytes()),
        stamp: stamp(path),
    });
    let locked = held.is_some();
    drop(held);
    Ok(Synced {
        path: path.to_path_buf(),
        merged,
        wrote: must,
        locked,
    })
}

/// Saves `mine`, merged with what another writer saved meanwhile (see [`sync`]): to `prefer`
/// when given (where it was read or last saved), else beside the article, else in the data
/// folder (a place that cannot be written is passed over; a file there that must be kept stops
/// the save). Returns what happened, or a sentence saying why it could not be saved.
pub fn save(
    mine: &mut Sidecar,
    seen: &mut Option<Seen>,
    prefer: Option<&Path>,
    article: Option<&Path>,
    data_dir: Option<&Path>,
) -> Result<Synced, String> {
    let mut targets: Vec<PathBuf> = prefer.map(Path::to_path_buf).into_iter().collect();
    for c in candidates(article, data_dir, &mine.article.sha256) {
        if !targets.contains(&c) {
            targets.push(c);
        }
    }
    let mut last =
        String::from("no place to keep it: the article has no file and there is no data folder");
    for t in targets {
        if let Some(dir) = t.parent()
            && let Err(e) = std::fs::create_dir_all(dir)
        {
            last = format!("{e}: {}", t.display());
            continue;
        }
        match sync(&t, mine, seen, Write::Always) {
            Ok(done) => return Ok(done),
            Err(SyncError::Unwritable(e)) => last = e,
            Err(SyncError::Kept(e)) => {
                return Err(format!(
                    "The corrections could not be saved: the review file {e}"
                ));
            }
        }
    }
    Err(format!("The corrections could not be saved ({last})"))
}

/// Moves an unusable review aside to `PATH.bak` (replacing an older one), so that a new review
/// can start; returns where it went.
pub fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let mut bak = path.as_os_str().to_os_string();
    bak.push(".bak");
    let bak = PathBuf::from(bak);
    std::fs::rename(path, &bak)?;
    Ok(bak)
}

/// The data folder for reviews that cannot be kept beside their article: `QUOTELENS_DATA_DIR`
/// when set, else the app's data folder (on Linux `~/.local/share/quotelens`).
pub fn data_dir() -> Option<PathBuf> {
    std::env::var_os("QUOTELENS_DATA_DIR")
        .map(PathBuf::from)
        .filter(|p| !p.as_os_str().is_empty())
        .or_else(app_data_dir)
}

/// The app's own data folder, where the window keeps its settings too: on Linux
/// `$XDG_DATA_HOME/quotelens` or `~/.local/share/quotelens`, on macOS
/// `~/Library/Application Support/quotelens`, on Windows `%APPDATA%\quotelens\data`.
pub fn app_data_dir() -> Option<PathBuf> {
    let absolute = |p: PathBuf| p.is_absolute().then_some(p);
    if cfg!(target_os = "windows") {
        std::env::var_os("APPDATA")
            .map(PathBuf::from)
            .and_then(absolute)
            .map(|p| p.join("quotelens").join("data"))
    } else if cfg!(target_os = "macos") {
        std::env::home_dir().map(|p| p.join("Library/Application Support/quotelens"))
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .and_then(absolute)
            .or_else(|| std::env::home_dir().map(|p| p.join(".local").join("share")))
            .map(|p| p.join("quotelens"))
    }
}

/// An article's analysis with its review applied: what `quotelens analyze` and the Python
/// `analyze_file` give.
#[derive(Debug)]
pub struct AnalyzedWithReview {
    /// The analysis, with the review's corrections applied.
    pub analysis: crate::analysis::Analysis,
    /// Which quotes a person checked or corrected; `None` when no review applies.
    pub flags: Option<super::Flags>,
    /// What the user should hear: a review that cannot be used, or a correction that cannot be
    /// placed (the engine's reading stands for it). One line each.
    pub warnings: Vec<String>,
}

/// Analyses `doc` and applies its review (found beside it or in the data folder) unless
/// `review` is false.
pub fn analyze_reviewed(doc: &crate::document::Document, review: bool) -> AnalyzedWithReview {
    let analysis = crate::analysis::analyze(&doc.text);
    let mut out = AnalyzedWithReview {
        analysis,
        flags: None,
        warnings: Vec::new(),
    };
    if !review {
        return out;
    }
    let article = (!doc.is_stdin()).then_some(doc.path.as_path());
    let info = super::ArticleInfo::of(&doc.file_name(), &doc.text);
    let data_dir = data_dir();
    let opened = open(
        article,
        &info,
        &doc.text,
        &out.analysis,
        data_dir.as_deref(),
    );
    if let Some(why) = opened.unusable {
        out.warnings.push(why);
        return out;
    }
    // No correction to apply: the engine's reading, nothing checked or corrected.
    let Some(reviewed) = opened.reviewed else {
        return out;
    };
    for &i in &reviewed.unplaced {
        if let Some(c) = opened.sidecar.corrections.get(i) {
            out.warnings.push(format!(
                "a correction could not be placed in the article and is left out: {}",
                c.correction.describe()
            ));
        }
    }
    out.analysis = reviewed.analysis;
    out.flags = Some(reviewed.flags);
    out
}

/// An article's review, found and applied.
#[derive(Debug)]
pub struct Opened {
    /// The review (empty if there was none, or it is unusable).
    pub sidecar: Sidecar,
    /// Where it was read from.
    pub path: Option<PathBuf>,
    /// The analysis with the review applied; `None` when there is no correction to apply (the
    /// engine's analysis stands).
    pub reviewed: Option<super::Reviewed>,
    /// Why the review found cannot be used (it is left as it is, and must not be overwritten).
    pub unusable: Option<String>,
    /// The review file as read (the base of the next save's merge).
    pub seen: Option<Seen>,
}

/// Looks for the review of the article at `article` (`None`: text with no file), described by
/// `info` (its SHA-256 computed once by the caller), whose text is `text` and engine analysis
/// `base`, and applies it.
pub fn open(
    article: Option<&Path>,
    info: &super::ArticleInfo,
    text: &str,
    base: &crate::analysis::Analysis,
    data_dir: Option<&Path>,
) -> Opened {
    let (mut sidecar, path, unusable, seen) = match load(article, data_dir, &info.sha256) {
        Loaded::None => (Sidecar::for_article(info.clone()), None, None, None),
        Loaded::Found(seen) => (
            seen.sidecar.clone(),
            Some(seen.path.clone()),
            None,
            Some(seen),
        ),
        Loaded::Unusable(p, why) => (Sidecar::for_article(info.clone()), Some(p), Some(why), None),
    };
    // The article changed since the review was saved: its corrections are placed again.
    if unusable.is_none() && sidecar.article.sha256 != info.sha256 {
        sidecar.reanchor(text);
    }
    let reviewed =
        (!sidecar.corrections.is_empty()).then(|| super::apply(base, text, &sidecar.corrections));
    Opened {
        sidecar,
        path,
        reviewed,
        unusable,
        seen,
    }
}
