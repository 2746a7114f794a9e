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

type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

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
        let r = *self.rows.entry(key).or_insert_with(|| {
            u32::try_from(next).unwrap_or(u32::MAX)
        }) as usize;
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
            for (class, delta) in [(truth, 1.0_f32), (guess, -1.0)] {
                self.w[at + class] += delta;
                self.u[at + class] += self.step * f64::from(delta);
            }
        }
    }

    /// One example seen.
    pub fn tick(&mut self) {
        self.step += 1.0;
    }

    /// The averaged weights, pruned (entries under `prune` in absolute value dropped) and
    /// quantised.
    pub fn compact(&self, prune: f32) -> Compact {
        let c = self.classes;
        let avg = |i: usize| (f64::from(self.w[i]) - self.u[i] / self.step) as f32;
        let max = (0..self.w.len()).map(|i| avg(i).abs()).fold(0.0_f32, f32::max);
        let scale = if max > 0.0 { max / 32_000.0 } else { 1.0 };
        let mut order: Vec<usize> = (0..self.keys.len()).collect();
        order.sort_by_key(|&r| (fold(self.keys[r]), self.keys[r]));
        let mut keys = Vec::new();
        let mut lens = Vec::new();
        let mut entries = Vec::new();
        for r in order {
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
            let len = entries.len() - before;
            if len == 0 {
                continue;
            }
            let key = fold(self.keys[r]);
            if keys.last() == Some(&key) {
                // Two features folded together: the first (by full key) keeps the slot.
                entries.truncate(before);
                continue;
            }
            keys.push(key);
            lens.push(u8::try_from(len).unwrap_or(u8::MAX));
        }
        Compact::new(c, scale, keys, &lens, entries)
    }
}

/// A feature's key in the file: its 64-bit hash folded to 32 bits (never 0). Among a million
/// features a few fold together; a feature never seen in training finds weights by chance once
/// in about four thousand look-ups, far below the model's own error.
#[inline]
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
    /// Per feature: where its entries start in `cls`/`wts` (one more at the end).
    starts: Vec<u32>,
    cls: Vec<u8>,
    wts: Vec<i16>,
    /// The table: a slot holds a feature index + 1 (0: empty); its size a power of two.
    table: Vec<u32>,
    table_keys: Vec<u32>,
}

impl Compact {
    fn new(classes: usize, scale: f32, keys: Vec<u32>, lens: &[u8], entries: Vec<(u8, i16)>) -> Self {
        let mut starts = Vec::with_capacity(keys.len() + 1);
        let mut at = 0u32;
        starts.push(0);
        for &l in lens {
            at += u32::from(l);
            starts.push(at);
        }
        let (cls, wts) = entries.into_iter().unzip();
        let size = (keys.len() * 2).next_power_of_two().max(16);
        let mut table = vec![0u32; size];
        let mut table_keys = vec![0u32; size];
        for (i, &k) in keys.iter().enumerate() {
            let mut slot = (k >> 1) as usize & (size - 1);
            while table[slot] != 0 {
                slot = (slot + 1) & (size - 1);
            }
            table[slot] = u32::try_from(i + 1).unwrap_or(u32::MAX);
            table_keys[slot] = k;
        }
        Self {
            classes,
            scale,
            keys,
            starts,
            cls,
            wts,
            table,
            table_keys,
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

    #[inline]
    fn find(&self, key: u64) -> Option<usize> {
        let key = fold(key);
        let mask = self.table.len() - 1;
        let mut slot = (key >> 1) as usize & mask;
        loop {
            let v = self.table[slot];
            if v == 0 {
                return None;
            }
            if self.table_keys[slot] == key {
                return Some(v as usize - 1);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The scores of `feats`, one per class (in quantised units).
    pub fn score(&self, feats: &[u64], scores: &mut [i32]) {
        scores.fill(0);
        for &f in feats {
            let Some(i) = self.find(f) else {
                continue;
            };
            let (a, b) = (self.starts[i] as usize, self.starts[i + 1] as usize);
            for (&c, &w) in self.cls[a..b].iter().zip(&self.wts[a..b]) {
                if let Some(s) = scores.get_mut(c as usize) {
                    *s += i32::from(w);
                }
            }
        }
    }

    /// Appends the weights to `out` (little-endian): classes, scale, feature count, then per
    /// feature its key and entry count, then the entries (class, weight).
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&u32::try_from(self.classes).unwrap_or(0).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&u32::try_from(self.keys.len()).unwrap_or(0).to_le_bytes());
        for (i, k) in self.keys.iter().enumerate() {
            out.extend_from_slice(&k.to_le_bytes());
            let len = self.starts[i + 1] - self.starts[i];
            out.push(u8::try_from(len).unwrap_or(u8::MAX));
        }
        for (&c, &w) in self.cls.iter().zip(&self.wts) {
            out.push(c);
            out.extend_from_slice(&w.to_le_bytes());
        }
    }

    /// Reads weights written by [`Compact::write`] from `r`.
    pub fn read(r: &mut Reader<'_>) -> Option<Self> {
        let classes = r.u32()? as usize;
        let scale = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
        let n = r.u32()? as usize;
        let head = r.take(n.checked_mul(5)?)?;
        let mut keys = Vec::with_capacity(n);
        let mut lens = Vec::with_capacity(n);
        let mut total = 0usize;
        for ch in head.chunks_exact(5) {
            keys.push(u32::from_le_bytes(ch[..4].try_into().ok()?));
            lens.push(ch[4]);
            total += usize::from(ch[4]);
        }
        let body = r.take(total.checked_mul(3)?)?;
        let mut entries = Vec::with_capacity(total);
        for ch in body.chunks_exact(3) {
            if usize::from(ch[0]) >= classes {
                return None;
            }
            entries.push((ch[0], i16::from_le_bytes([ch[1], ch[2]])));
        }
        if !keys.windows(2).all(|w| w[0] < w[1]) || keys.contains(&0) {
            return None;
        }
        Some(Self::new(classes, scale, keys, &lens, entries))
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

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        let mut t = Trainer::new(3);
        let data: [(&[u64], usize); 3] = [(&[11, 21], 0), (&[12, 21], 1), (&[13, 22], 2)];
        let mut s = [0.0; 3];
        for _ in 0..10 {
            for (f, y) in data {
                t.score(f, &mut s);
                let g = (0..3).max_by(|&a, &b| s[a].total_cmp(&s[b]).then(b.cmp(&a))).unwrap_or(0);
                t.update(f, y, g);
                t.tick();
            }
        }
        let c = t.compact(0.0);
        let mut bytes = Vec::new();
        c.write(&mut bytes);
        let back = Compact::read(&mut Reader::new(&bytes)).expect("reads");
        let mut q = [0; 3];
        for (f, y) in data {
            back.score(f, &mut q);
            let best = (0..3).max_by_key(|&k| q[k]).unwrap_or(9);
            assert_eq!(best, y, "{f:?}");
        }
        let mut again = Vec::new();
        back.write(&mut again);
        assert_eq!(bytes, again);
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
}
