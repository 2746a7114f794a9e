//! Training and scoring: the tagger, then the parser on tags predicted by taggers that did not
//! see the sentence (jackknifing), then the labeller; all from CoNLL-U sentences, with a fixed
//! seed, so the same data gives the same model file byte for byte.

use super::conllu::Sentence;
use super::features::{self, Lex, ROOT};
use super::model::{self, Header, Model, Scores};
use super::parser::{self, Example, Rng};
use super::perceptron::{Compact, Trainer};
use super::tagger::{self, TagCounts, TagLexicon};

/// How to train.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// The random seed (shuffling, exploration).
    pub seed: u64,
    /// Passes over the data for the tagger.
    pub tag_epochs: usize,
    /// Passes for the parser.
    pub parse_epochs: usize,
    /// Passes for the labeller.
    pub label_epochs: usize,
    /// Folds for the jackknifed tags the parser trains on (0 or 1: gold tags).
    pub folds: usize,
    /// The parser's beam width: 1 trains a greedy parser with the dynamic oracle; more trains
    /// globally for beam search (max-violation updates) and the model parses with that beam.
    pub beam: usize,
    /// Averaged weights under this (absolute) are dropped from the file: tagger, parser,
    /// labeller.
    pub prune: [f32; 3],
    /// How many of each of the final tagger, the parser and the labeller are trained from
    /// different seeds and averaged into one (1: one each).
    pub mix: usize,
}

impl Settings {
    /// These settings from another seed (`train-syntax --seed=N`): every `n` gives other random
    /// draws. (The generator ignores a seed's lowest bit, and each model's seed is derived by
    /// XOR with a number under 2^32, so `n` goes into the high half.)
    #[must_use]
    pub fn with_seed(self, n: u32) -> Self {
        Self {
            seed: self.seed ^ (u64::from(n) << 32),
            ..self
        }
    }

    /// Two passes of one model each, two jackknife folds: a model file quickly, for smoke
    /// tests (`train-syntax --quick`).
    pub fn quick() -> Self {
        Self {
            tag_epochs: 2,
            parse_epochs: 2,
            label_epochs: 2,
            folds: 2,
            mix: 1,
            ..Self::default()
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            seed: 0x5EED_0F5E,
            tag_epochs: 8,
            parse_epochs: 20,
            label_epochs: 10,
            folds: 10,
            beam: 1,
            prune: [0.3, 2.0, 0.5],
            mix: 4,
        }
    }
}

/// The sentences of the three splits.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Training sentences.
    pub train: Vec<Sentence>,
    /// Development sentences (tuning).
    pub dev: Vec<Sentence>,
    /// Test sentences (reporting only).
    pub test: Vec<Sentence>,
}

/// Counts behind [`Scores`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Tally {
    /// Words scored.
    pub words: usize,
    /// UPOS right.
    pub upos: usize,
    /// XPOS right.
    pub xpos: usize,
    /// Head right.
    pub heads: usize,
    /// Head and universal relation right.
    pub labelled: usize,
    /// Head and full relation (with subtype) right.
    pub labelled_full: usize,
}

impl Tally {
    /// The percentages.
    #[allow(
        clippy::cast_possible_truncation,
        reason = "a percentage, well within f32"
    )]
    pub fn scores(&self) -> Scores {
        let pct = |k: usize| (k as f64 * 100.0 / self.words.max(1) as f64) as f32;
        Scores {
            upos: pct(self.upos),
            xpos: pct(self.xpos),
            uas: pct(self.heads),
            las: pct(self.labelled),
        }
    }
}

