//! Quotelens: a desktop article reader that highlights people, countries and quotations and
//! shows who said what.

pub mod analysis;
pub mod app;
pub mod batch;
pub mod cli;
pub mod document;
pub mod eval;
pub mod report;
pub mod review;
pub mod review_cli;
pub mod syntax_cli;
pub mod ui;
pub mod window;
