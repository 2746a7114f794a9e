//! Hashed sparse features: a stable 64-bit hash of words and feature templates (the model file
//! depends on it, so it never changes silently), and the per-word facts (`Lex`) the tagger's
//! and the parser's templates combine.

use super::super::lexicon;

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// The seed of hashes that identify a model's inputs.
pub const FORMAT_SEED: u64 = 0x514C_5359_4E54_5831;

/// Mixes two 64-bit values into one (a multiply–xorshift round, as in splitmix64).
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let mut x = a ^ b.rotate_left(25).wrapping_add(K);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// A stable hash of a byte string (FNV-1a, then mixed). Never 0.
pub fn hash_bytes(b: &[u8]) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for &c in b {
        h ^= u64::from(c);
        h = h.wrapping_mul(0x0100_0000_01B3);
    }
    mix(h, b.len() as u64) | 1
}

/// A feature: template `t` with one value.
#[inline]
pub fn f1(t: u64, a: u64) -> u64 {
    mix(t.wrapping_mul(K), a) | 1
}

/// A feature: template `t` with two values.
#[inline]
pub fn f2(t: u64, a: u64, b: u64) -> u64 {
    mix(mix(t.wrapping_mul(K), a), b) | 1
}

/// A feature: template `t` with three values.
#[inline]
pub fn f3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(mix(mix(t.wrapping_mul(K), a), b), c) | 1
}

/// What the templates know of one word, computed once per word.
#[derive(Clone, Copy, Debug, Default)]
pub struct Lex {
    /// The form as written.
    pub form: u64,
    /// Lower case, digits written as `0`.
    pub lower: u64,
    /// The last 1, 2, 3 and 4 characters of `lower`.
    pub suf: [u64; 4],
    /// The first 1, 2 and 3 characters of `lower`.
    pub pre: [u64; 3],
    /// The word's shape ("Xx", "d.d", "X.X.").
    pub shape: u64,
    /// Word-list facts: a common English word, a given name, a known surname (bits 0–2).
    pub known: u64,
}

/// Facts that are all one value: the placeholders below, which no word's hash can equal.
const fn placeholder(v: u64) -> Lex {
    Lex {
        form: v,
        lower: v,
        suf: [v; 4],
        pre: [v; 3],
        shape: v,
        known: v,
    }
}

/// The placeholder for positions outside the sentence.
pub const NONE: Lex = placeholder(3);

/// The artificial root of a parse.
pub const ROOT: Lex = placeholder(5);

/// The shape of a word: each character's class (X upper, x lower, d digit, the character
/// itself otherwise), runs of a class cut to one, cut once it reaches eight bytes; written into
/// `out` (no allocation), whose used part is returned.
fn shape_into<'b>(w: &str, out: &'b mut [u8; 40]) -> &'b [u8] {
    let mut len = 0;
    let mut last = '\0';
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() || c.is_alphabetic() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k != last {
            let n = k.len_utf8();
            let Some(dst) = out.get_mut(len..len + n) else {
                break;
            };
            k.encode_utf8(dst);
            len += n;
            last = k;
        }
        if len >= 8 {
            break;
        }
    }
    &out[..len]
}

/// [`shape_into`] as a string (for tests).
#[cfg(test)]
fn shape(w: &str) -> String {
    let mut buf = [0u8; 40];
    String::from_utf8_lossy(shape_into(w, &mut buf)).into_owned()
}

/// The facts of one word.
pub fn lex(word: &str) -> Lex {
    let known = u64::from(lexicon::is_english_word(word))
        | (u64::from(lexicon::given_name(word).is_some()) << 1)
        | (u64::from(lexicon::is_known_surname(word)) << 2);
    let mut buf = [0u8; 48];
    if word.is_ascii() && word.len() <= buf.len() {
        // Most words: lower case on the stack, affixes by bytes.
        let b = &mut buf[..word.len()];
        for (o, &c) in b.iter_mut().zip(word.as_bytes()) {
            *o = if c.is_ascii_digit() {
                b'0'
            } else {
                c.to_ascii_lowercase()
            };
        }
        let n = b.len();
        let b = &*b;
        return Lex {
            form: hash_bytes(word.as_bytes()),
            lower: hash_bytes(b),
            suf: [1, 2, 3, 4].map(|k| hash_bytes(&b[n.saturating_sub(k)..])),
            pre: [1, 2, 3].map(|k| hash_bytes(&b[..k.min(n)])),
            shape: hash_bytes(shape_into(word, &mut [0u8; 40])),
            known: known + 8,
        };
    }
    let lower: String = word
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect();
    let chars: Vec<(usize, char)> = lower.char_indices().collect();
    let n = chars.len();
    let suffix = |k: usize| {
        let at = if k >= n { 0 } else { chars[n - k].0 };
        hash_bytes(&lower.as_bytes()[at..])
    };
    let prefix = |k: usize| {
        let at = chars.get(k).map_or(lower.len(), |c| c.0);
        hash_bytes(&lower.as_bytes()[..at])
    };
    Lex {
        form: hash_bytes(word.as_bytes()),
        lower: hash_bytes(lower.as_bytes()),
        suf: [suffix(1), suffix(2), suffix(3), suffix(4)],
        pre: [prefix(1), prefix(2), prefix(3)],
        shape: hash_bytes(shape_into(word, &mut [0u8; 40])),
        known: known + 8,
    }
}

/// A distance bucket: 1, 2, 3, 4, 5–6, 7–10, more.
pub fn dist_bucket(d: usize) -> u64 {
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=10 => 6,
        _ => 7,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        for (w, s) in [
            ("Anna", "Xx"),
            ("U.S.", "X.X."),
            ("3.5", "d.d"),
            ("e-mail", "x-x"),
            ("McDonald", "XxXx"),
            ("a-b-c-d-e-f", "x-x-x-x-"),
            ("—“Hi”—", "—“Xx"),
        ] {
            assert_eq!(shape(w), s, "{w}");
        }
    }

    #[test]
    fn hashes_are_stable_and_distinct() {
        // The model file depends on these values: a change here must be a new model format.
        assert_eq!(hash_bytes(b"said"), hash_bytes(b"said"));
        assert_ne!(hash_bytes(b"said"), hash_bytes(b"says"));
        assert_ne!(f2(1, 2, 3), f2(1, 3, 2));
        assert_ne!(f1(1, 2), f1(2, 2));
        assert_eq!(hash_bytes(b"") & 1, 1);
    }

    #[test]
    fn lower_folds_digits_and_case() {
        assert_eq!(lex("1999").lower, lex("2024").lower);
        assert_eq!(lex("Said").lower, lex("said").lower);
        assert_ne!(lex("Said").form, lex("said").form);
        assert_eq!(lex("running").suf[2], lex("jumping").suf[2]);
        // The ASCII path and the general one agree (an accent elsewhere in the word).
        let (a, b) = (lex("Cafe0"), lex("Café0"));
        assert_eq!(a.pre, b.pre);
        assert_eq!(lex("Ab").suf[3], lex("ab").suf[3]);
        assert_eq!(lex("naïve").suf[0], lex("Naive").suf[0]);
    }
}
