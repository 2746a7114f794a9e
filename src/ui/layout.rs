//! How wide the side panels are drawn: the widths the reader chose by dragging (remembered),
//! fitted to the window this frame (never remembered), so that panels grow back when the window
//! widens and the article keeps a readable column when it narrows.

use eframe::egui;

/// The narrowest article column the side panels leave, when they can.
pub const MIN_ARTICLE: f32 = 360.0;

/// The entity list's narrowest and default widths, and its widest share of the window.
pub const ENTITIES: (f32, f32, f32) = (150.0, 220.0, 0.3);

/// The quote panel's narrowest and default widths, and its widest share of the window.
pub const QUOTES: (f32, f32, f32) = (220.0, 380.0, 0.4);

/// The widths to draw the side panels at in a window `window` wide, from the widths the reader
/// chose (`None`: the panel is collapsed to a strip `strip` wide). Each is clamped to its range;
/// then, while the article column would be narrower than [`MIN_ARTICLE`], the entity list gives
/// way first (down to its narrowest, then collapsed for this frame), then the quote panel (down
/// to its narrowest).
pub fn side_widths(
    window: f32,
    strip: f32,
    entities: Option<f32>,
    quotes: Option<f32>,
) -> (Option<f32>, Option<f32>) {
    let fit = |chosen: f32, (min, _, share): (f32, f32, f32)| {
        chosen.clamp(min, (window * share).max(min))
    };
    let mut e = entities.map(|w| fit(w, ENTITIES));
    let mut q = quotes.map(|w| fit(w, QUOTES));
    let article = |e: Option<f32>, q: Option<f32>| window - e.unwrap_or(strip) - q.unwrap_or(strip);
    let short = |e: Option<f32>, q: Option<f32>| (MIN_ARTICLE - article(e, q)).max(0.0);
    if let Some(w) = e {
        let give = short(e, q).min(w - ENTITIES.0);
        e = Some(w - give);
        if short(e, q) > 0.0 && q.is_some() {
            e = None;
        }
    }
    if let Some(w) = q {
        q = Some(w - short(e, q).min(w - QUOTES.0));
    }
    (e, q)
}

/// The id under which egui keeps the side panel `salt`'s state, shown in `ui`, and the id of
/// its resize handle (as egui 0.37 derives them in `containers/panel.rs`).
pub fn panel_ids(ui: &egui::Ui, salt: &str) -> (egui::Id, egui::Id) {
    let id = ui.scope_id().with_salt(egui::IdSalt::new(salt));
    (id, id.with("__resize"))
}

/// Whether the reader is dragging the edge of the panel whose resize handle is `resize`, or
/// let go of it this frame.
pub fn resizing(ui: &egui::Ui, resize: egui::Id) -> bool {
    ui.ctx()
        .read_response(resize)
        .is_some_and(|r| r.dragged() || r.drag_stopped())
}

/// Makes the panel `id` start this frame at `width` (its default size): the size egui kept from
/// the last frame, which a narrow window may have forced down, is forgotten when it differs.
pub fn forget_size(ui: &egui::Ui, id: egui::Id, width: f32) {
    use egui::containers::panel::PanelState;
    let kept = PanelState::load(ui.ctx(), id).map(|s| s.size().x);
    if kept.is_some_and(|k| (k - width).abs() > 0.5) {
        ui.ctx().data_mut(|d| d.remove::<PanelState>(id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (window, entities chosen, quotes chosen, entities drawn, quotes drawn).
    type Row = (f32, Option<f32>, Option<f32>, Option<f32>, Option<f32>);

    #[test]
    fn side_width_rows() {
        let rows: &[Row] = &[
            // Wide: what the reader chose.
            (1600.0, Some(220.0), Some(380.0), Some(220.0), Some(380.0)),
            (1600.0, Some(300.0), Some(500.0), Some(300.0), Some(500.0)),
            // A chosen width past the panel's share of the window is held to it, then the
            // entity list gives way to keep the article readable.
            (1000.0, Some(400.0), Some(380.0), Some(260.0), Some(380.0)),
            // 800 px: the entity list gives way first, to its narrowest.
            (800.0, Some(220.0), Some(380.0), None, Some(320.0)),
            (800.0, Some(220.0), None, Some(220.0), None),
            // 640 px with the quote panel opened: the entity list collapses for this frame.
            (640.0, Some(220.0), Some(380.0), None, Some(254.0)),
            (640.0, Some(220.0), None, Some(192.0), None),
            (640.0, None, Some(380.0), None, Some(254.0)),
            // Widening again: the chosen widths come back.
            (1400.0, Some(220.0), Some(380.0), Some(220.0), Some(380.0)),
        ];
        for &(window, e, q, want_e, want_q) in rows {
            let (got_e, got_q) = side_widths(window, 26.0, e, q);
            assert_eq!(
                (got_e, got_q),
                (want_e, want_q),
                "{window} px, chosen {e:?} / {q:?}"
            );
        }
    }
}
