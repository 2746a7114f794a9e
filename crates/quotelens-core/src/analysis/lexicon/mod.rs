//! General-knowledge word lists: given names, surnames, English words, the country table, and
//! the rule lists of `assets/data/lexicon/` (titles, organisation and place cues, …) and the
//! reporting words of `verbs.tsv` ([`verbs`]). Every file is embedded at compile time (no I/O
//! at run time) and read by one helper.

use foldhash::{HashMap, HashSet};
use std::sync::LazyLock;

mod verbs;

#[cfg(test)]
use verbs::rows as reporting_rows;
pub use verbs::{may_be_speech_verb, reporting};

/// Gender hint of a given name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    /// Mostly male.
    Male,
    /// Mostly female.
    Female,
    /// Either, or not known.
    Unknown,
}

const GIVEN_NAMES_TSV: &str = include_str!("../../../../../assets/data/given-names.tsv");
const COUNTRIES_TSV: &str = include_str!("../../../../../assets/data/countries.tsv");
const SURNAMES_TXT: &str = include_str!("../../../../../assets/data/surnames.txt");
const ENGLISH_WORDS_TXT: &str = include_str!("../../../../../assets/data/english-words.txt");

/// The texts of the word lists that a word's facts for the tagger and parser read (English
/// words, given names, surnames): a model trained with other lists must be retrained.
pub fn syntax_feature_lists() -> [&'static str; 3] {
    [ENGLISH_WORDS_TXT, GIVEN_NAMES_TSV, SURNAMES_TXT]
}

/// The entries of an embedded word list: one a line, `#` comment lines and empty lines skipped.
fn entries(txt: &'static str) -> impl Iterator<Item = &'static str> {
    txt.lines().filter(|l| !l.starts_with('#') && !l.is_empty())
}

/// An embedded word list as a set.
fn word_list(txt: &'static str) -> HashSet<&'static str> {
    entries(txt).collect()
}

static ENGLISH_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_list(ENGLISH_WORDS_TXT));

/// Whether `word` (any case) is a common English word ("Star", "visual", "EPIC").
#[inline]
pub fn is_english_word(word: &str) -> bool {
    with_lower(word, |lw| ENGLISH_WORDS.contains(lw))
}

/// The English word list, for the reporting words' test.
#[cfg(test)]
fn english_words() -> &'static HashSet<&'static str> {
    &ENGLISH_WORDS
}

/// Whether `word` is ASCII with no upper-case letter: its own lower-case form, told by its bytes
/// without decoding characters.
#[inline]
fn is_plain_lower(word: &str) -> bool {
    !word
        .bytes()
        .any(|c| c.is_ascii_uppercase() || !c.is_ascii())
}

/// The lower-case form of a word, borrowed when it has no upper-case letter (no allocation for
/// the common case).
pub fn lower(word: &str) -> std::borrow::Cow<'_, str> {
    if is_plain_lower(word) {
        return std::borrow::Cow::Borrowed(word);
    }
    if word.is_ascii() {
        return std::borrow::Cow::Owned(word.to_ascii_lowercase());
    }
    if word.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

static SURNAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| word_list(SURNAMES_TXT));

/// Whether `word` is a surname of the US Census list (title case: "Mertens"). Many surnames are
/// also common words, so this is evidence to combine with other evidence, never enough alone.
#[inline]
pub fn is_known_surname(word: &str) -> bool {
    SURNAMES.contains(word)
}

static GIVEN_NAMES: LazyLock<HashMap<&'static str, Gender>> = LazyLock::new(|| {
    GIVEN_NAMES_TSV
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (name, g) = l.split_once('\t')?;
            let g = match g.trim() {
                "m" => Gender::Male,
                "f" => Gender::Female,
                _ => Gender::Unknown,
            };
            Some((name, g))
        })
        .collect()
});

/// The gender hint of a given name, if it is a known given name.
pub fn given_name(word: &str) -> Option<Gender> {
    if let Some(g) = GIVEN_NAMES.get(word) {
        return Some(*g);
    }
    // All-capital text: try the title-cased form.
    if word.chars().skip(1).any(char::is_uppercase) && !word.contains('-') {
        let mut t = String::with_capacity(word.len());
        for (i, c) in word.chars().enumerate() {
            if i == 0 {
                t.push(c);
            } else {
                t.extend(c.to_lowercase());
            }
        }
        return GIVEN_NAMES.get(t.as_str()).copied();
    }
    None
}

