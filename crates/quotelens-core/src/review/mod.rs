//! A person's review of an analysis: the corrections (a quote checked, a speaker changed, two
//! people merged, …) as operations anchored in the text, the `quotelens.review/1` sidecar that
//! holds them, applying them to the engine's analysis, and undo/redo.
//!
//! `anchor`, `apply` and `merge` are pure; `store` reads and writes sidecars (atomically, and
//! merged with what another writer saved meanwhile).

pub mod anchor;
pub mod apply;
pub mod merge;
pub mod store;

use serde::{Deserialize, Serialize};

use crate::analysis::{QuoteKind, SpeakerKind};
pub use anchor::Anchor;
pub use apply::{Flags, Reviewed, apply};

/// Schema identifier written into every sidecar: corrections carry an id and a time.
pub const SCHEMA: &str = "quotelens.review/2";

/// The first schema, still read: corrections without ids (they get them when read).
pub const SCHEMA_V1: &str = "quotelens.review/1";

/// The schema family: a sidecar whose schema starts with this but is not [`SCHEMA`] is from a
/// newer Quotelens.
const SCHEMA_FAMILY: &str = "quotelens.review/";

/// A person or country of the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A country.
    Country,
}

/// A speaker as a reviewer names it: a name and what it is. A person or country of the
/// article with that name becomes the quote's entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    /// The speaker's name.
    pub name: String,
    /// Person, organisation, country or unknown.
    pub kind: SpeakerKind,
}

/// One correction. Quotes are found by the anchor of their words (marks excluded), people and
/// countries by the anchor of one of their mentions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Correction {
    /// A quote marked checked, or no longer checked.
    Check {
        /// The quote.
        quote: Anchor,
        /// Checked or not.
        checked: bool,
    },
    /// A quote's speaker changed.
    Speaker {
        /// The quote.
        quote: Anchor,
        /// Its speaker.
        speaker: Named,
    },
    /// A quote's kind changed; `term` is "not a quote" (a title, scare quote or headline).
    Kind {
        /// The quote.
        quote: Anchor,
        /// Its kind.
        kind: QuoteKind,
    },
    /// A quote the engine missed.
    AddQuote {
        /// Its words.
        quote: Anchor,
        /// Direct, partial or reported.
        kind: QuoteKind,
        /// Who said it, if known.
        speaker: Option<Named>,
    },
    /// A person or country renamed.
    Rename {
        /// Person or country.
        entity: EntityKind,
        /// One of its mentions.
        mention: Anchor,
        /// The new canonical name.
        name: String,
    },
    /// Two people found to be one: `from`'s mentions and quotes go to `into`.
    Merge {
        /// A mention of the person merged away.
        from: Anchor,
        /// A mention of the person kept.
        into: Anchor,
    },
    /// One mention split off its person, into the person called `name` (new, or another of
    /// the article's people).
    Split {
        /// The mention.
        mention: Anchor,
        /// Whom it names.
        name: String,
    },
    /// Not a person (or not a country): the entity goes, and its quotes lose their speaker.
    NotEntity {
        /// Person or country.
        entity: EntityKind,
        /// One of its mentions.
        mention: Anchor,
    },
    /// A quote's words moved: it starts or ends a few words off.
    Span {
        /// The quote, by its words as the engine (or an earlier correction) had them.
        quote: Anchor,
        /// Its words now.
        to: Anchor,
    },
    /// Several mentions found to name one person (`name`: one of the article's people, or a
    /// new one): each is split off to them, as one correction.
    Reassign {
        /// The mentions.
        mentions: Vec<Anchor>,
        /// Whom they name.
        name: String,
    },
    /// A mention the engine missed, of the person or country called `name`.
    AddEntity {
        /// Person or country.
        entity: EntityKind,
        /// The mention.
        mention: Anchor,
        /// The person's name, or the country's name (or alias, or demonym).
        name: String,
    },
}

impl Correction {
    /// The anchors this correction is placed by.
    pub fn anchors(&self) -> Vec<&Anchor> {
        match self {
            Self::Check { quote, .. }
            | Self::Speaker { quote, .. }
            | Self::Kind { quote, .. }
            | Self::AddQuote { quote, .. } => vec![quote],
            Self::Rename { mention, .. }
            | Self::Split { mention, .. }
            | Self::NotEntity { mention, .. }
            | Self::AddEntity { mention, .. } => vec![mention],
            Self::Merge { from, into } => vec![from, into],
            Self::Span { quote, to } => vec![quote, to],
            Self::Reassign { mentions, .. } => mentions.iter().collect(),
        }
    }

