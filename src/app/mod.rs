//! Application state, apart from drawing: saved settings, the open article and what the panels
//! list for it, background analysis and the file dialog, and the [`Command`]s the UI queues,
//! carried out after each frame. It never imports the `ui` module: the UI reads this state, keeps
//! its own caches, and asks for changes with commands (the glue is the `window` module).

pub mod find;
pub mod keys;
pub mod review;
pub mod saver;

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
use keys::Action;

/// The bundled sample article, embedded so the app works from any directory.
pub const SAMPLE_TEXT: &str = include_str!("../../assets/sample-article.txt");
/// Display name of the sample article.
pub const SAMPLE_NAME: &str = "sample-article.txt";

/// Texts larger than this are analysed on a background thread.
pub const BACKGROUND_BYTES: usize = 256 * 1024;
/// How many recent files are remembered.
pub const MAX_RECENT: usize = 10;

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
    /// Puts `path` (made absolute, so it reopens from any folder) first in the recent list, and
    /// forgets the positions of files no longer in it. Returns the path as remembered, `None`
    /// for standard input, which cannot be reopened.
    pub fn remember(&mut self, path: &Path) -> Option<PathBuf> {
        if document::is_stdin(path) {
            return None;
        }
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path.clone());
        self.recent.truncate(MAX_RECENT);
        let recent = &self.recent;
        self.positions.retain(|p, _| recent.contains(p));
        Some(path)
    }
}

/// An analysed article on screen, with what the panels derive from it computed once.
pub struct Article {
    /// Unique in this process: the UI keys its caches by it.
    pub id: u64,
    /// Display name.
    pub name: String,
    /// The file it was read from, absolute (`None` for the sample and standard input).
    pub path: Option<PathBuf>,
    /// Where to open it: the byte offset to show at the top (0, or where it was last read).
    pub start: usize,
    /// An HTML page's byline and date, shown above the article (not part of its text).
    pub byline: Option<String>,
    /// See `byline`.
    pub date: Option<String>,
    /// Its text.
    pub text: String,
    /// The analysis of `text` with the review's corrections applied (the engine's own, shared,
    /// when there is none).
    pub analysis: Arc<Analysis>,
    /// The engine's analysis of `text`, before any correction.
    pub engine: Arc<Analysis>,
    /// The review: corrections, where they are kept, what is checked.
    pub review: review::ReviewState,
    /// Counts the changes to `analysis` (corrections made or undone): the UI rebuilds what it
    /// derived from it when this changes.
    pub revision: u64,
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
    /// Whether it lists only the quotes not checked yet.
    pub unchecked_only: bool,
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
        let engine = Arc::new(analysis);
        let mut review = review::ReviewState::new(crate::review::ArticleInfo::of(&name, &text));
        review.flags = crate::review::Flags::none(&engine);
        let mut article = Self {
            id: NEXT_ARTICLE_ID.fetch_add(1, Ordering::Relaxed),
            name,
            path: None,
            start: 0,
            byline: None,
            date: None,
            empty: text.trim().is_empty(),
            quote_counts: QuoteCounts::default(),
            people_order: Vec::new(),
            country_order: Vec::new(),
            analysis: Arc::clone(&engine),
            engine,
            text,
            review,
            revision: 0,
            panel: QuotePanel::new(&Analysis::default(), None, None),
        };
        article.derive();
        article
    }

    /// Computes what the panels list from the analysis: counts, orders, the quote panel.
    fn derive(&mut self) {
        let analysis = &self.analysis;
        self.people_order =
            by_mentions(analysis.people.len(), |i| analysis.people[i].mentions.len());
        self.country_order = by_mentions(analysis.countries.len(), |i| {
            analysis.countries[i].mentions.len()
        });
        self.quote_counts = analysis.quote_counts();
        self.review.checked = self.review.flags.checked_of(analysis);
        self.panel = QuotePanel::new(analysis, None, None);
    }

    /// Builds the who-said-what panel for `selected` (only the quotes not checked yet, with
    /// `unchecked_only`), unless it is built for that already.
    pub fn select(&mut self, selected: Option<EntityRef>, unchecked_only: bool) {
        if self.panel.selected != selected || self.panel.unchecked_only != unchecked_only {
            let hide = unchecked_only.then_some(self.review.flags.checked.as_slice());
            self.panel = QuotePanel::new(&self.analysis, selected, hide);
        }
    }

    /// The places to step through for an entity, in text order: its mentions, and the speech
    /// it is the speaker of.
    pub fn stops(&self, e: EntityRef) -> Vec<Span> {
        let a = &self.analysis;
        let mut stops: Vec<Span> = match e {
            EntityRef::Person(pi) => a.people.get(pi).map(|p| p.mentions.clone()),
            EntityRef::Country(ci) => a
                .countries
                .get(ci)
                .map(|c| c.mentions.iter().map(|m| m.span).collect()),
        }
        .unwrap_or_default();
        stops.extend(
            a.quotes
                .iter()
                .filter(|q| q.is_speech())
                .filter(|q| q.speaker.as_ref().is_some_and(|s| s.entity == Some(e)))
                .map(Quote::outer),
        );
        stops.sort_unstable();
        stops.dedup();
        stops
    }

    /// The people and countries whose names contain `filter` (ignoring case), most mentioned
    /// first.
    pub fn listed(&self, filter: &str) -> (Vec<usize>, Vec<usize>) {
        let f = filter.trim().to_lowercase();
        if f.is_empty() {
            return (self.people_order.clone(), self.country_order.clone());
        }
        let a = &self.analysis;
        let keep = |name: &str| name.to_lowercase().contains(&f);
        (
            self.people_order
                .iter()
                .copied()
                .filter(|&i| a.people.get(i).is_some_and(|p| keep(&p.name)))
                .collect(),
            self.country_order
                .iter()
                .copied()
                .filter(|&i| a.countries.get(i).is_some_and(|c| keep(&c.name)))
                .collect(),
        )
    }
}

