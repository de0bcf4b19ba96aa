//! CSV and TSV: one row per entry, one column per field.
//!
//! Lists (`accept`, `avoid`, and the two halves of `examples`) are one cell
//! each, items separated by ` | `; a `|` or `\` inside an item is written
//! `\|` or `\\`. Empty cells mean "absent" (or the default), so only an
//! empty-string value — itself a lint error — does not survive a round trip.

use std::path::Path;

use super::Imported;
use crate::error::{Error, Result};
use crate::finding::Severity;
use crate::glossary::{EntryFields, Example, GlossaryDocument};

/// The columns, in the order they are written.
pub const COLUMNS: [&str; 12] = [
    "zh",
    "en",
    "accept",
    "avoid",
    "severity",
    "autofix",
    "case_sensitive",
    "check_case",
    "examples_wrong",
    "examples_right",
    "note",
    "source",
];

/// Writes `document` as CSV (`delimiter` `,`) or TSV (`\t`).
pub fn export(document: &GlossaryDocument, delimiter: u8) -> String {
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    let _ = writer.write_record(COLUMNS);
    for fields in &document.terms {
        let wrong: Vec<String> = fields
            .examples
            .iter()
            .map(|example| example.wrong.clone())
            .collect();
        let right: Vec<String> = fields
            .examples
            .iter()
            .map(|example| example.right.clone())
            .collect();
        let record = [
            fields.zh.clone().unwrap_or_default(),
            fields.en.clone(),
            join(&fields.accept),
            join(&fields.avoid),
            fields.severity.as_str().to_owned(),
            fields.autofix.to_string(),
            fields.case_sensitive.to_string(),
            fields.check_case.to_string(),
            join(&wrong),
            join(&right),
            fields.note.clone().unwrap_or_default(),
            fields.source.clone().unwrap_or_default(),
        ];
        let _ = writer.write_record(&record);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

fn join(items: &[String]) -> String {
    items
        .iter()
        .map(|item| item.replace('\\', "\\\\").replace('|', "\\|"))
        .collect::<Vec<_>>()
        .join(" | ")
}

fn split(cell: &str) -> Vec<String> {
    if cell.trim().is_empty() {
        return Vec::new();
    }
    let mut items = Vec::new();
    let mut current = String::new();
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => current.push(chars.next().unwrap_or('\\')),
            '|' => items.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    items.push(current);
    items
        .into_iter()
        .map(|item| item.trim().to_owned())
        .collect()
}

/// Reads CSV or TSV with a header row naming the columns (any order; `zh`
/// and `en` at least; unknown columns are ignored with a note).
pub fn import(text: &str, path: &Path, delimiter: u8, name: String) -> Result<Imported> {
    let error_at = |line: usize, message: String| Error::Format {
        path: path.to_path_buf(),
        line,
        column: 1,
        message,
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|error| error_at(1, error.to_string()))?
        .iter()
        .map(|header| header.trim().to_ascii_lowercase())
        .collect();
    let column = |name: &str| headers.iter().position(|header| header == name);
    let Some(en_column) = column("en") else {
        return Err(error_at(1, "the header row has no `en` column".to_owned()));
    };
    let mut notes = Vec::new();
    for header in &headers {
        if !COLUMNS.contains(&header.as_str()) {
            notes.push(format!("ignored column {header:?}"));
        }
    }
    let mut terms = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| {
            let line = error
                .position()
                .map_or(1, |position| position.line() as usize);
            error_at(line, error.to_string())
        })?;
        let line = record
            .position()
            .map_or(1, |position| position.line() as usize);
        let cell = |name: &str| {
            column(name)
                .and_then(|index| record.get(index))
                .unwrap_or("")
        };
        let optional = |name: &str| Some(cell(name).to_owned()).filter(|value| !value.is_empty());
        let flag = |name: &str, default: bool| -> Result<bool> {
            match cell(name).trim().to_ascii_lowercase().as_str() {
                "" => Ok(default),
                "true" | "yes" | "1" => Ok(true),
                "false" | "no" | "0" => Ok(false),
                other => Err(error_at(
                    line,
                    format!("`{name}` must be true or false, not {other:?}"),
                )),
            }
        };
        let en = record.get(en_column).unwrap_or("").to_owned();
        if en.is_empty() && record.iter().all(str::is_empty) {
            continue;
        }
        let severity = match cell("severity").trim().to_ascii_lowercase().as_str() {
            "" | "error" => Severity::Error,
            "warning" => Severity::Warning,
            "info" => Severity::Info,
            other => {
                return Err(error_at(
                    line,
                    format!("`severity` must be error, warning or info, not {other:?}"),
                ));
            }
        };
        let wrong = split(cell("examples_wrong"));
        let right = split(cell("examples_right"));
        if wrong.len() != right.len() {
            return Err(error_at(
                line,
                format!(
                    "{} `examples_wrong` but {} `examples_right` items",
                    wrong.len(),
                    right.len()
                ),
            ));
        }
        terms.push(EntryFields {
            zh: optional("zh"),
            en,
            accept: split(cell("accept")),
            avoid: split(cell("avoid")),
            severity,
            autofix: flag("autofix", true)?,
            case_sensitive: flag("case_sensitive", false)?,
            check_case: flag("check_case", true)?,
            examples: wrong
                .into_iter()
                .zip(right)
                .map(|(wrong, right)| Example { wrong, right })
                .collect(),
            note: optional("note"),
            source: optional("source"),
        });
    }
    Ok(Imported {
        document: GlossaryDocument {
            name,
            description: None,
            terms,
        },
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_escape_their_separator() {
        let items = vec!["a | b".to_owned(), "c\\d".to_owned(), "e".to_owned()];
        assert_eq!(split(&join(&items)), items);
        assert!(split("").is_empty());
    }
}
