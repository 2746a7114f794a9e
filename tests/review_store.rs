//! Review sidecars on disk: a round trip, the README's example applied by `analyze --json`,
//! corrections following their words when the article changes (a property test), damaged,
//! truncated, newer and unwritable cases with their messages and nothing overwritten, and a
//! crash-safety test that kills a saving process again and again.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a failed test"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::prelude::*;
use quotelens::analysis::{self, Span};
use quotelens::review::anchor::{CharIndex, anchor, place};
use quotelens::review::store::{self, Loaded};
use quotelens::review::{Correction, Sidecar};

mod common;

const EXAMPLE: &str = "tests/data/review/sample-article.txt.quotelens.json";
const SAMPLE: &str = "assets/sample-article.txt";

fn quotelens(args: &[&str], data: &Path) -> (String, String, bool) {
    common::run_quotelens(env!("CARGO_BIN_EXE_quotelens"), args, data)
}

/// The sample article copied into a scratch folder, with `sidecar` beside it if given.
fn sample_in(test: &str, sidecar: Option<&[u8]>) -> (PathBuf, PathBuf) {
    let dir = common::scratch_dir(test);
    let article = dir.join("sample-article.txt");
    std::fs::copy(SAMPLE, &article).unwrap();
    if let Some(s) = sidecar {
        std::fs::write(store::beside(&article), s).unwrap();
    }
    (dir, article)
}

#[test]
fn the_readme_example_is_a_real_review_that_analyze_applies() {
    let example = std::fs::read_to_string(EXAMPLE).unwrap();
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(
        readme.contains(example.trim()),
        "the README shows {EXAMPLE} as it is"
    );
    let (dir, article) = sample_in("review-example", Some(example.as_bytes()));
    let path = article.to_str().unwrap();
    let (out, err, ok) = quotelens(&["analyze", "--json", path], &dir);
    assert!(ok && err.is_empty(), "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    // The example checks the first quote, gives the Kremlin's reported speech to Russia (a
    // country), and merges the second byline name into the first.
    let quotes = json["quotes"].as_array().unwrap();
    assert_eq!(quotes[0]["checked"], true);
    let moved: Vec<_> = quotes.iter().filter(|q| q["reviewed"] == true).collect();
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0]["speaker"]["name"], "Russia");
    assert_eq!(moved[0]["speaker"]["kind"], "country");
    let russia = moved[0]["speaker"]["ref"].as_str().unwrap();
    let country = json["countries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == russia);
    assert_eq!(country.unwrap()["name"], "Russia");
    let people = json["people"].as_array().unwrap();
    let merged: Vec<_> = people.iter().filter(|p| p["reviewed"] == true).collect();
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0]["mentions"].as_array().unwrap().len(), 2);
    let engine = analysis::analyze(&std::fs::read_to_string(SAMPLE).unwrap());
    assert_eq!(people.len(), engine.people.len() - 1);
    // --no-review: the engine alone, and `eval` never reads reviews.
    let (plain, _, _) = quotelens(&["analyze", "--json", "--no-review", path], &dir);
    assert!(!plain.contains("\"reviewed\"") && !plain.contains("\"checked\""));
    // The exports apply it too: the CSV's checked and corrected columns.
    let (csv, _, _) = quotelens(&["export", "--format", "csv", path], &dir);
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(rows.iter().filter(|r| &r[9] == "true").count(), 1);
    assert_eq!(rows.iter().filter(|r| &r[10] == "true").count(), 1);
    // The sidecar is read, never written, by the command line.
    assert_eq!(
        std::fs::read_to_string(store::beside(&article)).unwrap(),
        example
    );
}

