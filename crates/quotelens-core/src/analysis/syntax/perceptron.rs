//! Averaged perceptrons over hashed features: the trainer's weights (dense rows, averaged with
//! Daumé's trick), and the pruned, quantised weights a model file holds and the analysis scores
//! with.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for keys that are already hashes: passes the key through.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by hashes.
pub type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// The weights being trained.
pub struct Trainer {
    classes: usize,
    rows: KeyMap<u32>,
    keys: Vec<u64>,
    w: Vec<f32>,
    u: Vec<f64>,
    /// Examples seen.
    step: f64,
}

impl Trainer {
    /// No weights yet, for `classes` classes.
    pub fn new(classes: usize) -> Self {
        Self {
            classes,
            rows: KeyMap::default(),
            keys: Vec::new(),
            w: Vec::new(),
            u: Vec::new(),
            step: 1.0,
        }
    }

    /// Adds the current weights of `feats` to `scores` (one per class).
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for f in feats {
            if let Some(&r) = self.rows.get(f) {
                let at = r as usize * self.classes;
                for (s, w) in scores.iter_mut().zip(&self.w[at..at + self.classes]) {
                    *s += w;
                }
            }
        }
    }

    fn row(&mut self, key: u64) -> usize {
        let next = self.keys.len();
        let r = *self
            .rows
            .entry(key)
            .or_insert_with(|| u32::try_from(next).unwrap_or(u32::MAX)) as usize;
        if r == next {
            self.keys.push(key);
            self.w.resize(self.w.len() + self.classes, 0.0);
            self.u.resize(self.u.len() + self.classes, 0.0);
        }
        r
    }

    /// Moves the weights towards `truth` and away from `guess` (nothing if they are equal).
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in feats {
            let at = self.row(f) * self.classes;
            self.bump(at + truth, 1.0);
            self.bump(at + guess, -1.0);
        }
    }

    /// Adds `delta` to weight `at`, and to its running sum for the average.
    fn bump(&mut self, at: usize, delta: f32) {
        self.w[at] += delta;
        self.u[at] += self.step * f64::from(delta);
    }

    /// Adds `delta` to the weights of `class` for each of `feats` (a structured update's half).
    pub fn nudge(&mut self, feats: &[u64], class: usize, delta: f32) {
        for &f in feats {
            let at = self.row(f) * self.classes + class;
            self.bump(at, delta);
        }
    }

    /// Weight `i` averaged over the steps seen (Daumé's trick: the running sum of each update
    /// times its step, taken from the weight).
    fn averaged(&self, i: usize) -> f64 {
        f64::from(self.w[i]) - self.u[i] / self.step
    }

    /// The mean of trainers' averaged weights, as a trainer whose averaged weights they are
    /// (a feature one trainer lacks counts as 0 there). The mean of one trainer compacts to
    /// the same weights as the trainer itself.
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_precision_loss,
        reason = "a handful of trainers; averages of small steps fit f32"
    )]
    pub fn mean(trainers: &[Trainer]) -> Trainer {
        let classes = trainers.first().map_or(1, |t| t.classes);
        let mut out = Trainer::new(classes);
        let k = trainers.len().max(1) as f64;
        let mut keys: Vec<u64> = trainers
            .iter()
            .flat_map(|t| t.keys.iter().copied())
            .collect();
        keys.sort_unstable();
        keys.dedup();
        for key in keys {
            let at = out.row(key) * classes;
            for t in trainers {
                let Some(&r) = t.rows.get(&key) else {
                    continue;
                };
                let base = r as usize * classes;
                for c in 0..classes {
                    let i = base + c;
                    let avg = t.averaged(i);
                    out.w[at + c] += (avg / k) as f32;
                }
            }
        }
        out
    }

    /// One example seen.
    pub fn tick(&mut self) {
        self.step += 1.0;
    }

    /// The averaged weights, pruned (entries under `prune` in absolute value dropped) and
    /// quantised.
    #[allow(
        clippy::cast_possible_truncation,
        reason = "averages of small steps fit f32, and the quantised value is clamped to i16"
    )]
    pub fn compact(&self, prune: f32) -> Compact {
        let c = self.classes;
        let avg = |i: usize| self.averaged(i) as f32;
        let max = (0..self.w.len())
            .map(|i| avg(i).abs())
            .fold(0.0_f32, f32::max);
        let scale = if max > 0.0 { max / 32_000.0 } else { 1.0 };
        let mut order: Vec<usize> = (0..self.keys.len()).collect();
        order.sort_by_key(|&r| (fold(self.keys[r]), self.keys[r]));
        let mut keys = Vec::new();
        let mut lens = Vec::new();
        let mut entries = Vec::new();
        let mut packed = Vec::new();
        for r in order {
            if entries.len() + c >= MAX_ENTRIES {
                // More than a slot can point to (sixteen million entries, far more than a
                // model holds): the rest is dropped.
                break;
            }
            let before = entries.len();
            for k in 0..c {
                let v = avg(r * c + k);
                if v.abs() >= prune {
                    let q = (v / scale).round().clamp(-32_767.0, 32_767.0) as i16;
                    if q != 0 {
                        entries.push((u8::try_from(k).unwrap_or(u8::MAX), q));
                    }
                }
            }
            let mine = entries.split_off(before);
            let p = (c <= INLINE).then(|| {
                let mut w = [0i16; INLINE];
                for &(k, v) in &mine {
                    if let Some(x) = w.get_mut(usize::from(k)) {
                        *x = v;
                    }
                }
                pack(w)
            });
            if mine.is_empty() || p == Some(0) {
                // No weight, or none left at 8 bits: the feature adds nothing.
                continue;
            }
            let key = fold(self.keys[r]);
            if keys.last() == Some(&key) {
                // Two features folded together: the first (by full key) keeps the slot.
                continue;
            }
            keys.push(key);
            if let Some(p) = p {
                packed.push(p);
            } else {
                lens.push(u8::try_from(mine.len()).unwrap_or(u8::MAX));
                entries.extend(mine);
            }
        }
        let body = if c <= INLINE {
            Body::Packed(packed)
        } else {
            Body::Sparse { lens, entries }
        };
        Compact::new(c, scale, keys, body)
    }
}

