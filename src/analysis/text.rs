//! Tokens, sentences and paragraphs: the shared view of the text every analysis pass reads.

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

/// One token: a byte range plus its kind. Compact (20 bytes): long documents have millions.
#[derive(Clone, Copy, Debug)]
pub struct Token {
    start: u32,
    end: u32,
    /// Index of the sentence the token belongs to.
    pub sentence: u32,
    /// Index of the paragraph the token belongs to.
    pub paragraph: u32,
    /// What it is.
    pub kind: TokKind,
    /// A word starting with an upper-case letter.
    cap: bool,
}

impl Token {
    fn new(src: &str, start: usize, end: usize, kind: TokKind, paragraph: u32) -> Self {
        // Texts are at most the document size limit (64 MB), well within u32.
        let at = |b: usize| u32::try_from(b).unwrap_or(u32::MAX);
        let cap = kind == TokKind::Word
            && src
                .get(start..end)
                .and_then(|w| w.chars().next())
                .is_some_and(char::is_uppercase);
        Self {
            start: at(start),
            end: at(end),
            sentence: 0,
            paragraph,
            kind,
            cap,
        }
    }

    /// Byte range into the text.
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
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
    /// All tokens in order.
    pub tokens: Vec<Token>,
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
    std::iter::from_fn(move || {
        let skip = s[pos..].find(|c: char| !c.is_whitespace())?;
        let start = pos + skip;
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
        let mut tokens = Vec::with_capacity(src.len() / 5);
        for (pi, para) in paragraphs.iter().enumerate() {
            let base = para.start;
            let ptext = &src[para.start..para.end];
            for (ms, me) in tokenize(ptext) {
                let (s, e) = (base + ms, base + me);
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
                    && matches!(
                        &src[t.span().start..t.span().end],
                        "(" | "[" | "-" | "–" | "—"
                    ))
        };
        let sentence_body = sentences
            .iter()
            .map(|&(start, end)| (start..end).find(|&j| !lead(j)).unwrap_or(end))
            .collect();
        let mut block_first = Vec::with_capacity(src.len() / BLOCK + 2);
        let mut t = 0;
        for blk in 0..=src.len() / BLOCK + 1 {
            while t < tokens.len() && tokens[t].span().start < blk * BLOCK {
                t += 1;
            }
            block_first.push(u32::try_from(t).unwrap_or(u32::MAX));
        }
        Text {
            src,
            paragraphs,
            sentences,
            sentence_body,
            tokens,
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
        self.tokens.get(i).is_some_and(|t| t.kind == TokKind::Word)
    }

    /// Whether token `i` is a word starting with an upper-case letter.
    pub fn is_cap(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.cap)
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

fn push_token(src: &str, tokens: &mut Vec<Token>, s: usize, e: usize, paragraph: u32) {
    let text = &src[s..e];
    let mut chars = text.chars();
    let first = chars.next().unwrap_or(' ');
    let single = chars.next().is_none();
    let kind = if single && is_quote_char(first) {
        // An apostrophe right after a word ending in s, followed by a space: plural possessive.
        let prev_word_s = tokens.last().is_some_and(|t: &Token| {
            t.span().end == s
                && t.kind == TokKind::Word
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
    };
    if kind == TokKind::Word {
        // Split a possessive 's / ’s off the word.
        for suffix in ["’s", "'s", "’S", "'S"] {
            if text.len() > suffix.len() + 1 && text.ends_with(suffix) {
                let cut = e - suffix.len();
                tokens.push(Token::new(src, s, cut, TokKind::Word, paragraph));
                tokens.push(Token::new(src, cut, e, TokKind::Possessive, paragraph));
                return;
            }
        }
    }
    tokens.push(Token::new(src, s, e, kind, paragraph));
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
        let text = &src[t.span().start..t.span().end];
        let para_end = i + 1 == n || tokens[i + 1].paragraph != t.paragraph;
        let mut end_here = para_end;
        if !end_here && t.kind == TokKind::Punct && matches!(text, "." | "!" | "?" | "…") {
            let prev_abbrev = i > 0
                && tokens[i - 1].kind == TokKind::Word
                && tokens[i - 1].span().end == t.span().start
                && is_abbrev(&src[tokens[i - 1].span().start..tokens[i - 1].span().end]);
            // Swallow closing quote marks and brackets directly after the full stop.
            let mut j = i + 1;
            while j < n
                && tokens[j].paragraph == t.paragraph
                && tokens[j].span().start == tokens[j - 1].span().end
                && (tokens[j].kind == TokKind::QuoteMark
                    || matches!(
                        &src[tokens[j].span().start..tokens[j].span().end],
                        ")" | "]"
                    ))
            {
                j += 1;
            }
            let next_upper = j < n && tokens[j].paragraph == t.paragraph && {
                let nt = &src[tokens[j].span().start..tokens[j].span().end];
                nt.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric())
                    || tokens[j].kind == TokKind::QuoteMark
            };
            let spaced = j < n && tokens[j].span().start > tokens[j - 1].span().end;
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
            include_str!("../../tests/data/fixtures/sample-article.txt").to_string(),
            "U.S.A. and U.S and J.K. Rowling; A.B.c; e.g. x.y. Zoe\u{301} Ame\u{301}lie\u{200d}x"
                .into(),
            "O'Brien’s co-op - a--b 'quoted' ‘x’ 3.14 1,000 «non» „ja“ ... !!".into(),
            "قال الرئيس: «سنواصل العمل» 習近平說：「我們會繼續。」 naïve café".into(),
        ];
        for t in [
            include_str!("../../tests/data/devset/001.txt"),
            include_str!("../../tests/data/devset/006.txt"),
            include_str!("../../tests/data/devset/009.txt"),
            include_str!("../../tests/data/devset/017.txt"),
            include_str!("../../tests/data/devset/022.txt"),
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
        let src = include_str!("../../tests/data/devset/022.txt");
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
    fn paragraphs_and_sentences() {
        let t = Text::new("Title\n\nMr. Smith said so. He left.\n\nNext one");
        assert_eq!(t.paragraphs.len(), 3);
        // "Title" | "Mr. Smith said so." | "He left." | "Next one"
        assert_eq!(t.sentences.len(), 4);
    }
}
