//! Property tests: for arbitrary strings and for real articles with random edits, `analyze`
//! never panics and every span is in bounds, on char boundaries, sorted, with valid references.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a failed test"
)]

use proptest::prelude::*;
use quotelens::analysis::{Analysis, analyze};

fn check_invariants(text: &str, a: &Analysis) {
    if let Err(e) = a.check_spans(text) {
        panic!("{e}");
    }
}

const SAMPLE: &str = include_str!("data/fixtures/sample-article.txt");

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, &'static str),
    Delete(usize, usize),
    Upper,
    JoinParagraphs,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (
            any::<usize>(),
            prop::sample::select(vec![
                "\"", "“", "”", "‘", "’", "'", "«", "»", "„", "\n\n", " said ", "Mr. ", "\u{200d}",
                "é"
            ])
        )
            .prop_map(|(i, s)| Edit::Insert(i, s)),
        (any::<usize>(), 0usize..40).prop_map(|(i, n)| Edit::Delete(i, n)),
        Just(Edit::Upper),
        Just(Edit::JoinParagraphs),
    ]
}

fn apply(text: &str, e: &Edit) -> String {
    let floor = |i: usize| {
        let mut i = i % (text.len() + 1);
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    match e {
        Edit::Insert(i, s) => {
            let i = floor(*i);
            format!("{}{}{}", &text[..i], s, &text[i..])
        }
        Edit::Delete(i, n) => {
            let a = floor(*i);
            let b = floor(a.saturating_add(*n).min(text.len()));
            if b <= a {
                text.to_string()
            } else {
                format!("{}{}", &text[..a], &text[b..])
            }
        }
        Edit::Upper => text.to_uppercase(),
        Edit::JoinParagraphs => text.replace("\n\n", " "),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_strings(s in "\\PC{0,400}") {
        let a = analyze(&s);
        check_invariants(&s, &a);
    }

    #[test]
    fn quote_heavy_strings(s in "[“”\"'‘’«» a-zA-Z.,\n]{0,300}") {
        let a = analyze(&s);
        check_invariants(&s, &a);
    }

    #[test]
    fn edited_articles(edits in prop::collection::vec(edit(), 1..6)) {
        let mut text = SAMPLE.to_string();
        for e in &edits {
            text = apply(&text, e);
        }
        let a = analyze(&text);
        check_invariants(&text, &a);
        prop_assert_eq!(a, analyze(&text), "deterministic");
    }
}

#[test]
fn hostile_inputs_are_linear_and_valid() {
    let cases: Vec<String> = vec![
        "x".repeat(1_000_000),
        "\"".repeat(10_000),
        "“".repeat(5_000) + &"”".repeat(5_001),
        (0..10).map(|_| "“‘«").collect::<String>()
            + "deep"
            + &(0..10).map(|_| "»’”").collect::<String>(),
        "!?.,;:".repeat(2_000),
        "Jose\u{301} Garci\u{301}a said “hola”. Zoe\u{200d} Smith said “hi”.".to_string(),
        "قال محمد «مرحبا». 李明说“你好”。 שלום".to_string(),
        "Smith".to_string(),
        "ALL CAPS TEXT: JOHN SMITH SAID “HELLO” TO RUSSIA.".to_string(),
        "Word ".repeat(200_000),
    ];
    for text in &cases {
        let t = std::time::Instant::now();
        let a = analyze(text);
        check_invariants(text, &a);
        // Generous bound for debug builds on a slow machine; quadratic behaviour would take minutes.
        assert!(
            t.elapsed().as_secs() < 20,
            "slow on input starting {:?}",
            &text[..text.len().min(20)]
        );
    }
}
