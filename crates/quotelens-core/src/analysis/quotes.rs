//! Quotation marks paired into quoted spans, tolerating broken, missing and stray marks.

use super::lexicon;
use super::model::Span;
use super::text::Text;

/// One quoted stretch of text, before it is classified and attributed.
#[derive(Clone, Debug)]
pub struct RawQuote {
    /// Content between the marks, trimmed of white space.
    pub content: Span,
    /// The opening mark.
    pub open: Span,
    /// The closing mark, if there was one.
    pub close: Option<Span>,
    /// Paragraph index.
    pub paragraph: usize,
    /// Whether the quote continues into the next paragraph (Wikinews/AP convention).
    pub continues: bool,
    /// Whether the marks were single quotes.
    pub single: bool,
}

/// Whether `c` is a quotation mark, double or single, straight, curly or angled: the marks
/// this pass pairs.
pub fn is_quote_mark(c: char) -> bool {
    is_double(c) || is_single(c)
}

fn is_double(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '‟' | '«' | '»')
}

fn is_single(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’' | '‹' | '›' | '‚')
}

#[derive(Clone, Copy, Debug)]
struct Mark {
    span: Span,
    glyph: char,
    can_open: bool,
    can_close: bool,
}

fn classify(text: &Text<'_>, span: Span, para: Span) -> Mark {
    let src = text.src;
    let glyph = src[span.start..span.end].chars().next().unwrap_or('"');
    let before = if span.start > para.start {
        src[..span.start].chars().next_back()
    } else {
        None
    };
    let after = if span.end < para.end {
        src[span.end..].chars().next()
    } else {
        None
    };
    let left_open = before
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '-' | '/' | ':'));
    let right_open = after.is_none_or(|c| {
        c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '—' | '–')
    });
    let mut can_open = !right_open || misplaced_opener(src, span, glyph, after);
    let mut can_close = !left_open || right_open;
    // Glyph hints when the context is ambiguous (spaces on both sides, or none).
    if can_open && can_close {
        match glyph {
            '“' | '„' | '«' | '‘' | '‚' | '‹' => can_close = !left_open && right_open,
            '”' | '»' | '’' | '›' => can_open = left_open && !right_open,
            _ => {}
        }
        if !can_open && !can_close {
            can_open = true;
        }
    }
    // Guillemets and low-9 marks say which way they face, whatever the spacing (« Bonjour »).
    match glyph {
        '«' | '„' => (can_open, can_close) = (after.is_some(), false),
        '»' => (can_open, can_close) = (false, true),
        _ => {}
    }
    Mark {
        span,
        glyph,
        can_open,
        can_close,
    }
}

/// A straight opening mark typed after a comma with the space after it instead of before, in a
/// sentence whose speech verb comes before it: `Lee said," It was late."`, `Lee said the fund
/// would grow," We start in May."`. It may open a quote (whether it does is left to the pairing:
/// after an open quote it still closes it).
fn misplaced_opener(src: &str, span: Span, glyph: char, after: Option<char>) -> bool {
    if glyph != '"' || after != Some(' ') {
        return false;
    }
    // The sentence so far lies within a few hundred bytes (linear time on any text).
    let from = src.floor_char_boundary(span.start.saturating_sub(600));
    let Some(before) = src.get(from..span.start).and_then(|b| b.strip_suffix(',')) else {
        return false;
    };
    let starts_upper = src
        .get(span.end..)
        .map(str::trim_start)
        .and_then(|t| t.chars().next())
        .is_some_and(|c| c.is_uppercase() || c == '[');
    // The sentence so far: back to its last terminator or line break, at most 60 words.
    let sentence = before
        .rsplit(['.', '!', '?', '\n', '"', '“', '”'])
        .next()
        .unwrap_or(before);
    starts_upper
        && sentence
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .rev()
            .take(60)
            .any(|w| {
                w.chars().next().is_some_and(char::is_lowercase) && lexicon::reporting(w).speech()
            })
}

