//! The highlighted article view: one cached galley per paragraph, laid out and painted only when
//! visible, with clickable and hoverable highlights.

use std::collections::HashMap;
use std::sync::Arc;

use eframe::egui::{
    self, FontId, Galley, Pos2, Rect, Sense, Stroke, TextFormat, Vec2, text::LayoutJob,
};

use crate::analysis::{Analysis, CountryForm, EntityRef, QuoteKind, Span};
use crate::app::Toggles;
use crate::ui::rows::RowHeights;
use crate::ui::theme::Palette;

/// What a highlighted stretch of text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mark {
    /// A person mention.
    Person(usize),
    /// A country mention (index into `Analysis::countries`) and its form.
    Country(usize, CountryForm),
    /// A quotation (index into `Analysis::quotes`), marks included.
    Quote(usize),
}

/// Everything that changes how paragraphs look; part of the galley cache key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Look {
    /// Wrap width in whole points.
    pub width: u32,
    /// Font size in tenths of a point.
    pub font_tenths: u32,
    /// Which kinds are highlighted.
    pub toggles: Toggles,
    /// The selected entity.
    pub selected: Option<EntityRef>,
    /// The quote being flashed.
    pub flash: Option<usize>,
    /// Dark theme.
    pub dark: bool,
}

/// What the view reports back after a frame.
#[derive(Debug, Default)]
pub struct ViewOutput {
    /// A highlight that was clicked.
    pub clicked: Option<Mark>,
}

/// What laying out a paragraph needs, besides the view's own caches.
#[derive(Clone, Copy)]
struct Paint<'a> {
    analysis: &'a Analysis,
    text: &'a str,
    look: Look,
    font: f32,
    pal: &'a Palette,
}

/// Per-article view state: marks per paragraph, cached galleys and heights.
pub struct ArticleView {
    /// Marks of each paragraph, sorted by start (byte spans into the whole text).
    marks: Vec<Vec<(Span, Mark)>>,
    /// Speech quotes attributed to each person (for the hover text).
    person_quotes: Vec<usize>,
    /// Cached galleys by paragraph, for one look at a time per paragraph; at most about
    /// [`MAX_CACHED_GALLEYS`], those nearest the viewport.
    galleys: HashMap<usize, (Look, Arc<Galley>)>,
    /// Paragraph layouts done so far (cache misses of `galleys`).
    layouts: u64,
    /// Height and top of each paragraph at the current width (estimated until laid out).
    rows: RowHeights,
    /// The width and font `rows` is for.
    rows_for: Option<(u32, u32)>,
    /// Where each visible paragraph's galley was painted in the last frame.
    painted: Vec<(usize, Pos2, Arc<Galley>)>,
    /// A quotation to bring into view: set by a jump, kept until the scroll offset settles.
    scroll_to: Option<ScrollTo>,
}

/// A jump in progress: the paragraph and span to show, and the offset set last frame.
#[derive(Clone, Copy, Debug)]
struct ScrollTo {
    paragraph: usize,
    span: Span,
    last: Option<f32>,
    frames: u8,
}

/// Frames a jump may take to settle as the paragraphs around its target are measured.
const MAX_JUMP_FRAMES: u8 = 6;

const PARA_GAP: f32 = 12.0;

/// How far above the view paragraphs are measured (a tenth of it below).
const MEASURE_AHEAD: f32 = 2000.0;
/// Paragraph galleys kept at most; beyond it, those far from the viewport are dropped.
const MAX_CACHED_GALLEYS: usize = 512;
const BAR_GAP: f32 = 10.0;

