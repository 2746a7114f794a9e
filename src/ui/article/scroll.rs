//! Where the article view is: jumps that settle as paragraphs are measured, keyboard scrolling,
//! measuring near the view and while idle, and which byte a point or selection is at.

#![allow(
    clippy::wildcard_imports,
    reason = "a part of its parent module, split off by concern: it shares the module's imports and private items"
)]

use super::*;

impl ArticleView {
    /// A pending jump sets the scroll offset outright (no animation: a wheel scroll in progress
    /// or at the end of the article would cancel one). The paragraph's top is an estimate until
    /// it and those above it are measured, so the jump repeats until the offset stops moving.
    pub(super) fn jump_ui(
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
    pub(super) fn byte_at(
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

    /// The mark under `pointer` in paragraph `p` drawn at `pos`: the smallest, quotes last.
    pub(super) fn hit(
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

    /// The scroll offset the keyboard asks for: PageUp/PageDown, Home/End (unless a text field
    /// has the focus), Space, Shift+Space and the arrow keys (unless any widget has it).
    pub(super) fn keyboard_offset(
        &self,
        ui: &egui::Ui,
        total: f32,
        line: f32,
    ) -> Option<KeyScroll> {
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
    pub(super) fn measure_near(
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

    /// A frame without input that laid nothing out lays out one paragraph of the screen below
    /// the view that is not laid out yet: scrolling on from rest then finds it ready. Returns
    /// the paragraph measured, with its height.
    pub(super) fn idle_layout(
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
}
