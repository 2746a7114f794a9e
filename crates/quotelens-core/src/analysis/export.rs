//! The `quotelens.analysis/1` JSON schema: the analysis with character (Unicode scalar) offsets,
//! as read by the scorer and documented in the README.

use serde::Serialize;

use super::model::{Analysis, CountryForm, EntityRef, QuoteKind, Span, SpeakerKind};

/// Schema identifier written into every document.
pub const SCHEMA: &str = "quotelens.analysis/1";

/// A span in characters, with its text.
#[derive(Debug, Serialize, PartialEq)]
pub struct JsonSpan<'a> {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The covered text.
    pub text: &'a str,
}

/// A person.
#[derive(Debug, Serialize)]
pub struct JsonPerson<'a> {
    /// Stable id within the document ("p1").
    pub id: String,
    /// Canonical name.
    pub name: &'a str,
    /// Mentions.
    pub mentions: Vec<JsonSpan<'a>>,
    /// A person corrected it (written only when true).
    #[serde(skip_serializing_if = "is_false")]
    pub reviewed: bool,
}

/// `serde`'s test for leaving out a flag that is not set.
#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde passes a reference"
)]
fn is_false(b: &bool) -> bool {
    !*b
}

/// A country mention.
#[derive(Debug, Serialize)]
pub struct JsonCountryMention<'a> {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The covered text.
    pub text: &'a str,
    /// Name, demonym or capital.
    pub form: CountryForm,
}

/// A country.
#[derive(Debug, Serialize)]
pub struct JsonCountry<'a> {
    /// Stable id within the document ("c1").
    pub id: String,
    /// Canonical name.
    pub name: &'a str,
    /// ISO 3166-1 alpha-2 code.
    pub code: &'a str,
    /// Mentions.
    pub mentions: Vec<JsonCountryMention<'a>>,
    /// A person corrected it (written only when true).
    #[serde(skip_serializing_if = "is_false")]
    pub reviewed: bool,
}

/// A speaker.
#[derive(Debug, Serialize)]
pub struct JsonSpeaker<'a> {
    /// Canonical name.
    pub name: &'a str,
    /// Person, organization, country or unknown.
    pub kind: SpeakerKind,
    /// Id of the person or country ("p1", "c2"), if any.
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    /// Where the speaker is named for this quote, in characters.
    pub start: Option<usize>,
    /// End of that naming, in characters.
    pub end: Option<usize>,
}

/// A quote.
#[derive(Debug, Serialize)]
pub struct JsonQuote<'a> {
    /// Stable id within the document ("q1").
    pub id: String,
    /// First character of the quoted words (marks excluded).
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The quoted words.
    pub text: &'a str,
    /// Direct, partial, indirect or term.
    pub kind: QuoteKind,
    /// Who said it.
    pub speaker: Option<JsonSpeaker<'a>>,
    /// The speech cue.
    pub cue: Option<JsonSpan<'a>>,
    /// The rule that gave the speaker, or found none ([`Rule::label`](super::Rule::label)).
    pub rule: &'static str,
    /// A person checked it (written only when true).
    #[serde(skip_serializing_if = "is_false")]
    pub checked: bool,
    /// A person corrected or added it (written only when true).
    #[serde(skip_serializing_if = "is_false")]
    pub reviewed: bool,
}

/// The whole document.
#[derive(Debug, Serialize)]
pub struct JsonAnalysis<'a> {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// Where the text came from (a file name).
    pub source: &'a str,
    /// The analysed text.
    pub text: &'a str,
    /// People.
    pub people: Vec<JsonPerson<'a>>,
    /// Countries.
    pub countries: Vec<JsonCountry<'a>>,
    /// Quotes.
    pub quotes: Vec<JsonQuote<'a>>,
}

/// Converts between byte and character offsets of one text, with a table built once per text
/// (the JSON export, and the review's anchors). Only the characters longer than one byte are
/// listed, so an English text costs next to nothing.
pub struct CharIndex {
    /// Per character of two or more bytes, in order: its byte offset, its length in bytes, and
    /// the continuation bytes (length minus one) of it and every such character before it.
    wide: Vec<(usize, usize, usize)>,
    /// The text's length in bytes.
    len: usize,
}

impl CharIndex {
    /// The table for `text`.
    pub fn new(text: &str) -> Self {
        let mut wide = Vec::new();
        let mut extra = 0;
        // A UTF-8 lead byte of a wide character says its length; other bytes are ASCII or
        // continuation bytes.
        for (b, &x) in text.as_bytes().iter().enumerate() {
            if x >= 0xC0 {
                let n = match x {
                    0xF0.. => 4,
                    0xE0.. => 3,
                    _ => 2,
                };
                extra += n - 1;
                wide.push((b, n, extra));
            }
        }
        Self {
            wide,
            len: text.len(),
        }
    }

