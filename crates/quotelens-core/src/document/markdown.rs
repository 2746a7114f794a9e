//! Markdown into article text with `pulldown-cmark`: headings and paragraphs become paragraphs;
//! list items keep a bullet ("• ", or "1. " in a numbered list) and block quotes a "> ", so
//! that the structure stays visible; emphasis and link markup go, the link text and inline
//! code's text stay; link targets, code blocks and images are dropped. Front matter, a "By …"
//! line and a date line at the top are the byline and date, not text.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::meta::{self, Meta};

/// A Markdown document read: its text, and its title, byline and date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// The paragraphs, separated by blank lines (the title first, when the front matter gives
    /// one the body does not start with).
    pub text: String,
    /// Title, byline and date.
    pub meta: Meta,
}

/// Reads a Markdown document.
pub fn extract(md: &str) -> Page {
    let (mut meta, body) = meta::front_matter(md);
    let mut paragraphs = paragraphs(body);
    meta::take_byline_and_date(&mut paragraphs, &mut meta.byline, &mut meta.date);
    if let Some(t) = &meta.title
        && paragraphs.first() != Some(t)
    {
        paragraphs.insert(0, t.clone());
    }
    Page {
        text: paragraphs.join("\n\n"),
        meta,
    }
}

/// The text of a Markdown document, one paragraph per block, separated by blank lines (no
/// front matter, byline or date taken out: see [`extract`]).
pub fn to_text(md: &str) -> String {
    paragraphs(md).join("\n\n")
}

/// The blocks of a Markdown document as paragraphs of text.
fn paragraphs(md: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut skip = 0usize; // Inside an image or a code block.
    let mut quote_depth = 0usize;
    // Each open list: the next item's number, or `None` for bullets.
    let mut lists: Vec<Option<u64>> = Vec::new();
    // The bullet or number of the item whose first paragraph is being read.
    let mut item: Option<String> = None;
    let flush = |current: &mut String,
                 out: &mut Vec<String>,
                 item: &mut Option<String>,
                 quote_depth: usize| {
        let p = current.split_whitespace().collect::<Vec<_>>().join(" ");
        current.clear();
        if p.is_empty() {
            return;
        }
        let mut prefix = "> ".repeat(quote_depth);
        if let Some(mark) = item.take() {
            prefix.push_str(&mark);
        }
        out.push(prefix + &p);
    };
    for event in Parser::new(md) {
        match event {
            Event::Start(Tag::Image { .. } | Tag::CodeBlock(_)) => skip += 1,
            Event::End(TagEnd::Image | TagEnd::CodeBlock) => skip = skip.saturating_sub(1),
            Event::Start(Tag::List(start)) => {
                flush(&mut current, &mut out, &mut item, quote_depth);
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut current, &mut out, &mut item, quote_depth);
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut out, &mut item, quote_depth);
                item = Some(match lists.last_mut() {
                    Some(Some(n)) => {
                        let mark = format!("{n}. ");
                        *n += 1;
                        mark
                    }
                    _ => "• ".to_string(),
                });
            }
            Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut current, &mut out, &mut item, quote_depth);
                quote_depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                flush(&mut current, &mut out, &mut item, quote_depth);
                quote_depth = quote_depth.saturating_sub(1);
            }
            Event::Start(Tag::Paragraph | Tag::Heading { .. })
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
                flush(&mut current, &mut out, &mut item, quote_depth);
            }
            Event::Text(t) | Event::Code(t) if skip == 0 => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak if skip == 0 => current.push(' '),
            _ => {}
        }
    }
    flush(&mut current, &mut out, &mut item, quote_depth);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_paragraphs_of_text() {
        let rows = [
            (
                "# Title\n\nFirst *line*\nwraps.",
                "Title\n\nFirst line wraps.",
            ),
            (
                "See [the report](https://example.org/r) ![chart](c.png) now.",
                "See the report now.",
            ),
            ("- one\n- two", "• one\n\n• two"),
            ("3. three\n4. four", "3. three\n\n4. four"),
            (
                "- one\n\n  more of one\n- two",
                "• one\n\nmore of one\n\n• two",
            ),
            ("> “Quoted,” she said.", "> “Quoted,” she said."),
            ("> a\n>\n> b", "> a\n\n> b"),
            (
                "Text\n\n```\nlet x = 1;\n```\n\nRun `make check` first.",
                "Text\n\nRun make check first.",
            ),
        ];
        for (md, expect) in rows {
            assert_eq!(to_text(md), expect, "{md}");
        }
    }
}
