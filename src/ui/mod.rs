//! Drawing: menu bar and legend, entity list, who-said-what panel, the article and the status
//! bar. Functions here read the application state, keep their own caches ([`ViewCaches`]) and
//! ask for every change with a queued [`Command`].

pub mod article;
mod corpus;
mod desk;
mod editors;
mod entities;
pub mod layout;
mod menu;
pub mod overview;
mod page;
mod quotes;
pub mod review;
pub mod rows;
mod status;
pub mod theme;

use std::sync::Arc;

use eframe::egui::{self, Align2, Color32, RichText, Sense};

use crate::analysis::{Analysis, EntityRef, Quote, QuoteKind, Rule, Span};
use crate::app::find::{Find, FindOptions};
use crate::app::keys::{self, Action};
use crate::app::{AppState, Command, Jump, PanelItem, PanelKind, ThemeChoice};
use article::{ArticleView, Look, Mark, Paint};
use entities::{EntityRowCache, entities_ui};
use menu::{find_bar_ui, menu_ui};
use page::{StripTicks, article_ui};
use quotes::{CardCache, quotes_ui};
use rows::{RowHeights, virtual_list_ui};
use status::{drop_overlay_ui, failed_ui, status_ui};
use theme::Palette;

/// What the UI keeps between frames for the article on screen: the article view's galleys and
/// heights, the entity list's rows, the quote panel's cards and heights. Reset when another
/// article opens, the panel's part when the selection changes.
pub struct ViewCaches {
    /// The article these caches are for (its id; 0 for none yet).
    article_id: u64,
    /// The revision of its analysis they are for (see `Article::revision`).
    revision: u64,
    /// The article view.
    pub article: ArticleView,
    /// The entity list's laid-out rows.
    entity_rows: EntityRowCache,
    /// The quote panel's cards and row heights.
    panel: PanelCache,
    /// Where the panels and the article were drawn in the last frame.
    pub layout: Layout,
    /// The window width in the last frame (the quote panel collapses by itself when it
    /// becomes narrower than [`AUTO_COLLAPSE_WIDTH`]).
    last_width: Option<f32>,
    /// The quote panel was collapsed by narrowing the window (and opens again on widening).
    auto_collapsed: bool,
    /// The find field should take the keyboard focus (the find bar was just opened).
    focus_find: bool,
    /// An article was just opened (or the app started): the side panels start at their top
    /// this frame, not where the last article's (or the last session's) were scrolled.
    fresh: bool,
    /// The occurrence strip's ticks: what they are for (selection, dark theme), their
    /// generation, and the ticks.
    strip_ticks: StripTicks,
    /// The overview's counts and the bars drawn in the last frame.
    pub overview: overview::OverviewCache,
}

/// Where the parts of the window were drawn in the last frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    /// The entity list (collapsed or not).
    pub entities: egui::Rect,
    /// The who-said-what panel (collapsed or not).
    pub quotes: egui::Rect,
    /// The article's area between them.
    pub article: egui::Rect,
    /// The occurrence strip.
    pub strip: egui::Rect,
}

impl Default for Layout {
    fn default() -> Self {
        Self {
            entities: egui::Rect::NOTHING,
            quotes: egui::Rect::NOTHING,
            article: egui::Rect::NOTHING,
            strip: egui::Rect::NOTHING,
        }
    }
}

/// Below this window width the quote panel collapses by itself (it can be opened again).
pub const AUTO_COLLAPSE_WIDTH: f32 = 900.0;
/// The width of a collapsed panel (its chevron).
const COLLAPSED_WIDTH: f32 = 26.0;
/// The width of the occurrence strip.
const STRIP_WIDTH: f32 = 10.0;

impl Default for ViewCaches {
    fn default() -> Self {
        Self {
            article_id: 0,
            revision: 0,
            article: ArticleView::new(&Analysis::default(), 0),
            entity_rows: EntityRowCache::default(),
            panel: PanelCache::default(),
            layout: Layout::default(),
            last_width: None,
            auto_collapsed: false,
            focus_find: false,
            fresh: true,
            overview: overview::OverviewCache::default(),
            strip_ticks: StripTicks::default(),
        }
    }
}

/// The quote panel's caches for one selection.
#[derive(Default)]
struct PanelCache {
    /// The selection they are for.
    selected: Option<EntityRef>,
    /// Whether only unchecked quotes are listed.
    unchecked_only: bool,
    /// The text of the quote cards drawn so far, by quote.
    cards: CardCache,
    /// Row heights for drawing only the visible rows.
    rows: RowHeights,
    /// The panel width `rows` was estimated for.
    rows_width: f32,
}

