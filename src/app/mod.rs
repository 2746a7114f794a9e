//! Application state, apart from drawing: saved settings, the open article and what the panels
//! list for it, background analysis and the file dialog, and the [`Command`]s the UI queues,
//! carried out after each frame. It never imports the `ui` module: the UI reads this state, keeps
//! its own caches, and asks for changes with commands (the glue is the `window` module).

mod article;
mod commands;
pub mod desk;
mod edit;
pub mod find;
mod gestures;
pub mod keys;
mod open;
pub mod review;
pub mod saver;
mod settings;

pub use article::{Article, PanelItem, QuotePanel};
pub use commands::Command;
use open::Dialog;
pub use open::{Loaded, Loading};
pub use settings::{PanelKind, PanelWidths, Panels, Settings, ThemeChoice, Toggles, apply_theme};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use eframe::egui;

use crate::analysis::{self, Analysis, EntityRef, Quote, QuoteCounts, Span, SpeakerGroup};
use crate::document::{self, Document};
use crate::report;
use find::{Find, FindOptions};

/// The bundled sample article, embedded so the app works from any directory.
pub const SAMPLE_TEXT: &str = include_str!("../../assets/sample-article.txt");
/// Display name of the sample article.
pub const SAMPLE_NAME: &str = "sample-article.txt";

/// Texts larger than this are analysed on a background thread.
pub const BACKGROUND_BYTES: usize = 256 * 1024;
/// How many recent files are remembered.
pub const MAX_RECENT: usize = 10;

/// Where a jump puts its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// At the top of the view (a restored reading position).
    Top,
    /// A third of the way down, with context above it (a quote, a mention, a find hit).
    Third,
}

/// A place the article view should scroll to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Jump {
    /// The span to show.
    pub span: Span,
    /// Where in the view.
    pub anchor: Anchor,
}

/// A file that could not be opened at launch, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failed {
    /// The file as given.
    pub path: PathBuf,
    /// Why (the same sentence the command line prints).
    pub why: String,
}

/// The whole application state.
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent switches of the window (overview open, unchecked only, a dialog asking, a save to follow)"
)]
pub struct AppState {
    /// Saved settings.
    pub settings: Settings,
    /// The article on screen.
    pub article: Article,
    /// A file being opened (read, decoded, analysed) on a background thread, or a big pasted
    /// text being analysed.
    pub loading: Option<Loading>,
    /// The selected person or country.
    pub selected: Option<EntityRef>,
    /// The selected entity's mentions and quotes, in text order, to step through.
    pub stops: Vec<Span>,
    /// The stop shown last (index into `stops`).
    pub stop: Option<usize>,
    /// The last error, cleared on success.
    pub error: Option<String>,
    /// A span being flashed after a jump, and when the flash started.
    pub flash: Option<(Span, Instant)>,
    /// A place the article view should scroll to (taken by the view).
    pub jump: Option<Jump>,
    /// The find bar, while open.
    pub find: Option<Find>,
    /// The entity list's filter text.
    pub entity_filter: String,
    /// The people and countries the entity list shows (all, or those the filter keeps).
    pub listed: (Vec<usize>, Vec<usize>),
    /// Whether the overview window is open.
    pub overview: bool,
    /// The byte offset at the top of the article view, as last drawn.
    pub reading_at: usize,
    /// An export to write (taken by the window, which has the report's colours).
    pub export: Option<(PathBuf, report::Format)>,
    /// The last success worth telling ("Exported to …"), cleared with the next error or open.
    pub notice: Option<String>,
    /// Where reviews go when they cannot be kept beside their article (and the review of text
    /// with no file); `None` keeps them only beside files.
    pub data_dir: Option<PathBuf>,
    /// The editor open, asking for a name (a speaker, a new name, a person to merge into).
    pub editor: Option<review::Editor>,
    /// The quote panel lists only the quotes not checked yet.
    pub unchecked_only: bool,
    /// The reader asked for a new review over an unusable one: a dialog asks them to confirm
    /// before the old file is moved aside.
    pub asking_new_review: bool,
    /// People's mentions picked with Ctrl+click (sorted), to say at once whom they name; and
    /// a generation for the article view's cache (0 when none are picked).
    pub picked: (Vec<Span>, u64),
    /// The review's disk work, off the UI thread.
    pub saver: saver::Saver,
    /// The review changed while a save was out: save again when it is back.
    save_again: bool,
    /// A file given at launch that could not be opened: the window shows an error page naming
    /// it and the reason, instead of an article, until another file opens or the reader asks
    /// for the sample.
    pub failed: Option<Failed>,
    /// How often the article's review file is looked at for changes made in another window
    /// (a size-and-time check; the file is read only when that changed).
    pub review_poll: Duration,
    /// A folder open as a corpus (the desk), if any.
    pub desk: Option<desk::Desk>,
    /// The desk is on screen (else the article, with a way back to the desk).
    pub at_desk: bool,
    /// The quote to scroll to once the file being opened (from the desk) is shown.
    pub open_at: Option<(PathBuf, usize)>,
    dialog: Option<(Instant, Dialog, Receiver<Option<PathBuf>>)>,
}

