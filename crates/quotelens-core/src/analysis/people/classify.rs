//! Classifying a candidate run: strip the title or leading non-name words off it, gather the
//! evidence that it names a person, score that evidence with the weights table, and decide
//! whether the run is a person, a single word to resolve later, an organisation, or nothing.

use super::super::lexicon;
use super::super::model::CountryForm;
use super::super::text::TokKind;
use super::Scan;
use super::names::is_hyphenated_given;
use super::runs::{
    Run, after_determiner, is_initial, is_title_at, name_like, org_like, runs_has_byline,
    speech_follows,
};

/// One kind of evidence that a run of capitalised words names a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Clue {
    /// A known given name starts a name of two or more words ("Maria Lindqvist").
    GivenNameFirst,
    /// An initial starts a name of two or more words ("J. Okafor").
    InitialFirst,
    /// A title inside the run or a lower-case role noun right before it ("Dr. Okafor",
    /// "professor Ann Lark").
    TitleOrRole,
    /// A speech verb right after or before it, an appositive after it, or a byline ("Okafor
    /// said", "said Okafor", "Okafor, a lawyer,", "By Ann Lark").
    SpeechOrApposition,
    /// Family-name-first order: a known family name first, or a hyphenated given name after it
    /// ("Kim Min-jun").
    FamilyNameFirst,
    /// Two or more words, every one shaped like a name part.
    NameShaped,
    /// A first word that is no common word and a last word that is a known surname or used alone
    /// elsewhere ("Teodor Kessler … Kessler").
    SurnameEvidence,
}

/// What each clue adds to a run's score, and why. A run with [`PERSON_THRESHOLD`] or more is a
/// person (when nothing rules it out: see [`PersonEvidence::is_person`]).
pub(super) const WEIGHTS: [(Clue, u32); 7] = [
    (Clue::GivenNameFirst, 3),
    (Clue::InitialFirst, 3),
    (Clue::TitleOrRole, 3),
    (Clue::SpeechOrApposition, 2),
    (Clue::FamilyNameFirst, 3),
    (Clue::NameShaped, 2),
    (Clue::SurnameEvidence, 1),
];

/// The score from which a run is a person: one strong clue (a given name, an initial, a title,
/// family-name-first order) is enough; weaker clues must come together.
pub(super) const PERSON_THRESHOLD: u32 = 3;

/// The longest name, in words, taken for a person.
const MAX_NAME_WORDS: usize = 5;

/// The evidence about one run, and what rules it out as a person.
#[allow(
    clippy::struct_excessive_bools,
    reason = "a set of independent yes/no clues, each scored by the weights table"
)]
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct PersonEvidence {
    /// A known given name first, in a name of two or more words.
    pub given_name_first: bool,
    /// An initial first, in a name of two or more words.
    pub initial_first: bool,
    /// A title inside the run, or a role noun before it.
    pub title_or_role: bool,
    /// A speech verb after or before, an appositive, a byline.
    pub speech_or_apposition: bool,
    /// Family-name-first order.
    pub family_name_first: bool,
    /// Every word shaped like a name part.
    pub name_shaped: bool,
    /// Two or more words.
    pub multi: bool,
    /// Known-surname evidence (see [`Clue::SurnameEvidence`]).
    pub surname_evidence: bool,
    /// Shaped like an organisation ("… Ministry", "… University").
    pub org: bool,
    /// Holds a country word (not a capital used as a surname after a given name).
    pub country: bool,
    /// A place that is not a country (a region, a city).
    pub place: bool,
    /// Words in the name core.
    pub words: usize,
}

impl PersonEvidence {
    /// Whether the run shows `clue`.
    pub fn has(&self, clue: Clue) -> bool {
        match clue {
            Clue::GivenNameFirst => self.given_name_first && self.multi,
            Clue::InitialFirst => self.initial_first && self.multi,
            Clue::TitleOrRole => self.title_or_role,
            Clue::SpeechOrApposition => self.speech_or_apposition,
            Clue::FamilyNameFirst => self.family_name_first,
            Clue::NameShaped => self.multi && self.name_shaped,
            Clue::SurnameEvidence => self.surname_evidence,
        }
    }

    /// The sum of the weights of the clues it shows.
    pub fn score(&self) -> u32 {
        WEIGHTS
            .iter()
            .filter(|(clue, _)| self.has(*clue))
            .map(|(_, w)| w)
            .sum()
    }

