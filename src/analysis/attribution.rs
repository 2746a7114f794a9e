//! Who said it: speech cues around each quotation, pronoun and description resolution,
//! floating quotes, continued quotes, and reported (indirect) speech.

use std::sync::LazyLock;

use foldhash::HashMap;
use regex::Regex;

use super::entities::{BuildRef, Ent, Entities};
use super::lexicon::{self, Gender};
use super::model::{CountryForm, Quote, QuoteKind, Span, Speaker, SpeakerKind};
use super::quotes::RawQuote;
use super::text::{Text, TokKind};

/// A resolved speaker, its entity as the passes know it.
type Who = Speaker<BuildRef>;

struct Ctx<'t, 'a> {
    text: &'t Text<'a>,
    ents: &'t Entities,
    /// Per token: inside a quotation (persons named there are not candidates for pronouns).
    in_quote: Vec<bool>,
    /// Speakers of reported speech and statements, in text order: (byte position, speaker).
    history: Vec<(usize, Who)>,
    /// Speakers of quotations, appended as the quotes are attributed in text order.
    quote_history: Vec<(usize, Who)>,
    /// Per lower-case title: the tokens, in order, of mentions of people who bear it.
    titled_mentions: HashMap<&'t str, Vec<usize>>,
}

const MAX_CUE_GAP: usize = 18;

fn lower<'a>(text: &Text<'a>, i: usize) -> std::borrow::Cow<'a, str> {
    lexicon::lower(text.tok(i))
}

fn is_speech(text: &Text<'_>, i: usize, allow_weak: bool) -> bool {
    if !text.is_lower(i) {
        return false;
    }
    let w = lower(text, i);
    lexicon::is_speech_verb(&w)
        && (allow_weak || !lexicon::is_weak_speech_verb(&w))
        && !noun_use(text, i, &w)
}

/// Whether a speech word is used as a noun or outside speech: "drew both praise", "the
/// questions", "asylum claim-", "supposed to".
fn noun_use(text: &Text<'_>, i: usize, w: &str) -> bool {
    if w == "supposed" && text.is("to", i + 1) || w.starts_with("point") && !text.is("out", i + 1) {
        return true;
    }
    let verb_form = w.ends_with("ed")
        || w.ends_with("ing")
        || matches!(
            w,
            "said" | "told" | "wrote" | "written" | "spoke" | "spoken" | "read" | "quoted"
        );
    if verb_form {
        return false;
    }
    let glued_hyphen = matches!(text.tok(i + 1), "-" | "–")
        && text
            .tokens
            .get(i + 1)
            .is_some_and(|t| t.span().start == text.tokens[i].span().end);
    glued_hyphen || i > 0 && lexicon::is_determiner(&lower(text, i - 1))
}

fn is_boundary_word(w: &str) -> bool {
    matches!(
        w,
        "and"
            | "but"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "after"
            | "before"
            | "when"
            | "while"
            | "because"
            | "although"
            | "though"
            | "since"
            | "if"
            | "as"
            | "where"
            | "whether"
            | "so"
            | "then"
            | "or"
    )
}

fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "of" | "from"
            | "with"
            | "by"
            | "at"
            | "in"
            | "on"
            | "for"
            | "to"
            | "about"
            | "against"
            | "into"
            | "over"
            | "under"
            | "between"
            | "among"
            | "toward"
            | "towards"
            | "than"
    )
}

fn is_skippable(w: &str) -> bool {
    lexicon::is_verb_filler(w)
}

impl Ctx<'_, '_> {
    fn ent(&self, i: usize) -> Option<Ent> {
        self.ents.token_ent.get(i)
    }

