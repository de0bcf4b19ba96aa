//! The glossary shipped in `glossary/`, embedded at build time and parsed once.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::{Glossary, Locations, load_texts};
use crate::error::{Error, Result};

mod files {
    include!(concat!(env!("OUT_DIR"), "/embedded_glossary.rs"));
}
pub(super) use files::EMBEDDED_FILES;

/// A parsed embedded glossary, or the (rendered) error a broken build shipped.
type Parsed = std::result::Result<Glossary, (PathBuf, usize, usize, String)>;

/// The embedded glossary without and with entry locations, each parsed once.
static EMBEDDED: OnceLock<Parsed> = OnceLock::new();
static EMBEDDED_LOCATED: OnceLock<Parsed> = OnceLock::new();

pub(super) fn glossary(locations: Locations) -> Result<&'static Glossary> {
    let cell = match locations {
        Locations::Skipped => &EMBEDDED,
        Locations::Recorded => &EMBEDDED_LOCATED,
    };
    cell.get_or_init(|| {
        let texts = EMBEDDED_FILES
            .iter()
            .map(|(path, yaml)| (Path::new(*path), *yaml));
        load_texts(texts, locations).map_err(|error| match error {
            Error::Glossary {
                path,
                line,
                column,
                message,
            } => (path, line, column, message),
            other => (PathBuf::from("glossary"), 1, 1, other.to_string()),
        })
    })
    .as_ref()
    .map_err(|(path, line, column, message)| Error::Glossary {
        path: path.clone(),
        line: *line,
        column: *column,
        message: message.clone(),
    })
}
