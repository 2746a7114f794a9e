//! Exports of an analysed article: who said what as CSV (safe to open in a spreadsheet), the
//! analysis JSON, a Markdown report, and a self-contained HTML report with the article
//! highlighted as on screen. Shared by File ▸ Export…, `quotelens export` and `quotelens batch`.

use std::fmt::Write as _;
use std::path::Path;

use crate::analysis::export::to_json;
use crate::analysis::{Analysis, CountryForm, Quote, QuoteKind, Span};

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Format {
    /// Who said what, one row per quote (CSV).
    Csv,
    /// The analysis (`quotelens.analysis/1`).
    Json,
    /// A Markdown report: each speaker with their quotes.
    Md,
    /// A self-contained HTML report: the article highlighted and who said what.
    Html,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Self; 4] = [Self::Csv, Self::Json, Self::Md, Self::Html];

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Json => "json",
            Self::Md => "md",
            Self::Html => "html",
        }
    }

    /// The name in menus and dialogs.
    pub fn label(self) -> &'static str {
        match self {
            Self::Csv => "Who said what (CSV)",
            Self::Json => "Analysis (JSON)",
            Self::Md => "Report (Markdown)",
            Self::Html => "Report with the article highlighted (HTML)",
        }
    }

    /// The format a file name asks for by its extension.
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|f| f.extension() == ext || (ext == "markdown" && *f == Self::Md))
    }
}

/// The colours of the HTML report (red, green, blue), given by the theme module
/// (`ui::theme::report_style`), the one place colours are defined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    /// Body text.
    pub text: [u8; 3],
    /// Secondary text.
    pub weak: [u8; 3],
    /// People.
    pub person: [u8; 3],
    /// Countries.
    pub country: [u8; 3],
    /// Demonyms and capitals.
    pub country_light: [u8; 3],
    /// Behind quotations.
    pub quote_bg: [u8; 3],
    /// The bar of quotation cards and the dotted line of reported speech.
    pub quote_bar: [u8; 3],
}

/// What an export is made from.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    /// The analysis.
    pub analysis: &'a Analysis,
    /// The analysed text.
    pub text: &'a str,
    /// The article's name (a file name).
    pub name: &'a str,
    /// Its byline, if the page gave one.
    pub byline: Option<&'a str>,
    /// Its date, if the page gave one.
    pub date: Option<&'a str>,
    /// The HTML report's colours.
    pub style: &'a Style,
    /// What a review checked and corrected, if the analysis is a reviewed one.
    pub flags: Option<&'a crate::review::Flags>,
}

/// The export of `src` in `format`.
pub fn render(src: Source<'_>, format: Format) -> Result<String, String> {
    match format {
        Format::Csv => csv(src),
        Format::Json => {
            let mut doc = to_json(src.analysis, src.text, src.name);
            if let Some(f) = src.flags {
                f.mark_json(&mut doc);
            }
            serde_json::to_string_pretty(&doc).map_err(|e| format!("Could not write JSON ({e})"))
        }
        Format::Md => Ok(markdown(src)),
        Format::Html => Ok(html(src)),
    }
}

/// Writes the export of `src` in `format` to `path`; the error names the path last.
pub fn write(src: Source<'_>, format: Format, path: &Path) -> Result<(), String> {
    let text = render(src, format)?;
    std::fs::write(path, text)
        .map_err(|e| format!("Could not write the export ({e}): {}", path.display()))
}

/// The CSV columns.
pub const CSV_HEADER: [&str; 11] = [
    "quote id",
    "speaker",
    "speaker kind",
    "quote",
    "kind",
    "cue",
    "paragraph",
    "start",
    "end",
    "checked",
    "corrected",
];

