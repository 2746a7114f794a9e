//! What the corpus says, on the desk: the side panel of speakers and countries, the overview's
//! charts (sources, quoted or only mentioned, gender as the articles state it, quotes over
//! time), one speaker's quotes across the corpus as cards, and full-text search.

use eframe::egui::{self, Color32, RichText, Sense, text::LayoutJob};

use super::overview::bar_chart_ui;
use super::theme::Palette;
use crate::app::Command;
use crate::app::desk::{Desk, SEARCH_LIMIT, Section, SideLine};
use crate::corpus::stats::{Speaker, Stats, explain};

/// Height of a line of the side panel.
const SIDE_LINE: f32 = 22.0;
/// Room for a line's numbers ("12 quotes · 3 articles") right of the name.
const NUMBERS_WIDTH: f32 = 150.0;
/// A side panel narrower than this shows bare numbers ("12 · 3"), in this much room.
const NARROW_SIDE: f32 = 280.0;
/// See [`NARROW_SIDE`].
const NUMBERS_WIDTH_NARROW: f32 = 56.0;
/// Bars of the overview's speaker and country charts.
const CHART_MAX: usize = 12;
/// Height of a quote card or a search hit.
const CARD_HEIGHT: f32 = 52.0;

/// "37 %" of `n` in `of`, or "–" of nothing.
pub(super) fn percent(n: usize, of: usize) -> String {
    if of == 0 {
        return "–".into();
    }
    format!("{} %", (n * 100 + of / 2) / of)
}

/// "1 quote", "3 quotes".
fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Whether a speaker is a person (else an organisation or a government).
fn is_person(s: &Speaker) -> bool {
    s.kind == "person"
}

/// The message in place of numbers not there yet.
fn no_numbers_ui(ui: &mut egui::Ui, desk: &Desk) {
    ui.weak(if desk.indexing() {
        "The numbers appear once the index is up to date."
    } else {
        "No numbers: the corpus index could not be read."
    });
}

/// A section's title, with its one-line explanation under it.
fn section_ui(ui: &mut egui::Ui, title: &str, explanation: &str) {
    ui.add_space(10.0);
    ui.strong(title);
    ui.label(
        RichText::new(explanation)
            .size(super::theme::META_TEXT_SIZE)
            .color(ui.visuals().weak_text_color()),
    );
}

/// The side panel beside the desk: speakers (people, then organisations and governments) with
/// their quotes and articles, and countries with their mentions and articles, every one of
/// them in one list of which only the lines on screen are laid out. A speaker's name lists
/// their quotes.
pub fn side_ui(ui: &mut egui::Ui, desk: &Desk, commands: &mut Vec<Command>, pal: &Palette) {
    ui.heading("What the corpus says");
    let Some(s) = desk.stats.as_deref() else {
        no_numbers_ui(ui, desk);
        return;
    };
    ui.label(format!(
        "{} in {} · {} checked",
        count(s.quotes, "quote"),
        count(s.articles, "article"),
        percent(s.checked, s.quotes)
    ))
    .on_hover_text(explain::QUOTES);
    ui.add_space(4.0);
    let lines = &desk.side.0;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, SIDE_LINE, lines.len(), |ui, range| {
            for line in lines.get(range).unwrap_or_default() {
                ui.horizontal(|ui| {
                    ui.set_height(SIDE_LINE);
                    side_line_ui(ui, s, *line, commands, pal);
                });
            }
        });
}

/// One line of the side panel.
fn side_line_ui(
    ui: &mut egui::Ui,
    s: &Stats,
    line: SideLine,
    commands: &mut Vec<Command>,
    pal: &Palette,
) {
    match line {
        SideLine::Heading(section) => {
            let (title, why) = match section {
                Section::People => ("People quoted", explain::SPEAKERS),
                Section::Organisations => ("Organisations quoted", explain::SPEAKERS),
                Section::Countries => ("Countries", explain::COUNTRIES),
            };
            ui.strong(title).on_hover_text(why);
            if ui.available_width() < NARROW_SIDE - 100.0 {
                let what = if section == Section::Countries {
                    "mentions · articles"
                } else {
                    "quotes · articles"
                };
                ui.label(RichText::new(what).color(pal.weak));
            }
        }
        SideLine::Empty => {
            ui.weak("None.");
        }
        SideLine::Speaker(i) => {
            if let Some(sp) = s.speakers.get(i) {
                speaker_row_ui(ui, sp, commands, pal);
            }
        }
        SideLine::Country(i) => {
            if let Some(c) = s.countries.get(i) {
                let numbers = numbers((c.mentions, "mention"), c.articles);
                name_and_numbers_ui(
                    ui,
                    RichText::new(&c.name).color(pal.country),
                    numbers,
                    false,
                    pal,
                );
            }
        }
    }
}

