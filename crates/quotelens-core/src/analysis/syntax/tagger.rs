//! The part-of-speech tagger: greedy, left to right, one class per (UPOS, XPOS) pair seen in
//! training, scored by an averaged perceptron over the word, its affixes and shape, its
//! neighbours and the two tags before it.

use super::features::{Lex, NONE, f1, f2, f3};
use super::perceptron::{Compact, Trainer};

/// The template numbers of the tagger's features.
mod t {
    pub const BIAS: u64 = 1;
    pub const FORM: u64 = 2;
    pub const LOWER: u64 = 3;
    pub const SUF: u64 = 4; // 4..=7
    pub const PRE: u64 = 8; // 8..=10
    pub const SHAPE: u64 = 11;
    pub const KNOWN: u64 = 12;
    pub const P1: u64 = 13;
    pub const P2: u64 = 14;
    pub const P12: u64 = 15;
    pub const P1_W: u64 = 16;
    pub const W_1: u64 = 17;
    pub const S3_1: u64 = 18;
    pub const W_2: u64 = 19;
    pub const W1: u64 = 20;
    pub const S3N1: u64 = 21;
    pub const W2: u64 = 22;
    pub const SH1: u64 = 23;
    pub const SH_1: u64 = 24;
    pub const W_1W: u64 = 25;
    pub const WW1: u64 = 26;
    pub const FIRST_SH: u64 = 27;
    pub const P1_S3: u64 = 28;
    pub const SH_KNOWN: u64 = 29;
    pub const KNOWN1: u64 = 30;
    pub const FORM_1: u64 = 31;
    pub const P1_W1: u64 = 32;
}

/// The previous tags as feature values (1, 2: before the sentence).
fn prev(tags: &[usize], i: usize, back: usize) -> u64 {
    if i >= back {
        tags[i - back] as u64 + 10
    } else {
        back as u64
    }
}

/// The features of word `i` given the tags before it.
pub fn features(lex: &[Lex], tags: &[usize], i: usize, out: &mut Vec<u64>) {
    out.clear();
    let at = |j: isize| {
        i.checked_add_signed(j)
            .and_then(|k| lex.get(k))
            .copied()
            .unwrap_or(NONE)
    };
    let w = at(0);
    let (l1, l2, r1, r2) = (at(-1), at(-2), at(1), at(2));
    let (p1, p2) = (prev(tags, i, 1), prev(tags, i, 2));
    out.extend_from_slice(&[
        f1(t::BIAS, 0),
        f1(t::FORM, w.form),
        f1(t::LOWER, w.lower),
        f1(t::SUF, w.suf[0]),
        f1(t::SUF + 1, w.suf[1]),
        f1(t::SUF + 2, w.suf[2]),
        f1(t::SUF + 3, w.suf[3]),
        f1(t::PRE, w.pre[0]),
        f1(t::PRE + 1, w.pre[1]),
        f1(t::PRE + 2, w.pre[2]),
        f1(t::SHAPE, w.shape),
        f1(t::KNOWN, w.known),
        f1(t::P1, p1),
        f1(t::P2, p2),
        f2(t::P12, p1, p2),
        f2(t::P1_W, p1, w.lower),
        f1(t::W_1, l1.lower),
        f1(t::S3_1, l1.suf[2]),
        f1(t::W_2, l2.lower),
        f1(t::W1, r1.lower),
        f1(t::S3N1, r1.suf[2]),
        f1(t::W2, r2.lower),
        f1(t::SH1, r1.shape),
        f1(t::SH_1, l1.shape),
        f2(t::W_1W, l1.lower, w.lower),
        f2(t::WW1, w.lower, r1.lower),
        f2(t::FIRST_SH, u64::from(i == 0), w.shape),
        f2(t::P1_S3, p1, w.suf[2]),
        f2(t::SH_KNOWN, w.shape, w.known),
        f2(t::KNOWN1, r1.known, w.shape),
        f1(t::FORM_1, l1.form),
        f3(t::P1_W1, p1, w.lower, r1.lower),
    ]);
}

/// The best class of `scores`, the lowest index among equals.
pub(super) fn best<T: PartialOrd + Copy>(scores: &[T]) -> usize {
    let mut b = 0;
    for (k, &s) in scores.iter().enumerate() {
        if s > scores[b] {
            b = k;
        }
    }
    b
}

/// Tags a sentence with trained weights.
pub fn tag(w: &Compact, lex: &[Lex]) -> Vec<usize> {
    let mut tags = Vec::with_capacity(lex.len());
    let mut feats = Vec::with_capacity(40);
    let mut scores = vec![0; w.classes()];
    for i in 0..lex.len() {
        features(lex, &tags, i, &mut feats);
        w.score(&feats, &mut scores);
        tags.push(best(&scores));
    }
    tags
}

/// One training pass over `sents` (words and gold tags), in the given order.
pub fn train_epoch(
    tr: &mut Trainer,
    sents: &[(Vec<Lex>, Vec<usize>)],
    order: &[usize],
    classes: usize,
) {
    let mut feats = Vec::with_capacity(40);
    let mut scores = vec![0.0_f32; classes];
    for &s in order {
        let (lex, gold) = &sents[s];
        let mut tags = Vec::with_capacity(lex.len());
        for (i, &g) in gold.iter().enumerate() {
            features(lex, &tags, i, &mut feats);
            tr.score(&feats, &mut scores);
            let guess = best(&scores);
            tr.update(&feats, g, guess);
            tr.tick();
            tags.push(guess);
        }
    }
}
