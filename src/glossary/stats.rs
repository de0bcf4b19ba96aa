//! `glossary stats`: counts per file and in total.

use std::fmt::Write as _;

use serde::Serialize;

use super::Glossary;
use crate::finding::Severity;

/// Counts over the entries of one file (or of all files).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EntryCounts {
    /// The file (or "total").
    pub path: String,
    /// Entries.
    pub entries: usize,
    /// Entries at error severity.
    pub errors: usize,
    /// Entries at warning severity.
    pub warnings: usize,
    /// Entries at info severity.
    pub infos: usize,
    /// Entries with a `zh` term.
    pub with_zh: usize,
    /// Target-only entries (no `zh`).
    pub without_zh: usize,
    /// Entries with at least one `avoid` phrase.
    pub with_avoid: usize,
    /// Entries with no `avoid` phrase (checked only bilingually).
    pub without_avoid: usize,
    /// Entries with a `source` other than "unverified".
    pub with_source: usize,
    /// Entries whose `source` is "unverified".
    pub unverified: usize,
    /// Entries without `source`.
    pub without_source: usize,
    /// Entries with `autofix: false`.
    pub suggestion_only: usize,
    /// Entries with examples.
    pub with_examples: usize,
    /// Accepted renderings, all entries together.
    pub accept_variants: usize,
    /// Avoid phrases, all entries together.
    pub avoid_variants: usize,
    /// Examples, all entries together.
    pub examples: usize,
}

/// A row of the table: its label and how to read the count.
type Row = (&'static str, fn(&EntryCounts) -> usize);

/// Per-file counts and their total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GlossaryStats {
    /// One row per file, in load order.
    pub files: Vec<EntryCounts>,
    /// All files together.
    pub total: EntryCounts,
}

impl GlossaryStats {
    /// Counts the entries of `glossary`.
    pub fn of(glossary: &Glossary) -> Self {
        let mut files: Vec<EntryCounts> = glossary
            .files
            .iter()
            .map(|file| EntryCounts {
                path: file.path.to_string_lossy().replace('\\', "/"),
                ..EntryCounts::default()
            })
            .collect();
        let mut total = EntryCounts {
            path: "total".to_owned(),
            ..EntryCounts::default()
        };
        for entry in &glossary.entries {
            let file = glossary
                .files
                .iter()
                .position(|file| file.path == entry.origin.path);
            for counts in
                std::iter::once(&mut total).chain(file.and_then(|index| files.get_mut(index)))
            {
                let fields = &entry.fields;
                counts.entries += 1;
                match fields.severity {
                    Severity::Error => counts.errors += 1,
                    Severity::Warning => counts.warnings += 1,
                    Severity::Info => counts.infos += 1,
                }
                counts.with_zh += usize::from(fields.zh.is_some());
                counts.without_zh += usize::from(fields.zh.is_none());
                counts.with_avoid += usize::from(!fields.avoid.is_empty());
                counts.without_avoid += usize::from(fields.avoid.is_empty());
                match fields.source.as_deref().map(str::trim) {
                    None => counts.without_source += 1,
                    Some("unverified") => counts.unverified += 1,
                    Some(_) => counts.with_source += 1,
                }
                counts.suggestion_only += usize::from(!fields.autofix);
                counts.with_examples += usize::from(!fields.examples.is_empty());
                counts.accept_variants += fields.accept.len();
                counts.avoid_variants += fields.avoid.len();
                counts.examples += fields.examples.len();
            }
        }
        Self { files, total }
    }

    /// A table for people: one column per file (and the total when there are
    /// several files), one row per count.
    pub fn render(&self) -> String {
        let mut columns: Vec<&EntryCounts> = self.files.iter().collect();
        if self.files.len() != 1 {
            columns.push(&self.total);
        }
        let rows: [Row; 16] = [
            ("entries", |c| c.entries),
            ("  severity error", |c| c.errors),
            ("  severity warning", |c| c.warnings),
            ("  severity info", |c| c.infos),
            ("  with zh", |c| c.with_zh),
            ("  without zh (target-only)", |c| c.without_zh),
            ("  with avoid", |c| c.with_avoid),
            ("  without avoid", |c| c.without_avoid),
            ("  with source", |c| c.with_source),
            ("  source unverified", |c| c.unverified),
            ("  without source", |c| c.without_source),
            ("  autofix: false", |c| c.suggestion_only),
            ("  with examples", |c| c.with_examples),
            ("accept variants", |c| c.accept_variants),
            ("avoid variants", |c| c.avoid_variants),
            ("examples", |c| c.examples),
        ];
        let label_width = rows.iter().map(|(label, _)| label.len()).max().unwrap_or(0);
        let mut out = String::new();
        for (index, column) in columns.iter().enumerate() {
            let _ = writeln!(out, "[{}] {}", index + 1, column.path);
        }
        let _ = write!(out, "\n{:label_width$}", "");
        for index in 0..columns.len() {
            let _ = write!(out, " {:>7}", format!("[{}]", index + 1));
        }
        out.push('\n');
        for (label, value) in rows {
            let _ = write!(out, "{label:label_width$}");
            for column in &columns {
                let _ = write!(out, " {:>7}", value(column));
            }
            out.push('\n');
        }
        out
    }
}
