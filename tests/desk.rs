//! The corpus desk through `egui_kittest`: a folder of dev-set articles opened as a corpus, its
//! table (a file that cannot be read listed with its error), sorting, filtering, opening an
//! article and coming back to the same row; re-opening analyses only a changed file; a speaker's
//! quotes across the corpus and a card that opens the article at the quote; search; an index
//! interrupted and reopened; the tables exported as CSV; the desk's numbers against `stats`.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a failed test"
)]

use std::path::Path;
use std::time::{Duration, Instant};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotelens::app::desk::Column;
use quotelens::app::{Command, Settings};
use quotelens::window::QuotelensApp;

mod common;
use common::scratch::{Scratch, copy_dev_articles, kill_stats_mid_index};

/// Six dev-set articles and a binary file named like an article.
fn fill(dir: &Path) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/devset2");
    let mut names = Vec::new();
    for n in ["001", "002", "003", "004", "005", "006"] {
        let name = format!("{n}.txt");
        std::fs::copy(root.join(&name), dir.join(&name)).unwrap();
        names.push(name);
    }
    std::fs::write(dir.join("broken.txt"), b"\0\x01\x02binary\0\0\0\0").unwrap();
    names
}

/// The app with `dir` opened as a corpus (its index under `data`), indexing not waited for.
fn opening(dir: &Path, data: &Path, size: egui::Vec2) -> Harness<'static, QuotelensApp> {
    let mut h = Harness::builder()
        .with_size(size)
        .with_max_steps(24)
        .build_ui_state(
            |ui, app: &mut QuotelensApp| app.frame_ui(ui),
            QuotelensApp::new(Settings::default()),
        );
    h.state_mut().state.set_data_dir(Some(data.to_path_buf()));
    h.state_mut().state.open_folder(dir);
    h
}

/// The app with `dir` open as a corpus, its index under `data`, once indexing is over.
fn desk(dir: &Path, data: &Path) -> Harness<'static, QuotelensApp> {
    desk_sized(dir, data, egui::vec2(1280.0, 800.0))
}

/// [`desk`] in a window of `size`.
fn desk_sized(dir: &Path, data: &Path, size: egui::Vec2) -> Harness<'static, QuotelensApp> {
    let mut h = opening(dir, data, size);
    let started = Instant::now();
    while h.state().state.desk.as_ref().unwrap().indexing() {
        assert!(
            started.elapsed() < Duration::from_mins(2),
            "indexing never ended"
        );
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run();
    h
}

/// The title a dev-set article's table row shows: its first line.
fn title(dir: &Path, name: &str) -> String {
    let text = std::fs::read_to_string(dir.join(name)).unwrap();
    text.lines().next().unwrap().trim().to_string()
}

