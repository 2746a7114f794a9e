//! The pipeline: the passes in order, a cancellation check between each two, and the one place
//! where the passes' indices (people being built, the country table) become the public model's
//! (indices into [`Analysis::people`] and [`Analysis::countries`]).

use super::entities::{BuildRef, Entities};
use super::model::{Analysis, Country, CountryMention, EntityRef, Options, Person, Quote, Span};
use super::syntax::SyntaxCache;
use super::{attribution, countries, headlines, lexicon, people, quotes, text};

/// Analyses a text. Total: never panics, for any input; deterministic.
pub fn analyze(src: &str) -> Analysis {
    analyze_unless(src, &|| false).unwrap_or_default()
}

/// [`analyze`] with rules left out or without syntax: for ablations and for the tests that check
/// every rule matters.
pub fn analyze_with(src: &str, options: Options) -> Analysis {
    run(src, options, &|| false).unwrap_or_default()
}

/// [`analyze`], giving up between passes as soon as `cancelled()` is true (`None` then): for
/// work on a background thread that a newer request makes useless.
pub fn analyze_unless(src: &str, cancelled: &dyn Fn() -> bool) -> Option<Analysis> {
    run(src, Options::default(), cancelled)
}

/// The passes in order, with a cancellation check between each two.
fn run(src: &str, options: Options, cancelled: &dyn Fn() -> bool) -> Option<Analysis> {
    let go_on = || (!cancelled()).then_some(());
    let text = text::Text::new(src);
    go_on()?;
    // Sentences are parsed only when a pass asks about one.
    let syntax = SyntaxCache::embedded(&text);
    let hits = countries::find(&text);
    go_on()?;
    let mut ents = people::find(&text, &hits, &syntax);
    ents.country_hits = countries::unclaimed(&text, hits, &mut ents.token_ent);
    go_on()?;
    let raw = quotes::find(&text);
    go_on()?;
    let quotes = attribution::attribute(&text, &ents, &raw, &syntax, options);
    go_on()?;
    let mut analysis = assemble(text.paragraphs, ents, quotes);
    headlines::add_mentions(&mut analysis, src);
    Some(analysis)
}

/// The public [`Analysis`]: people with mentions in order of first mention, countries grouped by
/// table entry in order of first mention, and every speaker's reference mapped to those lists.
fn assemble(paragraphs: Vec<Span>, ents: Entities, quotes: Vec<Quote<BuildRef>>) -> Analysis {
    // People: keep those with mentions, in order of first mention.
    let mut order: Vec<usize> = (0..ents.persons.len())
        .filter(|&i| !ents.persons[i].mentions.is_empty())
        .collect();
    order.sort_by_key(|&i| ents.persons[i].mentions[0].start);
    // Per person being built: its index in `people`, if kept.
    let mut person_slot = vec![None; ents.persons.len()];
    for (new, &old) in order.iter().enumerate() {
        person_slot[old] = Some(new);
    }
    let mut persons = ents.persons;
    let people: Vec<Person> = order
        .iter()
        .map(|&i| {
            let p = std::mem::take(&mut persons[i]);
            Person {
                name: p.name,
                mentions: p.mentions,
            }
        })
        .collect();

    // Countries grouped by table entry, in order of first mention.
    let mut countries: Vec<Country> = Vec::new();
    // Per country-table entry: its index in `countries`, once mentioned.
    let mut country_slot: Vec<Option<usize>> = vec![None; lexicon::COUNTRIES.len()];
    for h in &ents.country_hits {
        let (Some(entry), Some(slot)) = (
            lexicon::COUNTRIES.get(h.country),
            country_slot.get_mut(h.country),
        ) else {
            continue;
        };
        let ci = *slot.get_or_insert_with(|| {
            countries.push(Country {
                code: entry.code,
                name: std::borrow::Cow::Borrowed(entry.name),
                mentions: Vec::new(),
            });
            countries.len() - 1
        });
        countries[ci].mentions.push(CountryMention {
            span: h.span,
            form: h.form,
        });
    }
    for c in &mut countries {
        c.mentions.sort_by_key(|m| m.span.start);
    }

    let mut quotes: Vec<Quote> = quotes
        .into_iter()
        .map(|q| {
            q.map_entity(|r| match r {
                BuildRef::Person(old) => person_slot
                    .get(old)
                    .copied()
                    .flatten()
                    .map(EntityRef::Person),
                BuildRef::Country(t) => country_slot
                    .get(t)
                    .copied()
                    .flatten()
                    .map(EntityRef::Country),
            })
        })
        .collect();
    quotes.sort_by_key(|q| (q.span.start, q.span.end));
    Analysis {
        paragraphs,
        people,
        countries,
        quotes,
    }
}
