//! Country mentions: names and aliases, demonyms and capitals, matched with one Aho-Corasick pass.

use foldhash::HashSet;
use std::sync::LazyLock;

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};

use super::entities::{CountryHit, Ent, TokenEnts, idx};
use super::lexicon::{self, COUNTRIES};
use super::model::{CountryForm, Span};
use super::text::{Text, TokKind};

/// One pattern of the automaton: which country and which form.
struct Pat {
    country: usize,
    form: CountryForm,
}

struct Matcher {
    ac: AhoCorasick,
    pats: Vec<Pat>,
    /// The bytes a pattern starts with: only a word starting with one is tried.
    first: [bool; 256],
}

static MATCHER: LazyLock<Option<Matcher>> = LazyLock::new(|| {
    let mut words: Vec<String> = Vec::new();
    let mut pats = Vec::new();
    for (ci, c) in COUNTRIES.iter().enumerate() {
        let mut add = |w: &str, form| {
            words.push(w.to_string());
            pats.push(Pat { country: ci, form });
        };
        add(c.name, CountryForm::Name);
        for a in &c.aliases {
            add(a, CountryForm::Name);
        }
        for d in &c.demonyms {
            add(d, CountryForm::Demonym);
            for p in plurals(d) {
                add(&p, CountryForm::Demonym);
            }
        }
        for cap in &c.capitals {
            add(cap, CountryForm::Capital);
        }
    }
    let mut first = [false; 256];
    for w in &words {
        if let Some(&b) = w.as_bytes().first() {
            first[usize::from(b)] = true;
        }
    }
    let ac = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        // A full DFA, built once (a few milliseconds), searched from word starts only.
        .kind(Some(AhoCorasickKind::DFA))
        .start_kind(StartKind::Anchored)
        .build(&words)
        .ok()?;
    Some(Matcher { ac, pats, first })
});

fn plurals(d: &str) -> Vec<String> {
    if let Some(stem) = d.strip_suffix("man") {
        return vec![format!("{stem}men")];
    }
    if d.ends_with("ese")
        || d.ends_with("sh")
        || d.ends_with("ch")
        || d.ends_with("ss")
        || d.ends_with('s')
    {
        return Vec::new();
    }
    vec![format!("{d}s")]
}

/// A character that continues a word. A hyphen does not: a country word inside a hyphenated
/// compound names the country ("the Polish-Ukrainian border", "a Russian-backed militia").
fn word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Finds country mentions in the text (before people are known; overlaps are resolved later).
pub fn find(text: &Text<'_>) -> Vec<CountryHit> {
    let Some(m) = MATCHER.as_ref() else {
        return Vec::new();
    };
    let src = text.src;
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut p = 0;
    while p < bytes.len() {
        // Whole words only: the automaton is tried where a word starts with a byte a pattern
        // starts with.
        if !m.first[usize::from(bytes[p])] {
            p += 1;
            continue;
        }
        let before = match p.checked_sub(1).map(|q| bytes[q]) {
            Some(b) if b.is_ascii() => Some(char::from(b)),
            _ => src[..p].chars().next_back(),
        };
        let hit = if before.is_some_and(word_char) {
            None
        } else {
            m.ac.find(Input::new(src).range(p..).anchored(Anchored::Yes))
        };
        let Some(hit) = hit else {
            p += 1;
            continue;
        };
        let (s, e) = (hit.start(), hit.end());
        // Matches do not overlap: the search goes on after this one, kept or not.
        p = e.max(p + 1);
        let after = src[e..].chars().next();
        let matched = &src[s..e];
        // An acronym like "U.S." may be followed by anything.
        if before == Some('.') && !matched.ends_with('.') {
            continue;
        }
        if after.is_some_and(word_char) && !matched.ends_with('.') {
            continue;
        }
        if after == Some('$') {
            continue; // US$
        }
        let pat = &m.pats[hit.pattern().as_usize()];
        if excluded_by_context(text, s, e, pat.form, matched) {
            continue;
        }
        out.push(CountryHit {
            span: Span::new(s, e),
            country: pat.country,
            form: pat.form,
        });
    }
    out
}

