//! The entity panel: people and countries, their filter, their rows (laid out once and cached),
//! and dragging one person onto another to merge them.

#![allow(
    clippy::wildcard_imports,
    reason = "a part of `ui`, split off by concern: it shares the module's imports and private items"
)]

use super::*;

/// One row of the entity list.
#[derive(Clone, Copy)]
pub(super) enum EntityRow {
    Heading(&'static str),
    None,
    Gap,
    Entity(EntityRef),
}

/// The entity list as rows: "People", one row per person listed (most mentioned first), a gap,
/// "Countries", one row per country listed. Row `r` is computed, not stored: long documents
/// have thousands of people and only the visible rows are drawn.
pub(super) fn entity_row(state: &AppState, r: usize) -> EntityRow {
    let (people, countries) = &state.listed;
    let np = people.len().max(1);
    match r {
        0 => EntityRow::Heading("People"),
        r if r <= np => people.get(r - 1).map_or(EntityRow::None, |&pi| {
            EntityRow::Entity(EntityRef::Person(pi))
        }),
        r if r == np + 1 => EntityRow::Gap,
        r if r == np + 2 => EntityRow::Heading("Countries"),
        r => countries.get(r - np - 3).map_or(EntityRow::None, |&ci| {
            EntityRow::Entity(EntityRef::Country(ci))
        }),
    }
}

/// A panel's header line: its title and the chevron that collapses it.
pub(super) fn panel_header_ui(
    ui: &mut egui::Ui,
    app: &mut Frame<'_>,
    kind: PanelKind,
    title: &str,
) {
    ui.horizontal(|ui| {
        let (chevron, hint) = match kind {
            PanelKind::Entities => ("«", "Hide people and countries"),
            PanelKind::Quotes => ("»", "Hide who said what"),
        };
        if kind == PanelKind::Quotes && ui.button(chevron).on_hover_text(hint).clicked() {
            app.commands.push(Command::ShowPanel(kind, false));
        }
        ui.heading(title);
        if kind == PanelKind::Entities {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(chevron).on_hover_text(hint).clicked() {
                    app.commands.push(Command::ShowPanel(kind, false));
                }
            });
        }
    });
}

pub(super) fn entities_ui(ui: &mut egui::Ui, app: &mut Frame<'_>, pal: &Palette) {
    panel_header_ui(ui, app, PanelKind::Entities, "In this article");
    ui.horizontal(|ui| {
        let label = ui.label("Filter:");
        let mut filter = app.state.entity_filter.clone();
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut filter)
                    .hint_text("names")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if edit.changed() {
            app.commands.push(Command::FilterEntities(filter));
        }
    });
    let total = app.state.listed.0.len().max(1) + app.state.listed.1.len().max(1) + 3;
    let row_h = ui
        .text_style_height(&egui::TextStyle::Heading)
        .max(ui.spacing().interact_size.y);
    let mut area = egui::ScrollArea::vertical()
        .id_salt("entities")
        .auto_shrink([false, false]);
    if app.view.fresh {
        area = area.vertical_scroll_offset(0.0);
    }
    area.show_rows(ui, row_h, total, |ui, range| {
        for r in range {
            let size = egui::vec2(ui.available_width(), row_h);
            match entity_row(app.state, r) {
                EntityRow::Entity(e) => entity_item_ui(ui, size, e, app, pal),
                row => {
                    ui.allocate_ui_with_layout(
                        size,
                        egui::Layout::left_to_right(egui::Align::Center),
                        |ui| {
                            ui.set_min_size(size);
                            match row {
                                EntityRow::Heading(h) => {
                                    ui.heading(h);
                                }
                                EntityRow::None => {
                                    ui.weak(if app.state.entity_filter.trim().is_empty() {
                                        "None found"
                                    } else {
                                        "None match the filter"
                                    });
                                }
                                EntityRow::Gap | EntityRow::Entity(_) => {}
                            }
                        },
                    );
                }
            }
        }
    });
}

/// Dragging one person's row onto another's merges the first into the second.
pub(super) fn merge_drop_ui(
    ui: &egui::Ui,
    response: &egui::Response,
    rect: egui::Rect,
    e: EntityRef,
    app: &mut Frame<'_>,
    pal: &Palette,
) {
    if let EntityRef::Person(pi) = e {
        response.dnd_set_drag_payload(DraggedPerson(pi));
        if let Some(from) = response.dnd_release_payload::<DraggedPerson>()
            && from.0 != pi
            && app.state.article.review.blocked.is_none()
            && let (Some(from), Some(into)) = (
                app.state.article.entity_anchor(EntityRef::Person(from.0)),
                app.state.article.entity_anchor(e),
            )
        {
            app.commands
                .push(Command::Correct(crate::review::Correction::Merge {
                    from,
                    into,
                }));
        }
        if response
            .dnd_hover_payload::<DraggedPerson>()
            .is_some_and(|f| f.0 != pi)
        {
            ui.painter().rect_stroke(
                rect,
                2.0,
                egui::Stroke::new(2.0, pal.person),
                egui::StrokeKind::Inside,
            );
        }
    }
}

