//! The highlighted article view: one cached galley per paragraph, laid out and painted only when
//! visible, with clickable and hoverable highlights.

use std::collections::HashMap;
use std::sync::Arc;

use eframe::egui::{
    self, FontId, Galley, Pos2, Rect, Sense, Stroke, TextFormat, Vec2, text::LayoutJob,
};

use crate::analysis::{Analysis, CountryForm, EntityRef, QuoteCounts, QuoteKind, Span};
use crate::app::{Anchor, Toggles};
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
    /// Physical pixels per point, in hundredths (the zoom).
    pub ppp_hundredths: u32,
    /// Which kinds are highlighted.
    pub toggles: Toggles,
    /// The selected entity.
    pub selected: Option<EntityRef>,
    /// The span being flashed after a jump.
    pub flash: Option<Span>,
    /// The find hits' generation (`Find::generation`; 0 when the find bar is closed).
    pub find: u64,
    /// The find hit shown.
    pub find_current: Option<Span>,
    /// Dark theme.
    pub dark: bool,
}

/// What the view reports back after a frame.
#[derive(Debug, Default)]
pub struct ViewOutput {
    /// A highlight that was clicked, and the span clicked.
    pub clicked: Option<(Span, Mark)>,
}

/// Where the article's context menu was opened: the byte under the pointer, and the text
/// selected then (whole words), if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MenuTarget {
    /// The byte right-clicked.
    pub byte: usize,
    /// The selection, snapped out to whole words.
    pub selection: Option<Span>,
}

/// What one paragraph saw of the pointer in a frame.
#[derive(Default)]
struct ParagraphInput {
    clicked: Option<(Span, Mark)>,
    /// A selection began here (primary press), at this byte.
    press: Option<usize>,
    /// The pointer, dragging, is over this byte.
    drag: Option<usize>,
    /// A double click selected this word.
    word: Option<Span>,
    /// The context menu was asked for at this byte.
    menu: Option<usize>,
}

/// What laying out a paragraph needs, besides the view's own caches.
#[derive(Clone, Copy)]
pub struct Paint<'a> {
    /// The analysis shown.
    pub analysis: &'a Analysis,
    /// Its text.
    pub text: &'a str,
    /// How it looks.
    pub look: Look,
    /// The colours.
    pub pal: &'a Palette,
    /// The find bar's hits, sorted (empty when it is closed).
    pub hits: &'a [Span],
}

/// Per-article view state: marks per paragraph, cached galleys and heights.
pub struct ArticleView {
    /// Marks of each paragraph, sorted by start (byte spans into the whole text).
    marks: Vec<Vec<(Span, Mark)>>,
    /// Speech attributed to each person (for the hover text).
    person_quotes: Vec<QuoteCounts>,
    /// Cached galleys by paragraph, for one look at a time per paragraph; at most about
    /// [`MAX_CACHED_GALLEYS`], those nearest the viewport.
    galleys: HashMap<usize, (Look, Arc<Galley>)>,
    /// Paragraph layouts done so far (cache misses of `galleys`).
    layouts: u64,
    /// Height and top of each paragraph at the current width (estimated until laid out).
    rows: RowHeights,
    /// The width, font and pixel density `rows` is for.
    rows_for: Option<(u32, u32, u32)>,
    /// Where each visible paragraph's galley was painted in the last frame.
    painted: Vec<(usize, Pos2, Arc<Galley>)>,
    /// A place to bring into view: set by a jump, kept until the scroll offset settles.
    scroll_to: Option<ScrollTo>,
    /// The scroll offset and view height of the last frame.
    offset: Option<(f32, f32)>,
    /// The paragraph at the top of the view in the last frame (`None` until a jump settles).
    top_paragraph: Option<usize>,
    /// The occurrence strip's ticks as pixel rows (y from the strip's top, colour, span), and
    /// what they were computed for.
    strip: StripRows,
    /// The text selection as the pointer made it (anchor and head bytes), for corrections.
    selection: Option<(usize, usize)>,
    /// Where the open context menu was asked for.
    menu_target: Option<MenuTarget>,
    /// Salts the scroll area's id: each article gets a scroll state of its own, so that
    /// nothing of the previous article's scrolling (offset, bounds, momentum) carries over.
    scroll_salt: u64,
}

