//! The speaker noun phrase: the entity, organisation or description a cue points at, read
//! rightwards (after an inverted verb or a closing mark) or leftwards (the subject of a verb).

use super::super::entities::{BuildRef, Ent};
use super::super::lexicon;
use super::super::model::{CountryForm, Span, SpeakerKind};
use super::super::text::{Text, TokKind};
use super::{Ctx, Who, is_boundary_word, is_preposition, is_relative_pronoun, is_skippable, lower};

/// What reading leftwards over an appositive before a verb found.
enum Appositive {
    /// The speaker named in it.
    Speaker(Who),
    /// No speaker in it: the clause goes on before this token.
    Before(usize),
    /// It does not close: no subject.
    NoSubject,
}

/// How many tokens a speaker's noun phrase of organisation and role words may run.
const MAX_CHAIN: usize = 10;

/// How many lower-case role and modifier words may stand before a person's name
/// ("opposition health affairs spokesman Glen Arbery").
const MAX_ROLE_WORDS: usize = 5;

/// Whether a description's head noun stands for a person ("rancher", "pilot"), so that a place
/// or organisation before it only modifies it. A document or a body of an organisation ("the
/// Home Office letter said", "the Acme board said") speaks for that organisation instead.
fn names_a_person(head: &str) -> bool {
    !lexicon::reporting(head).document() && !lexicon::is_institution_noun(head)
}

/// Whether an organisation or place before a description headed by `head` only modifies it,
/// so is no speaker: the head names a person who is not the organisation's voice ("the Acme
/// professor", "the Oregon farmer"; not "an Acme spokesperson", "the Acme board").
pub(super) fn modifier_only(head: &str) -> bool {
    names_a_person(head) && !lexicon::is_voice_noun(head)
}

/// Whether the -ing verb at `v` comes right after a noun that can speak, its subject ("a
/// message stating", "the council's letter saying"); not after a statement someone "issued"
/// just before, which speaks as its issuer.
pub(super) fn participle_of_noun(text: &Text<'_>, v: usize, floor: usize) -> bool {
    if v <= floor + 1 || !lower(text, v).ends_with("ing") || !text.is_lower(v - 1) {
        return false;
    }
    let noun = lower(text, v - 1);
    let issued = (v.saturating_sub(4).max(floor)..v - 1)
        .any(|j| lexicon::reporting(&lower(text, j)).issuing());
    !issued
        && (lexicon::reporting(&noun).document()
            || lexicon::is_institution_noun(&noun)
            || lexicon::is_person_word(&noun))
}

/// An organisation named `name` as a speaker (a body by its common noun: "police"), named at
/// `span` if known.
fn org_named(name: &str, span: Option<Span>) -> Who {
    Who {
        name: name.to_string(),
        kind: SpeakerKind::Organization,
        entity: None,
        span,
    }
}

/// Nouns that a person's name modifies to name a group that speaks as one: "the Lee campaign",
/// "the Berg administration", "the Lark family".
const GROUP_NOUNS: [&str; 6] = [
    "campaign",
    "administration",
    "camp",
    "team",
    "family",
    "government",
];

impl Ctx<'_, '_> {
    /// The group a person speaker's name modifies in the sentence of the cue `cue` ("The Lee
    /// campaign said" → "Lee campaign"), named as written.
    pub(super) fn group_of(&self, who: &Who, cue: Span) -> Option<Who> {
        let text = self.text;
        let span = who.span.filter(|_| who.kind == SpeakerKind::Person)?;
        let after = text.token_at_or_after(span.end);
        let noun = text.tokens.get(after)?;
        let same_sentence = text
            .tokens
            .get(text.token_at_or_after(cue.start))
            .is_some_and(|c| c.sentence() == noun.sentence());
        let group = GROUP_NOUNS.contains(&lower(text, after).as_ref());
        (same_sentence && group && text.is_lower(after)).then(|| {
            let whole = Span {
                start: span.start,
                end: noun.span().end,
            };
            org_named(&text.src[whole.start..whole.end], Some(whole))
        })
    }

    pub(super) fn who_of(&self, e: Ent, i: usize) -> Who {
        let text = self.text;
        match e {
            Ent::Person(pi) => Who {
                name: self.ents.persons[pi as usize].name.clone(),
                kind: SpeakerKind::Person,
                entity: Some(BuildRef::Person(pi as usize)),
                span: Some(self.ent_span(i)),
            },
            Ent::Country(ci) => {
                let h = self.ents.country_hits[ci as usize];
                let name = lexicon::COUNTRIES
                    .get(h.country)
                    .map_or("", |c| c.name)
                    .to_string();
                let shown = &text.src[h.span.start..h.span.end];
                Who {
                    // "the Kremlin said": the seat of power speaks, named as written.
                    name: if h.form == CountryForm::Capital {
                        shown.to_string()
                    } else {
                        name
                    },
                    kind: SpeakerKind::Country,
                    entity: Some(BuildRef::Country(h.country)),
                    span: Some(h.span),
                }
            }
            Ent::Org(oi) => Who {
                name: self.ents.orgs[oi as usize].clone(),
                kind: SpeakerKind::Organization,
                entity: None,
                span: Some(self.ent_span(i)),
            },
        }
    }

