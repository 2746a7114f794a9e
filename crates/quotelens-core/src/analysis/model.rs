//! The public model of an analysis: spans, people, countries, quotes with their speakers, and
//! the [`Analysis`] that holds them, with the queries the app and the command line ask of it.
//!
//! Every pass builds towards these types; this file imports no pass.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// A byte range `[start, end)` into the analysed text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span is empty.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Whether `other` lies within this span.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// How a country is mentioned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CountryForm {
    /// Its name or an alias ("Russia", "U.S.").
    Name,
    /// A demonym ("Russian", "Ukrainians").
    Demonym,
    /// A capital or seat of power standing for the state ("Moscow", "the Kremlin").
    Capital,
}

/// A person named in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    /// Canonical name: the fullest form in the text.
    pub name: String,
    /// Every mention, sorted.
    pub mentions: Vec<Span>,
}

/// One mention of a country.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CountryMention {
    /// Where.
    pub span: Span,
    /// Name, demonym or capital.
    pub form: CountryForm,
}

/// A country named in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub code: &'static str,
    /// Canonical English name (from the country table, unless a reviewer renamed it).
    pub name: Cow<'static, str>,
    /// Every mention, sorted.
    pub mentions: Vec<CountryMention>,
}

/// What kind of quotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A full quotation in quote marks.
    Direct,
    /// A fragment quoted inside a sentence ("were “very provocative”").
    Partial,
    /// Reported speech without quote marks ("Novak said Prague wanted …").
    Indirect,
    /// A name, title or scare quote nobody is reported as saying.
    Term,
}

/// The rule that gave a quotation its speaker (or its lack of one): why this speaker, as the
/// card's hover, `analyze --json` (`"rule"`) and `eval --errors` show it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// `“…” — X`: a credit after a dash.
    DashCredit,
    /// `according to X` after the quotation.
    AccordingToAfter,
    /// `according to X, “…”`.
    AccordingToBefore,
    /// `in the words of X`.
    WordsOf,
    /// `the paper quoted X as saying`, after the quotation.
    QuotedAfter,
    /// `the paper quoted X as saying “…”`.
    QuotedBefore,
    /// `“…,” X said`.
    SubjectThenVerb,
    /// `“…,” said X`.
    VerbThenSubject,
    /// `X's answer was that “…”`.
    StanceNoun,
    /// `X did something, saying: “…”`.
    Participle,
    /// `X was described as “…” by Y`: the agent of a passive speaks.
    PassiveAgent,
    /// `X said: “…”`.
    SubjectAndVerb,
    /// `“…,” said X, “…”`: the second part of a split quotation.
    SplitQuote,
    /// A speech verb whose subject names no one: no speaker.
    UnnamedSubject,
    /// `X rejected the plan: “…”`.
    Colon,
    /// The subject of the reporting verb, read from the sentence's parse.
    ParseSubject,
    /// The `by` agent of a passive reporting verb, read from the parse.
    ParseAgent,
    /// The quotation goes on from the previous paragraph's, whose speaker it keeps.
    Continues,
    /// No cue: the speaker of the paragraph (or the one before) goes on.
    Floating,
    /// Reported speech: `X said (that) …`.
    Reported,
    /// A title, name, citation or scare quote: nobody says it.
    Term,
    /// No rule found a speaker.
    #[default]
    Unattributed,
    /// A reviewer set the speaker.
    Reviewer,
}

impl Rule {
    /// Every rule, in the order of the table above.
    pub const ALL: [Self; 23] = [
        Self::DashCredit,
        Self::AccordingToAfter,
        Self::AccordingToBefore,
        Self::WordsOf,
        Self::QuotedAfter,
        Self::QuotedBefore,
        Self::SubjectThenVerb,
        Self::VerbThenSubject,
        Self::StanceNoun,
        Self::Participle,
        Self::PassiveAgent,
        Self::SubjectAndVerb,
        Self::SplitQuote,
        Self::UnnamedSubject,
        Self::Colon,
        Self::ParseSubject,
        Self::ParseAgent,
        Self::Continues,
        Self::Floating,
        Self::Reported,
        Self::Term,
        Self::Unattributed,
        Self::Reviewer,
    ];

