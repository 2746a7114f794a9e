//! Scoring against gold annotations: a faithful port of `tools/score.py` (P/R/F1 for people,
//! countries, demonyms and direct quotes, speaker accuracy, who-said-what F1).

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

use crate::analysis::{self, CountryForm, Options, QuoteKind, Rule};

/// A gold span.
#[derive(Debug, Deserialize)]
pub struct GoldSpan {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Speaker, for quotes.
    #[serde(default)]
    pub speaker: Option<String>,
}

/// A gold annotation file (`NNN.json`).
#[derive(Debug, Default, Deserialize)]
pub struct Gold {
    /// Person-name mentions.
    #[serde(default)]
    pub persons: Vec<GoldSpan>,
    /// Country-name mentions.
    #[serde(default)]
    pub countries: Vec<GoldSpan>,
    /// Demonym mentions.
    #[serde(default)]
    pub demonyms: Vec<GoldSpan>,
    /// Quotes with speakers.
    #[serde(default)]
    pub quotes: Vec<GoldSpan>,
    /// Don't-care person spans.
    #[serde(default)]
    pub ambiguous_persons: Vec<GoldSpan>,
    /// Don't-care country spans.
    #[serde(default)]
    pub embedded_country_mentions: Vec<GoldSpan>,
    /// Don't-care quote spans.
    #[serde(default)]
    pub other_quoted: Vec<GoldSpan>,
}

/// Raw counts, summed over documents.
#[derive(Debug, Default, Clone)]
pub struct Counts(BTreeMap<&'static str, f64>);

impl Counts {
    fn add(&mut self, k: &'static str, v: f64) {
        *self.0.entry(k).or_insert(0.0) += v;
    }

    fn get(&self, k: &str) -> f64 {
        self.0.get(k).copied().unwrap_or(0.0)
    }
}

/// A prediction, in character offsets (as in the JSON schema).
#[derive(Debug, Default)]
pub struct Prediction {
    /// Person mention spans.
    pub persons: Vec<(usize, usize)>,
    /// Country-name mention spans.
    pub countries: Vec<(usize, usize)>,
    /// Demonym mention spans.
    pub demonyms: Vec<(usize, usize)>,
    /// Direct/partial quotes with speaker names and the rule that gave each.
    pub quotes: Vec<((usize, usize), Option<String>, Rule)>,
}

/// Runs the analysis on `text` and converts it to a [`Prediction`].
pub fn predict(text: &str) -> Prediction {
    predict_with(text, Options::default())
}

/// [`predict`] with the analysis run with `options` (`eval --no-syntax`).
pub fn predict_with(text: &str, options: Options) -> Prediction {
    let a = analysis::analyze_with(text, options);
    let j = analysis::export::to_json(&a, text, "");
    let mut p = Prediction::default();
    for person in &j.people {
        p.persons
            .extend(person.mentions.iter().map(|m| (m.start, m.end)));
    }
    for c in &j.countries {
        for m in &c.mentions {
            match m.form {
                CountryForm::Name => p.countries.push((m.start, m.end)),
                CountryForm::Demonym => p.demonyms.push((m.start, m.end)),
                CountryForm::Capital => {}
            }
        }
    }
    for q in &j.quotes {
        if matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial) {
            p.quotes.push((
                (q.start, q.end),
                q.speaker.as_ref().map(|s| s.name.to_string()),
                Rule::from_label(q.rule).unwrap_or_default(),
            ));
        }
    }
    p
}

const QUOTE_CHARS: &str = "\"'“”‘’«»„‟‹›`";

fn trim(text: &[char], mut s: usize, mut e: usize) -> (usize, usize) {
    let strip = |c: char| c.is_whitespace() || QUOTE_CHARS.contains(c) || ",.;:".contains(c);
    e = e.min(text.len());
    while s < e && strip(text[s]) {
        s += 1;
    }
    while e > s && strip(text[e - 1]) {
        e -= 1;
    }
    (s, e)
}

/// Normalises a speaker name as the scorer does.
pub fn norm_name(n: Option<&str>) -> Option<String> {
    let n = n?;
    if n.is_empty() {
        return None;
    }
    let mut n = fold(n).to_lowercase().replace('’', "'");
    if n.ends_with("'s") {
        n.truncate(n.len() - 2);
    }
    let cleaned: String = n
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c.is_whitespace() {
                c
            } else {
                ' '
            }
        })
        .collect();
    let toks: Vec<&str> = cleaned
        .split_whitespace()
        .filter(|t| !matches!(*t, "the" | "mr" | "mrs" | "ms" | "dr"))
        .collect();
    if toks.is_empty() {
        None
    } else {
        Some(toks.join(" "))
    }
}

