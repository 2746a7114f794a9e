//! Mentions by one word: a surname (or a given name nobody else has) alone, a misspelt surname
//! where a person is expected, and single words that a title or repetition makes a person.

use foldhash::HashMap;

use super::super::entities::{Ent, PersonBuild};
use super::super::lexicon;
use super::super::text::Text;
use super::names::{fold, max_typos, misspelling_of, short_keys};
use super::runs::{after_determiner, is_title_at, speech_follows};
use super::{Found, Scan};

/// The words that name a person alone, and whose they are.
struct Keys<'a> {
    /// Per person: the words they are called by alone.
    per_person: Vec<Vec<&'a str>>,
    /// Per word: the people it names (owned keys, looked up for every capitalised word).
    owners: HashMap<Box<str>, Vec<usize>>,
    /// Keys by first letter and length, for misspellings.
    fuzzy: HashMap<(char, usize), Vec<Box<str>>>,
}

impl<'a> Keys<'a> {
    /// The keys of the canonical names `fulls`: short keys, and a given name nobody else has.
    fn new(fulls: &[Vec<&'a str>]) -> Self {
        let per_person: Vec<Vec<&str>> = fulls.iter().map(|f| short_keys(f)).collect();
        let mut owners: HashMap<Box<str>, Vec<usize>> = HashMap::default();
        for (pi, keys) in per_person.iter().enumerate() {
            for &key in keys {
                let key = fold(key);
                if let Some(o) = owners.get_mut(key.as_ref()) {
                    o.push(pi);
                } else {
                    owners.insert(key.as_ref().into(), vec![pi]);
                }
            }
        }
        // A person may also be called by their given name alone when no one else has it.
        let mut first_names: HashMap<&str, Vec<usize>> = HashMap::default();
        for (pi, f) in fulls.iter().enumerate() {
            if f.len() >= 2
                && lexicon::given_name(f[0]).is_some()
                && !lexicon::is_family_first(f[0])
            {
                first_names.entry(f[0]).or_default().push(pi);
            }
        }
        for (name, o) in first_names {
            let name = fold(name);
            if o.len() == 1 && !owners.contains_key(name.as_ref()) {
                owners.insert(name.as_ref().into(), o);
            }
        }
        let mut fuzzy: HashMap<(char, usize), Vec<Box<str>>> = HashMap::default();
        for key in owners.keys() {
            if let Some(c) = key.chars().next() {
                fuzzy
                    .entry((c, key.chars().count()))
                    .or_default()
                    .push(key.clone());
            }
        }
        Self {
            per_person,
            owners,
            fuzzy,
        }
    }

    /// The one person whose key `w` misspells (same first letter, a similar length), if exactly
    /// one.
    fn misspelt_owner(&self, w: &str) -> Option<usize> {
        let c = w.chars().next()?;
        let len = w.chars().count();
        let max = max_typos(len)?;
        let mut found: Option<usize> = None;
        for l in len.saturating_sub(max)..=len + max {
            for key in self.fuzzy.get(&(c, l)).into_iter().flatten() {
                if misspelling_of(w, key) {
                    let owners = self.owners.get(key)?;
                    if owners.len() != 1 || found.is_some_and(|f| f != owners[0]) {
                        return None; // ambiguous
                    }
                    found = Some(owners[0]);
                }
            }
        }
        found
    }
}

/// Whether token `i`, a word alone, stands where a person is expected: after a title, before or
/// after a speech verb.
fn person_slot(s: &Scan<'_, '_>, i: usize) -> bool {
    let text = s.text;
    i > 0 && lexicon::is_title(text.tok(i - 1))
        || speech_follows(text, i + 1)
        || i > 0 && lexicon::reporting(text.tok(i - 1)).speech()
}

/// Whether token `i` is part of a longer capitalised name (so not a surname alone).
fn inside_longer_name(s: &Scan<'_, '_>, i: usize) -> bool {
    let text = s.text;
    let prev_cap = i > 0
        && text.is_cap(i - 1)
        && !lexicon::is_title(text.tok(i - 1))
        && !lexicon::is_not_name(text.tok(i - 1))
        && !(text.is_sentence_start(i - 1) && s.is_lower_word(text.tok(i - 1)))
        && !s.country_tok.get(i - 1)
        && text.tokens[i - 1].span().end + 1 >= text.tokens[i].span().start;
    let next_cap = text.is_cap(i + 1)
        && text.tokens[i + 1].span().start <= text.tokens[i].span().end + 1
        && !lexicon::is_title(text.tok(i + 1));
    prev_cap || next_cap
}

/// Whether the surname at token `i` only names a family or what it owns: "the Lee family", "the
/// Lee fortune" (but "the Lee administration" is Lee's: a mention of the person).
fn names_a_group(text: &Text<'_>, i: usize) -> bool {
    text.is_lower(i + 1)
        && matches!(
            lexicon::lower(text.tok(i + 1)).as_ref(),
            "family" | "families" | "fortune" | "dynasty" | "clan" | "estate"
        )
}

/// A place word after a preposition of place is the place even when a person bears its name;
/// so is any word written as a town before its region ("from Lund, Ohio").
fn place_after_preposition(s: &Scan<'_, '_>, i: usize) -> bool {
    let text = s.text;
    let after_preposition = i > 0 && lexicon::is_place_preposition(text.tok(i - 1));
    let town_of_region = text.tok(i + 1) == ","
        && (lexicon::is_place(&[text.tok(i + 2)]) || s.country_tok.get(i + 2));
    after_preposition && (s.country_tok.get(i) || town_of_region)
}

/// Surnames and unique given names used alone, and misspelt surnames where a person is
/// expected. Only the first tokens of names and capitalised words need a look, in text order;
/// an ambiguous key goes to the person last named by it.
pub(super) fn words_alone(
    s: &mut Scan<'_, '_>,
    found: &mut Found,
    name_starts: &[usize],
    fulls: &[Vec<&str>],
) {
    let text = s.text;
    let keys = Keys::new(fulls);
    let mut last_key: HashMap<std::borrow::Cow<'_, str>, usize> = HashMap::default();
    let mut misspelt_memo: HashMap<&str, Option<usize>> = HashMap::default();
    let mut misspelt: Vec<(usize, usize)> = Vec::new();
    let mut candidates: Vec<usize> = name_starts
        .iter()
        .copied()
        .chain(text.caps.iter().map(|&i| i as usize))
        .collect();
    #[allow(
        clippy::stable_sort_primitive,
        reason = "the stable sort finds the two sorted runs and merges them in linear time"
    )]
    candidates.sort();
    candidates.dedup();
    for i in candidates {
        if let Some(Ent::Person(pi)) = found.token_ent.get(i) {
            let pi = pi as usize;
            if i == 0 || found.token_ent.get(i - 1) != found.token_ent.get(i) {
                for key in keys.per_person.get(pi).into_iter().flatten() {
                    last_key.insert(fold(key), pi);
                }
            }
            continue;
        }
        // A one-word organisation that is a known person's surname is that person ("Day said"
        // after "Maxine Day").
        let e = found.token_ent.get(i);
        let lone_org = matches!(e, Some(Ent::Org(_)))
            && (i == 0 || found.token_ent.get(i - 1) != e)
            && found.token_ent.get(i + 1) != e
            && text.tok(i + 1) != ":"
            && !lexicon::is_caption_label(text.tok(i));
        if e.is_some() && !lone_org || !text.is_cap(i) {
            continue;
        }
        let w = text.tok(i);
        let folded = fold(w);
        let Some(owners) = keys.owners.get(folded.as_ref()) else {
            // A misspelling, only where a person is expected.
            if !lone_org
                && w.len() >= 5
                && !s.country_tok.get(i)
                && !text.is_cap(i + 1)
                && !(i > 0 && text.is_cap(i - 1) && !lexicon::is_title(text.tok(i - 1)))
                && person_slot(s, i)
                && let Some(pi) = *misspelt_memo
                    .entry(w)
                    .or_insert_with(|| keys.misspelt_owner(w))
            {
                misspelt.push((i, pi));
            }
            continue;
        };
        if inside_longer_name(s, i) || place_after_preposition(s, i) || names_a_group(text, i) {
            continue;
        }
        let pi = if owners.len() == 1 {
            owners[0]
        } else {
            last_key.get(folded.as_ref()).copied().unwrap_or(owners[0])
        };
        // A given name that is also a capital, alone, stays the city: "left for Santiago" after
        // "Santiago Ruiz".
        if s.country_tok.get(i) && fulls.get(pi).and_then(|f| f.first()) == Some(&w) {
            continue;
        }
        found.add_word(text, i, pi);
        s.country_tok.set(i, false);
    }
    for (i, pi) in misspelt {
        found.add_word(text, i, pi);
    }
}