    /// Its name, as `analyze --json` writes it and the card's hover shows it.
    pub fn label(self) -> &'static str {
        match self {
            Self::DashCredit => "credit after a dash",
            Self::AccordingToAfter => "according to, after",
            Self::AccordingToBefore => "according to, before",
            Self::WordsOf => "in the words of",
            Self::QuotedAfter => "quoted as saying, after",
            Self::QuotedBefore => "quoted as saying, before",
            Self::SubjectThenVerb => "subject then reporting verb, after",
            Self::VerbThenSubject => "reporting verb then subject, after",
            Self::StanceNoun => "owner of a stance noun",
            Self::Participle => "subject of the clause a participle hangs on",
            Self::PassiveAgent => "by agent of a passive reporting verb",
            Self::SubjectAndVerb => "subject of reporting verb, before",
            Self::SplitQuote => "speaker between the parts of a split quotation",
            Self::UnnamedSubject => "reporting verb with an unnamed subject",
            Self::Colon => "subject of the clause before a colon",
            Self::ParseSubject => "subject of reporting verb (parse)",
            Self::ParseAgent => "agent of passive reporting verb (parse)",
            Self::Continues => "continues previous speaker",
            Self::Floating => "speaker of the paragraph goes on",
            Self::Reported => "reported speech",
            Self::Term => "not speech",
            Self::Unattributed => "no speaker found",
            Self::Reviewer => "set by a reviewer",
        }
    }

    /// The rule of a label ([`Rule::label`]).
    pub fn from_label(label: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.label() == label)
    }

    /// This rule as one bit of a [`Rules`] set.
    const fn bit(self) -> u32 {
        1 << self as u32
    }
}

/// A set of [`Rule`]s: the ones an analysis leaves out ([`Options::disabled`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rules(u32);

impl Rules {
    /// The set of one rule.
    pub const fn only(r: Rule) -> Self {
        Self(r.bit())
    }

    /// Whether `r` is in the set.
    pub const fn has(self, r: Rule) -> bool {
        self.0 & r.bit() != 0
    }
}

/// How an analysis runs: for ablations and for tests that check every rule matters. The default
/// is what the app and the CLI use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Whether speaker rules may read sentences' parses (`eval --no-syntax` turns it off).
    pub syntax: bool,
    /// Rules left out, as if they had never matched.
    pub disabled: Rules,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            syntax: true,
            disabled: Rules::default(),
        }
    }
}

/// What kind of speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    /// A person.
    Person,
    /// An organisation, publication or institution.
    Organization,
    /// A country (or its seat of power).
    Country,
    /// Known only by a description.
    Unknown,
}

/// A reference to an entity of the analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityRef {
    /// Index into [`Analysis::people`].
    Person(usize),
    /// Index into [`Analysis::countries`].
    Country(usize),
}

/// Who said a quotation.
///
/// `R` is what `entity` points into. Public results use [`EntityRef`] (indices into
/// [`Analysis::people`] and [`Analysis::countries`]); the passes use their own reference type
/// while the analysis is built, and the pipeline maps it once with [`Speaker::map_entity`].
#[derive(Clone, Debug, PartialEq)]
pub struct Speaker<R = EntityRef> {
    /// Canonical name of the speaker.
    pub name: String,
    /// Person, organisation, country or unknown.
    pub kind: SpeakerKind,
    /// The entity, when the speaker is a person or country of this analysis.
    pub entity: Option<R>,
    /// Where the speaker is named for this quote (may be a pronoun), if anywhere.
    pub span: Option<Span>,
}

impl<R> Speaker<R> {
    /// The same speaker with its entity reference mapped by `f` (`None` drops the reference).
    pub fn map_entity<S>(self, f: impl FnOnce(R) -> Option<S>) -> Speaker<S> {
        Speaker {
            name: self.name,
            kind: self.kind,
            entity: self.entity.and_then(f),
            span: self.span,
        }
    }
}

