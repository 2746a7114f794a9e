//! Drawing the review: the correction menus of a quote, a person or country and a text
//! selection, the editors that ask for a name, the dialogs for a review that cannot be used or
//! corrections that cannot be placed, and the keys of a focused quote card.

use eframe::egui::{self, RichText};

use crate::analysis::{EntityRef, QuoteKind, Span};
use crate::app::review::{Editor, SpeakerRow};
use crate::app::{AppState, Article, Command};
use crate::review::{Correction, EntityKind, short};
use crate::ui::article::MenuTarget;
use crate::ui::theme::Palette;

/// The checked mark: "✓" when the font has it, else the word.
pub fn check_mark(ui: &egui::Ui) -> &'static str {
    let font = egui::TextStyle::Body.resolve(ui.style());
    if ui.fonts_mut(|f| f.has_glyph(&font, '✓')) {
        "✓"
    } else {
        "checked"
    }
}

/// The correction a quote's checked toggle makes.
pub fn toggle_checked(art: &Article, qi: usize) -> Option<Correction> {
    let checked = art.review.flags.checked.get(qi).copied().unwrap_or(false);
    Some(Correction::Check {
        quote: art.quote_anchor(qi)?,
        checked: !checked,
    })
}

/// The correction "not a quote" (or, for a quote that is not, "it is a quote") makes.
pub fn toggle_quote(art: &Article, qi: usize) -> Option<Correction> {
    let q = art.analysis.quotes.get(qi)?;
    let kind = match q.kind {
        QuoteKind::Term if q.open_mark.is_some() => QuoteKind::Direct,
        QuoteKind::Term => QuoteKind::Indirect,
        _ => QuoteKind::Term,
    };
    Some(Correction::Kind {
        quote: art.quote_anchor(qi)?,
        kind,
    })
}

/// The review items of a quote's menu (its card's and the text's).
pub fn quote_menu_ui(ui: &mut egui::Ui, art: &Article, qi: usize, commands: &mut Vec<Command>) {
    let Some(q) = art.analysis.quotes.get(qi) else {
        return;
    };
    let checked = art.review.flags.checked.get(qi).copied().unwrap_or(false);
    let blocked = art.review.blocked.is_some();
    ui.add_enabled_ui(!blocked, |ui| {
        let label = if checked {
            "Mark not checked"
        } else {
            "Mark checked"
        };
        if ui
            .add(egui::Button::new(label).shortcut_text("C"))
            .clicked()
        {
            commands.extend(toggle_checked(art, qi).map(Command::Correct));
        }
        if ui
            .add(egui::Button::new("Change speaker…").shortcut_text("S"))
            .clicked()
        {
            commands.push(Command::Edit(Some(Editor::Speaker {
                quote: qi,
                query: String::new(),
                pick: 0,
            })));
        }
        let label = if q.is_speech() {
            "Not a quote"
        } else {
            "It is a quote"
        };
        if ui
            .add(egui::Button::new(label).shortcut_text("N"))
            .on_hover_text("A scare quote, title or headline is not speech")
            .clicked()
        {
            commands.extend(toggle_quote(art, qi).map(Command::Correct));
        }
        ui.menu_button("Kind", |ui| {
            for (kind, label) in [
                (QuoteKind::Direct, "Direct quote"),
                (QuoteKind::Partial, "Partial quote"),
                (QuoteKind::Indirect, "Reported speech"),
            ] {
                if ui.radio(q.kind == kind, label).clicked()
                    && q.kind != kind
                    && let Some(quote) = art.quote_anchor(qi)
                {
                    commands.push(Command::Correct(Correction::Kind { quote, kind }));
                }
            }
        });
    });
}

