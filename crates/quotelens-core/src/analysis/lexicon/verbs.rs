//! The reporting words of `assets/data/lexicon/verbs.tsv`: one typed table of the verbs that
//! report speech or writing, characterise or name, and the nouns that carry what someone said,
//! with every form (written out, or made by English inflection) and its classes.

use std::sync::LazyLock;

use foldhash::{HashMap, HashMapExt as _};

use super::Shapes;

/// The table's text.
pub(super) const VERBS_TSV: &str = include_str!("../../../../../assets/data/lexicon/verbs.tsv");

/// A class or flag of a row of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Reports words: "say", "tell".
    Speech,
    /// Reports writing: "write", "post".
    Writing,
    /// Characterises: "X described Y as Z".
    Characterising,
    /// Its past form before a quotation makes it a name: "named", "dubbed".
    Naming,
    /// "X issued a statement".
    Issuing,
    /// A noun whose content is what someone said or holds: "remark", "claim".
    Nominal,
    /// A noun that is a source of words: "statement", "ruling".
    Document,
    /// Too common to be a cue alone.
    Weak,
    /// Reports speech without quote marks alone.
    Indirect,
    /// Its object is who heard it: "told".
    Listener,
    /// The row is a noun.
    Noun,
    /// A document a court issues: "ruling", "verdict".
    Court,
}

impl Class {
    /// Every class, with its name in the table.
    pub const ALL: [(Self, &'static str); 12] = [
        (Self::Speech, "speech"),
        (Self::Writing, "writing"),
        (Self::Characterising, "characterising"),
        (Self::Naming, "naming"),
        (Self::Issuing, "issuing"),
        (Self::Nominal, "nominal"),
        (Self::Document, "document"),
        (Self::Weak, "weak"),
        (Self::Indirect, "indirect"),
        (Self::Listener, "listener"),
        (Self::Noun, "noun"),
        (Self::Court, "court"),
    ];

    fn bit(self) -> u16 {
        1 << self as u16
    }
}

/// Which form of its row a word is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// The lemma: a verb's base form, a noun's singular.
    Base,
    /// A verb's -s form, a noun's plural.
    S,
    /// A verb's past tense.
    Past,
    /// A verb's past participle.
    Participle,
    /// A verb's -ing form.
    Ing,
}

/// One row of the table: its lemma, classes and forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The base form (a noun's singular).
    pub lemma: &'static str,
    /// Its classes and flags.
    classes: u16,
    /// Every form with what it is, the lemma first.
    pub forms: Vec<(String, Form)>,
}

impl Row {
    /// Whether the row has class `c`.
    pub fn has(&self, c: Class) -> bool {
        self.classes & c.bit() != 0
    }
}

/// What the table says of one word, from every row it is a form of.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reporting(u16);

/// The facts a [`Reporting`] answers, as bits.
mod fact {
    pub const SPEECH: u16 = 1;
    pub const WEAK: u16 = 1 << 1;
    pub const PAST: u16 = 1 << 2;
    pub const INDIRECT: u16 = 1 << 3;
    pub const LISTENER: u16 = 1 << 4;
    pub const ISSUING: u16 = 1 << 5;
    pub const NAMING: u16 = 1 << 6;
    pub const NOMINAL: u16 = 1 << 7;
    pub const DOCUMENT: u16 = 1 << 8;
    pub const COURT: u16 = 1 << 9;
}

impl Reporting {
    /// A form of a verb that reports speech or writing or characterises: a speech cue.
    pub fn speech(self) -> bool {
        self.0 & fact::SPEECH != 0
    }

    /// A form of a weak speech verb: a cue only with the quotation close by.
    pub fn weak(self) -> bool {
        self.0 & fact::WEAK != 0
    }

    /// A past or participle form of a speech verb: never a noun ("said", "told").
    pub fn past(self) -> bool {
        self.0 & fact::PAST != 0
    }

    /// A finite form (base, -s, past) of a verb that reports speech without quote marks alone.
    pub fn indirect(self) -> bool {
        self.0 & fact::INDIRECT != 0
    }

    /// A form of a verb whose object heard the words ("told reporters").
    pub fn listener(self) -> bool {
        self.0 & fact::LISTENER != 0
    }

    /// A past form of a verb that puts out a statement ("issued", "released").
    pub fn issuing(self) -> bool {
        self.0 & fact::ISSUING != 0
    }