/// Whether a word-like surname alone before a speech verb ("Page said") is a person when the
/// tagger reads it as a proper noun in its sentence. Off: measured with
/// `quotelens eval tests/data/fixtures tests/data/devset tests/data/devset2 ../shared/devset3`,
/// it took one spurious person on the dev set (person F1 0.955 → 0.953) and changed nothing on
/// the others. Kept as the first rule to try again once the speaker rules read the parse.
const PROPN_EVIDENCE: bool = false;

/// Whether the given name at token `tok` is in a list of given names set off after a noun for
/// people: "his daughters, Ana, Mia and Zoe,", "two passengers, Ravi and Tomas".
fn in_people_list(text: &Text<'_>, tok: usize) -> bool {
    let w = text.tok(tok);
    if lexicon::given_name(w).is_none() || !text.is_cap(tok) {
        return false;
    }
    let mut k = tok;
    let mut steps = 0;
    while k > 0 && steps < 16 {
        let prev = text.tok(k - 1);
        let given = text.is_cap(k - 1) && lexicon::given_name(prev).is_some();
        if !(matches!(prev, "," | "and") || given) {
            break;
        }
        k -= 1;
        steps += 1;
    }
    if k < 2 || text.tok(k) != "," {
        return false;
    }
    let noun = lexicon::lower(text.tok(k - 1));
    let plural = noun.strip_suffix('s').is_some_and(lexicon::is_person_word);
    text.is_lower(k - 1) && (lexicon::is_person_word(&noun) || plural)
}

