//! `inconsistent-term`: one source term rendered several ways in one document.
//!
//! Every rendering of an entry (its `en`, an `accept`, an `avoid` variant) in
//! a target segment whose source holds the entry's `zh` is collected in
//! document order; each one after the first that uses a different phrase is
//! reported, naming the rendering used first.

use std::collections::HashMap;
use std::ops::Range;

use crate::finding::{Applicability, RawFinding, RuleId};
use crate::glossary::Glossary;
use crate::matcher::PhraseKind;
use crate::rules::adapt_replacement;
use crate::rules::avoid_term::{phrase_of, term_ref};
use crate::rules::catalog::rule_info;

/// One rendering of an entry in a target segment.
#[derive(Debug, Clone)]
pub struct Rendering {
    /// Index of the segment pair.
    pub pair: usize,
    /// Span in the target segment's text.
    pub span: Range<usize>,
    /// The text as written.
    pub found: String,
    /// The glossary entry.
    pub entry: usize,
    /// Which of the entry's phrases it is.
    pub kind: PhraseKind,
}

/// Findings, each with the index of the pair whose target it is in.
/// `renderings` must be in document order.
pub fn findings(glossary: &Glossary, renderings: &[Rendering]) -> Vec<(usize, RawFinding)> {
    let mut first: HashMap<usize, &Rendering> = HashMap::new();
    let mut findings = Vec::new();
    for rendering in renderings {
        let earlier = *first.entry(rendering.entry).or_insert(rendering);
        if earlier.kind == rendering.kind {
            continue;
        }
        let entry = &glossary.entries[rendering.entry];
        let first_phrase = phrase_of(entry, earlier.kind);
        let both_correct = earlier.kind.is_correct() && rendering.kind.is_correct();
        let found = one_line(&rendering.found);
        findings.push((
            rendering.pair,
            RawFinding {
                span: rendering.span.clone(),
                rule: RuleId::InconsistentTerm,
                severity: rule_info(RuleId::InconsistentTerm).default_severity,
                message: format!(
                    "{} is rendered \"{found}\" here but \"{}\" earlier in the document",
                    entry.zh().unwrap_or_default(),
                    one_line(&earlier.found)
                ),
                // Only a choice between two correct renderings is offered; a wrong
                // one is avoid-term's to fix.
                replacement: both_correct.then(|| {
                    (
                        adapt_replacement(first_phrase, &rendering.found, false, false),
                        Applicability::Suggestion,
                    )
                }),
                term: Some(term_ref(entry)),
            },
        ));
    }
    findings
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
