//! The part-of-speech tagger: greedy, left to right, one class per (UPOS, XPOS) pair seen in
//! training, scored by an averaged perceptron over the word, its affixes and shape, its
//! neighbours, the two tags before it, and the tags the training data saw each word with (the
//! tag lexicon: what the words to the right may be).

use std::collections::BTreeMap;

use super::features::{Lex, NONE, f1, f2, f3, mix};
use super::perceptron::{Compact, KeyMap, Reader, Trainer};

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
    // The tag lexicon's sets (L: this word's, L1 the next word's, L_1 the previous word's).
    pub const L: u64 = 33;
    pub const L1: u64 = 34;
    pub const L2: u64 = 35;
    pub const P1_L1: u64 = 36;
    pub const L_L1: u64 = 37;
    pub const W_L1: u64 = 38;
    pub const L_1_L: u64 = 39;
    pub const P1_L: u64 = 40;
    pub const L1_L2: u64 = 41;
}

/// The feature value of a word the tag lexicon does not hold.
const UNKNOWN: u64 = 7;

/// A tag the lexicon lists for a word: one of a tenth of its uses or more.
const SHARE: u32 = 10;

/// Per word (its lower-case form), the tags it was seen with in training (those of a tenth of
/// its uses or more), as one feature value: what the words to the right of the one being
/// tagged may be, before they are tagged.
#[derive(Clone, Debug, Default)]
pub struct TagLexicon {
    /// Word (the hash of its lower-case form) → its set's index.
    words: KeyMap<u16>,
    /// The distinct tag sets, each sorted.
    sets: Vec<Vec<u16>>,
    /// Per set, its feature value.
    values: Vec<u64>,
}

/// Lower-case form → tag → uses.
pub type TagCounts = BTreeMap<u64, BTreeMap<usize, u32>>;

impl TagLexicon {
    /// The lexicon of `counts`.
    pub fn from_counts(counts: &TagCounts) -> Self {
        let mut index: BTreeMap<Vec<u16>, u16> = BTreeMap::new();
        let mut sets = Vec::new();
        let mut words = KeyMap::default();
        for (&w, tags) in counts {
            let total: u32 = tags.values().sum();
            let set: Vec<u16> = tags
                .iter()
                .filter(|&(_, &c)| c * SHARE >= total)
                .filter_map(|(&t, _)| u16::try_from(t).ok())
                .collect();
            if set.is_empty() {
                continue;
            }
            let k = *index.entry(set.clone()).or_insert_with(|| {
                sets.push(set);
                u16::try_from(sets.len() - 1).unwrap_or(u16::MAX)
            });
            words.insert(w, k);
        }
        Self::new(words, sets)
    }

    /// The lexicon of words and sets (every set index in range), with each set's value.
    fn new(words: KeyMap<u16>, sets: Vec<Vec<u16>>) -> Self {
        let value = |set: &[u16]| set.iter().fold(0x51_u64, |h, &t| mix(h, u64::from(t) + 1)) | 1;
        let values = sets.iter().map(|s| value(s)).collect();
        Self {
            words,
            sets,
            values,
        }
    }

    /// The words' feature values.
    pub fn values(&self, lex: &[Lex]) -> Vec<u64> {
        lex.iter()
            .map(|l| {
                self.words
                    .get(&l.lower)
                    .and_then(|&k| self.values.get(usize::from(k)))
                    .copied()
                    .unwrap_or(UNKNOWN)
            })
            .collect()
    }

    /// The tags listed for a word, if the lexicon holds it.
    pub fn tags_of(&self, word: &str) -> Option<&[u16]> {
        let k = self.words.get(&super::features::lex(word).lower)?;
        self.sets.get(usize::from(*k)).map(Vec::as_slice)
    }

    /// Words held.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether it holds no word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Appends the lexicon to a model file: the sets (count, then each set's length and tags),
    /// then the words in the order of their hashes (count, then each word's hash and set).
    pub fn write(&self, out: &mut Vec<u8>) {
        let len = |n: usize| u32::try_from(n).unwrap_or(0).to_le_bytes();
        out.extend_from_slice(&len(self.sets.len()));
        for set in &self.sets {
            out.extend_from_slice(&len(set.len()));
            for t in set {
                out.extend_from_slice(&t.to_le_bytes());
            }
        }
        let mut words: Vec<(&u64, &u16)> = self.words.iter().collect();
        words.sort_unstable();
        out.extend_from_slice(&len(words.len()));
        for (w, k) in words {
            out.extend_from_slice(&w.to_le_bytes());
            out.extend_from_slice(&k.to_le_bytes());
        }
    }

    /// Reads what [`TagLexicon::write`] wrote, for a tagger of `tags` classes. `None` for
    /// anything malformed (a tag or set out of range, words out of order).
    pub fn read(r: &mut Reader<'_>, tags: usize) -> Option<Self> {
        let u16_at = |r: &mut Reader<'_>| Some(u16::from_le_bytes(r.take(2)?.try_into().ok()?));
        let n_sets = r.u32()? as usize;
        let mut sets = Vec::with_capacity(n_sets.min(1 << 16));
        for _ in 0..n_sets {
            let n = r.u32()? as usize;
            let mut set = Vec::with_capacity(n.min(1024));
            for _ in 0..n {
                let t = u16_at(r)?;
                if usize::from(t) >= tags {
                    return None;
                }
                set.push(t);
            }
            sets.push(set);
        }
        let n_words = r.u32()? as usize;
        let mut words = KeyMap::default();
        let mut last = None;
        for _ in 0..n_words {
            let w = u64::from_le_bytes(r.take(8)?.try_into().ok()?);
            let k = u16_at(r)?;
            if usize::from(k) >= sets.len() || last.is_some_and(|p| p >= w) {
                return None;
            }
            last = Some(w);
            words.insert(w, k);
        }
        Some(Self::new(words, sets))
    }
}

