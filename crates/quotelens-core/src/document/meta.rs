//! A page's byline and date told apart from its text, so that they are shown over the article
//! and never analysed: a "By …" line and a date line near the top of a page or a Markdown
//! document, and Markdown front matter (`---` / `key: value` lines / `---`).

/// What a document says about itself, apart from its text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// The title.
    pub title: Option<String>,
    /// The byline, without "By" ("Ann Lee and Tom Berg").
    pub byline: Option<String>,
    /// The date, as written.
    pub date: Option<String>,
}

/// Splits YAML-style front matter off a Markdown document: a first line `---`, `key: value`
/// lines, and a line `---` or `...`. Reads `title`, `author` / `authors` / `byline` and
/// `date`; returns them and the rest of the document (all of it when there is no front
/// matter).
pub fn front_matter(md: &str) -> (Meta, &str) {
    let mut meta = Meta::default();
    let Some(rest) = md
        .strip_prefix("---\n")
        .or_else(|| md.strip_prefix("---\r\n"))
    else {
        return (meta, md);
    };
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        at += line.len();
        let l = line.trim_end();
        if l == "---" || l == "..." {
            return (meta, &rest[at..]);
        }
        let Some((key, value)) = l.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        let value = value
            .trim_start_matches('[')
            .trim_end_matches(']')
            .replace(['"', '\''], "");
        if value.is_empty() {
            continue;
        }
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => meta.title = Some(value),
            "author" | "authors" | "byline" => meta.byline = Some(value.replace(", ", " and ")),
            "date" | "published" => meta.date = Some(value),
            _ => {}
        }
    }
    // No closing line: not front matter after all.
    (Meta::default(), md)
}

/// Words a byline may hold besides names: "By staff", "By our correspondent in Oslo".
const BYLINE_WORDS: &[&str] = &[
    "and",
    "staff",
    "reporter",
    "reporters",
    "correspondent",
    "correspondents",
    "writer",
    "writers",
    "editor",
    "editors",
    "our",
    "in",
    "of",
    "the",
    "with",
    "de",
    "da",
    "van",
    "von",
    "der",
    "agencies",
];

/// Where a byline's names end: what follows is the outlet, a link, a date.
const BYLINE_ENDS: &[char] = &['—', '–', '|', '·', '•'];

/// The names of a byline paragraph ("By Ann Lee and Tom Berg — Reuters" → "Ann Lee and Tom
/// Berg"), or `None` when the paragraph is not one ("By Monday, the talks had stalled.").
pub fn byline(paragraph: &str) -> Option<String> {
    let p = paragraph.trim();
    let rest = p
        .strip_prefix("By ")
        .or_else(|| p.strip_prefix("by "))
        .or_else(|| p.strip_prefix("BY "))?;
    let names = rest.split(BYLINE_ENDS).next()?.trim().trim_end_matches(',');
    let words: Vec<&str> = names.split_whitespace().collect();
    if words.is_empty() || words.len() > 10 || p.split_whitespace().count() > 16 {
        return None;
    }
    let name_like = |w: &str| {
        let w = w.trim_matches(|c: char| c == ',' || c == '.');
        w.chars().next().is_some_and(char::is_uppercase)
            || BYLINE_WORDS.contains(&w.to_lowercase().as_str())
    };
    // A sentence ends in a period after a word; a byline ends in a name or an initial.
    let sentence_end = names.ends_with('.')
        && words
            .last()
            .is_some_and(|w| w.trim_end_matches('.').chars().count() > 1);
    (words.iter().all(|w| name_like(w)) && !sentence_end && !names.contains(':'))
        .then(|| names.to_string())
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

const DATE_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "am",
    "pm",
    "a.m",
    "p.m",
    "utc",
    "gmt",
    "bst",
    "cet",
    "cest",
    "est",
    "edt",
    "pst",
    "pdt",
    "et",
    "updated",
    "published",
    "posted",
    "last",
    "modified",
    "on",
    "at",
    "|",
    "·",
    "—",
    "-",
];

/// Whether a paragraph is only a date (and perhaps a time): "March 5, 2024", "Tuesday 5 March
/// 2024 09:30 GMT", "Published: 2024-03-05", "Updated 05/03/2024". It names a month or holds a
/// year.
pub fn is_date_line(paragraph: &str) -> bool {
    let words: Vec<String> = paragraph
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| c == ',' || c == ':' || c == '.' || c == '(' || c == ')')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 10 {
        return false;
    }
    let numeric = |w: &str| {
        w.chars().any(|c| c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ':' | '/' | '-' | '.' | 't' | 'z'))
    };
    let ordinal = |w: &str| {
        ["st", "nd", "rd", "th"].iter().any(|s| {
            w.strip_suffix(s)
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        })
    };
    let all_datey = words.iter().all(|w| {
        numeric(w) || ordinal(w) || MONTHS.contains(&w.as_str()) || DATE_WORDS.contains(&w.as_str())
    });
    let has_year = words.iter().any(|w| {
        w.split(|c: char| !c.is_ascii_digit())
            .any(|n| n.len() == 4 && (n.starts_with("19") || n.starts_with("20")))
    });
    let has_month = words.iter().any(|w| MONTHS.contains(&w.as_str()));
    all_datey && (has_year || has_month)
}

