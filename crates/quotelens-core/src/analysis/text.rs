//! Tokens, sentences and paragraphs: the shared view of the text every analysis pass reads.

use super::lexicon;
use super::model::Span;

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

/// One token: a byte range, its kind and its sentence. Compact (12 bytes): long documents have
/// millions, and every pass reads them all.
#[derive(Clone, Copy, Debug)]
pub struct Token {
    start: u32,
    end: u32,
    /// The sentence index (upper 27 bits), a lower-case flag, a hyphen flag, the kind (2 bits)
    /// and the capital flag (lowest bit).
    meta: u32,
}

/// Bits of `Token::meta` below the sentence index.
const META_BITS: u32 = 5;

impl Token {
    fn new(src: &str, start: usize, end: usize, kind: TokKind) -> Self {
        // Texts are at most the document size limit (64 MB), well within u32.
        let at = |b: usize| u32::try_from(b).unwrap_or(u32::MAX);
        let (kind_bits, flags) = match kind {
            TokKind::Word => (0, Self::word_flags(src, start, end)),
            TokKind::Possessive => (1, 0),
            TokKind::QuoteMark => (2, 0),
            TokKind::Punct => (3, 0),
        };
        Self {
            start: at(start),
            end: at(end),
            meta: flags | (kind_bits << 1),
        }
    }

    /// The lower-case (bit 4), hyphen (bit 3) and capital (bit 0) flags of the word
    /// `src[start..end]`.
    #[inline]
    fn word_flags(src: &str, start: usize, end: usize) -> u32 {
        let b = src.as_bytes().get(start..end).unwrap_or_default();
        let (cap, lower) = match b.first() {
            Some(c) if c.is_ascii() => (c.is_ascii_uppercase(), c.is_ascii_lowercase()),
            _ => src
                .get(start..)
                .and_then(|w| w.chars().next())
                .map_or((false, false), |c| (c.is_uppercase(), c.is_lowercase())),
        };
        // A byte loop: words are short, and a hyphen is one byte in UTF-8.
        #[allow(
            clippy::manual_contains,
            reason = "`contains` calls memchr, slower on words of a few bytes"
        )]
        let hyphen = b.iter().any(|&c| c == b'-');
        (u32::from(lower) << 4) | (u32::from(hyphen) << 3) | u32::from(cap)
    }

    /// Byte range into the text.
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    /// What it is.
    pub fn kind(&self) -> TokKind {
        match (self.meta >> 1) & 3 {
            0 => TokKind::Word,
            1 => TokKind::Possessive,
            2 => TokKind::QuoteMark,
            _ => TokKind::Punct,
        }
    }

    /// Index of the sentence the token belongs to.
    pub fn sentence(&self) -> u32 {
        self.meta >> META_BITS
    }

    /// A word starting with an upper-case letter.
    fn is_cap(&self) -> bool {
        self.meta & 1 == 1
    }

    /// A word with an inner hyphen.
    fn is_hyphenated(&self) -> bool {
        self.meta & 8 == 8
    }

    /// A word starting with a lower-case letter.
    fn is_lower(&self) -> bool {
        self.meta & 16 == 16
    }

    fn set_sentence(&mut self, sentence: usize) {
        let max = u32::MAX >> META_BITS;
        let s = u32::try_from(sentence).unwrap_or(max).min(max);
        self.meta = (s << META_BITS) | (self.meta & ((1 << META_BITS) - 1));
    }
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
    /// Per sentence: the paragraph it is in (sentences end at paragraph ends).
    sentence_para: Vec<u32>,
    /// All tokens in order.
    pub tokens: Vec<Token>,
    /// Indices of the tokens that are capitalised words, in order.
    pub caps: Vec<u32>,
    /// Indices of the tokens that are quotation marks, in order.
    pub quote_marks: Vec<u32>,
    /// Per block of [`BLOCK`] bytes: the first token starting in or after it (a small index
    /// that keeps byte-to-token lookups local in long texts).
    block_first: Vec<u32>,
}

/// Bytes per entry of `Text::block_first`.
const BLOCK: usize = 64;

