//! Articles as people have them and results where they need them: HTML pages (also saved as
//! `.txt`), Markdown, clipboard HTML; the CSV, Markdown and HTML exports; `quotelens export`
//! and `quotelens batch`. The articles in `tests/data/formats/` are invented for these tests.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a failed test"
)]

use std::path::Path;
use std::process::Command;

use quotelens::analysis::{Analysis, analyze};
use quotelens::document::{self, Format};
use quotelens::report::{self, CSV_HEADER, Source};

mod common;

const PAGE: &str = "tests/data/formats/page.html";

/// The page's article as a reader wants it: the title, the paragraphs, the pull quote and the
/// block quote; character references decoded and "ë" read in the page's declared windows-1252;
/// no navigation, advertisement, script, style, form, comment, byline or footer.
const PAGE_TEXT: &str = "Fishery talks resume in Bergen\n\n\
Norway and Brazil resumed talks on fishing quotas on Tuesday, after a pause of three months that both sides blamed on the other.\n\n\
“We came back because the fleets cannot wait,” said Norwegian fisheries minister Greta Holm. “Every week without a deal costs the coastal towns.”\n\n\
“The fleets cannot wait.”\n\n\
Brazilian negotiator Paulo Mendes said his team would table a new proposal on Wednesday. “We are here to close this, not to talk about talking,” Mendes told reporters outside the hall.\n\n\
“A deal that ignores the small boats is no deal at all,” said Zoë Berger, who speaks for the inshore fishermen & their families.\n\n\
The talks are expected to last until Friday, when the two ministers will meet in person for the first time since the pause began in December.";

/// (speaker, the quote's first words) for every quotation and reported statement, in order.
fn who_said_what(a: &Analysis, text: &str) -> Vec<(String, String)> {
    a.quotes
        .iter()
        .filter(|q| q.is_speech())
        .map(|q| {
            let words: Vec<&str> = text[q.span.start..q.span.end]
                .split_whitespace()
                .take(4)
                .collect();
            (
                q.speaker
                    .as_ref()
                    .map_or_else(String::new, |s| s.name.clone()),
                words.join(" "),
            )
        })
        .collect()
}

#[test]
fn an_html_page_becomes_its_article() {
    let doc = document::open(Path::new(PAGE)).expect("opens");
    assert_eq!(doc.format, Format::Html);
    assert_eq!(doc.encoding, "windows-1252");
    assert_eq!(doc.text, PAGE_TEXT);
    assert_eq!(doc.byline.as_deref(), Some("Lena Strand"));
    assert_eq!(
        doc.date.as_deref(),
        Some("2024-03-05"),
        "the day of the page's timestamp"
    );
    let a = analyze(&doc.text);
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| ((*a).to_string(), (*b).to_string()))
            .collect()
    };
    assert_eq!(
        who_said_what(&a, &doc.text),
        pairs(&[
            ("Greta Holm", "We came back because"),
            ("Greta Holm", "Every week without a"),
            ("Greta Holm", "The fleets cannot wait."),
            ("Paulo Mendes", "his team would table"),
            ("Paulo Mendes", "We are here to"),
            ("Zoë Berger", "A deal that ignores"),
        ])
    );
    let countries: Vec<&str> = a.countries.iter().map(|c| c.name.as_ref()).collect();
    assert_eq!(countries, ["Norway", "Brazil"], "no country from markup");
}

#[test]
fn an_html_page_saved_as_text_is_still_html() {
    let doc = document::open(Path::new("tests/data/formats/page-saved-as.txt")).expect("opens");
    assert_eq!((doc.format, doc.text.as_str()), (Format::Html, PAGE_TEXT));
}

#[test]
fn markdown_keeps_its_words_and_drops_its_markup() {
    let doc = document::open(Path::new("tests/data/formats/article.md")).expect("opens");
    assert_eq!(doc.format, Format::Markdown);
    assert_eq!(
        doc.text,
        "Harbour fees to rise in spring\n\n\
The port council voted on Monday to raise harbour fees by a tenth from April.\n\n\
> \"Nobody likes paying more, but the quay is falling apart,\" said council leader Arne Dahl.\n\n\
• Fees rise by 10 percent.\n\n\
• Fishing boats under ten metres are exempt.\n\n\
Dahl said the money would go to repairs and nothing else."
    );
    // The "By …" line is the byline, shown over the article and not analysed.
    assert_eq!(doc.byline.as_deref(), Some("staff"));
    let a = analyze(&doc.text);
    assert_eq!(
        who_said_what(&a, &doc.text),
        [
            (
                "Arne Dahl".to_string(),
                "Nobody likes paying more,".to_string()
            ),
            ("Arne Dahl".to_string(), "the money would go".to_string()),
        ]
    );
}