    /// The byte span of the entity that token `i` belongs to.
    pub(super) fn ent_span(&self, i: usize) -> Span {
        let (a, b) = self.entity_run(i);
        Span::new(
            self.text.tokens[a].span().start,
            self.text.tokens[b].span().end,
        )
    }

    /// A capitalised run with no entity: an organisation or source named as written.
    pub(super) fn org_run(&self, i: usize) -> Option<Who> {
        let text = self.text;
        // "Police said": a body named by its noun alone.
        if text.is_cap(i)
            && !text.is_cap(i + 1)
            && !text.is_cap(i.wrapping_sub(1))
            && lexicon::is_body_noun(&lower(text, i))
        {
            return Some(org_named(text.tok(i), Some(text.tokens[i].span())));
        }
        if !text.is_cap(i) || lexicon::is_not_name(text.tok(i)) && !text.is_cap(i + 1) {
            return None;
        }
        let mut a = i;
        while a > 0 && text.is_cap(a - 1) && self.ent(a - 1).is_none() && !text.is_sentence_start(a)
        {
            a -= 1;
        }
        // "Canadian Pacific said": a demonym or country name opening the run is part of the
        // organisation's name (not a government body's: "the Russian Foreign Ministry").
        if a > 0
            && !text.is_sentence_start(a)
            && matches!(self.ent(a - 1), Some(Ent::Country(_)))
            && text.is_cap(a - 1)
            && self.ent(a.saturating_sub(2)) != self.ent(a - 1)
            && !(a..=i).any(|k| lexicon::is_government_cue(text.tok(k)))
        {
            a -= 1;
        }
        let mut b = i;
        while text.is_cap(b + 1) && self.ent(b + 1).is_none() {
            b += 1;
        }
        while a < b && matches!(text.tok(a), "The" | "A" | "An") {
            a += 1;
        }
        if (a..=b).all(|k| lexicon::is_not_name(text.tok(k)) || lexicon::is_title(text.tok(k))) {
            return None;
        }
        // "Writing in a blog post, …": a capitalised sentence opener that is a common word; a
        // word that is none ("Acmeco, in its report, said") is a name.
        let w = text.tok(a);
        let singular = lexicon::lower(w.strip_suffix('s').unwrap_or(w));
        let common = lexicon::is_english_word(w)
            || lexicon::is_english_word(&singular)
            || lexicon::is_person_word(&singular);
        if a == b && text.is_sentence_start(a) && common {
            return None;
        }
        let span = Span::new(text.tokens[a].span().start, text.tokens[b].span().end);
        Some(Who {
            name: text.src[span.start..span.end].to_string(),
            kind: SpeakerKind::Organization,
            entity: None,
            span: Some(span),
        })
    }

    /// Whether token `j` can stand in a speaker's noun phrase between an organisation or a role
    /// and the person it names: an entity, a capitalised word, a title, a lower-case modifier or
    /// role word, or "of", "for" or "the" before a capitalised word. Speech verbs, other prepositions,
    /// conjunctions and punctuation end the phrase.
    fn in_chain(&self, j: usize) -> bool {
        let text = self.text;
        if self.ent(j).is_some() || text.is_cap(j) || lexicon::is_title(text.tok(j)) {
            return true;
        }
        if !text.is_lower(j) {
            return false;
        }
        let lw = lower(text, j);
        // "Secretary of State", "Ambassador to Norway", "Envoy for Peace".
        if matches!(lw.as_ref(), "of" | "for" | "the" | "to") {
            return text.is_cap(j + 1) || self.ent(j + 1).is_some();
        }
        !lexicon::reporting(&lw).speech()
            && !is_preposition(&lw)
            && !is_boundary_word(&lw)
            && !lexicon::is_determiner(&lw)
            && !lexicon::is_verb_filler(&lw)
    }

    /// The person (its index and a token of it) that the noun phrase starting at entity token
    /// `i` names: the last person in the phrase that is neither the object of a preposition
    /// ("a lawyer for Tom Berg") nor a possessor ("Tom Berg's aide").
    fn chain_person(&self, i: usize) -> Option<(u32, usize)> {
        let text = self.text;
        let mut best = None;
        let mut j = i;
        while j < i + MAX_CHAIN && j < text.tokens.len() && self.in_chain(j) {
            // A past-tense verb right after a name ends the phrase: "Ann Lee attacked Tom Berg"
            // names Ann Lee, not the object.
            if j > i
                && self.ent(j - 1).is_some()
                && text.is_lower(j)
                && lower(text, j).ends_with("ed")
            {
                break;
            }
            let e = self.ent(j);
            if let Some(Ent::Person(pi)) = e
                && (j == i || self.ent(j - 1) != e)
            {
                let (_, end) = self.entity_run(j);
                let object = j != i && self.governed_name(j, i);
                if !object && !self.possessive_after(end) {
                    best = Some((pi, j));
                }
                j = end;
            }
            j += 1;
        }
        best
    }

    /// Whether the name starting at token `j` is the object of a preposition after token
    /// `floor`: "a lawyer for Ann Lee", "a lawyer for US President Ann Lee"; in "Envoy for Norway
    /// Ann Lee" the preposition governs the country right before the name, and the name is the
    /// phrase's head. Title phrases read this; pronoun resolution keeps the plainer test of
    /// [`Self::governed_or_possessor`] (titles only between the preposition and the name).
    pub(super) fn governed_name(&self, j: usize, floor: usize) -> bool {
        let text = self.text;
        if j == 0 || matches!(self.ent(j - 1), Some(Ent::Country(_))) {
            return false;
        }
        let mut k = j;
        while k > floor
            && (lexicon::is_title(text.tok(k - 1)) && !lexicon::is_portfolio(text.tok(k - 1))
                || matches!(text.tok(k - 1), "." | "the")
                || matches!(self.ent(k - 1), Some(Ent::Country(_))))
        {
            k -= 1;
        }
        k > 0 && is_preposition(&lower(text, k - 1))
    }