/// Letters, marks and digits: what words are made of.
#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks that `char::is_alphanumeric` does not cover (accents typed as a separate
/// code point, Hebrew and Arabic points, variation selectors).
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05C7}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0900}'..='\u{0903}'
        | '\u{093A}'..='\u{094F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{3099}'..='\u{309A}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// The end of the token that starts at byte `i` of `s` (not white space): an acronym with
/// periods ("U.S.", "J.K."), a word (letters, marks and digits, with inner hyphens,
/// apostrophes, or periods followed by more word characters; zero-width joiners inside), or
/// any single other character. The grammar is the regex in this module's tests.
fn token_end(s: &str, i: usize) -> usize {
    ascii_token_end(s.as_bytes(), i).unwrap_or_else(|| any_token_end(s, i))
}

/// [`token_end`] for the common case of a token in ASCII: `None` as soon as anything else
/// (a non-ASCII byte, or an upper-case letter and a period, which may start an acronym) could
/// change the answer.
#[inline]
fn ascii_token_end(b: &[u8], i: usize) -> Option<usize> {
    let first = *b.get(i)?;
    if !first.is_ascii() || first.is_ascii_uppercase() && b.get(i + 1) == Some(&b'.') {
        return None;
    }
    if !first.is_ascii_alphanumeric() {
        return Some(i + 1);
    }
    let mut j = i + 1;
    loop {
        while b.get(j).is_some_and(u8::is_ascii_alphanumeric) {
            j += 1;
        }
        match b.get(j) {
            Some(c) if !c.is_ascii() => return None,
            Some(b'-' | b'\'' | b'.') => match b.get(j + 1) {
                Some(c) if c.is_ascii_alphanumeric() => j += 1,
                Some(c) if !c.is_ascii() => return None,
                _ => return Some(j),
            },
            _ => return Some(j),
        }
    }
}

/// [`token_end`] for any text.
fn any_token_end(s: &str, i: usize) -> usize {
    let rest = &s[i..];
    let Some(first) = rest.chars().next() else {
        return i;
    };
    // Acronym: two or more (upper-case letter, period).
    if first.is_uppercase() {
        let mut reps = 0;
        let mut end = 0;
        let mut it = rest.char_indices();
        while let (Some((_, u)), Some((pj, '.'))) = (it.next(), it.next()) {
            if !u.is_uppercase() {
                break;
            }
            reps += 1;
            end = pj + 1;
            let mut look = it.clone();
            match look.next() {
                Some((_, c)) if c.is_uppercase() => {}
                _ => break,
            }
        }
        if reps >= 2 {
            return i + end;
        }
    }
    if !is_word_char(first) {
        return i + first.len_utf8();
    }
    let mut it = rest.char_indices().skip(1).peekable();
    let mut end = first.len_utf8();
    loop {
        // Word characters (and joiners).
        while let Some(&(j, c)) = it.peek() {
            if is_word_char(c) || c == '\u{200C}' || c == '\u{200D}' {
                end = j + c.len_utf8();
                it.next();
            } else {
                break;
            }
        }
        // An inner separator followed by a word character continues the word.
        let Some(&(_, sep)) = it.peek() else {
            break;
        };
        if !matches!(sep, '-' | '\'' | '’' | '.') {
            break;
        }
        let mut ahead = it.clone();
        ahead.next();
        match ahead.peek() {
            Some(&(_, c)) if is_word_char(c) => {
                it.next();
            }
            _ => break,
        }
    }
    i + end
}

