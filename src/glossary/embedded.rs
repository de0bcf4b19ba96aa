//! The glossary shipped in `glossary/`, embedded at build time and parsed once.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::{Glossary, load_str};
use crate::error::{Error, Result};

mod files {
    include!(concat!(env!("OUT_DIR"), "/embedded_glossary.rs"));
}
pub(super) use files::EMBEDDED_FILES;

/// The parsed embedded glossary, or the (rendered) error a broken build shipped.
static EMBEDDED: OnceLock<std::result::Result<Glossary, (PathBuf, usize, usize, String)>> =
    OnceLock::new();

pub(super) fn glossary() -> Result<&'static Glossary> {
    EMBEDDED
        .get_or_init(|| {
            let mut glossary = Glossary::default();
            for (path, yaml) in EMBEDDED_FILES {
                let loaded = load_str(yaml, Path::new(path)).and_then(|file| glossary.extend(file));
                if let Err(error) = loaded {
                    return Err(match error {
                        Error::Glossary {
                            path,
                            line,
                            column,
                            message,
                        } => (path, line, column, message),
                        other => (PathBuf::from(path), 1, 1, other.to_string()),
                    });
                }
            }
            Ok(glossary)
        })
        .as_ref()
        .map_err(|(path, line, column, message)| Error::Glossary {
            path: path.clone(),
            line: *line,
            column: *column,
            message: message.clone(),
        })
}
