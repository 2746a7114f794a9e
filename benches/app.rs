//! The real app UI on a headless `egui::Context` (layout and tessellation; no GPU):
//! `cargo bench --bench app`. Prints one table:
//! - open a 1 MB article: read + analyse (background thread) + first highlighted frame;
//! - frame time while scrolling, median and p95 over 100 frames (10 wheel frames after each of
//!   10 jumps spread through the document), on the 5 MB document, on 0.5 MB of the same text and
//!   on the sample article, and the 5 MB median against the sample's;
//! - find as you type on the 5 MB document: each keystroke's search and the frame after it;
//! - relayout after a window resize on the 5 MB document (median of 20);
//! - peak resident memory of this process with the 5 MB document open (`VmHWM`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    missing_docs,
    reason = "benchmark code"
)]

mod common;

use std::time::{Duration, Instant};

use common::headless::{H, Headless, W, proc_status, quantile};
use eframe::egui::{self, Event, Modifiers, MouseWheelSource, MouseWheelUnit, TouchPhase};
use quotelens::app::Command;

/// Frames after a jump before measuring: half a second at 60 frames a second.
const JUMP_FRAMES: usize = 30;

impl Headless {
    /// Opens a file and runs frames until its analysis is on screen; returns the time from the
    /// open to the end of the first frame that shows it.
    fn open(&mut self, path: &std::path::Path) -> Duration {
        let t = Instant::now();
        self.app.commands.push(Command::Open(path.to_path_buf()));
        self.frame(Vec::new());
        while self.app.state.loading.is_some() {
            std::thread::sleep(Duration::from_millis(1));
            self.app.state.poll(&self.ctx);
        }
        self.frame(Vec::new());
        assert!(self.app.state.error.is_none(), "{:?}", self.app.state.error);
        t.elapsed()
    }

    /// Puts the pointer over the article, where the wheel scrolls it.
    fn point_at_article(&mut self) {
        self.frame(vec![Event::PointerMoved(egui::pos2(W / 2.0, H / 2.0))]);
    }

    /// Ten frames of wheel scrolling after a jump to the quote at `pos` tenths of the article.
    fn scroll_at(&mut self, pos: usize) -> Vec<Duration> {
        let nq = self.app.state.article.analysis.quotes.len().max(1);
        self.app.commands.push(Command::JumpToQuote(pos * nq / 10));
        // Jump, refine, and let the scroll animation settle (not measured): without this,
        // on a short article the wheel frames below would undo a jump still animating.
        for _ in 0..JUMP_FRAMES {
            self.frame(Vec::new());
        }
        (0..10)
            .map(|_| {
                let wheel = Event::MouseWheel {
                    unit: MouseWheelUnit::Point,
                    delta: egui::vec2(0.0, -60.0),
                    phase: TouchPhase::Move,
                    source: MouseWheelSource::Wheel,
                    modifiers: Modifiers::NONE,
                };
                self.frame(vec![wheel])
            })
            .collect()
    }

    /// Opens the find bar and types `typed` one character at a time; the time of each
    /// keystroke: the frame that searches and the frame that draws the hits. Closes it after.
    fn find_as_you_type(&mut self, typed: &str) -> Vec<Duration> {
        self.app.commands.push(Command::OpenFind);
        self.frame(Vec::new());
        let times = (1..=typed.len())
            .map(|n| {
                self.app
                    .commands
                    .push(Command::FindQuery(typed[..n].to_string()));
                self.frame(Vec::new()) + self.frame(Vec::new())
            })
            .collect();
        self.app.commands.push(Command::CloseFind);
        self.frame(Vec::new());
        times
    }

    /// Alternates the window width 20 times; the time of each resized frame.
    fn resizes(&mut self) -> Vec<Duration> {
        (0..20)
            .map(|i| {
                self.size = egui::vec2(if i % 2 == 0 { 1000.0 } else { W }, H);
                self.frame(Vec::new())
            })
            .collect()
    }
}

