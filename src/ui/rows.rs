//! Heights and tops of a long column of rows of varying height (paragraphs, quote cards), kept
//! between frames so that drawing only the visible rows costs the same however long the column;
//! and the scroll area that draws only those rows.

use eframe::egui;

/// Row heights (estimated until a row is drawn, then measured) and the tops they stack to.
#[derive(Debug, Default)]
pub struct RowHeights {
    heights: Vec<f32>,
    tops: Vec<f32>,
    total: f32,
    gap: f32,
    stale: bool,
}

impl RowHeights {
    /// Rows with these (estimated) heights and `gap` between them.
    pub fn new(heights: Vec<f32>, gap: f32) -> Self {
        Self {
            heights,
            tops: Vec::new(),
            total: 0.0,
            gap,
            stale: true,
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.heights.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.heights.is_empty()
    }

    /// The height of row `i` as known (0 past the end).
    pub fn height(&self, i: usize) -> f32 {
        self.heights.get(i).copied().unwrap_or(0.0)
    }

    /// Records the height row `i` was drawn at. Returns whether it differed from the known one
    /// (the tops are then recomputed on the next [`RowHeights::layout`]).
    pub fn measure(&mut self, i: usize, height: f32) -> bool {
        let Some(h) = self.heights.get_mut(i) else {
            return false;
        };
        if (*h - height).abs() <= 0.5 {
            return false;
        }
        *h = height;
        self.stale = true;
        true
    }

    /// The top of each row and the height of all rows, recomputed only after a change.
    pub fn layout(&mut self) -> (&[f32], f32) {
        if self.stale {
            self.tops.clear();
            let mut y = 0.0;
            for h in &self.heights {
                self.tops.push(y);
                y += h + self.gap;
            }
            self.total = y;
            self.stale = false;
        }
        (&self.tops, self.total)
    }
}

/// A vertical scroll area over rows of varying height that draws only the visible rows.
/// `rows` holds each row's height (estimated until drawn, then measured) and their tops; `top`
/// scrolls it to its top.
pub fn virtual_list_ui(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tops_stack_heights_and_follow_measurements() {
        let mut rows = RowHeights::new(vec![10.0, 20.0, 5.0], 2.0);
        assert_eq!(rows.layout(), (&[0.0, 12.0, 34.0][..], 41.0));
        assert!(!rows.measure(1, 20.2), "within half a point: unchanged");
        assert!(rows.measure(1, 30.0));
        assert_eq!(rows.layout(), (&[0.0, 12.0, 44.0][..], 51.0));
        assert!(!rows.measure(7, 1.0), "no such row");
    }
}
