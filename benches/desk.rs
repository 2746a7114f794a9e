//! The corpus desk at scale, on a headless `egui::Context` (layout and tessellation; no GPU):
//! `cargo bench --bench desk` (`QUOTELENS_DESK_N` articles, 50,000 by default). Prints one
//! table:
//! - the first indexing of the folder by `quotelens stats` (a child process, all cores);
//! - re-opening the folder in the app, nothing changed: time to the first frame whose table
//!   lists every article, and to the index confirmed up to date;
//! - frame time while scrolling the table with the wheel, median and p95 over 100 frames, and
//!   on the overview tab;
//! - corpus search, in quotes and anywhere (as the desk runs it);
//! - resident memory of this process with the corpus open (`VmHWM`: the index was built by the
//!   child, so this is the desk's own).
//!
//! The articles are the dev-set articles in turn, each copy's people renamed (so the corpus
//! has as many speakers as a real one of its size would, not 110).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::too_many_lines,
    missing_docs,
    reason = "benchmark code"
)]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::headless::{Headless, proc_status, quantile};
use eframe::egui::{self, Event, Modifiers, MouseWheelSource, MouseWheelUnit, TouchPhase};
use quotelens::app::Command;
use quotelens::app::desk::View;

impl Headless {
    /// The app, its data folder `data`.
    fn in_data(data: &Path) -> Self {
        let mut h = Self::new();
        h.app.state.set_data_dir(Some(data.to_path_buf()));
        h
    }

    /// 100 frames of wheel scrolling with the pointer at (`x`, `y`).
    fn scroll(&mut self, x: f32, y: f32) -> Vec<Duration> {
        self.frame(vec![Event::PointerMoved(egui::pos2(x, y))]);
        (0..100)
            .map(|i| {
                // Down for 80 frames, then back up: the table's rows change every frame.
                let dy = if i < 80 { -120.0 } else { 240.0 };
                let wheel = Event::MouseWheel {
                    unit: MouseWheelUnit::Point,
                    delta: egui::vec2(0.0, dy),
                    phase: TouchPhase::Move,
                    source: MouseWheelSource::Wheel,
                    modifiers: Modifiers::NONE,
                };
                self.frame(vec![wheel])
            })
            .collect()
    }
}

