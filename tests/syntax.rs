//! The compiled-in tagger and parser: it loads, it is the model the current word lists need,
//! it holds its floors on GUM's development split, training is reproducible, the grammar the
//! speaker rules will ask about comes out right on invented sentences, and the `parse` and
//! `eval-syntax` subcommands work.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "test helpers may panic: a panic is a failed test"
)]

use std::path::Path;
use std::process::Command;

use quotelens::analysis::syntax::{self, Model, conllu, train};

fn model() -> &'static Model {
    syntax::model().expect("the build embeds a valid model")
}

fn dev_split() -> Vec<conllu::Sentence> {
    let dir = Path::new("tests/data/gum");
    let names = std::fs::read_to_string(dir.join("split-dev.txt")).expect("split list");
    let mut out = Vec::new();
    for n in names.lines().filter(|l| !l.trim().is_empty()) {
        let text = std::fs::read_to_string(dir.join(format!("{}.conllu", n.trim()))).expect("doc");
        out.extend(conllu::read(&text));
    }
    out
}

#[test]
fn the_embedded_model_is_current() {
    let m = model();
    assert_eq!(m.header.format, syntax::FORMAT);
    // Trained with the word lists the features read today (else: retrain).
    assert_eq!(
        m.header.lexicon_hash,
        syntax::lexicon_hash(),
        "the word lists changed: retrain"
    );
    assert_eq!(
        m.header.training_hash.len(),
        64,
        "a SHA-256 of the training files"
    );
    assert!(m.tag_count() >= 40, "UPOS/XPOS pairs: {}", m.tag_count());
}

/// The tag lexicon holds the training words with their tags: a determiner with its one tag,
/// a word of several uses with more than one, a coined word not at all.
#[test]
fn the_embedded_model_knows_its_words_tags() {
    let m = model();
    let tag = |u: &str, x: &str| m.tag_number(u, x).expect("a tag pair the model has");
    let lx = m.lexicon();
    assert!(lx.len() > 5_000, "words: {}", lx.len());
    assert_eq!(lx.tags_of("the"), Some(&[tag("DET", "DT")][..]));
    assert_eq!(lx.tags_of("The"), lx.tags_of("the"), "lower case");
    let that = lx.tags_of("that").expect("a training word");
    assert!(
        that.len() >= 2 && that.contains(&tag("SCONJ", "IN")),
        "{that:?}"
    );
    assert_eq!(lx.tags_of("blorfingly"), None);
}

/// Floors on the development split, a little under what the committed model measures
/// (UPOS 96.46, XPOS 96.36, UAS 84.52, LAS 81.13); the same figures as the header records.
#[test]
fn dev_floors() {
    let m = model();
    let sents = dev_split();
    let t = train::evaluate(m, &sents);
    let s = t.scores();
    assert!(t.words > 13_000, "words scored: {}", t.words);
    for (name, got, floor) in [
        ("UPOS", s.upos, 96.0),
        ("XPOS", s.xpos, 96.0),
        ("UAS", s.uas, 84.0),
        ("LAS", s.las, 80.5),
    ] {
        assert!(got >= floor, "{name} {got:.2} < {floor}");
    }
    let h = m.header.dev;
    for (got, recorded) in [
        (s.upos, h.upos),
        (s.xpos, h.xpos),
        (s.uas, h.uas),
        (s.las, h.las),
    ] {
        assert!(
            (got - recorded).abs() < 0.01,
            "{got} vs the header's {recorded}"
        );
    }
}

/// Given the gold tags, the parser reads them (every tag pair the model knows is right) and
/// attaches more words than with the tagger's: what tagging errors cost.
#[test]
fn gold_tags_replace_the_taggers() {
    let m = model();
    let sents = dev_split();
    let tagged = train::evaluate(m, &sents).scores();
    let gold = train::evaluate_tagged(m, &sents, true).scores();
    assert!(gold.upos > 99.9 && gold.xpos > 99.9, "{gold:?}");
    assert!(gold.uas > tagged.uas + 1.0, "{gold:?} vs {tagged:?}");
    assert!(gold.las > tagged.las + 1.0, "{gold:?} vs {tagged:?}");
}

/// A small corpus cut from GUM's dev split: `train` sentences to train on, then `dev` to score.
fn small_corpus(train: usize, dev: usize) -> train::Corpus {
    let sents = dev_split();
    train::Corpus {
        train: sents[..train].to_vec(),
        dev: sents[300..300 + dev].to_vec(),
        test: Vec::new(),
    }
}

