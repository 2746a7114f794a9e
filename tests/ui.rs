//! UI behaviour through `egui_kittest`: the real app UI on the sample article, no GPU needed.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a failed test"
)]

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotelens::analysis::EntityRef;
use quotelens::app::{QuotelensApp, Settings};

fn harness() -> Harness<'static, QuotelensApp> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 2400.0))
        .build_ui_state(
            |ui, app: &mut QuotelensApp| app.frame_ui(ui),
            QuotelensApp::new(Settings::default()),
        )
}

fn click_at(h: &mut Harness<'_, QuotelensApp>, pos: egui::Pos2) {
    h.event(egui::Event::PointerMoved(pos));
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.run();
    }
}

#[test]
fn sample_shows_speakers_and_filters_by_person() {
    let mut h = harness();
    h.run();
    // Ryabkov is a speaker with his two quotes.
    assert!(h.query_by_label("Sergei Ryabkov · 3 quotes").is_some());
    assert!(h.query_by_label("White House · 2 quotes").is_some());
    // Clicking Jens Stoltenberg in the entity list leaves only his quote.
    h.get_by_label("Jens Stoltenberg").click();
    h.run();
    let stoltenberg = h
        .state()
        .article
        .analysis
        .people
        .iter()
        .position(|p| p.name == "Jens Stoltenberg");
    assert_eq!(h.state().selected, stoltenberg.map(EntityRef::Person));
    assert!(h.query_by_label("Jens Stoltenberg · 1 quote").is_some());
    assert!(h.query_by_label("Sergei Ryabkov · 3 quotes").is_none());
    assert!(h.query_by_label("White House · 2 quotes").is_none());
    // The filter chip clears it and everything comes back.
    h.get_by_label("× Jens Stoltenberg").click();
    h.run();
    assert_eq!(h.state().selected, None);
    assert!(h.query_by_label("Sergei Ryabkov · 3 quotes").is_some());
}

#[test]
fn escape_clears_the_filter_and_mentions_section_appears() {
    let mut h = harness();
    h.run();
    h.get_by_label("Vladimir Putin").click();
    h.run();
    // Putin says nothing himself, but quotes mention him.
    assert!(
        h.query_by_label("Quotes that mention Vladimir Putin")
            .is_some()
    );
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().selected, None);
}

#[test]
fn clicking_a_person_in_the_text_selects_them() {
    let mut h = harness();
    h.run();
    let (putin, span) = {
        let a = &h.state().article.analysis;
        let pi = a
            .people
            .iter()
            .position(|p| p.name == "Vladimir Putin")
            .expect("Putin found");
        (pi, a.people[pi].mentions[0])
    };
    let rect = {
        let art = &h.state().article;
        art.view
            .span_rect(&art.text, &art.analysis.paragraphs, span)
            .expect("first Putin mention is on screen")
    };
    click_at(&mut h, rect.center());
    assert_eq!(h.state().selected, Some(EntityRef::Person(putin)));
}

#[test]
fn opening_files_keeps_the_article_on_error() {
    let mut h = harness();
    h.run();
    let before = h.state().article.text.clone();
    h.state_mut()
        .open_path(std::path::Path::new("/nonexistent/missing-article.txt"));
    h.run();
    assert_eq!(
        h.state().article.text,
        before,
        "a failed open never replaces the article"
    );
    assert!(
        h.query_by_label_contains("File not found: /nonexistent/missing-article.txt")
            .is_some()
    );

    // A readable file opens, and the error is cleared.
    let dir = std::env::temp_dir().join(format!("quotelens-ui-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("short.txt");
    std::fs::write(&path, "Short story\n\n“Hello there,” said Maria Lopez.\n").expect("write");
    h.state_mut().open_path(&path);
    h.run();
    assert_eq!(h.state().error, None);
    assert!(h.query_by_label("Maria Lopez · 1 quote").is_some());
    assert_eq!(h.state().settings.recent.first(), Some(&path));

    // A folder is refused and the short article stays.
    h.state_mut().open_path(&dir);
    h.run();
    assert!(h.state().article.text.contains("Maria Lopez"));
    assert!(
        h.state()
            .error
            .as_deref()
            .is_some_and(|e| e.starts_with("Is a folder"))
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_files_show_errors_in_the_status_bar() {
    let dir = std::env::temp_dir().join(format!("quotelens-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let cases: &[(&str, &[u8], &str)] = &[
        (
            "fake.txt",
            b"%PDF-1.7 binary",
            "Not a text file (looks like PDF)",
        ),
        (
            "image.txt",
            b"\x89PNG\r\n\x1a\n",
            "Not a text file (looks like PNG image)",
        ),
        (
            "nul.txt",
            b"abc\0\0def",
            "Not a text file (looks like binary data)",
        ),
    ];
    let mut h = harness();
    h.run();
    let before = h.state().article.text.clone();
    for (name, bytes, msg) in cases {
        let p = dir.join(name);
        std::fs::write(&p, bytes).expect("write");
        h.state_mut().open_path(&p);
        h.run();
        assert_eq!(h.state().article.text, before);
        assert!(
            h.query_by_label_contains(msg).is_some(),
            "status bar shows {msg}"
        );
    }
    // An empty article opens in an explicit empty state.
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "  \n\n").expect("write");
    h.state_mut().open_path(&empty);
    h.run();
    assert!(
        h.query_by_label_contains("is empty: there is no text to analyse")
            .is_some()
    );
    std::fs::remove_dir_all(&dir).ok();
}
