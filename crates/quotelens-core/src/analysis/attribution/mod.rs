//! Who said it: speech cues around each quotation, the speaker noun phrase, pronoun and
//! description resolution, floating and continued quotes, and reported (indirect) speech.
//!
//! Order: reported speech is found first (it feeds the speaker history), then statements
//! ("X issued a statement"), then each quotation in text order: its cue ([`cues`]), the speaker
//! noun phrase ([`np`]) resolved when it is a pronoun or a description ([`resolve`]), else the
//! speaker it continues or floats from ([`carry`]).

mod carry;
mod cues;
#[cfg(test)]
pub(crate) use cues::examples as cue_examples;
mod np;
mod parse;
mod reported;
mod resolve;

use foldhash::HashMap;

use super::entities::{BuildRef, Ent, Entities};
use super::lexicon::{self, is_boundary_word, is_preposition};
use super::model::{Options, Quote, QuoteKind, Rule, Speaker, SpeakerKind};
use super::quotes::RawQuote;
use super::syntax::SyntaxCache;
use super::text::{Text, TokKind};
use carry::{Shape, is_citation, is_named};

/// The cue rules whose cue is a reporting verb, whose subject the parse can name.
const VERB_RULES: [Rule; 6] = [
    Rule::SubjectThenVerb,
    Rule::VerbThenSubject,
    Rule::SubjectAndVerb,
    Rule::Participle,
    Rule::UnnamedSubject,
    Rule::SplitQuote,
];

/// A resolved speaker, its entity as the passes know it.
type Who = Speaker<BuildRef>;

/// What every step of attribution reads, and the speakers found so far.
struct Ctx<'t, 'a> {
    text: &'t Text<'a>,
    ents: &'t Entities,
    /// The parses of the sentences a rule asks about.
    syntax: &'t SyntaxCache<'t>,
    /// Rules left out, and whether rules may read parses.
    options: Options,
    /// Per token: inside a quotation (persons named there are not candidates for pronouns).
    in_quote: Vec<bool>,
    /// Speakers of reported speech and statements, in text order: (byte position, speaker).
    history: Vec<(usize, Who)>,
    /// Speakers of quotations, appended as the quotes are attributed in text order.
    quote_history: Vec<(usize, Who)>,
    /// Per lower-case title: the tokens, in order, of mentions of people who bear it.
    titled_mentions: HashMap<&'t str, Vec<usize>>,
    /// Per lower-case word of an appositive after a person's name ("Dale Pruitt, a Texas
    /// rancher,"): the token ending that name and the person, in text order.
    appositive_words: HashMap<std::borrow::Cow<'t, str>, Vec<(usize, u32)>>,
}

fn lower<'a>(text: &Text<'a>, i: usize) -> std::borrow::Cow<'a, str> {
    lexicon::lower(text.tok(i))
}

fn is_speech(text: &Text<'_>, i: usize, allow_weak: bool) -> bool {
    if !text.is_lower(i) || !lexicon::may_be_speech_verb(text.tok(i)) {
        return false;
    }
    let w = lower(text, i);
    lexicon::reporting(&w).speech()
        && (allow_weak || !lexicon::reporting(&w).weak())
        && !noun_use(text, i, &w)
}

/// Whether a speech word is used as a noun or outside speech: "drew both praise", "the
/// questions", "asylum claim-", "supposed to".
fn noun_use(text: &Text<'_>, i: usize, w: &str) -> bool {
    if w == "supposed" && text.is("to", i + 1) || w.starts_with("point") && !text.is("out", i + 1) {
        return true;
    }
    let verb_form = w.ends_with("ed") || w.ends_with("ing") || lexicon::reporting(w).past();
    if verb_form {
        return false;
    }
    let glued_hyphen = matches!(text.tok(i + 1), "-" | "–")
        && text
            .tokens
            .get(i + 1)
            .is_some_and(|t| t.span().start == text.tokens[i].span().end);
    // After a possessive, maybe with one word between, it is a noun: "Okafor's remarks", "Lee's
    // mental state".
    let possessed = |k: usize| {
        text.tokens
            .get(k)
            .is_some_and(|t| t.kind() == TokKind::Possessive)
    };
    let after_possessive =
        i > 0 && possessed(i - 1) || i > 1 && text.is_lower(i - 1) && possessed(i - 2);
    // After a number it is a noun: "50 questions".
    let after_number = i > 0 && text.tok(i - 1).bytes().all(|b| b.is_ascii_digit());
    glued_hyphen
        || after_possessive
        || after_number
        || i > 0 && lexicon::is_determiner(&lower(text, i - 1))
}

/// The subject pronoun of a possessive one ("their" → "they"), which resolves to the owner.
fn possessive_subject(w: &str) -> Option<&'static str> {
    match w {
        "his" => Some("he"),
        "her" => Some("she"),
        "its" => Some("it"),
        "their" => Some("they"),
        _ => None,
    }
}