impl ArticleView {
    /// Builds the view state for an analysis.
    pub fn new(analysis: &Analysis) -> Self {
        let np = analysis.paragraphs.len();
        let mut marks: Vec<Vec<(Span, Mark)>> = vec![Vec::new(); np];
        let para_of = |s: Span| analysis.paragraphs.partition_point(|p| p.end <= s.start);
        for (pi, p) in analysis.people.iter().enumerate() {
            for m in &p.mentions {
                if let Some(v) = marks.get_mut(para_of(*m)) {
                    v.push((*m, Mark::Person(pi)));
                }
            }
        }
        for (ci, c) in analysis.countries.iter().enumerate() {
            for m in &c.mentions {
                if let Some(v) = marks.get_mut(para_of(m.span)) {
                    v.push((m.span, Mark::Country(ci, m.form)));
                }
            }
        }
        for (qi, q) in analysis.quotes.iter().enumerate() {
            if q.kind == QuoteKind::Indirect || q.kind == QuoteKind::Term {
                continue;
            }
            let o = q.outer();
            if let Some(v) = marks.get_mut(para_of(o)) {
                v.push((o, Mark::Quote(qi)));
            }
        }
        for v in &mut marks {
            v.sort_by_key(|(s, _)| (s.start, s.end));
        }
        Self {
            marks,
            person_quotes: analysis.quotes_per_person(),
            galleys: HashMap::new(),
            layouts: 0,
            rows: RowHeights::default(),
            rows_for: None,
            painted: Vec::new(),
            scroll_to: None,
        }
    }

    /// How many paragraph layouts have been done (galley cache misses) since the view was made.
    pub fn layouts(&self) -> u64 {
        self.layouts
    }

    /// How many paragraph galleys are cached (bounded: those near the viewport).
    pub fn cached_galleys(&self) -> usize {
        self.galleys.len()
    }

    /// Scrolls to a span on the next frame.
    pub fn scroll_to(&mut self, analysis: &Analysis, span: Span) {
        let p = analysis.paragraphs.partition_point(|p| p.end <= span.start);
        self.scroll_to = Some(ScrollTo {
            paragraph: p.min(analysis.paragraphs.len().saturating_sub(1)),
            span,
            last: None,
            frames: 0,
        });
    }

    /// Screen rectangle of the first row of `span` as painted in the last frame, if visible.
    pub fn span_rect(&self, text: &str, paragraphs: &[Span], span: Span) -> Option<Rect> {
        let (p, pos, galley) = self
            .painted
            .iter()
            .find(|(p, _, _)| paragraphs.get(*p).is_some_and(|ps| ps.contains(&span)))?;
        let para = paragraphs[*p];
        let r = cursor_rect(galley, text, para, span.start)?;
        let r2 = cursor_rect(galley, text, para, span.end)?;
        let right = if (r2.min.y - r.min.y).abs() < 1.0 {
            r2.min.x
        } else {
            r.min.x + 8.0
        };
        Some(Rect::from_min_max(
            *pos + r.min.to_vec2(),
            *pos + Vec2::new(right, r.max.y),
        ))
    }

    /// The top of the line where `span` starts within paragraph `p`, if `p` is laid out.
    fn line_top(&self, text: &str, analysis: &Analysis, p: usize, span: Span) -> Option<f32> {
        let (_, galley) = self.galleys.get(&p)?;
        let para = *analysis.paragraphs.get(p)?;
        cursor_rect(galley, text, para, span.start.max(para.start)).map(|r| r.min.y)
    }

    /// New width or font: estimate every height so the scroll bar is close at once, then
    /// measure each paragraph as it is laid out.
    fn refresh_rows(&mut self, analysis: &Analysis, look: Look, font: f32) {
        if self.rows_for == Some((look.width, look.font_tenths)) {
            return;
        }
        self.rows_for = Some((look.width, look.font_tenths));
        let chars_per_line = (look.width as f32 / (font * 0.5)).max(10.0);
        let estimate = |p: &Span| ((p.len() as f32 / chars_per_line).ceil().max(1.0)) * font * 1.3;
        self.rows = RowHeights::new(analysis.paragraphs.iter().map(estimate).collect(), PARA_GAP);
        self.galleys.clear();
    }

