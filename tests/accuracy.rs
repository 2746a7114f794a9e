//! Accuracy floors on the dev set and the sample article, just below what the engine reaches,
//! so accuracy never drops silently. Figures come from the same scorer as `quotelens eval`.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a failed test"
)]

use std::path::Path;

use quotelens::eval::evaluate_dir;

#[test]
fn sample_article_all_quotes_with_right_speaker() {
    let s = evaluate_dir(Path::new("tests/data/fixtures")).expect("score sample");
    assert_eq!(s.quote.gold, 12);
    assert!(
        (s.quote.f1 - 1.0).abs() < 1e-9,
        "all 12 quotes found exactly: {:?}",
        s.quote
    );
    assert!(
        (s.who_said_what.f1 - 1.0).abs() < 1e-9,
        "all 12 speakers right: {:?}",
        s.who_said_what
    );
    assert!(s.person.f1 >= 0.98, "{:?}", s.person);
    assert!(s.country.f1 >= 0.98, "{:?}", s.country);
}

/// Asserts each (kind, F1, floor) of a gold folder.
fn assert_floors(set: &str, floors: [(&str, f64, f64); 5]) {
    for (name, got, floor) in floors {
        assert!(got >= floor, "{set}: {name} F1 {got:.3} fell below {floor}");
    }
}

#[test]
fn devset_floors() {
    let s = evaluate_dir(Path::new("tests/data/devset")).expect("score devset");
    assert_floors(
        "devset",
        [
            // The accuracy issue's targets, met today: person 0.962, country 0.978, demonym
            // 0.961, quote 0.968, who-said-what 0.941.
            ("person", s.person.f1, 0.96),
            ("country", s.country.f1, 0.97),
            ("demonym", s.demonym.f1, 0.96),
            ("quote", s.quote.f1, 0.96),
            ("who_said_what", s.who_said_what.f1, 0.93),
        ],
    );
}

#[test]
fn devset2_floors() {
    let s = evaluate_dir(Path::new("tests/data/devset2")).expect("score devset2");
    assert_floors(
        "devset2",
        [
            // The accuracy issue's targets, or floors just below today's figures where those are
            // higher (person 0.961, country 0.979, demonym 0.975, quote 0.983, who-said-what 0.962).
            ("person", s.person.f1, 0.96),
            ("country", s.country.f1, 0.975),
            ("demonym", s.demonym.f1, 0.97),
            ("quote", s.quote.f1, 0.975),
            ("who_said_what", s.who_said_what.f1, 0.95),
        ],
    );
}

#[test]
fn devset3_floors() {
    let s = evaluate_dir(Path::new("tests/data/devset3")).expect("score devset3");
    assert_floors(
        "devset3",
        [
            // The accuracy issue's targets (person 0.94, quote and country 0.95, demonym 0.93,
            // who-said-what 0.88), met today: person 0.948, country 0.984, demonym 0.936, quote
            // 0.960, who-said-what 0.888.
            ("person", s.person.f1, 0.94),
            ("country", s.country.f1, 0.98),
            ("demonym", s.demonym.f1, 0.93),
            ("quote", s.quote.f1, 0.95),
            ("who_said_what", s.who_said_what.f1, 0.88),
        ],
    );
}
