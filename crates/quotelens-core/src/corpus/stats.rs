//! What a corpus says, read from its index: who is quoted and how often, which countries come
//! up, where the quotes come from (named people, organisations, unnamed sources), people quoted
//! against people only mentioned, quoted people by how the articles refer to them, and quotes
//! over time. `quotelens stats` prints it; the corpus desk shows the same numbers.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rusqlite::Connection;
use serde::Serialize;

use super::{Updated, count};

/// The schema name of `quotelens stats --json`.
pub const SCHEMA: &str = "quotelens.stats/1";

/// One line of explanation per number, as the desk and the text report show them.
pub mod explain {
    /// The quotes counted.
    pub const QUOTES: &str = "Quotations and reported speech (not names or scare quotes), \
        with any review applied.";
    /// Speakers.
    pub const SPEAKERS: &str = "A speaker's quotes across the corpus, and in how many articles; \
        a name is one speaker wherever it is written the same way.";
    /// Sources.
    pub const SOURCES: &str = "Who the quotes come from: a named person; an organisation or a \
        government (\"the ministry said\"); an unnamed source, reported as saying it but not named \
        (\"a senior official said\"); or no attribution found at all.";
    /// Quoted against mentioned.
    pub const PEOPLE: &str = "People named in the corpus: quoted at least once, or only \
        mentioned.";
    /// Gender.
    pub const GENDER: &str = "Quoted people by how the articles themselves refer to them: \
        \"he\" or \"she\" when an article calls them Mr/Ms/Mrs (or a gendered title such as \
        spokeswoman) or attributes a quote to them as he/she; \"not stated\" otherwise or when \
        articles disagree. Never guessed from a first name.";
    /// Countries.
    pub const COUNTRIES: &str = "A country's mentions (name, demonym or capital) across the \
        corpus, and in how many articles.";
    /// Over time.
    pub const OVER_TIME: &str = "Quotes per month of the articles that give a date; articles \
        without one are counted apart.";
}

/// A speaker across the corpus.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Speaker {
    /// The name.
    pub name: String,
    /// "person", "organization" or "country".
    pub kind: String,
    /// Quotes.
    pub quotes: usize,
    /// Articles quoting them.
    pub articles: usize,
}

/// A country across the corpus.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Country {
    /// The name.
    pub name: String,
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// Mentions.
    pub mentions: usize,
    /// Articles mentioning it.
    pub articles: usize,
}

/// Where the quotes come from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Sources {
    /// From a named person.
    pub person: usize,
    /// From an organisation or a government.
    pub organization: usize,
    /// From a source reported as saying it but not named ("a senior official said").
    pub unnamed: usize,
    /// With no attribution found at all (no speaker, no speech verb).
    pub unattributed: usize,
}

/// People quoted against people only mentioned.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct People {
    /// Quoted at least once.
    pub quoted: usize,
    /// Named but never quoted.
    pub only_mentioned: usize,
}

/// Quoted people by how the articles refer to them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Gender {
    /// "he".
    pub he: usize,
    /// "she".
    pub she: usize,
    /// Neither, or the articles disagree.
    pub not_stated: usize,
}

/// One month of quotes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Month {
    /// "YYYY-MM".
    pub month: String,
    /// Articles dated in it.
    pub articles: usize,
    /// Their quotes.
    pub quotes: usize,
}

/// A file that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Failed {
    /// Its path in the folder.
    pub file: String,
    /// Why.
    pub error: String,
}

/// What this run did to the index.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Run {
    /// Files analysed this run.
    pub analysed: usize,
    /// Files whose rows were reused from the index.
    pub reused: usize,
    /// Rows of files gone from the folder, removed.
    pub removed: usize,
    /// The run was cancelled before every file was done.
    pub cancelled: bool,
}

/// The corpus in numbers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// The folder.
    pub folder: String,
    /// What this run did.
    pub run: Run,
    /// Articles analysed (files that could be read).
    pub articles: usize,
    /// Files that could not be read.
    pub failed: Vec<Failed>,
    /// Quotations and reported speech.
    pub quotes: usize,
    /// Of them, checked by a person.
    pub checked: usize,
    /// Articles with every quote checked (and at least one quote).
    pub articles_checked: usize,
    /// Speakers, most quoted first.
    pub speakers: Vec<Speaker>,
    /// Countries, most mentioned first.
    pub countries: Vec<Country>,
    /// Where the quotes come from.
    pub sources: Sources,
    /// People quoted against only mentioned.
    pub people: People,
    /// Quoted people by how the articles refer to them.
    pub quoted_people_by_gender: Gender,
    /// Quotes per month, in order.
    pub over_time: Vec<Month>,
    /// Articles without a date.
    pub undated_articles: usize,
}

