//! What the entity passes build and the later passes read: the entity of every token (packed),
//! people being built, organisations, and country hits, before the pipeline turns them into the
//! public model.

use super::lexicon::Gender;
use super::model::{CountryForm, Span};

/// A country mention found by the countries pass, before people claim their tokens.
#[derive(Clone, Copy, Debug)]
pub struct CountryHit {
    /// Byte range of the mention.
    pub span: Span,
    /// Index into the country table (`lexicon::COUNTRIES`).
    pub country: usize,
    /// Name, demonym or capital.
    pub form: CountryForm,
}

/// What a token belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ent {
    /// A person (index into `Entities::persons`).
    Person(u32),
    /// A country mention (index into `Entities::country_hits`).
    Country(u32),
    /// An organisation or other named thing (index into `Entities::orgs`).
    Org(u32),
}

/// An entity as the passes know it, before the pipeline maps it into the public model: a person
/// by its index in [`Entities::persons`], a country by its index in the country table
/// (`lexicon::COUNTRIES`). Speakers carry it until then.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BuildRef {
    /// Index into [`Entities::persons`].
    Person(usize),
    /// Index into the country table.
    Country(usize),
}

/// An index as stored in an [`Ent`] (8 bytes a token instead of 16; texts are at most 64 MB).
pub fn idx(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// A person while being built.
#[derive(Debug, Default)]
pub struct PersonBuild {
    /// Name tokens of the fullest form seen so far.
    pub full: Vec<String>,
    /// Canonical display name.
    pub name: String,
    /// Mentions (byte spans), in text order after `finish`.
    pub mentions: Vec<Span>,
    /// Gender hint from the given name or pronouns.
    pub gender: Option<Gender>,
    /// Lower-case title words seen before the name ("minister", "president").
    pub titles: Vec<String>,
}

/// Everything the entity pass found.
#[derive(Default)]
pub struct Entities {
    /// Canonical persons.
    pub persons: Vec<PersonBuild>,
    /// Country mentions that survived overlap resolution.
    pub country_hits: Vec<CountryHit>,
    /// Organisation names (canonical form).
    pub orgs: Vec<String>,
    /// Per token: the entity it is part of.
    pub token_ent: TokenEnts,
}

/// Per token: the entity it is part of, packed into 4 bytes (the kind in the top two bits) so
/// that long documents read and write less memory.
#[derive(Default)]
pub struct TokenEnts(Vec<u32>);

/// Bits of a packed entity below its kind.
const ENT_SHIFT: u32 = 30;

impl TokenEnts {
    /// `n` tokens, none marked.
    pub fn new(n: usize) -> Self {
        Self(vec![0; n])
    }

    /// The entity token `i` is part of.
    pub fn get(&self, i: usize) -> Option<Ent> {
        let v = *self.0.get(i)?;
        let at = v & ((1 << ENT_SHIFT) - 1);
        match v >> ENT_SHIFT {
            1 => Some(Ent::Person(at)),
            2 => Some(Ent::Country(at)),
            3 => Some(Ent::Org(at)),
            _ => None,
        }
    }

    /// Marks token `i` as part of `e` (indices that do not fit in 30 bits are left unmarked).
    pub fn set(&mut self, i: usize, e: Option<Ent>) {
        let (kind, at) = match e {
            None => (0, 0),
            Some(Ent::Person(a)) => (1, a),
            Some(Ent::Country(a)) => (2, a),
            Some(Ent::Org(a)) => (3, a),
        };
        let v = if at >> ENT_SHIFT == 0 {
            (kind << ENT_SHIFT) | at
        } else {
            0
        };
        if let Some(slot) = self.0.get_mut(i) {
            *slot = v;
        }
    }

    /// Marks tokens `a..=b` as part of `e`.
    pub fn fill(&mut self, a: usize, b: usize, e: Option<Ent>) {
        for i in a..=b {
            self.set(i, e);
        }
    }

    /// Whether token `i` is part of any entity.
    pub fn is_some(&self, i: usize) -> bool {
        self.0.get(i).is_some_and(|&v| v != 0)
    }

    /// The entity of every token, in order.
    pub fn iter(&self) -> impl Iterator<Item = Option<Ent>> + '_ {
        (0..self.0.len()).map(|i| self.get(i))
    }
}

/// One bit per token.
pub struct TokenBits(Vec<u64>);

impl TokenBits {
    /// `n` bits, all clear.
    pub fn new(n: usize) -> Self {
        Self(vec![0; n.div_ceil(64)])
    }

    /// Bit `i` (clear when out of range).
    pub fn get(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
    }

    /// Sets or clears bit `i` (nothing when out of range).
    pub fn set(&mut self, i: usize, on: bool) {
        if let Some(w) = self.0.get_mut(i / 64) {
            if on {
                *w |= 1 << (i % 64);
            } else {
                *w &= !(1 << (i % 64));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_entities_round_trip() {
        let cases = [
            None,
            Some(Ent::Person(0)),
            Some(Ent::Person(7)),
            Some(Ent::Country(3)),
            Some(Ent::Org(0)),
            Some(Ent::Org((1 << ENT_SHIFT) - 1)),
        ];
        let mut slots = TokenEnts::new(cases.len() + 1);
        for (i, e) in cases.iter().enumerate() {
            slots.set(i, *e);
        }
        for (i, e) in cases.iter().enumerate() {
            assert_eq!(slots.get(i), *e, "slot {i}");
            assert_eq!(slots.is_some(i), e.is_some(), "slot {i}");
        }
        // An index too big to pack leaves the token unmarked rather than marking another entity.
        slots.set(0, Some(Ent::Person(1 << ENT_SHIFT)));
        assert_eq!(slots.get(0), None);
        // Out of range: nothing, and no panic.
        slots.set(99, Some(Ent::Org(1)));
        assert_eq!(slots.get(99), None);
        slots.fill(1, 2, Some(Ent::Country(5)));
        assert_eq!(slots.iter().nth(2), Some(Some(Ent::Country(5))));
    }

    #[test]
    fn token_bits_set_and_clear() {
        let mut bits = TokenBits::new(130);
        for i in [0, 63, 64, 129] {
            assert!(!bits.get(i));
            bits.set(i, true);
            assert!(bits.get(i));
        }
        bits.set(64, false);
        assert!(!bits.get(64) && bits.get(63) && bits.get(129));
        bits.set(500, true);
        assert!(!bits.get(500));
    }
}