    /// A person: enough evidence, name-shaped, and no organisation, country or place.
    pub fn is_person(&self) -> bool {
        !self.org
            && !self.country
            && !self.place
            && self.name_shaped
            && self.score() >= PERSON_THRESHOLD
            && self.words <= MAX_NAME_WORDS
    }
}

/// What a run turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum RunClass<'a> {
    /// A person's name: tokens `first..=last`, its words without suffixes.
    Person {
        /// First token of the name (after any title).
        first: usize,
        /// Last token.
        last: usize,
        /// The name's words, suffixes ("Jr.") left out.
        words: Vec<&'a str>,
    },
    /// One name-like word (its token), a person only if a full name, a title or repetition
    /// later says so.
    Single(usize),
    /// An organisation or other named thing, tokens `first..=last`.
    Org {
        /// First token of its name.
        first: usize,
        /// Last token.
        last: usize,
    },
    /// Nothing to record.
    Nothing,
}

/// The end of the last title in a run ("Deputy Foreign Minister X", "Dr. X"), or the position
/// of a given name right after an organisation word ("Acme Chairman"-like runs: "Ministry Anna
/// Berg").
fn title_end(s: &Scan<'_, '_>, run: &Run) -> Option<usize> {
    let text = s.text;
    let mut last_title_end = None;
    for k in run.first..=run.last {
        let w = text.tok(k);
        // A capitalised role noun opening the run is a title too: "Engineer Ann Lee said".
        // So is a hyphenated role or an age: "Co-author Ann Lee", "Ten-year-old Ann".
        let role_first = k == run.first
            && k < run.last
            && lexicon::with_lower(w, |lw| {
                lexicon::is_role_noun(lw)
                    || lw.contains('-')
                        && (lw.rsplit('-').next().is_some_and(lexicon::is_role_noun)
                            || lw.ends_with("-year-old"))
            });
        // A capitalised role noun before a given name ends a title phrase: "Harbor County
        // Sheriff Ann Lee".
        let role_before_name = k > run.first
            && k < run.last
            && lexicon::with_lower(w, lexicon::is_role_noun)
            && lexicon::given_name(text.tok(k + 1)).is_some();
        // A title ending the run after a name is the surname: "Prime Minister Peter Major".
        let surname_after_name = k == run.last && k > run.first && !is_title_at(text, k - 1);
        if (is_title_at(text, k)
            || role_first
            || role_before_name
            || (text.tok(k + 1) == "." && lexicon::is_title_before_period(w)))
            // A title that is also a given name is a title before another given name ("Queen
            // Anna Berg"), else a name unless it ends the run.
            && (lexicon::given_name(w).is_none_or(|_| k == run.last)
                || lexicon::given_name(text.tok(k + 1)).is_some() && k < run.last)
            && !surname_after_name
        {
            last_title_end = Some(k + 1);
        }
    }
    if last_title_end.is_none() {
        for k in (run.first + 1..run.last).rev() {
            let prev_w = text.tok(k - 1);
            if lexicon::given_name(text.tok(k)).is_some()
                && lexicon::is_org_cue(prev_w)
                && text.is_cap(k + 1)
            {
                last_title_end = Some(k);
                break;
            }
        }
    }
    // The rest of a title phrase before the name: "Mayor of Lakeside Ann Lee", "Secretary of
    // State for Health Anne Corby": after "TITLE of" or "TITLE for", the name starts at the
    // run's first given name followed by another capitalised word.
    let after_title_phrase = run.first >= 2
        && matches!(text.tok(run.first - 1), "of" | "for")
        && lexicon::is_title(text.tok(run.first - 2));
    if last_title_end.is_none() && after_title_phrase {
        last_title_end = (run.first + 1..run.last)
            .find(|&k| lexicon::given_name(text.tok(k)).is_some() && text.is_cap(k + 1));
    }
    last_title_end
}