/// One sovereign state from the country table.
#[derive(Debug)]
pub struct CountryEntry {
    /// ISO 3166-1 alpha-2 code.
    pub code: &'static str,
    /// Canonical English short name.
    pub name: &'static str,
    /// Other names ("U.S.", "Britain").
    pub aliases: Vec<&'static str>,
    /// Adjective/people forms ("Russian").
    pub demonyms: Vec<&'static str>,
    /// Capitals and seats of power ("Moscow", "Kremlin").
    pub capitals: Vec<&'static str>,
}

/// All sovereign states, in table order.
pub static COUNTRIES: LazyLock<Vec<CountryEntry>> = LazyLock::new(|| {
    let list = |s: &'static str| -> Vec<&'static str> {
        s.split(';')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .collect()
    };
    COUNTRIES_TSV
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let code = cols.next()?;
            let name = cols.next()?;
            Some(CountryEntry {
                code,
                name,
                aliases: list(cols.next().unwrap_or("")),
                demonyms: list(cols.next().unwrap_or("")),
                capitals: list(cols.next().unwrap_or("")),
            })
        })
        .collect()
});

/// A word list, looked up about as fast as a `match` on string literals: entries bucketed by
/// byte length; a short bucket is scanned comparing first bytes before whole words, a long one
/// is hashed. Most words a pass asks about have a length or a first letter no entry has.
pub struct WordList {
    /// The shapes of the entries (first two bytes, length), to answer most misses at once.
    shapes: Shapes,
    /// Entries by byte length (index = length).
    by_len: Vec<Vec<&'static str>>,
    /// All entries, for the long buckets.
    set: HashSet<&'static str>,
    /// All entries, in file order.
    entries: Vec<&'static str>,
}

/// Buckets up to this size are scanned rather than hashed.
const SCAN_BUCKET: usize = 12;

impl WordList {
    /// The entries of an embedded list's text: one a line, `#` comment lines skipped.
    fn new(txt: &'static str) -> Self {
        let entries: Vec<&'static str> = entries(txt).collect();
        let set: HashSet<&'static str> = entries.iter().copied().collect();
        let mut by_len: Vec<Vec<&'static str>> = Vec::new();
        for &w in &set {
            if by_len.len() <= w.len() {
                by_len.resize(w.len() + 1, Vec::new());
            }
            by_len[w.len()].push(w);
        }
        for b in &mut by_len {
            b.sort_unstable();
        }
        Self {
            shapes: Shapes::of(set.iter().copied()),
            by_len,
            set,
            entries,
        }
    }

    /// Whether `w` is an entry.
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        if !self.shapes.may_contain(w) {
            return false;
        }
        match self.by_len.get(w.len()) {
            None => false,
            Some(b) if b.len() <= SCAN_BUCKET => {
                let first = w.as_bytes().first();
                b.iter().any(|x| x.as_bytes().first() == first && *x == w)
            }
            Some(_) => self.set.contains(w),
        }
    }

    /// The entries, in file order.
    pub fn iter(&self) -> impl Iterator<Item = &&'static str> + '_ {
        self.entries.iter()
    }
}

