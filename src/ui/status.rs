//! The status bar, the page shown when the file given at launch could not be opened, and the overlay
//! over a file being dropped.

#![allow(
    clippy::wildcard_imports,
    reason = "a part of `ui`, split off by concern: it shares the module's imports and private items"
)]

use super::*;

pub(super) fn status_ui(ui: &mut egui::Ui, app: &Frame<'_>, pal: &Palette) {
    ui.horizontal(|ui| {
        let a = &app.state.article.analysis;
        ui.label(&app.state.article.name);
        ui.separator();
        ui.label(a.count_words(app.state.article.quote_counts));
        let picked = app.state.picked.0.len();
        if picked > 0 {
            ui.separator();
            ui.label(format!(
                "{picked} mention{} picked: Ctrl+click for more, right-click to say whom they name, Esc to let go",
                if picked == 1 { "" } else { "s" }
            ));
        }
        let review = &app.state.article.review;
        let (checked, of) = review.checked;
        if of > 0 {
            ui.separator();
            ui.label(format!("{checked} of {of} statements checked"));
        }
        let has_file = app.state.article.path.is_some();
        if let Some((short, whole)) = review.status(app.state.data_dir.as_deref(), has_file) {
            ui.separator();
            let colour = if review.unsaved.is_some() || review.blocked.is_some() {
                pal.error
            } else {
                pal.weak
            };
            ui.label(RichText::new(short).color(colour))
                .on_hover_text(whole);
        }
        if let Some(l) = &app.state.loading {
            ui.separator();
            ui.spinner();
            ui.label(format!("Analysing {}…", l.name));
        }
        if let Some(e) = &app.state.error {
            ui.separator();
            ui.label(RichText::new(format!("Error: {e}")).color(pal.error));
        } else if let Some(n) = &app.state.notice {
            ui.separator();
            ui.label(n);
        }
    });
}

/// The page shown instead of an article when the file given at launch could not be opened:
/// which file, why, and what to do next.
pub(super) fn failed_ui(
    ui: &mut egui::Ui,
    failed: &crate::app::Failed,
    commands: &mut Vec<Command>,
    pal: &Palette,
) {
    ui.add_space(ui.available_height() * 0.2);
    ui.vertical_centered(|ui| {
        ui.set_max_width(560.0);
        ui.label(
            RichText::new("This file could not be opened")
                .size(22.0)
                .strong(),
        );
        ui.add_space(8.0);
        ui.label(RichText::new(failed.path.display().to_string()).monospace());
        ui.add_space(8.0);
        ui.label(RichText::new(&failed.why).color(pal.error));
        ui.add_space(16.0);
        if ui.button("Open another file…").clicked() {
            commands.push(Command::OpenDialog);
        }
        if ui.button("Show the sample article").clicked() {
            commands.push(Command::ShowSample);
        }
        ui.add_space(8.0);
        ui.label(RichText::new("Or drop a file onto the window.").color(pal.weak));
    });
}

pub(super) fn drop_overlay_ui(ui: &egui::Ui, pal: &Palette) {
    let hovering = ui.input(|i| !i.raw.hovered_files.is_empty());
    if !hovering {
        return;
    }
    let painter = ui.ctx().layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("quotelens-drop-overlay"),
    ));
    let rect = ui.ctx().content_rect();
    painter.rect_filled(rect, 0.0, pal.drop_overlay);
    painter.text(
        rect.center(),
        Align2::CENTER_CENTER,
        "Drop the article to open it",
        egui::FontId::proportional(28.0),
        pal.text,
    );
}