/// Whether `w` (lower-case) opens a relative clause: "who", "whose", "whom", "which".
fn is_relative_pronoun(w: &str) -> bool {
    matches!(w, "who" | "whose" | "whom" | "which")
}

fn is_skippable(w: &str) -> bool {
    lexicon::is_verb_filler(w)
}

impl Ctx<'_, '_> {
    fn ent(&self, i: usize) -> Option<Ent> {
        self.ents.token_ent.get(i)
    }

    /// The person token `i` names, if it names one.
    fn person(&self, i: usize) -> Option<u32> {
        match self.ent(i) {
            Some(Ent::Person(pi)) => Some(pi),
            _ => None,
        }
    }

    /// Whether the parse of the sentence of the reporting verb at `v` could change `speaker`:
    /// the patterns found no one, or the sentence names (outside its quotations) a person other
    /// than the speaker, or has a "by" that may introduce an agent. The parse decides nothing
    /// else, so other sentences are never parsed.
    fn parse_may_differ(&self, v: usize, speaker: Option<&Who>) -> bool {
        let Some(speaker) = speaker else {
            return true;
        };
        let text = self.text;
        let Some((ss, se)) = text.sentence_of(v) else {
            return false;
        };
        // An agent follows its verb; the subject a parse could read instead is another person.
        (ss..se).filter(|&k| !self.in_quote[k]).any(|k| {
            k > v && text.is("by", k)
                || matches!(self.ent(k), Some(Ent::Person(pi))
                    if speaker.entity != Some(BuildRef::Person(pi as usize)))
        })
    }

