//! The glossary: its entries as loaded (with where each came from), loading and merging.
//!
//! A glossary is one or more YAML files (DESIGN.md, "Glossary format"). Entries
//! are deserialised strictly with serde (unknown keys and wrong types are
//! errors with line and column); a second, event-level pass over the same YAML
//! records where each entry and each of its keys starts, so that every later
//! message — a load error, a lint finding — can point at the entry.

pub mod coverage;
pub mod diff;
mod embedded;
pub mod exchange;
pub mod format;
pub mod lint;
mod load;
mod locate;
pub mod lookup;
pub mod stats;

pub use load::{
    glossary_files, load_path, load_paths, load_paths_with, load_str, load_str_with, load_texts,
    parse_str, parse_str_with, read_glossary_text,
};

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::finding::Severity;
use crate::text::{Normalization, normalize_phrase};

/// Whether loading records where each entry and key starts. Recording costs
/// a second pass over the YAML (about half of the load time); checking text
/// needs no locations, glossary tools do. Errors are located either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locations {
    /// Every entry and key knows its line and column.
    Recorded,
    /// Entries point at the start of their file.
    Skipped,
}

/// Where something in a glossary file starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The glossary file (for the embedded glossary: `glossary/NAME.yaml`).
    pub path: Arc<Path>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// A self-test of an entry: `wrong` must be fixed into `right`, and `right`
/// must give no finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// Text containing a wrong rendering.
    pub wrong: String,
    /// The same text as it should read.
    pub right: String,
}

fn default_true() -> bool {
    true
}

fn is_true(value: &bool) -> bool {
    *value
}

fn is_false(value: &bool) -> bool {
    !*value
}

fn is_default_severity(severity: &Severity) -> bool {
    *severity == Severity::Error
}

/// One glossary entry exactly as written in YAML (the serde shape).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryFields {
    /// The Chinese term; absent for a target-only style rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
    /// The approved rendering.
    pub en: String,
    /// Other correct renderings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accept: Vec<String>,
    /// Known wrong renderings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avoid: Vec<String>,
    /// Severity of findings about this entry.
    #[serde(default, skip_serializing_if = "is_default_severity")]
    pub severity: Severity,
    /// Whether fixes may be applied automatically.
    #[serde(default = "default_true", skip_serializing_if = "is_true")]
    pub autofix: bool,
    /// Match `en`, `accept` and `avoid` with their case as written.
    #[serde(default, skip_serializing_if = "is_false")]
    pub case_sensitive: bool,
    /// Report approved renderings written with the wrong capitalisation.
    #[serde(default = "default_true", skip_serializing_if = "is_true")]
    pub check_case: bool,
    /// Self-tests.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    /// A note for translators.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where the approved rendering is published, or `unverified`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A glossary file exactly as written in YAML (the serde shape).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryDocument {
    /// A title for the file.
    pub name: String,
    /// What the file covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The entries.
    #[serde(default)]
    pub terms: Vec<EntryFields>,
}

/// A loaded entry: its fields and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryEntry {
    /// The fields as written.
    pub fields: EntryFields,
    /// Where the entry starts.
    pub origin: Origin,
    /// Where each key of the entry starts, by key name.
    pub key_origins: Vec<(String, Origin)>,
}

impl GlossaryEntry {
    /// Where the value of `key` starts, or the entry's start.
    pub fn origin_of(&self, key: &str) -> &Origin {
        self.key_origins
            .iter()
            .find(|(name, _)| name == key)
            .map_or(&self.origin, |(_, origin)| origin)
    }

    /// The approved rendering, trimmed.
    pub fn en(&self) -> &str {
        self.fields.en.trim()
    }

    /// The Chinese term, trimmed, if any.
    pub fn zh(&self) -> Option<&str> {
        self.fields.zh.as_deref().map(str::trim)
    }

    /// A short label for messages: the zh term, else the approved rendering.
    pub fn label(&self) -> &str {
        self.zh().unwrap_or_else(|| self.en())
    }
}

/// A glossary file as loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryFile {
    /// Where it was loaded from.
    pub path: Arc<Path>,
    /// Its title.
    pub name: String,
    /// Its description.
    pub description: Option<String>,
    /// How many entries it has.
    pub entry_count: usize,
}

/// Entries from one or more glossary files, merged and validated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Glossary {
    /// The files, in load order.
    pub files: Vec<GlossaryFile>,
    /// The entries, in load order.
    pub entries: Vec<GlossaryEntry>,
}