/// The universal part of a relation (`nsubj:pass` → `nsubj`).
fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Scores `model` on gold sentences (punctuation included, as the `CoNLL` 2018 shared task
/// scores).
pub fn evaluate(model: &Model, gold: &[Sentence]) -> Tally {
    evaluate_tagged(model, gold, false)
}

/// [`evaluate`], or with `gold_tags` the parser given the gold tags instead of the tagger's
/// (a word whose tag pair the model never saw keeps the tagger's): how much the tagger's
/// errors cost the parse.
pub fn evaluate_tagged(model: &Model, gold: &[Sentence], gold_tags: bool) -> Tally {
    let mut t = Tally::default();
    for s in gold.iter().filter(|s| s.has_tree() && !s.words.is_empty()) {
        let forms = s.forms();
        let given: Vec<Option<u16>> = if gold_tags {
            let tag = |w: &super::conllu::Word| model.tag_number(w.upos(), w.xpos());
            s.words.iter().map(tag).collect()
        } else {
            Vec::new()
        };
        let p = model.parse_with_tags(&forms, &given);
        for (i, w) in s.words.iter().enumerate() {
            t.words += 1;
            t.upos += usize::from(model.upos(p.tags[i]) == w.upos());
            t.xpos += usize::from(model.xpos(p.tags[i]) == w.xpos());
            let head = p.heads[i].map_or(0, |h| h as usize + 1);
            if Some(head) == w.head {
                t.heads += 1;
                let rel = model.deprel(p.rels[i]);
                t.labelled += usize::from(universal(rel) == universal(w.deprel()));
                t.labelled_full += usize::from(rel == w.deprel());
            }
        }
    }
    t
}

/// Classes in order of frequency, then name (deterministic).
fn classes<K: Ord + Clone>(items: impl Iterator<Item = K>) -> Vec<K> {
    let mut counts = std::collections::BTreeMap::new();
    for k in items {
        *counts.entry(k).or_insert(0usize) += 1;
    }
    let mut v: Vec<(K, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.into_iter().map(|(k, _)| k).collect()
}

/// A sentence's words as facts.
fn lexes(s: &Sentence) -> Vec<Lex> {
    s.words.iter().map(|w| features::lex(w.form())).collect()
}

/// A trainer for `classes` classes after `epochs` passes of `pass` over `items` examples, each
/// pass in a new order shuffled by a generator seeded with `seed` (which the pass may also
/// draw from, for exploration).
fn train_passes(
    classes: usize,
    items: usize,
    epochs: usize,
    seed: u64,
    mut pass: impl FnMut(&mut Trainer, &[usize], usize, &mut Rng),
) -> Trainer {
    let mut tr = Trainer::new(classes);
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..items).collect();
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        pass(&mut tr, &order, epoch, &mut rng);
    }
    tr
}

/// Trains a tagger on `data` for `epochs` passes.
fn train_tagger(
    data: &[(Vec<Lex>, Vec<u64>, Vec<usize>)],
    classes: usize,
    epochs: usize,
    seed: u64,
) -> Trainer {
    train_passes(classes, data.len(), epochs, seed, |tr, order, _, _| {
        tagger::train_epoch(tr, data, order, classes);
    })
}

/// The training sentences' words, tag-lexicon values and gold tags (classes of `tags`).
type TagData = Vec<(Vec<Lex>, Vec<u64>, Vec<usize>)>;

/// The tag lexicon of the sentences `keep` admits.
fn tag_lexicon(data: &[(Vec<Lex>, Vec<usize>)], keep: impl Fn(usize) -> bool) -> TagLexicon {
    let mut counts = TagCounts::new();
    for (_, (lex, gold)) in data.iter().enumerate().filter(|(i, _)| keep(*i)) {
        for (l, &g) in lex.iter().zip(gold) {
            *counts.entry(l.lower).or_default().entry(g).or_insert(0) += 1;
        }
    }
    TagLexicon::from_counts(&counts)
}

/// One tagger per fold trained on the other folds, then the final tagger (the last entry):
/// `settings.mix` taggers trained on everything from different seeds, averaged. Trained two
/// at a time; `None` where a thread panicked.
fn train_taggers(tag_data: &TagData, n_tags: usize, settings: Settings) -> Vec<Option<Trainer>> {
    let folds = settings.folds.max(1);
    let jobs: Vec<usize> = (0..folds + settings.mix.max(1)).collect();
    let mut trained: Vec<Option<Trainer>> = jobs.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .chunks(jobs.len().div_ceil(2))
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|&j| {
                            let data: TagData = if j >= folds || folds == 1 {
                                tag_data.clone()
                            } else {
                                tag_data
                                    .iter()
                                    .enumerate()
                                    .filter(|(i, _)| i % folds != j)
                                    .map(|(_, d)| d.clone())
                                    .collect()
                            };
                            // The first final tagger keeps the seed a single one had.
                            let seed = match j.checked_sub(folds) {
                                Some(k) => settings.seed ^ folds as u64 ^ ((k as u64) << 20),
                                None => settings.seed ^ j as u64,
                            };
                            (j, train_tagger(&data, n_tags, settings.tag_epochs, seed))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            if let Ok(done) = h.join() {
                for (j, tr) in done {
                    trained[j] = Some(tr);
                }
            }
        }
    });
    let finals = trained.split_off(folds);
    let finals: Option<Vec<Trainer>> = finals.into_iter().collect();
    trained.push(finals.map(|f| Trainer::mean(&f)));
    trained
}

