//! Application state, apart from drawing: saved settings, the open article and what the panels
//! list for it, background analysis and the file dialog, and the [`Command`]s the UI queues,
//! carried out after each frame. It never imports the `ui` module: the UI reads this state, keeps
//! its own caches, and asks for changes with commands (the glue is the `window` module).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use eframe::egui;

use crate::analysis::{self, Analysis, EntityRef, Quote, QuoteCounts, SpeakerGroup};
use crate::document::{self, Document};

/// The bundled sample article, embedded so the app works from any directory.
pub const SAMPLE_TEXT: &str = include_str!("../../assets/sample-article.txt");
/// Display name of the sample article.
pub const SAMPLE_NAME: &str = "sample-article.txt";

/// Texts larger than this are analysed on a background thread.
pub const BACKGROUND_BYTES: usize = 256 * 1024;
/// How many recent files are remembered.
pub const MAX_RECENT: usize = 10;

/// Which highlight kinds are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Toggles {
    /// People.
    pub people: bool,
    /// Countries.
    pub countries: bool,
    /// Quotations.
    pub quotes: bool,
}

impl Default for Toggles {
    fn default() -> Self {
        Self {
            people: true,
            countries: true,
            quotes: true,
        }
    }
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
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            zoom: 1.0,
            theme: ThemeChoice::System,
            toggles: Toggles::default(),
        }
    }
}

impl Settings {
    /// Puts `path` first in the recent list.
    pub fn remember(&mut self, path: &Path) {
        if document::is_stdin(path) {
            return; // Standard input cannot be reopened.
        }
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(MAX_RECENT);
    }
}

/// An analysed article on screen, with what the panels derive from it computed once.
pub struct Article {
    /// Unique in this process: the UI keys its caches by it.
    pub id: u64,
    /// Display name.
    pub name: String,
    /// Its text.
    pub text: String,
    /// The analysis of `text`.
    pub analysis: Analysis,
    /// Whether the text is empty or only white space.
    pub empty: bool,
    /// Its quotations and reported speech.
    pub quote_counts: QuoteCounts,
    /// People, most mentioned first.
    pub people_order: Vec<usize>,
    /// Countries, most mentioned first.
    pub country_order: Vec<usize>,
    /// The who-said-what panel for the current selection (see [`Article::select`]).
    pub panel: QuotePanel,
}

/// What the who-said-what panel lists for one selection.
pub struct QuotePanel {
    /// The selection it was built for.
    pub selected: Option<EntityRef>,
    /// Speech quotes by the selected entity (all, without a selection), grouped by speaker.
    pub groups: Vec<SpeakerGroup>,
    /// The panel's rows, in order: group headings and their quotes, then the other speech
    /// quotes whose words mention the selected entity.
    pub items: Vec<PanelItem>,
}

/// One row of the who-said-what panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelItem {
    /// "No quotations found" (or none by the selection).
    Empty,
    /// The heading of a speaker's group.
    Group {
        /// Index into `QuotePanel::groups`.
        group: usize,
        /// Its quotations and reported speech.
        counts: QuoteCounts,
    },
    /// A quote card (index into `Analysis::quotes`).
    Quote(usize),
    /// The heading of the "Quotes that mention X" section.
    MentionsHeading,
}

/// The id of the next article made (0 stands for none).
static NEXT_ARTICLE_ID: AtomicU64 = AtomicU64::new(1);

/// Indices `0..len`, most mentioned first, ties in order of first mention.
fn by_mentions(len: usize, mentions: impl Fn(usize) -> usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|x, y| mentions(*y).cmp(&mentions(*x)).then(x.cmp(y)));
    order
}

impl Article {
    /// Analyses `text` (on this thread) into an article.
    pub fn new(name: String, text: String) -> Self {
        let analysis = analysis::analyze(&text);
        Self::from_analysis(name, text, analysis)
    }

    /// [`Article::new`], unless `cancel` is set before the analysis is done.
    pub fn new_unless(name: String, text: String, cancel: &AtomicBool) -> Option<Self> {
        let analysis = analysis::analyze_unless(&text, &|| cancel.load(Ordering::Relaxed))?;
        Some(Self::from_analysis(name, text, analysis))
    }

