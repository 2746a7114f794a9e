//! The article view's selection, hover text and counts.

#[test]
fn a_selection_snaps_out_to_whole_words_only_from_inside_them() {
    let text = "Harbor Lead Anna Kovacs said no.";
    let rows: &[((usize, usize), Option<&str>)] = &[
        ((12, 16), Some("Anna")),
        ((11, 16), Some("Anna")),
        ((13, 18), Some("Anna Kovacs")),
        ((11, 23), Some("Anna Kovacs")),
        ((16, 12), Some("Anna")),
        ((14, 14), None),
        ((11, 12), None),
    ];
    for &((a, h), want) in rows {
        let mut view = ArticleView::new(&Analysis::default(), 0);
        view.selection = Some((a, h));
        let got = view.selection(text).map(|s| &text[s.start..s.end]);
        assert_eq!(got, want, "{a}..{h}");
    }
}

use super::*;
use crate::analysis::{Analysis, analyze};

const SAMPLE: &str = include_str!("../../../tests/data/fixtures/sample-article.txt");
/// An invented article: Ilse Marten is named three times, with three quotations and one
/// reported statement.
const INVENTED: &str = include_str!("../../../tests/data/invented/harbour.txt");

#[test]
fn person_hover_text_counts_mentions_and_quotes() {
    let a = analyze(INVENTED);
    let view = ArticleView::new(&a, 1);
    let pi = a
        .people
        .iter()
        .position(|p| p.name == "Ilse Marten")
        .expect("Marten found");
    // The hover uses the panel's wording: quotations and reported speech apart.
    assert_eq!(
        tooltip(&a, &view.person_quotes, INVENTED, Mark::Person(pi)),
        "Ilse Marten — person, 3 mentions, 3 quotes · 1 reported"
    );
}

#[test]
fn quotes_per_person_counts_each_persons_speech_quotes() {
    let a: Analysis = analyze(SAMPLE);
    let counts = a.quotes_per_person();
    assert_eq!(counts.len(), a.people.len());
    for (pi, n) in counts.iter().map(|c| c.total()).enumerate() {
        let by_filter = a
            .quotes
            .iter()
            .filter(|q| {
                q.is_speech()
                    && q.speaker
                        .as_ref()
                        .is_some_and(|s| s.entity == Some(EntityRef::Person(pi)))
            })
            .count();
        assert_eq!(n, by_filter, "{}", a.people[pi].name);
    }
    assert!(
        counts.iter().map(|c| c.total()).sum::<usize>() >= 5,
        "the sample's people speak"
    );
}
