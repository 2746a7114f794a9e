//! A person's review of an analysis: the corrections (a quote checked, a speaker changed, two
//! people merged, …) as operations anchored in the text, the `quotelens.review/1` sidecar that
//! holds them, applying them to the engine's analysis, and undo/redo.
//!
//! `anchor` and `apply` are pure; `store` reads and writes sidecars (atomically).

pub mod anchor;
pub mod apply;
pub mod store;

use serde::{Deserialize, Serialize};

use crate::analysis::{QuoteKind, SpeakerKind};
pub use anchor::Anchor;
pub use apply::{Flags, Reviewed, apply};

/// Schema identifier written into every sidecar.
pub const SCHEMA: &str = "quotelens.review/1";

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

/// A `quotelens.review/1` sidecar: the corrections to one article, in the order they were
/// made, and those undone (the redo list, most recently undone last).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sidecar {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// The article.
    pub article: ArticleInfo,
    /// The corrections, applied in this order.
    pub corrections: Vec<Correction>,
    /// Corrections undone, that redo brings back (the last first).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub undone: Vec<Correction>,
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
    use sha2::Digest as _;
    use std::fmt::Write as _;
    let digest = sha2::Sha256::digest(text.as_bytes());
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
    pub fn parse(bytes: &[u8]) -> Result<Self, SidecarError> {
        let value: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|e| SidecarError::Corrupt(e.to_string()))?;
        let Some(schema) = value.get("schema").and_then(serde_json::Value::as_str) else {
            return Err(SidecarError::Corrupt("no schema".into()));
        };
        if schema != SCHEMA {
            return Err(if schema.starts_with(SCHEMA_FAMILY) {
                SidecarError::Newer(schema.to_string())
            } else {
                SidecarError::Corrupt(format!("schema {schema:?} is not a review"))
            });
        }
        serde_json::from_value(value).map_err(|e| SidecarError::Corrupt(e.to_string()))
    }

    /// The sidecar as pretty JSON, ending in a newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Makes `correction`: it joins the list and the redo list empties.
    pub fn push(&mut self, correction: Correction) {
        self.corrections.push(correction);
        self.undone.clear();
    }

    /// Undoes the last correction; returns it.
    pub fn undo(&mut self) -> Option<&Correction> {
        let c = self.corrections.pop()?;
        self.undone.push(c);
        self.undone.last()
    }

    /// Redoes the last correction undone; returns it.
    pub fn redo(&mut self) -> Option<&Correction> {
        let c = self.undone.pop()?;
        self.corrections.push(c);
        self.corrections.last()
    }

    /// Follows the article to `text` (changed since the sidecar was written): every correction
    /// placed in it gets its anchors moved there; returns the indices of those that cannot be
    /// placed, which keep their old anchors.
    pub fn reanchor(&mut self, text: &str) -> Vec<usize> {
        let chars = anchor::CharIndex::new(text);
        let mut unplaced = Vec::new();
        for (i, c) in self.corrections.iter_mut().enumerate() {
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
                "{\"schema\": \"quotelens.review/2\", \"anything\": 1}",
                "newer",
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
        assert_eq!(s.corrections, std::slice::from_ref(&check));
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