    /// The person the noun phrase starting at token `i` ends in, as a speaker (see
    /// [`Self::chain_person`]).
    pub(super) fn chain_speaker(&self, i: usize) -> Option<Who> {
        self.chain_person(i)
            .map(|(pi, k)| self.who_of(Ent::Person(pi), k))
    }

    /// Whether the entity at token `i` is a possessor ("Ann Lee's sons"): never the speaker.
    fn possessor(&self, i: usize) -> bool {
        self.possessive_after(self.entity_run(i).1)
    }

    /// Reads leftwards over the comma group (or two) that ends at `k` (a comma before the verb):
    /// the person named in it, or where the clause goes on before it.
    fn appositive_left(&self, k: usize, floor: usize) -> Appositive {
        let text = self.text;
        let mut k = k;
        let mut j = k - 1;
        let limit = j.saturating_sub(16).max(floor);
        while j > limit && text.tok(j - 1) != "," && text.tokens[j - 1].kind() != TokKind::QuoteMark
        {
            j -= 1;
        }
        // A relative clause ("X, who paid for Y to come, said") names objects, not the
        // speaker: the speaker is before it.
        let relative = is_relative_pronoun(&lower(text, j));
        if j > floor && text.tok(j - 1) == "," {
            if !relative
                && let Some(p) = (j..k - 1)
                    .rev()
                    .find(|&x| matches!(self.ent(x), Some(Ent::Person(_))) && !self.possessor(x))
                && let Some(e) = self.ent(p)
            {
                return Appositive::Speaker(self.who_of(e, p));
            }
            k = j - 1;
            // A second comma group ("at the University of Westmark, Northfield,").
            if k > floor && !matches!(self.ent(k - 1), Some(Ent::Person(_))) {
                let mut j2 = k;
                let limit2 = j2.saturating_sub(16).max(floor);
                while j2 > limit2
                    && text.tok(j2 - 1) != ","
                    && text.tokens[j2 - 1].kind() != TokKind::QuoteMark
                {
                    j2 -= 1;
                }
                if j2 > floor
                    && text.tok(j2 - 1) == ","
                    && let Some(p) = (j2..k)
                        .find(|&x| matches!(self.ent(x), Some(Ent::Person(_))))
                        .or_else(|| {
                            // "Dana Reyes, curator at X, Springfield, said": two comma groups
                            (j2 >= 2 && matches!(self.ent(j2 - 2), Some(Ent::Person(_))))
                                .then(|| j2 - 2)
                        })
                    && let Some(e) = self.ent(p)
                {
                    return Appositive::Speaker(self.who_of(e, p));
                }
            }
        } else {
            return Appositive::NoSubject;
        }
        Appositive::Before(k)
    }

    /// The person or organisation a relative "who" at `who` refers to: the mention right before
    /// it, past a comma and an age ("Ann Lee, 24, who …").
    fn antecedent(&self, who: usize, floor: usize) -> Option<Who> {
        let text = self.text;
        let mut j = who;
        if j > floor && text.tok(j - 1) == "," {
            j -= 1;
            let age = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
            if j >= floor + 2 && age(text.tok(j - 1)) && text.tok(j - 2) == "," {
                j -= 2;
            }
        }
        let e = self.ent(j.checked_sub(1)?)?;
        // "Ann Lee, a professor at Acme, who said": "who" stands for a person, the one the
        // comma group describes, not the organisation that ends it.
        if !matches!(e, Ent::Person(_)) && lower(text, who) == "who" {
            let open = (j.saturating_sub(16).max(floor)..j)
                .rev()
                .find(|&k| text.tok(k) == ",");
            if let Some(c) = open
                && let Some(p @ Ent::Person(_)) = c.checked_sub(1).and_then(|k| self.ent(k))
            {
                return Some(self.who_of(p, c - 1));
            }
        }
        matches!(e, Ent::Person(_) | Ent::Org(_)).then(|| self.who_of(e, j - 1))
    }