    /// A pending jump sets the scroll offset outright (no animation: a wheel scroll in progress
    /// or at the end of the article would cancel one). The paragraph's top is an estimate until
    /// it and those above it are measured, so the jump repeats until the offset stops moving.
    fn jump_ui(
        &mut self,
        ui: &egui::Ui,
        area: egui::ScrollArea,
        paint: &Paint<'_>,
        tops: &[f32],
        total: f32,
    ) -> egui::ScrollArea {
        let Some(jump) = self.scroll_to else {
            return area;
        };
        let view = ui.available_height();
        let line = self.line_top(paint.text, paint.analysis, jump.paragraph, jump.span);
        let top = tops.get(jump.paragraph).copied().unwrap_or(0.0) + line.unwrap_or(0.0);
        let offset = (top - view / 3.0).clamp(0.0, (total - view).max(0.0));
        let settled = line.is_some() && jump.last.is_some_and(|l| (l - offset).abs() < 0.5);
        self.scroll_to = (!settled && jump.frames < MAX_JUMP_FRAMES).then_some(ScrollTo {
            last: Some(offset),
            frames: jump.frames + 1,
            ..jump
        });
        ui.ctx().request_repaint();
        area.vertical_scroll_offset(offset)
    }

    /// The mark under `pointer` in paragraph `p` drawn at `pos`: the smallest, quotes last.
    fn hit(
        &self,
        paint: &Paint<'_>,
        p: usize,
        pos: Pos2,
        galley: &Galley,
        pointer: Pos2,
    ) -> Option<(Span, Mark)> {
        let local = pointer - pos;
        let row_ok = galley.rows.iter().any(|r| {
            let rr = r.rect();
            rr.min.y <= local.y && local.y <= rr.max.y && rr.min.x <= local.x && local.x <= rr.max.x
        });
        if !row_ok {
            return None;
        }
        let para = *paint.analysis.paragraphs.get(p)?;
        let c = galley.cursor_from_pos(local).index.0;
        let byte = para.start
            + paint
                .text
                .get(para.start..para.end)?
                .char_indices()
                .nth(c)
                .map_or(para.len(), |(b, _)| b);
        self.marks
            .get(p)?
            .iter()
            .filter(|(s, _)| s.start <= byte && byte < s.end)
            .min_by_key(|(s, m)| (matches!(m, Mark::Quote(_)), s.len()))
            .copied()
    }

