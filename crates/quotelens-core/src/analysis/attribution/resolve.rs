//! Resolving a pronoun or a description to a speaker: "he said" to the last compatible person,
//! "it said" and "the statement said" to the last institution, "the minister said" to the
//! person with that title.

use super::super::entities::Ent;
use super::super::lexicon::{self, Gender};
use super::super::model::{CountryForm, SpeakerKind};
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
            "it" => {
                return Some(
                    self.institution_subject(at)
                        .or_else(|| self.last_institution(at)),
                );
            }
            "they" => return Some(self.last_institution(at)),
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
            .filter_map(|j| self.person(j))
            .chain(self.named_in_adjacent_quote(at))
            .collect();
        let fits = |k: usize| -> Option<u32> {
            let Some(Ent::Person(pi)) = self.ent(k) else {
                return None;
            };
            let g = self.ents.persons[pi as usize]
                .gender
                .unwrap_or(Gender::Unknown);
            (!self.in_quote[k] && !excluded.contains(&pi) && (g == gender || g == Gender::Unknown))
                .then_some(pi)
        };
        // The most recent compatible person outside quotations, within the last paragraphs, by
        // salience: the subject of its sentence before any other person in it, and a person
        // named after a preposition or as a possessor only when no other will do.
        let mut fallback = None;
        let mut k = at.min(text.tokens.len());
        let own_sentence = sentence.map_or(usize::MAX, |s| s as usize);
        while k > 0 {
            k -= 1;
            // Leaving a sentence before the pronoun's, with no one it fits named after its
            // start: an unnamed person as its subject is the referent ("A senior officer, who
            // asked not to be named, said … “…,” he said").
            let sk = text.tokens[k + 1].sentence() as usize;
            if text.tokens[k].sentence() as usize != sk
                && sk != own_sentence
                && fallback.is_none()
                && self.unnamed_subject(sk, gender)
            {
                return Some(None);
            }
            let pk = text.paragraph_of(k);
            // A person after a preposition or a possessor in the pronoun's paragraph beats
            // anyone further back.
            if pk + 3 < para || pk < para && fallback.is_some() {
                break;
            }
            let Some(pi) = fits(k) else { continue };
            let (a, b) = self.entity_run(k);
            if self.governed_or_possessor(a, b) {
                fallback.get_or_insert((pi, k));
                k = a;
                continue;
            }
            let (ss, _) = text.sentences[text.tokens[k].sentence() as usize];
            let subject = (ss..a).find_map(|j| {
                let pj = fits(j)?;
                let (ja, jb) = self.entity_run(j);
                (ja == j && !self.governed_or_possessor(ja, jb)).then_some((pj, j))
            });
            let (pi, k) = subject.unwrap_or((pi, k));
            return Some(Some(self.who_of(Ent::Person(pi), k)));
        }
        Some(fallback.map(|(pi, k)| self.who_of(Ent::Person(pi), k)))
    }

    /// The people named inside the quotations of the sentence of token `at`, and of the
    /// quotation that runs on from its end: a speaker seldom names themself, so "He said, “Lark
    /// was right”" is not Lark speaking.
    fn named_in_adjacent_quote(&self, at: usize) -> Vec<u32> {
        let text = self.text;
        let Some((ss, se)) = text.sentence_of(at) else {
            return Vec::new();
        };
        let run_on = (se..text.tokens.len())
            .take(400)
            .take_while(|&j| self.in_quote[j] || text.tokens[j].kind() == TokKind::QuoteMark);
        (ss..se)
            .chain(run_on)
            .filter(|&j| self.in_quote[j])
            .filter_map(|j| self.person(j))
            .collect()
    }

    /// Whether sentence `si` opens with an unnamed person as its subject: a determiner, at most
    /// three modifiers, then a role or person noun that does not contradict `gender` ("A senior
    /// police officer …", "The spokeswoman …").
    fn unnamed_subject(&self, si: usize, gender: Gender) -> bool {
        let text = self.text;
        let Some(&(ss, se)) = text.sentences.get(si) else {
            return false;
        };
        if !matches!(lexicon::lower(text.tok(ss)).as_ref(), "a" | "an" | "the") {
            return false;
        }
        (ss + 1..se.min(ss + 5))
            .take_while(|&j| text.is_lower(j) || text.is_word(j) && self.ent(j).is_none())
            .find(|&j| lexicon::is_person_word(&lexicon::lower(text.tok(j))))
            .is_some_and(|j| {
                lexicon::title_gender(&lexicon::lower(text.tok(j))).is_none_or(|g| g == gender)
            })
    }

    /// The organisation (or country, by name) that "it" at token `at` stands for: the subject of
    /// the pronoun's sentence, else of the sentence before: the sentence's first entity, within
    /// its first few words, not after a preposition nor a possessor. A demonym ("the British
    /// offer") is never "it".
    pub(super) fn institution_subject(&self, at: usize) -> Option<Who> {
        const SUBJECT_WITHIN: usize = 4;
        let text = self.text;
        let s = text.tokens.get(at)?.sentence() as usize;
        for si in (s.saturating_sub(1)..=s).rev() {
            let &(ss, se) = text.sentences.get(si)?;
            let end = if si == s { at } else { se };
            let Some(j) = (ss..end.min(ss + SUBJECT_WITHIN)).find(|&j| self.ent(j).is_some())
            else {
                continue;
            };
            let e = self.ent(j);
            let institution = match e {
                Some(Ent::Org(_)) => true,
                Some(Ent::Country(ci)) => self.country_by_name(ci),
                _ => false,
            };
            let (a, b) = self.entity_run(j);
            if institution && !self.in_quote[j] && !self.governed_or_possessor(a, b) {
                return e.map(|e| self.who_of(e, j));
            }
        }
        None
    }

    /// Whether country hit `ci` names the country (not its demonym or capital): a country that
    /// can be a subject ("Norway said", never "the British offer").
    pub(super) fn country_by_name(&self, ci: u32) -> bool {
        self.ents
            .country_hits
            .get(ci as usize)
            .is_some_and(|h| h.form == CountryForm::Name)
    }

    /// The first and last token of the entity mention token `k` is in (`k` alone when it is in
    /// none).
    pub(super) fn entity_run(&self, k: usize) -> (usize, usize) {
        let e = self.ent(k);
        if e.is_none() {
            return (k, k);
        }
        let (mut a, mut b) = (k, k);
        while a > 0 && self.ent(a - 1) == e {
            a -= 1;
        }
        while b + 1 < self.text.tokens.len() && self.ent(b + 1) == e {
            b += 1;
        }
        (a, b)
    }

    /// Whether the mention on tokens `a..=b` is the object of a preposition (titles between
    /// skipped: "to Minister Ann Lee") or a possessor ("Ann Lee's aide"): not a subject.
    pub(super) fn governed_or_possessor(&self, a: usize, b: usize) -> bool {
        let text = self.text;
        let mut p = a;
        while p > 0 && (lexicon::is_title(text.tok(p - 1)) || text.tok(p - 1) == ".") {
            p -= 1;
        }
        let governed = p > 0 && lexicon::is_preposition(&lexicon::lower(text.tok(p - 1)));
        governed || self.possessive_after(b)
    }

    /// Whether a possessive "'s" follows token `b`: what ends there owns what follows.
    pub(super) fn possessive_after(&self, b: usize) -> bool {
        self.text
            .tokens
            .get(b + 1)
            .is_some_and(|t| t.kind() == TokKind::Possessive)
    }
}
