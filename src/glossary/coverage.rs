//! `glossary coverage`: how often each entry's renderings occur in a corpus.
//!
//! English renderings are counted with the real matcher and the same
//! selection as `avoid-term` (an avoid phrase inside a correct rendering is
//! not counted, just as it is not reported); a `zh` term is counted as a
//! substring of the text (for bilingual corpora: Chinese sources beside
//! their translations).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use aho_corasick::AhoCorasick;
use serde::Serialize;

use super::{Glossary, describe};
use crate::error::{Error, Result};
use crate::input::Document;
use crate::matcher::{CompiledMatcher, PhraseKind};
use crate::rules::avoid_term::{occurrences, phrase_of, select_avoid};
use crate::text::{Normalization, NormalizedText};

/// Extensions of corpus files found by walking a folder (files named on the
/// command line are always read).
pub const CORPUS_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown"];

/// Occurrences of one entry's renderings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct EntryCount {
    /// Occurrences of `zh`.
    #[serde(rename = "zh_occurrences")]
    pub zh: usize,
    /// Occurrences of `en`.
    pub approved: usize,
    /// Occurrences of the `accept` renderings.
    pub accepted: usize,
    /// Occurrences of the `avoid` phrases that `check` would report.
    pub avoided: usize,
}

impl EntryCount {
    /// Whether nothing of the entry was seen.
    pub fn is_unseen(&self) -> bool {
        *self == Self::default()
    }
}

/// Counts renderings over documents, one document at a time.
#[derive(Debug)]
pub struct CoverageCounter<'g> {
    glossary: &'g Glossary,
    matcher: CompiledMatcher,
    zh_automaton: Option<AhoCorasick>,
    zh_entries: Vec<usize>,
    counts: Vec<EntryCount>,
    avoided: HashMap<(usize, usize), usize>,
    files: usize,
}

/// The counts over a whole corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// Documents read.
    pub files: usize,
    /// One count per glossary entry, in glossary order.
    pub entries: Vec<EntryCount>,
    /// (entry, avoid index, count) for every avoid phrase seen, most frequent first.
    pub avoided: Vec<(usize, usize, usize)>,
}

impl<'g> CoverageCounter<'g> {
    /// A counter for `glossary`.
    pub fn new(glossary: &'g Glossary) -> Self {
        let zh: Vec<(usize, &str)> = glossary
            .entries
            .iter()
            .enumerate()
            .filter_map(|(index, entry)| {
                entry.zh().filter(|zh| !zh.is_empty()).map(|zh| (index, zh))
            })
            .collect();
        Self {
            glossary,
            matcher: CompiledMatcher::new(glossary),
            zh_automaton: AhoCorasick::new(zh.iter().map(|(_, term)| term)).ok(),
            zh_entries: zh.iter().map(|(index, _)| *index).collect(),
            counts: vec![EntryCount::default(); glossary.entries.len()],
            avoided: HashMap::new(),
            files: 0,
        }
    }

    /// Counts the renderings in `document`.
    pub fn add(&mut self, document: &Document) {
        self.files += 1;
        if let Some(automaton) = &self.zh_automaton {
            for found in automaton.find_overlapping_iter(&document.text) {
                self.counts[self.zh_entries[found.pattern().as_usize()]].zh += 1;
            }
        }
        for segment in document.target_segments() {
            let text: &str = &segment.text;
            let view = NormalizedText::new(text, Normalization::MATCHING);
            let matches = self.matcher.find_all(&view);
            let (correct, avoid) = occurrences(&self.matcher, &matches, text, &view);
            for occurrence in &correct {
                let count = &mut self.counts[occurrence.role.entry];
                match occurrence.role.kind {
                    PhraseKind::Approved => count.approved += 1,
                    PhraseKind::Accepted(_) => count.accepted += 1,
                    PhraseKind::Avoid(_) => {}
                }
            }
            for occurrence in select_avoid(&correct, avoid) {
                if let PhraseKind::Avoid(index) = occurrence.role.kind {
                    self.counts[occurrence.role.entry].avoided += 1;
                    *self
                        .avoided
                        .entry((occurrence.role.entry, index))
                        .or_default() += 1;
                }
            }
        }
    }

    /// The counts.
    pub fn finish(self) -> Coverage {
        let mut avoided: Vec<(usize, usize, usize)> = self
            .avoided
            .into_iter()
            .map(|((entry, index), count)| (entry, index, count))
            .collect();
        avoided.sort_by(|a, b| b.2.cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
        let _ = self.glossary;
        Coverage {
            files: self.files,
            entries: self.counts,
            avoided,
        }
    }
}

/// The corpus files under `paths`: files as named, folders walked
/// (`.gitignore` respected) for [`CORPUS_EXTENSIONS`], in path order.
pub fn corpus_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|error| Error::io(path, error))?;
        if !metadata.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut walked = Vec::new();
        for entry in ignore::WalkBuilder::new(path).require_git(false).build() {
            let entry =
                entry.map_err(|error| Error::io(path, std::io::Error::other(error.to_string())))?;
            if entry.file_type().is_some_and(|kind| kind.is_file())
                && has_corpus_extension(entry.path())
            {
                walked.push(entry.into_path());
            }
        }
        walked.sort();
        files.extend(walked);
    }
    Ok(files)
}