/// Declares each rule list of `assets/data/lexicon/` as a set, and [`ALL_LISTS`] naming them all.
macro_rules! rule_lists {
    ($($(#[$doc:meta])* $set:ident = $file:literal;)*) => {
        $(
            $(#[$doc])*
            static $set: LazyLock<WordList> = LazyLock::new(|| {
                WordList::new(include_str!(concat!("../../../../../assets/data/lexicon/", $file, ".txt")))
            });
        )*
        /// Every rule list: (file stem, its text), for the consistency tests.
        #[cfg(test)]
        pub const ALL_LISTS: &[(&str, &str)] = &[$((
            $file,
            include_str!(concat!("../../../../../assets/data/lexicon/", $file, ".txt")),
        ),)*];
    };
}

rule_lists! {
    /// Determiners, possessives and quantifiers.
    DETERMINERS = "determiners";
    /// Places that are not sovereign states.
    PLACES = "places";
    /// First words of multi-word place names.
    PLACE_PREFIXES = "place-prefixes";
    /// Titles and honorifics before a name.
    TITLES = "titles";
    /// Words that mark an organisation, place, event or work.
    ORG_CUES = "org-cues";
    /// Organisation words of a government body.
    GOVERNMENT_CUES = "government-cues";
    /// Ministerial portfolios that name a department before a country name.
    PORTFOLIOS = "portfolios";
    /// Common nouns for a person.
    PERSON_NOUNS = "person-nouns";
    /// Prefixes of ships' names.
    VESSEL_PREFIXES = "vessel-prefixes";
    /// Nouns of things named after people.
    NAMED_THING_NOUNS = "named-thing-nouns";
    /// Bodies named by their common noun alone.
    BODY_NOUNS = "body-nouns";
    /// Capitalised words that are never a name alone.
    NOT_NAMES = "not-names";
    /// East Asian family names written first.
    FAMILY_FIRST = "family-first";
    /// Particles inside names.
    NAME_PARTICLES = "name-particles";
    /// Generational suffixes.
    NAME_SUFFIXES = "name-suffixes";
    /// Honours and offices written after a name, not part of it.
    POST_NOMINALS = "post-nominals";
    /// Titles of women, lower case.
    TITLES_FEMALE = "titles-female";
    /// Titles of men, lower case.
    TITLES_MALE = "titles-male";
    /// Legal suffixes of company names ("Corp", "Ltd").
    COMPANY_SUFFIXES = "company-suffixes";
    /// Nouns for an organisation: "the company said" speaks for the last institution.
    INSTITUTION_NOUNS = "institution-nouns";
    /// Lower-case roles.
    ROLE_NOUNS = "role-nouns";
    /// Nouns for a person who speaks as their organisation.
    VOICE_NOUNS = "voice-nouns";
    /// Adverbs and auxiliaries between a subject and its verb.
    VERB_FILLERS = "verb-fillers";
    /// Conjunctions and clause openers.
    BOUNDARY_WORDS = "boundary-words";
    /// Prepositions.
    PREPOSITIONS = "prepositions";
    /// Words that open a description of a speaker.
    DESCRIPTION_OPENERS = "description-openers";
    /// Small words of title-case names.
    TITLE_SMALL_WORDS = "title-small-words";
    /// Labels of photo captions.
    CAPTION_LABELS = "caption-labels";
    /// Words that make a run an organisation anywhere in it.
    ORG_WORDS = "org-words";
    /// Hyphenated prefixes of Arabic names.
    NAME_PREFIXES = "name-prefixes";
    /// Prepositions of place.
    PLACE_PREPOSITIONS = "place-prepositions";
    /// Abbreviations before a period that does not end a sentence.
    ABBREVIATIONS = "abbreviations";
}

/// Whether `w` (lower-case) is a body that news names by its common noun alone ("police said").
#[inline]
pub fn is_body_noun(w: &str) -> bool {
    BODY_NOUNS.contains(w)
}

/// Whether `w` (lower-case) is a determiner, possessive or quantifier: a capitalised word or a
/// speech word after one is a thing ("the Leica", "both praise"), not a name or a verb.
#[inline]
pub fn is_determiner(w: &str) -> bool {
    DETERMINERS.contains(w)
}

/// The first words of the places of more than one word ("New" of "New Jersey").
static PLACE_FIRST_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    PLACES
        .iter()
        .filter_map(|p| p.split_once(' ').map(|(first, _)| first))
        .collect()
});

/// Whether the words, joined by spaces, name a place that is not a sovereign state. The words
/// are joined only when the first one starts a place of several words.
#[inline]
pub fn is_place(words: &[&str]) -> bool {
    match words {
        [] => false,
        [w] => PLACES.contains(w),
        [first, ..] => {
            PLACE_PREFIXES.contains(first)
                || PLACE_FIRST_WORDS.contains(first) && PLACES.contains(words.join(" ").as_str())
        }
    }
}

/// Calls `f` with the lower-case form of `word`: in a buffer on the stack for a short ASCII word
/// (no allocation), else through [`lower`].
#[inline]
pub fn with_lower<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
    const SHORT: usize = 32;
    if is_plain_lower(word) {
        return f(word);
    }
    let b = word.as_bytes();
    if b.len() <= SHORT && word.is_ascii() {
        let mut buf = [0u8; SHORT];
        for (d, s) in buf.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        // ASCII in, ASCII out: always valid UTF-8.
        if let Ok(lw) = std::str::from_utf8(&buf[..b.len()]) {
            return f(lw);
        }
    }
    f(lower(word).as_ref())
}

/// Whether `w` is a title or honorific word.
#[inline]
pub fn is_title(w: &str) -> bool {
    TITLES.contains(w)
        || w.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
            && w.as_bytes().contains(&b'-')
            && is_hyphenated_title(w)
}

