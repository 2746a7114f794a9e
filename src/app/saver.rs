//! The review's disk work, off the UI thread: saving (read again under the lock, merge, write
//! atomically, fsync) and looking for another window's save run on one worker thread, one job
//! at a time; the window sends a copy of its review and takes the result back as a reply, so a
//! frame never waits on the disk.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use std::time::Instant;

use crate::review::store::{self, Seen, Synced};
use crate::review::{self, Sidecar};

use super::AppState;

/// What the worker is asked to do.
#[derive(Clone, Debug)]
pub enum Job {
    /// Save the review: to `prefer`, else beside `article`, else in `data_dir`.
    Save {
        /// Where it was read from or last saved to.
        prefer: Option<PathBuf>,
        /// The article's file.
        article: Option<PathBuf>,
        /// The data folder.
        data_dir: Option<PathBuf>,
    },
    /// Look whether the review file changed since `Seen` (or, not saved yet, whether one of
    /// these places now holds a review), and merge it in if so.
    Look {
        /// Where a review of the article may appear.
        candidates: Vec<PathBuf>,
    },
}

/// A job, with the review as the window holds it.
#[derive(Clone, Debug)]
pub struct Request {
    /// The article it belongs to (`Article::id`).
    pub article: u64,
    /// The review as sent.
    pub mine: Sidecar,
    /// The file as the window last saw it.
    pub seen: Option<Seen>,
    /// What to do.
    pub job: Job,
}

/// How a job went.
#[derive(Debug)]
#[allow(
    clippy::large_enum_variant,
    reason = "one reply per save, moved once: boxing would buy nothing"
)]
pub enum Outcome {
    /// The review and the file are together: the review merged with the file (as written, or
    /// as found), the file as now seen, and what happened.
    Synced {
        /// The merged review.
        mine: Sidecar,
        /// The file as now seen.
        seen: Option<Seen>,
        /// What was done.
        done: Synced,
    },
    /// Nothing changed on disk, nothing to do.
    Unchanged,
    /// It failed: why, in a sentence.
    Failed(String),
}

/// A job's reply.
#[derive(Debug)]
pub struct Reply {
    /// The article it belongs to.
    pub article: u64,
    /// Whether it was a save (`false`: a look).
    pub save: bool,
    /// The review as sent: the base for merging what the window did meanwhile.
    pub sent: Sidecar,
    /// How it went.
    pub outcome: Outcome,
}

/// Does one job (on the worker thread, or inline where no thread could be started).
pub fn run(req: Request) -> Reply {
    let Request {
        article,
        mut mine,
        mut seen,
        job,
    } = req;
    let sent = mine.clone();
    let (save, outcome) = match job {
        Job::Save {
            prefer,
            article: file,
            data_dir,
        } => {
            let r = store::save(
                &mut mine,
                &mut seen,
                prefer.as_deref(),
                file.as_deref(),
                data_dir.as_deref(),
            );
            let outcome = match r {
                Ok(done) => Outcome::Synced { mine, seen, done },
                Err(e) => Outcome::Failed(e),
            };
            (true, outcome)
        }
        Job::Look { candidates } => {
            let path = match &seen {
                Some(s) if !s.looks_changed() => None,
                Some(s) => Some(s.path.clone()),
                None => candidates.into_iter().find(|p| p.is_file()),
            };
            let outcome = match path {
                None => Outcome::Unchanged,
                Some(p) => match store::sync(&p, &mut mine, &mut seen, store::Write::IfNeeded) {
                    Ok(done) => Outcome::Synced { mine, seen, done },
                    Err(e) => Outcome::Failed(format!(
                        "The corrections could not be saved: the review file {e}"
                    )),
                },
            };
            (false, outcome)
        }
    };
    Reply {
        article,
        save,
        sent,
        outcome,
    }
}

