//! The JSON report (DESIGN.md, "JSON output"): stable, versioned.

use serde::Serialize;

use super::{FileReport, Summary};
use crate::finding::{Applicability, TermRef};

/// Bumped only on a breaking change to the JSON shape.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    start: usize,
    end: usize,
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    found: &'a str,
    /// The automatic fix, or null.
    replacement: Option<&'a str>,
    /// A suggestion that needs a human (the entry says `autofix: false`), or null.
    suggestion: Option<&'a str>,
    term: Option<&'a TermRef>,
}

/// The JSON document for `reports`.
pub fn render(reports: &[FileReport]) -> String {
    let findings = reports
        .iter()
        .flat_map(|report| {
            report.findings.iter().map(move |finding| JsonFinding {
                path: &report.path,
                line: finding.line,
                column: finding.column,
                end_line: finding.end_line,
                end_column: finding.end_column,
                start: finding.span.start,
                end: finding.span.end,
                rule: finding.rule.as_str(),
                severity: finding.severity.as_str(),
                message: &finding.message,
                found: &finding.found,
                replacement: finding.automatic_fix().map(|fix| fix.replacement.as_str()),
                suggestion: finding
                    .fix
                    .as_ref()
                    .filter(|fix| fix.applicability == Applicability::Suggestion)
                    .map(|fix| fix.replacement.as_str()),
                term: finding.term.as_ref(),
            })
        })
        .collect();
    let report = JsonReport {
        version: JSON_VERSION,
        findings,
        summary: Summary::of(reports),
    };
    let mut json = serde_json::to_string_pretty(&report).unwrap_or_else(|_| String::from("{}"));
    json.push('\n');
    json
}