/// The payload of a person's row being dragged (onto another, to merge them).
pub(super) struct DraggedPerson(usize);

/// The laid-out name and mention count of each entity-list row drawn so far, for one width,
/// style and palette: the list is drawn every frame, its rows seldom change.
#[derive(Default)]
pub struct EntityRowCache {
    pub(super) key: Option<RowCacheKey>,
    pub(super) rows: std::collections::HashMap<EntityRef, (Arc<egui::Galley>, Arc<egui::Galley>)>,
}

/// What the cached rows' layout depends on.
#[derive(Clone, PartialEq)]
pub(super) struct RowCacheKey {
    pub(super) width: f32,
    pub(super) font: egui::FontId,
    pub(super) pixels_per_point: f32,
    pub(super) colours: [Color32; 3],
}

/// Rows kept at most (the visible ones of a scrolling list are a few dozen).
pub(super) const MAX_CACHED_ROWS: usize = 512;

/// One entity of the list with its mention count: a single widget painted directly, since the
/// list is drawn every frame. The whole row is the click target; long names end in "…".
pub(super) fn entity_item_ui(
    ui: &mut egui::Ui,
    size: egui::Vec2,
    e: EntityRef,
    app: &mut Frame<'_>,
    pal: &Palette,
) {
    let a = &app.state.article.analysis;
    let (name, mentions, colour) = match e {
        EntityRef::Person(pi) => (
            a.people.get(pi).map_or("", |p| p.name.as_str()),
            a.people.get(pi).map_or(0, |p| p.mentions.len()),
            pal.person,
        ),
        EntityRef::Country(ci) => (
            a.countries.get(ci).map_or("", |c| &c.name),
            a.countries.get(ci).map_or(0, |c| c.mentions.len()),
            pal.country,
        ),
    };
    let flags = &app.state.article.review.flags;
    let corrected = match e {
        EntityRef::Person(pi) => flags.people.get(pi),
        EntityRef::Country(ci) => flags.countries.get(ci),
    }
    .copied()
    .unwrap_or(false);
    let is_selected = app.state.selected == Some(e);
    let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::Button, ui.is_enabled(), is_selected, name)
    });
    if response.clicked() {
        app.commands.push(Command::Select(e));
    }
    response.context_menu(|ui| {
        review::entity_menu_ui(ui, &app.state.article, e, None, app.commands);
    });
    // F2 renames the focused row's person or country.
    if response.has_focus()
        && app.state.article.review.blocked.is_none()
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F2))
    {
        app.commands
            .push(Command::Edit(Some(crate::app::review::Editor::Rename {
                entity: e,
                name: name.to_string(),
            })));
    }
    merge_drop_ui(ui, &response, rect, e, app, pal);
    if !ui.is_rect_visible(rect) {
        return;
    }
    let font = egui::TextStyle::Button.resolve(ui.style());
    let pad = ui.spacing().button_padding.x;
    let gap = ui.spacing().item_spacing.x;
    let key = RowCacheKey {
        width: rect.width(),
        font: font.clone(),
        pixels_per_point: ui.ctx().pixels_per_point(),
        colours: [pal.person, pal.country, pal.weak],
    };
    let cache = &mut app.view.entity_rows;
    if cache.key.as_ref() != Some(&key) || cache.rows.len() > MAX_CACHED_ROWS {
        cache.rows.clear();
        cache.key = Some(key);
    }
    let (label, count) = cache
        .rows
        .entry(e)
        .or_insert_with(|| {
            let painter = ui.painter();
            let count = if corrected {
                format!("{mentions} · corrected")
            } else {
                mentions.to_string()
            };
            let count = painter.layout_no_wrap(count, font.clone(), pal.weak);
            let mut job = egui::text::LayoutJob::single_section(
                name.to_owned(),
                egui::TextFormat::simple(font, colour),
            );
            job.wrap = egui::text::TextWrapping::truncate_at_width(
                (rect.width() - 2.0 * pad - gap - count.size().x).max(0.0),
            );
            (painter.layout_job(job), count)
        })
        .clone();
    let visuals = ui.style().interact_selectable(&response, is_selected);
    let painter = ui.painter();
    if is_selected || response.hovered() || response.has_focus() {
        painter.rect(
            rect,
            visuals.corner_radius,
            visuals.weak_bg_fill,
            visuals.bg_stroke,
            egui::StrokeKind::Inside,
        );
    }
    if response.has_focus() {
        painter.rect_stroke(
            rect,
            visuals.corner_radius,
            ui.visuals().selection.stroke,
            egui::StrokeKind::Inside,
        );
    }
    let name_pos = egui::pos2(rect.left() + pad, rect.center().y - label.size().y / 2.0);
    let count_pos = egui::pos2(
        name_pos.x + label.size().x + gap,
        rect.center().y - count.size().y / 2.0,
    );
    painter.galley(name_pos, label, colour);
    painter.galley(count_pos, count, pal.weak);
}
