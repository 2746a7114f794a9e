//! Settings saved between runs: theme, zoom, highlight toggles, side panels and their widths,
//! recent files and where each was last read.

#![allow(
    clippy::wildcard_imports,
    reason = "a part of `app`, split off by concern: it shares the module's imports and private items"
)]

use super::*;

/// Which highlight kinds are shown: one switch per kind in the legend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(default)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "five independent on/off switches, saved by name"
)]
pub struct Toggles {
    /// People.
    pub people: bool,
    /// Countries named as such.
    pub countries: bool,
    /// Demonyms and capitals ("Norwegian", "Oslo"), which stand for a country.
    pub demonyms: bool,
    /// Quotations in quote marks.
    pub quotes: bool,
    /// Reported speech (a dotted underline).
    pub reported: bool,
}

impl Default for Toggles {
    fn default() -> Self {
        Self {
            people: true,
            countries: true,
            demonyms: true,
            quotes: true,
            reported: true,
        }
    }
}

/// Which side panels are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Panels {
    /// The people and countries list (left).
    pub entities: bool,
    /// The who-said-what panel (right).
    pub quotes: bool,
}

impl Default for Panels {
    fn default() -> Self {
        Self {
            entities: true,
            quotes: true,
        }
    }
}

/// A side panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelKind {
    /// The people and countries list.
    Entities,
    /// The who-said-what panel.
    Quotes,
}

/// Theme choice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ThemeChoice {
    /// Follow the operating system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// Settings saved between runs (never the document itself).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Recently opened files, newest first.
    pub recent: Vec<PathBuf>,
    /// Article zoom (1.0 = 17 pt text).
    pub zoom: f32,
    /// Theme.
    pub theme: ThemeChoice,
    /// Which highlight kinds are shown.
    pub toggles: Toggles,
    /// Which side panels are shown.
    pub panels: Panels,
    /// Where each recent file was last read: the byte offset of the paragraph at the top.
    pub positions: BTreeMap<PathBuf, usize>,
    /// The side panels' widths as the reader last chose them by dragging (a narrow window
    /// draws them narrower for a while, and never changes these).
    pub widths: PanelWidths,
}

/// The side panels' widths as chosen by dragging, in points.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct PanelWidths {
    /// The entity list.
    pub entities: f32,
    /// The quote panel.
    pub quotes: f32,
}

impl Default for PanelWidths {
    fn default() -> Self {
        Self {
            entities: 220.0,
            quotes: 380.0,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            zoom: 1.0,
            theme: ThemeChoice::System,
            toggles: Toggles::default(),
            panels: Panels::default(),
            positions: BTreeMap::new(),
            widths: PanelWidths::default(),
        }
    }
}

impl Settings {
    /// Puts `path` (made absolute by the thread that opened it, so it reopens from any folder)
    /// first in the recent list, and forgets the positions of files no longer in it.
    pub fn remember(&mut self, path: &Path) {
        let path = path.to_path_buf();
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path.clone());
        self.recent.truncate(MAX_RECENT);
        let recent = &self.recent;
        self.positions.retain(|p, _| recent.contains(p));
    }
}

/// Applies a theme choice to the context.
pub fn apply_theme(ctx: &egui::Context, t: ThemeChoice) {
    ctx.set_theme(match t {
        ThemeChoice::System => egui::ThemePreference::System,
        ThemeChoice::Light => egui::ThemePreference::Light,
        ThemeChoice::Dark => egui::ThemePreference::Dark,
    });
}
