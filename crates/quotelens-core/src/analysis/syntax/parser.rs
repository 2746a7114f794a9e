//! The dependency parser: arc-eager transitions chosen greedily by an averaged perceptron,
//! trained with a dynamic oracle (Goldberg and Nivre 2012) on projectivised trees, then a
//! second perceptron that labels each arc of the finished tree, heads before dependents.
//!
//! Words are numbered from 1; 0 is the artificial root. The output is a projective tree with
//! exactly one word attached to the root.

use super::features::{Lex, NONE, ROOT, dist_bucket, f1, f2, f3};
use super::perceptron::{Compact, Trainer};

/// The transitions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Move {
    Shift = 0,
    Reduce = 1,
    Left = 2,
    Right = 3,
}

const MOVES: [Move; 4] = [Move::Shift, Move::Reduce, Move::Left, Move::Right];

/// No head yet.
const NO: usize = usize::MAX;

/// What the parser reads of each word: its facts and its tag (a feature value).
pub struct Input<'a> {
    /// Per word (index 0: the root), the facts.
    pub lex: &'a [Lex],
    /// Per word (index 0: the root), the tag as a feature value.
    pub tags: &'a [u64],
    /// Per word, the number of punctuation marks before it (index 0: the root).
    pub puncts: &'a [u32],
    /// Per word (index 0: the root), the universal tag alone as a feature value.
    pub upos: &'a [u64],
}

/// A parser configuration. The buffer holds the words 1..=n and then the root (0), which is
/// never shifted: a word is attached to the root only once the sentence has been read
/// (Ballesteros and Nivre 2013), never by an early guess.
#[derive(Clone)]
struct State {
    n: usize,
    stack: Vec<usize>,
    /// The buffer's front as a position: 1..=n a word, n + 1 the root.
    b: usize,
    heads: Vec<usize>,
    left: Vec<[usize; 2]>,
    right: Vec<[usize; 2]>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    on_stack: Vec<bool>,
}

impl State {
    fn new(n: usize) -> Self {
        Self {
            n,
            stack: Vec::with_capacity(n),
            b: 1,
            heads: vec![NO; n + 1],
            left: vec![[0; 2]; n + 1],
            right: vec![[0; 2]; n + 1],
            nl: vec![0; n + 1],
            nr: vec![0; n + 1],
            on_stack: vec![false; n + 1],
        }
    }

    /// The word at buffer position `p` (0: the root), if the buffer reaches it.
    fn at(&self, p: usize) -> Option<usize> {
        match p {
            _ if p <= self.n => Some(p),
            _ if p == self.n + 1 => Some(0),
            _ => None,
        }
    }

    fn b0(&self) -> Option<usize> {
        self.at(self.b)
    }

    fn done(&self) -> bool {
        self.b > self.n && self.stack.is_empty()
    }

    fn s(&self, k: usize) -> Option<usize> {
        self.stack.len().checked_sub(k + 1).map(|i| self.stack[i])
    }

    fn valid(&self, m: Move) -> bool {
        let word_next = self.b <= self.n;
        let Some(s0) = self.s(0) else {
            return m == Move::Shift && word_next;
        };
        match m {
            Move::Shift | Move::Right => word_next,
            Move::Reduce => self.heads[s0] != NO,
            Move::Left => self.heads[s0] == NO,
        }
    }

    fn attach(&mut self, h: usize, d: usize) {
        self.heads[d] = h;
        if d < h || h == 0 {
            self.left[h] = [d, self.left[h][0]];
            self.nl[h] = self.nl[h].saturating_add(1);
        } else {
            self.right[h] = [d, self.right[h][0]];
            self.nr[h] = self.nr[h].saturating_add(1);
        }
    }

    fn apply(&mut self, m: Move) {
        let s0 = self.s(0).unwrap_or(0);
        match m {
            Move::Shift => {
                self.stack.push(self.b);
                self.on_stack[self.b] = true;
                self.b += 1;
            }
            Move::Reduce => {
                self.stack.pop();
                self.on_stack[s0] = false;
            }
            Move::Left => {
                self.attach(self.b0().unwrap_or(0), s0);
                self.stack.pop();
                self.on_stack[s0] = false;
            }
            Move::Right => {
                self.attach(s0, self.b);
                self.stack.push(self.b);
                self.on_stack[self.b] = true;
                self.b += 1;
            }
        }
    }

    /// The words lost from `gold` by taking `m` (the dynamic oracle's cost).
    fn cost(&self, m: Move, gold: &[usize]) -> usize {
        let s0 = self.s(0).unwrap_or(0);
        let b0 = self.b0().unwrap_or(0);
        // The root stays in the buffer to the end.
        let buffered = |k: usize| k == 0 || (k >= self.b && k <= self.n);
        let buffer_deps = |h: usize| (self.b..=self.n).filter(|&d| gold[d] == h).count();
        let stack_deps = |h: usize| {
            self.stack
                .iter()
                .filter(|&&k| gold[k] == h && self.heads[k] == NO)
                .count()
        };
        match m {
            Move::Left => {
                let g = gold[s0];
                usize::from(g != b0 && buffered(g)) + buffer_deps(s0)
            }
            Move::Right => {
                let g = gold[b0];
                let head_lost = g != s0 && ((buffered(g) && g != b0) || self.on_stack[g]);
                usize::from(head_lost) + stack_deps(b0)
            }
            Move::Reduce => buffer_deps(s0),
            Move::Shift => usize::from(gold[b0] != 0 && self.on_stack[gold[b0]]) + stack_deps(b0),
        }
    }

