//! The command line: `analyze --json` emits the documented schema, the scorer accepts it, and
//! `eval` prints the same numbers as `tools/score.py`.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a failed test"
)]

use std::path::Path;
use std::process::Command;

fn quotelens() -> Command {
    Command::new(env!("CARGO_BIN_EXE_quotelens"))
}

/// Runs `cmd` and asserts that it succeeded (its error output in the message).
fn succeeds(cmd: &mut Command) -> std::process::Output {
    let out = cmd.output().expect("the command runs");
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn run_json(path: &str) -> serde_json::Value {
    let out = succeeds(quotelens().args(["analyze", "--json", path]));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// Character-offset slice.
fn chars(text: &str, s: u64, e: u64) -> String {
    text.chars()
        .skip(usize::try_from(s).unwrap_or(0))
        .take(usize::try_from(e - s).unwrap_or(0))
        .collect()
}

#[test]
fn analyze_json_follows_the_schema() {
    let v = run_json("tests/data/fixtures/sample-article.txt");
    assert_eq!(v["schema"], "quotelens.analysis/1");
    assert_eq!(v["source"], "sample-article.txt");
    let text = v["text"].as_str().expect("text");
    assert_eq!(
        text,
        std::fs::read_to_string("tests/data/fixtures/sample-article.txt").expect("read")
    );
    let check = |m: &serde_json::Value| {
        let (s, e) = (
            m["start"].as_u64().expect("start"),
            m["end"].as_u64().expect("end"),
        );
        assert!(s < e);
        assert_eq!(
            chars(text, s, e),
            m["text"].as_str().expect("text"),
            "offsets are char offsets into text"
        );
    };
    let people = v["people"].as_array().expect("people");
    assert!(!people.is_empty());
    for p in people {
        assert!(p["id"].as_str().is_some_and(|id| id.starts_with('p')));
        p["mentions"]
            .as_array()
            .expect("mentions")
            .iter()
            .for_each(check);
    }
    for c in v["countries"].as_array().expect("countries") {
        assert_eq!(c["code"].as_str().map(str::len), Some(2));
        for m in c["mentions"].as_array().expect("mentions") {
            check(m);
            assert!(matches!(
                m["form"].as_str(),
                Some("name" | "demonym" | "capital")
            ));
        }
    }
    let quotes = v["quotes"].as_array().expect("quotes");
    for q in quotes {
        check(q);
        assert!(matches!(
            q["kind"].as_str(),
            Some("direct" | "partial" | "indirect" | "term")
        ));
        if let Some(sp) = q["speaker"].as_object() {
            assert!(matches!(
                sp["kind"].as_str(),
                Some("person" | "organization" | "country" | "unknown")
            ));
            if let Some(r) = sp["ref"].as_str() {
                let list = if r.starts_with('p') {
                    &v["people"]
                } else {
                    &v["countries"]
                };
                assert!(
                    list.as_array().expect("list").iter().any(|e| e["id"] == r),
                    "ref {r} points at an entity"
                );
            }
        }
        if q["cue"].is_object() {
            check(&q["cue"]);
        }
        // Every quote says why its speaker (or why none), in the documented words.
        let rule = q["rule"].as_str().expect("rule");
        assert!(
            quotelens::analysis::Rule::from_label(rule).is_some(),
            "unknown rule {rule:?}"
        );
    }
}

/// An invented article: Ilse Marten speaks three times and reports once.
const INVENTED: &str = "tests/data/invented/harbour.txt";

#[test]
fn analyze_json_names_speakers_and_their_quotes() {
    let v = run_json(INVENTED);
    let people = v["people"].as_array().expect("people");
    assert!(people.iter().any(|p| p["name"] == "Ilse Marten"));
    let by = |kind_is_indirect: bool| {
        v["quotes"]
            .as_array()
            .expect("quotes")
            .iter()
            .filter(|q| {
                q["speaker"]["name"] == "Ilse Marten"
                    && (q["kind"] == "indirect") == kind_is_indirect
            })
            .count()
    };
    assert_eq!((by(false), by(true)), (3, 1));
}

#[test]
fn readable_summary_and_errors() {
    let out = succeeds(quotelens().args(["analyze", INVENTED]));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("Ilse Marten · 3 quotes · 1 reported\n"), "{s}");
    let out = quotelens()
        .args(["analyze", "no/such/file.txt"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "one-line message: {err}");
    assert!(err.contains("no/such/file.txt"), "{err}");
    let out = quotelens().arg("--version").output().expect("run");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("quotelens "));
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let mut child = quotelens()
        .args([
            "analyze",
            "--json",
            "tests/data/fixtures/sample-article.txt",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run");
    drop(child.stdout.take()); // like `| head -0`: the pipe closes before anything is read
    let out = child.wait_with_output().expect("wait");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Finds the scorer: the shared folder beside the checkout, as laid out for CI.
fn scorer() -> Option<&'static Path> {
    let p = Path::new("../shared/tools/score.py");
    p.exists().then_some(p)
}

#[test]
fn scorer_accepts_output_and_eval_matches_it() {
    let Some(score) = scorer() else {
        // The scorer lives outside the repository; without it this test has nothing to compare.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have ../shared/tools/score.py"
        );
        return;
    };
    let pred = std::env::temp_dir().join(format!("quotelens-pred-{}", std::process::id()));
    for (set, dir) in [
        ("fixtures", "tests/data/fixtures"),
        ("devset", "tests/data/devset"),
        ("devset2", "tests/data/devset2"),
        ("devset3", "tests/data/devset3"),
    ] {
        let out_dir = pred.join(set);
        std::fs::create_dir_all(&out_dir).expect("pred dir");
        for e in std::fs::read_dir(dir).expect("gold dir") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|x| x == "txt") {
                let out = succeeds(quotelens().args(["analyze", "--json"]).arg(&p));
                std::fs::write(
                    out_dir.join(p.with_extension("json").file_name().expect("name")),
                    out.stdout,
                )
                .expect("write");
            }
        }
    }
    let py = succeeds(
        Command::new("python3")
            .arg(score)
            .arg("--pred-dir")
            .arg(&pred)
            .args([
                "--gold-dir",
                "tests/data/fixtures",
                "tests/data/devset",
                "tests/data/devset2",
                "tests/data/devset3",
            ]),
    );
    let ours = succeeds(quotelens().args([
        "eval",
        "tests/data/fixtures",
        "tests/data/devset",
        "tests/data/devset2",
        "tests/data/devset3",
    ]));
    assert_eq!(
        String::from_utf8_lossy(&ours.stdout),
        String::from_utf8_lossy(&py.stdout),
        "eval and score.py agree"
    );
    std::fs::remove_dir_all(&pred).ok();
}