    /// Draws paragraph `p` at `pos` (its quote bar, selectable text, clicks and hover); returns
    /// the mark clicked, if any.
    fn paragraph_ui(
        &self,
        ui: &mut egui::Ui,
        paint: &Paint<'_>,
        p: usize,
        pos: Pos2,
        galley: &Arc<Galley>,
    ) -> Option<Mark> {
        let (look, pal) = (paint.look, paint.pal);
        let rect = Rect::from_min_size(pos, Vec2::new(look.width as f32, galley.size().y));
        // A bar left of paragraphs that hold a quotation.
        let has_quote = self.marks[p]
            .iter()
            .any(|(_, m)| matches!(m, Mark::Quote(_)));
        if has_quote && look.toggles.quotes {
            let x = pos.x - BAR_GAP + 2.0;
            ui.painter().line_segment(
                [Pos2::new(x, rect.top()), Pos2::new(x, rect.bottom())],
                Stroke::new(3.0, pal.quote_bar),
            );
        }
        let resp = ui.interact(
            rect,
            ui.scope_id().with(("para", p)),
            Sense::click_and_drag(),
        );
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, galley.text()));
        egui::text_selection::LabelSelectionState::label_text_selection(
            ui,
            &resp,
            pos,
            galley.clone(),
            pal.text,
            Stroke::NONE,
        );
        let mut clicked = None;
        if resp.clicked()
            && let Some(pointer) = resp.interact_pointer_pos()
        {
            clicked = self.hit(paint, p, pos, galley, pointer).map(|(_, m)| m);
        }
        if let Some(pointer) = resp.hover_pos()
            && let Some((_, m)) = self.hit(paint, p, pos, galley, pointer)
        {
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            resp.on_hover_ui_at_pointer(|ui| {
                ui.label(tooltip(paint.analysis, &self.person_quotes, paint.text, m));
            });
        }
        clicked
    }

    /// Bounds memory: keeps the galleys near what is on screen and drops the rest (they are
    /// laid out again when scrolled back to; their heights stay known).
    fn trim_galleys(&mut self, painted: &[(usize, Pos2, Arc<Galley>)]) {
        if self.galleys.len() > MAX_CACHED_GALLEYS
            && let (Some(lo), Some(hi)) = (
                painted.iter().map(|(p, _, _)| *p).min(),
                painted.iter().map(|(p, _, _)| *p).max(),
            )
        {
            let keep = MAX_CACHED_GALLEYS / 4;
            self.galleys
                .retain(|p, _| lo.saturating_sub(keep) <= *p && *p <= hi + keep);
        }
    }

    /// A frame without input that laid nothing out lays out one paragraph of the screen below
    /// the view that is not laid out yet: scrolling on from rest then finds it ready. Returns
    /// the paragraph measured, with its height.
    fn idle_layout(
        &mut self,
        ui: &egui::Ui,
        paint: &Paint<'_>,
        tops: &[f32],
        view: Rect,
        next_below: usize,
    ) -> Option<(usize, f32)> {
        let end = view.max.y + view.height();
        let p = (next_below..tops.len())
            .take_while(|&p| tops[p] <= end)
            .find(|p| !self.galleys.contains_key(p))?;
        let galley = self.galley(ui, paint, p);
        ui.ctx().request_repaint();
        Some((p, galley.size().y))
    }

    /// Draws the article in a vertical scroll area, painting only visible paragraphs.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        analysis: &Analysis,
        text: &str,
        look: Look,
        pal: &Palette,
    ) -> ViewOutput {
        let mut out = ViewOutput::default();
        let font = f32::from(u16::try_from(look.font_tenths).unwrap_or(170)) / 10.0;
        self.refresh_rows(analysis, look, font);
        // Out of `self` for the frame: the loop below lays out galleys through `self`.
        let mut rows = std::mem::take(&mut self.rows);
        let (tops, total) = rows.layout();
        let paint = Paint {
            analysis,
            text,
            look,
            font,
            pal,
        };
        let area = egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .id_salt("article");
        let area = self.jump_ui(ui, area, &paint, tops, total);
        let mut painted = Vec::new();
        let mut measured = Vec::new();
        let width = look.width as f32;
        let layouts_before = self.layouts;
        let mut view = None;
        let mut next_below = 0;
        area.show_viewport(ui, |ui, viewport| {
            view = Some(viewport);
            ui.set_height(total);
            ui.set_width(width + BAR_GAP);
            let origin = ui.min_rect().min;
            // Paragraphs near the view are laid out and measured ahead, so the scroll bar and
            // the paragraphs' tops are right before they come into sight; only those in sight
            // are drawn, unless a text selection may reach beyond the view.
            let selecting = ui
                .ctx()
                .plugin::<egui::text_selection::LabelSelectionState>()
                .lock()
                .has_selection();
            let first = tops
                .partition_point(|t| *t < viewport.min.y - MEASURE_AHEAD)
                .saturating_sub(1);
            for (p, &top) in tops.iter().enumerate().skip(first) {
                if top > viewport.max.y + MEASURE_AHEAD / 10.0 {
                    break;
                }
                next_below = p + 1;
                let galley = self.galley(ui, &paint, p);
                let h = galley.size().y;
                measured.push((p, h));
                let in_sight = top + h >= viewport.min.y && top <= viewport.max.y;
                if !in_sight && !selecting {
                    continue;
                }
                let pos = origin + Vec2::new(BAR_GAP, top);
                if let Some(m) = self.paragraph_ui(ui, &paint, p, pos, &galley) {
                    out.clicked = Some(m);
                }
                painted.push((p, pos, galley));
            }
        });
        self.trim_galleys(&painted);
        let idle = ui.input(|i| i.events.is_empty() && !i.pointer.any_down());
        if idle
            && self.layouts == layouts_before
            && let Some(view) = view
            && let Some(m) = self.idle_layout(ui, &paint, tops, view, next_below)
        {
            measured.push(m);
        }
        for (p, h) in measured {
            rows.measure(p, h);
        }
        self.rows = rows;
        self.painted = painted;
        out
    }

    /// Only the highlight state that shows in paragraph `p`: a selection or a flash elsewhere
    /// leaves its cached galley valid.
    fn look_of(&self, p: usize, look: Look) -> Look {
        let marks = self.marks.get(p).map_or(&[][..], Vec::as_slice);
        let shows = |m: Mark| marks.iter().any(|(_, x)| *x == m);
        let selected = look.selected.filter(|e| match *e {
            EntityRef::Person(pi) => shows(Mark::Person(pi)),
            EntityRef::Country(ci) => marks
                .iter()
                .any(|(_, x)| matches!(x, Mark::Country(c, _) if *c == ci)),
        });
        let flash = look.flash.filter(|q| shows(Mark::Quote(*q)));
        Look {
            selected,
            flash,
            ..look
        }
    }

    fn galley(&mut self, ui: &egui::Ui, paint: &Paint<'_>, p: usize) -> Arc<Galley> {
        let look = self.look_of(p, paint.look);
        if let Some((l, g)) = self.galleys.get(&p)
            && *l == look
        {
            return g.clone();
        }
        let job = self.layout_job(paint, p, look);
        let g = ui.painter().layout_job(job);
        self.layouts += 1;
        self.galleys.insert(p, (look, g.clone()));
        g
    }

    fn layout_job(&self, paint: &Paint<'_>, p: usize, look: Look) -> LayoutJob {
        let Paint {
            analysis,
            text,
            font,
            pal,
            ..
        } = *paint;
        let para = analysis.paragraphs[p];
        let ptext = text.get(para.start..para.end).unwrap_or("");
        let size = if p == 0 { font * 1.45 } else { font };
        let base = TextFormat {
            font_id: FontId::proportional(size),
            color: pal.text,
            line_height: Some(size * 1.45),
            ..Default::default()
        };
        let mut job = LayoutJob {
            text: ptext.to_string(),
            ..Default::default()
        };
        job.wrap.max_width = look.width as f32;
        let marks = self.marks.get(p).map_or(&[][..], Vec::as_slice);
        // Cut points: every mark boundary inside the paragraph.
        let mut cuts: Vec<usize> = vec![para.start, para.end];
        for (s, _) in marks {
            cuts.push(s.start.clamp(para.start, para.end));
            cuts.push(s.end.clamp(para.start, para.end));
        }
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            if a >= b {
                continue;
            }
            let mut f = base.clone();
            for (_, m) in marks.iter().filter(|(s, _)| s.start <= a && b <= s.end) {
                match *m {
                    Mark::Quote(qi) if look.toggles.quotes => {
                        f.background = if look.flash == Some(qi) {
                            pal.flash_bg
                        } else {
                            pal.quote_bg
                        };
                    }
                    Mark::Person(pi) if look.toggles.people => {
                        f.color = pal.person;
                        f.underline = Stroke::new(1.0, pal.person);
                        if look.selected == Some(EntityRef::Person(pi)) {
                            f.background = pal.selected_bg;
                        }
                    }
                    Mark::Country(ci, form) if look.toggles.countries => {
                        f.color = if form == CountryForm::Name {
                            pal.country
                        } else {
                            pal.country_light
                        };
                        f.underline = Stroke::new(1.0, f.color);
                        if look.selected == Some(EntityRef::Country(ci)) {
                            f.background = pal.selected_bg;
                        }
                    }
                    _ => {}
                }
            }
            job.sections.push(egui::text::LayoutSection {
                leading_space: 0.0,
                byte_range: egui::text::ByteIndex(a - para.start)
                    ..egui::text::ByteIndex(b - para.start),
                format: f,
            });
        }
        job
    }
}

