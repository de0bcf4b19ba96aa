//! `avoid-term`: a known-wrong rendering is present.

use crate::finding::{Applicability, RawFinding, RuleId, TermRef};
use crate::glossary::{Glossary, GlossaryEntry};
use crate::matcher::{CompiledMatcher, PhraseKind, PhraseMatch, PhraseRole};
use crate::rules::{absorb_echoed_word, adapt_replacement, is_sentence_start};
use crate::text::{Normalization, NormalizedText, normalize_phrase};

/// An occurrence of a phrase, attributed to one entry's role, that passed
/// the entry's case rule.
#[derive(Debug, Clone)]
pub struct Occurrence<'m> {
    /// Span in the normalised text.
    pub start: usize,
    /// End in the normalised text.
    pub end: usize,
    /// The phrase role.
    pub role: &'m PhraseRole,
}

/// Splits matches into occurrences of correct renderings and of avoid
/// variants, dropping case-sensitive roles whose case does not match.
pub fn occurrences<'m>(
    matcher: &'m CompiledMatcher,
    matches: &[PhraseMatch],
    original: &str,
    view: &NormalizedText,
) -> (Vec<Occurrence<'m>>, Vec<Occurrence<'m>>) {
    let mut correct = Vec::new();
    let mut avoid = Vec::new();
    for found in matches {
        for role in &matcher.patterns()[found.pattern].roles {
            if let Some(exact) = &role.exact_case {
                let span = view.original_span(original, found.start, found.end);
                if normalize_phrase(&original[span], Normalization::CASE_PRESERVING) != *exact {
                    continue;
                }
            }
            let occurrence = Occurrence {
                start: found.start,
                end: found.end,
                role,
            };
            if role.kind.is_correct() {
                correct.push(occurrence);
            } else {
                avoid.push(occurrence);
            }
        }
    }
    (correct, avoid)
}

/// Whether `span` lies inside one of `covers` (sorted by start, with
/// `reach[i]` the largest end among `covers[..=i]`).
pub fn is_covered(start: usize, end: usize, cover_starts: &[usize], reach: &[usize]) -> bool {
    let count = cover_starts.partition_point(|&cover_start| cover_start <= start);
    count > 0 && reach[count - 1] >= end
}

/// Sorted starts and running maximum ends of `spans`, for [`is_covered`].
pub fn coverage(spans: &[(usize, usize)]) -> (Vec<usize>, Vec<usize>) {
    let mut sorted = spans.to_vec();
    sorted.sort_unstable();
    let starts = sorted.iter().map(|&(start, _)| start).collect();
    let mut reach = Vec::with_capacity(sorted.len());
    let mut furthest = 0;
    for &(_, end) in &sorted {
        furthest = furthest.max(end);
        reach.push(furthest);
    }
    (starts, reach)
}

/// Chooses, among avoid occurrences not covered by a correct rendering, a
/// non-overlapping set: leftmost first, then longest, then glossary order.
pub fn select_avoid<'m>(
    correct: &[Occurrence<'m>],
    mut avoid: Vec<Occurrence<'m>>,
) -> Vec<Occurrence<'m>> {
    let spans: Vec<(usize, usize)> = correct.iter().map(|o| (o.start, o.end)).collect();
    let (starts, reach) = coverage(&spans);
    avoid.retain(|o| !is_covered(o.start, o.end, &starts, &reach));
    avoid.sort_by_key(|o| (o.start, std::cmp::Reverse(o.end), o.role.entry));
    let mut selected: Vec<Occurrence<'m>> = Vec::with_capacity(avoid.len());
    for occurrence in avoid {
        if selected
            .last()
            .is_none_or(|last| occurrence.start >= last.end)
        {
            selected.push(occurrence);
        }
    }
    selected
}

/// Findings for the selected avoid occurrences.
pub fn findings(
    glossary: &Glossary,
    selected: &[Occurrence<'_>],
    original: &str,
    view: &NormalizedText,
) -> Vec<RawFinding> {
    selected
        .iter()
        .map(|occurrence| {
            let entry = &glossary.entries[occurrence.role.entry];
            let span = view.original_span(original, occurrence.start, occurrence.end);
            let replacement = adapt_replacement(
                entry.en(),
                &original[span.clone()],
                occurrence.role.plural,
                is_sentence_start(original, span.start),
            );
            let span = absorb_echoed_word(original, span, &replacement);
            let found = &original[span.clone()];
            RawFinding {
                span,
                rule: RuleId::AvoidTerm,
                severity: entry.fields.severity,
                message: message(entry, found),
                replacement: Some((replacement, applicability(entry))),
                term: Some(term_ref(entry)),
            }
        })
        .collect()
}

fn message(entry: &GlossaryEntry, found: &str) -> String {
    let found = found.split_whitespace().collect::<Vec<_>>().join(" ");
    match entry.zh() {
        Some(zh) => format!("\"{found}\" is a wrong rendering of {zh}"),
        None => format!("\"{found}\" is to be avoided; prefer \"{}\"", entry.en()),
    }
}

/// Whether fixes for `entry` are applied automatically.
pub fn applicability(entry: &GlossaryEntry) -> Applicability {
    if entry.fields.autofix {
        Applicability::Automatic
    } else {
        Applicability::Suggestion
    }
}

/// The reference to `entry` carried by its findings.
pub fn term_ref(entry: &GlossaryEntry) -> TermRef {
    TermRef {
        zh: entry.zh().map(str::to_owned),
        en: entry.en().to_owned(),
    }
}

/// The phrase of `entry` that `kind` names.
pub fn phrase_of(entry: &GlossaryEntry, kind: PhraseKind) -> &str {
    match kind {
        PhraseKind::Approved => entry.en(),
        PhraseKind::Accepted(i) => entry.fields.accept.get(i).map_or("", |s| s.trim()),
        PhraseKind::Avoid(i) => entry.fields.avoid.get(i).map_or("", |s| s.trim()),
    }
}
