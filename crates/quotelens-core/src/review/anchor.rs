//! Anchors: where a correction applies, as character offsets with the words there and a little
//! context on each side, and finding that place again in a text that has changed since.

use serde::{Deserialize, Serialize};

use crate::analysis::Span;
pub use crate::analysis::export::CharIndex;

/// Characters of context kept on each side of an anchored stretch.
pub const CONTEXT_CHARS: usize = 24;

/// A stretch of the article: character (Unicode scalar) offsets, the words there, and up to
/// [`CONTEXT_CHARS`] characters before and after it, to find it again if the text changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The anchored words.
    pub text: String,
    /// The characters just before it.
    #[serde(default)]
    pub before: String,
    /// The characters just after it.
    #[serde(default)]
    pub after: String,
}

/// The anchor of `span` (bytes, on char boundaries) in `text`.
pub fn anchor(text: &str, chars: &CharIndex, span: Span) -> Anchor {
    let words = text.get(span.start..span.end).unwrap_or("");
    let before_text = text.get(..span.start).unwrap_or("");
    let skip = before_text.chars().count().saturating_sub(CONTEXT_CHARS);
    Anchor {
        start: chars.char_of(span.start),
        end: chars.char_of(span.end),
        text: words.to_string(),
        before: before_text.chars().skip(skip).collect(),
        after: text
            .get(span.end..)
            .unwrap_or("")
            .chars()
            .take(CONTEXT_CHARS)
            .collect(),
    }
}

/// How many characters the context around `at` (bytes) shares with the anchor's: the common
/// end of what precedes plus the common start of what follows.
fn context_match(text: &str, at: Span, a: &Anchor) -> usize {
    let before = text.get(..at.start).unwrap_or("");
    let after = text.get(at.end..).unwrap_or("");
    let common_end = before
        .chars()
        .rev()
        .zip(a.before.chars().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let common_start = after
        .chars()
        .zip(a.after.chars())
        .take_while(|(x, y)| x == y)
        .count();
    common_end + common_start
}

/// Where the anchor's words are in `text` (bytes), or `None` if they are nowhere.
///
/// Where the anchor says, if its words and context are still there. Otherwise every place the
/// words occur is a candidate: the one whose surroundings share the most context wins, and of
/// equally good ones the nearest to where the anchor was.
pub fn place(text: &str, chars: &CharIndex, a: &Anchor) -> Option<Span> {
    if a.text.is_empty() {
        return None;
    }
    let full = a.before.chars().count() + a.after.chars().count();
    if let (Some(s), Some(e)) = (chars.byte_of(a.start), chars.byte_of(a.end))
        && text.get(s..e) == Some(a.text.as_str())
        && context_match(text, Span::new(s, e), a) == full
    {
        return Some(Span::new(s, e));
    }
    let mut best: Option<(usize, usize, Span)> = None;
    let mut from = 0;
    while let Some(i) = text.get(from..).and_then(|t| t.find(a.text.as_str())) {
        let s = from + i;
        let span = Span::new(s, s + a.text.len());
        let score = context_match(text, span, a);
        let distance = chars.char_of(s).abs_diff(a.start);
        let better = best.is_none_or(|(bs, bd, _)| score > bs || (score == bs && distance < bd));
        if better {
            best = Some((score, distance, span));
        }
        // The next candidate starts at the next character.
        from = s + text[s..].chars().next().map_or(1, char::len_utf8);
    }
    best.map(|(_, _, span)| span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_anchor_keeps_words_and_context_in_characters() {
        let text = "Ça va. Mayor Dan Reyes said “no”.";
        let s = text.find("Dan Reyes").unwrap_or(0);
        let chars = CharIndex::new(text);
        let a = anchor(text, &chars, Span::new(s, s + "Dan Reyes".len()));
        assert_eq!((a.start, a.end), (13, 22));
        assert_eq!(a.text, "Dan Reyes");
        assert_eq!(a.before, "Ça va. Mayor ");
        assert_eq!(a.after, " said “no”.");
        assert_eq!(place(text, &chars, &a), Some(Span::new(s, s + 9)));
    }

    #[test]
    fn a_moved_stretch_is_found_by_its_words_and_context() {
        // (old text, new text, anchored words, expected byte offset in the new text or None)
        let rows: &[(&str, &str, &str, Option<usize>)] = &[
            // Text inserted before: the words moved.
            (
                "He said yes. She said no.",
                "Then: He said yes. She said no.",
                "She said",
                Some(19),
            ),
            // The same words twice: the one with the same context wins.
            (
                "Ana said no. Bo said no.",
                "Ana said no. Bo said no.",
                "said no",
                Some(4),
            ),
            (
                "Ana said no. Bo said no.",
                "X. Ana said no. Bo said no.",
                "said no",
                Some(7),
            ),
            // The words are gone.
            ("He said yes.", "He agreed.", "said yes", None),
        ];
        for &(old, new, words, want) in rows {
            let s = old.find(words).unwrap_or(0);
            let a = anchor(old, &CharIndex::new(old), Span::new(s, s + words.len()));
            let got = place(new, &CharIndex::new(new), &a).map(|p| p.start);
            assert_eq!(got, want, "{old:?} -> {new:?} ({words})");
        }
    }
}