    fn who_of(&self, e: Ent, i: usize) -> Who {
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
    fn ent_span(&self, i: usize) -> Span {
        let e = self.ent(i);
        let mut a = i;
        while a > 0 && self.ent(a - 1) == e && e.is_some() {
            a -= 1;
        }
        let mut b = i;
        while b + 1 < self.text.tokens.len() && self.ent(b + 1) == e && e.is_some() {
            b += 1;
        }
        Span::new(
            self.text.tokens[a].span().start,
            self.text.tokens[b].span().end,
        )
    }

    /// A capitalised run with no entity: an organisation or source named as written.
    fn org_run(&self, i: usize) -> Option<Who> {
        let text = self.text;
        if !text.is_cap(i) || lexicon::is_not_name(text.tok(i)) && !text.is_cap(i + 1) {
            return None;
        }
        let mut a = i;
        while a > 0 && text.is_cap(a - 1) && self.ent(a - 1).is_none() && !text.is_sentence_start(a)
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
        if a == b && text.is_sentence_start(a) {
            return None; // "Writing in a blog post, …": a capitalised sentence opener
        }
        let span = Span::new(text.tokens[a].span().start, text.tokens[b].span().end);
        Some(Who {
            name: text.src[span.start..span.end].to_string(),
            kind: SpeakerKind::Organization,
            entity: None,
            span: Some(span),
        })
    }

    /// The noun phrase starting at token `i`, reading rightwards (subject after the close mark,
    /// or the speaker after an inverted verb: "said Ryabkov", "said the post").
    fn np_right(&self, mut i: usize, at: usize) -> Option<Who> {
        let text = self.text;
        let n = text.tokens.len();
        let start = i;
        while i < n && i < start + 8 {
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
                return Some(self.who_of(e, i));
            }
            let w = text.tok(i);
            let lw = lexicon::lower(w);
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
                && !lexicon::is_speech_verb(&lw)
                && !is_preposition(&lw)
                && let Some(k) =
                    (i + 1..i + 4).find(|&k| matches!(self.ent(k), Some(Ent::Person(_))))
                && (i..k).all(|j| {
                    text.is_word(j)
                        && !is_preposition(&lower(text, j))
                        && !lexicon::is_speech_verb(&lower(text, j))
                })
            {
                i = k;
                continue;
            }
            if matches!(
                lw.as_ref(),
                "the"
                    | "a"
                    | "an"
                    | "his"
                    | "her"
                    | "its"
                    | "their"
                    | "one"
                    | "two"
                    | "three"
                    | "several"
                    | "some"
                    | "many"
            ) || text.is_lower(i)
            {
                return self.description(i, at);
            }
            return self.org_run(i);
        }
        None
    }

    /// A lower-case description starting at `i` ("the statement", "the minister", "the post by
    /// an unknown author", "the Crown prosecutor, Mark Tedeschi").
    fn description(&self, i: usize, at: usize) -> Option<Who> {
        let text = self.text;
        let mut k = i;
        let mut head: Option<String> = None;
        while k < i + 5 && (text.is_lower(k) || text.is_cap(k) && self.ent(k).is_none()) {
            let w = lower(text, k);
            if is_preposition(&w) || lexicon::is_speech_verb(&w) || is_boundary_word(&w) {
                break;
            }
            head = Some(w.into_owned());
            k += 1;
        }
        // "the Crown prosecutor, Mark Tedeschi": an appositive name.
        if text.tok(k) == ","
            && let Some(Ent::Person(pi)) = self.ent(k + 1)
        {
            return Some(self.who_of(Ent::Person(pi), k + 1));
        }
        // "X's statement": the possessor.
        if i > 0
            && text.tokens[i - 1].kind() == TokKind::Possessive
            && let Some(e) = self.ent(i - 2)
        {
            return Some(self.who_of(e, i - 2));
        }
        let head = head?;
        if lexicon::is_document_noun(&head) || head == "government" {
            return self.last_institution(at);
        }
        if lexicon::is_role_noun(&head) {
            // "the minister said": the person with that title, the most recent first.
            let toks = self.titled_mentions.get(head.as_str())?;
            let before = toks.partition_point(|&k| k < at.min(text.tokens.len()));
            let k = *toks.get(before.checked_sub(1)?)?;
            return self.ent(k).map(|e| self.who_of(e, k));
        }
        None
    }