#[test]
fn a_folder_opens_as_a_table_that_sorts_filters_and_opens_an_article_and_comes_back() {
    let s = Scratch::new("desk-flow");
    let dir = s.articles();
    let names = fill(&dir);
    let mut h = desk(&dir, &s.data());
    let d = h.state().state.desk.as_ref().unwrap();
    assert!(h.state().state.at_desk);
    assert_eq!(d.rows.len(), 7);
    let u = d.updated.clone().unwrap();
    assert_eq!((u.analysed, u.failed.len()), (6, 1));
    // Every article by its title; the broken file with its error.
    for n in &names {
        assert!(h.query_by_label(&title(&dir, n)).is_some(), "{n}");
    }
    let why = d
        .rows
        .iter()
        .find(|r| r.file == "broken.txt")
        .and_then(|r| r.error.clone())
        .unwrap();
    assert!(
        h.query_by_label(&format!("broken.txt — {why}")).is_some(),
        "the broken file is listed with its error: {why}"
    );

    // Sorting by quotes: ascending, then (again) descending.
    h.get_by_label("Quotes").click();
    h.run();
    let quotes = |h: &Harness<'_, QuotelensApp>| {
        let d = h.state().state.desk.as_ref().unwrap();
        d.shown
            .iter()
            .map(|&i| d.rows[i].quotes)
            .collect::<Vec<_>>()
    };
    let up = quotes(&h);
    assert!(up.is_sorted(), "{up:?}");
    assert_eq!(
        h.state().state.desk.as_ref().unwrap().sort,
        (Column::Quotes, true)
    );
    h.get_by_label("Quotes").click();
    h.run();
    let down = quotes(&h);
    assert!(down.iter().rev().is_sorted(), "{down:?}");

    // The filter keeps the rows whose title or file match.
    let pick = &names[2];
    let wanted = title(&dir, pick);
    h.state_mut()
        .commands
        .push(Command::DeskFilter(pick.clone()));
    h.run();
    assert_eq!(h.state().state.desk.as_ref().unwrap().shown.len(), 1);
    assert!(h.query_by_label("1 of 7 shown").is_some());
    h.state_mut()
        .commands
        .push(Command::DeskFilter(String::new()));
    h.run();

    // A click on a row opens its article, with a way back.
    h.get_by_label(&wanted).click();
    h.run();
    h.state_mut().state.finish_loading(Duration::from_mins(1));
    h.run();
    assert!(!h.state().state.at_desk);
    assert_eq!(h.state().state.article.name, *pick);
    assert!(h.query_by_label("« Corpus: articles").is_some());

    // Alt+← goes back to the desk, at the same row, in the same order.
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowLeft);
    h.run();
    let d = h.state().state.desk.as_ref().unwrap();
    assert!(h.state().state.at_desk);
    assert_eq!(d.current.as_deref(), Some(pick.as_str()));
    assert_eq!(d.sort, (Column::Quotes, false));
    assert_eq!(quotes(&h), down);
    assert!(h.query_by_label(&wanted).is_some());

    // The breadcrumb does the same.
    h.get_by_label(&wanted).click();
    h.run();
    h.state_mut().state.finish_loading(Duration::from_mins(1));
    h.run();
    h.get_by_label("« Corpus: articles").click();
    h.run();
    assert!(h.state().state.at_desk);
}

#[test]
fn reopening_a_folder_analyses_only_the_changed_file() {
    let s = Scratch::new("desk-changed");
    let dir = s.articles();
    fill(&dir);
    drop(desk(&dir, &s.data()));
    let mut text = std::fs::read_to_string(dir.join("004.txt")).unwrap();
    text.push_str("\nA paragraph added later.\n");
    std::fs::write(dir.join("004.txt"), text).unwrap();
    let h = desk(&dir, &s.data());
    let u = h
        .state()
        .state
        .desk
        .as_ref()
        .unwrap()
        .updated
        .clone()
        .unwrap();
    // The changed file alone (and the broken one, which is always tried again).
    assert_eq!((u.analysed, u.reused, u.failed.len()), (1, 5, 1), "{u:?}");
    assert!(
        h.query_by_label("Indexed: 1 analysed, 5 unchanged")
            .is_some()
    );
}

/// Invented articles: one speaker quoted in two of them, an organisation, an unnamed source.
const STORIES: [(&str, &str); 3] = [
    (
        "harbour.txt",
        "Harbour plan approved\n\n\
         The city council approved the new harbour plan on Monday.\n\n\
         “This is a good day for the port,” said Ms. Lena Korhonen, who chairs the council.\n\n\
         “We will watch the costs closely,” she said.\n\n\
         Mr. Arvid Nystrom, a fisherman, watched from the gallery.\n",
    ),
    (
        "harbour-vote.txt",
        "Harbour vote delayed\n\n\
         The final vote on the harbour plan was delayed by a week.\n\n\
         “We need one more week to read the figures,” Lena Korhonen told reporters.\n\n\
         The port authority said in a statement that “the timetable stands”.\n",
    ),
    (
        "rail.txt",
        "Rail strike ends\n\n\
         Rail workers in France and Germany returned to work on Friday.\n\n\
         “The trains will run again,” said Pieter Vandamme, a union leader.\n\n\
         “Nobody wanted this strike,” a railway official said.\n",
    ),
];