#[test]
fn clipboard_html_goes_through_the_page_extraction() {
    let html = std::fs::read_to_string("tests/data/formats/clipboard.html").expect("read");
    let doc = document::from_clipboard("plain text the browser also offered", Some(&html));
    assert_eq!(doc.format, Format::Html);
    assert!(
        doc.text
            .starts_with("Bridge reopens after repairs\n\nThe old bridge reopened"),
        "{}",
        doc.text
    );
    assert!(!doc.text.contains('<'), "no markup left");
    let a = analyze(&doc.text);
    assert_eq!(who_said_what(&a, &doc.text)[0].0, "Ingrid Lund");
    // Plain text on the clipboard stays as it is; HTML pasted as text is recognised.
    let plain = document::from_clipboard("“Fine,” said Ann Lee.", None);
    assert_eq!(
        (plain.format, plain.text.as_str()),
        (Format::Text, "“Fine,” said Ann Lee.")
    );
    let pasted = document::from_clipboard(&html, None);
    assert_eq!(pasted.text, doc.text);
}

fn source<'a>(a: &'a Analysis, text: &'a str, style: &'a report::Style) -> Source<'a> {
    Source {
        analysis: a,
        text,
        name: "page.html",
        byline: Some("Lena Strand"),
        date: Some("2024-03-05"),
        style,
        flags: None,
    }
}

#[test]
fn the_csv_export_reads_back_as_who_said_what() {
    let style = quotelens::ui::theme::report_style();
    let a = analyze(PAGE_TEXT);
    let out = report::render(source(&a, PAGE_TEXT, &style), report::Format::Csv).expect("csv");
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, CSV_HEADER);
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    assert_eq!(rows.len(), 6, "five quotations and one reported statement");
    let chars: Vec<char> = PAGE_TEXT.chars().collect();
    for row in &rows {
        // The quote's character offsets give back its words.
        let (start, end): (usize, usize) = (row[7].parse().unwrap(), row[8].parse().unwrap());
        let words: String = chars[start..end].iter().collect();
        assert_eq!(
            words.split_whitespace().collect::<Vec<_>>().join(" "),
            row[3].to_string()
        );
        assert_eq!((&row[9], &row[10]), ("false", "false"));
    }
    assert_eq!(
        (&rows[0][1], &rows[0][2], &rows[0][4], &rows[0][5]),
        ("Greta Holm", "person", "direct", "said")
    );
    assert_eq!(&rows[3][4], "indirect");
    assert_eq!(
        &rows[3][6], "5",
        "the fifth paragraph (the title is the first)"
    );
}

#[test]
fn csv_cells_that_would_be_formulas_are_neutralised() {
    for (cell, expect) in [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-5 degrees", "'-5 degrees"),
        ("@channel", "'@channel"),
        ("plain words", "plain words"),
        ("a = b", "a = b"),
    ] {
        assert_eq!(report::neutralise(cell), expect);
    }
    let text = "Sums\n\n“=1+2 is the sum we were given,” said Ann Lee.";
    let a = analyze(text);
    let style = quotelens::ui::theme::report_style();
    let out = report::render(source(&a, text, &style), report::Format::Csv).expect("csv");
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let row = r.records().next().expect("a row").expect("row");
    assert_eq!(&row[3], "'=1+2 is the sum we were given,");
}

#[test]
fn the_html_report_highlights_what_the_screen_does() {
    let style = quotelens::ui::theme::report_style();
    let a = analyze(PAGE_TEXT);
    let html = report::render(source(&a, PAGE_TEXT, &style), report::Format::Html).expect("html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        !html.contains("<script") && !html.contains("<link") && !html.contains("src="),
        "self-contained, no script"
    );
    // One highlighted span per person mention (none here crosses a quote's edge) …
    let people: usize = a.people.iter().map(|p| p.mentions.len()).sum();
    let person_spans =
        html.matches("<span class=\"person").count() + html.matches(" person\">").count();
    assert_eq!(person_spans, people);
    // … and the quotations and the reported statement.
    assert!(html.matches("class=\"quote").count() >= 5);
    assert_eq!(html.matches("class=\"reported\">").count(), 1);
    assert!(html.contains("<h3>Greta Holm · 3 quotes</h3>"));
    assert!(html.contains("Lena Strand"), "the byline");
    assert!(
        html.contains("inshore fishermen &amp; their families"),
        "escaped"
    );
}