/// Takes a byline and a date line out of the first paragraphs (the first four), filling
/// `byline` and `date` when they are not known yet. A byline line that repeats the known
/// byline, or a date line, is removed even when the page already gave them.
pub fn take_byline_and_date(
    paragraphs: &mut Vec<String>,
    byline_out: &mut Option<String>,
    date_out: &mut Option<String>,
) {
    let mut i = 0;
    let mut looked = 0;
    while i < paragraphs.len() && looked < 4 {
        looked += 1;
        let p = &paragraphs[i];
        if let Some(names) = byline(p) {
            byline_out.get_or_insert(names);
            paragraphs.remove(i);
            continue;
        }
        if is_date_line(p) {
            date_out.get_or_insert_with(|| p.trim().to_string());
            paragraphs.remove(i);
            continue;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byline_rows() {
        let rows: &[(&str, Option<&str>)] = &[
            ("By Ann Lee", Some("Ann Lee")),
            (
                "By Ann Lee and Tom Berg — Reuters",
                Some("Ann Lee and Tom Berg"),
            ),
            ("By staff — read online", Some("staff")),
            ("BY MARIA OKAFOR | 5 March 2024", Some("MARIA OKAFOR")),
            (
                "By our correspondent in Oslo",
                Some("our correspondent in Oslo"),
            ),
            ("By J. R. Holm", Some("J. R. Holm")),
            ("By Monday, the talks had stalled.", None),
            ("By the end of the year prices rose", None),
            ("Bylines are short.", None),
            ("By 2030: the plan", None),
        ];
        for &(p, want) in rows {
            assert_eq!(byline(p).as_deref(), want, "{p}");
        }
    }

    #[test]
    fn date_line_rows() {
        let rows: &[(&str, bool)] = &[
            ("March 5, 2024", true),
            ("Tuesday 5 March 2024 09:30 GMT", true),
            ("Published: 2024-03-05", true),
            ("Updated 05/03/2024 at 10:15 a.m.", true),
            ("5th March", true),
            ("2024-03-05T09:30:00Z", true),
            ("March", true),
            ("The talks resumed in March 2024.", false),
            ("10 people died", false),
            ("1,000 rescuers", false),
        ];
        for &(p, want) in rows {
            assert_eq!(is_date_line(p), want, "{p}");
        }
    }

    #[test]
    fn front_matter_is_read_and_split_off() {
        let md = "---\ntitle: \"Tide tables change\"\nauthor: [Ann Lee, Tom Berg]\ndate: 2024-03-05\nlayout: post\n---\n# Tide tables change\n\nText.";
        let (meta, rest) = front_matter(md);
        assert_eq!(meta.title.as_deref(), Some("Tide tables change"));
        assert_eq!(meta.byline.as_deref(), Some("Ann Lee and Tom Berg"));
        assert_eq!(meta.date.as_deref(), Some("2024-03-05"));
        assert_eq!(rest, "# Tide tables change\n\nText.");
        // A rule, not front matter: no closing line.
        let md = "---\nSome text: with a colon.\n";
        assert_eq!(front_matter(md), (Meta::default(), md));
        assert_eq!(front_matter("Plain.").1, "Plain.");
    }

    #[test]
    fn byline_and_date_lines_leave_the_top_of_the_text() {
        let mut ps: Vec<String> = [
            "Fees rise",
            "By Ann Lee — Harbour News",
            "March 5, 2024",
            "By Monday, the council had voted.",
        ]
        .map(String::from)
        .to_vec();
        let (mut b, mut d) = (None, None);
        take_byline_and_date(&mut ps, &mut b, &mut d);
        assert_eq!(ps, ["Fees rise", "By Monday, the council had voted."]);
        assert_eq!(b.as_deref(), Some("Ann Lee"));
        assert_eq!(d.as_deref(), Some("March 5, 2024"));
        // Known already: the page's own byline and date stand; the lines still go.
        let mut ps: Vec<String> = ["By Ann Lee", "Text."].map(String::from).to_vec();
        let (mut b, mut d) = (Some("A. Lee".to_string()), Some("2024".to_string()));
        take_byline_and_date(&mut ps, &mut b, &mut d);
        assert_eq!(ps, ["Text."]);
        assert_eq!(b.as_deref(), Some("A. Lee"));
    }
}