fn speaker_ok(pred: Option<&str>, gold: Option<&str>, strict: bool) -> bool {
    let (p, g) = (norm_name(pred), norm_name(gold));
    let Some(g) = g else {
        return p.is_none();
    };
    let Some(p) = p else {
        return false;
    };
    if p == g {
        return true;
    }
    if strict {
        return false;
    }
    // An acronym names the organisation whose capitalised words it spells ("WHO" for "World
    // Health Organization"); a leading title or honorific never decides a match.
    if let (Some(pr), Some(gr)) = (pred, gold)
        && (acronym_of(pr, gr) || acronym_of(gr, pr))
    {
        return true;
    }
    let (p, g) = (strip_titles(&p), strip_titles(&g));
    if p == g {
        return true;
    }
    // Surname-only or first + last against a full name with middle names; middle initials and
    // generational suffixes ("Nora K. Lindqvist", "Peter Brandt, Jr.") never decide a match.
    let (pt, gt) = (name_core(&p), name_core(&g));
    let (Some(pl), Some(gl)) = (pt.last(), gt.last()) else {
        return false;
    };
    pl == gl && pt.iter().all(|t| gt.contains(t))
}

/// Letters that canonical decomposition does not split into a base letter and a mark.
const FOLD: [(char, &str); 13] = [
    ('ł', "l"),
    ('Ł', "L"),
    ('ø', "o"),
    ('Ø', "O"),
    ('đ', "d"),
    ('Đ', "D"),
    ('ß', "ss"),
    ('æ', "ae"),
    ('Æ', "AE"),
    ('œ', "oe"),
    ('Œ', "OE"),
    ('ı', "i"),
    ('þ', "th"),
];

/// Accents never decide a match: a name folded to base letters (compatibility decomposition,
/// combining marks dropped), as the scorer's `fold`.
fn fold(n: &str) -> String {
    use unicode_normalization::UnicodeNormalization as _;
    let mut mapped = String::with_capacity(n.len());
    for c in n.chars() {
        match FOLD.iter().find(|(k, _)| *k == c) {
            Some((_, v)) => mapped.push_str(v),
            None => mapped.push(c),
        }
    }
    mapped
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

/// Titles and honorifics that may stand before a name (lower case, no period).
const TITLES: &[&str] = &[
    "swami",
    "sri",
    "shri",
    "sheikh",
    "imam",
    "rabbi",
    "monsignor",
    "monsenor",
    "msgr",
    "rev",
    "reverend",
    "father",
    "pope",
    "archbishop",
    "bishop",
    "cardinal",
    "president",
    "vice",
    "premier",
    "chancellor",
    "minister",
    "senator",
    "sen",
    "rep",
    "representative",
    "gov",
    "governor",
    "mayor",
    "sheriff",
    "judge",
    "justice",
    "chief",
    "gen",
    "general",
    "col",
    "colonel",
    "capt",
    "captain",
    "sgt",
    "lt",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "king",
    "queen",
    "prince",
    "princess",
    "chairman",
    "chairwoman",
    "secretary",
    "ambassador",
    "commissioner",
    "inspector",
    "detective",
    "officer",
];

/// A normalised name without its leading titles, keeping at least one word.
fn strip_titles(n: &str) -> String {
    let mut toks: Vec<&str> = n.split_whitespace().collect();
    while toks.len() > 1 && TITLES.contains(&toks[0]) {
        toks.remove(0);
    }
    toks.join(" ")
}

/// Words an acronym skips.
const SMALL: [&str; 5] = ["of", "and", "for", "the", "&"];

/// Whether `short` (2 to 6 capitals) spells the capitalised words of `long`.
fn acronym_of(short: &str, long: &str) -> bool {
    let short = short.trim();
    if !(2..=6).contains(&short.len()) || !short.bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    let folded = fold(long);
    let words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && !SMALL.contains(&w.to_lowercase().as_str()))
        .collect();
    let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
    words.len() >= 2
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && initials == short
}

