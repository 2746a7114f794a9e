//! Syntax: a part-of-speech tagger (UPOS and Penn tags) and a dependency parser (Universal
//! Dependencies relations), averaged perceptrons trained on GUM and compiled in
//! (`assets/models/syntax.bin`, rebuilt by `train-syntax`), for the passes that ask what a
//! sentence's grammar is.
//!
//! - `conllu`: CoNLL-U read from and written to strings;
//! - `features`: the stable feature hash and the facts of a word;
//! - `perceptron`: training weights and the file's pruned, quantised weights;
//! - `tagger`, `parser`: the greedy tagger, the arc-eager parser with its dynamic oracle, the
//!   labeller;
//! - `model`: the model file and tagging and parsing with it;
//! - `train`: training and scoring;
//! - `sentence`: the engine's sentences as words for the parser, parsed only when asked.

pub mod conllu;
mod features;
mod model;
mod parser;
mod perceptron;
mod sentence;
mod tagger;
pub mod train;

pub(crate) use sentence::SyntaxCache;
pub use sentence::{MAX_WORDS, SentenceSyntax, parse_text};

pub use model::{FORMAT, Header, Model, Parse, Scores, lexicon_hash};
pub use parser::crosses;

use std::sync::LazyLock;

/// The model compiled into the binary.
const EMBEDDED: &[u8] = include_bytes!("../../../../../assets/models/syntax.bin");

static MODEL: LazyLock<Option<Model>> = LazyLock::new(|| Model::from_bytes(EMBEDDED));

/// The compiled-in model file's bytes.
pub fn model_bytes() -> &'static [u8] {
    EMBEDDED
}

/// The compiled-in model (`None` only if the build embedded no valid model: a test checks it
/// does).
pub fn model() -> Option<&'static Model> {
    MODEL.as_ref()
}
