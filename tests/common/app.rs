//! Driving the real app through `egui_kittest`, shared by the UI test crates: the harness,
//! clicks, the mouse wheel, and whether a span is on screen.

use eframe::egui;
use egui_kittest::Harness;
use quotelens::app::Settings;
use quotelens::window::QuotelensApp;

/// A tall window (1400 × 2400) on the bundled sample.
pub fn harness() -> Harness<'static, QuotelensApp> {
    harness_with(egui::vec2(1400.0, 2400.0), 12)
}

/// A window of `size`; `run` gives up after `max_steps` frames. Long articles need more steps:
/// idle frames lay out the screen below the view one paragraph at a time.
pub fn harness_with(size: egui::Vec2, max_steps: u64) -> Harness<'static, QuotelensApp> {
    harness_settings(size, max_steps, Settings::default())
}

/// [`harness_with`], starting from saved `settings` (a later launch).
pub fn harness_settings(
    size: egui::Vec2,
    max_steps: u64,
    settings: Settings,
) -> Harness<'static, QuotelensApp> {
    Harness::builder()
        .with_size(size)
        .with_max_steps(max_steps)
        .build_ui_state(
            |ui, app: &mut QuotelensApp| app.frame_ui(ui),
            QuotelensApp::new(settings),
        )
}

/// The invented harbour article (`tests/data/invented/harbour.txt`): Ilse Marten speaks three
/// times and reports once, the Harbour Authority twice, Tomas Berg once; Viktor Hale is only
/// named inside a quote.
pub const INVENTED: &str = "tests/data/invented/harbour.txt";

/// A window of `size` with the invented article open (see [`harness_with`]).
pub fn harness_invented_with(size: egui::Vec2, max_steps: u64) -> Harness<'static, QuotelensApp> {
    let mut h = harness_with(size, max_steps);
    h.state_mut()
        .state
        .open_path(std::path::Path::new(INVENTED));
    h.state_mut()
        .state
        .finish_loading(std::time::Duration::from_mins(1));
    h.run();
    assert_eq!(h.state().state.error, None);
    h
}

/// A primary click at `pos`, the pointer moved there first.
pub fn click_at(h: &mut Harness<'_, QuotelensApp>, pos: egui::Pos2) {
    click_button_at(h, pos, egui::PointerButton::Primary);
}

/// A click of `button` at `pos`, the pointer moved there first.
pub fn click_button_at(
    h: &mut Harness<'_, QuotelensApp>,
    pos: egui::Pos2,
    button: egui::PointerButton,
) {
    h.event(egui::Event::PointerMoved(pos));
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.run();
    }
}

/// `frames` frames, each with one mouse-wheel step of `dy` points (negative scrolls down).
pub fn wheel(h: &mut Harness<'_, QuotelensApp>, dy: f32, frames: usize) {
    for _ in 0..frames {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, dy),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: egui::Modifiers::NONE,
        });
        h.step();
    }
}

/// Whether `span` is painted inside the window (not just laid out above or below it).
pub fn on_screen(
    h: &Harness<'_, QuotelensApp>,
    span: quotelens::analysis::Span,
    height: f32,
) -> bool {
    let art = &h.state().state.article;
    h.state()
        .view
        .article
        .span_rect(&art.text, &art.analysis.paragraphs, span)
        .is_some_and(|r| r.min.y >= 0.0 && r.max.y <= height)
}

/// The index of the person called `name` in the article on screen.
pub fn person(h: &Harness<'_, QuotelensApp>, name: &str) -> usize {
    h.state()
        .state
        .article
        .analysis
        .people
        .iter()
        .position(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} found"))
}

/// Where the first mention of the person called `name` was painted in the last frame.
pub fn first_mention_rect(h: &Harness<'_, QuotelensApp>, name: &str) -> eframe::egui::Rect {
    let pi = person(h, name);
    let art = &h.state().state.article;
    let span = art.analysis.people[pi].mentions[0];
    h.state()
        .view
        .article
        .span_rect(&art.text, &art.analysis.paragraphs, span)
        .unwrap_or_else(|| panic!("{name}'s first mention is on screen"))
}
