//! The SARIF 2.1.0 report, for code-scanning UIs (GitHub code scanning and
//! any SARIF viewer): the tool and its rules with help text, one result a
//! finding with its region, and automatic fixes as replacements.
//!
//! Columns are counted in characters (Unicode code points), as everywhere in
//! termlint, and the run says so (`columnKind`). Paths are written as
//! relative URIs, which code scanning resolves against the repository root.

use serde_json::{Value, json};

use super::{FileReport, message_with_fix};
use crate::finding::{Finding, RuleId, Severity};
use crate::rules::{RULES, RuleInfo};

/// The SARIF version written.
pub const SARIF_VERSION: &str = "2.1.0";
/// The schema the output conforms to.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF log for `reports`.
pub fn render(reports: &[FileReport]) -> String {
    let results: Vec<Value> = reports
        .iter()
        .flat_map(|report| {
            report
                .findings
                .iter()
                .map(move |finding| result(report, finding))
        })
        .collect();
    let mut driver = json!({
        "name": "termlint",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": RULES.iter().map(rule_descriptor).collect::<Vec<_>>(),
    });
    if let Some(uri) = information_uri() {
        driver["informationUri"] = json!(uri);
    }
    let log = json!({
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": { "driver": driver },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_else(|_| String::from("{}"));
    text.push('\n');
    text
}

/// Where users read about termlint: the package's repository or homepage.
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_REPOSITORY"), env!("CARGO_PKG_HOMEPAGE")]
        .into_iter()
        .find(|uri| !uri.is_empty())
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule_index(rule: RuleId) -> usize {
    RULES.iter().position(|info| info.id == rule).unwrap_or(0)
}

fn rule_descriptor(info: &RuleInfo) -> Value {
    let help = format!("{}\n\nExample:\n{}", info.explanation, info.example);
    json!({
        "id": info.id.as_str(),
        "name": info.id.as_str(),
        "shortDescription": { "text": info.summary },
        "fullDescription": { "text": info.explanation },
        "help": {
            "text": help,
            "markdown": format!("{}\n\nExample:\n\n```text\n{}\n```", info.explanation, info.example),
        },
        "defaultConfiguration": { "level": level(info.default_severity) },
        "properties": {
            "needsSource": info.needs_source,
            "tags": ["translation", "terminology"],
        },
    })
}

fn region(finding: &Finding) -> Value {
    json!({
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
    })
}

fn result(report: &FileReport, finding: &Finding) -> Value {
    let uri = path_uri(&report.path);
    let message = message_with_fix(finding);
    let mut result = json!({
        "ruleId": finding.rule.as_str(),
        "ruleIndex": rule_index(finding.rule),
        "level": level(finding.severity),
        "message": { "text": message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri },
                "region": region(finding),
            },
        }],
    });
    if let Some(fix) = finding.automatic_fix() {
        result["fixes"] = json!([{
            "description": { "text": format!("Replace with \"{}\"", fix.replacement) },
            "artifactChanges": [{
                "artifactLocation": { "uri": uri },
                "replacements": [{
                    "deletedRegion": region(finding),
                    "insertedContent": { "text": fix.content },
                }],
            }],
        }]);
    }
    result
}

/// A report path as a URI reference: relative paths stay relative (with `/`
/// separators), absolute ones become `file://` URIs; anything outside the
/// URI character set is percent-encoded.
pub fn path_uri(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    let encoded = percent_encode(&slashed);
    if slashed.starts_with('/') {
        format!("file://{encoded}")
    } else if slashed.as_bytes().get(1) == Some(&b':') {
        // A Windows drive path (C:/…).
        format!("file:///{encoded}")
    } else if encoded
        .split('/')
        .next()
        .is_some_and(|first| first.contains(':'))
    {
        // `a:b.txt` would read as a URI with scheme `a`.
        format!("./{encoded}")
    } else {
        encoded
    }
}

fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&byte);
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(path_uri("docs/a b.md"), "docs/a%20b.md");
        assert_eq!(
            path_uri("/tmp/报告.txt"),
            "file:///tmp/%E6%8A%A5%E5%91%8A.txt"
        );
        assert_eq!(path_uri("dir\\x.txt"), "dir/x.txt");
    }
}