/// Whether every part of a hyphenated word is a title ("Lieutenant-General", "Vice-Admiral").
#[cold]
fn is_hyphenated_title(w: &str) -> bool {
    w.split('-')
        .all(|part| !part.is_empty() && TITLES.contains(part))
}

/// The titles written with a period ("Mr." "Sen."), without it.
static TITLES_BEFORE_PERIOD: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| TITLES.iter().filter_map(|t| t.strip_suffix('.')).collect());

/// Whether `w` followed by a period is a title ("Mr" of "Mr.", "Sen" of "Sen.").
#[inline]
pub fn is_title_before_period(w: &str) -> bool {
    TITLES_BEFORE_PERIOD.contains(w)
}

/// Whether a period after `w` does not end a sentence: an abbreviation, a title written with a
/// period, or a single capital (an initial).
#[inline]
pub fn is_abbreviation(w: &str) -> bool {
    ABBREVIATIONS.contains(w)
        || is_title_before_period(w)
        || (w.chars().count() == 1 && w.chars().all(char::is_uppercase))
}

/// Whether `w` marks a run as an organisation, place or work.
#[inline]
pub fn is_org_cue(w: &str) -> bool {
    ORG_CUES.contains(w)
}

/// Whether `w` makes a capitalised run an organisation wherever it stands in it.
#[inline]
pub fn is_org_word(w: &str) -> bool {
    ORG_WORDS.contains(w)
}

/// Whether `w` is an organisation word of a government body (a country word leading such a
/// name counts as the country).
#[inline]
pub fn is_government_cue(w: &str) -> bool {
    GOVERNMENT_CUES.contains(w)
}

/// Whether `w` is a ministerial portfolio, which names a government department when a country
/// name follows it ("Health Canada").
#[inline]
pub fn is_portfolio(w: &str) -> bool {
    PORTFOLIOS.contains(w)
}

/// Whether `w` (lower case) is a common noun for a person ("man", "protester").
#[inline]
pub fn is_person_noun(w: &str) -> bool {
    PERSON_NOUNS.contains(w)
}

/// Whether `w` (lower case) is a noun that stands for a person: a role ("spokesman", "analyst")
/// or a common person noun ("man", "protester").
#[inline]
pub fn is_person_word(w: &str) -> bool {
    is_role_noun(w) || is_person_noun(w)
}

/// Whether `w` is a ship-name prefix ("MV", "HMS").
#[inline]
pub fn is_vessel_prefix(w: &str) -> bool {
    VESSEL_PREFIXES.contains(w)
}

/// Whether `w` (lower case) names things often named after a person ("telescope", "prize").
#[inline]
pub fn is_named_thing_noun(w: &str) -> bool {
    NAMED_THING_NOUNS.contains(w)
}

/// Whether the capitalised word is a common word that is never a name on its own.
#[inline]
pub fn is_not_name(w: &str) -> bool {
    NOT_NAMES.contains(w)
}

/// Whether `w` is a family name usually written before the given name.
#[inline]
pub fn is_family_first(w: &str) -> bool {
    FAMILY_FIRST.contains(w)
}

/// Whether `w` is a particle inside names ("von der Leyen", "de Gaulle").
#[inline]
pub fn is_name_particle(w: &str) -> bool {
    NAME_PARTICLES.contains(w)
}

/// Whether `w` starts with a hyphenated name prefix followed by a capital ("al-Amr", "bin-Zayed").
#[inline]
pub fn has_name_prefix(w: &str) -> bool {
    NAME_PREFIXES.iter().any(|p| {
        w.strip_prefix(p)
            .is_some_and(|r| r.chars().next().is_some_and(char::is_uppercase))
    })
}

/// The gender a title or role word implies ("mrs", "king", "spokeswoman"), lower-case.
#[inline]
pub fn title_gender(t: &str) -> Option<Gender> {
    if TITLES_FEMALE.contains(t) {
        Some(Gender::Female)
    } else if TITLES_MALE.contains(t) {
        Some(Gender::Male)
    } else {
        None
    }
}

/// Name suffixes kept in the span ("Martin Luther King Jr.").
#[inline]
pub fn is_name_suffix(w: &str) -> bool {
    NAME_SUFFIXES.contains(w)
}

/// Whether `w` is written after a name without being part of it: "QC", "MP", "OBE".
pub fn is_post_nominal(w: &str) -> bool {
    POST_NOMINALS.contains(w)
}

/// The shapes (first two bytes and length) of a set of words, as a bit table: most words asked
/// about have a shape no entry has, and are answered without hashing or comparing.
struct Shapes {
    /// Bit [`Shapes::slot`] of every entry's shape is set.
    bits: [u64; SHAPE_WORDS],
}

