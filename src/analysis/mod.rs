//! Pure text analysis: `&str` in, [`Analysis`] out — people, countries, quotations and who said
//! them.
//!
//! Architecture invariant: this module does no I/O, knows nothing of the UI, never panics on any
//! input and is deterministic. All spans are byte ranges into the analysed text, on char
//! boundaries, and every list of spans is sorted.
//!
//! ```
//! let a = quotelens::analysis::analyze("“We will win,” said John Smith.");
//! assert_eq!(a.people[0].name, "John Smith");
//! assert_eq!(a.quotes[0].speaker.as_ref().map(|s| s.name.as_str()), Some("John Smith"));
//! ```

mod attribution;
mod countries;
mod entities;
pub mod export;
mod lexicon;
pub mod model;
mod people;
mod pipeline;
mod quotes;
mod text;

pub use model::{
    Analysis, Country, CountryForm, CountryMention, EntityRef, Person, Quote, QuoteCounts,
    QuoteKind, Span, Speaker, SpeakerGroup, SpeakerKind,
};
pub use pipeline::{analyze, analyze_unless};

#[cfg(test)]
mod tests;