/// The numbers of the index on `conn`, with what `run` did.
pub fn compute(conn: &Connection, folder: &str, run: &Updated) -> rusqlite::Result<Stats> {
    let one = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).map(count);
    let articles = one("SELECT count(*) FROM articles WHERE error IS NULL")?;
    let quotes = one("SELECT count(*) FROM quotes")?;
    let checked = one("SELECT count(*) FROM quotes WHERE checked")?;
    let articles_checked = one(
        "SELECT count(*) FROM articles WHERE error IS NULL AND quotes > 0 AND checked = quotes",
    )?;
    let mut st =
        conn.prepare("SELECT path, error FROM articles WHERE error IS NOT NULL ORDER BY path")?;
    let failed = st
        .query_map([], |r| {
            Ok(Failed {
                file: r.get(0)?,
                error: r.get(1)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut st = conn.prepare(
        "SELECT speaker, speaker_kind, count(*) AS n, count(DISTINCT article) FROM quotes
         WHERE speaker IS NOT NULL AND speaker_kind IN ('person', 'organization', 'country')
         GROUP BY speaker, speaker_kind ORDER BY n DESC, speaker",
    )?;
    let speakers = st
        .query_map([], |r| {
            Ok(Speaker {
                name: r.get(0)?,
                kind: r.get(1)?,
                quotes: count(r.get(2)?),
                articles: count(r.get(3)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut st = conn.prepare(
        "SELECT name, code, sum(mentions) AS n, count(DISTINCT article) FROM countries
         GROUP BY code ORDER BY n DESC, name",
    )?;
    let countries = st
        .query_map([], |r| {
            Ok(Country {
                name: r.get(0)?,
                code: r.get(1)?,
                mentions: count(r.get(2)?),
                articles: count(r.get(3)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    let sources = sources(conn)?;
    let (people, gender) = people(conn)?;
    let (over_time, undated) = months(conn)?;
    Ok(Stats {
        schema: SCHEMA,
        folder: folder.to_string(),
        run: Run {
            analysed: run.analysed,
            reused: run.reused,
            removed: run.removed,
            cancelled: run.cancelled,
        },
        articles,
        failed,
        quotes,
        checked,
        articles_checked,
        speakers,
        countries,
        sources,
        people,
        quoted_people_by_gender: gender,
        over_time,
        undated_articles: undated,
    })
}

/// Where the quotes come from.
fn sources(conn: &Connection) -> rusqlite::Result<Sources> {
    let mut sources = Sources::default();
    let mut st =
        conn.prepare("SELECT speaker_kind, cue IS NOT NULL, count(*) FROM quotes GROUP BY 1, 2")?;
    let rows = st.query_map([], |r| {
        Ok((
            r.get::<_, Option<String>>(0)?,
            r.get::<_, bool>(1)?,
            count(r.get(2)?),
        ))
    })?;
    for row in rows {
        let (kind, cue, n) = row?;
        match (kind.as_deref(), cue) {
            (Some("person"), _) => sources.person += n,
            (Some("organization" | "country"), _) => sources.organization += n,
            // Said by someone the article does not name ("a senior official said").
            (Some(_), _) | (None, true) => sources.unnamed += n,
            (None, false) => sources.unattributed += n,
        }
    }
    Ok(sources)
}

/// People quoted against only mentioned, and the quoted by how the articles refer to them.
fn people(conn: &Connection) -> rusqlite::Result<(People, Gender)> {
    let mut people = People::default();
    let mut gender = Gender::default();
    let mut st = conn.prepare(
        "SELECT sum(quotes) > 0, group_concat(DISTINCT referred) FROM people GROUP BY name",
    )?;
    let rows = st.query_map([], |r| Ok((r.get::<_, bool>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (is_quoted, referred) = row?;
        if !is_quoted {
            people.only_mentioned += 1;
            continue;
        }
        people.quoted += 1;
        let said: Vec<&str> = referred.split(',').filter(|r| *r != "not stated").collect();
        match said.as_slice() {
            ["he"] => gender.he += 1,
            ["she"] => gender.she += 1,
            _ => gender.not_stated += 1,
        }
    }
    Ok((people, gender))
}

/// Quotes per month of the dated articles, and how many are undated.
fn months(conn: &Connection) -> rusqlite::Result<(Vec<Month>, usize)> {
    let mut months: BTreeMap<String, Month> = BTreeMap::new();
    let mut undated = 0;
    let mut st = conn.prepare("SELECT date, quotes FROM articles WHERE error IS NULL")?;
    let rows = st.query_map([], |r| {
        Ok((r.get::<_, Option<String>>(0)?, count(r.get(1)?)))
    })?;
    for row in rows {
        let (date, n) = row?;
        let Some(month) = date.as_deref().and_then(month_of) else {
            undated += 1;
            continue;
        };
        let m = months.entry(month.clone()).or_insert(Month {
            month,
            articles: 0,
            quotes: 0,
        });
        m.articles += 1;
        m.quotes += n;
    }
    Ok((months.into_values().collect(), undated))
}

/// The month ("YYYY-MM") of a date that starts with an ISO date ("2020-03-05", "2020-03-05T…").
pub fn month_of(date: &str) -> Option<String> {
    let b = date.trim().as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    (digits(0..4) && b.get(4) == Some(&b'-') && digits(5..7))
        .then(|| date.trim()[..7].to_string())
        .filter(|m| {
            matches!(
                &m[5..7],
                "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12"
            )
        })
}

/// "1 quote", "2 quotes".
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `n` of `of` as a percentage with no decimals ("0 %" of nothing).
fn share(n: usize, of: usize) -> String {
    if of == 0 {
        return "0 %".into();
    }
    #[allow(clippy::cast_precision_loss, reason = "counts far below 2^52")]
    let p = n as f64 * 100.0 / of as f64;
    format!("{p:.0} %")
}

impl Stats {
    /// The numbers as text, each section with its explanation; `top` rows of each list.
    pub fn text(&self, top: usize) -> String {
        let mut s = String::new();
        let section = |s: &mut String, title: &str, why: &str| {
            let _ = write!(s, "\n{title}\n  {why}\n");
        };
        let _ = writeln!(s, "Corpus: {}", self.folder);
        let cancelled = if self.run.cancelled {
            "; cancelled before the end"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "{} ({} analysed this run, {} reused from the index{cancelled}), {}, {} checked ({}); {} fully checked",
            plural(self.articles, "article"),
            self.run.analysed,
            self.run.reused,
            plural(self.quotes, "quote"),
            self.checked,
            share(self.checked, self.quotes),
            plural(self.articles_checked, "article"),
        );
        if !self.failed.is_empty() {
            let _ = writeln!(
                s,
                "\n{} could not be read:",
                plural(self.failed.len(), "file")
            );
            for f in &self.failed {
                let _ = writeln!(s, "  {}: {}", f.file, f.error);
            }
        }
        let src = &self.sources;
        section(&mut s, "Sources", explain::SOURCES);
        for (label, n) in [
            ("named people", src.person),
            ("organisations and governments", src.organization),
            ("unnamed sources", src.unnamed),
            ("no attribution found", src.unattributed),
        ] {
            let _ = writeln!(s, "  {label:<30} {n:>6}  {:>5}", share(n, self.quotes));
        }
        section(&mut s, "People", explain::PEOPLE);
        let p = &self.people;
        let _ = writeln!(
            s,
            "  quoted {}, only mentioned {}",
            p.quoted, p.only_mentioned
        );
        section(&mut s, "Quoted people by gender", explain::GENDER);
        let g = &self.quoted_people_by_gender;
        let _ = writeln!(
            s,
            "  he {}, she {}, not stated {}",
            g.he, g.she, g.not_stated
        );
        let kinds: [(&str, &[&str]); 2] = [
            ("People quoted", &["person"]),
            ("Organisations quoted", &["organization", "country"]),
        ];
        for (title, kinds) in kinds {
            let rows: Vec<&Speaker> = self
                .speakers
                .iter()
                .filter(|p| kinds.contains(&p.kind.as_str()))
                .collect();
            section(
                &mut s,
                &format!("{title} ({})", rows.len()),
                explain::SPEAKERS,
            );
            for p in rows.iter().take(top) {
                let (q, a) = (plural(p.quotes, "quote"), plural(p.articles, "article"));
                let _ = writeln!(s, "  {:<40} {q:>11} in {a:>12}", p.name);
            }
        }
        let title = format!("Countries ({})", self.countries.len());
        section(&mut s, &title, explain::COUNTRIES);
        for c in self.countries.iter().take(top) {
            let (m, a) = (plural(c.mentions, "mention"), plural(c.articles, "article"));
            let _ = writeln!(s, "  {:<40} {m:>13} in {a:>12}", c.name);
        }
        section(&mut s, "Over time", explain::OVER_TIME);
        for m in &self.over_time {
            let (q, a) = (plural(m.quotes, "quote"), plural(m.articles, "article"));
            let _ = writeln!(s, "  {}  {q:>11} in {a:>12}", m.month);
        }
        let _ = writeln!(s, "  undated: {}", plural(self.undated_articles, "article"));
        s
    }
}
