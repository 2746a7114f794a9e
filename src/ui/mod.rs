//! Drawing: menu bar and legend, entity list, who-said-what panel, the article and the status
//! bar. Functions here only read state and queue [`Command`]s (except UI-local toggles).

pub mod article;
pub mod theme;

use eframe::egui::{self, Align2, Color32, RichText, Sense};

use crate::analysis::{EntityRef, QuoteKind};
use crate::app::{Article, Command, QuotelensApp, ThemeChoice};
use article::{Look, Mark, plural};
use theme::Palette;

/// The whole window.
pub fn app_ui(ui: &mut egui::Ui, app: &mut QuotelensApp) {
    let pal = theme::palette(ui.visuals());
    egui::Panel::top("menu").show(ui, |ui| menu_ui(ui, app, &pal));
    egui::Panel::bottom("status").show(ui, |ui| status_ui(ui, app, &pal));
    egui::Panel::left("entities")
        .resizable(true)
        .default_size(220.0)
        .min_size(150.0)
        .show(ui, |ui| entities_ui(ui, app, &pal));
    egui::Panel::right("quotes")
        .resizable(true)
        .default_size(380.0)
        .min_size(220.0)
        .show(ui, |ui| quotes_ui(ui, app, &pal));
    egui::CentralPanel::default().show(ui, |ui| article_ui(ui, app, &pal));
    drop_overlay_ui(ui, &pal);
}

fn menu_ui(ui: &mut egui::Ui, app: &mut QuotelensApp, pal: &Palette) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui.button("Open…  (Ctrl+O)").clicked() {
                app.commands.push(Command::OpenDialog);
            }
            ui.menu_button("Open Recent", |ui| {
                if app.settings.recent.is_empty() {
                    ui.weak("No recent files");
                }
                for p in &app.settings.recent {
                    if ui.button(p.display().to_string()).clicked() {
                        app.commands.push(Command::Open(p.clone()));
                    }
                }
            });
            ui.separator();
            if ui.button("Quit").clicked() {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
        ui.menu_button("View", |ui| {
            let z = app.settings.zoom;
            if ui.button("Zoom in  (Ctrl++)").clicked() {
                app.commands.push(Command::Zoom(z * 1.1));
            }
            if ui.button("Zoom out  (Ctrl+-)").clicked() {
                app.commands.push(Command::Zoom(z / 1.1));
            }
            if ui.button("Actual size  (Ctrl+0)").clicked() {
                app.commands.push(Command::Zoom(1.0));
            }
            ui.separator();
            for (t, label) in [
                (ThemeChoice::System, "Follow system theme"),
                (ThemeChoice::Light, "Light theme"),
                (ThemeChoice::Dark, "Dark theme"),
            ] {
                if ui.radio(app.settings.theme == t, label).clicked() {
                    app.commands.push(Command::Theme(t));
                }
            }
        });
        ui.separator();
        // Legend with a toggle per kind.
        let t = &mut app.settings.toggles;
        ui.checkbox(
            &mut t.people,
            RichText::new("People").color(pal.person).underline(),
        );
        ui.checkbox(
            &mut t.countries,
            RichText::new("Countries").color(pal.country).underline(),
        );
        ui.label(
            RichText::new("demonyms · capitals")
                .color(pal.country_light)
                .underline(),
        );
        ui.checkbox(
            &mut t.quotes,
            RichText::new("“Quotes”")
                .background_color(pal.quote_bg)
                .color(pal.text),
        );
    });
}

fn status_ui(ui: &mut egui::Ui, app: &QuotelensApp, pal: &Palette) {
    ui.horizontal(|ui| {
        let a = &app.article.analysis;
        ui.label(&app.article.name);
        ui.separator();
        ui.label(format!(
            "{} people · {} countries · {} quotes",
            a.people.len(),
            a.countries.len(),
            app.article.quotation_count
        ));
        if let Some(l) = &app.loading {
            ui.separator();
            ui.spinner();
            ui.label(format!("Analysing {}…", l.name));
        }
        if let Some(e) = &app.error {
            ui.separator();
            ui.label(RichText::new(format!("Error: {e}")).color(pal.error));
        }
    });
}