fn write_stories(dir: &Path) {
    for (name, text) in STORIES {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

/// Waits for the article being opened and shows it.
fn opened(h: &mut Harness<'_, QuotelensApp>) {
    h.run();
    h.state_mut().state.finish_loading(Duration::from_mins(1));
    h.run();
}

/// The quote of the article on screen that is being flashed, by its words.
fn flashed(h: &Harness<'_, QuotelensApp>) -> String {
    let state = &h.state().state;
    let (span, _) = state.flash.expect("a quote is flashed");
    let a = &state.article;
    assert!(
        a.analysis.quotes.iter().any(|q| q.outer() == span),
        "the flash is a quote"
    );
    a.text[span.start..span.end].to_string()
}

#[test]
fn a_speaker_lists_their_quotes_across_the_corpus_and_a_card_opens_the_article_at_it() {
    let s = Scratch::new("desk-speaker");
    let dir = s.articles();
    write_stories(&dir);
    let mut h = desk(&dir, &s.data());
    // The side panel: the speaker, quoted in two articles. No article gives a date: no date
    // column.
    assert!(h.query_by_label("What the corpus says").is_some());
    assert!(h.query_by_label("Date").is_none());
    assert!(h.query_by_label("3 quotes · 2 articles").is_some());
    h.get_by_label("Lena Korhonen").click();
    h.run();
    assert!(h.query_by_label("Quotes by Lena Korhonen").is_some());
    assert!(
        h.query_by_label("a person · 3 quotes in 2 articles")
            .is_some()
    );
    let d = h.state().state.desk.as_ref().unwrap();
    let cards: Vec<(&str, &str)> = d
        .cards
        .iter()
        .map(|c| (c.file.as_str(), c.text.as_str()))
        .collect();
    assert_eq!(
        cards,
        [
            (
                "harbour-vote.txt",
                "We need one more week to read the figures,"
            ),
            ("harbour.txt", "This is a good day for the port,"),
            ("harbour.txt", "We will watch the costs closely,"),
        ]
    );

    // A card opens its article scrolled to the quote, flashing it.
    h.get_by_label("“We will watch the costs closely,”").click();
    opened(&mut h);
    assert!(!h.state().state.at_desk);
    assert_eq!(h.state().state.article.name, "harbour.txt");
    assert_eq!(flashed(&h), "“We will watch the costs closely,”");

    // Back: the desk as it was, the speaker's quotes, the article's row the current one.
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowLeft);
    h.run();
    let d = h.state().state.desk.as_ref().unwrap();
    assert!(h.state().state.at_desk);
    assert_eq!(d.current.as_deref(), Some("harbour.txt"));
    assert!(h.query_by_label("Quotes by Lena Korhonen").is_some());
    // The articles tab, at that row.
    h.get_by_label("Articles").click();
    h.run();
    let d = h.state().state.desk.as_ref().unwrap();
    let row = d.current_row.unwrap();
    assert_eq!(d.rows[d.shown[row]].file, "harbour.txt");
}

#[test]
fn a_search_finds_a_phrase_in_quotes_or_anywhere_and_enter_opens_the_hit() {
    let s = Scratch::new("desk-search");
    let dir = s.articles();
    write_stories(&dir);
    let mut h = desk(&dir, &s.data());
    let search =
        |h: &Harness<'_, QuotelensApp>| h.state().state.desk.as_ref().unwrap().search.clone();
    h.get_by_label("Search").click();
    h.run();
    // The search box takes the keys at once. "harbour" is in no quote, but in two articles.
    h.event(egui::Event::Text("harbour".into()));
    h.run();
    assert_eq!(search(&h).query, "harbour");
    assert!(search(&h).hits.is_empty());
    assert!(h.query_by_label_contains("0 places found in").is_some());
    h.get_by_label("Anywhere").click();
    h.run();
    let found = search(&h);
    assert_eq!(found.query, "harbour");
    let mut files: Vec<&str> = found.hits.iter().map(|x| x.file.as_str()).collect();
    files.sort_unstable();
    assert_eq!(files, ["harbour-vote.txt", "harbour.txt"]);
    assert!(found.hits.iter().all(|x| x.quote.is_none()));
    assert!(h.query_by_label(&found.hits[0].title).is_some());

    // In quotes, another phrase: two places; Down chooses the second, Enter opens it there.
    h.get_by_label("In quotes").click();
    h.run();
    h.get_by_role(egui::accesskit::Role::TextInput).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.event(egui::Event::Text("we".into()));
    h.run();
    let found = search(&h);
    assert_eq!((found.query.as_str(), found.anywhere), ("we", false));
    assert_eq!(found.hits.len(), 2, "{:?}", found.hits);
    assert!(h.query_by_label_contains("2 places found in").is_some());
    h.key_press(egui::Key::ArrowDown);
    h.run();
    assert_eq!(search(&h).selected, 1);
    let hit = found.hits[1].clone();
    h.key_press(egui::Key::Enter);
    opened(&mut h);
    assert!(!h.state().state.at_desk);
    assert_eq!(h.state().state.article.name, hit.file);
    let quote = hit.quote.unwrap();
    let a = &h.state().state.article;
    let q = a.analysis.quotes[quote].outer();
    assert_eq!(flashed(&h), a.text[q.start..q.end]);
    // The words around the hit show the phrase marked.
    assert!(
        hit.context.to_lowercase().contains("[we]"),
        "{}",
        hit.context
    );
}

#[test]
fn an_index_killed_or_cancelled_mid_run_reopens_with_what_it_kept() {
    let s = Scratch::new("desk-interrupted");
    let dir = s.articles();
    copy_dev_articles(&dir, 240);
    // Another process indexes the folder into the same data folder and is killed mid-run.
    kill_stats_mid_index(&dir, &s.data());

    // The desk opens that index as it is (not rebuilt), lists what it kept at once, and is
    // cancelled in its turn from its Cancel button.
    let mut h = opening(&dir, &s.data(), egui::vec2(1280.0, 800.0));
    let started = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(20));
        h.step();
        let d = h.state().state.desk.as_ref().unwrap();
        let listed = d.rows.len();
        if d.progress.is_some_and(|p| p.done > 0) && listed > 0 {
            break;
        }
        assert!(
            d.indexing(),
            "the desk finished before it could be cancelled"
        );
        assert!(started.elapsed() < Duration::from_mins(2));
    }
    h.run();
    assert!(h.query_by_label_contains("Indexing:").is_some());
    h.get_by_label("Cancel").click();
    h.run();
    let started = Instant::now();
    while h.state().state.desk.as_ref().unwrap().indexing() {
        assert!(started.elapsed() < Duration::from_mins(2));
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run();
    let d = h.state().state.desk.as_ref().unwrap();
    assert!(d.rebuilt.is_none(), "{:?}", d.rebuilt);
    assert!(d.error.is_none(), "{:?}", d.error);
    let first = d.updated.clone().unwrap();
    assert!(
        first.reused > 0,
        "nothing of the killed run was kept: {first:?}"
    );
    assert!(first.cancelled, "{first:?}");
    assert!(
        h.query_by_label_contains("cancelled: the rest is indexed next time")
            .is_some()
    );
    drop(h);

    // Opened again, it finishes: only what neither run analysed is analysed now.
    let h = desk(&dir, &s.data());
    let d = h.state().state.desk.as_ref().unwrap();
    let last = d.updated.clone().unwrap();
    assert!(!last.cancelled);
    assert_eq!(last.analysed + last.reused, 240, "{last:?}");
    assert!(
        last.reused >= first.reused + first.analysed,
        "{first:?} then {last:?}"
    );
    assert_eq!(d.rows.len(), 240);
    assert_eq!(d.stats.as_ref().unwrap().articles, 240);
}

