//! Applying a review's corrections, in order, to the engine's analysis of a text: the
//! reviewed analysis (its invariants kept: spans sorted, references valid), which quotes are
//! checked, which items a person corrected, and which corrections could not be placed.

use std::borrow::Cow;

use crate::analysis::{
    self, Analysis, Country, CountryMention, EntityRef, Person, Quote, QuoteKind, Rule, Span,
    Speaker, SpeakerKind,
};

use super::anchor::{self, CharIndex};
use super::{Correction, EntityKind, Named};

/// What a review marks on the items of the reviewed analysis (each list parallel to the
/// analysis's).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    /// Quotes a person checked.
    pub checked: Vec<bool>,
    /// Quotes a person corrected (speaker, kind) or added.
    pub quotes: Vec<bool>,
    /// Quotes a person added (the engine did not find them).
    pub added: Vec<bool>,
    /// People a person corrected (renamed, merged, split, added).
    pub people: Vec<bool>,
    /// Countries a person corrected.
    pub countries: Vec<bool>,
}

impl Flags {
    /// No quote checked, nothing corrected, for `a`.
    pub fn none(a: &Analysis) -> Self {
        Self {
            checked: vec![false; a.quotes.len()],
            quotes: vec![false; a.quotes.len()],
            added: vec![false; a.quotes.len()],
            people: vec![false; a.people.len()],
            countries: vec![false; a.countries.len()],
        }
    }

    /// How many speech quotes (not terms) of `a` are checked, and how many there are.
    pub fn checked_of(&self, a: &Analysis) -> (usize, usize) {
        let speech = a.quotes.iter().enumerate().filter(|(_, q)| q.is_speech());
        speech.fold((0, 0), |(c, n), (qi, _)| {
            (c + usize::from(self.checked.get(qi) == Some(&true)), n + 1)
        })
    }
}

impl Flags {
    /// Marks what the review checked and corrected in the JSON of the reviewed analysis.
    pub fn mark_json(&self, doc: &mut crate::analysis::export::JsonAnalysis) {
        let on = |v: &[bool], i: usize| v.get(i).copied().unwrap_or(false);
        self.mark_quotes(&mut doc.quotes);
        for (i, p) in doc.people.iter_mut().enumerate() {
            p.reviewed = on(&self.people, i);
        }
        for (i, c) in doc.countries.iter_mut().enumerate() {
            c.reviewed = on(&self.countries, i);
        }
    }

    /// Marks the checked and corrected quotes of a JSON document's quotes (all of them, in
    /// order, as [`crate::analysis::export::quotes_json`] gives them).
    pub fn mark_quotes(&self, quotes: &mut [crate::analysis::export::JsonQuote]) {
        let on = |v: &[bool], i: usize| v.get(i).copied().unwrap_or(false);
        for (i, q) in quotes.iter_mut().enumerate() {
            q.checked = on(&self.checked, i);
            q.reviewed = on(&self.quotes, i);
        }
    }
}

/// An analysis with a review applied.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reviewed {
    /// The analysis as corrected.
    pub analysis: Analysis,
    /// What is checked and corrected in it.
    pub flags: Flags,
    /// The corrections (indices) that could not be placed in the text, or that no longer
    /// apply (the quote or person they name is gone).
    pub unplaced: Vec<usize>,
}

/// The analysis being corrected: entities removed are left as `None` until the end, so that
/// the references of quotes stay valid while corrections apply.
struct Work {
    people: Vec<Option<(Person, bool)>>,
    countries: Vec<Option<(Country, bool)>>,
    /// Each quote, whether it is checked, and whether it was corrected.
    quotes: Vec<(Quote, bool, bool, bool)>,
    paragraphs: Vec<Span>,
}

/// Applies `corrections` in order to `base`, the engine's analysis of `text`. They may be bare
/// [`Correction`]s or a review's [`super::Entry`]s.
pub fn apply<C: AsRef<Correction>>(base: &Analysis, text: &str, corrections: &[C]) -> Reviewed {
    let mut w = Work {
        people: base
            .people
            .iter()
            .map(|p| Some((p.clone(), false)))
            .collect(),
        countries: base
            .countries
            .iter()
            .map(|c| Some((c.clone(), false)))
            .collect(),
        quotes: base
            .quotes
            .iter()
            .map(|q| (q.clone(), false, false, false))
            .collect(),
        paragraphs: base.paragraphs.clone(),
    };
    let chars = CharIndex::new(text);
    let mut unplaced = Vec::new();
    for (i, c) in corrections.iter().map(AsRef::as_ref).enumerate() {
        let spans: Option<Vec<Span>> = c
            .anchors()
            .iter()
            .map(|a| anchor::place(text, &chars, a))
            .collect();
        let applied = spans.is_some_and(|spans| w.apply(c, &spans, text));
        if !applied {
            unplaced.push(i);
        }
    }
    let (analysis, flags) = w.finish();
    Reviewed {
        analysis,
        flags,
        unplaced,
    }
}