/// Where the name starts in a run, and whether a title came before it: after the last title,
/// else after leading country words, function words and sentence-initial common words.
fn core_of(s: &Scan<'_, '_>, run: &Run) -> (usize, bool) {
    let text = s.text;
    let mut core = run.first;
    let mut titled = false;
    if let Some(t) = title_end(s, run) {
        let mut c = t;
        if text.tok(c) == "." {
            c += 1;
        }
        if c <= run.last && !lexicon::is_name_suffix(text.tok(c)) {
            core = c;
            titled = true;
        }
    }
    if !titled {
        while core <= run.last
            && (s.country_tok.get(core) && !capital_given_name(s, run, core)
                || lexicon::is_not_name(text.tok(core)) && !given_name_opening(s, run, core)
                || (text.is_sentence_start(core) && s.is_lower_word(text.tok(core)))
                || common_word_before_given_name(s, run, core))
            && core < run.last
        {
            core += 1;
        }
    }
    (core, titled)
}

/// A sentence's first word that is a common English word and no name, before a given name and
/// a surname: "Meteorologist Kari Nes said", "Yesterday Ann Lee said".
fn common_word_before_given_name(s: &Scan<'_, '_>, run: &Run, k: usize) -> bool {
    let text = s.text;
    let w = text.tok(k);
    text.is_sentence_start(k)
        && k + 1 < run.last
        && lexicon::given_name(text.tok(k + 1)).is_some()
        && lexicon::given_name(w).is_none()
        && !lexicon::is_known_surname(w)
        && lexicon::is_english_word(w)
}

/// A given name that is also a word never a name alone (a month's short form: "Jan", "Sept")
/// opening a name: a capitalised name word or a particle follows it in the run, and no
/// preposition comes before it ("Jan Visser said", "Jan van Dorp"; "in Jan Visser …" keeps the
/// month out).
fn given_name_opening(s: &Scan<'_, '_>, run: &Run, k: usize) -> bool {
    let text = s.text;
    lexicon::given_name(text.tok(k)).is_some()
        && k < run.last
        && (text.is_cap(k + 1) && !lexicon::is_not_name(text.tok(k + 1))
            || lexicon::is_name_particle(text.tok(k + 1)))
        && !(k > 0 && lexicon::with_lower(text.tok(k - 1), lexicon::is_preposition))
}

/// The words of tokens `a..=b`, punctuation left out, in `out` (cleared first).
fn words_of<'a>(s: &Scan<'_, 'a>, a: usize, b: usize, out: &mut Vec<&'a str>) {
    out.clear();
    out.extend(
        (a..=b)
            .filter(|&k| s.text.is_word(k))
            .map(|k| s.text.tok(k)),
    );
}

/// Whether the words before, after or around the run show speech, apposition, a byline or a
/// photo credit.
fn speech_or_apposition(s: &Scan<'_, '_>, run: &Run) -> bool {
    let text = s.text;
    let prev = run.first.checked_sub(1);
    let after = run.last + 1;
    let speech_after = speech_follows(text, after);
    let speech_before = prev.is_some_and(|p| {
        lexicon::with_lower(text.tok(p), |w| lexicon::reporting(w).speech()) && text.is_lower(p)
    });
    let byline = text.tok(run.first) == "By"
        || prev.is_some_and(|p| {
            text.tok(p) == "By" || (text.tok(p) == "and" && p > 0 && runs_has_byline(text, p))
        });
    let appositive = text.tok(after) == ","
        && (matches!(text.tok(after + 1), "a" | "an" | "the" | "who" | "whose")
            || lexicon::with_lower(text.tok(after + 1), lexicon::is_role_noun)
            || text.tok(after + 1).chars().all(|c| c.is_ascii_digit())
                && !text.tok(after + 1).is_empty());
    // A photo credit: "Image: Ann Lee." (a caption label, a colon, the name ending its
    // sentence), unless it reads as words ("Image: Harbour Images.") with no given name first.
    let words_like = (run.first..=run.last).any(|k| lexicon::is_english_word(text.tok(k)))
        && lexicon::given_name(text.tok(run.first)).is_none();
    let credit = prev
        .is_some_and(|p| text.tok(p) == ":" && p > 0 && lexicon::is_caption_label(text.tok(p - 1)))
        && run.last > run.first
        && !words_like
        && matches!(text.tok(after), "." | "")
        && text.paragraph_of(after.min(text.tokens.len().saturating_sub(1)))
            == text.paragraph_of(run.last);
    speech_after || speech_before || appositive || byline || credit
}

