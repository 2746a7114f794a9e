//! Bad and odd input files: each row of `common::BAD_FILES` (files in `tests/data/bad/`) and the
//! large or special inputs generated here must open or be refused exactly as expected, never
//! modify the file, and give an analysis whose spans hold their invariants.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a failed test"
)]

mod common;

use common::{BAD_FILES, Expect, bad_dir, opens, scratch_dir};
use quotelens::analysis::analyze;
use quotelens::document::{self, MAX_FILE_BYTES};
use std::path::Path;

/// Opens `path` and checks the outcome against `expect`; for text, also checks the analysis.
fn check(path: &Path, expect: Expect) {
    let before = std::fs::read(path).ok();
    let got = document::open(path);
    match (expect, &got) {
        (Expect::Opens { contains, encoding }, Ok(doc)) => {
            assert!(
                doc.text.contains(contains),
                "{}: {:?} not in {:?}",
                path.display(),
                contains,
                doc.text
            );
            assert_eq!(doc.encoding, encoding, "{}", path.display());
            assert!(!doc.text.contains('\r'), "{}: line endings", path.display());
            assert!(!doc.is_empty());
            let a = analyze(&doc.text);
            if let Err(e) = a.check_spans(&doc.text) {
                panic!("{}: {e}", path.display());
            }
        }
        (Expect::Empty, Ok(doc)) => assert!(doc.is_empty(), "{}", path.display()),
        (Expect::Error(prefix), Err(e)) => {
            let msg = e.to_string();
            assert!(msg.starts_with(prefix), "{}: got {msg:?}", path.display());
            assert!(
                msg.ends_with(&path.display().to_string()),
                "the error names the path last: {msg:?}"
            );
            assert!(!msg.contains('\n'), "one line: {msg:?}");
        }
        (expect, got) => panic!("{}: expected {expect:?}, got {got:?}", path.display()),
    }
    assert_eq!(
        std::fs::read(path).ok(),
        before,
        "{}: the file was modified",
        path.display()
    );
}

#[test]
fn every_bad_file_has_a_row_and_every_row_a_file() {
    let mut on_disk: Vec<String> = std::fs::read_dir(bad_dir())
        .expect("tests/data/bad")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut in_table: Vec<String> = BAD_FILES.iter().map(|(n, _)| (*n).to_string()).collect();
    in_table.sort();
    assert_eq!(on_disk, in_table);
}

#[test]
fn bad_files_open_or_are_refused_as_expected() {
    for (name, expect) in BAD_FILES {
        check(&bad_dir().join(name), *expect);
    }
}

#[test]
fn generated_inputs_open_or_are_refused_as_expected() {
    let dir = scratch_dir("generated");
    let sample = include_str!("data/fixtures/sample-article.txt");

    // 1 MB on one line.
    let one_line = sample
        .replace('\n', " ")
        .repeat(1 + (1 << 20) / sample.len());
    std::fs::write(dir.join("one-line.txt"), &one_line).unwrap();
    check(&dir.join("one-line.txt"), opens("Kremlin", "UTF-8"));

    // 10,000 unbalanced quote marks among words.
    let marks: String = (0..10_000)
        .map(|i| ["“", "\"", "”", "«", "‘", " said Anna Berg. "][i % 6])
        .collect();
    std::fs::write(dir.join("marks.txt"), &marks).unwrap();
    check(&dir.join("marks.txt"), opens("said Anna Berg", "UTF-8"));

    // A 50 MB article opens (the analysis of it is the app's background work; see the
    // properties test for linear time).
    let big = dir.join("big.txt");
    let chunk = "The minister said the talks would go on. ".repeat(1000);
    let mut text = String::with_capacity(50 << 20);
    while text.len() + chunk.len() <= 50 << 20 {
        text.push_str(&chunk);
        text.push_str("\n\n");
    }
    std::fs::write(&big, &text).unwrap();
    let doc = document::open(&big).expect("50 MB opens");
    assert_eq!(doc.text.len(), text.len());
    drop((doc, text));
    std::fs::remove_file(&big).unwrap();

    // Above the limit: refused by size, without reading it (a sparse file).
    let huge = dir.join("huge.log");
    let f = std::fs::File::create(&huge).unwrap();
    f.set_len(MAX_FILE_BYTES + 1).unwrap();
    drop(f);
    check(
        &huge,
        Expect::Error("Too large to open (64.0 MB; the limit is 64 MB)"),
    );

    // A folder, a missing file.
    check(&dir, Expect::Error("Is a folder, not a file"));
    check(&dir.join("missing.txt"), Expect::Error("File not found"));

    // Not allowed to read. Root reads anything, so there the file simply opens.
    let locked = dir.join("locked.txt");
    std::fs::write(&locked, "“Locked,” said Anna Berg.").unwrap();
    set_mode(&locked, 0o000);
    if std::fs::read(&locked).is_err() {
        check(&locked, Expect::Error("No permission to read"));
    } else {
        check(&locked, opens("Locked", "UTF-8"));
    }
    set_mode(&locked, 0o644);
    std::fs::remove_dir_all(&dir).ok();
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) {}
