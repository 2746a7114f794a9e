//! CoNLL-U text: sentences of word lines read from a string, and written back with predicted
//! columns (comments, multi-word token lines and empty nodes passed through).

/// One line of a CoNLL-U sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    /// A comment (`# …`), kept as written.
    Comment(String),
    /// A multi-word token range (`1-2`) or an empty node (`3.1`), kept as written.
    Other(String),
    /// A syntactic word: an index into [`Sentence::words`].
    Word(usize),
}

/// A syntactic word with its ten columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The ten tab-separated columns, as read (`ID`, `FORM`, `LEMMA`, `UPOS`, `XPOS`, `FEATS`,
    /// `HEAD`, `DEPREL`, `DEPS`, `MISC`).
    pub cols: [String; 10],
    /// `HEAD` as a number (0: the root), `None` where it is not one.
    pub head: Option<usize>,
}

impl Word {
    /// The word's form.
    pub fn form(&self) -> &str {
        &self.cols[1]
    }
    /// The gold universal part-of-speech tag.
    pub fn upos(&self) -> &str {
        &self.cols[3]
    }
    /// The gold Penn tag.
    pub fn xpos(&self) -> &str {
        &self.cols[4]
    }
    /// The gold relation.
    pub fn deprel(&self) -> &str {
        &self.cols[7]
    }
}

/// A sentence: its lines in order and its syntactic words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Every line, in order.
    pub lines: Vec<Line>,
    /// The syntactic words (`ID` 1, 2, …), in order.
    pub words: Vec<Word>,
}

impl Sentence {
    /// The forms of the words.
    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(Word::form).collect()
    }

    /// Whether every word has a head within the sentence: a tree to train on or score against.
    pub fn has_tree(&self) -> bool {
        let n = self.words.len();
        self.words.iter().all(|w| w.head.is_some_and(|h| h <= n))
    }
}

/// Reads CoNLL-U text. Lenient: a word line with fewer than ten columns is padded with `_`, a
/// line that is not a word line is kept as [`Line::Other`]; sentences end at blank lines.
pub fn read(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for raw in text.lines() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.lines.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            cur.lines.push(Line::Comment(line.to_string()));
            continue;
        }
        let mut parts = line.split('\t');
        let id = parts.next().unwrap_or("");
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
            cur.lines.push(Line::Other(line.to_string()));
            continue;
        }
        let mut cols: [String; 10] = Default::default();
        cols[0] = id.to_string();
        for (k, c) in cols.iter_mut().enumerate().skip(1) {
            *c = parts.next().map_or_else(|| "_".to_string(), str::to_string);
            if k == 9 {
                // Anything past the tenth column belongs to MISC.
                for extra in parts.by_ref() {
                    c.push('\t');
                    c.push_str(extra);
                }
            }
        }
        let head = cols[6].parse().ok();
        cur.lines.push(Line::Word(cur.words.len()));
        cur.words.push(Word { cols, head });
    }
    if !cur.lines.is_empty() {
        out.push(cur);
    }
    out
}

/// What to write in a word's predicted columns.
#[derive(Clone, Debug)]
pub struct Predicted<'a> {
    /// UPOS per word.
    pub upos: Vec<&'a str>,
    /// XPOS per word.
    pub xpos: Vec<&'a str>,
    /// HEAD per word (0: the root).
    pub heads: Vec<usize>,
    /// DEPREL per word.
    pub deprels: Vec<&'a str>,
}

/// Writes `sentence` with the predicted UPOS, XPOS, HEAD and DEPREL (DEPS, which would
/// contradict the new tree, becomes `_`), followed by a blank line.
pub fn write(sentence: &Sentence, p: &Predicted<'_>, out: &mut String) {
    for line in &sentence.lines {
        match line {
            Line::Comment(s) | Line::Other(s) => {
                out.push_str(s);
                out.push('\n');
            }
            Line::Word(i) => {
                let Some(w) = sentence.words.get(*i) else {
                    continue;
                };
                let head = p.heads.get(*i).map(ToString::to_string);
                let cols: [&str; 10] = [
                    &w.cols[0],
                    &w.cols[1],
                    &w.cols[2],
                    p.upos.get(*i).copied().unwrap_or("_"),
                    p.xpos.get(*i).copied().unwrap_or("_"),
                    &w.cols[5],
                    head.as_deref().unwrap_or("_"),
                    p.deprels.get(*i).copied().unwrap_or("_"),
                    "_",
                    &w.cols[9],
                ];
                out.push_str(&cols.join("\t"));
                out.push('\n');
            }
        }
    }
    out.push('\n');
}
