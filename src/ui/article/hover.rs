//! The hover text of a highlight: who or what it is, how often it is mentioned and quoted.

#![allow(
    clippy::wildcard_imports,
    reason = "a part of its parent module, split off by concern: it shares the module's imports and private items"
)]

use super::*;

/// The hover text of a highlight; `person_quotes` counts each person's speech quotes.
pub(super) fn tooltip(
    analysis: &Analysis,
    person_quotes: &[QuoteCounts],
    text: &str,
    m: Mark,
) -> String {
    match m {
        Mark::Person(pi) => {
            let Some(p) = analysis.people.get(pi) else {
                return String::new();
            };
            let q = person_quotes.get(pi).copied().unwrap_or_default();
            format!(
                "{} — person, {} mention{}, {q}",
                p.name,
                p.mentions.len(),
                plural(p.mentions.len()),
            )
        }
        Mark::Country(ci, form) => {
            let Some(c) = analysis.countries.get(ci) else {
                return String::new();
            };
            let form = match form {
                CountryForm::Name => "country",
                CountryForm::Demonym => "demonym",
                CountryForm::Capital => "capital / seat of power",
            };
            format!(
                "{} ({}) — {form}, {} mention{}",
                c.name,
                c.code,
                c.mentions.len(),
                plural(c.mentions.len())
            )
        }
        Mark::Quote(qi) => {
            let Some(q) = analysis.quotes.get(qi) else {
                return String::new();
            };
            let who = q.speaker.as_ref().map_or(
                if q.kind == QuoteKind::Indirect {
                    "Unattributed reported speech"
                } else {
                    "Unattributed quote"
                },
                |s| s.name.as_str(),
            );
            match q.cue.and_then(|c| text.get(c.start..c.end)) {
                Some(cue) => format!("{who} — cue: “{cue}”"),
                None => who.to_string(),
            }
        }
    }
}

/// "s" unless `n` is one.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