    /// One word under the root: of several, the one with the most dependents (the first among
    /// equals) keeps it and the others attach to it; a word left without a head (never, but for
    /// a parse cut short) attaches to it too.
    fn finish(&mut self) {
        let roots: Vec<usize> = (1..=self.n).filter(|&k| self.heads[k] == 0).collect();
        let deps = |k: usize| usize::from(self.nl[k]) + usize::from(self.nr[k]);
        let top = roots
            .iter()
            .copied()
            .max_by(|&a, &b| deps(a).cmp(&deps(b)).then(b.cmp(&a)));
        let Some(top) = top.or_else(|| (1..=self.n).find(|&k| self.heads[k] == NO)) else {
            return;
        };
        for k in 1..=self.n {
            if k != top && (self.heads[k] == 0 || self.heads[k] == NO) {
                self.heads[k] = top;
            }
        }
        self.heads[top] = 0;
    }
}

/// The template numbers of the parser's features.
mod t {
    pub const S0W: u64 = 101;
    pub const S0T: u64 = 102;
    pub const S0WT: u64 = 103;
    pub const S1W: u64 = 104;
    pub const S1T: u64 = 105;
    pub const S1WT: u64 = 106;
    pub const B0W: u64 = 107;
    pub const B0T: u64 = 108;
    pub const B0WT: u64 = 109;
    pub const B1W: u64 = 110;
    pub const B1T: u64 = 111;
    pub const B1WT: u64 = 112;
    pub const B2W: u64 = 113;
    pub const B2T: u64 = 114;
    pub const S0WT_B0WT: u64 = 115;
    pub const S0WT_B0W: u64 = 116;
    pub const S0W_B0WT: u64 = 117;
    pub const S0WT_B0T: u64 = 118;
    pub const S0T_B0WT: u64 = 119;
    pub const S0W_B0W: u64 = 120;
    pub const S0T_B0T: u64 = 121;
    pub const B0T_B1T: u64 = 122;
    pub const B0T_B1T_B2T: u64 = 123;
    pub const S0T_B0T_B1T: u64 = 124;
    pub const S0HT_S0T_B0T: u64 = 125;
    pub const S0T_S0LT_B0T: u64 = 126;
    pub const S0T_S0RT_B0T: u64 = 127;
    pub const S0T_B0T_B0LT: u64 = 128;
    pub const S0W_D: u64 = 129;
    pub const S0T_D: u64 = 130;
    pub const B0W_D: u64 = 131;
    pub const B0T_D: u64 = 132;
    pub const S0W_B0W_D: u64 = 133;
    pub const S0T_B0T_D: u64 = 134;
    pub const S0W_VR: u64 = 135;
    pub const S0T_VR: u64 = 136;
    pub const S0W_VL: u64 = 137;
    pub const S0T_VL: u64 = 138;
    pub const B0W_VL: u64 = 139;
    pub const B0T_VL: u64 = 140;
    pub const S0HW: u64 = 141;
    pub const S0HT: u64 = 142;
    pub const S0LW: u64 = 143;
    pub const S0LT: u64 = 144;
    pub const S0RW: u64 = 145;
    pub const S0RT: u64 = 146;
    pub const B0LW: u64 = 147;
    pub const B0LT: u64 = 148;
    pub const S0H2W: u64 = 149;
    pub const S0H2T: u64 = 150;
    pub const S0L2T: u64 = 151;
    pub const S0R2T: u64 = 152;
    pub const B0L2T: u64 = 153;
    pub const S0T_S0LT_S0L2T: u64 = 154;
    pub const S0T_S0RT_S0R2T: u64 = 155;
    pub const S0T_S0HT_S0H2T: u64 = 156;
    pub const B0T_B0LT_B0L2T: u64 = 157;
    pub const S1T_S0T_B0T: u64 = 158;
    pub const S1T_S0T: u64 = 159;
    pub const HAS_HEAD: u64 = 160;
    pub const PUNCT_BETWEEN: u64 = 161;
    pub const B0_SHAPE: u64 = 162;
    pub const S2T_S1T_S0T: u64 = 163;
    pub const DEPTH: u64 = 164;
    pub const S1W_S0W: u64 = 165;
    pub const B0S3_S0T: u64 = 166;
    pub const U_S0_B0: u64 = 167;
    pub const U_S0_B0_B1: u64 = 168;
    pub const U_S1_S0_B0: u64 = 169;
    pub const U_S0_S0L_B0: u64 = 170;
    pub const U_S0_S0R_B0: u64 = 171;
    pub const U_S0H_S0_B0: u64 = 172;
    pub const U_B0_B0L_B1: u64 = 173;
    pub const U_S0_B0_D: u64 = 174;
    pub const S0W_B0U: u64 = 175;
    pub const S0U_B0W: u64 = 176;
    pub const U_S0_B0_PUNCT: u64 = 177;
    pub const U_S0_B0_HAS_HEAD: u64 = 178;
    pub const B0P2_S0U: u64 = 179;
    pub const S0U_S0RW: u64 = 180;
}

