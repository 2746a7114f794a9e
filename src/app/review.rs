//! The review of the article on screen: its corrections applied over the engine's analysis,
//! saved after every change, undo and redo, the editors that ask for a name, and what the
//! window tells of it (where it is kept, what could not be placed, why it is read-only).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::analysis::EntityRef;
use crate::review::{self, ArticleInfo, Correction, Flags, Reviewed, Sidecar, store};

pub use super::edit::{Candidate, Editor, SpeakerRow};
pub use super::gestures::Edge;
use super::{AppState, Article};

/// The review of one article.
#[derive(Debug)]
pub struct ReviewState {
    /// The article's file name, SHA-256 and length, computed once when it opens.
    pub info: ArticleInfo,
    /// The corrections and the redo list.
    pub sidecar: Sidecar,
    /// Where the review is kept (read from, or last saved to); `None` until first saved.
    pub path: Option<PathBuf>,
    /// What is checked and corrected in the article's analysis.
    pub flags: Flags,
    /// How many speech quotes are checked, and how many there are (from `flags`, counted once
    /// per change for the status bar).
    pub checked: (usize, usize),
    /// Why corrections are off: the review found cannot be used, and is kept as it is until
    /// the user starts a new one.
    pub blocked: Option<String>,
    /// Why the last save failed, if it did (the corrections are then only in memory).
    pub unsaved: Option<String>,
    /// Corrections that could not be placed in the article as it is now (kept in the file).
    pub unplaced: Vec<String>,
    /// The unplaced corrections have been shown (the dialog was closed).
    pub unplaced_seen: bool,
    /// The review file as last read or written here: the base of the next merge.
    pub seen: Option<store::Seen>,
    /// The corrections that came from another window or program since the article opened:
    /// undo and redo here pass them over.
    pub foreign: HashSet<String>,
    /// The last save could not lock the review file (the file system has no locks): edits
    /// made elsewhere at the same time are noticed and merged, but not prevented.
    pub unlocked: bool,
    /// When the review file was last looked at for changes made elsewhere.
    pub polled: Option<Instant>,
    /// The review was written since the article opened (the status bar says "saved" only
    /// then).
    pub saved: bool,
}

impl ReviewState {
    /// No corrections yet, for the article `info` describes.
    pub fn new(info: ArticleInfo) -> Self {
        Self {
            sidecar: Sidecar::for_article(info.clone()),
            info,
            path: None,
            flags: Flags::default(),
            checked: (0, 0),
            blocked: None,
            unsaved: None,
            unplaced: Vec::new(),
            unplaced_seen: false,
            seen: None,
            foreign: HashSet::new(),
            unlocked: false,
            polled: None,
            saved: false,
        }
    }

    /// Whether a correction was made in this window (or was in the review when it opened), so
    /// that undo and redo may act on it.
    pub fn is_mine(&self, e: &review::Entry) -> bool {
        !self.foreign.contains(&e.id)
    }

    /// The correction undo takes back: this window's last in effect.
    pub fn next_undo(&self) -> Option<&Correction> {
        let c = &self.sidecar.corrections;
        c.iter().rfind(|e| self.is_mine(e)).map(|e| &e.correction)
    }

    /// The correction redo brings back: this window's last undone.
    pub fn next_redo(&self) -> Option<&Correction> {
        let u = &self.sidecar.undone;
        u.iter().rfind(|e| self.is_mine(e)).map(|e| &e.correction)
    }

    /// Where the review is kept, or why it is not, for the status bar: a short line and the
    /// whole story (the path, the reason) for its hover. `has_file`: the article was read from
    /// a file (the sample and pasted text were not).
    pub fn status(&self, data_dir: Option<&Path>, has_file: bool) -> Option<(String, String)> {
        if self.blocked.is_some() {
            return Some((
                "Corrections are off".into(),
                "The review file cannot be used: see the message above the article".into(),
            ));
        }
        if let Some(why) = &self.unsaved {
            return Some(("Corrections not saved".into(), why.clone()));
        }
        let path = self.path.as_ref()?;
        // Read at open and not written since: it was not "saved".
        let verb = if self.saved { "Review saved" } else { "Review" };
        if self.unlocked {
            return Some((
                format!("{verb} (no file locks here)"),
                format!(
                    "{}: this file system cannot lock files, so edits made in another window \
                     at the same time are detected and merged, but not prevented",
                    path.display()
                ),
            ));
        }
        if data_dir.is_some_and(|d| path.starts_with(d)) {
            let reason = if has_file {
                "the article's folder is not writable"
            } else {
                "the article has no file of its own"
            };
            return Some((
                format!("{verb} in {}", home_short(path)),
                format!("{} (in the app's data folder: {reason})", path.display()),
            ));
        }
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let hover = if self.saved {
            path.display().to_string()
        } else {
            format!("Read from {}", path.display())
        };
        Some((format!("{verb}: {name}"), hover))
    }
}

