//! Realistic news text of any size for the benchmarks: the dev-set articles repeated, each copy
//! with its people's surnames changed so no two copies name the same people (caches keyed on
//! names cannot flatter the figures).

#![allow(dead_code, reason = "each bench uses part of this module")]

pub mod headless;

use std::path::PathBuf;

use regex::Regex;

const SYLLABLES: [&str; 8] = ["an", "ber", "co", "dal", "en", "fi", "go", "har"];

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// The bundled sample article.
pub fn sample() -> String {
    std::fs::read_to_string(data_dir().join("fixtures/sample-article.txt"))
        .unwrap_or_else(|e| panic!("sample article: {e}"))
}

/// The dev-set articles, each with the surnames of its annotated people.
fn articles() -> Vec<(String, Vec<String>)> {
    let dir = data_dir().join("devset");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{e}"));
            let gold: serde_json::Value = std::fs::read_to_string(p.with_extension("json"))
                .ok()
                .and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or_default();
            let mut surnames: Vec<String> = gold["persons"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|m| m["canonical"].as_str())
                .filter_map(|n| n.split_whitespace().nth(1).and(n.split_whitespace().last()))
                .filter(|s| s.chars().count() >= 3)
                .map(str::to_string)
                .collect();
            surnames.sort();
            surnames.dedup();
            (text, surnames)
        })
        .collect()
}

/// The suffix that makes copy `k`'s surnames its own.
fn suffix(mut k: usize) -> String {
    let mut s = String::new();
    while k > 0 {
        s.push_str(SYLLABLES[k % 8]);
        k /= 8;
    }
    s
}

/// `n` news articles, each its own file's text: the dev-set articles in turn, copy `k` of each
/// with every surname of its people given the suffix of `k` (as in [`news`]).
pub fn articles_n(n: usize) -> Vec<String> {
    let arts = articles();
    let patterns: Vec<Option<Regex>> = arts
        .iter()
        .map(|(_, surnames)| {
            (!surnames.is_empty()).then(|| {
                let alt = surnames
                    .iter()
                    .map(|s| regex::escape(s))
                    .collect::<Vec<_>>();
                Regex::new(&format!(r"\b(?:{})\b", alt.join("|"))).unwrap_or_else(|e| panic!("{e}"))
            })
        })
        .collect();
    (0..n)
        .map(|i| {
            let (k, a) = (i / arts.len(), i % arts.len());
            let text = &arts[a].0;
            match (&patterns[a], k) {
                (Some(re), k) if k > 0 => {
                    let suf = suffix(k);
                    re.replace_all(text, |c: &regex::Captures<'_>| format!("{}{suf}", &c[0]))
                        .into_owned()
                }
                _ => text.clone(),
            }
        })
        .collect()
}

/// About `bytes` of news text (at least that much, whole articles): dev-set articles in turn,
/// copy `k` of each with every surname of its people given the suffix of `k`.
pub fn news(bytes: usize) -> String {
    let arts = articles();
    let mut out = String::with_capacity(bytes + 16 * 1024);
    let mut k = 0;
    while out.len() < bytes {
        for (text, surnames) in &arts {
            let varied = if k == 0 || surnames.is_empty() {
                text.clone()
            } else {
                let alt = surnames
                    .iter()
                    .map(|s| regex::escape(s))
                    .collect::<Vec<_>>();
                let re = Regex::new(&format!(r"\b(?:{})\b", alt.join("|")))
                    .unwrap_or_else(|e| panic!("{e}"));
                let suf = suffix(k);
                re.replace_all(text, |c: &regex::Captures<'_>| format!("{}{suf}", &c[0]))
                    .into_owned()
            };
            out.push_str(varied.trim_end());
            out.push_str("\n\n");
            if out.len() >= bytes {
                break;
            }
        }
        k += 1;
    }
    out
}