#[test]
fn a_review_saved_is_read_back_the_same() {
    let (dir, article) = sample_in("review-round-trip", None);
    let text = std::fs::read_to_string(&article).unwrap();
    let mut s = Sidecar::new("sample-article.txt", &text);
    let chars = CharIndex::new(&text);
    s.push(Correction::Check {
        quote: anchor(&text, &chars, Span::new(10, 20)),
        checked: true,
    });
    s.push(Correction::Check {
        quote: anchor(&text, &chars, Span::new(30, 40)),
        checked: true,
    });
    s.undo();
    let mut seen = None;
    let saved = store::save(&mut s, &mut seen, None, Some(&article), Some(&dir))
        .unwrap()
        .path;
    assert_eq!(saved, store::beside(&article));
    match store::load(Some(&article), Some(&dir), &s.article.sha256) {
        Loaded::Found(back) => {
            assert_eq!(back.sidecar, s);
            assert_eq!(back.path, saved);
            assert_eq!(Some(back), seen, "what was written is what is read");
        }
        other => panic!("{other:?}"),
    }
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn unusable_reviews_are_reported_and_never_overwritten() {
    let good = std::fs::read(EXAMPLE).unwrap();
    let rows: &[(&str, Vec<u8>, &str)] = &[
        ("corrupt", b"not json at all".to_vec(), "it is damaged"),
        (
            "truncated",
            good[..good.len() / 2].to_vec(),
            "it is damaged",
        ),
        (
            "newer",
            b"{\"schema\": \"quotelens.review/3\", \"ops\": []}".to_vec(),
            "written by a newer Quotelens (quotelens.review/3",
        ),
    ];
    for (what, bytes, says) in rows {
        let (dir, article) = sample_in(&format!("review-{what}"), Some(bytes));
        let path = article.to_str().unwrap();
        // The command line says why, and shows the engine's reading.
        let (out, err, ok) = quotelens(&["analyze", "--json", path], &dir);
        assert!(ok, "{what}");
        assert!(
            err.contains(says) && err.contains("kept as it is"),
            "{what}: {err}"
        );
        assert!(!out.contains("\"reviewed\""), "{what}");
        // The app opens it with corrections off, and a correction does not touch the file.
        let mut state = quotelens::app::AppState::default();
        state.set_data_dir(Some(dir.clone()));
        state.open_path(&article);
        state.finish_loading(std::time::Duration::from_mins(1));
        let blocked = state.article.review.blocked.clone().expect("blocked");
        assert!(blocked.contains(says), "{what}: {blocked}");
        let quote = state.article.quote_anchor(0).unwrap();
        state.correct(Correction::Check {
            quote,
            checked: true,
        });
        assert!(
            state
                .error
                .as_deref()
                .unwrap_or("")
                .starts_with("Corrections are off")
        );
        assert_eq!(
            &std::fs::read(store::beside(&article)).unwrap(),
            bytes,
            "{what}"
        );
        // Until a new review is started: the old file is kept as .bak.
        state.start_new_review();
        let quote = state.article.quote_anchor(0).unwrap();
        state.correct(Correction::Check {
            quote,
            checked: true,
        });
        let mut bak = store::beside(&article).into_os_string();
        bak.push(".bak");
        assert_eq!(&std::fs::read(&bak).unwrap(), bytes, "{what}");
        // The save runs on the saver's thread; the disk holds it once it is done.
        state.flush_review();
        let new = std::fs::read(store::beside(&article)).unwrap();
        assert!(Sidecar::parse(&new).is_ok(), "{what}");
    }
}

/// A folder this process cannot write to: a read-only folder, or (when running as root, who
/// may write anywhere) `/proc`.
fn unwritable_folder(test: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = common::scratch_dir(test).join("read-only");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(dir.join("probe"), "x").is_err() {
        return dir;
    }
    let _ = std::fs::remove_file(dir.join("probe"));
    PathBuf::from("/proc")
}

#[test]
fn a_review_of_an_article_in_an_unwritable_folder_goes_to_the_data_folder() {
    let folder = unwritable_folder("review-read-only");
    let data = common::scratch_dir("review-read-only-data");
    let article = folder.join("article.txt");
    let text = "“Yes,” said Ana Reyes.";
    let mut s = Sidecar::new("article.txt", text);
    s.push(Correction::Check {
        quote: anchor(text, &CharIndex::new(text), Span::new(3, 7)),
        checked: true,
    });
    let saved = store::save(&mut s, &mut None, None, Some(&article), Some(&data))
        .unwrap()
        .path;
    assert!(saved.starts_with(&data), "{}", saved.display());
    assert!(!store::beside(&article).exists());
    match store::load(Some(&article), Some(&data), &s.article.sha256) {
        Loaded::Found(back) => assert_eq!(back.sidecar, s),
        other => panic!("{other:?}"),
    }
    // With no data folder either, the error says why and where.
    let err = store::save(&mut s, &mut None, None, Some(&article), None).unwrap_err();
    assert!(
        err.starts_with("The corrections could not be saved ("),
        "{err}"
    );
    assert!(err.contains("article.txt.quotelens.json"), "{err}");
}

/// Words for generated articles: enough that a stretch of three rarely repeats.
fn words() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[a-z]{2,7}", 30..120)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The reader on a mangled review: it is refused or applied, never a panic, and what it
    /// applies keeps the analysis's invariants (the fuzz target's check, a few hundred times).
    #[test]
    fn a_mangled_review_is_refused_or_applied_whole(
        flips in prop::collection::vec((0usize..4000, any::<u8>()), 1..6),
        cut in 0usize..4000,
    ) {
        let mut bytes = std::fs::read(EXAMPLE).unwrap();
        for (at, b) in flips {
            let n = bytes.len();
            bytes[at % n] = b;
        }
        bytes.truncate(bytes.len().max(1) - cut % 64);
        let text = std::fs::read_to_string(SAMPLE).unwrap();
        if let Ok(mut s) = Sidecar::parse(&bytes) {
            let r = quotelens::review::apply(&analysis::analyze(&text), &text, &s.corrections);
            prop_assert_eq!(r.analysis.check_spans(&text), Ok(()));
            s.reanchor(&text);
        }
    }

    /// Text inserted or deleted elsewhere: the anchored words are found where they moved.
    #[test]
    fn anchors_follow_their_words_through_edits_elsewhere(
        ws in words(),
        pick in 0usize..1000,
        at in 0usize..1000,
        insert in "[a-z ,.]{0,40}",
        delete in 0usize..30,
    ) {
        let text = ws.join(" ");
        // The anchored stretch: three words.
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices(' ').map(|(i, _)| i + 1))
            .collect();
        let k = pick % (starts.len() - 3);
        let span = Span::new(starts[k], starts[k + 3] - 1);
        let a = anchor(&text, &CharIndex::new(&text), span);
        prop_assume!(text.matches(a.text.as_str()).count() == 1);
        // An edit outside the stretch: before it or after it.
        let (lo, hi) = if at % 2 == 0 { (0, span.start) } else { (span.end, text.len()) };
        let pos = lo + at % (hi - lo + 1);
        let del_end = (pos + delete).min(hi);
        let mut edited = String::new();
        edited.push_str(&text[..pos]);
        edited.push_str(&insert);
        edited.push_str(&text[del_end..]);
        prop_assume!(edited.matches(a.text.as_str()).count() == 1);
        let shift = |b: usize| if b >= del_end { b - (del_end - pos) + insert.len() } else { b };
        let want = if span.start >= del_end {
            Span::new(shift(span.start), shift(span.end))
        } else {
            span
        };
        let got = place(&edited, &CharIndex::new(&edited), &a);
        prop_assert_eq!(got, Some(want));
        prop_assert_eq!(&edited[want.start..want.end], a.text.as_str());
    }
}