#[test]
fn the_desk_shows_the_numbers_stats_gives_and_exports_its_tables() {
    let s = Scratch::new("desk-agree");
    let dir = s.articles();
    write_stories(&dir);
    fill(&dir);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_quotelens"))
        .arg("stats")
        .arg(&dir)
        .arg("--json")
        .env("QUOTELENS_DATA_DIR", s.data())
        .output()
        .unwrap();
    // The broken file makes `stats` exit 1, after writing its numbers.
    assert_eq!(out.status.code(), Some(1));
    let cli: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Tall enough for the side panel to show every speaker (it lays out only the lines on
    // screen).
    let mut h = desk_sized(&dir, &s.data(), egui::vec2(1280.0, 2400.0));
    let d = h.state().state.desk.as_ref().unwrap();
    assert_eq!(
        d.updated.as_ref().unwrap().analysed,
        0,
        "the desk reads the same index"
    );
    assert!(d.side.0.len() * 22 < 2200, "{} lines", d.side.0.len());
    let desk_json = serde_json::to_value(d.stats.as_deref().unwrap()).unwrap();
    // The same numbers, but for what this run did.
    for key in [
        "articles",
        "quotes",
        "checked",
        "speakers",
        "countries",
        "sources",
        "people",
        "quoted_people_by_gender",
        "over_time",
        "undated_articles",
        "failed",
    ] {
        assert_eq!(desk_json[key], cli[key], "{key}");
    }
    // And the side panel shows each speaker's numbers as `stats` gives them.
    let count = |n: &serde_json::Value, word: &str| {
        let n = n.as_u64().unwrap();
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let mut expected = std::collections::BTreeMap::<String, usize>::new();
    for sp in cli["speakers"].as_array().unwrap() {
        let name = sp["name"].as_str().unwrap();
        assert!(h.query_by_label(name).is_some(), "{name}");
        let numbers = format!(
            "{} · {}",
            count(&sp["quotes"], "quote"),
            count(&sp["articles"], "article")
        );
        *expected.entry(numbers).or_default() += 1;
    }
    assert!(expected.len() > 1, "{expected:?}");
    for (numbers, n) in expected {
        assert_eq!(h.query_all_by_label(&numbers).count(), n, "{numbers}");
    }
    let head = format!(
        "{} in {}",
        count(&cli["quotes"], "quote"),
        count(&cli["articles"], "article")
    );
    assert!(h.query_by_label_contains(&head).is_some(), "{head}");
    // The overview says the same.
    h.get_by_label("Overview").click();
    h.run();
    assert!(
        h.query_by_label_contains(&format!("{head};")).is_some(),
        "{head}"
    );

    // File, Export Corpus Tables: five CSV files, and a notice saying where.
    let out_dir = s.0.join("export");
    std::fs::create_dir_all(&out_dir).unwrap();
    h.state_mut()
        .commands
        .push(Command::ExportCorpus(out_dir.clone()));
    h.run();
    let notice = format!("Exported 5 corpus tables (CSV) to {}", out_dir.display());
    assert!(h.query_by_label(&notice).is_some(), "{notice}");
    let quotes = std::fs::read_to_string(out_dir.join("quotes.csv")).unwrap();
    assert_eq!(
        quotes.lines().count() - 1,
        usize::try_from(cli["quotes"].as_u64().unwrap()).unwrap()
    );
}

/// A news page with a publication date, as a site publishes it.
fn page(title: &str, date: &str, body: &str) -> String {
    format!(
        "<!doctype html><html><head><title>{title}</title>\
         <meta property=\"article:published_time\" content=\"{date}\"></head>\
         <body><article><h1>{title}</h1>{body}</article></body></html>"
    )
}

#[test]
fn dated_articles_get_a_date_column_and_quotes_over_time() {
    let s = Scratch::new("desk-dated");
    let dir = s.articles();
    let body = |who: &str| {
        format!(
            "<p>The harbour plan was approved by the council after a long debate on Monday \
             evening, with most members in favour.</p>\
             <p>“This is a good day for the port,” said {who}, who chairs the council.</p>\
             <p>“We will watch the costs closely,” {who} said.</p>"
        )
    };
    std::fs::write(
        dir.join("march.html"),
        page(
            "Harbour plan approved",
            "2020-03-05T09:00:00Z",
            &body("Lena Korhonen"),
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("may.html"),
        page(
            "Harbour works begin",
            "2020-05-20T09:00:00Z",
            &body("Arvid Nystrom"),
        ),
    )
    .unwrap();
    std::fs::write(dir.join("rail.txt"), STORIES[2].1).unwrap();
    let mut h = desk(&dir, &s.data());
    let d = h.state().state.desk.as_ref().unwrap();
    assert!(d.dated);
    let dates: Vec<(&str, Option<&str>)> = d
        .rows
        .iter()
        .map(|r| (r.file.as_str(), r.date.as_deref().map(|x| &x[..10])))
        .collect();
    assert_eq!(
        dates,
        [
            ("march.html", Some("2020-03-05")),
            ("may.html", Some("2020-05-20")),
            ("rail.txt", None)
        ]
    );
    // The date column, sortable: newest first going down, the undated last.
    h.get_by_label("Date").click();
    h.run();
    h.get_by_label("Date").click();
    h.run();
    let d = h.state().state.desk.as_ref().unwrap();
    let order: Vec<&str> = d.shown.iter().map(|&i| d.rows[i].file.as_str()).collect();
    assert_eq!(order, ["may.html", "march.html", "rail.txt"]);
    // Quotes per month; the undated article counted apart.
    let months: Vec<(String, usize)> = d
        .stats
        .as_ref()
        .unwrap()
        .over_time
        .iter()
        .map(|m| (m.month.clone(), m.quotes))
        .collect();
    assert_eq!(
        months,
        [("2020-03".to_string(), 2), ("2020-05".to_string(), 2)]
    );
    h.get_by_label("Overview").click();
    h.run();
    assert!(h.query_by_label("1 article without a date.").is_some());
    assert!(h.query_by_label("No article gives a date.").is_none());
}

#[test]
fn the_hit_chosen_with_the_keys_stays_in_view() {
    let s = Scratch::new("desk-follow");
    let dir = s.articles();
    for i in 0..40 {
        std::fs::write(
            dir.join(format!("{i:02}.txt")),
            format!(
                "Harbour report {i:02}\n\n“The pier stays open for report {i:02},” said Ann \
                 Lee.\n"
            ),
        )
        .unwrap();
    }
    let mut h = desk(&dir, &s.data());
    h.get_by_label("Search").click();
    h.run();
    h.event(egui::Event::Text("pier stays open".into()));
    h.run();
    let hits = h.state().state.desk.as_ref().unwrap().search.hits.clone();
    assert_eq!(hits.len(), 40);
    // Far more hits than fit: the last ones are not laid out at first.
    let last = &hits[35].title;
    assert!(
        h.query_by_label(last).is_none(),
        "{last} is on screen already"
    );
    for _ in 0..35 {
        h.key_press(egui::Key::ArrowDown);
        h.run();
    }
    assert_eq!(h.state().state.desk.as_ref().unwrap().search.selected, 35);
    assert!(
        h.query_by_label(last).is_some(),
        "the chosen hit {last} is not in view"
    );
    // Brought into view once: the list scrolls freely again.
    assert!(!h.state().state.desk.as_ref().unwrap().search.follow);
}
