//! `missing-term`: the source has a glossary term whose rendering the target lacks.
//!
//! The target is searched with the one [`CompiledMatcher`](crate::matcher::CompiledMatcher)
//! scan the target rules already made. When the rendering is missing, a
//! near-miss is looked for so the fix can replace it: a listed avoid variant
//! (reported by `avoid-term`, which carries the same fix), or a run of words
//! that is very similar to the approved rendering and shares a word with it
//! ("88th Strategy" for "8-8 Strategy"). Without one the finding has no fix
//! and points at the start of the target segment.

use std::ops::Range;

use crate::finding::{RawFinding, RuleId};
use crate::glossary::GlossaryEntry;
use crate::rules::avoid_term::{applicability, term_ref};
use crate::rules::{adapt_replacement, is_sentence_start};
use crate::text::{Normalization, normalize_phrase};

/// How little a near-miss may differ from the approved rendering (the
/// character-level similarity ratio of their normalised forms).
pub const NEAR_MISS_RATIO: f32 = 0.8;
/// The same for a one-word rendering, where one letter weighs more.
pub const SINGLE_WORD_RATIO: f32 = 0.85;

/// What the target holds for one entry whose `zh` the source holds.
#[derive(Debug, Clone)]
pub struct TermInTarget<'g> {
    /// The entry.
    pub entry: &'g GlossaryEntry,
    /// How often the source holds its `zh`.
    pub source_count: usize,
    /// How often the target holds its `en` or an `accept`.
    pub rendered_count: usize,
    /// Spans (in the target text) of its avoid variants, with whether each
    /// was found in the plural.
    pub avoid_spans: Vec<(Range<usize>, bool)>,
    /// Spans (in the target text) of its correct renderings, which are never near-misses.
    pub rendered_spans: Vec<Range<usize>>,
}

/// Whether the pair is a segment pair or a whole document held against its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One segment and its translation: the term is missing when it is never rendered.
    Segment,
    /// A whole document: the term is missing when it is rendered fewer times than it occurs.
    WholeDocument,
}

