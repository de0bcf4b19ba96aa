//! Import and export: CSV/TSV (spreadsheets), TBX (CAT tools) and JSON.
//!
//! Every format maps to and from [`GlossaryDocument`], the serde shape of a
//! YAML glossary, so a conversion is a pure function of text; the YAML side is
//! written by [`super::format::render_document`]. YAML → CSV → YAML and
//! YAML → TBX → YAML keep every entry field (tested on a 50-entry glossary).

pub mod csv;
pub mod tbx;

use std::path::Path;

use super::GlossaryDocument;
use crate::error::{Error, Result};

/// An exchange format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExchangeFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// TBX v3 (TBX-Basic, DCA style); TBX v2 (`martif`) is read too.
    Tbx,
    /// The glossary document as JSON.
    Json,
}

/// A document read from an exchange format, with notes on what was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The glossary.
    pub document: GlossaryDocument,
    /// What was ignored or could not be mapped (other languages, concepts without English).
    pub notes: Vec<String>,
}

/// Reads `text` (the contents of `path`) as `format`.
pub fn import(text: &str, path: &Path, format: ExchangeFormat) -> Result<Imported> {
    let default_name = path.file_stem().map_or_else(
        || "imported glossary".to_owned(),
        |stem| stem.to_string_lossy().into_owned(),
    );
    match format {
        ExchangeFormat::Csv => csv::import(text, path, b',', default_name),
        ExchangeFormat::Tsv => csv::import(text, path, b'\t', default_name),
        ExchangeFormat::Tbx => tbx::import(text, path, default_name),
        ExchangeFormat::Json => {
            let document = serde_json::from_str(text).map_err(|error| Error::Format {
                path: path.to_path_buf(),
                line: error.line(),
                column: error.column(),
                message: error.to_string(),
            })?;
            Ok(Imported {
                document,
                notes: Vec::new(),
            })
        }
    }
}

/// Writes `document` as `format`.
pub fn export(document: &GlossaryDocument, format: ExchangeFormat) -> Result<String> {
    match format {
        ExchangeFormat::Csv => Ok(csv::export(document, b',')),
        ExchangeFormat::Tsv => Ok(csv::export(document, b'\t')),
        ExchangeFormat::Tbx => Ok(tbx::export(document)),
        ExchangeFormat::Json => {
            let mut json = serde_json::to_string_pretty(document).unwrap_or_default();
            json.push('\n');
            Ok(json)
        }
    }
}