/// Which neighbour of a country word a context exclusion looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    /// The word before it.
    Before,
    /// The word after it.
    After,
}

/// A country word that does not name the country beside certain words.
struct Exclusion {
    /// The country words (as matched) it applies to.
    words: &'static [&'static str],
    /// The neighbour it looks at.
    side: Side,
    /// The neighbours that make the word something else.
    neighbours: &'static [&'static str],
    /// Whether the neighbour must stand right beside it.
    adjacent: bool,
}

/// Country words inside other names, by their neighbours.
const EXCLUSIONS: &[Exclusion] = &[
    // Regions and continents that contain a country word: "Latin America", "North American".
    Exclusion {
        words: &["America", "American", "Americans"],
        side: Side::Before,
        neighbours: &[
            "North", "South", "Latin", "Central", "Native", "African", "Anglo",
        ],
        adjacent: true,
    },
    // Regions and states named after a country: "New Mexico", "Western Australia".
    Exclusion {
        words: &[
            "Mexico",
            "Australia",
            "Ireland",
            "Guinea",
            "Wales",
            "Jersey",
            "Hampshire",
            "Brunswick",
            "Caledonia",
        ],
        side: Side::Before,
        neighbours: &[
            "New", "Western", "South", "Northern", "East", "Upper", "Lower",
        ],
        adjacent: true,
    },
    // Territories named with a country word: "American Samoa", "the British Virgin Islands",
    // "French Polynesia", "French Guiana".
    Exclusion {
        words: &["Samoa", "Samoan", "Samoans"],
        side: Side::Before,
        neighbours: &["American"],
        adjacent: true,
    },
    Exclusion {
        words: &["American", "British", "French"],
        side: Side::After,
        neighbours: &[
            "Samoa",
            "Samoan",
            "Samoans",
            "Virgin",
            "Polynesia",
            "Guiana",
        ],
        adjacent: true,
    },
    // "the Indian Ocean", "the Indian Premier League".
    Exclusion {
        words: &["Indian"],
        side: Side::After,
        neighbours: &["Ocean", "Premier", "Institute"],
        adjacent: true,
    },
    // The US state: "Atlanta, Georgia", "Georgia State University".
    Exclusion {
        words: &["Georgia"],
        side: Side::Before,
        neighbours: &["Atlanta", "Savannah"],
        adjacent: false,
    },
    Exclusion {
        words: &["Georgia"],
        side: Side::After,
        neighbours: &["State"],
        adjacent: false,
    },
    // "the Jordan River", "the Jordan Valley".
    Exclusion {
        words: &["Jordan"],
        side: Side::After,
        neighbours: &["River", "Valley"],
        adjacent: true,
    },
    // The US state and the capital's papers and teams: "Washington State", "Washington Post".
    Exclusion {
        words: &["Washington"],
        side: Side::After,
        neighbours: &["Post", "State", "Times", "Redskins", "Nationals"],
        adjacent: true,
    },
];

/// The previous and next word tokens around a byte range.
fn neighbours(text: &Text<'_>, s: usize, e: usize) -> (Option<usize>, Option<usize>) {
    let i = text.token_at_or_after(s);
    let j = text.token_at_or_after(e);
    let prev = i.checked_sub(1);
    let next = (j < text.tokens.len()).then_some(j);
    (prev, next)
}

