//! Several writers on one review: two processes saving as fast as they can lose nothing, and
//! `quotelens review` prints a review and adds corrections to it through the same merge.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a failed test"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use quotelens::analysis::{self, SpeakerKind};
use quotelens::review::anchor::{CharIndex, anchor};
use quotelens::review::{Correction, Named, Sidecar, store};

mod common;

const SAMPLE: &str = "assets/sample-article.txt";
/// Corrections each writer makes.
const EACH: usize = 100;

/// The sample article copied into a scratch folder.
fn sample_in(test: &str) -> (PathBuf, PathBuf) {
    let dir = common::scratch_dir(test);
    let article = dir.join("article.txt");
    std::fs::copy(SAMPLE, &article).unwrap();
    (dir, article)
}

/// The child side of the two-writer test: a writer like a window. It reads the article's
/// review, waits for the go file, then makes `EACH` corrections, saving after each as the
/// window does (read again under the lock, merged, written atomically). With
/// `QUOTELENS_PLAIN_SAVE` set it writes without the merge, as saves did before: the parent then
/// sees corrections lost (how the test was checked to fail).
#[test]
fn writer_child_corrects_and_saves_in_a_loop() {
    let (Some(article), Some(tag)) = (
        std::env::var_os("QUOTELENS_WRITER_ARTICLE"),
        std::env::var("QUOTELENS_WRITER_TAG").ok(),
    ) else {
        return; // Only runs as the two-writer test's child.
    };
    let article = PathBuf::from(article);
    let text = std::fs::read_to_string(&article).unwrap();
    let info = quotelens::review::ArticleInfo::of("article.txt", &text);
    let (mut mine, mut seen) = match store::load(Some(&article), None, &info.sha256) {
        store::Loaded::Found(seen) => (seen.sidecar.clone(), Some(seen)),
        _ => (Sidecar::for_article(info), None),
    };
    let quote = analysis::analyze(&text).quotes[0].span;
    let chars = CharIndex::new(&text);
    let go = article.with_file_name("go");
    while !go.exists() {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let plain = std::env::var_os("QUOTELENS_PLAIN_SAVE").is_some();
    for i in 0..EACH {
        mine.push(Correction::Speaker {
            quote: anchor(&text, &chars, quote),
            speaker: Named {
                name: format!("{tag} {i}"),
                kind: SpeakerKind::Person,
            },
        });
        if plain {
            store::write_atomic(&store::beside(&article), mine.to_json().as_bytes()).unwrap();
        } else {
            store::save(&mut mine, &mut seen, None, Some(&article), None).unwrap();
        }
    }
}

#[test]
fn two_processes_correcting_at_once_lose_nothing() {
    let (dir, article) = sample_in("review-two-writers");
    let children: Vec<_> = ["A", "B"]
        .iter()
        .map(|tag| {
            Command::new(std::env::current_exe().unwrap())
                .args([
                    "--exact",
                    "writer_child_corrects_and_saves_in_a_loop",
                    "--test-threads=1",
                ])
                .env("QUOTELENS_WRITER_ARTICLE", &article)
                .env("QUOTELENS_WRITER_TAG", tag)
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    // Both have read the (missing) review and wait; go.
    std::thread::sleep(std::time::Duration::from_millis(300));
    std::fs::write(dir.join("go"), "").unwrap();
    for mut c in children {
        assert!(c.wait().unwrap().success(), "a writer failed");
    }
    let bytes = std::fs::read(store::beside(&article)).unwrap();
    let review = Sidecar::parse(&bytes).expect("the review parses");
    let names: Vec<String> = review
        .corrections
        .iter()
        .map(|e| match &e.correction {
            Correction::Speaker { speaker, .. } => speaker.name.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    for tag in ["A", "B"] {
        let mine: Vec<&String> = names.iter().filter(|n| n.starts_with(tag)).collect();
        let want: Vec<String> = (0..EACH).map(|i| format!("{tag} {i}")).collect();
        assert_eq!(
            mine,
            want.iter().collect::<Vec<_>>(),
            "every correction of writer {tag}, once, in the order made"
        );
    }
    assert_eq!(review.corrections.len(), 2 * EACH);
    // The writers did save at the same time: their corrections alternate in the log.
    let switches = names
        .windows(2)
        .filter(|w| w[0].as_bytes()[0] != w[1].as_bytes()[0])
        .count();
    eprintln!("two writers: {switches} switches between writers in the merged log");
    assert!(
        switches >= 2,
        "the writers did not overlap ({switches} switches)"
    );
    let times: Vec<&str> = review.corrections.iter().map(|e| e.at.as_str()).collect();
    assert!(times.is_sorted(), "in time order");
    // It applies: the quote's speaker is the one set last.
    let text = std::fs::read_to_string(&article).unwrap();
    let base = analysis::analyze(&text);
    let r = quotelens::review::apply(&base, &text, &review.corrections);
    assert!(r.unplaced.is_empty());
    assert_eq!(r.analysis.check_spans(&text), Ok(()));
    let last = names.last().unwrap();
    assert_eq!(
        r.analysis.quotes[0].speaker.as_ref().map(|s| &s.name),
        Some(last)
    );
}

fn quotelens(args: &[&str], data: &Path) -> (String, String, bool) {
    common::run_quotelens(env!("CARGO_BIN_EXE_quotelens"), args, data)
}

/// A correction file for the sample: checks of its first `n` quotes, as a script writes them
/// (the anchors' words and offsets only, no id).
fn checks(text: &str, n: usize) -> String {
    let chars = CharIndex::new(text);
    let list: Vec<serde_json::Value> = analysis::analyze(text)
        .quotes
        .iter()
        .take(n)
        .map(|q| {
            let a = anchor(text, &chars, q.span);
            serde_json::json!({"op": "check", "checked": true,
                "quote": {"start": a.start, "end": a.end, "text": a.text}})
        })
        .collect();
    serde_json::to_string(&list).unwrap()
}

#[test]
fn the_review_command_lists_and_adds_through_the_merge() {
    let (dir, article) = sample_in("review-cli");
    let data = dir.join("data");
    let art = article.to_str().unwrap();
    let text = std::fs::read_to_string(&article).unwrap();
    let (out, err, ok) = quotelens(&["review", art], &data);
    assert!(ok, "{err}");
    assert_eq!(out, format!("No review yet: {art}\n"));

    let adds = dir.join("checks.json");
    std::fs::write(&adds, checks(&text, 2)).unwrap();
    let add = adds.to_str().unwrap();
    let (out, err, ok) = quotelens(&["review", art, "--add", add], &data);
    assert!(ok, "{err}");
    let sidecar = store::beside(&article);
    assert_eq!(
        out.trim(),
        format!("Added 2 corrections (2 in effect): {}", sidecar.display())
    );
    // A script adding the same list again adds two more (they have no ids) …
    let (out, _, _) = quotelens(&["review", art, "--add", add], &data);
    assert!(
        out.starts_with("Added 2 corrections (4 in effect)"),
        "{out}"
    );
    // … but a review's own corrections, with their ids, are added once.
    let (out, _, _) = quotelens(&["review", art, "--add", sidecar.to_str().unwrap()], &data);
    assert!(
        out.starts_with("Added 0 corrections (4 in effect)")
            && out.contains("4 already in the review, not added again"),
        "{out}"
    );

    let (out, err, ok) = quotelens(&["review", art], &data);
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        format!("Review of article.txt: {}", sidecar.display())
    );
    assert_eq!(lines[1], "4 corrections in effect");
    assert_eq!(lines.len(), 6, "{out}");
    for (i, l) in lines[2..].iter().enumerate() {
        assert!(
            l.starts_with(&format!("{:>5}  20", format!("{}.", i + 1))),
            "{l}"
        );
        assert!(l.contains(" UTC  “"), "{l}");
        assert!(l.ends_with(" checked"), "{l}");
    }

    // A window's review file sees the script's corrections: they apply.
    let (json, _, _) = quotelens(&["analyze", "--json", art], &data);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let quotes = json["quotes"].as_array().unwrap();
    assert_eq!(quotes[0]["checked"], true);
    assert_eq!(quotes[1]["checked"], true);
    assert_ne!(quotes[2]["checked"], true);
}

#[test]
fn the_review_command_refuses_what_it_cannot_add_and_adds_nothing() {
    let (dir, article) = sample_in("review-cli-refused");
    let data = dir.join("data");
    let art = article.to_str().unwrap();
    let rows: &[(&str, &str, &str)] = &[
        ("not-json.json", "{ no", "is not JSON"),
        ("number.json", "42", "is not a list of corrections"),
        ("object.json", "{\"x\": 1}", "has no \"corrections\" list"),
        (
            "not-a-correction.json",
            "[{\"op\": \"paint\"}]",
            "correction 1 of ",
        ),
        (
            "not-there.json",
            "[{\"op\": \"check\", \"checked\": true, \"quote\": {\"start\": 5, \"end\": 30, \"text\": \"words no article here has\"}}]",
            "cannot be placed in the article: “words no article here has” is not at 5–30",
        ),
        (
            "same-id.json",
            "[{\"id\": \"x1\", \"op\": \"check\", \"checked\": true, \"quote\": {\"start\": 0, \"end\": 5, \"text\": \"Biden\"}},\
              {\"id\": \"x1\", \"op\": \"check\", \"checked\": false, \"quote\": {\"start\": 0, \"end\": 5, \"text\": \"Biden\"}}]",
            "two corrections of ",
        ),
    ];
    for &(name, json, says) in rows {
        let f = dir.join(name);
        std::fs::write(&f, json).unwrap();
        let (out, err, ok) = quotelens(&["review", art, "--add", f.to_str().unwrap()], &data);
        assert!(!ok && out.is_empty(), "{name}: {out}");
        assert!(
            err.starts_with("quotelens: ") && err.contains(says),
            "{name}: {err}"
        );
        assert!(!store::beside(&article).exists(), "{name}: nothing written");
    }
    // A damaged review is not written over.
    std::fs::write(store::beside(&article), "{ damaged").unwrap();
    let f = dir.join("ok.json");
    std::fs::write(&f, checks(&std::fs::read_to_string(&article).unwrap(), 1)).unwrap();
    let (_, err, ok) = quotelens(&["review", art, "--add", f.to_str().unwrap()], &data);
    assert!(!ok && err.contains("is damaged"), "{err}");
    assert_eq!(
        std::fs::read_to_string(store::beside(&article)).unwrap(),
        "{ damaged"
    );
}

#[test]
fn a_first_schema_review_is_read_listed_and_upgraded_on_its_first_save() {
    let dir = common::scratch_dir("review-first-schema");
    let article = dir.join("sample-article.txt");
    std::fs::copy(SAMPLE, &article).unwrap();
    let old = std::fs::read_to_string("tests/data/review/first-schema.quotelens.json").unwrap();
    assert!(old.contains("\"schema\": \"quotelens.review/1\"") && !old.contains("\"id\""));
    std::fs::write(store::beside(&article), &old).unwrap();
    let art = article.to_str().unwrap();
    let data = dir.join("data");
    let (out, err, ok) = quotelens(&["review", art], &data);
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[1], "3 corrections in effect");
    assert!(
        lines[2..].iter().all(|l| l.contains("  (no time)  ")),
        "{out}"
    );
    // The second schema's example is the same review with ids and times: both apply alike.
    let (v1_json, _, _) = quotelens(&["analyze", "--json", art], &data);
    std::fs::copy(
        "tests/data/review/sample-article.txt.quotelens.json",
        store::beside(&article),
    )
    .unwrap();
    let (v2_json, _, _) = quotelens(&["analyze", "--json", art], &data);
    assert_eq!(v1_json, v2_json);
    // The first save writes the second schema, the old corrections with derived ids, first.
    std::fs::write(store::beside(&article), &old).unwrap();
    let text = std::fs::read_to_string(&article).unwrap();
    let adds = dir.join("one.json");
    std::fs::write(&adds, checks(&text, 1)).unwrap();
    let (_, err, ok) = quotelens(&["review", art, "--add", adds.to_str().unwrap()], &data);
    assert!(ok, "{err}");
    let saved = std::fs::read_to_string(store::beside(&article)).unwrap();
    let s = Sidecar::parse(saved.as_bytes()).unwrap();
    assert!(saved.contains("\"schema\": \"quotelens.review/2\""));
    let ids: Vec<&str> = s.corrections.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), 4);
    assert!(ids[..3].iter().all(|i| i.starts_with("v1-")), "{ids:?}");
    assert_eq!(ids[3].len(), 32);
    let again = Sidecar::parse(old.as_bytes()).unwrap();
    assert_eq!(
        again.corrections[..],
        s.corrections[..3],
        "the same ids as any reader derives"
    );
}

#[test]
fn without_a_lock_the_merge_by_content_still_keeps_both_writers_corrections() {
    let (_dir, article) = sample_in("review-no-lock");
    let path = store::beside(&article);
    // A lock file that cannot be opened as a file: no lock can be had here.
    std::fs::create_dir(store::lock_path(&path)).unwrap();
    let text = std::fs::read_to_string(&article).unwrap();
    let chars = CharIndex::new(&text);
    let quotes = analysis::analyze(&text).quotes;
    let check = |i: usize| Correction::Check {
        quote: anchor(&text, &chars, quotes[i].span),
        checked: true,
    };
    let info = quotelens::review::ArticleInfo::of("article.txt", &text);
    let (mut a, mut b) = (
        Sidecar::for_article(info.clone()),
        Sidecar::for_article(info),
    );
    let (mut seen_a, mut seen_b) = (None, None);
    a.push(check(0));
    let done = store::sync(&path, &mut a, &mut seen_a, store::Write::Always).unwrap();
    assert!(!done.locked && done.merged.is_none());
    // B has not seen A's save.
    b.push(check(1));
    let done = store::sync(&path, &mut b, &mut seen_b, store::Write::Always).unwrap();
    assert!(!done.locked);
    assert_eq!(done.merged.map(|m| m.arrived.len()), Some(1));
    // A looks again: nothing to write, B's check arrives.
    let done = store::sync(&path, &mut a, &mut seen_a, store::Write::IfNeeded).unwrap();
    assert!(!done.wrote);
    assert_eq!(a, b);
    let on_disk = Sidecar::parse(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(on_disk, a);
    assert_eq!(on_disk.corrections.len(), 2);
}
