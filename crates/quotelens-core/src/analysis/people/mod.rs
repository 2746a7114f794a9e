//! People: capitalised runs classified as people, organisations or nothing; name forms merged
//! into canonical persons; their one-word and misspelt mentions; titles and gender.
//!
//! The steps, in order (each reads what the steps before it wrote):
//! 1. [`runs`]: the candidate runs of capitalised tokens.
//! 2. [`classify`]: each run becomes a [`classify::RunClass`] from its
//!    [`classify::PersonEvidence`], scored by the [`classify::WEIGHTS`] table.
//! 3. Organisations are recorded as met, with the acronyms they define ("the Lakeside Water
//!    Board (LWB)"); an acronym used alone then names its organisation.
//! 4. [`merge`]: the person name forms become canonical persons.
//! 5. [`mentions`]: surnames and given names used alone, misspelt surnames where a person is
//!    expected, titled single words and repeated given names.
//! 6. [`titles`]: the titles before each mention, then each person's name and gender.

mod classify;
mod mentions;
mod merge;
mod names;
mod runs;
mod titles;

use foldhash::{HashMap, HashSet};

use super::entities::{CountryHit, Ent, Entities, PersonBuild, TokenBits, TokenEnts, idx};
use super::lexicon;
use super::model::Span;
use super::syntax::SyntaxCache;
use super::text::Text;
use classify::RunClass;
use runs::{Run, after_determiner, find_runs, is_acronym};

/// What the steps read about the text, computed once.
pub(super) struct Scan<'t, 'a> {
    /// The text.
    pub text: &'t Text<'a>,
    /// Lower-case word forms used anywhere in the text: a capitalised word that also appears in
    /// lower case is a common word, not a name.
    pub lower_words: HashSet<&'a str>,
    /// Tokens in a country hit (cleared where a person's one-word mention takes the token).
    pub country_tok: TokenBits,
    /// The country hits, sorted, not overlapping.
    pub hits: &'t [CountryHit],
    /// How often each capitalised word stands alone as a run of its own (not sentence-initial,
    /// not after a determiner): a surname used alone elsewhere supports its full form.
    pub alone: HashMap<&'a str, usize>,
    /// Every capitalised word of the text.
    pub cap_words: HashSet<&'a str>,
    /// The syntax of the sentences a rule asks about.
    pub syntax: &'t SyntaxCache<'t>,
}

impl<'t, 'a> Scan<'t, 'a> {
    fn new(
        text: &'t Text<'a>,
        hits: &'t [CountryHit],
        runs: &[Run],
        syntax: &'t SyntaxCache<'t>,
    ) -> Self {
        let n = text.tokens.len();
        // Sized for the words up front: growing the set would hash every word again.
        let mut lower_words =
            HashSet::with_capacity_and_hasher(n / 4, foldhash::fast::RandomState::default());
        lower_words.extend((0..n).filter(|&i| text.is_lower(i)).map(|i| text.tok(i)));
        let mut country_tok = TokenBits::new(n);
        for h in hits {
            let mut b = text.token_at_or_after(h.span.start);
            while b < n && text.tokens[b].span().start < h.span.end {
                country_tok.set(b, true);
                b += 1;
            }
        }
        let mut alone: HashMap<&str, usize> = HashMap::default();
        for r in runs {
            if r.first == r.last
                && !text.is_sentence_start(r.first)
                && !after_determiner(text, r.first)
            {
                *alone.entry(text.tok(r.first)).or_default() += 1;
            }
        }
        Self {
            text,
            lower_words,
            country_tok,
            hits,
            alone,
            cap_words: text.caps.iter().map(|&i| text.tok(i as usize)).collect(),
            syntax,
        }
    }

    /// Whether the word also appears in lower case in the text.
    fn is_lower_word(&self, w: &str) -> bool {
        lexicon::with_lower(w, |lw| self.lower_words.contains(lw))
    }

    /// The country hit token `k` is in.
    fn hit_at(&self, k: usize) -> Option<&CountryHit> {
        let start = self.text.tokens.get(k)?.span().start;
        let h = self
            .hits
            .get(self.hits.partition_point(|h| h.span.end <= start))?;
        (h.span.start <= start).then_some(h)
    }
}

/// What the steps have found so far.
pub(super) struct Found {
    /// People being built.
    pub persons: Vec<PersonBuild>,
    /// The entity of every token.
    pub token_ent: TokenEnts,
    /// The first token and person of every mention (sorted when titles are read).
    pub mention_starts: Vec<(usize, usize)>,
}