fn excluded_by_context(
    text: &Text<'_>,
    s: usize,
    e: usize,
    form: CountryForm,
    matched: &str,
) -> bool {
    // The second part of a hyphenated compound: the part before the hyphen decides. A region
    // or a name ("Anglo-American", "Film-Canada") makes it something else; a country word or
    // a lower-case word ("Polish-Ukrainian", "pro-Russian") leaves it the country.
    if let Some(head) = text.src.get(..s).and_then(|b| b.strip_suffix('-')) {
        let part = head
            .rsplit(|c: char| !(c.is_alphanumeric() || c == '.'))
            .next()
            .unwrap_or("");
        let region = EXCLUSIONS.iter().any(|x| {
            x.side == Side::Before && x.words.contains(&matched) && x.neighbours.contains(&part)
        });
        let capitalised = part.chars().next().is_some_and(char::is_uppercase);
        return region || capitalised && !is_country_word(part);
    }
    let (prev, next) = neighbours(text, s, e);
    let prev_w = prev.map_or("", |p| text.tok(p));
    let next_w = next.map_or("", |n| text.tok(n));
    let prev_adjacent = prev.is_some_and(|p| {
        text.tokens[p].kind() == TokKind::Word && text.tokens[p].span().end + 1 >= s
    });
    let next_adjacent = next.is_some_and(|n| {
        text.tokens[n].kind() == TokKind::Word && text.tokens[n].span().start <= e + 1
    });
    let near = |side: Side| match side {
        Side::Before => (prev_w, prev_adjacent),
        Side::After => (next_w, next_adjacent),
    };
    // A party to a court case: "Lee v. United States".
    let before_period = prev
        .and_then(|p| p.checked_sub(1))
        .map_or("", |p| text.tok(p));
    if matches!(prev_w, "v." | "v" | "vs." | "vs")
        || prev_w == "." && matches!(before_period, "v" | "vs")
    {
        return true;
    }
    // A language, not a nationality: "the Spanish language", "in Hungarian language media".
    if form == CountryForm::Demonym && matches!(next_w, "language" | "languages") {
        return true;
    }
    if EXCLUSIONS.iter().any(|x| {
        let (w, adjacent) = near(x.side);
        x.words.contains(&matched) && x.neighbours.contains(&w) && (adjacent || !x.adjacent)
    }) {
        return true;
    }
    // "the state of Georgia": the US state, when the text around speaks of a state.
    if matched == "Georgia" && prev_w == "of" && text_has_state_context(text, s) {
        return true;
    }
    // Inside a longer proper name that is not a government body: "Film Fest Canada", "Irish
    // Heart Society", "Kenya Daily Star". A country word leading a government body counts.
    let prev_cap = prev_adjacent
        && prev.is_some_and(|p| {
            text.is_cap(p) && !text.is_sentence_start(p) && !lexicon::is_not_name(text.tok(p))
        });
    // A title before it stays a title ("Former Yugoslavia"), unless it is a portfolio naming a
    // department: "Health Canada", "a Transport Canada inspector".
    let prev_is_title = prev.is_some_and(|p| {
        let w = text.tok(p);
        lexicon::is_title(w) && !lexicon::is_portfolio(w)
    });
    if prev_cap && !prev_is_title && form != CountryForm::Capital && !is_country_word(prev_w) {
        return true;
    }
    // The end of an organisation's name: "the Medical Journal of Australia", "the Museum of
    // the U.S. Navy". A government body's ("the Government of Canada", "the Embassy of
    // France") or a title's ("the President of Chile") names the country.
    if form == CountryForm::Name && of_an_organisation(text, prev, next) {
        return true;
    }
    if next_adjacent && next.is_some_and(|n| text.is_cap(n)) {
        // Look along the capitalised run that follows for an organisation cue.
        let mut k = next.unwrap_or(0);
        let mut saw_gov = false;
        let mut saw_org = false;
        let mut steps = 0;
        while k < text.tokens.len()
            && steps < 6
            && (text.is_cap(k) || matches!(text.tok(k), "of" | "and" | "for" | "&"))
        {
            let w = text.tok(k);
            if lexicon::is_government_cue(w) {
                saw_gov = true;
            }
            if lexicon::is_org_cue(w) && !lexicon::is_government_cue(w) && !lexicon::is_title(w) {
                saw_org = true;
            }
            k += 1;
            steps += 1;
        }
        if saw_org && !saw_gov {
            return true;
        }
    }
    false
}

