//! The quote panel: who said what, grouped by speaker, as cards (their text built once and
//! cached), and the chip that steps through the selected entity.

#![allow(
    clippy::wildcard_imports,
    reason = "a part of `ui`, split off by concern: it shares the module's imports and private items"
)]

use super::*;
use entities::panel_header_ui;

/// Card texts by quote, built when a card is first drawn (the panel draws every frame).
pub type CardCache = std::collections::HashMap<usize, CardText>;

pub(super) fn quotes_ui(ui: &mut egui::Ui, app: &mut Frame<'_>, pal: &Palette) {
    panel_header_ui(ui, app, PanelKind::Quotes, "Who said what");
    if let Some(sel) = app.state.selected {
        selection_chip_ui(ui, app, sel);
    }
    let mut unchecked = app.state.unchecked_only;
    if ui
        .checkbox(&mut unchecked, "Unchecked only")
        .on_hover_text("List only the quotes nobody has checked yet")
        .changed()
    {
        app.commands.push(Command::UncheckedOnly(unchecked));
    }
    ui.separator();
    let selected = app.state.selected;
    let art = &app.state.article;
    let (analysis, panel) = (&art.analysis, &art.panel);
    let cache = &mut app.view.panel;
    let width = ui.available_width();
    if cache.rows.len() != panel.items.len() || (cache.rows_width - width).abs() > 0.5 {
        let estimate = |item: &PanelItem| match *item {
            PanelItem::Empty | PanelItem::Group { .. } => 28.0,
            PanelItem::MentionsHeading => 40.0,
            PanelItem::Quote(qi) => {
                let chars = analysis.quotes.get(qi).map_or(0, |q| q.span.len());
                (chars as f32 * 7.5 / (width - 24.0).max(50.0)).ceil() * 17.0 + 40.0
            }
        };
        let heights = panel.items.iter().map(estimate).collect();
        cache.rows = RowHeights::new(heights, ui.spacing().item_spacing.y);
        cache.rows_width = width;
    }
    let (mut jump, mut copy) = (None, None);
    let fresh = app.view.fresh;
    let (items, groups, cards) = (&panel.items, &panel.groups, &mut cache.cards);
    let commands = &mut *app.commands;
    virtual_list_ui(ui, "quotes", fresh, &mut cache.rows, |ui, i| {
        let Some(&item) = items.get(i) else { return };
        match item {
            PanelItem::Empty => {
                ui.weak(if art.panel.unchecked_only {
                    "Every quote here is checked."
                } else if selected.is_some() {
                    "No quotes by this speaker."
                } else {
                    "No quotations found."
                });
            }
            PanelItem::Group { group, counts } => {
                let Some(g) = groups.get(group) else { return };
                let title = g.name.as_deref().unwrap_or("Unattributed");
                ui.add_space(6.0);
                ui.label(RichText::new(format!("{title} · {counts}")).strong());
            }
            PanelItem::MentionsHeading => {
                ui.add_space(10.0);
                ui.separator();
                if let Some(sel) = selected {
                    ui.label(
                        RichText::new(format!("Quotes that mention {}", analysis.entity_name(sel)))
                            .strong(),
                    );
                }
            }
            PanelItem::Quote(qi) => match quote_card_ui(ui, art, cards, qi, pal, commands) {
                Some(CardAction::Show) => jump = Some(qi),
                Some(CardAction::Copy(t)) => copy = Some(t),
                None => {}
            },
        }
    });
    if let Some(qi) = jump {
        app.commands.push(Command::JumpToQuote(qi));
    }
    if let Some(t) = copy {
        app.commands.push(Command::Copy(t));
    }
}

/// What a quote card asks for.
pub(super) enum CardAction {
    /// Show the quote in the article (a click, or Enter when focused).
    Show,
    /// Copy this text (the card's menu, or Ctrl+C when focused).
    Copy(String),
}

/// The selection: a chip that clears it, and "‹ 2 of 9 ›" to step through its mentions and
/// quotes in the text.
pub(super) fn selection_chip_ui(ui: &mut egui::Ui, app: &mut Frame<'_>, sel: EntityRef) {
    let name = app.state.article.analysis.entity_name(sel);
    ui.horizontal_wrapped(|ui| {
        ui.label("Filter:");
        if ui
            .button(format!("× {name}"))
            .on_hover_text("Clear the filter (Esc)")
            .clicked()
        {
            app.commands.push(Command::ClearSelection);
        }
        let n = app.state.stops.len();
        if n == 0 {
            return;
        }
        if ui
            .button("‹")
            .on_hover_text("Previous mention or quote ([ or Alt+↑)")
            .clicked()
        {
            app.commands.push(Command::Step(false));
        }
        ui.label(match app.state.stop {
            Some(k) => format!("{} of {n}", k + 1),
            None => format!("{n} in the text"),
        });
        if ui
            .button("›")
            .on_hover_text("Next mention or quote (] or Alt+↓)")
            .clicked()
        {
            app.commands.push(Command::Step(true));
        }
    });
}