/// A feature's key in the file: its 64-bit hash folded to 32 bits (never 0). Among a million
/// features a few fold together; a feature never seen in training finds weights by chance once
/// in about four thousand look-ups, far below the model's own error.
#[inline]
#[allow(
    clippy::cast_possible_truncation,
    reason = "folding 64 bits into 32 is the point"
)]
fn fold(k: u64) -> u32 {
    ((k >> 32) as u32 ^ k as u32) | 1
}

/// Pruned, quantised averaged weights, looked up through an open-addressing table.
#[derive(Debug)]
pub struct Compact {
    classes: usize,
    scale: f32,
    /// Feature keys (folded), sorted (the file's order).
    keys: Vec<u32>,
    /// The weights, feature after feature (the slots point into a sparse body's entries).
    body: Body,
    /// The table (its size a power of two): a feature's key and its weights or where they are,
    /// in one eight-byte slot.
    table: Vec<Slot>,
    /// Dense rows (one weight per class) of the features with many entries, added by a loop
    /// the compiler vectorises instead of one class at a time.
    dense: Vec<i16>,
}

/// A model's weights as its file holds them, feature after feature (in key order).
#[derive(Debug)]
enum Body {
    /// Four classes or fewer: per feature its four 8-bit weights in one `u32` ([`pack`]).
    Packed(Vec<u32>),
    /// More classes: per feature its entries' count, and the entries, (class, 16-bit weight).
    Sparse {
        /// Per feature, its entries' count.
        lens: Vec<u8>,
        /// The entries, feature after feature.
        entries: Vec<(u8, i16)>,
    },
}

/// A slot of the table, eight bytes: key 0 is empty. With four classes or fewer `val` holds
/// the weights themselves, one signed byte each (the trainer's 16-bit weights rounded to their
/// top 8 bits: measured on GUM's dev and test splits, no attachment is lost), so a look-up is
/// one load. Otherwise `val` is where the entries are: the first entry's index times 256 plus
/// their count, or a count of 0 and the index of a dense row.
///
/// Eight bytes, not twelve, because look-ups are cache misses: the tables are megabytes, and a
/// table twice as large was measured to parse at two thirds of the speed.
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    key: u32,
    val: u32,
}

impl Slot {
    /// Where a slot that is not inline points: the index (of the first entry, or of the dense
    /// row) and the entries' count (0: a dense row).
    #[inline]
    fn place(self) -> (usize, usize) {
        ((self.val >> 8) as usize, (self.val & 0xFF) as usize)
    }
}

/// The most classes whose weights fit in a slot.
const INLINE: usize = 4;

/// How many features' slots are read together.
const CHUNK: usize = 32;

/// The most entries (and dense rows) a slot's 24 bits can point to.
const MAX_ENTRIES: usize = 1 << 24;