/// Single words never seen in a full name that are still people: after a title ("Dr. X"), or a
/// known given name used alone at least twice and never after a determiner.
pub(super) fn single_words(s: &Scan<'_, '_>, found: &mut Found, singles: &[usize]) {
    let text = s.text;
    let mut single_word: HashMap<String, usize> = HashMap::default();
    for (pi, p) in found.persons.iter().enumerate() {
        if let [w] = p.full.as_slice() {
            single_word.entry(w.clone()).or_insert(pi);
        }
    }
    let mut given_alone: HashMap<&str, usize> = HashMap::default();
    for &tok in singles {
        let w = text.tok(tok);
        if !found.token_ent.is_some(tok)
            && !after_determiner(text, tok)
            && lexicon::given_name(w).is_some()
            && !lexicon::is_family_first(w)
        {
            *given_alone.entry(w).or_default() += 1;
        }
    }
    for &tok in singles {
        if found.token_ent.is_some(tok) {
            continue;
        }
        let titled = tok > 0
            && (is_title_at(text, tok - 1)
                || (text.tok(tok - 1) == "."
                    && tok > 1
                    && lexicon::is_title_before_period(text.tok(tok - 2))));
        let known_given = given_alone.get(text.tok(tok)).copied().unwrap_or(0) >= 2
            && !after_determiner(text, tok);
        // A surname alone as the subject of a speech verb, in a text that never gives its first
        // name: "Morrow said …". It must be a known surname, and no English word unless the
        // tagger reads it as a proper noun in its sentence ("Page said", "White told").
        let w = text.tok(tok);
        let speaks = speech_follows(text, tok + 1)
            && lexicon::is_known_surname(w)
            && !after_determiner(text, tok)
            && (!lexicon::is_english_word(w)
                || PROPN_EVIDENCE && s.syntax.upos_of_token(text, tok) == Some("PROPN"));
        // A name given right after a person: "a chef named Ravi", "a protester called Mila",
        // "a resident with the pseudonym Mila".
        let named = tok >= 2
            && matches!(
                text.tok(tok - 1),
                "named" | "called" | "pseudonym" | "nicknamed"
            )
            && (tok - 2..tok - 1)
                .chain((tok >= 4).then(|| tok - 4))
                .any(|k| text.is_lower(k) && lexicon::is_person_word(&lexicon::lower(text.tok(k))));
        let listed = in_people_list(text, tok);
        if !titled && !known_given && !speaks && !named && !listed {
            continue;
        }
        let w = text.tok(tok).to_string();
        let pi = if let Some(&pi) = single_word.get(&w) {
            pi
        } else {
            found.persons.push(PersonBuild {
                full: vec![w.clone()],
                ..PersonBuild::default()
            });
            single_word.insert(w, found.persons.len() - 1);
            found.persons.len() - 1
        };
        found.add_word(text, tok, pi);
    }
}
