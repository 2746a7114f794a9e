//! Opening articles: files (the one path for the command line, the dialog, drag-and-drop and
//! the recent list), pasted text, big articles analysed off the UI thread, and the file
//! dialogs' thread.

#![allow(
    clippy::wildcard_imports,
    reason = "a part of `app`, split off by concern: it shares the module's imports and private items"
)]

use super::*;

/// A file being opened on a background thread (read, decoded, analysed, its review read), so a
/// frame never waits on the disk. Dropping it (another file was opened, or the app closes)
/// cancels the work in flight.
pub struct Loading {
    /// File name shown with the spinner.
    pub name: String,
    pub(super) rx: Receiver<Loaded>,
    pub(super) cancel: Arc<AtomicBool>,
    /// The file as given.
    pub(super) path: PathBuf,
    /// Given on the command line: a failure shows the error page.
    pub(super) launch: bool,
}

/// What a loading thread sends back.
pub enum Loaded {
    /// The article, analysed, with its review.
    Article(Box<Article>),
    /// Why the file could not be opened.
    Failed(String),
}

impl Drop for Loading {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// What a file dialog in flight is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialog {
    Open,
    Folder,
    ExportCorpus,
    Export(report::Format),
}

impl AppState {
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

    /// Opens a file: the one path used by the dialog, drag-and-drop and the recent list. It is
    /// read and analysed on a background thread; on error the open article stays and the error
    /// is shown in the status bar.
    pub fn open_path(&mut self, path: &Path) {
        self.start_open(path, false);
    }

    /// Opens the file given on the command line. If it cannot be opened there is no article of
    /// the reader's to keep showing: the window shows an error page naming the file and the
    /// reason (never the sample as if it were the file).
    pub fn open_at_launch(&mut self, path: &Path) {
        self.start_open(path, true);
    }

    /// Reads, decodes and analyses `path` on a background thread (its review too); the window
    /// shows it when it is done. A newer open replaces the older, whose work is cancelled.
    fn start_open(&mut self, path: &Path, launch: bool) {
        if path.is_dir() {
            self.open_folder(path);
            return;
        }
        let data_dir = self.data_dir.clone();
        let positions = self.settings.positions.clone();
        let file = path.to_path_buf();
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        self.spawn_loading("open", name, path.to_path_buf(), launch, move |cancel| {
            Some(match document::open(&file) {
                Err(e) => Loaded::Failed(e.to_string()),
                // `None` when cancelled: a newer open took its place.
                Ok(doc) => Loaded::Article(Box::new(article_of(
                    doc,
                    &positions,
                    data_dir.as_deref(),
                    cancel,
                )?)),
            })
        });
    }

    /// Runs `work` on a background thread (named `thread`) as the loading of `name` from
    /// `path`: the window shows what it sends back. A newer load replaces it, and `work` sees
    /// its cancel flag set (it returns `None` then, and nothing is sent).
    fn spawn_loading(
        &mut self,
        thread: &str,
        name: String,
        path: PathBuf,
        launch: bool,
        work: impl FnOnce(&AtomicBool) -> Option<Loaded> + Send + 'static,
    ) {
        self.loading = None; // Cancels an older load still running.
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let thread_cancel = Arc::clone(&cancel);
        let spawned = std::thread::Builder::new()
            .name(thread.into())
            .spawn(move || {
                if let Some(loaded) = work(&thread_cancel) {
                    let _ = tx.send(loaded); // The receiver is gone if the app closed meanwhile.
                }
            });
        match spawned {
            Ok(_) => {
                self.loading = Some(Loading {
                    name,
                    rx,
                    cancel,
                    path,
                    launch,
                });
            }
            Err(e) => self.error = Some(format!("Could not start opening {name} ({e})")),
        }
    }

    /// What a loading thread sent: the article shown (and remembered among recent files), or
    /// why it could not be opened.
    pub(super) fn took_loaded(&mut self, loaded: Loaded, path: &Path, launch: bool) {
        match loaded {
            Loaded::Article(a) => {
                if let Some(p) = &a.path {
                    self.settings.remember(p);
                }
                self.failed = None;
                self.error = None;
                self.notice = None;
                let at = self.open_at.take().filter(|(p, _)| {
                    a.path.is_some()
                        && std::fs::canonicalize(p).ok().as_deref() == a.path.as_deref()
                });
                self.show_article(*a);
                if let Some((_, q)) = at
                    && let Some(quote) = self.article.analysis.quotes.get(q)
                {
                    let span = quote.outer();
                    self.jump_to(span);
                }
            }
            Loaded::Failed(why) if launch => {
                self.failed = Some(Failed {
                    path: path.to_path_buf(),
                    why,
                });
            }
            Loaded::Failed(why) => self.error = Some(why),
        }
    }