/// A side-panel line's numbers: in words ("3 quotes · 2 articles") and bare ("3 · 2").
fn numbers((n, what): (usize, &str), articles: usize) -> (String, String) {
    (
        format!("{} · {}", count(n, what), count(articles, "article")),
        format!("{n} · {articles}"),
    )
}

/// One speaker in the side panel: the name (a link to their quotes) and their counts.
fn speaker_row_ui(ui: &mut egui::Ui, sp: &Speaker, commands: &mut Vec<Command>, pal: &Palette) {
    let colour = if is_person(sp) { pal.person } else { pal.text };
    let numbers = numbers((sp.quotes, "quote"), sp.articles);
    let name = RichText::new(&sp.name).color(colour);
    let clicked = name_and_numbers_ui(ui, name, numbers, true, pal).is_some_and(|r| {
        r.on_hover_text("List their quotes across the corpus")
            .clicked()
    });
    if clicked {
        commands.push(Command::DeskSpeaker(sp.name.clone(), sp.kind.clone()));
    }
}

/// A name and its numbers on one line of the side panel: the numbers in words, or, in a
/// narrow panel, the bare numbers (the words on hover) so that the name keeps its room; the
/// name cut short (…) if it must. A frameless button when `link`, whose response it returns.
fn name_and_numbers_ui(
    ui: &mut egui::Ui,
    name: RichText,
    (words, bare): (String, String),
    link: bool,
    pal: &Palette,
) -> Option<egui::Response> {
    let narrow = ui.available_width() < NARROW_SIDE;
    let (numbers, room) = if narrow {
        (bare, NUMBERS_WIDTH_NARROW)
    } else {
        (words.clone(), NUMBERS_WIDTH)
    };
    let numbers = egui::Label::new(RichText::new(numbers).color(pal.weak))
        .truncate()
        .selectable(false);
    let name_width = (ui.available_width() - room).max(60.0);
    let response = ui
        .allocate_ui(egui::vec2(name_width, SIDE_LINE), |ui| {
            if link {
                Some(ui.add(egui::Button::new(name).frame(false).truncate()))
            } else {
                ui.add(egui::Label::new(name).truncate().selectable(false));
                None
            }
        })
        .inner;
    let shown = ui.add(numbers);
    if narrow {
        shown.on_hover_text(words);
    }
    response
}

/// The overview: the corpus's numbers as charts, each with how it is counted. A speaker's bar
/// lists their quotes.
pub fn overview_ui(ui: &mut egui::Ui, desk: &Desk, commands: &mut Vec<Command>, pal: &Palette) {
    let Some(s) = desk.stats.as_deref() else {
        no_numbers_ui(ui, desk);
        return;
    };
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(format!(
                "{} in {}; {} checked by a person; {} of the articles fully checked.",
                count(s.quotes, "quote"),
                count(s.articles, "article"),
                count(s.checked, "quote"),
                s.articles_checked
            ));
            if !s.failed.is_empty() {
                ui.label(
                    RichText::new(format!(
                        "{} could not be read (listed in the Articles tab).",
                        count(s.failed.len(), "file")
                    ))
                    .color(pal.error),
                );
            }
            sources_ui(ui, s, pal);
            section_ui(ui, "Most quoted", explain::SPEAKERS);
            let top: Vec<&Speaker> = s.speakers.iter().take(CHART_MAX).collect();
            let rows: Vec<(String, usize, Color32)> = top
                .iter()
                .map(|sp| {
                    let c = if is_person(sp) { pal.person } else { pal.weak };
                    (sp.name.clone(), sp.quotes, c)
                })
                .collect();
            if rows.is_empty() {
                ui.weak("Nobody is quoted.");
            } else if let (Some(i), _) = bar_chart_ui(ui, "corpus-speakers", "quotes", &rows)
                && let Some(sp) = top.get(i)
            {
                commands.push(Command::DeskSpeaker(sp.name.clone(), sp.kind.clone()));
            }
            ui.weak("Click a bar to list that speaker's quotes.");
            section_ui(ui, "Countries", explain::COUNTRIES);
            let rows: Vec<(String, usize, Color32)> = s
                .countries
                .iter()
                .take(CHART_MAX)
                .map(|c| (c.name.clone(), c.mentions, pal.country))
                .collect();
            if rows.is_empty() {
                ui.weak("No country is mentioned.");
            } else {
                bar_chart_ui(ui, "corpus-countries", "mentions", &rows);
            }
            time_ui(ui, s, pal);
        });
}

