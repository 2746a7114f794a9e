//! Merging two writers' logs of one review, by correction id and three ways: what this writer
//! last read or wrote (the base), what it holds now (mine), and what the file holds now
//! (theirs). Every correction either writer made survives; an undo or redo on either side
//! stands; the result is in time order, so that of two corrections of the same thing the later
//! one wins when they are applied.

use std::collections::{HashMap, HashSet};

use super::{Correction, Entry, SCHEMA, Sidecar, short};

/// Where a correction stands in one copy of a review. The order ranks what a conflict keeps:
/// a correction in effect over one undone over one gone, so that nothing is lost.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum State {
    /// Not in this copy (never seen, or dropped from a redo list).
    Gone,
    /// Undone: in the redo list.
    Undone,
    /// In effect.
    Made,
}

fn states(s: &Sidecar) -> HashMap<&str, State> {
    let mut out: HashMap<&str, State> = s
        .undone
        .iter()
        .map(|e| (e.id.as_str(), State::Undone))
        .collect();
    out.extend(s.corrections.iter().map(|e| (e.id.as_str(), State::Made)));
    out
}

/// The result of a merge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    /// The merged review (`mine`'s article and schema).
    pub sidecar: Sidecar,
    /// Corrections in effect now that were not in effect in `mine`: made or redone elsewhere.
    pub arrived: Vec<Entry>,
    /// Corrections in effect in `mine` that are not any more: undone elsewhere.
    pub withdrawn: Vec<Entry>,
}

/// Merges `mine` and `theirs`, both descended from `base`. A correction keeps the state one
/// side gave it when the other side left it as it was in `base`; when both changed it, the
/// state that keeps most (in effect, then undone) wins. Corrections in effect are ordered by
/// time (those without a time first, in their order); the redo list keeps `mine`'s order, then
/// `theirs`'s.
pub fn merge(base: &Sidecar, mine: &Sidecar, theirs: &Sidecar) -> Merged {
    let (b, m, t) = (states(base), states(mine), states(theirs));
    let state_of = |id: &str| {
        let get = |s: &HashMap<&str, State>| s.get(id).copied().unwrap_or(State::Gone);
        let (sb, sm, st) = (get(&b), get(&m), get(&t));
        if sm == sb {
            st
        } else if st == sb {
            sm
        } else {
            sm.max(st)
        }
    };
    let collect = |want: State, lists: [&[Entry]; 4]| {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for e in lists.into_iter().flatten() {
            if seen.insert(e.id.as_str()) && state_of(&e.id) == want {
                out.push(e.clone());
            }
        }
        out
    };
    let mut corrections = collect(
        State::Made,
        [
            &mine.corrections,
            &theirs.corrections,
            &mine.undone,
            &theirs.undone,
        ],
    );
    corrections.sort_by(|x, y| x.at.cmp(&y.at));
    let undone = collect(
        State::Undone,
        [
            &mine.undone,
            &theirs.undone,
            &mine.corrections,
            &theirs.corrections,
        ],
    );
    let arrived = corrections
        .iter()
        .filter(|e| m.get(e.id.as_str()) != Some(&State::Made))
        .cloned()
        .collect();
    let now: HashSet<&str> = corrections.iter().map(|e| e.id.as_str()).collect();
    let withdrawn = mine
        .corrections
        .iter()
        .filter(|e| !now.contains(e.id.as_str()))
        .cloned()
        .collect();
    Merged {
        sidecar: Sidecar {
            schema: SCHEMA.to_string(),
            article: mine.article.clone(),
            corrections,
            undone,
        },
        arrived,
        withdrawn,
    }
}

/// What two corrections act on, when that is one quote or one person's mention: the op and the
/// anchor's place and words.
fn target(c: &Correction) -> Option<(std::mem::Discriminant<Correction>, usize, usize, &str)> {
    let a = *c.anchors().first()?;
    Some((std::mem::discriminant(c), a.start, a.end, a.text.as_str()))
}

