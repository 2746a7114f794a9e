//! The review of the article on screen: its corrections applied over the engine's analysis,
//! saved after every change, undo and redo, the editors that ask for a name, and what the
//! window tells of it (where it is kept, what could not be placed, why it is read-only).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::analysis::{EntityRef, QuoteKind, Span, SpeakerKind};
use crate::review::{
    self, ArticleInfo, Correction, EntityKind, Flags, Named, Reviewed, Sidecar, anchor, store,
};

use super::{AppState, Article, saver};

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

/// An editor that asks for a name, drawn as a small dialog.
#[derive(Clone, Debug, PartialEq)]
pub enum Editor {
    /// Choosing the speaker of a quote (an index into `Analysis::quotes`).
    Speaker {
        /// The quote.
        quote: usize,
        /// What has been typed.
        query: String,
        /// The highlighted row of [`Article::speaker_rows`], which Enter takes.
        pick: usize,
    },
    /// Choosing the speaker of a quote being added from a selection.
    AddQuote {
        /// The selected words.
        span: Span,
        /// Direct or reported.
        kind: QuoteKind,
        /// What has been typed.
        query: String,
        /// The highlighted row of [`Article::speaker_rows`], which Enter takes.
        pick: usize,
    },
    /// Renaming a person or country.
    Rename {
        /// Which.
        entity: EntityRef,
        /// The new name.
        name: String,
    },
    /// Choosing the person to merge a person into.
    MergeInto {
        /// The person merged away (an index into `Analysis::people`).
        from: usize,
        /// What has been typed.
        query: String,
    },
    /// Naming the person a mention is split off to.
    Split {
        /// The mention.
        mention: Span,
        /// Whom it names.
        name: String,
    },
    /// Adding a person or country from a selection.
    AddEntity {
        /// The selected words.
        span: Span,
        /// Person or country.
        kind: EntityKind,
        /// The person's or country's name.
        name: String,
    },
}

/// A speaker the reviewer may pick: the article's people, countries and the organisations
/// quoted in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The name shown and used.
    pub name: String,
    /// What it is.
    pub kind: SpeakerKind,
}

/// A row of the speaker picker: one of the article's speakers, or a new name (the last row).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpeakerRow {
    /// A person, organisation or country of the article.
    Known(Candidate),
    /// A new speaker, named as typed.
    New(String),
}

impl SpeakerRow {
    /// The row as the picker shows it: "Ann Lee  ·  person", "New speaker “Ann”".
    pub fn label(&self) -> String {
        match self {
            Self::Known(c) => {
                let kind = match c.kind {
                    SpeakerKind::Person => "person",
                    SpeakerKind::Organization => "organisation",
                    SpeakerKind::Country => "country",
                    SpeakerKind::Unknown => "",
                };
                format!("{}  ·  {kind}", c.name)
            }
            Self::New(name) => format!("New speaker “{name}”"),
        }
    }

    /// The speaker a correction names: the candidate, or a new person.
    pub fn named(&self) -> Named {
        match self {
            Self::Known(c) => Named {
                name: c.name.clone(),
                kind: c.kind,
            },
            Self::New(name) => Named {
                name: name.clone(),
                kind: SpeakerKind::Person,
            },
        }
    }
}

impl Article {
    /// The speaker picker's rows for what has been typed: the article's speakers whose names
    /// contain it (the name itself first, then names that start with it, then names with a
    /// word that starts with it, then the rest; each group in the order of
    /// [`Article::candidates`]), at most `limit`; then, when something is typed and no
    /// speaker has exactly that name, a last row that creates it.
    pub fn speaker_rows(&self, query: &str, limit: usize) -> Vec<SpeakerRow> {
        let q = query.trim();
        let lower = q.to_lowercase();
        let mut found = self.candidates(q, usize::MAX);
        let rank = |c: &Candidate| {
            let n = c.name.to_lowercase();
            if n == lower {
                0
            } else if n.starts_with(&lower) {
                1
            } else if n.split_whitespace().any(|w| w.starts_with(&lower)) {
                2
            } else {
                3
            }
        };
        found.sort_by_key(rank);
        let exact = found.first().is_some_and(|c| rank(c) == 0);
        let mut rows: Vec<SpeakerRow> = found
            .into_iter()
            .take(limit)
            .map(SpeakerRow::Known)
            .collect();
        if !q.is_empty() && !exact {
            rows.push(SpeakerRow::New(q.to_string()));
        }
        rows
    }

    /// The anchor of `span` of this article's text.
    pub fn anchor(&self, span: Span) -> review::Anchor {
        anchor::anchor(&self.text, &anchor::CharIndex::new(&self.text), span)
    }

    /// The anchor of quote `qi` (its words).
    pub fn quote_anchor(&self, qi: usize) -> Option<review::Anchor> {
        self.analysis.quotes.get(qi).map(|q| self.anchor(q.span))
    }

    /// The anchor of an entity: its first mention.
    pub fn entity_anchor(&self, e: EntityRef) -> Option<review::Anchor> {
        let span = match e {
            EntityRef::Person(pi) => self.analysis.people.get(pi)?.mentions.first().copied(),
            EntityRef::Country(ci) => self
                .analysis
                .countries
                .get(ci)?
                .mentions
                .first()
                .map(|m| m.span),
        }?;
        Some(self.anchor(span))
    }