/// The parser's features in state `st`.
#[allow(
    clippy::similar_names,
    reason = "the positions' standard names (s0, s0l, s0r, b0l …, as in Zhang and Nivre 2011)"
)]
#[allow(
    clippy::too_many_lines,
    reason = "a table of feature templates, one a line"
)]
fn features(x: &Input<'_>, st: &State, out: &mut Vec<u64>) {
    out.clear();
    let n = st.n;
    let w = |k: Option<usize>| match k {
        Some(0) => ROOT.lower,
        Some(k) if k <= n => x.lex[k].lower,
        _ => NONE.lower,
    };
    let tg = |k: Option<usize>| match k {
        Some(k) if k <= n => x.tags[k],
        _ => 1,
    };
    let nz = |k: usize| (k != 0).then_some(k);
    let s0 = st.s(0);
    let s1 = st.s(1);
    let s2 = st.s(2);
    let b0 = st.at(st.b);
    let b1 = st.at(st.b + 1);
    let b2 = st.at(st.b + 2);
    let head =
        |k: Option<usize>| k.and_then(|k| (k != 0 && st.heads[k] != NO).then(|| st.heads[k]));
    let s0h = head(s0);
    let s0h2 = head(s0h);
    let lc = |k: Option<usize>, i: usize| k.and_then(|k| nz(st.left[k][i]));
    let rc = |k: Option<usize>, i: usize| k.and_then(|k| nz(st.right[k][i]));
    let (s0l, s0l2, s0r, s0r2) = (lc(s0, 0), lc(s0, 1), rc(s0, 0), rc(s0, 1));
    let (b0l, b0l2) = (lc(b0, 0), lc(b0, 1));
    let (s0w, s0t, b0w, b0t) = (w(s0), tg(s0), w(b0), tg(b0));
    let (s1w, s1t, b1w, b1t) = (w(s1), tg(s1), w(b1), tg(b1));
    let d = match (s0, b0) {
        (_, Some(0)) => 8,
        (Some(s), Some(b)) => dist_bucket(b.saturating_sub(s)),
        _ => 9,
    };
    let vl = |k: Option<usize>| k.map_or(0, |k| u64::from(st.nl[k]));
    let vr = |k: Option<usize>| k.map_or(0, |k| u64::from(st.nr[k]));
    let has_head = match s0 {
        Some(0) | None => 2,
        Some(k) => u64::from(st.heads[k] != NO),
    };
    let puncts = match (s0, b0) {
        (Some(s), Some(b)) if b > s => u64::from(x.puncts[b].saturating_sub(x.puncts[s])).min(3),
        _ => 4,
    };
    let b0x = match b0 {
        Some(0) => ROOT,
        Some(k) => x.lex[k],
        None => NONE,
    };
    let u = |k: Option<usize>| match k {
        Some(k) if k <= n => x.upos[k],
        _ => 1,
    };
    let (s0u, b0u) = (u(s0), u(b0));
    out.extend_from_slice(&[
        f2(t::U_S0_B0, s0u, b0u),
        f3(t::U_S0_B0_B1, s0u, b0u, u(b1)),
        f3(t::U_S1_S0_B0, u(s1), s0u, b0u),
        f3(t::U_S0_S0L_B0, s0u, u(s0l), b0u),
        f3(t::U_S0_S0R_B0, s0u, u(s0r), b0u),
        f3(t::U_S0H_S0_B0, u(s0h), s0u, b0u),
        f3(t::U_B0_B0L_B1, b0u, u(b0l), u(b1)),
        f3(t::U_S0_B0_D, s0u, b0u, d),
        f2(t::S0W_B0U, s0w, b0u),
        f2(t::S0U_B0W, s0u, b0w),
        f3(t::U_S0_B0_PUNCT, s0u, b0u, puncts),
        f3(t::U_S0_B0_HAS_HEAD, s0u, b0u, has_head),
        f2(t::B0P2_S0U, b0x.pre[1], s0u),
        f2(t::S0U_S0RW, s0u, w(s0r)),
    ]);
    out.extend_from_slice(&[
        f1(t::S0W, s0w),
        f1(t::S0T, s0t),
        f2(t::S0WT, s0w, s0t),
        f1(t::S1W, s1w),
        f1(t::S1T, s1t),
        f2(t::S1WT, s1w, s1t),
        f1(t::B0W, b0w),
        f1(t::B0T, b0t),
        f2(t::B0WT, b0w, b0t),
        f1(t::B1W, b1w),
        f1(t::B1T, b1t),
        f2(t::B1WT, b1w, b1t),
        f1(t::B2W, w(b2)),
        f1(t::B2T, tg(b2)),
        f3(t::S0WT_B0WT, f2(0, s0w, s0t), b0w, b0t),
        f3(t::S0WT_B0W, s0w, s0t, b0w),
        f3(t::S0W_B0WT, s0w, b0w, b0t),
        f3(t::S0WT_B0T, s0w, s0t, b0t),
        f3(t::S0T_B0WT, s0t, b0w, b0t),
        f2(t::S0W_B0W, s0w, b0w),
        f2(t::S0T_B0T, s0t, b0t),
        f2(t::B0T_B1T, b0t, b1t),
        f3(t::B0T_B1T_B2T, b0t, b1t, tg(b2)),
        f3(t::S0T_B0T_B1T, s0t, b0t, b1t),
        f3(t::S0HT_S0T_B0T, tg(s0h), s0t, b0t),
        f3(t::S0T_S0LT_B0T, s0t, tg(s0l), b0t),
        f3(t::S0T_S0RT_B0T, s0t, tg(s0r), b0t),
        f3(t::S0T_B0T_B0LT, s0t, b0t, tg(b0l)),
        f2(t::S0W_D, s0w, d),
        f2(t::S0T_D, s0t, d),
        f2(t::B0W_D, b0w, d),
        f2(t::B0T_D, b0t, d),
        f3(t::S0W_B0W_D, s0w, b0w, d),
        f3(t::S0T_B0T_D, s0t, b0t, d),
        f2(t::S0W_VR, s0w, vr(s0)),
        f2(t::S0T_VR, s0t, vr(s0)),
        f2(t::S0W_VL, s0w, vl(s0)),
        f2(t::S0T_VL, s0t, vl(s0)),
        f2(t::B0W_VL, b0w, vl(b0)),
        f2(t::B0T_VL, b0t, vl(b0)),
        f1(t::S0HW, w(s0h)),
        f1(t::S0HT, tg(s0h)),
        f1(t::S0LW, w(s0l)),
        f1(t::S0LT, tg(s0l)),
        f1(t::S0RW, w(s0r)),
        f1(t::S0RT, tg(s0r)),
        f1(t::B0LW, w(b0l)),
        f1(t::B0LT, tg(b0l)),
        f1(t::S0H2W, w(s0h2)),
        f1(t::S0H2T, tg(s0h2)),
        f1(t::S0L2T, tg(s0l2)),
        f1(t::S0R2T, tg(s0r2)),
        f1(t::B0L2T, tg(b0l2)),
        f3(t::S0T_S0LT_S0L2T, s0t, tg(s0l), tg(s0l2)),
        f3(t::S0T_S0RT_S0R2T, s0t, tg(s0r), tg(s0r2)),
        f3(t::S0T_S0HT_S0H2T, s0t, tg(s0h), tg(s0h2)),
        f3(t::B0T_B0LT_B0L2T, b0t, tg(b0l), tg(b0l2)),
        f3(t::S1T_S0T_B0T, s1t, s0t, b0t),
        f2(t::S1T_S0T, s1t, s0t),
        f3(t::HAS_HEAD, has_head, s0t, b0t),
        f3(t::PUNCT_BETWEEN, puncts, s0t, b0t),
        f2(t::B0_SHAPE, b0x.shape, b0t),
        f3(t::S2T_S1T_S0T, tg(s2), s1t, s0t),
        f2(t::DEPTH, (st.stack.len() as u64).min(6), b0t),
        f2(t::S1W_S0W, s1w, s0w),
        f2(t::B0S3_S0T, b0x.suf[2], s0t),
    ]);
}

