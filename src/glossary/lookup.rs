//! `glossary lookup`: entries whose terms match a query, by substring, then fuzzily.

use std::fmt::Write as _;

use serde::Serialize;

use super::{Glossary, GlossaryEntry, describe};
use crate::text::{Normalization, normalize_phrase};

/// Fuzzy matches scoring below this (normalised Levenshtein similarity, 0–1)
/// are not shown.
pub const FUZZY_THRESHOLD: f64 = 0.6;

/// One entry that matches the query.
#[derive(Debug, Clone, PartialEq)]
pub struct LookupHit {
    /// Index of the entry in the glossary.
    pub entry: usize,
    /// The key whose value matched (`zh`, `en`, `accept`, `avoid`).
    pub field: &'static str,
    /// The value that matched.
    pub value: String,
    /// 1.0 for a substring match, else the similarity.
    pub score: f64,
}

impl LookupHit {
    /// Whether the query was found as a substring.
    pub fn is_substring(&self) -> bool {
        self.score >= 1.0
    }
}

fn terms(entry: &GlossaryEntry) -> impl Iterator<Item = (&'static str, &str)> {
    entry
        .fields
        .zh
        .iter()
        .map(|zh| ("zh", zh.as_str()))
        .chain(std::iter::once(("en", entry.fields.en.as_str())))
        .chain(entry.fields.accept.iter().map(|v| ("accept", v.as_str())))
        .chain(entry.fields.avoid.iter().map(|v| ("avoid", v.as_str())))
}

/// Entries matching `query`: every entry with a term containing it (after
/// normalisation: case, width, quotes, dashes), in glossary order, then up to
/// `limit` entries with a similar term, best first. One hit per entry.
pub fn lookup(glossary: &Glossary, query: &str, limit: usize) -> Vec<LookupHit> {
    let needle = normalize_phrase(query, Normalization::MATCHING);
    if needle.is_empty() {
        return Vec::new();
    }
    let mut substring = Vec::new();
    let mut fuzzy = Vec::new();
    for (index, entry) in glossary.entries.iter().enumerate() {
        let mut best: Option<LookupHit> = None;
        for (field, value) in terms(entry) {
            let haystack = normalize_phrase(value, Normalization::MATCHING);
            let score = if haystack.contains(&needle) {
                1.0
            } else {
                strsim::normalized_levenshtein(&haystack, &needle)
            };
            if best.as_ref().is_none_or(|hit| score > hit.score) {
                best = Some(LookupHit {
                    entry: index,
                    field,
                    value: value.trim().to_owned(),
                    score,
                });
            }
        }
        match best {
            Some(hit) if hit.is_substring() => substring.push(hit),
            Some(hit) if hit.score >= FUZZY_THRESHOLD => fuzzy.push(hit),
            _ => {}
        }
    }
    fuzzy.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entry.cmp(&b.entry)));
    fuzzy.truncate(limit);
    substring.extend(fuzzy);
    substring
}

/// One block per hit: `file:line:col`, the entry's terms, what matched.
pub fn render(glossary: &Glossary, hits: &[LookupHit]) -> String {
    let mut out = String::new();
    if hits.is_empty() {
        out.push_str("no matching entries\n");
        return out;
    }
    for hit in hits {
        let entry = &glossary.entries[hit.entry];
        let how = if hit.is_substring() {
            format!("{} contains the query", hit.field)
        } else {
            format!(
                "{} {:?} is similar ({:.0}%)",
                hit.field,
                hit.value,
                hit.score * 100.0
            )
        };
        let _ = writeln!(
            out,
            "{}: {} → {}  [{how}]",
            describe(&entry.origin),
            entry.zh().unwrap_or("(no zh)"),
            entry.en()
        );
        if !entry.fields.accept.is_empty() {
            let _ = writeln!(out, "    accept: {}", entry.fields.accept.join("; "));
        }
        if !entry.fields.avoid.is_empty() {
            let _ = writeln!(out, "    avoid:  {}", entry.fields.avoid.join("; "));
        }
    }
    out
}

/// A hit as JSON.
#[derive(Debug, Serialize)]
pub struct JsonHit<'g> {
    /// The glossary file.
    pub path: String,
    /// 1-based line of the entry.
    pub line: usize,
    /// 1-based column of the entry.
    pub column: usize,
    /// The key that matched.
    pub field: &'static str,
    /// The value that matched.
    pub value: &'g str,
    /// 1.0 for a substring match, else the similarity.
    pub score: f64,
    /// The entry.
    pub entry: &'g super::EntryFields,
}

/// The hits as JSON values.
pub fn to_json<'g>(glossary: &'g Glossary, hits: &'g [LookupHit]) -> Vec<JsonHit<'g>> {
    hits.iter()
        .map(|hit| {
            let entry = &glossary.entries[hit.entry];
            JsonHit {
                path: entry.origin.path.to_string_lossy().replace('\\', "/"),
                line: entry.origin.line,
                column: entry.origin.column,
                field: hit.field,
                value: &hit.value,
                score: (hit.score * 1000.0).round() / 1000.0,
                entry: &entry.fields,
            }
        })
        .collect()
}
