//! The corpus desk: a folder's articles as a table (sortable, filtered, virtualised), the
//! indexing's progress and Cancel, files that could not be read with their error, the tabs to
//! the corpus's overview and search; and the breadcrumb back to it from an article.

use eframe::egui::{self, RichText, Sense};

use super::corpus;
use super::theme::{self, Palette};
use crate::app::Command;
use crate::app::desk::{Column, Desk, View};

/// Height of a table row.
const ROW_HEIGHT: f32 = 22.0;

/// Each column's width, from the width available: the title takes what the others leave. The
/// date column is left out (width 0) when no article gives a date.
fn widths(total: f32, dated: bool) -> [f32; 7] {
    let fixed = [
        0.0,
        if dated { 84.0 } else { 0.0 },
        (total * 0.2).clamp(90.0, 260.0),
        60.0,
        60.0,
        96.0,
        78.0,
    ];
    let rest: f32 = fixed.iter().sum();
    let mut w = fixed;
    let gaps = if dated { 7.0 } else { 6.0 };
    w[0] = (total - rest - gaps * 8.0).max(120.0);
    w
}

/// The desk, in the central panel: its heading, the indexing's progress, the tabs (articles,
/// overview, search) and the view chosen; a speaker's quotes when one was clicked.
pub fn desk_ui(ui: &mut egui::Ui, desk: &Desk, commands: &mut Vec<Command>, pal: &Palette) {
    heading_ui(ui, desk, commands, pal);
    ui.horizontal(|ui| {
        let tabs = [
            (View::Articles, "Articles"),
            (View::Overview, "Overview"),
            (View::Search, "Search"),
        ];
        for (view, label) in tabs {
            if ui.selectable_label(desk.view == view, label).clicked() && desk.view != view {
                commands.push(Command::DeskView(view));
            }
        }
    });
    ui.separator();
    match &desk.view {
        View::Articles => articles_ui(ui, desk, commands, pal),
        View::Overview => corpus::overview_ui(ui, desk, commands, pal),
        View::Speaker { name, kind } => corpus::speaker_ui(ui, desk, name, kind, commands, pal),
        View::Search => corpus::search_ui(ui, desk, commands, pal),
    }
}

/// The desk's heading: the folder, the indexing's progress and Cancel, what the last update
/// did, an index rebuilt, an error of the index.
fn heading_ui(ui: &mut egui::Ui, desk: &Desk, commands: &mut Vec<Command>, pal: &Palette) {
    ui.horizontal(|ui| {
        ui.heading(format!("Corpus: {}", desk.name));
        ui.label(
            RichText::new(format!(
                "{} articles · {}",
                desk.rows.len(),
                desk.root.display()
            ))
            .color(pal.weak),
        );
    });
    if let Some(p) = desk.progress {
        ui.horizontal(|ui| {
            #[allow(clippy::cast_precision_loss, reason = "a progress fraction")]
            let fraction = if p.total == 0 {
                0.0
            } else {
                p.done as f32 / p.total as f32
            };
            let text = if p.total == 0 {
                "Checking the corpus index and listing the folder…".to_string()
            } else {
                format!("Indexing: {} of {} articles", p.done, p.total)
            };
            let bar = egui::ProgressBar::new(fraction)
                .text(text)
                .desired_width(ui.available_width() - 90.0);
            ui.add(bar);
            if ui.button("Cancel").clicked() {
                commands.push(Command::DeskCancel);
            }
        });
    } else if let Some(u) = &desk.updated {
        let cancelled = if u.cancelled {
            " · cancelled: the rest is indexed next time"
        } else {
            ""
        };
        ui.label(
            RichText::new(format!(
                "Indexed: {} analysed, {} unchanged{cancelled}",
                u.analysed, u.reused
            ))
            .color(pal.weak),
        );
    }
    if let Some(why) = &desk.rebuilt {
        ui.label(RichText::new(format!("The corpus index was rebuilt: {why}")).color(pal.weak));
    }
    if let Some(e) = &desk.error {
        ui.label(RichText::new(e).color(pal.error));
    }
}

/// The articles: the filter box and the table.
fn articles_ui(ui: &mut egui::Ui, desk: &Desk, commands: &mut Vec<Command>, pal: &Palette) {
    ui.horizontal(|ui| {
        ui.label("Filter:");
        let mut filter = desk.filter.clone();
        let edit = egui::TextEdit::singleline(&mut filter)
            .hint_text("title or file")
            .desired_width(260.0);
        if ui.add(edit).changed() {
            commands.push(Command::DeskFilter(filter));
        }
        if !desk.filter.is_empty() {
            ui.label(
                RichText::new(format!("{} of {} shown", desk.shown.len(), desk.rows.len()))
                    .color(pal.weak),
            );
        }
    });
    ui.separator();
    table_ui(ui, desk, commands, pal);
}