/// Generational suffixes that the lenient speaker match ignores.
const NAME_SUFFIXES: [&str; 5] = ["jr", "sr", "ii", "iii", "iv"];

/// The tokens of a normalised name that decide a lenient match: no suffixes, and no one-letter
/// initials except the last token.
fn name_core(n: &str) -> Vec<&str> {
    let toks: Vec<&str> = n
        .split_whitespace()
        .filter(|t| !NAME_SUFFIXES.contains(t))
        .collect();
    let last = toks.len().saturating_sub(1);
    toks.iter()
        .enumerate()
        .filter(|&(i, t)| t.chars().count() > 1 || i == last)
        .map(|(_, t)| *t)
        .collect()
}

fn jaccard(a: (usize, usize), b: (usize, usize)) -> f64 {
    let inter = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let union = a.1.max(b.1) - a.0.min(b.0);
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

fn overlaps_any(span: (usize, usize), spans: &[(usize, usize)]) -> bool {
    spans.iter().any(|b| span.1.min(b.1) > span.0.max(b.0))
}

fn match_spans(pred: &[(usize, usize)], gold: &[(usize, usize)]) -> (f64, f64, f64) {
    let ps: HashSet<_> = pred.iter().collect();
    let gs: HashSet<_> = gold.iter().collect();
    let tp = ps.intersection(&gs).count();
    (tp as f64, (ps.len() - tp) as f64, (gs.len() - tp) as f64)
}

/// What kind of miss `eval --errors` lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MissKind {
    /// A gold quote the engine did not find.
    MissedQuote,
    /// A quote the engine found that the gold does not have.
    SpuriousQuote,
    /// A quote found with another speaker than the gold's.
    WrongSpeaker,
    /// A quote found without the speaker the gold gives.
    MissingSpeaker,
    /// A quote found with a speaker where the gold has none.
    SpeakerNotInGold,
    /// A gold person mention the engine did not find.
    MissedPerson,
    /// A person mention the gold does not have.
    SpuriousPerson,
    /// A gold country name (or demonym) the engine did not find.
    MissedCountry,
    /// A country name (or demonym) the gold does not have.
    SpuriousCountry,
}

impl MissKind {
    /// The heading it is listed under.
    pub fn label(self) -> &'static str {
        match self {
            Self::MissedQuote => "missed quote",
            Self::SpuriousQuote => "spurious quote",
            Self::WrongSpeaker => "wrong speaker",
            Self::MissingSpeaker => "missing speaker",
            Self::SpeakerNotInGold => "speaker where the gold has none",
            Self::MissedPerson => "missed person mention",
            Self::SpuriousPerson => "spurious person mention",
            Self::MissedCountry => "missed country or demonym mention",
            Self::SpuriousCountry => "spurious country or demonym mention",
        }
    }
}

/// One miss of the engine against the gold.
#[derive(Clone, Debug, PartialEq)]
pub struct Miss {
    /// What went wrong.
    pub kind: MissKind,
    /// Character span in the text (`start`, `end`).
    pub span: (usize, usize),
    /// For speaker misses: the gold speaker, then the engine's.
    pub speakers: Option<(Option<String>, Option<String>)>,
    /// For quotes the engine found: the rule that gave (or found no) speaker.
    pub rule: Option<Rule>,
}

/// Counts and, when asked, lists the mention misses of one kind (exact span matches;
/// predictions inside don't-care spans ignored).
fn score_mentions(
    out: &mut Counts,
    misses: &mut Option<&mut Vec<Miss>>,
    kind: &'static [&'static str; 3],
    pred: &[(usize, usize)],
    gold: &[(usize, usize)],
    dc: &[(usize, usize)],
) {
    let kept: Vec<_> = pred
        .iter()
        .copied()
        .filter(|p| gold.contains(p) || !overlaps_any(*p, dc))
        .collect();
    let (tp, fp, fn_) = match_spans(&kept, gold);
    out.add(kind[0], tp);
    out.add(kind[1], fp);
    out.add(kind[2], fn_);
    if let Some(m) = misses {
        let (missed_kind, spurious_kind) = if kind[0] == "person_tp" {
            (MissKind::MissedPerson, MissKind::SpuriousPerson)
        } else {
            (MissKind::MissedCountry, MissKind::SpuriousCountry)
        };
        let miss = |kind, span| Miss {
            kind,
            span,
            speakers: None,
            rule: None,
        };
        m.extend(
            gold.iter()
                .filter(|g| !kept.contains(g))
                .map(|&g| miss(missed_kind, g)),
        );
        let mut extra: Vec<_> = kept.iter().filter(|p| !gold.contains(p)).copied().collect();
        extra.sort_unstable();
        extra.dedup();
        m.extend(extra.into_iter().map(|p| miss(spurious_kind, p)));
    }
}

