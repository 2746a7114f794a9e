//! Name forms: which forms name the same person, the short keys a person is called by alone,
//! and misspellings of them.

use std::borrow::Cow;

use super::super::lexicon;

/// The letter without its diacritic, for the Latin letters names carry ("ğ" → "g").
fn base_letter(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => 'A',
        'ç' | 'ć' | 'č' => 'c',
        'Ç' | 'Ć' | 'Č' => 'C',
        'ď' | 'đ' => 'd',
        'Ď' | 'Đ' => 'D',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => 'E',
        'ğ' => 'g',
        'Ğ' => 'G',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'į' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' | 'Į' => 'I',
        'ł' | 'ľ' | 'ĺ' => 'l',
        'Ł' | 'Ľ' | 'Ĺ' => 'L',
        'ñ' | 'ń' | 'ň' => 'n',
        'Ñ' | 'Ń' | 'Ň' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => 'O',
        'ř' | 'ŕ' => 'r',
        'Ř' | 'Ŕ' => 'R',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'Ś' | 'Š' | 'Ş' | 'Ș' => 'S',
        'ť' | 'ţ' | 'ț' => 't',
        'Ť' | 'Ţ' | 'Ț' => 'T',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' | 'Ų' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' | 'Ÿ' => 'Y',
        'ź' | 'ż' | 'ž' => 'z',
        'Ź' | 'Ż' | 'Ž' => 'Z',
        _ => c,
    }
}

/// A name word without diacritics: news writes the same name with and without them
/// ("Yıldız", "Yildiz"). Borrowed when there is nothing to fold.
pub(super) fn fold(w: &str) -> Cow<'_, str> {
    if w.is_ascii() {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(w.chars().map(base_letter).collect())
    }
}

/// Whether two name words are the same but for diacritics.
fn same(a: &str, b: &str) -> bool {
    a == b || !(a.is_ascii() && b.is_ascii()) && fold(a) == fold(b)
}

/// Two name forms refer to the same person when one's words are a subset of the other's and
/// they share the last word (or the first, for family-name-first names); words that differ only
/// in diacritics are the same word.
pub(super) fn compatible(a: &[&str], b: &[&str]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let (Some(&s0), Some(&l0), Some(&sl), Some(&ll)) =
        (short.first(), long.first(), short.last(), long.last())
    else {
        return false;
    };
    let same_last = same(sl, ll);
    let same_first_asian = same(s0, l0) && lexicon::is_family_first(l0);
    // A name with two surnames, called by its given name and first surname ("Ana Ruiz" is
    // "Ana Ruiz Vega") or by its surnames ("Ruiz Vega").
    let first_surname =
        first_surname(long).is_some_and(|f| same(sl, f)) && (short.len() == 1 || same(s0, l0));
    let surnames_only = short.len() >= 2
        && long.len() > short.len()
        && lexicon::given_name(s0).is_none()
        && long[long.len() - short.len()..]
            .iter()
            .zip(short)
            .all(|(l, s)| same(l, s));
    if surnames_only {
        return true;
    }
    if !(same_last || same_first_asian || first_surname) {
        return false;
    }
    // Different given names: different people ("Ann Lark" vs "Tom Lark").
    if short.len() >= 2 && long.len() >= 2 && !same(s0, l0) && !is_initial_of(s0, l0) {
        return false;
    }
    short
        .iter()
        .all(|w| long.iter().any(|l| same(w, l) || is_initial_of(w, l)))
}

/// The first of two surnames in a name of three words or more whose second-to-last word is
/// neither a given name, an initial nor a particle ("Ruiz" in "Ana Ruiz Vega", "Ana M. Ruiz
/// Vega"): Spanish and Portuguese names carry two surnames and are often shortened to the first.
pub(super) fn first_surname<'a>(full: &[&'a str]) -> Option<&'a str> {
    let [first, .., penult, last] = full else {
        return None;
    };
    let word = |w: &str| {
        w.chars().count() > 2
            && w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(char::is_alphabetic)
    };
    (full.len() >= 3
        && lexicon::given_name(first).is_some()
        && word(penult)
        && word(last)
        && lexicon::given_name(penult).is_none()
        && !lexicon::is_name_particle(penult)
        && !lexicon::is_family_first(first)
        && !lexicon::is_name_suffix(last))
    .then_some(*penult)
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
    if let Some(f) = first_surname(full) {
        keys.push(f);
    }
    if full.len() >= 2
        && (lexicon::is_family_first(full[0])
            || full.iter().skip(1).any(|w| is_hyphenated_given(w)))
    {
        keys.push(full[0]);
    }
    keys
}
