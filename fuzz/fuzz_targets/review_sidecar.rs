//! Fuzz target: the review sidecar reader on arbitrary bytes, and what it reads applied to the
//! sample article. Neither may panic, and the applied analysis keeps its invariants.

#![no_main]

use libfuzzer_sys::fuzz_target;

const SAMPLE: &str = include_str!("../../assets/sample-article.txt");

fuzz_target!(|data: &[u8]| {
    let Ok(sidecar) = quotelens::review::Sidecar::parse(data) else {
        return;
    };
    let base = quotelens::analysis::analyze(SAMPLE);
    let reviewed = quotelens::review::apply(&base, SAMPLE, &sidecar.corrections);
    assert_eq!(reviewed.analysis.check_spans(SAMPLE), Ok(()));
    let mut moved = sidecar.clone();
    moved.reanchor(SAMPLE);
});