/// Runs `cmd` with `input` on its standard input.
fn with_stdin(cmd: &mut Command, input: &[u8]) -> std::process::Output {
    use std::io::Write as _;
    let mut child = cmd
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

const SAMPLE: &str = "tests/data/fixtures/sample-article.txt";

#[test]
fn a_dash_reads_standard_input() {
    let text = std::fs::read(SAMPLE).expect("read");
    let from_file = run_json(SAMPLE);
    let out = with_stdin(quotelens().args(["analyze", "--json", "-"]), &text);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let from_stdin: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(from_stdin["source"], "standard input");
    for key in ["text", "people", "countries", "quotes"] {
        assert_eq!(
            from_stdin[key], from_file[key],
            "{key} from stdin as from the file"
        );
    }
    // A binary piped in is refused like a binary file, naming standard input.
    let out = with_stdin(
        quotelens().args(["analyze", "-"]),
        b"%PDF-1.7\n\x00\x01\x02",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("standard input") && err.contains("PDF"),
        "{err}"
    );
}

#[test]
fn analyse_is_an_alias_of_analyze() {
    let us = succeeds(quotelens().args(["analyse", SAMPLE]));
    let them = succeeds(quotelens().args(["analyze", SAMPLE]));
    assert_eq!(us.stdout, them.stdout);
    let help = succeeds(quotelens().arg("--help"));
    assert!(String::from_utf8_lossy(&help.stdout).contains("analyse"));
}

#[test]
fn eval_on_a_folder_without_gold_pairs_fails() {
    let dir = std::env::temp_dir().join(format!("quotelens-empty-gold-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("notes.md"), "not a gold pair").expect("write");
    let out = quotelens().arg("eval").arg(&dir).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "no table of zeros");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("No gold pairs") && err.contains(&*dir.to_string_lossy()),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn exit_codes_are_zero_one_and_two() {
    assert_eq!(
        succeeds(quotelens().args(["analyze", SAMPLE]))
            .status
            .code(),
        Some(0)
    );
    let input = quotelens()
        .args(["analyze", "no/such/file.txt"])
        .output()
        .expect("run");
    assert_eq!(input.status.code(), Some(1), "input error");
    for usage in [
        &["analyze"][..],
        &["frobnicate", "x", "y"],
        &["analyze", "--bogus", SAMPLE],
    ] {
        let out = quotelens().args(usage).output().expect("run");
        assert_eq!(out.status.code(), Some(2), "usage error: {usage:?}");
    }
    let help = succeeds(quotelens().arg("--help"));
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(
        help.contains("Exit codes: 0") && help.contains("2 a usage error"),
        "{help}"
    );
}

#[test]
fn no_display_is_one_plain_sentence() {
    for args in [&[][..], &[SAMPLE], &["-"]] {
        let out = quotelens()
            .args(args)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("WAYLAND_SOCKET")
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "Quotelens needs a graphical display (X11 or Wayland). \
             To analyse without one: quotelens analyze FILE\n"
        );
    }
}

#[test]
fn the_summary_counts_as_the_window_does() {
    let text = std::fs::read_to_string(SAMPLE).expect("read");
    let a = quotelens::analysis::analyze(&text);
    let out = succeeds(quotelens().args(["analyze", SAMPLE]));
    let out = String::from_utf8_lossy(&out.stdout);
    let first = out.lines().next().expect("a first line");
    // The status bar shows `count_words(quote_counts())`; the summary's first line is the same.
    assert_eq!(
        first,
        format!("sample-article.txt: {}", a.count_words(a.quote_counts()))
    );
    assert!(
        first.contains(" people · ") && first.contains(" quotes"),
        "{first}"
    );
    let c = a.quote_counts();
    let indirect = a
        .quotes
        .iter()
        .filter(|q| q.kind == quotelens::analysis::QuoteKind::Indirect)
        .count();
    assert_eq!(c.reported, indirect);
    if c.reported > 0 {
        assert!(first.ends_with(&format!(" {indirect} reported")), "{first}");
    }
}

#[test]
fn the_desktop_entry_parses() {
    let src = std::fs::read_to_string("assets/quotelens.desktop").expect("read");
    let mut lines = src
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
    assert_eq!(lines.next(), Some("[Desktop Entry]"));
    let mut keys = std::collections::HashMap::new();
    for l in lines {
        assert!(!l.starts_with('['), "one group: {l}");
        let (k, v) = l
            .split_once('=')
            .unwrap_or_else(|| panic!("key=value: {l}"));
        assert!(keys.insert(k, v).is_none(), "duplicate key {k}");
    }
    assert_eq!(keys.get("Type"), Some(&"Application"));
    assert_eq!(keys.get("Name"), Some(&"Quotelens"));
    let exec = keys.get("Exec").expect("Exec");
    assert_eq!(exec.split_whitespace().next(), Some(env!("CARGO_PKG_NAME")));
    assert!(exec.contains("%f"), "{exec}");
    let mime: Vec<&str> = keys.get("MimeType").expect("MimeType").split(';').collect();
    assert!(mime.contains(&"text/plain") && mime.contains(&"text/html"));
    assert_eq!(
        keys.get("StartupWMClass"),
        Some(&quotelens::window::APP_ID),
        "the app id"
    );
    let icon = keys.get("Icon").expect("Icon");
    assert!(Path::new(&format!("assets/icon/{icon}.svg")).is_file());
    for size in [32, 48, 64, 128, 256] {
        assert!(Path::new(&format!("assets/icon/{icon}-{size}.png")).is_file());
    }
}

#[test]
fn eval_errors_lists_each_miss_with_its_context() {
    let dir = std::env::temp_dir().join(format!("quotelens-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let text = "Vote ends\n\n“We will win,” said Tom Berg. Anna Lee flew in from Norway.";
    let at = |s: &str| {
        let b = text.find(s).expect("in text");
        let c = text[..b].chars().count();
        (c, c + s.chars().count())
    };
    let (qs, qe) = at("We will win,");
    let (ps, pe) = at("Tom Berg");
    // The gold says someone else spoke, knows only Tom Berg, and has no country.
    let gold = serde_json::json!({
        "persons": [{"start": ps, "end": pe, "text": "Tom Berg", "canonical": "Tom Berg"}],
        "countries": [], "demonyms": [],
        "quotes": [{"start": qs, "end": qe, "speaker": "Maria Cruz"}],
    });
    std::fs::write(dir.join("001.txt"), text).expect("write");
    std::fs::write(dir.join("001.json"), gold.to_string()).expect("write");
    let out = succeeds(quotelens().args(["eval", "--errors"]).arg(&dir));
    let out = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.contains("who_said_what  P=0.000"),
        "the table comes first: {out}"
    );
    for want in [
        "-- wrong speaker (1)",
        "gold speaker “Maria Cruz”, engine “Tom Berg” [reporting verb then subject, after]",
        "-- speaker misses by rule (1): wrong / missing / not in gold",
        "  reporting verb then subject, after                 1   0   0",
        "“[[We will win]],” said Tom Berg.",
        "-- spurious person mention (1)",
        "[[Anna Lee]] flew in",
        "-- spurious country or demonym mention (1)",
        "from [[Norway]].",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
    assert!(!out.contains("-- missed"), "nothing was missed:\n{out}");
    // The ablation runs and scores the same folder.
    let ablation = succeeds(quotelens().args(["eval", "--no-syntax"]).arg(&dir));
    assert!(String::from_utf8_lossy(&ablation.stdout).contains("who_said_what  P=0.000"));
    // Without --errors, the table alone.
    let plain = succeeds(quotelens().arg("eval").arg(&dir));
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("-- "));
    std::fs::remove_dir_all(&dir).ok();
}