/// Four 8-bit weights in one `u32`: each 16-bit weight's top byte, rounded.
#[allow(
    clippy::cast_possible_truncation,
    reason = "clamped to the i8 range before the cast"
)]
fn pack(w: [i16; INLINE]) -> u32 {
    u32::from_le_bytes(
        w.map(|v| (((i32::from(v) + 128) >> 8).clamp(-127, 127) as i8).cast_unsigned()),
    )
}

/// The four weights of a `u32` made by [`pack`].
#[inline]
fn unpack(v: u32) -> [i32; INLINE] {
    v.to_le_bytes().map(|b| i32::from(b.cast_signed()))
}

impl Compact {
    fn new(classes: usize, scale: f32, keys: Vec<u32>, body: Body) -> Self {
        // At most about two thirds full: short probes, and a table as small as that allows.
        let size = (keys.len() + keys.len() / 2).next_power_of_two().max(16);
        let mut table = vec![Slot::default(); size];
        let mut dense = Vec::new();
        let mut put = |key: u32, val: u32| {
            let mut slot = (key >> 1) as usize & (size - 1);
            while table[slot].key != 0 {
                slot = (slot + 1) & (size - 1);
            }
            table[slot] = Slot { key, val };
        };
        let body = match body {
            Body::Packed(packed) => {
                for (&k, &p) in keys.iter().zip(&packed) {
                    put(k, p);
                }
                Body::Packed(packed)
            }
            Body::Sparse { lens, entries: all } => {
                let mut at = 0usize;
                for (&k, &len) in keys.iter().zip(&lens) {
                    let (start, end) = (at, at + usize::from(len));
                    at = end;
                    let mine = all.get(start..end).unwrap_or_default();
                    let val = if usize::from(len) * 4 >= classes {
                        let row = dense.len() / classes;
                        dense.resize(dense.len() + classes, 0);
                        for &(c, v) in mine {
                            if let Some(x) = dense.get_mut(row * classes + usize::from(c)) {
                                *x = v;
                            }
                        }
                        u32::try_from(row).unwrap_or(0) << 8
                    } else {
                        (u32::try_from(start).unwrap_or(0) << 8) | u32::from(len)
                    };
                    put(k, val);
                }
                Body::Sparse { lens, entries: all }
            }
        };
        Self {
            classes,
            scale,
            keys,
            body,
            table,
            dense,
        }
    }

    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Number of features kept.
    pub fn features(&self) -> usize {
        self.keys.len()
    }

