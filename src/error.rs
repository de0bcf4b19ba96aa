//! The library's errors: each names the file and, where it has one, the line and column.

use std::io;
use std::path::PathBuf;

/// Everything the engine can fail on. Only the binary turns these into
/// messages and exit codes.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read or written.
    // The I/O error is part of the message and deliberately not the error's
    // `source()`: `{:#}` would print it a second time.
    #[error("{}: {error}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        error: io::Error,
    },
    /// A file is not valid text in the encoding it was read as.
    #[error("{}: {message} (first bad byte at offset {offset})", path.display())]
    Decode {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first byte that could not be decoded.
        offset: usize,
        /// What was expected.
        message: String,
    },
    /// A glossary file is malformed or contradicts itself.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Glossary {
        /// The glossary file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A bilingual or structured input file is malformed.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Format {
        /// The input file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A configuration file (`termlint.yaml`) is malformed.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Config {
        /// The configuration file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The file changed on disk between reading and writing; it was left alone.
    #[error("{}: the file changed while it was being checked; not overwritten", path.display())]
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
    },
}

impl Error {
    /// Wraps an I/O error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, error: io::Error) -> Self {
        Self::Io {
            path: path.into(),
            error,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