    fn from_analysis(name: String, text: String, analysis: Analysis) -> Self {
        let people_order =
            by_mentions(analysis.people.len(), |i| analysis.people[i].mentions.len());
        let country_order = by_mentions(analysis.countries.len(), |i| {
            analysis.countries[i].mentions.len()
        });
        let panel = QuotePanel::new(&analysis, None);
        Self {
            id: NEXT_ARTICLE_ID.fetch_add(1, Ordering::Relaxed),
            name,
            empty: text.trim().is_empty(),
            quote_counts: analysis.quote_counts(),
            people_order,
            country_order,
            text,
            analysis,
            panel,
        }
    }

    /// Builds the who-said-what panel for `selected`, unless it is built for it already.
    pub fn select(&mut self, selected: Option<EntityRef>) {
        if self.panel.selected != selected {
            self.panel = QuotePanel::new(&self.analysis, selected);
        }
    }
}

impl QuotePanel {
    /// Groups the speech quotes for a selection.
    fn new(a: &Analysis, selected: Option<EntityRef>) -> Self {
        let by_selected = |q: &Quote| match selected {
            None => true,
            Some(e) => q.speaker.as_ref().is_some_and(|s| s.entity == Some(e)),
        };
        let groups = a.speaker_groups(|q| q.is_speech() && by_selected(q));
        let mentioning = selected.map_or_else(Vec::new, |e| {
            (0..a.quotes.len())
                .filter(|&qi| {
                    let q = &a.quotes[qi];
                    q.is_speech() && !by_selected(q) && a.quote_mentions(q, e)
                })
                .collect()
        });
        let mut items = Vec::new();
        if groups.is_empty() {
            items.push(PanelItem::Empty);
        }
        for (gi, g) in groups.iter().enumerate() {
            let counts = QuoteCounts::of(g.quotes.iter().filter_map(|&qi| a.quotes.get(qi)));
            items.push(PanelItem::Group { group: gi, counts });
            items.extend(g.quotes.iter().map(|&qi| PanelItem::Quote(qi)));
        }
        if !mentioning.is_empty() {
            items.push(PanelItem::MentionsHeading);
            items.extend(mentioning.iter().map(|&qi| PanelItem::Quote(qi)));
        }
        Self {
            selected,
            groups,
            items,
        }
    }
}

/// An analysis running on a background thread. Dropping it (another file was opened, or the
/// app closes) cancels the work in flight.
pub struct Loading {
    /// File name shown with the spinner.
    pub name: String,
    rx: Receiver<Article>,
    cancel: Arc<AtomicBool>,
}

impl Drop for Loading {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// Things the UI asks for; carried out after the panels are drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Open a file.
    Open(PathBuf),
    /// Show the file dialog.
    OpenDialog,
    /// Select an entity (filters the quotes).
    Select(EntityRef),
    /// Clear the selection.
    ClearSelection,
    /// Scroll to a quote and flash it.
    JumpToQuote(usize),
    /// Change the zoom to this factor.
    Zoom(f32),
    /// Change the theme.
    Theme(ThemeChoice),
    /// Show or hide highlight kinds.
    SetToggles(Toggles),
}

/// The whole application state.
pub struct AppState {
    /// Saved settings.
    pub settings: Settings,
    /// The article on screen.
    pub article: Article,
    /// A big article being analysed.
    pub loading: Option<Loading>,
    /// The selected person or country.
    pub selected: Option<EntityRef>,
    /// The last error, cleared on success.
    pub error: Option<String>,
    /// A quote being flashed after a jump, and when the flash started.
    pub flash: Option<(usize, Instant)>,
    /// A quote the article view should scroll to (taken by the view).
    pub jump: Option<usize>,
    dialog: Option<(Instant, Receiver<Option<PathBuf>>)>,
}

impl Default for AppState {
    fn default() -> Self {
        Self::new(Settings::default())
    }
}

impl AppState {
    /// A new app showing the bundled sample article.
    pub fn new(settings: Settings) -> Self {
        Self {
            settings,
            article: Article::new(SAMPLE_NAME.to_string(), SAMPLE_TEXT.to_string()),
            loading: None,
            selected: None,
            error: None,
            flash: None,
            jump: None,
            dialog: None,
        }
    }