/// A quotation (or reported speech). `R` is the speaker's entity reference (see [`Speaker`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Quote<R = EntityRef> {
    /// The quoted words, without the quote marks.
    pub span: Span,
    /// The opening mark, if any.
    pub open_mark: Option<Span>,
    /// The closing mark, if any (broken quotes may have none).
    pub close_mark: Option<Span>,
    /// Direct, partial, indirect or term.
    pub kind: QuoteKind,
    /// Who said it, if known.
    pub speaker: Option<Speaker<R>>,
    /// The speech cue ("said", "according to"), if any.
    pub cue: Option<Span>,
    /// The rule that gave the speaker, or found none.
    pub rule: Rule,
    /// Index into [`Analysis::paragraphs`].
    pub paragraph: usize,
    /// Whether the quotation goes on in the next paragraph's first quote.
    pub continues: bool,
}

impl<R> Quote<R> {
    /// The same quote with its speaker's entity reference mapped by `f`.
    pub fn map_entity<S>(self, f: impl FnOnce(R) -> Option<S>) -> Quote<S> {
        Quote {
            span: self.span,
            open_mark: self.open_mark,
            close_mark: self.close_mark,
            kind: self.kind,
            speaker: self.speaker.map(|s| s.map_entity(f)),
            cue: self.cue,
            rule: self.rule,
            paragraph: self.paragraph,
            continues: self.continues,
        }
    }

    /// The whole highlighted extent: marks included.
    pub fn outer(&self) -> Span {
        let start = self
            .open_mark
            .map_or(self.span.start, |m| m.start.min(self.span.start));
        let end = self
            .close_mark
            .map_or(self.span.end, |m| m.end.max(self.span.end));
        Span::new(start, end)
    }

    /// Whether the quote is speech someone is reported as saying (not a term).
    pub fn is_speech(&self) -> bool {
        self.kind != QuoteKind::Term
    }
}

/// Everything found in one text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    /// Paragraph byte ranges (trimmed), sorted; the first is the title.
    pub paragraphs: Vec<Span>,
    /// People, in order of first mention.
    pub people: Vec<Person>,
    /// Countries, in order of first mention.
    pub countries: Vec<Country>,
    /// Quotations and reported speech, sorted by start.
    pub quotes: Vec<Quote>,
}

/// How many quotations in quote marks (direct and partial) and how much reported speech a set
/// of quotes holds; terms are not counted. Its `Display` is the one wording of counts that the
/// status bar, the panel headers and the CLI share: "12 quotes · 4 reported", a zero part left
/// out unless both are zero ("0 quotes").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QuoteCounts {
    /// Direct and partial quotations.
    pub quotations: usize,
    /// Reported (indirect) speech.
    pub reported: usize,
}

impl QuoteCounts {
    /// Counts the speech among `quotes`.
    pub fn of<'a>(quotes: impl IntoIterator<Item = &'a Quote>) -> Self {
        quotes.into_iter().fold(Self::default(), Self::with)
    }

    /// These counts with `q` counted too.
    #[must_use]
    pub fn with(self, q: &Quote) -> Self {
        let mut c = self;
        match q.kind {
            QuoteKind::Direct | QuoteKind::Partial => c.quotations += 1,
            QuoteKind::Indirect => c.reported += 1,
            QuoteKind::Term => {}
        }
        c
    }

    /// Quotations and reported speech together.
    pub fn total(self) -> usize {
        self.quotations + self.reported
    }

    /// The wording of counts lines (the status bar, the CLI summary, reports, `batch`), in the
    /// one vocabulary: a *statement* is a quote (in quote marks, whole or partial) or reported
    /// speech. "5 statements: 4 quotes, 1 reported"; with one kind only, "4 quotes" or
    /// "1 reported"; "0 statements".
    pub fn statements(self) -> String {
        let quotes = |n: usize| format!("{n} quote{}", if n == 1 { "" } else { "s" });
        match (self.quotations, self.reported) {
            (0, 0) => "0 statements".to_string(),
            (q, 0) => quotes(q),
            (0, r) => format!("{r} reported"),
            (q, r) => format!("{} statements: {}, {r} reported", q + r, quotes(q)),
        }
    }
}

