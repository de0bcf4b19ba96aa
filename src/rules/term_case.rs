//! `term-case`: an approved rendering written with the wrong capitalisation.
//!
//! Only under-capitalisation is reported ("8-8 strategy" for "8-8 Strategy"):
//! title case and capitals in headlines are a style choice, not an error.

use crate::finding::{RawFinding, RuleId};
use crate::glossary::Glossary;
use crate::matcher::{PhraseKind, plural_of};
use crate::rules::avoid_term::{Occurrence, applicability, coverage, phrase_of, term_ref};
use crate::text::{Normalization, NormalizedText, normalize_phrase};

/// Findings for occurrences of correct renderings whose capitalisation is
/// wrong. Occurrences inside a longer correct rendering, or overlapping a
/// wrong rendering that is already reported, are left alone.
pub fn findings(
    glossary: &Glossary,
    correct: &[Occurrence<'_>],
    reported: &[(usize, usize)],
    original: &str,
    view: &NormalizedText,
) -> Vec<RawFinding> {
    let mut findings: Vec<RawFinding> = Vec::new();
    let spans: Vec<(usize, usize)> = correct.iter().map(|o| (o.start, o.end)).collect();
    let (starts, reach) = coverage(&spans);
    let mut reported = reported.to_vec();
    reported.sort_unstable();
    let mut candidates: Vec<&Occurrence<'_>> = correct
        .iter()
        .filter(|o| {
            !is_strictly_inside_another(o.start, o.end, &starts, &reach)
                && !overlaps_any(o.start, o.end, &reported)
        })
        .collect();
    candidates.sort_by_key(|o| {
        (
            o.start,
            std::cmp::Reverse(o.end),
            o.role.entry,
            o.role.kind != PhraseKind::Approved,
        )
    });
    let mut last_end = 0;
    // One span may be several correct phrases at once (an entry's `en` and an
    // `accept` that differs only in case, or two entries' renderings): the
    // span is well written if it satisfies any of them.
    for group in candidates.chunk_by(|a, b| (a.start, a.end) == (b.start, b.end)) {
        let first = group[0];
        if first.start < last_end {
            continue;
        }
        let span = view.original_span(original, first.start, first.end);
        let found = &original[span.clone()];
        let mut corrections = Vec::with_capacity(group.len());
        for occurrence in group {
            let entry = &glossary.entries[occurrence.role.entry];
            if !entry.fields.check_case || entry.fields.case_sensitive {
                corrections.clear();
                break;
            }
            let expected = normalize_phrase(
                phrase_of(entry, occurrence.role.kind),
                Normalization::CASE_PRESERVING,
            );
            let expected = if occurrence.role.plural {
                plural_of(&expected).unwrap_or(expected)
            } else {
                expected
            };
            match recase(found, &expected) {
                Some(corrected) => corrections.push((entry, expected, corrected)),
                None => {
                    corrections.clear();
                    break;
                }
            }
        }
        let Some((entry, expected, corrected)) = corrections.into_iter().next() else {
            continue;
        };
        last_end = first.end;
        findings.push(RawFinding {
            span,
            rule: RuleId::TermCase,
            severity: entry.fields.severity,
            message: format!(
                "\"{}\" should be written \"{expected}\"",
                found.split_whitespace().collect::<Vec<_>>().join(" ")
            ),
            replacement: Some((corrected, applicability(entry))),
            term: Some(term_ref(entry)),
        });
    }
    findings
}

/// Whether another span (given as sorted `starts` with running maximum ends
/// `reach`) contains `start..end` and is longer.
fn is_strictly_inside_another(start: usize, end: usize, starts: &[usize], reach: &[usize]) -> bool {
    let starting_before = starts.partition_point(|&s| s < start);
    let starting_at_or_before = starts.partition_point(|&s| s <= start);
    (starting_before > 0 && reach[starting_before - 1] >= end)
        || (starting_at_or_before > 0 && reach[starting_at_or_before - 1] > end)
}

/// Whether `start..end` overlaps one of the sorted, non-overlapping `spans`.
fn overlaps_any(start: usize, end: usize, spans: &[(usize, usize)]) -> bool {
    let first_ending_after = spans.partition_point(|&(_, span_end)| span_end <= start);
    spans
        .get(first_ending_after)
        .is_some_and(|&(span_start, _)| span_start < end)
}

/// `found` with each letter that is upper-case in `expected` but lower-case in
/// `found` upper-cased; `None` when nothing needs to change or the letters do
/// not line up.
fn recase(found: &str, expected: &str) -> Option<String> {
    let expected_letters: Vec<char> = expected.chars().filter(|c| c.is_alphabetic()).collect();
    if found.chars().filter(|c| c.is_alphabetic()).count() != expected_letters.len() {
        return None;
    }
    let mut changed = false;
    let mut letters = expected_letters.iter();
    let mut corrected = String::with_capacity(found.len());
    for c in found.chars() {
        let wants_capital =
            c.is_alphabetic() && letters.next().is_some_and(|want| want.is_uppercase());
        if wants_capital && c.is_lowercase() {
            changed = true;
            corrected.extend(c.to_uppercase());
        } else {
            corrected.push(c);
        }
    }
    changed.then_some(corrected)
}

#[cfg(test)]
mod tests {
    use super::recase;

    #[test]
    fn recases_only_under_capitalised_letters() {
        assert_eq!(
            recase("8-8 strategy", "8-8 Strategy").as_deref(),
            Some("8-8 Strategy")
        );
        assert_eq!(
            recase("8-8\r\nstrategy", "8-8 Strategy").as_deref(),
            Some("8-8\r\nStrategy")
        );
        assert_eq!(recase("8-8 STRATEGY", "8-8 Strategy"), None);
        assert_eq!(recase("Common Prosperity", "common prosperity"), None);
        assert_eq!(
            recase("ＡＢＣ strategy", "ABC Strategy").as_deref(),
            Some("ＡＢＣ Strategy")
        );
    }
}

#[cfg(test)]
mod span_tests {
    use crate::Checker;
    use crate::glossary::load_str;

    #[test]
    fn a_span_that_satisfies_any_correct_phrase_is_not_reported() {
        let yaml = "name: t\nterms:\n  - zh: 市委\n    en: municipal Party committee\n    accept: [Municipal Party Committee, CPC Municipal Committee]\n";
        let checker = Checker::new(load_str(yaml, std::path::Path::new("t.yaml")).expect("loads"));
        assert!(
            checker
                .check_target("The municipal Party committee met.")
                .is_empty()
        );
        assert!(
            checker
                .check_target("The Municipal Party Committee met.")
                .is_empty()
        );
        let findings = checker.check_target("The municipal party committee met.");
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].replacement.as_ref().map(|r| r.0.as_str()),
            Some("municipal Party committee")
        );
    }
}
