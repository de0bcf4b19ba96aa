//! Reporters: one per output format, all over the same findings.
//!
//! Reporters decide nothing about policy: they print what the checker found,
//! in the order it is given (sorted by path, then position).

pub mod brief;
pub mod diff;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::finding::{Finding, Severity};

/// What was found in one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The path as shown to the user.
    pub path: String,
    /// The file's text as read (decoded).
    pub text: String,
    /// Findings, sorted by position.
    pub findings: Vec<Finding>,
    /// The text with every automatic fix applied, when fixes were computed.
    pub fixed: Option<String>,
}

/// Counts over a whole run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Findings at error severity.
    pub errors: usize,
    /// Findings at warning severity.
    pub warnings: usize,
    /// Findings at info severity.
    pub infos: usize,
    /// Findings with an automatic fix.
    pub fixable: usize,
}

impl Summary {
    /// Counts the findings of `reports`.
    pub fn of(reports: &[FileReport]) -> Self {
        let mut summary = Self {
            files: reports.len(),
            ..Self::default()
        };
        for finding in reports.iter().flat_map(|report| &report.findings) {
            match finding.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
            summary.fixable += usize::from(finding.automatic_fix().is_some());
        }
        summary
    }

    /// Whether any finding is at or above `threshold` (`None`: never fail).
    pub fn fails_at(&self, threshold: Option<Severity>) -> bool {
        match threshold {
            None => false,
            Some(Severity::Error) => self.errors > 0,
            Some(Severity::Warning) => self.errors + self.warnings > 0,
            Some(Severity::Info) => self.errors + self.warnings + self.infos > 0,
        }
    }
}

/// A finding's message with its fix appended, for one-line formats
/// (brief, github, SARIF): `…; use "X"`, or `…; consider "X" (depends on
/// context)` for a suggestion. Nothing is added when the message already
/// quotes the replacement.
pub fn message_with_fix(finding: &Finding) -> String {
    let mut message = finding.message.clone();
    if let Some(fix) = &finding.fix {
        let quoted = format!("\"{}\"", fix.replacement);
        if !message.contains(&quoted) {
            match fix.applicability {
                crate::finding::Applicability::Automatic => {
                    message.push_str(&format!("; use {quoted}"))
                }
                crate::finding::Applicability::Suggestion => {
                    message.push_str(&format!("; consider {quoted} (depends on context)"));
                }
            }
        }
    }
    message
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("{count} {word}")
    } else {
        format!("{count} {word}s")
    }
}