impl std::fmt::Display for QuoteCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let quotes = |f: &mut std::fmt::Formatter<'_>| {
            let s = if self.quotations == 1 { "" } else { "s" };
            write!(f, "{} quote{s}", self.quotations)
        };
        match (self.quotations, self.reported) {
            (_, 0) => quotes(f),
            (0, r) => write!(f, "{r} reported"),
            (_, r) => {
                quotes(f)?;
                write!(f, " · {r} reported")
            }
        }
    }
}

/// The quotes of one speaker, as indices into [`Analysis::quotes`].
#[derive(Clone, Debug, PartialEq)]
pub struct SpeakerGroup {
    /// Speaker name; `None` for unattributed quotes.
    pub name: Option<String>,
    /// The speaker's quotes, in text order.
    pub quotes: Vec<usize>,
}

impl Analysis {
    /// For each person, the quotations and reported speech attributed to them.
    pub fn quotes_per_person(&self) -> Vec<QuoteCounts> {
        let mut counts = vec![QuoteCounts::default(); self.people.len()];
        for q in &self.quotes {
            if let Some(EntityRef::Person(pi)) = q.speaker.as_ref().and_then(|s| s.entity)
                && let Some(c) = counts.get_mut(pi)
            {
                *c = c.with(q);
            }
        }
        counts
    }

    /// "3 people · 2 countries · 16 statements: 12 quotes, 4 reported": the counts line of the
    /// status bar, the CLI summary and the reports, with `quotes` counted over what is shown
    /// (see [`QuoteCounts::statements`]).
    pub fn count_words(&self, quotes: QuoteCounts) -> String {
        let (np, nc) = (self.people.len(), self.countries.len());
        format!(
            "{np} {} · {nc} {} · {}",
            if np == 1 { "person" } else { "people" },
            if nc == 1 { "country" } else { "countries" },
            quotes.statements()
        )
    }

    /// The statements of each speaker that is a person or country of the article: most first,
    /// ties in order of the speaker's first statement.
    pub fn statements_per_speaker(&self) -> Vec<(EntityRef, QuoteCounts)> {
        let mut out: Vec<(EntityRef, QuoteCounts)> = Vec::new();
        for q in self.quotes.iter().filter(|q| q.is_speech()) {
            let Some(e) = q.speaker.as_ref().and_then(|s| s.entity) else {
                continue;
            };
            match out.iter_mut().find(|(x, _)| *x == e) {
                Some((_, c)) => *c = c.with(q),
                None => out.push((e, QuoteCounts::default().with(q))),
            }
        }
        out.sort_by_key(|(_, c)| std::cmp::Reverse(c.total()));
        out
    }

    /// How many of the article's people are quoted (a statement is theirs), and how many are
    /// only mentioned.
    pub fn quoted_and_mentioned(&self) -> (usize, usize) {
        let quoted = self
            .quotes_per_person()
            .iter()
            .filter(|c| c.total() > 0)
            .count();
        (quoted, self.people.len() - quoted)
    }

    /// Quotations in quote marks and reported speech, counted as the app and the CLI show them.
    pub fn quote_counts(&self) -> QuoteCounts {
        QuoteCounts::of(self.quotes.iter())
    }

