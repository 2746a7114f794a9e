//! The corpus desk through `egui_kittest`: a folder of dev-set articles opened as a corpus, its
//! table (a file that cannot be read listed with its error), sorting, filtering, opening an
//! article and coming back to the same row; re-opening analyses only a changed file.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a failed test"
)]

use std::path::Path;
use std::time::{Duration, Instant};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotelens::app::desk::Column;
use quotelens::app::{Command, Settings};
use quotelens::window::QuotelensApp;

mod common;
use common::scratch::Scratch;

/// Six dev-set articles and a binary file named like an article.
fn fill(dir: &Path) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/devset2");
    let mut names = Vec::new();
    for n in ["001", "002", "003", "004", "005", "006"] {
        let name = format!("{n}.txt");
        std::fs::copy(root.join(&name), dir.join(&name)).unwrap();
        names.push(name);
    }
    std::fs::write(dir.join("broken.txt"), b"\0\x01\x02binary\0\0\0\0").unwrap();
    names
}

/// The app with `dir` open as a corpus, its index under `data`, once indexing is over.
fn desk(dir: &Path, data: &Path) -> Harness<'static, QuotelensApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(24)
        .build_ui_state(
            |ui, app: &mut QuotelensApp| app.frame_ui(ui),
            QuotelensApp::new(Settings::default()),
        );
    h.state_mut().state.set_data_dir(Some(data.to_path_buf()));
    h.state_mut().state.open_folder(dir);
    let started = Instant::now();
    while h.state().state.desk.as_ref().unwrap().indexing() {
        assert!(
            started.elapsed() < Duration::from_mins(2),
            "indexing never ended"
        );
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run();
    h
}

/// The title a dev-set article's table row shows: its first line.
fn title(dir: &Path, name: &str) -> String {
    let text = std::fs::read_to_string(dir.join(name)).unwrap();
    text.lines().next().unwrap().trim().to_string()
}

#[test]
fn a_folder_opens_as_a_table_that_sorts_filters_and_opens_an_article_and_comes_back() {
    let s = Scratch::new("desk-flow");
    let dir = s.articles();
    let names = fill(&dir);
    let mut h = desk(&dir, &s.data());
    let d = h.state().state.desk.as_ref().unwrap();
    assert!(h.state().state.at_desk);
    assert_eq!(d.rows.len(), 7);
    let u = d.updated.clone().unwrap();
    assert_eq!((u.analysed, u.failed.len()), (6, 1));
    // Every article by its title; the broken file with its error.
    for n in &names {
        assert!(h.query_by_label(&title(&dir, n)).is_some(), "{n}");
    }
    let why = d
        .rows
        .iter()
        .find(|r| r.file == "broken.txt")
        .and_then(|r| r.error.clone())
        .unwrap();
    assert!(
        h.query_by_label(&format!("broken.txt — {why}")).is_some(),
        "the broken file is listed with its error: {why}"
    );

    // Sorting by quotes: ascending, then (again) descending.
    h.get_by_label("Quotes").click();
    h.run();
    let quotes = |h: &Harness<'_, QuotelensApp>| {
        let d = h.state().state.desk.as_ref().unwrap();
        d.shown
            .iter()
            .map(|&i| d.rows[i].quotes)
            .collect::<Vec<_>>()
    };
    let up = quotes(&h);
    assert!(up.is_sorted(), "{up:?}");
    assert_eq!(
        h.state().state.desk.as_ref().unwrap().sort,
        (Column::Quotes, true)
    );
    h.get_by_label("Quotes").click();
    h.run();
    let down = quotes(&h);
    assert!(down.iter().rev().is_sorted(), "{down:?}");

    // The filter keeps the rows whose title or file match.
    let pick = &names[2];
    let wanted = title(&dir, pick);
    h.state_mut()
        .commands
        .push(Command::DeskFilter(pick.clone()));
    h.run();
    assert_eq!(h.state().state.desk.as_ref().unwrap().shown.len(), 1);
    assert!(h.query_by_label("1 of 7 shown").is_some());
    h.state_mut()
        .commands
        .push(Command::DeskFilter(String::new()));
    h.run();

    // A click on a row opens its article, with a way back.
    h.get_by_label(&wanted).click();
    h.run();
    h.state_mut().state.finish_loading(Duration::from_mins(1));
    h.run();
    assert!(!h.state().state.at_desk);
    assert_eq!(h.state().state.article.name, *pick);
    assert!(h.query_by_label("« Corpus: articles").is_some());

    // Alt+← goes back to the desk, at the same row, in the same order.
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowLeft);
    h.run();
    let d = h.state().state.desk.as_ref().unwrap();
    assert!(h.state().state.at_desk);
    assert_eq!(d.current.as_deref(), Some(pick.as_str()));
    assert_eq!(d.sort, (Column::Quotes, false));
    assert_eq!(quotes(&h), down);
    assert!(h.query_by_label(&wanted).is_some());

    // The breadcrumb does the same.
    h.get_by_label(&wanted).click();
    h.run();
    h.state_mut().state.finish_loading(Duration::from_mins(1));
    h.run();
    h.get_by_label("« Corpus: articles").click();
    h.run();
    assert!(h.state().state.at_desk);
}

#[test]
fn reopening_a_folder_analyses_only_the_changed_file() {
    let s = Scratch::new("desk-changed");
    let dir = s.articles();
    fill(&dir);
    drop(desk(&dir, &s.data()));
    let mut text = std::fs::read_to_string(dir.join("004.txt")).unwrap();
    text.push_str("\nA paragraph added later.\n");
    std::fs::write(dir.join("004.txt"), text).unwrap();
    let h = desk(&dir, &s.data());
    let u = h
        .state()
        .state
        .desk
        .as_ref()
        .unwrap()
        .updated
        .clone()
        .unwrap();
    // The changed file alone (and the broken one, which is always tried again).
    assert_eq!((u.analysed, u.reused, u.failed.len()), (1, 5, 1), "{u:?}");
    assert!(
        h.query_by_label("Indexed: 1 analysed, 5 unchanged")
            .is_some()
    );
}
