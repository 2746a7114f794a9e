//! The engine's sentences as the parser's words (contractions, possessives and hyphens split
//! as GUM splits them, each word keeping its byte span), and a cache that parses a sentence
//! the first time a pass asks for it, so sentences nobody asks about cost nothing.

use std::cell::OnceCell;

use super::super::model::Span;
use super::super::text::{Text, TokKind};
use super::model::{Model, Parse};

/// The longest sentence parsed, in words: past it (a list, a table, text without full stops)
/// a parse says little and would cost more than the rest of the analysis.
pub const MAX_WORDS: usize = 200;

/// One sentence's syntax, in the text's terms.
#[derive(Clone, Debug, Default)]
pub struct SentenceSyntax {
    /// Per word, its bytes in the text.
    pub spans: Vec<Span>,
    /// Per word, the engine token it is (part of).
    pub tokens: Vec<u32>,
    /// Tags, heads and relations per word.
    pub parse: Parse,
}

impl SentenceSyntax {
    /// The word that is (or holds the start of) token `t`.
    pub fn word_of_token(&self, t: usize) -> Option<usize> {
        let t = u32::try_from(t).ok()?;
        self.tokens.iter().position(|&k| k == t)
    }
}

/// Splits `w` (a word token at byte `at`) the way GUM tokenises: "don't" → "do" "n't",
/// "she's" → "she" "'s", "well-known" → "well" "-" "known". Pushes byte ranges.
fn split_word(w: &str, at: usize, out: &mut Vec<Span>) {
    let lower_ends = |suffix: &str| {
        w.len() > suffix.len()
            && w.is_char_boundary(w.len() - suffix.len())
            && w[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    if lower_ends("n't") || lower_ends("n’t") {
        let cut = if lower_ends("n't") {
            w.len() - 3
        } else {
            w.len() - "n’t".len()
        };
        out.push(Span::new(at, at + cut));
        out.push(Span::new(at + cut, at + w.len()));
        return;
    }
    if let Some((i, c)) = w.char_indices().rev().find(|&(_, c)| c == '\'' || c == '’') {
        let rest = &w[i + c.len_utf8()..];
        if i > 0
            && ["s", "re", "ve", "ll", "d", "m"]
                .iter()
                .any(|s| rest.eq_ignore_ascii_case(s))
        {
            split_word(&w[..i], at, out);
            out.push(Span::new(at + i, at + w.len()));
            return;
        }
    }
    let mut start = 0;
    for (i, c) in w.char_indices() {
        if c == '-' && i > start && i + 1 < w.len() {
            out.push(Span::new(at + start, at + i));
            out.push(Span::new(at + i, at + i + 1));
            start = i + 1;
        }
    }
    out.push(Span::new(at + start, at + w.len()));
}

/// The form the parser reads for a run of quoted words collapsed into one: a pronoun standing
/// for what was said.
pub const COLLAPSED: &str = "this";

/// The words of sentence `s` of `text`, with the token each comes from; every run of tokens
/// that `collapse` marks (the words inside a quotation) is given as one word, [`COLLAPSED`], at the run's first token: what a speaker rule asks of a
/// sentence lies outside its quotations, and the parse costs by the word.
fn words_collapsing(text: &Text<'_>, s: usize, collapse: &[bool]) -> (Vec<Span>, Vec<u32>) {
    let Some(&(a, b)) = text.sentences.get(s) else {
        return (Vec::new(), Vec::new());
    };
    let mut spans = Vec::with_capacity(b - a + 4);
    let mut tokens = Vec::with_capacity(b - a + 4);
    for t in a..b {
        let Some(tok) = text.tokens.get(t) else {
            break;
        };
        let sp = tok.span();
        if collapse.get(t).copied().unwrap_or(false) {
            if t > a && collapse.get(t - 1).copied().unwrap_or(false) {
                continue;
            }
            spans.push(sp);
            tokens.push(u32::try_from(t).unwrap_or(u32::MAX));
            continue;
        }
        let before = spans.len();
        if tok.kind() == TokKind::Word {
            split_word(&text.src[sp.start..sp.end], sp.start, &mut spans);
        } else {
            spans.push(sp);
        }
        let id = u32::try_from(t).unwrap_or(u32::MAX);
        tokens.resize(spans.len().max(before), id);
    }
    (spans, tokens)
}

/// Parses sentences of one text on demand, each at most once. Nothing is allocated until a
/// pass asks about a sentence.
pub struct SyntaxCache<'m> {
    model: Source<'m>,
    sentences: usize,
    /// Per token: whether it is collapsed with its neighbours into one word.
    collapse: Vec<bool>,
    cells: OnceCell<Vec<OnceCell<Option<Box<SentenceSyntax>>>>>,
}

/// Where the cache's model comes from.
#[derive(Clone, Copy)]
enum Source<'m> {
    /// The compiled-in model, loaded when the first sentence is parsed.
    Embedded,
    /// A model given (`None`: no syntax).
    Given(Option<&'m Model>),
}

impl<'m> SyntaxCache<'m> {
    /// A cache for `text`'s sentences, parsed with the compiled-in model, which is loaded only
    /// when a pass first asks about a sentence.
    pub fn embedded(text: &Text<'_>) -> Self {
        Self::with_source(text, Source::Embedded)
    }

    /// A cache for `text`'s sentences, parsed with `model` (`None`: no syntax, every question
    /// answered with `None`).
    pub fn new(text: &Text<'_>, model: Option<&'m Model>) -> Self {
        Self::with_source(text, Source::Given(model))
    }

    fn with_source(text: &Text<'_>, model: Source<'m>) -> Self {
        Self {
            model,
            sentences: text.sentences.len(),
            collapse: Vec::new(),
            cells: OnceCell::new(),
        }
    }

    /// A cache with the same model for the same text, where every run of tokens `collapse`
    /// marks (the words inside quotations) is one word (see [`COLLAPSED`]).
    pub fn collapsing(&self, collapse: Vec<bool>) -> Self {
        Self {
            model: self.model,
            sentences: self.sentences,
            collapse,
            cells: OnceCell::new(),
        }
    }

    /// The syntax of sentence `s` (parsed now if it was not yet); `None` without a model, past
    /// the last sentence or for a sentence longer than [`MAX_WORDS`].
    pub fn sentence(&self, text: &Text<'_>, s: usize) -> Option<&SentenceSyntax> {
        let model = self.model()?;
        self.cells
            .get_or_init(|| (0..self.sentences).map(|_| OnceCell::new()).collect())
            .get(s)?
            .get_or_init(|| {
                let (spans, tokens) = words_collapsing(text, s, &self.collapse);
                if spans.is_empty() || spans.len() > MAX_WORDS {
                    return None;
                }
                let forms: Vec<&str> = spans
                    .iter()
                    .zip(&tokens)
                    .map(|(sp, &t)| {
                        if self.collapse.get(t as usize).copied().unwrap_or(false) {
                            COLLAPSED
                        } else {
                            &text.src[sp.start..sp.end]
                        }
                    })
                    .collect();
                let parse = model.parse(&forms);
                Some(Box::new(SentenceSyntax {
                    spans,
                    tokens,
                    parse,
                }))
            })
            .as_deref()
    }

    /// The syntax of sentence `s` with the model that parsed it (whose tables name its tags and
    /// relations).
    pub fn parsed(&self, text: &Text<'_>, s: usize) -> Option<(&SentenceSyntax, &'m Model)> {
        let model = self.model()?;
        Some((self.sentence(text, s)?, model))
    }

    /// The model, loaded now if it is the compiled-in one.
    fn model(&self) -> Option<&'m Model> {
        match self.model {
            Source::Embedded => super::model(),
            Source::Given(m) => m,
        }
    }

    /// The universal tag of the word that token `t` is (or starts), parsing its sentence if it
    /// was not yet.
    pub fn upos_of_token(&self, text: &Text<'_>, t: usize) -> Option<&'m str> {
        let model = self.model()?;
        let s = text.tokens.get(t)?.sentence() as usize;
        let syn = self.sentence(text, s)?;
        let w = syn.word_of_token(t)?;
        Some(model.upos(*syn.parse.tags.get(w)?))
    }
}

/// Every sentence of `src` as the engine cuts it, with its syntax (`None` for a sentence longer
/// than [`MAX_WORDS`], or without a model): for reading the engine's parse.
pub fn parse_text(src: &str, model: Option<&Model>) -> Vec<(Span, Option<SentenceSyntax>)> {
    let text = Text::new(src);
    let cache = SyntaxCache::new(&text, model);
    (0..text.sentences.len())
        .map(|s| {
            let (a, b) = text.sentences[s];
            let span = match (
                text.tokens.get(a),
                b.checked_sub(1).and_then(|e| text.tokens.get(e)),
            ) {
                (Some(first), Some(last)) => Span::new(first.span().start, last.span().end),
                _ => Span::new(0, 0),
            };
            (span, cache.sentence(&text, s).cloned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(w: &str) -> Vec<&str> {
        let mut out = Vec::new();
        split_word(w, 0, &mut out);
        out.iter().map(|s| &w[s.start..s.end]).collect()
    }

    /// A run of marked tokens (a quotation's words) is one word at its first token; the words
    /// around it are split as usual.
    #[test]
    fn a_quotation_collapses_into_one_word() {
        let src = "Ann Lee said: “We won't stop now.” Then she left.";
        let text = Text::new(src);
        let (open, close) = (src.find('“').unwrap_or(0), src.find('”').unwrap_or(0));
        let quoted: Vec<bool> = text
            .tokens
            .iter()
            .map(|t| t.span().start > open && t.span().start < close)
            .collect();
        let (spans, tokens) = words_collapsing(&text, 0, &quoted);
        let shown: Vec<&str> = spans.iter().map(|s| &src[s.start..s.end]).collect();
        assert_eq!(shown, ["Ann", "Lee", "said", ":", "“", "We", "”"]);
        assert_eq!(tokens.len(), spans.len());
        let (plain, _) = words_collapsing(&text, 0, &[]);
        assert_eq!(plain.len(), 12, "won't is two words when not collapsed");
    }

    #[test]
    fn words_split_as_gum_splits_them() {
        for (w, parts) in [
            ("don't", vec!["do", "n't"]),
            ("Can’t", vec!["Ca", "n’t"]),
            ("she's", vec!["she", "'s"]),
            ("they’re", vec!["they", "’re"]),
            ("well-known", vec!["well", "-", "known"]),
            ("Berg", vec!["Berg"]),
            ("O'Neill", vec!["O'Neill"]),
            ("rock'n'roll", vec!["rock'n'roll"]),
        ] {
            assert_eq!(split(w), parts, "{w}");
        }
    }
}