fn has_corpus_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| {
            CORPUS_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str())
        })
}

/// One entry's counts as JSON.
#[derive(Debug, Serialize)]
pub struct JsonEntry<'g> {
    /// `file:line:col` of the entry.
    pub location: String,
    /// The Chinese term.
    pub zh: Option<&'g str>,
    /// The approved rendering.
    pub en: &'g str,
    /// The counts.
    #[serde(flatten)]
    pub count: EntryCount,
}

/// An avoided rendering and how often it was seen.
#[derive(Debug, Serialize)]
pub struct JsonAvoided<'g> {
    /// The avoid phrase.
    pub phrase: &'g str,
    /// The entry's label (zh, else en).
    pub term: &'g str,
    /// Occurrences.
    pub count: usize,
}

/// The whole report as JSON.
#[derive(Debug, Serialize)]
pub struct JsonCoverage<'g> {
    /// Documents read.
    pub files: usize,
    /// Every entry.
    pub entries: Vec<JsonEntry<'g>>,
    /// Entries with no occurrence at all.
    pub never_seen: Vec<JsonEntry<'g>>,
    /// The most frequent avoided renderings.
    pub top_avoided: Vec<JsonAvoided<'g>>,
}

impl Coverage {
    /// The report as JSON values, with the `top` most frequent avoided renderings.
    pub fn to_json<'g>(&self, glossary: &'g Glossary, top: usize) -> JsonCoverage<'g> {
        let entry = |index: usize| {
            let entry = &glossary.entries[index];
            JsonEntry {
                location: describe(&entry.origin),
                zh: entry.zh(),
                en: entry.en(),
                count: self.entries[index],
            }
        };
        JsonCoverage {
            files: self.files,
            entries: (0..self.entries.len()).map(entry).collect(),
            never_seen: (0..self.entries.len())
                .filter(|&index| self.entries[index].is_unseen())
                .map(entry)
                .collect(),
            top_avoided: self
                .avoided
                .iter()
                .take(top)
                .map(|&(index, avoid, count)| JsonAvoided {
                    phrase: phrase_of(&glossary.entries[index], PhraseKind::Avoid(avoid)),
                    term: glossary.entries[index].label(),
                    count,
                })
                .collect(),
        }
    }

    /// A table of the entries seen, the entries never seen, and the `top`
    /// most frequent avoided renderings.
    pub fn render(&self, glossary: &Glossary, top: usize) -> String {
        let mut out = String::new();
        let seen: Vec<usize> = (0..self.entries.len())
            .filter(|&i| !self.entries[i].is_unseen())
            .collect();
        let _ = writeln!(
            out,
            "{} of {} entries seen in {} file{}",
            seen.len(),
            self.entries.len(),
            self.files,
            if self.files == 1 { "" } else { "s" }
        );
        if !seen.is_empty() {
            let labels: Vec<String> = seen
                .iter()
                .map(|&i| {
                    let entry = &glossary.entries[i];
                    format!("{} → {}", entry.zh().unwrap_or("-"), entry.en())
                })
                .collect();
            let width = labels
                .iter()
                .map(|label| label.chars().count())
                .max()
                .unwrap_or(5)
                .max(5);
            let _ = writeln!(
                out,
                "\n{:width$}  {:>4}  {:>8}  {:>8}  {:>7}",
                "entry", "zh", "approved", "accepted", "avoided"
            );
            for (label, &index) in labels.iter().zip(&seen) {
                let count = self.entries[index];
                let pad = width - label.chars().count();
                let _ = writeln!(
                    out,
                    "{label}{:pad$}  {:>4}  {:>8}  {:>8}  {:>7}",
                    "", count.zh, count.approved, count.accepted, count.avoided
                );
            }
        }
        let unseen: Vec<usize> = (0..self.entries.len())
            .filter(|&i| self.entries[i].is_unseen())
            .collect();
        if !unseen.is_empty() {
            let _ = writeln!(out, "\nnever seen ({}):", unseen.len());
            for index in unseen {
                let entry = &glossary.entries[index];
                let _ = writeln!(
                    out,
                    "  {} → {}  ({})",
                    entry.zh().unwrap_or("-"),
                    entry.en(),
                    describe(&entry.origin)
                );
            }
        }
        if !self.avoided.is_empty() {
            let _ = writeln!(out, "\nmost frequent avoided renderings:");
            for &(index, avoid, count) in self.avoided.iter().take(top) {
                let entry = &glossary.entries[index];
                let _ = writeln!(
                    out,
                    "  {count:>4}  {:?} (for {}; use {:?})",
                    phrase_of(entry, PhraseKind::Avoid(avoid)),
                    entry.label(),
                    entry.en()
                );
            }
        }
        out
    }
}
