//! UI behaviour through `egui_kittest`: the real app UI on the bundled sample and on invented
//! articles, no GPU needed.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a failed test"
)]

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotelens::analysis::EntityRef;
use quotelens::app::{Command, Settings};
use quotelens::window::QuotelensApp;

mod common;
use common::Expect;
use common::app::{
    click_at, first_mention_rect, harness, harness_invented_with, harness_with, on_screen, person,
    wheel,
};

/// For articles in scripts egui's bundled font lacks (Arabic, CJK): the app finds system fonts
/// through eframe's `system_fonts` provider; the harness has none, so it draws boxes as the app
/// does on a system without such fonts, instead of the harness's default panic.
fn harness_any_script() -> Harness<'static, QuotelensApp> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 2400.0))
        // Room for the review saver's repaints (every 20 ms while it writes) when the disk is
        // slow: a CI run with the disk busy needed 27 steps to settle.
        .with_max_steps(64)
        .allow_missing_glyphs()
        .build_ui_state(
            |ui, app: &mut QuotelensApp| app.frame_ui(ui),
            QuotelensApp::new(Settings::default()),
        )
}

/// The tall window with the invented article open.
fn harness_invented() -> Harness<'static, QuotelensApp> {
    harness_invented_with(egui::vec2(1400.0, 2400.0), 12)
}

#[test]
fn speakers_are_listed_and_a_person_filters_them() {
    let mut h = harness_invented();
    // Marten is a speaker with her quotes and reported speech; the Authority with its two.
    assert!(
        h.query_by_label("Ilse Marten · 3 quotes · 1 reported")
            .is_some()
    );
    assert!(h.query_by_label("Harbour Authority · 2 quotes").is_some());
    // Clicking Tomas Berg in the entity list leaves only his quotes.
    h.get_by_label("Tomas Berg").click();
    h.run();
    let berg = person(&h, "Tomas Berg");
    assert_eq!(h.state().state.selected, Some(EntityRef::Person(berg)));
    assert!(
        h.query_by_label("Tomas Berg · 1 quote · 1 reported")
            .is_some()
    );
    assert!(
        h.query_by_label("Ilse Marten · 3 quotes · 1 reported")
            .is_none()
    );
    assert!(h.query_by_label("Harbour Authority · 2 quotes").is_none());
    // The filter chip clears it and everything comes back.
    h.get_by_label("× Tomas Berg").click();
    h.run();
    assert_eq!(h.state().state.selected, None);
    assert!(
        h.query_by_label("Ilse Marten · 3 quotes · 1 reported")
            .is_some()
    );
}

#[test]
fn escape_clears_the_filter_and_mentions_section_appears() {
    let mut h = harness_invented();
    h.get_by_label("Viktor Hale").click();
    h.run();
    // Hale says nothing himself, but a quote mentions him.
    assert!(
        h.query_by_label("Quotes that mention Viktor Hale")
            .is_some()
    );
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().state.selected, None);
}

#[test]
fn clicking_a_person_in_the_text_selects_them() {
    let mut h = harness_invented();
    let hale = person(&h, "Viktor Hale");
    let rect = first_mention_rect(&h, "Viktor Hale");
    click_at(&mut h, rect.center());
    assert_eq!(h.state().state.selected, Some(EntityRef::Person(hale)));
}

