//! Named entities: capitalised runs classified as people, countries or organisations, with
//! people merged into canonical persons (coreference by name parts).

use foldhash::HashMap;

use super::countries::CountryHit;
use super::lexicon::{self, Gender};
use super::model::{CountryForm, Span};
use super::text::{Text, TokKind};

/// What a token belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ent {
    /// A person (index into `Entities::persons`).
    Person(u32),
    /// A country mention (index into `Entities::country_hits`).
    Country(u32),
    /// An organisation or other named thing (index into `Entities::orgs`).
    Org(u32),
}

/// An entity as the passes know it, before the pipeline maps it into the public model: a person
/// by its index in [`Entities::persons`], a country by its index in the country table
/// (`lexicon::COUNTRIES`). Speakers carry it until then.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BuildRef {
    /// Index into [`Entities::persons`].
    Person(usize),
    /// Index into the country table.
    Country(usize),
}

/// An index as stored in an [`Ent`] (8 bytes a token instead of 16; texts are at most 64 MB).
pub fn idx(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// A person while being built.
#[derive(Debug, Default)]
pub struct PersonBuild {
    /// Name tokens of the fullest form seen so far.
    pub full: Vec<String>,
    /// Canonical display name.
    pub name: String,
    /// Mentions (byte spans), in text order after `finish`.
    pub mentions: Vec<Span>,
    /// Gender hint from the given name or pronouns.
    pub gender: Option<Gender>,
    /// Lower-case title words seen before the name ("minister", "president").
    pub titles: Vec<String>,
}

/// Everything the entity pass found.
#[derive(Default)]
pub struct Entities {
    /// Canonical persons.
    pub persons: Vec<PersonBuild>,
    /// Country mentions that survived overlap resolution.
    pub country_hits: Vec<CountryHit>,
    /// Organisation names (canonical form).
    pub orgs: Vec<String>,
    /// Per token: the entity it is part of.
    pub token_ent: TokenEnts,
}

/// Per token: the entity it is part of, packed into 4 bytes (the kind in the top two bits) so
/// that long documents read and write less memory.
#[derive(Default)]
pub struct TokenEnts(Vec<u32>);

/// Bits of a packed entity below its kind.
const ENT_SHIFT: u32 = 30;

impl TokenEnts {
    fn new(n: usize) -> Self {
        Self(vec![0; n])
    }

    /// The entity token `i` is part of.
    pub fn get(&self, i: usize) -> Option<Ent> {
        let v = *self.0.get(i)?;
        let at = v & ((1 << ENT_SHIFT) - 1);
        match v >> ENT_SHIFT {
            1 => Some(Ent::Person(at)),
            2 => Some(Ent::Country(at)),
            3 => Some(Ent::Org(at)),
            _ => None,
        }
    }

    /// Marks token `i` as part of `e` (indices that do not fit in 30 bits are left unmarked).
    fn set(&mut self, i: usize, e: Option<Ent>) {
        let (kind, at) = match e {
            None => (0, 0),
            Some(Ent::Person(a)) => (1, a),
            Some(Ent::Country(a)) => (2, a),
            Some(Ent::Org(a)) => (3, a),
        };
        let v = if at >> ENT_SHIFT == 0 {
            (kind << ENT_SHIFT) | at
        } else {
            0
        };
        if let Some(slot) = self.0.get_mut(i) {
            *slot = v;
        }
    }

    /// Marks tokens `a..=b` as part of `e`.
    fn fill(&mut self, a: usize, b: usize, e: Option<Ent>) {
        for i in a..=b {
            self.set(i, e);
        }
    }

    /// Whether token `i` is part of any entity.
    fn is_some(&self, i: usize) -> bool {
        self.0.get(i).is_some_and(|&v| v != 0)
    }

    /// The entity of every token, in order.
    pub fn iter(&self) -> impl Iterator<Item = Option<Ent>> + '_ {
        (0..self.0.len()).map(|i| self.get(i))
    }
}

/// One bit per token.
struct TokenBits(Vec<u64>);

impl TokenBits {
    fn new(n: usize) -> Self {
        Self(vec![0; n.div_ceil(64)])
    }

    fn get(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
    }

    fn set(&mut self, i: usize, on: bool) {
        if let Some(w) = self.0.get_mut(i / 64) {
            if on {
                *w |= 1 << (i % 64);
            } else {
                *w &= !(1 << (i % 64));
            }
        }
    }
}