/// The best valid move by `score`.
fn best_valid(st: &State, scores: &[f64; 4], allowed: impl Fn(Move) -> bool) -> Option<Move> {
    let mut best: Option<Move> = None;
    for m in MOVES {
        if !st.valid(m) || !allowed(m) {
            continue;
        }
        if best.is_none_or(|b| scores[m as usize] > scores[b as usize]) {
            best = Some(m);
        }
    }
    best
}

/// The heads of a sentence (index 0 unused: `heads[k]` for word `k`, 0 the root).
pub fn parse(w: &Compact, x: &Input<'_>) -> Vec<usize> {
    let n = x.lex.len() - 1;
    let mut st = State::new(n);
    let mut feats = Vec::with_capacity(80);
    let mut raw = [0_i32; 4];
    while !st.done() {
        features(x, &st, &mut feats);
        w.score(&feats, &mut raw);
        let scores = raw.map(f64::from);
        let Some(m) = best_valid(&st, &scores, |_| true) else {
            break;
        };
        st.apply(m);
    }
    st.finish();
    st.heads
}

/// Adds every valid move from configuration `st` (item `i` of a beam, scored `base`) to
/// `cands`, scored `base` plus the move's score in `scores`.
fn successors(
    st: &State,
    base: f64,
    i: usize,
    scores: [f64; 4],
    cands: &mut Vec<(f64, usize, Move)>,
) {
    for m in MOVES {
        if st.valid(m) {
            cands.push((base + scores[m as usize], i, m));
        }
    }
}

/// Keeps the `beam` best of `cands` (score, item, move), best first; a tie goes to the earlier
/// item, then to the earlier move.
fn keep_best(cands: &mut Vec<(f64, usize, Move)>, beam: usize) {
    cands.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then((a.2 as u8).cmp(&(b.2 as u8)))
    });
    cands.truncate(beam);
}

