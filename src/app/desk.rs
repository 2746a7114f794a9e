//! The corpus desk's state: a folder opened as one corpus, its index brought up to date on a
//! background thread (progress, Cancel, the table filling as articles are committed), and the
//! table's rows, sort, filter and the row to come back to from an article.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::corpus::stats::{self, Stats};
use crate::corpus::{
    self, ArticleSummary, Hit, Index, Opened, Progress, QuoteCard, Reader, Scope, Updated,
};

/// How often the table is read again while the index is being brought up to date.
const REFRESH: Duration = Duration::from_millis(300);

/// A column of the desk's table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// The article's title.
    Title,
    /// Its path in the folder.
    File,
    /// People named.
    People,
    /// Quotes.
    Quotes,
    /// Share of quotes with no speaker.
    Unattributed,
    /// Review progress (share checked).
    Review,
    /// The date the document gives.
    Date,
}

impl Column {
    /// Every column, in table order.
    pub const ALL: [Column; 7] = [
        Column::Title,
        Column::Date,
        Column::File,
        Column::People,
        Column::Quotes,
        Column::Unattributed,
        Column::Review,
    ];

    /// The header's text.
    pub fn label(self) -> &'static str {
        match self {
            Column::Title => "Title",
            Column::File => "File",
            Column::People => "People",
            Column::Quotes => "Quotes",
            Column::Unattributed => "Unattributed",
            Column::Review => "Checked",
            Column::Date => "Date",
        }
    }
}

/// What the indexing thread tells the desk.
enum Message {
    /// The index was opened (and how it was found).
    Opened(Opened),
    /// The articles as committed so far.
    Rows(Vec<ArticleSummary>),
    /// Where the update stands.
    Progress(Progress),
    /// The corpus's numbers, from the index as it stands.
    Stats(Box<Stats>),
    /// The update is over.
    Done(Result<Updated, String>),
}

/// What the desk's central area shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum View {
    /// The table of articles.
    Articles,
    /// The corpus's numbers as charts.
    Overview,
    /// One speaker's quotes across the corpus.
    Speaker {
        /// The speaker's name.
        name: String,
        /// Its kind, as in the JSON (`person`, `organization`, …).
        kind: String,
    },
    /// Full-text search.
    Search,
}

/// The desk's search: the phrase, where it looks, what it found.
#[derive(Clone, Debug, Default)]
pub struct Search {
    /// The phrase typed.
    pub query: String,
    /// Look anywhere in the articles (else in quotes only).
    pub anywhere: bool,
    /// The places found, best first.
    pub hits: Vec<Hit>,
    /// The hit Enter opens (moved with the arrow keys).
    pub selected: usize,
    /// How long the query took, to show beside the count.
    pub took: Duration,
    /// Bring the selected hit into view on the next frame (it was moved with the keys).
    pub follow: bool,
}

/// One line of the side panel's list (all lines one height, so that only those on screen are
/// laid out, however many speakers the corpus has).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SideLine {
    /// A section's title: people quoted, organisations quoted, countries.
    Heading(Section),
    /// A section with nothing in it.
    Empty,
    /// A speaker (index into the numbers' speakers).
    Speaker(usize),
    /// A country (index into the numbers' countries).
    Country(usize),
}

/// A section of the side panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// People quoted.
    People,
    /// Organisations and governments quoted.
    Organisations,
    /// Countries mentioned.
    Countries,
}

/// The side panel's lines, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SideList(pub Vec<SideLine>);

impl SideList {
    /// The lines of `stats`: people quoted, then organisations, then countries, each most
    /// quoted or mentioned first (the order `stats` gives).
    pub fn of(stats: &Stats) -> Self {
        let mut lines = Vec::with_capacity(stats.speakers.len() + stats.countries.len() + 6);
        for (section, person) in [(Section::People, true), (Section::Organisations, false)] {
            lines.push(SideLine::Heading(section));
            let start = lines.len();
            lines.extend(
                (0..stats.speakers.len())
                    .filter(|&i| (stats.speakers[i].kind == "person") == person)
                    .map(SideLine::Speaker),
            );
            if lines.len() == start {
                lines.push(SideLine::Empty);
            }
        }
        lines.push(SideLine::Heading(Section::Countries));
        lines.extend((0..stats.countries.len()).map(SideLine::Country));
        if stats.countries.is_empty() {
            lines.push(SideLine::Empty);
        }
        Self(lines)
    }
}