/// Bars of parts of a whole: each part's label with its share of the whole ("He, 14 %").
fn shares(parts: &[(&str, usize, Color32)]) -> Vec<(String, usize, Color32)> {
    let all = parts.iter().map(|p| p.1).sum();
    parts
        .iter()
        .map(|&(label, n, c)| (format!("{label}, {}", percent(n, all)), n, c))
        .collect()
}

/// The source-diversity charts: where quotes come from, quoted or only mentioned, and quoted
/// people by gender as the articles state it.
fn sources_ui(ui: &mut egui::Ui, s: &Stats, pal: &Palette) {
    let src = &s.sources;
    section_ui(ui, "Sources of the quotes", explain::SOURCES);
    let rows = shares(&[
        ("Named people", src.person, pal.person),
        ("Organisations", src.organization, pal.quote_bar),
        ("Unnamed sources", src.unnamed, pal.weak),
        ("No attribution", src.unattributed, pal.error),
    ]);
    bar_chart_ui(ui, "corpus-sources", "quotes", &rows);
    let p = &s.people;
    section_ui(ui, "People quoted or only mentioned", explain::PEOPLE);
    let rows = shares(&[
        ("Quoted", p.quoted, pal.person),
        ("Only mentioned", p.only_mentioned, pal.weak),
    ]);
    bar_chart_ui(ui, "corpus-people", "people", &rows);
    let g = &s.quoted_people_by_gender;
    section_ui(
        ui,
        "Quoted people by gender, as the articles refer to them",
        explain::GENDER,
    );
    let rows = shares(&[
        ("He", g.he, pal.person),
        ("She", g.she, pal.person),
        ("Not stated", g.not_stated, pal.weak),
    ]);
    bar_chart_ui(ui, "corpus-gender", "quoted people", &rows);
}

/// Quotes per month of the dated articles, oldest at the top.
fn time_ui(ui: &mut egui::Ui, s: &Stats, pal: &Palette) {
    section_ui(ui, "Quotes over time", explain::OVER_TIME);
    let rows: Vec<(String, usize, Color32)> = s
        .over_time
        .iter()
        .map(|m| {
            let label = format!("{} ({})", m.month, count(m.articles, "article"));
            (label, m.quotes, pal.quote_bar)
        })
        .collect();
    if rows.is_empty() {
        ui.weak("No article gives a date.");
    } else {
        bar_chart_ui(ui, "corpus-time", "quotes", &rows);
    }
    if s.undated_articles > 0 {
        ui.weak(format!(
            "{} without a date.",
            count(s.undated_articles, "article")
        ));
    }
}

/// A clickable card of fixed height: a first line (strong) with a weak note, and a second
/// line (the quote or the words around a hit), each cut to the width. Returns its response.
fn card_ui(
    ui: &mut egui::Ui,
    (first, note): (&str, &str),
    second: LayoutJob,
    selected: bool,
    pal: &Palette,
) -> egui::Response {
    let background = ui.painter().add(egui::Shape::Noop);
    let response = ui
        .vertical(|ui| {
            ui.set_height(CARD_HEIGHT - 4.0);
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.add(
                    egui::Label::new(RichText::new(first).strong())
                        .truncate()
                        .selectable(false),
                );
                ui.add(
                    egui::Label::new(RichText::new(note).color(pal.weak))
                        .truncate()
                        .selectable(false),
                );
            });
            ui.add(egui::Label::new(second).truncate().selectable(false));
        })
        .response
        .interact(Sense::click());
    super::theme::row_background(ui, background, &response, selected, pal);
    response
}

/// One speaker's quotes across the corpus, as cards (virtualised); a card opens its article
/// scrolled to the quote.
pub fn speaker_ui(
    ui: &mut egui::Ui,
    desk: &Desk,
    name: &str,
    kind: &str,
    commands: &mut Vec<Command>,
    pal: &Palette,
) {
    let articles = desk.card_articles;
    ui.horizontal(|ui| {
        ui.heading(format!("Quotes by {name}"));
        let what = if kind == "person" {
            "a person"
        } else {
            "an organisation"
        };
        ui.label(
            RichText::new(format!(
                "{what} · {} in {}",
                count(desk.cards.len(), "quote"),
                count(articles, "article")
            ))
            .color(pal.weak),
        );
    });
    ui.weak("Click a quote to open its article there.");
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, CARD_HEIGHT, desk.cards.len(), |ui, range| {
            for card in desk.cards.get(range).unwrap_or_default() {
                let note = match &card.date {
                    Some(d) => format!("{d} · {}", card.file),
                    None => card.file.clone(),
                };
                let mut quote = LayoutJob::default();
                let mark = if card.checked { "[checked] " } else { "" };
                quote.append(
                    &format!("{mark}\u{201c}{}\u{201d}", card.text.trim()),
                    0.0,
                    egui::TextFormat {
                        color: pal.text,
                        background: pal.quote_bg,
                        ..Default::default()
                    },
                );
                let response = card_ui(ui, (&card.title, &note), quote, false, pal)
                    .on_hover_text(card.text.trim());
                if response.clicked() {
                    commands.push(Command::DeskOpenQuote(card.file.clone(), card.quote));
                }
            }
        });
}