impl Found {
    /// Marks tokens `first..=last` as a mention of person `pi`.
    fn add_mention(&mut self, text: &Text<'_>, first: usize, last: usize, pi: usize) {
        self.token_ent.fill(first, last, Some(Ent::Person(idx(pi))));
        if let Some(p) = self.persons.get_mut(pi) {
            p.mentions.push(Span::new(
                text.tokens[first].span().start,
                text.tokens[last].span().end,
            ));
        }
        self.mention_starts.push((first, pi));
    }

    /// Marks token `i` as a one-word mention of person `pi`.
    fn add_word(&mut self, text: &Text<'_>, i: usize, pi: usize) {
        self.add_mention(text, i, i, pi);
    }
}

/// Organisations by name, and the acronyms the text defines for them.
#[derive(Default)]
struct Orgs {
    names: Vec<String>,
    index: HashMap<String, usize>,
    acronyms: HashMap<String, usize>,
}

impl Orgs {
    /// Records the organisation named by tokens `first..=last` (and an acronym defined right
    /// after it in parentheses); returns its index.
    fn record(&mut self, text: &Text<'_>, first: usize, last: usize) -> usize {
        let name = &text.src[text.tokens[first].span().start..text.tokens[last].span().end];
        // Most mentions repeat a name already recorded: look it up before copying it.
        let oi = if let Some(&oi) = self.index.get(name) {
            oi
        } else {
            let oi = self.names.len();
            self.names.push(name.to_string());
            self.index.insert(name.to_string(), oi);
            oi
        };
        if text.tok(last + 1) == "(" && text.tok(last + 3) == ")" {
            let acr = text.tok(last + 2);
            if is_acronym(acr) {
                self.acronyms.insert(acr.to_string(), oi);
            }
        }
        oi
    }
}

/// A person's name as found in the text: its tokens and words.
struct NameForm<'a> {
    first: usize,
    last: usize,
    words: Vec<&'a str>,
}

/// Finds the people and organisations of a text. The country hits are read, not resolved: the
/// countries pass then keeps those no person took ([`super::countries::unclaimed`]).
/// Names of two or three name-shaped words that nothing else made people (nor an organisation's
/// words), listed with people
/// ("Ann Lee, Tom Berg, and Kavir Mehdanian"): people too. A name-shaped word is capitalised,
/// not written in lower case elsewhere in the text, not a country word nor a title.
fn listed_with_people<'a>(scan: &Scan<'_, 'a>, runs: &[Run], classes: &mut [RunClass<'a>]) {
    let text = scan.text;
    let name_shaped = |run: &Run| {
        (2..=3).contains(&(run.last + 1 - run.first))
            && (run.first..=run.last).all(|k| {
                let w = text.tok(k);
                text.is_cap(k)
                    && !scan.is_lower_word(w)
                    && !lexicon::is_title(w)
                    && !lexicon::is_not_name(w)
                    && !scan.country_tok.get(k)
            })
    };
    // Only commas and "and" between two runs: one list.
    let joined = |a: &Run, b: &Run| {
        b.first > a.last + 1
            && b.first <= a.last + 3
            && (a.last + 1..b.first).all(|k| matches!(text.tok(k), "," | "and"))
    };
    let is_person = |c: &RunClass<'_>| matches!(c, RunClass::Person { .. });
    for i in 0..runs.len() {
        let words: Vec<&'a str> = (runs[i].first..=runs[i].last)
            .map(|k| text.tok(k))
            .collect();
        if !matches!(classes[i], RunClass::Nothing | RunClass::Org { .. })
            || !name_shaped(&runs[i])
            || runs::org_like(&words)
        {
            continue;
        }
        // A list introduced by an organisation noun ("German firms including …") is of
        // organisations, whatever its members look like.
        let mut start = i;
        while start > 0 && joined(&runs[start - 1], &runs[start]) {
            start -= 1;
        }
        let of_orgs = (runs[start].first.saturating_sub(3)..runs[start].first).any(|k| {
            let w = lexicon::lower(text.tok(k));
            text.is_lower(k)
                && (lexicon::is_institution_noun(&w)
                    || w.strip_suffix('s')
                        .is_some_and(lexicon::is_institution_noun))
        });
        if of_orgs {
            continue;
        }
        let before = i > 0 && joined(&runs[i - 1], &runs[i]) && is_person(&classes[i - 1]);
        let after =
            i + 1 < runs.len() && joined(&runs[i], &runs[i + 1]) && is_person(&classes[i + 1]);
        if before || after {
            let (first, last) = (runs[i].first, runs[i].last);
            classes[i] = RunClass::Person { first, last, words };
        }
    }
}

