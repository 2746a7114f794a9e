//! Speakers from the parse: the subject of a reporting verb (through a participle or a
//! coordinated verb, the subject of the clause it hangs on; through a relative clause, the noun
//! it modifies), or the `by` agent of a passive one, named by the entity its head word is.

use super::super::entities::Ent;
use super::super::lexicon;
use super::super::model::Rule;
use super::super::syntax::SentenceSyntax;
use super::{Ctx, Who};

/// How many clauses up a subject is looked for (a participle of a coordinated verb).
const MAX_CLIMB: usize = 3;

/// One parsed sentence as the rules read it.
struct Tree<'s> {
    syn: &'s SentenceSyntax,
    rels: Vec<&'s str>,
    xpos: Vec<&'s str>,
}

impl Tree<'_> {
    /// The dependents of word `h`, in order.
    fn children(&self, h: usize) -> impl Iterator<Item = usize> + '_ {
        let h = u32::try_from(h).ok();
        self.syn
            .parse
            .heads
            .iter()
            .enumerate()
            .filter(move |(_, x)| h.is_some() && **x == h)
            .map(|(c, _)| c)
    }

    /// The first dependent of `h` whose relation `keep` accepts.
    fn child(&self, h: usize, keep: impl Fn(&str) -> bool) -> Option<usize> {
        self.children(h).find(|&c| keep(self.rels[c]))
    }

    fn head(&self, w: usize) -> Option<usize> {
        self.syn
            .parse
            .heads
            .get(w)
            .copied()
            .flatten()
            .map(|h| h as usize)
    }

    fn token(&self, w: usize) -> Option<usize> {
        self.syn.tokens.get(w).map(|&t| t as usize)
    }
}

impl Ctx<'_, '_> {
    /// The speaker the parse gives the reporting verb at token `v`, with the relation it was
    /// read from: `None` without a parse, or when the subject's head names no entity (the token
    /// patterns decide then).
    pub(super) fn parse_speaker(&self, v: usize) -> Option<(Who, Rule)> {
        if !self.options.syntax {
            return None;
        }
        let text = self.text;
        let s = text.tokens.get(v)?.sentence() as usize;
        let (syn, model) = self.syntax.parsed(text, s)?;
        let tree = Tree {
            syn,
            rels: syn.parse.rels.iter().map(|&r| model.deprel(r)).collect(),
            xpos: syn.parse.tags.iter().map(|&t| model.xpos(t)).collect(),
        };
        let mut verb = syn.word_of_token(v)?;
        for _ in 0..MAX_CLIMB {
            // A passive with a `by` agent: the agent speaks ("was described by the council as").
            if self.allows(Rule::ParseAgent)
                && let Some(agent) = tree.child(verb, |r| r == "obl:agent")
            {
                return self.named_by(&tree, agent).map(|w| (w, Rule::ParseAgent));
            }
            // A passive without an agent ("was called the …"): its subject is what is spoken
            // of, and no clause above speaks for it.
            if tree
                .child(verb, |r| r == "aux:pass" || r == "nsubj:pass")
                .is_some()
            {
                return None;
            }
            // A participle after a comma has no subject of its own ("X praised Y, adding"):
            // a noun the parser hangs on it is the clause's object.
            let participle = tree.xpos[verb] == "VBG"
                && tree
                    .syn
                    .tokens
                    .get(verb)
                    .is_some_and(|&vt| vt > 0 && text.tok(vt as usize - 1) == ",");
            if let Some(subject) = tree.child(verb, |r| r == "nsubj").filter(|_| !participle) {
                if !self.allows(Rule::ParseSubject) {
                    return None;
                }
                let st = tree.token(subject)?;
                // "the council, which said": the noun the relative clause modifies.
                let relative = tree.rels[verb].starts_with("acl")
                    && super::is_relative_pronoun(&super::lower(text, st));
                // A subject inside the quotation is the parser's error: the quoted words are
                // never their own speaker. Nor is a name after a preposition ("a spokesman for
                // Ann Lee said"), whatever the parser made of it.
                let floor = text.sentences.get(s).map_or(0, |&(a, _)| a);
                if self.in_quote.get(st).copied().unwrap_or(false)
                    || self.ent(st).is_some() && self.governed_name(st, floor)
                {
                    return None;
                }
                let head = if relative { tree.head(verb)? } else { subject };
                // A person's name right before the verb is its subject, whatever the parser
                // hung elsewhere ("… writer and performer Ann Lee tweeted"): the token patterns
                // decide then.
                if let Some(vt) = tree.token(verb)
                    && vt > 0
                    && matches!(self.ent(vt - 1), Some(Ent::Person(_)))
                    && self.ent(vt - 1) != self.ent(st)
                {
                    return None;
                }
                return self.named_by(&tree, head).map(|w| (w, Rule::ParseSubject));
            }
            if tree
                .child(verb, |r| r.starts_with("nsubj") || r.starts_with("csubj"))
                .is_some()
            {
                return None;
            }
            // No subject of its own: a participle, a coordinated verb or a complement of the
            // clause above takes that clause's subject.
            if !matches!(tree.rels[verb], "conj" | "advcl" | "xcomp") {
                return None;
            }
            verb = tree.head(verb)?;
        }
        None
    }