    /// A word that makes the quotation after it a name: a naming verb's past form ("named",
    /// "dubbed") or a naming noun ("nickname").
    pub fn naming(self) -> bool {
        self.0 & fact::NAMING != 0
    }

    /// A noun whose content is what someone said or holds ("answer", "position"), singular or
    /// plural.
    pub fn nominal(self) -> bool {
        self.0 & fact::NOMINAL != 0
    }

    /// A noun that is a source of words ("statement", "ruling"), singular or plural.
    pub fn document(self) -> bool {
        self.0 & fact::DOCUMENT != 0
    }

    /// A document a court issues ("ruling", "judgment"), singular or plural: it speaks as the
    /// court.
    pub fn court(self) -> bool {
        self.0 & fact::COURT != 0
    }

    /// The facts form `f` of `row` gives a word.
    fn of(row: &Row, f: Form) -> u16 {
        let past = matches!(f, Form::Past | Form::Participle);
        let present = matches!(f, Form::Base | Form::S);
        let mut bits = 0;
        let mut set = |on: bool, b: u16| {
            if on {
                bits |= b;
            }
        };
        if row.has(Class::Noun) {
            set(row.has(Class::Naming), fact::NAMING);
            set(row.has(Class::Nominal), fact::NOMINAL);
            set(row.has(Class::Document), fact::DOCUMENT);
            set(row.has(Class::Court), fact::COURT);
            return bits;
        }
        let speech =
            row.has(Class::Speech) || row.has(Class::Writing) || row.has(Class::Characterising);
        set(speech, fact::SPEECH);
        set(speech && row.has(Class::Weak), fact::WEAK);
        set(speech && past, fact::PAST);
        set(
            row.has(Class::Indirect) && (present || f == Form::Past),
            fact::INDIRECT,
        );
        set(row.has(Class::Listener), fact::LISTENER);
        set(row.has(Class::Issuing) && past, fact::ISSUING);
        set(row.has(Class::Naming) && past, fact::NAMING);
        bits
    }
}

/// The table: every form's facts, with the shapes of the words.
struct Table {
    words: HashMap<String, u16>,
    shapes: Shapes,
    speech_shapes: Shapes,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let rows = parse(VERBS_TSV);
    let mut words: HashMap<String, u16> = HashMap::new();
    for row in &rows {
        for (w, f) in &row.forms {
            *words.entry(w.clone()).or_default() |= Reporting::of(row, *f);
        }
    }
    let shapes = Shapes::of(words.keys().map(String::as_str));
    let speech_shapes = Shapes::of(
        words
            .iter()
            .filter(|(_, b)| **b & fact::SPEECH != 0)
            .map(|(w, _)| w.as_str()),
    );
    Table {
        words,
        shapes,
        speech_shapes,
    }
});

/// What the table says of `w` (lower case): nothing for a word it does not hold.
#[inline]
pub fn reporting(w: &str) -> Reporting {
    let t = &*TABLE;
    if !t.shapes.may_contain(w) {
        return Reporting::default();
    }
    Reporting(t.words.get(w).copied().unwrap_or(0))
}

/// False when the word `w`, which starts with a lower-case letter, cannot be a speech verb in
/// any case. Lowering an ASCII word keeps its length, and its first byte is lower case already:
/// the shape of its lower-case form is known before the word is lowered.
#[inline]
pub fn may_be_speech_verb(w: &str) -> bool {
    let b = w.as_bytes();
    let (first, second) = (
        b.first().copied().unwrap_or(0),
        b.get(1).copied().unwrap_or(0).to_ascii_lowercase(),
    );
    TABLE
        .speech_shapes
        .has(Shapes::slot_of(first, second, w.len()))
        || !w.is_ascii()
}

/// The table's rows, in file order.
#[cfg(test)]
pub fn rows() -> Vec<Row> {
    parse(VERBS_TSV)
}

/// The rows of the table's text (comment lines and malformed rows skipped; a test checks there
/// are none).
fn parse(tsv: &'static str) -> Vec<Row> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(row)
        .collect()
}