impl Drop for AppState {
    /// Nothing is lost when the window closes (or a test drops it): the review's pending save
    /// finishes first.
    fn drop(&mut self) {
        self.flush_review();
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new(Settings::default())
    }
}

impl AppState {
    /// A new app showing the bundled sample article.
    pub fn new(settings: Settings) -> Self {
        let article = Article::new(SAMPLE_NAME.to_string(), SAMPLE_TEXT.to_string());
        let listed = article.listed("");
        Self {
            settings,
            article,
            loading: None,
            selected: None,
            stops: Vec::new(),
            stop: None,
            error: None,
            flash: None,
            jump: None,
            find: None,
            entity_filter: String::new(),
            listed,
            overview: false,
            reading_at: 0,
            export: None,
            notice: None,
            dialog: None,
            data_dir: None,
            editor: None,
            unchecked_only: false,
            review_poll: Duration::from_secs(1),
            failed: None,
            asking_new_review: false,
            saver: saver::Saver::default(),
            picked: (Vec::new(), 0),
            save_again: false,
            desk: None,
            at_desk: false,
            open_at: None,
        }
    }

    /// Sets where reviews go when they cannot be kept beside their article, and reads the
    /// review of the article on screen again from there.
    pub fn set_data_dir(&mut self, dir: Option<PathBuf>) {
        self.data_dir = dir;
        self.article.load_review(self.data_dir.as_deref());
        self.clear_selection();
        self.listed = self.article.listed(&self.entity_filter);
    }

    /// Records where the reader is (the byte offset at the top of the view), for the find bar
    /// and, for a file, to reopen it there.
    pub fn note_position(&mut self, at: usize) {
        self.reading_at = at;
        if let Some(p) = &self.article.path
            && self.settings.positions.get(p) != Some(&at)
        {
            self.settings.positions.insert(p.clone(), at);
        }
    }

    /// Shows `article` from its start (or where it was last read), with no selection.
    pub fn show_article(&mut self, article: Article) {
        // The review of the article leaving is saved whole first.
        self.flush_review();
        self.article = article;
        self.clear_selection();
        self.flash = None;
        self.jump = Some(Jump {
            span: Span::new(self.article.start, self.article.start),
            anchor: Anchor::Top,
        });
        self.reading_at = self.article.start;
        self.listed = self.article.listed(&self.entity_filter);
        if let Some(f) = &mut self.find {
            f.refresh(&self.article.text, &self.article.analysis, self.reading_at);
        }
    }

    /// Scrolls to `span` a third of the way down the view and flashes it.
    fn jump_to(&mut self, span: Span) {
        self.jump = Some(Jump {
            span,
            anchor: Anchor::Third,
        });
        self.flash = Some((span, Instant::now()));
    }

