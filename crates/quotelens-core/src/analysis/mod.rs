//! Pure text analysis: `&str` in, [`Analysis`] out — people, countries, quotations and who said
//! them.
//!
//! Architecture invariant: this module does no I/O, knows nothing of the UI, never panics on any
//! input and is deterministic. All spans are byte ranges into the analysed text, on char
//! boundaries, and every list of spans is sorted.
//!
//! The passes, in the order `pipeline` runs them (a cancellation check between each two):
//!
//! | # | pass | reads | writes |
//! |---|---|---|---|
//! | 1 | `text` | the text | paragraphs, sentences, tokens, indexes of capitalised words and quote marks |
//! | 1b | `syntax` (on demand) | a sentence's tokens, when a pass first asks | its words' tags, heads and relations |
//! | 2 | `countries``::find` | tokens | country hits (rows of the country table) |
//! | 3 | `people` | tokens, country hits | people being built, organisations, the entity of every token |
//! | 3b | `countries``::unclaimed` | country hits, token entities | the hits no person took, marked on their tokens |
//! | 4 | `quotes` | tokens, quote-mark index | quotations: marks and content spans |
//! | 5 | `attribution` | all of the above | quotes with kind, cue and speaker (`Quote<BuildRef>`) |
//! | 6 | `pipeline::assemble` | people, hits, quotes | [`Analysis`]: people and countries in order of first mention, references mapped |
//! | 7 | `headlines::add_mentions` | the analysis, the text | mentions in lines written in capitals of the people and countries found elsewhere; order of first mention restored |
//!
//! [`model`] holds the public types; `entities` the types the passes share; `lexicon` every
//! word list; [`export`] the JSON schema. ARCHITECTURE.md at the repository's root has the map.
//!
//! ```
//! let a = quotelens_core::analysis::analyze("“We will win,” said John Smith.");
//! assert_eq!(a.people[0].name, "John Smith");
//! assert_eq!(a.quotes[0].speaker.as_ref().map(|s| s.name.as_str()), Some("John Smith"));
//! ```

mod attribution;
mod countries;
mod entities;
pub mod export;
pub mod gender;
mod headlines;
mod lexicon;
pub mod model;
mod people;
mod pipeline;
mod quotes;
pub mod syntax;
mod text;

pub use countries::{lookup as country_named, names as country_names};
pub use model::{
    Analysis, Country, CountryForm, CountryMention, EntityRef, Options, Person, Quote, QuoteCounts,
    QuoteKind, Rule, Rules, Span, Speaker, SpeakerGroup, SpeakerKind,
};
pub use pipeline::{analyze, analyze_unless, analyze_with};
pub use quotes::is_quote_mark;

/// The paragraphs of `text` as the analysis reads them ([`Analysis::paragraphs`]), without the
/// rest of the analysis: for tables that number a quote's paragraph.
pub fn paragraphs(text: &str) -> Vec<Span> {
    text::split_paragraphs(text)
}

#[cfg(test)]
mod tests;
