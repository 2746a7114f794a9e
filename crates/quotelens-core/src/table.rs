//! Results as typed tables for data tools: one row per quote (the CSV export's columns plus the
//! article's path and title) and one row per article (counts, people, countries), and their
//! Parquet files, which `DuckDB`, pandas, Polars and Spark read as they are.

use std::io::Write;
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, Int64Type};
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use crate::analysis::export::quotes_json;
use crate::analysis::{Analysis, QuoteKind, Span, SpeakerKind};

/// The quote table's columns: the CSV export's, in its order and in `snake_case`, after the
/// article's `file` and `title`.
pub const QUOTE_COLUMNS: [&str; 13] = [
    "file",
    "title",
    "quote_id",
    "speaker",
    "speaker_kind",
    "quote",
    "kind",
    "cue",
    "paragraph",
    "start",
    "end",
    "checked",
    "corrected",
];

/// The article table's columns.
pub const ARTICLE_COLUMNS: [&str; 11] = [
    "file",
    "title",
    "date",
    "byline",
    "characters",
    "quotes",
    "reported",
    "attributed",
    "unattributed",
    "people",
    "countries",
];

/// One quotation (or reported speech) of an article: a row of who said what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteRow {
    /// The article's path, as given.
    pub file: String,
    /// The article's title (its first paragraph, white space collapsed).
    pub title: String,
    /// The quote's id in the analysis JSON ("q3").
    pub quote_id: String,
    /// Who said it; `None` when unattributed.
    pub speaker: Option<String>,
    /// "person", "organization", "country" or "unknown".
    pub speaker_kind: String,
    /// The quoted words, white space collapsed.
    pub quote: String,
    /// "direct", "partial" or "indirect".
    pub kind: String,
    /// The speech cue ("said"), if any.
    pub cue: Option<String>,
    /// The paragraph, counting from 1 (the title).
    pub paragraph: i64,
    /// Start, in characters, as in the JSON.
    pub start: i64,
    /// End, in characters.
    pub end: i64,
    /// A person checked it.
    pub checked: bool,
    /// A person corrected it.
    pub corrected: bool,
}

/// One article: what it holds, in counts and names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleRow {
    /// The article's path, as given.
    pub file: String,
    /// The article's title (its first paragraph, white space collapsed).
    pub title: String,
    /// The date the document gives, if any.
    pub date: Option<String>,
    /// The byline the document gives, if any.
    pub byline: Option<String>,
    /// Length of the text in characters.
    pub characters: i64,
    /// Direct and partial quotations.
    pub quotes: i64,
    /// Reported (indirect) speech.
    pub reported: i64,
    /// Quotations and reported speech with a speaker.
    pub attributed: i64,
    /// Quotations and reported speech without one.
    pub unattributed: i64,
    /// The people named, in order of first mention.
    pub people: Vec<String>,
    /// The countries named, in order of first mention.
    pub countries: Vec<String>,
}

/// The article's title: its first paragraph with white space collapsed, or `file` when it
/// has none.
pub fn title(analysis: &Analysis, text: &str, file: &str) -> String {
    analysis
        .paragraphs
        .first()
        .and_then(|p| text.get(p.start..p.end))
        .map_or_else(|| file.to_string(), collapse)
}

/// `s` with white space trimmed and every run of it one space.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The name of a speaker kind as the JSON writes it.
pub(crate) fn speaker_kind(k: SpeakerKind) -> &'static str {
    match k {
        SpeakerKind::Person => "person",
        SpeakerKind::Organization => "organization",
        SpeakerKind::Country => "country",
        SpeakerKind::Unknown => "unknown",
    }
}

/// The name of a quote kind as the JSON writes it.
pub(crate) fn quote_kind(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "direct",
        QuoteKind::Partial => "partial",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Term => "term",
    }
}

