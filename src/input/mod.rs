//! Input: reading files into documents (decoding, BOM, binary detection) and
//! splitting documents into the segments the rules check.

mod decode;
mod markdown;

pub use decode::{TextEncoding, decode};

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::text::OffsetMap;

/// How many leading bytes are inspected for NUL bytes to call a file binary.
pub const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// The syntax of a document, which decides what its segments are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DocumentFormat {
    /// Plain text: the whole text is one target segment.
    #[default]
    PlainText,
    /// CommonMark/GFM: prose is checked; code, URLs, HTML comments and front
    /// matter are not.
    Markdown,
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
            _ => Self::PlainText,
        }
    }

    /// How inline suppression comments are written in this format.
    pub fn comment_syntax(self) -> CommentSyntax {
        match self {
            Self::PlainText => CommentSyntax::PlainLine,
            Self::Markdown => CommentSyntax::Html,
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
}

impl Escaping {
    /// `text` escaped for the file's syntax.
    pub fn escape(self, text: &str) -> String {
        match self {
            Self::None => text.to_owned(),
        }
    }
}

/// A piece of a document that is checked as English target text.
#[derive(Debug, Clone)]
pub struct Segment<'a> {
    /// The text the rules see.
    pub text: Cow<'a, str>,
    /// Maps offsets of `text` to offsets of the document text.
    pub map: OffsetMap,
    /// How replacements are written back.
    pub escaping: Escaping,
}

impl Document {
    /// A document from text already in memory (stdin, tests).
    pub fn from_text(path: impl Into<PathBuf>, text: String) -> Self {
        let path = path.into();
        Self {
            format: DocumentFormat::from_path(&path),
            path,
            text,
            encoding: TextEncoding::Utf8 { bom: false },
        }
    }

    /// The same file with different text (a fixed version of it).
    pub fn with_text(&self, text: String) -> Self {
        Self {
            path: self.path.clone(),
            text,
            encoding: self.encoding,
            format: self.format,
        }
    }

    /// The target segments of the document, in document order.
    pub fn target_segments(&self) -> Vec<Segment<'_>> {
        match self.format {
            DocumentFormat::PlainText => vec![Segment {
                text: Cow::Borrowed(&self.text),
                map: OffsetMap::default(),
                escaping: Escaping::None,
            }],
            DocumentFormat::Markdown => markdown::prose_segments(&self.text),
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
        Ok(Some((text, encoding))) => Ok(ReadOutcome::Text(Document {
            path: path.to_path_buf(),
            text,
            encoding,
            format: DocumentFormat::from_path(path),
        })),
        Ok(None) => Ok(ReadOutcome::Binary),
        Err((offset, message)) => Err(Error::Decode {
            path: path.to_path_buf(),
            offset,
            message,
        }),
    }
}
