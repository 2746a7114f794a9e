//! Markdown into article text with `pulldown-cmark`: headings, paragraphs, list items and block
//! quotes become paragraphs; emphasis and link markup go, the link text stays; link targets,
//! code and images are dropped.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The text of a Markdown document, one paragraph per block, separated by blank lines.
pub fn to_text(md: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut skip = 0usize; // Inside an image or a code block.
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let p = current.split_whitespace().collect::<Vec<_>>().join(" ");
        if !p.is_empty() {
            paragraphs.push(p);
        }
        current.clear();
    };
    for event in Parser::new(md) {
        match event {
            Event::Start(Tag::Image { .. } | Tag::CodeBlock(_)) => skip += 1,
            Event::End(TagEnd::Image | TagEnd::CodeBlock) => skip = skip.saturating_sub(1),
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::BlockQuote(_))
            | Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::BlockQuote(_),
            ) => flush(&mut current, &mut paragraphs),
            Event::Text(t) if skip == 0 => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak if skip == 0 => current.push(' '),
            _ => {}
        }
    }
    flush(&mut current, &mut paragraphs);
    paragraphs.join("\n\n")
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
            ("- one\n- two", "one\n\ntwo"),
            ("> “Quoted,” she said.", "“Quoted,” she said."),
            (
                "Text\n\n```\nlet x = 1;\n```\n\nMore `code` here.",
                "Text\n\nMore here.",
            ),
        ];
        for (md, expect) in rows {
            assert_eq!(to_text(md), expect, "{md}");
        }
    }
}
