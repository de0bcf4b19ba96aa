//! Input: reading files into documents (decoding, BOM, binary detection) and
//! splitting documents into the segments the rules check.
//!
//! Every format yields [`SegmentPair`]s: an English target segment and, in a
//! bilingual format, its Chinese source segment. A segment carries its text
//! as the rules see it (entities and escapes decoded, inline tags left out)
//! and an [`OffsetMap`] back to the bytes of the file, so findings are located
//! and fixes written in the original syntax ([`Escaping`]).

mod decode;
mod delimited;
mod markdown;
mod plain;
mod po;
mod xml;

pub use decode::{TextEncoding, decode};
pub use plain::paragraphs;

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::text::OffsetMap;

/// How many leading bytes are inspected for NUL bytes to call a file binary.
pub const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// How many leading characters are inspected to recognise an XML format.
const XML_SNIFF_CHARS: usize = 2048;

/// The syntax of a document, which decides what its segments are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DocumentFormat {
    /// Plain text: the whole text is one target segment (paired by paragraph
    /// with a Chinese source document when there is one).
    #[default]
    PlainText,
    /// CommonMark/GFM: prose is checked; code, URLs, HTML comments and front
    /// matter are not.
    Markdown,
    /// Tab-separated values: a zh column and an en column.
    Tsv,
    /// Comma-separated values: a zh column and an en column.
    Csv,
    /// XLIFF 1.2 or 2.0: `<source>`/`<target>` in each unit.
    Xliff,
    /// TMX 1.4: `<tu>` with a zh and an en `<tuv>`.
    Tmx,
    /// gettext PO: `msgid` in Chinese, `msgstr` in English.
    Po,
}

impl DocumentFormat {
    /// The format a file name implies.
    pub fn from_path(path: &Path) -> Self {
        let extension = path
            .extension()
            .and_then(|extension| extension.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("md" | "markdown") => Self::Markdown,
            Some("tsv" | "tab") => Self::Tsv,
            Some("csv") => Self::Csv,
            Some("xlf" | "xliff" | "sdlxliff" | "mqxliff") => Self::Xliff,
            Some("tmx") => Self::Tmx,
            Some("po" | "pot") => Self::Po,
            _ => Self::PlainText,
        }
    }

    /// The format of `text` read from `path`: the extension decides, except
    /// that an XML file of another extension (`.xml`, none) is recognised by
    /// its root element.
    pub fn detect(path: &Path, text: &str) -> Self {
        let by_name = Self::from_path(path);
        if by_name != Self::PlainText {
            return by_name;
        }
        let head: String = text.chars().take(XML_SNIFF_CHARS).collect();
        let head = head.trim_start_matches('\u{feff}').trim_start();
        if head.starts_with('<') {
            if head.contains("<xliff") {
                return Self::Xliff;
            }
            if head.contains("<tmx") {
                return Self::Tmx;
            }
        }
        Self::PlainText
    }

    /// Whether the format holds source and target together.
    pub fn is_bilingual(self) -> bool {
        !matches!(self, Self::PlainText | Self::Markdown)
    }

    /// How inline suppression comments are written in this format.
    pub fn comment_syntax(self) -> CommentSyntax {
        match self {
            Self::PlainText | Self::Tsv | Self::Csv => CommentSyntax::PlainLine,
            Self::Markdown | Self::Xliff | Self::Tmx => CommentSyntax::Html,
            Self::Po => CommentSyntax::Hash,
        }
    }
}

/// How a format writes the comments that carry inline suppressions
/// (`termlint-disable…`); a directive always occupies a line of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentSyntax {
    /// `<!-- termlint-disable … -->` (Markdown, HTML, XML formats).
    Html,
    /// `# termlint-disable …` (PO, YAML, TOML).
    Hash,
    /// Plain text: the directive alone on its line (an HTML or `#` comment
    /// around it is accepted too).
    PlainLine,
}

/// A file's text, decoded, with what is needed to write it back byte-exact.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as the user named it (used in every report).
    pub path: PathBuf,
    /// The text, decoded to UTF-8, without a byte-order mark.
    pub text: String,
    /// How the file was encoded.
    pub encoding: TextEncoding,
    /// The file's syntax.
    pub format: DocumentFormat,
    /// The Chinese source document of a plain-text target (`--source`, or a
    /// `NAME.zh.EXT` found beside it).
    pub source: Option<Arc<Document>>,
}

/// What reading a path produced.
#[derive(Debug)]
pub enum ReadOutcome {
    /// A text document.
    Text(Document),
    /// A binary file, skipped.
    Binary,
}