    /// The most recent organisation or country speaker ("it said", "the statement said").
    fn last_institution(&self, at: usize) -> Option<Who> {
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
    fn latest<'s>(&'s self, pos: usize, keep: impl Fn(&Who) -> bool) -> Option<&'s (usize, Who)> {
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
    fn pronoun(&self, w: &str, at: usize) -> Option<Option<Who>> {
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
        // Montalvo as …", "He characterized the Cruise video as …".
        let sentence = text.tokens.get(at).map(super::text::Token::sentence);
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

    /// The subject of the verb at `v`, reading leftwards within its clause.
    fn subject_left(&self, v: usize, floor: usize) -> Option<Who> {
        let text = self.text;
        let mut k = v;
        // Skip adverbs and auxiliaries.
        while k > floor && is_skippable(&lower(text, k - 1)) {
            k -= 1;
        }
        // ", a doctor at the clinic, said": skip an appositive.
        if k > floor && text.tok(k - 1) == "," {
            let mut j = k - 1;
            let limit = j.saturating_sub(16).max(floor);
            while j > limit
                && text.tok(j - 1) != ","
                && text.tokens[j - 1].kind() != TokKind::QuoteMark
            {
                j -= 1;
            }
            if j > floor && text.tok(j - 1) == "," {
                if let Some(p) = (j..k - 1)
                    .rev()
                    .find(|&x| matches!(self.ent(x), Some(Ent::Person(_))))
                    && let Some(e) = self.ent(p)
                {
                    return Some(self.who_of(e, p));
                }
                k = j - 1;
                // A second comma group ("at the University of Arkansas, Fayetteville,").
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
                                // "Cynthia Thompson, curator at X, Fayetteville, said"
                                (j2 >= 2 && matches!(self.ent(j2 - 2), Some(Ent::Person(_))))
                                    .then(|| j2 - 2)
                            })
                        && let Some(e) = self.ent(p)
                    {
                        return Some(self.who_of(e, p));
                    }
                }
            } else {
                return None;
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
                // Walk to the start of this entity, then check what governs it.
                let mut a = i;
                while a > floor && self.ent(a - 1) == Some(e) {
                    a -= 1;
                }
                let mut b = a;
                while b > floor
                    && (lexicon::is_title(text.tok(b - 1))
                        || text.tok(b - 1) == "."
                        || matches!(self.ent(b - 1), Some(Ent::Country(_))))
                {
                    b -= 1;
                }
                let governed = b > floor && is_preposition(&lower(text, b - 1));
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
                return Some(o);
            }
            j -= 1;
        }
        if found.is_some() {
            return found;
        }
        // A description: find its start ("the statement", "two diplomats").
        let d = desc_at?;
        let mut s = d;
        while s > floor
            && s + 4 > d
            && (text.is_lower(s - 1) || text.tokens[s - 1].kind() == TokKind::Possessive)
            && !is_preposition(&lower(text, s - 1))
            && !is_boundary_word(&lower(text, s - 1))
        {
            s -= 1;
        }
        if s > 0 && text.tokens[s].kind() == TokKind::Possessive {
            s += 1;
        }
        self.description(s, v)
    }

    /// A cue after the quote: `“…,” X said` / `said X` / `“…” - X` / `according to X`.
    fn post_cue(&self, from: usize, at: usize) -> Option<(Option<Who>, Span)> {
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
        // "“…” - Matthew Ingram"
        if matches!(text.tok(from), "-" | "—" | "–")
            && let Some(who) = self
                .np_right(from + 1, at)
                .filter(|w| w.kind == SpeakerKind::Person)
        {
            return Some((Some(who), text.tokens[from].span()));
        }
        let mut k = from;
        while k < n && k < from + MAX_CUE_GAP && text.paragraph_of(k) == para {
            if text.tokens[k].kind() == TokKind::QuoteMark {
                break;
            }
            if text.tokens[k].sentence() != sent && k > from {
                // The cue may follow a sentence-final quote in the next "sentence" only when
                // the quote ended the sentence with its own punctuation: “…?” she asked.
                if !(k <= from + 1) {
                    break;
                }
            }
            if text.is("according", k) && text.is("to", k + 1) {
                let who = self.np_right(k + 2, at);
                return Some((
                    who,
                    Span::new(text.tokens[k].span().start, text.tokens[k + 1].span().end),
                ));
            }
            if is_speech(text, k, true) {
                let cue = text.tokens[k].span();
                let lw = lower(text, k);
                if matches!(lw.as_ref(), "quoted" | "cited")
                    && let Some(who) = self.np_right(k + 1, at)
                {
                    return Some((Some(who), cue));
                }
                let subj = if k > from {
                    self.np_right(skip_commas(text, from), at)
                        .filter(|_| first_np_before(text, from, k))
                } else {
                    None
                };
                let who = match subj {
                    Some(w) => Some(w),
                    None => self.np_right(k + 1, at),
                };
                return Some((who, cue));
            }
            k += 1;
        }
        None
    }

    /// A cue before the quote in the same sentence: `X said: “…”`, `X told reporters “…”`,
    /// `according to X, “…”`, `in the words of X, “…”`.
    fn pre_cue(&self, open_tok: usize, at: usize) -> Option<(Option<Who>, Span)> {
        let text = self.text;
        let t = text.tokens.get(open_tok)?;
        let (ss, _) = text.sentences[t.sentence() as usize];
        let mut k = open_tok;
        while k > ss {
            k -= 1;
            // "according to X, “…”", "in the words of X, “…”"
            for (a, b) in [("according", "to"), ("words", "of")] {
                if text.is(a, k)
                    && text.is(b, k + 1)
                    && let Some(who) = self.np_right(k + 2, at)
                {
                    let cue = Span::new(text.tokens[k].span().start, text.tokens[k + 1].span().end);
                    return Some((Some(who), cue));
                }
            }
            if is_speech(text, k, true) {
                let lw = lower(text, k);
                let cue = text.tokens[k].span();
                if matches!(lw.as_ref(), "quoted" | "cited")
                    && let Some(who) = self.np_right(k + 1, at)
                {
                    return Some((Some(who), cue));
                }
                if let Some(who) = self.subject_left(k, ss) {
                    return Some((Some(who), cue));
                }
                // An elided subject ("… and told the police"): try an earlier cue; a
                // description nobody can resolve still makes this the cue.
                let elided = k > ss
                    && (is_boundary_word(&lower(text, k - 1))
                        || text.tok(k - 1) == ","
                        || lw.ends_with("ing"));
                if !elided && !lexicon::is_weak_speech_verb(&lw) {
                    return Some((None, cue));
                }
            }
        }
        None
    }

    fn last_speaker_before(&self, pos: usize, min_para: u32) -> Option<Who> {
        let text = self.text;
        self.latest(pos, |_| true)
            .filter(|(p, _)| {
                let ti = text.token_at_or_after(*p);
                text.tokens
                    .get(ti)
                    .is_some_and(|t| text.paragraph(t) >= min_para)
            })
            .map(|(_, w)| w.clone())
    }
}

