//! Reading a corpus index through a connection of its own (the desk's, on the UI thread, while
//! the indexing thread writes): the article list, a speaker's quotes, full-text search, and
//! the tables as CSV.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, params};

use super::{ArticleSummary, Hit, Scope, articles_of, count};
use crate::review::store::write_atomic;

/// A read-only connection to a corpus index.
pub struct Reader {
    conn: Connection,
}

/// One quote of a speaker, as the desk lists it across the corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteCard {
    /// The article's path in the folder.
    pub file: String,
    /// Its title.
    pub title: String,
    /// Its date, if the document gives one.
    pub date: Option<String>,
    /// The quote's index in the article's analysis (its review applied).
    pub quote: usize,
    /// The quoted words.
    pub text: String,
    /// Checked by a person.
    pub checked: bool,
}

/// The message of an index that cannot be read.
#[allow(
    clippy::needless_pass_by_value,
    reason = "`map_err` hands the error over by value"
)]
fn read_err(e: rusqlite::Error) -> String {
    format!("Could not read the corpus index ({e})")
}

impl Reader {
    /// Opens the index at `db` to read it.
    pub fn open(db: &Path) -> Result<Self, String> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(db, flags)
            .map_err(|e| format!("Could not read the corpus index ({e}): {}", db.display()))?;
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(read_err)?;
        Ok(Self { conn })
    }

    /// The connection (for [`super::stats::compute`]).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The articles, in path order.
    pub fn articles(&self) -> Result<Vec<ArticleSummary>, String> {
        articles_of(&self.conn)
    }

    /// Every quote whose speaker is `name` of kind `kind` (`person`, `organization`, …, as in
    /// the JSON), in article then text order.
    pub fn quotes_by(&self, name: &str, kind: &str) -> Result<Vec<QuoteCard>, String> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT a.path, a.title, a.date, q.idx, q.text, q.checked
                 FROM quotes q JOIN articles a ON a.id = q.article
                 WHERE q.speaker = ?1 AND q.speaker_kind = ?2
                 ORDER BY a.path, q.idx",
            )
            .map_err(read_err)?;
        let rows = st
            .query_map(params![name, kind], |r| {
                Ok(QuoteCard {
                    file: r.get(0)?,
                    title: r.get(1)?,
                    date: r.get(2)?,
                    quote: count(r.get(3)?),
                    text: r.get(4)?,
                    checked: r.get(5)?,
                })
            })
            .map_err(read_err)?;
        rows.collect::<Result<_, _>>().map_err(read_err)
    }

    /// The first `limit` places where `phrase` occurs (words in order, case and accents
    /// ignored as SQLite's tokenizer folds them), in quotes only or anywhere in the articles,
    /// best matches first. A phrase with no word finds nothing.
    pub fn search(&self, phrase: &str, scope: Scope, limit: usize) -> Result<Vec<Hit>, String> {
        search(&self.conn, phrase, scope, limit)
    }

    /// Writes the index's tables as CSV files into `dir` (each written whole or not at all):
    /// `articles.csv`, `people.csv`, `organisations.csv`, `countries.csv`, `quotes.csv`.
    /// Returns the files written.
    pub fn export_csv(&self, dir: &Path) -> Result<Vec<PathBuf>, String> {
        let tables: [(&str, &str); 5] = [
            (
                "articles",
                "SELECT path AS file, title, date, people, quotes, unattributed, checked,
                        error FROM articles ORDER BY path",
            ),
            (
                "people",
                "SELECT a.path AS file, p.name, p.mentions, p.quotes, p.referred
                 FROM people p JOIN articles a ON a.id = p.article ORDER BY a.path, p.idx",
            ),
            (
                "organisations",
                "SELECT a.path AS file, o.name, o.quotes
                 FROM organisations o JOIN articles a ON a.id = o.article
                 ORDER BY a.path, o.name",
            ),
            (
                "countries",
                "SELECT a.path AS file, c.code, c.name, c.mentions
                 FROM countries c JOIN articles a ON a.id = c.article ORDER BY a.path, c.idx",
            ),
            (
                "quotes",
                "SELECT a.path AS file, q.idx AS quote, q.start, q.end, q.text, q.kind,
                        q.speaker, q.speaker_kind, q.cue, q.rule, q.checked, q.corrected
                 FROM quotes q JOIN articles a ON a.id = q.article ORDER BY a.path, q.idx",
            ),
        ];
        let mut written = Vec::new();
        for (name, sql) in tables {
            let path = dir.join(format!("{name}.csv"));
            let bytes = self
                .table_csv(sql)
                .map_err(|e| format!("Could not export the corpus table {name} ({e})"))?;
            write_atomic(&path, &bytes)
                .map_err(|e| format!("Could not write {} ({e})", path.display()))?;
            written.push(path);
        }
        Ok(written)
    }

    /// The rows of `sql` as CSV, a header of its column names first.
    fn table_csv(&self, sql: &str) -> Result<Vec<u8>, String> {
        let mut st = self.conn.prepare(sql).map_err(|e| e.to_string())?;
        let names: Vec<String> = st.column_names().map(str::to_string).collect();
        let mut out = csv::Writer::from_writer(Vec::new());
        out.write_record(&names).map_err(|e| e.to_string())?;
        let mut rows = st.query([]).map_err(|e| e.to_string())?;
        while let Some(row) = rows.next().map_err(|e| e.to_string())? {
            let mut record = Vec::with_capacity(names.len());
            for i in 0..names.len() {
                use rusqlite::types::ValueRef;
                let cell = match row.get_ref(i).map_err(|e| e.to_string())? {
                    ValueRef::Null => String::new(),
                    ValueRef::Integer(n) => n.to_string(),
                    ValueRef::Real(x) => x.to_string(),
                    ValueRef::Text(t) | ValueRef::Blob(t) => {
                        String::from_utf8_lossy(t).into_owned()
                    }
                };
                record.push(cell);
            }
            out.write_record(&record).map_err(|e| e.to_string())?;
        }
        out.into_inner().map_err(|e| e.to_string())
    }
}

