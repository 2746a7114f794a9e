//! Reviewing the bundled sample article through the real UI (`egui_kittest`): every
//! correction from its menu, with undo and redo, and the review surviving a restart. The
//! people and quotes acted on are picked by position, not by name.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a failed test"
)]

use std::path::Path;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotelens::analysis::{QuoteKind, Span};
use quotelens::app::Settings;
use quotelens::window::QuotelensApp;

mod common;

/// A window on the sample article whose reviews go to `data`.
fn harness_in(data: &Path) -> Harness<'static, QuotelensApp> {
    let mut h = common::app::harness_settings(egui::vec2(1400.0, 1400.0), 40, Settings::default());
    h.state_mut().state.set_data_dir(Some(data.to_path_buf()));
    h.run();
    h
}

/// The first sentence of the article's last paragraph (without its period).
fn last_first_sentence(h: &Harness<'_, QuotelensApp>) -> Span {
    let art = &app(h).article;
    let para = *art.analysis.paragraphs.last().unwrap();
    let end = art.text[para.start..para.end]
        .find(". ")
        .map_or(para.end, |i| para.start + i);
    Span::new(para.start, end)
}

/// Whether the article has a country of that name.
fn has_country(h: &Harness<'_, QuotelensApp>, name: &str) -> bool {
    app(h)
        .article
        .analysis
        .countries
        .iter()
        .any(|c| c.name == name)
}

/// The names of the article's people, in order of first mention.
fn people_names(h: &Harness<'_, QuotelensApp>) -> Vec<String> {
    app(h)
        .article
        .analysis
        .people
        .iter()
        .map(|p| p.name.clone())
        .collect()
}

fn app<'a>(h: &'a Harness<'_, QuotelensApp>) -> &'a quotelens::app::AppState {
    &h.state().state
}