fn main() {
    // `cargo test --benches` runs bench targets without `--bench`: a quick pass then.
    let quick = !std::env::args().any(|a| a == "--bench");
    let n: usize = if quick {
        200
    } else {
        std::env::var("QUOTELENS_DESK_N")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(50_000)
    };
    // `QUOTELENS_DESK_DIR` keeps the corpus and its index there between runs (made the first
    // time); else they are made in a temporary folder and removed.
    let kept = std::env::var_os("QUOTELENS_DESK_DIR").map(std::path::PathBuf::from);
    let base = kept.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("quotelens-desk-bench-{}", std::process::id()))
    });
    let (dir, data) = (
        base.join(format!("corpus-{n}")),
        base.join(format!("data-{n}")),
    );
    let fresh = !dir.exists();
    std::fs::create_dir_all(&dir).unwrap();
    let mut bytes = 0;
    for (i, text) in common::articles_n(if fresh { n } else { 0 })
        .into_iter()
        .enumerate()
    {
        // A hundred articles a folder, as a newsroom archive by day would have.
        let sub = dir.join(format!("{:04}", i / 100));
        if i % 100 == 0 {
            std::fs::create_dir_all(&sub).unwrap();
        }
        bytes += text.len();
        std::fs::write(sub.join(format!("{i:06}.txt")), text).unwrap();
    }
    let mut rows: Vec<(String, String)> = Vec::new();
    if !fresh {
        bytes = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .flat_map(|sub| std::fs::read_dir(sub.path()).unwrap())
            .filter_map(|f| f.ok()?.metadata().ok())
            .map(|m| m.len() as usize)
            .sum();
    }
    let mb = bytes as f64 / f64::from(1 << 20);

    // The first indexing, by the CLI on every core.
    let t = Instant::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_quotelens"))
        .arg("stats")
        .arg(&dir)
        .arg("--json")
        .env("QUOTELENS_DATA_DIR", &data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let what = if fresh {
        "first indexing"
    } else {
        "indexing again, nothing changed"
    };
    rows.push((
        format!("{what}, {n} articles ({mb:.1} MB), `quotelens stats`"),
        format!("{:.1} s", t.elapsed().as_secs_f64()),
    ));
    let db_mb = std::fs::read_dir(data.join("corpora"))
        .unwrap()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len() as f64)
        .sum::<f64>()
        / f64::from(1 << 20);
    rows.push(("index on disk".into(), format!("{db_mb:.0} MB")));

    // Re-opening, nothing changed.
    let mut h = Headless::in_data(&data);
    h.frame(Vec::new());
    let t = Instant::now();
    h.app.state.open_folder(&dir);
    let on_screen = loop {
        h.frame(Vec::new());
        let listed = h.app.state.desk.as_ref().map_or(0, |d| d.shown.len());
        if listed == n {
            break t.elapsed();
        }
        assert!(
            t.elapsed() < Duration::from_mins(5),
            "the table never filled"
        );
        std::thread::sleep(Duration::from_millis(1));
    };
    rows.push((
        "re-open, nothing changed → table of every article on screen".into(),
        format!("{:.0} ms", on_screen.as_secs_f64() * 1000.0),
    ));
    while h.app.state.desk.as_ref().unwrap().indexing() {
        std::thread::sleep(Duration::from_millis(5));
        h.frame(Vec::new());
    }
    let d = h.app.state.desk.as_ref().unwrap();
    let u = d.updated.clone().unwrap();
    assert_eq!((u.analysed, u.reused), (0, n), "{u:?}");
    rows.push((
        "re-open → index confirmed up to date (0 analysed)".into(),
        format!("{:.0} ms", t.elapsed().as_secs_f64() * 1000.0),
    ));
    let speakers = d.stats.as_ref().map_or(0, |s| s.speakers.len());

    // Scrolling the table (the side panel drawn beside it), then the overview.
    for _ in 0..10 {
        h.frame(Vec::new());
    }
    let table = h.scroll(300.0, 400.0);
    rows.push((
        format!("frame, scrolling the table of {n} rows: median / p95"),
        format!(
            "{:.2} / {:.2} ms",
            quantile(&table, 0.5),
            quantile(&table, 0.95)
        ),
    ));
    h.app.commands.push(Command::DeskView(View::Overview));
    for _ in 0..5 {
        h.frame(Vec::new());
    }
    let overview = h.scroll(300.0, 400.0);
    rows.push((
        format!("frame, scrolling the overview ({speakers} speakers): median / p95"),
        format!(
            "{:.2} / {:.2} ms",
            quantile(&overview, 0.5),
            quantile(&overview, 0.95)
        ),
    ));

    // Search, as the desk runs it (its own connection, first 200 places).
    let mut took = Vec::new();
    for (phrase, anywhere) in [
        ("the president", false),
        ("we will", false),
        ("said", true),
        ("prime minister", true),
        ("election", false),
        ("police", true),
    ] {
        h.app
            .commands
            .push(Command::DeskSearch(phrase.into(), anywhere));
        h.frame(Vec::new());
        took.push(h.app.state.desk.as_ref().unwrap().search.took);
        assert!(h.app.state.error.is_none(), "{:?}", h.app.state.error);
    }
    rows.push((
        "corpus search, 6 phrases: median / slowest".into(),
        format!(
            "{:.1} / {:.1} ms",
            quantile(&took, 0.5),
            quantile(&took, 1.0)
        ),
    ));
    rows.push((
        "memory with the corpus open (VmHWM)".into(),
        format!("{:.0} MB", proc_status("VmHWM:").unwrap_or(f64::NAN)),
    ));

    let width = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
    for (k, v) in rows {
        println!("{k:<width$}  {v}");
    }
    drop(h);
    if kept.is_none() {
        let _ = std::fs::remove_dir_all(&base);
    }
}