/// The rows of who said what (speech only: direct, partial and reported), with `file` and
/// `title` left empty: the rows of the CSV export and of [`quote_rows`].
pub(crate) fn said(
    analysis: &Analysis,
    text: &str,
    flags: Option<&crate::review::Flags>,
) -> Vec<QuoteRow> {
    let mut quotes = quotes_json(analysis, text);
    if let Some(f) = flags {
        f.mark_quotes(&mut quotes);
    }
    let paragraph = |s: Span| analysis.paragraphs.partition_point(|p| p.end <= s.start) + 1;
    let int = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    quotes
        .into_iter()
        .zip(&analysis.quotes)
        .filter(|(_, q)| q.is_speech())
        .map(|(j, q)| QuoteRow {
            file: String::new(),
            title: String::new(),
            quote_id: j.id,
            speaker: j.speaker.as_ref().map(|s| s.name.to_string()),
            speaker_kind: speaker_kind(j.speaker.as_ref().map_or(SpeakerKind::Unknown, |s| s.kind))
                .to_string(),
            quote: collapse(j.text),
            kind: quote_kind(j.kind).to_string(),
            cue: j.cue.map(|c| c.text.to_string()),
            paragraph: int(paragraph(q.span)),
            start: int(j.start),
            end: int(j.end),
            checked: j.checked,
            corrected: j.reviewed,
        })
        .collect()
}

/// The rows of who said what of one article, as the CSV export writes them, after the
/// article's `file` and title.
pub fn quote_rows(
    analysis: &Analysis,
    text: &str,
    file: &str,
    flags: Option<&crate::review::Flags>,
) -> Vec<QuoteRow> {
    let title = title(analysis, text, file);
    let mut rows = said(analysis, text, flags);
    for r in &mut rows {
        r.file = file.to_string();
        r.title.clone_from(&title);
    }
    rows
}

/// The row of one article.
pub fn article_row(
    analysis: &Analysis,
    text: &str,
    file: &str,
    date: Option<&str>,
    byline: Option<&str>,
) -> ArticleRow {
    let speech = || analysis.quotes.iter().filter(|q| q.is_speech());
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let attributed = speech().filter(|q| q.speaker.is_some()).count();
    ArticleRow {
        file: file.to_string(),
        title: title(analysis, text, file),
        date: date.map(str::to_string),
        byline: byline.map(str::to_string),
        characters: count(text.chars().count()),
        quotes: count(
            speech()
                .filter(|q| matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial))
                .count(),
        ),
        reported: count(speech().filter(|q| q.kind == QuoteKind::Indirect).count()),
        attributed: count(attributed),
        unattributed: count(speech().count() - attributed),
        people: analysis.people.iter().map(|p| p.name.clone()).collect(),
        countries: analysis
            .countries
            .iter()
            .map(|c| c.name.to_string())
            .collect(),
    }
}

/// Rows that can be written as a Parquet table.
pub trait Row {
    /// The Parquet schema (a message type).
    const SCHEMA: &'static str;
    /// The columns of `rows`, in schema order.
    fn columns(rows: &[Self]) -> Vec<Column>
    where
        Self: Sized;
}

/// One column's values, with the definition and repetition levels Parquet needs.
#[derive(Debug)]
pub enum Column {
    /// Required UTF-8 strings.
    Text(Vec<ByteArray>),
    /// Optional UTF-8 strings: the values present, and a definition level per row.
    OptionalText(Vec<ByteArray>, Vec<i16>),
    /// Required 64-bit integers.
    Int(Vec<i64>),
    /// Required booleans.
    Bool(Vec<bool>),
    /// A required list of UTF-8 strings: the values, a definition and a repetition level per
    /// value (an empty list is one level pair and no value).
    TextList(Vec<ByteArray>, Vec<i16>, Vec<i16>),
}

fn text(s: &str) -> ByteArray {
    ByteArray::from(s.as_bytes().to_vec())
}

fn optional(values: impl Iterator<Item = Option<String>>) -> Column {
    let mut present = Vec::new();
    let mut defs = Vec::new();
    for v in values {
        defs.push(i16::from(v.is_some()));
        present.extend(v.as_deref().map(text));
    }
    Column::OptionalText(present, defs)
}

fn list<'a>(lists: impl Iterator<Item = &'a [String]>) -> Column {
    let (mut values, mut defs, mut reps) = (Vec::new(), Vec::new(), Vec::new());
    for l in lists {
        // The list is required and its elements too: only the repeated level counts, so an
        // empty list is level 0 and an element level 1.
        if l.is_empty() {
            defs.push(0);
            reps.push(0);
        }
        for (i, v) in l.iter().enumerate() {
            values.push(text(v));
            defs.push(1);
            reps.push(i16::from(i > 0));
        }
    }
    Column::TextList(values, defs, reps)
}