#[test]
fn corrections_follow_a_changed_article_and_those_that_cannot_are_kept() {
    let example = std::fs::read_to_string(EXAMPLE).unwrap();
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let mut s = Sidecar::parse(example.as_bytes()).unwrap();
    // A paragraph added at the top, and the merged byline name changed.
    let merged = match &s.corrections[2].correction {
        Correction::Merge { from, .. } => from.text.clone(),
        c => panic!("{c:?}"),
    };
    let changed = format!(
        "An editor's note added above.\n\n{}",
        text.replacen(&merged, "A. N. Other", 1)
    );
    let before = s.clone();
    let unplaced = s.reanchor(&changed);
    assert_eq!(unplaced, [2], "the merge names a byline that is gone");
    for (i, (c, old)) in s
        .corrections
        .iter()
        .zip(&before.corrections)
        .enumerate()
        .take(2)
    {
        let (a, o) = (c.correction.anchors()[0], old.correction.anchors()[0]);
        assert_eq!(a.text, o.text, "{i}");
        // Moved down by the note (31 characters), and back by 2 past the shorter name.
        let shift = if o.start > 234 { 29 } else { 31 };
        assert_eq!(a.start, o.start + shift, "{i}");
    }
    assert_eq!(s.corrections[2], before.corrections[2], "kept as it was");
    let r = quotelens::review::apply(&analysis::analyze(&changed), &changed, &s.corrections);
    assert_eq!(r.unplaced, [2]);
    assert_eq!(r.flags.checked.iter().filter(|&&c| c).count(), 1);
}

