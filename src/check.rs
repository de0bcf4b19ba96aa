//! The checker: a glossary compiled once, run over documents, producing located findings.

use std::collections::HashMap;

use crate::finding::{Finding, Fix, RawFinding, RuleId};
use crate::glossary::{Glossary, GlossaryEntry};
use crate::input::{Document, Segment};
use crate::matcher::CompiledMatcher;
use crate::rules::{RuleSettings, avoid_term, term_case, untranslated};
use crate::text::{LineIndex, Normalization, NormalizedText};

/// A glossary compiled for checking, with the rule settings of a run.
#[derive(Debug, Clone)]
pub struct Checker {
    glossary: Glossary,
    matcher: CompiledMatcher,
    zh_index: HashMap<String, usize>,
    rules: RuleSettings,
}

impl Checker {
    /// Compiles `glossary` with every rule at its default level.
    pub fn new(glossary: Glossary) -> Self {
        let matcher = CompiledMatcher::new(&glossary);
        let zh_index = glossary
            .entries
            .iter()
            .enumerate()
            .filter_map(|(index, entry)| entry.zh().map(|zh| (zh.to_owned(), index)))
            .collect();
        Self {
            glossary,
            matcher,
            zh_index,
            rules: RuleSettings::default(),
        }
    }

    /// Uses `rules` for severities and disabled rules.
    pub fn with_rules(mut self, rules: RuleSettings) -> Self {
        self.rules = rules;
        self
    }

    /// The glossary being checked against.
    pub fn glossary(&self) -> &Glossary {
        &self.glossary
    }

    /// The compiled matcher.
    pub fn matcher(&self) -> &CompiledMatcher {
        &self.matcher
    }

    /// The entry whose `zh` is exactly `zh`.
    pub fn entry_for_zh(&self, zh: &str) -> Option<&GlossaryEntry> {
        self.zh_index
            .get(zh)
            .map(|&index| &self.glossary.entries[index])
    }

    /// Runs the target-only rules over one piece of English text; spans are
    /// byte offsets into `text`, findings sorted by position.
    pub fn check_target(&self, text: &str) -> Vec<RawFinding> {
        let view = NormalizedText::new(text, Normalization::MATCHING);
        let matches = self.matcher.find_all(&view);
        let (correct, avoid) = avoid_term::occurrences(&self.matcher, &matches, text, &view);
        let selected = avoid_term::select_avoid(&correct, avoid);
        let mut findings = Vec::new();
        if self.rules.is_enabled(RuleId::AvoidTerm) {
            findings.extend(avoid_term::findings(&self.glossary, &selected, text, &view));
        }
        if self.rules.is_enabled(RuleId::TermCase) {
            let reported: Vec<(usize, usize)> = selected.iter().map(|o| (o.start, o.end)).collect();
            findings.extend(term_case::findings(
                &self.glossary,
                &correct,
                &reported,
                text,
                &view,
            ));
        }
        if self.rules.is_enabled(RuleId::Untranslated) {
            findings.extend(untranslated::findings(text, |run| self.entry_for_zh(run)));
        }
        self.rules.apply(&mut findings);
        findings.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
        findings
    }

    /// Checks every target segment of `document`; findings are located in the
    /// document, filtered by its inline suppressions and sorted by position.
    pub fn check_document(&self, document: &Document) -> Vec<Finding> {
        let mut locator = Locator::new(&document.text);
        let mut findings: Vec<Finding> = Vec::new();
        for segment in document.target_segments() {
            for raw in self.check_target(&segment.text) {
                findings.push(locator.locate(&segment, raw));
            }
        }
        self.finish(document, findings)
    }

    /// The last step of every document check, whatever rules ran: sorts the
    /// located findings and applies the document's inline suppressions
    /// (reporting unused ones). Bilingual checks end here too.
    pub fn finish(&self, document: &Document, mut findings: Vec<Finding>) -> Vec<Finding> {
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        crate::suppress::apply(document, findings, &self.rules)
    }
}

/// Turns segment-relative findings into located [`Finding`]s of one document.
pub struct Locator<'d> {
    text: &'d str,
    lines: Option<LineIndex>,
}

impl<'d> Locator<'d> {
    /// A locator for the document text `text` (the line index is built on first use).
    pub fn new(text: &'d str) -> Self {
        Self { text, lines: None }
    }

    /// Places `raw`, found in `segment`, in the document.
    pub fn locate(&mut self, segment: &Segment<'_>, raw: RawFinding) -> Finding {
        let start = segment.map.start_of(raw.span.start).min(self.text.len());
        let end = segment
            .map
            .start_of(raw.span.end)
            .clamp(start, self.text.len());
        let lines = self.lines.get_or_insert_with(|| LineIndex::new(self.text));
        let (line, column) = lines.line_column(self.text, start);
        let (end_line, end_column) = lines.line_column(self.text, end);
        Finding {
            found: self.text.get(start..end).unwrap_or_default().to_owned(),
            span: start..end,
            line,
            column,
            end_line,
            end_column,
            rule: raw.rule,
            severity: raw.severity,
            message: raw.message,
            fix: raw.replacement.map(|(replacement, applicability)| Fix {
                content: segment.escaping.escape(&replacement),
                replacement,
                applicability,
            }),
            term: raw.term,
        }
    }
}