    /// The slot of the folded `key`, probing from `slot` on.
    #[inline]
    fn probe(&self, key: u32, mut slot: usize) -> Option<Slot> {
        let mask = self.table.len() - 1;
        loop {
            let s = self.table[slot];
            if s.key == key {
                return Some(s);
            }
            if s.key == 0 {
                return None;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Calls `each` with the slots of the features of `feats` that have one, in order, a few at
    /// a time. The first slot of each feature is read before any is looked at: the reads do not
    /// wait on one another or on a guess of which features the model knows, so the memory
    /// system fetches them together instead of one cache miss after another (measured: a third
    /// faster).
    #[inline]
    fn each_chunk(&self, feats: &[u64], mut each: impl FnMut(&[Slot])) {
        let mask = self.table.len() - 1;
        let mut first = [Slot::default(); CHUNK];
        let mut found = [Slot::default(); CHUNK];
        for chunk in feats.chunks(CHUNK) {
            for (g, &f) in first.iter_mut().zip(chunk) {
                *g = self.table[(fold(f) >> 1) as usize & mask];
            }
            let mut n = 0;
            for (g, &f) in first.iter().zip(chunk) {
                let key = fold(f);
                let s = if g.key == key {
                    Some(*g)
                } else if g.key == 0 {
                    None
                } else {
                    self.probe(key, ((key >> 1) as usize + 1) & mask)
                };
                if let Some(s) = s {
                    found[n] = s;
                    n += 1;
                }
            }
            each(&found[..n]);
        }
    }

    /// The scores of `feats`, one per class (in quantised units; with four classes or fewer in
    /// units 256 times larger).
    pub fn score(&self, feats: &[u64], scores: &mut [i32]) {
        scores.fill(0);
        if self.classes <= INLINE {
            let mut sum = [0i32; INLINE];
            self.each_chunk(feats, |slots| {
                for s in slots {
                    for (x, w) in sum.iter_mut().zip(unpack(s.val)) {
                        *x += w;
                    }
                }
            });
            let n = scores.len().min(INLINE);
            scores[..n].copy_from_slice(&sum[..n]);
            return;
        }
        self.each_chunk(feats, |slots| {
            // The weights of a chunk's features, first read together as the slots were.
            let mut touch = 0i16;
            for s in slots {
                let (at, len) = s.place();
                let w = if len == 0 {
                    self.dense.get(at * self.classes).copied()
                } else {
                    self.entries().get(at).map(|e| e.1)
                };
                touch ^= w.unwrap_or(0);
            }
            std::hint::black_box(touch);
            for s in slots {
                self.add(*s, scores);
            }
        });
    }

    /// The entries the slots of a sparse body point into (none for a packed one).
    fn entries(&self) -> &[(u8, i16)] {
        match &self.body {
            Body::Sparse { entries, .. } => entries,
            Body::Packed(_) => &[],
        }
    }

    /// Adds the weights of slot `s` (not inline) to `scores`.
    #[inline]
    fn add(&self, s: Slot, scores: &mut [i32]) {
        let (at, len) = s.place();
        if len == 0 {
            let row = at * self.classes;
            if let Some(w) = self.dense.get(row..row + self.classes) {
                for (x, &v) in scores.iter_mut().zip(w) {
                    *x += i32::from(v);
                }
            }
            return;
        }
        for &(c, w) in self.entries().get(at..at + len).unwrap_or_default() {
            if let Some(x) = scores.get_mut(c as usize) {
                *x += i32::from(w);
            }
        }
    }

    /// Appends the weights to `out` (little-endian): classes, scale, feature count, then per
    /// feature its key and entry count, then the entries (class, weight).
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&u32::try_from(self.classes).unwrap_or(0).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&u32::try_from(self.keys.len()).unwrap_or(0).to_le_bytes());
        match &self.body {
            Body::Packed(packed) => {
                for (k, p) in self.keys.iter().zip(packed) {
                    out.extend_from_slice(&k.to_le_bytes());
                    out.extend_from_slice(&p.to_le_bytes());
                }
            }
            Body::Sparse { lens, entries } => {
                for (k, &len) in self.keys.iter().zip(lens) {
                    out.extend_from_slice(&k.to_le_bytes());
                    out.push(len);
                }
                for &(c, w) in entries {
                    out.push(c);
                    out.extend_from_slice(&w.to_le_bytes());
                }
            }
        }
    }

    /// Reads weights written by [`Compact::write`] from `r`.
    pub fn read(r: &mut Reader<'_>) -> Option<Self> {
        let classes = r.u32()? as usize;
        let scale = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
        let n = r.u32()? as usize;
        let mut keys = Vec::with_capacity(n);
        let body = if classes <= INLINE {
            let head = r.take(n.checked_mul(8)?)?;
            let mut packed = Vec::with_capacity(n);
            for ch in head.chunks_exact(8) {
                keys.push(u32::from_le_bytes(ch[..4].try_into().ok()?));
                packed.push(u32::from_le_bytes(ch[4..].try_into().ok()?));
            }
            Body::Packed(packed)
        } else {
            let head = r.take(n.checked_mul(5)?)?;
            let mut lens = Vec::with_capacity(n);
            let mut total = 0usize;
            for ch in head.chunks_exact(5) {
                keys.push(u32::from_le_bytes(ch[..4].try_into().ok()?));
                lens.push(ch[4]);
                total += usize::from(ch[4]);
            }
            if total >= MAX_ENTRIES || lens.contains(&0) {
                return None;
            }
            let body = r.take(total.checked_mul(3)?)?;
            let mut entries = Vec::with_capacity(total);
            for ch in body.chunks_exact(3) {
                if usize::from(ch[0]) >= classes {
                    return None;
                }
                entries.push((ch[0], i16::from_le_bytes([ch[1], ch[2]])));
            }
            Body::Sparse { lens, entries }
        };
        if !keys.windows(2).all(|w| w[0] < w[1]) || keys.contains(&0) {
            return None;
        }
        Some(Self::new(classes, scale, keys, body))
    }
}

/// A cursor over a model file's bytes.
pub struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    /// A cursor at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Self { bytes }
    }

    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (a, b) = self.bytes.split_at(n);
        self.bytes = b;
        Some(a)
    }

    /// The next little-endian `u32`.
    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    /// The next length-prefixed UTF-8 string.
    pub fn string(&mut self) -> Option<&'a str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }

    /// Whether every byte was read.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

