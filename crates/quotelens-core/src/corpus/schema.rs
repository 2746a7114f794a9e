//! The corpus index's tables (version [`super::SCHEMA_VERSION`]) and the writes of one article.
//! Offsets are in characters, as in the JSON; an article's rows are deleted with it (foreign
//! keys with `ON DELETE CASCADE`, and the full-text rows by hand).

use rusqlite::{Connection, Transaction, params};

use super::{Article, ENGINE, Job, SCHEMA_VERSION};
use crate::analysis::export::CharIndex;
use crate::analysis::{EntityRef, Quote};
use crate::table::{quote_kind, speaker_kind};

/// The tables. `articles` has one row per file (a failed one with its `error`); `people`,
/// `countries`, `mentions` and `quotes` the analysis of each, the review applied;
/// `organisations` is a view of the organisations quoted; `quotes_fts` and `texts` are the
/// full-text indexes of the quotes and of whole articles (rowid = article id).
const TABLES: &str = "
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    review TEXT NOT NULL,
    error TEXT,
    title TEXT NOT NULL,
    date TEXT,
    characters INTEGER NOT NULL,
    quotes INTEGER NOT NULL,
    unattributed INTEGER NOT NULL,
    checked INTEGER NOT NULL,
    people INTEGER NOT NULL
);
CREATE TABLE people(
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    name TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    quotes INTEGER NOT NULL,
    referred TEXT NOT NULL,
    PRIMARY KEY(article, idx)
);
CREATE INDEX people_name ON people(name);
CREATE TABLE countries(
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY(article, idx)
);
CREATE TABLE mentions(
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL
);
CREATE INDEX mentions_article ON mentions(article);
CREATE TABLE quotes(
    id INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    speaker TEXT,
    speaker_kind TEXT,
    person INTEGER,
    cue TEXT,
    rule TEXT NOT NULL,
    checked INTEGER NOT NULL,
    corrected INTEGER NOT NULL
);
CREATE INDEX quotes_article ON quotes(article);
CREATE INDEX quotes_speaker ON quotes(speaker);
CREATE VIEW organisations AS
    SELECT article, speaker AS name, count(*) AS quotes FROM quotes
    WHERE speaker_kind = 'organization' GROUP BY article, speaker;
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='id');
CREATE VIRTUAL TABLE texts USING fts5(text);
";

/// The connection's settings: the write-ahead log (a killed writer leaves the last commit),
/// foreign keys on.
pub(super) fn pragmas(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")
}

/// Makes the tables of a new index of `root`, in one transaction.
pub(super) fn create(conn: &Connection, root: &str) -> rusqlite::Result<()> {
    let tx = conn.unchecked_transaction()?;
    tx.execute_batch(TABLES)?;
    let mut put = tx.prepare("INSERT INTO meta(key, value) VALUES (?1, ?2)")?;
    put.execute(params!["schema", SCHEMA_VERSION.to_string()])?;
    put.execute(params!["engine", ENGINE])?;
    put.execute(params!["root", root])?;
    drop(put);
    tx.commit()
}

/// An SQLite integer of a count or offset.
fn int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The person of the analysis who said quote `q`, if a person of it did.
fn person_of(q: &Quote) -> Option<usize> {
    match q.speaker.as_ref()?.entity? {
        EntityRef::Person(p) => Some(p),
        EntityRef::Country(_) => None,
    }
}

/// Deletes article `id` and everything of it.
pub(super) fn delete_article(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<()> {
    let mut st = tx.prepare_cached("SELECT id, text FROM quotes WHERE article = ?1")?;
    let quotes: Vec<(i64, String)> = st
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut fts = tx.prepare_cached(
        "INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', ?1, ?2)",
    )?;
    for (qid, text) in quotes {
        fts.execute(params![qid, text])?;
    }
    tx.execute("DELETE FROM texts WHERE rowid = ?1", [id])?;
    tx.execute("DELETE FROM articles WHERE id = ?1", [id])?;
    Ok(())
}

/// A file whose text and review are unchanged: its new size and time.
pub(super) fn touch(tx: &Transaction<'_>, job: &Job) -> rusqlite::Result<()> {
    let Some(k) = &job.known else { return Ok(()) };
    tx.execute(
        "UPDATE articles SET size = ?1, mtime = ?2 WHERE id = ?3",
        params![job.size, job.mtime, k.id],
    )?;
    Ok(())
}

/// A file that could not be read: its row holds the message, and it is tried again next time.
pub(super) fn write_failure(tx: &Transaction<'_>, job: &Job, why: &str) -> rusqlite::Result<()> {
    if let Some(k) = &job.known {
        delete_article(tx, k.id)?;
    }
    tx.execute(
        "INSERT INTO articles(path, size, mtime, sha256, review, error, title, characters, quotes,
                              unattributed, checked, people)
         VALUES (?1, ?2, ?3, '', '', ?4, ?1, 0, 0, 0, 0, 0)",
        params![job.rel, job.size, job.mtime, why],
    )?;
    Ok(())
}

