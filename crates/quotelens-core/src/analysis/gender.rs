//! How an article refers to each person it names: "he", "she", or not stated. Read only from the
//! article's own words, never guessed from a given name: a gendered title or role right before a
//! mention ("Mr.", "Ms", "Mrs", "Sir", "spokeswoman"), and the pronoun that is the subject of
//! the speech verb of a quote attributed to them ("…, she said"). Evidence both ways is "not stated".

use serde::Serialize;

use super::lexicon::{self, Gender};
use super::model::{Analysis, EntityRef};

/// How the article refers to a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Referred {
    /// As a man: "Mr.", "Sir", a male role word, or "he said" attributed to them.
    He,
    /// As a woman: "Ms", "Mrs", "Miss", a female role word, or "she said" attributed to them.
    She,
    /// Neither, or both.
    NotStated,
}

impl Referred {
    /// The word a table shows: "he", "she" or "not stated".
    pub fn label(self) -> &'static str {
        match self {
            Referred::He => "he",
            Referred::She => "she",
            Referred::NotStated => "not stated",
        }
    }
}

/// How many words before a mention are read for a title ("Foreign Minister Mrs. …").
const TITLE_WORDS: usize = 3;

/// The gender the words right before byte `start` give: the nearest gendered title or role word
/// among the last [`TITLE_WORDS`] words, read back until a word that ends a clause.
fn title_before(text: &str, start: usize) -> Option<Gender> {
    let before = text.get(..start)?;
    for word in before.split_whitespace().rev().take(TITLE_WORDS) {
        // A word that ends in a clause mark belongs to what came before ("said Tuesday, Ms …"
        // keeps "Ms", but "…, Mr" does not reach back past the comma).
        let bare = word.trim_end_matches('.');
        if bare.is_empty() || bare.ends_with([',', ';', ':', '"', '”', '’', ')', '?', '!']) {
            return None;
        }
        let lower = word.to_lowercase();
        if let Some(g) = lexicon::title_gender(&lower) {
            return Some(g);
        }
        if !bare.chars().next().is_some_and(char::is_alphabetic) {
            return None;
        }
    }
    None
}

/// The gender of the pronoun that is the subject of the speech verb at `start..end`: "he said",
/// "she told", or "said he." ending the clause (not "said he would", where the pronoun may be
/// another's).
fn pronoun_at(text: &str, start: usize, end: usize) -> Option<Gender> {
    let gender = |w: &str| {
        if w.eq_ignore_ascii_case("he") {
            Some(Gender::Male)
        } else if w.eq_ignore_ascii_case("she") {
            Some(Gender::Female)
        } else {
            None
        }
    };
    let before = text.get(..start)?.trim_end();
    let word = before.rsplit(|c: char| !c.is_alphabetic()).next();
    if let Some(g) = word.and_then(gender) {
        return Some(g);
    }
    let after = text.get(end..)?.trim_start();
    let word: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    let rest = after[word.len()..].trim_start();
    let ends_clause = rest.is_empty() || rest.starts_with(['.', ',', ';', '!', '?']);
    gender(&word).filter(|_| ends_clause)
}

/// How `analysis` (of `text`) refers to each of its people, in the order of
/// [`Analysis::people`].
pub fn referred(analysis: &Analysis, text: &str) -> Vec<Referred> {
    let n = analysis.people.len();
    let mut he = vec![false; n];
    let mut she = vec![false; n];
    let mut mark = |i: usize, g: Gender| match g {
        Gender::Male if i < n => he[i] = true,
        Gender::Female if i < n => she[i] = true,
        _ => {}
    };
    for (i, p) in analysis.people.iter().enumerate() {
        for m in &p.mentions {
            if let Some(g) = title_before(text, m.start) {
                mark(i, g);
            }
        }
    }
    for q in &analysis.quotes {
        let (Some(s), Some(cue)) = (&q.speaker, q.cue) else {
            continue;
        };
        let Some(EntityRef::Person(i)) = s.entity else {
            continue;
        };
        if let Some(g) = pronoun_at(text, cue.start, cue.end) {
            mark(i, g);
        }
    }
    he.into_iter()
        .zip(she)
        .map(|pair| match pair {
            (true, false) => Referred::He,
            (false, true) => Referred::She,
            _ => Referred::NotStated,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::analyze;
    use super::{Referred, referred};

    /// `(text, person, expected)`: invented sentences of news writing.
    const CASES: &[(&str, &str, Referred)] = &[
        (
            "Ms. Dana Whitfield opened the hearing on Monday.",
            "Dana Whitfield",
            Referred::She,
        ),
        (
            "Mrs Dana Whitfield opened the hearing on Monday.",
            "Dana Whitfield",
            Referred::She,
        ),
        (
            "Mr. Tomas Brandlin opened the hearing on Monday.",
            "Tomas Brandlin",
            Referred::He,
        ),
        (
            "Company spokeswoman Ilse Marquardt declined to comment.",
            "Ilse Marquardt",
            Referred::She,
        ),
        (
            "“We are not done,” Tomas Brandlin told reporters. “The vote is next week,” he said.",
            "Tomas Brandlin",
            Referred::He,
        ),
        (
            "“We are not done,” Dana Whitfield told reporters. “The vote is next week,” she said.",
            "Dana Whitfield",
            Referred::She,
        ),
        // A given name alone says nothing: no guess from "Mary" or "John".
        (
            "Mary Okafor opened the hearing on Monday.",
            "Mary Okafor",
            Referred::NotStated,
        ),
        (
            "John Castellan opened the hearing on Monday.",
            "John Castellan",
            Referred::NotStated,
        ),
        (
            "“We are not done,” Dana Whitfield told reporters. “The vote is next week,” said she.",
            "Dana Whitfield",
            Referred::She,
        ),
        // A pronoun after the verb may be another's: "said he would" says nothing.
        (
            "Dana Whitfield said he would resign, according to the minutes.",
            "Dana Whitfield",
            Referred::NotStated,
        ),
        // Both ways: not stated.
        (
            "Mr. Robin Ashdown spoke first. Later Ms. Robin Ashdown spoke again.",
            "Robin Ashdown",
            Referred::NotStated,
        ),
        // A title before a comma belongs to the clause before.
        (
            "The minister thanked Mr, Robin Ashdown.",
            "Robin Ashdown",
            Referred::NotStated,
        ),
    ];

    #[test]
    fn the_article_says_how_it_refers_to_a_person() {
        for &(text, name, want) in CASES {
            let a = analyze(text);
            let Some(i) = a.people.iter().position(|p| p.name == name) else {
                panic!("{name} not found in {text:?}: {:?}", a.people);
            };
            assert_eq!(referred(&a, text)[i], want, "{text}");
        }
    }
}
