//! The overview window: bar charts of statements (quotes and reported speech) per speaker,
//! mentions per country, and which people are quoted and which only mentioned (the measure of
//! source diversity media researchers use), all counted by the model. Clicking a bar selects
//! that person or country.

use eframe::egui::{self, Color32, Rect};
use egui_plot::{Bar, BarChart, Plot, PlotPoint};

use crate::analysis::{Analysis, EntityRef};
use crate::app::{AppState, Command};
use crate::ui::theme::Palette;

/// Bars drawn at most per chart (the most quoted or mentioned first).
const MAX_BARS: usize = 12;

/// One bar: the entity, its value, its colour.
type Row = (EntityRef, usize, Color32);

/// The overview's numbers for an analysis.
pub struct Overview {
    /// Speakers that are people or countries, by number of statements (quotes and reported).
    pub quotes: Vec<Row>,
    /// Countries by number of mentions.
    pub countries: Vec<Row>,
    /// People by number of mentions, coloured as quoted or only mentioned.
    pub people: Vec<Row>,
    /// How many people are quoted, and how many only mentioned.
    pub quoted_vs_mentioned: (usize, usize),
}

impl Overview {
    /// Counts what the charts show.
    pub fn new(a: &Analysis, pal: &Palette) -> Self {
        let colour = |e: EntityRef| match e {
            EntityRef::Person(_) => pal.person,
            EntityRef::Country(_) => pal.country,
        };
        let quotes = top(a
            .statements_per_speaker()
            .into_iter()
            .map(|(e, n)| (e, n.total(), colour(e))));
        let countries = top(a
            .countries
            .iter()
            .enumerate()
            .map(|(ci, c)| (EntityRef::Country(ci), c.mentions.len(), pal.country)));
        let per_person = a.quotes_per_person();
        let is_quoted = |pi: usize| per_person.get(pi).is_some_and(|c| c.total() > 0);
        let people = top(a.people.iter().enumerate().map(|(pi, p)| {
            let c = if is_quoted(pi) { pal.person } else { pal.weak };
            (EntityRef::Person(pi), p.mentions.len(), c)
        }));
        Self {
            quotes,
            countries,
            people,
            quoted_vs_mentioned: a.quoted_and_mentioned(),
        }
    }
}

/// The rows with the largest values, largest first (ties in order of the entity).
fn top(rows: impl Iterator<Item = Row>) -> Vec<Row> {
    let mut v: Vec<Row> = rows.filter(|r| r.1 > 0).collect();
    v.sort_by_key(|r| (std::cmp::Reverse(r.1), entity_order(r.0)));
    v.truncate(MAX_BARS);
    v
}

/// People before countries, each in order of first mention.
fn entity_order(e: EntityRef) -> (u8, usize) {
    match e {
        EntityRef::Person(i) => (0, i),
        EntityRef::Country(i) => (1, i),
    }
}

/// The overview's counts, kept while the article and the theme stay the same (the window is
/// drawn every frame it is open), and the screen rectangle of every bar drawn in the last frame
/// (the click targets).
#[derive(Default)]
pub struct OverviewCache {
    /// The article id and palette the counts are for, and the counts.
    data: Option<(u64, Palette, Overview)>,
    /// The bars drawn last, by entity.
    pub bars: Vec<(EntityRef, Rect)>,
}