/// Words (of 64 bits) of a shape table: 4096 bits, a few percent of them set for a rule list.
const SHAPE_WORDS: usize = 64;

impl Shapes {
    fn of<'w>(words: impl Iterator<Item = &'w str>) -> Self {
        let mut bits = [0u64; SHAPE_WORDS];
        for w in words {
            let k = Self::slot(w);
            bits[k / 64] |= 1 << (k % 64);
        }
        Self { bits }
    }

    /// Where the shape of `w` falls in the table.
    #[inline]
    fn slot(w: &str) -> usize {
        let b = w.as_bytes();
        Self::slot_of(
            b.first().copied().unwrap_or(0),
            b.get(1).copied().unwrap_or(0),
            w.len(),
        )
    }

    /// Where the shape (first byte, second byte, length in bytes) falls in the table: the
    /// three mixed by one multiplication (the top 12 bits of the product).
    #[inline]
    fn slot_of(first: u8, second: u8, len: usize) -> usize {
        let len = u32::try_from(len.min(255)).unwrap_or(255);
        let key = u32::from(first) | u32::from(second) << 8 | len << 16;
        (key.wrapping_mul(0x9E37_79B1) >> 20) as usize
    }

    /// [`Shapes::may_contain`] for a word the table has at `k`.
    #[inline]
    fn has(&self, k: usize) -> bool {
        self.bits[k / 64] >> (k % 64) & 1 == 1
    }

    /// False when no entry has the shape of `w`; true when one may be `w`.
    #[inline]
    fn may_contain(&self, w: &str) -> bool {
        self.has(Self::slot(w))
    }
}

/// Whether `w` is a company's legal suffix ("Corp", "Ltd"): it ends an organisation's name.
#[inline]
pub fn is_company_suffix(w: &str) -> bool {
    COMPANY_SUFFIXES.contains(w)
}

/// Nouns that make "the X said" the last organisation that spoke ("the company", "the agency").
#[inline]
pub fn is_institution_noun(w: &str) -> bool {
    INSTITUTION_NOUNS.contains(w)
}

/// Lower-case words that name a role a person can be referred to by ("the minister said").
#[inline]
pub fn is_role_noun(w: &str) -> bool {
    ROLE_NOUNS.contains(w)
}

/// Whether `w` (lower-case) names a person who speaks as their organisation ("spokesperson"):
/// "an Acme spokesperson said" quotes Acme.
#[inline]
pub fn is_voice_noun(w: &str) -> bool {
    VOICE_NOUNS.contains(w)
}

/// Adverbs and auxiliaries that may stand between a subject and its speech verb
/// ("she also said", "he had previously told").
#[inline]
pub fn is_verb_filler(w: &str) -> bool {
    VERB_FILLERS.contains(w)
}

/// Conjunctions and clause openers: a noun phrase stops at them.
#[inline]
pub fn is_boundary_word(w: &str) -> bool {
    BOUNDARY_WORDS.contains(w)
}

/// Prepositions: a speaker noun phrase does not reach across them.
#[inline]
pub fn is_preposition(w: &str) -> bool {
    PREPOSITIONS.contains(w)
}

/// Whether `w` (lower-case) opens a description of a speaker ("the", "two", "its").
#[inline]
pub fn is_description_opener(w: &str) -> bool {
    DESCRIPTION_OPENERS.contains(w)
}

/// Whether `w` is a small word that title-case names keep in lower case ("of", "the").
#[inline]
pub fn is_title_small_word(w: &str) -> bool {
    TITLE_SMALL_WORDS.contains(w)
}

/// Whether `w` labels a photo caption ("Image", "Photo").
#[inline]
pub fn is_caption_label(w: &str) -> bool {
    CAPTION_LABELS.contains(w)
}