/// The review items of a person's or country's menu (the list's and the text's). `mention` is
/// the mention right-clicked in the text, for "Split off".
pub fn entity_menu_ui(
    ui: &mut egui::Ui,
    art: &Article,
    e: EntityRef,
    mention: Option<Span>,
    commands: &mut Vec<Command>,
) {
    let blocked = art.review.blocked.is_some();
    ui.add_enabled_ui(!blocked, |ui| {
        if ui
            .add(egui::Button::new("Rename…").shortcut_text("F2"))
            .clicked()
        {
            commands.push(Command::Edit(Some(Editor::Rename {
                entity: e,
                name: art.analysis.entity_name(e).to_string(),
            })));
        }
        if let EntityRef::Person(pi) = e {
            if ui
                .button("Merge into…")
                .on_hover_text("This person and another are one (or drag the name onto the other)")
                .clicked()
            {
                commands.push(Command::Edit(Some(Editor::MergeInto {
                    from: pi,
                    query: String::new(),
                })));
            }
            if let Some(m) = mention
                && ui
                    .button("Split off…")
                    .on_hover_text("This mention names someone else")
                    .clicked()
            {
                commands.push(Command::Edit(Some(Editor::Split {
                    mention: m,
                    name: art.text.get(m.start..m.end).unwrap_or("").to_string(),
                })));
            }
        }
        let (label, kind) = match e {
            EntityRef::Person(_) => ("Not a person", EntityKind::Person),
            EntityRef::Country(_) => ("Not a country", EntityKind::Country),
        };
        if ui
            .button(label)
            .on_hover_text("It goes from the list, and its quotes lose it as their speaker")
            .clicked()
            && let Some(mention) = art.entity_anchor(e)
        {
            commands.push(Command::Correct(Correction::NotEntity {
                entity: kind,
                mention,
            }));
        }
    });
}

/// The article's context menu: for a selection, adding a quote, person or country; for a
/// quote, person or country under the pointer, its review items.
pub fn text_menu_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    target: MenuTarget,
    commands: &mut Vec<Command>,
) {
    let art = &state.article;
    let a = &art.analysis;
    let blocked = art.review.blocked.is_some();
    let mut any = false;
    if let Some(sel) = target.selection {
        any = true;
        let all = art.text.get(sel.start..sel.end).unwrap_or("");
        ui.label(RichText::new(format!("“{}”", short(all, 30))).weak());
        ui.add_enabled_ui(!blocked, |ui| {
            if ui.button("Add quote…").clicked() {
                commands.push(Command::Edit(Some(Editor::AddQuote {
                    span: sel,
                    kind: QuoteKind::Direct,
                    query: String::new(),
                    pick: 0,
                })));
            }
            if ui.button("Add reported speech…").clicked() {
                commands.push(Command::Edit(Some(Editor::AddQuote {
                    span: sel,
                    kind: QuoteKind::Indirect,
                    query: String::new(),
                    pick: 0,
                })));
            }
            let name = art.text.get(sel.start..sel.end).unwrap_or("").to_string();
            if ui.button("Add person…").clicked() {
                commands.push(Command::Edit(Some(Editor::AddEntity {
                    span: sel,
                    kind: EntityKind::Person,
                    name: name.clone(),
                })));
            }
            if ui.button("Add country…").clicked() {
                commands.push(Command::Edit(Some(Editor::AddEntity {
                    span: sel,
                    kind: EntityKind::Country,
                    name,
                })));
            }
        });
    }
    let b = target.byte;
    let at = |s: &Span| s.start <= b && b < s.end;
    let person = a.people.iter().enumerate().find_map(|(pi, p)| {
        p.mentions
            .iter()
            .find(|m| at(m))
            .map(|m| (EntityRef::Person(pi), *m))
    });
    let country = a.countries.iter().enumerate().find_map(|(ci, c)| {
        c.mentions
            .iter()
            .find(|m| at(&m.span))
            .map(|m| (EntityRef::Country(ci), m.span))
    });
    if let Some((e, m)) = person.or(country) {
        if any {
            ui.separator();
        }
        any = true;
        ui.label(RichText::new(a.entity_name(e)).strong());
        entity_menu_ui(ui, art, e, Some(m), commands);
    }
    // The innermost quote (terms too: "It is a quote" brings one back).
    let quote = a
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| at(&q.outer()))
        .min_by_key(|(_, q)| q.outer().len())
        .map(|(qi, _)| qi);
    if let Some(qi) = quote {
        if any {
            ui.separator();
        }
        any = true;
        ui.label(RichText::new("Quote").strong());
        quote_menu_ui(ui, art, qi, commands);
    }
    if !any {
        ui.label("Select words to add a quote, person or country.");
    }
}