fn entities_ui(ui: &mut egui::Ui, app: &mut QuotelensApp, pal: &Palette) {
    egui::ScrollArea::vertical()
        .id_salt("entities")
        .show(ui, |ui| {
            let art = &app.article;
            let a = &art.analysis;
            let people = art.people_order.iter().map(|&pi| {
                (
                    EntityRef::Person(pi),
                    a.people[pi].name.as_str(),
                    a.people[pi].mentions.len(),
                )
            });
            entity_list_ui(
                ui,
                "People",
                people,
                pal.person,
                app.selected,
                &mut app.commands,
                pal,
            );
            ui.add_space(8.0);
            let countries = art.country_order.iter().map(|&ci| {
                (
                    EntityRef::Country(ci),
                    a.countries[ci].name,
                    a.countries[ci].mentions.len(),
                )
            });
            entity_list_ui(
                ui,
                "Countries",
                countries,
                pal.country,
                app.selected,
                &mut app.commands,
                pal,
            );
        });
}

/// One section of the entity list: a heading, then a selectable row per entity with its count.
fn entity_list_ui<'a>(
    ui: &mut egui::Ui,
    heading: &str,
    rows: impl ExactSizeIterator<Item = (EntityRef, &'a str, usize)>,
    colour: Color32,
    selected: Option<EntityRef>,
    commands: &mut Vec<Command>,
    pal: &Palette,
) {
    ui.heading(heading);
    if rows.len() == 0 {
        ui.weak("None found");
    }
    for (e, name, mentions) in rows {
        ui.horizontal(|ui| {
            if ui
                .selectable_label(selected == Some(e), RichText::new(name).color(colour))
                .clicked()
            {
                commands.push(Command::Select(e));
            }
            ui.label(RichText::new(mentions.to_string()).color(pal.weak));
        });
    }
}

fn quotes_ui(ui: &mut egui::Ui, app: &mut QuotelensApp, pal: &Palette) {
    ui.heading("Who said what");
    if let Some(sel) = app.selected {
        let name = app.article.analysis.entity_name(sel);
        ui.horizontal(|ui| {
            ui.label("Filter:");
            if ui
                .button(format!("× {name}"))
                .on_hover_text("Clear the filter (Esc)")
                .clicked()
            {
                app.commands.push(Command::ClearSelection);
            }
        });
    }
    ui.separator();
    let selected = app.selected;
    app.article.refresh_quote_panel(selected);
    let art = &app.article;
    let panel = art.quote_panel();
    let mut jump = None;
    egui::ScrollArea::vertical()
        .id_salt("quotes")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if panel.groups.is_empty() {
                ui.weak(if selected.is_some() {
                    "No quotes by this speaker."
                } else {
                    "No quotations found."
                });
            }
            for g in &panel.groups {
                let title = g.name.as_deref().unwrap_or("Unattributed");
                let direct = g
                    .quotes
                    .iter()
                    .filter(|&&qi| art.analysis.quotes[qi].kind != QuoteKind::Indirect)
                    .count();
                ui.add_space(6.0);
                ui.label(
                    RichText::new(format!("{title} · {direct} quote{}", plural(direct))).strong(),
                );
                for &qi in &g.quotes {
                    if quote_card_ui(ui, art, qi, pal) {
                        jump = Some(qi);
                    }
                }
            }
            if let Some(sel) = selected
                && !panel.mentioning.is_empty()
            {
                ui.add_space(10.0);
                ui.separator();
                ui.label(
                    RichText::new(format!(
                        "Quotes that mention {}",
                        art.analysis.entity_name(sel)
                    ))
                    .strong(),
                );
                for &qi in &panel.mentioning {
                    if quote_card_ui(ui, art, qi, pal) {
                        jump = Some(qi);
                    }
                }
            }
        });
    if let Some(qi) = jump {
        app.commands.push(Command::JumpToQuote(qi));
    }
}