/// The heads of a sentence by beam search over `beam` configurations (index 0 unused).
pub fn parse_beam(w: &Compact, x: &Input<'_>, beam: usize) -> Vec<usize> {
    let n = x.lex.len() - 1;
    let mut items: Vec<(State, f64)> = vec![(State::new(n), 0.0)];
    let mut feats = Vec::with_capacity(80);
    let mut raw = [0_i32; 4];
    let mut cands: Vec<(f64, usize, Move)> = Vec::new();
    while !items[0].0.done() {
        cands.clear();
        for (i, (st, score)) in items.iter().enumerate() {
            features(x, st, &mut feats);
            w.score(&feats, &mut raw);
            successors(st, *score, i, raw.map(f64::from), &mut cands);
        }
        if cands.is_empty() {
            break;
        }
        keep_best(&mut cands, beam);
        items = cands
            .iter()
            .map(|&(score, i, m)| {
                let mut st = items[i].0.clone();
                st.apply(m);
                (st, score)
            })
            .collect();
    }
    let mut st = items.swap_remove(0).0;
    st.finish();
    st.heads
}

/// One item of the training beam: its configuration, score, whether it can still reach the
/// gold tree, and its last move in the history arena.
#[derive(Clone)]
struct Hyp {
    st: State,
    score: f64,
    correct: bool,
    hist: usize,
}

/// The moves of history `h` in order (`arena[h]`: parent, move; 0 the empty history).
fn moves_of(arena: &[(usize, Move)], mut h: usize) -> Vec<Move> {
    let mut v = Vec::new();
    while h != 0 {
        v.push(arena[h].1);
        h = arena[h].0;
    }
    v.reverse();
    v
}

/// One pass of global training with beam search and max-violation updates (Huang et al.
/// 2012); the gold sequence is latent: the best-scoring sequence that can still reach the gold
/// tree.
pub fn train_epoch_beam(tr: &mut Trainer, data: &[&Example], order: &[usize], beam: usize) {
    let mut feats = Vec::with_capacity(80);
    let mut s32 = [0.0_f32; 4];
    let mut arena: Vec<(usize, Move)> = Vec::new();
    let mut cands: Vec<(f64, usize, Move)> = Vec::new();
    for &e in order {
        let ex = data[e];
        let x = ex.input();
        let n = ex.lex.len() - 1;
        arena.clear();
        arena.push((0, Move::Shift));
        let start = Hyp {
            st: State::new(n),
            score: 0.0,
            correct: true,
            hist: 0,
        };
        let mut items = vec![start.clone()];
        let mut gold = start;
        let mut worst: Option<(f64, usize, usize)> = None;
        while !items[0].st.done() {
            cands.clear();
            for (i, h) in items.iter().enumerate() {
                features(&x, &h.st, &mut feats);
                tr.score(&feats, &mut s32);
                successors(&h.st, h.score, i, s32.map(f64::from), &mut cands);
            }
            // The gold item's next move: its best move of no cost.
            features(&x, &gold.st, &mut feats);
            tr.score(&feats, &mut s32);
            let gm = MOVES
                .into_iter()
                .filter(|&m| gold.st.valid(m) && gold.st.cost(m, &ex.gold) == 0)
                .max_by(|&a, &b| {
                    s32[a as usize]
                        .total_cmp(&s32[b as usize])
                        .then((b as u8).cmp(&(a as u8)))
                });
            let Some(gm) = gm else {
                break;
            };
            keep_best(&mut cands, beam);
            let next: Vec<Hyp> = cands
                .iter()
                .map(|&(score, i, m)| {
                    let h = &items[i];
                    let correct = h.correct && h.st.cost(m, &ex.gold) == 0;
                    let mut st = h.st.clone();
                    st.apply(m);
                    arena.push((h.hist, m));
                    Hyp {
                        st,
                        score,
                        correct,
                        hist: arena.len() - 1,
                    }
                })
                .collect();
            items = next;
            gold.st.apply(gm);
            gold.score += f64::from(s32[gm as usize]);
            arena.push((gold.hist, gm));
            gold.hist = arena.len() - 1;
            // The best correct item in the beam stands for gold, when there is one.
            if let Some(c) = items.iter().find(|h| h.correct) {
                gold = c.clone();
            }
            let v = items[0].score - gold.score;
            if !items[0].correct && worst.is_none_or(|w| v >= w.0) {
                worst = Some((v, items[0].hist, gold.hist));
            }
        }
        let Some((_, wrong_hist, right_hist)) = worst else {
            tr.tick();
            continue;
        };
        for (hist, delta) in [(right_hist, 1.0_f32), (wrong_hist, -1.0)] {
            let mut st = State::new(n);
            for m in moves_of(&arena, hist) {
                features(&x, &st, &mut feats);
                tr.nudge(&feats, m as usize, delta);
                st.apply(m);
            }
        }
        tr.tick();
    }
}

/// A small deterministic random number generator (xorshift64*), for shuffling and exploration.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Self(seed | 1)
    }

    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }

    /// Shuffles `v` (Fisher–Yates).
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// One training example for the parser: the input columns and the projectivised gold heads.
pub struct Example {
    /// Per word (0: root), the facts.
    pub lex: Vec<Lex>,
    /// Per word (0: root), the tag values.
    pub tags: Vec<u64>,
    /// Per word (0: root), punctuation before it.
    pub puncts: Vec<u32>,
    /// Per word (0: root), the universal tag value.
    pub upos: Vec<u64>,
    /// Gold heads, projectivised (index 0 unused).
    pub gold: Vec<usize>,
}