/// A quote card's label: its words, in quote marks unless reported speech.
fn label_of(h: &Harness<'_, QuotelensApp>, qi: usize) -> String {
    let q = &app(h).article.analysis.quotes[qi];
    let words = app(h).article.text[q.span.start..q.span.end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match q.kind {
        QuoteKind::Indirect => words,
        _ => format!("“{words}”"),
    }
}

/// Card `n` of the quote panel, counting only cards whose words no other card has: its quote
/// and its label.
fn card(h: &Harness<'_, QuotelensApp>, n: usize) -> (usize, String) {
    let shown: Vec<usize> = app(h)
        .article
        .panel
        .items
        .iter()
        .filter_map(|i| match i {
            quotelens::app::PanelItem::Quote(qi) => Some(*qi),
            _ => None,
        })
        .collect();
    let labels: Vec<String> = shown.iter().map(|&qi| label_of(h, qi)).collect();
    shown
        .iter()
        .zip(&labels)
        .filter(|(_, l)| labels.iter().filter(|x| x == l).count() == 1)
        .map(|(&qi, l)| (qi, l.clone()))
        .nth(n)
        .expect("the sample has that many quotes")
}

/// Opens the menu of quote card `n` and clicks the item labelled `item`.
fn card_menu(h: &mut Harness<'_, QuotelensApp>, n: usize, item: &str) {
    let (_, label) = card(h, n);
    h.get_by_role_and_label(egui::accesskit::Role::Button, &label)
        .click_secondary();
    h.run();
    h.get_by_label_contains(item).click();
    h.run();
}

/// Opens the menu of the entity-list row labelled `name` and clicks `item`.
fn row_menu(h: &mut Harness<'_, QuotelensApp>, name: &str, item: &str) {
    h.get_by_role_and_label(egui::accesskit::Role::Button, name)
        .click_secondary();
    h.run();
    h.get_by_label_contains(item).click();
    h.run();
}

/// Right-clicks the article at `span` (scrolled into view first) and clicks `item`.
fn text_menu(h: &mut Harness<'_, QuotelensApp>, span: Span, item: &str) {
    h.state_mut().state.jump = Some(quotelens::app::Jump {
        span,
        anchor: quotelens::app::Anchor::Third,
    });
    h.run();
    let art = &app(h).article;
    let rect = h
        .state()
        .view
        .article
        .span_rect(&art.text, &art.analysis.paragraphs, span)
        .expect("on screen");
    let pos = rect.left_center() + egui::vec2(2.0, 0.0);
    common::app::click_button_at(h, pos, egui::PointerButton::Secondary);
    h.get_by_label_contains(item).click();
    h.run();
}

/// Types `text` into the focused field and presses Enter.
fn type_enter(h: &mut Harness<'_, QuotelensApp>, text: &str) {
    h.run();
    h.event(egui::Event::Text(text.into()));
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
}

/// Ctrl+A: the focused field's text selected, to be typed over.
fn select_all(h: &mut Harness<'_, QuotelensApp>) {
    h.event(egui::Event::Key {
        key: egui::Key::A,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    });
}

fn undo(h: &mut Harness<'_, QuotelensApp>) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
}

fn redo(h: &mut Harness<'_, QuotelensApp>) {
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
}

/// What a flow compares before and after: people, countries, quotes with speaker and kind,
/// and the checked count.
fn reading(h: &Harness<'_, QuotelensApp>) -> String {
    let art = &app(h).article;
    let a = &art.analysis;
    let people: Vec<_> = a
        .people
        .iter()
        .map(|p| (&p.name, p.mentions.len()))
        .collect();
    let countries: Vec<_> = a
        .countries
        .iter()
        .map(|c| (&c.name, c.mentions.len()))
        .collect();
    let quotes: Vec<_> = a
        .quotes
        .iter()
        .map(|q| (q.span.start, q.kind, q.speaker.as_ref().map(|s| &s.name)))
        .collect();
    format!(
        "{people:?}\n{countries:?}\n{quotes:?}\n{:?}",
        art.review.flags.checked_of(a)
    )
}

/// Runs a correction, checks it changed the reading, and that undo and redo take it back and
/// bring it again.
fn with_undo_redo(
    h: &mut Harness<'_, QuotelensApp>,
    correct: impl FnOnce(&mut Harness<'_, QuotelensApp>),
) -> String {
    let before = reading(h);
    correct(h);
    let after = reading(h);
    assert_ne!(before, after, "the correction changed nothing");
    assert_eq!(app(h).error, None);
    undo(h);
    assert_eq!(reading(h), before, "undo restores the reading");
    redo(h);
    assert_eq!(reading(h), after, "redo brings the correction back");
    after
}

#[test]
#[allow(
    clippy::too_many_lines,
    reason = "one reviewer's session: every correction in turn, then a restart"
)]
fn each_correction_from_its_menu_with_undo_and_redo_and_after_a_restart() {
    let data = common::scratch_dir("review-flows");
    let mut h = harness_in(&data);
    let counts = app(&h).article.analysis.quote_counts();
    let speech = counts.total();
    assert!(
        h.query_by_label(&format!("0 of {speech} statements checked"))
            .is_some(),
        "the status bar counts checked statements"
    );
    // The counts beside it use the same word for the same number.
    assert!(
        counts.quotations > 0 && counts.reported > 0,
        "the sample has both"
    );
    assert!(
        h.query_by_label_contains(&format!(
            " · {speech} statements: {} quotes, {} reported",
            counts.quotations, counts.reported
        ))
        .is_some(),
        "one vocabulary in the status bar"
    );

    // Checked: the card's menu, then the key C on a focused card.
    with_undo_redo(&mut h, |h| card_menu(h, 0, "Mark checked"));
    assert!(
        h.query_by_label(&format!("1 of {speech} statements checked"))
            .is_some()
    );
    assert!(h.query_by_label("✓").is_some() || h.query_by_label("checked").is_some());
    let (_, label) = card(&h, 1);
    h.get_by_role_and_label(egui::accesskit::Role::Button, &label)
        .focus();
    h.run();
    h.key_press(egui::Key::C);
    h.run();
    assert!(
        h.query_by_label(&format!("2 of {speech} statements checked"))
            .is_some()
    );

    // A speaker changed to another person of the article, picked from the list.
    let (qi, _) = card(&h, 2);
    let was = app(&h).article.analysis.quotes[qi]
        .speaker
        .as_ref()
        .map(|s| s.name.clone());
    let other = app(&h)
        .article
        .analysis
        .people
        .iter()
        .map(|p| p.name.clone())
        .find(|n| Some(n) != was.as_ref())
        .expect("a second person");
    with_undo_redo(&mut h, |h| {
        card_menu(h, 2, "Change speaker…");
        h.get_by_label_contains(&format!("{other}  ·  person"))
            .click();
        h.run();
    });
    let now = &app(&h).article.analysis.quotes[qi];
    assert_eq!(
        now.speaker.as_ref().map(|s| s.name.as_str()),
        Some(other.as_str())
    );
    assert!(app(&h).article.review.flags.quotes[qi], "marked corrected");
    assert!(h.query_by_label("corrected").is_some());

    // Not a quote, and the kind.
    with_undo_redo(&mut h, |h| card_menu(h, 3, "Not a quote"));
    assert_eq!(app(&h).article.analysis.quote_counts().total(), speech - 1);
    let (qi, _) = card(&h, 0);
    let to = if app(&h).article.analysis.quotes[qi].kind == QuoteKind::Indirect {
        "Partial quote"
    } else {
        "Reported speech"
    };
    with_undo_redo(&mut h, |h| {
        let (_, label) = card(h, 0);
        h.get_by_role_and_label(egui::accesskit::Role::Button, &label)
            .click_secondary();
        h.run();
        h.get_by_label("Kind").click();
        h.run();
        h.get_by_role_and_label(egui::accesskit::Role::RadioButton, to)
            .click();
        h.run();
    });

    // A person renamed, then merged into another, from the entity list.
    let people: Vec<String> = people_names(&h);
    assert!(people.len() >= 3, "the sample names several people");
    let renamed = format!("{} (renamed)", people[0]);
    with_undo_redo(&mut h, |h| {
        row_menu(h, &people[0], "Rename…");
        select_all(h);
        type_enter(h, &renamed);
    });
    assert!(
        app(&h)
            .article
            .analysis
            .people
            .iter()
            .any(|p| p.name == renamed)
    );
    let (from, into) = (people[2].clone(), people[1].clone());
    let mentions = |h: &Harness<'_, QuotelensApp>, n: &str| {
        app(h)
            .article
            .analysis
            .people
            .iter()
            .find(|p| p.name == n)
            .map(|p| p.mentions.len())
    };
    let total = mentions(&h, &from).unwrap() + mentions(&h, &into).unwrap();
    with_undo_redo(&mut h, |h| {
        row_menu(h, &from, "Merge into…");
        h.event(egui::Event::Text(into.clone()));
        h.run();
        h.get_by_label(&format!("{into}  ·  person")).click();
        h.run();
    });
    assert_eq!(mentions(&h, &from), None);
    assert_eq!(
        mentions(&h, &into),
        Some(total),
        "{:#?}",
        app(&h).article.review.sidecar.corrections.last()
    );

    // A mention split off, from the text's menu.
    let last = *app(&h)
        .article
        .analysis
        .people
        .iter()
        .find(|p| p.name == into)
        .unwrap()
        .mentions
        .last()
        .unwrap();
    with_undo_redo(&mut h, |h| {
        text_menu(h, last, "Split off…");
        select_all(h);
        type_enter(h, "Someone Else");
    });
    assert_eq!(mentions(&h, "Someone Else"), Some(1));

    // Not a person.
    let gone = app(&h).article.analysis.people.last().unwrap().name.clone();
    with_undo_redo(&mut h, |h| row_menu(h, &gone, "Not a person"));
    assert_eq!(mentions(&h, &gone), None);

    // A country renamed, and another not a country.
    let countries: Vec<String> = app(&h)
        .article
        .analysis
        .countries
        .iter()
        .map(|c| c.name.to_string())
        .collect();
    with_undo_redo(&mut h, |h| {
        row_menu(h, &countries[0], "Rename…");
        select_all(h);
        type_enter(h, "Renamed Country");
    });
    assert!(has_country(&h, "Renamed Country"));
    let last_country = countries.last().unwrap().clone();
    with_undo_redo(&mut h, |h| row_menu(h, &last_country, "Not a country"));
    assert!(!has_country(&h, &last_country));

    // A quote added from a selection: the last paragraph's first sentence, said by a person.
    let text = app(&h).article.text.clone();
    let sel = last_first_sentence(&h);
    let speaker = app(&h).article.analysis.people[0].name.clone();
    with_undo_redo(&mut h, |h| {
        h.state_mut().view.article.select_text(sel);
        text_menu(
            h,
            Span::new(sel.start, sel.start + 1),
            "Add reported speech…",
        );
        type_enter(h, &speaker);
    });
    let added = app(&h)
        .article
        .analysis
        .quotes
        .iter()
        .find(|q| q.span == sel)
        .expect("added");
    assert_eq!(added.kind, QuoteKind::Indirect);
    assert_eq!(
        added.speaker.as_ref().map(|s| s.name.as_str()),
        Some(speaker.as_str())
    );

    // A person and a country added from selections (two plain words).
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .filter(|(_, w)| w.chars().all(char::is_lowercase) && w.len() > 3)
        .collect();
    let (w0, w1) = (words[0], words[1]);
    with_undo_redo(&mut h, |h| {
        let s = Span::new(w0.0, w0.0 + w0.1.len());
        h.state_mut().view.article.select_text(s);
        text_menu(h, s, "Add person…");
        select_all(h);
        type_enter(h, "Added Person");
    });
    assert_eq!(mentions(&h, "Added Person"), Some(1));
    with_undo_redo(&mut h, |h| {
        let s = Span::new(w1.0, w1.0 + w1.1.len());
        h.state_mut().view.article.select_text(s);
        text_menu(h, s, "Add country…");
        select_all(h);
        type_enter(h, "Iceland");
    });
    assert!(has_country(&h, "Iceland"));

    // Unchecked only: the checked cards leave the panel.
    let flags = &app(&h).article.review.flags;
    let checked = (0..flags.checked.len())
        .find(|&qi| flags.checked[qi] && app(&h).article.analysis.quotes[qi].is_speech())
        .expect("a checked quote");
    let checked_label = label_of(&h, checked);
    assert!(h.query_all_by_label(&checked_label).count() > 0);
    h.get_by_label("Unchecked only").click();
    h.run();
    assert_eq!(h.query_all_by_label(&checked_label).count(), 0);

    // The review is in the data folder (the sample has no file), and a restart reads it back.
    let (status, why) = app(&h).article.review.status(Some(&data), false).unwrap();
    let path = app(&h).article.review.path.clone().unwrap();
    assert!(path.starts_with(data.join("reviews")));
    assert!(
        status.starts_with("Review saved in ") && status.ends_with(".quotelens.json"),
        "the status names where: {status}"
    );
    assert!(why.contains("the article has no file of its own"), "{why}");
    assert!(h.query_by_label(&status).is_some());
    let kept = reading(&h);
    let corrections = app(&h).article.review.sidecar.corrections.len();
    drop(h);
    let h = harness_in(&data);
    let (status, _) = app(&h).article.review.status(Some(&data), false).unwrap();
    assert!(
        status.starts_with("Review in "),
        "read at launch, not saved: {status}"
    );
    assert_eq!(reading(&h), kept, "the review survives a restart");
    assert_eq!(
        app(&h).article.review.sidecar.corrections.len(),
        corrections
    );
}