    /// The character offset of byte `byte` (of the character that starts at or after it).
    pub fn char_of(&self, byte: usize) -> usize {
        // Characters starting before `byte` = bytes before it minus the continuation bytes
        // before it; a wide character that `byte` falls inside counts only its bytes before.
        let k = self.wide.partition_point(|&(b, _, _)| b < byte);
        let Some(&(b, n, extra)) = k.checked_sub(1).and_then(|i| self.wide.get(i)) else {
            return byte;
        };
        byte - (extra - (b + n).saturating_sub(byte))
    }

    /// The byte offset of character `ch`, if the text has that many.
    pub fn byte_of(&self, ch: usize) -> Option<usize> {
        // Character index of wide character i: its byte offset minus the continuation bytes
        // before it.
        let k = self
            .wide
            .partition_point(|&(b, n, extra)| b - (extra - (n - 1)) < ch);
        let before = k
            .checked_sub(1)
            .and_then(|i| self.wide.get(i))
            .map_or(0, |&(_, _, extra)| extra);
        let byte = ch + before;
        (byte <= self.len).then_some(byte)
    }

    fn span<'a>(&self, text: &'a str, s: Span) -> JsonSpan<'a> {
        JsonSpan {
            start: self.char_of(s.start),
            end: self.char_of(s.end),
            text: text.get(s.start..s.end).unwrap_or(""),
        }
    }
}

/// The quotes of [`to_json`] alone (the who-said-what tables need nothing else).
pub fn quotes_json<'a>(analysis: &'a Analysis, text: &'a str) -> Vec<JsonQuote<'a>> {
    quotes_with(analysis, text, &CharIndex::new(text))
}

fn quotes_with<'a>(analysis: &'a Analysis, text: &'a str, ci: &CharIndex) -> Vec<JsonQuote<'a>> {
    analysis
        .quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let s = ci.span(text, q.span);
            JsonQuote {
                id: format!("q{}", i + 1),
                start: s.start,
                end: s.end,
                text: s.text,
                kind: q.kind,
                speaker: q.speaker.as_ref().map(|sp| JsonSpeaker {
                    name: &sp.name,
                    kind: sp.kind,
                    reference: sp.entity.map(|e| match e {
                        EntityRef::Person(p) => format!("p{}", p + 1),
                        EntityRef::Country(c) => format!("c{}", c + 1),
                    }),
                    start: sp.span.map(|x| ci.char_of(x.start)),
                    end: sp.span.map(|x| ci.char_of(x.end)),
                }),
                cue: q.cue.map(|c| ci.span(text, c)),
                rule: q.rule.label(),
                checked: false,
                reviewed: false,
            }
        })
        .collect()
}

/// Builds the JSON document for `analysis` of `text`.
pub fn to_json<'a>(analysis: &'a Analysis, text: &'a str, source: &'a str) -> JsonAnalysis<'a> {
    let ci = CharIndex::new(text);
    let people = analysis
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| JsonPerson {
            id: format!("p{}", i + 1),
            name: &p.name,
            mentions: p.mentions.iter().map(|m| ci.span(text, *m)).collect(),
            reviewed: false,
        })
        .collect();
    let countries = analysis
        .countries
        .iter()
        .enumerate()
        .map(|(i, c)| JsonCountry {
            id: format!("c{}", i + 1),
            name: &c.name,
            code: c.code,
            mentions: c
                .mentions
                .iter()
                .map(|m| {
                    let s = ci.span(text, m.span);
                    JsonCountryMention {
                        start: s.start,
                        end: s.end,
                        text: s.text,
                        form: m.form,
                    }
                })
                .collect(),
            reviewed: false,
        })
        .collect();
    let quotes = quotes_with(analysis, text, &ci);
    JsonAnalysis {
        schema: SCHEMA,
        source,
        text,
        people,
        countries,
        quotes,
    }
}

#[cfg(test)]
mod tests {
    use super::CharIndex;
    use proptest::prelude::*;

    /// The plain table: the byte offset of every character, then the length.
    fn bounds(text: &str) -> Vec<usize> {
        let mut b: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        b.push(text.len());
        b
    }

    /// Checks every byte and every character offset of `text` against the plain table.
    fn check(text: &str) {
        let ci = CharIndex::new(text);
        let b = bounds(text);
        for byte in 0..=text.len() {
            let want = b.partition_point(|&x| x < byte);
            assert_eq!(ci.char_of(byte), want, "char_of({byte}) in {text:?}");
        }
        for ch in 0..b.len() + 2 {
            assert_eq!(
                ci.byte_of(ch),
                b.get(ch).copied(),
                "byte_of({ch}) in {text:?}"
            );
        }
    }

    #[test]
    fn offsets_match_the_plain_table() {
        for text in [
            "",
            "plain ASCII",
            "é",
            "“Quoted,” she said — and left.",
            "naïve café 日本語 😀 end",
            "😀😀😀",
            "a\u{0301}b\u{200D}c",
        ] {
            check(text);
        }
    }

    proptest! {
        #[test]
        fn offsets_match_the_plain_table_on_any_text(text in "\\PC{0,40}") {
            check(&text);
        }
    }
}
