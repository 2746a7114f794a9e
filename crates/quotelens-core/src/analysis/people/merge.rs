//! Merging name forms into canonical persons: each person's name is the fullest form seen, and a
//! new form joins the most recent compatible person, or a person whose surname it misspells.

use foldhash::HashMap;

use super::super::lexicon::{self, Gender};
use super::names::{compatible, first_surname, fold, misspelling_of};

/// How many earlier people sharing a name key are compared with a new name form.
const MAX_CANDIDATES: usize = 64;

/// The canonical persons of some name forms (in text order).
pub(super) struct Merged<'a> {
    /// Each person's fullest name, as words of the text.
    pub fulls: Vec<Vec<&'a str>>,
    /// Per name form: its person (index into `fulls`).
    pub person_of: Vec<usize>,
}

/// The words a name is filed under: its last word, and its first when it is one word or in
/// family-name-first order. Compatible names share one of them.
fn keys<'s, 'a>(words: &'s [&'a str]) -> impl Iterator<Item = &'s &'a str> {
    let first = words
        .first()
        .filter(|w| words.len() == 1 || lexicon::is_family_first(w));
    // A name of two surnames is filed under both ("Ana Ruiz Vega": "Ruiz" and "Vega").
    let surname = first_surname(words).and_then(|f| words.iter().find(|w| **w == f));
    [first, surname, words.last()].into_iter().flatten()
}

/// A person one word long whose word misspells the surname of exactly one recent person of two
/// words or more (a surname alone, misspelt after a title).
fn misspelt_surname(fulls: &[Vec<&str>], words: &[&str]) -> Option<usize> {
    let [w] = words else { return None };
    let recent = fulls.len().saturating_sub(MAX_CANDIDATES * 4);
    let mut near = fulls
        .iter()
        .enumerate()
        .skip(recent)
        .filter(|(_, f)| f.len() >= 2 && f.last().is_some_and(|l| misspelling_of(w, l)));
    let first = near.next().map(|(pi, _)| pi);
    if near.next().is_some() { None } else { first }
}

/// Whether a form whose title says `gender` ("Mrs.", "Mr.") can name the person `full`: not when
/// `full` starts with a given name of the other gender ("Mrs. Reyes" is not "Tom Reyes").
fn gender_fits(full: &[&str], gender: Option<Gender>) -> bool {
    let (Some(g), Some(first)) = (gender, full.first()) else {
        return true;
    };
    match lexicon::given_name(first) {
        Some(fg @ (Gender::Male | Gender::Female)) if full.len() >= 2 => fg == g,
        _ => true,
    }
}

/// Merges name forms, given in text order with the gender their titles give, into canonical
/// persons. Candidates are looked up by key; the most recent few people under each key are
/// enough (and keep long texts linear).
pub(super) fn merge<'a>(forms: &[(&[&'a str], Option<Gender>)]) -> Merged<'a> {
    let mut fulls: Vec<Vec<&'a str>> = Vec::new();
    let mut person_of = Vec::with_capacity(forms.len());
    let mut by_key: HashMap<Box<str>, Vec<usize>> = HashMap::default();
    // Per person: the person it was joined to, if any.
    let mut joined: Vec<Option<usize>> = Vec::new();
    for &(words, gender) in forms {
        let mut candidates: Vec<usize> = keys(words)
            .filter_map(|w| by_key.get(fold(w).as_ref()))
            .flat_map(|owners| owners.iter().rev().take(MAX_CANDIDATES))
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let fits: Vec<usize> = candidates
            .into_iter()
            .filter(|&pi| compatible(&fulls[pi], words) && gender_fits(&fulls[pi], gender))
            .collect();
        let found = fits.first().copied().or_else(|| {
            misspelt_surname(&fulls, words).filter(|&pi| gender_fits(&fulls[pi], gender))
        });
        let pi = if let Some(pi) = found {
            // A fuller form that two shorter people are both part of joins them ("Ana Ruiz"
            // and "Ruiz Vega", then "Ana M. Ruiz Vega"): the later ones point to the first.
            if fits.len() > 1 && fits.iter().all(|&k| fulls[k].len() < words.len()) {
                for &k in &fits[1..] {
                    joined[k] = Some(pi);
                }
            }
            if words.len() > fulls[pi].len() {
                fulls[pi] = words.to_vec();
            }
            pi
        } else {
            fulls.push(words.to_vec());
            joined.push(None);
            fulls.len() - 1
        };
        for &w in keys(&fulls[pi]) {
            let w = fold(w);
            if let Some(owners) = by_key.get_mut(w.as_ref()) {
                if !owners.contains(&pi) {
                    owners.push(pi);
                }
            } else {
                by_key.insert(w.as_ref().into(), vec![pi]);
            }
        }
        person_of.push(pi);
    }
    // Joined people: their forms go to the person they joined, and the rest are renumbered.
    let root = |mut k: usize| {
        while let Some(j) = joined[k] {
            k = j;
        }
        k
    };
    let mut new_index = vec![usize::MAX; fulls.len()];
    let mut kept = Vec::with_capacity(fulls.len());
    for (k, full) in fulls.iter().enumerate() {
        if joined[k].is_none() {
            new_index[k] = kept.len();
            kept.push(full.clone());
        }
    }
    for pi in &mut person_of {
        *pi = new_index[root(*pi)];
    }
    Merged {
        fulls: kept,
        person_of,
    }
}