/// A first word that is no common word and a last word that is a known surname or used alone
/// elsewhere in the text; a plural of a capitalised word also used in the singular is a thing.
fn surname_evidence(s: &Scan<'_, '_>, core_words: &[&str]) -> bool {
    core_words.len() >= 2
        && lexicon::given_name(core_words[0]).is_none()
        && core_words.first() != core_words.last()
        && core_words.len() <= 3
        && !s.is_lower_word(core_words[0])
        && !lexicon::is_english_word(core_words[0])
        && !lexicon::is_place(&core_words[..1])
        && core_words.last().is_some_and(|w| {
            let plural = w
                .strip_suffix('s')
                .is_some_and(|sing| s.alone.contains_key(sing) || s.cap_words.contains(sing));
            !plural
                && (!lexicon::is_english_word(w) || lexicon::is_family_first(w))
                && (lexicon::is_known_surname(w) || s.alone.get(w).copied().unwrap_or(0) >= 1)
        })
}

/// Pronouns that may be capitalised at a sentence start but never end a name.
const PRONOUNS: [&str; 13] = [
    "i", "me", "you", "he", "him", "she", "her", "it", "we", "us", "they", "them", "one",
];

/// A known given name (never written in lower case in this text) before a word-like surname:
/// "Maxine Day", "Carl Chad", "Hannah June", "Gary Bishop", "Ruth Ann Green". The last word may be a
/// common word, a month, a colour, a title or a country; only closed-class words (determiners,
/// prepositions, conjunctions, pronouns) never end a name. Middle words are given names or
/// initials.
fn given_then_word_surname(s: &Scan<'_, '_>, run: &Run, core: usize, core_words: &[&str]) -> bool {
    let [first, middle @ .., last] = core_words else {
        return false;
    };
    let text = s.text;
    // Not a thing after a determiner ("the Velvet …"), a place after a preposition of place ("in
    // Rose Valley"), an acronym ("AB Media"), a label ("… Image: …"), or a hyphenated common word
    // ("… Prize-winner").
    let acronym = first.chars().count() > 1 && first.chars().all(char::is_uppercase);
    if after_determiner(text, core)
        || core > 0 && lexicon::with_lower(text.tok(core - 1), lexicon::is_place_preposition)
        || acronym
        || text.tok(run.last + 1) == ":"
        || lexicon::is_caption_label(last)
        || is_hyphenated_given(last)
    {
        return false;
    }
    let closed = |w: &str| {
        lexicon::with_lower(w, |lw| {
            lexicon::is_determiner(lw)
                || lexicon::is_preposition(lw)
                || lexicon::is_boundary_word(lw)
                || PRONOUNS.contains(&lw)
        })
    };
    middle.len() <= 1
        && lexicon::given_name(first).is_some()
        && !s.is_lower_word(first)
        && middle.iter().all(|w| {
            lexicon::given_name(w).is_some() || w.trim_end_matches('.').chars().count() == 1
        })
        && last.chars().next().is_some_and(char::is_uppercase)
        && last.chars().count() > 1
        && !closed(last)
}

/// A given name before a capital city is a person's surname, not the city; so is a capital
/// after any name-like word when the person's age follows ("Ravi Tunis, 34, was held").
fn capital_surname(s: &Scan<'_, '_>, run: &Run, core: usize) -> bool {
    let text = s.text;
    let first = text.tok(core);
    run.last == core + 1
        && !s.country_tok.get(core)
        && (lexicon::given_name(first).is_some()
            || age_follows(s, run.last + 1)
            || person_appositive(s, run.last + 1))
        && !lexicon::is_english_word(first)
        && s.country_tok.get(run.last)
        && s.hit_at(run.last)
            .is_some_and(|h| h.form == CountryForm::Capital)
}

/// Whether an appositive describing a person follows at token `k`: ", a nurse", ", an Irish
/// woman", ", a former police officer" (a person or role noun within its first four words).
fn person_appositive(s: &Scan<'_, '_>, k: usize) -> bool {
    let text = s.text;
    text.tok(k) == ","
        && matches!(text.tok(k + 1), "a" | "an")
        && (k + 2..k + 6).any(|j| lexicon::with_lower(text.tok(j), lexicon::is_person_word))
}