    /// The subject of the clause that starts at `from` and ends before `end`: its first person,
    /// organisation or country name within its first words (a demonym or a title before it
    /// skipped), or a subject pronoun there, resolved; never a prepositional object or a
    /// possessor.
    pub(super) fn clause_subject(&self, from: usize, end: usize) -> Option<Who> {
        const SUBJECT_WITHIN: usize = 8;
        /// The longest opening phrase skipped.
        const OPENER_WITHIN: usize = 20;
        let text = self.text;
        // "In a video posted on Monday, Ann Lee …": a clause opening with a prepositional
        // phrase set off by a comma has its subject after the comma.
        let from = if from < end && is_preposition(&lower(text, from)) {
            (from + 1..end.min(from + OPENER_WITHIN))
                .take_while(|&j| text.tokens[j].kind() != TokKind::QuoteMark)
                .find(|&j| text.tok(j) == ",")
                .map_or(from, |comma| comma + 1)
        } else {
            from
        };
        for j in from..end.min(from + SUBJECT_WITHIN) {
            if self.in_quote[j] || text.tokens[j].kind() == TokKind::QuoteMark {
                return None;
            }
            if let Some(e) = self.ent(j) {
                let (a, b) = self.entity_run(j);
                // "the U.S. Department of Defense": a country that only modifies the capitalised
                // name after it is not the subject.
                let modifier = text.is_cap(b + 1) && self.ent(b + 1) != Some(e);
                let speaker = match e {
                    Ent::Person(_) | Ent::Org(_) => true,
                    Ent::Country(ci) => self.country_by_name(ci) && !modifier,
                };
                if speaker && a == j && !self.governed_or_possessor(a, b) {
                    // "Acme co-founder Ann Lee …": the person the phrase ends in.
                    return self.chain_speaker(j).or_else(|| Some(self.who_of(e, j)));
                }
                continue;
            }
            if let Some(p) = self.pronoun(&lower(text, j), j) {
                return p;
            }
        }
        None
    }

    /// The head noun of a description that entity `e` at token `i` only modifies: "the Texas
    /// rancher said" → "rancher" (after "the", lower-case words up to a speech verb). Never for a
    /// person ("the Lee family" is not read so).
    fn modified_description(&self, e: Ent, i: usize, start: usize) -> Option<String> {
        let text = self.text;
        if matches!(e, Ent::Person(_)) || i <= start || lower(text, i - 1) != "the" {
            return None;
        }
        self.person_head_after(i)
    }

    /// The head noun standing for a person between the entity at token `i` and a speech verb
    /// ("U.S. officials said" → "officials").
    fn person_head_after(&self, i: usize) -> Option<String> {
        let text = self.text;
        let (_, b) = self.entity_run(i);
        let mut k = b + 1;
        let mut head = None;
        while k <= b + 3 && text.is_lower(k) {
            let w = lower(text, k);
            if lexicon::reporting(&w).speech() || is_preposition(&w) || is_boundary_word(&w) {
                break;
            }
            head = Some(w.into_owned());
            k += 1;
        }
        let verb = text.is_lower(k) && lexicon::reporting(&lower(text, k)).speech();
        head.filter(|h| verb && names_a_person(h))
    }

    /// The noun phrase starting at token `i`, reading rightwards (subject after the close mark,
    /// or the speaker after an inverted verb: "said Okafor", "said the post").
    pub(super) fn np_right(&self, mut i: usize, at: usize) -> Option<Who> {
        let text = self.text;
        let n = text.tokens.len();
        let start = i;
        let sentence = text.tokens.get(i).map(super::super::text::Token::sentence);
        // Never across a sentence end: "“…,” the source said. ¶ He …" names no one after it.
        while i < n && i < start + 8 && Some(text.tokens[i].sentence()) == sentence {
            if let Some(e) = self.ent(i) {
                // Skip a country word that only modifies what follows ("Russian news agencies").
                if matches!(e, Ent::Country(_))
                    && (text.is_cap(i + 1) || text.is_lower(i + 1))
                    && self.ent(i + 1) != Some(e)
                    && !matches!(text.tok(i + 1), "said" | "says")
                    && (lexicon::is_title(text.tok(i + 1)) || text.is_cap(i + 1))
                {
                    i += 1;
                    continue;
                }
                // "the Texas rancher said": a description the place only modifies.
                if let Some(head) = self.modified_description(e, i, start) {
                    return self.described(&head, at);
                }
                // "U.S. officials said", "Russian diplomats told": someone unnamed, never the
                // country.
                if matches!(e, Ent::Country(_)) && self.person_head_after(i).is_some() {
                    return None;
                }
                // "Ann Lee's spokesman said": the possessor only if what it owns speaks for it.
                let (_, b) = self.entity_run(i);
                if self.owns_what_follows(b) {
                    return self.description(b + 2, at);
                }
                // "Acme founder Ann Lee", "Hal Brenner aide Ann Lee": the person the chain of
                // organisation and role words ends in.
                return self.chain_speaker(i).or_else(|| Some(self.who_of(e, i)));
            }
            let w = text.tok(i);
            let lw = lexicon::lower(w);
            // A title phrase before the name: "Mayor of Lakeside Ann Lee", "Secretary of State
            // for Health Anne Corby".
            if lexicon::is_title(w)
                && let Some(who) = self.chain_speaker(i)
            {
                return Some(who);
            }
            if lexicon::is_title(w) || w == "." || w == "," && i == start {
                i += 1;
                continue;
            }
            if let Some(p) = self.pronoun(&lw, at) {
                return p;
            }
            if lw == "the" && (self.ent(i + 1).is_some() || text.is_cap(i + 1)) {
                i += 1;
                continue;
            }
            if text.is_lower(i)
                && !lexicon::reporting(&lw).speech()
                && !is_preposition(&lw)
                && let Some(k) = (i + 1..=i + MAX_ROLE_WORDS)
                    .find(|&k| matches!(self.ent(k), Some(Ent::Person(_))))
                && (i..k).all(|j| {
                    text.is_word(j)
                        && !is_preposition(&lower(text, j))
                        && !lexicon::reporting(&lower(text, j)).speech()
                })
            {
                i = k;
                continue;
            }
            if lexicon::is_description_opener(&lw) || text.is_lower(i) {
                return self.description(i, at);
            }
            // "Yeltsin's spokesman Sergei Lanov": capitalised words that own what follows.
            let mut b = i;
            while text.is_cap(b + 1) && self.ent(b + 1).is_none() {
                b += 1;
            }
            if self.owns_what_follows(b) {
                return self.description(b + 2, at);
            }
            // Capitalised words that name no entity before a person: "ABTC Vice-President Ann
            // Lee".
            return self.chain_speaker(i).or_else(|| self.org_run(i));
        }
        None
    }

