//! Drawing: menu bar and legend, entity list, who-said-what panel, the article and the status
//! bar. Functions here read the application state, keep their own caches ([`ViewCaches`]) and
//! ask for every change with a queued [`Command`].

pub mod article;
pub mod layout;
pub mod overview;
pub mod review;
pub mod rows;
pub mod theme;

use std::sync::Arc;

use eframe::egui::{self, Align2, Color32, RichText, Sense};

use crate::analysis::{Analysis, EntityRef, Quote, QuoteKind, Span};
use crate::app::find::{Find, FindOptions};
use crate::app::keys::{self, Action};
use crate::app::{AppState, Command, Jump, PanelItem, PanelKind, ThemeChoice};
use article::{ArticleView, Look, Mark, Paint};
use rows::RowHeights;
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
    review::editor_ui(&ctx, state, app.commands);
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
        layout::forget_size(ui, id);
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

/// The find bar: the query field, the hit count, next and previous, the options, and close.
fn find_bar_ui(ui: &mut egui::Ui, app: &mut Frame<'_>, find: &Find) {
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
fn menu_item_ui(ui: &mut egui::Ui, label: &str, shortcut: &str) -> bool {
    ui.add(egui::Button::new(label).shortcut_text(shortcut))
        .clicked()
}

fn menu_ui(ui: &mut egui::Ui, app: &mut Frame<'_>, pal: &Palette) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu_ui(ui, app));
        ui.menu_button("Edit", |ui| {
            // Undo and redo act on this window's corrections only.
            let review = &app.state.article.review;
            let undo = review
                .sidecar
                .corrections
                .iter()
                .rfind(|e| review.is_mine(e))
                .map(|e| e.correction.describe());
            let redo = review
                .sidecar
                .undone
                .iter()
                .rfind(|e| review.is_mine(e))
                .map(|e| e.correction.describe());
            let blocked = review.blocked.is_some();
            let (can_undo, can_redo) = (undo.is_some(), redo.is_some());
            let undo_label = undo.map_or_else(|| "Undo".to_string(), |d| format!("Undo: {d}"));
            let redo_label = redo.map_or_else(|| "Redo".to_string(), |d| format!("Redo: {d}"));
            if ui
                .add_enabled(
                    !blocked && can_undo,
                    egui::Button::new(undo_label).shortcut_text(keys::label(Action::Undo)),
                )
                .clicked()
            {
                app.commands.push(Command::Undo);
            }
            if ui
                .add_enabled(
                    !blocked && can_redo,
                    egui::Button::new(redo_label).shortcut_text(keys::label(Action::Redo)),
                )
                .clicked()
            {
                app.commands.push(Command::Redo);
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

fn file_menu_ui(ui: &mut egui::Ui, app: &mut Frame<'_>) {
    if menu_item_ui(ui, "Open…", keys::label(Action::Open)) {
        app.commands.push(Command::OpenDialog);
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
    ui.separator();
    if menu_item_ui(ui, "Quit", keys::label(Action::Quit)) {
        app.commands.push(Command::Quit);
    }
}

fn view_menu_ui(ui: &mut egui::Ui, app: &mut Frame<'_>) {
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
const LEGEND_WIDTH: f32 = 660.0;

/// What the legend's hover explains.
const LEGEND_HELP: &str = "People and countries are underlined in their colour; demonyms and \
capitals (\u{201c}Norwegian\u{201d}, \u{201c}Oslo\u{201d}) in a lighter tint. Quotations in \
quote marks have a tinted background, and the bar left of a paragraph marks each paragraph \
that holds one. Reported speech (\u{201c}she said that \u{2026}\u{201d}) has a dotted underline.\n\n\
In the who-said-what panel, a tinted card is a quotation in quote marks and a plain card is \
reported speech.\n\nThe strip right of the article has a tick for every quotation and, when a \
person or country is selected, for each of its mentions: click one to go there.";

/// The legend: a toggle per kind of highlight, in its colours, and what they mean on hover.
fn legend_ui(ui: &mut egui::Ui, app: &mut Frame<'_>, pal: &Palette) {
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

fn status_ui(ui: &mut egui::Ui, app: &Frame<'_>, pal: &Palette) {
    ui.horizontal(|ui| {
        let a = &app.state.article.analysis;
        ui.label(&app.state.article.name);
        ui.separator();
        ui.label(a.count_words(app.state.article.quote_counts));
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

/// One row of the entity list.
#[derive(Clone, Copy)]
enum EntityRow {
    Heading(&'static str),
    None,
    Gap,
    Entity(EntityRef),
}

/// The entity list as rows: "People", one row per person listed (most mentioned first), a gap,
/// "Countries", one row per country listed. Row `r` is computed, not stored: long documents
/// have thousands of people and only the visible rows are drawn.
fn entity_row(state: &AppState, r: usize) -> EntityRow {
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
fn panel_header_ui(ui: &mut egui::Ui, app: &mut Frame<'_>, kind: PanelKind, title: &str) {
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

fn entities_ui(ui: &mut egui::Ui, app: &mut Frame<'_>, pal: &Palette) {
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
fn merge_drop_ui(
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
struct DraggedPerson(usize);

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

fn quotes_ui(ui: &mut egui::Ui, app: &mut Frame<'_>, pal: &Palette) {
    panel_header_ui(ui, app, PanelKind::Quotes, "Who said what");
    if let Some(sel) = app.state.selected {
        selection_chip_ui(ui, app, sel);
    }
    let mut unchecked = app.state.unchecked_only;
    if ui
        .checkbox(&mut unchecked, "Unchecked only")
        .on_hover_text("List only the quotes nobody has checked yet")
        .changed()
    {
        app.commands.push(Command::UncheckedOnly(unchecked));
    }
    ui.separator();
    let selected = app.state.selected;
    let art = &app.state.article;
    let (analysis, panel) = (&art.analysis, &art.panel);
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
    let (mut jump, mut copy) = (None, None);
    let fresh = app.view.fresh;
    let (items, groups, cards) = (&panel.items, &panel.groups, &mut cache.cards);
    let commands = &mut *app.commands;
    virtual_list_ui(ui, "quotes", fresh, &mut cache.rows, |ui, i| {
        let Some(&item) = items.get(i) else { return };
        match item {
            PanelItem::Empty => {
                ui.weak(if art.panel.unchecked_only {
                    "Every quote here is checked."
                } else if selected.is_some() {
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
            PanelItem::Quote(qi) => match quote_card_ui(ui, art, cards, qi, pal, commands) {
                Some(CardAction::Show) => jump = Some(qi),
                Some(CardAction::Copy(t)) => copy = Some(t),
                None => {}
            },
        }
    });
    if let Some(qi) = jump {
        app.commands.push(Command::JumpToQuote(qi));
    }
    if let Some(t) = copy {
        app.commands.push(Command::Copy(t));
    }
}

/// What a quote card asks for.
enum CardAction {
    /// Show the quote in the article (a click, or Enter when focused).
    Show,
    /// Copy this text (the card's menu, or Ctrl+C when focused).
    Copy(String),
}

/// The selection: a chip that clears it, and "‹ 2 of 9 ›" to step through its mentions and
/// quotes in the text.
fn selection_chip_ui(ui: &mut egui::Ui, app: &mut Frame<'_>, sel: EntityRef) {
    let name = app.state.article.analysis.entity_name(sel);
    ui.horizontal_wrapped(|ui| {
        ui.label("Filter:");
        if ui
            .button(format!("× {name}"))
            .on_hover_text("Clear the filter (Esc)")
            .clicked()
        {
            app.commands.push(Command::ClearSelection);
        }
        let n = app.state.stops.len();
        if n == 0 {
            return;
        }
        if ui
            .button("‹")
            .on_hover_text("Previous mention or quote ([ or Alt+↑)")
            .clicked()
        {
            app.commands.push(Command::Step(false));
        }
        ui.label(match app.state.stop {
            Some(k) => format!("{} of {n}", k + 1),
            None => format!("{n} in the text"),
        });
        if ui
            .button("›")
            .on_hover_text("Next mention or quote (] or Alt+↓)")
            .clicked()
        {
            app.commands.push(Command::Step(true));
        }
    });
}

/// A vertical scroll area over rows of varying height that draws only the visible rows.
/// `rows` holds each row's height (estimated until drawn, then measured) and their tops; `top`
/// scrolls it to its top.
fn virtual_list_ui(
    ui: &mut egui::Ui,
    id_salt: &str,
    top: bool,
    rows: &mut RowHeights,
    mut row_ui: impl FnMut(&mut egui::Ui, usize),
) {
    let mut measured = Vec::new();
    let (tops, total) = rows.layout();
    let mut area = egui::ScrollArea::vertical()
        .id_salt(id_salt)
        .auto_shrink([false, false]);
    if top {
        area = area.vertical_scroll_offset(0.0);
    }
    area.show_viewport(ui, |ui, viewport| {
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

/// Who gave a quote its place in the panel: the engine, or the reviewer (a quote they added,
/// or one whose speaker or kind they corrected).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    Engine,
    Corrected,
    Added,
}

impl CardText {
    fn new(q: &Quote, text: &str, origin: Origin) -> Self {
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
        let who = match (speaker, cue, origin) {
            (Some(s), _, Origin::Added) => format!("{s} · added by you"),
            (None, _, Origin::Added) => "added by you".to_string(),
            (Some(s), Some(c), _) => format!("{s} · “{c}”"),
            (Some(s), None, Origin::Corrected) => format!("{s} · set by you"),
            (Some(s), None, Origin::Engine) => format!("{s} · no cue: follows their earlier quote"),
            (None, Some(c), _) => format!("cue: “{c}”"),
            (None, None, _) => String::new(),
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
    art: &crate::app::Article,
    cards: &mut CardCache,
    qi: usize,
    pal: &Palette,
    commands: &mut Vec<Command>,
) -> Option<CardAction> {
    let (analysis, text) = (&art.analysis, art.text.as_str());
    let q = analysis.quotes.get(qi)?;
    let flag = |v: &[bool]| v.get(qi).copied().unwrap_or(false);
    let (checked, corrected) = (
        flag(&art.review.flags.checked),
        flag(&art.review.flags.quotes),
    );
    if cards.len() > MAX_CACHED_CARDS {
        cards.clear();
    }
    let origin = if flag(&art.review.flags.added) {
        Origin::Added
    } else if corrected {
        Origin::Corrected
    } else {
        Origin::Engine
    };
    let card = cards
        .entry(qi)
        .or_insert_with(|| CardText::new(q, text, origin));
    let frame = egui::Frame::group(ui.style())
        .fill(if q.kind == QuoteKind::Indirect {
            Color32::TRANSPARENT
        } else {
            pal.quote_bg
        })
        .stroke(egui::Stroke::new(1.0, pal.quote_bar));
    let rect = frame
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(card.body.as_str()).color(pal.text));
            if !card.meta.is_empty() || checked || corrected {
                ui.horizontal_wrapped(|ui| {
                    if checked {
                        ui.label(
                            RichText::new(review::check_mark(ui))
                                .size(theme::META_TEXT_SIZE)
                                .color(pal.checked)
                                .strong(),
                        )
                        .on_hover_text("Checked");
                    }
                    if corrected {
                        ui.label(
                            RichText::new("corrected")
                                .size(theme::META_TEXT_SIZE)
                                .color(pal.corrected),
                        )
                        .on_hover_text("A person corrected this quote");
                    }
                    ui.label(
                        RichText::new(card.meta.as_str())
                            .size(theme::META_TEXT_SIZE)
                            .color(pal.weak),
                    );
                });
            }
        })
        .response
        .rect;
    // The whole card is one widget with an id of its own: Tab reaches it, Enter shows it.
    let resp = ui
        .interact(
            rect,
            ui.make_persistent_id(("quote-card", qi)),
            Sense::click(),
        )
        .on_hover_cursor(egui::CursorIcon::PointingHand)
        .on_hover_text("Show in the article · C checked · S speaker · N not a quote");
    if resp.has_focus() {
        review::card_keys(ui, art, qi, commands);
    }
    resp.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Button, ui.is_enabled(), card.body.as_str())
    });
    if resp.has_focus() {
        ui.painter().rect_stroke(
            resp.rect,
            4.0,
            ui.visuals().selection.stroke,
            egui::StrokeKind::Outside,
        );
    }
    let mut action = resp.clicked().then_some(CardAction::Show);
    let copy_key = resp.has_focus() && ui.input(|i| i.events.contains(&egui::Event::Copy));
    if copy_key {
        action = Some(CardAction::Copy(crate::report::with_attribution(
            analysis, text, q,
        )));
    }
    resp.context_menu(|ui| {
        if ui
            .add(egui::Button::new("Copy quote with attribution").shortcut_text("Ctrl+C"))
            .clicked()
        {
            action = Some(CardAction::Copy(crate::report::with_attribution(
                analysis, text, q,
            )));
        }
        if ui.button("Copy as Markdown").clicked() {
            action = Some(CardAction::Copy(crate::report::as_markdown(
                analysis, text, q,
            )));
        }
        if ui.button("Show in the article").clicked() {
            action = Some(CardAction::Show);
        }
        ui.separator();
        review::quote_menu_ui(ui, art, qi, commands);
    });
    action
}

/// The page shown instead of an article when the file given at launch could not be opened:
/// which file, why, and what to do next.
fn failed_ui(
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
    // The strip at the right edge; the scroll area's (floating) bar left of it; the text
    // column centred in what remains, never wider than the central panel.
    let (column_margin, _) = text_column(ui, ui.available_rect_before_wrap().width());
    // A page's byline and date, over the text column and apart from the text.
    let art = &app.state.article;
    let meta: Vec<&str> = [art.byline.as_deref(), art.date.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !meta.is_empty() {
        ui.horizontal(|ui| {
            ui.add_space(column_margin + article::BAR_GAP);
            ui.label(RichText::new(meta.join(" · ")).color(pal.weak));
        });
    }
    let full = ui.available_rect_before_wrap();
    let strip = egui::Rect::from_min_max(
        egui::pos2(full.right() - STRIP_WIDTH, full.top()),
        full.right_bottom(),
    );
    let (margin, width) = text_column(ui, full.width());
    let state = app.state;
    let find = state.find.as_ref();
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "positive sizes in points"
    )]
    let look = Look {
        width: width as u32,
        font_tenths: 170,
        ppp_hundredths: (ui.ctx().pixels_per_point() * 100.0).round() as u32,
        toggles: state.settings.toggles,
        selected: state.selected,
        flash: state.flash.map(|(s, _)| s),
        find: find.map_or(0, |f| f.generation.max(1)),
        find_current: find.and_then(Find::current_hit),
        dark: ui.visuals().dark_mode,
    };
    let art = &state.article;
    let paint = Paint {
        analysis: &art.analysis,
        text: &art.text,
        look,
        pal,
        hits: find.map_or(&[][..], |f| f.hits.as_slice()),
    };
    let view = &mut app.view.article;
    let column = egui::Rect::from_min_max(
        full.min + egui::vec2(margin, 0.0),
        egui::pos2(strip.left() - 4.0, full.bottom()),
    );
    let commands = &mut *app.commands;
    let mut menu = |ui: &mut egui::Ui, target: article::MenuTarget| {
        review::text_menu_ui(ui, state, target, commands);
    };
    let out = ui
        .scope_builder(egui::UiBuilder::new().max_rect(column), |ui| {
            view.ui(ui, &paint, &mut menu)
        })
        .inner;
    ui.painter().rect_filled(strip, 2.0, pal.strip_bg);
    let key = (state.selected, ui.visuals().dark_mode);
    let cache = &mut app.view.strip_ticks;
    if cache.key != Some(key) {
        cache.key = Some(key);
        cache.generation = cache.generation.wrapping_add(1);
        cache.ticks = strip_ticks(state, pal);
    }
    if let Some(span) = view.strip_ui(ui, strip, &art.analysis, &cache.ticks, cache.generation) {
        app.commands.push(Command::JumpTo(span));
    }
    app.view.layout.strip = strip;
    let Some((span, mark)) = out.clicked else {
        return;
    };
    let entity = match mark {
        Mark::Person(pi) => Some(EntityRef::Person(pi)),
        Mark::Country(ci, _) => Some(EntityRef::Country(ci)),
        Mark::Quote(qi) => art
            .analysis
            .quotes
            .get(qi)
            .and_then(|q| q.speaker.as_ref())
            .and_then(|s| s.entity),
    };
    if let Some(e) = entity {
        app.commands.push(Command::SelectAt(e, span));
    }
}

/// The text column in a central panel `full` points wide: its left margin and its width (at
/// most 760 points, centred between the panel's left edge and the strip with the scroll bar).
fn text_column(ui: &egui::Ui, full: f32) -> (f32, f32) {
    let scroll = &ui.spacing().scroll;
    let bar = scroll.bar_width + scroll.bar_inner_margin + scroll.bar_outer_margin;
    let avail = (full - STRIP_WIDTH - 4.0 - bar - article::BAR_GAP).max(40.0);
    let width = avail.min(760.0);
    (((avail - width) / 2.0).floor(), width)
}

/// The occurrence strip's ticks, built when the selection or the theme changes.
#[derive(Default)]
struct StripTicks {
    /// The selection and theme (dark) they were built for.
    key: Option<(Option<EntityRef>, bool)>,
    /// Changes with every rebuild.
    generation: u64,
    /// Span and colour of each tick.
    ticks: Vec<(Span, Color32)>,
}

/// The occurrence strip's ticks: every quotation (in the selected entity's colour when it is
/// its speaker), then the selected entity's mentions.
fn strip_ticks(state: &AppState, pal: &Palette) -> Vec<(Span, Color32)> {
    let a = &state.article.analysis;
    let sel_colour = match state.selected {
        Some(EntityRef::Person(_)) => pal.person,
        Some(EntityRef::Country(_)) => pal.country,
        None => pal.strip_quote,
    };
    let mut ticks: Vec<(Span, Color32)> = a
        .quotes
        .iter()
        .filter(|q| matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial))
        .filter(|q| {
            state.selected.is_none()
                || !q
                    .speaker
                    .as_ref()
                    .is_some_and(|s| s.entity == state.selected)
        })
        .map(|q| (q.outer(), pal.strip_quote))
        .collect();
    if state.selected.is_some() {
        ticks.extend(state.stops.iter().map(|s| (*s, sel_colour)));
    }
    ticks
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
                let c = CardText::new(q, text, Origin::Engine);
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

    #[test]
    fn a_cards_speaker_line_says_who_placed_it() {
        // The second quote has no cue of its own: the engine carries the speaker over.
        let text = "“We will win,” said John Smith. “The count starts today.”";
        let a = analyze(text);
        let q = &a.quotes[1];
        assert!(q.cue.is_none() && q.speaker.is_some());
        let rows = [
            (
                Origin::Engine,
                "John Smith · no cue: follows their earlier quote",
            ),
            (Origin::Corrected, "John Smith · set by you"),
            (Origin::Added, "John Smith · added by you"),
        ];
        for (origin, want) in rows {
            assert_eq!(CardText::new(q, text, origin).meta, want, "{origin:?}");
        }
        // A cue the engine found still shows when the reviewer changed the kind.
        let first = CardText::new(&a.quotes[0], text, Origin::Corrected);
        assert_eq!(first.meta, "John Smith · “said”");
    }
}
