//! The article view's frame: the scroll area, the paragraphs in view painted, the rest measured
//! ahead, clicks, hovers, the selection and its menu.

#![allow(
    clippy::wildcard_imports,
    reason = "a part of its parent module, split off by concern: it shares the module's imports and private items"
)]

use super::*;

impl ArticleView {
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
}
