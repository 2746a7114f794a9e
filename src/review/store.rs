//! Where a review is kept and how it is read and written: beside the article
//! (`ARTICLE.quotelens.json`), or in the app's data folder when the article's folder is not
//! writable or the article has no file; read with a damaged or newer file told apart; written
//! atomically (a temporary file in the same folder, flushed to disk, then renamed over the old).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{Sidecar, sha256};

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
    /// A review, and where.
    Found(Sidecar, PathBuf),
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
            Ok(s) => Loaded::Found(s, path),
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

/// Writes `bytes` to `path` atomically: into a temporary file in the same folder, flushed to
/// disk, renamed over `path`, and the folder flushed. Whatever happens, `path` holds the old
/// contents or the new, whole.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(path.file_name().unwrap_or_default());
    tmp_name.push(".tmp");
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

/// Saves `sidecar`: to `prefer` when given (where it was read or last saved), else beside the
/// article, else in the data folder. Returns where it went, or a sentence saying why it could
/// not be saved anywhere.
pub fn save(
    sidecar: &Sidecar,
    prefer: Option<&Path>,
    article: Option<&Path>,
    data_dir: Option<&Path>,
) -> Result<PathBuf, String> {
    let json = sidecar.to_json();
    let mut targets: Vec<PathBuf> = prefer.map(Path::to_path_buf).into_iter().collect();
    for c in candidates(article, data_dir, &sidecar.article.sha256) {
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
        match write_atomic(&t, json.as_bytes()) {
            Ok(()) => return Ok(t),
            Err(e) => last = format!("{e}: {}", t.display()),
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
        .or_else(|| eframe::storage_dir("quotelens"))
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
    let (mut sidecar, path, unusable) = match load(article, data_dir, &info.sha256) {
        Loaded::None => (Sidecar::for_article(info.clone()), None, None),
        Loaded::Found(s, p) => (s, Some(p), None),
        Loaded::Unusable(p, why) => (Sidecar::for_article(info.clone()), Some(p), Some(why)),
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
    }
}
