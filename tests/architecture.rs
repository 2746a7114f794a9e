//! Architecture invariants: the analysis is pure (no UI, no I/O) and every module documents
//! what it owns.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a failed test"
)]

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("read src") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn analysis_names_no_ui_and_does_no_io() {
    let mut files = Vec::new();
    rust_files(Path::new("src/analysis"), &mut files);
    assert!(files.len() >= 5, "analysis sources found");
    for f in files {
        let src = std::fs::read_to_string(&f).expect("read");
        for banned in [
            "egui",
            "eframe",
            "rfd",
            "std::fs",
            "std::io",
            "std::net",
            "std::process",
            "std::env",
            "File::",
        ] {
            assert!(!src.contains(banned), "{} mentions {banned}", f.display());
        }
    }
}

#[test]
fn every_module_starts_with_a_doc_line() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    for f in files {
        let src = std::fs::read_to_string(&f).expect("read");
        assert!(
            src.starts_with("//!"),
            "{} does not start with a //! line",
            f.display()
        );
    }
}

#[test]
fn colours_only_in_the_theme_module() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    for f in files {
        if f.ends_with("theme.rs") {
            continue;
        }
        let src = std::fs::read_to_string(&f).expect("read");
        assert!(
            !src.contains("from_rgb"),
            "{} defines a colour outside ui/theme.rs",
            f.display()
        );
    }
}
