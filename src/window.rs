//! The window: eframe's glue between the application state (`crate::app`) and the drawing
//! (`crate::ui`), the frame loop, the window's icon and app id, and the one plain sentence
//! when there is no display.

use std::path::PathBuf;

use eframe::egui;

use crate::app::{AppState, Command, Settings, apply_theme};
use crate::ui::ViewCaches;

/// The running app: its state, the UI's caches, and the commands queued this frame.
pub struct QuotelensApp {
    /// The application state.
    pub state: AppState,
    /// What the UI keeps between frames.
    pub view: ViewCaches,
    /// Commands queued during this frame, carried out after it.
    pub commands: Vec<Command>,
    /// The window title last set.
    pub title: String,
    /// An export being written on its own thread: where, and its result when done.
    pub exporting: Option<(PathBuf, std::sync::mpsc::Receiver<Result<(), String>>)>,
}

impl QuotelensApp {
    /// A new app showing the bundled sample article.
    pub fn new(settings: Settings) -> Self {
        Self {
            state: AppState::new(settings),
            view: ViewCaches::default(),
            commands: Vec::new(),
            title: String::new(),
            exporting: None,
        }
    }

    /// One frame: background work, keyboard input, the panels, then the queued commands.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.state.poll(&ctx);
        self.state.handle_input(&ctx, &mut self.commands);
        let jump = self.state.jump.take();
        self.view.sync(&self.state, jump);
        crate::ui::app_ui(ui, &self.state, &mut self.view, &mut self.commands);
        if let Some(at) = self.view.article.top_byte(&self.state.article.analysis) {
            self.state.note_position(at);
        }
        self.state
            .apply_commands(&ctx, std::mem::take(&mut self.commands));
        if let Some((path, format)) = self.state.export.take() {
            self.export(path, format);
        }
        self.export_done(&ctx);
        let jump = self.state.jump.take();
        self.view.sync(&self.state, jump);
        let art = &self.state.article;
        // A dot marks corrections that could not be saved.
        let dirty = if art.review.unsaved.is_some() {
            "• "
        } else {
            ""
        };
        let title = match &self.state.failed {
            Some(f) => format!(
                "Could not open {} — Quotelens",
                f.path.file_name().map_or_else(
                    || f.path.display().to_string(),
                    |n| n.to_string_lossy().into_owned()
                )
            ),
            None => format!("{dirty}{} — Quotelens", art.name),
        };
        if self.title != title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// Writes the article's export on its own thread (rendering a big article and writing to
    /// a slow disk never hold up a frame); the status bar says where when it is done, or why
    /// not.
    fn export(&mut self, path: PathBuf, format: crate::report::Format) {
        let art = &self.state.article;
        let analysis = std::sync::Arc::clone(&art.analysis);
        let (text, name) = (art.text.clone(), art.name.clone());
        let (byline, date) = (art.byline.clone(), art.date.clone());
        let flags = art.review.flags.clone();
        let style = crate::ui::theme::report_style();
        let (tx, rx) = std::sync::mpsc::channel();
        let to = path.clone();
        let spawned = std::thread::Builder::new()
            .name("export".into())
            .spawn(move || {
                let src = crate::report::Source {
                    analysis: &analysis,
                    text: &text,
                    name: &name,
                    byline: byline.as_deref(),
                    date: date.as_deref(),
                    style: &style,
                    flags: Some(&flags),
                };
                let _ = tx.send(crate::report::write(src, format, &to)); // The window may be gone.
            });
        match spawned {
            Ok(_) => {
                self.state.notice = Some(format!("Exporting to {}…", path.display()));
                self.exporting = Some((path, rx));
            }
            Err(e) => self.state.error = Some(format!("Could not start the export ({e})")),
        }
    }

    /// Tells how an export in flight went, once it has.
    fn export_done(&mut self, ctx: &egui::Context) {
        let Some((path, rx)) = &self.exporting else {
            return;
        };
        match rx.try_recv() {
            Ok(Ok(())) => {
                self.state.error = None;
                self.state.notice = Some(format!("Exported to {}", path.display()));
                self.exporting = None;
            }
            Ok(Err(e)) => {
                self.state.error = Some(e);
                self.exporting = None;
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(30));
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.state.error = Some(format!(
                    "The export stopped unexpectedly: {}",
                    path.display()
                ));
                self.exporting = None;
            }
        }
    }

    /// Waits for an export in flight to finish (at most `limit`), and tells how it went.
    pub fn finish_export(&mut self, ctx: &egui::Context, limit: std::time::Duration) {
        let started = std::time::Instant::now();
        while self.exporting.is_some() && started.elapsed() < limit {
            self.export_done(ctx);
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
}

impl Default for QuotelensApp {
    fn default() -> Self {
        Self::new(Settings::default())
    }
}

impl eframe::App for QuotelensApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.state.settings);
        self.state.retry_save();
        self.state.flush_review();
    }
}

/// The one sentence shown when there is no graphical display to open the window on.
pub const NO_DISPLAY: &str = "Quotelens needs a graphical display (X11 or Wayland). \
To analyse without one: quotelens analyze FILE";

/// The app icon (a speech mark over lines of text; SVG source in `assets/icon/`).
const ICON_PNG: &[u8] = include_bytes!("../assets/icon/quotelens-256.png");

/// The application id: the Wayland app id and X11 class, matching `assets/quotelens.desktop`.
pub const APP_ID: &str = "quotelens";

/// Whether the environment names a display at all (Unix desktops other than macOS).
fn display_named() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    ["WAYLAND_DISPLAY", "WAYLAND_SOCKET", "DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()))
}

/// What to say when eframe cannot open the window: the plain no-display sentence when the
/// windowing system could not be reached, otherwise the error without winit's source location.
fn window_error(e: &eframe::Error) -> String {
    match e {
        eframe::Error::Winit(_) | eframe::Error::WinitEventLoop(_) => NO_DISPLAY.to_string(),
        other => {
            let msg = other.to_string();
            // winit writes "os error at <source path>:<line>: <cause>": keep the cause.
            let cause = msg
                .split_once("os error at ")
                .and_then(|(_, rest)| rest.split_once(": "))
                .map_or(msg.as_str(), |(_, cause)| cause);
            format!("Could not open the window: {cause}")
        }
    }
}

/// Opens the window on `file` (`-` reads standard input), or on the bundled sample. The error
/// is one plain sentence for the user.
pub fn run(file: Option<PathBuf>) -> Result<(), String> {
    if !display_named() {
        return Err(NO_DISPLAY.to_string());
    }
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Quotelens")
        .with_app_id(APP_ID)
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([640.0, 400.0])
        .with_drag_and_drop(true);
    // The icon is embedded, so it always decodes; a window without it is still usable.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON_PNG) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "Quotelens",
        options,
        Box::new(move |cc| {
            let settings: Settings = cc
                .storage
                .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
                .unwrap_or_default();
            apply_theme(&cc.egui_ctx, settings.theme);
            cc.egui_ctx.set_zoom_factor(settings.zoom);
            cc.egui_ctx.options_mut(|o| o.zoom_with_keyboard = false);
            let mut app = QuotelensApp::new(settings);
            app.state.set_data_dir(crate::review::store::data_dir());
            if let Some(f) = &file {
                app.state.open_at_launch(f);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| window_error(&e))
}

#[cfg(test)]
mod run_tests {
    use super::ICON_PNG;

    #[test]
    fn the_embedded_icon_decodes() {
        let icon = eframe::icon_data::from_png_bytes(ICON_PNG).expect("a PNG");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }
}
