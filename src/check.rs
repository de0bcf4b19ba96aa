//! The checker: a glossary compiled once, run over documents, producing located findings.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use crate::finding::{Applicability, Finding, Fix, RawFinding, RuleId};
use crate::glossary::{Glossary, GlossaryEntry};
use crate::input::{Document, PairingScope, Segment};
use crate::matcher::{CompiledMatcher, PhraseKind, PhraseMatch, SourceTermMatcher};
use crate::rules::avoid_term::Occurrence;
use crate::rules::inconsistent_term::Rendering;
use crate::rules::missing_term::{Scope, TermInTarget};
use crate::rules::{
    RuleSettings, avoid_term, inconsistent_term, missing_term, number_mismatch, term_case,
    untranslated,
};
use crate::text::{ColumnCursor, LineIndex, Normalization, NormalizedText, PARAGRAPH_BREAK};

/// Texts longer than this are checked in pieces of about this size, split at
/// paragraph breaks, in parallel: no match crosses a paragraph break, so the
/// findings are the same, and only one piece's normalised view per thread is
/// in memory at a time.
const PIECE_BYTES: usize = 1 << 20;

/// A glossary compiled for checking, with the rule settings of a run.
#[derive(Debug, Clone)]
pub struct Checker {
    glossary: Glossary,
    matcher: CompiledMatcher,
    source_matcher: SourceTermMatcher,
    zh_index: HashMap<String, usize>,
    rules: RuleSettings,
}

/// One scan of a target text: the matcher's occurrences, split into correct
/// renderings and the avoid variants that are findings.
struct TargetScan<'m> {
    view: NormalizedText,
    matches: Vec<PhraseMatch>,
    correct: Vec<Occurrence<'m>>,
    selected_avoid: Vec<Occurrence<'m>>,
}

/// What a pair check adds to the document-wide checks.
struct PairOutcome {
    findings: Vec<RawFinding>,
    renderings: Vec<Rendering>,
}

