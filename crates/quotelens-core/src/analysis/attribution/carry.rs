//! Quotes without a cue of their own: a quotation continued from the previous paragraph, a
//! floating quotation that keeps the last speaker, and quotations that nobody says (titles,
//! names, citations, scare quotes): what a quote's words look like decides.

use std::sync::LazyLock;

use regex::Regex;

use super::super::lexicon;
use super::super::model::QuoteKind;
use super::super::text::Text;
use super::{Ctx, Who, lower};

/// What a quotation's words look like.
#[derive(Clone, Copy, Debug)]
pub(super) struct Shape {
    /// Words in it.
    pub words: usize,
    /// Its first letter or digit is upper case or a digit, or it opens with "..." or "[".
    pub starts_upper: bool,
    /// It ends with sentence punctuation or a comma.
    pub ends_sentence: bool,
    /// Two to twelve words in title case with no final punctuation: a title or a name.
    pub title_case: bool,
}

/// The words of `s` as `str::split_whitespace` counts them; on its bytes when it is ASCII
/// (where white space is U+0009 to U+000D and the space).
fn word_count(s: &str) -> usize {
    if !s.is_ascii() {
        return s.split_whitespace().count();
    }
    let (mut n, mut in_word) = (0, false);
    for &b in s.as_bytes() {
        let word = !matches!(b, 9..=13 | b' ');
        n += usize::from(word && !in_word);
        in_word = word;
    }
    n
}

impl Shape {
    /// The shape of the quoted words `content`.
    pub fn of(content: &str) -> Self {
        let words = word_count(content);
        let starts_upper = content
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
            || content.starts_with("...")
            || content.starts_with('[');
        let ends_sentence = content
            .trim_end_matches(['"', '\'', ')'])
            .ends_with(['.', '!', '?', ',', '…']);
        let title_case = (2..=12).contains(&words)
            && !content
                .trim_end_matches(['"', '\'', ')', ','])
                .ends_with(['.', '!', '?', '…'])
            && content
                .split_whitespace()
                .filter(|w| !lexicon::is_title_small_word(w))
                .all(|w| {
                    w.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
                });
        Self {
            words,
            starts_upper,
            ends_sentence,
            title_case,
        }
    }

    /// Whether a quote of `kind` with no cue of its own floats: a full quote that keeps the last
    /// speaker. Otherwise it is a term.
    pub fn floats(&self, kind: QuoteKind) -> bool {
        kind == QuoteKind::Direct && (self.words >= 4 || self.ends_sentence) && !self.title_case
    }
}

/// Whether the quotation opening at `open_tok` is a name: `named “…”`, `known as “…”`.
pub(super) fn is_named(text: &Text<'_>, open_tok: usize) -> bool {
    open_tok > 0
        && (lexicon::reporting(&lower(text, open_tok - 1)).naming()
            || open_tok > 1 && text.is("known", open_tok - 2) && text.is("as", open_tok - 1)
            || open_tok > 1 && text.is("called", open_tok - 1) && called_names(text, open_tok - 2))
}

/// Whether "called" after token `k` names rather than characterises: passive ("was called",
/// "commonly called") or right after a thing ("a process called “…”"), where "the mayor called
/// “…”" or "she called it “…”" report words.
fn called_names(text: &Text<'_>, k: usize) -> bool {
    let w = lower(text, k);
    let passive = matches!(
        w.as_ref(),
        "was"
            | "is"
            | "were"
            | "are"
            | "be"
            | "been"
            | "being"
            | "commonly"
            | "often"
            | "also"
            | "sometimes"
            | "widely"
            | "popularly"
            | "so"
            | "now"
            | "once"
            | "aptly"
    );
    // "a process called", "the group called": a determiner, then a noun that is no person.
    let thing = k > 0
        && lexicon::is_determiner(&lower(text, k - 1))
        && text.is_lower(k)
        && !lexicon::is_person_word(&w);
    passive || thing
}

impl Ctx<'_, '_> {
    /// The speaker a floating quote keeps: the last speaker of its paragraph or the one before,
    /// photo captions between them skipped.
    pub(super) fn floating_speaker(&self, pos: usize, open_tok: usize) -> Option<Who> {
        let text = self.text;
        let para = text.paragraph_of(open_tok);
        let mut min_para = para.saturating_sub(1);
        while min_para > 0 && is_caption(text, min_para) {
            min_para -= 1;
        }
        self.last_speaker_before(pos, min_para)
    }

    pub(super) fn last_speaker_before(&self, pos: usize, min_para: u32) -> Option<Who> {
        let text = self.text;
        self.latest(pos, |_| true)
            .filter(|(p, _)| {
                let ti = text.token_at_or_after(*p);
                text.tokens
                    .get(ti)
                    .is_some_and(|t| text.paragraph(t) >= min_para)
            })
            .map(|(_, w)| w.clone())
    }
}

/// A year (1900–2099) or an English month name, as whole words.
static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:(?:19|20)\d{2}|January|February|March|April|May|June|July|August|September|October|November|December)\b",
    )
    .unwrap_or_else(|_| unreachable!("the date regex is valid"))
});

/// Whether paragraph `p` is a photo caption ("… Image: City Archive.").
fn is_caption(text: &Text<'_>, p: u32) -> bool {
    let Some(span) = text.paragraphs.get(p as usize) else {
        return false;
    };
    let a = text.token_at_or_after(span.start);
    (a..text.tokens.len())
        .take_while(|&k| text.tokens[k].span().start < span.end)
        .any(|k| lexicon::is_caption_label(text.tok(k)) && text.tok(k + 1) == ":")
}

/// Whether the tokens from `after` (just past a closing mark) make a citation: a dash, then a
/// source with a date (a year or a month) to the end of a short paragraph.
pub(super) fn is_citation(text: &Text<'_>, after: usize) -> bool {
    let mut k = after;
    if text.tok(k) == "," {
        k += 1;
    }
    if !matches!(text.tok(k), "—" | "–" | "-") {
        return false;
    }
    let Some(para) = text.tokens.get(k).map(|t| text.paragraph(t)) else {
        return false;
    };
    let rest: Vec<usize> = (k + 1..text.tokens.len())
        .take_while(|&j| text.paragraph_of(j) == para)
        .take(25)
        .collect();
    // A year or a month name in what follows the dash, as in "— CBC, August 15, 2008".
    let dated = match (rest.first(), rest.last()) {
        (Some(&f), Some(&l)) => text
            .src
            .get(text.tokens[f].span().start..text.tokens[l].span().end)
            .is_some_and(|tail| DATE_RE.is_match(tail)),
        _ => false,
    };
    let ends_para = rest.last().is_some_and(|&j| {
        text.tokens
            .get(j + 1)
            .is_none_or(|t| text.paragraph(t) != para)
    });
    dated && ends_para
}

#[cfg(test)]
mod tests {
    use super::word_count;
    use proptest::prelude::*;

    #[test]
    fn word_count_counts_as_split_whitespace_does() {
        for s in [
            "",
            " ",
            "one",
            " two  words ",
            "tab\tand\nnew\u{b}line\u{c}feed\rreturn",
            "no\u{a0}break space",
            "em\u{2003}space and é",
        ] {
            assert_eq!(word_count(s), s.split_whitespace().count(), "{s:?}");
        }
    }

    proptest! {
        #[test]
        fn word_count_matches_split_whitespace(s in "[a \\t\\n\\u{b}\\u{c}\\r\\u{1c}\\u{a0}\\u{2003}é.]{0,40}") {
            prop_assert_eq!(word_count(&s), s.split_whitespace().count());
        }
    }
}
