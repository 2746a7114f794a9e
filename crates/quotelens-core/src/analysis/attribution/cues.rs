//! Speech cues: the patterns of words around a quotation that say who speaks it, as rows of two
//! tables (after the quotation, before it), tried in order at each token of the scan. Adding a
//! cue is adding a row, with an invented example that a test attributes.

use super::super::lexicon;
use super::super::model::{Rule, Span, SpeakerKind};
use super::super::text::{Text, TokKind};
use super::np::participle_of_noun;
use super::{
    Ctx, Who, first_np_before, is_boundary_word, is_relative_pronoun, is_speech, lower,
    possessive_subject, skip_commas,
};

/// How far after a closing mark a cue is looked for, in tokens.
const MAX_CUE_GAP: usize = 18;

/// A cue found: the speaker (if the cue names one that resolves), the cue's words and the rule
/// that matched.
pub(super) type Cue = Option<(Option<Who>, Span, Rule)>;

/// What a row's pattern gives: the speaker and the cue's words (the row adds its rule).
pub(super) type Found = Option<(Option<Who>, Span)>;

/// Where a pattern is tried: token `k` of a scan that started at `from` (just after the closing
/// mark, or the sentence's start for cues before the quote), for the quote opening at `quote`.
#[derive(Clone, Copy, Debug)]
pub(super) struct At {
    /// The token tried.
    pub k: usize,
    /// Where the scan started.
    pub from: usize,
    /// The quote's opening token.
    pub quote: usize,
    /// Whether token `k` is a speech verb (weak ones included), computed once for all rows.
    pub speech: bool,
}

/// A speech-cue pattern: one row of a cue table.
#[cfg_attr(
    not(test),
    expect(
        dead_code,
        reason = "name, shape and example document the row; the table test reads them"
    )
)]
pub(super) struct CuePattern {
    /// Its name.
    pub name: &'static str,
    /// The rule it is, as a quote records it.
    pub rule: Rule,
    /// The shape it matches: Q the quotation, X the speaker, V a speech verb.
    pub shape: &'static str,
    /// An invented sentence it attributes, and the speaker it gives there.
    pub example: (&'static str, &'static str),
    /// The cue at the given token, if the pattern matches there (`None`: try the next row).
    pub matches: fn(&Ctx<'_, '_>, At) -> Found,
}

/// Whether `w` (lower-case) is a form of "be", the auxiliary of a passive ("was described").
fn is_be(w: &str) -> bool {
    matches!(w, "was" | "were" | "is" | "are" | "been" | "be" | "being")
}

/// Whether the comma at `comma` closes a relative clause opened after an earlier comma in the
/// same sentence (from `floor`): ", who asked not to be named,".
fn closes_relative(text: &Text<'_>, floor: usize, comma: usize) -> bool {
    (floor..comma)
        .rev()
        .find(|&j| text.tok(j) == ",")
        .is_some_and(|j| is_relative_pronoun(&lexicon::lower(text.tok(j + 1))))
}

/// The span of tokens `k` and `k + 1` ("according to").
fn two_words(c: &Ctx<'_, '_>, k: usize) -> Span {
    Span::new(
        c.text.tokens[k].span().start,
        c.text.tokens[k + 1].span().end,
    )
}

/// The two words `phrase` at `k`, then a speaker that resolves: "according to X", "(in the)
/// words of X".
fn phrase_then_speaker(c: &Ctx<'_, '_>, p: At, phrase: [&str; 2]) -> Found {
    if !(c.text.is(phrase[0], p.k) && c.text.is(phrase[1], p.k + 1)) {
        return None;
    }
    let who = c
        .np_right(p.k + 2, p.quote)
        .or_else(|| c.document_by(p.k + 2))?;
    Some((
        Some(c.quoted_source(p.k + 2).unwrap_or(who)),
        two_words(c, p.k),
    ))
}