/// `path` with the home folder written `~` (for a status line).
fn home_short(path: &Path) -> String {
    std::env::home_dir()
        .filter(|h| !h.as_os_str().is_empty())
        .and_then(|h| {
            path.strip_prefix(&h)
                .ok()
                .map(|rest| format!("~/{}", rest.display()))
        })
        .unwrap_or_else(|| path.display().to_string())
}

impl Article {
    /// Reads this article's review (from beside its file, or the data folder) and applies it.
    pub fn load_review(&mut self, data_dir: Option<&Path>) {
        let opened = store::open(
            self.path.as_deref(),
            &self.review.info,
            &self.text,
            &self.engine,
            data_dir,
        );
        self.review.sidecar = opened.sidecar;
        self.review.path = opened.path;
        self.review.blocked = opened.unusable;
        self.review.seen = opened.seen;
        self.review.foreign.clear();
        self.review.saved = false;
        self.show_review(opened.reviewed);
        self.review.unplaced_seen = self.review.unplaced.is_empty();
    }

    /// Applies the review's corrections again, after one was made or undone.
    fn reapply(&mut self) {
        let corrections = &self.review.sidecar.corrections;
        let r =
            (!corrections.is_empty()).then(|| review::apply(&self.engine, &self.text, corrections));
        self.show_review(r);
    }

    /// Shows the reviewed analysis (the engine's, shared, when there is no correction) and
    /// rebuilds what the panels derive from it.
    pub(super) fn show_review(&mut self, reviewed: Option<Reviewed>) {
        let Some(r) = reviewed else {
            self.review.unplaced.clear();
            self.review.flags = Flags::none(&self.engine);
            self.analysis = Arc::clone(&self.engine);
            self.derive();
            self.revision += 1;
            return;
        };
        self.review.unplaced = r
            .unplaced
            .iter()
            .filter_map(|&i| self.review.sidecar.corrections.get(i))
            .map(|e| e.correction.describe())
            .collect();
        self.review.flags = r.flags;
        self.analysis = Arc::new(r.analysis);
        self.derive();
        self.revision += 1;
    }
}

impl AppState {
    /// Makes a correction to the article on screen, saves the review, and shows the result.
    pub fn correct(&mut self, c: Correction) {
        if let Some(why) = &self.article.review.blocked {
            self.error = Some(format!("Corrections are off: {why}"));
            return;
        }
        let review = &mut self.article.review;
        // Moving a quote's edge again, word by word, is one correction: the last one grows.
        let c = match (c, review.sidecar.corrections.last()) {
            (
                Correction::Span { quote, to },
                Some(review::Entry {
                    id,
                    correction:
                        Correction::Span {
                            quote: first,
                            to: last_to,
                        },
                    ..
                }),
            ) if *last_to == quote && !review.foreign.contains(id) => {
                let first = first.clone();
                review.sidecar.corrections.pop();
                if first == to {
                    // Moved back to where it was: no correction at all.
                    self.notice = Some("The quote's words are as they were".into());
                    self.after_review_change();
                    return;
                }
                Correction::Span { quote: first, to }
            }
            (c, _) => c,
        };
        if matches!(c, Correction::Reassign { .. }) {
            self.picked = (Vec::new(), 0);
        }
        self.notice = Some(format!("Corrected: {}", c.describe()));
        let review = &mut self.article.review;
        let foreign = &review.foreign;
        review.sidecar.push_mine(c, |e| !foreign.contains(&e.id));
        self.after_review_change();
    }

    /// Undoes the last correction (Ctrl+Z).
    pub fn undo(&mut self) {
        self.step_history(true);
    }

    /// Redoes the last correction undone (Ctrl+Shift+Z).
    pub fn redo(&mut self) {
        self.step_history(false);
    }

