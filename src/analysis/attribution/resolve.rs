//! Resolving a pronoun or a description to a speaker: "he said" to the last compatible person,
//! "it said" and "the statement said" to the last institution, "the minister said" to the
//! person with that title.

use super::super::entities::Ent;
use super::super::lexicon::Gender;
use super::super::model::SpeakerKind;
use super::super::text::{TokKind, Token};
use super::{Ctx, Who};

impl Ctx<'_, '_> {
    /// The most recent organisation or country speaker ("it said", "the statement said").
    pub(super) fn last_institution(&self, at: usize) -> Option<Who> {
        let pos = self
            .text
            .tokens
            .get(at)
            .map_or(usize::MAX, |t| t.span().start);
        self.latest(pos, |w| {
            matches!(w.kind, SpeakerKind::Organization | SpeakerKind::Country)
        })
        .map(|(_, w)| w.clone())
    }

    /// The last speaker at or before byte `pos` that `keep` accepts, from both histories; a
    /// quote's speaker wins a tie. Looks back a bounded number of entries (linear time).
    pub(super) fn latest<'s>(
        &'s self,
        pos: usize,
        keep: impl Fn(&Who) -> bool,
    ) -> Option<&'s (usize, Who)> {
        let pick = |v: &'s [(usize, Who)]| -> Option<&'s (usize, Who)> {
            let end = v.partition_point(|(p, _)| *p <= pos);
            v[..end].iter().rev().take(256).find(|(_, w)| keep(w))
        };
        match (pick(&self.history), pick(&self.quote_history)) {
            (Some(a), Some(b)) => Some(if b.0 >= a.0 { b } else { a }),
            (a, b) => a.or(b),
        }
    }

    /// Resolves a subject pronoun at token `at`; `None` if `w` is not a pronoun,
    /// `Some(None)` if it is one that cannot be resolved.
    pub(super) fn pronoun(&self, w: &str, at: usize) -> Option<Option<Who>> {
        let gender = match w {
            "he" => Gender::Male,
            "she" => Gender::Female,
            "it" | "they" => {
                return Some(self.last_institution(at));
            }
            "i" | "we" | "you" => return Some(None),
            _ => return None,
        };
        let text = self.text;
        let para = text.paragraph_of(at);
        // People named later in the pronoun's own clause are not its referent: "He described
        // Okafor as …", "He called the Lark video …".
        let sentence = text.tokens.get(at).map(Token::sentence);
        let excluded: Vec<u32> = (at + 1..text.tokens.len())
            .take_while(|&j| {
                Some(text.tokens[j].sentence()) == sentence
                    && text.tokens[j].kind() != TokKind::QuoteMark
            })
            .take(40)
            .filter_map(|j| match self.ent(j) {
                Some(Ent::Person(pi)) => Some(pi),
                _ => None,
            })
            .collect();
        // The most recent compatible person outside quotations, within the last paragraphs.
        let mut k = at.min(text.tokens.len());
        while k > 0 {
            k -= 1;
            if text.paragraph_of(k) + 3 < para {
                break;
            }
            if self.in_quote[k] {
                continue;
            }
            if let Some(Ent::Person(pi)) = self.ent(k)
                && !excluded.contains(&pi)
            {
                let g = self.ents.persons[pi as usize]
                    .gender
                    .unwrap_or(Gender::Unknown);
                if g == gender || g == Gender::Unknown {
                    return Some(Some(self.who_of(Ent::Person(pi), k)));
                }
            }
        }
        Some(None)
    }
}