/// How a replacement must be written into the file's syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escaping {
    /// Written as is.
    None,
    /// XML character data: `&`, `<` and `>` as entities.
    Xml,
    /// XML content that holds a CDATA section, where `&` and `<` are
    /// literal: only a span inside one section or one run of character data
    /// is replaced, and only by text that reads the same in both.
    XmlCdata,
    /// The inside of a gettext PO string: `\`, `"`, and control characters escaped.
    PoString,
    /// The inside of a quoted CSV field: `"` doubled.
    CsvQuoted,
    /// An unquoted delimited field: written as is, but it cannot take the
    /// delimiter, a line break or (where quoting is on) a quote.
    Unquoted {
        /// The field delimiter.
        delimiter: char,
        /// Whether `"` starts a quoted field in this file.
        quoting: bool,
    },
}

impl Escaping {
    /// `text` escaped for the file's syntax.
    pub fn escape(self, text: &str) -> String {
        match self {
            Self::None | Self::Unquoted { .. } | Self::XmlCdata => text.to_owned(),
            Self::Xml => {
                let mut out = String::with_capacity(text.len());
                for c in text.chars() {
                    match c {
                        '&' => out.push_str("&amp;"),
                        '<' => out.push_str("&lt;"),
                        '>' => out.push_str("&gt;"),
                        _ => out.push(c),
                    }
                }
                out
            }
            Self::PoString => {
                let mut out = String::with_capacity(text.len());
                for c in text.chars() {
                    match c {
                        '\\' => out.push_str("\\\\"),
                        '"' => out.push_str("\\\""),
                        '\n' => out.push_str("\\n"),
                        '\t' => out.push_str("\\t"),
                        '\r' => out.push_str("\\r"),
                        _ => out.push(c),
                    }
                }
                out
            }
            Self::CsvQuoted => text.replace('"', "\"\""),
        }
    }

    /// Whether `replacement` may be written over `original` (the bytes of the
    /// span in the file): the span must lie in text only (no tag, no quote
    /// closing a field) and the replacement must be writable in place.
    pub fn can_replace(self, original: &str, replacement: &str) -> bool {
        match self {
            Self::None => true,
            Self::Xml => !original.contains('<'),
            Self::XmlCdata => {
                !original.contains('<')
                    && !original.contains("]]>")
                    && !replacement.contains(['<', '>', '&'])
            }
            Self::PoString => !original.contains('\n'),
            Self::CsvQuoted => true,
            Self::Unquoted { delimiter, quoting } => !replacement
                .chars()
                .any(|c| c == delimiter || c == '\n' || c == '\r' || (quoting && c == '"')),
        }
    }

    /// How many bytes the character `c`, decoded from the start of `raw` (the
    /// file from that character on), takes in the file.
    pub fn encoded_len(self, raw: &str, c: char) -> usize {
        let literal = c.len_utf8();
        let escaped = !raw.starts_with(c) || (self == Self::Xml && c == '&');
        if !escaped {
            return literal;
        }
        match self {
            Self::Xml | Self::XmlCdata if raw.starts_with('&') => {
                raw.find(';').map_or(literal, |end| end + 1)
            }
            Self::PoString if raw.starts_with('\\') => po::escape_len(raw),
            Self::CsvQuoted if raw.starts_with("\"\"") => 2,
            _ => literal,
        }
    }
}

/// A piece of a document: the text the rules see and where it lies in the file.
#[derive(Debug, Clone)]
pub struct Segment<'a> {
    /// The text the rules see.
    pub text: Cow<'a, str>,
    /// Maps offsets of `text` to offsets of the document text (for a source
    /// segment of a separate source document: of that document's text).
    pub map: OffsetMap,
    /// How replacements are written back.
    pub escaping: Escaping,
}

/// A target segment and, when the document has one, its Chinese source.
#[derive(Debug, Clone)]
pub struct SegmentPair<'a> {
    /// The Chinese source segment.
    pub source: Option<Segment<'a>>,
    /// The English target segment.
    pub target: Segment<'a>,
}

/// How a document's segments are paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairingScope {
    /// Each target segment with its own source segment (or none).
    Segments,
    /// Paragraph counts of a plain-text pair differ: the whole source is held
    /// against the whole target.
    WholeDocument {
        /// Paragraphs in the source document.
        source_paragraphs: usize,
        /// Paragraphs in the target document.
        target_paragraphs: usize,
    },
}

/// The segment pairs of a document.
#[derive(Debug, Clone)]
pub struct Pairing<'a> {
    /// The pairs, in document order.
    pub pairs: Vec<SegmentPair<'a>>,
    /// How they were paired.
    pub scope: PairingScope,
}

