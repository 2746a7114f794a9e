//! Drawing the review: the correction menus of a quote, a person or country and a text
//! selection, the editors that ask for a name, the dialogs for a review that cannot be used or
//! corrections that cannot be placed, and the keys of a focused quote card.

use eframe::egui::{self, RichText};

use crate::analysis::{EntityRef, QuoteKind, Span};
use crate::app::review::{Edge, Editor};
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
            commands.extend(art.toggle_checked(qi).map(Command::Correct));
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
            commands.extend(art.toggle_quote(qi).map(Command::Correct));
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
    let picked = &state.picked.0;
    if !picked.is_empty() {
        any = true;
        let n = picked.len();
        let label = if n == 1 {
            "This mention is…".to_string()
        } else {
            format!("These {n} mentions are…")
        };
        if ui.add_enabled(!blocked, egui::Button::new(label)).clicked() {
            commands.push(Command::Edit(Some(Editor::Reassign {
                mentions: picked.clone(),
                name: String::new(),
            })));
        }
        ui.separator();
    }
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

/// Keys on a focused quote card: C checked, S speaker, N not a quote; Shift+→ / Shift+← move
/// its end a word, Shift+Alt+→ / Shift+Alt+← its start.
pub fn card_keys(ui: &egui::Ui, art: &Article, qi: usize, commands: &mut Vec<Command>) {
    if art.review.blocked.is_some() || ui.ctx().text_edit_focused() {
        return;
    }
    let none = egui::Modifiers::NONE;
    let shift = egui::Modifiers::SHIFT;
    let shift_alt = egui::Modifiers::SHIFT | egui::Modifiers::ALT;
    let (c, s, n) = ui.input_mut(|i| {
        (
            i.consume_key(none, egui::Key::C),
            i.consume_key(none, egui::Key::S),
            i.consume_key(none, egui::Key::N),
        )
    });
    let moves = ui.input_mut(|i| {
        [
            (shift_alt, egui::Key::ArrowRight, Edge::Start, true),
            (shift_alt, egui::Key::ArrowLeft, Edge::Start, false),
            (shift, egui::Key::ArrowRight, Edge::End, true),
            (shift, egui::Key::ArrowLeft, Edge::End, false),
        ]
        .into_iter()
        .filter(|&(m, k, ..)| i.consume_key(m, k))
        .map(|(_, _, edge, forward)| (edge, forward))
        .collect::<Vec<_>>()
    });
    for (edge, forward) in moves {
        commands.extend(art.span_correction(qi, edge, forward).map(Command::Correct));
    }
    if c {
        commands.extend(art.toggle_checked(qi).map(Command::Correct));
    }
    if s {
        commands.push(Command::Edit(Some(Editor::Speaker {
            quote: qi,
            query: String::new(),
            pick: 0,
        })));
    }
    if n {
        commands.extend(art.toggle_quote(qi).map(Command::Correct));
    }
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