/// Appends a length-prefixed UTF-8 string.
pub fn write_string(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&u32::try_from(s.len()).unwrap_or(0).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Learns three examples with `classes` classes, and checks the compact weights (written
    /// and read back) classify them.
    fn learn_and_check(classes: usize) {
        // Keys as the feature templates make them (hashed, odd).
        let k = |v: u64| super::super::features::f1(7, v);
        let (a, b, c, d, e) = (k(11), k(12), k(13), k(21), k(22));
        let data: [(&[u64], usize); 3] = [(&[a, d], 0), (&[b, d], 1), (&[c, e], 2)];
        let mut t = Trainer::new(classes);
        let mut s = vec![0.0; classes];
        for _ in 0..10 {
            for &(f, y) in &data {
                t.score(f, &mut s);
                let g = (0..classes)
                    .max_by(|&x, &z| s[x].total_cmp(&s[z]).then(z.cmp(&x)))
                    .unwrap_or(0);
                t.update(f, y, g);
                t.tick();
            }
        }
        let compact = t.compact(0.0);
        let mut bytes = Vec::new();
        compact.write(&mut bytes);
        let back = Compact::read(&mut Reader::new(&bytes)).expect("reads");
        let mut q = vec![0; classes];
        for &(f, y) in &data {
            back.score(f, &mut q);
            let best = (0..classes).max_by_key(|&x| q[x]).unwrap_or(9);
            assert_eq!(best, y, "{classes} classes, {f:?}");
        }
        let mut again = Vec::new();
        back.write(&mut again);
        assert_eq!(bytes, again);
    }

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        // Three and four classes keep their weights in the table's slots; six do not.
        for classes in [3, 4, 6] {
            learn_and_check(classes);
        }
    }

    #[test]
    fn inline_weights_keep_their_top_byte_rounded() {
        for (w, expect) in [
            ([32_000, -32_000, 127, -129], [125, -125, 0, -1]),
            ([128, -128, 383, 0], [1, 0, 1, 0]),
            ([32_767, -32_767, 255, -255], [127, -127, 1, -1]),
        ] {
            assert_eq!(unpack(pack(w)), expect, "{w:?}");
        }
    }

    #[test]
    fn a_feature_without_entries_is_refused() {
        let mut bytes = Vec::new();
        for v in [6u32, 1.0f32.to_bits(), 1] {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        bytes.extend_from_slice(&3u32.to_le_bytes());
        bytes.push(0);
        assert!(Compact::read(&mut Reader::new(&bytes)).is_none());
        // The same feature with one entry reads.
        *bytes.last_mut().expect("len") = 1;
        bytes.extend_from_slice(&[2, 5, 0]);
        assert!(Compact::read(&mut Reader::new(&bytes)).is_some());
    }

    #[test]
    fn damaged_weights_are_refused() {
        let mut t = Trainer::new(2);
        t.update(&[5, 7], 0, 1);
        let mut bytes = Vec::new();
        t.compact(0.0).write(&mut bytes);
        for cut in 0..bytes.len() {
            // Any truncation either fails or leaves bytes unread; never a panic.
            let mut r = Reader::new(&bytes[..cut]);
            let _ = Compact::read(&mut r);
        }
        assert!(Compact::read(&mut Reader::new(&bytes)).is_some());
    }

    /// Compact bytes of a trainer's averaged weights.
    fn bytes_of(t: &Trainer) -> Vec<u8> {
        let mut out = Vec::new();
        t.compact(0.0).write(&mut out);
        out
    }

    #[test]
    fn the_mean_of_trainers_averages_their_averaged_weights() {
        // Feature 5 is pushed to class 0 by both trainers, feature 7 to class 0 by one and to
        // class 1 by the other (they cancel), feature 9 only by the second.
        let mut a = Trainer::new(2);
        a.update(&[5, 7], 0, 1);
        a.tick();
        let mut b = Trainer::new(2);
        b.update(&[5], 0, 1);
        b.update(&[7, 9], 1, 0);
        b.tick();
        let m = Trainer::mean(&[a, b]);
        let mut s = [0.0_f32; 2];
        // Each trainer's averaged weight is half its last one (an update made at the first of
        // two steps counts for the second only), and the mean halves feature 9 again.
        for (f, expect) in [(5, [0.5, -0.5]), (7, [0.0, 0.0]), (9, [-0.25, 0.25])] {
            m.score(&[f], &mut s);
            let close = s.iter().zip(expect).all(|(a, b)| (a - b).abs() < 1e-6);
            assert!(close, "feature {f}: {s:?}, expected {expect:?}");
        }
        // The mean of one trainer is that trainer, byte for byte once compacted.
        let mut c = Trainer::new(3);
        for k in 0..5u64 {
            c.update(&[k * 2 + 1, 99], usize::try_from(k % 3).unwrap_or(0), 2);
            c.tick();
        }
        let one = Trainer::mean(std::slice::from_ref(&c));
        assert_eq!(bytes_of(&one), bytes_of(&c));
    }
}