/// One line of the table as a row (`None`: malformed).
fn row(line: &'static str) -> Option<Row> {
    let mut cols = line.split('\t');
    let (lemma, classes, forms) = (cols.next()?, cols.next()?, cols.next().unwrap_or(""));
    if cols.next().is_some() || lemma.is_empty() {
        return None;
    }
    let mut bits = 0;
    for name in classes.split(',') {
        let (c, _) = Class::ALL.iter().find(|(_, n)| *n == name)?;
        bits |= c.bit();
    }
    let noun = bits & Class::Noun.bit() != 0;
    let mut out = vec![(lemma.to_string(), Form::Base)];
    let written: Vec<&str> = forms.split(',').filter(|f| !f.is_empty()).collect();
    match (noun, written.as_slice()) {
        (true, ["-"]) => {}
        (true, [plural]) => out.push(((*plural).to_string(), Form::S)),
        (true, []) => out.push((inflect_s(lemma), Form::S)),
        (false, [s, past, participle, ing]) => out.extend([
            ((*s).to_string(), Form::S),
            ((*past).to_string(), Form::Past),
            ((*participle).to_string(), Form::Participle),
            ((*ing).to_string(), Form::Ing),
        ]),
        (false, []) => {
            let ed = inflect_ed(lemma);
            out.extend([
                (inflect_s(lemma), Form::S),
                (ed.clone(), Form::Past),
                (ed, Form::Participle),
                (inflect_ing(lemma), Form::Ing),
            ]);
        }
        _ => return None,
    }
    Some(Row {
        lemma,
        classes: bits,
        forms: out,
    })
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The stem of a word ending in a consonant and "y" ("deny" → "den"): the "y" becomes "i".
fn y_stem(w: &str) -> Option<&str> {
    w.strip_suffix('y')
        .filter(|s| s.bytes().last().is_some_and(|c| !is_vowel(c)))
}

/// Whether a one-syllable word ends in one vowel and one consonant, which doubles before an
/// ending ("quip" → "quipped", "snap" → "snapping"); "w", "x" and "y" never double. Longer
/// words double only when stressed on the last syllable, which spelling does not show: the
/// table writes their forms out ("admit").
fn doubles(w: &str) -> bool {
    let b = w.as_bytes();
    let n = b.len();
    if n < 3 || matches!(b[n - 1], b'w' | b'x' | b'y') || is_vowel(b[n - 1]) {
        return false;
    }
    // "qu" is a consonant: the "u" of "quip" is no vowel.
    let vowel_at = |i: usize| is_vowel(b[i]) && !(b[i] == b'u' && i > 0 && b[i - 1] == b'q');
    let groups = (0..n)
        .filter(|&i| vowel_at(i) && (i == 0 || !vowel_at(i - 1)))
        .count();
    groups == 1 && vowel_at(n - 2) && !vowel_at(n - 3)
}

/// The -s form of a verb, the plural of a noun.
fn inflect_s(w: &str) -> String {
    if let Some(st) = y_stem(w) {
        format!("{st}ies")
    } else if w.ends_with(['s', 'x', 'z']) || w.ends_with("sh") || w.ends_with("ch") {
        format!("{w}es")
    } else {
        format!("{w}s")
    }
}

/// The past form of a regular verb.
fn inflect_ed(w: &str) -> String {
    if let Some(st) = y_stem(w) {
        format!("{st}ied")
    } else if w.ends_with('e') {
        format!("{w}d")
    } else if doubles(w) {
        let last = &w[w.len() - 1..];
        format!("{w}{last}ed")
    } else {
        format!("{w}ed")
    }
}

/// The -ing form of a regular verb.
fn inflect_ing(w: &str) -> String {
    if let Some(st) = w.strip_suffix("ie") {
        format!("{st}ying")
    } else if w.ends_with('e') && !w.ends_with("ee") && !w.ends_with("ye") && !w.ends_with("oe") {
        format!("{}ing", &w[..w.len() - 1])
    } else if doubles(w) {
        let last = &w[w.len() - 1..];
        format!("{w}{last}ing")
    } else {
        format!("{w}ing")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// English inflection, case by case.
    #[test]
    fn inflection_rules() {
        for (w, s, ed, ing) in [
            ("quip", "quips", "quipped", "quipping"),
            ("deny", "denies", "denied", "denying"),
            ("tweet", "tweets", "tweeted", "tweeting"),
            ("quote", "quotes", "quoted", "quoting"),
            ("stress", "stresses", "stressed", "stressing"),
            ("vow", "vows", "vowed", "vowing"),
            ("blog", "blogs", "blogged", "blogging"),
            ("agree", "agrees", "agreed", "agreeing"),
            ("lie", "lies", "lied", "lying"),
            ("preach", "preaches", "preached", "preaching"),
            ("stammer", "stammers", "stammered", "stammering"),
        ] {
            assert_eq!(
                (inflect_s(w), inflect_ed(w), inflect_ing(w)),
                (s.to_string(), ed.to_string(), ing.to_string()),
                "{w}"
            );
        }
    }

    /// A longer word doubles only when stressed last, which spelling does not show: never by
    /// rule ("admit" is written out in the table, "visit" is regular).
    #[test]
    fn only_one_syllable_words_double() {
        for (w, want) in [
            ("quip", true),
            ("snap", true),
            ("admit", false),
            ("visit", false),
            ("vow", false),
            ("boast", false),
        ] {
            assert_eq!(doubles(w), want, "{w}");
        }
    }

    /// Every line of the table is a row, no lemma is a verb row twice or a noun row twice, and
    /// every class has a row.
    #[test]
    fn every_line_is_a_row() {
        let lines: Vec<&str> = VERBS_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect();
        let rows = rows();
        assert_eq!(lines.len(), rows.len(), "a malformed line was skipped");
        let mut seen = std::collections::HashSet::new();
        for r in &rows {
            assert!(
                seen.insert((r.lemma, r.has(Class::Noun))),
                "{} twice",
                r.lemma
            );
        }
        for (c, name) in Class::ALL {
            assert!(rows.iter().any(|r| r.has(c)), "no row is {name}");
        }
    }

    /// British spellings of words the American word list holds ("emphasised", "defence").
    fn american(w: &str) -> String {
        w.replace("ise", "ize")
            .replace("isi", "izi")
            .replace("ence", "ense")
            .replace("gement", "gment")
    }

    /// Every form of every row is an English word: the inflection and the forms written out
    /// make no "sayed" or "admiting". Words the American word list lacks are named here.
    #[test]
    fn every_form_is_an_english_word() {
        let known = super::super::english_words();
        // Not in the word list, each checked by hand: coinages of the internet, French
        // spellings, and rarer verbs and nouns the list does not hold.
        let extra = [
            "blog",
            "blogs",
            "blogged",
            "blogging",
            "tweet",
            "tweets",
            "tweeted",
            "tweeting",
            "communique",
            "communiques",
            "communiqué",
            "communiqués",
            "readout",
            "readouts",
            "website",
            "websites",
            "codename",
            "codenames",
            "hashtag",
            "hashtags",
            "so-called",
            "memo",
            "memos",
            "opine",
            "opines",
            "opined",
            "opining",
            "intone",
            "intones",
            "intoned",
            "intoning",
            "moniker",
            "monikers",
            "filings",
        ];
        let mut missing = Vec::new();
        for r in rows() {
            for (w, _) in &r.forms {
                let ok = known.contains(w.as_str())
                    || known.contains(american(w).as_str())
                    || extra.contains(&w.as_str());
                if !ok {
                    missing.push(w.clone());
                }
            }
        }
        assert!(missing.is_empty(), "not English words: {missing:?}");
    }

    /// The look-up answers as the rows say.
    #[test]
    fn reporting_answers_by_form_and_class() {
        for (w, speech, weak, past, indirect, naming, issuing) in [
            ("said", true, false, true, true, false, false),
            ("says", true, false, false, true, false, false),
            ("saying", true, false, false, false, false, false),
            ("quipped", true, false, true, false, false, false),
            ("called", true, true, true, false, false, false),
            ("named", false, false, false, false, true, false),
            ("name", false, false, false, false, false, false),
            ("nickname", false, false, false, false, true, false),
            ("issued", false, false, false, false, false, true),
            ("issue", false, false, false, false, false, false),
            ("posted", true, true, true, false, false, true),
            ("the", false, false, false, false, false, false),
        ] {
            let r = reporting(w);
            assert_eq!(
                (
                    r.speech(),
                    r.weak(),
                    r.past(),
                    r.indirect(),
                    r.naming(),
                    r.issuing()
                ),
                (speech, weak, past, indirect, naming, issuing),
                "{w}"
            );
        }
        assert!(reporting("told").listener() && !reporting("said").listener());
        assert!(reporting("statements").document() && !reporting("stated").document());
        assert!(reporting("answer").nominal() && reporting("answer").speech());
    }
}