    /// The entity a noun phrase headed by word `h` names: a person the head is (part of), else
    /// (a title, role or organisation word: "Senate leader Ann Lee", "the delegate, Ann Lee")
    /// a person right after it or in apposition, else the head's own organisation or country,
    /// or an organisation that modifies it ("a Police spokesman").
    fn named_by(&self, tree: &Tree<'_>, h: usize) -> Option<Who> {
        let text = self.text;
        let t = tree.token(h)?;
        let own = self.ent(t);
        if own.is_none()
            && text.is_lower(t)
            && lexicon::reporting(&super::lower(text, t)).document()
        {
            return self.issuer(tree, h, t);
        }
        if let Some(e @ Ent::Person(_)) = own {
            return Some(self.who_of(e, t));
        }
        // "Senate Minority Leader Ann Lee", "Secretary of State Ann Lee": the name the title
        // phrase ends in.
        if let Some(who) = self.chain_speaker(t) {
            return Some(who);
        }
        let mut org = None;
        for c in tree.children(h) {
            let Some(ct) = tree.token(c) else { continue };
            match (tree.rels[c], self.ent(ct)) {
                ("appos" | "flat" | "compound", Some(e @ Ent::Person(_))) => {
                    return Some(self.who_of(e, ct));
                }
                // "an Acme spokesman", "the Acme board" speak as Acme; "an Acme engineer",
                // "the Oregon farmer" is someone unnamed (as the token rules read them).
                ("compound", Some(e @ Ent::Org(_)))
                    if !text.is_lower(t) || !super::np::modifier_only(&super::lower(text, t)) =>
                {
                    org.get_or_insert_with(|| self.who_of(e, ct));
                }
                // "an Acme spokesperson": the organisation its voice speaks for.
                ("compound", None)
                    if !text.is_lower(ct) && lexicon::is_voice_noun(&super::lower(text, t)) =>
                {
                    if let Some(o) = self.org_run(ct) {
                        org.get_or_insert(o);
                    }
                }
                _ => {}
            }
        }
        if let Some(e) = own {
            return Some(self.who_of(e, t));
        }
        let title = lexicon::is_title(text.tok(t));
        if org.is_none() && !text.is_lower(t) && !title {
            return self.org_run(t);
        }
        org
    }

    /// Who issued the document named by word `h` (token `t`): its possessor ("the board's
    /// statement", "their statement"), the body after "of", "from" or "by" ("the ruling of the
    /// court", "a statement from the governor"), or the subject of the verb it is the object of
    /// ("Acme issued a notice which read"); else the last institution, as "the statement
    /// said" is read without a parse.
    fn issuer(&self, tree: &Tree<'_>, h: usize, t: usize) -> Option<Who> {
        let text = self.text;
        if let Some(p) = tree.child(h, |r| r == "nmod:poss") {
            return self.entity_or_description(tree, p);
        }
        let by = tree.children(h).find(|&c| {
            tree.rels[c] == "nmod"
                && tree.children(c).any(|k| {
                    tree.rels[k] == "case"
                        && tree.token(k).is_some_and(|kt| {
                            matches!(super::lower(text, kt).as_ref(), "of" | "from" | "by")
                        })
                })
        });
        if let Some(n) = by {
            return self.entity_or_description(tree, n);
        }
        if tree.rels[h] == "obj"
            && let Some(v) = tree.head(h)
            && let Some(s) = tree.child(v, |r| r == "nsubj")
        {
            return self.entity_or_description(tree, s);
        }
        self.last_institution(t)
    }

    /// The entity word `w` is (part of), a capitalised name as written, or the one a lower-case
    /// description stands for ("the board", "the governor").
    fn entity_or_description(&self, tree: &Tree<'_>, w: usize) -> Option<Who> {
        let text = self.text;
        let t = tree.token(w)?;
        if let Some(e) = self.ent(t) {
            return Some(self.who_of(e, t));
        }
        // "It issued a notice which read", "their statement": whom the pronoun stands for.
        let w = super::lower(text, t);
        if let Some(p) = self.pronoun(super::possessive_subject(&w).unwrap_or(&w), t) {
            return p;
        }
        if !text.is_lower(t) {
            return self.org_run(t);
        }
        self.described(&super::lower(text, t), t)
    }
}
