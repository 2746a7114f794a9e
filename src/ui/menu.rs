//! The menu bar (File, Edit, View and the highlight toggles with their legend) and the find bar.

#![allow(
    clippy::wildcard_imports,
    reason = "a part of `ui`, split off by concern: it shares the module's imports and private items"
)]

use super::*;

/// The find bar: the query field, the hit count, next and previous, the options, and close.
pub(super) fn find_bar_ui(ui: &mut egui::Ui, app: &mut Frame<'_>, find: &Find) {
    ui.horizontal(|ui| {
        let label = ui.label("Find:");
        let mut query = find.query.clone();
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut query)
                    .hint_text("in the article")
                    .desired_width(240.0),
            )
            .labelled_by(label.id);
        if std::mem::take(&mut app.view.focus_find) {
            edit.request_focus();
        }
        if edit.changed() {
            app.commands.push(Command::FindQuery(query));
        }
        // Enter and Shift+Enter step through the hits and keep the field focused.
        if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            let back = ui.input(|i| i.modifiers.shift);
            app.commands.push(Command::FindStep(!back));
            edit.request_focus();
        }
        ui.label(find.status());
        if ui
            .button("Previous")
            .on_hover_text("Shift+Enter, Shift+F3")
            .clicked()
        {
            app.commands.push(Command::FindStep(false));
        }
        if ui.button("Next").on_hover_text("Enter, F3").clicked() {
            app.commands.push(Command::FindStep(true));
        }
        let mut o: FindOptions = find.options;
        ui.checkbox(&mut o.match_case, "Match case");
        ui.checkbox(&mut o.quotes_only, "In quotes only");
        if o != find.options {
            app.commands.push(Command::FindOptions(o));
        }
        if ui.button("×").on_hover_text("Close (Esc)").clicked() {
            app.commands.push(Command::CloseFind);
        }
    });
}

/// A menu entry with its keyboard shortcut shown; returns whether it was clicked.
pub(super) fn menu_item_ui(ui: &mut egui::Ui, label: &str, shortcut: &str) -> bool {
    ui.add(egui::Button::new(label).shortcut_text(shortcut))
        .clicked()
}

pub(super) fn menu_ui(ui: &mut egui::Ui, app: &mut Frame<'_>, pal: &Palette) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu_ui(ui, app));
        ui.menu_button("Edit", |ui| {
            // Undo and redo act on this window's corrections only; the menu names them.
            let review = &app.state.article.review;
            let blocked = review.blocked.is_some();
            let rows = [
                ("Undo", review.next_undo(), Action::Undo, Command::Undo),
                ("Redo", review.next_redo(), Action::Redo, Command::Redo),
            ];
            for (verb, next, action, command) in rows {
                let label =
                    next.map_or_else(|| verb.to_string(), |c| format!("{verb}: {}", c.describe()));
                let button = egui::Button::new(label).shortcut_text(keys::label(action));
                if ui.add_enabled(!blocked && next.is_some(), button).clicked() {
                    app.commands.push(command);
                }
            }
            ui.separator();
            if menu_item_ui(ui, "Find…", keys::label(Action::Find)) {
                app.commands.push(Command::OpenFind);
            }
            if menu_item_ui(ui, "Find next", keys::label(Action::FindNext)) {
                app.commands.push(Command::FindStep(true));
            }
            if menu_item_ui(ui, "Find previous", keys::label(Action::FindPrevious)) {
                app.commands.push(Command::FindStep(false));
            }
            ui.separator();
            if menu_item_ui(ui, "Next mention", keys::label(Action::NextMention)) {
                app.commands.push(Command::Step(true));
            }
            if menu_item_ui(ui, "Previous mention", keys::label(Action::PreviousMention)) {
                app.commands.push(Command::Step(false));
            }
            if menu_item_ui(ui, "Clear selection", keys::label(Action::Escape)) {
                app.commands.push(Command::ClearSelection);
            }
        });
        ui.menu_button("View", |ui| view_menu_ui(ui, app));
        ui.separator();
        // The legend spans about 640 points: in a narrower window it is a menu of its own.
        if ui.available_width() < LEGEND_WIDTH {
            ui.menu_button("Legend", |ui| legend_ui(ui, app, pal));
        } else {
            legend_ui(ui, app, pal);
        }
    });
}

