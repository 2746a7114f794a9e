//! What the UI asks for (`Command`), and carrying it out on the state.

#![allow(
    clippy::wildcard_imports,
    reason = "a part of `app`, split off by concern: it shares the module's imports and private items"
)]

use super::*;

/// Things the UI asks for; carried out after the panels are drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Open a file.
    Open(PathBuf),
    /// Show the file dialog.
    OpenDialog,
    /// Show the folder dialog, to open a folder as a corpus.
    OpenFolderDialog,
    /// Show the corpus desk (back from an article).
    ShowDesk,
    /// Sort the desk's table by this column (again: the other way).
    DeskSort(super::desk::Column),
    /// Show only the desk's rows whose title or file contain this text.
    DeskFilter(String),
    /// Open the desk's article with this path in the folder.
    DeskOpen(String),
    /// Stop indexing the corpus (what is done is kept).
    DeskCancel,
    /// The desk's table was scrolled to the row last opened (or its search to the hit chosen).
    DeskScrolled,
    /// Show this in the desk's central area (the table, the charts, the search).
    DeskView(super::desk::View),
    /// List a speaker's quotes across the corpus: name and kind (`person`, `organization`, …).
    DeskSpeaker(String, String),
    /// Open the desk's article with this path, scrolled to this quote (flashed).
    DeskOpenQuote(String, usize),
    /// Search the corpus for this phrase, anywhere (`true`) or in quotes only.
    DeskSearch(String, bool),
    /// Move the selected search hit by this many places.
    DeskStepHit(isize),
    /// Open the selected search hit.
    DeskOpenHit,
    /// Ask for a folder to export the corpus's tables into, as CSV.
    ExportCorpusDialog,
    /// Export the corpus's tables as CSV into this folder.
    ExportCorpus(PathBuf),
    /// Open text as an "Untitled" article (pasted; HTML goes through the page extraction).
    OpenText(String),
    /// Open the clipboard's contents (its HTML when it has some) as an "Untitled" article.
    NewFromClipboard,
    /// Leave the error page of a file that could not be opened at launch, for the sample.
    ShowSample,
    /// Close the window (Ctrl+Q, File ▸ Quit).
    Quit,
    /// Pick a person's mention (or unpick it), to say at once whom the picked mentions name.
    PickMention(Span),
    /// Unpick every mention.
    ClearPicked,
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

impl AppState {
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
                Command::OpenFolderDialog => self.start_dialog(Dialog::Folder),
                c @ (Command::ShowDesk
                | Command::DeskSort(_)
                | Command::DeskFilter(_)
                | Command::DeskOpen(_)
                | Command::DeskScrolled
                | Command::DeskView(_)
                | Command::DeskSpeaker(..)
                | Command::DeskOpenQuote(..)
                | Command::DeskSearch(..)
                | Command::DeskStepHit(_)
                | Command::DeskOpenHit
                | Command::ExportCorpusDialog
                | Command::ExportCorpus(_)
                | Command::DeskCancel) => self.desk_command(c),
                Command::ExportDialog(f) => self.start_dialog(Dialog::Export(f)),
                Command::OpenText(t) => self.show_document(document::from_clipboard(&t, None)),
                Command::NewFromClipboard => self.open_clipboard(),
                Command::ShowSample => self.failed = None,
                Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
                Command::PickMention(span) => {
                    let picked = &mut self.picked.0;
                    match picked.binary_search_by_key(&span.start, |s| s.start) {
                        Ok(i) => {
                            picked.remove(i);
                        }
                        Err(i) => picked.insert(i, span),
                    }
                    // Far above any find generation: the view lays the hits out anew.
                    self.picked.1 = if picked.is_empty() {
                        0
                    } else {
                        (1 << 62) + (self.picked.1 & 0xffff_ffff) + 1
                    };
                }
                Command::ClearPicked => self.picked = (Vec::new(), 0),
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

    /// Carries out a command of the corpus desk.
    fn desk_command(&mut self, cmd: Command) {
        match cmd {
            Command::ShowDesk => {
                if let Some(d) = &mut self.desk {
                    d.scroll_to_current = true;
                    self.at_desk = true;
                }
            }
            Command::DeskSort(c) => {
                if let Some(d) = &mut self.desk {
                    d.sort_by(c);
                }
            }
            Command::DeskFilter(f) => {
                if let Some(d) = &mut self.desk {
                    d.set_filter(f);
                }
            }
            Command::DeskOpen(file) => self.open_from_desk(file, None),
            Command::DeskScrolled => {
                if let Some(d) = &mut self.desk {
                    d.scroll_to_current = false;
                    d.search.follow = false;
                }
            }
            Command::DeskView(v) => {
                if let Some(d) = &mut self.desk {
                    d.show(v);
                }
            }
            Command::DeskSpeaker(name, kind) => {
                if let Some(d) = &mut self.desk
                    && let Err(e) = d.show_speaker(name, kind)
                {
                    self.error = Some(e);
                }
            }
            Command::DeskOpenQuote(file, quote) => self.open_from_desk(file, Some(quote)),
            Command::DeskSearch(query, anywhere) => {
                if let Some(d) = &mut self.desk
                    && let Err(e) = d.run_search(query, anywhere)
                {
                    self.error = Some(e);
                }
            }
            Command::DeskStepHit(by) => {
                if let Some(d) = &mut self.desk {
                    d.step_hit(by);
                }
            }
            Command::DeskOpenHit => {
                let hit = self.desk.as_ref().and_then(|d| {
                    let h = d.search.hits.get(d.search.selected)?;
                    Some((h.file.clone(), h.quote))
                });
                if let Some((file, quote)) = hit {
                    self.open_from_desk(file, quote);
                }
            }
            Command::ExportCorpusDialog => self.start_dialog(Dialog::ExportCorpus),
            Command::ExportCorpus(dir) => self.export_corpus(&dir),
            Command::DeskCancel => {
                if let Some(d) = &mut self.desk {
                    d.cancel();
                }
            }
            _ => {}
        }
    }

    pub(super) fn find_command(&mut self, cmd: Command) {
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
}
