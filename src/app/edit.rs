//! Editing a review: the editors that ask for a name (`Editor`), the speakers a reviewer may pick
//! (`Candidate`, the picker's `SpeakerRow`s), anchors of the article's quotes and entities, and
//! every correction a gesture makes, built here from the article, never in the drawing code.

#![allow(
    clippy::wildcard_imports,
    reason = "a part of its parent module, split off by concern: it shares the module's imports and private items"
)]

use super::*;
use crate::analysis::{QuoteKind, SpeakerKind};
use crate::review::{self, EntityKind, Named, anchor};

/// An editor that asks for a name, drawn as a small dialog.
#[derive(Clone, Debug, PartialEq)]
pub enum Editor {
    /// Choosing the speaker of a quote (an index into `Analysis::quotes`).
    Speaker {
        /// The quote.
        quote: usize,
        /// What has been typed.
        query: String,
        /// The highlighted row of [`Article::speaker_rows`], which Enter takes.
        pick: usize,
    },
    /// Choosing the speaker of a quote being added from a selection.
    AddQuote {
        /// The selected words.
        span: Span,
        /// Direct or reported.
        kind: QuoteKind,
        /// What has been typed.
        query: String,
        /// The highlighted row of [`Article::speaker_rows`], which Enter takes.
        pick: usize,
    },
    /// Renaming a person or country.
    Rename {
        /// Which.
        entity: EntityRef,
        /// The new name.
        name: String,
    },
    /// Choosing the person to merge a person into.
    MergeInto {
        /// The person merged away (an index into `Analysis::people`).
        from: usize,
        /// What has been typed.
        query: String,
    },
    /// Naming the person a mention is split off to.
    Split {
        /// The mention.
        mention: Span,
        /// Whom it names.
        name: String,
    },
    /// Naming the person several picked mentions are.
    Reassign {
        /// The mentions.
        mentions: Vec<Span>,
        /// What has been typed.
        name: String,
    },
    /// Adding a person or country from a selection.
    AddEntity {
        /// The selected words.
        span: Span,
        /// Person or country.
        kind: EntityKind,
        /// The person's or country's name.
        name: String,
    },
}

/// A speaker the reviewer may pick: the article's people, countries and the organisations
/// quoted in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The name shown and used.
    pub name: String,
    /// What it is.
    pub kind: SpeakerKind,
}

/// A row of the speaker picker: one of the article's speakers, or a new name (the last row).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpeakerRow {
    /// A person, organisation or country of the article.
    Known(Candidate),
    /// A new speaker, named as typed.
    New(String),
}

impl SpeakerRow {
    /// The row as the picker shows it: "Ann Lee  ·  person", "New speaker “Ann”".
    pub fn label(&self) -> String {
        match self {
            Self::Known(c) => {
                let kind = match c.kind {
                    SpeakerKind::Person => "person",
                    SpeakerKind::Organization => "organisation",
                    SpeakerKind::Country => "country",
                    SpeakerKind::Unknown => "",
                };
                format!("{}  ·  {kind}", c.name)
            }
            Self::New(name) => format!("New speaker “{name}”"),
        }
    }

    /// The speaker a correction names: the candidate, or a new person.
    pub fn named(&self) -> Named {
        match self {
            Self::Known(c) => Named {
                name: c.name.clone(),
                kind: c.kind,
            },
            Self::New(name) => Named {
                name: name.clone(),
                kind: SpeakerKind::Person,
            },
        }
    }
}

impl Article {
    /// The speaker picker's rows for what has been typed: the article's speakers whose names
    /// contain it (the name itself first, then names that start with it, then names with a
    /// word that starts with it, then the rest; each group in the order of
    /// [`Article::candidates`]), at most `limit`; then, when something is typed and no
    /// speaker has exactly that name, a last row that creates it.
    pub fn speaker_rows(&self, query: &str, limit: usize) -> Vec<SpeakerRow> {
        let q = query.trim();
        let lower = q.to_lowercase();
        let mut found = self.candidates(q, usize::MAX);
        let rank = |c: &Candidate| {
            let n = c.name.to_lowercase();
            if n == lower {
                0
            } else if n.starts_with(&lower) {
                1
            } else if n.split_whitespace().any(|w| w.starts_with(&lower)) {
                2
            } else {
                3
            }
        };
        found.sort_by_key(rank);
        let exact = found.first().is_some_and(|c| rank(c) == 0);
        let mut rows: Vec<SpeakerRow> = found
            .into_iter()
            .take(limit)
            .map(SpeakerRow::Known)
            .collect();
        if !q.is_empty() && !exact {
            rows.push(SpeakerRow::New(q.to_string()));
        }
        rows
    }

    /// The anchor of `span` of this article's text.
    pub fn anchor(&self, span: Span) -> review::Anchor {
        anchor::anchor(&self.text, &anchor::CharIndex::new(&self.text), span)
    }

    /// The anchor of quote `qi` (its words).
    pub fn quote_anchor(&self, qi: usize) -> Option<review::Anchor> {
        self.analysis.quotes.get(qi).map(|q| self.anchor(q.span))
    }

    /// The anchor of an entity: its first mention.
    pub fn entity_anchor(&self, e: EntityRef) -> Option<review::Anchor> {
        let span = match e {
            EntityRef::Person(pi) => self.analysis.people.get(pi)?.mentions.first().copied(),
            EntityRef::Country(ci) => self
                .analysis
                .countries
                .get(ci)?
                .mentions
                .first()
                .map(|m| m.span),
        }?;
        Some(self.anchor(span))
    }

    /// The speakers to pick from whose names contain `query` (ignoring case): people first,
    /// then organisations quoted in the article, then countries, each in order of first
    /// mention; at most `limit`.
    pub fn candidates(&self, query: &str, limit: usize) -> Vec<Candidate> {
        let q = query.trim().to_lowercase();
        let a = &self.analysis;
        let people = a.people.iter().map(|p| Candidate {
            name: p.name.clone(),
            kind: SpeakerKind::Person,
        });
        let mut orgs: Vec<Candidate> = Vec::new();
        for s in a.quotes.iter().filter_map(|q| q.speaker.as_ref()) {
            if s.kind == SpeakerKind::Organization && !orgs.iter().any(|c| c.name == s.name) {
                orgs.push(Candidate {
                    name: s.name.clone(),
                    kind: SpeakerKind::Organization,
                });
            }
        }
        let countries = a.countries.iter().map(|c| Candidate {
            name: c.name.to_string(),
            kind: SpeakerKind::Country,
        });
        people
            .chain(orgs)
            .chain(countries)
            .filter(|c| q.is_empty() || c.name.to_lowercase().contains(&q))
            .take(limit)
            .collect()
    }

    /// The person or country (or failing that, an organisation or a new person) that a typed
    /// speaker name stands for.
    pub fn named(&self, typed: &str) -> Named {
        let t = typed.trim();
        let found = self
            .candidates(t, usize::MAX)
            .into_iter()
            .find(|c| c.name.eq_ignore_ascii_case(t));
        match found {
            Some(c) => Named {
                name: c.name,
                kind: c.kind,
            },
            None => Named {
                name: t.to_string(),
                kind: SpeakerKind::Person,
            },
        }
    }
}