/// A maximal run of capitalised tokens (with name particles and initials inside).
#[derive(Clone, Copy, Debug)]
struct Run {
    first: usize,
    /// Inclusive.
    last: usize,
}

fn is_initial(text: &Text<'_>, i: usize) -> bool {
    let w = text.tok(i);
    let single_upper = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
    let acronym_initials = w.ends_with('.')
        && w.len() <= 6
        && w.chars().filter(|c| *c == '.').count() >= 2
        && w.chars().filter(|c| c.is_alphabetic()).count() <= 3;
    (single_upper && text.tok(i + 1) == "." && text.space_after(i + 1))
        || (acronym_initials && text.is_cap(i + 1))
}

fn starts_cap_name(text: &Text<'_>, i: usize) -> bool {
    if text.is_cap(i) {
        return true;
    }
    // al-Amr, el-Sisi, bin-Laden
    if !text.is_hyphenated(i) {
        return false;
    }
    let w = text.tok(i);
    w.contains('-')
        && [
            "al-", "el-", "bin-", "ad-", "as-", "ash-", "at-", "ar-", "az-",
        ]
        .iter()
        .any(|p| {
            w.strip_prefix(p)
                .is_some_and(|r| r.chars().next().is_some_and(char::is_uppercase))
        })
}

fn find_runs(text: &Text<'_>) -> Vec<Run> {
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
            if starts_cap_name(text, k) || lexicon::is_name_suffix(text.tok(k)) {
                j = k;
                last = k;
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
        // "Department of Agriculture", "Church of Scientology", "Endowment for International Peace".
        if lexicon::is_org_cue(text.tok(last))
            && matches!(text.tok(last + 1), "of" | "for")
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
fn is_acronym(w: &str) -> bool {
    w.len() >= 2 && w.chars().all(char::is_uppercase)
}

/// Words in a run that end it as an organisation when they come last, or anywhere for strong cues.
fn org_like(words: &[&str]) -> bool {
    let Some(last) = words.last() else {
        return false;
    };
    if lexicon::is_org_cue(last) {
        return true;
    }
    words.iter().any(|w| {
        matches!(
            *w,
            "Ministry"
                | "Department"
                | "University"
                | "Foundation"
                | "Party"
                | "Agency"
                | "Council"
                | "Committee"
                | "Commission"
                | "Institute"
                | "Corporation"
                | "Church"
                | "Museum"
                | "Association"
                | "Endowment"
                | "Organization"
                | "Organisation"
                | "Inc"
                | "Inc."
                | "Ltd"
                | "Company"
                | "Center"
                | "Centre"
                | "Festival"
                | "Expo"
                | "Award"
                | "Program"
                | "Programme"
                | "Hospital"
                | "School"
                | "College"
                | "Municipality"
                | "Office"
                | "Bureau"
                | "Court"
                | "Times"
                | "News"
                | "Post"
                | "Herald"
                | "Gazette"
        )
    })
}

/// Whether a capitalised word looks like a name part (not a common word, not a country word).
fn name_like(text: &Text<'_>, i: usize, lower_words: &foldhash::HashSet<&str>) -> bool {
    let w = text.tok(i);
    if lexicon::is_family_first(w) && i > 0 && text.is_cap(i - 1) {
        return true; // "Nathan Law", "James To": short family names that are also words
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
    if lower_words.contains(lexicon::lower(w).as_ref()) && lexicon::given_name(w).is_none() {
        return false; // the word also appears in lower case: a common word
    }
    true
}

/// How many earlier people sharing a name key are compared with a new name form.
const MAX_CANDIDATES: usize = 64;

/// Builds people, organisations and resolves country overlaps.
pub fn find(text: &Text<'_>, country_hits: Vec<CountryHit>) -> Entities {
    let n = text.tokens.len();
    let mut token_ent = TokenEnts::new(n);
    // Lower-case word forms used anywhere in the text: a capitalised word that also appears in
    // lower case is a common word, not a name.
    let lower_words: foldhash::HashSet<&str> = (0..n)
        .filter(|&i| text.is_lower(i))
        .map(|i| text.tok(i))
        .collect();

    // Tokens in a country hit.
    let mut country_tok = TokenBits::new(n);
    for h in &country_hits {
        let a = text.token_at_or_after(h.span.start);
        let mut b = a;
        while b < n && text.tokens[b].span().start < h.span.end {
            country_tok.set(b, true);
            b += 1;
        }
    }
    // The country hit token `k` is in (hits are sorted and do not overlap).
    let hit_at = |k: usize| {
        let start = text.tokens.get(k)?.span().start;
        let h = country_hits.get(country_hits.partition_point(|h| h.span.end <= start))?;
        (h.span.start <= start).then_some(h)
    };

    let runs = find_runs(text);
    // How often each capitalised word stands alone as a run of its own (not sentence-initial):
    // a surname used alone elsewhere ("Lukaku scored") supports its full form as a person.
    let mut alone: HashMap<&str, usize> = HashMap::default();
    let cap_words: foldhash::HashSet<&str> =
        text.caps.iter().map(|&i| text.tok(i as usize)).collect();
    for r in &runs {
        if r.first == r.last && !text.is_sentence_start(r.first) && !after_determiner(text, r.first)
        {
            *alone.entry(text.tok(r.first)).or_default() += 1;
        }
    }
    let mut persons: Vec<PersonBuild> = Vec::new();
    let mut orgs: Vec<String> = Vec::new();
    let mut org_index: HashMap<String, usize> = HashMap::default();
    let mut acronyms: HashMap<String, usize> = HashMap::default();
    // Single-token candidates to resolve after all full names are known.
    let mut pending_single: Vec<(usize, bool)> = Vec::new();
    let mut person_cores: Vec<(usize, usize, Vec<&str>)> = Vec::new();

    // Single-token runs that may be an acronym defined somewhere in the text.
    let mut acronym_uses: Vec<usize> = Vec::new();
    for run in &runs {
        if run.first == run.last && is_acronym(text.tok(run.first)) {
            acronym_uses.push(run.first);
        }
        // A lone function word ("The", "He", "In") can be nothing: skip it early.
        if run.first == run.last && lexicon::is_not_name(text.tok(run.first)) {
            continue;
        }
        // Strip leading words that are not part of a name: country words, titles, common words.
        let mut core = run.first;
        let mut titled = false;
        let mut last_title_end = None;
        for k in run.first..=run.last {
            let w = text.tok(k);
            if (lexicon::is_title(w)
                || (text.tok(k + 1) == "." && lexicon::is_title_before_period(w)))
                && lexicon::given_name(w).is_none_or(|_| k == run.last)
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
        if let Some(t) = last_title_end {
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
                && (country_tok.get(core)
                    || lexicon::is_not_name(text.tok(core))
                    || (text.is_sentence_start(core)
                        && lower_words.contains(lexicon::lower(text.tok(core)).as_ref())))
                && core < run.last
            {
                core += 1;
            }
        }
        let core_words: Vec<&str> = (core..=run.last)
            .filter(|&k| text.is_word(k))
            .map(|k| text.tok(k))
            .collect();
        let run_words: Vec<&str> = (run.first..=run.last)
            .filter(|&k| text.is_word(k))
            .map(|k| text.tok(k))
            .collect();
        if core_words.is_empty() {
            continue;
        }
        // A given name before a capital is a person's surname: "Valeska Paris".
        let capital_surname = run.last == core + 1
            && !country_tok.get(core)
            && lexicon::given_name(text.tok(core)).is_some()
            && !lexicon::is_english_word(text.tok(core))
            && country_tok.get(run.last)
            && hit_at(run.last).is_some_and(|h| h.form == CountryForm::Capital);
        let any_country = !capital_surname && (core..=run.last).any(|k| country_tok.get(k));
        let is_org = org_like(&run_words) && !titled || org_like(&core_words);
        // Lower-case role noun right before the run: "professor Marc Lamont Hill", "coach X".
        let prev = run.first.checked_sub(1);
        let role_before = prev.is_some_and(|p| {
            lexicon::is_role_noun(&lexicon::lower(text.tok(p))) && text.is_lower(p)
        });
        let after = run.last + 1;
        let speech_after = speech_follows(text, after);
        let speech_before = prev.is_some_and(|p| {
            lexicon::is_speech_verb(&lexicon::lower(text.tok(p))) && text.is_lower(p)
        });
        let byline = text.tok(run.first) == "By"
            || prev.is_some_and(|p| {
                text.tok(p) == "By" || (text.tok(p) == "and" && p > 0 && runs_has_byline(text, p))
            });
        let appositive = text.tok(after) == ","
            && (matches!(text.tok(after + 1), "a" | "an" | "the" | "who" | "whose")
                || lexicon::is_role_noun(&lexicon::lower(text.tok(after + 1)))
                || text.tok(after + 1).chars().all(|c| c.is_ascii_digit())
                    && !text.tok(after + 1).is_empty());
        let first_given = lexicon::given_name(core_words[0]);
        let east_asian = core_words.len() >= 2
            && (lexicon::is_family_first(core_words[0]) && core_words.len() <= 3
                || core_words.iter().skip(1).any(|w| is_hyphenated_given(w)));
        let name_shaped = (core..=run.last).filter(|&k| text.is_word(k)).all(|k| {
            name_like(text, k, &lower_words)
                || lexicon::is_name_particle(text.tok(k))
                || is_initial(text, k)
                || lexicon::is_name_suffix(text.tok(k))
                || lexicon::given_name(text.tok(k)).is_some()
        });
        let multi = core_words.len() >= 2;
        let place = lexicon::is_place(&core_words)
            || lexicon::is_place(&run_words)
            || multi && first_given.is_none() && lexicon::is_place(&core_words[..1]);
        // A first name that is no common word and a last word that is a known surname, or a last
        // word also used alone: "Thibaut Courtois", "Romelu Lukaku … Lukaku".
        let surname_evidence = multi
            && first_given.is_none()
            && core_words.first() != core_words.last()
            && core_words.len() <= 3
            && !lower_words.contains(lexicon::lower(core_words[0]).as_ref())
            && !lexicon::is_english_word(core_words[0])
            && !lexicon::is_place(&core_words[..1])
            && core_words.last().is_some_and(|w| {
                // A plural of a capitalised word also used in the singular is a thing
                // ("Polaroids" beside "Polaroid").
                let plural = w
                    .strip_suffix('s')
                    .is_some_and(|sing| alone.contains_key(sing) || cap_words.contains(sing));
                !plural
                    && (!lexicon::is_english_word(w) || lexicon::is_family_first(w))
                    && (lexicon::is_known_surname(w) || alone.get(w).copied().unwrap_or(0) >= 1)
            });

        let mut score = 0;
        if first_given.is_some() && multi {
            score += 3;
        }
        if is_initial(text, core) && multi {
            score += 3;
        }
        if titled || role_before {
            score += 3;
        }
        if speech_after || speech_before || appositive || byline {
            score += 2;
        }
        if east_asian {
            score += 3;
        }
        if multi && name_shaped {
            score += 2;
        }
        if surname_evidence {
            score += 1;
        }
        let is_person =
            !is_org && !any_country && !place && name_shaped && score >= 3 && core_words.len() <= 5;
        if is_person {
            let words: Vec<&str> = core_words
                .iter()
                .filter(|w| !lexicon::is_name_suffix(w))
                .copied()
                .collect();
            person_cores.push((core, run.last, words));
            continue;
        }
        if core_words.len() == 1
            && !is_org
            && !any_country
            && !place
            && name_like(text, core, &lower_words)
        {
            pending_single.push((core, speech_after || speech_before));
            continue;
        }
        // Organisation (or other named thing): record for speaker resolution.
        if any_country && !is_org {
            continue;
        }
        let all_common = run_words.iter().all(|w| {
            lexicon::is_not_name(w) || lexicon::is_title(w) || lexicon::is_title_before_period(w)
        });
        if all_common {
            continue;
        }
        let mut name_first = run.first;
        while name_first < run.last
            && (text.is_sentence_start(name_first)
                && lower_words.contains(lexicon::lower(text.tok(name_first)).as_ref())
                || matches!(text.tok(name_first), "The" | "A" | "An"))
        {
            name_first += 1;
        }
        let name = text.src[text.tokens[name_first].span().start..text.tokens[run.last].span().end]
            .to_string();
        // "Korean Central News Agency (KCNA)": remember the acronym.
        let oi = *org_index.entry(name.clone()).or_insert_with(|| {
            orgs.push(name.clone());
            orgs.len() - 1
        });
        if text.tok(run.last + 1) == "(" && text.tok(run.last + 3) == ")" {
            let acr = text.tok(run.last + 2);
            if is_acronym(acr) {
                acronyms.insert(acr.to_string(), oi);
            }
        }
        token_ent.fill(name_first, run.last, Some(Ent::Org(idx(oi))));
    }
    // Acronyms used alone map to their long organisation name.
    for k in acronym_uses {
        if let Some(&oi) = acronyms.get(text.tok(k)) {
            token_ent.set(k, Some(Ent::Org(idx(oi))));
        }
    }

    // Merge person cores into canonical persons.
    // Compatible names share their last word (or their first, for family-name-first names),
    // so candidates are looked up by the first and last words each person's name has had.
    let mut core_person: Vec<usize> = Vec::with_capacity(person_cores.len());
    // Each person's fullest name so far, as words of the text (owned once merging is done).
    let mut fulls: Vec<Vec<&str>> = Vec::new();
    let mut by_end_word: HashMap<Box<str>, Vec<usize>> = HashMap::default();
    for (_, _, words) in &person_cores {
        // Compatible names share the last word, or a family-name-first first word; the most
        // recent few people under each key are enough (and keep long documents linear).
        let first_key = words
            .first()
            .filter(|w| words.len() == 1 || lexicon::is_family_first(w));
        let mut candidates: Vec<usize> = [first_key, words.last()]
            .into_iter()
            .flatten()
            .filter_map(|w| by_end_word.get(*w))
            .flat_map(|owners| owners.iter().rev().take(MAX_CANDIDATES))
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let found = candidates
            .into_iter()
            .find(|&pi| compatible(&fulls[pi], words))
            .or_else(|| {
                // "Ms Bauchtman" after "Lydia Buchtmann": a misspelt surname alone.
                let [w] = words.as_slice() else { return None };
                let recent = fulls.len().saturating_sub(MAX_CANDIDATES * 4);
                let mut near = fulls.iter().enumerate().skip(recent).filter(|(_, f)| {
                    f.len() >= 2 && f.last().is_some_and(|l| misspelling_of(w, l))
                });
                let first = near.next().map(|(pi, _)| pi);
                if near.next().is_some() { None } else { first }
            });
        let pi = if let Some(pi) = found {
            if words.len() > fulls[pi].len() {
                fulls[pi].clone_from(words);
            }
            pi
        } else {
            fulls.push(words.clone());
            fulls.len() - 1
        };
        let full = &fulls[pi];
        let first_key = full
            .first()
            .filter(|w| full.len() == 1 || lexicon::is_family_first(w));
        for &w in [first_key, full.last()].into_iter().flatten() {
            if let Some(owners) = by_end_word.get_mut(w) {
                if !owners.contains(&pi) {
                    owners.push(pi);
                }
            } else {
                by_end_word.insert(w.into(), vec![pi]);
            }
        }
        core_person.push(pi);
    }
    persons.extend(fulls.iter().map(|f| PersonBuild {
        full: f.iter().map(|w| (*w).to_string()).collect(),
        ..PersonBuild::default()
    }));
    // The first token and person of every mention, in four runs each in text order.
    let mut mention_starts: Vec<(usize, usize)> = Vec::new();
    for ((a, b, _), &pi) in person_cores.iter().zip(&core_person) {
        let span = Span::new(text.tokens[*a].span().start, text.tokens[*b].span().end);
        persons[pi].mentions.push(span);
        mention_starts.push((*a, pi));
        token_ent.fill(*a, *b, Some(Ent::Person(idx(pi))));
    }
    // Single tokens (and surnames inside other runs) that name a known person.
    let person_keys: Vec<Vec<&str>> = fulls.iter().map(|f| short_keys(f)).collect();
    let mut last_key: HashMap<&str, usize> = HashMap::default();
    // Owned keys, packed together (looked up for every capitalised word).
    let mut key_owner: HashMap<Box<str>, Vec<usize>> = HashMap::default();
    for (pi, keys) in person_keys.iter().enumerate() {
        for &key in keys {
            if let Some(owners) = key_owner.get_mut(key) {
                owners.push(pi);
            } else {
                key_owner.insert(key.into(), vec![pi]);
            }
        }
    }
    // A person may also be called by their given name alone when no one else has it.
    let mut first_names: HashMap<&str, Vec<usize>> = HashMap::default();
    for (pi, f) in fulls.iter().enumerate() {
        if f.len() >= 2 && lexicon::given_name(f[0]).is_some() && !lexicon::is_family_first(f[0]) {
            first_names.entry(f[0]).or_default().push(pi);
        }
    }
    for (name, owners) in first_names {
        if owners.len() == 1 && !key_owner.contains_key(name) {
            key_owner.insert(name.into(), owners);
        }
    }
    // Misspelt surnames ("Ms Bauchtman" for Lydia Buchtmann, "Water said" for Kathryn Waters)
    // are looked up among the keys with the same first letter and a similar length.
    let mut fuzzy_index: HashMap<(char, usize), Vec<&str>> = HashMap::default();
    for key in key_owner.keys() {
        if let Some(c) = key.chars().next() {
            fuzzy_index
                .entry((c, key.chars().count()))
                .or_default()
                .push(key);
        }
    }
    let fuzzy_owner = |w: &str| -> Option<usize> {
        let c = w.chars().next()?;
        let len = w.chars().count();
        let max = max_typos(len)?;
        let mut found: Option<usize> = None;
        for l in len.saturating_sub(max)..=len + max {
            for key in fuzzy_index.get(&(c, l)).into_iter().flatten() {
                if misspelling_of(w, key) {
                    let owners = key_owner.get(*key)?;
                    if owners.len() != 1 || found.is_some_and(|f| f != owners[0]) {
                        return None; // ambiguous
                    }
                    found = Some(owners[0]);
                }
            }
        }
        found
    };
    let mut fuzzy_memo: HashMap<&str, Option<usize>> = HashMap::default();
    let mut fuzzy_hits: Vec<(usize, usize)> = Vec::new();
    // Only the first tokens of people's names and capitalised words need a look, in text order.
    let mut candidates: Vec<usize> = person_cores
        .iter()
        .map(|&(a, _, _)| a)
        .chain(text.caps.iter().map(|&i| i as usize))
        .collect();
    #[allow(
        clippy::stable_sort_primitive,
        reason = "the stable sort finds the two sorted runs and merges them in linear time"
    )]
    candidates.sort();
    candidates.dedup();
    for i in candidates {
        if let Some(Ent::Person(pi)) = token_ent.get(i) {
            let pi = pi as usize;
            if i == 0 || token_ent.get(i - 1) != token_ent.get(i) {
                for key in person_keys.get(pi).into_iter().flatten() {
                    last_key.insert(key, pi);
                }
            }
            continue;
        }
        if token_ent.is_some(i) || !text.is_cap(i) {
            continue;
        }
        let w = text.tok(i);
        let Some(owners) = key_owner.get(w) else {
            // A misspelling, only where a person is expected: with a title or a speech verb.
            let person_slot = || {
                i > 0 && lexicon::is_title(text.tok(i - 1))
                    || speech_follows(text, i + 1)
                    || i > 0 && lexicon::is_speech_verb(text.tok(i - 1))
            };
            if w.len() >= 5
                && !country_tok.get(i)
                && !text.is_cap(i + 1)
                && !(i > 0 && text.is_cap(i - 1) && !lexicon::is_title(text.tok(i - 1)))
                && person_slot()
                && let Some(pi) = *fuzzy_memo.entry(w).or_insert_with(|| fuzzy_owner(w))
            {
                fuzzy_hits.push((i, pi));
            }
            continue;
        };
        // Only a whole run of its own (or the core after a title), not part of another name.
        let prev_cap = i > 0
            && text.is_cap(i - 1)
            && !lexicon::is_title(text.tok(i - 1))
            && !lexicon::is_not_name(text.tok(i - 1))
            && !(text.is_sentence_start(i - 1)
                && lower_words.contains(lexicon::lower(text.tok(i - 1)).as_ref()))
            && !country_tok.get(i - 1)
            && text.tokens[i - 1].span().end + 1 >= text.tokens[i].span().start;
        let next_cap = text.is_cap(i + 1)
            && text.tokens[i + 1].span().start <= text.tokens[i].span().end + 1
            && !lexicon::is_title(text.tok(i + 1));
        if prev_cap || next_cap {
            continue;
        }
        // "in Paris" is the city even when a person is called Paris.
        if country_tok.get(i)
            && i > 0
            && matches!(
                text.tok(i - 1),
                "in" | "to" | "from" | "at" | "near" | "outside" | "via" | "across" | "of"
            )
        {
            continue;
        }
        let pi = if owners.len() == 1 {
            owners[0]
        } else {
            last_key.get(w).copied().unwrap_or(owners[0])
        };
        token_ent.set(i, Some(Ent::Person(idx(pi))));
        persons[pi].mentions.push(text.tokens[i].span());
        mention_starts.push((i, pi));
        country_tok.set(i, false);
    }
    for (i, pi) in fuzzy_hits {
        token_ent.set(i, Some(Ent::Person(idx(pi))));
        persons[pi].mentions.push(text.tokens[i].span());
        mention_starts.push((i, pi));
    }
    // Titled single tokens never seen with a full name become persons of their own ("Mohib").
    let mut single_word: HashMap<String, usize> = HashMap::default();
    for (pi, p) in persons.iter().enumerate() {
        if let [w] = p.full.as_slice() {
            single_word.entry(w.clone()).or_insert(pi);
        }
    }
    // A known given name used alone at least twice, never with a surname, names a person of
    // its own ("their child, Gloria. … Gloria's eczema").
    let mut given_alone: HashMap<&str, usize> = HashMap::default();
    for &(tok, _) in &pending_single {
        let w = text.tok(tok);
        if !token_ent.is_some(tok)
            && !after_determiner(text, tok)
            && lexicon::given_name(w).is_some()
            && !lexicon::is_family_first(w)
        {
            *given_alone.entry(w).or_default() += 1;
        }
    }
    for (tok, _) in pending_single {
        if token_ent.is_some(tok) {
            continue;
        }
        let titled = tok > 0
            && (lexicon::is_title(text.tok(tok - 1))
                || (text.tok(tok - 1) == "."
                    && tok > 1
                    && lexicon::is_title_before_period(text.tok(tok - 2))));
        let known_given = given_alone.get(text.tok(tok)).copied().unwrap_or(0) >= 2
            && !after_determiner(text, tok);
        if !titled && !known_given {
            continue;
        }
        let w = text.tok(tok).to_string();
        let pi = if let Some(&pi) = single_word.get(&w) {
            pi
        } else {
            persons.push(PersonBuild {
                full: vec![w.clone()],
                ..PersonBuild::default()
            });
            single_word.insert(w, persons.len() - 1);
            persons.len() - 1
        };
        persons[pi].mentions.push(text.tokens[tok].span());
        mention_starts.push((tok, pi));
        token_ent.set(tok, Some(Ent::Person(idx(pi))));
    }
    for p in &mut persons {
        p.mentions.sort_by_key(|s| s.start);
        p.mentions.dedup();
    }
    // Titles before each mention ("Prime Minister X", "professor X"), in text order: merging the
    // sorted runs reads the text once, front to back.
    #[allow(
        clippy::stable_sort_primitive,
        reason = "the stable sort finds the four sorted runs and merges them in linear time"
    )]
    mention_starts.sort();
    mention_starts.dedup();
    for &(i, pi) in &mention_starts {
        let Some(p) = persons.get_mut(pi) else {
            continue;
        };
        if i == 0 || token_ent.get(i - 1) == Some(Ent::Person(idx(pi))) {
            continue;
        }
        let mut k = i;
        while k > 0 && (lexicon::is_title(text.tok(k - 1)) || text.tok(k - 1) == ".") && i - k < 5 {
            k -= 1;
            if text.tok(k) != "." {
                let t = text.tok(k).to_lowercase();
                if !p.titles.contains(&t) {
                    p.titles.push(t);
                }
            }
        }
        if k > 0 && lexicon::is_role_noun(&lexicon::lower(text.tok(k - 1))) {
            let t = text.tok(k - 1).to_lowercase();
            if !p.titles.contains(&t) {
                p.titles.push(t);
            }
        }
    }
    for p in &mut persons {
        p.name = p.full.join(" ");
        p.gender = p.full.first().and_then(|f| lexicon::given_name(f));
        if p.titles.iter().any(|t| {
            matches!(
                t.as_str(),
                "mrs"
                    | "mrs."
                    | "ms"
                    | "ms."
                    | "miss"
                    | "queen"
                    | "princess"
                    | "lady"
                    | "dame"
                    | "spokeswoman"
                    | "chairwoman"
            )
        }) {
            p.gender = Some(Gender::Female);
        } else if p.titles.iter().any(|t| {
            matches!(
                t.as_str(),
                "mr" | "mr." | "king" | "prince" | "sir" | "lord" | "spokesman" | "chairman"
            )
        }) {
            p.gender = Some(Gender::Male);
        }
    }
    // Country hits not overlapping a person.
    let mut kept = Vec::with_capacity(country_hits.len());
    for h in country_hits {
        let a = text.token_at_or_after(h.span.start);
        let overlapped = (a..n)
            .take_while(|&k| text.tokens[k].span().start < h.span.end)
            .any(|k| matches!(token_ent.get(k), Some(Ent::Person(_))));
        if overlapped {
            continue;
        }
        let ci = kept.len();
        kept.push(h);
        for k in (a..n).take_while(|&k| text.tokens[k].span().start < h.span.end) {
            token_ent.set(k, Some(Ent::Country(idx(ci))));
        }
    }
    Entities {
        persons,
        country_hits: kept,
        orgs,
        token_ent,
    }
}

