//! The review's editors, drawn as small dialogs: the speaker picker, the name fields, merging and
//! splitting people, adding a quote or an entity. They say what was chosen; the article builds
//! the correction.

use eframe::egui::{self, RichText};

use crate::analysis::{EntityRef, QuoteKind, Span};
use crate::app::review::{Editor, SpeakerRow};
use crate::app::{AppState, Article, Command};
use crate::review::{Correction, EntityKind, short};

/// A speaker picker: a name field over the rows of [`Article::speaker_rows`], the row `pick`
/// highlighted (the first when the typed name changes; ↑ and ↓ move it). Returns the row
/// clicked, or the highlighted row on Enter; `Err(())` for Enter with nothing typed.
pub(super) fn speaker_picker_ui(
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
pub(super) fn name_field_ui(ui: &mut egui::Ui, value: &mut String, hint: &str) -> bool {
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
pub(super) fn editor_body_ui(
    ui: &mut egui::Ui,
    art: &Article,
    ed: &mut Editor,
) -> Option<Correction> {
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
            if let Some(Ok(row)) = speaker_picker_ui(ui, art, query, pick) {
                done = art.speaker_correction(*quote, &row);
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
                done = Some(art.add_quote_correction(*span, *kind, choice.ok().as_ref()));
            }
        }
        Editor::Rename { entity, name } => {
            ui.heading(format!("Rename {}", art.analysis.entity_name(*entity)));
            let enter = name_field_ui(ui, name, "The canonical name");
            if ui.button("Rename").clicked() || enter {
                done = art.rename_correction(*entity, name);
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
            if let Some(into) = picked {
                done = art.merge_correction(*from, into);
            }
        }
        Editor::Split { mention, name } => {
            ui.heading("Split this mention off");
            ui.label("Whom does it name? A person of the article, or a new one.");
            let enter = name_field_ui(ui, name, "Their name");
            if let Some(n) = person_or_new_ui(ui, art, name, enter) {
                done = art.split_correction(*mention, &n);
            }
        }
        Editor::Reassign { mentions, name } => {
            let n = mentions.len();
            ui.heading(format!("These {n} mentions are…"));
            ui.label("A person of the article, or a new one: each mention goes to them.");
            let enter = name_field_ui(ui, name, "Their name");
            if let Some(n) = person_or_new_ui(ui, art, name, enter) {
                done = art.reassign_correction(mentions, &n);
            }
        }
        Editor::AddEntity { span, kind, name } => {
            done = add_entity_editor_ui(ui, art, *span, *kind, name);
        }
    }
    done
}

/// The editor that adds a person or country from a selection.
pub(super) fn add_entity_editor_ui(
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
    if ui.add_enabled(known, egui::Button::new("Add")).clicked() || enter {
        return art.add_entity_correction(span, kind, name);
    }
    None
}

/// The people whose names contain what is typed, the first highlighted, and a last button for
/// a new person of that name: returns the name clicked, or on Enter the highlighted person's
/// (the typed name when nobody matches).
fn person_or_new_ui(ui: &mut egui::Ui, art: &Article, typed: &str, enter: bool) -> Option<String> {
    let q = typed.trim().to_lowercase();
    let matches: Vec<&str> = art
        .analysis
        .people
        .iter()
        .map(|p| p.name.as_str())
        .filter(|n| n.to_lowercase().contains(&q))
        .collect();
    let mut chosen = None;
    egui::ScrollArea::vertical()
        .max_height(220.0)
        .id_salt("people")
        .show(ui, |ui| {
            for (i, n) in matches.iter().enumerate() {
                let first = i == 0 && !q.is_empty();
                if ui
                    .selectable_label(first, format!("{n}  ·  person"))
                    .clicked()
                {
                    chosen = Some((*n).to_string());
                }
            }
        });
    let exact = matches.iter().any(|n| n.to_lowercase() == q);
    if !q.is_empty()
        && !exact
        && ui
            .button(format!("New person “{}”", typed.trim()))
            .clicked()
    {
        chosen = Some(typed.trim().to_string());
    }
    if chosen.is_none() && enter && !q.is_empty() {
        chosen = Some(
            matches
                .first()
                .map_or_else(|| typed.trim().to_string(), |n| (*n).to_string()),
        );
    }
    chosen
}

/// The people of the article (but `skip`) whose names contain `query`; returns the one clicked.
pub(super) fn pick_people_ui(
    ui: &mut egui::Ui,
    art: &Article,
    query: &str,
    skip: &str,
) -> Option<usize> {
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
