//! Editing a review: the editors that ask for a name (`Editor`), the speakers a reviewer may pick
//! (`Candidate`, the picker's `SpeakerRow`s), anchors of the article's quotes and entities, and
//! every correction a gesture makes, built here from the article, never in the drawing code.

#![allow(
    clippy::wildcard_imports,
    reason = "a part of its parent module, split off by concern: it shares the module's imports and private items"
)]

use super::*;
use crate::analysis::{QuoteKind, SpeakerKind};
use crate::review::{self, Correction, EntityKind, Named, anchor};

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

/// The corrections a reviewer's gestures make, built from the article (the drawing code only
/// says which gesture, on what).
impl Article {
    /// The correction a quote's checked toggle makes.
    pub fn toggle_checked(&self, qi: usize) -> Option<Correction> {
        let checked = self.review.flags.checked.get(qi).copied().unwrap_or(false);
        Some(Correction::Check {
            quote: self.quote_anchor(qi)?,
            checked: !checked,
        })
    }

    /// The correction "not a quote" (or, for a quote that is not, "it is a quote") makes.
    pub fn toggle_quote(&self, qi: usize) -> Option<Correction> {
        let q = self.analysis.quotes.get(qi)?;
        let kind = match q.kind {
            QuoteKind::Term if q.open_mark.is_some() => QuoteKind::Direct,
            QuoteKind::Term => QuoteKind::Indirect,
            _ => QuoteKind::Term,
        };
        Some(Correction::Kind {
            quote: self.quote_anchor(qi)?,
            kind,
        })
    }

    /// Quote `qi` said by the speaker of the picker's `row`.
    pub fn speaker_correction(&self, qi: usize, row: &SpeakerRow) -> Option<Correction> {
        Some(Correction::Speaker {
            quote: self.quote_anchor(qi)?,
            speaker: row.named(),
        })
    }

    /// A quote (or reported speech) the engine missed: the selected words (without the quote
    /// marks a selection may hold), said by `speaker` if one is named.
    pub fn add_quote_correction(
        &self,
        span: Span,
        kind: QuoteKind,
        speaker: Option<&SpeakerRow>,
    ) -> Correction {
        Correction::AddQuote {
            quote: self.anchor(trim_marks(&self.text, span)),
            kind,
            speaker: speaker.map(SpeakerRow::named),
        }
    }

    /// A person or country renamed `name` (nothing for a blank name).
    pub fn rename_correction(&self, entity: EntityRef, name: &str) -> Option<Correction> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        Some(Correction::Rename {
            entity: match entity {
                EntityRef::Person(_) => EntityKind::Person,
                EntityRef::Country(_) => EntityKind::Country,
            },
            mention: self.entity_anchor(entity)?,
            name: name.to_string(),
        })
    }

    /// Person `from` merged into person `into`.
    pub fn merge_correction(&self, from: usize, into: usize) -> Option<Correction> {
        Some(Correction::Merge {
            from: self.entity_anchor(EntityRef::Person(from))?,
            into: self.entity_anchor(EntityRef::Person(into))?,
        })
    }

    /// A mention split off its person, into the person called `name` (nothing for a blank
    /// name).
    pub fn split_correction(&self, mention: Span, name: &str) -> Option<Correction> {
        let name = name.trim();
        (!name.is_empty()).then(|| Correction::Split {
            mention: self.anchor(mention),
            name: name.to_string(),
        })
    }

    /// A mention the engine missed, of the person or country called `name` (nothing for a
    /// blank name, or a country nobody knows by that name).
    pub fn add_entity_correction(
        &self,
        span: Span,
        kind: EntityKind,
        name: &str,
    ) -> Option<Correction> {
        let name = name.trim();
        let known = kind == EntityKind::Person || crate::analysis::country_named(name).is_some();
        (known && !name.is_empty()).then(|| Correction::AddEntity {
            entity: kind,
            mention: self.anchor(span),
            name: name.to_string(),
        })
    }
}

/// Which edge of a quote's words a keystroke moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// Its first word.
    Start,
    /// Its last word.
    End,
}