/// Keys on a focused quote card: C checked, S speaker, N not a quote.
pub fn card_keys(ui: &egui::Ui, art: &Article, qi: usize, commands: &mut Vec<Command>) {
    if art.review.blocked.is_some() || ui.ctx().text_edit_focused() {
        return;
    }
    let none = egui::Modifiers::NONE;
    let (c, s, n) = ui.input_mut(|i| {
        (
            i.consume_key(none, egui::Key::C),
            i.consume_key(none, egui::Key::S),
            i.consume_key(none, egui::Key::N),
        )
    });
    if c {
        commands.extend(toggle_checked(art, qi).map(Command::Correct));
    }
    if s {
        commands.push(Command::Edit(Some(Editor::Speaker {
            quote: qi,
            query: String::new(),
            pick: 0,
        })));
    }
    if n {
        commands.extend(toggle_quote(art, qi).map(Command::Correct));
    }
}

/// A speaker picker: a name field over the rows of [`Article::speaker_rows`], the row `pick`
/// highlighted (the first when the typed name changes; ↑ and ↓ move it). Returns the row
/// clicked, or the highlighted row on Enter; `Err(())` for Enter with nothing typed.
fn speaker_picker_ui(
    ui: &mut egui::Ui,
    art: &Article,
    query: &mut String,
    pick: &mut usize,
) -> Option<Result<SpeakerRow, ()>> {
    let (down, up) = ui.input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
        )
    });
    let before = query.clone();
    let enter = name_field_ui(ui, query, "A name of the article, or a new one");
    let rows = art.speaker_rows(query, 40);
    if *query != before {
        *pick = 0;
    }
    let last = rows.len().saturating_sub(1);
    *pick = if down {
        (*pick + 1).min(last)
    } else if up {
        pick.saturating_sub(1)
    } else {
        (*pick).min(last)
    };
    let mut chosen = None;
    egui::ScrollArea::vertical()
        .max_height(220.0)
        .id_salt("candidates")
        .show(ui, |ui| {
            for (i, row) in rows.iter().enumerate() {
                let resp = ui.selectable_label(i == *pick, row.label());
                if i == *pick && (down || up) {
                    resp.scroll_to_me(None);
                }
                if resp.clicked() {
                    chosen = Some(Ok(row.clone()));
                }
            }
        });
    if chosen.is_none() && enter {
        chosen = Some(rows.get(*pick).cloned().ok_or(()));
    }
    chosen
}

/// A text field that takes the focus when the editor opens; returns whether Enter was pressed.
fn name_field_ui(ui: &mut egui::Ui, value: &mut String, hint: &str) -> bool {
    let resp = ui.add(
        egui::TextEdit::singleline(value)
            .hint_text(hint)
            .desired_width(f32::INFINITY),
    );
    if !resp.has_focus() && !resp.lost_focus() {
        resp.request_focus();
    }
    resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

/// The open editor, as a modal dialog.
pub fn editor_ui(ctx: &egui::Context, state: &AppState, commands: &mut Vec<Command>) {
    let Some(editor) = &state.editor else {
        return;
    };
    let art = &state.article;
    let mut ed = editor.clone();
    let mut done: Option<Correction> = None;
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("review-editor")).show(ctx, |ui| {
        ui.set_width(380.0);
        done = editor_body_ui(ui, art, &mut ed);
        ui.add_space(6.0);
        if ui.button("Cancel").clicked() {
            close = true;
        }
    });
    if let Some(c) = done {
        commands.push(Command::Correct(c));
    } else if close || modal.should_close() {
        commands.push(Command::Edit(None));
    } else if ed != *editor {
        commands.push(Command::Edit(Some(ed)));
    }
}