/// The text of a quote card: the quotation with its white space collapsed (in quote marks
/// unless reported speech), and a line with its kind, speaker and cue.
pub struct CardText {
    pub(super) body: String,
    pub(super) meta: String,
    /// Why this speaker: the rule that gave it, with the cue's words ("Speaker: subject of
    /// reporting verb, before — “said”").
    pub(super) why: String,
}

/// Who gave a quote its place in the panel: the engine, or the reviewer (a quote they added,
/// or one whose speaker or kind they corrected).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Origin {
    Engine,
    Corrected,
    Added,
}

impl CardText {
    fn new(q: &Quote, text: &str, origin: Origin) -> Self {
        let words = text
            .get(q.span.start..q.span.end)
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let (body, note) = match q.kind {
            QuoteKind::Indirect => (words, "reported speech"),
            QuoteKind::Partial => (format!("“{words}”"), "partial quote"),
            _ => (format!("“{words}”"), ""),
        };
        let cue = q.cue.and_then(|c| text.get(c.start..c.end));
        let speaker = q.speaker.as_ref().map(|s| s.name.as_str());
        let who = match (speaker, cue, origin) {
            (Some(s), _, Origin::Added) => format!("{s} · added by you"),
            (None, _, Origin::Added) => "added by you".to_string(),
            (Some(s), Some(c), _) => format!("{s} · “{c}”"),
            (Some(s), None, Origin::Corrected) => format!("{s} · set by you"),
            (Some(s), None, Origin::Engine) => format!("{s} · no cue: follows their earlier quote"),
            (None, Some(c), _) => format!("cue: “{c}”"),
            (None, None, _) => String::new(),
        };
        let meta = [note, who.as_str()]
            .into_iter()
            .filter(|m| !m.is_empty())
            .collect::<Vec<_>>()
            .join(" — ");
        let why = match (q.rule, cue) {
            (Rule::Reviewer, _) => "Speaker: set by a reviewer".to_string(),
            (rule, Some(c)) => format!("Speaker: {} — “{c}”", rule.label()),
            (rule, None) => format!("Speaker: {}", rule.label()),
        };
        Self { body, meta, why }
    }
}

/// Card texts kept at most (a panel shows a few dozen at a time).
pub(super) const MAX_CACHED_CARDS: usize = 1024;

