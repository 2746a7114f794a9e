//! The syntax subcommands: `parse` (CoNLL-U in, CoNLL-U with predicted tags and trees out; or a
//! text file's sentences, tokens and trees for reading) and `eval-syntax` (accuracy and speed
//! on a split of GUM).

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use crate::analysis::syntax::{self, Model, conllu, train};
use crate::document;

/// The compiled-in model, or the one-line error every subcommand gives without it.
fn model() -> Result<&'static Model, String> {
    syntax::model().ok_or_else(|| {
        "This build has no valid syntax model (assets/models/syntax.bin): rebuild it with \
         `cargo run --release --bin train-syntax -- ../shared/gum assets/models/syntax.bin`"
            .to_string()
    })
}

/// Reads a CoNLL-U file.
fn read_conllu(path: &Path) -> Result<Vec<conllu::Sentence>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("Could not read the CoNLL-U file ({e}): {}", path.display()))?;
    Ok(conllu::read(&text))
}

/// `quotelens parse --conllu FILE`: the file's tokens and sentences, with predicted UPOS, XPOS,
/// HEAD and DEPREL (its own tags and tree ignored).
pub fn parse_conllu(path: &Path) -> Result<String, String> {
    let model = model()?;
    let sentences = read_conllu(path)?;
    if sentences.iter().all(|s| s.words.is_empty()) {
        return Err(format!(
            "Not CoNLL-U: no word lines (ID, FORM, … separated by tabs): {}",
            path.display()
        ));
    }
    let mut out = String::new();
    for s in sentences {
        let forms = s.forms();
        let p = model.parse(&forms);
        let predicted = conllu::Predicted {
            upos: p.tags.iter().map(|&t| model.upos(t)).collect(),
            xpos: p.tags.iter().map(|&t| model.xpos(t)).collect(),
            heads: p
                .heads
                .iter()
                .map(|h| h.map_or(0, |h| h as usize + 1))
                .collect(),
            deprels: p.rels.iter().map(|&r| model.deprel(r)).collect(),
        };
        conllu::write(&s, &predicted, &mut out);
    }
    Ok(out)
}

/// `quotelens parse FILE`: the engine's sentences of an article, each with its words' tags,
/// heads and relations in aligned columns.
pub fn parse_text(path: &Path) -> Result<String, String> {
    let model = model()?;
    let doc = document::open(path).map_err(|e| e.to_string())?;
    let mut out = String::new();
    for (i, (span, syn)) in syntax::parse_text(&doc.text, Some(model))
        .into_iter()
        .enumerate()
    {
        let sentence = doc.text.get(span.start..span.end).unwrap_or("");
        let _ = writeln!(out, "# sentence {}: {}", i + 1, sentence.replace('\n', " "));
        let Some(syn) = syn else {
            let _ = writeln!(
                out,
                "# (not parsed: longer than {} words)\n",
                syntax::MAX_WORDS
            );
            continue;
        };
        let forms: Vec<&str> = syn
            .spans
            .iter()
            .map(|s| &doc.text[s.start..s.end])
            .collect();
        let width = forms
            .iter()
            .map(|f| f.chars().count())
            .max()
            .unwrap_or(4)
            .max(4);
        let _ = writeln!(
            out,
            "{:>3}  {:<width$}  {:<5}  {:<5}  {:>4}  REL",
            "ID", "WORD", "UPOS", "XPOS", "HEAD"
        );
        for (k, form) in forms.iter().enumerate() {
            let p = &syn.parse;
            let head = p.heads[k].map_or(0, |h| h as usize + 1);
            let head_word =
                p.heads[k].map_or("ROOT", |h| forms.get(h as usize).copied().unwrap_or("?"));
            let _ = writeln!(
                out,
                "{:>3}  {:<width$}  {:<5}  {:<5}  {:>4}  {} ← {}",
                k + 1,
                form,
                model.upos(p.tags[k]),
                model.xpos(p.tags[k]),
                head,
                model.deprel(p.rels[k]),
                head_word,
            );
        }
        out.push('\n');
    }
    Ok(out)
}

/// The gold arcs a projective parser cannot produce (crossing another arc), and all arcs.
fn non_projective(sentences: &[conllu::Sentence]) -> (usize, usize) {
    let (mut bad, mut all) = (0, 0);
    for s in sentences.iter().filter(|s| s.has_tree()) {
        let heads: Vec<usize> = std::iter::once(0)
            .chain(s.words.iter().map(|w| w.head.unwrap_or(0)))
            .collect();
        for d in 1..heads.len() {
            all += 1;
            bad += usize::from(syntax::crosses(&heads, d));
        }
    }
    (bad, all)
}

/// `quotelens eval-syntax DIR --split NAME`: UPOS, XPOS, UAS and LAS on the split's documents
/// (gold tokens; punctuation included, as the `CoNLL` 2018 shared task scores), and words per
/// second; with `gold_tags` the parser reads the gold tags instead of the tagger's.
pub fn eval_syntax(dir: &Path, split: &str, gold_tags: bool) -> Result<String, String> {
    let start = Instant::now();
    let model = model()?;
    let load_ms = start.elapsed().as_secs_f64() * 1000.0;
    let list = dir.join(format!("split-{split}.txt"));
    let names = std::fs::read_to_string(&list)
        .map_err(|e| format!("Could not read the split list ({e}): {}", list.display()))?;
    let mut sentences = Vec::new();
    for name in names.lines().map(str::trim).filter(|l| !l.is_empty()) {
        sentences.extend(read_conllu(&dir.join(format!("{name}.conllu")))?);
    }
    if sentences.is_empty() {
        return Err(format!("No sentences in the split: {}", list.display()));
    }
    let t0 = Instant::now();
    let tally = train::evaluate_tagged(model, &sentences, gold_tags);
    let secs = t0.elapsed().as_secs_f64();
    let s = tally.scores();
    let (bad, all) = non_projective(&sentences);
    let pct = |k: usize| k as f64 * 100.0 / tally.words.max(1) as f64;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "GUM {split}: {} sentences, {} words{}",
        sentences.len(),
        tally.words,
        if gold_tags {
            " (the parser given the gold tags)"
        } else {
            ""
        }
    );
    let _ = writeln!(out, "UPOS  {:6.2} %", s.upos);
    let _ = writeln!(out, "XPOS  {:6.2} %", s.xpos);
    let _ = writeln!(out, "UAS   {:6.2} %", s.uas);
    let _ = writeln!(
        out,
        "LAS   {:6.2} %  (universal relations, as CoNLL 2018)",
        s.las
    );
    let _ = writeln!(
        out,
        "LAS   {:6.2} %  (full relations with subtypes)",
        pct(tally.labelled_full)
    );
    let _ = writeln!(
        out,
        "non-projective gold arcs: {bad} of {all} ({:.2} %; the parser builds projective trees)",
        bad as f64 * 100.0 / all.max(1) as f64
    );
    let _ = writeln!(
        out,
        "speed: {:.0} words/s (tagging and parsing, one thread); model loaded in {load_ms:.1} ms",
        tally.words as f64 / secs.max(1e-9)
    );
    Ok(out)
}
