//! Fuzz target: the review sidecar reader on arbitrary bytes, what it reads applied to the
//! sample article, and merged with an empty review both ways. None may panic, the applied
//! analysis keeps its invariants, and a merge loses no correction.

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
    let empty = quotelens::review::Sidecar::for_article(sidecar.article.clone());
    let m = quotelens::review::merge::merge(&empty, &empty, &sidecar);
    assert_eq!(m.sidecar.corrections.len(), sidecar.corrections.len());
    assert_eq!(m.sidecar.undone.len(), sidecar.undone.len());
    let m = quotelens::review::merge::merge(&empty, &sidecar, &empty);
    assert_eq!(m.sidecar.corrections.len(), sidecar.corrections.len());
});