/// One quote as a card; returns whether it was clicked.
fn quote_card_ui(ui: &mut egui::Ui, art: &Article, qi: usize, pal: &Palette) -> bool {
    let Some(q) = art.analysis.quotes.get(qi) else {
        return false;
    };
    let text = &art.text;
    let words: String = text
        .get(q.span.start..q.span.end)
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let (body, note) = match q.kind {
        QuoteKind::Indirect => (words, "reported speech"),
        QuoteKind::Partial => (format!("“{words}”"), "partial quote"),
        _ => (format!("“{words}”"), ""),
    };
    let cue = q.cue.and_then(|c| text.get(c.start..c.end));
    let speaker = q.speaker.as_ref().map(|s| s.name.as_str());
    let frame = egui::Frame::group(ui.style())
        .fill(if q.kind == QuoteKind::Indirect {
            Color32::TRANSPARENT
        } else {
            pal.quote_bg
        })
        .stroke(egui::Stroke::new(1.0, pal.quote_bar));
    let resp = frame
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(body).color(pal.text));
            let mut meta = Vec::new();
            if !note.is_empty() {
                meta.push(note.to_string());
            }
            match (speaker, cue) {
                (Some(s), Some(c)) => meta.push(format!("{s} · “{c}”")),
                (Some(s), None) => meta.push(format!("{s} · no cue: follows their earlier quote")),
                (None, Some(c)) => meta.push(format!("cue: “{c}”")),
                (None, None) => {}
            }
            if !meta.is_empty() {
                ui.label(RichText::new(meta.join(" — ")).small().color(pal.weak));
            }
        })
        .response
        .interact(Sense::click())
        .on_hover_cursor(egui::CursorIcon::PointingHand)
        .on_hover_text("Show in the article");
    resp.clicked()
}

fn article_ui(ui: &mut egui::Ui, app: &mut QuotelensApp, pal: &Palette) {
    if app.article.empty {
        ui.centered_and_justified(|ui| {
            ui.label(
                RichText::new(format!(
                    "{} is empty: there is no text to analyse.",
                    app.article.name
                ))
                .size(18.0)
                .color(pal.weak),
            );
        });
        return;
    }
    let avail = ui.available_width();
    let width = (avail - 24.0).clamp(200.0, 760.0);
    let margin = ((avail - width) / 2.0 - 12.0).max(0.0);
    let font = 17.0 * app.settings.zoom;
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "positive sizes in points"
    )]
    let look = Look {
        width: width as u32,
        font_tenths: (font * 10.0).round() as u32,
        toggles: app.settings.toggles,
        selected: app.selected,
        flash: app.flash.map(|(q, _)| q),
        dark: ui.visuals().dark_mode,
    };
    let art = &mut app.article;
    let out = ui
        .horizontal_top(|ui| {
            ui.add_space(margin);
            ui.vertical(|ui| art.view.ui(ui, &art.analysis, &art.text, look, pal))
        })
        .inner
        .inner;
    match out.clicked {
        Some(Mark::Person(pi)) => app.commands.push(Command::Select(EntityRef::Person(pi))),
        Some(Mark::Country(ci, _)) => app.commands.push(Command::Select(EntityRef::Country(ci))),
        Some(Mark::Quote(qi)) => {
            if let Some(e) = app
                .article
                .analysis
                .quotes
                .get(qi)
                .and_then(|q| q.speaker.as_ref())
                .and_then(|s| s.entity)
            {
                app.commands.push(Command::Select(e));
            }
        }
        None => {}
    }
}

fn drop_overlay_ui(ui: &egui::Ui, pal: &Palette) {
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