#[test]
fn opening_files_keeps_the_article_on_error() {
    let mut h = harness();
    h.run();
    let before = h.state().state.article.text.clone();
    h.state_mut()
        .state
        .open_path(std::path::Path::new("/nonexistent/missing-article.txt"));
    h.state_mut()
        .state
        .finish_loading(std::time::Duration::from_mins(1));
    h.run();
    assert_eq!(
        h.state().state.article.text,
        before,
        "a failed open never replaces the article"
    );
    assert!(
        h.query_by_label_contains("File not found: /nonexistent/missing-article.txt")
            .is_some()
    );

    // A readable file opens, and the error is cleared.
    let dir = common::scratch_dir("ui");
    let path = dir.join("short.txt");
    std::fs::write(&path, "Short story\n\n“Hello there,” said Maria Lopez.\n").expect("write");
    h.state_mut().state.open_path(&path);
    h.state_mut()
        .state
        .finish_loading(std::time::Duration::from_mins(1));
    h.run();
    assert_eq!(h.state().state.error, None);
    assert!(h.query_by_label("Maria Lopez · 1 quote").is_some());
    assert!(
        h.query_by_label("1 person · 0 countries · 1 quote")
            .is_some(),
        "status bar counts in the singular"
    );
    assert_eq!(h.state().state.settings.recent.first(), Some(&path));

    // A folder opens as a corpus (tests/desk.rs); with no data folder to keep its index in,
    // it is refused with the reason, and the short article stays.
    h.state_mut().state.open_path(&dir);
    h.state_mut()
        .state
        .finish_loading(std::time::Duration::from_mins(1));
    h.run();
    assert!(h.state().state.article.text.contains("Maria Lopez"));
    assert!(
        h.state()
            .state
            .error
            .as_deref()
            .is_some_and(|e| e.starts_with("No data folder"))
    );
    assert!(h.state().state.desk.is_none());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_files_show_errors_in_the_status_bar() {
    // Each row of the shared table, opened one after another: errors leave the article on
    // screen as it was and show in the status bar; text files replace it.
    let mut h = harness_any_script();
    h.run();
    for (name, expect) in common::BAD_FILES {
        let path = common::bad_dir().join(name);
        let before = h.state().state.article.text.clone();
        h.state_mut().commands.push(Command::Open(path.clone()));
        h.run();
        h.state_mut()
            .state
            .finish_loading(std::time::Duration::from_mins(1));
        h.run();
        match expect {
            Expect::Error(msg) => {
                assert_eq!(h.state().state.article.text, before, "{name}: article kept");
                let shown = format!("{msg}: {}", path.display());
                assert!(
                    h.query_by_label_contains(&shown).is_some(),
                    "{name}: status bar shows {shown}"
                );
            }
            Expect::Empty => {
                assert!(
                    h.query_by_label_contains("is empty: there is no text to analyse")
                        .is_some(),
                    "{name}: empty state"
                );
                assert_eq!(h.state().state.error, None);
            }
            Expect::Opens { contains, .. } => {
                assert!(h.state().state.article.text.contains(contains), "{name}");
                assert_eq!(h.state().state.error, None, "{name}");
            }
        }
    }
}

#[test]
fn a_file_deleted_between_choosing_and_reading_is_an_error() {
    let dir = common::scratch_dir("deleted");
    let path = dir.join("gone.txt");
    std::fs::write(&path, "“Soon gone,” said Anna Berg.").expect("write");
    let mut h = harness();
    h.run();
    let before = h.state().state.article.text.clone();
    // The dialog (or a drop) hands over the path; the file disappears before the app reads it.
    h.state_mut().commands.push(Command::Open(path.clone()));
    std::fs::remove_file(&path).expect("remove");
    h.run();
    h.state_mut()
        .state
        .finish_loading(std::time::Duration::from_mins(1));
    h.run();
    assert_eq!(h.state().state.article.text, before);
    let shown = format!("File not found: {}", path.display());
    assert!(h.query_by_label_contains(&shown).is_some());
    assert!(
        !h.state().state.settings.recent.contains(&path),
        "not remembered"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn galley_cache_stays_bounded_while_jumping_through_a_long_article() {
    let mut text = String::from("A long report\n\n");
    for i in 0..2000 {
        text += &[
            "Paragraph ",
            &i.to_string(),
            ": “We will keep going,” said Anna Berg of the committee.\n\n",
        ]
        .concat();
    }
    let mut h = harness_with(egui::vec2(1400.0, 2400.0), 100);
    h.state_mut()
        .state
        .show_article(quotelens::app::Article::new("long.txt".into(), text));
    h.run();
    let quotes = h.state().state.article.analysis.quotes.len();
    assert!(quotes >= 2000, "{quotes} quotes");
    // The panels draw only their visible rows: one speaker heading, a few dozen cards.
    assert!(h.query_by_label("Anna Berg · 2000 quotes").is_some());
    let cards = h.query_all_by_label("“We will keep going,”").count();
    assert!((5..100).contains(&cards), "{cards} quote cards drawn");
    for k in 0..40 {
        h.state_mut()
            .commands
            .push(Command::JumpToQuote(k * quotes / 40));
        h.run();
    }
    // Forty jumps lay out far more than the bound; only those near the viewport stay.
    let cached = h.state().view.article.cached_galleys();
    assert!(cached <= 512 + 200, "{cached} galleys cached");
    assert!(cached > 0);
}

#[test]
fn jumping_to_a_quote_shows_it_wherever_the_article_is_scrolled() {
    const HEIGHT: f32 = 700.0;
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, HEIGHT))
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(
            |ui, app: &mut QuotelensApp| app.frame_ui(ui),
            QuotelensApp::new(Settings::default()),
        );
    // Scrolling animated as in the app (the harness turns animation off by default).
    h.ctx
        .all_styles_mut(|s| s.scroll_animation = egui::style::ScrollAnimation::default());
    h.run_steps(3);
    let spans: Vec<_> = h
        .state()
        .state
        .article
        .analysis
        .quotes
        .iter()
        .map(|q| q.span)
        .collect();
    let (first, last) = (0, spans.len() - 1);
    assert!(
        !on_screen(&h, spans[last], HEIGHT),
        "the last quote starts off screen"
    );
    let jump = |h: &mut Harness<'_, QuotelensApp>, qi: usize| {
        h.state_mut().commands.push(Command::JumpToQuote(qi));
        h.run_steps(40);
    };
    jump(&mut h, last);
    assert!(
        on_screen(&h, spans[last], HEIGHT),
        "last quote after the jump"
    );
    jump(&mut h, first);
    assert!(
        on_screen(&h, spans[first], HEIGHT),
        "first quote after the jump"
    );
    // Jump to quotes through the article, wheeling down a little after each, past the end;
    // then jump back up.
    h.event(egui::Event::PointerMoved(egui::pos2(560.0, 350.0)));
    for k in 0..10 {
        jump(&mut h, k * spans.len() / 10);
        wheel(&mut h, -60.0, 10);
    }
    assert!(
        !on_screen(&h, spans[first], HEIGHT),
        "scrolled away from the first quote"
    );
    // At once, while the wheel's smooth scrolling may still be under way.
    jump(&mut h, first);
    assert!(
        on_screen(&h, spans[first], HEIGHT),
        "first quote after the jump from the end"
    );
}

