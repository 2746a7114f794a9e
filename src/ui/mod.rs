//! Drawing: menu bar and legend, entity list, who-said-what panel, the article and the status
//! bar. Functions here read the application state, keep their own caches ([`ViewCaches`]) and
//! ask for every change with a queued [`Command`].

pub mod article;
pub mod rows;
pub mod theme;

use std::sync::Arc;

use eframe::egui::{self, Align2, Color32, RichText, Sense};

use crate::analysis::{Analysis, EntityRef, Quote, QuoteKind};
use crate::app::{AppState, Article, Command, PanelItem, ThemeChoice};
use article::{ArticleView, Look, Mark};
use rows::RowHeights;
use theme::Palette;

/// What the UI keeps between frames for the article on screen: the article view's galleys and
/// heights, the entity list's rows, the quote panel's cards and heights. Reset when another
/// article opens, the panel's part when the selection changes.
pub struct ViewCaches {
    /// The article these caches are for (its id; 0 for none yet).
    article_id: u64,
    /// The article view.
    pub article: ArticleView,
    /// The entity list's laid-out rows.
    entity_rows: EntityRowCache,
    /// The quote panel's cards and row heights.
    panel: PanelCache,
}

impl Default for ViewCaches {
    fn default() -> Self {
        Self {
            article_id: 0,
            article: ArticleView::new(&Analysis::default()),
            entity_rows: EntityRowCache::default(),
            panel: PanelCache::default(),
        }
    }
}

/// The quote panel's caches for one selection.
#[derive(Default)]
struct PanelCache {
    /// The selection they are for.
    selected: Option<EntityRef>,
    /// The text of the quote cards drawn so far, by quote.
    cards: CardCache,
    /// Row heights for drawing only the visible rows.
    rows: RowHeights,
    /// The panel width `rows` was estimated for.
    rows_width: f32,
}

impl ViewCaches {
    /// Follows the state: fresh caches for another article or another selection, and the
    /// article view scrolled to a quote the state asks for.
    pub fn sync(&mut self, state: &AppState, jump: Option<usize>) {
        let art = &state.article;
        if art.id != self.article_id {
            *self = Self {
                article_id: art.id,
                article: ArticleView::new(&art.analysis),
                entity_rows: EntityRowCache::default(),
                panel: PanelCache::default(),
            };
        }
        if self.panel.selected != art.panel.selected {
            self.panel = PanelCache {
                selected: art.panel.selected,
                ..PanelCache::default()
            };
        }
        if let Some(q) = jump.and_then(|qi| art.analysis.quotes.get(qi)) {
            self.article.scroll_to(&art.analysis, q.span);
        }
    }
}

/// What the panels draw from and write to in one frame.
struct Frame<'a> {
    state: &'a AppState,
    view: &'a mut ViewCaches,
    commands: &'a mut Vec<Command>,
}

/// The whole window: draws `state`, keeping `view`'s caches, and queues `commands`.
pub fn app_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    view: &mut ViewCaches,
    commands: &mut Vec<Command>,
) {
    let app = &mut Frame {
        state,
        view,
        commands,
    };
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

fn menu_ui(ui: &mut egui::Ui, app: &mut Frame<'_>, pal: &Palette) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui.button("Open…  (Ctrl+O)").clicked() {
                app.commands.push(Command::OpenDialog);
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
            ui.separator();
            if ui.button("Quit").clicked() {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
        ui.menu_button("View", |ui| {
            let z = app.state.settings.zoom;
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
                if ui.radio(app.state.settings.theme == t, label).clicked() {
                    app.commands.push(Command::Theme(t));
                }
            }
        });
        ui.separator();
        // Legend with a toggle per kind.
        let mut toggles = app.state.settings.toggles;
        let t = &mut toggles;
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
        if toggles != app.state.settings.toggles {
            app.commands.push(Command::SetToggles(toggles));
        }
    });
}