/// Whether a person's age follows at token `k`, as news gives it: ", 20," or ", 20." (one to
/// three digits).
fn age_follows(s: &Scan<'_, '_>, k: usize) -> bool {
    let text = s.text;
    let age = text.tok(k + 1);
    text.tok(k) == ","
        && (1..=3).contains(&age.len())
        && age.chars().all(|c| c.is_ascii_digit())
        && matches!(text.tok(k + 2), "," | ".")
}

/// Whether the run is a given name that is also a capital city, then a surname: "Santiago
/// Ruiz", "Sofia Brandt" (no country there).
fn capital_given_name(s: &Scan<'_, '_>, run: &Run, core: usize) -> bool {
    let text = s.text;
    run.last == core + 1
        && s.country_tok.get(core)
        && s.hit_at(core)
            .is_some_and(|h| h.form == CountryForm::Capital)
        && lexicon::given_name(text.tok(core)).is_some()
        && !s.country_tok.get(run.last)
        && lexicon::is_known_surname(text.tok(run.last))
        && !lexicon::is_english_word(text.tok(run.last))
}

/// Gathers the evidence about the run whose name starts at `core` (its words `core_words`; the
/// whole run's words `run_words`).
fn evidence(
    s: &Scan<'_, '_>,
    run: &Run,
    (core, titled): (usize, bool),
    core_words: &[&str],
    run_words: &[&str],
) -> PersonEvidence {
    let text = s.text;
    let multi = core_words.len() >= 2;
    let first_given = lexicon::given_name(core_words[0]);
    // A role or person noun right before the name itself ("astronomer Ann Lee", "athletes Ann
    // Lee and …"), not before words that were stripped off the run ("producer Who Gives …").
    let role_before = run.first == core
        && run.first.checked_sub(1).is_some_and(|p| {
            // A role, a kinship or other person noun ("his sister Ann Lee"), a plural role, a
            // hyphenated role ("then-prime-minister Ann Lee").
            let role = |lw: &str| {
                lexicon::is_person_word(lw)
                    || lw.strip_suffix('s').is_some_and(lexicon::is_role_noun)
                    || lw.contains('-') && lw.rsplit('-').next().is_some_and(lexicon::is_role_noun)
            };
            let noun_at = |k: usize| lexicon::with_lower(text.tok(k), role) && text.is_lower(k);
            // Right before it, or set off by commas after it: "the team's coach, Ann Lee, said".
            noun_at(p)
                || text.tok(p) == ","
                    && p > 0
                    && noun_at(p - 1)
                    && multi
                    && text.tok(run.last + 1) == ","
        });
    let word_surname = multi && given_then_word_surname(s, run, core, core_words);
    // The surname of "Carl Chad" is no country: only the last word may be a country word then.
    let country_surname = word_surname
        && s.country_tok.get(run.last)
        && (core..run.last).all(|k| !s.country_tok.get(k))
        && s.hit_at(run.last)
            .is_some_and(|h| h.form != CountryForm::Demonym);
    let base = PersonEvidence {
        title_or_role: titled || role_before,
        multi,
        // An organisation word that is also a surname ends a name after a given name: "Ruth
        // Ann Green", "Anna Hall"; "Anna University" stays an organisation.
        org: (org_like(run_words) && !titled || org_like(core_words))
            && !(word_surname
                && core_words.last().is_some_and(|w| {
                    // "Delmar Corp": a company suffix is never that surname.
                    lexicon::is_known_surname(w) && !lexicon::is_company_suffix(w)
                })),
        country: !capital_surname(s, run, core)
            && !capital_given_name(s, run, core)
            && !country_surname
            && (core..=run.last).any(|k| s.country_tok.get(k)),
        // A place in the title ("Lakeside County Sheriff Ann Lee") leaves the name a person's.
        place: lexicon::is_place(core_words)
            || !titled && lexicon::is_place(run_words)
            // "grew up in Hamilton Ross", "studied at Carver Hill": a place, unless a title
            // names a person there or it owns something ("in Ann Lee's view").
            || !titled
                && run.first == core
                && core > 0
                && matches!(text.tok(core - 1), "in" | "at")
                && text.tokens.get(run.last + 1).is_none_or(|t| t.kind() != TokKind::Possessive)
            || multi && first_given.is_none() && lexicon::is_place(&core_words[..1]),
        words: core_words.len(),
        ..PersonEvidence::default()
    };
    // A run ruled out, or one word with no title (every other clue needs two words, and speech
    // alone scores 2): no clue can make it a person, and the clues decide nothing else.
    if base.org || base.country || base.place || !multi && !base.title_or_role {
        return base;
    }
    let name_shaped = word_surname
        || (core..=run.last).filter(|&k| text.is_word(k)).all(|k| {
            name_like(text, k, &s.lower_words)
                || lexicon::is_name_particle(text.tok(k))
                || is_initial(text, k)
                || lexicon::is_name_suffix(text.tok(k))
                || lexicon::given_name(text.tok(k)).is_some()
        });
    PersonEvidence {
        given_name_first: first_given.is_some(),
        initial_first: is_initial(text, core),
        speech_or_apposition: speech_or_apposition(s, run),
        family_name_first: core_words.len() >= 2
            && (lexicon::is_family_first(core_words[0]) && core_words.len() <= 3
                || core_words.iter().skip(1).any(|w| is_hyphenated_given(w))),
        name_shaped,
        surname_evidence: surname_evidence(s, core_words),
        ..base
    }
}