/// The editor's fields; returns the correction once the user has chosen.
fn editor_body_ui(ui: &mut egui::Ui, art: &Article, ed: &mut Editor) -> Option<Correction> {
    let mut done = None;
    match ed {
        Editor::Speaker { quote, query, pick } => {
            ui.heading("Who said it?");
            let words = art
                .analysis
                .quotes
                .get(*quote)
                .and_then(|q| art.text.get(q.span.start..q.span.end))
                .unwrap_or("");
            ui.label(RichText::new(format!("“{}”", short(words, 80))).weak());
            if let Some(Ok(row)) = speaker_picker_ui(ui, art, query, pick)
                && let Some(anchor) = art.quote_anchor(*quote)
            {
                done = Some(Correction::Speaker {
                    quote: anchor,
                    speaker: row.named(),
                });
            }
        }
        Editor::AddQuote {
            span,
            kind,
            query,
            pick,
        } => {
            ui.heading(match kind {
                QuoteKind::Indirect => "Add reported speech",
                _ => "Add a quote",
            });
            let words = art.text.get(span.start..span.end).unwrap_or("");
            ui.label(RichText::new(format!("“{}”", short(words, 80))).weak());
            ui.label("Who said it? (leave empty if nobody is named)");
            let picked = speaker_picker_ui(ui, art, query, pick);
            // "Add" with a name typed takes the highlighted row, as Enter does.
            let add = ui.button("Add").clicked().then(|| {
                art.speaker_rows(query, 40)
                    .get(*pick)
                    .cloned()
                    .filter(|_| !query.trim().is_empty())
                    .ok_or(())
            });
            if let Some(choice) = picked.or(add) {
                done = Some(Correction::AddQuote {
                    quote: art.anchor(trim_marks(&art.text, *span)),
                    kind: *kind,
                    speaker: choice.ok().map(|row| row.named()),
                });
            }
        }
        Editor::Rename { entity, name } => {
            ui.heading(format!("Rename {}", art.analysis.entity_name(*entity)));
            let enter = name_field_ui(ui, name, "The canonical name");
            if (ui.button("Rename").clicked() || enter)
                && !name.trim().is_empty()
                && let Some(mention) = art.entity_anchor(*entity)
            {
                done = Some(Correction::Rename {
                    entity: match entity {
                        EntityRef::Person(_) => EntityKind::Person,
                        EntityRef::Country(_) => EntityKind::Country,
                    },
                    mention,
                    name: name.trim().to_string(),
                });
            }
        }
        Editor::MergeInto { from, query } => {
            let from_name = art
                .analysis
                .entity_name(EntityRef::Person(*from))
                .to_string();
            ui.heading(format!("Merge {from_name} into…"));
            ui.label("Its mentions and quotes go to the person you pick.");
            name_field_ui(ui, query, "Filter the people");
            let picked = pick_people_ui(ui, art, query, &from_name);
            if let Some(into) = picked
                && let (Some(from_a), Some(into_a)) = (
                    art.entity_anchor(EntityRef::Person(*from)),
                    art.entity_anchor(EntityRef::Person(into)),
                )
            {
                done = Some(Correction::Merge {
                    from: from_a,
                    into: into_a,
                });
            }
        }
        Editor::Split { mention, name } => {
            ui.heading("Split this mention off");
            ui.label("Whom does it name? A person of the article, or a new one.");
            let enter = name_field_ui(ui, name, "Their name");
            let picked = pick_people_ui(ui, art, "", "")
                .map(|pi| art.analysis.entity_name(EntityRef::Person(pi)).to_string());
            let chosen = picked
                .or_else(|| (ui.button("Split off").clicked() || enter).then(|| name.clone()));
            if let Some(n) = chosen.filter(|n| !n.trim().is_empty()) {
                done = Some(Correction::Split {
                    mention: art.anchor(*mention),
                    name: n.trim().to_string(),
                });
            }
        }
        Editor::AddEntity { span, kind, name } => {
            done = add_entity_editor_ui(ui, art, *span, *kind, name);
        }
    }
    done
}

/// The editor that adds a person or country from a selection.
fn add_entity_editor_ui(
    ui: &mut egui::Ui,
    art: &Article,
    span: Span,
    kind: EntityKind,
    name: &mut String,
) -> Option<Correction> {
    let words: String = art.text.get(span.start..span.end).unwrap_or("").to_string();
    ui.heading(match kind {
        EntityKind::Person => format!("Add “{words}” as a person"),
        EntityKind::Country => format!("Add “{words}” as a country"),
    });
    let hint = match kind {
        EntityKind::Person => "The person's full name",
        EntityKind::Country => "The country's name",
    };
    let enter = name_field_ui(ui, name, hint);
    let known = kind == EntityKind::Person || crate::analysis::country_named(name).is_some();
    if !known {
        ui.label(RichText::new("No country of that name is known.").weak());
    }
    if (ui.add_enabled(known, egui::Button::new("Add")).clicked() || (enter && known))
        && !name.trim().is_empty()
    {
        return Some(Correction::AddEntity {
            entity: kind,
            mention: art.anchor(span),
            name: name.trim().to_string(),
        });
    }
    None
}

