//! Find in the article: the search itself (plain text, case-insensitive unless asked, optionally
//! within quotations only) and the find bar's state (query, options, hits, the current hit).

use crate::analysis::{Analysis, Span};

/// Options of a search.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct FindOptions {
    /// Match upper and lower case exactly.
    pub match_case: bool,
    /// Only hits inside quotations and reported speech.
    pub quotes_only: bool,
}

/// The find bar's state: what is searched for and where the hits are.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Find {
    /// The text searched for, as typed.
    pub query: String,
    /// Its options.
    pub options: FindOptions,
    /// Every hit, sorted, not overlapping.
    pub hits: Vec<Span>,
    /// The hit shown (index into `hits`), if any.
    pub current: Option<usize>,
    /// Changes with every new set of hits, so views can tell one set from another cheaply.
    pub generation: u64,
}

impl Find {
    /// Searches `text` again for the query and options, keeping the current hit at or after
    /// `from` (a byte offset: where the reader is).
    pub fn refresh(&mut self, text: &str, analysis: &Analysis, from: usize) {
        self.hits = find_all(text, &self.query, self.options, analysis);
        self.generation = self.generation.wrapping_add(1);
        self.current = if self.hits.is_empty() {
            None
        } else {
            Some(
                self.hits
                    .partition_point(|h| h.start < from)
                    .min(self.hits.len() - 1),
            )
        };
    }

    /// Moves to the next (`forward`) or previous hit, wrapping around; returns it.
    pub fn step(&mut self, forward: bool) -> Option<Span> {
        let n = self.hits.len();
        if n == 0 {
            return None;
        }
        let next = match (self.current, forward) {
            (None, _) => 0,
            (Some(c), true) => (c + 1) % n,
            (Some(c), false) => (c + n - 1) % n,
        };
        self.current = Some(next);
        self.hits.get(next).copied()
    }

    /// The current hit's span.
    pub fn current_hit(&self) -> Option<Span> {
        self.current.and_then(|c| self.hits.get(c).copied())
    }

    /// "3 of 17", "No matches", or nothing for an empty query.
    pub fn status(&self) -> String {
        match (self.query.is_empty(), self.current) {
            (true, _) => String::new(),
            (false, None) => "No matches".to_string(),
            (false, Some(c)) => format!("{} of {}", c + 1, self.hits.len()),
        }
    }
}

/// Every occurrence of `query` in `text` (plain text, not a pattern), in order and not
/// overlapping; with `quotes_only`, only those inside a quotation or reported speech.
pub fn find_all(text: &str, query: &str, options: FindOptions, analysis: &Analysis) -> Vec<Span> {
    if query.is_empty() {
        return Vec::new();
    }
    // An escaped literal always compiles; the size limit is far above any typed query.
    let Ok(re) = regex::RegexBuilder::new(&regex::escape(query))
        .case_insensitive(!options.match_case)
        .build()
    else {
        return Vec::new();
    };
    let quotes: Vec<Span> = if options.quotes_only {
        analysis
            .quotes
            .iter()
            .filter(|q| q.is_speech())
            .map(crate::analysis::Quote::outer)
            .collect()
    } else {
        Vec::new()
    };
    let inside_quote = |s: Span| {
        // Quotes are sorted by start: the last one starting at or before the hit may hold it.
        let i = quotes.partition_point(|q| q.start <= s.start);
        i > 0 && quotes.get(i - 1).is_some_and(|q| q.contains(&s))
    };
    re.find_iter(text)
        .map(|m| Span::new(m.start(), m.end()))
        .filter(|s| !options.quotes_only || inside_quote(*s))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;

    /// (text, query, options, expected hits as text).
    #[test]
    fn find_all_matches_plain_text() {
        let any = FindOptions::default();
        let case = FindOptions {
            match_case: true,
            ..FindOptions::default()
        };
        let quoted = FindOptions {
            quotes_only: true,
            ..FindOptions::default()
        };
        let text = "Port news.\n\nThe port will open, said Ann Lee. “The Port is ours,” she said. Portland (a.b) waits.";
        let rows: &[(&str, FindOptions, &[&str])] = &[
            ("port", any, &["Port", "port", "Port", "Port"]),
            ("Port", case, &["Port", "Port", "Port"]),
            ("port", quoted, &["Port"]),
            ("(a.b)", any, &["(a.b)"]),
            ("a.b", any, &["a.b"]),
            ("zebra", any, &[]),
            ("", any, &[]),
            ("“the", any, &["“The"]),
        ];
        let a = analyze(text);
        for (query, options, expect) in rows {
            let got: Vec<&str> = find_all(text, query, *options, &a)
                .iter()
                .map(|s| &text[s.start..s.end])
                .collect();
            assert_eq!(&got, expect, "{query:?} {options:?}");
        }
    }

    #[test]
    fn find_steps_wrap_and_start_where_the_reader_is() {
        let text = "one two one two one";
        let mut f = Find {
            query: "one".into(),
            ..Find::default()
        };
        f.refresh(text, &analyze(text), 5);
        assert_eq!(f.status(), "2 of 3");
        assert_eq!(f.step(true), Some(Span::new(16, 19)));
        assert_eq!(f.step(true), Some(Span::new(0, 3)), "wraps to the first");
        assert_eq!(f.step(false), Some(Span::new(16, 19)), "and back");
        f.query = "six".into();
        f.refresh(text, &analyze(text), 0);
        assert_eq!((f.status().as_str(), f.step(true)), ("No matches", None));
    }
}