/// Byte ranges of the tokens of `s`, in order.
fn tokenize(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    let bytes = s.as_bytes();
    std::iter::from_fn(move || {
        // ASCII white space byte by byte; anything else as chars.
        while bytes.get(pos).is_some_and(u8::is_ascii_whitespace) {
            pos += 1;
        }
        let start = match bytes.get(pos) {
            // Not white space (skipped above), and a whole character.
            Some(b) if b.is_ascii() => pos,
            _ => pos + s[pos..].find(|c: char| !c.is_whitespace())?,
        };
        let end = token_end(s, start);
        pos = end;
        Some((start, end))
    })
}

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
        // Sized for news text up front (about a token per 5 bytes, a sentence per 100 bytes, a
        // capitalised word per 30 and a quote mark per 200): growing them costs more.
        let mut tokens = Vec::with_capacity(src.len() / 5);
        let mut sentences = Vec::with_capacity(src.len() / 100);
        let mut sentence_body = Vec::with_capacity(src.len() / 100);
        let mut sentence_para = Vec::with_capacity(src.len() / 100);
        let mut block_first = Vec::with_capacity(src.len() / BLOCK + 2);
        let mut caps = Vec::with_capacity(src.len() / 30);
        let mut quote_marks = Vec::with_capacity(src.len() / 200);
        // One paragraph at a time, every step while its tokens are in the cache.
        for (pi, para) in paragraphs.iter().enumerate() {
            let first = tokens.len();
            for (ms, me) in tokenize(&src[para.start..para.end]) {
                push_token(src, &mut tokens, para.start + ms, para.start + me);
            }
            for (t, tok) in tokens.iter().enumerate().skip(first) {
                let at = u32::try_from(t).unwrap_or(u32::MAX);
                while block_first.len() * BLOCK <= tok.span().start {
                    block_first.push(at);
                }
                if tok.is_cap() {
                    caps.push(at);
                } else if tok.kind() == TokKind::QuoteMark {
                    quote_marks.push(at);
                }
            }
            let before = sentences.len();
            split_sentences(src, &mut tokens, first, &mut sentences);
            let pi = u32::try_from(pi).unwrap_or(u32::MAX);
            for &(start, end) in &sentences[before..] {
                let lead = |j: usize| {
                    let t = &tokens[j];
                    t.kind() == TokKind::QuoteMark
                        || (t.kind() == TokKind::Punct
                            && matches!(
                                &src[t.span().start..t.span().end],
                                "(" | "[" | "-" | "–" | "—"
                            ))
                };
                sentence_body.push((start..end).find(|&j| !lead(j)).unwrap_or(end));
                sentence_para.push(pi);
            }
        }
        let n = u32::try_from(tokens.len()).unwrap_or(u32::MAX);
        while block_first.len() <= src.len() / BLOCK + 1 {
            block_first.push(n);
        }
        Text {
            src,
            paragraphs,
            sentences,
            sentence_body,
            sentence_para,
            tokens,
            caps,
            quote_marks,
            block_first,
        }
    }

    /// The text of token `i`.
    pub fn tok(&self, i: usize) -> &'a str {
        self.tokens
            .get(i)
            .map_or("", |t| &self.src[t.span().start..t.span().end])
    }

    /// Whether token `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind() == TokKind::Word)
    }

    /// Whether token `i` is a word starting with an upper-case letter.
    pub fn is_cap(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(Token::is_cap)
    }

    /// Whether token `i` is a word starting with a lower-case letter.
    pub fn is_lower(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(Token::is_lower)
    }

    /// Whether token `i` is a word with an inner hyphen ("al-Amr", "well-known").
    pub fn is_hyphenated(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(Token::is_hyphenated)
    }

    /// Whether token `i` starts its sentence (ignoring opening quote marks and brackets).
    pub fn is_sentence_start(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else {
            return false;
        };
        // Only opening marks and brackets come before it: computed once per sentence.
        self.sentence_body
            .get(t.sentence() as usize)
            .is_some_and(|&body| i <= body)
    }

    /// The paragraph of token `t`.
    pub fn paragraph(&self, t: &Token) -> u32 {
        self.sentence_para
            .get(t.sentence() as usize)
            .copied()
            .unwrap_or(0)
    }

    /// The tokens of the sentence holding token `i` (start, end exclusive), if there is one.
    pub fn sentence_of(&self, i: usize) -> Option<(usize, usize)> {
        let t = self.tokens.get(i)?;
        self.sentences.get(t.sentence() as usize).copied()
    }

    /// The paragraph of token `i` (0 past the end).
    pub fn paragraph_of(&self, i: usize) -> u32 {
        self.tokens.get(i).map_or(0, |t| self.paragraph(t))
    }

    /// Whether there is white space (or nothing) between tokens `i` and `i + 1`.
    pub fn space_after(&self, i: usize) -> bool {
        match (self.tokens.get(i), self.tokens.get(i + 1)) {
            (Some(a), Some(b)) => a.span().end < b.span().start,
            _ => true,
        }
    }

    /// Whether token `i` is a (lower-case) word equal to `w`, ignoring case.
    pub fn is(&self, w: &str, i: usize) -> bool {
        self.is_word(i) && self.tok(i).eq_ignore_ascii_case(w)
    }

    /// Index of the first token whose start is at or after byte `b`.
    pub fn token_at_or_after(&self, b: usize) -> usize {
        let Some(&first) = self.block_first.get(b / BLOCK) else {
            return self.tokens.len();
        };
        // The first token of b's block starts at or before any token starting at or after b.
        let mut k = first as usize;
        while self.tokens.get(k).is_some_and(|t| t.span().start < b) {
            k += 1;
        }
        k
    }
}