/// The previous tags as feature values (1, 2: before the sentence).
fn prev(tags: &[usize], i: usize, back: usize) -> u64 {
    if i >= back {
        tags[i - back] as u64 + 10
    } else {
        back as u64
    }
}

/// The features of word `i` given the tags before it; `sets` holds each word's tag-lexicon
/// value ([`TagLexicon::values`]).
pub fn features(lex: &[Lex], sets: &[u64], tags: &[usize], i: usize, out: &mut Vec<u64>) {
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
    let set = |j: Option<usize>| j.and_then(|j| sets.get(j)).copied().unwrap_or(3);
    let (s_1, s0, s1, s2) = (
        set(i.checked_sub(1)),
        set(Some(i)),
        set(Some(i + 1)),
        set(Some(i + 2)),
    );
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
        f1(t::L, s0),
        f1(t::L1, s1),
        f1(t::L2, s2),
        f2(t::P1_L1, p1, s1),
        f2(t::L_L1, s0, s1),
        f2(t::W_L1, w.lower, s1),
        f2(t::L_1_L, s_1, s0),
        f2(t::P1_L, p1, s0),
        f2(t::L1_L2, s1, s2),
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
pub fn tag(w: &Compact, lex: &[Lex], sets: &[u64]) -> Vec<usize> {
    let mut tags = Vec::with_capacity(lex.len());
    let mut feats = Vec::with_capacity(40);
    let mut scores = vec![0; w.classes()];
    for i in 0..lex.len() {
        features(lex, sets, &tags, i, &mut feats);
        w.score(&feats, &mut scores);
        tags.push(best(&scores));
    }
    tags
}

/// One training pass over `sents` (words and gold tags), in the given order.
pub fn train_epoch(
    tr: &mut Trainer,
    sents: &[(Vec<Lex>, Vec<u64>, Vec<usize>)],
    order: &[usize],
    classes: usize,
) {
    let mut feats = Vec::with_capacity(40);
    let mut scores = vec![0.0_f32; classes];
    for &s in order {
        let (lex, word_sets, gold) = &sents[s];
        let mut tags = Vec::with_capacity(lex.len());
        for (i, &g) in gold.iter().enumerate() {
            features(lex, word_sets, &tags, i, &mut feats);
            tr.score(&feats, &mut scores);
            let guess = best(&scores);
            tr.update(&feats, g, guess);
            tr.tick();
            tags.push(guess);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lexicon of words seen with tags: (word, [(tag, uses)]).
    fn lexicon(seen: &[(&str, &[(usize, u32)])]) -> TagLexicon {
        let mut counts = TagCounts::new();
        for (w, tags) in seen {
            let e = counts
                .entry(super::super::features::lex(w).lower)
                .or_default();
            for &(t, n) in *tags {
                e.insert(t, n);
            }
        }
        TagLexicon::from_counts(&counts)
    }

    #[test]
    fn a_word_lists_the_tags_of_a_tenth_of_its_uses_or_more() {
        let lx = lexicon(&[
            ("walk", &[(3, 9), (5, 1)]),
            ("table", &[(3, 19), (5, 1)]),
            ("Run", &[(5, 6), (3, 4), (8, 1)]),
        ]);
        assert_eq!(lx.tags_of("walk"), Some(&[3, 5][..]), "1 in 10 is listed");
        assert_eq!(lx.tags_of("table"), Some(&[3][..]), "1 in 20 is not");
        assert_eq!(
            lx.tags_of("run"),
            Some(&[3, 5][..]),
            "looked up in lower case"
        );
        assert_eq!(lx.tags_of("chair"), None);
        // Words with the same set share its feature value; others differ; unknown words have one.
        let v =
            lx.values(&["walk", "run", "table", "chair", "sofa"].map(super::super::features::lex));
        assert_eq!(v[0], v[1]);
        assert_ne!(v[0], v[2]);
        assert_eq!(v[3], v[4]);
        assert_ne!(v[3], v[0]);
        assert_ne!(v[3], v[2]);
    }

    #[test]
    fn the_lexicon_round_trips_and_refuses_damage() {
        let lx = lexicon(&[
            ("walk", &[(3, 9), (5, 1)]),
            ("table", &[(3, 2)]),
            ("the", &[(1, 7)]),
        ]);
        let mut bytes = Vec::new();
        lx.write(&mut bytes);
        let back = TagLexicon::read(&mut Reader::new(&bytes), 6).expect("reads");
        assert_eq!(back.len(), 3);
        for w in ["walk", "table", "the", "chair"] {
            assert_eq!(back.tags_of(w), lx.tags_of(w), "{w}");
        }
        let mut again = Vec::new();
        back.write(&mut again);
        assert_eq!(again, bytes);
        // A tag the tagger does not have, and any cut, are refused (never a panic).
        assert!(TagLexicon::read(&mut Reader::new(&bytes), 5).is_none());
        for cut in 0..bytes.len() {
            assert!(
                TagLexicon::read(&mut Reader::new(&bytes[..cut]), 6).is_none(),
                "cut at {cut}"
            );
        }
    }
}