    /// See [`Correction::anchors`].
    pub fn anchors_mut(&mut self) -> Vec<&mut Anchor> {
        match self {
            Self::Check { quote, .. }
            | Self::Speaker { quote, .. }
            | Self::Kind { quote, .. }
            | Self::AddQuote { quote, .. } => vec![quote],
            Self::Rename { mention, .. }
            | Self::Split { mention, .. }
            | Self::NotEntity { mention, .. }
            | Self::AddEntity { mention, .. } => vec![mention],
            Self::Merge { from, into } => vec![from, into],
            Self::Span { quote, to } => vec![quote, to],
            Self::Reassign { mentions, .. } => mentions.iter_mut().collect(),
        }
    }

    /// A short description for lists ("speaker of “We will…” set to Ana Reyes").
    pub fn describe(&self) -> String {
        let words = |a: &Anchor| format!("“{}”", short(&a.text, 40));
        let kind_word = |k: &QuoteKind| match k {
            QuoteKind::Direct => "a direct quote",
            QuoteKind::Partial => "a partial quote",
            QuoteKind::Indirect => "reported speech",
            QuoteKind::Term => "not a quote",
        };
        let entity_word = |e: &EntityKind| match e {
            EntityKind::Person => "person",
            EntityKind::Country => "country",
        };
        match self {
            Self::Check { quote, checked } => {
                format!(
                    "{} {}",
                    words(quote),
                    if *checked { "checked" } else { "unchecked" }
                )
            }
            Self::Speaker { quote, speaker } => {
                format!("speaker of {} set to {}", words(quote), speaker.name)
            }
            Self::Kind { quote, kind } => format!("{} is {}", words(quote), kind_word(kind)),
            Self::AddQuote { quote, speaker, .. } => match speaker {
                Some(s) => format!("quote {} added, by {}", words(quote), s.name),
                None => format!("quote {} added", words(quote)),
            },
            Self::Rename {
                entity,
                mention,
                name,
            } => format!("{} {} renamed {name}", entity_word(entity), words(mention)),
            Self::Merge { from, into } => format!("{} merged into {}", words(from), words(into)),
            Self::Split { mention, name } => format!("{} split off as {name}", words(mention)),
            Self::Span { quote, to } => format!("{} now reads {}", words(quote), words(to)),
            Self::Reassign { mentions, name } => {
                let n = mentions.len();
                format!("{n} mention{} are {name}", if n == 1 { "" } else { "s" })
            }
            Self::NotEntity { entity, mention } => {
                format!("{} is not a {}", words(mention), entity_word(entity))
            }
            Self::AddEntity {
                entity,
                mention,
                name,
            } => format!("{} added as {} {name}", words(mention), entity_word(entity)),
        }
    }
}

/// One correction as a review's log keeps it: a unique id, so that two writers' logs can be
/// merged without losing or doubling anything, and the time it was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Unique among all corrections ever made (32 hex digits; `v1-…` for a correction read
    /// from a `quotelens.review/1` sidecar, derived from its place and content).
    #[serde(default)]
    pub id: String,
    /// When it was made: UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ` (so that text order is time order);
    /// empty when not known (a correction from a `quotelens.review/1` sidecar).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub at: String,
    /// The correction.
    #[serde(flatten)]
    pub correction: Correction,
}

impl Entry {
    /// `correction`, made now: a new id and the present time.
    pub fn new(correction: Correction) -> Self {
        Self {
            id: new_id(),
            at: now(),
            correction,
        }
    }
}

impl AsRef<Correction> for Entry {
    fn as_ref(&self) -> &Correction {
        &self.correction
    }
}

impl AsRef<Self> for Correction {
    fn as_ref(&self) -> &Self {
        self
    }
}

/// A new correction id: 128 bits, 32 hex digits, from the clock, the process and a counter
/// mixed by two randomly keyed hashers (std's `RandomState`, seeded by the system).
pub fn new_id() -> String {
    use std::hash::BuildHasher as _;
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let half = |salt: u8| {
        std::collections::hash_map::RandomState::new().hash_one((
            salt,
            nanos,
            std::process::id(),
            n,
        ))
    };
    format!("{:016x}{:016x}", half(0), half(1))
}

/// The present time, UTC, as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
pub fn now() -> String {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    utc_millis(u64::try_from(ms).unwrap_or(u64::MAX))
}

/// `ms` milliseconds after 1970-01-01T00:00:00Z as `YYYY-MM-DDTHH:MM:SS.mmmZ` (the proleptic
/// Gregorian calendar; Howard Hinnant's days-to-civil algorithm).
pub fn utc_millis(ms: u64) -> String {
    let (days, rest) = (ms / 86_400_000, ms % 86_400_000);
    let (h, m, s, milli) = (
        rest / 3_600_000,
        rest / 60_000 % 60,
        rest / 1000 % 60,
        rest % 1000,
    );
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}.{milli:03}Z")
}