/// See [`Reader::search`].
pub(super) fn search(
    conn: &Connection,
    phrase: &str,
    scope: Scope,
    limit: usize,
) -> Result<Vec<Hit>, String> {
    // One FTS5 phrase: the words in double quotes (a quote mark in them doubled), so
    // nothing the user types is read as query syntax.
    if !phrase.chars().any(char::is_alphanumeric) {
        return Ok(Vec::new());
    }
    let query = format!("\"{}\"", phrase.replace('"', "\"\""));
    let sql = match scope {
        Scope::Quotes => {
            "SELECT a.path, a.title, q.idx, q.speaker,
                    snippet(quotes_fts, 0, '[', ']', '…', 16)
             FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid
             JOIN articles a ON a.id = q.article
             WHERE quotes_fts MATCH ?1 ORDER BY rank LIMIT ?2"
        }
        Scope::Anywhere => {
            "SELECT a.path, a.title, NULL, NULL, snippet(texts, 0, '[', ']', '…', 16)
             FROM texts JOIN articles a ON a.id = texts.rowid
             WHERE texts MATCH ?1 ORDER BY rank LIMIT ?2"
        }
    };
    let fail = |e: rusqlite::Error| format!("Could not search the corpus index ({e})");
    let mut st = conn.prepare_cached(sql).map_err(fail)?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = st
        .query_map(params![query, limit], |r| {
            Ok(Hit {
                file: r.get(0)?,
                title: r.get(1)?,
                quote: r
                    .get::<_, Option<i64>>(2)?
                    .and_then(|i| usize::try_from(i).ok()),
                speaker: r.get(3)?,
                context: r.get(4)?,
            })
        })
        .map_err(fail)?;
    rows.collect::<Result<_, _>>().map_err(fail)
}
