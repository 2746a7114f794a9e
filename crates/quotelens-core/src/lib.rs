//! The Quotelens engine: people, countries, quotations and who said what in news text, with
//! everything around it that needs no window (reading documents, reviews, reports, batch runs
//! and scoring).
//!
//! ```
//! let analysis = quotelens_core::analysis::analyze(
//!     "“We will rebuild,” said Mayor Ana Ruiz.",
//! );
//! let quote = &analysis.quotes[0];
//! let speaker = quote.speaker.as_ref().map(|s| s.name.as_str());
//! assert_eq!(speaker, Some("Ana Ruiz"));
//! ```

#![warn(missing_docs)]

pub mod analysis;
pub mod batch;
#[cfg(feature = "corpus")]
pub mod corpus;
pub mod document;
pub mod eval;
pub mod jobs;
pub mod report;
pub mod review;
pub mod table;