fn skip_commas(text: &Text<'_>, mut i: usize) -> usize {
    while matches!(text.tok(i), "," | "." | ";") {
        i += 1;
    }
    i
}

/// Whether a noun phrase sits between `from` and the verb at `v` (`“…,” X said`).
fn first_np_before(text: &Text<'_>, from: usize, v: usize) -> bool {
    (from..v).any(|i| text.is_word(i))
}

/// Attributes every quotation and finds reported speech.
pub fn attribute(text: &Text<'_>, ents: &Entities, raw: &[RawQuote]) -> Vec<Quote<BuildRef>> {
    let n = text.tokens.len();
    let mut in_quote = vec![false; n];
    for q in raw {
        let a = text.token_at_or_after(q.content.start);
        let mut k = a;
        while k < n && text.tokens[k].span().start < q.content.end {
            in_quote[k] = true;
            k += 1;
        }
    }
    let mut titled_mentions: HashMap<&str, Vec<usize>> = HashMap::default();
    for (k, e) in ents.token_ent.iter().enumerate() {
        if let Some(Ent::Person(pi)) = e {
            for t in &ents.persons[pi as usize].titles {
                titled_mentions.entry(t.as_str()).or_default().push(k);
            }
        }
    }
    let mut ctx = Ctx {
        text,
        ents,
        in_quote,
        history: Vec::new(),
        quote_history: Vec::new(),
        titled_mentions,
    };
    // Reported speech first (sentences with no quotation mark): it feeds the history used for
    // floating quotes.
    let mut indirect = find_indirect(&ctx);
    for q in &indirect {
        if let Some(s) = &q.speaker {
            ctx.history.push((q.span.start, s.clone()));
        }
    }
    // "X issued a statement …" (no quote in the sentence): X speaks the quotes that follow.
    for &(ss, end) in &text.sentences {
        if (ss..end).any(|k| text.tokens[k].kind() == TokKind::QuoteMark) {
            continue;
        }
        let Some(v) = (ss..end).find(|&k| {
            matches!(
                text.tok(k),
                "issued" | "released" | "published" | "posted" | "put" | "sent"
            ) && (k + 1..(k + 4).min(end)).any(|j| text.is("statement", j))
        }) else {
            continue;
        };
        if let Some(who) = ctx.subject_left(v, ss) {
            ctx.history.push((text.tokens[v].span().start, who));
        }
    }
    ctx.history.sort_by_key(|(p, _)| *p);

    let mut quotes: Vec<Quote<BuildRef>> = Vec::with_capacity(raw.len());
    let mut prev_continues: Option<(usize, Option<Who>)> = None;
    for q in raw {
        let open_tok = text.token_at_or_after(q.open.start);
        let after_tok = q.close.map_or_else(
            || text.token_at_or_after(q.content.end),
            |c| text.token_at_or_after(c.end),
        );
        let at = open_tok;
        let sentence_start =
            text.is_sentence_start(open_tok) || text.tok(open_tok.wrapping_sub(1)) == ":";
        let content = &text.src[q.content.start..q.content.end];
        let mut cue: Option<(Option<Who>, Span)>;
        if sentence_start {
            cue = ctx.post_cue(after_tok, at);
            if cue.is_none() && text.tok(open_tok.wrapping_sub(1)) == ":" {
                cue = ctx.pre_cue(open_tok, at);
            }
        } else {
            cue = ctx.pre_cue(open_tok, at);
            if cue.is_none() {
                cue = ctx.post_cue(after_tok, at);
            }
        }
        let words = content.split_whitespace().count();
        let starts_upper = content
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
            || content.starts_with("...")
            || content.starts_with('[');
        let ends_sentence = content
            .trim_end_matches(['"', '\'', ')'])
            .ends_with(['.', '!', '?', ',', '…']);
        let title_case = (2..=12).contains(&words)
            && !content
                .trim_end_matches(['"', '\'', ')', ','])
                .ends_with(['.', '!', '?', '…'])
            && content
                .split_whitespace()
                .filter(|w| {
                    !matches!(
                        *w,
                        "of" | "and"
                            | "the"
                            | "from"
                            | "for"
                            | "in"
                            | "on"
                            | "at"
                            | "with"
                            | "to"
                            | "a"
                            | "an"
                            | "vs."
                            | "or"
                    )
                })
                .all(|w| {
                    w.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
                });
        let para_first = text.tokens.get(open_tok).is_some_and(|t| {
            text.paragraphs
                .get(text.paragraph(t) as usize)
                .is_some_and(|p| p.start == t.span().start)
        });
        let mut speaker: Option<Who> = cue.as_ref().and_then(|(w, _)| w.clone());
        let mut cue_span = cue.as_ref().map(|(_, s)| *s);
        // Continued from the previous paragraph.
        if let Some((pp, who)) = &prev_continues
            && *pp + 1 == q.paragraph
            && para_first
            && speaker.is_none()
        {
            speaker.clone_from(who);
        }
        let mut kind = if sentence_start || starts_upper && words >= 4 {
            QuoteKind::Direct
        } else {
            QuoteKind::Partial
        };
        if speaker.is_none() && cue_span.is_none() {
            // Floating: a full quote right after a quote or cue of the same or previous paragraph.
            let para = text.paragraph_of(open_tok);
            let floating =
                kind == QuoteKind::Direct && (words >= 4 || ends_sentence) && !title_case;
            if floating {
                // Photo captions between a quote and its continuation do not break it.
                let mut min_para = para.saturating_sub(1);
                while min_para > 0 && is_caption(text, min_para) {
                    min_para -= 1;
                }
                speaker = ctx.last_speaker_before(q.open.start, min_para);
            } else {
                kind = QuoteKind::Term;
            }
        }
        // A name or title: `a robot named “…”`, or a citation line `“Title” — Paper, 15 May 2008`.
        let named = open_tok > 0
            && (matches!(
                lower(text, open_tok - 1).as_ref(),
                "named" | "titled" | "entitled" | "nicknamed" | "so-called" | "dubbed"
            ) || open_tok > 1 && text.is("known", open_tok - 2) && text.is("as", open_tok - 1));
        if title_case || named || is_citation(text, after_tok) {
            kind = QuoteKind::Term;
            speaker = None;
            cue_span = None;
        }
        if q.single && kind != QuoteKind::Term && cue_span.is_none() && words < 3 {
            kind = QuoteKind::Term;
        }
        if let Some(w) = &speaker
            && kind != QuoteKind::Term
        {
            ctx.quote_history.push((q.open.start, w.clone()));
        }
        prev_continues = if q.continues {
            Some((q.paragraph, speaker.clone()))
        } else {
            None
        };
        quotes.push(Quote {
            span: q.content,
            open_mark: Some(q.open),
            close_mark: q.close,
            kind,
            speaker,
            cue: cue_span,
            paragraph: q.paragraph,
            continues: q.continues,
        });
    }
    quotes.append(&mut indirect);
    quotes.sort_by_key(|q| (q.span.start, q.span.end));
    quotes
}

