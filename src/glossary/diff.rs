//! `glossary diff`: entries added, removed and changed between two
//! glossaries, field by field, for reviewing glossary pull requests.
//!
//! Entries are matched by `zh` (by `en` for target-only entries); list fields
//! are compared item by item and text fields word by word with `similar`.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

use super::{EntryFields, Glossary, GlossaryEntry, describe};

/// One entry on one side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntrySide {
    /// The key entries are matched by: `zh`, or `en:` + `en`.
    pub key: String,
    /// `file:line:col` of the entry.
    pub location: String,
    /// The fields.
    pub fields: EntryFields,
}

/// A field that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// The key.
    pub field: &'static str,
    /// The old value (lists: the items removed), as YAML-ish text.
    pub removed: Vec<String>,
    /// The new value (lists: the items added).
    pub added: Vec<String>,
}

/// An entry present on both sides with different fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangedEntry {
    /// The entry before.
    pub old: EntrySide,
    /// The entry after.
    pub new: EntrySide,
    /// What changed, in canonical key order.
    pub changes: Vec<FieldChange>,
}

/// The differences between two glossaries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GlossaryDiff {
    /// Entries only in the new glossary.
    pub added: Vec<EntrySide>,
    /// Entries only in the old glossary.
    pub removed: Vec<EntrySide>,
    /// Entries in both, changed.
    pub changed: Vec<ChangedEntry>,
}

fn side(entry: &GlossaryEntry, key: String) -> EntrySide {
    EntrySide {
        key,
        location: describe(&entry.origin),
        fields: entry.fields.clone(),
    }
}

/// Keys of the entries, made unique (`key#2` for a second entry with the same key).
fn keyed(glossary: &Glossary) -> Vec<(String, &GlossaryEntry)> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    glossary
        .entries
        .iter()
        .map(|entry| {
            let base = match entry.zh() {
                Some(zh) => zh.to_owned(),
                None => format!("en:{}", entry.en()),
            };
            let count = seen.entry(base.clone()).or_default();
            *count += 1;
            let key = if *count == 1 {
                base
            } else {
                format!("{base}#{count}")
            };
            (key, entry)
        })
        .collect()
}

/// Compares `old` with `new`.
pub fn diff(old: &Glossary, new: &Glossary) -> GlossaryDiff {
    let old_keyed = keyed(old);
    let new_keyed = keyed(new);
    let new_by_key: HashMap<&str, &GlossaryEntry> = new_keyed
        .iter()
        .map(|(key, entry)| (key.as_str(), *entry))
        .collect();
    let old_by_key: HashMap<&str, &GlossaryEntry> = old_keyed
        .iter()
        .map(|(key, entry)| (key.as_str(), *entry))
        .collect();
    let mut result = GlossaryDiff::default();
    for (key, entry) in &old_keyed {
        match new_by_key.get(key.as_str()) {
            None => result.removed.push(side(entry, key.clone())),
            Some(new_entry) => {
                let changes = field_changes(&entry.fields, &new_entry.fields);
                if !changes.is_empty() {
                    result.changed.push(ChangedEntry {
                        old: side(entry, key.clone()),
                        new: side(new_entry, key.clone()),
                        changes,
                    });
                }
            }
        }
    }
    for (key, entry) in &new_keyed {
        if !old_by_key.contains_key(key.as_str()) {
            result.added.push(side(entry, key.clone()));
        }
    }
    result
}

fn field_changes(old: &EntryFields, new: &EntryFields) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    let mut scalar = |field: &'static str, old: Option<String>, new: Option<String>| {
        if old != new {
            changes.push(FieldChange {
                field,
                removed: old.into_iter().collect(),
                added: new.into_iter().collect(),
            });
        }
    };
    scalar("zh", old.zh.clone(), new.zh.clone());
    scalar("en", Some(old.en.clone()), Some(new.en.clone()));
    let mut lists: Vec<(&'static str, Vec<String>, Vec<String>)> = vec![
        ("accept", old.accept.clone(), new.accept.clone()),
        ("avoid", old.avoid.clone(), new.avoid.clone()),
    ];
    let mut flags = vec![
        (
            "severity",
            old.severity.as_str().to_owned(),
            new.severity.as_str().to_owned(),
        ),
        ("autofix", old.autofix.to_string(), new.autofix.to_string()),
        (
            "case_sensitive",
            old.case_sensitive.to_string(),
            new.case_sensitive.to_string(),
        ),
        (
            "check_case",
            old.check_case.to_string(),
            new.check_case.to_string(),
        ),
    ];
    let example_text = |fields: &EntryFields| -> Vec<String> {
        fields
            .examples
            .iter()
            .map(|example| format!("{} => {}", example.wrong, example.right))
            .collect()
    };
    for (field, old_items, new_items) in lists.drain(..) {
        list_change(&mut changes, field, &old_items, &new_items);
    }
    for (field, old_value, new_value) in flags.drain(..) {
        if old_value != new_value {
            changes.push(FieldChange {
                field,
                removed: vec![old_value],
                added: vec![new_value],
            });
        }
    }
    list_change(
        &mut changes,
        "examples",
        &example_text(old),
        &example_text(new),
    );
    for (field, old_value, new_value) in [
        ("note", &old.note, &new.note),
        ("source", &old.source, &new.source),
    ] {
        if old_value != new_value {
            changes.push(FieldChange {
                field,
                removed: old_value.iter().cloned().collect(),
                added: new_value.iter().cloned().collect(),
            });
        }
    }
    changes
}