/// Findings for the terms of one pair. `avoid_reported`: `avoid-term` runs
/// and reports avoid variants itself (with the same fix), so they are not
/// reported twice.
pub fn findings(
    terms: &[TermInTarget<'_>],
    target: &str,
    scope: Scope,
    avoid_reported: bool,
) -> Vec<RawFinding> {
    let mut findings = Vec::new();
    for term in terms {
        let missing = match scope {
            Scope::Segment => term.rendered_count == 0,
            Scope::WholeDocument => term.rendered_count < term.source_count,
        };
        let entry = term.entry;
        let zh = entry.zh().unwrap_or_default();
        if !missing
            || normalize_phrase(target, Normalization::MATCHING)
                .contains(&normalize_phrase(zh, Normalization::MATCHING))
        {
            // Rendered, or left in Chinese (`untranslated` reports that).
            continue;
        }
        let expected = expected(entry);
        if let Some((span, plural)) = term.avoid_spans.first() {
            if avoid_reported {
                continue;
            }
            let found = &target[span.clone()];
            findings.push(RawFinding {
                span: span.clone(),
                rule: RuleId::MissingTerm,
                severity: entry.fields.severity,
                message: format!(
                    "\"{}\" is a wrong rendering of {zh}; expected {expected}",
                    one_line(found)
                ),
                replacement: Some((
                    adapt_replacement(
                        entry.en(),
                        found,
                        *plural,
                        is_sentence_start(target, span.start),
                    ),
                    applicability(entry),
                )),
                term: Some(term_ref(entry)),
            });
            continue;
        }
        if let Some(span) = near_miss(entry.en(), target, &term.rendered_spans) {
            let found = &target[span.clone()];
            let at_sentence_start = is_sentence_start(target, span.start);
            findings.push(RawFinding {
                span,
                rule: RuleId::MissingTerm,
                severity: entry.fields.severity,
                message: format!(
                    "{zh} is not rendered as approved: \"{}\" should read {expected}",
                    one_line(found)
                ),
                replacement: Some((
                    adapt_replacement(entry.en(), found, false, at_sentence_start),
                    applicability(entry),
                )),
                term: Some(term_ref(entry)),
            });
            continue;
        }
        let message = match scope {
            Scope::Segment => format!(
                "the source has {zh} but the translation does not render it; expected {expected}"
            ),
            Scope::WholeDocument => format!(
                "the source has {zh} {} but the translation renders it {}; expected {expected}",
                times(term.source_count),
                times(term.rendered_count)
            ),
        };
        findings.push(RawFinding {
            span: 0..0,
            rule: RuleId::MissingTerm,
            severity: entry.fields.severity,
            message,
            replacement: None,
            term: Some(term_ref(entry)),
        });
    }
    findings
}

fn times(count: usize) -> String {
    match count {
        0 => "nowhere".to_owned(),
        1 => "once".to_owned(),
        n => format!("{n} times"),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `"8-8 Strategy"`, or `"8-8 Strategy" (or "Double-Eight Strategy")`.
fn expected(entry: &GlossaryEntry) -> String {
    let mut text = format!("\"{}\"", entry.en());
    if !entry.fields.accept.is_empty() {
        // Two accepted renderings are enough to show the choice.
        let mut accepted: Vec<String> = entry
            .fields
            .accept
            .iter()
            .take(2)
            .map(|a| format!("\"{}\"", a.trim()))
            .collect();
        if entry.fields.accept.len() > 2 {
            accepted.push("…".to_owned());
        }
        text.push_str(&format!(" (or {})", accepted.join(", ")));
    }
    text
}

/// The words of `text`: runs of letters and digits, with inner hyphens and
/// apostrophes, as byte spans.
fn words(text: &str) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        let inner_joiner = matches!(
            c,
            '-' | '\'' | '\u{2019}' | '\u{2010}' | '\u{2011}' | '\u{2013}'
        ) && start.is_some()
            && chars
                .peek()
                .is_some_and(|&(_, next)| next.is_alphanumeric());
        if c.is_alphanumeric() || inner_joiner {
            start.get_or_insert(offset);
        } else if let Some(begin) = start.take() {
            words.push(begin..offset);
        }
    }
    if let Some(begin) = start {
        words.push(begin..text.len());
    }
    words
}

/// The span of `target` most similar to `en`, when it is similar enough,
/// shares a word with it, lies within one clause and overlaps none of `taken`.
pub fn near_miss(en: &str, target: &str, taken: &[Range<usize>]) -> Option<Range<usize>> {
    let wanted = normalize_phrase(en, Normalization::MATCHING);
    let wanted_words: Vec<String> = words(&wanted)
        .into_iter()
        .map(|r| wanted[r].to_owned())
        .collect();
    if wanted_words.is_empty() {
        return None;
    }
    let spans = words(target);
    let normalized: Vec<String> = spans
        .iter()
        .map(|r| normalize_phrase(&target[r.clone()], Normalization::MATCHING))
        .collect();
    let count = wanted_words.len();
    let mut best: Option<(f32, Range<usize>)> = None;
    // A multi-word rendering is not near-missed by one of its words alone.
    let narrowest = if count == 1 { 1 } else { (count - 1).max(2) };
    let threshold = if count == 1 {
        SINGLE_WORD_RATIO
    } else {
        NEAR_MISS_RATIO
    };
    for width in narrowest..=count + 1 {
        for first in 0..spans.len().saturating_sub(width - 1) {
            let last = first + width - 1;
            let clause = (first..last).all(|i| {
                target[spans[i].end..spans[i + 1].start]
                    .chars()
                    .all(|c| c.is_whitespace() || "\"'“”‘’-–".contains(c))
            });
            let shares_word = normalized[first..=last]
                .iter()
                .any(|word| wanted_words.contains(word));
            if !clause || (!shares_word && count > 1) {
                continue;
            }
            let span = spans[first].start..spans[last].end;
            if taken
                .iter()
                .any(|t| t.start < span.end && span.start < t.end)
            {
                continue;
            }
            let candidate = normalized[first..=last].join(" ");
            let ratio = similar::TextDiff::from_chars(candidate.as_str(), wanted.as_str()).ratio();
            if ratio >= threshold && best.as_ref().is_none_or(|(top, _)| ratio > *top) {
                best = Some((ratio, span));
            }
        }
    }
    best.map(|(_, span)| span)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(en: &str, target: &str) -> Option<String> {
        near_miss(en, target, &[]).map(|span| target[span].to_owned())
    }

    #[test]
    fn near_misses_are_similar_runs_of_words() {
        assert_eq!(
            near("8-8 Strategy", "uphold and deepen the \"88th Strategy\"").as_deref(),
            Some("88th Strategy")
        );
        assert_eq!(
            near("common prosperity", "achieve common property for all").as_deref(),
            Some("common property")
        );
        assert_eq!(
            near(
                "public performance review mechanism",
                "the drying competition mechanism"
            ),
            None
        );
        assert_eq!(near("8-8 Strategy", "the development plan"), None);
        // Not across a sentence break.
        assert_eq!(near("8-8 Strategy", "we had 88. Strategy matters"), None);
        // Never the rendering already there.
        let text = "the 8-8 Strategy and this strategy";
        let taken = 4..16;
        assert_eq!(near_miss("8-8 Strategy", text, &[taken]), None);
    }
}