/// A year (1900–2099) or an English month name, as whole words.
static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:(?:19|20)\d{2}|January|February|March|April|May|June|July|August|September|October|November|December)\b",
    )
    .unwrap_or_else(|_| unreachable!("the date regex is valid"))
});

/// Whether paragraph `p` is a photo caption ("… Image: NASA.").
fn is_caption(text: &Text<'_>, p: u32) -> bool {
    let Some(span) = text.paragraphs.get(p as usize) else {
        return false;
    };
    let a = text.token_at_or_after(span.start);
    (a..text.tokens.len())
        .take_while(|&k| text.tokens[k].span().start < span.end)
        .any(|k| {
            matches!(text.tok(k), "Image" | "Photo" | "Picture" | "Credit")
                && text.tok(k + 1) == ":"
        })
}

/// Whether the tokens from `after` (just past a closing mark) make a citation: a dash, then a
/// source with a date (a year or a month) to the end of a short paragraph.
fn is_citation(text: &Text<'_>, after: usize) -> bool {
    let mut k = after;
    if text.tok(k) == "," {
        k += 1;
    }
    if !matches!(text.tok(k), "—" | "–" | "-") {
        return false;
    }
    let Some(para) = text.tokens.get(k).map(|t| text.paragraph(t)) else {
        return false;
    };
    let rest: Vec<usize> = (k + 1..text.tokens.len())
        .take_while(|&j| text.paragraph_of(j) == para)
        .take(25)
        .collect();
    // A year or a month name in what follows the dash, as in "— CBC, August 15, 2008".
    let dated = match (rest.first(), rest.last()) {
        (Some(&f), Some(&l)) => text
            .src
            .get(text.tokens[f].span().start..text.tokens[l].span().end)
            .is_some_and(|tail| DATE_RE.is_match(tail)),
        _ => false,
    };
    let ends_para = rest.last().is_some_and(|&j| {
        text.tokens
            .get(j + 1)
            .is_none_or(|t| text.paragraph(t) != para)
    });
    dated && ends_para
}