/// Classifies one candidate run.
/// `scratch` is room for the run's words, kept between runs.
pub(super) fn classify<'a>(
    s: &Scan<'_, 'a>,
    run: &Run,
    scratch: &mut Vec<&'a str>,
) -> RunClass<'a> {
    let text = s.text;
    // A lone function word ("The", "He", "In") or honours after a name ("QC") can be nothing.
    if run.first == run.last
        && (lexicon::is_not_name(text.tok(run.first))
            || lexicon::is_post_nominal(text.tok(run.first)))
    {
        return RunClass::Nothing;
    }
    // A firm's names joined by an ampersand: "Brook & Dunn".
    if (run.first..=run.last).any(|k| text.tok(k) == "&") {
        return RunClass::Org {
            first: run.first,
            last: run.last,
        };
    }
    // A dateline: a place in capitals opening a paragraph, then a comma, a bracket, a dash or a
    // date ("NEW YORK, May 3 (Harbor Wire) -", "OSLO 2021-03-04").
    let para_start =
        run.first == 0 || text.paragraph_of(run.first - 1) != text.paragraph_of(run.first);
    let capitals = || {
        (run.first..=run.last)
            .filter(|&k| text.is_word(k))
            .all(|k| {
                let w = text.tok(k);
                w.chars().count() > 1 && !w.chars().any(char::is_lowercase)
            })
    };
    let after = text.tok(run.last + 1);
    if para_start
        && (matches!(after, "," | "(" | "-" | "–" | "—")
            || after.starts_with(|c: char| c.is_ascii_digit()))
        && capitals()
    {
        return RunClass::Nothing;
    }
    // A vessel ("MV Alba Lind", "the HMS Ardent"), or a thing named after a person ("the Ada
    // Lark telescope"): the whole run is its name.
    let vessel = lexicon::is_vessel_prefix(text.tok(run.first))
        || run
            .first
            .checked_sub(1)
            .is_some_and(|p| lexicon::is_vessel_prefix(text.tok(p)));
    // The noun may follow one lower-case modifier: "the Ada Lark space telescope", "the Tomas
    // Berg memorial library".
    let thing_at = |k: usize| text.is_lower(k) && lexicon::is_named_thing_noun(text.tok(k));
    let named_thing = thing_at(run.last + 1)
        || text.is_lower(run.last + 1)
            && !lexicon::reporting(&lexicon::lower(text.tok(run.last + 1))).speech()
            && thing_at(run.last + 2);
    if vessel || named_thing {
        return RunClass::Org {
            first: run.first,
            last: run.last,
        };
    }
    // A law ("the Harbour Safety Bill", "the Clean Air Act"): no one's name, though "Bill" is a
    // given name.
    if run.last > run.first && matches!(text.tok(run.last), "Bill" | "Act") {
        return RunClass::Nothing;
    }
    let (core, titled) = core_of(s, run);
    words_of(s, run.first, run.last, scratch);
    let run_words: &[&str] = scratch;
    // The name's words are the run's from `core` on.
    let before_core = (run.first..core).filter(|&k| text.is_word(k)).count();
    let core_words = run_words.get(before_core..).unwrap_or_default();
    if core_words.is_empty() {
        return RunClass::Nothing;
    }
    let ev = evidence(s, run, (core, titled), core_words, run_words);
    if ev.is_person() {
        let words = core_words
            .iter()
            .copied()
            .filter(|w| !lexicon::is_name_suffix(w))
            .collect();
        return RunClass::Person {
            first: core,
            last: run.last,
            words,
        };
    }
    if ev.words == 1 && !ev.org && !ev.country && !ev.place && name_like(text, core, &s.lower_words)
    {
        return RunClass::Single(core);
    }
    if ev.country && !ev.org {
        return RunClass::Nothing;
    }
    let all_common = run_words.iter().all(|w| {
        lexicon::is_not_name(w) || lexicon::is_title(w) || lexicon::is_title_before_period(w)
    });
    if all_common {
        return RunClass::Nothing;
    }
    // The organisation's name leaves out a sentence-initial common word, an article and a
    // compound that describes it ("Kurdish-led", "Texas-based").
    let describes = |w: &str| {
        w.rsplit_once('-').is_some_and(|(_, tail)| {
            matches!(
                tail,
                "led" | "based" | "backed" | "owned" | "run" | "funded" | "controlled"
            )
        })
    };
    let mut first = run.first;
    while first < run.last
        && (text.is_sentence_start(first) && s.is_lower_word(text.tok(first))
            || matches!(text.tok(first), "The" | "A" | "An")
            || describes(text.tok(first)))
    {
        first += 1;
    }
    // A lone sentence opener the text also writes in lower case is a common word ("Writing in
    // a column, …", "Officials said"), not an organisation.
    if first == run.last && text.is_sentence_start(first) && s.is_lower_word(text.tok(first)) {
        return RunClass::Nothing;
    }
    RunClass::Org {
        first,
        last: run.last,
    }
}