/// A cell made safe for spreadsheets: one that starts with `=`, `+`, `-`, `@` (or a tab or
/// carriage return) would be read as a formula, so it gets a leading apostrophe.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The rows of who said what, one per speech quote, as strings in [`CSV_HEADER`] order.
/// Offsets are in characters, as in the JSON; paragraphs count from 1 (the title).
pub fn csv_rows(
    analysis: &Analysis,
    text: &str,
    flags: Option<&crate::review::Flags>,
) -> Vec<[String; 11]> {
    crate::table::said(analysis, text, flags)
        .into_iter()
        .map(|r| {
            [
                r.quote_id,
                r.speaker.unwrap_or_default(),
                r.speaker_kind,
                r.quote,
                r.kind,
                r.cue.unwrap_or_default(),
                r.paragraph.to_string(),
                r.start.to_string(),
                r.end.to_string(),
                r.checked.to_string(),
                r.corrected.to_string(),
            ]
        })
        .collect()
}

/// Who said what as CSV, every cell neutralised against formula injection.
pub fn csv(src: Source<'_>) -> Result<String, String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let fail = |e: ::csv::Error| format!("Could not write CSV ({e})");
    w.write_record(CSV_HEADER).map_err(fail)?;
    for row in csv_rows(src.analysis, src.text, src.flags) {
        w.write_record(row.iter().map(|c| neutralise(c)))
            .map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| format!("Could not write CSV ({e})"))?;
    String::from_utf8(bytes).map_err(|e| format!("Could not write CSV ({e})"))
}

/// The quote's words with white space collapsed.
fn words(text: &str, q: &Quote) -> String {
    text.get(q.span.start..q.span.end)
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The article's title: its first paragraph.
fn title<'a>(src: &Source<'a>) -> &'a str {
    src.analysis
        .paragraphs
        .first()
        .and_then(|p| src.text.get(p.start..p.end))
        .unwrap_or(src.name)
}

/// "“words” — cue" lines of one quote, for the reports.
fn cue_of<'a>(text: &'a str, q: &Quote) -> Option<&'a str> {
    q.cue.and_then(|c| text.get(c.start..c.end))
}

/// A Markdown report: title, source, date, then each speaker with their quotes as block quotes
/// and the cue.
pub fn markdown(src: Source<'_>) -> String {
    let a = src.analysis;
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", title(&src));
    let _ = writeln!(s, "- Source: {}", src.name);
    if let Some(b) = src.byline {
        let _ = writeln!(s, "- Byline: {b}");
    }
    if let Some(d) = src.date {
        let _ = writeln!(s, "- Date: {d}");
    }
    let _ = writeln!(s, "- {}\n", a.count_words(a.quote_counts()));
    for g in a.speaker_groups(Quote::is_speech) {
        let qs: Vec<&Quote> = g.quotes.iter().filter_map(|&qi| a.quotes.get(qi)).collect();
        let counts = crate::analysis::QuoteCounts::of(qs.iter().copied());
        let _ = writeln!(
            s,
            "## {} · {counts}\n",
            g.name.as_deref().unwrap_or("Unattributed")
        );
        for q in qs {
            let body = words(src.text, q);
            let body = if q.kind == QuoteKind::Indirect {
                format!("{body} *(reported)*")
            } else {
                format!("“{body}”")
            };
            let _ = writeln!(s, "> {body}");
            if let Some(c) = cue_of(src.text, q) {
                let _ = writeln!(s, ">\n> — cue: *{c}*");
            }
            s.push('\n');
        }
    }
    s
}

/// The role the article gives a person in an appositive after one of their mentions: "Ann Lee,
/// the works director, said" → "works director"; "Ann Lee, Deputy Foreign Minister, said" →
/// "Deputy Foreign Minister". A relative clause ("Ann Lee, who …") is no role.
pub fn role(a: &Analysis, text: &str, person: usize) -> Option<String> {
    let p = a.people.get(person)?;
    p.mentions.iter().find_map(|m| {
        let rest = text.get(m.end..)?.strip_prefix(", ")?;
        let end = rest.find([',', '.', ';', '(', ')', '\n', '“', '"'])?;
        // The appositive closes with a comma, or with the sentence.
        if !rest[end..].starts_with([',', '.']) {
            return None;
        }
        let phrase = &rest[..end];
        let words: Vec<&str> = phrase.split_whitespace().collect();
        let first = *words.first()?;
        if words.len() > 7 {
            return None;
        }
        let article = matches!(first, "the" | "a" | "an");
        let titled = first.starts_with(char::is_uppercase)
            && !matches!(first, "He" | "She" | "It" | "They" | "Who" | "Which");
        if !(article || titled) {
            return None;
        }
        let role = if article { &words[1..] } else { &words[..] };
        (!role.is_empty()).then(|| role.join(" "))
    })
}