/// An analysed article's rows, in place of any it had.
pub(super) fn write_article(tx: &Transaction<'_>, job: &Job, a: &Article) -> rusqlite::Result<()> {
    if let Some(k) = &job.known {
        delete_article(tx, k.id)?;
    }
    let an = &a.analysis;
    let chars = CharIndex::new(&a.text);
    let ch = |b: usize| int(chars.char_of(b));
    let speech: Vec<usize> = (0..an.quotes.len())
        .filter(|&i| an.quotes[i].is_speech())
        .collect();
    let unattributed = speech
        .iter()
        .filter(|&&i| an.quotes[i].speaker.is_none())
        .count();
    let checked = speech
        .iter()
        .filter(|&&i| a.flags.checked.get(i) == Some(&true))
        .count();
    tx.execute(
        "INSERT INTO articles(path, size, mtime, sha256, review, error, title, date, characters,
                              quotes, unattributed, checked, people)
         VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            job.rel,
            job.size,
            job.mtime,
            a.sha,
            a.review,
            a.title,
            a.date,
            int(a.text.chars().count()),
            int(speech.len()),
            int(unattributed),
            int(checked),
            int(an.people.len()),
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO texts(rowid, text) VALUES (?1, ?2)",
        params![id, a.text],
    )?;
    let mut person = tx.prepare_cached(
        "INSERT INTO people(article, idx, name, mentions, quotes, referred)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut mention = tx.prepare_cached(
        "INSERT INTO mentions(article, kind, idx, start, end) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    // Each person's quotes, in one pass over the quotes.
    let mut said = vec![0; an.people.len()];
    for &q in &speech {
        if let Some(n) = person_of(&an.quotes[q]).and_then(|p| said.get_mut(p)) {
            *n += 1;
        }
    }
    for (i, p) in an.people.iter().enumerate() {
        let referred = a.genders.get(i).map_or("not stated", |g| g.label());
        person.execute(params![
            id,
            int(i),
            p.name,
            int(p.mentions.len()),
            int(said[i]),
            referred
        ])?;
        for m in &p.mentions {
            mention.execute(params![id, "person", int(i), ch(m.start), ch(m.end)])?;
        }
    }
    let mut country = tx.prepare_cached(
        "INSERT INTO countries(article, idx, code, name, mentions) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, c) in an.countries.iter().enumerate() {
        country.execute(params![id, int(i), c.code, c.name, int(c.mentions.len())])?;
        for m in &c.mentions {
            mention.execute(params![
                id,
                "country",
                int(i),
                ch(m.span.start),
                ch(m.span.end)
            ])?;
        }
    }
    let mut quote = tx.prepare_cached(
        "INSERT INTO quotes(article, idx, start, end, text, kind, speaker, speaker_kind, person,
                            cue, rule, checked, corrected)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut fts = tx.prepare_cached("INSERT INTO quotes_fts(rowid, text) VALUES (?1, ?2)")?;
    for &i in &speech {
        let q = &an.quotes[i];
        let text = a.text.get(q.span.start..q.span.end).unwrap_or_default();
        let person = person_of(q).map(int);
        quote.execute(params![
            id,
            int(i),
            ch(q.span.start),
            ch(q.span.end),
            text,
            quote_kind(q.kind),
            q.speaker.as_ref().map(|s| s.name.as_str()),
            q.speaker.as_ref().map(|s| speaker_kind(s.kind)),
            person,
            q.cue.and_then(|c| a.text.get(c.start..c.end)),
            q.rule.label(),
            a.flags.checked.get(i) == Some(&true),
            a.flags.quotes.get(i) == Some(&true),
        ])?;
        fts.execute(params![tx.last_insert_rowid(), text])?;
    }
    Ok(())
}