impl ViewCaches {
    /// The article these caches are for (0 before the first frame).
    pub fn article_id(&self) -> u64 {
        self.article_id
    }

    /// Follows the state: fresh caches for another article or another selection, and the
    /// article view scrolled to where the state asks.
    pub fn sync(&mut self, state: &AppState, jump: Option<Jump>) {
        let art = &state.article;
        if art.id != self.article_id {
            self.article_id = art.id;
            self.fresh = true;
            self.article = ArticleView::new(&art.analysis, art.id);
            self.entity_rows = EntityRowCache::default();
            self.panel = PanelCache::default();
            self.strip_ticks.key = None;
            self.revision = art.revision;
        }
        if art.revision != self.revision {
            self.revision = art.revision;
            self.article.set_analysis(&art.analysis);
            self.entity_rows = EntityRowCache::default();
            self.panel = PanelCache::default();
            self.strip_ticks.key = None;
            self.overview = overview::OverviewCache::default();
        }
        if self.panel.selected != art.panel.selected
            || self.panel.unchecked_only != art.panel.unchecked_only
        {
            self.panel = PanelCache {
                selected: art.panel.selected,
                unchecked_only: art.panel.unchecked_only,
                ..PanelCache::default()
            };
        }
        if let Some(j) = jump {
            self.article.scroll_to(&art.analysis, j.span, j.anchor);
        }
    }
}

/// The narrowest window that shows the desk's side panel (below it, the overview's charts
/// hold the same numbers).
const DESK_SIDE_MIN_WIDTH: f32 = 760.0;