#[test]
fn a_damaged_review_is_reported_kept_and_replaced_only_on_request() {
    let data = common::scratch_dir("review-damaged");
    let sha = quotelens::review::sha256(quotelens::app::SAMPLE_TEXT);
    let path = quotelens::review::store::in_data_dir(&data, None, &sha);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        &path,
        "{\"schema\": \"quotelens.review/1\", \"corrections\": [",
    )
    .unwrap();
    let mut h = harness_in(&data);
    assert!(
        h.query_by_label_contains("The review is kept as it is and not used")
            .is_some()
    );
    // Corrections are off: the menu items are disabled, and the file is untouched.
    card_menu(&mut h, 0, "Mark checked");
    let (checked, _) = app(&h)
        .article
        .review
        .flags
        .checked_of(&app(&h).article.analysis);
    assert_eq!(checked, 0);
    assert!(std::fs::read_to_string(&path).unwrap().ends_with('['));
    h.key_press(egui::Key::Escape);
    h.run();
    h.get_by_label("Start a new review…").click();
    h.run();
    let mut bak = path.clone().into_os_string();
    bak.push(".bak");
    // It asks first; Cancel leaves everything as it was.
    assert!(h.query_by_label("Start a new review?").is_some());
    h.get_by_label("Cancel").click();
    h.run();
    assert!(
        !Path::new(&bak).exists() && path.exists(),
        "nothing moved on Cancel"
    );
    assert!(app(&h).article.review.blocked.is_some());
    h.get_by_label("Start a new review…").click();
    h.run();
    h.get_by_label("Move it aside and start anew").click();
    h.run();
    assert!(Path::new(&bak).exists(), "the old review is kept as .bak");
    card_menu(&mut h, 0, "Mark checked");
    h.state_mut().state.flush_review();
    let saved = std::fs::read_to_string(&path).expect("a new review is saved");
    assert!(quotelens::review::Sidecar::parse(saved.as_bytes()).is_ok());
}