/// The cursor rectangle, within `galley` (paragraph `para` laid out), of byte `byte` of the text.
fn cursor_rect(galley: &Galley, text: &str, para: Span, byte: usize) -> Option<Rect> {
    let chars = text.get(para.start..byte)?.chars().count();
    Some(galley.pos_from_cursor(egui::text::CCursor::new(chars)))
}

/// The hover text of a highlight; `person_quotes` counts each person's speech quotes.
fn tooltip(analysis: &Analysis, person_quotes: &[usize], text: &str, m: Mark) -> String {
    match m {
        Mark::Person(pi) => {
            let Some(p) = analysis.people.get(pi) else {
                return String::new();
            };
            let q = person_quotes.get(pi).copied().unwrap_or(0);
            format!(
                "{} — person, {} mention{}, {} quote{}",
                p.name,
                p.mentions.len(),
                plural(p.mentions.len()),
                q,
                plural(q)
            )
        }
        Mark::Country(ci, form) => {
            let Some(c) = analysis.countries.get(ci) else {
                return String::new();
            };
            let form = match form {
                CountryForm::Name => "country",
                CountryForm::Demonym => "demonym",
                CountryForm::Capital => "capital / seat of power",
            };
            format!(
                "{} ({}) — {form}, {} mention{}",
                c.name,
                c.code,
                c.mentions.len(),
                plural(c.mentions.len())
            )
        }
        Mark::Quote(qi) => {
            let Some(q) = analysis.quotes.get(qi) else {
                return String::new();
            };
            let who = q
                .speaker
                .as_ref()
                .map_or("Unattributed quote", |s| s.name.as_str());
            match q.cue.and_then(|c| text.get(c.start..c.end)) {
                Some(cue) => format!("{who} — cue: “{cue}”"),
                None => who.to_string(),
            }
        }
    }
}