impl Ctx<'_, '_> {
    /// The original source a relaying source quotes: "according to Agency A, quoting Agency B"
    /// (a "quoting" or "citing" a few words after token `i`, in its sentence).
    fn quoted_source(&self, i: usize) -> Option<Who> {
        let text = self.text;
        let sentence = text.tokens.get(i)?.sentence();
        let q = (i + 1..i + 10)
            .take_while(|&j| text.tokens.get(j).is_some_and(|t| t.sentence() == sentence))
            .find(|&j| matches!(lower(text, j).as_ref(), "quoting" | "citing"))?;
        // The last name of the phrase, not a possessor: "quoting Norway's news agency Harbor
        // News" is Harbor News.
        let end = (q + 1..q + 14)
            .find(|&j| {
                matches!(text.tok(j), "," | "(" | ")" | ";" | ".")
                    || text.tokens.get(j).is_none_or(|t| t.sentence() != sentence)
            })
            .unwrap_or(q + 14);
        let last = (q + 1..end).rev().find(|&j| text.is_cap(j))?;
        if self.possessive_after(last) {
            return None;
        }
        match self.ent(last) {
            Some(e) => Some(self.who_of(e, last)),
            None => self.org_run(last),
        }
    }
}

/// `quoted X` / `cited X` right after a speech verb at `k`.
fn quoted_or_cited(c: &Ctx<'_, '_>, p: At) -> Found {
    let text = c.text;
    if !p.speech || !matches!(lower(text, p.k).as_ref(), "quoted" | "cited") {
        return None;
    }
    let who = c.np_right(p.k + 1, p.quote)?;
    Some((Some(who), text.tokens[p.k].span()))
}

/// Cues after a quotation, in the order they are tried at each token.
pub(super) const AFTER: &[CuePattern] = &[
    CuePattern {
        name: "dash credit",
        rule: Rule::DashCredit,
        shape: "Q — X (a person, right after the closing mark)",
        example: ("“We never give up.” — Lena Okafor", "Lena Okafor"),
        matches: |c, p| {
            let text = c.text;
            if p.k != p.from || !matches!(text.tok(p.k), "-" | "—" | "–") {
                return None;
            }
            let who = c
                .np_right(p.k + 1, p.quote)
                .filter(|w| w.kind == SpeakerKind::Person)?;
            Some((Some(who), text.tokens[p.k].span()))
        },
    },
    CuePattern {
        name: "according to, after",
        rule: Rule::AccordingToAfter,
        shape: "Q, according to X",
        example: (
            "“The bridge is safe,” according to Mark Olsen.",
            "Mark Olsen",
        ),
        matches: |c, p| {
            let text = c.text;
            (text.is("according", p.k) && text.is("to", p.k + 1)).then(|| {
                let who = c
                    .np_right(p.k + 2, p.quote)
                    .or_else(|| c.document_by(p.k + 2));
                (who, two_words(c, p.k))
            })
        },
    },
    CuePattern {
        name: "quoted X, after",
        rule: Rule::QuotedAfter,
        shape: "Q, the paper quoted X as saying",
        example: (
            "“The count was fair,” the paper quoted Dana Lee as saying.",
            "Dana Lee",
        ),
        matches: quoted_or_cited,
    },
    CuePattern {
        name: "subject then verb",
        rule: Rule::SubjectThenVerb,
        shape: "Q, X said",
        example: ("“We will win,” Tom Berg said.", "Tom Berg"),
        matches: |c, p| {
            let text = c.text;
            if p.k <= p.from || !p.speech || !first_np_before(text, p.from, p.k) {
                return None;
            }
            // "“…,” to keep the price up, she said": a phrase set off by commas before the
            // subject.
            let who = c.np_right(skip_commas(text, p.from), p.quote).or_else(|| {
                let comma = (p.from + 1..p.k).rev().find(|&j| text.tok(j) == ",")?;
                c.np_right(comma + 1, p.quote)
            })?;
            Some((Some(who), text.tokens[p.k].span()))
        },
    },
    CuePattern {
        name: "verb then subject",
        rule: Rule::VerbThenSubject,
        shape: "Q, said X (or a speech verb with no subject that resolves)",
        example: ("“We will win,” said Tom Berg.", "Tom Berg"),
        matches: |c, p| {
            let text = c.text;
            // With a subject before the verb that names no one ("Russian diplomats told
            // Reuters"), what follows the verb is its listener, never the speaker.
            let inverted = !first_np_before(text, p.from, p.k);
            p.speech.then(|| {
                (
                    inverted.then(|| c.np_right(p.k + 1, p.quote)).flatten(),
                    text.tokens[p.k].span(),
                )
            })
        },
    },
];

