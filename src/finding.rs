//! The one data model every rule produces and every reporter consumes.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; never fails a run unless `--fail-on info`.
    Info,
    /// Probably wrong, but the right wording depends on context.
    Warning,
    /// Wrong.
    #[default]
    Error,
}

impl Severity {
    /// The lower-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The rule that produced a finding; its id appears in every output format.
///
/// One id type serves both `check` rules and `glossary lint` checks, because
/// both produce the same [`Finding`] and go through the same reporters and exit
/// codes: a second id type carried by `Finding` would make every reporter and
/// [`crate::rules::RuleSettings`] branch on which kind of finding it prints.
/// The lint ids are extra variants after the check rules, so the check rules'
/// ids, their order, [`RuleId::ALL`] and [`RuleId::parse`] stay as they were;
/// [`RuleId::GLOSSARY_LINT`] and [`RuleId::parse_glossary_lint`] are the lint side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleId {
    /// A known-wrong rendering is present.
    AvoidTerm,
    /// An approved rendering is written with the wrong capitalisation.
    TermCase,
    /// Chinese text left in the English target.
    Untranslated,
    /// The source has a glossary term whose rendering the target lacks.
    MissingTerm,
    /// Numbers differ between source and target.
    NumberMismatch,
    /// One source term rendered several ways in one document.
    InconsistentTerm,
    /// An inline `termlint-disable…` comment that suppressed nothing.
    UnusedSuppression,
    /// Glossary lint: the same `zh` in two entries (in one file or across files).
    DuplicateZh,
    /// Glossary lint: the same `en` for different `zh` terms.
    DuplicateEn,
    /// Glossary lint: the same avoid phrase listed by two entries.
    DuplicateAvoid,
    /// Glossary lint: an `avoid` equal (after normalisation) to the entry's own
    /// `en`/`accept` or to another entry's `en`: it would flag correct text.
    AvoidIsApproved,
    /// Glossary lint: an `accept` that is another entry's `avoid`.
    AcceptIsAvoided,
    /// Glossary lint: an `avoid` found by the matcher inside an approved rendering.
    ShadowedAvoid,
    /// Glossary lint: an empty value.
    EmptyValue,
    /// Glossary lint: a value with leading or trailing whitespace.
    PaddedValue,
    /// Glossary lint: Chinese punctuation or CJK characters in `en` or `accept`.
    CjkInEn,
    /// Glossary lint: an entry without `source`.
    MissingSource,
    /// Glossary lint: a `zh` containing another entry's `zh` whose renderings
    /// the longer term's renderings do not contain.
    NestedZh,
    /// Glossary lint: an `examples` self-test that fails.
    ExampleFailed,
}

impl RuleId {
    /// Every `check` rule, in documentation order.
    pub const ALL: [RuleId; 7] = [
        Self::AvoidTerm,
        Self::TermCase,
        Self::Untranslated,
        Self::MissingTerm,
        Self::NumberMismatch,
        Self::InconsistentTerm,
        Self::UnusedSuppression,
    ];