/// Whether `w` is a preposition of place ("in Paris").
#[inline]
pub fn is_place_preposition(w: &str) -> bool {
    PLACE_PREPOSITIONS.contains(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(name: &str) -> HashSet<&'static str> {
        let Some((_, text)) = ALL_LISTS.iter().find(|(n, _)| *n == name) else {
            panic!("no list {name}");
        };
        entries(text).collect()
    }

    /// Every list says what it is for and where it came from, and holds each entry once, with
    /// no stray white space.
    #[test]
    fn every_list_is_clean() {
        for (name, text) in ALL_LISTS {
            let mut lines = text.lines();
            let head = lines.next().unwrap_or("");
            assert!(
                head.starts_with(&format!("# {name}.txt — ")),
                "{name}: {head}"
            );
            assert!(text.contains("\n# Source: "), "{name}: no source line");
            let mut seen = HashSet::default();
            for e in entries(text) {
                assert_eq!(e, e.trim(), "{name}: white space around {e:?}");
                assert!(seen.insert(e), "{name}: {e:?} twice");
            }
            assert!(!seen.is_empty(), "{name} is empty");
        }
    }

    /// The shape tables only ever rule out words that are not entries: every entry of every
    /// list passes, and every speech verb passes `may_be_speech_verb` in any case after its
    /// first letter ("said", "sAID", "saiD").
    #[test]
    fn shape_tables_keep_every_entry() {
        for (name, text) in ALL_LISTS {
            let wl = WordList::new(text);
            for e in entries(text) {
                assert!(wl.contains(e), "{name}: {e:?}");
            }
        }
        let rows = reporting_rows();
        let speech_forms = rows
            .iter()
            .flat_map(|r| r.forms.iter().map(|(w, _)| w))
            .filter(|w| reporting(w).speech());
        for v in speech_forms {
            let mut chars = v.chars();
            let first = chars.next().map(String::from).unwrap_or_default();
            let upper = first + &chars.as_str().to_uppercase();
            for w in [v.clone(), upper] {
                assert!(may_be_speech_verb(&w), "{w:?}");
            }
            for k in 1..v.len() {
                if let (Some(a), Some(b)) = (v.get(..k), v.get(k..)) {
                    let w = format!("{a}{}", b.to_uppercase());
                    assert!(may_be_speech_verb(&w), "{w:?}");
                }
            }
        }
        // And they do rule words out: most common words are no speech verb.
        let passed = [
            "the", "of", "and", "in", "to", "was", "for", "on", "with", "by", "from",
        ]
        .iter()
        .filter(|w| may_be_speech_verb(w))
        .count();
        assert!(
            passed <= 3,
            "{passed} of 11 common words pass the speech verb shapes"
        );
    }

    /// Lists that would contradict each other if they shared an entry.
    #[test]
    fn no_entry_in_two_contradicting_lists() {
        for (a, b) in [
            ("titles-female", "titles-male"),
            ("name-particles", "not-names"),
            ("boundary-words", "prepositions"),
            ("places", "org-cues"),
        ] {
            let both: Vec<_> = list(a).intersection(&list(b)).copied().collect();
            assert!(both.is_empty(), "{a} and {b} both hold {both:?}");
        }
        // Reporting words that would contradict a list or each other.
        for r in &reporting_rows() {
            for (w, _) in &r.forms {
                let rep = reporting(w);
                assert!(
                    !(rep.speech() && is_verb_filler(w)),
                    "{w}: a speech verb and a filler"
                );
                assert!(
                    !(rep.document() && is_role_noun(w)),
                    "{w}: a document and a role"
                );
                assert!(!(rep.weak() && rep.indirect()), "{w}: weak and indirect");
                assert!(!(rep.naming() && rep.issuing()), "{w}: naming and issuing");
            }
        }
    }

    /// Lists that refine another: every entry must be in the wider list.
    #[test]
    fn narrower_lists_are_inside_wider_ones() {
        for name in ["titles-female", "titles-male"] {
            for t in list(name) {
                let titled = TITLES.iter().any(|x| x.to_lowercase() == t);
                assert!(titled || is_role_noun(t), "{name}: {t} is no title or role");
            }
        }
    }

    /// A title written with a period is an abbreviation: its period ends no sentence.
    #[test]
    fn titles_with_a_period_are_abbreviations() {
        for t in TITLES.iter().filter_map(|t| t.strip_suffix('.')) {
            assert!(is_abbreviation(t), "{t}. is a title but ends a sentence");
        }
        for (w, expect) in [
            ("Maj", true),
            ("Brig", true),
            ("Pres", true),
            ("etc", true),
            ("Q", true),
            ("Paris", false),
            ("Madam", false),
        ] {
            assert_eq!(is_abbreviation(w), expect, "{w}");
        }
    }

    #[test]
    fn titles_before_a_period() {
        for (w, expect) in [
            ("Mr", true),
            ("Sen", true),
            ("St", true),
            ("Mr.", false),
            ("President", false),
            ("Smith", false),
        ] {
            assert_eq!(is_title_before_period(w), expect, "{w}");
        }
    }
}