fn main() {
    // `cargo test --benches` runs bench targets with `--bench`-less args: do a quick pass then.
    let quick = !std::env::args().any(|a| a == "--bench");
    let dir = std::env::temp_dir().join(format!("quotelens-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let one_mb = dir.join("one-mb.txt");
    let five_mb = dir.join("five-mb.txt");
    std::fs::write(&one_mb, common::news(1 << 20)).unwrap();
    std::fs::write(
        &five_mb,
        common::news(if quick { 1 << 20 } else { 5 << 20 }),
    )
    .unwrap();

    let mut rows: Vec<(String, String)> = Vec::new();

    // Open 1 MB: warm up fonts once with the sample frame, then 5 opens (median).
    let mut h = Headless::new();
    h.frame(Vec::new());
    let opens: Vec<Duration> = (0..if quick { 1 } else { 5 })
        .map(|_| h.open(&one_mb))
        .collect();
    rows.push((
        "open 1 MB → first highlighted frame (median of 5)".into(),
        format!("{:.0} ms", quantile(&opens, 0.5)),
    ));

    drop(h);

    // Scrolling on the sample article, on 0.5 MB of the same news text as the 5 MB document
    // (same kind of paragraphs) and on the 5 MB document: 100 frames each, the three taking
    // turns at each of ten positions, so that a drift of the machine during the run falls on
    // all three alike.
    let half_mb = dir.join("half-mb.txt");
    std::fs::write(&half_mb, common::news(1 << 19)).unwrap();
    let mut docs = [Headless::new(), Headless::new(), Headless::new()];
    for d in &mut docs {
        d.frame(Vec::new());
    }
    docs[1].open(&half_mb);
    docs[2].open(&five_mb);
    let mut frames: [Vec<Duration>; 3] = Default::default();
    for d in &mut docs {
        d.point_at_article();
    }
    for pos in 0..10 {
        for (d, f) in docs.iter_mut().zip(&mut frames) {
            f.extend(d.scroll_at(pos));
        }
    }
    let [sample_frames, half_frames, big_frames] = frames;
    let [_, _, mut b] = docs;

    // Typing into the find bar on the 5 MB document: each keystroke searches the whole text
    // (in the frame that applies it) and draws the hits (the frame after).
    let typed = "said the";
    let keystrokes = b.find_as_you_type(typed);
    let hits_of_s = quotelens::app::find::find_all(
        &b.app.state.article.text,
        "s",
        quotelens::app::find::FindOptions::default(),
        &b.app.state.article.analysis,
    )
    .len();

    // Resizing on the 5 MB document.
    let resize = b.resizes();
    let words = b.app.state.article.text.split_whitespace().count();
    let paragraphs = b.app.state.article.analysis.paragraphs.len();

    rows.push((
        "scroll frame, sample article: median / p95".into(),
        format!(
            "{:.3} / {:.3} ms",
            quantile(&sample_frames, 0.5),
            quantile(&sample_frames, 0.95)
        ),
    ));
    rows.push((
        "scroll frame, 0.5 MB of the same news text: median / p95".into(),
        format!(
            "{:.3} / {:.3} ms",
            quantile(&half_frames, 0.5),
            quantile(&half_frames, 0.95)
        ),
    ));
    rows.push((
        format!(
            "scroll frame, {:.1} MB ({words} words, {paragraphs} paragraphs): median / p95",
            b.app.state.article.text.len() as f64 / 1_048_576.0
        ),
        format!(
            "{:.3} / {:.3} ms",
            quantile(&big_frames, 0.5),
            quantile(&big_frames, 0.95)
        ),
    ));
    rows.push((
        "scroll frame median, 5 MB against the sample article".into(),
        format!(
            "{:+.0} %",
            (quantile(&big_frames, 0.5) / quantile(&sample_frames, 0.5) - 1.0) * 100.0
        ),
    ));
    rows.push((
        format!("find as you type \"{typed}\" on that document (\"s\" alone: {hits_of_s} hits): keystroke median / max"),
        format!(
            "{:.1} / {:.1} ms",
            quantile(&keystrokes, 0.5),
            quantile(&keystrokes, 1.0)
        ),
    ));
    rows.push((
        "resize relayout on that document: median / max of 20".into(),
        format!(
            "{:.1} / {:.1} ms",
            quantile(&resize, 0.5),
            quantile(&resize, 1.0)
        ),
    ));
    rows.push((
        "peak RSS of the bench with it open (VmHWM; the 0.5 MB text and the sample were open too), now (VmRSS)".into(),
        format!(
            "{:.0} MB, {:.0} MB",
            proc_status("VmHWM:").unwrap_or(f64::NAN),
            proc_status("VmRSS:").unwrap_or(f64::NAN)
        ),
    ));

    println!("\n| measure | result |\n|---|---|");
    for (k, v) in rows {
        println!("| {k} | {v} |");
    }
    std::fs::remove_dir_all(&dir).ok();
}