    /// Opens a file: the one path used by the command line, the dialog, drag-and-drop and the
    /// recent list. On error the open article stays and the error is shown in the status bar.
    pub fn open_path(&mut self, path: &Path) {
        match document::open(path) {
            Ok(doc) => self.show_document(doc),
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    fn show_document(&mut self, doc: Document) {
        self.settings.remember(&doc.path);
        self.error = None;
        let name = doc.file_name();
        if doc.text.len() <= BACKGROUND_BYTES {
            self.loading = None;
            self.set_article(Article::new(name, doc.text));
            return;
        }
        // Big: analyse off the UI thread. A newer open replaces the receiver, so the result of
        // work in flight for an older file is dropped.
        self.loading = None; // Cancels an older analysis still running.
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let thread_name = name.clone();
        let thread_cancel = Arc::clone(&cancel);
        let spawned = std::thread::Builder::new()
            .name("analysis".into())
            .spawn(move || {
                if let Some(a) = Article::new_unless(thread_name, doc.text, &thread_cancel) {
                    let _ = tx.send(a); // The receiver is gone if the app closed meanwhile.
                }
            });
        match spawned {
            Ok(_) => {
                self.loading = Some(Loading { name, rx, cancel });
            }
            Err(e) => self.error = Some(format!("Could not start the analysis ({e}): {name}")),
        }
    }

    fn set_article(&mut self, article: Article) {
        self.article = article;
        self.selected = None;
        self.flash = None;
        self.jump = None;
    }

    /// Carries out the commands queued while drawing.
    pub fn apply_commands(&mut self, ctx: &egui::Context, commands: Vec<Command>) {
        if commands.is_empty() {
            return;
        }
        // The frame that queued these was drawn with the old state: draw the new one.
        ctx.request_repaint();
        for cmd in commands {
            match cmd {
                Command::Open(p) => self.open_path(&p),
                Command::OpenDialog => self.start_dialog(),
                Command::Select(e) => {
                    self.selected = if self.selected == Some(e) {
                        None
                    } else {
                        Some(e)
                    }
                }
                Command::ClearSelection => self.selected = None,
                Command::JumpToQuote(qi) => {
                    if qi < self.article.analysis.quotes.len() {
                        self.jump = Some(qi);
                        self.flash = Some((qi, Instant::now()));
                    }
                }
                Command::Zoom(z) => self.settings.zoom = z.clamp(0.5, 3.0),
                Command::Theme(t) => {
                    self.settings.theme = t;
                    apply_theme(ctx, t);
                }
                Command::SetToggles(t) => self.settings.toggles = t,
            }
        }
        self.article.select(self.selected);
    }

    fn start_dialog(&mut self) {
        if self.dialog.is_some() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".into())
            .spawn(move || {
                let picked = rfd::FileDialog::new()
                    .set_title("Open article")
                    .add_filter("Text files", &["txt", "md", "text"])
                    .add_filter("All files", &["*"])
                    .pick_file();
                let _ = tx.send(picked); // The app may have closed meanwhile.
            });
        match spawned {
            Ok(_) => self.dialog = Some((Instant::now(), rx)),
            Err(e) => self.error = Some(format!("Could not show the file dialog ({e})")),
        }
    }

    /// Polls background work: the file dialog and big analyses.
    pub fn poll(&mut self, ctx: &egui::Context) {
        if let Some((started, rx)) = &self.dialog {
            match rx.try_recv() {
                Ok(Some(path)) => {
                    self.dialog = None;
                    self.open_path(&path);
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
                Ok(article) => {
                    self.loading = None;
                    self.set_article(article);
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
    }

    /// Keyboard shortcuts and dropped files, as commands.
    pub fn handle_input(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let (open, zin, zout, zreset, esc, dropped) = ctx.input_mut(|i| {
            let cmd = egui::Modifiers::COMMAND;
            (
                i.consume_key(cmd, egui::Key::O),
                i.consume_key(cmd, egui::Key::Plus) || i.consume_key(cmd, egui::Key::Equals),
                i.consume_key(cmd, egui::Key::Minus),
                i.consume_key(cmd, egui::Key::Num0),
                i.key_pressed(egui::Key::Escape),
                i.raw
                    .dropped_files
                    .iter()
                    .map(|f| f.path().to_path_buf())
                    .collect::<Vec<_>>(),
            )
        });
        if open {
            commands.push(Command::OpenDialog);
        }
        let z = self.settings.zoom;
        if zin {
            commands.push(Command::Zoom(z * 1.1));
        }
        if zout {
            commands.push(Command::Zoom(z / 1.1));
        }
        if zreset {
            commands.push(Command::Zoom(1.0));
        }
        if esc && self.selected.is_some() {
            commands.push(Command::ClearSelection);
        }
        if let Some(p) = dropped.into_iter().next() {
            commands.push(Command::Open(p));
        }
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