    /// Waits (at most `limit`) for a file being opened, and shows it (at exit, in tests, and
    /// wherever the article must be there now).
    pub fn finish_loading(&mut self, limit: Duration) {
        let Some(l) = self.loading.take() else {
            return;
        };
        match l.rx.recv_timeout(limit) {
            Ok(loaded) => {
                let (path, launch) = (l.path.clone(), l.launch);
                self.took_loaded(loaded, &path, launch);
            }
            Err(_) => self.loading = Some(l),
        }
    }

    /// Shows a document already in memory (pasted text, the clipboard's HTML; it has no file,
    /// so no reading position or recent entry): analysed here when small, on a background
    /// thread when big.
    pub(super) fn show_document(&mut self, doc: Document) {
        self.loading = None;
        self.failed = None;
        self.error = None;
        self.notice = None;
        let name = doc.file_name();
        let data_dir = self.data_dir.clone();
        let article = move |a: Option<Article>| {
            let mut a = a?;
            (a.byline, a.date) = (doc.byline, doc.date);
            a.load_review(data_dir.as_deref());
            Some(a)
        };
        if doc.text.len() <= BACKGROUND_BYTES {
            if let Some(a) = article(Some(Article::new(name, doc.text))) {
                self.show_article(a);
            }
            return;
        }
        // Big: analysed off the UI thread.
        let (thread_name, text) = (name.clone(), doc.text);
        let path = PathBuf::from(document::UNTITLED);
        self.spawn_loading("analysis", name, path, false, move |cancel| {
            article(Article::new_unless(thread_name, text, cancel))
                .map(|a| Loaded::Article(Box::new(a)))
        });
    }

    /// Opens a folder as a corpus: the desk shows its articles while its index (in the data
    /// folder) is brought up to date in the background.
    pub fn open_folder(&mut self, path: &Path) {
        let Some(data_dir) = &self.data_dir else {
            self.error = Some(format!(
                "No data folder to keep the corpus index in (set QUOTELENS_DATA_DIR): {}",
                path.display()
            ));
            return;
        };
        self.desk = Some(desk::Desk::open(path, data_dir));
        self.at_desk = true;
        self.error = None;
    }

    /// Opens the desk's article `file` (a path in the folder), scrolled to quote `quote` and
    /// flashing it when one is given; the desk's row of it is the one to come back to.
    pub(super) fn open_from_desk(&mut self, file: String, quote: Option<usize>) {
        let Some(d) = &mut self.desk else { return };
        let path = d.path_of(&file);
        d.set_current(file);
        self.at_desk = false;
        self.open_at = quote.map(|q| (path.clone(), q));
        self.open_path(&path);
    }

    /// Writes the desk's corpus tables as CSV into `dir`, and says where (or why not).
    pub(super) fn export_corpus(&mut self, dir: &Path) {
        let Some(d) = &mut self.desk else { return };
        match d.export_csv(dir) {
            Ok(files) => {
                self.error = None;
                self.notice = Some(format!(
                    "Exported {} corpus tables (CSV) to {}",
                    files.len(),
                    dir.display()
                ));
            }
            Err(e) => self.error = Some(e),
        }
    }

    pub(super) fn start_dialog(&mut self, kind: Dialog) {
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
                    Dialog::Folder => start.set_title("Open folder as a corpus").pick_folder(),
                    Dialog::ExportCorpus => start
                        .set_title("Export the corpus tables (CSV) into a folder")
                        .pick_folder(),
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
    pub(super) fn open_clipboard(&mut self) {
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
}

/// A document read on a loading thread, made an article: its path made absolute (so it reopens
/// from any folder) and where it was last read, analysed (unless `cancel` is set), its review
/// read and applied.
fn article_of(
    doc: Document,
    positions: &BTreeMap<PathBuf, usize>,
    data_dir: Option<&Path>,
    cancel: &AtomicBool,
) -> Option<Article> {
    let path = (!document::is_stdin(&doc.path))
        .then(|| std::fs::canonicalize(&doc.path).unwrap_or_else(|_| doc.path.clone()));
    let start = path
        .as_ref()
        .and_then(|p| positions.get(p).copied())
        .filter(|&b| doc.text.is_char_boundary(b))
        .unwrap_or(0);
    let name = doc.file_name();
    let mut a = Article::new_unless(name, doc.text, cancel)?;
    (a.path, a.start) = (path, start);
    (a.byline, a.date) = (doc.byline, doc.date);
    a.load_review(data_dir);
    Some(a)
}