/// Places a search lists at most.
pub const SEARCH_LIMIT: usize = 200;

/// The indexing thread: its messages, and the flag that cancels it.
struct Worker {
    rx: Receiver<Message>,
    cancel: Arc<AtomicBool>,
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// A folder open as a corpus.
pub struct Desk {
    /// The folder.
    pub root: PathBuf,
    /// Its name, for the breadcrumb.
    pub name: String,
    /// Every article, in path order.
    pub rows: Vec<ArticleSummary>,
    /// The rows shown (indices into `rows`): filtered, then sorted.
    pub shown: Vec<usize>,
    /// The sort: column and ascending.
    pub sort: (Column, bool),
    /// The filter box's text: rows whose title or file contain it (case ignored).
    pub filter: String,
    /// Where the indexing stands, while it runs.
    pub progress: Option<Progress>,
    /// What the last update did, once over.
    pub updated: Option<Updated>,
    /// An index that was rebuilt, and why (said once above the table).
    pub rebuilt: Option<String>,
    /// An error of the index itself (it cannot be made or read).
    pub error: Option<String>,
    /// The file of the row last opened: highlighted, and scrolled to on the way back.
    pub current: Option<String>,
    /// Where `current` is in `shown`, kept with them (not searched for every frame).
    pub current_row: Option<usize>,
    /// Scroll to `current` on the next frame (coming back from an article).
    pub scroll_to_current: bool,
    /// The corpus's numbers (speakers, countries, sources, time), once the index can give them.
    pub stats: Option<Box<Stats>>,
    /// Some article gives a date (else the table has no date column).
    pub dated: bool,
    /// The side panel's lines, made when the numbers arrive.
    pub side: SideList,
    /// What the central area shows.
    pub view: View,
    /// The speaker shown, and their quotes across the corpus.
    pub cards: Vec<QuoteCard>,
    /// How many articles `cards` come from (they arrive in article order).
    pub card_articles: usize,
    /// The search.
    pub search: Search,
    /// The index file.
    pub db: PathBuf,
    /// A connection to read the index with, opened at the first query.
    reader: Option<Reader>,
    /// Each row's title and file in lower case (for the filter and the title sort), made once
    /// when the rows arrive rather than at every comparison.
    lower: Vec<(String, String)>,
    worker: Option<Worker>,
}

impl Desk {
    /// Opens `root` as a corpus with its index under `data_dir`, and starts bringing the index
    /// up to date on a background thread (with one worker per core); the app polls it each frame.
    pub fn open(root: &Path, data_dir: &Path) -> Self {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let root = root.as_path();
        let name = root.file_name().map_or_else(
            || root.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mut desk = Self {
            root: root.to_path_buf(),
            name,
            rows: Vec::new(),
            shown: Vec::new(),
            sort: (Column::File, true),
            filter: String::new(),
            progress: Some(Progress::default()),
            updated: None,
            rebuilt: None,
            error: None,
            current: None,
            current_row: None,
            scroll_to_current: false,
            stats: None,
            dated: false,
            side: SideList::default(),
            view: View::Articles,
            cards: Vec::new(),
            card_articles: 0,
            search: Search::default(),
            db: corpus::path_in(data_dir, root),
            reader: None,
            lower: Vec::new(),
            worker: None,
        };
        desk.start(data_dir);
        desk
    }

    /// Starts the indexing thread.
    fn start(&mut self, data_dir: &Path) {
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let (root, db) = (self.root.clone(), corpus::path_in(data_dir, &self.root));
        let folder = self.root.display().to_string();
        let stop = Arc::clone(&cancel);
        std::thread::spawn(move || {
            let send = |m: Message| {
                // The desk was closed: nobody listens, and the update stops at `stop`.
                let _ = tx.send(m);
            };
            // The rows first, from the index as it is; then SQLite's integrity scan (seconds
            // for a big index), and a damaged index is replaced by a new one before anything is
            // counted or written.
            let index = match Index::open_unverified(&root, &db) {
                Ok((index, opened)) => {
                    send(Message::Opened(opened));
                    index
                }
                Err(e) => return send(Message::Done(Err(e))),
            };
            if let Ok(rows) = index.articles() {
                send(Message::Rows(rows));
            }
            let mut index = match index.verified() {
                Ok((index, Opened::Existing)) => index,
                Ok((index, opened)) => {
                    send(Message::Opened(opened));
                    send(Message::Rows(Vec::new()));
                    index
                }
                Err(e) => return send(Message::Done(Err(e))),
            };
            let last = std::sync::Mutex::new(Instant::now());
            let progress = |p: Progress| {
                send(Message::Progress(p));
                let mut last = last
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                if last.elapsed() >= REFRESH {
                    *last = Instant::now();
                    if let Ok(rows) = corpus::read_articles(&db) {
                        send(Message::Rows(rows));
                    }
                }
            };
            let result = index.update(None, &progress, &stop);
            if let Ok(rows) = index.articles() {
                send(Message::Rows(rows));
            }
            if let Ok(run) = &result {
                match stats::compute(index.connection(), &folder, run) {
                    Ok(s) => send(Message::Stats(Box::new(s))),
                    Err(e) => {
                        return send(Message::Done(Err(format!(
                            "Could not count the corpus ({e})"
                        ))));
                    }
                }
            }
            send(Message::Done(result));
        });
        self.worker = Some(Worker { rx, cancel });
    }

    /// Whether the index is being brought up to date.
    pub fn indexing(&self) -> bool {
        self.worker.is_some()
    }

    /// Stops the indexing after the files in hand; what is done is kept.
    pub fn cancel(&mut self) {
        if let Some(w) = &self.worker {
            w.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Takes what the indexing thread sent since the last frame.
    pub fn poll(&mut self) {
        let Some(w) = &self.worker else { return };
        let mut refilter = false;
        let mut over = false;
        while let Ok(m) = w.rx.try_recv() {
            match m {
                Message::Opened(Opened::Rebuilt(why)) => {
                    self.rebuilt = Some(why);
                    // A connection to the file that was replaced reads nothing new.
                    self.reader = None;
                }
                Message::Opened(_) => {}
                Message::Rows(rows) => {
                    self.lower = rows
                        .iter()
                        .map(|r| (r.title.to_lowercase(), r.file.to_lowercase()))
                        .collect();
                    self.dated = rows.iter().any(|r| r.date.is_some());
                    self.rows = rows;
                    refilter = true;
                }
                Message::Progress(p) => self.progress = Some(p),
                Message::Stats(s) => {
                    self.side = SideList::of(&s);
                    self.stats = Some(s);
                }
                Message::Done(Ok(u)) => {
                    self.updated = Some(u);
                    over = true;
                }
                Message::Done(Err(e)) => {
                    self.error = Some(e);
                    over = true;
                }
            }
        }
        if over {
            self.worker = None;
            self.progress = None;
        }
        if refilter {
            self.refilter();
        }
    }

    /// Sorts by `column`; the same column again reverses the order.
    pub fn sort_by(&mut self, column: Column) {
        self.sort = if self.sort.0 == column {
            (column, !self.sort.1)
        } else {
            (column, true)
        };
        self.refilter();
    }

    /// Shows only the rows whose title or file contain `filter`.
    pub fn set_filter(&mut self, filter: String) {
        self.filter = filter;
        self.refilter();
    }

    /// The rows shown again, from `rows`, the filter and the sort.
    fn refilter(&mut self) {
        let needle = self.filter.to_lowercase();
        let (rows, lower) = (&self.rows, &self.lower);
        let mut shown: Vec<usize> = (0..rows.len())
            .filter(|&i| {
                needle.is_empty() || lower[i].0.contains(&needle) || lower[i].1.contains(&needle)
            })
            .collect();
        let (column, ascending) = self.sort;
        // Shares compare as fractions (a/b against c/d by a·d against c·b); an article with
        // no quotes sorts before every share.
        let share = |n: usize, of: usize| (n, of.max(1));
        shown.sort_by(|&a, &b| {
            let (x, y) = (&rows[a], &rows[b]);
            let order = match column {
                Column::Title => lower[a].0.cmp(&lower[b].0),
                Column::File => x.file.cmp(&y.file),
                Column::People => x.people.cmp(&y.people),
                Column::Quotes => x.quotes.cmp(&y.quotes),
                // Undated articles sort before dated ones going up.
                Column::Date => x.date.cmp(&y.date),
                Column::Unattributed | Column::Review => {
                    let pick = |r: &ArticleSummary| match column {
                        Column::Unattributed => share(r.unattributed, r.quotes),
                        _ => share(r.checked, r.quotes),
                    };
                    let ((p, q), (r, s)) = (pick(x), pick(y));
                    (p * s).cmp(&(r * q))
                }
            };
            let order = order.then_with(|| x.file.cmp(&y.file));
            if ascending { order } else { order.reverse() }
        });
        self.shown = shown;
        self.place_current();
    }

    /// Makes `file` the current row (the one opened last).
    pub fn set_current(&mut self, file: String) {
        self.current = Some(file);
        self.place_current();
    }

    /// Finds `current` in `shown`.
    fn place_current(&mut self) {
        let (rows, shown) = (&self.rows, &self.shown);
        self.current_row = self
            .current
            .as_ref()
            .and_then(|f| shown.iter().position(|&i| &rows[i].file == f));
    }

    /// The path of row `file` in the folder.
    pub fn path_of(&self, file: &str) -> PathBuf {
        file.split('/')
            .fold(self.root.clone(), |p, part| p.join(part))
    }

    /// The connection the desk reads the index with (opened the first time).
    fn reader(&mut self) -> Result<&Reader, String> {
        if self.reader.is_none() {
            self.reader = Some(Reader::open(&self.db)?);
        }
        self.reader
            .as_ref()
            .ok_or_else(|| "The corpus index is not open".to_string())
    }

    /// Shows `view` in the central area.
    pub fn show(&mut self, view: View) {
        self.view = view;
    }

    /// Shows the quotes of speaker `name` (of `kind`) across the corpus.
    pub fn show_speaker(&mut self, name: String, kind: String) -> Result<(), String> {
        self.cards = self.reader()?.quotes_by(&name, &kind)?;
        self.card_articles = self.cards.chunk_by(|a, b| a.file == b.file).count();
        self.view = View::Speaker { name, kind };
        Ok(())
    }

    /// Searches the corpus for `query` (anywhere, or in quotes only).
    pub fn run_search(&mut self, query: String, anywhere: bool) -> Result<(), String> {
        let scope = if anywhere {
            Scope::Anywhere
        } else {
            Scope::Quotes
        };
        let started = Instant::now();
        let hits = self.reader()?.search(&query, scope, SEARCH_LIMIT)?;
        self.search = Search {
            query,
            anywhere,
            hits,
            selected: 0,
            took: started.elapsed(),
            follow: false,
        };
        self.view = View::Search;
        Ok(())
    }

    /// Moves the search's selected hit by `by` (kept within the hits).
    pub fn step_hit(&mut self, by: isize) {
        let last = self.search.hits.len().saturating_sub(1);
        self.search.selected = self.search.selected.saturating_add_signed(by).min(last);
        self.search.follow = true;
    }

    /// Writes the corpus's tables as CSV files into `dir`; returns the files written.
    pub fn export_csv(&mut self, dir: &Path) -> Result<Vec<PathBuf>, String> {
        self.reader()?.export_csv(dir)
    }
}