/// Whether the country name between the words `prev` and `next` is part of an organisation's
/// name: "of" right after a capitalised organisation word that is no government body's and no
/// title, inside the sentence ("the Medical Journal of Norway"). After "of the" the name must
/// go on past the country ("the Museum of the U.S. Navy"): "a university of the US" only says
/// where the university is.
fn of_an_organisation(text: &Text<'_>, prev: Option<usize>, next: Option<usize>) -> bool {
    let Some(mut k) = prev else {
        return false;
    };
    if text.tok(k) == "the" {
        let Some(before) = k.checked_sub(1) else {
            return false;
        };
        if !next.is_some_and(|n| text.is_cap(n)) {
            return false;
        }
        k = before;
    }
    if text.tok(k) != "of" {
        return false;
    }
    let Some(org) = k.checked_sub(1) else {
        return false;
    };
    let w = text.tok(org);
    text.is_cap(org)
        && !text.is_sentence_start(org)
        && lexicon::is_org_cue(w)
        && !lexicon::is_government_cue(w)
        && !lexicon::is_title(w)
        && !matches!(
            w,
            "Republic" | "Kingdom" | "Federation" | "Commonwealth" | "Union"
        )
}

/// Every country name, alias and demonym, for quick membership tests.
static COUNTRY_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    COUNTRIES
        .iter()
        .flat_map(|c| {
            std::iter::once(c.name)
                .chain(c.aliases.iter().copied())
                .chain(c.demonyms.iter().copied())
        })
        .collect()
});

/// Whether `w` is a country's name, alias or demonym, as written.
pub(super) fn is_country_word(w: &str) -> bool {
    COUNTRY_WORDS.contains(w)
}

fn text_has_state_context(text: &Text<'_>, s: usize) -> bool {
    let lo = s.saturating_sub(40);
    let window = text.src.get(lo..s).unwrap_or("");
    window.contains("state") || window.contains("State")
}
/// The hits that no person took, in order; every token of a kept hit is marked with it (its
/// index in the returned list).
pub fn unclaimed(
    text: &Text<'_>,
    hits: Vec<CountryHit>,
    token_ent: &mut TokenEnts,
) -> Vec<CountryHit> {
    let n = text.tokens.len();
    let mut kept = Vec::with_capacity(hits.len());
    for h in hits {
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
    kept
}

/// Every country name, alias, demonym and capital in lower case, with the country's ISO code,
/// canonical name and the form; the first in table order wins, a name before a demonym before a
/// capital within a country.
static BY_LOWER: LazyLock<foldhash::HashMap<String, (&'static str, &'static str, CountryForm)>> =
    LazyLock::new(|| {
        let mut map = foldhash::HashMap::default();
        for c in COUNTRIES.iter() {
            let forms = [
                (
                    std::iter::once(&c.name)
                        .chain(&c.aliases)
                        .collect::<Vec<_>>(),
                    CountryForm::Name,
                ),
                (c.demonyms.iter().collect(), CountryForm::Demonym),
                (c.capitals.iter().collect(), CountryForm::Capital),
            ];
            for (words, form) in forms {
                for w in words {
                    map.entry(w.to_lowercase())
                        .or_insert((c.code, c.name, form));
                }
            }
        }
        map
    });

/// The country that `name` (a name, alias, demonym or capital, in any case) stands for: its
/// ISO code, canonical name and the form `name` is.
pub fn lookup(name: &str) -> Option<(&'static str, &'static str, CountryForm)> {
    BY_LOWER.get(&name.trim().to_lowercase()).copied()
}

/// Every canonical country name, in the country table's order.
pub fn names() -> impl Iterator<Item = &'static str> {
    COUNTRIES.iter().map(|c| c.name)
}