    /// The organisation of the article whose name holds the word `owner` and the noun `head`
    /// (any case): "the Ann Lee Arts Foundation" for "Lee's foundation".
    fn named_with(&self, owner: &str, head: &str) -> Option<Who> {
        let oi = self.ents.orgs.iter().position(|name| {
            let mut has_owner = false;
            let mut has_head = false;
            for w in name.split_whitespace() {
                has_owner |= w == owner;
                has_head |= w.eq_ignore_ascii_case(head);
            }
            has_owner && has_head
        })?;
        Some(org_named(self.ents.orgs.get(oi)?, None))
    }

    /// The author of a document named from token `i`: "a post on Tuesday by Ann Lee", "the
    /// report by the Harbor Board" (its "by" in the same sentence, a few words on).
    pub(super) fn document_by(&self, i: usize) -> Option<Who> {
        let text = self.text;
        let sentence = text.tokens.get(i)?.sentence();
        let in_sentence = |k: usize| text.tokens.get(k).is_some_and(|t| t.sentence() == sentence);
        let mut k = i;
        if lexicon::is_determiner(&lower(text, k)) {
            k += 1;
        }
        while in_sentence(k)
            && text.is_lower(k)
            && !lexicon::reporting(&lower(text, k)).document()
            && k < i + 3
        {
            k += 1;
        }
        if !(in_sentence(k) && lexicon::reporting(&lower(text, k)).document()) {
            return None;
        }
        let by = (k + 1..k + 8)
            .take_while(|&j| in_sentence(j))
            .find(|&j| text.is("by", j))?;
        let mut j = by + 1;
        while in_sentence(j) && (lexicon::is_title(text.tok(j)) || text.is("the", j)) && j < by + 8
        {
            j += 1;
        }
        (j..by + 10)
            .take_while(|&j| in_sentence(j))
            .find_map(|j| match self.ent(j) {
                Some(e @ Ent::Person(_)) => Some(self.who_of(e, j)),
                _ => None,
            })
            .or_else(|| self.chain_speaker(by + 1))
    }

    /// A lower-case description starting at `i` ("the statement", "the minister", "the letter
    /// by an anonymous reader", "the chief prosecutor, Ann Lark").
    pub(super) fn description(&self, i: usize, at: usize) -> Option<Who> {
        let text = self.text;
        let mut k = i;
        let mut head: Option<String> = None;
        while k < i + 5 && (text.is_lower(k) || text.is_cap(k) && self.ent(k).is_none()) {
            let w = lower(text, k);
            if is_preposition(&w) || lexicon::reporting(&w).speech() || is_boundary_word(&w) {
                break;
            }
            // "the statement yesterday read": an adverb before the verb is no head.
            if !lexicon::is_verb_filler(&w) {
                head = Some(w.into_owned());
            }
            k += 1;
        }
        // "the chief prosecutor Ann Lark", "Lee's spokesman Tom Berg": the person the
        // description names.
        if let Some(Ent::Person(pi)) = self.ent(k) {
            return Some(self.who_of(Ent::Person(pi), k));
        }
        // "the mayor's spokesman said": someone the article does not name; "the company's
        // statement said": the owner speaks.
        if k > 0 && self.owns_what_follows(k - 1) && lexicon::is_person_word(&lower(text, k + 1)) {
            return None;
        }
        // "the chief prosecutor, Ann Lark": an appositive name.
        if text.tok(k) == ","
            && let Some(Ent::Person(pi)) = self.ent(k + 1)
        {
            return Some(self.who_of(Ent::Person(pi), k + 1));
        }
        // "their statement said": the owner the pronoun stands for.
        if head
            .as_deref()
            .is_some_and(|h| lexicon::reporting(h).document())
            && i > 0
            && let Some(subject) = super::possessive_subject(&lower(text, i - 1))
        {
            return self.pronoun(subject, i - 1).flatten();
        }
        // "X's statement", "X's office": the possessor; "X's spokesman", "the mayor's chief of
        // staff": someone the article does not name.
        if i > 0
            && text.tokens[i - 1].kind() == TokKind::Possessive
            && let Some(e) = self.ent(i - 2)
        {
            let person = head.as_deref().is_some_and(lexicon::is_person_word);
            // "Lee's foundation said": the organisation the article names with both words
            // ("the Ann Lee Arts Foundation"), when there is one.
            if let Some(h) = head.as_deref().filter(|h| lexicon::is_institution_noun(h))
                && let Some(org) = self.named_with(text.tok(i - 2), h)
            {
                return Some(org);
            }
            return (!person).then(|| self.who_of(e, i - 2));
        }
        // "Acme's statement said": an owner named by capitalised words alone.
        if i > 1
            && text.tokens[i - 1].kind() == TokKind::Possessive
            && text.is_cap(i - 2)
            && head
                .as_deref()
                .is_some_and(|h| lexicon::reporting(h).document())
        {
            // A name opening the sentence is a name all the same when it owns the statement.
            return self.org_run(i - 2).or_else(|| {
                let w = text.tok(i - 2);
                (!lexicon::is_not_name(w)).then(|| org_named(w, Some(text.tokens[i - 2].span())))
            });
        }
        // "an Acme spokesperson": the organisation its voice speaks for.
        if head.as_deref().is_some_and(lexicon::is_voice_noun)
            && let Some(c) = (i..k).find(|&c| text.is_cap(c) && !text.is_sentence_start(c))
        {
            return match self.ent(c) {
                Some(e @ Ent::Org(_)) => Some(self.who_of(e, c)),
                Some(_) => None,
                None => self.org_run(c),
            };
        }
        let head = head?;
        // "a message stating", "a letter said": an indefinite document is new to the article, so
        // no institution that spoke before issued it.
        if lexicon::reporting(&head).document()
            && (i..k)
                .rev()
                .map(|j| lower(text, j))
                .find(|w| matches!(w.as_ref(), "a" | "an" | "the"))
                .is_some_and(|w| w != "the")
        {
            return None;
        }
        self.described(&head, at)
    }