/// A quote span (trimmed) with its speaker.
type SpokenSpan<'a> = ((usize, usize), Option<&'a str>);

/// A quote the engine found: its span (trimmed), speaker, and the rule that gave the speaker.
type FoundQuote<'a> = ((usize, usize), Option<&'a str>, Rule);

/// Counts the quote and speaker scores and, when asked, lists their misses.
fn score_quotes(
    out: &mut Counts,
    misses: &mut Option<&mut Vec<Miss>>,
    gq: &[SpokenSpan<'_>],
    pq: &[FoundQuote<'_>],
) {
    let mut used = vec![false; pq.len()];
    let mut matched: Vec<(Option<&str>, Option<&str>)> = Vec::new();
    for (gspan, gspk) in gq {
        let mut best = None;
        let mut bj = 0.5;
        for (pi, (pspan, ..)) in pq.iter().enumerate() {
            if used[pi] {
                continue;
            }
            let j = jaccard(*gspan, *pspan);
            if j >= bj {
                best = Some(pi);
                bj = j;
            }
        }
        if let Some(b) = best {
            used[b] = true;
            matched.push((*gspk, pq[b].1));
            if let Some(m) = misses {
                let kind = match (gspk, pq[b].1) {
                    (Some(_), None) => Some(MissKind::MissingSpeaker),
                    (None, Some(p)) if norm_name(Some(p)).is_some() => {
                        Some(MissKind::SpeakerNotInGold)
                    }
                    (Some(_), Some(p)) if !speaker_ok(Some(p), *gspk, false) => {
                        Some(MissKind::WrongSpeaker)
                    }
                    _ => None,
                };
                m.extend(kind.map(|kind| Miss {
                    kind,
                    span: *gspan,
                    speakers: Some((gspk.map(str::to_string), pq[b].1.map(str::to_string))),
                    rule: Some(pq[b].2),
                }));
            }
        } else if let Some(m) = misses {
            m.push(Miss {
                kind: MissKind::MissedQuote,
                span: *gspan,
                speakers: Some((gspk.map(str::to_string), None)),
                rule: None,
            });
        }
    }
    if let Some(m) = misses {
        m.extend(
            pq.iter()
                .zip(&used)
                .filter(|(_, u)| !**u)
                .map(|((span, spk, rule), _)| Miss {
                    kind: MissKind::SpuriousQuote,
                    span: *span,
                    speakers: Some((None, spk.map(str::to_string))),
                    rule: Some(*rule),
                }),
        );
    }
    out.add("quote_tp", matched.len() as f64);
    out.add("quote_fp", (pq.len() - matched.len()) as f64);
    out.add("quote_fn", (gq.len() - matched.len()) as f64);
    let attributed: Vec<_> = matched.iter().filter(|(g, _)| g.is_some()).collect();
    let right = |strict| {
        attributed
            .iter()
            .filter(|(g, p)| speaker_ok(*p, *g, strict))
            .count() as f64
    };
    out.add("speaker_n", attributed.len() as f64);
    out.add("speaker_strict", right(true));
    out.add("speaker_lenient", right(false));
    out.add("wsw_tp", right(false));
    out.add(
        "wsw_gold",
        gq.iter().filter(|(_, g)| g.is_some()).count() as f64,
    );
    out.add(
        "wsw_pred",
        pq.iter()
            .filter(|(_, p, _)| norm_name(*p).is_some())
            .count() as f64,
    );
}

/// Scores one document.
pub fn score_doc(gold: &Gold, pred: &Prediction, text: &str) -> Counts {
    score_doc_listing(gold, pred, text, None)
}

/// Scores one document and, with `misses`, lists every miss (in character offsets).
pub fn score_doc_listing(
    gold: &Gold,
    pred: &Prediction,
    text: &str,
    mut misses: Option<&mut Vec<Miss>>,
) -> Counts {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Counts::default();
    let spans =
        |v: &[GoldSpan]| -> Vec<(usize, usize)> { v.iter().map(|g| (g.start, g.end)).collect() };
    let dc_person = spans(&gold.ambiguous_persons);
    let dc_country = spans(&gold.embedded_country_mentions);
    let dc_quote: Vec<(usize, usize)> = gold
        .other_quoted
        .iter()
        .map(|g| trim(&chars, g.start, g.end))
        .collect();
    for (kind, pred, gold, dc) in [
        (
            &["person_tp", "person_fp", "person_fn"],
            &pred.persons,
            &gold.persons,
            &dc_person,
        ),
        (
            &["country_tp", "country_fp", "country_fn"],
            &pred.countries,
            &gold.countries,
            &dc_country,
        ),
        (
            &["demonym_tp", "demonym_fp", "demonym_fn"],
            &pred.demonyms,
            &gold.demonyms,
            &dc_country,
        ),
    ] {
        score_mentions(&mut out, &mut misses, kind, pred, &spans(gold), dc);
    }
    let gq: Vec<SpokenSpan<'_>> = gold
        .quotes
        .iter()
        .map(|g| (trim(&chars, g.start, g.end), g.speaker.as_deref()))
        .collect();
    let pq: Vec<FoundQuote<'_>> = pred
        .quotes
        .iter()
        .map(|(s, spk, rule)| (trim(&chars, s.0, s.1), spk.as_deref(), *rule))
        .filter(|(s, ..)| !dc_quote.iter().any(|d| jaccard(*s, *d) >= 0.5))
        .collect();
    score_quotes(&mut out, &mut misses, &gq, &pq);
    out
}

/// Precision, recall and F1 with the gold count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f1: f64,
    /// Number of gold items.
    pub gold: usize,
}

fn prf(tp: f64, fp: f64, fn_: f64) -> Prf {
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "counts are small whole numbers"
    )]
    let gold = (tp + fn_) as usize;
    Prf { p, r, f1, gold }
}