/// A quote with its attribution, to paste elsewhere: `“words” — Ann Lee, works director` (the
/// role when the article gives one; reported speech without quote marks).
pub fn with_attribution(a: &Analysis, text: &str, q: &Quote) -> String {
    let body = if q.kind == QuoteKind::Indirect {
        words(text, q)
    } else {
        format!("“{}”", words(text, q))
    };
    let Some(s) = &q.speaker else {
        return format!("{body} — unattributed");
    };
    let role = match s.entity {
        Some(crate::analysis::EntityRef::Person(pi)) => role(a, text, pi),
        _ => None,
    };
    match role {
        Some(r) => format!("{body} — {}, {r}", s.name),
        None => format!("{body} — {}", s.name),
    }
}

/// A quote as a Markdown block quote with its attribution.
pub fn as_markdown(a: &Analysis, text: &str, q: &Quote) -> String {
    let line = with_attribution(a, text, q);
    match line.rsplit_once(" — ") {
        Some((body, who)) => format!("> {body}\n>\n> — {who}\n"),
        None => format!("> {line}\n"),
    }
}

/// Escapes text for HTML.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A colour as CSS.
fn css(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// The class of each highlighted stretch in the HTML report.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Person,
    Country,
    CountryLight,
    Quote,
    Reported,
}

impl Mark {
    fn class(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Country => "country",
            Self::CountryLight => "demonym",
            Self::Quote => "quote",
            Self::Reported => "reported",
        }
    }
}

/// A self-contained HTML report: inline CSS, no script; the article highlighted as on screen
/// (people, countries, demonyms, quotations, reported speech) and who said what.
pub fn html(src: Source<'_>) -> String {
    let a = src.analysis;
    let mut marks: Vec<(Span, Mark)> = Vec::new();
    for p in &a.people {
        marks.extend(p.mentions.iter().map(|m| (*m, Mark::Person)));
    }
    for c in &a.countries {
        for m in &c.mentions {
            let mark = if m.form == CountryForm::Name {
                Mark::Country
            } else {
                Mark::CountryLight
            };
            marks.push((m.span, mark));
        }
    }
    for q in a.quotes.iter().filter(|q| q.is_speech()) {
        let mark = if q.kind == QuoteKind::Indirect {
            Mark::Reported
        } else {
            Mark::Quote
        };
        marks.push((q.outer(), mark));
    }
    let p = src.style;
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>{}</title>\n\
<style>\nbody{{font-family:Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:{};line-height:1.55}}\n\
.meta{{color:{}}}\n.person{{color:{};text-decoration:underline}}\n.country{{color:{};text-decoration:underline}}\n\
.demonym{{color:{};text-decoration:underline}}\n.quote{{background:{}}}\n\
.reported{{text-decoration:underline dotted {}}}\nblockquote{{border-left:3px solid {};margin:.5rem 0;padding:.2rem .8rem;background:{}}}\n\
blockquote.reported-card{{background:none}}\n.cue{{color:{};font-size:.9em}}\n</style></head><body>\n",
        esc(title(&src)),
        css(p.text),
        css(p.weak),
        css(p.person),
        css(p.country),
        css(p.country_light),
        css(p.quote_bg),
        css(p.quote_bar),
        css(p.quote_bar),
        css(p.quote_bg),
        css(p.weak),
    );
    let _ = writeln!(
        s,
        "<p class=\"meta\">{}{}{} · {}</p>",
        esc(src.name),
        src.byline
            .map(|b| format!(" · {}", esc(b)))
            .unwrap_or_default(),
        src.date
            .map(|d| format!(" · {}", esc(d)))
            .unwrap_or_default(),
        esc(&a.count_words(a.quote_counts()))
    );
    s.push_str("<article>\n");
    let by_start = ByStart::new(&marks);
    for (i, para) in a.paragraphs.iter().enumerate() {
        let tag = if i == 0 { "h1" } else { "p" };
        let inside = by_start.overlapping(&marks, *para);
        let _ = writeln!(s, "<{tag}>{}</{tag}>", highlight(src.text, *para, &inside));
    }
    s.push_str("</article>\n<h2>Who said what</h2>\n");
    for g in a.speaker_groups(Quote::is_speech) {
        let qs: Vec<&Quote> = g.quotes.iter().filter_map(|&qi| a.quotes.get(qi)).collect();
        let counts = crate::analysis::QuoteCounts::of(qs.iter().copied());
        let _ = writeln!(
            s,
            "<h3>{} · {counts}</h3>",
            esc(g.name.as_deref().unwrap_or("Unattributed"))
        );
        for q in qs {
            let (class, body) = if q.kind == QuoteKind::Indirect {
                (" class=\"reported-card\"", esc(&words(src.text, q)))
            } else {
                ("", format!("“{}”", esc(&words(src.text, q))))
            };
            let cue = cue_of(src.text, q)
                .map(|c| format!("<br><span class=\"cue\">cue: {}</span>", esc(c)))
                .unwrap_or_default();
            let _ = writeln!(s, "<blockquote{class}>{body}{cue}</blockquote>");
        }
    }
    s.push_str("</body></html>\n");
    s
}