/// The child side of the crash test: saves a growing review in a loop until killed.
#[test]
fn crash_child_saves_in_a_loop() {
    let Some(path) = std::env::var_os("QUOTELENS_CRASH_SIDECAR") else {
        return; // Only runs as the crash test's child.
    };
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let chars = CharIndex::new(&text);
    let mut s = Sidecar::new("sample-article.txt", &text);
    let path = PathBuf::from(path);
    let mut seen = None;
    for i in 0usize.. {
        let start = (i * 7) % (text.len() - 40);
        let start = (start..text.len())
            .find(|&b| text.is_char_boundary(b))
            .unwrap();
        let end = (start + 30..=text.len())
            .find(|&b| text.is_char_boundary(b))
            .unwrap();
        s.push(Correction::Check {
            quote: anchor(&text, &chars, Span::new(start, end)),
            checked: i % 2 == 0,
        });
        if s.corrections.len() > 400 {
            s.corrections.drain(..200);
        }
        // The app's save: under the lock, merged with the file, written atomically.
        store::sync(&path, &mut s, &mut seen, store::Write::Always).unwrap();
    }
}

#[test]
fn a_save_killed_at_any_moment_leaves_a_whole_review() {
    let dir = common::scratch_dir("review-crash");
    let path = dir.join("article.txt.quotelens.json");
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    store::write_atomic(
        &path,
        Sidecar::new("article.txt", &text).to_json().as_bytes(),
    )
    .unwrap();
    let iterations = 100;
    let mut failures = 0;
    for i in 0..iterations {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "crash_child_saves_in_a_loop",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("QUOTELENS_CRASH_SIDECAR", &path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20 + (i * 37) % 180));
        child.kill().unwrap();
        child.wait().unwrap();
        let bytes = std::fs::read(&path).unwrap();
        if Sidecar::parse(&bytes).is_err() {
            failures += 1;
        }
    }
    eprintln!("crash test: {iterations} kills mid-save, {failures} sidecars that did not parse");
    assert_eq!(failures, 0);
    // Each save under the lock clears what killed saves left: at most the last kill's remains.
    let leftovers = std::fs::read_dir(&dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert!(leftovers <= 1, "{leftovers} temporary files left");
}

/// Reviews kept in the data folder stay where the window (eframe) keeps its settings: the engine
/// computes the folder without eframe, and must agree with it, or reviews saved before would be
/// lost from sight.
#[test]
fn the_engine_finds_the_same_data_folder_as_the_window() {
    let engine = quotelens::review::store::app_data_dir();
    assert!(engine.is_some(), "a data folder on this system");
    assert_eq!(engine, eframe::storage_dir("quotelens"));
}