/// The quote marks right before and right after `at`, which are a quote's there.
fn marks_around(text: &str, at: Span) -> (Option<Span>, Option<Span>) {
    let is_mark = analysis::is_quote_mark;
    let open_mark = text
        .get(..at.start)
        .and_then(|t| t.chars().next_back())
        .filter(|&c| is_mark(c))
        .map(|c| Span::new(at.start - c.len_utf8(), at.start));
    let close_mark = text
        .get(at.end..)
        .and_then(|t| t.chars().next())
        .filter(|&c| is_mark(c))
        .map(|c| Span::new(at.end, at.end + c.len_utf8()));
    (open_mark, close_mark)
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

impl Work {
    /// Applies one correction, placed at `spans`; returns whether it applied.
    fn apply(&mut self, c: &Correction, spans: &[Span], text: &str) -> bool {
        let Some(&at) = spans.first() else {
            return false;
        };
        match c {
            Correction::Check { checked, .. } => self.quote_at(at).is_some_and(|qi| {
                self.quotes[qi].1 = *checked;
                true
            }),
            Correction::Speaker { speaker, .. } => self.quote_at(at).is_some_and(|qi| {
                let sp = self.speaker(speaker);
                let q = &mut self.quotes[qi];
                q.0.speaker = Some(sp);
                q.0.rule = Rule::Reviewer;
                q.2 = true;
                true
            }),
            Correction::Kind { kind, .. } => self.quote_at(at).is_some_and(|qi| {
                let q = &mut self.quotes[qi];
                q.0.kind = *kind;
                q.2 = true;
                true
            }),
            Correction::AddQuote { kind, speaker, .. } => {
                self.add_quote(at, *kind, speaker.as_ref(), text);
                true
            }
            Correction::Span { .. } => {
                let Some(&to) = spans.get(1) else {
                    return false;
                };
                let Some(qi) = self.quote_at(at) else {
                    return false;
                };
                // Never into another quote's words.
                let clash = self
                    .quotes
                    .iter()
                    .enumerate()
                    .any(|(j, (o, ..))| j != qi && overlaps(o.outer(), to));
                !clash && {
                    let (open_mark, close_mark) = marks_around(text, to);
                    let q = &mut self.quotes[qi];
                    q.0.span = to;
                    q.0.open_mark = open_mark.or(q.0.open_mark.filter(|m| m.end == to.start));
                    q.0.close_mark = close_mark.or(q.0.close_mark.filter(|m| m.start == to.end));
                    q.2 = true;
                    true
                }
            }
            Correction::Reassign { name, .. } => {
                let mut any = false;
                for &m in spans {
                    any |= self.split(m, name);
                }
                any
            }
            Correction::Rename { entity, name, .. } => self.rename(*entity, at, name),
            Correction::Merge { .. } => spans.get(1).is_some_and(|&into| self.merge(at, into)),
            Correction::Split { name, .. } => self.split(at, name),
            Correction::NotEntity { entity, .. } => self.remove(*entity, at),
            Correction::AddEntity { entity, name, .. } => self.add_entity(*entity, at, name, text),
        }
    }

    /// The quote whose words are `at`, or else the one whose words overlap it most.
    fn quote_at(&self, at: Span) -> Option<usize> {
        if let Some(qi) = self.quotes.iter().position(|(q, ..)| q.span == at) {
            return Some(qi);
        }
        let shared = |q: &Quote| {
            q.span
                .end
                .min(at.end)
                .saturating_sub(q.span.start.max(at.start))
        };
        self.quotes
            .iter()
            .enumerate()
            .map(|(qi, (q, ..))| (shared(q), qi))
            .filter(|&(n, _)| n > 0)
            .max_by_key(|&(n, qi)| (n, std::cmp::Reverse(qi)))
            .map(|(_, qi)| qi)
    }

    /// The live person with a mention at `at` (or else overlapping it).
    fn person_at(&self, at: Span) -> Option<usize> {
        let find = |test: &dyn Fn(&Span) -> bool| {
            self.people
                .iter()
                .position(|p| p.as_ref().is_some_and(|(p, _)| p.mentions.iter().any(test)))
        };
        find(&|m| *m == at).or_else(|| find(&|m| overlaps(*m, at)))
    }

    /// The live country with a mention at `at` (or else overlapping it).
    fn country_at(&self, at: Span) -> Option<usize> {
        let find = |test: &dyn Fn(&Span) -> bool| {
            self.countries.iter().position(|c| {
                c.as_ref()
                    .is_some_and(|(c, _)| c.mentions.iter().any(|m| test(&m.span)))
            })
        };
        find(&|m| *m == at).or_else(|| find(&|m| overlaps(*m, at)))
    }

    /// The live person called `name` (exactly, or else ignoring case).
    fn person_named(&self, name: &str) -> Option<usize> {
        let find = |test: &dyn Fn(&str) -> bool| {
            self.people
                .iter()
                .position(|p| p.as_ref().is_some_and(|(p, _)| test(&p.name)))
        };
        find(&|n| n == name).or_else(|| find(&|n| n.to_lowercase() == name.to_lowercase()))
    }

    /// The speaker a reviewer names: the person or country of that name, if any.
    fn speaker(&self, named: &Named) -> Speaker {
        let entity = match named.kind {
            SpeakerKind::Person => self.person_named(&named.name).map(EntityRef::Person),
            SpeakerKind::Country => {
                let code = analysis::country_named(&named.name).map(|(code, ..)| code);
                self.countries
                    .iter()
                    .position(|c| {
                        c.as_ref().is_some_and(|(c, _)| {
                            c.name.eq_ignore_ascii_case(&named.name) || Some(c.code) == code
                        })
                    })
                    .map(EntityRef::Country)
            }
            SpeakerKind::Organization | SpeakerKind::Unknown => None,
        };
        let name = match entity {
            Some(EntityRef::Person(pi)) => self.people[pi]
                .as_ref()
                .map_or_else(|| named.name.clone(), |(p, _)| p.name.clone()),
            Some(EntityRef::Country(ci)) => self.countries[ci]
                .as_ref()
                .map_or_else(|| named.name.clone(), |(c, _)| c.name.to_string()),
            None => named.name.clone(),
        };
        Speaker {
            name,
            kind: named.kind,
            entity,
            span: None,
        }
    }

    fn add_quote(&mut self, at: Span, kind: QuoteKind, speaker: Option<&Named>, text: &str) {
        let speaker = speaker.map(|s| self.speaker(s));
        if let Some(qi) = self.quotes.iter().position(|(q, ..)| q.span == at) {
            let q = &mut self.quotes[qi];
            q.0.kind = kind;
            q.0.speaker = speaker;
            q.0.rule = Rule::Reviewer;
            q.2 = true;
            return;
        }
        let (open_mark, close_mark) = marks_around(text, at);
        let paragraph = self
            .paragraphs
            .partition_point(|p| p.end < at.start)
            .min(self.paragraphs.len().saturating_sub(1));
        let quote = Quote {
            span: at,
            open_mark,
            close_mark,
            kind,
            speaker,
            cue: None,
            rule: Rule::Reviewer,
            paragraph,
            continues: false,
        };
        self.quotes.push((quote, false, true, true));
    }

    fn rename(&mut self, entity: EntityKind, at: Span, name: &str) -> bool {
        let name = name.trim();
        if name.is_empty() {
            return false;
        }
        match entity {
            EntityKind::Person => {
                let Some(pi) = self.person_at(at) else {
                    return false;
                };
                if let Some((p, corrected)) = &mut self.people[pi] {
                    p.name = name.to_string();
                    *corrected = true;
                }
                self.rename_speakers(EntityRef::Person(pi), name);
            }
            EntityKind::Country => {
                let Some(ci) = self.country_at(at) else {
                    return false;
                };
                if let Some((c, corrected)) = &mut self.countries[ci] {
                    c.name = Cow::Owned(name.to_string());
                    *corrected = true;
                }
                self.rename_speakers(EntityRef::Country(ci), name);
            }
        }
        true
    }

    fn rename_speakers(&mut self, e: EntityRef, name: &str) {
        for (q, ..) in &mut self.quotes {
            if let Some(s) = &mut q.speaker
                && s.entity == Some(e)
            {
                s.name = name.to_string();
            }
        }
    }

    /// Moves the speakers `from` to `to` (renamed), or drops them when `to` is `None`.
    fn move_speakers(
        &mut self,
        from: EntityRef,
        to: Option<(EntityRef, &str)>,
        only: Option<Span>,
    ) {
        for (q, _, corrected, _) in &mut self.quotes {
            let Some(s) = &mut q.speaker else { continue };
            if s.entity != Some(from)
                || only.is_some_and(|m| s.span.is_none_or(|x| !overlaps(x, m)))
            {
                continue;
            }
            match to {
                Some((e, name)) => {
                    s.entity = Some(e);
                    s.name = name.to_string();
                }
                None => q.speaker = None,
            }
            *corrected = true;
        }
    }

    fn merge(&mut self, from: Span, into: Span) -> bool {
        let (Some(a), Some(b)) = (self.person_at(from), self.person_at(into)) else {
            return false;
        };
        if a == b {
            return false;
        }
        let Some((gone, _)) = self.people[a].take() else {
            return false;
        };
        let Some((kept, corrected)) = &mut self.people[b] else {
            return false;
        };
        kept.mentions.extend(gone.mentions);
        kept.mentions.sort_unstable();
        kept.mentions.dedup();
        *corrected = true;
        let name = kept.name.clone();
        self.move_speakers(
            EntityRef::Person(a),
            Some((EntityRef::Person(b), &name)),
            None,
        );
        true
    }

    /// Takes mention `m` off person `pi`; a person left with no mention goes.
    fn take_mention(&mut self, pi: usize, m: Span) {
        if let Some((p, corrected)) = &mut self.people[pi] {
            p.mentions.retain(|x| !overlaps(*x, m));
            *corrected = true;
            if p.mentions.is_empty() {
                self.people[pi] = None;
            }
        }
    }

    /// The person called `name` with mention `m` added: an existing one, or a new one.
    fn person_with(&mut self, name: &str, m: Span) -> usize {
        if let Some(pi) = self.person_named(name)
            && let Some((p, corrected)) = &mut self.people[pi]
        {
            p.mentions.push(m);
            p.mentions.sort_unstable();
            p.mentions.dedup();
            *corrected = true;
            return pi;
        }
        let person = Person {
            name: name.to_string(),
            mentions: vec![m],
        };
        self.people.push(Some((person, true)));
        self.people.len() - 1
    }

    fn split(&mut self, at: Span, name: &str) -> bool {
        let name = name.trim();
        let Some(pi) = self.person_at(at) else {
            return false;
        };
        if name.is_empty() {
            return false;
        }
        let m = self.people[pi]
            .as_ref()
            .and_then(|(p, _)| p.mentions.iter().copied().find(|x| overlaps(*x, at)))
            .unwrap_or(at);
        self.take_mention(pi, m);
        let to = self.person_with(name, m);
        let to_name = self.people[to]
            .as_ref()
            .map_or_else(|| name.to_string(), |(p, _)| p.name.clone());
        let alive = self.people[pi].is_some();
        // The quotes attributed at this mention follow it; all of them if the person is gone.
        let only = alive.then_some(m);
        self.move_speakers(
            EntityRef::Person(pi),
            Some((EntityRef::Person(to), &to_name)),
            only,
        );
        true
    }

    fn remove(&mut self, entity: EntityKind, at: Span) -> bool {
        let e = match entity {
            EntityKind::Person => self.person_at(at).map(EntityRef::Person),
            EntityKind::Country => self.country_at(at).map(EntityRef::Country),
        };
        let Some(e) = e else {
            return false;
        };
        match e {
            EntityRef::Person(pi) => self.people[pi] = None,
            EntityRef::Country(ci) => self.countries[ci] = None,
        }
        self.move_speakers(e, None, None);
        true
    }

    fn add_entity(&mut self, entity: EntityKind, at: Span, name: &str, text: &str) -> bool {
        let name = name.trim();
        if name.is_empty() {
            return false;
        }
        let country = match entity {
            EntityKind::Country => {
                let Some(found) = analysis::country_named(name) else {
                    return false;
                };
                Some(found)
            }
            EntityKind::Person => None,
        };
        // The stretch is this entity's now: no other person or country keeps a mention there.
        for pi in 0..self.people.len() {
            let hit = self.people[pi]
                .as_ref()
                .is_some_and(|(p, _)| p.mentions.iter().any(|m| overlaps(*m, at)));
            if hit {
                self.take_mention(pi, at);
            }
        }
        for slot in &mut self.countries {
            if let Some((c, corrected)) = slot
                && c.mentions.iter().any(|m| overlaps(m.span, at))
            {
                c.mentions.retain(|m| !overlaps(m.span, at));
                *corrected = true;
                if c.mentions.is_empty() {
                    *slot = None;
                }
            }
        }
        let Some((code, canonical, _)) = country else {
            self.person_with(name, at);
            return true;
        };
        // The form is what the mention's words are (a demonym, a capital), else a name.
        let form = text
            .get(at.start..at.end)
            .and_then(analysis::country_named)
            .filter(|(c, ..)| *c == code)
            .map_or(analysis::CountryForm::Name, |(.., f)| f);
        let mention = CountryMention { span: at, form };
        let existing = self
            .countries
            .iter()
            .position(|c| c.as_ref().is_some_and(|(c, _)| c.code == code));
        if let Some(ci) = existing
            && let Some((c, corrected)) = &mut self.countries[ci]
        {
            c.mentions.push(mention);
            c.mentions
                .sort_unstable_by_key(|m| (m.span.start, m.span.end));
            *corrected = true;
        } else {
            self.countries.push(Some((
                Country {
                    code,
                    name: Cow::Borrowed(canonical),
                    mentions: vec![mention],
                },
                true,
            )));
        }
        true
    }

    /// The analysis: entities in order of first mention, quotes sorted, references remapped.
    fn finish(self) -> (Analysis, Flags) {
        fn order<T>(
            items: Vec<Option<(T, bool)>>,
            first: impl Fn(&T) -> usize,
        ) -> (Vec<T>, Vec<bool>, Vec<Option<usize>>) {
            let n = items.len();
            let mut live: Vec<(usize, T, bool)> = items
                .into_iter()
                .enumerate()
                .filter_map(|(i, x)| x.map(|(t, f)| (i, t, f)))
                .collect();
            live.sort_by_key(|(i, t, _)| (first(t), *i));
            let mut remap = vec![None; n];
            let mut out = Vec::with_capacity(live.len());
            let mut flags = Vec::with_capacity(live.len());
            for (new, (old, t, f)) in live.into_iter().enumerate() {
                remap[old] = Some(new);
                out.push(t);
                flags.push(f);
            }
            (out, flags, remap)
        }
        let (people, people_flags, people_map) = order(self.people, |p: &Person| {
            p.mentions.first().map_or(usize::MAX, |m| m.start)
        });
        let (countries, country_flags, country_map) = order(self.countries, |c: &Country| {
            c.mentions.first().map_or(usize::MAX, |m| m.span.start)
        });
        let mut quotes = self.quotes;
        quotes.sort_by_key(|(q, ..)| (q.span.start, q.span.end));
        let (mut out, mut checked, mut corrected, mut added) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (q, c, f, a) in quotes {
            out.push(q.map_entity(|e| {
                match e {
                    EntityRef::Person(i) => {
                        people_map.get(i).copied().flatten().map(EntityRef::Person)
                    }
                    EntityRef::Country(i) => country_map
                        .get(i)
                        .copied()
                        .flatten()
                        .map(EntityRef::Country),
                }
            }));
            checked.push(c);
            corrected.push(f);
            added.push(a);
        }
        (
            Analysis {
                paragraphs: self.paragraphs,
                people,
                countries,
                quotes: out,
            },
            Flags {
                checked,
                quotes: corrected,
                added,
                people: people_flags,
                countries: country_flags,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::anchor::Anchor;

    /// An invented article: two people, an organisation, a demonym, and a sentence of reported
    /// speech by an unnamed official that the engine has no name for.
    const TEXT: &str = "Harbour plan wins council vote\n\nMayor Dan Whitfield said on Monday that the harbour plan would go ahead. \"We have waited long enough,\" Whitfield said.\n\n\"It is a gamble,\" said Delmar Corp, the developer of the site.\n\nPaul Brandt, the council chairman, disagreed. \"The vote was rushed,\" he said. Brandt added that a Norwegian bank would lend the money.\n\nThe harbour master said the tides had changed.\n";

    fn span_of(words: &str) -> Span {
        let s = TEXT.find(words).unwrap_or(usize::MAX);
        Span::new(s, s + words.len())
    }

    fn at(words: &str) -> Anchor {
        anchor::anchor(TEXT, &CharIndex::new(TEXT), span_of(words))
    }

    /// The anchor of the whole quote whose words include `words`.
    fn quote(base: &Analysis, words: &str) -> Anchor {
        let w = span_of(words);
        let q = base.quotes.iter().find(|q| q.span.contains(&w));
        anchor::anchor(TEXT, &CharIndex::new(TEXT), q.map_or(w, |q| q.span))
    }

    fn named(name: &str, kind: SpeakerKind) -> Named {
        Named {
            name: name.into(),
            kind,
        }
    }

    fn speaker_of(a: &Analysis, words: &str) -> Option<(String, Option<String>)> {
        let w = span_of(words);
        let q = a.quotes.iter().find(|q| q.span.contains(&w))?;
        q.speaker.as_ref().map(|s| {
            (
                s.name.clone(),
                s.entity.map(|e| a.entity_name(e).to_string()),
            )
        })
    }

    fn people(a: &Analysis) -> Vec<(String, usize)> {
        a.people
            .iter()
            .map(|p| (p.name.clone(), p.mentions.len()))
            .collect()
    }

    #[test]
    fn the_invented_article_reads_as_the_rows_below_assume() {
        let base = analysis::analyze(TEXT);
        assert_eq!(
            people(&base),
            [
                ("Dan Whitfield".to_string(), 2),
                ("Paul Brandt".to_string(), 2)
            ]
        );
        assert_eq!(
            speaker_of(&base, "The vote was rushed"),
            Some(("Paul Brandt".into(), Some("Paul Brandt".into())))
        );
    }

    /// What a row checks of the reviewed analysis.
    type Check = fn(&Reviewed);

    /// The correction rows: what, the corrections, and what must then hold.
    #[allow(clippy::too_many_lines, reason = "a table")]
    fn rows(base: &Analysis) -> Vec<(&'static str, Vec<Correction>, Check)> {
        let p = SpeakerKind::Person;
        vec![
            (
                "check",
                vec![Correction::Check {
                    quote: quote(base, "It is a gamble"),
                    checked: true,
                }],
                |r| {
                    assert_eq!(r.flags.checked_of(&r.analysis), (1, 5));
                    assert!(
                        !r.flags.quotes.iter().any(|&c| c),
                        "checking corrects nothing"
                    );
                },
            ),
            (
                "speaker to a person of the article",
                vec![Correction::Speaker {
                    quote: quote(base, "It is a gamble"),
                    speaker: named("paul brandt", p),
                }],
                |r| {
                    let want = ("Paul Brandt".to_string(), Some("Paul Brandt".to_string()));
                    assert_eq!(speaker_of(&r.analysis, "It is a gamble"), Some(want));
                    assert_eq!(r.flags.quotes.iter().filter(|&&c| c).count(), 1);
                },
            ),
            (
                "speaker typed, nobody of the article",
                vec![Correction::Speaker {
                    quote: quote(base, "It is a gamble"),
                    speaker: named("Delmar Corporation", SpeakerKind::Organization),
                }],
                |r| {
                    let want = ("Delmar Corporation".to_string(), None);
                    assert_eq!(speaker_of(&r.analysis, "It is a gamble"), Some(want));
                },
            ),
            (
                "not a quote",
                vec![Correction::Kind {
                    quote: quote(base, "It is a gamble"),
                    kind: QuoteKind::Term,
                }],
                |r| {
                    assert_eq!(r.flags.checked_of(&r.analysis), (0, 4));
                    assert_eq!(r.analysis.quote_counts().total(), 4);
                },
            ),
            (
                "quote added, with a speaker",
                vec![Correction::AddQuote {
                    quote: at("the tides had changed"),
                    kind: QuoteKind::Indirect,
                    speaker: Some(named("harbour master", SpeakerKind::Unknown)),
                }],
                |r| {
                    assert_eq!(r.analysis.quotes.len(), 6);
                    let want = ("harbour master".to_string(), None);
                    assert_eq!(speaker_of(&r.analysis, "the tides had changed"), Some(want));
                    let last = r.analysis.quotes.last().map(|q| q.paragraph);
                    assert_eq!(last, Some(r.analysis.paragraphs.len() - 1));
                },
            ),
            (
                "quote added between marks takes the marks",
                vec![
                    Correction::Kind {
                        quote: quote(base, "We have waited"),
                        kind: QuoteKind::Term,
                    },
                    Correction::AddQuote {
                        quote: at("We have waited long enough,"),
                        kind: QuoteKind::Direct,
                        speaker: None,
                    },
                ],
                |r| {
                    let q = r
                        .analysis
                        .quotes
                        .iter()
                        .find(|q| q.span == span_of("We have waited long enough,"));
                    assert!(q.is_some_and(|q| q.open_mark.is_some() && q.close_mark.is_some()));
                    assert!(q.is_some_and(|q| q.kind == QuoteKind::Direct && q.speaker.is_none()));
                },
            ),
            (
                "rename: the person and their quotes",
                vec![Correction::Rename {
                    entity: EntityKind::Person,
                    mention: at("Brandt added"),
                    name: "Paul K. Brandt".into(),
                }],
                |r| {
                    assert_eq!(r.analysis.people[1].name, "Paul K. Brandt");
                    assert_eq!(r.flags.people, [false, true]);
                    let sp = speaker_of(&r.analysis, "The vote was rushed").map(|s| s.0);
                    assert_eq!(sp.as_deref(), Some("Paul K. Brandt"));
                },
            ),
            (
                "merge: mentions and quotes go to the person kept",
                vec![Correction::Merge {
                    from: at("Paul Brandt"),
                    into: at("Dan Whitfield"),
                }],
                |r| {
                    assert_eq!(people(&r.analysis), [("Dan Whitfield".to_string(), 4)]);
                    let sp = speaker_of(&r.analysis, "The vote was rushed");
                    assert_eq!(
                        sp,
                        Some(("Dan Whitfield".into(), Some("Dan Whitfield".into())))
                    );
                },
            ),
            (
                "split: one mention becomes another person",
                vec![Correction::Split {
                    mention: at("Brandt added"),
                    name: "Anna Brandt".into(),
                }],
                |r| {
                    assert_eq!(
                        people(&r.analysis),
                        [
                            ("Dan Whitfield".to_string(), 2),
                            ("Paul Brandt".to_string(), 1),
                            ("Anna Brandt".to_string(), 1),
                        ]
                    );
                    let sp = speaker_of(&r.analysis, "a Norwegian bank").map(|s| s.0);
                    assert_eq!(
                        sp.as_deref(),
                        Some("Anna Brandt"),
                        "the reported speech named at that mention follows it"
                    );
                    let sp = speaker_of(&r.analysis, "The vote was rushed").map(|s| s.0);
                    assert_eq!(sp.as_deref(), Some("Paul Brandt"));
                },
            ),
            (
                "span: a quote's end moved back by words",
                vec![Correction::Span {
                    quote: quote(base, "We have waited"),
                    to: at("We have waited"),
                }],
                |r| {
                    let words: Vec<&str> = r
                        .analysis
                        .quotes
                        .iter()
                        .map(|q| &TEXT[q.span.start..q.span.end])
                        .collect();
                    assert!(words.contains(&"We have waited"), "{words:?}");
                    assert!(r.unplaced.is_empty());
                },
            ),
            (
                "reassign: two mentions of two people are a third",
                vec![Correction::Reassign {
                    mentions: vec![at("Whitfield said."), at("Brandt added")],
                    name: "Anna Brandt".into(),
                }],
                |r| {
                    assert_eq!(
                        people(&r.analysis),
                        [
                            ("Dan Whitfield".to_string(), 1),
                            // Listed by first mention, which is now the one split off first.
                            ("Anna Brandt".to_string(), 2),
                            ("Paul Brandt".to_string(), 1),
                        ]
                    );
                },
            ),
            (
                "not a person: gone, and their quotes have no speaker",
                vec![Correction::NotEntity {
                    entity: EntityKind::Person,
                    mention: at("Paul Brandt"),
                }],
                |r| {
                    assert_eq!(people(&r.analysis), [("Dan Whitfield".to_string(), 2)]);
                    assert_eq!(speaker_of(&r.analysis, "The vote was rushed"), None);
                    assert_eq!(speaker_of(&r.analysis, "a Norwegian bank"), None);
                },
            ),
            (
                "not a country",
                vec![Correction::NotEntity {
                    entity: EntityKind::Country,
                    mention: at("Norwegian"),
                }],
                |r| assert!(r.analysis.countries.is_empty()),
            ),
            (
                "person added from a selection",
                vec![Correction::AddEntity {
                    entity: EntityKind::Person,
                    mention: at("harbour master"),
                    name: "Harbour Master".into(),
                }],
                |r| {
                    assert_eq!(r.analysis.people.len(), 3);
                    assert_eq!(r.flags.people, [false, false, true]);
                },
            ),
            (
                "a mention added to a country by its demonym; a person's mention taken",
                vec![
                    Correction::AddEntity {
                        entity: EntityKind::Country,
                        mention: at("Harbour"),
                        name: "Norway".into(),
                    },
                    Correction::AddEntity {
                        entity: EntityKind::Country,
                        mention: at("Whitfield said."),
                        name: "Chad".into(),
                    },
                ],
                |r| {
                    let c: Vec<_> = r
                        .analysis
                        .countries
                        .iter()
                        .map(|c| (c.name.to_string(), c.mentions.len()))
                        .collect();
                    assert_eq!(c, [("Norway".to_string(), 2), ("Chad".to_string(), 1)]);
                    assert_eq!(people(&r.analysis)[0], ("Dan Whitfield".to_string(), 1));
                },
            ),
            (
                "rename a country",
                vec![Correction::Rename {
                    entity: EntityKind::Country,
                    mention: at("Norwegian"),
                    name: "Kingdom of Norway".into(),
                }],
                |r| assert_eq!(r.analysis.countries[0].name, "Kingdom of Norway"),
            ),
        ]
    }

    #[test]
    fn a_quote_is_never_moved_into_another_quotes_words() {
        let base = analysis::analyze(TEXT);
        let r = apply(
            &base,
            TEXT,
            &[Correction::Span {
                quote: quote(&base, "We have waited"),
                to: at("We have waited long enough,\" Whitfield said.\n\n\"It is"),
            }],
        );
        assert_eq!(r.unplaced, [0]);
        assert_eq!(r.analysis.check_spans(TEXT), Ok(()));
        assert_eq!(r.analysis.quotes, base.quotes);
    }

    #[test]
    fn each_correction_changes_what_it_says_and_keeps_the_invariants() {
        let base = analysis::analyze(TEXT);
        for (what, corrections, check) in rows(&base) {
            let r = apply(&base, TEXT, &corrections);
            assert!(r.unplaced.is_empty(), "{what}: unplaced {:?}", r.unplaced);
            assert_eq!(r.analysis.check_spans(TEXT), Ok(()), "{what}");
            assert_eq!(r.flags.checked.len(), r.analysis.quotes.len(), "{what}");
            assert_eq!(r.flags.people.len(), r.analysis.people.len(), "{what}");
            assert_eq!(
                r.flags.countries.len(),
                r.analysis.countries.len(),
                "{what}"
            );
            check(&r);
        }
    }

    #[test]
    fn corrections_that_cannot_be_placed_are_reported_and_the_rest_apply() {
        let base = analysis::analyze(TEXT);
        let mut gone = at("Delmar Corp");
        gone.text = "Northwind Shipping".into();
        let corrections = [
            Correction::Rename {
                entity: EntityKind::Person,
                mention: gone,
                name: "X".into(),
            },
            Correction::Check {
                quote: quote(&base, "It is a gamble"),
                checked: true,
            },
            // Nobody is named here.
            Correction::Merge {
                from: at("harbour master"),
                into: at("Paul Brandt"),
            },
            Correction::AddEntity {
                entity: EntityKind::Country,
                mention: at("Harbour"),
                name: "Atlantis".into(),
            },
        ];
        let r = apply(&base, TEXT, &corrections);
        assert_eq!(r.unplaced, [0, 2, 3]);
        assert_eq!(r.flags.checked_of(&r.analysis), (1, 5));
    }

    #[test]
    fn no_corrections_give_the_engine_analysis() {
        let base = analysis::analyze(TEXT);
        let r = apply::<Correction>(&base, TEXT, &[]);
        assert_eq!(r.analysis, base);
        assert_eq!(r.flags, Flags::none(&base));
    }
}
