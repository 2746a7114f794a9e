//! The real app on a headless `egui::Context` (layout and tessellation, as eframe does them; no
//! GPU), frame by frame, for the app and desk benches; and their small statistics.

use std::time::{Duration, Instant};

use eframe::egui::{self, Event, RawInput};
use quotelens::app::Settings;
use quotelens::window::QuotelensApp;

/// The default window: 1280 × 800.
pub const W: f32 = 1280.0;
/// See [`W`].
pub const H: f32 = 800.0;

/// The app and its context.
pub struct Headless {
    /// The context frames run in.
    pub ctx: egui::Context,
    /// The app.
    pub app: QuotelensApp,
    /// The window's size.
    pub size: egui::Vec2,
    /// The clock, a sixtieth of a second a frame.
    pub time: f64,
}

impl Headless {
    /// A new app showing the sample, in a 1280 × 800 window.
    pub fn new() -> Self {
        Self {
            ctx: egui::Context::default(),
            app: QuotelensApp::new(Settings::default()),
            size: egui::vec2(W, H),
            time: 0.0,
        }
    }

    /// Runs one frame with `events`, tessellated as eframe would; returns its duration.
    pub fn frame(&mut self, events: Vec<Event>) -> Duration {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, self.size)),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events,
            ..Default::default()
        };
        let t = Instant::now();
        let app = &mut self.app;
        let mut out = self.ctx.run_ui(input, |ui| app.frame_ui(ui));
        // No GPU takes the font textures: say so (a debug build checks).
        out.textures_delta.clear();
        let prims = self.ctx.tessellate(out.shapes, out.pixels_per_point);
        std::hint::black_box(prims);
        t.elapsed()
    }
}

/// The `q` quantile (0 to 1, nearest rank) of `times`, in milliseconds.
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "q is between 0 and 1"
)]
pub fn quantile(times: &[Duration], q: f64) -> f64 {
    let mut ms: Vec<f64> = times.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
    ms.sort_by(f64::total_cmp);
    // Nearest rank: q in 0..=1 picks one of the sorted samples.
    let i = ms.len().saturating_sub(1) * (q * 100.0) as usize / 100;
    ms[i]
}

/// A figure of this process's `/proc/self/status` (`VmHWM:`, …), in MB.
pub fn proc_status(key: &str) -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(key))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