fn status_ui(ui: &mut egui::Ui, app: &Frame<'_>, pal: &Palette) {
    ui.horizontal(|ui| {
        let a = &app.state.article.analysis;
        ui.label(&app.state.article.name);
        ui.separator();
        ui.label(a.count_words(app.state.article.quote_counts));
        if let Some(l) = &app.state.loading {
            ui.separator();
            ui.spinner();
            ui.label(format!("Analysing {}…", l.name));
        }
        if let Some(e) = &app.state.error {
            ui.separator();
            ui.label(RichText::new(format!("Error: {e}")).color(pal.error));
        }
    });
}

/// One row of the entity list.
#[derive(Clone, Copy)]
enum EntityRow {
    Heading(&'static str),
    None,
    Gap,
    Entity(EntityRef),
}

/// The entity list as rows: "People", one row per person (most mentioned first), a gap,
/// "Countries", one row per country. Row `r` is computed, not stored: long documents have
/// thousands of people and only the visible rows are drawn.
fn entity_row(art: &Article, r: usize) -> EntityRow {
    let np = art.people_order.len().max(1);
    match r {
        0 => EntityRow::Heading("People"),
        r if r <= np => art.people_order.get(r - 1).map_or(EntityRow::None, |&pi| {
            EntityRow::Entity(EntityRef::Person(pi))
        }),
        r if r == np + 1 => EntityRow::Gap,
        r if r == np + 2 => EntityRow::Heading("Countries"),
        r => art
            .country_order
            .get(r - np - 3)
            .map_or(EntityRow::None, |&ci| {
                EntityRow::Entity(EntityRef::Country(ci))
            }),
    }
}

fn entities_ui(ui: &mut egui::Ui, app: &mut Frame<'_>, pal: &Palette) {
    let total = app.state.article.people_order.len().max(1)
        + app.state.article.country_order.len().max(1)
        + 3;
    let row_h = ui
        .text_style_height(&egui::TextStyle::Heading)
        .max(ui.spacing().interact_size.y);
    egui::ScrollArea::vertical()
        .id_salt("entities")
        .auto_shrink([false, false])
        .show_rows(ui, row_h, total, |ui, range| {
            for r in range {
                let size = egui::vec2(ui.available_width(), row_h);
                match entity_row(&app.state.article, r) {
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
                                        ui.weak("None found");
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

/// The laid-out name and mention count of each entity-list row drawn so far, for one width,
/// style and palette: the list is drawn every frame, its rows seldom change.
#[derive(Default)]
pub struct EntityRowCache {
    key: Option<RowCacheKey>,
    rows: std::collections::HashMap<EntityRef, (Arc<egui::Galley>, Arc<egui::Galley>)>,
}

/// What the cached rows' layout depends on.
#[derive(Clone, PartialEq)]
struct RowCacheKey {
    width: f32,
    font: egui::FontId,
    pixels_per_point: f32,
    colours: [Color32; 3],
}

/// Rows kept at most (the visible ones of a scrolling list are a few dozen).
const MAX_CACHED_ROWS: usize = 512;

/// One entity of the list with its mention count: a single widget painted directly, since the
/// list is drawn every frame. The whole row is the click target; long names end in "…".
fn entity_item_ui(
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
            a.countries.get(ci).map_or("", |c| c.name),
            a.countries.get(ci).map_or(0, |c| c.mentions.len()),
            pal.country,
        ),
    };
    let is_selected = app.state.selected == Some(e);
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::Button, ui.is_enabled(), is_selected, name)
    });
    if response.clicked() {
        app.commands.push(Command::Select(e));
    }
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
            let count = painter.layout_no_wrap(mentions.to_string(), font.clone(), pal.weak);
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
    let name_pos = egui::pos2(rect.left() + pad, rect.center().y - label.size().y / 2.0);
    let count_pos = egui::pos2(
        name_pos.x + label.size().x + gap,
        rect.center().y - count.size().y / 2.0,
    );
    painter.galley(name_pos, label, colour);
    painter.galley(count_pos, count, pal.weak);
}

fn quotes_ui(ui: &mut egui::Ui, app: &mut Frame<'_>, pal: &Palette) {
    ui.heading("Who said what");
    if let Some(sel) = app.state.selected {
        let name = app.state.article.analysis.entity_name(sel);
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
    let selected = app.state.selected;
    let art = &app.state.article;
    let (analysis, text, panel) = (&art.analysis, art.text.as_str(), &art.panel);
    let cache = &mut app.view.panel;
    let width = ui.available_width();
    if cache.rows.len() != panel.items.len() || (cache.rows_width - width).abs() > 0.5 {
        let estimate = |item: &PanelItem| match *item {
            PanelItem::Empty | PanelItem::Group { .. } => 28.0,
            PanelItem::MentionsHeading => 40.0,
            PanelItem::Quote(qi) => {
                let chars = analysis.quotes.get(qi).map_or(0, |q| q.span.len());
                (chars as f32 * 7.5 / (width - 24.0).max(50.0)).ceil() * 17.0 + 40.0
            }
        };
        let heights = panel.items.iter().map(estimate).collect();
        cache.rows = RowHeights::new(heights, ui.spacing().item_spacing.y);
        cache.rows_width = width;
    }
    let mut jump = None;
    let (items, groups, cards) = (&panel.items, &panel.groups, &mut cache.cards);
    virtual_list_ui(ui, "quotes", &mut cache.rows, |ui, i| {
        let Some(&item) = items.get(i) else { return };
        match item {
            PanelItem::Empty => {
                ui.weak(if selected.is_some() {
                    "No quotes by this speaker."
                } else {
                    "No quotations found."
                });
            }
            PanelItem::Group { group, counts } => {
                let Some(g) = groups.get(group) else { return };
                let title = g.name.as_deref().unwrap_or("Unattributed");
                ui.add_space(6.0);
                ui.label(RichText::new(format!("{title} · {counts}")).strong());
            }
            PanelItem::MentionsHeading => {
                ui.add_space(10.0);
                ui.separator();
                if let Some(sel) = selected {
                    ui.label(
                        RichText::new(format!("Quotes that mention {}", analysis.entity_name(sel)))
                            .strong(),
                    );
                }
            }
            PanelItem::Quote(qi) => {
                if quote_card_ui(ui, analysis, text, cards, qi, pal) {
                    jump = Some(qi);
                }
            }
        }
    });
    if let Some(qi) = jump {
        app.commands.push(Command::JumpToQuote(qi));
    }
}

/// A vertical scroll area over rows of varying height that draws only the visible rows.
/// `rows` holds each row's height (estimated until drawn, then measured) and their tops.
fn virtual_list_ui(
    ui: &mut egui::Ui,
    id_salt: &str,
    rows: &mut RowHeights,
    mut row_ui: impl FnMut(&mut egui::Ui, usize),
) {
    let mut measured = Vec::new();
    let (tops, total) = rows.layout();
    egui::ScrollArea::vertical()
        .id_salt(id_salt)
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            ui.set_height(total);
            let origin = ui.min_rect().min;
            let width = ui.available_width();
            let first = tops
                .partition_point(|t| *t < viewport.min.y)
                .saturating_sub(1);
            for (i, &top) in tops.iter().enumerate().skip(first) {
                if top > viewport.max.y {
                    break;
                }
                let rect = egui::Rect::from_min_size(
                    origin + egui::vec2(0.0, top),
                    egui::vec2(width, f32::INFINITY),
                );
                let drawn = ui
                    .scope_builder(egui::UiBuilder::new().max_rect(rect).id_salt(i), |ui| {
                        row_ui(ui, i);
                    })
                    .response
                    .rect
                    .height();
                measured.push((i, drawn));
            }
        });
    let mut changed = false;
    for (i, h) in measured {
        changed |= rows.measure(i, h);
    }
    if changed {
        ui.ctx().request_repaint();
    }
}