impl Example {
    /// What the parser reads of this example.
    pub fn input(&self) -> Input<'_> {
        Input {
            lex: &self.lex,
            tags: &self.tags,
            puncts: &self.puncts,
            upos: &self.upos,
        }
    }
}

/// One training pass of the transition classifier with the dynamic oracle; `explore` follows
/// the model's own (wrong) moves nine times in ten.
pub fn train_epoch(
    tr: &mut Trainer,
    data: &[&Example],
    order: &[usize],
    explore: bool,
    rng: &mut Rng,
) {
    let mut feats = Vec::with_capacity(80);
    let mut s32 = [0.0_f32; 4];
    for &e in order {
        let ex = data[e];
        let x = ex.input();
        let n = ex.lex.len() - 1;
        let mut st = State::new(n);
        while !st.done() {
            features(&x, &st, &mut feats);
            tr.score(&feats, &mut s32);
            let scores = s32.map(f64::from);
            let Some(guess) = best_valid(&st, &scores, |_| true) else {
                break;
            };
            let costs = MOVES.map(|m| {
                if st.valid(m) {
                    st.cost(m, &ex.gold)
                } else {
                    usize::MAX
                }
            });
            let least = costs.iter().copied().min().unwrap_or(0);
            let Some(truth) = best_valid(&st, &scores, |m| costs[m as usize] == least) else {
                break;
            };
            tr.update(&feats, truth as usize, guess as usize);
            tr.tick();
            let follow = if costs[guess as usize] == least || (explore && rng.below(10) < 9) {
                guess
            } else {
                truth
            };
            st.apply(follow);
        }
    }
}

/// Whether the arc into word `d` (`heads[d]`, index 0 the root) crosses another: some word
/// between `d` and its head is not under that head. Arcs from the root never cross.
pub fn crosses(heads: &[usize], d: usize) -> bool {
    let n = heads.len().saturating_sub(1);
    let Some(&a) = heads.get(d) else {
        return false;
    };
    let under = |mut k: usize| {
        for _ in 0..=n {
            if k == a {
                return true;
            }
            if k == 0 {
                return false;
            }
            k = heads.get(k).copied().unwrap_or(0);
        }
        false
    };
    a != 0 && (a.min(d) + 1..a.max(d)).any(|k| !under(k))
}