/// The people of the article (but `skip`) whose names contain `query`; returns the one clicked.
fn pick_people_ui(ui: &mut egui::Ui, art: &Article, query: &str, skip: &str) -> Option<usize> {
    let q = query.trim().to_lowercase();
    let mut picked = None;
    egui::ScrollArea::vertical()
        .max_height(220.0)
        .id_salt("people")
        .show(ui, |ui| {
            for (pi, p) in art.analysis.people.iter().enumerate() {
                if p.name == skip || !p.name.to_lowercase().contains(&q) {
                    continue;
                }
                if ui
                    .selectable_label(false, format!("{}  ·  person", p.name))
                    .clicked()
                {
                    picked = Some(pi);
                }
            }
        });
    picked
}

/// A selection that includes its quote marks is the words between them.
fn trim_marks(text: &str, span: Span) -> Span {
    let is_mark = crate::analysis::is_quote_mark;
    let mut s = span;
    if let Some(c) = text
        .get(s.start..s.end)
        .and_then(|t| t.chars().next())
        .filter(|&c| is_mark(c))
    {
        s.start += c.len_utf8();
    }
    if let Some(c) = text
        .get(s.start..s.end)
        .and_then(|t| t.chars().next_back())
        .filter(|&c| is_mark(c))
    {
        s.end -= c.len_utf8();
    }
    if s.is_empty() { span } else { s }
}

/// The banner over the article when its review cannot be used: why, and "Start a new review".
pub fn blocked_ui(ui: &mut egui::Ui, why: &str, commands: &mut Vec<Command>, pal: &Palette) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(why).color(pal.error));
        if ui
            .button("Start a new review…")
            .on_hover_text("The old file is kept beside it, as .bak")
            .clicked()
        {
            commands.push(Command::AskNewReview(true));
        }
    });
}

/// The dialog that asks before an unusable review is set aside for a new one.
pub fn new_review_dialog_ui(ctx: &egui::Context, state: &AppState, commands: &mut Vec<Command>) {
    if !state.asking_new_review {
        return;
    }
    let bak = state.article.review.path.as_ref().map_or_else(
        || "the old review".to_string(),
        |p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            format!("{name}.bak")
        },
    );
    let modal = egui::Modal::new(egui::Id::unique("review-new")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading("Start a new review?");
        ui.label(format!(
            "The review that cannot be used is moved aside, as {bak} in the same folder \
             (nothing in it is deleted), and a new, empty review starts."
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Move it aside and start anew").clicked() {
                commands.push(Command::StartNewReview);
            }
            if ui.button("Cancel").clicked() {
                commands.push(Command::AskNewReview(false));
            }
        });
    });
    if modal.should_close() {
        commands.push(Command::AskNewReview(false));
    }
}

/// The corrections that could not be placed in a changed article, as a dialog.
pub fn unplaced_ui(ctx: &egui::Context, state: &AppState, commands: &mut Vec<Command>) {
    let review = &state.article.review;
    if !review.unplaced.is_empty() && !review.unplaced_seen {
        let modal = egui::Modal::new(egui::Id::unique("review-unplaced")).show(ctx, |ui| {
            ui.set_width(460.0);
            ui.heading("Some corrections could not be placed");
            ui.label(
                "The article changed since it was reviewed, and these corrections no longer \
                 find their words. They are kept in the review file, not applied:",
            );
            egui::ScrollArea::vertical()
                .max_height(240.0)
                .show(ui, |ui| {
                    for d in &review.unplaced {
                        ui.label(format!("· {d}"));
                    }
                });
            ui.button("OK").clicked()
        });
        if modal.inner || modal.should_close() {
            commands.push(Command::DismissUnplaced);
        }
    }
}
