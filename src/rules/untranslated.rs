//! `untranslated`: Chinese text left in the English target.

use crate::finding::{Applicability, RawFinding, RuleId, TermRef};
use crate::glossary::GlossaryEntry;
use crate::rules::catalog::rule_info;

/// Whether `c` is a Han ideograph (or a Japanese kana / Korean syllable,
/// which are just as out of place in an English target).
pub fn is_cjk_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F
        | 0x3040..=0x30FF | 0xAC00..=0xD7AF)
}

/// CJK punctuation that belongs to a run of Chinese text when it sits between ideographs.
fn is_cjk_punctuation(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0x2018..=0x201F | 0x00B7)
}

/// One finding per run of Chinese text. When the run is exactly a glossary
/// term, its approved rendering is offered as a suggestion.
pub fn findings<'g>(
    text: &str,
    term_for: impl Fn(&str) -> Option<&'g GlossaryEntry>,
) -> Vec<RawFinding> {
    let mut findings = Vec::new();
    // Ideographs, kana and hangul are all at U+3040 or above: UTF-8 sequences
    // whose lead byte is 0xE3 or more. Jump between such bytes instead of
    // decoding every character of an English text.
    let bytes = text.as_bytes();
    let mut offset = 0;
    while let Some(skip) = bytes[offset..].iter().position(|&b| b >= 0xE3) {
        let start = offset + skip;
        // A byte of 0xE3 or more is a lead byte, so `start` is a char boundary.
        let Some(c) = text.get(start..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        offset = start + c.len_utf8();
        if !is_cjk_ideograph(c) {
            continue;
        }
        // A run ends at its last ideograph; punctuation only joins ideographs.
        let mut end = offset;
        for next in text[offset..].chars() {
            if is_cjk_ideograph(next) {
                end = offset + next.len_utf8();
            } else if !is_cjk_punctuation(next) {
                break;
            }
            offset += next.len_utf8();
        }
        let run = &text[start..end];
        let entry = term_for(run);
        findings.push(RawFinding {
            span: start..end,
            rule: RuleId::Untranslated,
            severity: rule_info(RuleId::Untranslated).default_severity,
            message: match entry {
                Some(entry) => format!(
                    "untranslated Chinese \"{run}\"; the approved rendering is \"{}\"",
                    entry.en()
                ),
                None => format!("untranslated Chinese \"{run}\""),
            },
            replacement: entry.map(|entry| (entry.en().to_owned(), Applicability::Suggestion)),
            term: entry.map(|entry| TermRef {
                zh: entry.zh().map(str::to_owned),
                en: entry.en().to_owned(),
            }),
        });
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str) -> Vec<&str> {
        findings(text, |_| None)
            .iter()
            .map(|f| &text[f.span.clone()])
            .collect()
    }

    #[test]
    fn finds_runs_among_other_non_ascii_text() {
        assert_eq!(runs("plain English"), Vec::<&str>::new());
        assert_eq!(runs("é “quoted” Ａ full-width 中文"), ["中文"]);
        assert_eq!(runs("the 共同富裕，中国式 plan"), ["共同富裕，中国式"]);
        assert_eq!(
            runs("trailing 八八战略。 and カナ, 한국"),
            ["八八战略", "カナ", "한국"]
        );
        assert_eq!(runs("。only punctuation，"), Vec::<&str>::new());
        assert_eq!(runs("𠀀x"), ["𠀀"]);
    }
}
