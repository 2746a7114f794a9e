//! Reading a file into article text: size limits, binary detection, encodings (UTF-8 with or
//! without BOM, UTF-16 with BOM, an HTML page's declared charset, legacy single-byte encodings),
//! line endings, formats (plain text, HTML pages, Markdown, pasted text), and clear errors.
//!
//! Architecture invariant: files are only ever read, never written or modified.

pub mod html;
pub mod markdown;
pub mod meta;

use std::fmt;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// Largest file that is opened at all (bytes).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A decoded article.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Where it came from.
    pub path: PathBuf,
    /// The text, with line endings normalised to `\n`.
    pub text: String,
    /// The encoding it was decoded from ("UTF-8", "UTF-16LE", "windows-1252", …).
    pub encoding: &'static str,
    /// What kind of file it was; the text is what was extracted from it.
    pub format: Format,
    /// An HTML page's byline: shown above the article, not part of the text.
    pub byline: Option<String>,
    /// An HTML page's publication date: shown above the article, not part of the text.
    pub date: Option<String>,
}

/// The kind of file an article came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    #[default]
    Text,
    /// An HTML page (by its extension or its content): the main article was extracted.
    Html,
    /// Markdown (`.md`, `.markdown`): the markup was dropped.
    Markdown,
}

/// The name of an article pasted from the clipboard.
pub const UNTITLED: &str = "Untitled";

/// The path that stands for standard input (`quotelens analyze -`, `cat a.txt | quotelens -`).
/// A file that is really named `-` is reached as `./-`.
pub const STDIN_PATH: &str = "-";

/// How an article read from standard input is named in the window, messages and JSON.
pub const STDIN_NAME: &str = "standard input";

/// Whether `path` stands for standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN_PATH
}

impl Document {
    /// The file name for display ("standard input" for `-`).
    pub fn file_name(&self) -> String {
        display_name(&self.path)
    }

    /// Whether the article was read from standard input (it has no file to reopen).
    pub fn is_stdin(&self) -> bool {
        is_stdin(&self.path)
    }

    /// Whether the article has no text but white space.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// The last component of a path, for display ("standard input" for `-`).
pub fn display_name(path: &Path) -> String {
    if is_stdin(path) {
        return STDIN_NAME.to_string();
    }
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Why a file could not be opened. Messages name the path last.
#[derive(Debug, PartialEq, Eq)]
pub enum OpenError {
    /// No such file.
    NotFound(PathBuf),
    /// A directory was given.
    IsDirectory(PathBuf),
    /// Not allowed to read it.
    PermissionDenied(PathBuf),
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge {
        /// Size in bytes.
        size: u64,
        /// The file.
        path: PathBuf,
    },
    /// Binary content; the string names what it looks like.
    NotText {
        /// What it looks like ("PDF", "PNG image", "binary data").
        what: &'static str,
        /// The file.
        path: PathBuf,
    },
    /// Any other I/O error.
    Io {
        /// The error text.
        message: String,
        /// The file.
        path: PathBuf,
    },
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFound(p) => write!(f, "File not found: {}", p.display()),
            Self::IsDirectory(p) => write!(f, "Is a folder, not a file: {}", p.display()),
            Self::PermissionDenied(p) => write!(f, "No permission to read: {}", p.display()),
            Self::TooLarge { size, path } => write!(
                f,
                "Too large to open ({:.1} MB; the limit is {} MB): {}",
                *size as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576,
                path.display()
            ),
            Self::NotText { what, path } => {
                write!(f, "Not a text file (looks like {what}): {}", path.display())
            }
            Self::Io { message, path } => {
                write!(f, "Could not read ({message}): {}", path.display())
            }
        }
    }
}

impl std::error::Error for OpenError {}

fn io_error(e: &std::io::Error, path: &Path) -> OpenError {
    match e.kind() {
        std::io::ErrorKind::NotFound => OpenError::NotFound(path.to_path_buf()),
        std::io::ErrorKind::PermissionDenied => OpenError::PermissionDenied(path.to_path_buf()),
        std::io::ErrorKind::IsADirectory => OpenError::IsDirectory(path.to_path_buf()),
        _ => OpenError::Io {
            message: e.to_string(),
            path: path.to_path_buf(),
        },
    }
}

