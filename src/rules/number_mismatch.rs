//! `number-mismatch`: numbers differ between a source segment and its translation.
//!
//! The numbers of both sides ([`crate::numbers`]) are compared as multisets
//! of values. Each value left over on one side is one finding: on the target
//! mention when there is one (paired, in order, with a source value left over
//! to name in the message), otherwise at the start of the target segment.
//! Weak mentions ("one", "first", a lone 一) can cancel a number but are never
//! reported; numbers inside glossary terms (八八战略, "8-8 Strategy") are the
//! term rules' business and are left out.

use std::collections::HashMap;
use std::ops::Range;

use crate::finding::{RawFinding, RuleId};
use crate::numbers::{NumberMention, describe_value, extract_chinese, extract_english};
use crate::rules::catalog::rule_info;

fn outside(mentions: Vec<NumberMention>, excluded: &[Range<usize>]) -> Vec<NumberMention> {
    mentions
        .into_iter()
        .filter(|m| {
            !excluded
                .iter()
                .any(|x| m.span.start < x.end && x.start < m.span.end)
        })
        .collect()
}

/// The mentions of `mentions` whose value is left over after cancelling
/// against `other`, strong ones only, in text order.
fn left_over<'a>(mentions: &'a [NumberMention], other: &[NumberMention]) -> Vec<&'a NumberMention> {
    let mut counts: HashMap<i128, isize> = HashMap::new();
    for mention in mentions {
        *counts.entry(mention.key()).or_default() += 1;
    }
    for mention in other {
        *counts.entry(mention.key()).or_default() -= 1;
    }
    // A weak mention ("first", "one") takes up an excess of its value
    // before a strong one does: it is never reported, so it must not leave
    // the excess to a strong mention that has its counterpart.
    for mention in mentions.iter().filter(|mention| mention.weak) {
        let excess = counts.entry(mention.key()).or_default();
        if *excess > 0 {
            *excess -= 1;
        }
    }
    let mut left = Vec::new();
    // Report the last strong mentions of a value (the first ones are the
    // likeliest to have a counterpart).
    for mention in mentions.iter().rev() {
        let excess = counts.entry(mention.key()).or_default();
        if *excess > 0 && !mention.weak {
            left.push(mention);
            *excess -= 1;
        }
    }
    left.reverse();
    left
}

/// Findings for one pair. `*_excluded` are spans of glossary terms in each text.
pub fn findings(
    source: &str,
    target: &str,
    source_excluded: &[Range<usize>],
    target_excluded: &[Range<usize>],
) -> Vec<RawFinding> {
    let source_numbers = outside(extract_chinese(source), source_excluded);
    let target_numbers = outside(extract_english(target), target_excluded);
    let source_only = left_over(&source_numbers, &target_numbers);
    let target_only = left_over(&target_numbers, &source_numbers);
    let mut findings = Vec::new();
    for index in 0..source_only.len().max(target_only.len()) {
        let in_source = source_only.get(index).map(|m| {
            format!(
                "{} ({})",
                one_line(&source[m.span.clone()]),
                describe_value(m.value)
            )
        });
        let finding = match (target_only.get(index), in_source) {
            (Some(mention), in_source) => {
                let found = one_line(&target[mention.span.clone()]);
                let value = describe_value(mention.value);
                RawFinding {
                    span: mention.span.clone(),
                    rule: RuleId::NumberMismatch,
                    severity: rule_info(RuleId::NumberMismatch).default_severity,
                    message: match in_source {
                        Some(expected) => format!(
                            "\"{found}\" ({value}) does not match the source, which has {expected}"
                        ),
                        None => format!("\"{found}\" ({value}) is not in the source"),
                    },
                    replacement: None,
                    term: None,
                }
            }
            (None, Some(expected)) => RawFinding {
                span: 0..0,
                rule: RuleId::NumberMismatch,
                severity: rule_info(RuleId::NumberMismatch).default_severity,
                message: format!("the source has {expected}, which the translation does not"),
                replacement: None,
                term: None,
            },
            (None, None) => continue,
        };
        findings.push(finding);
    }
    findings
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(source: &str, target: &str) -> Vec<String> {
        findings(source, target, &[], &[])
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn equal_numbers_in_any_form_give_nothing() {
        for (source, target) in [
            (
                "庆祝改革开放四十周年",
                "marking the 40th anniversary of reform and opening up",
            ),
            ("投资3.5万亿元", "an investment of 3.5 trillion yuan"),
            ("增长百分之五", "grew by 5 percent"),
            (
                "党的二十届三中全会",
                "the Third Plenary Session of the 20th CPC Central Committee",
            ),
            ("第三次全体会议", "the third plenary session"),
            ("2023年8月4日", "on August 4, 2023"),
            ("覆盖1.2亿人", "covering 120 million people"),
            ("投入5000万元", "50 million yuan was invested"),
            ("第九届全国人大", "the Ninth National People's Congress"),
            ("这是其中之一", "this is one of them"),
        ] {
            assert_eq!(
                messages(source, target),
                Vec::<String>::new(),
                "{source} / {target}"
            );
        }
    }

    #[test]
    fn weak_word_takes_up_the_excess_before_a_strong_number() {
        // "first" (weak 1) is the extra 1, not "January", whose 1 is in the source.
        assert_eq!(
            messages(
                "1至9月，增速比上半年提高0.3个百分点",
                "From January to September, 0.3 percentage points faster than in the first half"
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn different_numbers_are_reported_once_each() {
        assert_eq!(
            messages("第九届全国人大", "the Eighth National People's Congress"),
            ["\"Eighth\" (8) does not match the source, which has 第九 (9)"]
        );
        assert_eq!(
            messages("投资3.5万亿元", "an investment of 35 trillion yuan"),
            [
                "\"35 trillion\" (35 trillion) does not match the source, which has 3.5万亿 (3.5 trillion)"
            ]
        );
        assert_eq!(
            messages("增长百分之五", "grew"),
            ["the source has 百分之五 (5), which the translation does not"]
        );
        let extra = findings("增长", "grew 5%", &[], &[]);
        assert_eq!((extra.len(), extra[0].span.clone()), (1, 5..7));
    }
}