    /// Groups the quotes that `keep` accepts by speaker name: most quotes first, unattributed
    /// quotes last, ties in order of each speaker's first quote.
    pub fn speaker_groups(&self, keep: impl Fn(&Quote) -> bool) -> Vec<SpeakerGroup> {
        let mut index: foldhash::HashMap<Option<&str>, usize> = foldhash::HashMap::default();
        let mut groups: Vec<SpeakerGroup> = Vec::new();
        for (qi, q) in self.quotes.iter().enumerate().filter(|(_, q)| keep(q)) {
            let key = q.speaker.as_ref().map(|s| s.name.as_str());
            let gi = *index.entry(key).or_insert_with(|| {
                groups.push(SpeakerGroup {
                    name: key.map(str::to_string),
                    quotes: Vec::new(),
                });
                groups.len() - 1
            });
            groups[gi].quotes.push(qi);
        }
        groups.sort_by(|a, b| {
            a.name
                .is_none()
                .cmp(&b.name.is_none())
                .then(b.quotes.len().cmp(&a.quotes.len()))
        });
        groups
    }

    /// The canonical name of a person or country.
    pub fn entity_name(&self, e: EntityRef) -> &str {
        match e {
            EntityRef::Person(pi) => self.people.get(pi).map_or("", |p| p.name.as_str()),
            EntityRef::Country(ci) => self.countries.get(ci).map_or("", |c| &c.name),
        }
    }

    /// Checks the span invariants against the text the analysis came from: every span in
    /// bounds and on char boundaries, paragraphs, mentions and quotes sorted, and every speaker
    /// reference pointing at an existing entity. Returns the first broken invariant.
    pub fn check_spans(&self, text: &str) -> Result<(), String> {
        let ok = |s: &Span| {
            s.start <= s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        };
        let bad = |what: &str, s: &Span| {
            Err(format!("{what} {}..{} is not a valid span", s.start, s.end))
        };
        for p in &self.paragraphs {
            if !ok(p) {
                return bad("paragraph", p);
            }
        }
        if self.paragraphs.windows(2).any(|w| w[0].end > w[1].start) {
            return Err("paragraphs overlap or are out of order".into());
        }
        for p in &self.people {
            if let Some(m) = p.mentions.iter().find(|m| !ok(m)) {
                return bad("person mention", m);
            }
            if p.mentions.windows(2).any(|w| w[0].start > w[1].start) {
                return Err(format!("mentions of {} are out of order", p.name));
            }
        }
        for c in &self.countries {
            if let Some(m) = c.mentions.iter().find(|m| !ok(&m.span)) {
                return bad("country mention", &m.span);
            }
            if c.mentions
                .windows(2)
                .any(|w| w[0].span.start > w[1].span.start)
            {
                return Err(format!("mentions of {} are out of order", c.name));
            }
        }
        if self
            .quotes
            .windows(2)
            .any(|w| (w[0].span.start, w[0].span.end) > (w[1].span.start, w[1].span.end))
        {
            return Err("quotes are out of order".into());
        }
        for (qi, q) in self.quotes.iter().enumerate() {
            let parts = [Some(q.span), q.open_mark, q.close_mark, q.cue];
            if let Some(s) = parts.iter().flatten().find(|s| !ok(s)) {
                return bad("quote part", s);
            }
            if q.paragraph >= self.paragraphs.len() {
                return Err(format!("quote {qi} is in a paragraph that does not exist"));
            }
            let Some(sp) = &q.speaker else { continue };
            if let Some(s) = sp.span.iter().find(|s| !ok(s)) {
                return bad("speaker", s);
            }
            let exists = match sp.entity {
                Some(EntityRef::Person(i)) => i < self.people.len(),
                Some(EntityRef::Country(i)) => i < self.countries.len(),
                None => true,
            };
            if !exists {
                return Err(format!("quote {qi} names a speaker that does not exist"));
            }
        }
        Ok(())
    }

    /// Whether the words of `q` mention the entity.
    pub fn quote_mentions(&self, q: &Quote, e: EntityRef) -> bool {
        match e {
            EntityRef::Person(pi) => self
                .people
                .get(pi)
                .is_some_and(|p| p.mentions.iter().any(|m| q.span.contains(m))),
            EntityRef::Country(ci) => self
                .countries
                .get(ci)
                .is_some_and(|c| c.mentions.iter().any(|m| q.span.contains(&m.span))),
        }
    }
}
