//! The reader as a user drives it, through `egui_kittest`: find, stepping through an entity,
//! keyboard scrolling, where an article opens, narrow windows, the occurrence strip, the
//! overview, reported speech, the legend and the zoom. Every article here is invented.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a failed test"
)]

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotelens::analysis::{EntityRef, QuoteKind, Span};
use quotelens::app::{Command, Settings};
use quotelens::window::QuotelensApp;

mod common;
use common::app::{
    click_at, first_mention_rect, harness_invented_with, harness_settings, harness_with, on_screen,
    person,
};

/// A filler paragraph: no names, no countries, no quotation.
const FILLER: &str = "The works programme covers the roads, the drains and the schedule of \
    repairs for the coming year, with a budget that the council will review in the spring.";

/// An invented council report: 80 filler paragraphs, then three meetings at which Marta Quell
/// speaks once each (her name three times, three quotations), each followed by 25 fillers.
fn long_article() -> String {
    let mut t = String::from("Council works report\n\n");
    for _ in 0..80 {
        t += FILLER;
        t += "\n\n";
    }
    for meeting in ["March", "June", "October"] {
        t += "\u{201c}We will finish the bridge before the winter,\u{201d} said Marta Quell, \
              the works director, at the ";
        t += meeting;
        t += " meeting.\n\n";
        for _ in 0..25 {
            t += FILLER;
            t += "\n\n";
        }
    }
    t
}

/// The harness at `size` with `text` opened from a file `name` in a scratch folder.
fn open_text(
    size: egui::Vec2,
    dir: &std::path::Path,
    name: &str,
    text: &str,
) -> Harness<'static, QuotelensApp> {
    let mut h = harness_with(size, 200);
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    h.state_mut().state.open_path(&path);
    h.state_mut()
        .state
        .finish_loading(std::time::Duration::from_mins(1));
    h.run();
    assert_eq!(h.state().state.error, None);
    h
}