impl Checker {
    /// Compiles `glossary` with every rule at its default level.
    pub fn new(glossary: Glossary) -> Self {
        let matcher = CompiledMatcher::new(&glossary);
        let source_matcher = SourceTermMatcher::new(&glossary);
        let zh_index = glossary
            .entries
            .iter()
            .enumerate()
            .filter_map(|(index, entry)| entry.zh().map(|zh| (zh.to_owned(), index)))
            .collect();
        Self {
            glossary,
            matcher,
            source_matcher,
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

    fn scan(&self, text: &str) -> TargetScan<'_> {
        let view = NormalizedText::new(text, Normalization::MATCHING);
        let matches = self.matcher.find_all(&view);
        let (correct, avoid) = avoid_term::occurrences(&self.matcher, &matches, text, &view);
        let selected_avoid = avoid_term::select_avoid(&correct, avoid);
        TargetScan {
            view,
            matches,
            correct,
            selected_avoid,
        }
    }

    /// The target-only rules over a scanned text (unsorted, settings not applied).
    fn target_findings(&self, text: &str, scan: &TargetScan<'_>) -> Vec<RawFinding> {
        let mut findings = Vec::new();
        if self.rules.is_enabled(RuleId::AvoidTerm) {
            findings.extend(avoid_term::findings(
                &self.glossary,
                &scan.selected_avoid,
                text,
                &scan.view,
            ));
        }
        if self.rules.is_enabled(RuleId::TermCase) {
            let reported: Vec<(usize, usize)> = scan
                .selected_avoid
                .iter()
                .map(|o| (o.start, o.end))
                .collect();
            findings.extend(term_case::findings(
                &self.glossary,
                &scan.correct,
                &reported,
                text,
                &scan.view,
            ));
        }
        if self.rules.is_enabled(RuleId::Untranslated) {
            findings.extend(untranslated::findings(text, |run| self.entry_for_zh(run)));
        }
        findings
    }

    fn finish_raw(&self, mut findings: Vec<RawFinding>) -> Vec<RawFinding> {
        self.rules.apply(&mut findings);
        findings.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
        findings
    }

    /// Runs the target-only rules over one piece of English text; spans are
    /// byte offsets into `text`, findings sorted by position.
    pub fn check_target(&self, text: &str) -> Vec<RawFinding> {
        self.check_in_pieces(text, PIECE_BYTES)
    }

    fn check_in_pieces(&self, text: &str, piece_bytes: usize) -> Vec<RawFinding> {
        use rayon::prelude::*;
        if text.len() <= piece_bytes || self.matcher.crosses_paragraphs() {
            return self.check_piece(text);
        }
        let pieces = paragraph_pieces(text, piece_bytes);
        let mut findings: Vec<RawFinding> = pieces
            .par_iter()
            .flat_map_iter(|piece| {
                let mut found = self.check_piece(&text[piece.clone()]);
                for finding in &mut found {
                    finding.span = finding.span.start + piece.start..finding.span.end + piece.start;
                }
                found
            })
            .collect();
        findings.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
        findings
    }

    fn check_piece(&self, text: &str) -> Vec<RawFinding> {
        let scan = self.scan(text);
        self.finish_raw(self.target_findings(text, &scan))
    }

    /// Runs every rule over a Chinese `source` segment and its English
    /// `target` (the document-wide `inconsistent-term` aside); spans are byte
    /// offsets into `target`, findings sorted by position.
    pub fn check_pair(&self, source: &str, target: &str) -> Vec<RawFinding> {
        let scan = self.scan(target);
        let mut findings = self.target_findings(target, &scan);
        findings.extend(
            self.pair_findings(0, source, target, &scan, Scope::Segment)
                .findings,
        );
        self.finish_raw(findings)
    }

    /// The source-dependent rules over one pair.
    fn pair_findings(
        &self,
        pair: usize,
        source: &str,
        target: &str,
        scan: &TargetScan<'_>,
        scope: Scope,
    ) -> PairOutcome {
        let source_hits = self.source_matcher.find_all(source);
        // Entries whose zh the source holds, in order of first occurrence, with counts.
        let mut source_counts: BTreeMap<usize, usize> = BTreeMap::new();
        let mut order: Vec<usize> = Vec::new();
        for hit in &source_hits {
            for &entry in self.source_matcher.entries_of(hit.term) {
                let count = source_counts.entry(entry).or_default();
                if *count == 0 {
                    order.push(entry);
                }
                *count += 1;
            }
        }
        let renderings = self.renderings(pair, target, scan, &source_counts);
        let mut findings = Vec::new();
        if self.rules.is_enabled(RuleId::MissingTerm) {
            let terms: Vec<TermInTarget<'_>> = order
                .iter()
                .map(|&entry| TermInTarget {
                    entry: &self.glossary.entries[entry],
                    source_count: source_counts[&entry],
                    rendered_count: renderings
                        .iter()
                        .filter(|r| r.entry == entry && r.kind.is_correct())
                        .count(),
                    rendered_spans: renderings
                        .iter()
                        .filter(|r| r.entry == entry && r.kind.is_correct())
                        .map(|r| r.span.clone())
                        .collect(),
                    avoid_spans: scan
                        .selected_avoid
                        .iter()
                        .filter(|o| o.role.entry == entry)
                        .map(|o| {
                            (
                                scan.view.original_span(target, o.start, o.end),
                                o.role.plural,
                            )
                        })
                        .collect(),
                })
                .collect();
            let avoid_reported = self.rules.is_enabled(RuleId::AvoidTerm);
            findings.extend(missing_term::findings(
                &terms,
                target,
                scope,
                avoid_reported,
            ));
        }
        if self.rules.is_enabled(RuleId::NumberMismatch) {
            let source_terms: Vec<Range<usize>> =
                source_hits.iter().map(|hit| hit.start..hit.end).collect();
            // A number inside an English phrase is left out only when its
            // entry's zh is in the source too, so both sides drop the same
            // number ("third plenary session" for 三中全会); a phrase whose
            // term the source lacks keeps its numbers.
            let patterns = self.matcher.patterns();
            let target_terms: Vec<Range<usize>> = scan
                .matches
                .iter()
                .filter(|m| {
                    patterns[m.pattern]
                        .roles
                        .iter()
                        .any(|role| source_counts.contains_key(&role.entry))
                })
                .map(|m| scan.view.original_span(target, m.start, m.end))
                .collect();
            findings.extend(number_mismatch::findings(
                source,
                target,
                &source_terms,
                &target_terms,
            ));
        }
        PairOutcome {
            findings,
            renderings,
        }
    }

    /// The renderings in `target` of the entries the source holds: for each
    /// entry, its occurrences (correct ones and reported avoid variants),
    /// longest first, none inside another, in text order.
    fn renderings(
        &self,
        pair: usize,
        target: &str,
        scan: &TargetScan<'_>,
        source_counts: &BTreeMap<usize, usize>,
    ) -> Vec<Rendering> {
        let mut candidates: Vec<(usize, usize, usize, PhraseKind)> = scan
            .correct
            .iter()
            .chain(&scan.selected_avoid)
            .filter(|o| source_counts.contains_key(&o.role.entry))
            .map(|o| (o.role.entry, o.start, o.end, o.role.kind))
            .collect();
        candidates.sort_by_key(|&(entry, start, end, _)| (entry, start, std::cmp::Reverse(end)));
        let mut renderings: Vec<Rendering> = Vec::new();
        let mut last: Option<(usize, usize)> = None; // (entry, end) of the last one taken
        for (entry, start, end, kind) in candidates {
            if last
                .is_some_and(|(taken_entry, taken_end)| taken_entry == entry && start < taken_end)
            {
                continue;
            }
            last = Some((entry, end));
            let span = scan.view.original_span(target, start, end);
            renderings.push(Rendering {
                pair,
                found: target[span.clone()].to_owned(),
                span,
                entry,
                kind,
            });
        }
        renderings.sort_by_key(|r| r.span.start);
        renderings
    }

    /// Checks every segment of `document` (and, for a bilingual document,
    /// every source/target pair); findings are located in the document and
    /// sorted by position.
    pub fn check_document(&self, document: &Document) -> Vec<Finding> {
        let Ok(pairing) = document.segment_pairs() else {
            // Reported when the document was read.
            return Vec::new();
        };
        let scope = match pairing.scope {
            PairingScope::Segments => Scope::Segment,
            PairingScope::WholeDocument { .. } => Scope::WholeDocument,
        };
        let mut locator = Locator::new(&document.text);
        let mut findings: Vec<Finding> = Vec::new();
        let mut renderings: Vec<Rendering> = Vec::new();
        for (index, pair) in pairing.pairs.iter().enumerate() {
            let target = &pair.target.text;
            let raw = match &pair.source {
                // Target only: a long text is checked in pieces, in parallel.
                None => self.check_target(target),
                Some(source) => {
                    let scan = self.scan(target);
                    let mut raw = self.target_findings(target, &scan);
                    let outcome = self.pair_findings(index, &source.text, target, &scan, scope);
                    raw.extend(outcome.findings);
                    renderings.extend(outcome.renderings);
                    self.finish_raw(raw)
                }
            };
            for finding in raw {
                findings.push(locator.locate(&pair.target, finding));
            }
        }
        if self.rules.is_enabled(RuleId::InconsistentTerm) {
            for (index, raw) in inconsistent_term::findings(&self.glossary, &renderings) {
                let mut raw = vec![raw];
                self.rules.apply(&mut raw);
                for finding in raw {
                    findings.push(locator.locate(&pairing.pairs[index].target, finding));
                }
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

/// Splits `text` into ranges of about `piece_bytes`, each cut between the
/// first two line breaks of a blank line (a paragraph break, which the
/// normalised view keeps and no pattern crosses).
fn paragraph_pieces(text: &str, piece_bytes: usize) -> Vec<std::ops::Range<usize>> {
    debug_assert_eq!(PARAGRAPH_BREAK, '\n');
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut start = 0;
    while text.len() - start > piece_bytes {
        let mut search = start + piece_bytes;
        let cut = loop {
            let Some(newline) = bytes[search..].iter().position(|&b| b == b'\n') else {
                break None;
            };
            let at = search + newline + 1;
            // "\n\n" or "\n\r\n": a blank line follows.
            let rest = &bytes[at..];
            if rest.starts_with(b"\n") || rest.starts_with(b"\r\n") {
                break Some(at);
            }
            search = at;
        };
        let Some(cut) = cut else {
            break;
        };
        pieces.push(start..cut);
        start = cut;
    }
    pieces.push(start..text.len());
    pieces
}

/// Turns segment-relative findings into located [`Finding`]s of one document.
pub struct Locator<'d> {
    text: &'d str,
    lines: Option<LineIndex>,
    /// The last position located: findings come mostly in order, so columns
    /// are counted from it rather than from the start of a (long) line.
    cursor: Option<ColumnCursor>,
}

impl<'d> Locator<'d> {
    /// A locator for the document text `text` (the line index is built on first use).
    pub fn new(text: &'d str) -> Self {
        Self {
            text,
            lines: None,
            cursor: None,
        }
    }

    /// Places `raw`, found in `segment`, in the document.
    pub fn locate(&mut self, segment: &Segment<'_>, raw: RawFinding) -> Finding {
        let start = segment.map.start_of(raw.span.start).min(self.text.len());
        // The end is the end of the span's last character as the file writes
        // it, so a span never takes in the tag or quote that follows it.
        let last_char = segment
            .text
            .get(..raw.span.end)
            .and_then(|before| before.chars().next_back());
        let end = match last_char {
            Some(c) if raw.span.end > raw.span.start => {
                let last_start = segment
                    .map
                    .start_of(raw.span.end - c.len_utf8())
                    .min(self.text.len());
                last_start
                    + segment
                        .escaping
                        .encoded_len(self.text.get(last_start..).unwrap_or_default(), c)
            }
            _ => start,
        }
        .clamp(start, self.text.len());
        let lines = self.lines.get_or_insert_with(|| LineIndex::new(self.text));
        let (line, column) = lines.line_column_after(self.text, start, &mut self.cursor);
        let (end_line, end_column) = lines.line_column_after(self.text, end, &mut self.cursor);
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
            fix: raw.replacement.map(|(replacement, applicability)| {
                let original = self.text.get(start..end).unwrap_or_default();
                Fix {
                    content: segment.escaping.escape(&replacement),
                    // A span that takes in markup, or a replacement the field
                    // cannot hold, is shown but never written.
                    applicability: if segment.escaping.can_replace(original, &replacement) {
                        applicability
                    } else {
                        Applicability::Suggestion
                    },
                    replacement,
                }
            }),
            term: raw.term,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::load_str;

    fn checker() -> Checker {
        let yaml = "name: t\nterms:\n  - zh: 八八战略\n    en: 8-8 Strategy\n    avoid: [88th Strategy]\n  - zh: 时间节点\n    en: deadline\n    avoid: [time node]\n";
        Checker::new(
            load_str(yaml, std::path::Path::new("t.yaml"))
                .unwrap_or_else(|error| panic!("{error}")),
        )
    }

    #[test]
    fn pieces_cut_only_at_blank_lines_and_cover_the_text() {
        let text = "a b\nc\n\nd e\r\n\r\nf\n \ng";
        let pieces = paragraph_pieces(text, 2);
        assert_eq!(pieces.first().map(|p| p.start), Some(0));
        assert_eq!(pieces.last().map(|p| p.end), Some(text.len()));
        for pair in pieces.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
            assert!(text[..pair[0].end].ends_with('\n'));
            assert!(
                text[pair[0].end..].starts_with('\n') || text[pair[0].end..].starts_with("\r\n")
            );
        }
        assert_eq!(pieces.len(), 3);
        assert_eq!(paragraph_pieces("no blank line here", 2), vec![0..18]);
    }

    #[test]
    fn checking_in_pieces_finds_what_checking_whole_finds() {
        let paragraph = "We uphold the 88th\nStrategy and the 8-8 strategy, 中文 and time nodes.\r\n\r\nThe TIME NODE \n\n 88th Strategy\n";
        let text = paragraph.repeat(40);
        let checker = checker();
        let whole = checker.check_piece(&text);
        assert!(whole.len() > 100);
        for piece_bytes in [1, 7, 64, 500, 4096] {
            assert_eq!(
                checker.check_in_pieces(&text, piece_bytes),
                whole,
                "pieces of {piece_bytes}"
            );
        }
    }
}