    /// No entity selected, nothing to step through.
    fn clear_selection(&mut self) {
        self.selected = None;
        self.stops.clear();
        self.stop = None;
    }

    fn select(&mut self, e: EntityRef, at: Option<Span>) {
        if self.selected == Some(e) && at.is_none() {
            self.clear_selection();
            return;
        }
        self.selected = Some(e);
        self.stops = self.article.stops(e);
        if let Some(span) = at {
            self.stop = self
                .stops
                .iter()
                .position(|s| s.contains(&span) || span.contains(s));
        } else {
            self.stop = (!self.stops.is_empty()).then_some(0);
            if let Some(&first) = self.stops.first() {
                self.jump_to(first);
            }
        }
    }

    fn step(&mut self, forward: bool) {
        let n = self.stops.len();
        if n == 0 {
            return;
        }
        let next = match (self.stop, forward) {
            (None, true) => self.stops.partition_point(|s| s.start < self.reading_at) % n,
            (None, false) => {
                (self.stops.partition_point(|s| s.start < self.reading_at) + n - 1) % n
            }
            (Some(c), true) => (c + 1) % n,
            (Some(c), false) => (c + n - 1) % n,
        };
        self.stop = Some(next);
        if let Some(&s) = self.stops.get(next) {
            self.jump_to(s);
        }
    }

    /// Polls background work: the file dialog and big analyses.
    pub fn poll(&mut self, ctx: &egui::Context) {
        if let Some(d) = &mut self.desk {
            d.poll();
            if d.indexing() {
                ctx.request_repaint_after(Duration::from_millis(100));
            }
        }
        if let Some((started, kind, rx)) = &self.dialog {
            let kind = *kind;
            match rx.try_recv() {
                Ok(Some(path)) => {
                    self.dialog = None;
                    match kind {
                        Dialog::Open => self.open_path(&path),
                        Dialog::Folder => self.open_folder(&path),
                        Dialog::ExportCorpus => self.export_corpus(&path),
                        Dialog::Export(f) => self.export = Some((path, f)),
                    }
                }
                Ok(None) => {
                    if started.elapsed() < Duration::from_millis(300) {
                        self.error = Some("No file dialog is available on this system (no desktop portal or zenity): drop a file onto the window or pass its path on the command line".into());
                    }
                    self.dialog = None;
                }
                Err(mpsc::TryRecvError::Empty) => {
                    ctx.request_repaint_after(Duration::from_millis(100));
                }
                Err(mpsc::TryRecvError::Disconnected) => {
                    self.dialog = None;
                    self.error = Some("The file dialog closed unexpectedly".into());
                }
            }
        }
        if let Some(l) = &self.loading {
            match l.rx.try_recv() {
                Ok(loaded) => {
                    let (path, launch) = (l.path.clone(), l.launch);
                    self.loading = None;
                    self.took_loaded(loaded, &path, launch);
                }
                Err(mpsc::TryRecvError::Empty) => {
                    ctx.request_repaint_after(Duration::from_millis(50));
                }
                Err(mpsc::TryRecvError::Disconnected) => {
                    self.error = Some(format!("The analysis stopped unexpectedly: {}", l.name));
                    self.loading = None;
                }
            }
        }
        if let Some((_, t)) = self.flash {
            if t.elapsed() > Duration::from_millis(1500) {
                self.flash = None;
            } else {
                ctx.request_repaint_after(Duration::from_millis(100));
            }
        }
        // The saver's replies; another window's corrections, looked for once a second.
        while let Some(reply) = self.saver.try_take() {
            self.took_reply(reply);
        }
        let watched = self.article.path.is_some() || self.data_dir.is_some();
        if self.loading.is_none() && watched && self.article.review.blocked.is_none() {
            self.poll_review();
            ctx.request_repaint_after(self.review_poll.max(Duration::from_millis(100)));
        }
        if self.saver.busy() {
            ctx.request_repaint_after(Duration::from_millis(20));
        }
    }
}
