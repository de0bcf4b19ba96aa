//! What each rule checks, in words: the text behind `termlint rules`,
//! `termlint explain RULE` and the rule descriptions in SARIF output.

use crate::finding::{RuleId, Severity};

/// The documentation of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// The rule.
    pub id: RuleId,
    /// The severity its findings get unless a glossary entry or the
    /// configuration says otherwise.
    pub default_severity: Severity,
    /// Whether the severity comes from the glossary entry involved.
    pub severity_from_entry: bool,
    /// Whether the rule needs the Chinese source (bilingual mode).
    pub needs_source: bool,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// A paragraph: what it checks, how, and what its fix does.
    pub explanation: &'static str,
    /// An example: text that is reported, and what it becomes.
    pub example: &'static str,
}

/// Every rule's documentation, in [`RuleId::ALL`] order.
pub const RULES: [RuleInfo; 7] = [
    RuleInfo {
        id: RuleId::AvoidTerm,
        default_severity: Severity::Error,
        severity_from_entry: true,
        needs_source: false,
        summary: "A known-wrong rendering of a glossary term is present.",
        explanation: "Reports every phrase listed under `avoid:` in a glossary entry, matched the way a \
careful reviewer reads: case-insensitive, whole words only, across line breaks and runs of spaces, \
with quote, dash and full-width variants treated alike and simple plurals of the last word included. \
A forbidden phrase that lies inside the approved or an accepted rendering is never reported. The fix \
is the approved rendering (`en:`), adapted to the found text's capitalisation and number; it is applied \
by `--write` unless the entry says `autofix: false`. The severity is the entry's (default error).",
        example: "glossary: {zh: 八八战略, en: 8-8 Strategy, avoid: [88th Strategy]}\n\
text:     We will deepen the 88th Strategy.\n\
finding:  avoid-term: \"88th Strategy\" is a wrong rendering of 八八战略\n\
fixed:    We will deepen the 8-8 Strategy.",
    },
    RuleInfo {
        id: RuleId::TermCase,
        default_severity: Severity::Error,
        severity_from_entry: true,
        needs_source: false,
        summary: "An approved rendering is written with the wrong capitalisation.",
        explanation: "Reports an occurrence of an approved (`en:`) or accepted rendering in which a \
letter the glossary capitalises is written in lower case (\"8-8 strategy\" for \"8-8 Strategy\"). \
Extra capitals (title case, headlines in capitals) are a style choice and are not reported; an entry \
can opt out with `check_case: false`. The fix capitalises the letters concerned and changes nothing \
else. The severity is the entry's (default error).",
        example: "glossary: {zh: 八八战略, en: 8-8 Strategy}\n\
text:     We deepen the 8-8 strategy.\n\
finding:  term-case: \"8-8 strategy\" should be written \"8-8 Strategy\"\n\
fixed:    We deepen the 8-8 Strategy.",
    },
    RuleInfo {
        id: RuleId::Untranslated,
        default_severity: Severity::Warning,
        severity_from_entry: false,
        needs_source: false,
        summary: "Chinese text is left in the English target.",
        explanation: "Reports each run of CJK ideographs (with the CJK punctuation inside it) in a target \
segment. When the run is exactly a glossary term, the message names the approved rendering and offers \
it as a suggestion; it is never applied automatically, because the surrounding sentence usually needs \
rewording too.",
        example: "text:     The 八八战略 was launched in 2003.\n\
finding:  untranslated: untranslated Chinese \"八八战略\"; the approved rendering is \"8-8 Strategy\"",
    },
    RuleInfo {
        id: RuleId::MissingTerm,
        default_severity: Severity::Error,
        severity_from_entry: true,
        needs_source: true,
        summary: "The source has a glossary term whose approved rendering the target segment lacks.",
        explanation: "In bilingual mode, reports a target segment whose source segment contains a \
glossary term (`zh:`) while the target contains neither the approved rendering nor an accepted one. \
When a near miss is found in the target, the finding points at it and offers the approved rendering; \
otherwise it points at the start of the segment with an empty span.",
        example: "source:   深入实施八八战略\n\
text:     Deeply implement the Eight Eight plan.\n\
finding:  missing-term: the source has 八八战略; expected \"8-8 Strategy\"",
    },
    RuleInfo {
        id: RuleId::NumberMismatch,
        default_severity: Severity::Warning,
        severity_from_entry: false,
        needs_source: true,
        summary: "Numbers, ordinals, percentages or 万/亿 amounts differ between source and target.",
        explanation: "In bilingual mode, compares the numbers of a source segment with those of its \
target segment, understanding Chinese numerals (第九届 = Ninth, 四十周年 = 40th anniversary) and \
万/亿 amounts, and reports a number present on one side only.",
        example: "source:   第九届全会\n\
text:     the Eighth Plenary Session\n\
finding:  number-mismatch: the source has 9 (第九), the target has 8 (Eighth)",
    },
    RuleInfo {
        id: RuleId::InconsistentTerm,
        default_severity: Severity::Warning,
        severity_from_entry: false,
        needs_source: true,
        summary: "One source term is rendered several ways in one document.",
        explanation: "In bilingual mode, reports a glossary term whose renderings in one document \
differ (for example the approved rendering in one paragraph and an accepted one in another), so \
that a reader could take them for different things.",
        example: "text:     … the 8-8 Strategy … the Double-Eight Strategy …\n\
finding:  inconsistent-term: 八八战略 is rendered two ways in this document",
    },
    RuleInfo {
        id: RuleId::UnusedSuppression,
        default_severity: Severity::Warning,
        severity_from_entry: false,
        needs_source: false,
        summary: "An inline termlint-disable comment suppressed nothing.",
        explanation: "Inline suppressions silence findings on the lines they cover: \
`termlint-disable-next-line [rule…]` covers the next line, `termlint-disable [rule…]` covers every \
line up to `termlint-enable [rule…]` (or the end of the file). Without rule ids they cover every \
rule. They are written in the file's comment syntax: `<!-- termlint-disable-next-line -->` in \
Markdown and HTML, `# termlint-disable-next-line` in PO and YAML, and in plain text the directive \
alone on its own line. A suppression that suppresses nothing, or that names an unknown rule, is \
reported by this rule so that stale suppressions do not pile up.",
        example: "text:     <!-- termlint-disable-next-line avoid-term -->\n\
          We deepen the 8-8 Strategy.\n\
finding:  unused-suppression: this suppression of avoid-term suppressed nothing",
    },
];

/// The documentation of `rule`.
pub fn rule_info(rule: RuleId) -> &'static RuleInfo {
    RULES
        .iter()
        .find(|info| info.id == rule)
        .unwrap_or(&RULES[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_documented_in_order() {
        let documented: Vec<RuleId> = RULES.iter().map(|info| info.id).collect();
        assert_eq!(documented, RuleId::ALL.to_vec());
    }
}