#[test]
fn idle_frames_lay_out_the_screen_below_so_scrolling_on_lays_out_nothing() {
    let paragraph = ": “We will keep going,” said Anna Berg of the committee, who spoke at \
        length about the plans for the coming year and what they would mean.\n\n";
    let text: String = std::iter::once("A long report\n\n".to_string())
        .chain((0..400).map(|i| format!("Paragraph {i}{paragraph}")))
        .collect();
    let mut h = harness_with(egui::vec2(1280.0, 700.0), 100);
    h.state_mut()
        .state
        .show_article(quotelens::app::Article::new("long.txt".into(), text));
    h.run();
    let quotes = h.state().state.article.analysis.quotes.len();
    h.state_mut()
        .commands
        .push(Command::JumpToQuote(quotes / 2));
    // Runs until no more repaints are asked for: the jump settles, then the idle frames lay out
    // the paragraphs of the next screen one by one, then stop.
    h.run();
    let before = h.state().view.article.layouts();
    h.event(egui::Event::PointerMoved(egui::pos2(560.0, 350.0)));
    wheel(&mut h, -100.0, 5);
    assert_eq!(
        h.state().view.article.layouts(),
        before,
        "half a screen of scrolling found its paragraphs laid out"
    );
    // Further than the prepared screen, scrolling lays out new paragraphs as they come.
    wheel(&mut h, -100.0, 20);
    assert!(h.state().view.article.layouts() > before);
}