impl Row for QuoteRow {
    const SCHEMA: &'static str = "message quote {
        required binary file (STRING);
        required binary title (STRING);
        required binary quote_id (STRING);
        optional binary speaker (STRING);
        required binary speaker_kind (STRING);
        required binary quote (STRING);
        required binary kind (STRING);
        optional binary cue (STRING);
        required int64 paragraph;
        required int64 start;
        required int64 end;
        required boolean checked;
        required boolean corrected;
    }";

    fn columns(rows: &[Self]) -> Vec<Column> {
        let texts = |f: fn(&Self) -> &str| Column::Text(rows.iter().map(|r| text(f(r))).collect());
        let ints = |f: fn(&Self) -> i64| Column::Int(rows.iter().map(f).collect());
        let bools = |f: fn(&Self) -> bool| Column::Bool(rows.iter().map(f).collect());
        vec![
            texts(|r| &r.file),
            texts(|r| &r.title),
            texts(|r| &r.quote_id),
            optional(rows.iter().map(|r| r.speaker.clone())),
            texts(|r| &r.speaker_kind),
            texts(|r| &r.quote),
            texts(|r| &r.kind),
            optional(rows.iter().map(|r| r.cue.clone())),
            ints(|r| r.paragraph),
            ints(|r| r.start),
            ints(|r| r.end),
            bools(|r| r.checked),
            bools(|r| r.corrected),
        ]
    }
}

impl Row for ArticleRow {
    const SCHEMA: &'static str = "message article {
        required binary file (STRING);
        required binary title (STRING);
        optional binary date (STRING);
        optional binary byline (STRING);
        required int64 characters;
        required int64 quotes;
        required int64 reported;
        required int64 attributed;
        required int64 unattributed;
        required group people (LIST) { repeated group list { required binary element (STRING); } }
        required group countries (LIST) { repeated group list { required binary element (STRING); } }
    }";

    fn columns(rows: &[Self]) -> Vec<Column> {
        let texts = |f: fn(&Self) -> &str| Column::Text(rows.iter().map(|r| text(f(r))).collect());
        let ints = |f: fn(&Self) -> i64| Column::Int(rows.iter().map(f).collect());
        vec![
            texts(|r| &r.file),
            texts(|r| &r.title),
            optional(rows.iter().map(|r| r.date.clone())),
            optional(rows.iter().map(|r| r.byline.clone())),
            ints(|r| r.characters),
            ints(|r| r.quotes),
            ints(|r| r.reported),
            ints(|r| r.attributed),
            ints(|r| r.unattributed),
            list(rows.iter().map(|r| r.people.as_slice())),
            list(rows.iter().map(|r| r.countries.as_slice())),
        ]
    }
}

/// Rows buffered before they are written as one row group: large enough for good compression
/// and fast reads, small enough that memory stays bounded (a few megabytes).
const ROWS_PER_GROUP: usize = 32 * 1024;

/// A Parquet file of rows of type `R`, written a row group at a time (Snappy-compressed,
/// dictionary-encoded). Call [`ParquetWriter::finish`] to write the footer: a file without it
/// is not Parquet.
pub struct ParquetWriter<W: Write + Send, R: Row> {
    writer: SerializedFileWriter<W>,
    rows: Vec<R>,
}

/// A Parquet error as the one-line message the CLI prints.
fn parquet_err(e: &parquet::errors::ParquetError) -> String {
    format!("Could not write Parquet ({e})")
}

impl<W: Write + Send, R: Row> ParquetWriter<W, R> {
    /// Starts a Parquet file on `out`.
    pub fn new(out: W) -> Result<Self, String> {
        let schema = parse_message_type(R::SCHEMA).map_err(|e| parquet_err(&e))?;
        // Statistics per column chunk (what readers prune row groups by), not per page.
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_statistics_enabled(EnabledStatistics::Chunk)
            .set_created_by(format!("quotelens {}", env!("CARGO_PKG_VERSION")))
            .build();
        let writer = SerializedFileWriter::new(out, Arc::new(schema), Arc::new(props))
            .map_err(|e| parquet_err(&e))?;
        Ok(Self {
            writer,
            rows: Vec::new(),
        })
    }

