//! Pass 7: lines in capitals. A wire headline ("GRETA HOLM WINS VOTE IN NORWAY") names the
//! people and countries of the body in capitals, where the name passes do not look: the names
//! the body gives (a person's full name or unique surname; a country's name, aliases and
//! demonyms) are matched there case-insensitively, word by word, and added as mentions.

use super::lexicon::COUNTRIES;
use super::model::{Analysis, CountryForm, CountryMention, Span};

/// Whether a paragraph is written in capitals: two words or more, six letters or more, and no
/// lower-case letter.
fn shouted(s: &str) -> bool {
    // The first lower-case letter settles it for almost every paragraph.
    !s.chars().any(char::is_lowercase)
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 6
        && s.split_whitespace().count() >= 2
}

/// The words of `s` (runs of letters, digits, apostrophes and hyphens) as byte spans offset by
/// `base`, with their text in capitals.
fn words(s: &str, base: usize) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    let mut start = None;
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.');
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (start, is_word(c)) {
            (None, true) => start = Some(i),
            (Some(a), false) => {
                let w = s[a..i].trim_end_matches(['.', '\'', '’', '-']);
                if !w.is_empty() {
                    out.push((Span::new(base + a, base + a + w.len()), w.to_uppercase()));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Where the word sequence `form` (in capitals) occurs among `words`, not over `taken`.
fn find(words: &[(Span, String)], form: &[String], taken: &[Span]) -> Vec<Span> {
    if form.is_empty() || form.len() > words.len() {
        return Vec::new();
    }
    (0..=words.len() - form.len())
        .filter(|&i| form.iter().zip(&words[i..]).all(|(f, (_, w))| f == w))
        .map(|i| Span::new(words[i].0.start, words[i + form.len() - 1].0.end))
        .filter(|s| !taken.iter().any(|t| t.start < s.end && s.start < t.end))
        .collect()
}

/// The capitals of each word of `name`.
fn form(name: &str) -> Vec<String> {
    name.split_whitespace().map(str::to_uppercase).collect()
}

/// Adds the mentions that lines in capitals make of the people and countries found elsewhere.
pub fn add_mentions(a: &mut Analysis, text: &str) {
    let lines: Vec<Span> = a
        .paragraphs
        .iter()
        .copied()
        .filter(|p| text.get(p.start..p.end).is_some_and(shouted))
        .collect();
    if lines.is_empty() {
        return;
    }
    // Surnames shared by two people name neither alone.
    let last = |n: &str| n.split_whitespace().last().map(str::to_uppercase);
    let surnames: Vec<Option<String>> = a.people.iter().map(|p| last(&p.name)).collect();
    for line in lines {
        let Some(s) = text.get(line.start..line.end) else {
            continue;
        };
        let ws = words(s, line.start);
        let mut taken: Vec<Span> = Vec::new();
        for (pi, p) in a.people.iter_mut().enumerate() {
            let mut found = find(&ws, &form(&p.name), &taken);
            let unique = surnames[pi].as_ref().filter(|sn| {
                sn.chars().count() >= 3
                    && surnames.iter().filter(|o| o.as_ref() == Some(sn)).count() == 1
            });
            if let Some(sn) = unique {
                let more = find(
                    &ws,
                    std::slice::from_ref(sn),
                    &[taken.as_slice(), &found].concat(),
                );
                found.extend(more);
            }
            taken.extend(&found);
            p.mentions.extend(found);
            p.mentions.sort_unstable();
        }
        for c in &mut a.countries {
            let Some(entry) = COUNTRIES.iter().find(|e| e.code == c.code) else {
                continue;
            };
            let names = std::iter::once(entry.name)
                .chain(entry.aliases.iter().copied())
                .map(|n| (n, CountryForm::Name));
            let demonyms = entry.demonyms.iter().map(|d| (*d, CountryForm::Demonym));
            for (n, f) in names.chain(demonyms) {
                let found = find(&ws, &form(n), &taken);
                taken.extend(&found);
                c.mentions.extend(
                    found
                        .into_iter()
                        .map(|span| CountryMention { span, form: f }),
                );
            }
            c.mentions.sort_unstable_by_key(|m| m.span);
        }
    }
    by_first_mention(a);
}

/// Puts people and countries back in order of first mention (a headline mention may come
/// first now), remapping the speakers' references.
fn by_first_mention(a: &mut Analysis) {
    use super::model::EntityRef;
    let order_of = |firsts: Vec<Option<usize>>| {
        let mut order: Vec<usize> = (0..firsts.len()).collect();
        order.sort_by_key(|&i| firsts[i]);
        let mut new = vec![0; order.len()];
        for (n, &old) in order.iter().enumerate() {
            new[old] = n;
        }
        (order, new)
    };
    let (people, new_p) = order_of(
        a.people
            .iter()
            .map(|p| p.mentions.first().map(|m| m.start))
            .collect(),
    );
    let (countries, new_c) = order_of(
        a.countries
            .iter()
            .map(|c| c.mentions.first().map(|m| m.span.start))
            .collect(),
    );
    if people.windows(2).all(|w| w[0] < w[1]) && countries.windows(2).all(|w| w[0] < w[1]) {
        return;
    }
    a.people = people.iter().map(|&i| a.people[i].clone()).collect();
    a.countries = countries.iter().map(|&i| a.countries[i].clone()).collect();
    for s in a.quotes.iter_mut().filter_map(|q| q.speaker.as_mut()) {
        s.entity = match s.entity {
            Some(EntityRef::Person(i)) => new_p.get(i).map(|&n| EntityRef::Person(n)),
            Some(EntityRef::Country(i)) => new_c.get(i).map(|&n| EntityRef::Country(n)),
            None => None,
        };
    }
}