    /// Undoes (`back`) or redoes one correction, and says which in the status bar.
    fn step_history(&mut self, back: bool) {
        if self.article.review.blocked.is_some() {
            return;
        }
        let review = &mut self.article.review;
        let foreign = &review.foreign;
        let mine = |e: &review::Entry| !foreign.contains(&e.id);
        let (done, what) = if back {
            (review.sidecar.undo_mine(mine), "undo")
        } else {
            (review.sidecar.redo_mine(mine), "redo")
        };
        let Some(c) = done else {
            self.notice = Some(format!("Nothing to {what}"));
            return;
        };
        let verb = if back { "Undone" } else { "Redone" };
        self.notice = Some(format!("{verb}: {}", c.describe()));
        self.after_review_change();
    }

    /// Sets the unusable review aside (as `.bak`) and starts a new one.
    pub fn start_new_review(&mut self) {
        let art = &mut self.article;
        if let Some(path) = art.review.path.clone()
            && art.review.blocked.is_some()
        {
            match store::set_aside(&path) {
                Ok(bak) => {
                    self.notice = Some(format!(
                        "The old review was kept as {}; a new review starts",
                        bak.display()
                    ));
                }
                Err(e) => {
                    self.error = Some(format!(
                        "The old review could not be set aside ({e}): {}",
                        path.display()
                    ));
                    return;
                }
            }
        }
        art.review = ReviewState::new(art.review.info.clone());
        art.show_review(None);
        self.clear_selection();
        self.listed = self.article.listed(&self.entity_filter);
    }

    /// After the corrections changed: applies them, keeps the selection on the same entity
    /// (by name), and saves.
    fn after_review_change(&mut self) {
        self.refresh_review();
        self.save_review();
    }

    /// Applies the corrections again and rebuilds what derives from them, keeping the
    /// selection on the same entity (by name); an open editor closes (what it points at may
    /// have moved).
    pub(super) fn refresh_review(&mut self) {
        let selected = self
            .selected
            .map(|e| (e, self.article.analysis.entity_name(e).to_string()));
        self.article.reapply();
        self.editor = None;
        self.clear_selection();
        if let Some((e, name)) = selected {
            let a = &self.article.analysis;
            let found = match e {
                EntityRef::Person(_) => a
                    .people
                    .iter()
                    .position(|p| p.name == name)
                    .map(EntityRef::Person),
                EntityRef::Country(_) => a
                    .countries
                    .iter()
                    .position(|c| c.name == name)
                    .map(EntityRef::Country),
            };
            if let Some(e) = found {
                self.selected = Some(e);
                self.stops = self.article.stops(e);
            }
        }
        self.listed = self.article.listed(&self.entity_filter);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_says_where_the_review_is_and_when_edits_elsewhere_are_not_prevented() {
        let mut r = ReviewState::new(ArticleInfo::of("a.txt", "text"));
        assert_eq!(r.status(None, true), None, "nothing saved yet");
        r.path = Some(PathBuf::from("/articles/a.txt.quotelens.json"));
        let (line, hover) = r.status(None, true).unwrap_or_default();
        assert_eq!(line, "Review: a.txt.quotelens.json", "read, not saved");
        assert_eq!(hover, "Read from /articles/a.txt.quotelens.json");
        r.saved = true;
        let (line, _) = r.status(None, true).unwrap_or_default();
        assert_eq!(line, "Review saved: a.txt.quotelens.json");
        let data = PathBuf::from("/data/quotelens");
        r.path = Some(data.join("reviews/a.txt-0123.quotelens.json"));
        let (line, hover) = r.status(Some(&data), true).unwrap_or_default();
        assert_eq!(
            line,
            "Review saved in /data/quotelens/reviews/a.txt-0123.quotelens.json"
        );
        assert!(
            hover.ends_with("(in the app's data folder: the article's folder is not writable)")
        );
        r.path = Some(PathBuf::from("/articles/a.txt.quotelens.json"));
        r.unlocked = true;
        let (line, hover) = r.status(None, true).unwrap_or_default();
        assert_eq!(line, "Review saved (no file locks here)");
        assert!(
            hover.starts_with("/articles/a.txt.quotelens.json: ")
                && hover.ends_with("detected and merged, but not prevented"),
            "{hover}"
        );
    }
}
