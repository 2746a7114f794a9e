//! Quotelens: a desktop article reader that highlights people, countries and quotations and
//! shows who said what. The engine is the `quotelens-core` crate, re-exported here; this crate
//! adds the window and the command line.

pub use quotelens_core::{analysis, batch, corpus, document, eval, report, review};

pub mod app;
pub mod cli;
pub mod corpus_cli;
pub mod review_cli;
pub mod syntax_cli;
pub mod ui;
pub mod window;