/// The worker: one thread, one job at a time.
pub struct Saver {
    /// Jobs to the worker (`None` when no thread could be started: jobs then run inline).
    tx: Option<Sender<Request>>,
    /// Replies from it.
    rx: Receiver<Reply>,
    /// Replies of jobs run inline, waiting to be taken.
    inline: Vec<Reply>,
    /// A job is out.
    busy: bool,
}

impl Saver {
    /// A worker whose every job first waits `delay` (zero but in tests, where it stands for a
    /// slow disk).
    pub fn new(delay: Duration) -> Self {
        let (tx, jobs) = mpsc::channel::<Request>();
        let (done, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("review-saver".into())
            .spawn(move || {
                for req in jobs {
                    if !delay.is_zero() {
                        std::thread::sleep(delay);
                    }
                    if done.send(run(req)).is_err() {
                        return; // The window is gone.
                    }
                }
            });
        Self {
            tx: spawned.is_ok().then_some(tx),
            rx,
            inline: Vec::new(),
            busy: false,
        }
    }

    /// Whether a job is out.
    pub fn busy(&self) -> bool {
        self.busy
    }

    /// Sends a job (the caller checks [`Saver::busy`] first).
    pub fn send(&mut self, req: Request) {
        self.busy = true;
        let unsent = match &self.tx {
            Some(tx) => tx.send(req).err().map(|e| e.0),
            None => Some(req),
        };
        // No worker: the job runs here, and its reply waits to be taken.
        if let Some(req) = unsent {
            self.tx = None;
            self.inline.push(run(req));
        }
    }

    /// The reply of the job out, if it has come.
    pub fn try_take(&mut self) -> Option<Reply> {
        let reply = self.inline.pop().or_else(|| self.rx.try_recv().ok())?;
        self.busy = false;
        Some(reply)
    }

    /// The reply of the job out, waiting up to `limit` for it.
    pub fn wait(&mut self, limit: Duration) -> Option<Reply> {
        if !self.busy {
            return None;
        }
        let reply = self
            .inline
            .pop()
            .or_else(|| self.rx.recv_timeout(limit).ok())?;
        self.busy = false;
        Some(reply)
    }
}

impl Default for Saver {
    fn default() -> Self {
        Self::new(Duration::ZERO)
    }
}

impl AppState {
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
        // A reply may send the save that followed it: wait for that one too (a few rounds at
        // most; a save that keeps failing stays told in the status bar).
        for _ in 0..8 {
            if self.saver.busy() {
                let Some(reply) = self.saver.wait(limit) else {
                    return; // The disk does not answer.
                };
                self.took_reply(reply);
                continue;
            }
            let dirty = self.save_again || self.article.review.unsaved.is_some();
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
    pub(super) fn save_review(&mut self) {
        if self.saver.busy() {
            self.save_again = true;
            return;
        }
        let art = &self.article;
        self.saver.send(Request {
            article: art.id,
            mine: art.review.sidecar.clone(),
            seen: art.review.seen.clone(),
            job: Job::Save {
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
        self.saver.send(Request {
            article: self.article.id,
            mine: review.sidecar.clone(),
            seen: review.seen.clone(),
            job: Job::Look { candidates },
        });
        true
    }

    /// A reply from the saver: the review merged with the file (and with what this window did
    /// since it was sent), where it is kept, and what came from elsewhere; or why it failed.
    pub(super) fn took_reply(&mut self, reply: Reply) {
        self.take_outcome(reply);
        // A save asked for while the job was out goes now.
        if self.save_again && !self.saver.busy() {
            self.save_again = false;
            self.save_review();
        }
    }

    pub(super) fn take_outcome(&mut self, reply: Reply) {
        if reply.article != self.article.id {
            return; // Another article is open now; its review went to disk all the same.
        }
        let (merged, seen, done) = match reply.outcome {
            Outcome::Unchanged => return,
            Outcome::Failed(e) => {
                self.article.review.unsaved = Some(e);
                return;
            }
            Outcome::Synced { mine, seen, done } => (mine, seen, done),
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
    pub(super) fn took_merge(&mut self, m: &review::merge::Merged, before: &Sidecar) {
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
