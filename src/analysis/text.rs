//! Tokens, sentences and paragraphs: the shared view of the text every analysis pass reads.

use std::sync::LazyLock;

use regex::Regex;

use super::Span;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    /// Letters or digits, possibly with inner hyphens, apostrophes or (for acronyms) periods.
    Word,
    /// A possessive ending (`'s`, `’s`, or a lone `’`/`'` after a plural).
    Possessive,
    /// A quotation mark of any style, including an apostrophe-like mark not inside a word.
    QuoteMark,
    /// Any other punctuation or symbol character.
    Punct,
}

/// One token: a byte range plus its kind.
#[derive(Clone, Copy, Debug)]
pub struct Token {
    /// Byte range into the text.
    pub span: Span,
    /// What it is.
    pub kind: TokKind,
    /// Index of the sentence the token belongs to.
    pub sentence: u32,
    /// Index of the paragraph the token belongs to.
    pub paragraph: u32,
}

/// The text cut into paragraphs, sentences and tokens.
pub struct Text<'a> {
    /// The whole text.
    pub src: &'a str,
    /// Paragraph byte ranges (trimmed, non-empty, sorted).
    pub paragraphs: Vec<Span>,
    /// Sentences as token index ranges `[start, end)`.
    pub sentences: Vec<(usize, usize)>,
    /// Per sentence: its first token that is not an opening quote mark or bracket.
    sentence_body: Vec<usize>,
    /// All tokens in order.
    pub tokens: Vec<Token>,
}

static TOKEN_RE: LazyLock<Regex> = LazyLock::new(|| {
    // Acronyms with periods (U.S., U.S.A., J.K.), then words with inner hyphens/apostrophes/periods
    // between digits, then any single non-space character.
    Regex::new(
        r"(?x)
        (?:\p{Lu}\.){2,}
        | [\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}\u{200C}\u{200D}]*(?:[-'’.][\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}\u{200C}\u{200D}]*)*
        | \S",
    )
    .unwrap_or_else(|_| unreachable!("the token regex is valid"))
});

/// Characters that can act as quotation marks.
pub fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '‘' | '’' | '\'' | '‹' | '›' | '‚'
    )
}

impl<'a> Text<'a> {
    /// Cuts `src` into paragraphs, tokens and sentences.
    pub fn new(src: &'a str) -> Self {
        let paragraphs = split_paragraphs(src);
        let mut tokens = Vec::with_capacity(src.len() / 5);
        for (pi, para) in paragraphs.iter().enumerate() {
            let base = para.start;
            let ptext = &src[para.start..para.end];
            for m in TOKEN_RE.find_iter(ptext) {
                let (s, e) = (base + m.start(), base + m.end());
                push_token(
                    src,
                    &mut tokens,
                    s,
                    e,
                    u32::try_from(pi).unwrap_or(u32::MAX),
                );
            }
        }
        let sentences = split_sentences(src, &mut tokens);
        let lead = |j: usize| {
            let t = &tokens[j];
            t.kind == TokKind::QuoteMark
                || (t.kind == TokKind::Punct
                    && matches!(&src[t.span.start..t.span.end], "(" | "[" | "-" | "–" | "—"))
        };
        let sentence_body = sentences
            .iter()
            .map(|&(start, end)| (start..end).find(|&j| !lead(j)).unwrap_or(end))
            .collect();
        Text {
            src,
            paragraphs,
            sentences,
            sentence_body,
            tokens,
        }
    }

    /// The text of token `i`.
    pub fn tok(&self, i: usize) -> &'a str {
        self.tokens
            .get(i)
            .map_or("", |t| &self.src[t.span.start..t.span.end])
    }

    /// Whether token `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == TokKind::Word)
    }

    /// Whether token `i` is a word starting with an upper-case letter.
    pub fn is_cap(&self, i: usize) -> bool {
        self.is_word(i) && self.tok(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether token `i` starts its sentence (ignoring opening quote marks and brackets).
    pub fn is_sentence_start(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else {
            return false;
        };
        // Only opening marks and brackets come before it: computed once per sentence.
        self.sentence_body
            .get(t.sentence as usize)
            .is_some_and(|&body| i <= body)
    }

    /// Whether there is white space (or nothing) between tokens `i` and `i + 1`.
    pub fn space_after(&self, i: usize) -> bool {
        match (self.tokens.get(i), self.tokens.get(i + 1)) {
            (Some(a), Some(b)) => a.span.end < b.span.start,
            _ => true,
        }
    }

    /// Whether token `i` is a (lower-case) word equal to `w`, ignoring case.
    pub fn is(&self, w: &str, i: usize) -> bool {
        self.is_word(i) && self.tok(i).eq_ignore_ascii_case(w)
    }

    /// Index of the first token whose start is at or after byte `b`.
    pub fn token_at_or_after(&self, b: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < b)
    }
}

