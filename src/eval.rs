//! Scoring against gold annotations: a faithful port of `tools/score.py` (P/R/F1 for people,
//! countries, demonyms and direct quotes, speaker accuracy, who-said-what F1).

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

use crate::analysis::{self, CountryForm, QuoteKind};

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
    /// Direct/partial quotes with speaker names.
    pub quotes: Vec<((usize, usize), Option<String>)>,
}

/// Runs the analysis on `text` and converts it to a [`Prediction`].
pub fn predict(text: &str) -> Prediction {
    let a = analysis::analyze(text);
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
            p.quotes
                .push(((q.start, q.end), q.speaker.as_ref().map(|s| s.name.clone())));
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
    let mut n = n.to_lowercase().replace('’', "'");
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
    // Surname-only or first + last against a full name with middle names; middle initials and
    // generational suffixes ("Nora K. Lindqvist", "Peter Brandt, Jr.") never decide a match.
    let (pt, gt) = (name_core(&p), name_core(&g));
    let (Some(pl), Some(gl)) = (pt.last(), gt.last()) else {
        return false;
    };
    pl == gl && pt.iter().all(|t| gt.contains(t))
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

/// Scores one document.
pub fn score_doc(gold: &Gold, pred: &Prediction, text: &str) -> Counts {
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

    // Mentions: exact span matches, predictions inside don't-care spans ignored.
    let mut mentions = |kind: &'static [&'static str; 3],
                        pred: &[(usize, usize)],
                        gold: &[GoldSpan],
                        dc: &[(usize, usize)]| {
        let gold = spans(gold);
        let kept: Vec<_> = pred
            .iter()
            .copied()
            .filter(|p| gold.contains(p) || !overlaps_any(*p, dc))
            .collect();
        let (tp, fp, fn_) = match_spans(&kept, &gold);
        out.add(kind[0], tp);
        out.add(kind[1], fp);
        out.add(kind[2], fn_);
    };
    mentions(
        &["person_tp", "person_fp", "person_fn"],
        &pred.persons,
        &gold.persons,
        &dc_person,
    );
    mentions(
        &["country_tp", "country_fp", "country_fn"],
        &pred.countries,
        &gold.countries,
        &dc_country,
    );
    mentions(
        &["demonym_tp", "demonym_fp", "demonym_fn"],
        &pred.demonyms,
        &gold.demonyms,
        &dc_country,
    );

    let gq: Vec<((usize, usize), Option<&str>)> = gold
        .quotes
        .iter()
        .map(|g| (trim(&chars, g.start, g.end), g.speaker.as_deref()))
        .collect();
    let pq: Vec<((usize, usize), Option<&str>)> = pred
        .quotes
        .iter()
        .map(|(s, spk)| (trim(&chars, s.0, s.1), spk.as_deref()))
        .filter(|(s, _)| !dc_quote.iter().any(|d| jaccard(*s, *d) >= 0.5))
        .collect();
    let mut used = vec![false; pq.len()];
    let mut matched: Vec<(Option<&str>, Option<&str>)> = Vec::new();
    for (gspan, gspk) in &gq {
        let mut best = None;
        let mut bj = 0.5;
        for (pi, (pspan, _)) in pq.iter().enumerate() {
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
        }
    }
    out.add("quote_tp", matched.len() as f64);
    out.add("quote_fp", (pq.len() - matched.len()) as f64);
    out.add("quote_fn", (gq.len() - matched.len()) as f64);
    let attributed: Vec<_> = matched.iter().filter(|(g, _)| g.is_some()).collect();
    out.add("speaker_n", attributed.len() as f64);
    out.add(
        "speaker_strict",
        attributed
            .iter()
            .filter(|(g, p)| speaker_ok(*p, *g, true))
            .count() as f64,
    );
    out.add(
        "speaker_lenient",
        attributed
            .iter()
            .filter(|(g, p)| speaker_ok(*p, *g, false))
            .count() as f64,
    );
    out.add(
        "wsw_tp",
        attributed
            .iter()
            .filter(|(g, p)| speaker_ok(*p, *g, false))
            .count() as f64,
    );
    out.add(
        "wsw_gold",
        gq.iter().filter(|(_, g)| g.is_some()).count() as f64,
    );
    out.add(
        "wsw_pred",
        pq.iter().filter(|(_, p)| norm_name(*p).is_some()).count() as f64,
    );
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

/// Analyses and scores every `NNN.txt` (with its `NNN.json`) in `dir`.
pub fn evaluate_dir(dir: &Path) -> Result<SetScore, String> {
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
    for txt in names {
        let json = txt.with_extension("json");
        let text = std::fs::read_to_string(&txt)
            .map_err(|e| format!("Could not read ({e}): {}", txt.display()))?;
        let gold_src = std::fs::read_to_string(&json)
            .map_err(|e| format!("Could not read gold ({e}): {}", json.display()))?;
        let gold: Gold = serde_json::from_str(&gold_src)
            .map_err(|e| format!("Bad gold JSON ({e}): {}", json.display()))?;
        let pred = predict(&text);
        for (k, v) in score_doc(&gold, &pred, &text).0 {
            total.add(k, v);
        }
    }
    let name = dir.file_name().map_or_else(
        || dir.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(summarize(&name, &total))
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