/// Whether the mark at `span` sits inside a markup tag embedded in the text (`<tweet
/// author="x">`, `<a href="…">`): between a `<` that opens a tag (a letter or `/` after it) and
/// the `>` that closes it, within the paragraph. Attribute values are not quotations.
fn in_markup_tag(src: &str, para: Span, span: Span) -> bool {
    // Tags are short: look at most this far either side (linear time on long paragraphs).
    const REACH: usize = 512;
    let from = src.floor_char_boundary(span.start.saturating_sub(REACH).max(para.start));
    let Some(before) = src.get(from..span.start) else {
        return false;
    };
    let Some(lt) = before.rfind('<') else {
        return false;
    };
    let opens_tag = before[lt + 1..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '/');
    if !opens_tag || before[lt..].contains('>') {
        return false;
    }
    let to = src.floor_char_boundary((span.end + REACH).min(para.end));
    src.get(span.end..to)
        .and_then(|after| after.find(['>', '<']))
        .is_some_and(|i| src.as_bytes().get(span.end + i) == Some(&b'>'))
}

/// Pairs the double quotation marks of each paragraph, then single ones outside them.
pub fn find(text: &Text<'_>) -> Vec<RawQuote> {
    let mut per_para: Vec<Vec<Mark>> = vec![Vec::new(); text.paragraphs.len()];
    let mut singles: Vec<Vec<Mark>> = vec![Vec::new(); text.paragraphs.len()];
    for t in text
        .quote_marks
        .iter()
        .filter_map(|&k| text.tokens.get(k as usize))
    {
        let p = text.paragraph(t) as usize;
        let Some(para) = text.paragraphs.get(p) else {
            continue;
        };
        if in_markup_tag(text.src, *para, t.span()) {
            continue;
        }
        let m = classify(text, t.span(), *para);
        if is_double(m.glyph) {
            per_para[p].push(m);
        } else if is_single(m.glyph) {
            singles[p].push(m);
        }
    }
    let mut out: Vec<RawQuote> = Vec::new();
    for (p, marks) in per_para.iter().enumerate() {
        let para = text.paragraphs[p];
        let next_starts_with_mark = per_para
            .get(p + 1)
            .and_then(|m| m.first())
            .zip(text.paragraphs.get(p + 1))
            .is_some_and(|(m, np)| m.span.start == np.start && m.can_open);
        pair_paragraph(text, marks, para, p, next_starts_with_mark, false, &mut out);
    }
    // Single quotes, only outside double-quoted spans (nested singles are quotes within quotes).
    // Double-quoted spans are paired left to right, so they are sorted and do not overlap: the
    // only one that can hold a mark is the last one starting at or before it.
    let doubles: Vec<Span> = out
        .iter()
        .map(|q| Span::new(q.open.start, q.close.map_or(q.content.end, |c| c.end)))
        .collect();
    let mut single_quotes = Vec::new();
    for (p, marks) in singles.iter().enumerate() {
        let para = text.paragraphs[p];
        let outside: Vec<Mark> = marks
            .iter()
            .filter(|m| {
                let i = doubles.partition_point(|d| d.start <= m.span.start);
                !(i > 0 && m.span.end <= doubles[i - 1].end)
            })
            .copied()
            .collect();
        pair_singles(text, &outside, para, p, &mut single_quotes);
    }
    out.extend(single_quotes);
    out.sort_by_key(|q| q.open.start);
    out
}

fn trimmed(src: &str, s: usize, e: usize) -> Span {
    if s >= e {
        return Span::new(s, s);
    }
    let slice = &src[s..e];
    let lead = slice.len() - slice.trim_start().len();
    let t = slice.trim();
    Span::new(s + lead, s + lead + t.len())
}

fn pair_paragraph(
    text: &Text<'_>,
    marks: &[Mark],
    para: Span,
    p: usize,
    continues_next: bool,
    single: bool,
    out: &mut Vec<RawQuote>,
) {
    let src = text.src;
    let mut open: Option<Mark> = None;
    let mut i = 0;
    while i < marks.len() {
        let m = marks[i];
        match open {
            None => {
                // A closing-looking mark with a closing mark after it and nothing open: the
                // opening mark was typed the wrong way round (`communities," For example …".`).
                let next_closes = marks.get(i + 1).is_some_and(|n| n.can_close && !n.can_open)
                    && marks.len() - i == 2;
                if m.can_open || next_closes && !m.can_open && m.glyph == '"' {
                    open = Some(m);
                }
            }
            Some(o) => {
                if m.can_close {
                    push(out, src, o, Some(m), m.span.start, p, false, single);
                    open = None;
                } else {
                    // An opening-looking mark while a quote is open: either it closes the quote
                    // with the wrong glyph, or the open quote was never closed. If a closing mark
                    // follows for it, it opens a new quote; otherwise it closes this one.
                    let rest = &marks[i + 1..];
                    let later_close = rest.first().is_some_and(|n| n.can_close);
                    if later_close {
                        push(out, src, o, None, m.span.start, p, false, single);
                        open = Some(m);
                    } else {
                        push(out, src, o, Some(m), m.span.start, p, false, single);
                        open = None;
                    }
                }
            }
        }
        i += 1;
    }
    if let Some(o) = open {
        // Never closed: runs to the end of the paragraph, and on into the next when that one
        // opens with a quotation mark.
        push(out, src, o, None, para.end, p, continues_next, single);
    }
}