/// Reported speech: `X said (that) clause` and `according to X, clause` in sentences with no
/// quotation marks.
fn find_indirect(ctx: &Ctx<'_, '_>) -> Vec<Quote<BuildRef>> {
    let text = ctx.text;
    let mut out = Vec::new();
    for &(ss, se) in &text.sentences {
        if (ss..se).any(|i| text.tokens[i].kind() == TokKind::QuoteMark || ctx.in_quote[i]) {
            continue;
        }
        let mut end = se;
        while end > ss && text.tokens[end - 1].kind() == TokKind::Punct {
            end -= 1;
        }
        // "according to X, clause"
        if text.is("according", ss) && text.is("to", ss + 1) {
            let comma = (ss + 2..end).find(|&i| text.tok(i) == ",");
            if let (Some(c), Some(who)) = (comma, ctx.np_right(ss + 2, ss))
                && c + 3 < end
            {
                out.push(indirect_quote(
                    text,
                    c + 1,
                    end,
                    &who,
                    Span::new(text.tokens[ss].span().start, text.tokens[ss + 1].span().end),
                ));
            }
            continue;
        }
        for v in ss..end {
            if !is_speech(text, v, false) {
                continue;
            }
            let lw = lower(text, v);
            if lw.ends_with("ing") || matches!(lw.as_ref(), "written" | "spoken") {
                continue;
            }
            let Some(who) = ctx.subject_left(v, ss) else {
                continue;
            };
            let mut c = v + 1;
            let that = (c..(c + 6).min(end))
                .take_while(|&k| text.tok(k) != ",")
                .find(|&k| text.is("that", k));
            if let Some(t) = that {
                c = t + 1;
            } else if !strong_indirect(&lw) {
                continue;
            } else if matches!(
                lw.as_ref(),
                "told"
                    | "tells"
                    | "tell"
                    | "warned"
                    | "warns"
                    | "reminded"
                    | "informed"
                    | "assured"
            ) {
                // "told reporters (that) …": skip the hearer.
                let mut k = c;
                while k < end
                    && k < c + 5
                    && !text.is("that", k)
                    && !(text.is_cap(k) && k > c && ctx.ent(k).is_some())
                {
                    k += 1;
                }
                c = if text.is("that", k) { k + 1 } else { c + 1 };
            }
            if c + 3 > end
                || matches!(
                    text.tok(c),
                    "," | "." | ":" | "on" | "in" | "at" | "to" | "of" | "for" | "with" | "by"
                )
            {
                continue;
            }
            out.push(indirect_quote(text, c, end, &who, text.tokens[v].span()));
            break;
        }
    }
    out
}

/// Verbs that report speech with a bare clause ("said Kiev wanted …"); others need "that".
fn strong_indirect(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "warned"
            | "warns"
            | "insisted"
            | "insists"
            | "argued"
            | "argues"
            | "claimed"
            | "claims"
            | "stated"
            | "states"
            | "explained"
            | "noted"
            | "notes"
            | "announced"
            | "declared"
            | "asserted"
            | "acknowledged"
            | "admitted"
            | "suggested"
            | "stressed"
            | "predicted"
            | "promised"
            | "confirmed"
            | "denied"
            | "wrote"
            | "writes"
            | "maintained"
            | "contended"
            | "conceded"
            | "replied"
            | "responded"
            | "answered"
            | "vowed"
            | "pledged"
    )
}

fn indirect_quote(text: &Text<'_>, a: usize, b: usize, who: &Who, cue: Span) -> Quote<BuildRef> {
    let span = Span::new(text.tokens[a].span().start, text.tokens[b - 1].span().end);
    Quote {
        span,
        open_mark: None,
        close_mark: None,
        kind: QuoteKind::Indirect,
        speaker: Some(who.clone()),
        cue: Some(cue),
        paragraph: text.paragraph_of(a) as usize,
        continues: false,
    }
}