#[test]
fn the_markdown_report_lists_each_speaker_with_their_quotes() {
    let style = quotelens::ui::theme::report_style();
    let a = analyze(PAGE_TEXT);
    let md = report::render(source(&a, PAGE_TEXT, &style), report::Format::Md).expect("md");
    assert!(md.starts_with("# Fishery talks resume in Bergen\n\n- Source: page.html\n- Byline: Lena Strand\n- Date: 2024-03-05\n"));
    assert!(md.contains("## Greta Holm · 3 quotes\n\n> “We came back because the fleets cannot wait,”\n>\n> — cue: *said*\n"));
    assert!(md.contains("## Paulo Mendes · 1 quote · 1 reported\n"));
    assert!(md.contains("> his team would table a new proposal on Wednesday *(reported)*"));
}

#[test]
fn a_quote_copies_with_its_speakers_role() {
    let text = "Bridge works\n\n“We will finish before the winter,” said Marta Quell, the works director, at the meeting.";
    let a = analyze(text);
    let q = &a.quotes[0];
    assert_eq!(
        report::with_attribution(&a, text, q),
        "“We will finish before the winter,” — Marta Quell, works director"
    );
    assert_eq!(
        report::as_markdown(&a, text, q),
        "> “We will finish before the winter,”\n>\n> — Marta Quell, works director\n"
    );
    let no_role = "Talks\n\n“Fine,” said Ann Lee, who chairs the board.";
    let a = analyze(no_role);
    assert_eq!(
        report::with_attribution(&a, no_role, &a.quotes[0]),
        "“Fine,” — Ann Lee"
    );
}

fn quotelens() -> Command {
    Command::new(env!("CARGO_BIN_EXE_quotelens"))
}