    /// The speaker a description with head noun `head` stands for at token `at`: the last
    /// institution for a document or institution noun ("the statement", "the company"); for a
    /// role, the person with that title, else the person an appositive described so ("Ann Lee,
    /// a Texas rancher," for "the rancher").
    pub(super) fn described(&self, head: &str, at: usize) -> Option<Who> {
        // "the police said": the body itself.
        if lexicon::is_body_noun(head) {
            return Some(org_named(head, None));
        }
        // "the ruling said": the court that ruled, as the article named it.
        if lexicon::reporting(head).court()
            && let Some(court) = self
                .org_introduced_with("court", at)
                .or_else(|| self.org_introduced_with("tribunal", at))
        {
            return Some(court);
        }
        // "the spokesperson added": the organisation it speaks for, the last one that spoke.
        if lexicon::reporting(head).document()
            || head == "government"
            || lexicon::is_voice_noun(head)
        {
            return self.last_institution(at);
        }
        // "the company said": the organisation that is the subject here or just before, else
        // the last one that spoke.
        if lexicon::is_institution_noun(head) {
            // "the city said": its government, also when named "the Municipality of Arlen".
            let municipal = || {
                matches!(head, "city" | "town")
                    .then(|| self.org_introduced_with("municipality", at))
                    .flatten()
            };
            return self
                .institution_subject(at)
                .or_else(|| self.org_introduced_with(head, at))
                .or_else(municipal)
                .or_else(|| self.last_institution(at));
        }
        let text = self.text;
        if lexicon::is_role_noun(head)
            && let Some(toks) = self.titled_mentions.get(head)
        {
            // "the minister said": the person with that title, the most recent first.
            let before = toks.partition_point(|&k| k < at.min(text.tokens.len()));
            if let Some(&k) = before.checked_sub(1).and_then(|b| toks.get(b)) {
                return self.ent(k).map(|e| self.who_of(e, k));
            }
        }
        self.appositive_described(head, at)
            .or_else(|| self.adds_to_last_speaker(head, at))
    }

    /// "…, said Ann Lee. The professor added, “…”": a person described by role who *adds* to
    /// what was just said is the one who said it, when the last speaker before the verb at `v`,
    /// in its paragraph or the one before, is a person.
    fn adds_to_last_speaker(&self, head: &str, v: usize) -> Option<Who> {
        let text = self.text;
        let verb = lower(text, v);
        if !matches!(verb.as_ref(), "added" | "adds" | "continued" | "continues")
            || !(lexicon::is_person_word(head) || lexicon::is_role_noun(head))
        {
            return None;
        }
        let pos = text.tokens.get(v)?.span().start;
        let (at, who) = self.latest(pos, |_| true)?;
        let para = text.paragraph_of(v);
        let near = text.paragraph_of(text.token_at_or_after(*at)) + 1 >= para;
        (near && who.kind == SpeakerKind::Person).then(|| who.clone())
    }

    /// The organisation the article last named, before token `at`, with the noun `head` in its
    /// name: "the Harbour Court of Appeal" for "the court".
    /// Of two names, the short one is shorthand for the fuller ("the Harbour Court" for "the
    /// Harbour Court of Appeal"), and the fuller is preferred.
    fn org_introduced_with(&self, head: &str, at: usize) -> Option<Who> {
        const LOOK_BACK: usize = 4000;
        let at = at.min(self.text.tokens.len());
        let orgs = &self.ents.orgs;
        let window = at.saturating_sub(LOOK_BACK)..at;
        let (oi, k) = window.clone().rev().find_map(|k| match self.ent(k) {
            Some(Ent::Org(oi)) => orgs
                .get(oi as usize)
                .is_some_and(|name| {
                    name.split_whitespace()
                        .any(|w| w.eq_ignore_ascii_case(head))
                })
                .then_some((oi, k)),
            _ => None,
        })?;
        let short = orgs.get(oi as usize)?;
        let fuller = window.rev().find_map(|j| match self.ent(j) {
            Some(e @ Ent::Org(o)) => orgs
                .get(o as usize)
                .and_then(|name| name.strip_prefix(short.as_str()))
                .is_some_and(|rest| rest.starts_with(" of "))
                .then(|| self.who_of(e, j)),
            _ => None,
        });
        Some(fuller.unwrap_or_else(|| self.who_of(Ent::Org(oi), k)))
    }