/// "s" unless `n` is one.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Analysis, analyze};

    const SAMPLE: &str = include_str!("../../tests/data/fixtures/sample-article.txt");
    /// An invented article: Ilse Marten is named three times, with three quotations and one
    /// reported statement.
    const INVENTED: &str = include_str!("../../tests/data/invented/harbour.txt");

    #[test]
    fn person_hover_text_counts_mentions_and_quotes() {
        let a = analyze(INVENTED);
        let view = ArticleView::new(&a);
        let pi = a
            .people
            .iter()
            .position(|p| p.name == "Ilse Marten")
            .expect("Marten found");
        // The hover counts reported speech among the quotes (4 = 3 quotations + 1 reported).
        assert_eq!(
            tooltip(&a, &view.person_quotes, INVENTED, Mark::Person(pi)),
            "Ilse Marten — person, 3 mentions, 4 quotes"
        );
    }

    #[test]
    fn quotes_per_person_counts_each_persons_speech_quotes() {
        let a: Analysis = analyze(SAMPLE);
        let counts = a.quotes_per_person();
        assert_eq!(counts.len(), a.people.len());
        for (pi, &n) in counts.iter().enumerate() {
            let by_filter = a
                .quotes
                .iter()
                .filter(|q| {
                    q.is_speech()
                        && q.speaker
                            .as_ref()
                            .is_some_and(|s| s.entity == Some(EntityRef::Person(pi)))
                })
                .count();
            assert_eq!(n, by_filter, "{}", a.people[pi].name);
        }
        assert!(
            counts.iter().sum::<usize>() >= 5,
            "the sample's people speak"
        );
    }
}
