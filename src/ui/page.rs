//! The article in the central panel: the text column, the byline over it, the highlighted view
//! and the occurrence strip beside it.

#![allow(
    clippy::wildcard_imports,
    reason = "a part of `ui`, split off by concern: it shares the module's imports and private items"
)]

use super::*;

pub(super) fn article_ui(ui: &mut egui::Ui, app: &mut Frame<'_>, pal: &Palette) {
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
        // Picked mentions show as find hits do, while the find bar is closed.
        find: find.map_or(state.picked.1, |f| f.generation.max(1)),
        find_current: find.and_then(Find::current_hit),
        dark: ui.visuals().dark_mode,
    };
    let art = &state.article;
    let paint = Paint {
        analysis: &art.analysis,
        text: &art.text,
        look,
        pal,
        hits: find.map_or(state.picked.0.as_slice(), |f| f.hits.as_slice()),
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
    // Ctrl+click picks people's mentions, to say at once whom they name.
    if matches!(mark, Mark::Person(_)) && ui.input(|i| i.modifiers.command) {
        app.commands.push(Command::PickMention(span));
        return;
    }
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
pub(super) fn text_column(ui: &egui::Ui, full: f32) -> (f32, f32) {
    let scroll = &ui.spacing().scroll;
    let bar = scroll.bar_width + scroll.bar_inner_margin + scroll.bar_outer_margin;
    let avail = (full - STRIP_WIDTH - 4.0 - bar - article::BAR_GAP).max(40.0);
    let width = avail.min(760.0);
    (((avail - width) / 2.0).floor(), width)
}

/// The occurrence strip's ticks, built when the selection or the theme changes.
#[derive(Default)]
pub(super) struct StripTicks {
    /// The selection and theme (dark) they were built for.
    pub(super) key: Option<(Option<EntityRef>, bool)>,
    /// Changes with every rebuild.
    pub(super) generation: u64,
    /// Span and colour of each tick.
    pub(super) ticks: Vec<(Span, Color32)>,
}

/// The occurrence strip's ticks: every quotation (in the selected entity's colour when it is
/// its speaker), then the selected entity's mentions.
pub(super) fn strip_ticks(state: &AppState, pal: &Palette) -> Vec<(Span, Color32)> {
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
