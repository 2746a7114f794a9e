//! Titles and gender: the titles and role nouns written before each mention ("Prime Minister
//! X", "professor X"), and each person's gender from a given name or a gendered title.

use super::super::entities::{Ent, PersonBuild, TokenEnts, idx};
use super::super::lexicon::{self, Gender};
use super::super::text::Text;

/// How many tokens back from a mention titles are read.
const MAX_TITLE_TOKENS: usize = 5;

/// The tokens of the titles right before token `i`, nearest first (periods of abbreviated
/// titles skipped), at most [`MAX_TITLE_TOKENS`] back; and the token where they start.
fn titles_before(text: &Text<'_>, i: usize) -> (Vec<usize>, usize) {
    let mut k = i;
    let mut titles = Vec::new();
    while k > 0
        && (lexicon::is_title(text.tok(k - 1)) || text.tok(k - 1) == ".")
        && i - k < MAX_TITLE_TOKENS
    {
        k -= 1;
        if text.tok(k) != "." {
            titles.push(k);
        }
    }
    (titles, k)
}

/// The gender the titles right before token `first` give ("Mrs." → female), if any: the
/// nearest gendered title decides.
pub(super) fn gender_before(text: &Text<'_>, first: usize) -> Option<Gender> {
    titles_before(text, first)
        .0
        .into_iter()
        .find_map(|k| lexicon::with_lower(text.tok(k), lexicon::title_gender))
}

/// Collects the titles before each mention. `mention_starts` (first token, person) is read in
/// text order, so merging its sorted runs reads the text once, front to back.
pub(super) fn collect(
    text: &Text<'_>,
    persons: &mut [PersonBuild],
    token_ent: &TokenEnts,
    mention_starts: &mut Vec<(usize, usize)>,
) {
    #[allow(
        clippy::stable_sort_primitive,
        reason = "the stable sort finds the four sorted runs and merges them in linear time"
    )]
    mention_starts.sort();
    mention_starts.dedup();
    for &(i, pi) in mention_starts.iter() {
        let Some(p) = persons.get_mut(pi) else {
            continue;
        };
        if i == 0 || token_ent.get(i - 1) == Some(Ent::Person(idx(pi))) {
            continue;
        }
        let (titles, k) = titles_before(text, i);
        for t in titles {
            add_title(p, text.tok(t));
        }
        if k > 0 && lexicon::with_lower(text.tok(k - 1), lexicon::is_role_noun) {
            add_title(p, text.tok(k - 1));
        }
    }
}

fn add_title(p: &mut PersonBuild, word: &str) {
    let t = word.to_lowercase();
    if !p.titles.contains(&t) {
        p.titles.push(t);
    }
}

/// Names each person by their fullest form as the text writes it (initials and a suffix keep
/// their periods: "Peter J. Brandt Jr."), and gives them a gender: a gendered title decides,
/// else the given name's usual gender. A mention ending in a suffix takes its period.
pub(super) fn name_and_gender(text: &str, persons: &mut [PersonBuild]) {
    for p in persons {
        for m in &mut p.mentions {
            let last = text
                .get(m.start..m.end)
                .and_then(|t| t.split_whitespace().last());
            if last.is_some_and(lexicon::is_name_suffix)
                && text.as_bytes().get(m.end) == Some(&b'.')
            {
                m.end += 1;
            }
        }
        let words = |m: &&super::super::model::Span| {
            text.get(m.start..m.end)
                .map_or(0, |t| t.split_whitespace().count())
        };
        // The first of the mentions with the most words.
        let most = p.mentions.iter().map(|m| words(&m)).max().unwrap_or(0);
        let fullest = p
            .mentions
            .iter()
            .filter(|m| most >= p.full.len() && words(m) == most)
            .find_map(|m| text.get(m.start..m.end))
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
        p.name = fullest.unwrap_or_else(|| p.full.join(" "));
        p.gender = p.full.first().and_then(|f| lexicon::given_name(f));
        if p.titles
            .iter()
            .any(|t| lexicon::title_gender(t) == Some(Gender::Female))
        {
            p.gender = Some(Gender::Female);
        } else if p
            .titles
            .iter()
            .any(|t| lexicon::title_gender(t) == Some(Gender::Male))
        {
            p.gender = Some(Gender::Male);
        }
    }
}