/// The scores of one gold folder.
#[derive(Debug, Clone)]
pub struct SetScore {
    /// Folder name.
    pub name: String,
    /// Documents without a prediction (always 0 here: every text is analysed).
    pub missing: usize,
    /// Person mentions.
    pub person: Prf,
    /// Country names.
    pub country: Prf,
    /// Demonyms.
    pub demonym: Prf,
    /// Direct quotes.
    pub quote: Prf,
    /// Quote matched and speaker right.
    pub who_said_what: Prf,
    /// Speaker accuracy on matched quotes, exact names.
    pub speaker_strict: f64,
    /// Speaker accuracy on matched quotes, surname matches allowed.
    pub speaker_lenient: f64,
}

/// Turns summed counts into scores.
pub fn summarize(name: &str, t: &Counts) -> SetScore {
    let n = t.get("speaker_n");
    let wp = t.get("wsw_pred");
    let wg = t.get("wsw_gold");
    let wt = t.get("wsw_tp");
    let p = if wp > 0.0 { wt / wp } else { 0.0 };
    let r = if wg > 0.0 { wt / wg } else { 0.0 };
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "counts are small whole numbers"
    )]
    let gold = wg as usize;
    SetScore {
        name: name.to_string(),
        missing: 0,
        person: prf(t.get("person_tp"), t.get("person_fp"), t.get("person_fn")),
        country: prf(
            t.get("country_tp"),
            t.get("country_fp"),
            t.get("country_fn"),
        ),
        demonym: prf(
            t.get("demonym_tp"),
            t.get("demonym_fp"),
            t.get("demonym_fn"),
        ),
        quote: prf(t.get("quote_tp"), t.get("quote_fp"), t.get("quote_fn")),
        who_said_what: Prf {
            p,
            r,
            f1: if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            },
            gold,
        },
        speaker_strict: if n > 0.0 {
            t.get("speaker_strict") / n
        } else {
            0.0
        },
        speaker_lenient: if n > 0.0 {
            t.get("speaker_lenient") / n
        } else {
            0.0
        },
    }
}

/// The misses of one document, with its text for context.
#[derive(Clone, Debug)]
pub struct DocMisses {
    /// The document's file name.
    pub name: String,
    /// Its text.
    pub text: String,
    /// Its misses.
    pub misses: Vec<Miss>,
}

/// Analyses and scores every `NNN.txt` (with its `NNN.json`) in `dir`.
pub fn evaluate_dir(dir: &Path) -> Result<SetScore, String> {
    evaluate_dir_listing(dir, false, Options::default()).map(|(s, _)| s)
}