impl Merged {
    /// What the merge brought, for the status bar ("2 corrections from another window:
    /// “We will…” checked; …"), naming the corrections that change something this writer
    /// changed too (the later one stands); `None` when it brought nothing.
    pub fn report(&self, mine: &Sidecar) -> Option<String> {
        if self.arrived.is_empty() && self.withdrawn.is_empty() {
            return None;
        }
        let list = |es: &[Entry]| {
            let descs: Vec<String> = es
                .iter()
                .take(3)
                .map(|e| short(&e.correction.describe(), 70))
                .collect();
            let more = es.len().saturating_sub(3);
            let mut s = descs.join("; ");
            if more > 0 {
                s = format!("{s}; and {more} more");
            }
            s
        };
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let mut parts = Vec::new();
        if !self.arrived.is_empty() {
            let n = self.arrived.len();
            parts.push(format!(
                "{n} correction{} from another window: {}",
                plural(n),
                list(&self.arrived)
            ));
        }
        if !self.withdrawn.is_empty() {
            let n = self.withdrawn.len();
            parts.push(format!(
                "{n} correction{} undone in another window: {}",
                plural(n),
                list(&self.withdrawn)
            ));
        }
        let both: Vec<String> = self
            .arrived
            .iter()
            .filter(|a| {
                let t = target(&a.correction);
                t.is_some() && mine.corrections.iter().any(|e| target(&e.correction) == t)
            })
            .filter_map(|a| a.correction.anchors().first().map(|x| short(&x.text, 40)))
            .collect();
        if !both.is_empty() {
            parts.push(format!(
                "changed here and there: “{}” (the later correction stands)",
                both.join("”, “")
            ));
        }
        Some(parts.join(" · "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::{ArticleInfo, Correction};

    /// A check of the quote at `start`, made at minute `minute` (no time for a negative one),
    /// with the id `id`.
    fn check(id: &str, minute: i32, start: usize) -> Entry {
        let quote = crate::review::Anchor {
            start,
            end: start + 3,
            text: format!("w{start}"),
            before: String::new(),
            after: String::new(),
        };
        Entry {
            id: id.to_string(),
            at: if minute < 0 {
                String::new()
            } else {
                format!("2026-01-01T00:{minute:02}:00.000Z")
            },
            correction: Correction::Check {
                quote,
                checked: true,
            },
        }
    }

    /// A review from a compact description: `made` in effect, `undone` in the redo list, each
    /// a list of (id, minute) with the quote at the minute's place.
    fn review(made: &[(&str, i32)], undone: &[(&str, i32)]) -> Sidecar {
        let e = |&(id, minute): &(&str, i32)| {
            check(id, minute, usize::try_from(minute.max(0)).unwrap_or(0) * 10)
        };
        Sidecar {
            schema: SCHEMA.into(),
            article: ArticleInfo::of("a.txt", "text"),
            corrections: made.iter().map(e).collect(),
            undone: undone.iter().map(e).collect(),
        }
    }

    fn ids(es: &[Entry]) -> String {
        es.iter()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    type Copy<'a> = (&'a [(&'a str, i32)], &'a [(&'a str, i32)]);

    /// (what, base, mine, theirs, merged in effect, merged redo list, arrived, withdrawn).
    type Row<'a> = (
        &'a str,
        Copy<'a>,
        Copy<'a>,
        Copy<'a>,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
    );

    #[test]
    fn merge_rows() {
        let rows: &[Row] = &[
            (
                "each side added one: both, in time order",
                (&[("a", 1)], &[]),
                (&[("a", 1), ("c", 3)], &[]),
                (&[("a", 1), ("b", 2)], &[]),
                "a b c",
                "",
                "b",
                "",
            ),
            (
                "undone there, untouched here: undone",
                (&[("a", 1), ("b", 2)], &[]),
                (&[("a", 1), ("b", 2)], &[]),
                (&[("a", 1)], &[("b", 2)]),
                "a",
                "b",
                "",
                "b",
            ),
            (
                "undone here while they added: mine stays undone, theirs arrives",
                (&[("a", 1)], &[]),
                (&[], &[("a", 1)]),
                (&[("a", 1), ("b", 2)], &[]),
                "b",
                "a",
                "b",
                "",
            ),
            (
                "redone there: in effect again",
                (&[], &[("a", 1)]),
                (&[], &[("a", 1)]),
                (&[("a", 1)], &[]),
                "a",
                "",
                "a",
                "",
            ),
            (
                "undone here, dropped there: kept undone (nothing lost)",
                (&[("a", 1)], &[]),
                (&[], &[("a", 1)]),
                (&[], &[]),
                "",
                "a",
                "",
                "",
            ),
            (
                "removed from the file by hand: removed here too",
                (&[("a", 1)], &[]),
                (&[("a", 1), ("b", 2)], &[]),
                (&[], &[]),
                "b",
                "",
                "",
                "a",
            ),
            (
                "corrections without a time come first, in their order",
                (&[], &[]),
                (&[("y", -1), ("x", -1), ("c", 3)], &[]),
                (&[("y", -1), ("x", -1), ("b", 2)], &[]),
                "y x b c",
                "",
                "b",
                "",
            ),
            (
                "nothing changed anywhere",
                (&[("a", 1)], &[("b", 2)]),
                (&[("a", 1)], &[("b", 2)]),
                (&[("a", 1)], &[("b", 2)]),
                "a",
                "b",
                "",
                "",
            ),
        ];
        for &(what, base, mine, theirs, made, undone, arrived, withdrawn) in rows {
            let m = merge(
                &review(base.0, base.1),
                &review(mine.0, mine.1),
                &review(theirs.0, theirs.1),
            );
            assert_eq!(ids(&m.sidecar.corrections), made, "{what}: in effect");
            assert_eq!(ids(&m.sidecar.undone), undone, "{what}: redo list");
            assert_eq!(ids(&m.arrived), arrived, "{what}: arrived");
            assert_eq!(ids(&m.withdrawn), withdrawn, "{what}: withdrawn");
        }
    }

    #[test]
    fn merging_is_the_same_from_either_side_when_only_one_changed() {
        let base = review(&[("a", 1)], &[]);
        let changed = review(&[("a", 1), ("b", 2)], &[("c", 3)]);
        let one = merge(&base, &base, &changed).sidecar;
        let other = merge(&base, &changed, &base).sidecar;
        assert_eq!(one, other);
        assert_eq!(one.corrections, changed.corrections);
        assert_eq!(one.undone, changed.undone);
    }

    #[test]
    fn the_report_names_what_arrived_and_what_both_changed() {
        let base = review(&[], &[]);
        let mine = review(&[("m", 1)], &[]);
        let mut theirs = review(&[("t", 2), ("u", 3)], &[]);
        // "t" checks the same quote as "m".
        theirs.corrections[0].correction = mine.corrections[0].correction.clone();
        let m = merge(&base, &mine, &theirs);
        let report = m.report(&mine).unwrap_or_default();
        assert!(
            report.starts_with("2 corrections from another window: “w10” checked; “w30” checked"),
            "{report}"
        );
        assert!(
            report.ends_with("changed here and there: “w10” (the later correction stands)"),
            "{report}"
        );
        assert_eq!(merge(&base, &mine, &mine).report(&mine), None);
    }
}