pub fn find(text: &Text<'_>, hits: &[CountryHit], syntax: &SyntaxCache<'_>) -> Entities {
    let runs = find_runs(text);
    let mut scan = Scan::new(text, hits, &runs, syntax);
    let mut token_ent = TokenEnts::new(text.tokens.len());
    let mut orgs = Orgs::default();
    let mut forms: Vec<NameForm<'_>> = Vec::new();
    let mut singles: Vec<usize> = Vec::new();
    // Single-token runs that may be an acronym defined somewhere in the text.
    let mut acronym_uses: Vec<usize> = Vec::new();
    let mut scratch = Vec::new();
    let mut classes: Vec<RunClass<'_>> = runs
        .iter()
        .map(|run| classify::classify(&scan, run, &mut scratch))
        .collect();
    listed_with_people(&scan, &runs, &mut classes);
    for (run, class) in runs.iter().zip(classes) {
        if run.first == run.last && is_acronym(text.tok(run.first)) {
            acronym_uses.push(run.first);
        }
        match class {
            RunClass::Person { first, last, words } => forms.push(NameForm { first, last, words }),
            RunClass::Single(tok) => singles.push(tok),
            RunClass::Org { first, last } => {
                let oi = orgs.record(text, first, last);
                token_ent.fill(first, last, Some(Ent::Org(idx(oi))));
            }
            RunClass::Nothing => {}
        }
    }
    for k in acronym_uses {
        if let Some(&oi) = orgs.acronyms.get(text.tok(k)) {
            token_ent.set(k, Some(Ent::Org(idx(oi))));
        }
    }
    // A word alone that stands for an organisation named in full elsewhere, not a person of
    // that name: a company's first word ("Delmar Corp … Shares of Delmar rose"), a ship's or a
    // storm's name ("Hurricane Ida … Ida weakened", "the MV Alba Lind … the Lind").
    let mut short_names: HashMap<&str, usize> = HashMap::default();
    for (oi, name) in orgs.names.iter().enumerate() {
        let mut words = name.split_whitespace();
        let (Some(first), Some(last)) = (words.next(), words.last()) else {
            continue;
        };
        if lexicon::is_company_suffix(last.trim_end_matches('.')) {
            short_names.entry(first).or_insert(oi);
        } else if lexicon::is_vessel_prefix(first) {
            short_names.entry(last).or_insert(oi);
        }
    }
    singles.retain(|&k| {
        let Some(&oi) = short_names.get(text.tok(k)) else {
            return true;
        };
        token_ent.set(k, Some(Ent::Org(idx(oi))));
        false
    });

    // Each form with the gender its title gives ("Mrs. Reyes", "Mr. Park").
    let word_lists: Vec<(&[&str], Option<lexicon::Gender>)> = forms
        .iter()
        .map(|f| (f.words.as_slice(), titles::gender_before(text, f.first)))
        .collect();
    let merged = merge::merge(&word_lists);
    let mut found = Found {
        persons: merged
            .fulls
            .iter()
            .map(|f| PersonBuild {
                full: f.iter().map(|w| (*w).to_string()).collect(),
                ..PersonBuild::default()
            })
            .collect(),
        token_ent,
        mention_starts: Vec::new(),
    };
    for (f, &pi) in forms.iter().zip(&merged.person_of) {
        found.add_mention(text, f.first, f.last, pi);
    }
    let name_starts: Vec<usize> = forms.iter().map(|f| f.first).collect();
    mentions::words_alone(&mut scan, &mut found, &name_starts, &merged.fulls);
    mentions::single_words(&scan, &mut found, &singles);
    for p in &mut found.persons {
        p.mentions.sort_by_key(|s| s.start);
        p.mentions.dedup();
    }
    titles::collect(
        text,
        &mut found.persons,
        &found.token_ent,
        &mut found.mention_starts,
    );
    titles::name_and_gender(text.src, &mut found.persons);
    Entities {
        persons: found.persons,
        country_hits: Vec::new(),
        orgs: orgs.names,
        token_ent: found.token_ent,
    }
}
