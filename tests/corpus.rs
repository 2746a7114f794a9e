//! `quotelens stats DIR`: the corpus index through the command line, on folders of dev-set
//! articles: its numbers agree with `quotelens batch` on the same files, and a run killed while
//! it indexes leaves an index the next run opens and finishes without starting over.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a failed test"
)]

use std::process::Command;

mod common;
use common::scratch::{Scratch, copy_dev_articles as fill, kill_stats_mid_index};

/// `quotelens stats` on the scratch folder's articles, with its own data folder.
fn stats(s: &Scratch, json: bool) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_quotelens"));
    cmd.arg("stats").arg(s.articles()).args(["--jobs", "1"]);
    if json {
        cmd.arg("--json");
    }
    cmd.env("QUOTELENS_DATA_DIR", s.data());
    cmd
}

fn json(out: &std::process::Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn stats_count_what_batch_finds_and_a_second_run_reuses_the_index() {
    let s = Scratch::new("stats-batch");
    fill(&s.articles(), 40);
    let first = json(&stats(&s, true).output().unwrap());
    assert_eq!(first["schema"], "quotelens.stats/1");
    assert_eq!(first["articles"], 40);
    assert_eq!(first["run"]["analysed"], 40);

    // The same quotes and speakers as the batch results of the same files.
    let out = s.0.join("b.jsonl");
    let status = Command::new(env!("CARGO_BIN_EXE_quotelens"))
        .arg("batch")
        .arg(s.articles())
        .arg("--out")
        .arg(&out)
        .env("QUOTELENS_DATA_DIR", s.data())
        .output()
        .unwrap();
    assert!(status.status.success());
    let (mut quotes, mut unnamed, mut unattributed) = (0, 0, 0);
    let mut speakers = std::collections::BTreeMap::<String, u64>::new();
    for line in std::fs::read_to_string(&out).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for q in v["quotes"].as_array().unwrap() {
            if q["kind"] == "term" {
                continue;
            }
            quotes += 1;
            match q["speaker"]["kind"].as_str() {
                // Reported as said (a speech verb) by someone not named, or no attribution.
                None if q["cue"].is_null() => unattributed += 1,
                None => unnamed += 1,
                Some("person" | "organization" | "country") => {
                    *speakers
                        .entry(q["speaker"]["name"].as_str().unwrap().to_string())
                        .or_default() += 1;
                }
                Some(_) => {}
            }
        }
    }
    assert_eq!(first["quotes"], quotes);
    assert_eq!(first["sources"]["unattributed"], unattributed);
    assert_eq!(first["sources"]["unnamed"], unnamed);
    assert!(
        unnamed > 0,
        "no unnamed source in the sample: the split goes untested"
    );
    let from_stats: std::collections::BTreeMap<String, u64> = first["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_string(),
                p["quotes"].as_u64().unwrap(),
            )
        })
        .fold(std::collections::BTreeMap::default(), |mut m, (k, v)| {
            *m.entry(k).or_default() += v;
            m
        });
    assert_eq!(from_stats, speakers);

    // Again: nothing analysed, the same numbers.
    let second = json(&stats(&s, true).output().unwrap());
    assert_eq!(second["run"]["analysed"], 0);
    assert_eq!(second["run"]["reused"], 40);
    let strip = |mut v: serde_json::Value| {
        v.as_object_mut().unwrap().remove("run");
        v
    };
    assert_eq!(strip(first), strip(second));
}

#[test]
fn a_run_killed_while_indexing_leaves_an_index_the_next_run_finishes() {
    let s = Scratch::new("stats-killed");
    fill(&s.articles(), 300);
    // Killed once some articles are committed.
    kill_stats_mid_index(&s.articles(), &s.data());

    let out = stats(&s, true).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let after = json(&out);
    assert!(!stderr.contains("rebuilt"), "{stderr}");
    assert_eq!(after["articles"], 300);
    let (analysed, reused) = (
        after["run"]["analysed"].as_u64().unwrap(),
        after["run"]["reused"].as_u64().unwrap(),
    );
    assert_eq!(analysed + reused, 300);
    assert!(reused > 0, "nothing of the killed run was kept");
    assert!(analysed > 0, "the killed run had finished");
}