impl Glossary {
    /// The glossary shipped in `glossary/`, embedded in the binary, for
    /// checking: parsed once, without entry locations (which only glossary
    /// tools show), so that start-up stays short.
    pub fn embedded() -> Result<&'static Glossary> {
        embedded::glossary(Locations::Skipped)
    }

    /// The embedded glossary with the location of every entry and key, for
    /// the glossary tools. Parsed once.
    pub fn embedded_located() -> Result<&'static Glossary> {
        embedded::glossary(Locations::Recorded)
    }

    /// The shipped glossary files as embedded: (path shown in messages, YAML text).
    pub fn embedded_files() -> &'static [(&'static str, &'static str)] {
        embedded::EMBEDDED_FILES
    }

    /// Adds `other`'s files and entries after this glossary's, without
    /// validating the result.
    pub fn extend_unvalidated(&mut self, other: Glossary) {
        self.files.extend(other.files);
        self.entries.extend(other.entries);
    }

    /// Adds `other`'s files and entries after this glossary's, rejecting
    /// duplicate terms (see [`Glossary::validate`]).
    pub fn extend(&mut self, other: Glossary) -> Result<()> {
        self.files.extend(other.files);
        self.entries.extend(other.entries);
        self.validate()
    }

    /// Layers `overrides` on top of this glossary: an override entry with the
    /// same `zh` replaces the base entry, and an avoid phrase claimed by an
    /// override is dropped from the base entry that had it. Used to put a
    /// user's glossaries over the embedded one.
    pub fn overlay(mut self, overrides: Glossary) -> Result<Glossary> {
        let override_zh: std::collections::HashSet<String> = overrides
            .entries
            .iter()
            .filter_map(|entry| entry.zh().map(str::to_owned))
            .collect();
        let override_phrases: std::collections::HashSet<String> = overrides
            .entries
            .iter()
            .flat_map(|entry| entry.fields.avoid.iter())
            .map(|phrase| normalize_phrase(phrase, Normalization::MATCHING))
            .collect();
        self.entries
            .retain(|entry| entry.zh().is_none_or(|zh| !override_zh.contains(zh)));
        for entry in &mut self.entries {
            entry.fields.avoid.retain(|phrase| {
                !override_phrases.contains(&normalize_phrase(phrase, Normalization::MATCHING))
            });
        }
        self.files.extend(overrides.files);
        self.entries.extend(overrides.entries);
        self.validate()?;
        Ok(self)
    }

    /// Rejects what would make matching ambiguous: empty terms, the same `zh`
    /// twice, and the same avoid phrase in two entries.
    pub fn validate(&self) -> Result<()> {
        let mut zh_seen: std::collections::HashMap<&str, &GlossaryEntry> = Default::default();
        let mut avoid_seen: std::collections::HashMap<String, &GlossaryEntry> = Default::default();
        for entry in &self.entries {
            check_not_empty(entry, "en", Some(&entry.fields.en))?;
            check_not_empty(entry, "zh", entry.fields.zh.as_ref())?;
            for value in entry.fields.accept.iter().chain(&entry.fields.avoid) {
                let key = if entry.fields.accept.contains(value) {
                    "accept"
                } else {
                    "avoid"
                };
                check_not_empty(entry, key, Some(value))?;
            }
            if let Some(zh) = entry.zh() {
                if let Some(first) = zh_seen.insert(zh, entry) {
                    return Err(glossary_error(
                        entry.origin_of("zh"),
                        format!(
                            "duplicate term {zh:?}: already defined at {}",
                            describe(&first.origin)
                        ),
                    ));
                }
            }
            for phrase in &entry.fields.avoid {
                let normalized = normalize_phrase(phrase, Normalization::MATCHING);
                if let Some(first) = avoid_seen.get(&normalized) {
                    if !std::ptr::eq(*first, entry) {
                        return Err(glossary_error(
                            entry.origin_of("avoid"),
                            format!(
                                "avoid phrase {phrase:?} is already listed by the entry for {:?} at {}",
                                first.label(),
                                describe(&first.origin)
                            ),
                        ));
                    }
                }
                avoid_seen.insert(normalized, entry);
            }
        }
        Ok(())
    }
}

fn check_not_empty(entry: &GlossaryEntry, key: &str, value: Option<&String>) -> Result<()> {
    match value {
        Some(value) if value.trim().is_empty() => Err(glossary_error(
            entry.origin_of(key),
            format!("`{key}` of the entry for {:?} is empty", entry.label()),
        )),
        _ => Ok(()),
    }
}

/// `path:line:col` of an origin, for messages.
pub fn describe(origin: &Origin) -> String {
    format!(
        "{}:{}:{}",
        origin.path.display(),
        origin.line,
        origin.column
    )
}

fn glossary_error(origin: &Origin, message: String) -> Error {
    Error::Glossary {
        path: PathBuf::from(&*origin.path),
        line: origin.line,
        column: origin.column,
        message,
    }
}

/// The text of one glossary file and the path it is shown under: what the
/// maintenance commands (`glossary lint`, `fmt`, …) work on, since they need
/// the YAML as written, not only the entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryText {
    /// The path shown in messages.
    pub path: PathBuf,
    /// The YAML text (without a byte-order mark).
    pub text: String,
}

impl GlossaryText {
    /// Every glossary file under `paths` (files, or folders walked for
    /// `*.yaml`/`*.yml`), read.
    pub fn read_all<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<GlossaryText>> {
        let mut texts = Vec::new();
        for path in paths {
            for file in glossary_files(path.as_ref())? {
                let text = read_glossary_text(&file)?;
                texts.push(GlossaryText { path: file, text });
            }
        }
        Ok(texts)
    }

    /// The shipped glossary files.
    pub fn embedded() -> Vec<GlossaryText> {
        Glossary::embedded_files()
            .iter()
            .map(|(path, text)| GlossaryText {
                path: PathBuf::from(path),
                text: (*text).to_owned(),
            })
            .collect()
    }

    /// Parses the file without validation (see [`parse_str`]).
    pub fn parse(&self) -> Result<Glossary> {
        parse_str(&self.text, &self.path)
    }
}

/// Parses several files without validation and puts their entries together,
/// in order; returns the merged glossary and the files that could not be parsed.
pub fn parse_texts(texts: &[GlossaryText]) -> (Glossary, Vec<Error>) {
    let mut glossary = Glossary::default();
    let mut errors = Vec::new();
    for text in texts {
        match text.parse() {
            Ok(parsed) => {
                glossary.files.extend(parsed.files);
                glossary.entries.extend(parsed.entries);
            }
            Err(error) => errors.push(error),
        }
    }
    (glossary, errors)
}