/// The article a sidecar belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleInfo {
    /// Its file name, for people reading the sidecar.
    pub file: String,
    /// The SHA-256 of its text as analysed (UTF-8, lowercase hex).
    pub sha256: String,
    /// Its length in characters.
    pub chars: usize,
}

impl ArticleInfo {
    /// The file name `file`, and the SHA-256 and length of `text` (computed here, once).
    pub fn of(file: &str, text: &str) -> Self {
        Self {
            file: file.to_string(),
            sha256: sha256(text),
            chars: text.chars().count(),
        }
    }
}

/// A review sidecar: the corrections to one article, in the order they apply (the order they
/// were made), and those undone (the redo list, most recently undone last).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sidecar {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// The article.
    pub article: ArticleInfo,
    /// The corrections, applied in this order.
    pub corrections: Vec<Entry>,
    /// Corrections undone, that redo brings back (the last first).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub undone: Vec<Entry>,
}

/// Why a sidecar cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SidecarError {
    /// Not JSON, truncated, or not a review.
    Corrupt(String),
    /// Written by a newer Quotelens (its schema).
    Newer(String),
}

impl std::fmt::Display for SidecarError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Corrupt(why) => write!(f, "it is damaged ({why})"),
            Self::Newer(schema) => write!(
                f,
                "it was written by a newer Quotelens ({schema}; this one reads {SCHEMA})"
            ),
        }
    }
}

/// `words` with white space collapsed, cut to `max` characters with "…" (for menus, dialogs
/// and the descriptions of corrections).
pub fn short(words: &str, max: usize) -> String {
    let w = words.split_whitespace().collect::<Vec<_>>().join(" ");
    if w.chars().count() <= max {
        return w;
    }
    let mut s: String = w.chars().take(max).collect();
    s.push('…');
    s
}

/// The SHA-256 of `text`, lowercase hex.
pub fn sha256(text: &str) -> String {
    sha256_bytes(text.as_bytes())
}