fn list_change(
    changes: &mut Vec<FieldChange>,
    field: &'static str,
    old: &[String],
    new: &[String],
) {
    if old == new {
        return;
    }
    let mut removed = Vec::new();
    let mut added = Vec::new();
    for operation in similar::capture_diff_slices(similar::Algorithm::Myers, old, new) {
        for change in operation.iter_changes(old, new) {
            match change.tag() {
                ChangeTag::Delete => removed.push(change.value()),
                ChangeTag::Insert => added.push(change.value()),
                ChangeTag::Equal => {}
            }
        }
    }
    if removed.is_empty() && added.is_empty() {
        // Same items, new order.
        removed = old.to_vec();
        added = new.to_vec();
    }
    changes.push(FieldChange {
        field,
        removed,
        added,
    });
}

impl GlossaryDiff {
    /// Whether the glossaries hold the same entries.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    /// The differences for people: one block per entry; changed text fields
    /// also as a word diff (`[-old-]{+new+}`).
    pub fn render(&self) -> String {
        let mut out = String::new();
        for (verb, entries) in [("added  ", &self.added), ("removed", &self.removed)] {
            for entry in entries {
                let _ = writeln!(
                    out,
                    "{verb} {} → {}  ({})",
                    label(&entry.fields),
                    entry.fields.en,
                    entry.location
                );
            }
        }
        for entry in &self.changed {
            let _ = writeln!(
                out,
                "changed {}  ({} → {})",
                label(&entry.old.fields),
                entry.old.location,
                entry.new.location
            );
            for change in &entry.changes {
                for value in &change.removed {
                    let _ = writeln!(out, "  - {}: {value:?}", change.field);
                }
                for value in &change.added {
                    let _ = writeln!(out, "  + {}: {value:?}", change.field);
                }
                if let ([old], [new]) = (change.removed.as_slice(), change.added.as_slice()) {
                    if old.contains(' ') || new.contains(' ') {
                        let _ = writeln!(out, "    {}", word_diff(old, new));
                    }
                }
            }
        }
        let _ = writeln!(
            out,
            "{} added, {} removed, {} changed",
            self.added.len(),
            self.removed.len(),
            self.changed.len()
        );
        out
    }
}

fn label(fields: &EntryFields) -> &str {
    fields.zh.as_deref().unwrap_or("(no zh)")
}

/// `old` → `new` as a word diff: `[-removed-]{+added+}`.
pub fn word_diff(old: &str, new: &str) -> String {
    let diff = TextDiff::from_words(old, new);
    let mut out = String::new();
    // Runs of one kind of change are marked once.
    let mut run: Option<(ChangeTag, String)> = None;
    let flush = |out: &mut String, run: Option<(ChangeTag, String)>| match run {
        Some((ChangeTag::Delete, text)) => {
            let _ = write!(out, "[-{text}-]");
        }
        Some((ChangeTag::Insert, text)) => {
            let _ = write!(out, "{{+{text}+}}");
        }
        Some((ChangeTag::Equal, text)) => out.push_str(&text),
        None => {}
    };
    for change in diff.iter_all_changes() {
        match &mut run {
            Some((tag, text)) if *tag == change.tag() => text.push_str(change.value()),
            _ => {
                flush(&mut out, run.take());
                run = Some((change.tag(), change.value().to_owned()));
            }
        }
    }
    flush(&mut out, run);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diff_marks_changes() {
        assert_eq!(
            word_diff("the 8-8 Strategy", "the Eight-Eight Strategy"),
            "the [-8-8-]{+Eight-Eight+} Strategy"
        );
    }
}