/// Reads and decodes a file, or standard input when `path` is `-` ([`STDIN_PATH`]). Only reads:
/// never writes next to it.
pub fn open(path: &Path) -> Result<Document, OpenError> {
    if is_stdin(path) {
        return read_limited(std::io::stdin().lock(), Path::new(STDIN_NAME), 0).and_then(|bytes| {
            let mut doc = decode(&bytes, Path::new(STDIN_NAME))?;
            doc.path = PathBuf::from(STDIN_PATH);
            Ok(doc)
        });
    }
    let meta = std::fs::metadata(path).map_err(|e| io_error(&e, path))?;
    if meta.is_dir() {
        return Err(OpenError::IsDirectory(path.to_path_buf()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(OpenError::TooLarge {
            size: meta.len(),
            path: path.to_path_buf(),
        });
    }
    let file = std::fs::File::open(path).map_err(|e| io_error(&e, path))?;
    let bytes = read_limited(file, path, meta.len())?;
    decode(&bytes, path)
}

/// Reads all of `source` (named `path` in errors), refusing more than [`MAX_FILE_BYTES`]: at most
/// one byte past the limit is read, in case a file grew after its size was checked.
fn read_limited(
    source: impl std::io::Read,
    path: &Path,
    size_hint: u64,
) -> Result<Vec<u8>, OpenError> {
    let mut bytes = Vec::with_capacity(usize::try_from(size_hint).unwrap_or(0));
    source
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(&e, path))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(OpenError::TooLarge {
            size: bytes.len() as u64,
            path: path.to_path_buf(),
        });
    }
    Ok(bytes)
}

/// Decodes bytes read from `path` into a [`Document`]: an HTML page (by its extension or by its
/// content, whatever its name) is reduced to its article, Markdown (by its extension) to its text.
pub fn decode(bytes: &[u8], path: &Path) -> Result<Document, OpenError> {
    let (mut text, mut encoding) = decode_text(bytes).map_err(|what| OpenError::NotText {
        what,
        path: path.to_path_buf(),
    })?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let is_html = matches!(ext.as_str(), "html" | "htm" | "xhtml") || html::looks_like_html(&text);
    let mut doc = Document {
        path: path.to_path_buf(),
        text: String::new(),
        encoding,
        format: Format::Text,
        byline: None,
        date: None,
    };
    if is_html {
        // A page's declared charset wins over the guess (a byte order mark wins over both).
        let bom = encoding_rs::Encoding::for_bom(bytes).is_some();
        if let Some(enc) = html::declared_charset(bytes).filter(|e| !bom && e.name() != encoding) {
            let (cow, _, _) = enc.decode(bytes);
            (text, encoding) = (normalize_newlines(&cow), enc.name());
        }
        let page = html::extract(&text);
        doc.format = Format::Html;
        (doc.text, doc.byline, doc.date, doc.encoding) =
            (page.text, page.byline, page.date, encoding);
    } else if matches!(ext.as_str(), "md" | "markdown") {
        doc.format = Format::Markdown;
        let page = markdown::extract(&text);
        (doc.text, doc.byline, doc.date) = (page.text, page.meta.byline, page.meta.date);
    } else {
        doc.text = text;
    }
    Ok(doc)
}

/// An article pasted from the clipboard, named [`UNTITLED`]: its HTML when the clipboard has
/// some (through the same extraction as a page), otherwise its text.
pub fn from_clipboard(text: &str, html_text: Option<&str>) -> Document {
    let mut doc = Document {
        path: PathBuf::from(UNTITLED),
        text: normalize_newlines(text),
        encoding: "UTF-8",
        format: Format::Text,
        byline: None,
        date: None,
    };
    let page = html_text
        .filter(|h| !h.trim().is_empty())
        .or_else(|| html::looks_like_html(text).then_some(text));
    if let Some(h) = page {
        let page = html::extract(&normalize_newlines(h));
        if !page.text.trim().is_empty() {
            doc.format = Format::Html;
            (doc.text, doc.byline, doc.date) = (page.text, page.byline, page.date);
        }
    }
    doc
}

/// What a binary file looks like, from its first bytes.
fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const SIGS: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF"),
        (b"\x89PNG", "PNG image"),
        (b"PK\x03\x04", "ZIP archive or Office document"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"\x1F\x8B", "gzip archive"),
        (b"\x7FELF", "executable"),
        (b"MZ", "executable"),
        (b"\xD0\xCF\x11\xE0", "old Office document"),
        (b"{\\rtf", "RTF document"),
        (b"Rar!", "RAR archive"),
        (b"7z\xBC\xAF", "7-Zip archive"),
    ];
    SIGS.iter()
        .find(|(sig, _)| bytes.starts_with(sig))
        .map(|(_, what)| *what)
}