/// Whether token `i` follows a determiner, possibly with one adjective between ("the Polaroid",
/// "a blue Marilyn"): a thing or a work, not a person named by it.
fn after_determiner(text: &Text<'_>, i: usize) -> bool {
    let det = |k: usize| {
        lexicon::is_determiner(text.tok(k))
            || text.tok(k).chars().all(|c| c.is_ascii_digit()) && !text.tok(k).is_empty()
    };
    i > 0 && (det(i - 1) || i > 1 && det(i - 2) && text.is_lower(i - 1))
}

fn runs_has_byline(text: &Text<'_>, and_tok: usize) -> bool {
    // "By A B and C D": look back for "By" within the same sentence.
    let s = text.tokens[and_tok].sentence();
    (and_tok.saturating_sub(6)..and_tok)
        .any(|k| text.tok(k) == "By" && text.tokens[k].sentence() == s)
}

/// Whether a speech verb follows token `i` (allowing a few adverbs/auxiliaries, or a short
/// appositive between commas).
fn speech_follows(text: &Text<'_>, mut i: usize) -> bool {
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
    let w = lexicon::lower(text.tok(i));
    lexicon::is_speech_verb(&w) && !lexicon::is_weak_speech_verb(&w) && text.is_lower(i)
}

/// Two name forms refer to the same person when one's words are a subset of the other's and
/// they share the last word (or the first, for family-name-first names).
fn compatible(a: &[&str], b: &[&str]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return false;
    }
    let same_last = short.last() == long.last();
    let same_first_asian = short.first() == long.first() && lexicon::is_family_first(long[0]);
    if !(same_last || same_first_asian) {
        return false;
    }
    // Different given names: different people ("Kristen Wilkins" vs "Mark Wilkins").
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