/// Lifts non-projective arcs (each to its head's head) until the tree is projective.
pub fn projectivise(heads: &[usize]) -> Vec<usize> {
    let mut h = heads.to_vec();
    let n = h.len().saturating_sub(1);
    for _ in 0..=n {
        let mut changed = false;
        for d in 1..=n {
            if crosses(&h, d) {
                h[d] = h[h[d]];
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    h
}

/// The labeller's template numbers.
mod l {
    pub const DW: u64 = 201;
    pub const DT: u64 = 202;
    pub const HW: u64 = 203;
    pub const HT: u64 = 204;
    pub const DT_HT: u64 = 205;
    pub const DW_HT: u64 = 206;
    pub const DT_HW: u64 = 207;
    pub const DT_HT_DIR: u64 = 208;
    pub const DT_HT_DIST: u64 = 209;
    pub const DT_HT_HL: u64 = 210;
    pub const DT_HL: u64 = 211;
    pub const DW_DT: u64 = 212;
    pub const HW_HT_DT: u64 = 213;
    pub const DS3_DT_HT: u64 = 214;
    pub const CHILD_W_DT: u64 = 215;
    pub const CHILD_T_DT_HT: u64 = 216;
    pub const SIB_W_DT_DIR: u64 = 217;
    pub const SIB_T_DT_HT: u64 = 218;
    pub const PREV_SIB_L: u64 = 219;
    pub const PREV_SIB_L_DIR: u64 = 220;
    pub const D_1T: u64 = 221;
    pub const D1T: u64 = 222;
    pub const NKIDS: u64 = 223;
    pub const HL_DIR: u64 = 224;
    pub const DW_HW: u64 = 225;
    pub const SIB_W_SIDE_DT: u64 = 226;
    pub const BIAS_DIR: u64 = 227;
}

/// The labeller's features for the arc into word `d` of a finished tree; `labels` holds the
/// labels given so far (as values; 0 none) and `kids` each word's dependents in order.
fn label_features(
    x: &Input<'_>,
    heads: &[usize],
    kids: &[Vec<usize>],
    labels: &[u64],
    d: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    let n = x.lex.len() - 1;
    let h = heads[d];
    let lx = |k: usize| if k == 0 { ROOT } else { x.lex[k] };
    let tg = |k: usize| if k <= n { x.tags[k] } else { 1 };
    let (dl, hl) = (lx(d), lx(h));
    let (dt, ht) = (tg(d), if h == 0 { 2 } else { tg(h) });
    let dir = u64::from(d < h);
    let dist = dist_bucket(d.abs_diff(h));
    let head_label = if h == 0 { 7 } else { labels[h] };
    let prev_sib = kids[h]
        .iter()
        .copied()
        .filter(|&s| s < d)
        .max()
        .map_or(1, |s| labels[s]);
    out.extend_from_slice(&[
        f1(l::DW, dl.lower),
        f1(l::DT, dt),
        f1(l::HW, hl.lower),
        f1(l::HT, ht),
        f2(l::DT_HT, dt, ht),
        f2(l::DW_HT, dl.lower, ht),
        f2(l::DT_HW, dt, hl.lower),
        f3(l::DT_HT_DIR, dt, ht, dir),
        f3(l::DT_HT_DIST, dt, ht, dist * 2 + dir),
        f3(l::DT_HT_HL, dt, ht, head_label),
        f2(l::DT_HL, dt, head_label),
        f2(l::DW_DT, dl.lower, dt),
        f3(l::HW_HT_DT, hl.lower, ht, dt),
        f3(l::DS3_DT_HT, dl.suf[2], dt, ht),
        f3(l::PREV_SIB_L, prev_sib, dt, ht),
        f2(l::PREV_SIB_L_DIR, prev_sib, dir),
        f3(l::D_1T, tg(d.wrapping_sub(1).min(n + 1)), dt, ht),
        f3(l::D1T, tg(d + 1), dt, ht),
        f2(l::NKIDS, (kids[d].len() as u64).min(4), dt),
        f2(l::HL_DIR, head_label, dir),
        f2(l::DW_HW, dl.lower, hl.lower),
        f1(l::BIAS_DIR, dir),
    ]);
    // The outermost two children on each side, and the two nearest siblings on each side: a
    // bounded number of features however many dependents a word has.
    let own = &kids[d];
    let outer = own.iter().take(2).chain(own.iter().skip(2).rev().take(2));
    for &c in outer {
        out.push(f2(l::CHILD_W_DT, x.lex[c].lower, dt));
        out.push(f3(l::CHILD_T_DT_HT, tg(c), dt, ht));
    }
    let sibs = &kids[h];
    let at = sibs.partition_point(|&k| k < d);
    let near = sibs[at.saturating_sub(2)..at]
        .iter()
        .chain(sibs.iter().skip(at + 1).take(2));
    for &s in near {
        out.push(f3(l::SIB_W_DT_DIR, x.lex[s].lower, dt, dir));
        out.push(f3(l::SIB_T_DT_HT, tg(s), dt, ht));
        out.push(f3(l::SIB_W_SIDE_DT, x.lex[s].lower, u64::from(s < d), dt));
    }
}

/// Each word's dependents in order, and the order to label in (heads before dependents).
fn tree_order(heads: &[usize]) -> (Vec<Vec<usize>>, Vec<usize>) {
    let n = heads.len() - 1;
    let mut kids = vec![Vec::new(); n + 1];
    for (d, &h) in heads.iter().enumerate().skip(1) {
        if let Some(k) = kids.get_mut(h) {
            k.push(d);
        }
    }
    let mut order = Vec::with_capacity(n);
    let mut queue = std::collections::VecDeque::from([0usize]);
    let mut seen = vec![false; n + 1];
    seen[0] = true;
    while let Some(h) = queue.pop_front() {
        for &d in &kids[h] {
            if !seen[d] {
                seen[d] = true;
                order.push(d);
                queue.push_back(d);
            }
        }
    }
    // Anything a cycle hid (never in a parse; possible in a damaged input tree).
    order.extend((1..=n).filter(|&d| !seen[d]));
    (kids, order)
}

/// Labels a finished tree: per word (index 0 unused), a class of the labeller; `root` is the
/// class of the root's dependent, never given to any other word.
pub fn label(w: &Compact, x: &Input<'_>, heads: &[usize], root: usize) -> Vec<usize> {
    let n = heads.len() - 1;
    let (kids, order) = tree_order(heads);
    let mut labels = vec![0u64; n + 1];
    let mut out = vec![root; n + 1];
    let mut feats = Vec::with_capacity(60);
    let mut scores = vec![0; w.classes()];
    for d in order {
        let class = if heads[d] == 0 {
            root
        } else {
            label_features(x, heads, &kids, &labels, d, &mut feats);
            w.score(&feats, &mut scores);
            let mut b = usize::from(root == 0);
            for k in 0..scores.len() {
                if k != root && scores[k] > scores[b] {
                    b = k;
                }
            }
            b
        };
        out[d] = class;
        labels[d] = class as u64 + 10;
    }
    out
}

/// One training pass of the labeller on gold trees with gold labels (`gold_labels`, per word,
/// index 0 unused). A word's features read the labels guessed for the words labelled before it
/// (not their gold labels), as when it labels a parse.
pub fn train_labels(
    tr: &mut Trainer,
    data: &[(Example, Vec<usize>, Vec<usize>)],
    order: &[usize],
    classes: usize,
) {
    let mut feats = Vec::with_capacity(60);
    let mut scores = vec![0.0_f32; classes];
    for &e in order {
        let (ex, heads, gold) = &data[e];
        let x = ex.input();
        let n = heads.len() - 1;
        let (kids, order) = tree_order(heads);
        let mut labels = vec![0u64; n + 1];
        for d in order {
            if heads[d] != 0 {
                label_features(&x, heads, &kids, &labels, d, &mut feats);
                tr.score(&feats, &mut scores);
                let guess = super::tagger::best(&scores);
                tr.update(&feats, gold[d], guess);
                tr.tick();
                // No teacher forcing: later words see the labels guessed for earlier ones,
                // as they will when labelling a parse.
                labels[d] = guess as u64 + 10;
            } else {
                labels[d] = gold[d] as u64 + 10;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_labeller_learns_from_the_labels_it_guessed_not_the_gold_ones() {
        use super::super::features::{hash_bytes, lex};
        // "a" under the root, "b" under "a", "c" under "b": three classes, gold 0, 1, 2. An
        // untrained labeller guesses class 0 for "b", so "c" is learnt with "b" labelled 0.
        let words = ["a", "b", "c"];
        let mut lexes = vec![ROOT];
        lexes.extend(words.iter().map(|w| lex(w)));
        let mut tags = vec![2];
        tags.extend(words.iter().map(|_| hash_bytes(b"N")));
        let ex = Example {
            lex: lexes,
            upos: tags.clone(),
            tags,
            puncts: vec![0; 4],
            gold: vec![0, 0, 1, 2],
        };
        let data = vec![(ex, vec![0, 0, 1, 2], vec![0, 0, 1, 2])];
        let mut tr = Trainer::new(3);
        train_labels(&mut tr, &data, &[0], 3);
        let (ex, heads, _) = &data[0];
        let (kids, _) = tree_order(heads);
        let seen_as = |b_label: u64| {
            let mut feats = Vec::new();
            label_features(
                &ex.input(),
                heads,
                &kids,
                &[0, 10, b_label, 0],
                3,
                &mut feats,
            );
            let mut scores = [0.0_f32; 3];
            tr.score(&feats, &mut scores);
            scores[2]
        };
        assert!(
            seen_as(10) > seen_as(11),
            "guessed {} gold {}",
            seen_as(10),
            seen_as(11)
        );
    }

    #[test]
    fn the_oracle_reaches_every_projective_tree() {
        // Trees as heads (index 0 unused), including a right branch, a left branch and a
        // word attached across a finished subtree.
        for gold in [
            vec![0, 2, 0, 2],
            vec![0, 0, 1, 2, 3],
            vec![0, 3, 3, 0, 3, 6, 4],
            vec![0, 4, 4, 4, 0, 7, 7, 4, 4],
        ] {
            let n = gold.len() - 1;
            let mut st = State::new(n);
            while !st.done() {
                let m = MOVES
                    .into_iter()
                    .find(|&m| st.valid(m) && st.cost(m, &gold) == 0)
                    .expect("a zero-cost move");
                st.apply(m);
            }
            st.finish();
            assert_eq!(st.heads[1..], gold[1..], "{gold:?}");
        }
    }

    #[test]
    fn global_training_learns_trees_that_the_beam_then_finds() {
        use super::super::features::{hash_bytes, lex};
        // Invented sentences, tags and trees (heads, index 0 unused; 0 the root).
        let rows: [(&[&str], &[&str], Vec<usize>); 3] = [
            (
                &["Ann", "sees", "boats"],
                &["N", "V", "N"],
                vec![0, 2, 0, 2],
            ),
            (
                &["the", "old", "dog", "runs"],
                &["D", "A", "N", "V"],
                vec![0, 3, 3, 4, 0],
            ),
            (
                &["Tom", "said", "that", "Ann", "left"],
                &["N", "V", "C", "N", "V"],
                vec![0, 2, 0, 5, 5, 2],
            ),
        ];
        let examples: Vec<Example> = rows
            .iter()
            .map(|(words, tags, gold)| {
                let mut lexes = vec![ROOT];
                lexes.extend(words.iter().map(|w| lex(w)));
                let mut t = vec![2];
                t.extend(tags.iter().map(|t| hash_bytes(t.as_bytes())));
                Example {
                    lex: lexes,
                    upos: t.clone(),
                    tags: t,
                    puncts: vec![0; words.len() + 1],
                    gold: gold.clone(),
                }
            })
            .collect();
        let data: Vec<&Example> = examples.iter().collect();
        let mut tr = Trainer::new(4);
        for _ in 0..20 {
            train_epoch_beam(&mut tr, &data, &[0, 1, 2], 4);
        }
        let w = tr.compact(0.0);
        for ex in &examples {
            let x = ex.input();
            assert_eq!(parse_beam(&w, &x, 4)[1..], ex.gold[1..]);
            // A beam of one is a greedy parse: a whole tree all the same.
            let greedy = parse_beam(&w, &x, 1);
            assert_eq!(greedy.len(), ex.gold.len());
            assert_eq!(greedy[1..].iter().filter(|&&h| h == 0).count(), 1);
        }
    }

    #[test]
    fn lifting_makes_trees_projective() {
        // 1 → 3 crosses 2 → 4 (2's head is 4, outside 1..3).
        let heads = vec![0, 0, 4, 1, 1];
        let p = projectivise(&heads);
        assert_eq!(p, vec![0, 0, 1, 1, 1]);
        assert_eq!(projectivise(&[0, 2, 0, 2]), vec![0, 2, 0, 2]);
    }
}