/// One quote as a card; returns whether it was clicked.
pub(super) fn quote_card_ui(
    ui: &mut egui::Ui,
    art: &crate::app::Article,
    cards: &mut CardCache,
    qi: usize,
    pal: &Palette,
    commands: &mut Vec<Command>,
) -> Option<CardAction> {
    let (analysis, text) = (&art.analysis, art.text.as_str());
    let q = analysis.quotes.get(qi)?;
    let flag = |v: &[bool]| v.get(qi).copied().unwrap_or(false);
    let (checked, corrected) = (
        flag(&art.review.flags.checked),
        flag(&art.review.flags.quotes),
    );
    if cards.len() > MAX_CACHED_CARDS {
        cards.clear();
    }
    let origin = if flag(&art.review.flags.added) {
        Origin::Added
    } else if corrected {
        Origin::Corrected
    } else {
        Origin::Engine
    };
    let card = cards
        .entry(qi)
        .or_insert_with(|| CardText::new(q, text, origin));
    let frame = egui::Frame::group(ui.style())
        .fill(if q.kind == QuoteKind::Indirect {
            Color32::TRANSPARENT
        } else {
            pal.quote_bg
        })
        .stroke(egui::Stroke::new(1.0, pal.quote_bar));
    let rect = frame
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(card.body.as_str()).color(pal.text));
            if !card.meta.is_empty() || checked || corrected {
                ui.horizontal_wrapped(|ui| {
                    if checked {
                        ui.label(
                            RichText::new(review::check_mark(ui))
                                .size(theme::META_TEXT_SIZE)
                                .color(pal.checked)
                                .strong(),
                        )
                        .on_hover_text("Checked");
                    }
                    if corrected {
                        ui.label(
                            RichText::new("corrected")
                                .size(theme::META_TEXT_SIZE)
                                .color(pal.corrected),
                        )
                        .on_hover_text("A person corrected this quote");
                    }
                    ui.label(
                        RichText::new(card.meta.as_str())
                            .size(theme::META_TEXT_SIZE)
                            .color(pal.weak),
                    );
                });
            }
        })
        .response
        .rect;
    // The whole card is one widget with an id of its own: Tab reaches it, Enter shows it.
    let resp = ui
        .interact(
            rect,
            ui.make_persistent_id(("quote-card", qi)),
            Sense::click(),
        )
        .on_hover_cursor(egui::CursorIcon::PointingHand)
        .on_hover_ui(|ui| {
            ui.label(card.why.as_str());
            ui.label("Show in the article · C checked · S speaker · N not a quote");
        });
    if resp.has_focus() {
        review::card_keys(ui, art, qi, commands);
    }
    resp.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Button, ui.is_enabled(), card.body.as_str())
    });
    if resp.has_focus() {
        ui.painter().rect_stroke(
            resp.rect,
            4.0,
            ui.visuals().selection.stroke,
            egui::StrokeKind::Outside,
        );
    }
    let mut action = resp.clicked().then_some(CardAction::Show);
    let copy_key = resp.has_focus() && ui.input(|i| i.events.contains(&egui::Event::Copy));
    if copy_key {
        action = Some(CardAction::Copy(crate::report::with_attribution(
            analysis, text, q,
        )));
    }
    resp.context_menu(|ui| {
        if ui
            .add(egui::Button::new("Copy quote with attribution").shortcut_text("Ctrl+C"))
            .clicked()
        {
            action = Some(CardAction::Copy(crate::report::with_attribution(
                analysis, text, q,
            )));
        }
        if ui.button("Copy as Markdown").clicked() {
            action = Some(CardAction::Copy(crate::report::as_markdown(
                analysis, text, q,
            )));
        }
        if ui.button("Show in the article").clicked() {
            action = Some(CardAction::Show);
        }
        ui.separator();
        review::quote_menu_ui(ui, art, qi, commands);
    });
    action
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;

    #[test]
    fn card_text_collapses_white_space_and_names_speaker_and_cue() {
        let text = "“We will   win,\n the vote,” said John Smith.\n\nJohn Smith said the count would start on Monday.";
        let a = analyze(text);
        let cards: Vec<(String, String)> = a
            .quotes
            .iter()
            .map(|q| {
                let c = CardText::new(q, text, Origin::Engine);
                (c.body, c.meta)
            })
            .collect();
        assert_eq!(
            cards,
            [
                (
                    "“We will win, the vote,”".to_string(),
                    "John Smith · “said”".to_string()
                ),
                (
                    "the count would start on Monday".to_string(),
                    "reported speech — John Smith · “said”".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_cards_speaker_line_says_who_placed_it() {
        // The second quote has no cue of its own: the engine carries the speaker over.
        let text = "“We will win,” said John Smith. “The count starts today.”";
        let a = analyze(text);
        let q = &a.quotes[1];
        assert!(q.cue.is_none() && q.speaker.is_some());
        let rows = [
            (
                Origin::Engine,
                "John Smith · no cue: follows their earlier quote",
            ),
            (Origin::Corrected, "John Smith · set by you"),
            (Origin::Added, "John Smith · added by you"),
        ];
        for (origin, want) in rows {
            assert_eq!(CardText::new(q, text, origin).meta, want, "{origin:?}");
        }
        // A cue the engine found still shows when the reviewer changed the kind.
        let first = CardText::new(&a.quotes[0], text, Origin::Corrected);
        assert_eq!(first.meta, "John Smith · “said”");
    }

    /// The card's hover says why this speaker: the rule, with the cue's words when there is one.
    #[test]
    fn a_cards_hover_names_the_rule_that_gave_its_speaker() {
        let text = "“We will win,” said John Smith. “The count starts today.”";
        let a = analyze(text);
        let whys: Vec<String> = a
            .quotes
            .iter()
            .map(|q| CardText::new(q, text, Origin::Engine).why)
            .collect();
        assert_eq!(
            whys,
            [
                "Speaker: reporting verb then subject, after — “said”",
                "Speaker: speaker of the paragraph goes on",
            ]
        );
        let mut reviewed = a.quotes[0].clone();
        reviewed.rule = Rule::Reviewer;
        assert_eq!(
            CardText::new(&reviewed, text, Origin::Corrected).why,
            "Speaker: set by a reviewer"
        );
    }
}
