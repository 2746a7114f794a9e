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

mod hover;
mod paint;
mod scroll;
mod strip;
mod view;

pub use hover::plural;
#[cfg(test)]
use hover::tooltip;
use paint::cursor_rect;
use strip::StripRows;

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

    /// Paragraph `p`'s highlights and its span.
    fn paragraph(&self, paint: &Paint<'_>, p: usize) -> (&[(Span, Mark)], Span) {
        let marks = self.marks.get(p).map_or(&[][..], Vec::as_slice);
        let para = paint.analysis.paragraphs.get(p).copied();
        (marks, para.unwrap_or_default())
    }
}

#[cfg(test)]
mod tests;