#[test]
fn export_writes_each_format() {
    let dir = common::scratch_dir("export");
    let out = dir.join("report.html");
    let run = quotelens()
        .args(["export", "--format", "html", PAGE, "-o"])
        .arg(&out)
        .output()
        .expect("runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.stdout.is_empty());
    assert!(
        std::fs::read_to_string(&out)
            .expect("written")
            .contains("<h1>Fishery talks")
    );
    let csv = quotelens()
        .args(["export", "--format", "csv", PAGE])
        .output()
        .expect("runs");
    assert!(csv.status.success());
    // "-o -" is standard output too, not a file named "-".
    let page = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(PAGE);
    let dash = quotelens()
        .current_dir(&dir)
        .args(["export", "--format", "csv", "-o", "-"])
        .arg(&page)
        .output()
        .expect("runs");
    assert!(dash.status.success());
    assert_eq!(dash.stdout, csv.stdout);
    assert!(!dir.join("-").exists(), "no file named -");
    assert_eq!(
        String::from_utf8_lossy(&csv.stdout).lines().count(),
        7,
        "header and six rows"
    );
    let bad = quotelens()
        .args(["export", "--format", "pdf", PAGE])
        .output()
        .expect("runs");
    assert_eq!(
        bad.status.code(),
        Some(2),
        "an unknown format is a usage error"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// A folder of 200 invented articles in nested folders and 3 files that are not text.
fn corpus(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut bad = Vec::new();
    for i in 0..200 {
        let sub = dir.join(format!("day{}", i / 50));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            sub.join(format!("{i:03}.txt")),
            format!("Port news {i}\n\n“We will open the new pier in May,” said Anna Holt, the harbour master, on a visit to Norway.\n"),
        )
        .unwrap();
    }
    for (name, bytes) in [
        ("day1/bad-pdf.txt", &b"%PDF-1.4 not an article"[..]),
        ("day2/bad-png.txt", &b"\x89PNG\r\n\x1a\n"[..]),
        ("day3/bad-nul.txt", &b"abc\0\0\0def"[..]),
    ] {
        std::fs::write(dir.join(name), bytes).unwrap();
        bad.push(dir.join(name));
    }
    std::fs::write(dir.join("notes.bin"), b"skipped: not a supported extension").unwrap();
    bad
}

#[test]
fn batch_analyses_a_folder_in_order_and_reports_failures() {
    let dir = common::scratch_dir("batch");
    let input = dir.join("in");
    let bad = corpus(&input);
    let out = dir.join("results.jsonl");
    // `quotelens batch --jobs N --out OUT INPUT`.
    let batch = |jobs: &str, out: &Path| {
        quotelens()
            .args(["batch", "--jobs", jobs, "--out"])
            .arg(out)
            .arg(&input)
            .output()
            .expect("runs")
    };
    let run = batch("2", &out);
    assert_eq!(run.status.code(), Some(1), "some files failed");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(stderr.lines().count(), 3, "{stderr}");
    for b in &bad {
        assert!(stderr.contains(&b.display().to_string()), "{stderr}");
    }
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.starts_with("200 articles · 200 quotes · 3 failed\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Top speakers (statements): Anna Holt (200)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Top countries (mentions): Norway (200)"),
        "{stdout}"
    );
    let lines: Vec<String> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(lines.len(), 200);
    let sources: Vec<String> = lines
        .iter()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["source"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(sources, sorted, "input order");
    // One job (everything on one thread) gives the same results, messages and exit code.
    let one = dir.join("one.jsonl");
    let run1 = batch("1", &one);
    assert_eq!(run1.status.code(), Some(1));
    assert_eq!(run1.stdout, run.stdout);
    assert_eq!(
        run1.stderr, run.stderr,
        "the same failures, in the same order"
    );
    assert_eq!(
        std::fs::read(&one).unwrap(),
        std::fs::read(&out).unwrap(),
        "the same lines"
    );
    // CSV: a header and one row per quote; with nothing failing, exit 0.
    let good = dir.join("good");
    std::fs::create_dir_all(&good).unwrap();
    std::fs::copy(input.join("day0/000.txt"), good.join("a.txt")).unwrap();
    std::fs::write(
        good.join("b.md"),
        "# Pier\n\n“It opens in May,” said Anna Holt.\n",
    )
    .unwrap();
    let csv_out = dir.join("results.csv");
    let run = quotelens()
        .args(["batch", "--out"])
        .arg(&csv_out)
        .arg(&good)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0));
    let csv = std::fs::read_to_string(&csv_out).unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(csv.starts_with("file,quote id,speaker"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_byline_and_a_date_are_never_article_text() {
    // Markdown with front matter, and a date line under the heading.
    let md = "---\ntitle: Ferry timetable cut\nauthor: Ina Vik\n---\n# Ferry timetable cut\n\nTuesday 5 March 2024 09:30 GMT\n\n\"We were not asked,\" said Per Lund, who runs the kiosk.\n";
    let dir = std::env::temp_dir().join(format!("quotelens-meta-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let path = dir.join("ferry.md");
    std::fs::write(&path, md).expect("written");
    let doc = document::open(&path).expect("opens");
    assert_eq!(doc.byline.as_deref(), Some("Ina Vik"));
    assert_eq!(doc.date.as_deref(), Some("Tuesday 5 March 2024 09:30 GMT"));
    assert_eq!(
        doc.text,
        "Ferry timetable cut\n\n\"We were not asked,\" said Per Lund, who runs the kiosk."
    );
    // A page with no byline or date in its metadata: the lines under the headline are both.
    let html = "<html><head><title>Ferry timetable cut</title></head><body><article>\
        <h1>Ferry timetable cut</h1><p>By Ina Vik | Coast News</p><p>March 5, 2024</p>\
        <p>\"We were not asked,\" said Per Lund, who runs the kiosk by the pier on the island.</p>\
        <p>The ferry company said the cut would save money over the winter months.</p></article></body></html>";
    let path = dir.join("ferry.html");
    std::fs::write(&path, html).expect("written");
    let doc = document::open(&path).expect("opens");
    assert_eq!(doc.byline.as_deref(), Some("Ina Vik"));
    assert_eq!(doc.date.as_deref(), Some("March 5, 2024"));
    assert!(
        doc.text
            .starts_with("Ferry timetable cut\n\n\"We were not asked,"),
        "{}",
        doc.text
    );
    let a = analyze(&doc.text);
    assert!(
        a.people.iter().all(|p| p.name != "Ina Vik"),
        "the byline is not a person of the text"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
