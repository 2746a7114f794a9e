//! Snapshot images of the main view, through `egui_kittest`'s wgpu renderer (software rendering
//! here): the invented harbour article at a narrow (800 px) and a wide (1400 px) window, in the
//! light and the dark theme, once plain and once with a person selected and the find bar open.
//! `UPDATE_SNAPSHOTS=1 cargo test --test snapshots` rewrites the images in `tests/snapshots/`;
//! the README's screenshot is `tests/snapshots/wide-dark.png`.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a failed test"
)]

use eframe::egui;
use quotelens::analysis::{EntityRef, Span};
use quotelens::app::{Command, Settings, ThemeChoice};

mod common;
use common::app::harness_settings;

/// The harness at `width` × 800 in `theme`, on the invented article.
fn view(
    width: f32,
    theme: ThemeChoice,
) -> egui_kittest::Harness<'static, quotelens::window::QuotelensApp> {
    let settings = Settings {
        theme,
        ..Settings::default()
    };
    let mut h = harness_settings(egui::vec2(width, 800.0), 50, settings);
    quotelens::app::apply_theme(&h.ctx, theme);
    h.state_mut()
        .state
        .open_path(std::path::Path::new("tests/data/invented/harbour.txt"));
    h.state_mut()
        .state
        .finish_loading(std::time::Duration::from_mins(1));
    h.run();
    h
}

/// One snapshot per test: a harness reports its snapshot results when dropped.
fn snapshot(width: f32, theme: ThemeChoice, name: &str) {
    let mut h = view(width, theme);
    h.snapshot(name);
}

#[test]
fn narrow_light() {
    snapshot(800.0, ThemeChoice::Light, "narrow-light");
}

#[test]
fn narrow_dark() {
    snapshot(800.0, ThemeChoice::Dark, "narrow-dark");
}

#[test]
fn wide_light() {
    snapshot(1400.0, ThemeChoice::Light, "wide-light");
}

#[test]
fn wide_dark() {
    snapshot(1400.0, ThemeChoice::Dark, "wide-dark");
}

#[test]
fn a_selection_with_the_find_bar_open() {
    let mut h = view(1400.0, ThemeChoice::Light);
    let marten = h
        .state()
        .state
        .article
        .analysis
        .people
        .iter()
        .position(|p| p.name == "Ilse Marten")
        .expect("Marten");
    let commands = &mut h.state_mut().commands;
    commands.push(Command::SelectAt(
        EntityRef::Person(marten),
        Span::default(),
    ));
    commands.push(Command::OpenFind);
    commands.push(Command::FindQuery("channel".into()));
    h.run();
    h.snapshot("wide-light-selection-find");
}