/// Cues before a quotation in its sentence, tried at each token from the quote leftwards.
pub(super) const BEFORE: &[CuePattern] = &[
    CuePattern {
        name: "according to, before",
        rule: Rule::AccordingToBefore,
        shape: "according to X, Q",
        example: (
            "According to Mark Olsen, “the bridge is safe.”",
            "Mark Olsen",
        ),
        matches: |c, p| phrase_then_speaker(c, p, ["according", "to"]),
    },
    CuePattern {
        name: "in the words of",
        rule: Rule::WordsOf,
        shape: "in the words of X, Q",
        example: (
            "In the words of Mark Olsen, “the bridge is safe.”",
            "Mark Olsen",
        ),
        matches: |c, p| phrase_then_speaker(c, p, ["words", "of"]),
    },
    CuePattern {
        name: "quoted X, before",
        rule: Rule::QuotedBefore,
        shape: "the paper quoted X as saying Q",
        example: (
            "The paper quoted Dana Lee as saying “the count was fair.”",
            "Dana Lee",
        ),
        matches: quoted_or_cited,
    },
    CuePattern {
        name: "a stance noun's content",
        rule: Rule::StanceNoun,
        shape: "X's answer was that Q / the position is that Q (speech; X speaks if named)",
        example: (
            "Acme Corp's first answer was that “a merger is out of the question”.",
            "Acme Corp",
        ),
        matches: |c, p| {
            let text = c.text;
            let copula = |j: usize| matches!(lower(text, j).as_ref(), "was" | "is" | "remains");
            if !text.is("that", p.k)
                || p.k < p.from + 2
                || !copula(p.k - 1)
                || !text.is_lower(p.k - 2)
                || !lexicon::reporting(&lower(text, p.k - 2)).nominal()
            {
                return None;
            }
            // "her (first) answer was that": the owner the pronoun stands for.
            let owner = (p.k.saturating_sub(4).max(p.from)..p.k - 2)
                .find_map(|j| c.pronoun(possessive_subject(&lower(text, j))?, j));
            let who = owner.unwrap_or_else(|| c.subject_left(p.k - 1, p.from));
            Some((who, text.tokens[p.k].span()))
        },
    },
    CuePattern {
        name: "participle after the main clause",
        rule: Rule::Participle,
        shape: "X did something, saying: Q (the main clause's subject speaks, never its object)",
        example: (
            "Nina Reyes attacked Paul Okafor on Monday, saying: “She is reckless.”",
            "Nina Reyes",
        ),
        matches: |c, p| {
            let text = c.text;
            if !p.speech
                || p.k <= p.from + 1
                || text.tok(p.k - 1) != ","
                || !lower(text, p.k).ends_with("ing")
            {
                return None;
            }
            let who = c.clause_subject(p.from, p.k - 1)?;
            // The subject opens the clause: no lower-case word but a title or "the" before it
            // ("An eyewitness described for a news agency …, stating" has no named subject).
            let first = who
                .span
                .map_or(p.from, |sp| text.token_at_or_after(sp.start));
            let opens = (p.from..first)
                .all(|j| !text.is_lower(j) || text.is("the", j) || lexicon::is_title(text.tok(j)));
            opens.then(|| (Some(who), text.tokens[p.k].span()))
        },
    },
    CuePattern {
        name: "passive with a by agent",
        rule: Rule::PassiveAgent,
        shape: "X was described as Q by Y / X was described by Y as Q (Y speaks, not X)",
        example: (
            "Ann Lee was described as “a tireless advocate” by the Harbor Council.",
            "Harbor Council",
        ),
        matches: |c, p| {
            let text = c.text;
            let lw = lower(text, p.k);
            // "quoted by the paper as saying", "asked by reporters": the agent is no speaker.
            if !p.speech
                || !(lw.ends_with("ed") || lexicon::reporting(&lw).past())
                || matches!(lw.as_ref(), "quoted" | "cited" | "asked")
            {
                return None;
            }
            let be = |j: usize| is_be(&lower(text, j));
            let passive = p.k > p.from
                && (be(p.k - 1)
                    || p.k > p.from + 1
                        && be(p.k - 2)
                        && lexicon::is_verb_filler(&lower(text, p.k - 1)));
            if !passive {
                return None;
            }
            let sentence = text.tokens[p.k].sentence();
            let by = (p.k + 1..p.k + 30)
                .take_while(|&j| text.tokens.get(j).is_some_and(|t| t.sentence() == sentence))
                .find(|&j| !c.in_quote[j] && text.is("by", j))?;
            let who = c
                .np_right(by + 1, p.quote)
                .or_else(|| c.chain_speaker(by + 1))?;
            Some((Some(who), text.tokens[p.k].span()))
        },
    },
    CuePattern {
        name: "subject and verb",
        rule: Rule::SubjectAndVerb,
        shape: "X said: Q / X told reporters Q",
        example: ("Tom Berg told reporters: “We will win.”", "Tom Berg"),
        matches: |c, p| {
            if !p.speech {
                return None;
            }
            let who = c.subject_left(p.k, p.from)?;
            Some((Some(who), c.text.tokens[p.k].span()))
        },
    },
    CuePattern {
        name: "verb then subject, between the parts of a split quotation",
        rule: Rule::SplitQuote,
        shape: "Q1, V X, Q2 / Q1 V X Q2 (the cue after the first part speaks the second)",
        example: (
            "“We are ready,” said Anna Berg, “and we will stay.”",
            "Anna Berg",
        ),
        matches: |c, p| {
            let text = c.text;
            let after_quote = |j: usize| {
                text.tokens
                    .get(j)
                    .is_some_and(|t| t.kind() == TokKind::QuoteMark)
            };
            let follows_quote = p.k > p.from
                && (after_quote(p.k - 1)
                    || p.k > p.from + 1 && text.tok(p.k - 1) == "," && after_quote(p.k - 2));
            if !follows_quote || !p.speech {
                return None;
            }
            let who = c.np_right(p.k + 1, p.quote)?;
            Some((Some(who), text.tokens[p.k].span()))
        },
    },
    CuePattern {
        name: "verb with an unresolved subject",
        rule: Rule::UnnamedSubject,
        shape: "<a description nobody can resolve> said: Q (an elided subject or a weak verb \
                looks further left instead)",
        example: ("A passer-by said: “It was loud.”", "-"),
        matches: |c, p| {
            let text = c.text;
            if !p.speech {
                return None;
            }
            let lw = lower(text, p.k);
            // An elided subject ("… and told the police"): try an earlier cue. A comma that
            // closes a relative clause ("a senior aide, who asked not to be named, told") is no
            // elision: the subject is the unnamed description before it.
            // A relative pronoun is a subject, not an elision: "a notice which read".
            let before = lower(text, p.k.saturating_sub(1));
            // A participle is elided too, unless "with" gave it a subject of its own ("…, with
            // one reader writing “…”").
            let elided = p.k > p.from
                && (is_boundary_word(&before) && !is_relative_pronoun(&before)
                    || text.tok(p.k - 1) == "," && !closes_relative(text, p.from, p.k - 1)
                    || lw.ends_with("ing")
                        && !subject_after_with(text, p.from, p.k)
                        && !participle_of_noun(text, p.k, p.from));
            // A passive ("has been told to prepare “…”") says who heard, not who spoke: the
            // scan goes on leftwards ("According to X, … has been told …").
            if p.k > p.from && is_be(&before) {
                return None;
            }
            // A weak verb is a cue when the quotation follows it closely: "called it “…”",
            // "read, in part, “…”".
            let close = p.quote <= p.k + 3
                || (p.k + 1..p.quote)
                    .all(|j| !text.is_word(j) || matches!(lower(text, j).as_ref(), "in" | "part"));
            (!elided && (close || !lexicon::reporting(&lw).weak()))
                .then(|| (None, text.tokens[p.k].span()))
        },
    },
];