/// The desk's status line: the last error or notice (an export, a search that failed).
fn desk_status_ui(ui: &mut egui::Ui, state: &AppState, pal: &Palette) {
    if let Some(e) = &state.error {
        ui.label(RichText::new(format!("Error: {e}")).color(pal.error));
    } else if let Some(n) = &state.notice {
        ui.label(RichText::new(n).color(pal.weak));
    } else {
        ui.label(
            RichText::new(
                "Open an article from the table, a speaker or a search; Alt+Left comes back here.",
            )
            .color(pal.weak),
        );
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
    let width = ui.ctx().content_rect().width();
    let show_quotes = auto_collapse(app, width);
    let panels = state.settings.panels;
    egui::Panel::top("menu").show(ui, |ui| menu_ui(ui, app, &pal));
    if let Some(d) = state.desk.as_ref().filter(|_| state.at_desk) {
        egui::Panel::bottom("desk-status").show(ui, |ui| desk_status_ui(ui, state, &pal));
        if width >= DESK_SIDE_MIN_WIDTH {
            egui::Panel::right("desk-side")
                .default_size(340.0)
                // At 800 px the table keeps room for all its columns.
                .size_range(200.0..=(width * 0.28).max(200.0))
                .show(ui, |ui| corpus::side_ui(ui, d, app.commands, &pal));
        }
        egui::CentralPanel::default().show(ui, |ui| desk::desk_ui(ui, d, app.commands, &pal));
        drop_overlay_ui(ui, &pal);
        return;
    }
    if let Some(d) = &state.desk {
        egui::Panel::top("breadcrumb").show(ui, |ui| {
            desk::breadcrumb_ui(ui, d, &state.article.name, app.commands);
        });
    }
    if let Some(failed) = &state.failed {
        egui::CentralPanel::default().show(ui, |ui| failed_ui(ui, failed, app.commands, &pal));
        drop_overlay_ui(ui, &pal);
        return;
    }
    if let Some(find) = &state.find {
        egui::Panel::top("find").show(ui, |ui| find_bar_ui(ui, app, find));
    } else {
        app.view.focus_find = true;
    }
    if let Some(why) = &state.article.review.blocked {
        egui::Panel::top("review-blocked")
            .show(ui, |ui| review::blocked_ui(ui, why, app.commands, &pal));
    }
    egui::Panel::bottom("status").show(ui, |ui| status_ui(ui, app, &pal));
    let widths = state.settings.widths;
    let (entities_w, quotes_w) = layout::side_widths(
        width,
        COLLAPSED_WIDTH,
        panels.entities.then_some(widths.entities),
        show_quotes.then_some(widths.quotes),
    );
    app.view.layout.entities = match entities_w {
        Some(w) => side_panel_ui(ui, app, PanelKind::Entities, w, width, &pal),
        None => collapsed_ui(ui, app, PanelKind::Entities),
    };
    app.view.layout.quotes = match quotes_w {
        Some(w) => side_panel_ui(ui, app, PanelKind::Quotes, w, width, &pal),
        None => collapsed_ui(ui, app, PanelKind::Quotes),
    };
    app.view.layout.article = egui::CentralPanel::default()
        .show(ui, |ui| article_ui(ui, app, &pal))
        .response
        .rect;
    if state.overview {
        let ctx = ui.ctx().clone();
        overview::overview_ui(&ctx, state, app.commands, &mut app.view.overview, &pal);
    }
    let ctx = ui.ctx().clone();
    editors::editor_ui(&ctx, state, app.commands);
    review::unplaced_ui(&ctx, state, app.commands);
    review::new_review_dialog_ui(&ctx, state, app.commands);
    drop_overlay_ui(ui, &pal);
    app.view.fresh = false;
}

/// A side panel drawn `w` wide (see `layout::side_widths`), resizable by dragging its inner
/// edge; the width the reader drags it to is remembered, the width a narrow window forces is
/// not. Returns where it was drawn.
fn side_panel_ui(
    ui: &mut egui::Ui,
    app: &mut Frame<'_>,
    kind: PanelKind,
    w: f32,
    window: f32,
    pal: &Palette,
) -> egui::Rect {
    let (salt, (min, _, share)) = match kind {
        PanelKind::Entities => ("entities", layout::ENTITIES),
        PanelKind::Quotes => ("quotes", layout::QUOTES),
    };
    let (id, resize) = layout::panel_ids(ui, salt);
    let dragging = layout::resizing(ui, resize);
    if !dragging {
        layout::forget_size(ui, id, w);
    }
    let panel = match kind {
        PanelKind::Entities => egui::Panel::left(salt),
        PanelKind::Quotes => egui::Panel::right(salt),
    }
    .resizable(true)
    .default_size(w)
    .size_range(min..=(window * share).max(min));
    let rect = match kind {
        PanelKind::Entities => panel.show(ui, |ui| entities_ui(ui, app, pal)),
        PanelKind::Quotes => panel.show(ui, |ui| quotes_ui(ui, app, pal)),
    }
    .response
    .rect;
    if ui
        .ctx()
        .read_response(resize)
        .is_some_and(|r| r.drag_stopped())
    {
        app.commands.push(Command::PanelWidth(kind, rect.width()));
    }
    rect
}

/// Collapses the quote panel, this very frame, when the window becomes narrower than
/// [`AUTO_COLLAPSE_WIDTH`], and opens it again when the window widens, if it was collapsed that
/// way. Returns whether the quote panel is shown this frame.
fn auto_collapse(app: &mut Frame<'_>, width: f32) -> bool {
    let narrow = width < AUTO_COLLAPSE_WIDTH;
    let was_narrow = app.view.last_width.map(|w| w < AUTO_COLLAPSE_WIDTH);
    app.view.last_width = Some(width);
    let shown = app.state.settings.panels.quotes;
    match (was_narrow, narrow) {
        (None | Some(false), true) if shown => {
            app.view.auto_collapsed = true;
            app.commands
                .push(Command::ShowPanel(PanelKind::Quotes, false));
            false
        }
        (Some(true), false) if !shown && app.view.auto_collapsed => {
            app.view.auto_collapsed = false;
            app.commands
                .push(Command::ShowPanel(PanelKind::Quotes, true));
            true
        }
        _ => {
            // Opened by hand: closing it by hand later keeps it closed on widening.
            app.view.auto_collapsed &= !shown;
            shown
        }
    }
}

/// A collapsed side panel: a narrow strip with a chevron that opens it again.
fn collapsed_ui(ui: &mut egui::Ui, app: &mut Frame<'_>, kind: PanelKind) -> egui::Rect {
    let (panel, chevron, hint) = match kind {
        PanelKind::Entities => (
            egui::Panel::left("entities-collapsed"),
            "»",
            "Show people and countries",
        ),
        PanelKind::Quotes => (
            egui::Panel::right("quotes-collapsed"),
            "«",
            "Show who said what",
        ),
    };
    panel
        .exact_size(COLLAPSED_WIDTH)
        .resizable(false)
        .show(ui, |ui| {
            if ui.button(chevron).on_hover_text(hint).clicked() {
                app.commands.push(Command::ShowPanel(kind, true));
            }
        })
        .response
        .rect
}