fn is_initial_of(init: &str, full: &str) -> bool {
    let i = init.trim_end_matches('.');
    i.chars().count() == 1 && full.starts_with(i)
}

/// The words a person may be referred to by alone: the last name, or the first for names in
/// family-name-first order.
/// How many typos a word of `len` chars may have and still be a misspelling of a name: none
/// below five chars (too many short words are one letter apart), one up to seven, then two.
fn max_typos(len: usize) -> Option<usize> {
    match len {
        0..=4 => None,
        5..=7 => Some(1),
        _ => Some(2),
    }
}

/// Whether `w` may be a misspelling of the name `name` ("Bauchtman" of "Buchtmann", "Water" of
/// "Waters"): same first letter, and at most [`max_typos`] edits apart.
fn misspelling_of(w: &str, name: &str) -> bool {
    let len = w.chars().count();
    max_typos(len).is_some_and(|max| {
        w.chars().next() == name.chars().next()
            && name.chars().count().abs_diff(len) <= max
            && edit_distance(w, name) <= max
    })
}

/// Levenshtein distance between two words, in chars; words over 31 chars count as far apart.
fn edit_distance(a: &str, b: &str) -> usize {
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
fn is_hyphenated_given(w: &str) -> bool {
    w.split_once('-')
        .is_some_and(|(_, b)| b.chars().next().is_some_and(char::is_lowercase))
}

fn short_keys<'a>(full: &[&'a str]) -> Vec<&'a str> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_entities_round_trip() {
        let cases = [
            None,
            Some(Ent::Person(0)),
            Some(Ent::Person(7)),
            Some(Ent::Country(3)),
            Some(Ent::Org(0)),
            Some(Ent::Org((1 << ENT_SHIFT) - 1)),
        ];
        let mut slots = TokenEnts::new(cases.len() + 1);
        for (i, e) in cases.iter().enumerate() {
            slots.set(i, *e);
        }
        for (i, e) in cases.iter().enumerate() {
            assert_eq!(slots.get(i), *e, "slot {i}");
            assert_eq!(slots.is_some(i), e.is_some(), "slot {i}");
        }
        // An index too big to pack leaves the token unmarked rather than marking another entity.
        slots.set(0, Some(Ent::Person(1 << ENT_SHIFT)));
        assert_eq!(slots.get(0), None);
        // Out of range: nothing, and no panic.
        slots.set(99, Some(Ent::Org(1)));
        assert_eq!(slots.get(99), None);
        slots.fill(1, 2, Some(Ent::Country(5)));
        assert_eq!(slots.iter().nth(2), Some(Some(Ent::Country(5))));
    }

    #[test]
    fn token_bits_set_and_clear() {
        let mut bits = TokenBits::new(130);
        for i in [0, 63, 64, 129] {
            assert!(!bits.get(i));
            bits.set(i, true);
            assert!(bits.get(i));
        }
        bits.set(64, false);
        assert!(!bits.get(64) && bits.get(63) && bits.get(129));
        bits.set(500, true);
        assert!(!bits.get(500));
    }
}
