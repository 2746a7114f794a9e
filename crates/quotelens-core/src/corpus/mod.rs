//! A folder of articles as one corpus: a SQLite index (one per folder, in the data folder) of its
//! articles, people, countries and quotes, with the analysis and each article's review applied,
//! kept up to date by analysing only the files (or reviews) that changed.
//!
//! The index is a cache: anything it cannot vouch for (a damaged file, another schema or engine
//! version, another folder) is deleted and rebuilt, never read. Each batch of articles is written
//! in one transaction (SQLite's write-ahead log), so a run killed at any point leaves an index
//! that opens with every article either fully written or not at all.

mod read;
mod schema;
pub mod stats;

pub use read::{QuoteCard, Reader};

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant, UNIX_EPOCH};

use rusqlite::{Connection, OptionalExtension as _};

use crate::analysis::Analysis;
use crate::analysis::gender::{Referred, referred};
use crate::review::{Flags, sha256, store};

/// The index's schema version: an index of another version is rebuilt.
pub const SCHEMA_VERSION: i64 = 1;

/// The engine that wrote an index: an index written by another engine version is rebuilt, since
/// its analyses may differ.
pub const ENGINE: &str = concat!("quotelens-core ", env!("CARGO_PKG_VERSION"));

/// At most this many articles, or this long, between two commits of an update.
const COMMIT_EVERY: usize = 64;
/// See [`COMMIT_EVERY`].
const COMMIT_AFTER: Duration = Duration::from_millis(250);

/// An open corpus index.
pub struct Index {
    conn: Connection,
    root: PathBuf,
    path: PathBuf,
}

/// How [`Index::open`] found the index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opened {
    /// There was none: a new, empty one.
    New,
    /// The index as it was.
    Existing,
    /// There was one it could not use, for the reason given; it was deleted and a new one made.
    Rebuilt(String),
}

/// Where an update stands, for a progress bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Files dealt with so far (analysed, reused or failed).
    pub done: usize,
    /// Files in the folder.
    pub total: usize,
}

/// What an update did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Updated {
    /// Files in the folder.
    pub files: usize,
    /// Files analysed this run (new or changed, or whose review changed).
    pub analysed: usize,
    /// Files whose index rows were kept as they were.
    pub reused: usize,
    /// Files that could not be read, with their message (also kept in the index).
    pub failed: Vec<(String, String)>,
    /// Rows of files no longer in the folder, removed.
    pub removed: usize,
    /// The update was cancelled: what it did so far is kept.
    pub cancelled: bool,
}

/// Where [`Index::search`] looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// In the quoted words only.
    Quotes,
    /// Anywhere in the articles' text.
    Anywhere,
}

/// A place a search found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The article's path in the folder.
    pub file: String,
    /// Its title.
    pub title: String,
    /// The quote (its index in the article's analysis), when searching quotes.
    pub quote: Option<usize>,
    /// The quote's speaker, if it has one.
    pub speaker: Option<String>,
    /// The words around the match, the match in `[…]`.
    pub context: String,
}

/// A file as the index has it.
#[derive(Clone, Debug)]
struct Known {
    id: i64,
    size: i64,
    mtime: i64,
    sha: String,
    review: String,
}

/// One file's part in an update.
struct Job {
    path: PathBuf,
    rel: String,
    size: i64,
    mtime: i64,
    known: Option<Known>,
}

/// What a worker made of a file.
enum Outcome {
    /// The text and review are those the index has: only its size and time change.
    Same,
    /// Analysed: the rows to write.
    Analysed(Box<Article>),
    /// Could not be read.
    Failed(String),
}

/// One article's rows.
struct Article {
    sha: String,
    review: String,
    title: String,
    date: Option<String>,
    text: String,
    analysis: Analysis,
    flags: Flags,
    genders: Vec<Referred>,
}

/// The default place of the index of folder `root`: [`path_in`] the data folder
/// ([`store::data_dir`]).
pub fn default_path(root: &Path) -> Option<PathBuf> {
    Some(path_in(&store::data_dir()?, root))
}

/// The index of folder `root` in the data folder `data_dir`: `corpora/NAME-HASH.sqlite`, the
/// hash that of the folder's absolute path.
pub fn path_in(data_dir: &Path, root: &Path) -> PathBuf {
    let abs = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let name = abs
        .file_name()
        .map_or_else(|| "corpus".into(), |n| n.to_string_lossy().into_owned());
    let short: String = sha256(&abs.to_string_lossy()).chars().take(16).collect();
    data_dir
        .join("corpora")
        .join(format!("{name}-{short}.sqlite"))
}