#[test]
fn pasting_opens_an_untitled_article_that_copies_and_exports() {
    let mut h = harness();
    h.run();
    h.event(egui::Event::Paste(
        "Pier opens\n\n“It opens in May,” said Anna Holt, the harbour master.".into(),
    ));
    h.run();
    assert_eq!(h.state().state.article.name, "Untitled");
    assert!(h.query_by_label("Anna Holt · 1 quote").is_some());
    assert!(
        h.state().state.settings.recent.is_empty(),
        "pasted text is no recent file"
    );
    // The card's menu copies the quote with its speaker and role.
    h.get_by_role_and_label(egui::accesskit::Role::Button, "“It opens in May,”")
        .click_secondary();
    h.run();
    h.get_by_label_contains("Copy quote with attribution")
        .click();
    h.step();
    let copied = h
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        });
    assert_eq!(
        copied.as_deref(),
        Some("“It opens in May,” — Anna Holt, harbour master")
    );
    h.run();
    // File ▸ Export offers the four formats; an export is written and the status bar says where.
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export").click();
    h.run();
    assert!(h.query_by_label("Who said what (CSV)…").is_some());
    let dir = common::scratch_dir("paste-export");
    let path = dir.join("untitled.csv");
    h.state_mut().commands.push(Command::Export(
        path.clone(),
        quotelens::report::Format::Csv,
    ));
    h.run();
    // Written on its own thread: the status bar says so until it is done.
    let ctx = h.ctx.clone();
    h.state_mut()
        .finish_export(&ctx, std::time::Duration::from_secs(10));
    h.run();
    let csv = std::fs::read_to_string(&path).expect("exported");
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(
        csv.contains("q1,Anna Holt,person,\"It opens in May,\",direct,said,2,"),
        "{csv}"
    );
    let shown = format!("Exported to {}", path.display());
    assert!(h.query_by_label(&shown).is_some());
    std::fs::remove_dir_all(&dir).ok();
}

/// The label of the quote panel's first card, and whether its button is drawn inside the panel
/// (the virtual list draws only the rows in view).
fn first_card_shown(h: &Harness<'_, QuotelensApp>) -> bool {
    let app = &h.state().state;
    let Some(qi) = app.article.panel.items.iter().find_map(|i| match i {
        quotelens::app::PanelItem::Quote(qi) => Some(*qi),
        _ => None,
    }) else {
        return false;
    };
    let q = &app.article.analysis.quotes[qi];
    let words = app.article.text[q.span.start..q.span.end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let label = match q.kind {
        quotelens::analysis::QuoteKind::Indirect => words,
        _ => format!("“{words}”"),
    };
    let panel = h.state().view.layout.quotes;
    h.query_all_by_role_and_label(egui::accesskit::Role::Button, &label)
        .any(|n| panel.contains_rect(n.rect()))
}

#[test]
fn a_newly_opened_article_shows_its_panels_from_the_top() {
    let mut h = harness_with(egui::vec2(1400.0, 600.0), 12);
    assert!(first_card_shown(&h));
    // The reader scrolls the quote panel down.
    let over = h.state().view.layout.quotes.center();
    h.event(egui::Event::PointerMoved(over));
    wheel(&mut h, -400.0, 10);
    h.run();
    assert!(
        !first_card_shown(&h),
        "the panel scrolled away from its first card"
    );
    // Another article opens (here the sample again, from its file): its panel starts at the top.
    h.state_mut()
        .state
        .open_path(std::path::Path::new("assets/sample-article.txt"));
    h.state_mut()
        .state
        .finish_loading(std::time::Duration::from_mins(1));
    h.run();
    assert_eq!(h.state().state.error, None);
    assert!(
        first_card_shown(&h),
        "the new article's panel starts at its top"
    );
}

#[test]
fn a_file_that_cannot_be_opened_at_launch_gets_an_error_page_not_the_sample() {
    let bad = common::BAD_FILES
        .iter()
        .find(|(_, e)| matches!(e, Expect::Error(_)))
        .map(|(f, _)| std::path::Path::new("tests/data/bad").join(f))
        .expect("a file the table says is refused");
    for path in [
        std::path::PathBuf::from("tests/data/no-such-article.txt"),
        bad,
    ] {
        let mut h = harness_with(egui::vec2(1400.0, 900.0), 12);
        let someone = h.state().state.article.analysis.people[0].name.clone();
        assert!(h.query_by_label(&someone).is_some());
        h.state_mut().state.open_at_launch(&path);
        h.state_mut()
            .state
            .finish_loading(std::time::Duration::from_mins(1));
        h.run();
        let why = quotelens::document::open(&path).unwrap_err().to_string();
        assert!(h.query_by_label("This file could not be opened").is_some());
        assert!(h.query_by_label(&path.display().to_string()).is_some());
        assert!(h.query_by_label(&why).is_some(), "the reason: {why}");
        assert!(
            h.query_by_label(&someone).is_none(),
            "nothing of the sample is shown as if it were the file"
        );
        h.get_by_label("Show the sample article").click();
        h.run();
        assert_eq!(h.state().state.failed, None);
        assert!(h.query_by_label(&someone).is_some());
    }
}

#[test]
fn the_shortcut_table_is_what_the_keys_do_and_what_the_readme_lists() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    for line in quotelens::app::keys::readme_table().lines() {
        assert!(
            readme.contains(&format!("  {line}\n")),
            "README lacks {line}"
        );
    }
    // The File menu shows Quit's shortcut from the table (egui itself closes on Ctrl+Q).
    let mut h = harness();
    h.get_by_label("File").click();
    h.run();
    assert!(
        h.query_by_label_contains("Ctrl+Q").is_some(),
        "Quit shows Ctrl+Q"
    );
    assert!(h.query_by_label_contains("Alt+F4").is_none());
    // Ctrl+Z in a text field is the field's own undo, not a correction's.
    let mut h = harness();
    let ctx = h.ctx.clone();
    h.state_mut()
        .state
        .apply_commands(&ctx, vec![Command::OpenFind]);
    h.run();
    h.event(egui::Event::Text("abc".into()));
    h.run();
    let before = h.state().state.notice.clone();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().state.notice, before, "no “Nothing to undo”");
}