fn key(h: &mut Harness<'_, QuotelensApp>, modifiers: egui::Modifiers, key: egui::Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

fn offset(h: &Harness<'_, QuotelensApp>) -> f32 {
    h.state().view.article.offset()
}

#[test]
fn find_counts_hits_steps_through_them_and_closes() {
    let mut h = harness_invented_with(egui::vec2(1400.0, 1000.0), 50);
    key(&mut h, egui::Modifiers::COMMAND, egui::Key::F);
    assert!(h.state().state.find.is_some(), "Ctrl+F opens the find bar");
    // The field has the focus: typing goes into it. "channel" is in the text three times, in
    // lower case, twice inside a quotation.
    h.event(egui::Event::Text("CHANNEL".into()));
    h.run();
    assert!(
        h.query_by_label("1 of 3").is_some(),
        "case-insensitive count"
    );
    key(&mut h, egui::Modifiers::NONE, egui::Key::Enter);
    assert!(h.query_by_label("2 of 3").is_some(), "Enter: next");
    key(&mut h, egui::Modifiers::SHIFT, egui::Key::Enter);
    assert!(
        h.query_by_label("1 of 3").is_some(),
        "Shift+Enter: previous"
    );
    key(&mut h, egui::Modifiers::SHIFT, egui::Key::F3);
    assert!(
        h.query_by_label("3 of 3").is_some(),
        "Shift+F3 wraps to the last"
    );
    key(&mut h, egui::Modifiers::NONE, egui::Key::F3);
    assert!(
        h.query_by_label("1 of 3").is_some(),
        "F3 wraps to the first"
    );
    // The hit shown is painted on screen.
    let hit = h
        .state()
        .state
        .find
        .as_ref()
        .and_then(quotelens::app::find::Find::current_hit)
        .expect("a hit");
    let text = &h.state().state.article.text;
    assert_eq!(text[hit.start..hit.end].to_lowercase(), "channel");
    assert!(on_screen(&h, hit, 1000.0));
    // Options: match case finds none in capitals; within quotes only the quoted one.
    h.get_by_label("Match case").click();
    h.run();
    assert!(h.query_by_label("No matches").is_some());
    h.get_by_label("Match case").click();
    h.get_by_label("In quotes only").click();
    h.run();
    assert!(
        h.query_by_label("1 of 2").is_some(),
        "two inside quotations"
    );
    key(&mut h, egui::Modifiers::NONE, egui::Key::Escape);
    assert!(h.state().state.find.is_none(), "Esc closes it");
}

#[test]
fn selecting_an_entity_goes_to_its_first_mention_and_steps_through_the_rest() {
    const HEIGHT: f32 = 800.0;
    let dir = common::scratch_dir("reader-step");
    let mut h = open_text(
        egui::vec2(1400.0, HEIGHT),
        &dir,
        "report.txt",
        &long_article(),
    );
    let quell = person(&h, "Marta Quell");
    let mentions = h.state().state.article.analysis.people[quell]
        .mentions
        .clone();
    assert_eq!(mentions.len(), 3);
    assert!(!on_screen(&h, mentions[0], HEIGHT), "far down at first");
    h.get_by_label("Marta Quell").click();
    h.run();
    assert_eq!(h.state().state.selected, Some(EntityRef::Person(quell)));
    assert!(
        on_screen(&h, mentions[0], HEIGHT),
        "scrolled to the first mention"
    );
    // Three mentions and three quotations.
    assert!(h.query_by_label("1 of 6").is_some());
    key(&mut h, egui::Modifiers::NONE, egui::Key::CloseBracket);
    key(&mut h, egui::Modifiers::NONE, egui::Key::CloseBracket);
    assert!(h.query_by_label("3 of 6").is_some());
    let third = h.state().state.stops[2];
    assert!(on_screen(&h, third, HEIGHT));
    assert!(
        !on_screen(&h, mentions[0], HEIGHT),
        "the second meeting is a screen away from the first"
    );
    key(&mut h, egui::Modifiers::ALT, egui::Key::ArrowUp);
    assert!(h.query_by_label("2 of 6").is_some(), "Alt+Up: back");
    h.get_by_label("›").click();
    h.run();
    assert!(h.query_by_label("3 of 6").is_some(), "the chip's arrow");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_keyboard_scrolls_the_article() {
    let dir = common::scratch_dir("reader-keys");
    let mut h = open_text(
        egui::vec2(1400.0, 800.0),
        &dir,
        "report.txt",
        &long_article(),
    );
    assert!(offset(&h).abs() < 0.5, "opens at the top");
    key(&mut h, egui::Modifiers::NONE, egui::Key::PageDown);
    let page = offset(&h);
    assert!((400.0..800.0).contains(&page), "a page down: {page}");
    key(&mut h, egui::Modifiers::NONE, egui::Key::Space);
    assert!((offset(&h) - 2.0 * page).abs() < 1.0, "Space: another page");
    key(&mut h, egui::Modifiers::SHIFT, egui::Key::Space);
    assert!((offset(&h) - page).abs() < 1.0, "Shift+Space: a page back");
    key(&mut h, egui::Modifiers::NONE, egui::Key::ArrowDown);
    let line = offset(&h) - page;
    assert!((20.0..100.0).contains(&line), "Down: a line or two: {line}");
    key(&mut h, egui::Modifiers::NONE, egui::Key::ArrowUp);
    assert!((offset(&h) - page).abs() < 1.0, "Up: back");
    key(&mut h, egui::Modifiers::NONE, egui::Key::End);
    let end = offset(&h);
    assert!(end > 10.0 * page, "End: the bottom ({end})");
    let text = h.state().state.article.text.clone();
    let last = h
        .state()
        .state
        .article
        .analysis
        .paragraphs
        .last()
        .copied()
        .unwrap();
    assert!(
        on_screen(&h, last, 800.0),
        "the last paragraph shows: {}",
        &text[last.start..last.start + 20]
    );
    key(&mut h, egui::Modifiers::NONE, egui::Key::PageUp);
    assert!(offset(&h) < end, "PageUp");
    key(&mut h, egui::Modifiers::NONE, egui::Key::Home);
    assert!(offset(&h).abs() < 0.5, "Home: the top");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_new_article_opens_at_its_top_and_a_reopened_one_where_it_was_left() {
    let dir = common::scratch_dir("reader-position");
    let mut h = open_text(egui::vec2(1400.0, 800.0), &dir, "a.txt", &long_article());
    for _ in 0..6 {
        key(&mut h, egui::Modifiers::NONE, egui::Key::PageDown);
    }
    let left_at = h
        .state()
        .view
        .article
        .top_byte(&h.state().state.article.analysis)
        .unwrap();
    assert!(left_at > 0);
    // Another article opens at its top, not at the scroll position of the one before.
    let b = dir.join("b.txt");
    std::fs::write(&b, long_article().replace("Marta Quell", "Ruth Amsel")).unwrap();
    h.state_mut().state.open_path(&b);
    h.state_mut()
        .state
        .finish_loading(std::time::Duration::from_mins(1));
    h.run();
    assert!(offset(&h).abs() < 0.5, "b opens at its top");
    // Reopening the first from the recent files restores its position.
    let a = h.state().state.settings.recent[1].clone();
    assert!(a.is_absolute() && a.ends_with("a.txt"), "{}", a.display());
    h.state_mut().commands.push(Command::Open(a.clone()));
    h.run();
    h.state_mut()
        .state
        .finish_loading(std::time::Duration::from_mins(1));
    h.run();
    let top = |h: &Harness<'_, QuotelensApp>| {
        h.state()
            .view
            .article
            .top_byte(&h.state().state.article.analysis)
    };
    assert_eq!(top(&h), Some(left_at), "a reopens where it was left");
    // And so does a later launch with the saved settings.
    let saved: Settings =
        serde_json::from_str(&serde_json::to_string(&h.state().state.settings).unwrap()).unwrap();
    let mut later = harness_settings(egui::vec2(1400.0, 800.0), 200, saved);
    later.run();
    later.state_mut().state.open_path(&a);
    later
        .state_mut()
        .state
        .finish_loading(std::time::Duration::from_mins(1));
    later.run();
    assert_eq!(top(&later), Some(left_at), "restored across launches");
    std::fs::remove_dir_all(&dir).ok();
}

/// Checks that every paragraph painted lies inside the article's area, clear of both panels,
/// and that no two overlap.
fn assert_clean_layout(h: &Harness<'_, QuotelensApp>, width: f32) {
    let layout = h.state().view.layout;
    let rects = h.state().view.article.painted_rects();
    assert!(!rects.is_empty(), "{width}: paragraphs painted");
    for r in &rects {
        assert!(
            r.min.x >= layout.article.min.x && r.max.x <= layout.strip.min.x,
            "{width}: paragraph {r:?} outside the article {:?}",
            layout.article
        );
        assert!(
            !r.intersects(layout.entities) && !r.intersects(layout.quotes),
            "{width}: under a panel"
        );
    }
    for w in rects.windows(2) {
        assert!(
            w[1].min.y >= w[0].max.y - 0.5,
            "{width}: {:?} overlaps {:?}",
            w[0],
            w[1]
        );
    }
}

#[test]
fn narrow_windows_keep_the_article_clear_of_the_panels() {
    for width in [640.0, 800.0, 1024.0, 1920.0] {
        let h = harness_invented_with(egui::vec2(width, 800.0), 50);
        assert_clean_layout(&h, width);
        let quotes_shown = h.state().state.settings.panels.quotes;
        assert_eq!(
            quotes_shown,
            width >= 900.0,
            "{width}: the quote panel collapses below 900"
        );
    }
}

#[test]
fn a_resize_never_shows_overlapping_paragraphs() {
    let mut h = harness_invented_with(egui::vec2(1920.0, 900.0), 50);
    // One frame after each resize: the paragraphs are measured before they are painted.
    for width in [800.0, 1400.0, 640.0, 1024.0] {
        h.set_size(egui::vec2(width, 900.0));
        h.step();
        assert_clean_layout(&h, width);
    }
    // Widening again brings back the quote panel that narrowing collapsed.
    h.run();
    assert!(h.state().state.settings.panels.quotes);
}

#[test]
fn panels_collapse_and_open_with_their_chevrons() {
    let mut h = harness_with(egui::vec2(1400.0, 800.0), 50);
    h.run();
    h.get_by_label("»").click(); // The quote panel's chevron.
    h.run();
    assert!(!h.state().state.settings.panels.quotes);
    assert!(h.state().view.layout.quotes.width() < 40.0);
    // Its collapsed strip's chevron opens it; the entity list collapses and opens alike.
    h.get_all_by_label("«")
        .last()
        .expect("two chevrons")
        .click();
    h.run();
    assert!(h.state().state.settings.panels.quotes);
    h.get_by_label("«").click();
    h.run();
    assert!(!h.state().state.settings.panels.entities);
    assert!(h.state().view.layout.entities.width() < 40.0);
    // Both chevrons now point right: the collapsed list's comes first.
    h.get_all_by_label("»").next().expect("chevron").click();
    h.run();
    assert!(h.state().state.settings.panels.entities);
}

#[test]
fn a_click_on_the_occurrence_strip_jumps_to_that_quote() {
    const HEIGHT: f32 = 800.0;
    let dir = common::scratch_dir("reader-strip");
    let mut h = open_text(
        egui::vec2(1400.0, HEIGHT),
        &dir,
        "report.txt",
        &long_article(),
    );
    let last = h.state().state.article.analysis.quotes.last().unwrap().span;
    assert!(!on_screen(&h, last, HEIGHT));
    let strip = h.state().view.layout.strip;
    let analysis = h.state().state.article.analysis.clone();
    let y = strip.top()
        + h.state_mut()
            .view
            .article
            .fraction_of(&analysis, last.start)
            * strip.height();
    click_at(&mut h, egui::pos2(strip.center().x, y));
    assert!(on_screen(&h, last, HEIGHT), "the last quotation is shown");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_click_on_an_overview_bar_selects_that_person() {
    let mut h = harness_invented_with(egui::vec2(1400.0, 1000.0), 50);
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Overview…").click();
    h.run();
    assert!(
        h.query_all_by_label_contains("only mentioned")
            .next()
            .is_some(),
        "the overview is open"
    );
    let berg = EntityRef::Person(person(&h, "Tomas Berg"));
    let bar = h
        .state()
        .view
        .overview
        .bars
        .iter()
        .find(|(e, _)| *e == berg)
        .map(|(_, r)| *r)
        .expect("a bar for Berg");
    click_at(&mut h, bar.center());
    assert_eq!(h.state().state.selected, Some(berg));
}

#[test]
fn a_reported_speech_card_flashes_its_words_in_the_text() {
    let mut h = harness_invented_with(egui::vec2(1400.0, 1000.0), 50);
    let a = &h.state().state.article.analysis;
    let reported = a
        .quotes
        .iter()
        .find(|q| q.kind == QuoteKind::Indirect)
        .expect("reported speech");
    let words = h.state().state.article.text[reported.span.start..reported.span.end].to_string();
    let span: Span = reported.span;
    h.get_by_role_and_label(egui::accesskit::Role::Button, &words)
        .click();
    h.run();
    assert_eq!(h.state().state.flash.map(|(s, _)| s), Some(span));
}

#[test]
fn the_legend_switches_demonyms_and_reported_speech_on_their_own() {
    let mut h = harness_with(egui::vec2(1400.0, 1000.0), 50);
    h.run();
    h.get_by_label("Demonyms · capitals").click();
    h.get_by_label("Reported speech").click();
    h.run();
    let t = h.state().state.settings.toggles;
    assert!(!t.demonyms && !t.reported && t.countries && t.quotes);
}

#[test]
fn panel_text_follows_the_zoom_and_card_details_are_readable() {
    let mut h = harness_invented_with(egui::vec2(1400.0, 1000.0), 50);
    // Heights in physical pixels (the harness draws one pixel per point at 100 %).
    let px = |h: &Harness<'_, QuotelensApp>, label: &str| {
        let node = h.get_all_by_label_contains(label).next().expect(label);
        node.rect().height() * h.ctx.pixels_per_point()
    };
    let height = |h: &Harness<'_, QuotelensApp>| px(h, "reported speech — ");
    let at_100 = height(&h);
    assert!(at_100 >= 12.0, "card details at 100 %: {at_100} px");
    key(&mut h, egui::Modifiers::COMMAND, egui::Key::Plus);
    key(&mut h, egui::Modifiers::COMMAND, egui::Key::Plus);
    assert!(h.ctx.zoom_factor() > 1.15);
    let header = px(&h, "Who said what");
    assert!(
        height(&h) > at_100 * 1.15,
        "the card text grows with the zoom"
    );
    key(&mut h, egui::Modifiers::COMMAND, egui::Key::Num0);
    assert!(px(&h, "Who said what") < header, "and the panel headings");
}

#[test]
fn the_entity_list_filter_keeps_matching_names() {
    let mut h = harness_invented_with(egui::vec2(1400.0, 1000.0), 50);
    assert!(h.query_by_label("Tomas Berg").is_some());
    h.get_by_label("Filter:").click();
    h.run();
    h.event(egui::Event::Text("mart".into()));
    h.run();
    assert!(h.query_by_label("Ilse Marten").is_some());
    assert!(h.query_by_label("Tomas Berg").is_none(), "filtered out");
}

#[test]
fn hovering_a_person_uses_the_panels_count_words() {
    let mut h = harness_invented_with(egui::vec2(1400.0, 1000.0), 50);
    let rect = first_mention_rect(&h, "Ilse Marten");
    h.event(egui::Event::PointerMoved(rect.center()));
    h.run();
    // Three quotations and one reported statement: the words of the panel header, not "4 quotes".
    assert!(
        h.query_by_label("Ilse Marten — person, 3 mentions, 3 quotes · 1 reported")
            .is_some()
    );
    assert!(
        h.query_by_label("Ilse Marten · 3 quotes · 1 reported")
            .is_some()
    );
}

#[test]
fn tab_reaches_the_entity_rows_and_enter_selects() {
    let mut h = harness_invented_with(egui::vec2(1400.0, 1000.0), 50);
    let berg = person(&h, "Tomas Berg");
    let mut reached = false;
    for _ in 0..40 {
        key(&mut h, egui::Modifiers::NONE, egui::Key::Tab);
        if h.get_by_label("Tomas Berg").is_focused() {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab reaches the row");
    key(&mut h, egui::Modifiers::NONE, egui::Key::Enter);
    assert_eq!(h.state().state.selected, Some(EntityRef::Person(berg)));
}

#[test]
fn tab_reaches_the_quote_cards_and_enter_shows_the_quote() {
    let mut h = harness_invented_with(egui::vec2(1400.0, 1000.0), 50);
    let card = "“The survey is ten years old,”";
    let mut reached = false;
    for _ in 0..60 {
        key(&mut h, egui::Modifiers::NONE, egui::Key::Tab);
        if h.get_by_role_and_label(egui::accesskit::Role::Button, card)
            .is_focused()
        {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab reaches the card");
    key(&mut h, egui::Modifiers::NONE, egui::Key::Enter);
    let survey = h
        .state()
        .state
        .article
        .analysis
        .quotes
        .iter()
        .find(|q| h.state().state.article.text[q.span.start..q.span.end].starts_with("The survey"))
        .map(quotelens::analysis::Quote::outer)
        .expect("the quote");
    assert_eq!(
        h.state().state.flash.map(|(s, _)| s),
        Some(survey),
        "shown and flashed"
    );
}

/// The drawn widths of the entity list and the quote panel.
fn panel_widths(h: &Harness<'_, QuotelensApp>) -> (f32, f32) {
    let l = h.state().view.layout;
    (l.entities.width(), l.quotes.width())
}

#[test]
fn panels_grow_back_after_a_narrow_window_and_keep_the_width_dragged_to() {
    let mut h = harness_with(egui::vec2(1400.0, 800.0), 50);
    h.run();
    let (e0, q0) = panel_widths(&h);
    assert!(
        (e0 - 220.0).abs() < 2.0 && (q0 - 380.0).abs() < 2.0,
        "{e0} {q0}"
    );
    // Narrowed to 640 px, then the quote panel opened: the entity list gives way, and the
    // article keeps a readable column.
    h.set_size(egui::vec2(640.0, 800.0));
    h.run();
    h.state_mut().state.settings.panels.quotes = true;
    h.run();
    let (e, q) = panel_widths(&h);
    assert!(e < 40.0, "the entity list collapsed for now ({e})");
    assert!(q >= 220.0, "{q}");
    let article = h.state().view.layout.article.width();
    // 360 px between the panels, less the central panel's margins.
    assert!(article >= 340.0, "the article keeps {article} px ({e} {q})");
    assert!(
        h.state().state.settings.panels.entities,
        "not a choice of the reader's"
    );
    // Widened again: both panels as they were.
    h.set_size(egui::vec2(1400.0, 800.0));
    h.run();
    assert_eq!(panel_widths(&h), (e0, q0), "the panels grow back");
    // The reader drags the entity list's edge 80 px out: that width is kept.
    let edge = h.state().view.layout.entities.right_center();
    h.hover_at(edge);
    h.step();
    h.drag_at(edge);
    h.step();
    for dx in [20.0, 40.0, 60.0, 80.0] {
        h.hover_at(edge + egui::vec2(dx, 0.0));
        h.step();
    }
    h.drop_at(edge + egui::vec2(80.0, 0.0));
    h.run();
    let dragged = h.state().state.settings.widths.entities;
    assert!((dragged - (e0 + 80.0)).abs() < 3.0, "remembered {dragged}");
    assert!((panel_widths(&h).0 - dragged).abs() < 1.0);
    // Through a narrow window and back, and into the next launch.
    h.set_size(egui::vec2(800.0, 800.0));
    h.run();
    h.set_size(egui::vec2(1400.0, 800.0));
    h.run();
    assert!((panel_widths(&h).0 - dragged).abs() < 1.0);
    let settings = h.state().state.settings.clone();
    let mut next = harness_settings(egui::vec2(1400.0, 800.0), 50, settings);
    next.run();
    assert!((panel_widths(&next).0 - dragged).abs() < 1.0);
}