/// Every row's invented example: (text, speaker or "-", rule), for the test that switches
/// each rule off.
#[cfg(test)]
pub(crate) fn examples() -> Vec<(&'static str, &'static str, Rule)> {
    AFTER
        .iter()
        .chain(BEFORE)
        .map(|row| (row.example.0, row.example.1, row.rule))
        .collect()
}

/// Whether the few lower-case words before token `k` (after `from`) follow "with": the
/// subject of an absolute clause ("with one reader writing", "with many fans saying").
fn subject_after_with(text: &Text<'_>, from: usize, k: usize) -> bool {
    (k.saturating_sub(5).max(from)..k.saturating_sub(1))
        .rev()
        .take_while(|&j| text.is_lower(j))
        .any(|j| text.is("with", j))
}

/// Whether the word at `k` is followed by a quotation mark with nothing between but a comma,
/// a colon or "in part": the verb introduces that quotation ("read, in part, “…”").
fn introduces_quote(text: &Text<'_>, k: usize) -> bool {
    let n = text.tokens.len();
    (k + 1..n.min(k + 6))
        .find(|&j| !matches!(lower(text, j).as_ref(), "," | ":" | "in" | "part"))
        .is_some_and(|j| text.tokens[j].kind() == TokKind::QuoteMark)
}

