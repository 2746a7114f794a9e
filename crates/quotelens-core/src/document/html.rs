//! HTML pages into article text: the main article found by `dom_smoothie` (a port of Mozilla's
//! Readability), with block quotes and pull quotes kept, navigation, scripts, styles, forms and
//! comments dropped, character references decoded; title, byline and date apart. Nothing is
//! fetched and no script runs: the page is only parsed.

/// What an HTML page holds for the reader.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The article's title, if the page has one.
    pub title: Option<String>,
    /// The byline ("By Ann Lee"), shown above the article and not analysed.
    pub byline: Option<String>,
    /// The publication date as the page gives it, shown above the article and not analysed.
    pub date: Option<String>,
    /// The title and the paragraphs, separated by blank lines.
    pub text: String,
}

/// Whether `text` (the start of a file, any case) is an HTML page or fragment.
pub fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    // Every form below opens with a tag.
    if !start.starts_with('<') {
        return false;
    }
    let head: String = start
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<article",
    ]
    .iter()
    .any(|p| head.starts_with(p))
        || (head.starts_with("<?xml") && head.contains("<html"))
        || (head.starts_with("<!--") && head.contains("<html"))
}

/// The character encoding an HTML page declares in its first kilobytes (`<meta charset>` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">`), if any.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = find(&lower, b"charset=")? + b"charset=".len();
    let rest = lower.get(at..)?;
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    encoding_rs::Encoding::for_label(rest.get(..end)?)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Elements that are never article text.
const DROPPED: &str = "script, style, noscript, template, nav, form, button, select, textarea, \
    iframe, object, embed, svg, canvas, header nav, [role=navigation], [aria-hidden=true]";

/// Extracts the article from an HTML page.
pub fn extract(html: &str) -> Extracted {
    let doc = dom_query::Document::from(html);
    doc.select(DROPPED).remove();
    // Readability drops `aside`; a pull quote lives in one. Keep those that quote.
    for aside in &doc.select("aside") {
        let class = format!(
            "{} {}",
            aside.attr("class").unwrap_or_default(),
            aside.attr("id").unwrap_or_default()
        )
        .to_ascii_lowercase();
        if class.contains("quote") || aside.select("blockquote, q").exists() {
            aside.rename("blockquote");
        }
    }
    let page_title = doc
        .select("title")
        .iter()
        .next()
        .map(|t| collapse(&t.text()));
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..dom_smoothie::Config::default()
    };
    let parsed = dom_smoothie::Readability::with_document(doc.clone(), None, Some(cfg))
        .and_then(|mut r| r.parse());
    let (title, byline, date, body) = match parsed {
        Ok(a) => (
            Some(a.title)
                .filter(|t| !t.trim().is_empty())
                .or(page_title),
            a.byline,
            a.published_time,
            a.text_content.to_string(),
        ),
        // Too little text for Readability: the body as it is, without what is never text.
        Err(_) => (
            page_title,
            None,
            None,
            doc.select("body")
                .iter()
                .next()
                .map_or_else(String::new, |b| b.formatted_text().to_string()),
        ),
    };
    let title = title.map(|t| collapse(&t)).filter(|t| !t.is_empty());
    let mut paragraphs: Vec<String> = body
        .lines()
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect();
    // The byline and the date are shown apart, not analysed: their lines near the top go
    // ("By Ann Lee", "March 5, 2024"), and give them when the page's metadata did not.
    let mut byline = byline.map(|b| collapse(&b)).filter(|b| !b.is_empty());
    if let Some(b) = &byline {
        let is_byline = |p: &String| {
            let p = p.to_lowercase();
            let b = b.to_lowercase();
            p == b
                || p == format!("by {b}")
                || p.strip_prefix("by ").is_some_and(|r| r.starts_with(&b))
        };
        if let Some(i) = paragraphs.iter().take(4).position(is_byline) {
            paragraphs.remove(i);
        }
    }
    if title
        .as_ref()
        .is_some_and(|t| paragraphs.first() == Some(t))
    {
        paragraphs.remove(0);
    }
    let mut date = date.map(|d| readable_date(&d)).filter(|d| !d.is_empty());
    super::meta::take_byline_and_date(&mut paragraphs, &mut byline, &mut date);
    // The title once, at the top (Readability sometimes leaves the heading in the body too).
    if let Some(t) = &title {
        if paragraphs.first() == Some(t) {
            paragraphs.remove(0);
        }
        paragraphs.insert(0, t.clone());
    }
    Extracted {
        title,
        byline,
        date,
        text: paragraphs.join("\n\n"),
    }
}

/// A machine date as people read it: "2024-03-05T09:30:00Z" → "2024-03-05"; any other form as
/// the page gives it.
fn readable_date(d: &str) -> String {
    let d = collapse(d);
    let b = d.as_bytes();
    let iso = b.len() > 10
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && b[10] == b'T';
    if iso { d[..10].to_string() } else { d }
}

/// White space collapsed to single spaces, trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_recognised_by_its_start() {
        let rows = [
            ("<!DOCTYPE html><html>", true),
            ("  \n<html lang=en>", true),
            ("<meta charset='utf-8'><p>Hi</p>", true),
            ("<?xml version='1.0'?><html xmlns='…'>", true),
            ("Plain text with <b>tags</b> inside", false),
            ("“Quoted,” she said.", false),
        ];
        for (text, expect) in rows {
            assert_eq!(looks_like_html(text), expect, "{text}");
        }
    }

    #[test]
    fn the_declared_charset_is_found() {
        let rows: [(&[u8], Option<&str>); 4] = [
            (b"<meta charset=\"windows-1252\">", Some("windows-1252")),
            (
                b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=ISO-8859-1'>",
                Some("windows-1252"),
            ),
            (b"<meta charset=utf-8>", Some("UTF-8")),
            (b"<p>no declaration</p>", None),
        ];
        for (bytes, expect) in rows {
            assert_eq!(
                declared_charset(bytes).map(encoding_rs::Encoding::name),
                expect
            );
        }
    }
}
