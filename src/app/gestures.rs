//! The corrections a reviewer's gestures make, built from the article: a check, a speaker, a
//! quote added or moved by words, people renamed, merged, split or reassigned, an entity added.
//! The drawing code only says which gesture, on what.

#![allow(
    clippy::wildcard_imports,
    reason = "a part of its parent module, split off by concern: it shares the module's imports and private items"
)]

use super::*;
use crate::analysis::QuoteKind;
use crate::review::{Correction, EntityKind};
use edit::SpeakerRow;

/// Which edge of a quote's words a keystroke moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// Its first word.
    Start,
    /// Its last word.
    End,
}

/// Whether `c` belongs to a word (letters, digits, an apostrophe or hyphen inside one).
pub(super) fn wordy(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')
}

/// The words (runs of word characters) of `text` within `within`, as byte spans.
pub(super) fn words_in(text: &str, within: Span) -> Vec<Span> {
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
pub(super) fn trim_marks(text: &str, span: Span) -> Span {
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