/// The highlights of each paragraph, sorted by start: people, countries, and quotations that
/// are speech.
fn marks_of(analysis: &Analysis) -> Vec<Vec<(Span, Mark)>> {
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
        if q.kind == QuoteKind::Term {
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
    marks
}

/// The occurrence strip as drawn: what it was computed for (tick generation, article height,
/// strip top and height, as bits) and one tick per pixel row (y from the top, colour, span).
#[derive(Default)]
struct StripRows {
    key: Option<(u64, u32, u32, u32)>,
    ticks: Vec<(f32, egui::Color32, Span)>,
}

/// A scroll the keyboard asks for.
#[derive(Clone, Copy, Debug)]
enum KeyScroll {
    /// To this offset.
    To(f32),
    /// To the end (End): the last paragraph brought in as it is measured.
    End,
}

/// A jump in progress: the paragraph and span to show, where, and the offset set last frame.
#[derive(Clone, Copy, Debug)]
struct ScrollTo {
    paragraph: usize,
    span: Span,
    anchor: Anchor,
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
/// The space left of the text for the quote bar.
pub const BAR_GAP: f32 = 10.0;

impl ArticleView {
    /// Builds the view state for an analysis; `scroll_salt` is unique to the article.
    pub fn new(analysis: &Analysis, scroll_salt: u64) -> Self {
        let marks = marks_of(analysis);
        Self {
            marks,
            person_quotes: analysis.quotes_per_person(),
            galleys: HashMap::new(),
            layouts: 0,
            rows: RowHeights::default(),
            rows_for: None,
            painted: Vec::new(),
            scroll_to: None,
            offset: None,
            top_paragraph: None,
            strip: StripRows::default(),
            selection: None,
            menu_target: None,
            scroll_salt,
        }
    }

    /// Follows a change of the analysis of the same text (a correction): new highlights and
    /// galleys, the same paragraph heights and scroll position.
    pub fn set_analysis(&mut self, analysis: &Analysis) {
        self.marks = marks_of(analysis);
        self.person_quotes = analysis.quotes_per_person();
        self.galleys.clear();
        self.strip = StripRows::default();
    }

    /// How many paragraph layouts have been done (galley cache misses) since the view was made.
    pub fn layouts(&self) -> u64 {
        self.layouts
    }

    /// How many paragraph galleys are cached (bounded: those near the viewport).
    pub fn cached_galleys(&self) -> usize {
        self.galleys.len()
    }

    /// Scrolls to a span on the next frame, putting it at `anchor` in the view.
    pub fn scroll_to(&mut self, analysis: &Analysis, span: Span, anchor: Anchor) {
        let p = analysis.paragraphs.partition_point(|p| p.end <= span.start);
        self.scroll_to = Some(ScrollTo {
            paragraph: p.min(analysis.paragraphs.len().saturating_sub(1)),
            span,
            anchor,
            last: None,
            frames: 0,
        });
        self.top_paragraph = None;
    }

    /// The byte offset of the paragraph at the top of the view, once the view has been drawn
    /// and any jump has settled.
    pub fn top_byte(&self, analysis: &Analysis) -> Option<usize> {
        let p = self.top_paragraph?;
        analysis.paragraphs.get(p).map(|s| s.start)
    }

    /// The scroll offset of the last frame (0 before the first).
    pub fn offset(&self) -> f32 {
        self.offset.map_or(0.0, |(o, _)| o)
    }

    /// The screen rectangle of each paragraph painted in the last frame, in text order.
    pub fn painted_rects(&self) -> Vec<Rect> {
        self.painted
            .iter()
            .map(|(_, pos, g)| Rect::from_min_size(*pos, g.size()))
            .collect()
    }

    /// Where `byte` lies down the whole article, from 0 (top) to 1 (bottom), by the paragraph
    /// heights known so far.
    pub fn fraction_of(&mut self, analysis: &Analysis, byte: usize) -> f32 {
        let p = analysis.paragraphs.partition_point(|s| s.end <= byte);
        let (within, len) = analysis
            .paragraphs
            .get(p)
            .map_or((0, 1), |s| (byte.saturating_sub(s.start), s.len().max(1)));
        let h = self.rows.height(p);
        let (tops, total) = self.rows.layout();
        let Some(&top) = tops.get(p) else {
            return 1.0;
        };
        ((top + h * within as f32 / len as f32) / total.max(1.0)).clamp(0.0, 1.0)
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
        if self.rows_for == Some((look.width, look.font_tenths, look.ppp_hundredths)) {
            return;
        }
        self.rows_for = Some((look.width, look.font_tenths, look.ppp_hundredths));
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
        let above = match jump.anchor {
            Anchor::Top => 0.0,
            Anchor::Third => view / 3.0,
        };
        let offset = (top - above).clamp(0.0, (total - view).max(0.0));
        let settled = line.is_some() && jump.last.is_some_and(|l| (l - offset).abs() < 0.5);
        self.scroll_to = (!settled && jump.frames < MAX_JUMP_FRAMES).then_some(ScrollTo {
            last: Some(offset),
            frames: jump.frames + 1,
            ..jump
        });
        ui.ctx().request_repaint();
        area.vertical_scroll_offset(offset)
    }

    /// The byte under `pointer` in paragraph `p` drawn at `pos`, if the pointer is on its text.
    fn byte_at(
        paint: &Paint<'_>,
        p: usize,
        pos: Pos2,
        galley: &Galley,
        pointer: Pos2,
    ) -> Option<usize> {
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
        Some(
            para.start
                + paint
                    .text
                    .get(para.start..para.end)?
                    .char_indices()
                    .nth(c)
                    .map_or(para.len(), |(b, _)| b),
        )
    }

    /// Paragraph `p`'s highlights and its span.
    fn paragraph(&self, paint: &Paint<'_>, p: usize) -> (&[(Span, Mark)], Span) {
        let marks = self.marks.get(p).map_or(&[][..], Vec::as_slice);
        let para = paint.analysis.paragraphs.get(p).copied();
        (marks, para.unwrap_or_default())
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
        let byte = Self::byte_at(paint, p, pos, galley, pointer)?;
        self.marks
            .get(p)?
            .iter()
            .filter(|(s, _)| s.start <= byte && byte < s.end)
            .min_by_key(|(s, m)| (matches!(m, Mark::Quote(_)), s.len()))
            .copied()
    }

    /// The text selected with the pointer, snapped out to whole words; `None` when nothing is.
    pub fn selection(&self, text: &str) -> Option<Span> {
        let (a, h) = self.selection?;
        if a == h {
            return None;
        }
        let (mut s, mut e) = (a.min(h), a.max(h).min(text.len()));
        let word = |c: char| c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
        // An end inside a word moves out to the word's edge; one between a word and a space
        // stays.
        let next = |at: usize| text.get(at..).and_then(|t| t.chars().next());
        let prev = |at: usize| text.get(..at).and_then(|t| t.chars().next_back());
        if next(s).is_some_and(word) {
            while let Some(c) = prev(s).filter(|&c| word(c)) {
                s -= c.len_utf8();
            }
        }
        if prev(e).is_some_and(word) {
            while let Some(c) = next(e).filter(|&c| word(c)) {
                e += c.len_utf8();
            }
        }
        // Surrounding white space is not part of it.
        let inner = text.get(s..e)?;
        let lead = inner.len() - inner.trim_start().len();
        let trail = inner.len() - inner.trim_end().len();
        let span = Span::new(s + lead, e - trail);
        (!span.is_empty() && span.end > span.start).then_some(span)
    }

    /// Selects `span` as if with the pointer (tests, and a double click).
    pub fn select_text(&mut self, span: Span) {
        self.selection = Some((span.start, span.end));
    }

    /// Draws paragraph `p` at `pos` (its quote bar, selectable text, the dotted underline of
    /// reported speech, clicks, selection, the context menu and hover); returns what the
    /// pointer did there.
    fn paragraph_ui(
        &self,
        ui: &mut egui::Ui,
        paint: &Paint<'_>,
        p: usize,
        pos: Pos2,
        galley: &Arc<Galley>,
        menu: &mut dyn FnMut(&mut egui::Ui, MenuTarget),
    ) -> ParagraphInput {
        let (look, pal) = (paint.look, paint.pal);
        let rect = Rect::from_min_size(pos, Vec2::new(look.width as f32, galley.size().y));
        let (marks, para) = self.paragraph(paint, p);
        let kind = |qi: usize| paint.analysis.quotes.get(qi).map(|q| q.kind);
        // A bar left of paragraphs that hold a quotation.
        let has_quote = marks
            .iter()
            .any(|(_, m)| matches!(m, Mark::Quote(qi) if kind(*qi) != Some(QuoteKind::Indirect)));
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
        if look.toggles.reported {
            for (s, m) in marks {
                if let Mark::Quote(qi) = *m
                    && kind(qi) == Some(QuoteKind::Indirect)
                {
                    dotted_underline_ui(ui, galley, pos, paint.text, para, *s, pal.quote_bar);
                }
            }
        }
        let mut input = ParagraphInput::default();
        if resp.clicked()
            && let Some(pointer) = resp.interact_pointer_pos()
        {
            input.clicked = self.hit(paint, p, pos, galley, pointer);
        }
        let (pressed, down, latest) = ui.input(|i| {
            (
                i.pointer
                    .primary_pressed()
                    .then(|| i.pointer.press_origin())
                    .flatten(),
                // A release ends a drag: the pointer may have moved in the same frame.
                i.pointer.primary_down() || i.pointer.primary_released(),
                i.pointer.latest_pos(),
            )
        });
        if let Some(at) = pressed.filter(|at| rect.contains(*at)) {
            input.press = Self::byte_at(paint, p, pos, galley, at);
        }
        if down && let Some(at) = latest.filter(|at| rect.contains(*at)) {
            input.drag = Self::byte_at(paint, p, pos, galley, at);
        }
        if resp.double_clicked()
            && let Some(at) = resp.interact_pointer_pos()
            && let Some(b) = Self::byte_at(paint, p, pos, galley, at)
        {
            let len = paint
                .text
                .get(b..)
                .and_then(|t| t.chars().next())
                .map_or(0, char::len_utf8);
            input.word = Some(Span::new(b, b + len));
        }
        if resp.secondary_clicked()
            && let Some(at) = resp.interact_pointer_pos()
        {
            input.menu = Self::byte_at(paint, p, pos, galley, at);
        }
        // The menu opened this frame, or the one open on this paragraph.
        let target = input
            .menu
            .map(|byte| MenuTarget {
                byte,
                selection: self.selection(paint.text),
            })
            .or(self
                .menu_target
                .filter(|t| para.start <= t.byte && t.byte <= para.end));
        if let Some(target) = target {
            resp.context_menu(|ui| menu(ui, target));
        }
        if let Some(pointer) = resp.hover_pos()
            && let Some((_, m)) = self.hit(paint, p, pos, galley, pointer)
        {
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            resp.on_hover_ui_at_pointer(|ui| {
                ui.label(tooltip(paint.analysis, &self.person_quotes, paint.text, m));
            });
        }
        input
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

    /// The scroll offset the keyboard asks for: PageUp/PageDown, Home/End (unless a text field
    /// has the focus), Space, Shift+Space and the arrow keys (unless any widget has it).
    fn keyboard_offset(&self, ui: &egui::Ui, total: f32, line: f32) -> Option<KeyScroll> {
        let (offset, view) = self.offset?;
        let ctx = ui.ctx();
        if ctx.text_edit_focused() {
            return None;
        }
        let free = ctx.memory(|m| m.focused().is_none());
        let page = (view - 2.0 * line).max(line);
        let none = egui::Modifiers::NONE;
        let target = ctx.input_mut(|i| {
            // Shift+Space first: a pattern without Shift also matches a key with Shift held.
            if i.consume_key(none, egui::Key::PageUp)
                || (free && i.consume_key(egui::Modifiers::SHIFT, egui::Key::Space))
            {
                Some(offset - page)
            } else if i.consume_key(none, egui::Key::PageDown)
                || (free && i.consume_key(none, egui::Key::Space))
            {
                Some(offset + page)
            } else if free && i.consume_key(none, egui::Key::ArrowDown) {
                Some(offset + line)
            } else if free && i.consume_key(none, egui::Key::ArrowUp) {
                Some(offset - line)
            } else if i.consume_key(none, egui::Key::Home) {
                Some(0.0)
            } else if i.consume_key(none, egui::Key::End) {
                return Some(KeyScroll::End);
            } else {
                None
            }
            .map(|t: f32| KeyScroll::To(t.clamp(0.0, (total - view).max(0.0))))
        })?;
        Some(target)
    }

    /// Lays out and measures the paragraphs near `viewport` until their heights hold (at most
    /// three passes), so that they are painted at their measured tops: a new width never shows
    /// paragraphs drawn over each other, not even for one frame. Returns the first paragraph
    /// near the view and the galleys from it on, as the last pass laid them out.
    fn measure_near(
        &mut self,
        ui: &egui::Ui,
        paint: &Paint<'_>,
        rows: &mut RowHeights,
        viewport: Rect,
    ) -> (usize, Vec<Arc<Galley>>) {
        let mut near = (0, Vec::new());
        for _ in 0..3 {
            let (tops, _) = rows.layout();
            let first = tops
                .partition_point(|t| *t < viewport.min.y - MEASURE_AHEAD)
                .saturating_sub(1);
            let end = tops.partition_point(|t| *t <= viewport.max.y + MEASURE_AHEAD / 10.0);
            let galleys: Vec<Arc<Galley>> = (first..end.max(first))
                .map(|p| self.galley(ui, paint, p))
                .collect();
            let mut changed = false;
            for (p, g) in (first..).zip(&galleys) {
                changed |= rows.measure(p, g.size().y);
            }
            near = (first, galleys);
            if !changed {
                break;
            }
        }
        near
    }

    /// Draws the article in a vertical scroll area, painting only visible paragraphs.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        paint: &Paint<'_>,
        menu: &mut dyn FnMut(&mut egui::Ui, MenuTarget),
    ) -> ViewOutput {
        let mut out = ViewOutput::default();
        let look = paint.look;
        let font = f32::from(u16::try_from(look.font_tenths).unwrap_or(170)) / 10.0;
        self.refresh_rows(paint.analysis, look, font);
        // Out of `self` for the frame: the loop below lays out galleys through `self`.
        let mut rows = std::mem::take(&mut self.rows);
        let (tops, total) = rows.layout();
        let area = egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .id_salt(("article", self.scroll_salt));
        let area = match self.keyboard_offset(ui, total, font * 1.45 * 2.0) {
            Some(KeyScroll::End) => {
                // End: the last paragraph at the top, which the jump clamps to the bottom.
                let last = paint
                    .analysis
                    .paragraphs
                    .last()
                    .copied()
                    .unwrap_or_default();
                self.scroll_to(paint.analysis, last, Anchor::Top);
                self.jump_ui(ui, area, paint, tops, total)
            }
            Some(KeyScroll::To(offset)) => {
                self.scroll_to = None;
                ui.ctx().request_repaint();
                area.vertical_scroll_offset(offset)
            }
            None => self.jump_ui(ui, area, paint, tops, total),
        };
        let mut painted = Vec::new();
        let width = look.width as f32;
        let layouts_before = self.layouts;
        let mut view = None;
        let mut next_below = 0;
        area.show_viewport(ui, |ui, viewport| {
            view = Some(viewport);
            let (first, galleys) = self.measure_near(ui, paint, &mut rows, viewport);
            next_below = first + galleys.len();
            let (tops, total) = rows.layout();
            ui.set_height(total);
            ui.set_width(width + BAR_GAP);
            let origin = ui.min_rect().min;
            // Only the paragraphs in sight are drawn, unless a text selection may reach beyond
            // the view.
            let selecting = ui
                .ctx()
                .plugin::<egui::text_selection::LabelSelectionState>()
                .lock()
                .has_selection();
            for ((p, &top), galley) in tops.iter().enumerate().skip(first).zip(galleys) {
                let h = galley.size().y;
                let in_sight = top + h >= viewport.min.y && top <= viewport.max.y;
                if !in_sight && !selecting {
                    continue;
                }
                let pos = origin + Vec2::new(BAR_GAP, top);
                let input = self.paragraph_ui(ui, paint, p, pos, &galley, menu);
                if let Some(m) = input.clicked {
                    out.clicked = Some(m);
                }
                if let Some(b) = input.press {
                    self.selection = Some((b, b));
                }
                if let (Some(b), Some((a, _))) = (input.drag, self.selection) {
                    self.selection = Some((a, b));
                }
                if let Some(w) = input.word {
                    self.selection = Some((w.start, w.end));
                }
                if let Some(b) = input.menu {
                    self.menu_target = Some(MenuTarget {
                        byte: b,
                        selection: self.selection(paint.text),
                    });
                }
                painted.push((p, pos, galley));
            }
        });
        self.trim_galleys(&painted);
        let idle = ui.input(|i| i.events.is_empty() && !i.pointer.any_down());
        if idle
            && self.layouts == layouts_before
            && let Some(view) = view
        {
            let (tops, _) = rows.layout();
            if let Some((p, h)) = self.idle_layout(ui, paint, tops, view, next_below) {
                rows.measure(p, h);
            }
        }
        if let Some(view) = view {
            self.offset = Some((view.min.y, view.height()));
            let (tops, _) = rows.layout();
            self.top_paragraph = self.scroll_to.is_none().then(|| {
                tops.partition_point(|t| *t <= view.min.y + 1.0)
                    .saturating_sub(1)
            });
        }
        self.rows = rows;
        self.painted = painted;
        out
    }

    /// Draws the occurrence strip in `rect`: a tick for each of `ticks` at its place down the
    /// article, one per pixel row at most (the later tick wins a row). `generation` changes
    /// whenever `ticks` does; the rows are recomputed only then or when the paragraph heights
    /// or the strip change. Returns the span of the tick clicked, if any.
    pub fn strip_ui(
        &mut self,
        ui: &mut egui::Ui,
        rect: Rect,
        analysis: &Analysis,
        ticks: &[(Span, egui::Color32)],
        generation: u64,
    ) -> Option<Span> {
        let resp = ui.interact(rect, ui.scope_id().with("occurrence-strip"), Sense::click());
        let (_, total) = self.rows.layout();
        let key = (
            generation,
            total.to_bits(),
            rect.top().to_bits(),
            rect.height().to_bits(),
        );
        if self.strip.key != Some(key) {
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "pixel rows of a strip a few hundred points high"
            )]
            let row = |y: f32| y.max(0.0) as usize;
            let mut rows: Vec<Option<(egui::Color32, Span)>> = vec![None; row(rect.height()) + 1];
            for (s, colour) in ticks {
                let y = row(self.fraction_of(analysis, s.start) * rect.height());
                if let Some(r) = rows.get_mut(y) {
                    *r = Some((*colour, *s));
                }
            }
            let ticks = rows
                .into_iter()
                .enumerate()
                .filter_map(|(y, t)| t.map(|(c, s)| (y as f32, c, s)))
                .collect();
            self.strip = StripRows {
                key: Some(key),
                ticks,
            };
        }
        // One mesh for all ticks: a long article has a tick on nearly every pixel row.
        let mut mesh = egui::Mesh::default();
        for (y, colour, _) in &self.strip.ticks {
            let y = rect.top() + y;
            mesh.add_colored_rect(
                Rect::from_min_max(
                    Pos2::new(rect.left(), y - 1.0),
                    Pos2::new(rect.right(), y + 1.0),
                ),
                *colour,
            );
        }
        ui.painter_at(rect).add(egui::Shape::mesh(mesh));
        let click = resp.interact_pointer_pos().filter(|_| resp.clicked())?;
        self.strip
            .ticks
            .iter()
            .map(|(y, _, s)| (*s, (rect.top() + y - click.y).abs()))
            .filter(|(_, d)| *d <= 6.0)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(s, _)| s)
    }

    /// Only the highlight state that shows in paragraph `p`: a selection, a flash or find hits
    /// elsewhere leave its cached galley valid.
    fn look_of(&self, paint: &Paint<'_>, p: usize) -> Look {
        let look = paint.look;
        let (marks, para) = self.paragraph(paint, p);
        let overlaps = |s: &Span| s.start < para.end && para.start < s.end;
        let selected = look.selected.filter(|e| {
            marks.iter().any(|(_, x)| match (*e, *x) {
                (EntityRef::Person(pi), Mark::Person(x)) => pi == x,
                (EntityRef::Country(ci), Mark::Country(x, _)) => ci == x,
                _ => false,
            })
        });
        let i = paint.hits.partition_point(|h| h.end <= para.start);
        let has_hits = paint.hits.get(i).is_some_and(overlaps);
        Look {
            selected,
            flash: look.flash.filter(overlaps),
            find: if has_hits { look.find } else { 0 },
            find_current: look.find_current.filter(overlaps),
            ..look
        }
    }

    fn galley(&mut self, ui: &egui::Ui, paint: &Paint<'_>, p: usize) -> Arc<Galley> {
        let look = self.look_of(paint, p);
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
            pal,
            hits,
            ..
        } = *paint;
        let font = look.font_tenths as f32 / 10.0;
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
        let hits: &[Span] = if look.find == 0 {
            &[]
        } else {
            let a = hits.partition_point(|h| h.end <= para.start);
            let b = hits.partition_point(|h| h.start < para.end);
            hits.get(a..b).unwrap_or(&[])
        };
        // Cut points: every mark, hit and flash boundary inside the paragraph.
        let mut cuts: Vec<usize> = vec![para.start, para.end];
        let spans = marks
            .iter()
            .map(|(s, _)| *s)
            .chain(hits.iter().copied())
            .chain(look.flash);
        for s in spans {
            cuts.push(s.start.clamp(para.start, para.end));
            cuts.push(s.end.clamp(para.start, para.end));
        }
        cuts.sort_unstable();
        cuts.dedup();
        let within = |s: &Span, a: usize, b: usize| s.start <= a && b <= s.end;
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            if a >= b {
                continue;
            }
            let mut f = base.clone();
            for (_, m) in marks.iter().filter(|(s, _)| within(s, a, b)) {
                style_mark(&mut f, *m, analysis, look, pal);
            }
            if hits.iter().any(|h| within(h, a, b)) {
                f.background = if look.find_current.is_some_and(|h| within(&h, a, b)) {
                    pal.find_current_bg
                } else {
                    pal.find_bg
                };
            }
            if look.flash.is_some_and(|s| within(&s, a, b)) {
                f.background = pal.flash_bg;
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

/// How a highlight changes the text it covers.
fn style_mark(f: &mut TextFormat, m: Mark, analysis: &Analysis, look: Look, pal: &Palette) {
    let t = look.toggles;
    match m {
        Mark::Quote(qi) => {
            let kind = analysis.quotes.get(qi).map(|q| q.kind);
            if t.quotes && kind != Some(QuoteKind::Indirect) {
                f.background = pal.quote_bg;
            }
        }
        Mark::Person(pi) if t.people => {
            f.color = pal.person;
            f.underline = Stroke::new(1.0, pal.person);
            if look.selected == Some(EntityRef::Person(pi)) {
                f.background = pal.selected_bg;
            }
        }
        Mark::Country(ci, form) => {
            let shown = if form == CountryForm::Name {
                t.countries
            } else {
                t.demonyms
            };
            if !shown {
                return;
            }
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
        Mark::Person(_) => {}
    }
}

/// A dotted line under `span` (bytes of the text) in paragraph `para`, laid out as `galley`
/// and painted at `pos`, broken at each wrapped row.
fn dotted_underline_ui(
    ui: &egui::Ui,
    galley: &Galley,
    pos: Pos2,
    text: &str,
    para: Span,
    span: Span,
    colour: egui::Color32,
) {
    let chars = |b: usize| {
        text.get(para.start..b.clamp(para.start, para.end))
            .map_or(0, |t| t.chars().count())
    };
    let (cs, ce) = (chars(span.start), chars(span.end));
    let mut c0 = 0;
    let painter = ui.painter();
    for row in &galley.rows {
        let n = row.row.glyphs.len();
        let (a, b) = (cs.max(c0), ce.min(c0 + n));
        if a < b {
            let x0 = pos.x + row.pos.x + row.row.x_offset(egui::text::CharIndex(a - c0));
            let x1 = pos.x + row.pos.x + row.row.x_offset(egui::text::CharIndex(b - c0));
            let y = pos.y + row.max_y() - 1.5;
            painter.extend(egui::Shape::dotted_line(
                &[Pos2::new(x0, y), Pos2::new(x1, y)],
                colour,
                4.0,
                1.1,
            ));
        }
        c0 += row.char_count_including_newline().0;
        if c0 >= ce {
            break;
        }
    }
}

/// The cursor rectangle, within `galley` (paragraph `para` laid out), of byte `byte` of the text.
fn cursor_rect(galley: &Galley, text: &str, para: Span, byte: usize) -> Option<Rect> {
    let chars = text.get(para.start..byte)?.chars().count();
    Some(galley.pos_from_cursor(egui::text::CCursor::new(chars)))
}

/// The hover text of a highlight; `person_quotes` counts each person's speech quotes.
fn tooltip(analysis: &Analysis, person_quotes: &[QuoteCounts], text: &str, m: Mark) -> String {
    match m {
        Mark::Person(pi) => {
            let Some(p) = analysis.people.get(pi) else {
                return String::new();
            };
            let q = person_quotes.get(pi).copied().unwrap_or_default();
            format!(
                "{} — person, {} mention{}, {q}",
                p.name,
                p.mentions.len(),
                plural(p.mentions.len()),
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
            let who = q.speaker.as_ref().map_or(
                if q.kind == QuoteKind::Indirect {
                    "Unattributed reported speech"
                } else {
                    "Unattributed quote"
                },
                |s| s.name.as_str(),
            );
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

    #[test]
    fn a_selection_snaps_out_to_whole_words_only_from_inside_them() {
        let text = "Harbor Lead Anna Kovacs said no.";
        let rows: &[((usize, usize), Option<&str>)] = &[
            ((12, 16), Some("Anna")),
            ((11, 16), Some("Anna")),
            ((13, 18), Some("Anna Kovacs")),
            ((11, 23), Some("Anna Kovacs")),
            ((16, 12), Some("Anna")),
            ((14, 14), None),
            ((11, 12), None),
        ];
        for &((a, h), want) in rows {
            let mut view = ArticleView::new(&Analysis::default(), 0);
            view.selection = Some((a, h));
            let got = view.selection(text).map(|s| &text[s.start..s.end]);
            assert_eq!(got, want, "{a}..{h}");
        }
    }

    use super::*;
    use crate::analysis::{Analysis, analyze};

    const SAMPLE: &str = include_str!("../../tests/data/fixtures/sample-article.txt");
    /// An invented article: Ilse Marten is named three times, with three quotations and one
    /// reported statement.
    const INVENTED: &str = include_str!("../../tests/data/invented/harbour.txt");

    #[test]
    fn person_hover_text_counts_mentions_and_quotes() {
        let a = analyze(INVENTED);
        let view = ArticleView::new(&a, 1);
        let pi = a
            .people
            .iter()
            .position(|p| p.name == "Ilse Marten")
            .expect("Marten found");
        // The hover uses the panel's wording: quotations and reported speech apart.
        assert_eq!(
            tooltip(&a, &view.person_quotes, INVENTED, Mark::Person(pi)),
            "Ilse Marten — person, 3 mentions, 3 quotes · 1 reported"
        );
    }

    #[test]
    fn quotes_per_person_counts_each_persons_speech_quotes() {
        let a: Analysis = analyze(SAMPLE);
        let counts = a.quotes_per_person();
        assert_eq!(counts.len(), a.people.len());
        for (pi, n) in counts.iter().map(|c| c.total()).enumerate() {
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
            counts.iter().map(|c| c.total()).sum::<usize>() >= 5,
            "the sample's people speak"
        );
    }
}
