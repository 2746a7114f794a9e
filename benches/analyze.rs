//! Analysis throughput (MB/s) on the sample article and on 0.5, 1 and 5 MB of varied news
//! text, one core: `cargo bench --bench analyze`. The 0.5 MB and 5 MB rows give the scaling
//! (10× the text should cost at most 11× the time).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs,
    reason = "benchmark code"
)]

mod common;

use divan::{Bencher, black_box, counter::BytesCount};
use quotelens::analysis::analyze;

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 50)]
fn sample_article(bencher: Bencher<'_, '_>) {
    let text = common::sample();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| analyze(black_box(&text)));
}

#[divan::bench(args = [512 * 1024, 1024 * 1024, 5 * 1024 * 1024], sample_count = 30, sample_size = 1)]
fn news(bencher: Bencher<'_, '_>, bytes: usize) {
    let text = common::news(bytes);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| analyze(black_box(&text)));
}