    /// The most recent person before token `at` whose appositive holds `head`: "Dale Pruitt, a
    /// Texas rancher," for "the rancher" or "the Texas rancher".
    fn appositive_described(&self, head: &str, at: usize) -> Option<Who> {
        let found = self.appositive_words.get(head)?;
        let before = found.partition_point(|&(k, _)| k < at);
        let &(k, pi) = found.get(before.checked_sub(1)?)?;
        Some(self.who_of(Ent::Person(pi), k))
    }

    /// Where the words before the verb at `v` end, once adverbs, auxiliaries and a short
    /// parenthesis ("Paul Ryan (R-Wis.) said") are skipped.
    fn before_verb(&self, v: usize, floor: usize) -> usize {
        let text = self.text;
        let mut k = v;
        while k > floor && is_skippable(&lower(text, k - 1)) {
            k -= 1;
        }
        if k > floor + 1
            && text.tok(k - 1) == ")"
            && let Some(open) = (k.saturating_sub(10).max(floor)..k - 1)
                .rev()
                .find(|&j| text.tok(j) == "(")
        {
            k = open;
        }
        k
    }

    /// Whether the words ending at token `b` own what follows: a possessive, then a lower-case
    /// word ("Ann Lee's spokesman", "Acme's statement").
    fn owns_what_follows(&self, b: usize) -> bool {
        let text = self.text;
        text.tokens
            .get(b + 1)
            .is_some_and(|t| t.kind() == TokKind::Possessive)
            && text.is_lower(b + 2)
    }

    /// Whether a role or person noun and "for", "of", "to" or "at" come right before token `b`
    /// ("a spokesman for", "the wife of", "analysts at").
    fn person_noun_before(&self, b: usize, floor: usize) -> bool {
        let text = self.text;
        if b <= floor + 1
            || !matches!(
                lower(text, b - 1).as_ref(),
                "for" | "of" | "to" | "at" | "from" | "within"
            )
        {
            return false;
        }
        // "a spokesman for", "analysts at"; capitalised only as a plural opening the sentence
        // ("Analysts at …"), where "Minister of Education Ann Lee" is a title.
        let w = lower(text, b - 2);
        let plural = w.strip_suffix('s').is_some_and(lexicon::is_person_word);
        text.is_lower(b - 2) && (lexicon::is_person_word(&w) || plural)
            || text.is_sentence_start(b - 2) && plural
    }

    /// The subject of the verb at `v`, reading leftwards within its clause.
    pub(super) fn subject_left(&self, v: usize, floor: usize) -> Option<Who> {
        let text = self.text;
        // "a message stating", "the council's letter saying": a participle right after a noun
        // that can speak has that noun as its subject; but a statement someone "issued" right
        // before speaks as its issuer, found further left.
        if participle_of_noun(text, v, floor) {
            return self.description_ending_at(v - 1, floor, v);
        }
        let mut k = self.before_verb(v, floor);
        if k > floor {
            match lower(text, k - 1).as_ref() {
                // "Ann Lee, who said …", "Ann Lee, 24, who told …": the antecedent.
                "who" => return self.antecedent(k - 1, floor),
                // "Ann Lee toured the plant and said …": the subject of the first conjunct.
                "and" => {
                    if let Some(w) = self.clause_subject(floor, k - 1) {
                        return Some(w);
                    }
                }
                _ => {}
            }
        }
        // ", a doctor at the clinic, said": skip an appositive.
        if k > floor && text.tok(k - 1) == "," {
            match self.appositive_left(k, floor) {
                Appositive::Speaker(who) => return Some(who),
                Appositive::Before(b) => k = b,
                Appositive::NoSubject => return None,
            }
        }
        // Walk the clause leftwards; the nearest entity not governed by a preposition.
        let mut found: Option<Who> = None;
        let mut j = k;
        let mut desc_at: Option<usize> = None;
        while j > floor {
            let i = j - 1;
            let w = text.tok(i);
            let lw = lexicon::lower(w);
            let kind = text.tokens[i].kind();
            if kind == TokKind::QuoteMark
                || matches!(w, "," | ";" | ":" | "(" | ")" | "—" | "–")
                || is_boundary_word(&lw)
            {
                break;
            }
            if let Some(e) = self.ent(i) {
                // "Ann Lee's spokesman said": the possessor only if what it owns speaks for it.
                if self.owns_what_follows(i) && i + 2 < k {
                    return self.description(i + 2, v);
                }
                // Walk to the start of this entity, then check what governs it.
                let mut a = i;
                while a > floor && self.ent(a - 1) == Some(e) {
                    a -= 1;
                }
                let mut b = a;
                while b > floor
                    && (lexicon::is_title(text.tok(b - 1))
                        || text.tok(b - 1) == "."
                        || matches!(self.ent(b - 1), Some(Ent::Country(_)))
                        || lexicon::lower(text.tok(b - 1)) == "the")
                {
                    b -= 1;
                }
                // "a post from Ann Lee's Harborgram account said": a name that only modifies
                // what its possessor owns; the possessor speaks.
                let (_, end) = self.entity_run(i);
                if !matches!(e, Ent::Person(_))
                    && a >= floor + 2
                    && text.tokens[a - 1].kind() == TokKind::Possessive
                    && end + 1 < k
                    && text.is_lower(end + 1)
                    && let Some(owner) = self.ent(a - 2)
                {
                    return Some(self.who_of(owner, a - 2));
                }
                // "Envoy for Norway Ann Lee": the preposition governs the country right before
                // the name, not the name ("a spokesman for US President Ann Lee" governs it).
                let country_object = a > floor
                    && matches!(self.ent(a - 1), Some(Ent::Country(_)))
                    && matches!(e, Ent::Person(_));
                let governed = b > floor && is_preposition(&lower(text, b - 1)) && !country_object;
                // "A spokesman for Ann Lee said", "the wife of Tom Berg said": the unnamed
                // person the phrase is about speaks, not the object of the preposition.
                if governed && found.is_none() && self.person_noun_before(b, floor) {
                    return None;
                }
                // "a letter seen by Harbor Radio says": the agent of a participle that does not
                // put the document out only read it; the document speaks.
                if governed && self.read_by(b, floor) {
                    j = b;
                    continue;
                }
                // "the Texas rancher said": the place modifies a description; the speaker is
                // whom the description stands for, never the place.
                let head = desc_at.map(|d| lower(text, d));
                if let Some(head) = head.filter(|h| names_a_person(h))
                    && !matches!(e, Ent::Person(_))
                    && !governed
                {
                    if (b..a).any(|k| lower(text, k) == "the") {
                        return self.described(&head, v);
                    }
                    // "A senior U.S. official said", "U.S. officials said": someone unnamed,
                    // never the country.
                    if matches!(e, Ent::Country(_)) {
                        return None;
                    }
                }
                let who = self.who_of(e, i);
                if !governed {
                    return Some(who);
                }
                found.get_or_insert(who);
                j = b;
                continue;
            }
            if let Some(p) = self.pronoun(&lw, i) {
                return p.or(found);
            }
            if matches!(lw.as_ref(), "his" | "her" | "its" | "their") {
                j -= 1;
                continue;
            }
            if text.is_lower(i) && desc_at.is_none() {
                desc_at = Some(i);
            }
            if text.is_cap(i)
                && let Some(o) = self.org_run(i)
            {
                return self.org_subject(o, desc_at, floor, v);
            }
            j -= 1;
        }
        if found.is_some() {
            return found;
        }
        self.description_ending_at(desc_at?, floor, v)
    }

