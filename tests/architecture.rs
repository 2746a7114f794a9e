//! Architecture invariants: the analysis is pure (no UI, no I/O) and every module documents
//! what it owns.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a failed test"
)]

use std::path::Path;

/// The engine's analysis sources, in the core crate.
const CORE_ANALYSIS: &str = "crates/quotelens-core/src/analysis";

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
    rust_files(Path::new(CORE_ANALYSIS), &mut files);
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
    rust_files(Path::new("crates"), &mut files);
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
    rust_files(Path::new("crates"), &mut files);
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

/// The sources under `dir`, with their text.
fn sources(dir: &str) -> Vec<(std::path::PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(Path::new(dir), &mut files);
    assert!(!files.is_empty(), "{dir} has sources");
    files
        .into_iter()
        .map(|f| {
            let src = std::fs::read_to_string(&f).expect("read");
            (f, src)
        })
        .collect()
}

/// The file-level `use` items of a source (not those of inner modules), joined across lines.
fn use_items(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    for line in src.lines() {
        let t = line.trim();
        if let Some(c) = &mut cur {
            c.push_str(t);
        } else if line.starts_with("use ") || line.starts_with("pub use ") {
            cur = Some(t.to_string());
        }
        if cur.as_ref().is_some_and(|c| c.ends_with(';')) {
            out.extend(cur.take());
        }
    }
    out
}

#[test]
fn app_state_never_imports_the_ui_or_the_window() {
    for (f, src) in sources("src/app") {
        for banned in ["crate::ui", "crate::window", "egui::Ui", "Painter"] {
            assert!(!src.contains(banned), "{} mentions {banned}", f.display());
        }
        // `ui::` as a path of its own (not the end of `egui::`).
        let bare_ui = src.match_indices("ui::").any(|(i, _)| {
            src[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric() && c != '_')
        });
        assert!(!bare_ui, "{} names the ui module", f.display());
    }
    for (f, src) in sources("src/ui") {
        assert!(
            !src.contains("crate::window"),
            "{}: the UI draws state; the window glue uses the UI, not the other way",
            f.display()
        );
    }
}

#[test]
fn the_analysis_and_document_layers_import_nothing_above_them() {
    for (f, src) in sources(CORE_ANALYSIS) {
        assert!(
            !src.contains("crate::"),
            "{} reaches outside analysis",
            f.display()
        );
    }
    for (f, src) in sources("crates/quotelens-core/src/document") {
        for banned in ["crate::", "egui", "eframe"] {
            assert!(!src.contains(banned), "{} mentions {banned}", f.display());
        }
    }
}

/// The review's model, anchors and applying are pure: only `review/store.rs` touches files,
/// and nothing of the review draws.
#[test]
fn the_review_is_pure_but_for_its_store() {
    for (f, src) in sources("crates/quotelens-core/src/review") {
        if f.ends_with("store.rs") {
            continue;
        }
        for banned in [
            "std::fs",
            "egui",
            "eframe",
            "rfd",
            "crate::app",
            "crate::ui",
        ] {
            assert!(!src.contains(banned), "{} mentions {banned}", f.display());
        }
    }
}

/// Passes import the model and each other's modules, never the pipeline, and never the types
/// that `analysis/mod.rs` re-exports (so no pass depends on the module that runs it).
#[test]
fn passes_import_the_model_never_the_pipeline() {
    for (f, src) in sources(CORE_ANALYSIS) {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let top = f.parent() == Some(Path::new(CORE_ANALYSIS));
        if top && matches!(name, "mod.rs" | "pipeline.rs" | "tests.rs") {
            continue;
        }
        for u in use_items(&src) {
            assert!(!u.contains("pipeline"), "{}: {u}", f.display());
            // What `use super::…` names first must be a module (lower case), not a re-export.
            let rest = u.trim_start_matches("pub ").trim_start_matches("use ");
            let mut path = rest;
            while let Some(r) = path.strip_prefix("super::") {
                path = r;
            }
            if rest.starts_with("super::") && f.ends_with("tests.rs") {
                continue;
            }
            if rest.starts_with("super::") && top {
                let first = path.trim_start_matches('{');
                assert!(
                    first.starts_with(|c: char| c.is_ascii_lowercase()),
                    "{}: `{u}` imports through analysis/mod.rs; import the model or the pass",
                    f.display()
                );
            }
        }
    }
    let model = std::fs::read_to_string(format!("{CORE_ANALYSIS}/model.rs")).expect("model");
    assert!(
        use_items(&model).iter().all(|u| !u.contains("super::")),
        "model.rs imports no pass"
    );
}

/// No person named in a dev set's gold annotations (two words or more) appears in the code, the
/// tests or the word lists: rules state general patterns of news writing, tested on invented
/// text.
#[test]
fn no_dev_set_name_in_code_tests_or_word_lists() {
    let mut names = std::collections::BTreeSet::new();
    for set in [
        "tests/data/devset",
        "tests/data/devset2",
        "tests/data/devset3",
    ] {
        for e in std::fs::read_dir(set).expect("dev set") {
            let p = e.expect("entry").path();
            if p.extension().is_none_or(|x| x != "json") {
                continue;
            }
            let gold: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&p).expect("read")).expect("json");
            for m in gold["persons"].as_array().into_iter().flatten() {
                for key in ["text", "canonical"] {
                    if let Some(n) = m[key]
                        .as_str()
                        .filter(|n| n.split_whitespace().count() >= 2)
                    {
                        names.insert(n.to_string());
                    }
                }
            }
        }
    }
    assert!(names.len() > 100, "dev-set names read: {}", names.len());
    let mut files = Vec::new();
    for dir in ["src", "crates", "tests", "benches"] {
        rust_files(Path::new(dir), &mut files);
    }
    for e in std::fs::read_dir("assets/data/lexicon").expect("lexicon") {
        files.push(e.expect("entry").path());
    }
    for f in files {
        let src = std::fs::read_to_string(&f).expect("read");
        for n in &names {
            assert!(
                !src.contains(n.as_str()),
                "{} names {n} of a dev set",
                f.display()
            );
        }
    }
}

/// The engine crate depends on no GUI crate, directly or through another crate: the compiler
/// enforces the layering that the tests above check by text.
#[test]
fn the_core_crate_links_no_gui_crate() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let out = std::process::Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "-p",
            "quotelens-core",
            "-e",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    let crates: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(crates.contains(&"regex"), "the tree was read: {crates:?}");
    for gui in ["egui", "eframe", "winit", "rfd", "arboard", "wgpu", "glow"] {
        assert!(!crates.contains(&gui), "quotelens-core depends on {gui}");
    }
}
