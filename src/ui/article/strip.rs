//! The occurrence strip beside the article: a tick per mention or quote, at its place in the
//! whole article; clicking one jumps there.

#![allow(
    clippy::wildcard_imports,
    reason = "a part of its parent module, split off by concern: it shares the module's imports and private items"
)]

use super::*;

/// The occurrence strip as drawn: what it was computed for (tick generation, article height,
/// strip top and height, as bits) and one tick per pixel row (y from the top, colour, span).
#[derive(Default)]
pub(super) struct StripRows {
    key: Option<(u64, u32, u32, u32)>,
    ticks: Vec<(f32, egui::Color32, Span)>,
}

impl ArticleView {
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
}