    /// The rule id as written in output and configuration (`avoid-term`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AvoidTerm => "avoid-term",
            Self::TermCase => "term-case",
            Self::Untranslated => "untranslated",
            Self::MissingTerm => "missing-term",
            Self::NumberMismatch => "number-mismatch",
            Self::InconsistentTerm => "inconsistent-term",
            Self::UnusedSuppression => "unused-suppression",
            Self::DuplicateZh => "duplicate-zh",
            Self::DuplicateEn => "duplicate-en",
            Self::DuplicateAvoid => "duplicate-avoid",
            Self::AvoidIsApproved => "avoid-is-approved",
            Self::AcceptIsAvoided => "accept-is-avoided",
            Self::ShadowedAvoid => "shadowed-avoid",
            Self::EmptyValue => "empty-value",
            Self::PaddedValue => "padded-value",
            Self::CjkInEn => "cjk-in-en",
            Self::MissingSource => "missing-source",
            Self::NestedZh => "nested-zh",
            Self::ExampleFailed => "example-failed",
        }
    }

    /// Every `glossary lint` check, in documentation order.
    pub const GLOSSARY_LINT: [RuleId; 12] = [
        Self::DuplicateZh,
        Self::DuplicateEn,
        Self::DuplicateAvoid,
        Self::AvoidIsApproved,
        Self::AcceptIsAvoided,
        Self::ShadowedAvoid,
        Self::EmptyValue,
        Self::PaddedValue,
        Self::CjkInEn,
        Self::MissingSource,
        Self::NestedZh,
        Self::ExampleFailed,
    ];

    /// Parses a `check` rule id as written in output and configuration
    /// (suppression comments, `--rule`, `explain`); lint ids are not rules
    /// one can configure for `check`, see [`RuleId::parse_glossary_lint`].
    pub fn parse(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|rule| rule.as_str() == id)
    }

    /// Parses a `glossary lint` check id.
    pub fn parse_glossary_lint(id: &str) -> Option<Self> {
        Self::GLOSSARY_LINT
            .into_iter()
            .find(|rule| rule.as_str() == id)
    }

    /// Whether this id is a `glossary lint` check rather than a `check` rule.
    pub fn is_glossary_lint(self) -> bool {
        Self::GLOSSARY_LINT.contains(&self)
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a fix may be applied without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Applied by `--write` and shown by `--diff`.
    Automatic,
    /// Shown as a suggestion only: the right wording depends on context
    /// (the glossary entry says `autofix: false`).
    Suggestion,
}

/// A replacement for the span of a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// The replacement text, as a reader sees it.
    pub replacement: String,
    /// The bytes written into the file in place of the span (the replacement
    /// escaped as the file's format requires; equal to `replacement` in plain text).
    pub content: String,
    /// Whether the fix is applied automatically.
    pub applicability: Applicability,
}

/// The glossary entry a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermRef {
    /// The Chinese term, when the entry has one.
    pub zh: Option<String>,
    /// The approved rendering.
    pub en: String,
}

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Byte span in the file as read (after decoding to UTF-8).
    pub span: Range<usize>,
    /// 1-based line of `span.start`.
    pub line: usize,
    /// 1-based column of `span.start`, in characters.
    pub column: usize,
    /// 1-based line of `span.end`.
    pub end_line: usize,
    /// 1-based column of `span.end`, in characters.
    pub end_column: usize,
    /// The rule that found it.
    pub rule: RuleId,
    /// How serious it is.
    pub severity: Severity,
    /// One sentence saying what is wrong.
    pub message: String,
    /// The text of the span as written.
    pub found: String,
    /// The fix, if one is known.
    pub fix: Option<Fix>,
    /// The glossary entry involved, if any.
    pub term: Option<TermRef>,
}

impl Finding {
    /// The fix when `--write` may apply it.
    pub fn automatic_fix(&self) -> Option<&Fix> {
        self.fix
            .as_ref()
            .filter(|fix| fix.applicability == Applicability::Automatic)
    }

    /// Ordering used by every reporter: position, then rule, then message.
    pub fn sort_key(&self) -> (usize, usize, RuleId, &str) {
        (self.span.start, self.span.end, self.rule, &self.message)
    }
}

/// A finding before it has been placed in a file: a span in the checked text
/// plus what the rule has to say. Rules produce these; the checker locates them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawFinding {
    /// Byte span in the checked text.
    pub span: Range<usize>,
    /// The rule that found it.
    pub rule: RuleId,
    /// How serious it is.
    pub severity: Severity,
    /// One sentence saying what is wrong.
    pub message: String,
    /// Replacement text and whether it applies automatically.
    pub replacement: Option<(String, Applicability)>,
    /// The glossary entry involved, if any.
    pub term: Option<TermRef>,
}

#[cfg(test)]
mod rule_id_tests {
    use super::RuleId;

    #[test]
    fn lint_ids_round_trip_and_stay_apart_from_check_rules() {
        for rule in RuleId::GLOSSARY_LINT {
            assert_eq!(RuleId::parse_glossary_lint(rule.as_str()), Some(rule));
            assert_eq!(RuleId::parse(rule.as_str()), None);
            assert!(rule.is_glossary_lint());
        }
        for rule in RuleId::ALL {
            assert_eq!(RuleId::parse(rule.as_str()), Some(rule));
            assert!(!rule.is_glossary_lint());
        }
    }
}