#[test]
fn the_file_dialogs_start_in_the_articles_folder() {
    let mut h = harness();
    assert_eq!(
        h.state().state.dialog_folder(),
        None,
        "the sample has no folder"
    );
    h.state_mut()
        .state
        .open_path(std::path::Path::new(common::app::INVENTED));
    h.state_mut()
        .state
        .finish_loading(std::time::Duration::from_mins(1));
    h.run();
    let want = std::fs::canonicalize("tests/data/invented").unwrap();
    assert_eq!(h.state().state.dialog_folder(), Some(want));
}

#[test]
fn a_pages_byline_sits_over_the_text_column() {
    let mut h = harness_with(egui::vec2(1600.0, 900.0), 12);
    h.state_mut()
        .state
        .open_path(std::path::Path::new("tests/data/formats/page.html"));
    h.state_mut()
        .state
        .finish_loading(std::time::Duration::from_mins(1));
    h.run();
    let byline = h.get_by_label("Lena Strand · 2024-03-05").rect();
    let art = &h.state().state.article;
    let first = art.analysis.paragraphs[0];
    let text = h
        .state()
        .view
        .article
        .span_rect(&art.text, &art.analysis.paragraphs, first)
        .expect("the title is on screen");
    assert!(
        (byline.left() - text.left()).abs() < 2.0,
        "byline at {}, text at {}",
        byline.left(),
        text.left()
    );
    assert!(byline.bottom() <= text.top());
}

#[test]
fn a_file_that_is_slow_to_read_never_holds_up_a_frame() {
    // A named pipe: reading it waits until someone writes, as a stalled network share would.
    let dir = common::scratch_dir("slow-open");
    let fifo = dir.join("slow.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let mut h = harness();
    let before = h.state().state.article.text.clone();
    let started = std::time::Instant::now();
    h.state_mut().state.open_path(&fifo);
    h.step();
    h.step();
    assert!(
        started.elapsed() < std::time::Duration::from_millis(500),
        "opening and two frames took {:?}",
        started.elapsed()
    );
    assert_eq!(
        h.state().state.article.text,
        before,
        "the article stays meanwhile"
    );
    assert!(h.state().state.loading.is_some(), "still reading");
    // The writer comes: the article opens.
    std::fs::write(&fifo, "“The ferry is late,” said Ina Vik.").expect("written");
    h.state_mut()
        .state
        .finish_loading(std::time::Duration::from_mins(1));
    h.run();
    assert!(h.state().state.article.text.contains("The ferry is late"));
    std::fs::remove_dir_all(&dir).ok();
}