/// The text of a quote card: the quotation with its white space collapsed (in quote marks
/// unless reported speech), and a line with its kind, speaker and cue.
pub struct CardText {
    body: String,
    meta: String,
}

impl CardText {
    fn new(q: &Quote, text: &str) -> Self {
        let words = text
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
        let who = match (speaker, cue) {
            (Some(s), Some(c)) => format!("{s} · “{c}”"),
            (Some(s), None) => format!("{s} · no cue: follows their earlier quote"),
            (None, Some(c)) => format!("cue: “{c}”"),
            (None, None) => String::new(),
        };
        let meta = [note, who.as_str()]
            .into_iter()
            .filter(|m| !m.is_empty())
            .collect::<Vec<_>>()
            .join(" — ");
        Self { body, meta }
    }
}

/// Card texts by quote, built when a card is first drawn (the panel draws every frame).
pub type CardCache = std::collections::HashMap<usize, CardText>;

/// Card texts kept at most (a panel shows a few dozen at a time).
const MAX_CACHED_CARDS: usize = 1024;

/// One quote as a card; returns whether it was clicked.
fn quote_card_ui(
    ui: &mut egui::Ui,
    analysis: &Analysis,
    text: &str,
    cards: &mut CardCache,
    qi: usize,
    pal: &Palette,
) -> bool {
    let Some(q) = analysis.quotes.get(qi) else {
        return false;
    };
    if cards.len() > MAX_CACHED_CARDS {
        cards.clear();
    }
    let card = cards.entry(qi).or_insert_with(|| CardText::new(q, text));
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
            ui.label(RichText::new(card.body.as_str()).color(pal.text));
            if !card.meta.is_empty() {
                ui.label(RichText::new(card.meta.as_str()).small().color(pal.weak));
            }
        })
        .response
        .interact(Sense::click())
        .on_hover_cursor(egui::CursorIcon::PointingHand)
        .on_hover_text("Show in the article");
    resp.clicked()
}