/// [`evaluate_dir`] with the analysis run with `options`, and every document's misses when
/// `list` is set.
pub fn evaluate_dir_listing(
    dir: &Path,
    list: bool,
    options: Options,
) -> Result<(SetScore, Vec<DocMisses>), String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("Could not read gold folder ({e}): {}", dir.display()))?;
    let mut names: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(format!(
            "No gold pairs (NNN.txt with NNN.json) in folder: {}",
            dir.display()
        ));
    }
    let mut total = Counts::default();
    let mut docs = Vec::new();
    for txt in names {
        let json = txt.with_extension("json");
        let text = std::fs::read_to_string(&txt)
            .map_err(|e| format!("Could not read ({e}): {}", txt.display()))?;
        let gold_src = std::fs::read_to_string(&json)
            .map_err(|e| format!("Could not read gold ({e}): {}", json.display()))?;
        let gold: Gold = serde_json::from_str(&gold_src)
            .map_err(|e| format!("Bad gold JSON ({e}): {}", json.display()))?;
        let pred = predict_with(&text, options);
        let mut misses = Vec::new();
        let counts = score_doc_listing(&gold, &pred, &text, list.then_some(&mut misses));
        for (k, v) in counts.0 {
            total.add(k, v);
        }
        if list {
            misses.sort_by_key(|m| (m.kind, m.span));
            let name = txt
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            docs.push(DocMisses { name, text, misses });
        }
    }
    let name = dir.file_name().map_or_else(
        || dir.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok((summarize(&name, &total), docs))
}

/// Characters of context shown on each side of a miss.
const CONTEXT_CHARS: usize = 100;

/// The text around the character span `(s, e)`, the span in [[double brackets]], on one line.
fn in_context(chars: &[char], (s, e): (usize, usize)) -> String {
    let (s, e) = (s.min(chars.len()), e.min(chars.len()));
    let from = s.saturating_sub(CONTEXT_CHARS);
    let to = (e + CONTEXT_CHARS).min(chars.len());
    let part = |a: usize, b: usize| -> String {
        chars[a..b]
            .iter()
            .map(|&c| if c.is_whitespace() { ' ' } else { c })
            .collect()
    };
    format!(
        "{}{}[[{}]]{}{}",
        if from > 0 { "…" } else { "" },
        part(from, s),
        part(s, e),
        part(e, to),
        if to < chars.len() { "…" } else { "" }
    )
}

/// Lists the misses of a gold folder grouped by kind, each with its file, character offset,
/// the speakers involved and the text around it.
pub fn format_misses(set: &str, docs: &[DocMisses]) -> String {
    let mut out = String::new();
    let total: usize = docs.iter().map(|d| d.misses.len()).sum();
    let _ = writeln!(out, "== {set}: {total} misses");
    let mut kinds: Vec<MissKind> = docs
        .iter()
        .flat_map(|d| d.misses.iter().map(|m| m.kind))
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    for kind in kinds {
        let n: usize = docs
            .iter()
            .map(|d| d.misses.iter().filter(|m| m.kind == kind).count())
            .sum();
        let _ = writeln!(out, "-- {} ({n})", kind.label());
        for d in docs {
            let chars: Vec<char> = d.text.chars().collect();
            for m in d.misses.iter().filter(|m| m.kind == kind) {
                let who = match &m.speakers {
                    Some((gold, got)) => format!(
                        " gold speaker {}, engine {}",
                        gold.as_deref().map_or("none".into(), |g| format!("“{g}”")),
                        got.as_deref().map_or("none".into(), |g| format!("“{g}”")),
                    ),
                    None => String::new(),
                };
                let rule = m
                    .rule
                    .map_or_else(String::new, |r| format!(" [{}]", r.label()));
                let _ = writeln!(out, "  {} @{}:{who}{rule}", d.name, m.span.0);
                let _ = writeln!(out, "    {}", in_context(&chars, m.span));
            }
        }
    }
    out.push_str(&by_rule(docs));
    out
}