/// A parser example with the gold heads and the gold label classes (index 0 unused).
type LabelledExample = (Example, Vec<usize>, Vec<usize>);

/// The parser's examples, each sentence with tags from the tagger that did not see it.
fn parser_examples(
    train: &[&Sentence],
    tag_data: &TagData,
    taggers: &[Option<Compact>],
    tags: &[(String, String)],
    label_of: impl Fn(&super::conllu::Word) -> usize,
) -> Vec<LabelledExample> {
    let folds = taggers.len().saturating_sub(1).max(1);
    train
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (lex, sets) = (&tag_data[i].0, &tag_data[i].1);
            let fold = if folds == 1 { folds } else { i % folds };
            let predicted = match taggers.get(fold).and_then(Option::as_ref) {
                Some(w) => tagger::tag(w, lex, sets),
                None => tag_data[i].2.clone(),
            };
            let mut plex = vec![ROOT];
            plex.extend_from_slice(lex);
            let mut ptags = vec![2u64];
            ptags.extend(predicted.iter().map(|&t| t as u64 + 10));
            let (puncts, upos) = model::columns(&ptags, tags);
            let mut heads = vec![0usize];
            heads.extend(s.words.iter().map(|w| w.head.unwrap_or(0)));
            let gold = parser::projectivise(&heads);
            let mut gl = vec![0usize];
            gl.extend(s.words.iter().map(&label_of));
            let ex = Example {
                lex: plex,
                tags: ptags,
                puncts,
                upos,
                gold,
            };
            (ex, heads, gl)
        })
        .collect()
}

/// The mean of trainers (each trained on a thread; `None` if one panicked), pruned and
/// quantised.
fn mean_of(
    trained: Vec<std::thread::ScopedJoinHandle<'_, Trainer>>,
    prune: f32,
) -> Option<Compact> {
    let trained = trained
        .into_iter()
        .map(|h| h.join().ok())
        .collect::<Option<Vec<Trainer>>>()?;
    Some(Trainer::mean(&trained).compact(prune))
}

/// The parser and the labeller: `settings.mix` of each, trained side by side from different
/// seeds, and averaged.
fn train_parser_and_labeller(
    examples: &[LabelledExample],
    n_labels: usize,
    settings: Settings,
) -> (Option<Compact>, Option<Compact>) {
    let data: Vec<&Example> = examples.iter().map(|(e, _, _)| e).collect();
    let data = &data;
    std::thread::scope(|scope| {
        let parsers: Vec<_> = (0..settings.mix.max(1) as u64)
            .map(|j| {
                scope.spawn(move || {
                    let seed = settings.seed ^ 0xA11 ^ (j << 20);
                    let beam = settings.beam.max(1);
                    train_passes(
                        4,
                        data.len(),
                        settings.parse_epochs,
                        seed,
                        |tr, order, epoch, rng| {
                            if beam > 1 {
                                parser::train_epoch_beam(tr, data, order, beam);
                            } else {
                                parser::train_epoch(tr, data, order, epoch >= 1, rng);
                            }
                        },
                    )
                })
            })
            .collect();
        let labellers: Vec<_> = (0..settings.mix.max(1) as u64)
            .map(|j| {
                scope.spawn(move || {
                    let seed = settings.seed ^ 0x1AB ^ (j << 20);
                    train_passes(
                        n_labels,
                        examples.len(),
                        settings.label_epochs,
                        seed,
                        |tr, order, _, _| {
                            parser::train_labels(tr, examples, order, n_labels);
                        },
                    )
                })
            })
            .collect();
        (
            mean_of(parsers, settings.prune[1]),
            mean_of(labellers, settings.prune[2]),
        )
    })
}