/// Draws the overview window while it is open.
pub fn overview_ui(
    ctx: &egui::Context,
    state: &AppState,
    commands: &mut Vec<Command>,
    cache: &mut OverviewCache,
    pal: &Palette,
) {
    let a = &state.article.analysis;
    let id = state.article.id;
    if cache
        .data
        .as_ref()
        .is_none_or(|(i, p, _)| *i != id || p != pal)
    {
        cache.data = Some((id, *pal, Overview::new(a, pal)));
    }
    let Some((_, _, data)) = &cache.data else {
        return;
    };
    let bars = &mut cache.bars;
    bars.clear();
    let mut open = true;
    egui::Window::new("Overview")
        .open(&mut open)
        .default_size([460.0, 620.0])
        .vscroll(true)
        .show(ctx, |ui| {
            let (q, m) = data.quoted_vs_mentioned;
            ui.label(format!(
                "{} {}: {q} quoted, {m} only mentioned.",
                q + m,
                if q + m == 1 { "person" } else { "people" },
            ));
            ui.weak("Click a bar to select that person or country.");
            let charts = [
                (
                    "quotes",
                    "Statements per speaker (quotes and reported speech)",
                    &data.quotes,
                ),
                ("countries", "Mentions per country", &data.countries),
                (
                    "people",
                    "Mentions per person (bright: quoted, grey: only mentioned)",
                    &data.people,
                ),
            ];
            for (id, title, rows) in charts {
                let axis = if id == "quotes" {
                    "statements"
                } else {
                    "mentions"
                };
                ui.add_space(8.0);
                ui.strong(title);
                if rows.is_empty() {
                    ui.weak("None.");
                    continue;
                }
                if let Some(e) = chart_ui(ui, id, axis, a, rows, bars) {
                    commands.push(Command::Select(e));
                }
            }
        });
    if !open {
        commands.push(Command::ShowOverview(false));
    }
}

/// The entity of the bar clicked in one of the article's charts; the bars' rectangles kept
/// as click targets.
fn chart_ui(
    ui: &mut egui::Ui,
    id: &str,
    axis: &str,
    a: &Analysis,
    rows: &[Row],
    bars: &mut Vec<(EntityRef, Rect)>,
) -> Option<EntityRef> {
    let named: Vec<(String, usize, Color32)> = rows
        .iter()
        .map(|(e, v, c)| (a.entity_name(*e).to_string(), *v, *c))
        .collect();
    let (clicked, rects) = bar_chart_ui(ui, ("overview", id), axis, &named);
    bars.extend(rows.iter().map(|r| r.0).zip(rects));
    clicked.and_then(|i| rows.get(i)).map(|r| r.0)
}

/// One horizontal bar chart of `rows` (name, value, colour), the first at the top, each name
/// with its value on the left axis, whole counts on the bottom axis (labelled `axis`). Returns
/// the row whose bar was clicked, and each bar's rectangle on screen.
pub fn bar_chart_ui(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    axis: &str,
    rows: &[(String, usize, Color32)],
) -> (Option<usize>, Vec<Rect>) {
    let n = rows.len();
    let y_of = |i: usize| (n - 1 - i) as f64;
    let chart = BarChart::new(
        "bars",
        rows.iter()
            .enumerate()
            .map(|(i, (name, v, c))| Bar::new(y_of(i), *v as f64).name(name).fill(*c).width(0.7))
            .collect(),
    )
    .horizontal();
    // The value beside each name: the charts are small and their axes show few numbers.
    let names: Vec<String> = rows
        .iter()
        .map(|(name, v, _)| format!("{name} ({v})"))
        .collect();
    let response = Plot::new(id)
        .height(26.0 * n as f32 + 30.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_grid([true, false])
        .show_axes([true, true])
        .include_x(0.0)
        .include_x(1.0)
        .x_axis_label(axis)
        .x_axis_formatter(|mark, _| {
            // Whole counts only: a bar is so many statements or mentions.
            let v = mark.value;
            if v >= 0.0 && (v - v.round()).abs() < 1e-6 {
                format!("{v:.0}")
            } else {
                String::new()
            }
        })
        .y_axis_min_width(120.0)
        .y_axis_formatter(move |mark, _| {
            let i = n as f64 - 1.0 - mark.value;
            if (i - i.round()).abs() > 1e-6 || i < 0.0 {
                return String::new();
            }
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "a non-negative whole bar index"
            )]
            names.get(i.round() as usize).cloned().unwrap_or_default()
        })
        .show(ui, |plot| plot.bar_chart(chart));
    let t = &response.transform;
    let rects: Vec<Rect> = rows
        .iter()
        .enumerate()
        .map(|(i, (_, v, _))| {
            let lo = t.position_from_point(&PlotPoint::new(0.0, y_of(i) - 0.35));
            let hi = t.position_from_point(&PlotPoint::new(*v as f64, y_of(i) + 0.35));
            Rect::from_two_pos(lo, hi)
        })
        .collect();
    let clicked = response
        .response
        .interact_pointer_pos()
        .filter(|_| response.response.clicked())
        .and_then(|p| rects.iter().position(|r| r.contains(p)));
    (clicked, rects)
}