pub(super) fn file_menu_ui(ui: &mut egui::Ui, app: &mut Frame<'_>) {
    if menu_item_ui(ui, "Open…", keys::label(Action::Open)) {
        app.commands.push(Command::OpenDialog);
    }
    if menu_item_ui(ui, "Open Folder…", "") {
        app.commands.push(Command::OpenFolderDialog);
    }
    if menu_item_ui(ui, "New from Clipboard", keys::label(Action::Paste)) {
        app.commands.push(Command::NewFromClipboard);
    }
    ui.menu_button("Open Recent", |ui| {
        if app.state.settings.recent.is_empty() {
            ui.weak("No recent files");
        }
        for p in &app.state.settings.recent {
            if ui.button(p.display().to_string()).clicked() {
                app.commands.push(Command::Open(p.clone()));
            }
        }
    });
    ui.menu_button("Export", |ui| {
        for f in crate::report::Format::ALL {
            if ui.button(format!("{}…", f.label())).clicked() {
                app.commands.push(Command::ExportDialog(f));
            }
        }
    });
    let corpus = ui
        .add_enabled(
            app.state.desk.is_some(),
            egui::Button::new("Export Corpus Tables (CSV)…"),
        )
        .on_disabled_hover_text("Open a folder as a corpus first (File, Open Folder…)");
    if corpus.clicked() {
        app.commands.push(Command::ExportCorpusDialog);
    }
    ui.separator();
    if menu_item_ui(ui, "Quit", keys::label(Action::Quit)) {
        app.commands.push(Command::Quit);
    }
}

pub(super) fn view_menu_ui(ui: &mut egui::Ui, app: &mut Frame<'_>) {
    let z = app.state.settings.zoom;
    if menu_item_ui(ui, "Zoom in", keys::label(Action::ZoomIn)) {
        app.commands.push(Command::Zoom(z * 1.1));
    }
    if menu_item_ui(ui, "Zoom out", keys::label(Action::ZoomOut)) {
        app.commands.push(Command::Zoom(z / 1.1));
    }
    if menu_item_ui(ui, "Actual size", keys::label(Action::ZoomReset)) {
        app.commands.push(Command::Zoom(1.0));
    }
    ui.separator();
    let panels = app.state.settings.panels;
    let (mut entities, mut quotes) = (panels.entities, panels.quotes);
    if ui.checkbox(&mut entities, "People and countries").changed() {
        app.commands
            .push(Command::ShowPanel(PanelKind::Entities, entities));
    }
    if ui.checkbox(&mut quotes, "Who said what").changed() {
        app.commands
            .push(Command::ShowPanel(PanelKind::Quotes, quotes));
    }
    if ui.button("Overview…").clicked() {
        app.commands.push(Command::ShowOverview(true));
    }
    ui.separator();
    for (t, label) in [
        (ThemeChoice::System, "Follow system theme"),
        (ThemeChoice::Light, "Light theme"),
        (ThemeChoice::Dark, "Dark theme"),
    ] {
        if ui.radio(app.state.settings.theme == t, label).clicked() {
            app.commands.push(Command::Theme(t));
        }
    }
}

/// The width the legend needs in the menu bar, in points.
pub(super) const LEGEND_WIDTH: f32 = 660.0;

/// What the legend's hover explains.
pub(super) const LEGEND_HELP: &str = "People and countries are underlined in their colour; demonyms and \
capitals (\u{201c}Norwegian\u{201d}, \u{201c}Oslo\u{201d}) in a lighter tint. Quotations in \
quote marks have a tinted background, and the bar left of a paragraph marks each paragraph \
that holds one. Reported speech (\u{201c}she said that \u{2026}\u{201d}) has a dotted underline.\n\n\
In the who-said-what panel, a tinted card is a quotation in quote marks and a plain card is \
reported speech.\n\nThe strip right of the article has a tick for every quotation and, when a \
person or country is selected, for each of its mentions: click one to go there.";

/// The legend: a toggle per kind of highlight, in its colours, and what they mean on hover.
pub(super) fn legend_ui(ui: &mut egui::Ui, app: &mut Frame<'_>, pal: &Palette) {
    let mut toggles = app.state.settings.toggles;
    let t = &mut toggles;
    let items: [(&mut bool, RichText, &str); 5] = [
        (
            &mut t.people,
            RichText::new("People").color(pal.person).underline(),
            "People named in the article",
        ),
        (
            &mut t.countries,
            RichText::new("Countries").color(pal.country).underline(),
            "Countries named as such",
        ),
        (
            &mut t.demonyms,
            RichText::new("Demonyms · capitals")
                .color(pal.country_light)
                .underline(),
            "Words that stand for a country: \u{201c}Norwegian\u{201d}, \u{201c}Oslo\u{201d}",
        ),
        (
            &mut t.quotes,
            RichText::new("\u{201c}Quotes\u{201d}")
                .background_color(pal.quote_bg)
                .color(pal.text),
            "Quotations in quote marks (the bar marks their paragraphs)",
        ),
        (
            &mut t.reported,
            RichText::new("Reported speech").color(pal.text),
            "Speech reported without quote marks: a dotted underline",
        ),
    ];
    for (on, label, hint) in items {
        ui.checkbox(on, label).on_hover_text(hint);
    }
    ui.label(RichText::new("What the colours mean").color(pal.weak))
        .on_hover_text(LEGEND_HELP);
    if toggles != app.state.settings.toggles {
        app.commands.push(Command::SetToggles(toggles));
    }
}