/// The SHA-256 of `bytes`, lowercase hex.
pub fn sha256_bytes(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    use std::fmt::Write as _;
    let digest = sha2::Sha256::digest(bytes);
    digest.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

impl Sidecar {
    /// An empty review of `text`, read from the file called `file`.
    pub fn new(file: &str, text: &str) -> Self {
        Self::for_article(ArticleInfo::of(file, text))
    }

    /// An empty review of the article `article` describes.
    pub fn for_article(article: ArticleInfo) -> Self {
        Self {
            schema: SCHEMA.to_string(),
            article,
            corrections: Vec::new(),
            undone: Vec::new(),
        }
    }

    /// Reads a sidecar: its schema first, so that a newer one is told apart from a damaged one.
    /// A `quotelens.review/1` sidecar is read too: its corrections get ids derived from their
    /// place and content (so that two windows reading it agree) and no time, and it is written
    /// back as [`SCHEMA`].
    pub fn parse(bytes: &[u8]) -> Result<Self, SidecarError> {
        let value: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|e| SidecarError::Corrupt(e.to_string()))?;
        let Some(schema) = value.get("schema").and_then(serde_json::Value::as_str) else {
            return Err(SidecarError::Corrupt("no schema".into()));
        };
        if schema != SCHEMA && schema != SCHEMA_V1 {
            return Err(if schema.starts_with(SCHEMA_FAMILY) {
                SidecarError::Newer(schema.to_string())
            } else {
                SidecarError::Corrupt(format!("schema {schema:?} is not a review"))
            });
        }
        let mut s: Self =
            serde_json::from_value(value).map_err(|e| SidecarError::Corrupt(e.to_string()))?;
        s.schema = SCHEMA.to_string();
        s.name_unnamed();
        let mut seen = std::collections::HashSet::new();
        if let Some(e) = s.entries().find(|e| !seen.insert(e.id.as_str())) {
            return Err(SidecarError::Corrupt(format!(
                "two corrections have the id {:?}",
                e.id
            )));
        }
        Ok(s)
    }

    /// Gives every correction without an id one derived from its list, place and content.
    fn name_unnamed(&mut self) {
        for (list, entries) in [("c", &mut self.corrections), ("u", &mut self.undone)] {
            for (i, e) in entries.iter_mut().enumerate() {
                if e.id.is_empty() {
                    let json = serde_json::to_string(&e.correction).unwrap_or_default();
                    let digest = sha256(&format!("{list}{i}:{json}"));
                    e.id = format!("v1-{}", &digest[..29]);
                }
            }
        }
    }

    /// Every correction of the review, made and undone.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.corrections.iter().chain(&self.undone)
    }

    /// Whether the review holds the correction with this id (made or undone).
    pub fn has(&self, id: &str) -> bool {
        self.entries().any(|e| e.id == id)
    }

    /// The sidecar as pretty JSON, ending in a newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Makes `correction` now: it joins the list and the redo list empties.
    pub fn push(&mut self, correction: Correction) {
        self.push_mine(correction, |_| true);
    }

    /// Makes `correction` now, in a review others write too: it joins the list, and the
    /// corrections `mine` undid leave the redo list (another writer's stay there).
    pub fn push_mine(&mut self, correction: Correction, mine: impl Fn(&Entry) -> bool) {
        self.corrections.push(Entry::new(correction));
        self.undone.retain(|e| !mine(e));
    }

    /// Undoes the last correction; returns it.
    pub fn undo(&mut self) -> Option<&Correction> {
        self.undo_mine(|_| true)
    }

    /// Undoes the last correction that `mine` accepts; returns it.
    pub fn undo_mine(&mut self, mine: impl Fn(&Entry) -> bool) -> Option<&Correction> {
        let i = self.corrections.iter().rposition(mine)?;
        let e = self.corrections.remove(i);
        self.undone.push(e);
        self.undone.last().map(|e| &e.correction)
    }

    /// Redoes the last correction undone; returns it.
    pub fn redo(&mut self) -> Option<&Correction> {
        self.redo_mine(|_| true)
    }

    /// Redoes the last correction undone that `mine` accepts; returns it.
    pub fn redo_mine(&mut self, mine: impl Fn(&Entry) -> bool) -> Option<&Correction> {
        let i = self.undone.iter().rposition(mine)?;
        let e = self.undone.remove(i);
        self.corrections.push(e);
        self.corrections.last().map(|e| &e.correction)
    }

    /// Follows the article to `text` (changed since the sidecar was written): every correction
    /// placed in it gets its anchors moved there; returns the indices of those that cannot be
    /// placed, which keep their old anchors.
    pub fn reanchor(&mut self, text: &str) -> Vec<usize> {
        let chars = anchor::CharIndex::new(text);
        let mut unplaced = Vec::new();
        for (i, e) in self.corrections.iter_mut().enumerate() {
            let c = &mut e.correction;
            let spans: Vec<_> = c
                .anchors()
                .iter()
                .map(|a| anchor::place(text, &chars, a))
                .collect();
            if spans.iter().any(Option::is_none) {
                unplaced.push(i);
                continue;
            }
            for (a, s) in c.anchors_mut().into_iter().zip(spans.into_iter().flatten()) {
                *a = anchor::anchor(text, &chars, s);
            }
        }
        self.article.sha256 = sha256(text);
        self.article.chars = text.chars().count();
        unplaced
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_strings() {
        assert_eq!(
            sha256(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn utc_millis_rows() {
        let rows: &[(u64, &str)] = &[
            (0, "1970-01-01T00:00:00.000Z"),
            (951_782_400_000, "2000-02-29T00:00:00.000Z"),
            (1_796_616_753_123, "2026-12-07T04:12:33.123Z"),
            (4_107_542_399_999, "2100-02-28T23:59:59.999Z"),
        ];
        for &(ms, want) in rows {
            assert_eq!(utc_millis(ms), want, "{ms}");
        }
        assert_eq!(now().len(), 24);
    }

    #[test]
    fn ids_are_unique_and_hex() {
        let ids: std::collections::HashSet<String> = (0..10_000).map(|_| new_id()).collect();
        assert_eq!(ids.len(), 10_000);
        assert!(
            ids.iter()
                .all(|i| i.len() == 32 && i.bytes().all(|b| b.is_ascii_hexdigit()))
        );
    }

    #[test]
    fn a_first_schema_review_gets_the_same_ids_on_every_read_and_is_written_as_the_second() {
        let v1 = r#"{"schema": "quotelens.review/1",
            "article": {"file": "a.txt", "sha256": "00", "chars": 3},
            "corrections": [
              {"op": "check", "quote": {"start": 0, "end": 1, "text": "a"}, "checked": true},
              {"op": "check", "quote": {"start": 0, "end": 1, "text": "a"}, "checked": true}],
            "undone": [
              {"op": "check", "quote": {"start": 0, "end": 1, "text": "a"}, "checked": true}]}"#;
        let one = Sidecar::parse(v1.as_bytes()).expect("a first-schema review reads");
        let two = Sidecar::parse(v1.as_bytes()).expect("a first-schema review reads");
        assert_eq!(one, two, "the same ids on every read");
        let ids: std::collections::HashSet<&str> = one.entries().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), 3, "equal corrections at different places differ");
        assert!(
            one.entries()
                .all(|e| e.id.starts_with("v1-") && e.at.is_empty())
        );
        let json = one.to_json();
        assert!(
            json.contains("\"schema\": \"quotelens.review/2\""),
            "{json}"
        );
        assert_eq!(Sidecar::parse(json.as_bytes()).ok(), Some(one));
        let doubled = json.replacen(&two.corrections[1].id, &two.corrections[0].id, 1);
        assert!(
            matches!(Sidecar::parse(doubled.as_bytes()), Err(SidecarError::Corrupt(why)) if why.contains("two corrections")),
            "a review with one id twice is damaged"
        );
    }

    #[test]
    fn undo_and_redo_pass_over_corrections_that_are_not_mine() {
        let text = "“Yes,” Ana Reyes said. “No,” she said.";
        let mut s = Sidecar::new("a.txt", text);
        let chars = anchor::CharIndex::new(text);
        let q = |a, b| anchor::anchor(text, &chars, crate::analysis::Span::new(a, b));
        s.push(Correction::Check {
            quote: q(3, 6),
            checked: true,
        });
        s.push(Correction::Check {
            quote: q(29, 31),
            checked: true,
        });
        let theirs = s.corrections[1].id.clone();
        let mine = |e: &Entry| e.id != theirs;
        let undone = s.undo_mine(mine).cloned();
        assert_eq!(
            undone.map(|c| c.anchors()[0].text.clone()).as_deref(),
            Some("Yes")
        );
        assert_eq!(s.corrections.len(), 1);
        assert_eq!(s.corrections[0].id, theirs, "theirs stays in effect");
        assert!(s.undo_mine(mine).is_none(), "nothing of mine left to undo");
        // A new correction of mine empties my redo list only.
        s.undo();
        s.push_mine(
            Correction::Check {
                quote: q(3, 6),
                checked: false,
            },
            mine,
        );
        assert_eq!(s.undone.len(), 1);
        assert_eq!(s.undone[0].id, theirs);
    }

    #[test]
    fn parse_tells_damaged_from_newer() {
        let rows: &[(&str, &str)] = &[
            ("", "damaged"),
            (
                "{\"schema\": \"quotelens.review/1\", \"article\": ",
                "damaged",
            ),
            ("[1, 2]", "damaged"),
            ("{\"schema\": \"quotelens.analysis/1\"}", "damaged"),
            (
                "{\"schema\": \"quotelens.review/3\", \"anything\": 1}",
                "newer",
            ),
            (
                "{\"schema\": \"quotelens.review/2\", \"article\": {\"file\": \"a.txt\", \"sha256\": \"00\", \"chars\": 3}, \"corrections\": [{\"id\": \"x\", \"op\": \"nonsense\"}]}",
                "damaged",
            ),
            (
                "{\"schema\": \"quotelens.review/1\", \"article\": {\"file\": \"a.txt\", \"sha256\": \"00\", \"chars\": 3}, \"corrections\": []}",
                "ok",
            ),
        ];
        for &(json, want) in rows {
            let got = match Sidecar::parse(json.as_bytes()) {
                Ok(_) => "ok",
                Err(SidecarError::Corrupt(_)) => "damaged",
                Err(SidecarError::Newer(_)) => "newer",
            };
            assert_eq!(got, want, "{json}");
        }
    }

    #[test]
    fn undo_and_redo_move_corrections_between_the_lists() {
        let text = "“Yes,” Ana Reyes said.";
        let mut s = Sidecar::new("a.txt", text);
        let chars = anchor::CharIndex::new(text);
        let q = anchor::anchor(text, &chars, crate::analysis::Span::new(3, 6));
        let check = Correction::Check {
            quote: q.clone(),
            checked: true,
        };
        s.push(check.clone());
        assert_eq!(s.undo(), Some(&check));
        assert!(s.corrections.is_empty());
        assert_eq!(s.redo(), Some(&check));
        assert_eq!(s.corrections.len(), 1);
        assert_eq!(s.corrections[0].correction, check);
        assert!(s.redo().is_none());
        s.undo();
        s.push(Correction::Kind {
            quote: q,
            kind: QuoteKind::Term,
        });
        assert!(
            s.undone.is_empty(),
            "a new correction empties the redo list"
        );
        let back = Sidecar::parse(s.to_json().as_bytes());
        assert_eq!(back.as_ref().ok(), Some(&s));
    }
}