fn push_token(src: &str, tokens: &mut Vec<Token>, s: usize, e: usize, paragraph: u32) {
    let text = &src[s..e];
    let mut chars = text.chars();
    let first = chars.next().unwrap_or(' ');
    let single = chars.next().is_none();
    let kind = if single && is_quote_char(first) {
        // An apostrophe right after a word ending in s, followed by a space: plural possessive.
        let prev_word_s = tokens.last().is_some_and(|t: &Token| {
            t.span.end == s
                && t.kind == TokKind::Word
                && src[t.span.start..t.span.end].ends_with('s')
        });
        let next_space = src[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if matches!(first, '’' | '\'') && prev_word_s && next_space {
            TokKind::Possessive
        } else {
            TokKind::QuoteMark
        }
    } else if first.is_alphanumeric() {
        TokKind::Word
    } else {
        TokKind::Punct
    };
    if kind == TokKind::Word {
        // Split a possessive 's / ’s off the word.
        for suffix in ["’s", "'s", "’S", "'S"] {
            if text.len() > suffix.len() + 1 && text.ends_with(suffix) {
                let cut = e - suffix.len();
                tokens.push(Token {
                    span: Span::new(s, cut),
                    kind: TokKind::Word,
                    sentence: 0,
                    paragraph,
                });
                tokens.push(Token {
                    span: Span::new(cut, e),
                    kind: TokKind::Possessive,
                    sentence: 0,
                    paragraph,
                });
                return;
            }
        }
    }
    tokens.push(Token {
        span: Span::new(s, e),
        kind,
        sentence: 0,
        paragraph,
    });
}

/// Paragraphs: blocks separated by blank lines; inside a block, lines that look like whole
/// paragraphs (not hard-wrapped prose) are paragraphs of their own.
fn split_paragraphs(src: &str) -> Vec<Span> {
    let mut blocks: Vec<Vec<Span>> = Vec::new();
    let mut current: Vec<Span> = Vec::new();
    let mut pos = 0;
    for line in src.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let s = start + lead;
        current.push(Span::new(s, s + trimmed.len()));
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        let longest = block.iter().map(Span::len).max().unwrap_or(0);
        let hard_wrapped = block.len() > 1 && longest <= 100;
        if hard_wrapped {
            let (Some(first), Some(last)) = (block.first(), block.last()) else {
                continue;
            };
            out.push(Span::new(first.start, last.end));
        } else {
            out.extend(block);
        }
    }
    out
}

/// Abbreviations after which a period does not end a sentence.
fn is_abbrev(w: &str) -> bool {
    matches!(
        w,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "St"
            | "Prof"
            | "Gen"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Lt"
            | "Col"
            | "Capt"
            | "Sgt"
            | "Rev"
            | "Jr"
            | "Sr"
            | "Co"
            | "Inc"
            | "Corp"
            | "Ltd"
            | "No"
            | "vs"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Aug"
            | "Sept"
            | "Sep"
            | "Oct"
            | "Nov"
            | "Dec"
            | "Mt"
            | "Ft"
            | "Adm"
            | "Cmdr"
            | "Supt"
            | "Det"
            | "Insp"
            | "approx"
            | "etc"
            | "e.g"
            | "i.e"
    ) || (w.chars().count() == 1 && w.chars().all(char::is_uppercase))
}

/// Assigns sentence and returns sentence token ranges. A sentence ends after `.`, `!`, `?`
/// (plus any closing quote marks) when the next token starts a new sentence, and at paragraph ends.
fn split_sentences(src: &str, tokens: &mut [Token]) -> Vec<(usize, usize)> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let n = tokens.len();
    let mut i = 0;
    while i < n {
        let t = tokens[i];
        let text = &src[t.span.start..t.span.end];
        let para_end = i + 1 == n || tokens[i + 1].paragraph != t.paragraph;
        let mut end_here = para_end;
        if !end_here && t.kind == TokKind::Punct && matches!(text, "." | "!" | "?" | "…") {
            let prev_abbrev = i > 0
                && tokens[i - 1].kind == TokKind::Word
                && tokens[i - 1].span.end == t.span.start
                && is_abbrev(&src[tokens[i - 1].span.start..tokens[i - 1].span.end]);
            // Swallow closing quote marks and brackets directly after the full stop.
            let mut j = i + 1;
            while j < n
                && tokens[j].paragraph == t.paragraph
                && tokens[j].span.start == tokens[j - 1].span.end
                && (tokens[j].kind == TokKind::QuoteMark
                    || matches!(&src[tokens[j].span.start..tokens[j].span.end], ")" | "]"))
            {
                j += 1;
            }
            let next_upper = j < n && tokens[j].paragraph == t.paragraph && {
                let nt = &src[tokens[j].span.start..tokens[j].span.end];
                nt.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric())
                    || tokens[j].kind == TokKind::QuoteMark
            };
            let spaced = j < n && tokens[j].span.start > tokens[j - 1].span.end;
            if (!prev_abbrev && spaced && next_upper)
                || j >= n
                || tokens[j].paragraph != t.paragraph
            {
                i = j - 1;
                end_here = true;
            }
        }
        if end_here {
            let idx = u32::try_from(sentences.len()).unwrap_or(u32::MAX);
            for tok in &mut tokens[start..=i] {
                tok.sentence = idx;
            }
            sentences.push((start, i + 1));
            start = i + 1;
        }
        i += 1;
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        let t = Text::new(s);
        (0..t.tokens.len()).map(|i| t.tok(i)).collect()
    }

    #[test]
    fn tokens_split_possessives_and_keep_acronyms() {
        let cases: &[(&str, &[&str])] = &[
            ("Biden's plan", &["Biden", "'s", "plan"]),
            ("Russia’s measures", &["Russia", "’s", "measures"]),
            (
                "the U.S. and J.K. Rowling",
                &["the", "U.S.", "and", "J.K.", "Rowling"],
            ),
            ("Moon Jae-in said", &["Moon", "Jae-in", "said"]),
            ("“opponent “The", &["“", "opponent", "“", "The"]),
            ("O'Brien", &["O'Brien"]),
        ];
        for (input, expect) in cases {
            assert_eq!(&toks(input), expect, "input: {input}");
        }
    }

    #[test]
    fn paragraphs_and_sentences() {
        let t = Text::new("Title\n\nMr. Smith said so. He left.\n\nNext one");
        assert_eq!(t.paragraphs.len(), 3);
        // "Title" | "Mr. Smith said so." | "He left." | "Next one"
        assert_eq!(t.sentences.len(), 4);
    }
}