/// The speaker misses of found quotes counted per rule (the rule that gave the wrong speaker,
/// or found none), most first: where the rules go wrong.
fn by_rule(docs: &[DocMisses]) -> String {
    let mut counts: BTreeMap<Rule, [usize; 3]> = BTreeMap::new();
    for m in docs.iter().flat_map(|d| &d.misses) {
        let col = match m.kind {
            MissKind::WrongSpeaker => 0,
            MissKind::MissingSpeaker => 1,
            MissKind::SpeakerNotInGold => 2,
            _ => continue,
        };
        if let Some(r) = m.rule {
            counts.entry(r).or_default()[col] += 1;
        }
    }
    let mut rows: Vec<(Rule, [usize; 3])> = counts.into_iter().collect();
    rows.sort_by_key(|(r, c)| (std::cmp::Reverse(c.iter().sum::<usize>()), *r));
    let mut out = String::new();
    let total: usize = rows.iter().map(|(_, c)| c.iter().sum::<usize>()).sum();
    let _ = writeln!(
        out,
        "-- speaker misses by rule ({total}): wrong / missing / not in gold"
    );
    for (r, [wrong, missing, extra]) in rows {
        let _ = writeln!(
            out,
            "  {:<48} {wrong:>3} {missing:>3} {extra:>3}",
            r.label()
        );
    }
    out
}

/// Formats scores exactly as `score.py` prints them.
pub fn format_table(s: &SetScore) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "== {} (missing predictions: {})", s.name, s.missing);
    for (k, v) in [
        ("person", s.person),
        ("country", s.country),
        ("demonym", s.demonym),
        ("quote", s.quote),
        ("who_said_what", s.who_said_what),
    ] {
        let _ = writeln!(
            out,
            "  {k:14} P={:.3} R={:.3} F1={:.3} (gold {})",
            v.p, v.r, v.f1, v.gold
        );
    }
    let _ = writeln!(
        out,
        "  speaker acc    strict={:.3} lenient={:.3}",
        s.speaker_strict, s.speaker_lenient
    );
    out
}

#[cfg(test)]
mod tests {
    use super::speaker_ok;

    /// Lenient speaker matches, as `score.py` decides them: (predicted, gold, lenient, strict).
    #[test]
    fn speaker_match_table() {
        let rows: &[(Option<&str>, Option<&str>, bool, bool)] = &[
            (Some("Nora Lindqvist"), Some("Nora Lindqvist"), true, true),
            (
                Some("Nora Lindqvist"),
                Some("Nora K. Lindqvist"),
                true,
                false,
            ),
            (
                Some("Nora K. Lindqvist"),
                Some("Nora Lindqvist"),
                true,
                false,
            ),
            (
                Some("Peter Brandt"),
                Some("Peter J. Brandt, Jr."),
                true,
                false,
            ),
            (
                Some("Peter J. Brandt Jr."),
                Some("Peter Brandt"),
                true,
                false,
            ),
            (Some("Lindqvist"), Some("Nora K. Lindqvist"), true, false),
            (Some("Mr. Lindqvist"), Some("Lindqvist"), true, true),
            (Some("Tom Lindqvist"), Some("Nora Lindqvist"), false, false),
            (Some("Nora Berg"), Some("Nora Lindqvist"), false, false),
            (Some("Jan B"), Some("Jan B"), true, true),
            // Accents are folded, strict and lenient alike.
            (Some("Zoë Kraśnicka"), Some("Zoe Krasnicka"), true, true),
            (Some("Søren Łukasz"), Some("Soren Lukasz"), true, true),
            // An acronym names the organisation whose capitalised words it spells.
            (Some("NFA"), Some("National Forestry Agency"), true, false),
            (Some("Board of Water Works"), Some("BWW"), true, false),
            (Some("NFA"), Some("National forestry agency"), false, false),
            (Some("NF"), Some("National Forestry Agency"), false, false),
            // A leading title never decides a match.
            (Some("Bishop Ana Ferro"), Some("Ana Ferro"), true, false),
            (Some("Ferro"), Some("Governor Ana Ferro"), true, false),
            (Some("Governor"), Some("Governor Ana Ferro"), false, false),
            (None, None, true, true),
            (None, Some("Nora Lindqvist"), false, false),
            (Some("Nora Lindqvist"), None, false, false),
        ];
        for &(pred, gold, lenient, strict) in rows {
            assert_eq!(
                speaker_ok(pred, gold, false),
                lenient,
                "lenient {pred:?} vs {gold:?}"
            );
            assert_eq!(
                speaker_ok(pred, gold, true),
                strict,
                "strict {pred:?} vs {gold:?}"
            );
        }
    }
}
