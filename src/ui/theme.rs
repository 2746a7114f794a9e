//! Design tokens: every colour the app paints comes from here, for dark and light themes.
//! Contrast was checked against the panel backgrounds (text colours ≥ 4.5:1 in both themes).

use eframe::egui::{Color32, Visuals};

/// The size of the small line of a quote card (kind, speaker, cue), in points: at least 12 px at
/// 100 %, and it follows the zoom like all panel text.
pub const META_TEXT_SIZE: f32 = 12.5;

/// Paints a clickable row's background into the slot `background` reserved under it: the
/// selection colour when `selected`, half of it while hovered.
pub fn row_background(
    ui: &eframe::egui::Ui,
    background: eframe::egui::layers::ShapeIdx,
    response: &eframe::egui::Response,
    selected: bool,
    pal: &Palette,
) {
    let fill = if selected {
        pal.selected_bg
    } else if response.hovered() {
        pal.selected_bg.gamma_multiply(0.5)
    } else {
        return;
    };
    let shape = eframe::egui::Shape::rect_filled(response.rect.expand(1.0), 3.0, fill);
    ui.painter().set(background, shape);
}

/// The highlight palette for one theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// Text colour of person names.
    pub person: Color32,
    /// Text colour of country names.
    pub country: Color32,
    /// Text colour of demonyms and capitals (a lighter tint of the country colour).
    pub country_light: Color32,
    /// Background of quoted words.
    pub quote_bg: Color32,
    /// The bar left of a paragraph holding a quotation, and quote accents.
    pub quote_bar: Color32,
    /// Background behind mentions of the selected entity.
    pub selected_bg: Color32,
    /// Background of a quote that was just jumped to.
    pub flash_bg: Color32,
    /// Background of a find hit.
    pub find_bg: Color32,
    /// Background of the find hit shown.
    pub find_current_bg: Color32,
    /// Ticks of quotes in the occurrence strip.
    pub strip_quote: Color32,
    /// Background of the occurrence strip.
    pub strip_bg: Color32,
    /// Ordinary article text.
    pub text: Color32,
    /// Secondary text (counts, cues).
    pub weak: Color32,
    /// Error text in the status bar.
    pub error: Color32,
    /// Drop overlay fill.
    pub drop_overlay: Color32,
    /// The mark of a checked quote.
    pub checked: Color32,
    /// The "corrected" tag of an item a person corrected.
    pub corrected: Color32,
}

/// The HTML report's colours: the light theme's.
pub fn report_style() -> crate::report::Style {
    let c = |c: Color32| [c.r(), c.g(), c.b()];
    let p = LIGHT;
    crate::report::Style {
        text: c(p.text),
        weak: c(p.weak),
        person: c(p.person),
        country: c(p.country),
        country_light: c(p.country_light),
        quote_bg: c(p.quote_bg),
        quote_bar: c(p.quote_bar),
    }
}

/// The palette for the current visuals.
pub fn palette(visuals: &Visuals) -> Palette {
    if visuals.dark_mode { DARK } else { LIGHT }
}

/// Dark theme (on egui's dark panel, #1b1b1b).
pub const DARK: Palette = Palette {
    person: Color32::from_rgb(0x7c, 0xc4, 0xff),
    country: Color32::from_rgb(0x6e, 0xe0, 0x9a),
    country_light: Color32::from_rgb(0xa8, 0xe8, 0xc0),
    quote_bg: Color32::from_rgb(0x3a, 0x33, 0x1c),
    quote_bar: Color32::from_rgb(0xe0, 0xb0, 0x40),
    selected_bg: Color32::from_rgb(0x23, 0x4a, 0x7a),
    flash_bg: Color32::from_rgb(0x6a, 0x55, 0x10),
    find_bg: Color32::from_rgb(0x4a, 0x2a, 0x5a),
    find_current_bg: Color32::from_rgb(0x8a, 0x3a, 0x9a),
    strip_quote: Color32::from_rgb(0x9a, 0x7a, 0x30),
    strip_bg: Color32::from_rgb(0x26, 0x26, 0x26),
    text: Color32::from_rgb(0xe6, 0xe6, 0xe6),
    weak: Color32::from_rgb(0xa8, 0xa8, 0xa8),
    error: Color32::from_rgb(0xff, 0x8a, 0x80),
    drop_overlay: Color32::from_rgba_premultiplied(0x10, 0x30, 0x50, 0xd0),
    checked: Color32::from_rgb(0x6e, 0xe0, 0x9a),
    corrected: Color32::from_rgb(0xd0, 0xa0, 0xff),
};

/// Light theme (on egui's light panel, #f8f8f8).
pub const LIGHT: Palette = Palette {
    person: Color32::from_rgb(0x0b, 0x4f, 0x9c),
    country: Color32::from_rgb(0x12, 0x6b, 0x36),
    country_light: Color32::from_rgb(0x2f, 0x75, 0x4c),
    quote_bg: Color32::from_rgb(0xfb, 0xef, 0xc8),
    quote_bar: Color32::from_rgb(0xb0, 0x7d, 0x00),
    selected_bg: Color32::from_rgb(0xc9, 0xde, 0xff),
    flash_bg: Color32::from_rgb(0xff, 0xd8, 0x60),
    find_bg: Color32::from_rgb(0xf0, 0xd0, 0xf8),
    find_current_bg: Color32::from_rgb(0xe0, 0xa0, 0xf0),
    strip_quote: Color32::from_rgb(0xd0, 0xa8, 0x40),
    strip_bg: Color32::from_rgb(0xea, 0xea, 0xea),
    text: Color32::from_rgb(0x1e, 0x1e, 0x1e),
    weak: Color32::from_rgb(0x5a, 0x5a, 0x5a),
    error: Color32::from_rgb(0xb0, 0x1c, 0x10),
    drop_overlay: Color32::from_rgba_premultiplied(0xd0, 0xe4, 0xff, 0xe0),
    checked: Color32::from_rgb(0x12, 0x6b, 0x36),
    corrected: Color32::from_rgb(0x6a, 0x2a, 0x9a),
};

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(c: Color32) -> f64 {
        let ch = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(c.r()) + 0.7152 * ch(c.g()) + 0.0722 * ch(c.b())
    }

    fn contrast(a: Color32, b: Color32) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn highlight_text_is_readable_on_its_backgrounds() {
        for (p, panel) in [
            (DARK, Color32::from_rgb(0x1b, 0x1b, 0x1b)),
            (LIGHT, Color32::from_rgb(0xf8, 0xf8, 0xf8)),
        ] {
            for bg in [panel, p.quote_bg] {
                for fg in [
                    p.person,
                    p.country,
                    p.country_light,
                    p.text,
                    p.checked,
                    p.corrected,
                ] {
                    assert!(
                        contrast(fg, bg) >= 4.5,
                        "{fg:?} on {bg:?}: {:.2}",
                        contrast(fg, bg)
                    );
                }
            }
            for bg in [p.selected_bg, p.find_bg, p.find_current_bg, p.flash_bg] {
                for fg in [p.person, p.country, p.text] {
                    assert!(
                        contrast(fg, bg) >= 3.0,
                        "{fg:?} on {bg:?}: {:.2}",
                        contrast(fg, bg)
                    );
                }
            }
        }
    }
}
