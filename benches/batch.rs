//! `quotelens batch` end to end (read, analyse, write JSON lines) on a folder of news articles:
//! `cargo bench --bench batch`. Prints one table: throughput with one job and with two (each the
//! median of 9 runs, taken in turns), and the speed-up (the median of the 9 turns' ratios).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    missing_docs,
    reason = "benchmark code"
)]

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// About 10 MB of news as files of about 6 KB, cut at paragraph ends.
fn corpus(dir: &std::path::Path) -> (Vec<PathBuf>, usize) {
    std::fs::create_dir_all(dir).unwrap();
    let text = common::news(10 * 1024 * 1024);
    let mut files = Vec::new();
    let mut chunk = String::new();
    for para in text.split("\n\n") {
        chunk.push_str(para);
        chunk.push_str("\n\n");
        if chunk.len() >= 6 * 1024 {
            let p = dir.join(format!("{:05}.txt", files.len()));
            std::fs::write(&p, &chunk).unwrap();
            files.push(p);
            chunk.clear();
        }
    }
    (files, text.len())
}

fn run(files: &[PathBuf], out: &std::path::Path, jobs: usize) -> Duration {
    let t = Instant::now();
    let file = std::fs::File::create(out).unwrap();
    // The buffer `quotelens batch` writes through.
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    let s = quotelens::batch::run(
        files,
        &mut w,
        quotelens::batch::OutFormat::JsonLines,
        None,
        Some(jobs),
        &mut |e| panic!("{e}"),
        &|| {},
    )
    .unwrap();
    assert_eq!(s.articles, files.len());
    t.elapsed()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let dir = std::env::temp_dir().join(format!("quotelens-batch-bench-{}", std::process::id()));
    let (files, bytes) = corpus(&dir.join("in"));
    let out = dir.join("out.jsonl");
    let mb = bytes as f64 / 1_048_576.0;
    run(&files, &out, 2); // Warm the page cache.
    // One and two jobs in turns, so that a noisy neighbour on the machine weighs on both alike;
    // the speed-up is the median of the turns' ratios.
    let turns: Vec<(Duration, Duration)> = (0..9)
        .map(|_| (run(&files, &out, 1), run(&files, &out, 2)))
        .collect();
    let one = median(turns.iter().map(|t| t.0).collect());
    let two = median(turns.iter().map(|t| t.1).collect());
    let mut ratios: Vec<f64> = turns
        .iter()
        .map(|(a, b)| a.as_secs_f64() / b.as_secs_f64())
        .collect();
    ratios.sort_by(f64::total_cmp);
    let speed_up = ratios[ratios.len() / 2];
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let t = Instant::now();
    for x in &texts {
        std::hint::black_box(quotelens::analysis::analyze(x));
    }
    let analysis_only = t.elapsed();
    let t = Instant::now();
    for x in &texts {
        let a = quotelens::analysis::analyze(x);
        std::hint::black_box(
            serde_json::to_string(&quotelens::analysis::export::to_json(&a, x, "f")).unwrap(),
        );
    }
    let with_json = t.elapsed();
    let t = Instant::now();
    for f in &files {
        std::hint::black_box(quotelens::document::open(f).unwrap());
    }
    let opening = t.elapsed();
    println!("\n| measure | result |\n|---|---|");
    println!(
        "| analysis alone, one core | {:.1} MB/s |",
        mb / analysis_only.as_secs_f64()
    );
    println!(
        "| analysis and JSON, one core | {:.1} MB/s |",
        mb / with_json.as_secs_f64()
    );
    println!("| opening alone | {:.1} MB/s |", mb / opening.as_secs_f64());
    println!(
        "| batch, {} files, {mb:.1} MB, --jobs 1 | {:.1} MB/s ({:.2} s) |",
        files.len(),
        mb / one.as_secs_f64(),
        one.as_secs_f64()
    );
    println!(
        "| the same, --jobs 2 | {:.1} MB/s ({:.2} s) |",
        mb / two.as_secs_f64(),
        two.as_secs_f64()
    );
    println!("| speed-up of 2 jobs over 1 | {speed_up:.2}× |");
    std::fs::remove_dir_all(&dir).ok();
}
