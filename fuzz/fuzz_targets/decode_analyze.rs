//! Fuzz target: arbitrary bytes through the app's own path for a file — decode (as
//! `document::open` does after reading), analyse, check the span invariants, export JSON and
//! the CLI summary. Any panic or broken invariant is a crash.

#![no_main]

use libfuzzer_sys::fuzz_target;
use quotelens::analysis::{analyze, export};

fuzz_target!(|bytes: &[u8]| {
    let Ok((text, _encoding)) = quotelens::document::decode_text(bytes) else {
        return;
    };
    let a = analyze(&text);
    if let Err(e) = a.check_spans(&text) {
        panic!("{e}");
    }
    let json = export::to_json(&a, &text, "fuzz");
    assert!(json.quotes.iter().all(|q| q.start <= q.end));
    let _ = quotelens::cli::summary(&a, &text, "fuzz");
});