/// Trains the model on `corpus.train`, scores it on dev and test, and returns it.
/// `training_hash` identifies the training files for the header.
pub fn train(corpus: &Corpus, training_hash: String, settings: Settings) -> Model {
    let train: Vec<&Sentence> = corpus
        .train
        .iter()
        .filter(|s| s.has_tree() && !s.words.is_empty())
        .collect();
    let tags: Vec<(String, String)> = classes(train.iter().flat_map(|s| {
        s.words
            .iter()
            .map(|w| (w.upos().to_string(), w.xpos().to_string()))
    }));
    let labels: Vec<String> = classes(
        train
            .iter()
            .flat_map(|s| s.words.iter().map(|w| w.deprel().to_string())),
    );
    let tag_of = |w: &super::conllu::Word| {
        tags.iter()
            .position(|(u, x)| u == w.upos() && x == w.xpos())
            .unwrap_or(0)
    };
    let label_of =
        |w: &super::conllu::Word| labels.iter().position(|l| l == w.deprel()).unwrap_or(0);
    let gold_data: Vec<(Vec<Lex>, Vec<usize>)> = train
        .iter()
        .map(|s| (lexes(s), s.words.iter().map(tag_of).collect()))
        .collect();
    // A sentence's tag-lexicon values come from the other folds' sentences, as an unseen
    // sentence's come from the whole training set: a word's set always holding its tag here
    // would teach the tagger to trust sets more than it should.
    let folds = settings.folds.max(1);
    let fold_lexicons: Vec<TagLexicon> = (0..folds)
        .map(|j| tag_lexicon(&gold_data, |i| folds == 1 || i % folds != j))
        .collect();
    let lexicon = tag_lexicon(&gold_data, |_| true);
    let tag_data: TagData = gold_data
        .into_iter()
        .enumerate()
        .map(|(i, (lex, gold))| {
            let sets = fold_lexicons[i % folds].values(&lex);
            (lex, sets, gold)
        })
        .collect();
    let taggers: Vec<Option<Compact>> = train_taggers(&tag_data, tags.len(), settings)
        .iter()
        .map(|t| t.as_ref().map(|t| t.compact(settings.prune[0])))
        .collect();
    let examples = parser_examples(&train, &tag_data, &taggers, &tags, label_of);
    let (parse_w, label_w) = train_parser_and_labeller(&examples, labels.len(), settings);
    let tagger_w = taggers.into_iter().last().flatten();
    let (Some(parse_w), Some(label_w), Some(tagger_w)) = (parse_w, label_w, tagger_w) else {
        // A training thread panicked: an empty model says so by scoring nothing.
        let empty = [
            Trainer::new(1).compact(0.0),
            Trainer::new(4).compact(0.0),
            Trainer::new(1).compact(0.0),
        ];
        return Model::new(
            Header::default(),
            tags,
            labels,
            empty,
            TagLexicon::default(),
        );
    };
    let header = Header {
        format: model::FORMAT,
        training_hash,
        lexicon_hash: model::lexicon_hash(),
        beam: u32::try_from(settings.beam.max(1)).unwrap_or(1),
        dev: Scores::default(),
        test: Scores::default(),
    };
    let mut m = Model::new(header, tags, labels, [tagger_w, parse_w, label_w], lexicon);
    m.header.dev = evaluate(&m, &corpus.dev).scores();
    m.header.test = evaluate(&m, &corpus.test).scores();
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_seed_draws_differently() {
        let first = |n: u32| Rng::new(Settings::default().with_seed(n).seed).next();
        let draws: Vec<u64> = (0..16).map(first).collect();
        for (i, a) in draws.iter().enumerate() {
            for (j, b) in draws.iter().enumerate().skip(i + 1) {
                assert_ne!(a, b, "seeds {i} and {j}");
            }
        }
        assert_eq!(
            Settings::default().with_seed(0).seed,
            Settings::default().seed
        );
    }
}