/// Two passes of everything, two of each model averaged: enough to make a model file, quickly.
fn quick_settings() -> train::Settings {
    train::Settings {
        mix: 2,
        ..train::Settings::quick()
    }
}

#[test]
fn training_is_reproducible_and_the_file_round_trips() {
    let corpus = small_corpus(300, 60);
    let settings = quick_settings();
    let a = train::train(&corpus, "0".repeat(64), settings).to_bytes();
    let b = train::train(&corpus, "0".repeat(64), settings).to_bytes();
    assert_eq!(a, b, "two runs with the same seed give the same bytes");
    let back = Model::from_bytes(&a).expect("reads its own file");
    assert_eq!(back.to_bytes(), a);
    // A damaged or cut file is refused, never a panic.
    assert!(Model::from_bytes(&a[..a.len() - 1]).is_none());
    assert!(Model::from_bytes(b"QLSYNTX\0").is_none());
    let mut wrong = a.clone();
    wrong[8] = 99;
    assert!(
        Model::from_bytes(&wrong).is_none(),
        "another format version"
    );
}

#[test]
fn a_beam_model_is_reproducible_and_parses_with_its_beam() {
    let corpus = small_corpus(200, 40);
    let settings = train::Settings {
        label_epochs: 1,
        beam: 3,
        ..quick_settings()
    };
    let a = train::train(&corpus, "0".repeat(64), settings);
    let bytes = a.to_bytes();
    assert_eq!(a.header.beam, 3, "the header says how to parse");
    assert_eq!(
        bytes,
        train::train(&corpus, "0".repeat(64), settings).to_bytes()
    );
    let back = Model::from_bytes(&bytes).expect("reads its own file");
    assert_eq!(back.header.beam, 3);
    // Parsing with the beam gives one tree with one root, as the greedy parser does.
    let p = back.parse(&[
        "The", "council", "said", "the", "pier", "will", "close", ".",
    ]);
    assert_eq!(p.heads.iter().filter(|h| h.is_none()).count(), 1);
    // A beam of 0 is no model.
    let mut zero = bytes.clone();
    let at = 8 + 4 + 4 + 64 + 8;
    assert_eq!(zero[at..at + 4], 3u32.to_le_bytes());
    zero[at..at + 4].copy_from_slice(&0u32.to_le_bytes());
    assert!(Model::from_bytes(&zero).is_none());
}

/// The full training run rebuilds the committed model byte for byte (slow: run with
/// `cargo test --release --test syntax -- --ignored`; needs `../shared/gum`).
#[test]
#[ignore = "trains the full model (about half a minute in release); needs ../shared/gum"]
fn the_training_command_rebuilds_the_committed_model() {
    let out = std::env::temp_dir().join(format!("quotelens-syntax-{}.bin", std::process::id()));
    let status = Command::new(env!("CARGO_BIN_EXE_train-syntax"))
        .args(["../shared/gum", out.to_str().expect("utf-8 path")])
        .status()
        .expect("runs");
    assert!(status.success());
    let rebuilt = std::fs::read(&out).expect("written");
    let committed = std::fs::read("assets/models/syntax.bin").expect("committed");
    let _ = std::fs::remove_file(&out);
    assert!(
        rebuilt == committed,
        "the rebuilt model differs from the committed one"
    );
}

/// `check(sentence, [(word, relation, head word)])`: the arcs the speaker rules will ask
/// about, on invented sentences, checked by hand against the UD guidelines.
fn check(sentence: &str, arcs: &[(&str, &str, &str)]) {
    let m = model();
    let words: Vec<&str> = sentence.split(' ').collect();
    let p = m.parse(&words);
    for &(word, rel, head) in arcs {
        let i = words
            .iter()
            .position(|w| *w == word)
            .expect("word in sentence");
        let got_head = p.heads[i].map_or("ROOT", |h| words[h as usize]);
        let got_rel = m.deprel(p.rels[i]);
        assert_eq!((got_rel, got_head), (rel, head), "{word} in {sentence:?}");
    }
}

#[test]
fn subjects_agents_and_listeners() {
    check(
        "The chief economist of the port authority said prices were rising .",
        &[
            ("economist", "nsubj", "said"),
            ("authority", "nmod", "economist"),
            ("said", "root", "ROOT"),
            ("rising", "ccomp", "said"),
        ],
    );
    check(
        "The proposal was described by the council as reckless .",
        &[
            ("proposal", "nsubj:pass", "described"),
            ("council", "obl:agent", "described"),
        ],
    );
    check(
        "Page told reporters that she did n't expect a vote .",
        &[
            ("Page", "nsubj", "told"),
            ("reporters", "obj", "told"),
            ("she", "nsubj", "expect"),
        ],
    );
}