fn push_token(src: &str, tokens: &mut Vec<Token>, s: usize, e: usize) {
    let b = src.as_bytes().get(s..e).unwrap_or_default();
    let kind = match b.first() {
        // ASCII: the first byte tells the kind.
        Some(&c) if c.is_ascii_alphanumeric() => TokKind::Word,
        Some(&c) if c.is_ascii() && !is_quote_char(char::from(c)) => TokKind::Punct,
        _ => {
            let mut chars = src[s..e].chars();
            let first = chars.next().unwrap_or(' ');
            let single = chars.next().is_none();
            if single && is_quote_char(first) {
                // An apostrophe right after a word ending in s, followed by a space: plural
                // possessive.
                let prev_word_s = tokens.last().is_some_and(|t: &Token| {
                    t.span().end == s
                        && t.kind() == TokKind::Word
                        && src[t.span().start..t.span().end].ends_with('s')
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
            }
        }
    };
    if kind == TokKind::Word {
        // A shirt number glued to a name in a squad list: "1-Marco Ferri, 2-Luca Bonetti".
        let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 && b.get(digits) == Some(&b'-') {
            let mut rest = src[s + digits + 1..e].chars();
            if rest.next().is_some_and(char::is_uppercase)
                && rest.next().is_some_and(char::is_lowercase)
            {
                tokens.push(Token::new(src, s, s + digits, TokKind::Word));
                tokens.push(Token::new(src, s + digits, s + digits + 1, TokKind::Punct));
                push_token(src, tokens, s + digits + 1, e);
                return;
            }
        }
        // Split a possessive 's / ’s off the word (S in capitals too), when something is left
        // of it.
        let suffix = match b {
            [.., b'\'', b's' | b'S'] => 2,
            [.., 0xE2, 0x80, 0x99, b's' | b'S'] => 4,
            _ => 0,
        };
        if suffix > 0 && b.len() > suffix + 1 {
            let cut = e - suffix;
            tokens.push(Token::new(src, s, cut, TokKind::Word));
            tokens.push(Token::new(src, cut, e, TokKind::Possessive));
            return;
        }
    }
    tokens.push(Token::new(src, s, e, kind));
}

/// Paragraphs: blocks separated by blank lines; inside a block, lines that look like whole
/// paragraphs (not hard-wrapped prose) are paragraphs of their own.
pub(crate) fn split_paragraphs(src: &str) -> Vec<Span> {
    let mut out = Vec::new();
    // The lines of the block being read.
    let mut block: Vec<Span> = Vec::new();
    let mut pos = 0;
    for line in src.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            end_block(&mut block, &mut out);
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let s = start + lead;
        block.push(Span::new(s, s + trimmed.len()));
    }
    end_block(&mut block, &mut out);
    out
}

/// The paragraphs of a block of lines, added to `out`; the block is left empty.
fn end_block(block: &mut Vec<Span>, out: &mut Vec<Span>) {
    let longest = block.iter().map(Span::len).max().unwrap_or(0);
    let hard_wrapped = block.len() > 1 && longest <= 100;
    if hard_wrapped {
        if let (Some(first), Some(last)) = (block.first(), block.last()) {
            out.push(Span::new(first.start, last.end));
        }
    } else {
        out.extend(block.iter().copied());
    }
    block.clear();
}

/// Splits the tokens of one paragraph, `tokens[first..]`, into sentences: sets each token's
/// sentence and appends the sentences' token ranges to `sentences`. A sentence ends after `.`,
/// `!`, `?` (plus any closing quote marks) when the next token starts a new sentence, and at the
/// paragraph's end.
fn split_sentences(
    src: &str,
    tokens: &mut [Token],
    first: usize,
    sentences: &mut Vec<(usize, usize)>,
) {
    let n = tokens.len();
    let mut start = first;
    let mut i = first;
    while i < n {
        let t = tokens[i];
        let mut end_here = i + 1 == n;
        if !end_here
            && t.kind() == TokKind::Punct
            && matches!(&src[t.span().start..t.span().end], "." | "!" | "?" | "…")
        {
            let prev_abbrev = i > first
                && tokens[i - 1].kind() == TokKind::Word
                && tokens[i - 1].span().end == t.span().start
                && lexicon::is_abbreviation(
                    &src[tokens[i - 1].span().start..tokens[i - 1].span().end],
                );
            // Swallow closing quote marks and brackets directly after the full stop.
            let mut j = i + 1;
            while j < n
                && tokens[j].span().start == tokens[j - 1].span().end
                && (tokens[j].kind() == TokKind::QuoteMark
                    || matches!(
                        &src[tokens[j].span().start..tokens[j].span().end],
                        ")" | "]"
                    ))
            {
                j += 1;
            }
            let next_upper = j < n && {
                let nt = &src[tokens[j].span().start..tokens[j].span().end];
                nt.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric())
                    || tokens[j].kind() == TokKind::QuoteMark
            };
            let spaced = j < n && tokens[j].span().start > tokens[j - 1].span().end;
            if (!prev_abbrev && spaced && next_upper) || j >= n {
                i = j - 1;
                end_here = true;
            }
        }
        if end_here {
            let idx = sentences.len();
            for tok in &mut tokens[start..=i] {
                tok.set_sentence(idx);
            }
            sentences.push((start, i + 1));
            start = i + 1;
        }
        i += 1;
    }
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
            ("Marsh's plan", &["Marsh", "'s", "plan"]),
            ("Norway’s measures", &["Norway", "’s", "measures"]),
            (
                "the U.S. and J.K. Rowling",
                &["the", "U.S.", "and", "J.K.", "Rowling"],
            ),
            ("Moon Jae-in said", &["Moon", "Jae-in", "said"]),
            ("“opponent “The", &["“", "opponent", "“", "The"]),
            ("O'Brien", &["O'Brien"]),
            (
                "1-Marco Ferri, 12-Luca",
                &["1", "-", "Marco", "Ferri", ",", "12", "-", "Luca"],
            ),
            ("3-D and COVID-19", &["3-D", "and", "COVID-19"]),
        ];
        for (input, expect) in cases {
            assert_eq!(&toks(input), expect, "input: {input}");
        }
    }

    /// The tokenizer's grammar, as a regex: the hand-written tokenizer must cut every text
    /// the same way.
    fn regex_tokens(s: &str) -> Vec<(usize, usize)> {
        let re = regex::Regex::new(
            r"(?x)
            (?:\p{Lu}\.){2,}
            | [\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}\u{200C}\u{200D}]*(?:[-'’.][\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}\u{200C}\u{200D}]*)*
            | \S",
        )
        .expect("valid");
        re.find_iter(s).map(|m| (m.start(), m.end())).collect()
    }

    #[test]
    fn tokenizer_matches_its_regex_grammar() {
        let mut texts: Vec<String> = vec![
            include_str!("../../../../tests/data/fixtures/sample-article.txt").to_string(),
            "U.S.A. and U.S and J.K. Rowling; A.B.c; e.g. x.y. Zoe\u{301} Ame\u{301}lie\u{200d}x"
                .into(),
            "O'Brien’s co-op - a--b 'quoted' ‘x’ 3.14 1,000 «non» „ja“ ... !!".into(),
            "قال الرئيس: «سنواصل العمل» 習近平說：「我們會繼續。」 naïve café".into(),
        ];
        for t in [
            include_str!("../../../../tests/data/devset/001.txt"),
            include_str!("../../../../tests/data/devset/006.txt"),
            include_str!("../../../../tests/data/devset/009.txt"),
            include_str!("../../../../tests/data/devset/017.txt"),
            include_str!("../../../../tests/data/devset/022.txt"),
        ] {
            texts.push(t.to_string());
        }
        for t in &texts {
            let hand: Vec<(usize, usize)> = tokenize(t).collect();
            assert_eq!(hand, regex_tokens(t), "{}", &t[..t.len().min(80)]);
        }
    }

    proptest::proptest! {
        #[test]
        fn tokenizer_matches_its_grammar_on_random_text(
            t in proptest::string::string_regex("[A-Za-z0-9 .,'’\\-–“”«»é\u{301}\u{200d}\u{5d0}\u{64b}\n]{0,60}").expect("valid")
        ) {
            let hand: Vec<(usize, usize)> = tokenize(&t).collect();
            proptest::prop_assert_eq!(hand, regex_tokens(&t));
        }
    }

    #[test]
    fn token_lookup_by_byte_matches_a_binary_search() {
        let src = include_str!("../../../../tests/data/devset/022.txt");
        let t = Text::new(src);
        for b in (0..src.len() + 200)
            .step_by(7)
            .chain([0, 1, 63, 64, 65, src.len()])
        {
            let want = t.tokens.partition_point(|x| x.span().start < b);
            assert_eq!(t.token_at_or_after(b), want, "byte {b}");
        }
        assert_eq!(Text::new("").token_at_or_after(5), 0);
    }

    #[test]
    fn packed_token_fields_and_indexes_agree_with_the_tokens() {
        let src = concat!(
            include_str!("../../../../tests/data/devset/022.txt"),
            "\n\nal-Amr said “yes.” ‘No,’ said well-known O'Neil’s friend. éclair Élan ǅemal 3rd\n"
        );
        let t = Text::new(src);
        let word = |i: usize| &src[t.tokens[i].span().start..t.tokens[i].span().end];
        let n = t.tokens.len();
        let caps: Vec<u32> = (0..n)
            .filter(|&i| t.is_word(i) && word(i).chars().next().is_some_and(char::is_uppercase))
            .map(|i| u32::try_from(i).expect("small"))
            .collect();
        assert_eq!(t.caps, caps);
        let marks: Vec<u32> = (0..n)
            .filter(|&i| t.tokens[i].kind() == TokKind::QuoteMark)
            .map(|i| u32::try_from(i).expect("small"))
            .collect();
        assert_eq!(t.quote_marks, marks);
        assert!(marks.len() >= 4, "the quote marks at the end are tokens");
        for i in 0..n {
            assert_eq!(
                t.is_hyphenated(i),
                t.is_word(i) && word(i).contains('-'),
                "{}",
                word(i)
            );
            assert_eq!(
                t.is_lower(i),
                t.is_word(i) && word(i).chars().next().is_some_and(char::is_lowercase),
                "{}",
                word(i)
            );
            let p = t.paragraphs[t.paragraph_of(i) as usize];
            assert!(
                p.contains(&t.tokens[i].span()),
                "token {i} in its paragraph"
            );
            let (a, b) = t.sentences[t.tokens[i].sentence() as usize];
            assert!((a..b).contains(&i), "token {i} in its sentence");
        }
        // Sentences tile the tokens, in order.
        assert_eq!(t.sentences.first().map(|s| s.0), Some(0));
        assert!(t.sentences.windows(2).all(|w| w[0].1 == w[1].0));
        assert_eq!(t.sentences.last().map(|s| s.1), Some(n));
    }

    #[test]
    fn paragraphs_and_sentences() {
        let t = Text::new("Title\n\nMr. Smith said so. He left.\n\nNext one");
        assert_eq!(t.paragraphs.len(), 3);
        // "Title" | "Mr. Smith said so." | "He left." | "Next one"
        assert_eq!(t.sentences.len(), 4);
    }
}