/// The words around a hit, the match (between `[` and `]`, as the index marks it) on the find
/// colour.
fn context_job(context: &str, pal: &Palette) -> LayoutJob {
    let mut job = LayoutJob::default();
    let plain = egui::TextFormat {
        color: pal.text,
        ..Default::default()
    };
    let hit = egui::TextFormat {
        color: pal.text,
        background: pal.find_bg,
        ..Default::default()
    };
    let mut rest = context;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|c| open + c) else {
            break;
        };
        job.append(&rest[..open], 0.0, plain.clone());
        job.append(&rest[open + 1..close], 0.0, hit.clone());
        rest = &rest[close + 1..];
    }
    job.append(rest, 0.0, plain);
    job
}

/// Full-text search of the corpus: the phrase, in quotes only or anywhere; the places found
/// with the words around them and their article; Up and Down choose, Enter opens.
pub fn search_ui(ui: &mut egui::Ui, desk: &Desk, commands: &mut Vec<Command>, pal: &Palette) {
    let s = &desk.search;
    ui.horizontal(|ui| {
        ui.label("Search:");
        let mut query = s.query.clone();
        let edit = egui::TextEdit::singleline(&mut query)
            .id_salt("corpus-search")
            .hint_text("a phrase")
            .desired_width(280.0);
        let response = ui.add(edit);
        if response.changed() {
            commands.push(Command::DeskSearch(query, s.anywhere));
        }
        if s.query.is_empty() && !response.has_focus() {
            response.request_focus();
        }
        if response.has_focus() {
            let (down, up) = ui.input(|i| {
                (
                    i.key_pressed(egui::Key::ArrowDown),
                    i.key_pressed(egui::Key::ArrowUp),
                )
            });
            if down {
                commands.push(Command::DeskStepHit(1));
            } else if up {
                commands.push(Command::DeskStepHit(-1));
            }
        }
        if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            commands.push(Command::DeskOpenHit);
        }
        for (anywhere, label) in [(false, "In quotes"), (true, "Anywhere")] {
            if ui.radio(s.anywhere == anywhere, label).clicked() && s.anywhere != anywhere {
                commands.push(Command::DeskSearch(s.query.clone(), anywhere));
            }
        }
    });
    if s.query.trim().is_empty() {
        ui.weak(
            "Type a phrase: its words in this order, case and accents ignored. \
             The Up and Down keys choose a place, Enter opens it.",
        );
        return;
    }
    let first = if s.hits.len() == SEARCH_LIMIT {
        format!(" (the first {SEARCH_LIMIT})")
    } else {
        String::new()
    };
    ui.label(
        RichText::new(format!(
            "{} found{first} in {} ms",
            count(s.hits.len(), "place"),
            s.took.as_millis()
        ))
        .color(pal.weak),
    );
    let mut area = egui::ScrollArea::vertical().auto_shrink([false, false]);
    // The hit chosen with the keys is brought into view, a third of the way down.
    if s.follow {
        #[allow(clippy::cast_precision_loss, reason = "a row's offset in points")]
        let y = (s.selected as f32 * (CARD_HEIGHT + ui.spacing().item_spacing.y)
            - 3.0 * CARD_HEIGHT)
            .max(0.0);
        area = area.vertical_scroll_offset(y);
        commands.push(Command::DeskScrolled);
    }
    area.show_rows(ui, CARD_HEIGHT, s.hits.len(), |ui, range| {
        for (i, hit) in s
            .hits
            .iter()
            .enumerate()
            .skip(range.start)
            .take(range.len())
        {
            let note = match (&hit.speaker, hit.quote) {
                (Some(who), Some(_)) => format!("{who} · {}", hit.file),
                (None, Some(_)) => format!("no speaker · {}", hit.file),
                _ => hit.file.clone(),
            };
            let response = card_ui(
                ui,
                (&hit.title, &note),
                context_job(&hit.context, pal),
                i == s.selected,
                pal,
            );
            if response.clicked() {
                commands.push(match hit.quote {
                    Some(q) => Command::DeskOpenQuote(hit.file.clone(), q),
                    None => Command::DeskOpen(hit.file.clone()),
                });
            }
        }
    });
}
