//! Candidate runs: maximal runs of capitalised tokens (with initials, particles and suffixes
//! inside), and the word-shape tests that classifying them needs.

use super::super::lexicon;
use super::super::text::{Text, TokKind};

/// A maximal run of capitalised tokens (with name particles and initials inside).
#[derive(Clone, Copy, Debug)]
pub(super) struct Run {
    /// First token.
    pub first: usize,
    /// Last token (inclusive).
    pub last: usize,
}

pub(super) fn is_initial(text: &Text<'_>, i: usize) -> bool {
    let w = text.tok(i);
    let single_upper = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
    let acronym_initials = w.ends_with('.')
        && w.len() <= 6
        && w.chars().filter(|c| *c == '.').count() >= 2
        && w.chars().filter(|c| c.is_alphabetic()).count() <= 3;
    (single_upper && text.tok(i + 1) == "." && text.space_after(i + 1))
        || (acronym_initials && text.is_cap(i + 1))
}

pub(super) fn starts_cap_name(text: &Text<'_>, i: usize) -> bool {
    if text.is_cap(i) {
        return true;
    }
    // al-Amr, el-Sisi, bin-Laden
    if !text.is_hyphenated(i) {
        return false;
    }
    lexicon::has_name_prefix(text.tok(i))
}

pub(super) fn find_runs(text: &Text<'_>) -> Vec<Run> {
    let n = text.tokens.len();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < n {
        if !starts_cap_name(text, i) {
            i += 1;
            continue;
        }
        let first = i;
        let mut last = i;
        let mut j = i;
        loop {
            // Skip the period of an initial ("J. Smith") or abbreviated title ("Mr. Key").
            let mut k = j + 1;
            if text.tok(k) == "."
                && text.tokens[k].span().start == text.tokens[j].span().end
                && (is_initial(text, j) || lexicon::is_title_before_period(text.tok(j)))
            {
                k += 1;
            }
            if k >= n || text.tokens[k].sentence() != text.tokens[j].sentence() {
                break;
            }
            // "Anna Berg QC": honours after a name end it.
            if lexicon::is_post_nominal(text.tok(k)) {
                break;
            }
            if starts_cap_name(text, k) || lexicon::is_name_suffix(text.tok(k)) {
                j = k;
                last = k;
                continue;
            }
            // "Brook & Dunn", "Procter & Gamble": an ampersand joins a firm's names.
            if text.tok(k) == "&"
                && starts_cap_name(text, k + 1)
                && text
                    .tokens
                    .get(k + 1)
                    .is_some_and(|t| t.sentence() == text.tokens[j].sentence())
            {
                j = k + 1;
                last = k + 1;
                continue;
            }
            // Particles: "von der Leyen", "de Gaulle".
            let mut p = k;
            while p < n && lexicon::is_name_particle(text.tok(p)) && p - k < 3 {
                p += 1;
            }
            if p > k
                && p < n
                && text.is_cap(p)
                && text.tokens[p].sentence() == text.tokens[j].sentence()
            {
                j = p;
                last = p;
                continue;
            }
            break;
        }
        // "Department of Agriculture", "Society of Friends", "Fund for Rural Health", "Council
        // on Foreign Trade".
        if lexicon::is_org_cue(text.tok(last))
            && matches!(text.tok(last + 1), "of" | "for" | "on")
            && starts_cap_name(text, last + 2)
            && text
                .tokens
                .get(last + 2)
                .is_some_and(|t| t.sentence() == text.tokens[last].sentence())
            && !lexicon::is_title(text.tok(last))
        {
            let mut j = last + 2;
            while j + 1 < n
                && text.tokens[j + 1].sentence() == text.tokens[last].sentence()
                && (starts_cap_name(text, j + 1)
                    || matches!(text.tok(j + 1), "of" | "and" | "for")
                        && starts_cap_name(text, j + 2))
            {
                j += 1;
            }
            last = j;
        }
        runs.push(Run { first, last });
        i = last + 1;
    }
    runs
}

/// Whether `w` can be an acronym: two or more upper-case letters ("KCNA").
pub(super) fn is_acronym(w: &str) -> bool {
    w.len() >= 2 && w.chars().all(char::is_uppercase)
}

/// Words in a run that end it as an organisation when they come last, or anywhere for strong cues.
pub(super) fn org_like(words: &[&str]) -> bool {
    let Some(last) = words.last() else {
        return false;
    };
    if lexicon::is_org_cue(last) {
        return true;
    }
    words.iter().any(|w| lexicon::is_org_word(w))
}

/// Whether a capitalised word looks like a name part (not a common word, not a country word).
pub(super) fn name_like(text: &Text<'_>, i: usize, lower_words: &foldhash::HashSet<&str>) -> bool {
    let w = text.tok(i);
    if lexicon::is_family_first(w) && i > 0 && text.is_cap(i - 1) {
        return true; // "Felix Law", "Edwin To": short family names that are also words
    }
    if lexicon::is_not_name(w) || lexicon::is_org_cue(w) || lexicon::is_title(w) {
        return false;
    }
    if w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
        && w.chars().count() > 1
        && !w.contains('.')
    {
        return false; // acronyms: NATO, KCNA
    }
    if lexicon::with_lower(w, |lw| lower_words.contains(lw)) && lexicon::given_name(w).is_none() {
        return false; // the word also appears in lower case: a common word
    }
    true
}

/// Whether token `i` follows a determiner, possibly with one adjective between ("the Leica",
/// "a red Beatrice"): a thing or a work, not a person named by it.
pub(super) fn after_determiner(text: &Text<'_>, i: usize) -> bool {
    let det = |k: usize| {
        lexicon::is_determiner(text.tok(k))
            || text.tok(k).chars().all(|c| c.is_ascii_digit()) && !text.tok(k).is_empty()
    };
    i > 0 && (det(i - 1) || i > 1 && det(i - 2) && text.is_lower(i - 1))
}

pub(super) fn runs_has_byline(text: &Text<'_>, and_tok: usize) -> bool {
    // "By A B and C D": look back for "By" within the same sentence.
    let s = text.tokens[and_tok].sentence();
    (and_tok.saturating_sub(6)..and_tok)
        .any(|k| text.tok(k) == "By" && text.tokens[k].sentence() == s)
}

/// Whether token `k` is a title before a name: a title word, unless it is a portfolio naming a
/// department with a country name after it ("Health Canada").
pub(super) fn is_title_at(text: &Text<'_>, k: usize) -> bool {
    let w = text.tok(k);
    lexicon::is_title(w)
        && !(lexicon::is_portfolio(w) && super::super::countries::is_country_word(text.tok(k + 1)))
}

/// Whether a speech verb follows token `i` (allowing a few adverbs/auxiliaries, or a short
/// appositive between commas).
pub(super) fn speech_follows(text: &Text<'_>, mut i: usize) -> bool {
    if text.tok(i) == "," {
        // ", a doctor at the clinic, said"
        let mut k = i + 1;
        let limit = i + 14;
        while k < limit
            && k < text.tokens.len()
            && text.tok(k) != ","
            && text.tokens[k].kind() != TokKind::QuoteMark
        {
            k += 1;
        }
        if text.tok(k) == "," {
            i = k + 1;
        } else {
            return false;
        }
    }
    let mut steps = 0;
    while steps < 3 && lexicon::is_verb_filler(text.tok(i)) {
        i += 1;
        steps += 1;
    }
    text.is_lower(i)
        && lexicon::with_lower(text.tok(i), |w| {
            lexicon::reporting(w).speech() && !lexicon::reporting(w).weak()
        })
}