impl Ctx<'_, '_> {
    /// The first row of `table` (that is not left out) matching at `p`.
    fn first_row(&self, table: &[CuePattern], p: At) -> Cue {
        table
            .iter()
            .filter(|row| self.allows(row.rule))
            .find_map(|row| (row.matches)(self, p).map(|(w, s)| (w, s, row.rule)))
    }

    /// The cue of the quote opening at `open_tok`: after it first when it starts a sentence
    /// (or follows a colon), else before it first.
    pub(super) fn cue_for(&self, open_tok: usize, after_tok: usize, sentence_start: bool) -> Cue {
        let at = open_tok;
        let after_colon = self.text.tok(open_tok.wrapping_sub(1)) == ":";
        let cue = if sentence_start {
            self.post_cue(after_tok, at)
                .or_else(|| after_colon.then(|| self.pre_cue(open_tok, at)).flatten())
        } else {
            self.pre_cue(open_tok, at)
                .or_else(|| self.post_cue(after_tok, at))
        };
        cue.or_else(|| after_colon.then(|| self.colon_cue(open_tok - 1)).flatten())
    }

    /// A quotation introduced by a colon with no speech verb: "Ann Lee rejected the plan: “…”".
    /// The subject of the clause before the colon speaks; the colon is the cue.
    fn colon_cue(&self, colon: usize) -> Cue {
        if !self.allows(Rule::Colon) {
            return None;
        }
        let text = self.text;
        let (ss, _) = text.sentences[text.tokens.get(colon)?.sentence() as usize];
        let who = self.clause_subject(ss, colon)?;
        // A clause, not a label ("Reports: ‘…’"): lower-case words between its subject and the
        // colon.
        let after_subject = who.span.map_or(ss, |sp| text.token_at_or_after(sp.end));
        if !(after_subject..colon).any(|j| text.is_lower(j)) {
            return None;
        }
        Some((Some(who), text.tokens[colon].span(), Rule::Colon))
    }