#[allow(
    clippy::too_many_arguments,
    reason = "a private helper with the pieces of one quote"
)]
fn push(
    out: &mut Vec<RawQuote>,
    src: &str,
    o: Mark,
    close: Option<Mark>,
    end: usize,
    p: usize,
    continues: bool,
    single: bool,
) {
    let content = trimmed(src, o.span.end, end);
    if content.is_empty() {
        return;
    }
    out.push(RawQuote {
        content,
        open: o.span,
        close: close.map(|c| c.span),
        paragraph: p,
        continues,
        single,
    });
}

fn pair_singles(text: &Text<'_>, marks: &[Mark], para: Span, p: usize, out: &mut Vec<RawQuote>) {
    let src = text.src;
    let mut i = 0;
    while i < marks.len() {
        let o = marks[i];
        let opens = o.can_open && !o.can_close && matches!(o.glyph, '‘' | '\'' | '‹' | '‚');
        if !opens {
            i += 1;
            continue;
        }
        // The nearest closing mark in the paragraph that is not an apostrophe inside a word.
        let close = marks[i + 1..]
            .iter()
            .position(|c| c.can_close && !c.can_open && matches!(c.glyph, '’' | '\'' | '›'));
        let Some(ci) = close else {
            break;
        };
        let c = marks[i + 1 + ci];
        let content = trimmed(src, o.span.end, c.span.start);
        // Single-quoted spans are short: a long one is more likely apostrophes mistaken for marks.
        if !content.is_empty() && content.len() < 600 && content.end <= para.end {
            out.push(RawQuote {
                content,
                open: o.span,
                close: Some(c.span),
                paragraph: p,
                continues: false,
                single: true,
            });
        }
        i += ci + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs the pairing and returns the quoted contents.
    fn check(input: &str, expect: &[&str]) {
        let text = Text::new(input);
        let got: Vec<&str> = find(&text)
            .iter()
            .map(|q| &input[q.content.start..q.content.end])
            .collect();
        assert_eq!(got, expect, "input: {input}");
    }

    #[test]
    fn pairing_table() {
        let cases: &[(&str, &[&str])] = &[
            // Well-formed curly and straight quotes.
            ("He said “hello there” and left.", &["hello there"]),
            ("\"One,\" he said. \"Two.\"", &["One,", "Two."]),
            ("« Bonjour » dit-il.", &["Bonjour"]),
            ("„Guten Tag“, sagte er.", &["Guten Tag"]),
            // Closed with an opening mark (sample article).
            (
                "need to act. “There is an urgent need to act. “",
                &["There is an urgent need to act."],
            ),
            // Opening mark used as a closing mark mid-sentence (sample article).
            (
                "said its “opponent “The US should keep away.",
                &["opponent"],
            ),
            // Never closed: runs to the end of the paragraph.
            (
                "“We warn you,” said Marsh. “It will be for their own good.\n\nNext.",
                &["We warn you,", "It will be for their own good."],
            ),
            // Apostrophes are not quotes.
            ("Russia’s troops and the parents’ house", &[]),
            // Single-quoted headline quote.
            (
                "Ruritania puts navy in 'near-state of alert'",
                &["near-state of alert"],
            ),
            // A stray closing mark alone.
            ("It was 5” long.", &[]),
        ];
        for (input, expect) in cases {
            check(input, expect);
        }
    }

    #[test]
    fn continued_over_paragraphs() {
        let input = "She said: \"First part.\n\n\"Second part.\"\n\nAfter.";
        let text = Text::new(input);
        let qs = find(&text);
        assert_eq!(qs.len(), 2);
        assert!(qs[0].continues);
        assert!(!qs[1].continues);
    }
}