/// The table: its header and the rows on screen (virtualised: only those are laid out).
fn table_ui(ui: &mut egui::Ui, desk: &Desk, commands: &mut Vec<Command>, pal: &Palette) {
    let w = widths(ui.available_width(), desk.dated);
    header_ui(ui, desk, &w, commands, pal);
    let current = desk.current_row;
    let mut area = egui::ScrollArea::vertical().auto_shrink([false, false]);
    if desk.scroll_to_current
        && let Some(row) = current
    {
        #[allow(clippy::cast_precision_loss, reason = "a row's offset in points")]
        let y =
            (row as f32 * (ROW_HEIGHT + ui.spacing().item_spacing.y) - 3.0 * ROW_HEIGHT).max(0.0);
        area = area.vertical_scroll_offset(y);
        commands.push(Command::DeskScrolled);
    }
    area.show_rows(ui, ROW_HEIGHT, desk.shown.len(), |ui, range| {
        for row in range {
            let Some(a) = desk.shown.get(row).and_then(|&i| desk.rows.get(i)) else {
                continue;
            };
            let cells = [
                a.title.clone(),
                a.date.clone().unwrap_or_default(),
                a.file.clone(),
                a.people.to_string(),
                a.quotes.to_string(),
                corpus::percent(a.unattributed, a.quotes),
                if a.quotes == 0 {
                    "–".into()
                } else {
                    format!("{} of {}", a.checked, a.quotes)
                },
            ];
            // The row's background, painted under its cells once their rect is known.
            let background = ui.painter().add(egui::Shape::Noop);
            let response = ui
                .horizontal(|ui| {
                    ui.set_height(ROW_HEIGHT);
                    for (k, (text, width)) in cells.iter().zip(w).enumerate() {
                        if width <= 0.0 {
                            continue;
                        }
                        let mut rich = RichText::new(text);
                        if k == 0 && a.error.is_some() {
                            rich = RichText::new(format!(
                                "{} — {}",
                                a.file,
                                a.error.as_deref().unwrap_or_default()
                            ))
                            .color(pal.error);
                        } else if k > 0 && a.error.is_some() {
                            rich = RichText::new("");
                        }
                        let layout = if k >= 3 {
                            egui::Layout::right_to_left(egui::Align::Center)
                        } else {
                            egui::Layout::left_to_right(egui::Align::Center)
                        };
                        ui.allocate_ui_with_layout(egui::vec2(width, ROW_HEIGHT), layout, |ui| {
                            ui.set_width(width);
                            ui.add(egui::Label::new(rich).truncate().selectable(false));
                        });
                    }
                })
                .response;
            let response = response.interact(Sense::click());
            theme::row_background(ui, background, &response, Some(row) == current, pal);
            if response.clicked() && a.error.is_none() {
                commands.push(Command::DeskOpen(a.file.clone()));
            }
            response.on_hover_text(if a.error.is_some() {
                "This file could not be read"
            } else {
                "Open this article"
            });
        }
    });
}

/// The header row: a button per column, the sorted one with a triangle painted beside its name
/// (pointing up for ascending), since the bundled font has no arrows.
fn header_ui(
    ui: &mut egui::Ui,
    desk: &Desk,
    w: &[f32; 7],
    commands: &mut Vec<Command>,
    pal: &Palette,
) {
    ui.horizontal(|ui| {
        for (column, width) in Column::ALL.into_iter().zip(w) {
            if *width <= 0.0 {
                continue;
            }
            let button = egui::Button::new(RichText::new(column.label()).strong()).frame(false);
            let sorted = (desk.sort.0 == column).then_some(desk.sort.1);
            let hover = match sorted {
                Some(true) => "Sorted up (click: down)",
                Some(false) => "Sorted down (click: up)",
                None => "Sort by this column",
            };
            let numeric = !matches!(column, Column::Title | Column::File | Column::Date);
            let layout = if numeric {
                egui::Layout::right_to_left(egui::Align::Center)
            } else {
                egui::Layout::left_to_right(egui::Align::Center)
            };
            let response = ui
                .allocate_ui_with_layout(egui::vec2(*width, ROW_HEIGHT), layout, |ui| {
                    ui.set_width(*width);
                    if numeric {
                        // Room for the triangle, right of the name.
                        ui.add_space(14.0);
                    }
                    ui.add(button).on_hover_text(hover)
                })
                .inner;
            if let Some(up) = sorted {
                let c = response.rect.right_center() + egui::vec2(8.0, 0.0);
                let (tip, base) = if up { (-4.0, 3.0) } else { (4.0, -3.0) };
                let points = vec![
                    c + egui::vec2(0.0, tip),
                    c + egui::vec2(-4.5, base),
                    c + egui::vec2(4.5, base),
                ];
                ui.painter().add(egui::Shape::convex_polygon(
                    points,
                    pal.text,
                    egui::Stroke::NONE,
                ));
            }
            if response.clicked() {
                commands.push(Command::DeskSort(column));
            }
        }
    });
}

/// The breadcrumb above an article opened from the desk: back to the corpus (Alt+←).
pub fn breadcrumb_ui(ui: &mut egui::Ui, desk: &Desk, article: &str, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        if ui
            .link(format!("« Corpus: {}", desk.name))
            .on_hover_text("Back to the corpus (Alt+←)")
            .clicked()
        {
            commands.push(Command::ShowDesk);
        }
        ui.label(format!("› {article}"));
    });
}