    /// A cue after the quote, in its paragraph and (but for a cue right after a sentence-final
    /// quote: “…?” she asked) its sentence, before the next quotation mark.
    pub(super) fn post_cue(&self, from: usize, at: usize) -> Cue {
        let text = self.text;
        let n = text.tokens.len();
        if from >= n
            || text
                .tokens
                .get(at)
                .is_some_and(|t| text.paragraph(t) != text.paragraph_of(from))
        {
            return None;
        }
        let sent = text.tokens[from].sentence();
        let para = text.paragraph_of(from);
        // The quotation ended its sentence: “… .” (its closing mark just before `from`).
        let ended = from >= 2 && matches!(text.tok(from - 2), "." | "!" | "?");
        let mut k = from;
        while k < n && k < from + MAX_CUE_GAP && text.paragraph_of(k) == para {
            if text.tokens[k].kind() == TokKind::QuoteMark
                || text.tokens[k].sentence() != sent && k > from + 1
            {
                break;
            }
            let speech = is_speech(text, k, true) && !self.in_quote[k];
            // After a quotation that ends its sentence, a speech verb that opens a quotation of
            // its own ("….” Their statement also read “…”") is that one's cue, not this one's
            // (a split quotation, “…,” he said, “…”, goes on in the same sentence).
            if speech && ended && introduces_quote(text, k) {
                return None;
            }
            let p = At {
                k,
                from,
                quote: at,
                speech,
            };
            if let Some(cue) = self.first_row(AFTER, p) {
                return Some(cue);
            }
            k += 1;
        }
        None
    }

    /// A cue before the quote in the same sentence, read from the quote leftwards.
    pub(super) fn pre_cue(&self, open_tok: usize, at: usize) -> Cue {
        let text = self.text;
        let t = text.tokens.get(open_tok)?;
        let (ss, _) = text.sentences[t.sentence() as usize];
        (ss..open_tok).rev().find_map(|k| {
            let p = At {
                k,
                from: ss,
                quote: at,
                // Words inside another quotation are what was said, never a cue.
                speech: is_speech(text, k, true) && !self.in_quote[k],
            };
            self.first_row(BEFORE, p)
        })
    }

    /// "X issued a statement …" in a sentence with no quotation mark: X speaks the quotes that
    /// follow, so X joins the speaker history.
    pub(super) fn add_statement_issuers(&mut self) {
        let text = self.text;
        for &(ss, end) in &text.sentences {
            // Only sentences with no quotation mark that speak of a statement can hold one.
            if (ss..end).any(|k| text.tokens[k].kind() == TokKind::QuoteMark)
                || !(ss..end).any(|k| text.is("statement", k))
            {
                continue;
            }
            let Some(v) = (ss..end).find(|&k| {
                lexicon::reporting(text.tok(k)).issuing()
                    && (k + 1..(k + 4).min(end)).any(|j| text.is("statement", j))
            }) else {
                continue;
            };
            if let Some(who) = self.subject_left(v, ss) {
                self.history.push((text.tokens[v].span().start, who));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::analyze;
    use super::super::super::model::Rule;
    use super::{AFTER, BEFORE};

    /// Every row's invented example is attributed as the row says, by that row's rule.
    #[test]
    fn every_cue_row_attributes_its_example() {
        for row in AFTER.iter().chain(BEFORE) {
            let (text, want) = row.example;
            let a = analyze(text);
            let got: Vec<(&str, Rule)> = a
                .quotes
                .iter()
                .map(|q| (q.speaker.as_ref().map_or("-", |s| s.name.as_str()), q.rule))
                .collect();
            // Every quote gets the row's speaker, and the row's rule gives one of them (the first
            // part of a split quotation has a cue of its own).
            assert!(
                !got.is_empty()
                    && got.iter().all(|(w, _)| *w == want)
                    && got.iter().any(|(_, r)| *r == row.rule),
                "{} ({}): {text}: {got:?}",
                row.name,
                row.shape
            );
        }
    }
}