    /// Adds rows, writing a row group when enough are buffered.
    pub fn push(&mut self, rows: impl IntoIterator<Item = R>) -> Result<(), String> {
        self.rows.extend(rows);
        if self.rows.len() >= ROWS_PER_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the buffered rows as a row group.
    fn flush(&mut self) -> Result<(), String> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let columns = R::columns(&self.rows);
        self.rows.clear();
        let mut group = self.writer.next_row_group().map_err(|e| parquet_err(&e))?;
        for column in columns {
            let Some(mut w) = group.next_column().map_err(|e| parquet_err(&e))? else {
                return Err("Could not write Parquet (more columns than the schema)".to_string());
            };
            let written = match &column {
                Column::Text(v) => w.typed::<ByteArrayType>().write_batch(v, None, None),
                Column::OptionalText(v, d) => {
                    w.typed::<ByteArrayType>().write_batch(v, Some(d), None)
                }
                Column::Int(v) => w.typed::<Int64Type>().write_batch(v, None, None),
                Column::Bool(v) => w.typed::<BoolType>().write_batch(v, None, None),
                Column::TextList(v, d, r) => {
                    w.typed::<ByteArrayType>().write_batch(v, Some(d), Some(r))
                }
            };
            written.map_err(|e| parquet_err(&e))?;
            w.close().map_err(|e| parquet_err(&e))?;
        }
        group.close().map_err(|e| parquet_err(&e))?;
        Ok(())
    }