impl Article {
    /// Quote `qi` with one `edge` moved a word `forward` (right) or back: the end takes in the
    /// next word or gives back its last; the start gives up its first word or takes in the one
    /// before. Never past the quote's paragraph, never to no words at all.
    pub fn span_correction(&self, qi: usize, edge: Edge, forward: bool) -> Option<Correction> {
        let q = self.analysis.quotes.get(qi)?;
        let para = self.analysis.paragraphs.get(q.paragraph).copied()?;
        let to = moved_by_a_word(&self.text, para, q.span, edge, forward)?;
        Some(Correction::Span {
            quote: self.quote_anchor(qi)?,
            to: self.anchor(to),
        })
    }

    /// The mentions `mentions` (of any people) said to name the person called `name`.
    pub fn reassign_correction(&self, mentions: &[Span], name: &str) -> Option<Correction> {
        let name = name.trim();
        (!name.is_empty() && !mentions.is_empty()).then(|| Correction::Reassign {
            mentions: mentions.iter().map(|&m| self.anchor(m)).collect(),
            name: name.to_string(),
        })
    }
}

/// Whether `c` belongs to a word (letters, digits, an apostrophe or hyphen inside one).
fn wordy(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')
}

/// The words (runs of word characters) of `text` within `within`, as byte spans.
fn words_in(text: &str, within: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    let Some(t) = text.get(within.start..within.end) else {
        return out;
    };
    for (i, c) in t.char_indices() {
        match (wordy(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Span::new(within.start + s, within.start + i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Span::new(within.start + s, within.end));
    }
    out
}

/// `span` with one edge moved a word (see [`Article::span_correction`]); `None` when it cannot
/// move that way.
pub fn moved_by_a_word(
    text: &str,
    para: Span,
    span: Span,
    edge: Edge,
    forward: bool,
) -> Option<Span> {
    let words = words_in(text, para);
    let inside: Vec<&Span> = words
        .iter()
        .filter(|w| w.start >= span.start && w.end <= span.end)
        .collect();
    let moved = match (edge, forward) {
        (Edge::End, true) => {
            let next = words.iter().find(|w| w.start >= span.end)?;
            Span::new(span.start, next.end)
        }
        (Edge::End, false) => {
            let [.., before, _] = inside.as_slice() else {
                return None;
            };
            Span::new(span.start, before.end)
        }
        (Edge::Start, true) => {
            let [_, second, ..] = inside.as_slice() else {
                return None;
            };
            Span::new(second.start, span.end)
        }
        (Edge::Start, false) => {
            let prev = words.iter().rev().find(|w| w.end <= span.start)?;
            Span::new(prev.start, span.end)
        }
    };
    (moved != span && !moved.is_empty()).then_some(moved)
}

/// A selection that includes its quote marks is the words between them.
fn trim_marks(text: &str, span: Span) -> Span {
    let is_mark = crate::analysis::is_quote_mark;
    let mut s = span;
    if let Some(c) = text
        .get(s.start..s.end)
        .and_then(|t| t.chars().next())
        .filter(|&c| is_mark(c))
    {
        s.start += c.len_utf8();
    }
    if let Some(c) = text
        .get(s.start..s.end)
        .and_then(|t| t.chars().next_back())
        .filter(|&c| is_mark(c))
    {
        s.end -= c.len_utf8();
    }
    if s.is_empty() { span } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_edge_moves_by_whole_words() {
        let text = "She said “we will not pay for it,” and left.";
        let para = Span::new(0, text.len());
        let at = |w: &str| {
            let s = text.find(w).unwrap_or(0);
            Span::new(s, s + w.len())
        };
        let q = at("we will not pay for it,");
        // (edge, forward, the words after, or None).
        let rows: &[(Edge, bool, Option<&str>)] = &[
            (Edge::End, false, Some("we will not pay for")),
            (Edge::End, true, Some("we will not pay for it,” and")),
            (Edge::Start, true, Some("will not pay for it,")),
            (Edge::Start, false, Some("said “we will not pay for it,")),
        ];
        for &(edge, forward, want) in rows {
            let got = moved_by_a_word(text, para, q, edge, forward).map(|s| &text[s.start..s.end]);
            assert_eq!(got, want, "{edge:?} {forward}");
        }
        // One word left: it cannot give it up.
        let one = at("we");
        assert_eq!(moved_by_a_word(text, para, one, Edge::End, false), None);
        assert_eq!(moved_by_a_word(text, para, one, Edge::Start, true), None);
        // The paragraph's last word: nothing to take in.
        let last = at("left");
        assert_eq!(moved_by_a_word(text, para, last, Edge::End, true), None);
    }
}