/// The marks in order of their start, to find those over a paragraph without scanning them all
/// (a long article has tens of thousands).
struct ByStart {
    /// Indices into the marks, sorted by start.
    order: Vec<usize>,
    /// The starts in that order.
    starts: Vec<usize>,
    /// The longest mark.
    longest: usize,
}

impl ByStart {
    fn new(marks: &[(Span, Mark)]) -> Self {
        let mut order: Vec<usize> = (0..marks.len()).collect();
        order.sort_by_key(|&i| marks[i].0.start);
        Self {
            starts: order.iter().map(|&i| marks[i].0.start).collect(),
            longest: marks.iter().map(|(s, _)| s.len()).max().unwrap_or(0),
            order,
        }
    }

    /// The marks that overlap `para`, in their original order.
    fn overlapping<'m>(&self, marks: &'m [(Span, Mark)], para: Span) -> Vec<&'m (Span, Mark)> {
        let lo = self
            .starts
            .partition_point(|&s| s + self.longest <= para.start);
        let hi = self.starts.partition_point(|&s| s < para.end);
        let mut found: Vec<usize> = self.order[lo..hi.max(lo)]
            .iter()
            .copied()
            .filter(|&i| para.start < marks[i].0.end)
            .collect();
        found.sort_unstable();
        found.into_iter().map(|i| &marks[i]).collect()
    }
}

/// The paragraph `para` as HTML, each highlighted stretch in a `<span class>` (nested marks:
/// a name inside a quotation gets both); `inside` are the marks over it.
fn highlight(text: &str, para: Span, inside: &[&(Span, Mark)]) -> String {
    let mut cuts = vec![para.start, para.end];
    for (s, _) in inside {
        cuts.push(s.start.clamp(para.start, para.end));
        cuts.push(s.end.clamp(para.start, para.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::new();
    for w in cuts.windows(2) {
        let (x, y) = (w[0], w[1]);
        let Some(piece) = text.get(x..y) else {
            continue;
        };
        let classes: Vec<&str> = inside
            .iter()
            .filter(|(s, _)| s.start <= x && y <= s.end)
            .map(|(_, m)| m.class())
            .collect();
        if classes.is_empty() {
            out.push_str(&esc(piece));
        } else {
            let _ = write!(
                out,
                "<span class=\"{}\">{}</span>",
                classes.join(" "),
                esc(piece)
            );
        }
    }
    out
}