    /// The speakers to pick from whose names contain `query` (ignoring case): people first,
    /// then organisations quoted in the article, then countries, each in order of first
    /// mention; at most `limit`.
    pub fn candidates(&self, query: &str, limit: usize) -> Vec<Candidate> {
        let q = query.trim().to_lowercase();
        let a = &self.analysis;
        let people = a.people.iter().map(|p| Candidate {
            name: p.name.clone(),
            kind: SpeakerKind::Person,
        });
        let mut orgs: Vec<Candidate> = Vec::new();
        for s in a.quotes.iter().filter_map(|q| q.speaker.as_ref()) {
            if s.kind == SpeakerKind::Organization && !orgs.iter().any(|c| c.name == s.name) {
                orgs.push(Candidate {
                    name: s.name.clone(),
                    kind: SpeakerKind::Organization,
                });
            }
        }
        let countries = a.countries.iter().map(|c| Candidate {
            name: c.name.to_string(),
            kind: SpeakerKind::Country,
        });
        people
            .chain(orgs)
            .chain(countries)
            .filter(|c| q.is_empty() || c.name.to_lowercase().contains(&q))
            .take(limit)
            .collect()
    }

    /// The person or country (or failing that, an organisation or a new person) that a typed
    /// speaker name stands for.
    pub fn named(&self, typed: &str) -> Named {
        let t = typed.trim();
        let found = self
            .candidates(t, usize::MAX)
            .into_iter()
            .find(|c| c.name.eq_ignore_ascii_case(t));
        match found {
            Some(c) => Named {
                name: c.name,
                kind: c.kind,
            },
            None => Named {
                name: t.to_string(),
                kind: SpeakerKind::Person,
            },
        }
    }

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
    fn refresh_review(&mut self) {
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

    /// Tries again to save corrections that could not be saved (eframe calls this every 30
    /// seconds).
    pub fn retry_save(&mut self) {
        if self.article.review.unsaved.is_some() {
            self.save_review();
        }
    }

    /// Waits for the review's disk work to finish, saving what is not saved yet (at exit, and
    /// wherever the disk must hold the review now). Gives up after a few seconds of a disk
    /// that does not answer; what could not be saved is then told in the status bar.
    pub fn flush_review(&mut self) {
        let limit = std::time::Duration::from_secs(10);
        for _ in 0..4 {
            if let Some(reply) = self.saver.wait(limit) {
                self.took_reply(reply);
            }
            if self.saver.busy() {
                return; // The disk does not answer.
            }
            let review = &self.article.review;
            let dirty = self.save_again || review.unsaved.is_some();
            if !dirty {
                return;
            }
            self.save_again = false;
            self.save_review();
        }
    }

    /// Saves the review where it is kept (beside the article, else in the data folder), merged
    /// with what another window saved meanwhile: on the saver's thread; a save asked for while
    /// one is out follows it.
    fn save_review(&mut self) {
        if self.saver.busy() {
            self.save_again = true;
            return;
        }
        let art = &self.article;
        self.saver.send(saver::Request {
            article: art.id,
            mine: art.review.sidecar.clone(),
            seen: art.review.seen.clone(),
            job: saver::Job::Save {
                prefer: art.review.path.clone(),
                article: art.path.clone(),
                data_dir: self.data_dir.clone(),
            },
        });
    }

    /// Asks, at most once per `review_poll`, whether another window or program changed the
    /// article's review file (the saver looks, and merges it in). Returns whether it asked.
    pub fn poll_review(&mut self) -> bool {
        let review = &mut self.article.review;
        if review.blocked.is_some()
            || self.saver.busy()
            || review
                .polled
                .is_some_and(|t| t.elapsed() < self.review_poll)
        {
            return false;
        }
        review.polled = Some(Instant::now());
        let candidates = if review.seen.is_some() {
            Vec::new()
        } else {
            store::candidates(
                self.article.path.as_deref(),
                self.data_dir.as_deref(),
                &review.info.sha256,
            )
        };
        self.saver.send(saver::Request {
            article: self.article.id,
            mine: review.sidecar.clone(),
            seen: review.seen.clone(),
            job: saver::Job::Look { candidates },
        });
        true
    }

    /// A reply from the saver: the review merged with the file (and with what this window did
    /// since it was sent), where it is kept, and what came from elsewhere; or why it failed.
    pub(super) fn took_reply(&mut self, reply: saver::Reply) {
        self.take_outcome(reply);
        // A save asked for while the job was out goes now.
        if self.save_again && !self.saver.busy() {
            self.save_again = false;
            self.save_review();
        }
    }

    fn take_outcome(&mut self, reply: saver::Reply) {
        if reply.article != self.article.id {
            return; // Another article is open now; its review went to disk all the same.
        }
        let (merged, seen, done) = match reply.outcome {
            saver::Outcome::Unchanged => return,
            saver::Outcome::Failed(e) => {
                self.article.review.unsaved = Some(e);
                return;
            }
            saver::Outcome::Synced { mine, seen, done } => (mine, seen, done),
        };
        let review = &mut self.article.review;
        if review.sidecar == reply.sent {
            review.sidecar = merged;
        } else {
            // Corrected again while the save was out: those corrections join the merged review
            // and are saved next.
            let m = review::merge::merge(&reply.sent, &review.sidecar, &merged);
            review.sidecar = m.sidecar;
            self.save_again = true;
        }
        review.seen = seen;
        review.path = Some(done.path);
        review.unsaved = None;
        review.unlocked = !done.locked;
        review.saved |= done.wrote;
        if let Some(m) = done.merged {
            self.took_merge(&m, &reply.sent);
        }
    }

    /// After a merge brought corrections from elsewhere: they are not this window's to undo;
    /// the review is applied again and the status bar says what came.
    fn took_merge(&mut self, m: &review::merge::Merged, before: &Sidecar) {
        let review = &mut self.article.review;
        review
            .foreign
            .extend(m.arrived.iter().map(|e| e.id.clone()));
        if let Some(report) = m.report(before) {
            self.refresh_review();
            self.notice = Some(report);
        }
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