#[cfg(test)]
mod tests {
    use super::{Clue, PERSON_THRESHOLD, PersonEvidence, WEIGHTS};

    /// Every clue has exactly one weight, and the weights say which clues are strong alone.
    #[test]
    fn the_weights_table_names_every_clue_once() {
        let all = [
            Clue::GivenNameFirst,
            Clue::InitialFirst,
            Clue::TitleOrRole,
            Clue::SpeechOrApposition,
            Clue::FamilyNameFirst,
            Clue::NameShaped,
            Clue::SurnameEvidence,
        ];
        for c in all {
            assert_eq!(WEIGHTS.iter().filter(|(w, _)| *w == c).count(), 1, "{c:?}");
        }
        let strong: Vec<Clue> = WEIGHTS
            .iter()
            .filter(|(_, w)| *w >= PERSON_THRESHOLD)
            .map(|(c, _)| *c)
            .collect();
        assert_eq!(
            strong,
            [
                Clue::GivenNameFirst,
                Clue::InitialFirst,
                Clue::TitleOrRole,
                Clue::FamilyNameFirst
            ]
        );
    }

    /// Table: evidence → person or not.
    #[test]
    fn scoring_table() {
        let base = PersonEvidence {
            name_shaped: true,
            multi: true,
            words: 2,
            ..PersonEvidence::default()
        };
        let rows: [(&str, PersonEvidence, bool); 8] = [
            ("name-shaped alone (2)", base, false),
            (
                "a given name first",
                PersonEvidence {
                    given_name_first: true,
                    ..base
                },
                true,
            ),
            (
                "name-shaped + surname (3)",
                PersonEvidence {
                    surname_evidence: true,
                    ..base
                },
                true,
            ),
            (
                "name-shaped + speech (4)",
                PersonEvidence {
                    speech_or_apposition: true,
                    ..base
                },
                true,
            ),
            (
                "a title, but an organisation",
                PersonEvidence {
                    title_or_role: true,
                    org: true,
                    ..base
                },
                false,
            ),
            (
                "a given name, but a place",
                PersonEvidence {
                    given_name_first: true,
                    place: true,
                    ..base
                },
                false,
            ),
            (
                "a given name, six words",
                PersonEvidence {
                    given_name_first: true,
                    words: 6,
                    ..base
                },
                false,
            ),
            (
                "one word with a title",
                PersonEvidence {
                    title_or_role: true,
                    multi: false,
                    words: 1,
                    ..base
                },
                true,
            ),
        ];
        for (name, ev, person) in rows {
            assert_eq!(ev.is_person(), person, "{name}: score {}", ev.score());
        }
    }
}