/// One article as the corpus desk lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleSummary {
    /// Its path in the folder (`/` between parts).
    pub file: String,
    /// Its title (the file's path when it could not be read).
    pub title: String,
    /// The date the document gives, if any.
    pub date: Option<String>,
    /// People named.
    pub people: usize,
    /// Quotations and reported speech.
    pub quotes: usize,
    /// Of them, with no speaker.
    pub unattributed: usize,
    /// Of them, checked by a person.
    pub checked: usize,
    /// Why the file could not be read, if it could not.
    pub error: Option<String>,
}

/// A count or index read from SQLite (never negative there).
pub(super) fn count(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

/// The articles of the index on `conn`, in path order.
fn articles_of(conn: &Connection) -> Result<Vec<ArticleSummary>, String> {
    let fail = |e: rusqlite::Error| format!("Could not read the corpus index ({e})");
    let mut st = conn
        .prepare(
            "SELECT path, title, date, people, quotes, unattributed, checked, error
             FROM articles ORDER BY path",
        )
        .map_err(fail)?;
    let rows = st
        .query_map([], |r| {
            Ok(ArticleSummary {
                file: r.get(0)?,
                title: r.get(1)?,
                date: r.get(2)?,
                people: count(r.get(3)?),
                quotes: count(r.get(4)?),
                unattributed: count(r.get(5)?),
                checked: count(r.get(6)?),
                error: r.get(7)?,
            })
        })
        .map_err(fail)?;
    rows.collect::<Result<_, _>>().map_err(fail)
}

/// The articles of the index at `db`, read through a connection of their own: what another
/// thread's [`Index::update`] has committed so far (the table fills as it goes).
pub fn read_articles(db: &Path) -> Result<Vec<ArticleSummary>, String> {
    Reader::open(db)?.articles()
}

/// `path` relative to `root`, with `/` between its parts.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A file's size and modification time (nanoseconds since 1970), as the index compares them.
fn stamp(path: &Path) -> Option<(i64, i64)> {
    let meta = std::fs::metadata(path).ok()?;
    let size = i64::try_from(meta.len()).unwrap_or(i64::MAX);
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
    Some((size, mtime))
}

/// What says whether an article's review changed: each review file that exists for it (beside
/// it, or in `data_dir`), with its size and time ("" when it has none).
fn review_stamp(path: &Path, data_dir: Option<&Path>, text_sha: &str) -> String {
    let mut out = String::new();
    for c in store::candidates(Some(path), data_dir, text_sha) {
        if let Some((size, mtime)) = stamp(&c) {
            let _ = write!(out, "{}:{size}:{mtime};", c.display());
        }
    }
    out
}

/// Reads and analyses one file, unless its text and review (looked for in `data_dir` too) are
/// those the index has.
fn work(job: &Job, data_dir: Option<&Path>) -> Outcome {
    let doc = match crate::document::open(&job.path) {
        Ok(d) => d,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    let sha = sha256(&doc.text);
    let review = review_stamp(&job.path, data_dir, &sha);
    if job
        .known
        .as_ref()
        .is_some_and(|k| k.sha == sha && k.review == review)
    {
        return Outcome::Same;
    }
    let r = store::analyze_reviewed(&doc, true);
    let flags = r.flags.unwrap_or_else(|| Flags::none(&r.analysis));
    let title = crate::table::title(&r.analysis, &doc.text, &job.rel);
    let genders = referred(&r.analysis, &doc.text);
    Outcome::Analysed(Box::new(Article {
        sha,
        review,
        title,
        date: doc.date,
        text: doc.text,
        analysis: r.analysis,
        flags,
        genders,
    }))
}

impl Index {
    /// Opens (or makes) the index at `db` of the folder `root`. An index that cannot be used
    /// (not a database, damaged, another schema, engine or folder) is deleted and made anew.
    /// Errors are what stops the index from being made at all (a folder that cannot be
    /// written).
    pub fn open(root: &Path, db: &Path) -> Result<(Self, Opened), String> {
        match Self::open_unverified(root, db)? {
            (index, Opened::Existing) => index.verified(),
            made => Ok(made),
        }
    }

    /// Opens the index as [`Index::open`] does, but an existing one without SQLite's integrity
    /// scan, which reads every page (seconds for an index of tens of thousands of articles): its
    /// rows can be shown at once. [`Index::verified`] must follow before it is updated or its
    /// numbers are counted.
    pub fn open_unverified(root: &Path, db: &Path) -> Result<(Self, Opened), String> {
        if !root.is_dir() {
            return Err(format!("Not a folder: {}", root.display()));
        }
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                format!(
                    "Could not make the folder for the corpus index ({e}): {}",
                    dir.display()
                )
            })?;
        }
        if !db.exists() {
            return Self::create(root, db, Opened::New);
        }
        match Self::check(db, &root) {
            Ok(conn) => Ok((
                Self {
                    conn,
                    root,
                    path: db.to_path_buf(),
                },
                Opened::Existing,
            )),
            Err(why) => Self::rebuild(root, db, why),
        }
    }

    /// This index after SQLite's integrity scan (`quick_check`): itself as it was, or, when it
    /// is damaged, a new empty one in its place ([`Opened::Rebuilt`]).
    pub fn verified(self) -> Result<(Self, Opened), String> {
        let ok: Result<String, String> = self
            .conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|e| format!("it is damaged: {e}"));
        match ok {
            Ok(ok) if ok == "ok" => Ok((self, Opened::Existing)),
            Ok(ok) => self.replace(format!("it is damaged: {ok}")),
            Err(why) => self.replace(why),
        }
    }

    /// Closes this index and makes a new one in its place, for the reason given.
    fn replace(self, why: String) -> Result<(Self, Opened), String> {
        let Self { conn, root, path } = self;
        drop(conn);
        Self::rebuild(root, &path, why)
    }

    /// Deletes the index at `db` (and its log), which cannot be used for `why`, and makes a new
    /// one.
    fn rebuild(root: PathBuf, db: &Path, why: String) -> Result<(Self, Opened), String> {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = db.as_os_str().to_owned();
            p.push(suffix);
            let p = PathBuf::from(p);
            if p.exists() {
                std::fs::remove_file(&p).map_err(|e| {
                    format!(
                        "The corpus index cannot be used ({why}) nor deleted ({e}): {}",
                        p.display()
                    )
                })?;
            }
        }
        Self::create(root, db, Opened::Rebuilt(why))
    }

    /// Makes a new, empty index at `db`.
    fn create(root: PathBuf, db: &Path, opened: Opened) -> Result<(Self, Opened), String> {
        let fail =
            |e: rusqlite::Error| format!("Could not make the corpus index ({e}): {}", db.display());
        let conn = Connection::open(db).map_err(fail)?;
        schema::pragmas(&conn).map_err(fail)?;
        schema::create(&conn, &root.to_string_lossy()).map_err(fail)?;
        Ok((
            Self {
                conn,
                root,
                path: db.to_path_buf(),
            },
            opened,
        ))
    }

    /// The index at `db` if it can be used for `root`, else why not.
    fn check(db: &Path, root: &Path) -> Result<Connection, String> {
        let conn = Connection::open(db).map_err(|e| format!("it does not open: {e}"))?;
        schema::pragmas(&conn).map_err(|e| format!("it is not a database: {e}"))?;
        let meta = |key: &str| -> Result<Option<String>, String> {
            conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
                .optional()
                .map_err(|e| format!("it has no schema: {e}"))
        };
        let version = meta("schema")?;
        if version.as_deref() != Some(&SCHEMA_VERSION.to_string()) {
            return Err(format!(
                "its schema is version {}, this Quotelens reads {SCHEMA_VERSION}",
                version.as_deref().unwrap_or("unknown")
            ));
        }
        let engine = meta("engine")?;
        if engine.as_deref() != Some(ENGINE) {
            return Err(format!(
                "it was written by {}, this is {ENGINE}",
                engine.as_deref().unwrap_or("an unknown engine")
            ));
        }
        let of = meta("root")?;
        if of.as_deref() != Some(&*root.to_string_lossy()) {
            return Err(format!(
                "it is the index of another folder ({})",
                of.as_deref().unwrap_or("unknown")
            ));
        }
        Ok(conn)
    }

    /// The folder this indexes (absolute).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the index is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The articles, in path order.
    pub fn articles(&self) -> Result<Vec<ArticleSummary>, String> {
        articles_of(&self.conn)
    }

    /// The connection, for the queries of [`stats`] and the corpus views.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The files the index has, by path relative to the folder.
    fn known(&self) -> Result<HashMap<String, Known>, String> {
        let fail = |e: rusqlite::Error| format!("Could not read the corpus index ({e})");
        let mut st = self
            .conn
            .prepare("SELECT id, path, size, mtime, sha256, review FROM articles")
            .map_err(fail)?;
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(1)?,
                    Known {
                        id: r.get(0)?,
                        size: r.get(2)?,
                        mtime: r.get(3)?,
                        sha: r.get(4)?,
                        review: r.get(5)?,
                    },
                ))
            })
            .map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// Brings the index up to date with the folder: analyses (on `jobs` threads, the calling
    /// thread among them) the files that are new, whose size, time, text or review changed, or
    /// that failed before; keeps the rows of the others; removes those of files gone. `progress`
    /// hears of each file done; once `cancel` is set, no new file is started and what is done is
    /// kept. Errors are those of the index itself (it cannot be written) or of the folder (it
    /// cannot be listed).
    pub fn update(
        &mut self,
        jobs: Option<usize>,
        progress: &(dyn Fn(Progress) + Sync),
        cancel: &AtomicBool,
    ) -> Result<Updated, String> {
        let files = crate::batch::collect_inputs(std::slice::from_ref(&self.root))?;
        // Where reviews may be kept apart from their articles: read once for the whole run.
        let data_dir = store::data_dir();
        let data_dir = data_dir.as_deref();
        let mut known = self.known()?;
        let mut updated = Updated {
            files: files.len(),
            ..Updated::default()
        };
        let mut todo = Vec::new();
        let mut reused = 0;
        let mut seen = std::collections::HashSet::new();
        for path in files {
            let rel = relative(&self.root, &path);
            seen.insert(rel.clone());
            let k = known.remove(&rel);
            let (size, mtime) = stamp(&path).unwrap_or((-1, -1));
            // Same size and time, and the same review files: the rows stand, the file unread.
            if let Some(k) = &k
                && k.size == size
                && k.mtime == mtime
                && !k.sha.is_empty()
                && k.review == review_stamp(&path, data_dir, &k.sha)
            {
                reused += 1;
                continue;
            }
            todo.push(Job {
                path,
                rel,
                size,
                mtime,
                known: k,
            });
        }
        let total = updated.files;
        updated.reused = reused;
        progress(Progress {
            done: reused,
            total,
        });
        // What is left in `known` is gone from the folder.
        let gone: Vec<i64> = known.values().map(|k| k.id).collect();
        let tx = self.conn.transaction().map_err(write_err)?;
        for id in &gone {
            schema::delete_article(&tx, *id).map_err(write_err)?;
        }
        tx.commit().map_err(write_err)?;
        updated.removed = gone.len();

        let threads = crate::batch::threads(jobs).min(todo.len().max(1));
        let next = AtomicUsize::new(0);
        let (send, recv) = std::sync::mpsc::channel::<(usize, Outcome)>();
        let todo = &todo;
        let take = || {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let i = next.fetch_add(1, Ordering::Relaxed);
            (i < todo.len()).then_some(i)
        };
        let result = std::thread::scope(|scope| -> Result<(), String> {
            for _ in 1..threads {
                let send = send.clone();
                let take = &take;
                scope.spawn(move || {
                    while let Some(i) = take() {
                        if send.send((i, work(&todo[i], data_dir))).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(send);
            // This thread writes; with one thread it works too.
            let mut done = reused;
            let mut tx = self.conn.unchecked_transaction().map_err(write_err)?;
            let (mut batch, mut since) = (0, Instant::now());
            let mut record = |tx: &rusqlite::Transaction<'_>, i: usize, o: Outcome| {
                let job = &todo[i];
                match o {
                    Outcome::Same => {
                        updated.reused += 1;
                        schema::touch(tx, job).map_err(write_err)
                    }
                    Outcome::Analysed(a) => {
                        updated.analysed += 1;
                        schema::write_article(tx, job, &a).map_err(write_err)
                    }
                    Outcome::Failed(why) => {
                        updated.failed.push((job.rel.clone(), why.clone()));
                        schema::write_failure(tx, job, &why).map_err(write_err)
                    }
                }
            };
            loop {
                let got = if threads == 1 {
                    take().map(|i| (i, work(&todo[i], data_dir)))
                } else {
                    recv.recv().ok()
                };
                let Some((i, outcome)) = got else { break };
                record(&tx, i, outcome)?;
                done += 1;
                batch += 1;
                progress(Progress { done, total });
                if batch >= COMMIT_EVERY || since.elapsed() >= COMMIT_AFTER {
                    tx.commit().map_err(write_err)?;
                    tx = self.conn.unchecked_transaction().map_err(write_err)?;
                    (batch, since) = (0, Instant::now());
                }
            }
            tx.commit().map_err(write_err)
        });
        if result.is_err() {
            cancel.store(true, Ordering::Relaxed);
        }
        result?;
        updated.cancelled = cancel.load(Ordering::Relaxed)
            && updated.analysed + updated.reused + updated.failed.len() < total;
        updated.failed.sort();
        Ok(updated)
    }

    /// The first `limit` places where `phrase` occurs: see [`Reader::search`].
    pub fn search(&self, phrase: &str, scope: Scope, limit: usize) -> Result<Vec<Hit>, String> {
        read::search(&self.conn, phrase, scope, limit)
    }
}

/// The message of an index that cannot be written.
#[allow(
    clippy::needless_pass_by_value,
    reason = "`map_err` hands the error over by value"
)]
fn write_err(e: rusqlite::Error) -> String {
    format!("Could not write the corpus index ({e})")
}

#[cfg(test)]
mod tests;
