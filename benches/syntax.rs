//! The tagger and parser, one core: words per second on GUM's development split (gold tokens),
//! tagged and parsed or tagged only, loading the compiled-in model, and every sentence of 1 MB
//! of news parsed on top of the analysis (what the parse costs when every sentence is asked
//! about): `cargo bench --bench syntax`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs,
    reason = "benchmark code"
)]

mod common;

use divan::{Bencher, black_box, counter::BytesCount, counter::ItemsCount};
use quotelens::analysis::syntax::{self, Model, conllu};

fn main() {
    divan::main();
}

fn dev_sentences() -> Vec<Vec<String>> {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/gum");
    let names = std::fs::read_to_string(dir.join("split-dev.txt")).expect("split");
    names
        .lines()
        .filter(|l| !l.trim().is_empty())
        .flat_map(|n| {
            let text =
                std::fs::read_to_string(dir.join(format!("{}.conllu", n.trim()))).expect("doc");
            conllu::read(&text)
                .into_iter()
                .map(|s| {
                    s.forms()
                        .iter()
                        .map(|w| (*w).to_string())
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Runs `f` on every sentence of GUM's dev split, counting words.
fn on_dev_words<T>(bencher: Bencher<'_, '_>, f: impl Fn(&Model, &[&str]) -> T + Sync) {
    let model = syntax::model().expect("model");
    let sents = dev_sentences();
    let words: usize = sents.iter().map(Vec::len).sum();
    bencher.counter(ItemsCount::new(words)).bench(|| {
        for s in &sents {
            let w: Vec<&str> = s.iter().map(String::as_str).collect();
            black_box(f(model, black_box(&w)));
        }
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn tag_and_parse_gum_dev(bencher: Bencher<'_, '_>) {
    on_dev_words(bencher, Model::parse);
}

/// The tagger alone, on the same words: its share of the above.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn tag_gum_dev(bencher: Bencher<'_, '_>) {
    on_dev_words(bencher, Model::tag);
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn load_model() -> Option<Model> {
    Model::from_bytes(black_box(syntax::model_bytes()))
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn analyze_and_parse_every_sentence_1mb(bencher: Bencher<'_, '_>) {
    let text = common::news(1024 * 1024);
    let model = syntax::model().expect("model");
    bencher.counter(BytesCount::of_str(&text)).bench(|| {
        let a = quotelens::analysis::analyze(black_box(&text));
        let p = syntax::parse_text(black_box(&text), Some(model));
        (a, p.len())
    });
}
