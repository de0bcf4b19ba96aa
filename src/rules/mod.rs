//! The rules: each turns matches and segments into findings.
//!
//! Rules see one target segment (and, in bilingual mode, its source) and
//! return [`RawFinding`]s with spans in that segment's text; the checker maps
//! them into the file. Which rules run and at what severity is a
//! [`RuleSettings`] decision, applied in one place.

pub mod avoid_term;
pub mod catalog;
pub mod inconsistent_term;
pub mod missing_term;
pub mod number_mismatch;
pub mod term_case;
pub mod untranslated;

mod replacement;

pub use catalog::{RULES, RuleInfo, rule_info};
pub use replacement::{absorb_echoed_word, adapt_replacement, is_sentence_start};

use std::collections::HashMap;

use crate::finding::{RawFinding, RuleId, Severity};

/// Per-rule on/off and severity overrides (from the command line or a config file).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSettings {
    overrides: HashMap<RuleId, RuleLevel>,
}

/// What a rule is set to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleLevel {
    /// The rule does not run.
    Off,
    /// Every finding of the rule gets this severity.
    Severity(Severity),
}

impl RuleSettings {
    /// Sets `rule` to `level`.
    pub fn set(&mut self, rule: RuleId, level: RuleLevel) {
        self.overrides.insert(rule, level);
    }

    /// The severity `rule`'s findings get: `None` when the rule is off,
    /// `default` when it has no override.
    pub fn severity(&self, rule: RuleId, default: Severity) -> Option<Severity> {
        match self.overrides.get(&rule) {
            Some(RuleLevel::Off) => None,
            Some(RuleLevel::Severity(severity)) => Some(*severity),
            None => Some(default),
        }
    }

    /// Whether no rule has an override.
    pub fn is_empty(&self) -> bool {
        self.overrides.is_empty()
    }

    /// Whether `rule` runs.
    pub fn is_enabled(&self, rule: RuleId) -> bool {
        self.overrides.get(&rule) != Some(&RuleLevel::Off)
    }

    /// Applies severity overrides and drops findings of disabled rules.
    pub fn apply(&self, findings: &mut Vec<RawFinding>) {
        if self.overrides.is_empty() {
            return;
        }
        findings.retain_mut(|finding| match self.overrides.get(&finding.rule) {
            Some(RuleLevel::Off) => false,
            Some(RuleLevel::Severity(severity)) => {
                finding.severity = *severity;
                true
            }
            None => true,
        });
    }
}
