//! Name forms: which forms name the same person, the short keys a person is called by alone,
//! and misspellings of them.

use super::super::lexicon;

/// Two name forms refer to the same person when one's words are a subset of the other's and
/// they share the last word (or the first, for family-name-first names).
pub(super) fn compatible(a: &[&str], b: &[&str]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return false;
    }
    let same_last = short.last() == long.last();
    let same_first_asian = short.first() == long.first() && lexicon::is_family_first(long[0]);
    if !(same_last || same_first_asian) {
        return false;
    }
    // Different given names: different people ("Ann Lark" vs "Tom Lark").
    if short.len() >= 2
        && long.len() >= 2
        && short[0] != long[0]
        && !is_initial_of(short[0], long[0])
    {
        return false;
    }
    short
        .iter()
        .all(|w| long.contains(w) || long.iter().any(|l| is_initial_of(w, l)))
}

pub(super) fn is_initial_of(init: &str, full: &str) -> bool {
    let i = init.trim_end_matches('.');
    i.chars().count() == 1 && full.starts_with(i)
}

/// How many typos a word of `len` chars may have and still be a misspelling of a name: none
/// below five chars (too many short words are one letter apart), one up to seven, then two.
pub(super) fn max_typos(len: usize) -> Option<usize> {
    match len {
        0..=4 => None,
        5..=7 => Some(1),
        _ => Some(2),
    }
}

/// Whether `w` may be a misspelling of the name `name` ("Kesller" of "Kessler", "Mark" of
/// "Marks"): same first letter, and at most [`max_typos`] edits apart.
pub(super) fn misspelling_of(w: &str, name: &str) -> bool {
    let len = w.chars().count();
    max_typos(len).is_some_and(|max| {
        w.chars().next() == name.chars().next()
            && name.chars().count().abs_diff(len) <= max
            && edit_distance(w, name) <= max
    })
}

/// Levenshtein distance between two words, in chars; words over 31 chars count as far apart.
pub(super) fn edit_distance(a: &str, b: &str) -> usize {
    const MAX: usize = 32;
    let mut bc = ['\0'; MAX];
    let mut bl = 0;
    for c in b.chars() {
        if bl == MAX {
            return usize::MAX;
        }
        bc[bl] = c;
        bl += 1;
    }
    let mut prev = [0usize; MAX + 1];
    let mut cur = [0usize; MAX + 1];
    for (j, p) in prev.iter_mut().enumerate().take(bl + 1) {
        *p = j;
    }
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for j in 0..bl {
            let sub = prev[j] + usize::from(ca != bc[j]);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[bl]
}

/// A hyphenated East Asian given name, its second part in lower case ("Jae-in", "Kwok-hung"):
/// the family name came first.
pub(super) fn is_hyphenated_given(w: &str) -> bool {
    w.split_once('-')
        .is_some_and(|(_, b)| b.chars().next().is_some_and(char::is_lowercase))
}

/// The words a person may be referred to by alone: the last name, or the first for names in
/// family-name-first order.
pub(super) fn short_keys<'a>(full: &[&'a str]) -> Vec<&'a str> {
    let mut keys = Vec::new();
    if let Some(&last) = full.last()
        && !lexicon::is_name_suffix(last)
    {
        keys.push(last);
    }
    if full.len() >= 2
        && (lexicon::is_family_first(full[0])
            || full.iter().skip(1).any(|w| is_hyphenated_given(w)))
    {
        keys.push(full[0]);
    }
    keys
}