/// Presses C on quote card `n` (focused first).
fn check_card(h: &mut Harness<'_, QuotelensApp>, n: usize) {
    let (_, label) = card(h, n);
    h.get_by_role_and_label(egui::accesskit::Role::Button, &label)
        .focus();
    h.run();
    h.key_press(egui::Key::C);
    h.run();
}

#[test]
fn a_new_users_review_of_the_sample_survives_a_restart_and_reaches_analyze() {
    let data = common::scratch_dir("review-new-user");
    let mut h = harness_in(&data);
    let engine = app(&h).article.engine.clone();
    // A wrong speaker fixed: card 0's quote given to another person of the article.
    let (qi, _) = card(&h, 0);
    let was = app(&h).article.analysis.quotes[qi]
        .speaker
        .as_ref()
        .map(|s| s.name.clone());
    let other = engine
        .people
        .iter()
        .map(|p| p.name.clone())
        .find(|n| Some(n) != was.as_ref())
        .unwrap();
    card_menu(&mut h, 0, "Change speaker…");
    h.get_by_label_contains(&format!("{other}  ·  person"))
        .click();
    h.run();
    // Two people merged, by dragging one's row onto the other's.
    let (from, into) = (engine.people[3].name.clone(), engine.people[2].name.clone());
    let a = h
        .get_by_role_and_label(egui::accesskit::Role::Button, &from)
        .rect()
        .center();
    let b = h
        .get_by_role_and_label(egui::accesskit::Role::Button, &into)
        .rect()
        .center();
    h.event(egui::Event::PointerMoved(a));
    h.run();
    h.event(egui::Event::PointerButton {
        pos: a,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    for k in 1..=6 {
        h.event(egui::Event::PointerMoved(a + (b - a) * (k as f32 / 6.0)));
        h.run();
    }
    h.event(egui::Event::PointerButton {
        pos: b,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    let names: Vec<String> = people_names(&h);
    assert!(!names.contains(&from) && names.contains(&into), "{names:?}");
    // One un-personed (the last listed).
    let gone = names.last().unwrap().clone();
    row_menu(&mut h, &gone, "Not a person");
    // A quote added: the last paragraph's first sentence, said by the first person.
    let text = app(&h).article.text.clone();
    let sel = last_first_sentence(&h);
    h.state_mut().view.article.select_text(sel);
    text_menu(&mut h, Span::new(sel.start, sel.start + 1), "Add quote…");
    type_enter(&mut h, &engine.people[0].name);
    // Six quotes checked.
    for n in 0..6 {
        check_card(&mut h, n);
    }
    let a = &app(&h).article;
    assert_eq!(a.review.flags.checked_of(&a.analysis).0, 6);
    assert_eq!(a.review.unsaved, None);
    let kept = reading(&h);
    drop(h);
    // A restart shows the same review.
    let h = harness_in(&data);
    assert_eq!(reading(&h), kept);
    // And so does `quotelens analyze --json` on the sample's file.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_quotelens"))
        .args(["analyze", "--json", "assets/sample-article.txt"])
        .env("QUOTELENS_DATA_DIR", &data)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let quotes = json["quotes"].as_array().unwrap();
    assert_eq!(quotes.iter().filter(|q| q["checked"] == true).count(), 6);
    let people: Vec<&str> = json["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(people.len(), engine.people.len() - 2);
    assert!(!people.contains(&from.as_str()) && !people.contains(&gone.as_str()));
    let added = quotes
        .iter()
        .find(|q| q["text"] == text[sel.start..sel.end])
        .unwrap();
    assert_eq!(added["reviewed"], true);
    assert_eq!(added["speaker"]["name"], engine.people[0].name.as_str());
    let fixed = quotes
        .iter()
        .filter(|q| q["reviewed"] == true && q["speaker"]["name"] == other.as_str())
        .count();
    assert!(fixed >= 1);
}

#[test]
fn corrections_a_changed_article_cannot_place_are_listed_and_kept() {
    let dir = common::scratch_dir("review-unplaced");
    let article = dir.join("harbour.txt");
    std::fs::copy(common::app::INVENTED, &article).unwrap();
    let mut h = harness_in(&dir);
    h.state_mut().state.open_path(&article);
    h.state_mut()
        .state
        .finish_loading(std::time::Duration::from_mins(1));
    h.run();
    // Two corrections: a rename of the first person, and the first quote checked.
    let first = app(&h).article.analysis.people[0].name.clone();
    row_menu(&mut h, &first, "Rename…");
    select_all(&mut h);
    type_enter(&mut h, "Renamed Person");
    card_menu(&mut h, 0, "Mark checked");
    assert_eq!(app(&h).article.review.sidecar.corrections.len(), 2);
    drop(h);
    // The article changes: the person's first mention is rewritten.
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replacen(&first, "Somebody Else", 1)).unwrap();
    let mut h = harness_in(&dir);
    h.state_mut().state.open_path(&article);
    h.state_mut()
        .state
        .finish_loading(std::time::Duration::from_mins(1));
    h.run();
    assert!(
        h.query_by_label("Some corrections could not be placed")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("renamed Renamed Person")
            .is_some()
    );
    h.get_by_label("OK").click();
    h.run();
    assert!(
        h.query_by_label("Some corrections could not be placed")
            .is_none()
    );
    let a = &app(&h).article;
    assert_eq!(
        a.review.flags.checked_of(&a.analysis).0,
        1,
        "the other still applies"
    );
    // Kept in the file, even after another correction is saved.
    card_menu(&mut h, 1, "Mark checked");
    h.state_mut().state.flush_review();
    let saved = std::fs::read_to_string(quotelens::review::store::beside(&article)).unwrap();
    assert!(saved.contains("Renamed Person"));
    assert_eq!(
        std::fs::read_to_string(&article).unwrap(),
        text.replacen(&first, "Somebody Else", 1)
    );
}

#[test]
fn f2_on_a_focused_row_renames_and_escape_cancels() {
    let data = common::scratch_dir("review-f2");
    let mut h = harness_in(&data);
    let first = app(&h).article.analysis.people[0].name.clone();
    h.get_by_role_and_label(egui::accesskit::Role::Button, &first)
        .focus();
    h.run();
    h.key_press(egui::Key::F2);
    h.run();
    assert!(h.query_by_label(&format!("Rename {first}")).is_some());
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label(&format!("Rename {first}")).is_none());
    assert!(app(&h).article.review.sidecar.corrections.is_empty());
    h.get_by_role_and_label(egui::accesskit::Role::Button, &first)
        .focus();
    h.run();
    h.key_press(egui::Key::F2);
    select_all(&mut h);
    type_enter(&mut h, "Another Name");
    assert_eq!(app(&h).article.analysis.people[0].name, "Another Name");
}

/// Whether quote `qi` shows as checked.
fn checked(h: &Harness<'_, QuotelensApp>, qi: usize) -> bool {
    app(h)
        .article
        .review
        .flags
        .checked
        .get(qi)
        .copied()
        .unwrap_or(false)
}

/// Runs frames until `done` holds (the window looks at its review file on every frame here),
/// for at most 10 s: the saver thread's reply can take a while on a loaded machine (CI's two
/// cores), and a slow reply is no failure; none at all is.
fn run_until(h: &mut Harness<'_, QuotelensApp>, done: impl Fn(&Harness<'_, QuotelensApp>) -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::time::Instant::now() < deadline {
        if done(h) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run();
    }
    assert!(
        done(h),
        "the window did not take the other window's corrections"
    );
}

#[test]
fn two_windows_on_one_article_keep_both_reviewers_corrections() {
    let data = common::scratch_dir("review-two-windows");
    let mut a = harness_in(&data);
    let mut b = harness_in(&data);
    for h in [&mut a, &mut b] {
        h.state_mut().state.review_poll = std::time::Duration::ZERO;
    }
    let (q0, _) = card(&a, 0);
    let (q1, _) = card(&b, 1);
    // Each window checks one quote, B without having seen A's check first.
    check_card(&mut a, 0);
    a.state_mut().state.flush_review();
    assert!(checked(&a, q0) && !checked(&b, q0));
    b.state_mut().state.review_poll = std::time::Duration::from_hours(1);
    check_card(&mut b, 1);
    run_until(&mut b, |h| checked(h, q0));
    assert!(checked(&b, q1), "B's save merged A's check in");
    let notice = app(&b).notice.clone().unwrap_or_default();
    assert!(
        notice.starts_with("1 correction from another window: “"),
        "{notice}"
    );
    // A notices B's save by itself.
    run_until(&mut a, |h| checked(h, q1));
    assert!(checked(&a, q0));
    for h in [&a, &b] {
        assert_eq!(app(h).article.review.sidecar.corrections.len(), 2);
    }
    // Undo in A undoes A's check only, and B follows.
    undo(&mut a);
    assert!(!checked(&a, q0) && checked(&a, q1));
    let undo_again = app(&a).article.review.sidecar.corrections.len();
    undo(&mut a);
    assert_eq!(
        app(&a).article.review.sidecar.corrections.len(),
        undo_again,
        "B's check is not A's to undo"
    );
    b.state_mut().state.review_poll = std::time::Duration::ZERO;
    run_until(&mut b, |h| !checked(h, q0));
    assert!(checked(&b, q1), "B keeps its own check");
    // What is on disk is what both show.
    a.state_mut().state.flush_review();
    b.state_mut().state.flush_review();
    let path = app(&a).article.review.path.clone().unwrap();
    let on_disk = quotelens::review::Sidecar::parse(&std::fs::read(path).unwrap()).unwrap();
    assert_eq!(
        on_disk.corrections,
        app(&b).article.review.sidecar.corrections
    );
    assert_eq!(on_disk.corrections.len(), 1);
    assert_eq!(on_disk.undone.len(), 1);
}

/// The speaker the review gives quote `qi` now.
fn speaker_of(h: &Harness<'_, QuotelensApp>, qi: usize) -> Option<String> {
    app(h).article.analysis.quotes[qi]
        .speaker
        .as_ref()
        .map(|s| s.name.clone())
}

#[test]
fn enter_in_the_speaker_picker_takes_the_highlighted_row_and_a_new_name_is_its_own_row() {
    let data = common::scratch_dir("review-picker");
    let mut h = harness_in(&data);
    let first = app(&h).article.analysis.people[0].name.clone();
    let prefix: String = first.chars().take(3).collect();
    let names: Vec<String> = app(&h)
        .article
        .candidates("", usize::MAX)
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert!(
        !names.iter().any(|n| n.eq_ignore_ascii_case(&prefix)),
        "no speaker is called {prefix}"
    );

    // Typing part of a name and pressing Enter picks the highlighted (first) match.
    let (q0, _) = card(&h, 0);
    card_menu(&mut h, 0, "Change speaker…");
    type_enter(&mut h, &prefix);
    assert_eq!(
        speaker_of(&h, q0),
        Some(first.clone()),
        "not the typed “{prefix}”"
    );

    // ↓ moves the highlight: the next row, which is another match or the new name.
    let rows = app(&h).article.speaker_rows(&prefix, 40);
    assert_eq!(
        rows.first().map(quotelens::app::review::SpeakerRow::label),
        Some(format!("{first}  ·  person"))
    );
    assert_eq!(
        rows.last().map(quotelens::app::review::SpeakerRow::label),
        Some(format!("New speaker “{prefix}”")),
        "creating a name is the explicit last row"
    );
    let (q1, _) = card(&h, 1);
    card_menu(&mut h, 1, "Change speaker…");
    h.run();
    h.event(egui::Event::Text(prefix.clone()));
    h.run();
    assert!(
        h.query_by_label(&format!("New speaker “{prefix}”"))
            .is_some()
    );
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(speaker_of(&h, q1), Some(rows[1].named().name));

    // A name nobody has: its row is the only one, and Enter creates that person.
    let (q2, _) = card(&h, 2);
    card_menu(&mut h, 2, "Change speaker…");
    type_enter(&mut h, "Zora Quennell");
    assert_eq!(speaker_of(&h, q2).as_deref(), Some("Zora Quennell"));
}

#[test]
fn a_frame_never_waits_on_a_slow_disk() {
    let data = common::scratch_dir("review-slow-disk");
    let mut h = harness_in(&data);
    // Every save and look takes 600 ms, as on a slow network share.
    h.state_mut().state.saver =
        quotelens::app::saver::Saver::new(std::time::Duration::from_millis(600));
    let (qi, label) = card(&h, 0);
    h.get_by_role_and_label(egui::accesskit::Role::Button, &label)
        .focus();
    h.run();
    h.key_press(egui::Key::C);
    let started = std::time::Instant::now();
    h.step();
    h.step();
    let frames = started.elapsed();
    assert!(checked(&h, qi), "the check shows at once");
    assert!(
        frames < std::time::Duration::from_millis(300),
        "two frames took {frames:?} while the disk was busy"
    );
    assert!(h.state().state.saver.busy(), "the save is still out");
    // It lands: the disk holds the check.
    h.state_mut().state.flush_review();
    let path = app(&h).article.review.path.clone().expect("saved");
    let on_disk = quotelens::review::Sidecar::parse(&std::fs::read(path).unwrap()).unwrap();
    assert_eq!(on_disk.corrections.len(), 1);
}

/// The words of quote `qi`.
fn words_of(h: &Harness<'_, QuotelensApp>, qi: usize) -> String {
    let art = &app(h).article;
    let q = &art.analysis.quotes[qi];
    art.text[q.span.start..q.span.end].to_string()
}

#[test]
fn a_quotes_words_move_by_words_from_its_card_as_one_undoable_correction() {
    let data = common::scratch_dir("review-span");
    let mut h = harness_in(&data);
    let (qi, label) = card(&h, 0);
    let before = words_of(&h, qi);
    let start = app(&h).article.analysis.quotes[qi].span.start;
    h.get_by_role_and_label(egui::accesskit::Role::Button, &label)
        .focus();
    h.run();
    // Shift+← twice: the last two words go; one correction in the review.
    for _ in 0..2 {
        h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::ArrowLeft);
        h.run();
    }
    let qi = (0..app(&h).article.analysis.quotes.len())
        .find(|&i| app(&h).article.analysis.quotes[i].span.start == start)
        .expect("the quote starts where it did");
    let after = words_of(&h, qi);
    let kept: Vec<&str> = before.split_whitespace().collect();
    assert!(kept.len() > 2, "{before}");
    assert!(
        after.starts_with(kept[..kept.len() - 2].join(" ").trim_end_matches(',')),
        "{before} → {after}"
    );
    assert!(after.len() < before.len());
    assert!(app(&h).article.review.flags.quotes[qi], "marked corrected");
    let log = &app(&h).article.review.sidecar.corrections;
    assert_eq!(log.len(), 1, "two keystrokes, one correction");
    assert!(matches!(
        log[0].correction,
        quotelens::review::Correction::Span { .. }
    ));
    // Undo: the words as they were.
    undo(&mut h);
    assert_eq!(words_of(&h, qi), before);
    assert!(app(&h).article.review.sidecar.corrections.is_empty());
}

#[test]
fn several_picked_mentions_are_said_to_name_one_person_in_one_correction() {
    let data = common::scratch_dir("review-reassign");
    let mut h = harness_in(&data);
    let people = people_names(&h);
    let two: Vec<(String, Span)> = app(&h)
        .article
        .analysis
        .people
        .iter()
        .take(2)
        .map(|p| (p.name.clone(), *p.mentions.last().unwrap()))
        .collect();
    // Ctrl+click a mention of each of the first two people.
    for (_, span) in &two {
        h.state_mut().state.jump = Some(quotelens::app::Jump {
            span: *span,
            anchor: quotelens::app::Anchor::Third,
        });
        h.run();
        let art = &app(&h).article;
        let rect = h
            .state()
            .view
            .article
            .span_rect(&art.text, &art.analysis.paragraphs, *span)
            .expect("on screen");
        h.event(egui::Event::ModifiersChanged(egui::Modifiers::COMMAND));
        common::app::click_at(&mut h, rect.center());
        h.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
        h.run();
    }
    assert_eq!(app(&h).picked.0.len(), 2, "two mentions picked");
    assert!(h.query_by_label_contains("2 mentions picked").is_some());
    // Right-click one: "These 2 mentions are…", a new name, Enter.
    text_menu(&mut h, two[0].1, "These 2 mentions are…");
    type_enter(&mut h, "Ida Norum");
    let after = people_names(&h);
    assert!(after.contains(&"Ida Norum".to_string()), "{after:?}");
    let ida = app(&h)
        .article
        .analysis
        .people
        .iter()
        .find(|p| p.name == "Ida Norum")
        .unwrap();
    assert_eq!(ida.mentions.len(), 2);
    assert_eq!(app(&h).article.review.sidecar.corrections.len(), 1);
    assert!(app(&h).picked.0.is_empty(), "the picks are let go");
    undo(&mut h);
    assert_eq!(people_names(&h), people);
    // Part of a known name and Enter: that person, not a new one called that.
    let (first_name, second_mention) = (two[0].0.clone(), two[1].1);
    let prefix: String = first_name.chars().take(3).collect();
    let ctx = h.ctx.clone();
    h.state_mut().state.apply_commands(
        &ctx,
        vec![quotelens::app::Command::PickMention(second_mention)],
    );
    h.run();
    text_menu(&mut h, second_mention, "This mention is…");
    type_enter(&mut h, &prefix);
    assert_eq!(
        people_names(&h).len(),
        people.len(),
        "no new person “{prefix}”"
    );
    let first = app(&h)
        .article
        .analysis
        .people
        .iter()
        .find(|p| p.name == first_name)
        .unwrap();
    assert!(
        first.mentions.contains(&second_mention),
        "the mention went to {first_name}"
    );
}