#[test]
fn every_parse_is_a_tree_with_one_root() {
    let m = model();
    for s in [
        "",
        "Yes",
        ", , , ,",
        "He said , \" We will see . \" and left , and then , said nothing at all .",
        "a b c d e f g h i j k l m n o p q r s t u v w x y z",
    ] {
        let words: Vec<&str> = s.split_whitespace().collect();
        let p = m.parse(&words);
        assert_eq!(p.heads.len(), words.len());
        assert_eq!(p.tags.len(), words.len());
        if words.is_empty() {
            continue;
        }
        assert_eq!(p.heads.iter().filter(|h| h.is_none()).count(), 1, "{s:?}");
        for (i, h) in p.heads.iter().enumerate() {
            // Follow heads to the root: no cycle.
            let mut k = u32::try_from(i).ok();
            let mut steps = 0;
            while let Some(at) = k {
                k = p.heads[at as usize];
                steps += 1;
                assert!(steps <= words.len(), "cycle in {s:?}");
            }
            assert!(h.is_none_or(|h| (h as usize) < words.len()));
        }
    }
}

fn quotelens() -> Command {
    Command::new(env!("CARGO_BIN_EXE_quotelens"))
}

/// Runs `quotelens ARGS`, checks it succeeded, and returns what it printed.
fn stdout_of(args: &[&str]) -> String {
    let out = quotelens().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn parse_conllu_keeps_the_tokens_and_writes_a_tree() {
    let path = "tests/data/gum/GUM_academic_exposure.conllu";
    let text = stdout_of(&["parse", "--conllu", path]);
    let input = conllu::read(&std::fs::read_to_string(path).expect("read"));
    let output = conllu::read(&text);
    assert_eq!(input.len(), output.len(), "same sentences");
    for (a, b) in input.iter().zip(&output) {
        assert_eq!(a.forms(), b.forms(), "same words");
        assert_eq!(
            a.lines.len(),
            b.lines.len(),
            "comments and other lines passed through"
        );
        assert!(b.has_tree());
        assert_eq!(b.words.iter().filter(|w| w.head == Some(0)).count(), 1);
        for w in &b.words {
            assert!(!w.upos().is_empty() && w.upos() != "_");
            assert!(!w.xpos().is_empty() && w.xpos() != "_");
            assert!(w.deprel() != "_");
        }
    }
    // The gold tree is ignored: the output is the model's, not a copy of the input.
    let same = input
        .iter()
        .zip(&output)
        .flat_map(|(a, b)| a.words.iter().zip(&b.words))
        .filter(|(a, b)| a.head == b.head)
        .count();
    let all: usize = input.iter().map(|s| s.words.len()).sum();
    assert!(same < all, "every head copied");
    assert!(same * 10 > all * 7, "most heads right: {same} of {all}");
}

#[test]
fn parse_text_prints_the_engines_sentences() {
    let text = stdout_of(&["parse", "tests/data/invented/harbour.txt"]);
    assert!(text.starts_with("# sentence 1: "), "{text}");
    assert!(text.contains(" root ← ROOT"), "{text}");
}

#[test]
fn eval_syntax_reports_and_missing_files_are_errors() {
    let text = stdout_of(&["eval-syntax", "tests/data/gum", "--split", "dev"]);
    for label in ["UPOS", "XPOS", "UAS", "LAS", "words/s"] {
        assert!(text.contains(label), "{label} in {text}");
    }
    assert!(!text.contains("gold tags"), "{text}");
    let text = stdout_of(&[
        "eval-syntax",
        "tests/data/gum",
        "--split",
        "dev",
        "--gold-tags",
    ]);
    assert!(text.contains("the parser given the gold tags"), "{text}");
    let out = quotelens()
        .args(["eval-syntax", "tests/data/gum", "--split", "nosuch"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("split-nosuch.txt"), "{err}");
    let out = quotelens()
        .args(["parse", "--conllu", "tests/data/invented/harbour.txt"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "a text file is no CoNLL-U");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Not CoNLL-U") && err.contains("harbour.txt"),
        "{err}"
    );
    let out = quotelens()
        .args(["parse", "--conllu", "tests/data/gum/nosuch.conllu"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nosuch.conllu"));
}