/// Decodes bytes to text, or says what the bytes look like when they are not text.
pub fn decode_text(bytes: &[u8]) -> Result<(String, &'static str), &'static str> {
    // Byte order marks first: UTF-16 text is full of NUL bytes.
    let (text, encoding) = if let Some((enc, len)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = bytes.get(len..).unwrap_or_default();
        let (cow, _) = enc.decode_without_bom_handling(rest);
        (cow.into_owned(), enc.name())
    } else {
        if let Some(what) = sniff_binary(bytes) {
            return Err(what);
        }
        if bytes.contains(&0) {
            return Err("binary data");
        }
        if let Ok(s) = std::str::from_utf8(bytes) {
            (s.to_string(), "UTF-8")
        } else {
            let mut det = chardetng::EncodingDetector::new();
            det.feed(bytes, true);
            let enc = det.guess(None, true);
            let (cow, _, _) = enc.decode(bytes);
            (cow.into_owned(), enc.name())
        }
    };
    if control_chars(&text) > text.len() / 20 + 8 {
        return Err("binary data");
    }
    Ok((normalize_newlines_owned(text), encoding))
}

/// How many control characters (`char::is_control`: U+0000–U+001F, U+007F–U+009F) `text`
/// holds besides line feeds, carriage returns, tabs and form feeds, counted on its bytes: in
/// UTF-8 the C1 controls are 0xC2 followed by 0x80–0x9F, and no other character contains those
/// two bytes in a row.
fn control_chars(text: &str) -> usize {
    let b = text.as_bytes();
    // One pass; most bytes of a text are printable ASCII and take the first test only.
    let mut n = 0;
    for (i, &x) in b.iter().enumerate() {
        if (0x20..0x7f).contains(&x) {
            continue;
        }
        let control = match x {
            b'\n' | b'\r' | b'\t' | 0x0c => false,
            0..0x20 | 0x7f => true,
            0xc2 => b.get(i + 1).is_some_and(|y| (0x80..=0x9f).contains(y)),
            _ => false,
        };
        n += usize::from(control);
    }
    n
}

/// CRLF and lone CR become LF.
fn normalize_newlines(s: &str) -> String {
    if !s.contains('\r') {
        return s.to_string();
    }
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// [`normalize_newlines`], keeping the string when it has no carriage return.
fn normalize_newlines_owned(s: String) -> String {
    if s.contains('\r') {
        normalize_newlines(&s)
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_counted_as_char_is_control_counts_them() {
        let texts = [
            "plain text\n\twith tabs\r\n",
            "\u{1}\u{1f}\u{7f}\u{80}\u{9f}\u{a0}é€😀\u{c}",
            "Ää\u{85}\u{c2}ok",
            "",
        ];
        for t in texts {
            let by_chars = t
                .chars()
                .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
                .count();
            assert_eq!(control_chars(t), by_chars, "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn control_characters_are_counted_the_same_on_any_text(t in "\\PC*|[\\x00-\\u{a0}]*") {
            let by_chars = t
                .chars()
                .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
                .count();
            proptest::prop_assert_eq!(control_chars(&t), by_chars);
        }
    }

    #[test]
    fn decode_table() {
        let cases: &[(&[u8], Result<&str, &str>)] = &[
            (b"plain", Ok("plain")),
            (b"\xEF\xBB\xBFwith bom", Ok("with bom")),
            (b"\xFF\xFEh\0i\0", Ok("hi")),
            (b"\xFE\xFF\0h\0i", Ok("hi")),
            (b"a\r\nb\rc", Ok("a\nb\nc")),
            (b"\x93Hello,\x94 he said", Ok("“Hello,” he said")),
            (b"%PDF-1.4 ...", Err("PDF")),
            (b"\x89PNG\r\n", Err("PNG image")),
            (b"abc\0def", Err("binary data")),
        ];
        for (input, expect) in cases {
            let got = decode_text(input).map(|(t, _)| t);
            let got = got.as_ref().map(String::as_str).map_err(|e| *e);
            assert_eq!(got, *expect, "input: {input:?}");
        }
    }

    #[test]
    fn io_errors_name_the_path_last() {
        use std::io::{Error, ErrorKind};
        let p = Path::new("/news/today.txt");
        let cases = [
            (ErrorKind::NotFound, "File not found: /news/today.txt"),
            (
                ErrorKind::PermissionDenied,
                "No permission to read: /news/today.txt",
            ),
            (
                ErrorKind::IsADirectory,
                "Is a folder, not a file: /news/today.txt",
            ),
            (
                ErrorKind::Interrupted,
                "Could not read (operation interrupted): /news/today.txt",
            ),
        ];
        for (kind, expect) in cases {
            let e = io_error(&Error::new(kind, kind.to_string()), p);
            assert_eq!(e.to_string(), expect);
        }
    }
}