    /// Whether `rule` may be used (not left out by [`Options::disabled`]).
    fn allows(&self, rule: Rule) -> bool {
        !self.options.disabled.has(rule)
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

impl<'t, 'a> Ctx<'t, 'a> {
    fn new(
        text: &'t Text<'a>,
        ents: &'t Entities,
        raw: &[RawQuote],
        syntax: &'t SyntaxCache<'t>,
        options: Options,
    ) -> Self {
        let in_quote = quoted_tokens(text, raw);
        let mut titled_mentions: HashMap<&'t str, Vec<usize>> = HashMap::default();
        for (k, e) in ents.token_ent.iter().enumerate() {
            if let Some(Ent::Person(pi)) = e {
                for t in &ents.persons[pi as usize].titles {
                    titled_mentions.entry(t.as_str()).or_default().push(k);
                }
            }
        }
        let mut appositive_words: HashMap<std::borrow::Cow<'t, str>, Vec<(usize, u32)>> =
            HashMap::default();
        for (k, e) in ents.token_ent.iter().enumerate() {
            let Some(Ent::Person(pi)) = e else { continue };
            if ents.token_ent.get(k + 1) == Some(Ent::Person(pi))
                || text.tok(k + 1) != ","
                || !matches!(lower(text, k + 2).as_ref(), "a" | "an" | "the")
            {
                continue;
            }
            let end = (k + 8).min(text.tokens.len());
            for j in (k + 3..end).take_while(|&j| {
                !matches!(text.tok(j), "," | "." | ";")
                    && text.tokens[j].kind() != TokKind::QuoteMark
            }) {
                appositive_words
                    .entry(lower(text, j))
                    .or_default()
                    .push((k, pi));
            }
        }
        Self {
            text,
            ents,
            syntax,
            options,
            in_quote,
            history: Vec::new(),
            quote_history: Vec::new(),
            titled_mentions,
            appositive_words,
        }
    }

    /// Attributes one quotation: its cue and speaker, or the speaker it continues or floats
    /// from, and its kind (direct, partial, or a term nobody says).
    fn attribute_one(&self, q: &RawQuote, prev: Option<&(usize, Option<Who>)>) -> Quote<BuildRef> {
        let text = self.text;
        let open_tok = text.token_at_or_after(q.open.start);
        let after_tok = q.close.map_or_else(
            || text.token_at_or_after(q.content.end),
            |c| text.token_at_or_after(c.end),
        );
        let sentence_start =
            text.is_sentence_start(open_tok) || text.tok(open_tok.wrapping_sub(1)) == ":";
        let cue = self.cue_for(open_tok, after_tok, sentence_start);
        let shape = Shape::of(&text.src[q.content.start..q.content.end]);
        let para_first = text.tokens.get(open_tok).is_some_and(|t| {
            text.paragraphs
                .get(text.paragraph(t) as usize)
                .is_some_and(|p| p.start == t.span().start)
        });
        let mut speaker: Option<Who> = cue.as_ref().and_then(|(w, ..)| w.clone());
        let mut cue_span = cue.as_ref().map(|(_, s, _)| *s);
        let mut rule = cue.as_ref().map_or(Rule::Unattributed, |(.., r)| *r);
        if let Some(verb) = cue_span.map(|cs| text.token_at_or_after(cs.start))
            && VERB_RULES.contains(&rule)
            && self.parse_may_differ(verb, speaker.as_ref())
            && let Some((who, r)) = self.parse_speaker(verb)
        {
            // The parse decides when it names a person or a passive's agent, or where the
            // patterns named no one; an organisation or place it names otherwise yields to
            // theirs (the parse is wrong more often on long proper-noun chains).
            let differs = speaker.as_ref().is_none_or(|s| s.name != who.name);
            let take =
                speaker.is_none() || who.kind == SpeakerKind::Person || r == Rule::ParseAgent;
            if take && differs {
                speaker = Some(who);
                rule = r;
            }
        }
        // "The Lee campaign said": the group a person's name modifies speaks.
        if let Some(cs) = cue_span
            && let Some(group) = speaker.as_ref().and_then(|w| self.group_of(w, cs))
        {
            speaker = Some(group);
        }
        // Continued from the previous paragraph.
        if let Some((pp, who)) = prev
            && *pp + 1 == q.paragraph
            && para_first
            && speaker.is_none()
            && self.allows(Rule::Continues)
        {
            speaker.clone_from(who);
            if speaker.is_some() {
                rule = Rule::Continues;
            }
        }
        let mut kind = if sentence_start || shape.starts_upper && shape.words >= 4 {
            QuoteKind::Direct
        } else {
            QuoteKind::Partial
        };
        if speaker.is_none() && cue_span.is_none() {
            if shape.floats(kind) && self.allows(Rule::Floating) {
                speaker = self.floating_speaker(q.open.start, open_tok);
                if speaker.is_some() {
                    rule = Rule::Floating;
                }
            } else if self.allows(Rule::Term) {
                kind = QuoteKind::Term;
            }
        }
        let term = self.allows(Rule::Term);
        if term && (shape.title_case || is_named(text, open_tok) || is_citation(text, after_tok)) {
            kind = QuoteKind::Term;
            speaker = None;
            cue_span = None;
        }
        if term && q.single && kind != QuoteKind::Term && cue_span.is_none() && shape.words < 3 {
            kind = QuoteKind::Term;
        }
        if kind == QuoteKind::Term {
            rule = Rule::Term;
        }
        Quote {
            span: q.content,
            open_mark: Some(q.open),
            close_mark: q.close,
            kind,
            speaker,
            cue: cue_span,
            rule,
            paragraph: q.paragraph,
            continues: q.continues,
        }
    }
}

/// Per token: inside a quotation.
fn quoted_tokens<'q>(text: &Text<'_>, raw: impl IntoIterator<Item = &'q RawQuote>) -> Vec<bool> {
    let n = text.tokens.len();
    let mut in_quote = vec![false; n];
    for q in raw {
        let mut k = text.token_at_or_after(q.content.start);
        while k < n && text.tokens[k].span().start < q.content.end {
            in_quote[k] = true;
            k += 1;
        }
    }
    in_quote
}

/// Attributes every quotation and finds reported speech.
pub fn attribute<'t>(
    text: &'t Text<'_>,
    ents: &'t Entities,
    raw: &[RawQuote],
    syntax: &'t SyntaxCache<'t>,
    options: Options,
) -> Vec<Quote<BuildRef>> {
    // The speaker rules parse sentences with their full-sentence quotations collapsed into one
    // word each; a fragment (lower case first) stays, its words part of the sentence's clause.
    let full = raw.iter().filter(|q| {
        text.src
            .get(q.content.start..q.content.end)
            .and_then(|c| c.chars().find(|c| c.is_alphanumeric()))
            .is_some_and(char::is_uppercase)
    });
    let collapsed = syntax.collapsing(quoted_tokens(text, full));
    let mut ctx = Ctx::new(text, ents, raw, &collapsed, options);
    // Reported speech first (sentences with no quotation mark): it feeds the history used for
    // floating quotes.
    let mut indirect = reported::find(&ctx);
    for q in &indirect {
        if let Some(s) = &q.speaker {
            ctx.history.push((q.span.start, s.clone()));
        }
    }
    ctx.add_statement_issuers();
    ctx.history.sort_by_key(|(p, _)| *p);

    let mut quotes: Vec<Quote<BuildRef>> = Vec::with_capacity(raw.len());
    let mut prev_continues: Option<(usize, Option<Who>)> = None;
    for q in raw {
        let quote = ctx.attribute_one(q, prev_continues.as_ref());
        if let Some(w) = &quote.speaker
            && quote.kind != QuoteKind::Term
        {
            ctx.quote_history.push((q.open.start, w.clone()));
        }
        prev_continues = q.continues.then(|| (q.paragraph, quote.speaker.clone()));
        quotes.push(quote);
    }
    quotes.append(&mut indirect);
    quotes.sort_by_key(|q| (q.span.start, q.span.end));
    quotes
}