fn article_ui(ui: &mut egui::Ui, app: &mut Frame<'_>, pal: &Palette) {
    if app.state.article.empty {
        ui.centered_and_justified(|ui| {
            ui.label(
                RichText::new(format!(
                    "{} is empty: there is no text to analyse.",
                    app.state.article.name
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
    let font = 17.0 * app.state.settings.zoom;
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "positive sizes in points"
    )]
    let look = Look {
        width: width as u32,
        font_tenths: (font * 10.0).round() as u32,
        toggles: app.state.settings.toggles,
        selected: app.state.selected,
        flash: app.state.flash.map(|(q, _)| q),
        dark: ui.visuals().dark_mode,
    };
    let art = &app.state.article;
    let view = &mut app.view.article;
    let out = ui
        .horizontal_top(|ui| {
            ui.add_space(margin);
            ui.vertical(|ui| view.ui(ui, &art.analysis, &art.text, look, pal))
        })
        .inner
        .inner;
    match out.clicked {
        Some(Mark::Person(pi)) => app.commands.push(Command::Select(EntityRef::Person(pi))),
        Some(Mark::Country(ci, _)) => app.commands.push(Command::Select(EntityRef::Country(ci))),
        Some(Mark::Quote(qi)) => {
            if let Some(e) = app
                .state
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;

    #[test]
    fn card_text_collapses_white_space_and_names_speaker_and_cue() {
        let text = "“We will   win,\n the vote,” said John Smith.\n\nJohn Smith said the count would start on Monday.";
        let a = analyze(text);
        let cards: Vec<(String, String)> = a
            .quotes
            .iter()
            .map(|q| {
                let c = CardText::new(q, text);
                (c.body, c.meta)
            })
            .collect();
        assert_eq!(
            cards,
            [
                (
                    "“We will win, the vote,”".to_string(),
                    "John Smith · “said”".to_string()
                ),
                (
                    "the count would start on Monday".to_string(),
                    "reported speech — John Smith · “said”".to_string()
                ),
            ]
        );
    }
}