impl QuotePanel {
    /// Groups the speech quotes for a selection, leaving out those `hide` marks.
    fn new(a: &Analysis, selected: Option<EntityRef>, hide: Option<&[bool]>) -> Self {
        let by_selected = |q: &Quote| match selected {
            None => true,
            Some(e) => q.speaker.as_ref().is_some_and(|s| s.entity == Some(e)),
        };
        // Quotes are compared by position: `speaker_groups` passes them by reference.
        let shown = |q: &Quote| {
            hide.is_none_or(|h| {
                let qi = a
                    .quotes
                    .partition_point(|x| (x.span.start, x.span.end) < (q.span.start, q.span.end));
                h.get(qi) != Some(&true)
            })
        };
        let groups = a.speaker_groups(|q| q.is_speech() && by_selected(q) && shown(q));
        let mentioning = selected.map_or_else(Vec::new, |e| {
            (0..a.quotes.len())
                .filter(|&qi| {
                    let q = &a.quotes[qi];
                    q.is_speech() && !by_selected(q) && shown(q) && a.quote_mentions(q, e)
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
            unchecked_only: hide.is_some(),
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
    /// Open text as an "Untitled" article (pasted; HTML goes through the page extraction).
    OpenText(String),
    /// Open the clipboard's contents (its HTML when it has some) as an "Untitled" article.
    NewFromClipboard,
    /// Leave the error page of a file that could not be opened at launch, for the sample.
    ShowSample,
    /// Close the window (Ctrl+Q, File ▸ Quit).
    Quit,
    /// The reader dragged a side panel's edge to this width.
    PanelWidth(PanelKind, f32),
    /// Ask where to export the article in this format (a save dialog).
    ExportDialog(report::Format),
    /// Export the article to this file in this format.
    Export(PathBuf, report::Format),
    /// Put this text on the clipboard.
    Copy(String),
    /// Select an entity (filters the quotes) and scroll to its first mention; selecting the
    /// selected entity again clears the selection.
    Select(EntityRef),
    /// Select an entity at one of its mentions or quotes (clicked in the text): no scrolling.
    SelectAt(EntityRef, Span),
    /// Clear the selection.
    ClearSelection,
    /// Scroll to the selected entity's next (`true`) or previous mention or quote.
    Step(bool),
    /// Scroll to a quote and flash it.
    JumpToQuote(usize),
    /// Scroll to a span of the text and flash it.
    JumpTo(Span),
    /// Change the zoom to this factor.
    Zoom(f32),
    /// Change the theme.
    Theme(ThemeChoice),
    /// Show or hide highlight kinds.
    SetToggles(Toggles),
    /// Show or hide a side panel.
    ShowPanel(PanelKind, bool),
    /// Show or hide the overview window.
    ShowOverview(bool),
    /// Open the find bar (or keep it open).
    OpenFind,
    /// Close the find bar.
    CloseFind,
    /// Search for this text.
    FindQuery(String),
    /// Search with these options.
    FindOptions(FindOptions),
    /// Go to the next (`true`) or previous hit.
    FindStep(bool),
    /// Show only the people and countries whose names contain this text.
    FilterEntities(String),
    /// Make a correction (and save the review).
    Correct(crate::review::Correction),
    /// Undo the last correction.
    Undo,
    /// Redo the last correction undone.
    Redo,
    /// Set an unusable review aside and start a new one.
    StartNewReview,
    /// Ask before setting the unusable review aside (`true`), or stop asking (`false`).
    AskNewReview(bool),
    /// Open an editor (or close it, with `None`).
    Edit(Option<review::Editor>),
    /// List only the quotes not checked yet (or all).
    UncheckedOnly(bool),
    /// The unplaced corrections have been seen.
    DismissUnplaced,
}

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
    /// A big article being analysed.
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
    dialog: Option<(Instant, Dialog, Receiver<Option<PathBuf>>)>,
}

/// What a file dialog in flight is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dialog {
    Open,
    Export(report::Format),
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
            save_again: false,
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

    /// The folder the open and save dialogs start in: the article's (none for the sample and
    /// pasted text, where the dialog's own default stands).
    pub fn dialog_folder(&self) -> Option<PathBuf> {
        self.article
            .path
            .as_deref()
            .and_then(Path::parent)
            .filter(|d| d.is_dir())
            .map(Path::to_path_buf)
    }

    /// Opens a file: the one path used by the dialog, drag-and-drop and the recent list. On
    /// error the open article stays and the error is shown in the status bar.
    pub fn open_path(&mut self, path: &Path) {
        match document::open(path) {
            Ok(doc) => self.show_document(doc),
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// Opens the file given on the command line. If it cannot be opened there is no article of
    /// the reader's to keep showing: the window shows an error page naming the file and the
    /// reason (never the sample as if it were the file).
    pub fn open_at_launch(&mut self, path: &Path) {
        match document::open(path) {
            Ok(doc) => self.show_document(doc),
            Err(e) => {
                self.failed = Some(Failed {
                    path: path.to_path_buf(),
                    why: e.to_string(),
                });
            }
        }
    }

    fn show_document(&mut self, doc: Document) {
        self.failed = None;
        let pasted = doc.path == Path::new(document::UNTITLED);
        let path = if pasted {
            None
        } else {
            self.settings.remember(&doc.path)
        };
        let start = path
            .as_ref()
            .and_then(|p| self.settings.positions.get(p).copied())
            .filter(|&b| doc.text.is_char_boundary(b))
            .unwrap_or(0);
        self.error = None;
        self.notice = None;
        let name = doc.file_name();
        let (byline, date) = (doc.byline, doc.date);
        if doc.text.len() <= BACKGROUND_BYTES {
            self.loading = None;
            let mut article = Article::new(name, doc.text);
            (article.path, article.start) = (path, start);
            (article.byline, article.date) = (byline, date);
            article.load_review(self.data_dir.as_deref());
            self.show_article(article);
            return;
        }
        // Big: analyse off the UI thread. A newer open replaces the receiver, so the result of
        // work in flight for an older file is dropped.
        self.loading = None; // Cancels an older analysis still running.
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let thread_name = name.clone();
        let thread_cancel = Arc::clone(&cancel);
        let data_dir = self.data_dir.clone();
        let spawned = std::thread::Builder::new()
            .name("analysis".into())
            .spawn(move || {
                if let Some(mut a) = Article::new_unless(thread_name, doc.text, &thread_cancel) {
                    (a.path, a.start) = (path, start);
                    (a.byline, a.date) = (byline, date);
                    a.load_review(data_dir.as_deref());
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

    fn find_command(&mut self, cmd: Command) {
        let (text, analysis) = (&self.article.text, &self.article.analysis);
        let find = self.find.get_or_insert_with(Find::default);
        let jump = match cmd {
            Command::FindQuery(q) => {
                find.query = q;
                find.refresh(text, analysis, self.reading_at);
                find.current_hit()
            }
            Command::FindOptions(o) => {
                find.options = o;
                find.refresh(text, analysis, self.reading_at);
                find.current_hit()
            }
            Command::FindStep(forward) => find.step(forward),
            _ => None,
        };
        if let Some(s) = jump {
            self.jump = Some(Jump {
                span: s,
                anchor: Anchor::Third,
            });
        }
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
                Command::OpenDialog => self.start_dialog(Dialog::Open),
                Command::ExportDialog(f) => self.start_dialog(Dialog::Export(f)),
                Command::OpenText(t) => self.show_document(document::from_clipboard(&t, None)),
                Command::NewFromClipboard => self.open_clipboard(),
                Command::ShowSample => self.failed = None,
                Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
                Command::Export(p, f) => self.export = Some((p, f)),
                Command::Copy(t) => ctx.copy_text(t),
                Command::Select(e) => self.select(e, None),
                Command::SelectAt(e, span) => self.select(e, Some(span)),
                Command::ClearSelection => self.clear_selection(),
                Command::Step(forward) => self.step(forward),
                Command::JumpToQuote(qi) => {
                    if let Some(q) = self.article.analysis.quotes.get(qi) {
                        let span = q.outer();
                        self.jump_to(span);
                    }
                }
                Command::JumpTo(span) => self.jump_to(span),
                Command::Zoom(z) => {
                    self.settings.zoom = z.clamp(0.5, 3.0);
                    ctx.set_zoom_factor(self.settings.zoom);
                }
                Command::Theme(t) => {
                    self.settings.theme = t;
                    apply_theme(ctx, t);
                }
                Command::SetToggles(t) => self.settings.toggles = t,
                Command::ShowPanel(PanelKind::Entities, on) => self.settings.panels.entities = on,
                Command::ShowPanel(PanelKind::Quotes, on) => self.settings.panels.quotes = on,
                Command::PanelWidth(PanelKind::Entities, w) => self.settings.widths.entities = w,
                Command::PanelWidth(PanelKind::Quotes, w) => self.settings.widths.quotes = w,
                Command::ShowOverview(on) => self.overview = on,
                Command::OpenFind => {
                    self.find.get_or_insert_with(Find::default);
                }
                Command::CloseFind => self.find = None,
                c @ (Command::FindQuery(_) | Command::FindOptions(_) | Command::FindStep(_)) => {
                    self.find_command(c);
                }
                Command::Correct(c) => self.correct(c),
                Command::Undo => self.undo(),
                Command::Redo => self.redo(),
                Command::StartNewReview => {
                    self.asking_new_review = false;
                    self.start_new_review();
                }
                Command::AskNewReview(ask) => self.asking_new_review = ask,
                Command::Edit(e) => self.editor = e,
                Command::UncheckedOnly(on) => self.unchecked_only = on,
                Command::DismissUnplaced => self.article.review.unplaced_seen = true,
                Command::FilterEntities(f) => {
                    self.listed = self.article.listed(&f);
                    self.entity_filter = f;
                }
            }
        }
        self.article.select(self.selected, self.unchecked_only);
    }

    fn start_dialog(&mut self, kind: Dialog) {
        if self.dialog.is_some() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let folder = self.dialog_folder();
        let stem = Path::new(&self.article.name).file_stem().map_or_else(
            || "article".to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        let spawned = std::thread::Builder::new()
            .name("file-dialog".into())
            .spawn(move || {
                let start = match folder {
                    Some(f) => rfd::FileDialog::new().set_directory(f),
                    None => rfd::FileDialog::new(),
                };
                let picked = match kind {
                    Dialog::Open => start
                        .set_title("Open article")
                        .add_filter(
                            "Articles",
                            &["txt", "text", "md", "markdown", "html", "htm", "xhtml"],
                        )
                        .add_filter("All files", &["*"])
                        .pick_file(),
                    Dialog::Export(f) => start
                        .set_title(format!("Export: {}", f.label()))
                        .set_file_name(format!("{stem}.{}", f.extension()))
                        .add_filter(f.label(), &[f.extension()])
                        .save_file(),
                };
                let _ = tx.send(picked); // The app may have closed meanwhile.
            });
        match spawned {
            Ok(_) => self.dialog = Some((Instant::now(), kind, rx)),
            Err(e) => self.error = Some(format!("Could not show the file dialog ({e})")),
        }
    }

    /// Opens the clipboard's contents as an "Untitled" article: its HTML when it has some.
    fn open_clipboard(&mut self) {
        let mut clipboard = match arboard::Clipboard::new() {
            Ok(c) => c,
            Err(e) => {
                self.error = Some(format!("Could not read the clipboard ({e})"));
                return;
            }
        };
        let html = clipboard.get().html().ok();
        let text = clipboard.get_text().unwrap_or_default();
        if text.trim().is_empty() && html.as_deref().is_none_or(|h| h.trim().is_empty()) {
            self.error = Some("The clipboard holds no text".into());
            return;
        }
        self.show_document(document::from_clipboard(&text, html.as_deref()));
    }

    /// Polls background work: the file dialog and big analyses.
    pub fn poll(&mut self, ctx: &egui::Context) {
        if let Some((started, kind, rx)) = &self.dialog {
            let kind = *kind;
            match rx.try_recv() {
                Ok(Some(path)) => {
                    self.dialog = None;
                    match kind {
                        Dialog::Open => self.open_path(&path),
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
                Ok(article) => {
                    self.loading = None;
                    self.show_article(article);
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
        // Another window's corrections: a cheap look at the review file, once a second.
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

    /// Keyboard shortcuts and dropped files, as commands. Keys that also type text (`[`, `]`)
    /// act only while no text field has the focus.
    pub fn handle_input(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let typing = ctx.text_edit_focused();
        let z = self.settings.zoom;
        for action in ctx.input_mut(|i| keys::pressed(i, typing)) {
            let command = match action {
                Action::Open => Command::OpenDialog,
                Action::Quit => Command::Quit,
                Action::Undo => Command::Undo,
                Action::Redo => Command::Redo,
                Action::Find => Command::OpenFind,
                Action::FindNext if self.find.is_some() => Command::FindStep(true),
                Action::FindPrevious if self.find.is_some() => Command::FindStep(false),
                Action::NextMention => Command::Step(true),
                Action::PreviousMention => Command::Step(false),
                // Esc closes the find bar first, then clears the selection.
                Action::Escape if self.find.is_some() => Command::CloseFind,
                Action::Escape if self.selected.is_some() => Command::ClearSelection,
                Action::ZoomIn => Command::Zoom(z * 1.1),
                Action::ZoomOut => Command::Zoom(z / 1.1),
                Action::ZoomReset => Command::Zoom(1.0),
                // Pasting arrives as a paste event, below; F3 without the find bar and Esc
                // with nothing to close do nothing.
                Action::Paste | Action::FindNext | Action::FindPrevious | Action::Escape => {
                    continue;
                }
            };
            commands.push(command);
        }
        // Ctrl+V outside a text field: the pasted text becomes an "Untitled" article.
        let pasted = ctx.input(|i| {
            i.events.iter().find_map(|e| match e {
                egui::Event::Paste(t) if !typing && !t.trim().is_empty() => Some(t.clone()),
                _ => None,
            })
        });
        if let Some(t) = pasted {
            commands.push(Command::OpenText(t));
        }
        let dropped = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .next()
        });
        if let Some(p) = dropped {
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