    /// Whether the name that starts at token `b`, after "by", is the agent of a participle
    /// that only read or saw a document ("a letter seen by Harbor Radio says"), not one that put
    /// it out ("a report released by Acme says").
    fn read_by(&self, b: usize, floor: usize) -> bool {
        let text = self.text;
        if b < floor + 2 || !text.is("by", b - 1) || !text.is_lower(b - 2) {
            return false;
        }
        let w = lower(text, b - 2);
        !lexicon::reporting(&w).issuing()
            && lexicon::is_english_word(&w)
            && (w.ends_with("ed") || w.ends_with("en"))
    }

    /// The speaker an organisation named as written (`o`, found walking left to the verb at
    /// `v`) gives, with `desc_at` the description word nearest the verb, if any.
    fn org_subject(&self, o: Who, desc_at: Option<usize>, floor: usize, v: usize) -> Option<Who> {
        let text = self.text;
        // "The Acme professor said": a name modifying a description of a person is no
        // speaker; whom the description stands for is ("an Acme spokesperson" speaks as
        // Acme).
        let head = desc_at.map(|d| lower(text, d));
        if let Some(head) = head.filter(|h| modifier_only(h))
            && o.span.is_some_and(|sp| {
                let a = text.token_at_or_after(sp.start);
                a > floor && lexicon::is_determiner(&lower(text, a - 1))
            })
        {
            return self.described(&head, v);
        }
        // "An official from Acme said": someone unnamed from the organisation, unless it
        // is its voice ("a spokesperson for Acme said" quotes Acme).
        if let Some(sp) = o.span {
            let mut b = text.token_at_or_after(sp.start);
            if b > floor && text.is("the", b - 1) {
                b -= 1;
            }
            if self.person_noun_before(b, floor) && !lexicon::is_voice_noun(&lower(text, b - 2)) {
                return None;
            }
        }
        Some(o)
    }

    /// The description whose last word before the verb at `v` is `d`, from its start ("the
    /// statement", "two diplomats").
    fn description_ending_at(&self, mut d: usize, floor: usize, v: usize) -> Option<Who> {
        let text = self.text;
        let mut s;
        loop {
            s = d;
            while s > floor
                && s + 4 > d
                && (text.is_lower(s - 1) || text.tokens[s - 1].kind() == TokKind::Possessive)
                && !is_preposition(&lower(text, s - 1))
                && !is_boundary_word(&lower(text, s - 1))
            {
                s -= 1;
            }
            // "the board's statement on the closure said": when the words nearest the verb
            // name no one, the head comes before the prepositional phrase that modifies it.
            if s > floor + 1
                && is_preposition(&lower(text, s - 1))
                && text.is_lower(s - 2)
                && self.description(s, v).is_none()
            {
                d = s - 2;
                continue;
            }
            break;
        }
        if s > 0 && text.tokens[s].kind() == TokKind::Possessive {
            s += 1;
        }
        self.description(s, v)
    }
}
