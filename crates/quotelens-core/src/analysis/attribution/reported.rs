//! Reported speech: `X said (that) clause` and `according to X, clause` in sentences with no
//! quotation marks.

use super::super::entities::BuildRef;
use super::super::lexicon;
use super::super::model::{Quote, QuoteKind, Rule, Span};
use super::super::text::{Text, TokKind};
use super::{Ctx, Who, is_speech, lower};

/// Reported speech: `X said (that) clause` and `according to X, clause` in sentences with no
/// quotation marks.
pub(super) fn find(ctx: &Ctx<'_, '_>) -> Vec<Quote<BuildRef>> {
    let text = ctx.text;
    let mut out = Vec::new();
    if !ctx.allows(Rule::Reported) {
        return out;
    }
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
            } else if !lexicon::reporting(&lw).indirect() {
                continue;
            } else if lexicon::reporting(&lw).listener() {
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

fn indirect_quote(text: &Text<'_>, a: usize, b: usize, who: &Who, cue: Span) -> Quote<BuildRef> {
    let span = Span::new(text.tokens[a].span().start, text.tokens[b - 1].span().end);
    Quote {
        span,
        open_mark: None,
        close_mark: None,
        kind: QuoteKind::Indirect,
        speaker: Some(who.clone()),
        cue: Some(cue),
        rule: Rule::Reported,
        paragraph: text.paragraph_of(a) as usize,
        continues: false,
    }
}