    /// Writes the last rows and the footer, and returns the output.
    pub fn finish(mut self) -> Result<W, String> {
        self.flush()?;
        self.writer.into_inner().map_err(|e| parquet_err(&e))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a panic is a failed test")]

    use super::*;
    use parquet::file::reader::{FileReader as _, SerializedFileReader};
    use parquet::record::{Field, ListAccessor as _, RowAccessor as _};

    const ARTICLE: &str = "Port talks resume\n\n“We will not sign this,” said union leader Mara Quist. \
        The ministry said Norway would mediate.\n\nIt is a “fair offer”, the employers added.";

    fn read(bytes: Vec<u8>) -> Vec<parquet::record::Row> {
        let reader = SerializedFileReader::new(bytes::Bytes::from(bytes)).unwrap();
        reader
            .get_row_iter(None)
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn quote_rows_follow_the_csv_export() {
        let a = crate::analysis::analyze(ARTICLE);
        let rows = quote_rows(&a, ARTICLE, "a/port.txt", None);
        let csv = crate::report::csv_rows(&a, ARTICLE, None);
        assert_eq!(rows.len(), csv.len());
        assert!(rows.len() >= 2, "{rows:?}");
        let first = &rows[0];
        assert_eq!(first.title, "Port talks resume");
        assert_eq!(first.quote, "We will not sign this,");
        assert_eq!(first.speaker.as_deref(), Some("Mara Quist"));
        assert_eq!(
            (first.speaker_kind.as_str(), first.kind.as_str()),
            ("person", "direct")
        );
        assert_eq!(first.cue.as_deref(), Some("said"));
        assert_eq!((first.paragraph, first.start, first.end), (2, 20, 42));
        assert_eq!(
            &ARTICLE.chars().skip(20).take(22).collect::<String>(),
            "We will not sign this,"
        );
        for (r, c) in rows.iter().zip(&csv) {
            assert_eq!(r.quote_id, c[0]);
            assert_eq!(r.speaker.clone().unwrap_or_default(), c[1]);
            assert_eq!(r.paragraph.to_string(), c[6]);
        }
    }

    #[test]
    fn the_quote_columns_are_the_csv_columns_after_file_and_title() {
        let csv: Vec<String> = crate::report::CSV_HEADER
            .iter()
            .map(|c| c.replace(' ', "_"))
            .collect();
        assert_eq!(QUOTE_COLUMNS[..2], ["file", "title"]);
        assert_eq!(QUOTE_COLUMNS[2..], csv[..]);
        let schema = parse_message_type(QuoteRow::SCHEMA).unwrap();
        let names: Vec<&str> = schema.get_fields().iter().map(|f| f.name()).collect();
        assert_eq!(names, QUOTE_COLUMNS);
        let schema = parse_message_type(ArticleRow::SCHEMA).unwrap();
        let names: Vec<&str> = schema.get_fields().iter().map(|f| f.name()).collect();
        assert_eq!(names, ARTICLE_COLUMNS);
    }

    #[test]
    fn kind_names_are_the_json_names() {
        for k in [
            SpeakerKind::Person,
            SpeakerKind::Organization,
            SpeakerKind::Country,
            SpeakerKind::Unknown,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), speaker_kind(k));
        }
        for k in [
            QuoteKind::Direct,
            QuoteKind::Partial,
            QuoteKind::Indirect,
            QuoteKind::Term,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), quote_kind(k));
        }
        assert_eq!(collapse("  a \n\t b  c "), "a b c");
        assert_eq!(collapse(" \n "), "");
    }

    #[test]
    fn quote_rows_round_trip_through_parquet_with_nulls() {
        let a = crate::analysis::analyze(ARTICLE);
        let mut rows = quote_rows(&a, ARTICLE, "port.txt", None);
        rows[0].speaker = None;
        rows[0].cue = None;
        rows[1].checked = true;
        let mut w = ParquetWriter::new(Vec::new()).unwrap();
        w.push(rows.clone()).unwrap();
        let back = read(w.finish().unwrap());
        assert_eq!(back.len(), rows.len());
        for (b, r) in back.iter().zip(&rows) {
            let names: Vec<&str> = b.get_column_iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(names, QUOTE_COLUMNS);
            assert_eq!(b.get_string(0).unwrap(), &r.file);
            assert_eq!(b.get_string(5).unwrap(), &r.quote);
            let speaker = b.get_column_iter().nth(3).map(|(_, f)| f.clone());
            match &r.speaker {
                Some(s) => assert_eq!(speaker, Some(Field::Str(s.clone()))),
                None => assert_eq!(speaker, Some(Field::Null)),
            }
            assert_eq!(b.get_long(9).unwrap(), r.start);
            assert_eq!(b.get_bool(11).unwrap(), r.checked);
        }
    }

    #[test]
    fn article_rows_round_trip_with_lists_empty_or_not() {
        let a = crate::analysis::analyze(ARTICLE);
        let row = article_row(&a, ARTICLE, "port.txt", Some("2031-05-01"), None);
        assert_eq!(row.people, ["Mara Quist"]);
        assert_eq!(row.countries, ["Norway"]);
        assert_eq!(
            row.characters,
            i64::try_from(ARTICLE.chars().count()).unwrap()
        );
        assert_eq!(row.quotes + row.reported, row.attributed + row.unattributed);
        let empty = article_row(
            &crate::analysis::analyze("Nothing here."),
            "Nothing here.",
            "e.txt",
            None,
            None,
        );
        assert!(empty.people.is_empty() && empty.countries.is_empty());
        let mut w = ParquetWriter::new(Vec::new()).unwrap();
        w.push([row.clone(), empty, row]).unwrap();
        let back = read(w.finish().unwrap());
        assert_eq!(back.len(), 3);
        let people = |r: &parquet::record::Row| -> Vec<String> {
            let l = r.get_list(9).unwrap();
            (0..l.len())
                .map(|i| l.get_string(i).unwrap().clone())
                .collect()
        };
        assert_eq!(people(&back[0]), ["Mara Quist"]);
        assert!(people(&back[1]).is_empty());
        assert_eq!(people(&back[2]), ["Mara Quist"]);
        assert_eq!(back[0].get_string(2).unwrap(), "2031-05-01");
        assert_eq!(back[2].get_long(4).unwrap(), back[0].get_long(4).unwrap());
    }

    #[test]
    fn many_rows_make_several_row_groups() {
        let a = crate::analysis::analyze(ARTICLE);
        let one = quote_rows(&a, ARTICLE, "port.txt", None);
        let n = ROWS_PER_GROUP * 2 / one.len() + 1;
        let mut w = ParquetWriter::new(Vec::new()).unwrap();
        for _ in 0..n {
            w.push(one.clone()).unwrap();
        }
        let bytes = w.finish().unwrap();
        let reader = SerializedFileReader::new(bytes::Bytes::from(bytes)).unwrap();
        assert!(reader.metadata().num_row_groups() >= 2);
        assert_eq!(
            reader.metadata().file_metadata().num_rows(),
            i64::try_from(n * one.len()).unwrap()
        );
    }

    /// `analysis::paragraphs`, which the Python tables number quotes by, is the analysis's own
    /// paragraphing, on every dev-set article.
    #[test]
    fn paragraphs_alone_are_the_analysis_paragraphs() {
        let mut n = 0;
        for set in ["fixtures", "devset", "devset2", "devset3", "invented"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../tests/data")
                .join(set);
            for e in std::fs::read_dir(&dir).unwrap() {
                let p = e.unwrap().path();
                if p.extension().is_some_and(|x| x == "txt") {
                    let text = std::fs::read_to_string(&p).unwrap();
                    let a = crate::analysis::analyze(&text);
                    assert_eq!(
                        crate::analysis::paragraphs(&text),
                        a.paragraphs,
                        "{}",
                        p.display()
                    );
                    n += 1;
                }
            }
        }
        assert!(n > 100, "{n} articles");
    }
}