impl Document {
    /// A document from text already in memory (stdin, tests).
    pub fn from_text(path: impl Into<PathBuf>, text: String) -> Self {
        let path = path.into();
        Self {
            format: DocumentFormat::detect(&path, &text),
            path,
            text,
            encoding: TextEncoding::Utf8 { bom: false },
            source: None,
        }
    }

    /// The same document held against the Chinese source document `source`.
    pub fn with_source(mut self, source: Document) -> Self {
        self.source = Some(Arc::new(source));
        self
    }

    /// The same file with different text (a fixed version of it).
    pub fn with_text(&self, text: String) -> Self {
        Self {
            path: self.path.clone(),
            text,
            encoding: self.encoding,
            format: self.format,
            source: self.source.clone(),
        }
    }

    /// The target segments of the document, in document order (empty when
    /// the document does not parse; [`document_from_bytes`] reports that).
    pub fn target_segments(&self) -> Vec<Segment<'_>> {
        self.segment_pairs()
            .map(|pairing| pairing.pairs.into_iter().map(|pair| pair.target).collect())
            .unwrap_or_default()
    }

    /// The segment pairs of the document: by the format's units, or for plain
    /// text with a source document by paragraph.
    pub fn segment_pairs(&self) -> Result<Pairing<'_>> {
        let pairs = match self.format {
            DocumentFormat::PlainText => return Ok(plain::pairs(self)),
            // Paired with a source, Markdown is paired paragraph by paragraph,
            // with everything that is not prose masked out of both sides.
            DocumentFormat::Markdown if self.source.is_some() => {
                let mut pairing = plain::pairs(self);
                let target_prose = markdown::prose_ranges(&self.text);
                let source_prose = self
                    .source
                    .as_ref()
                    .map(|source| markdown::prose_ranges(&source.text))
                    .unwrap_or_default();
                for pair in &mut pairing.pairs {
                    markdown::mask_non_prose(&mut pair.target, &target_prose);
                    if let Some(source) = &mut pair.source {
                        markdown::mask_non_prose(source, &source_prose);
                    }
                }
                return Ok(pairing);
            }
            DocumentFormat::Markdown => markdown::prose_segments(&self.text)
                .into_iter()
                .map(|target| SegmentPair {
                    source: None,
                    target,
                })
                .collect(),
            DocumentFormat::Tsv => delimited::pairs(self, b'\t')?,
            DocumentFormat::Csv => delimited::pairs(self, b',')?,
            DocumentFormat::Xliff | DocumentFormat::Tmx => xml::pairs(self)?,
            DocumentFormat::Po => po::pairs(self)?,
        };
        Ok(Pairing {
            pairs,
            scope: PairingScope::Segments,
        })
    }

    /// The paragraph counts of a plain-text pair whose counts differ.
    pub fn paragraph_mismatch(&self) -> Option<(usize, usize)> {
        match self.segment_pairs().ok()?.scope {
            PairingScope::WholeDocument {
                source_paragraphs,
                target_paragraphs,
            } => Some((source_paragraphs, target_paragraphs)),
            PairingScope::Segments => None,
        }
    }

    /// A format error at byte `offset` of the document.
    pub(crate) fn format_error(&self, offset: usize, message: impl Into<String>) -> Error {
        let (line, column) =
            crate::text::LineIndex::new(&self.text).line_column(&self.text, offset);
        Error::Format {
            path: self.path.clone(),
            line,
            column,
            message: message.into(),
        }
    }

    /// The document's text encoded as the file was, ready to be written.
    pub fn encode(&self, text: &str) -> Vec<u8> {
        self.encoding.encode(text)
    }
}

/// Reads and decodes `path`. `forced` overrides encoding detection.
pub fn read_document(path: &Path, forced: Option<TextEncoding>) -> Result<ReadOutcome> {
    let bytes = std::fs::read(path).map_err(|error| Error::io(path, error))?;
    document_from_bytes(path, &bytes, forced)
}

/// Decodes `bytes` read from `path`.
pub fn document_from_bytes(
    path: &Path,
    bytes: &[u8],
    forced: Option<TextEncoding>,
) -> Result<ReadOutcome> {
    match decode(bytes, forced) {
        Ok(Some((text, encoding))) => {
            let document = Document {
                path: path.to_path_buf(),
                format: DocumentFormat::detect(path, &text),
                text,
                encoding,
                source: None,
            };
            // A malformed bilingual file is an input error, reported once here.
            document.segment_pairs()?;
            Ok(ReadOutcome::Text(document))
        }
        Ok(None) => Ok(ReadOutcome::Binary),
        Err((offset, message)) => Err(Error::Decode {
            path: path.to_path_buf(),
            offset,
            message,
        }),
    }
}
