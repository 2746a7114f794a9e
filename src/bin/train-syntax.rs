//! `train-syntax`: trains the tagger and parser on GUM's CoNLL-U files and writes the model file
//! the app embeds (`cargo run --release --bin train-syntax -- ../shared/gum assets/models/syntax.bin`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use quotelens::analysis::syntax::{conllu, train};
use sha2::{Digest as _, Sha256};

/// Reads one split's documents: their sentences, and feeds names and bytes to `hash`.
fn read_split(
    dir: &Path,
    split: &str,
    hash: Option<&mut Sha256>,
) -> Result<Vec<conllu::Sentence>, String> {
    let list = dir.join(format!("split-{split}.txt"));
    let names = std::fs::read_to_string(&list).map_err(|e| format!("{e}: {}", list.display()))?;
    let mut names: Vec<&str> = names
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    names.sort_unstable();
    let mut out = Vec::new();
    let mut hash = hash;
    for name in names {
        let path = dir.join(format!("{name}.conllu"));
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{e}: {}", path.display()))?;
        if let Some(h) = hash.as_deref_mut() {
            h.update(name.as_bytes());
            h.update([0]);
            h.update(text.as_bytes());
        }
        out.extend(conllu::read(&text));
    }
    Ok(out)
}

#[allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the command's output"
)]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [dir, out] = paths.as_slice() else {
        eprintln!(
            "usage: train-syntax GUM_DIR OUT.bin [--quick] [--tag-epochs=N] [--parse-epochs=N] \
             [--label-epochs=N] [--folds=N] [--beam=N] [--prune-tagger=X] [--prune-parser=X] \
             [--prune-labeller=X] [--mix=N] [--seed=N]"
        );
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    let mut hash = Sha256::new();
    let corpus = match (|| -> Result<train::Corpus, String> {
        Ok(train::Corpus {
            train: read_split(&dir, "train", Some(&mut hash))?,
            dev: read_split(&dir, "dev", None)?,
            test: read_split(&dir, "test", None)?,
        })
    })() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let mut settings = train::Settings::default();
    for a in &args {
        let Some((key, value)) = a.strip_prefix("--").and_then(|a| a.split_once('=')) else {
            continue;
        };
        let n: f32 = match value.parse() {
            Ok(n) => n,
            Err(e) => {
                eprintln!("error: --{key}={value}: {e}");
                return ExitCode::from(2);
            }
        };
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "small counts"
        )]
        match key {
            "tag-epochs" => settings.tag_epochs = n as usize,
            "parse-epochs" => settings.parse_epochs = n as usize,
            "label-epochs" => settings.label_epochs = n as usize,
            "folds" => settings.folds = n as usize,
            "beam" => settings.beam = n as usize,
            "seed" => settings = settings.with_seed(n as u32),
            "mix" => settings.mix = n as usize,
            "prune-tagger" => settings.prune[0] = n,
            "prune-parser" => settings.prune[1] = n,
            "prune-labeller" => settings.prune[2] = n,
            _ => {
                eprintln!("error: unknown setting --{key}");
                return ExitCode::from(2);
            }
        }
    }
    if quick {
        // The quick passes win over the same settings given as flags; the others stay.
        settings = train::Settings {
            seed: settings.seed,
            beam: settings.beam,
            prune: settings.prune,
            ..train::Settings::quick()
        };
    }
    let hex = hash.finalize().iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    });
    let start = std::time::Instant::now();
    let model = train::train(&corpus, hex, settings);
    let bytes = model.to_bytes();
    let h = &model.header;
    println!(
        "trained in {:.1} s: {} training sentences, {} bytes, features kept (tagger, parser, \
         labeller) {:?}",
        start.elapsed().as_secs_f64(),
        corpus.train.len(),
        bytes.len(),
        model.feature_counts()
    );
    for (name, s) in [("dev", h.dev), ("test", h.test)] {
        println!(
            "{name}: UPOS {:.2} %  XPOS {:.2} %  UAS {:.2} %  LAS {:.2} %",
            s.upos, s.xpos, s.uas, s.las
        );
    }
    let out = PathBuf::from(out);
    let tmp = out.with_extension("bin.tmp");
    if let Err(e) = std::fs::write(&tmp, &bytes).and_then(|()| std::fs::rename(&tmp, &out)) {
        eprintln!("error: {e}: {}", out.display());
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
