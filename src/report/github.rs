//! The GitHub Actions report: one workflow command a finding
//! (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`),
//! which the runner turns into annotations on the pull request. Columns are
//! given only for a span on one line: the runner does not take `col` and
//! `endColumn` with a `line` different from `endLine`.
//!
//! Escaping follows the runner (`@actions/core` `command.ts`): the message
//! escapes `%`, `\r` and `\n`; property values also escape `:` and `,`.

use super::{FileReport, message_with_fix};
use crate::finding::Severity;

/// One workflow command per finding, in report order.
pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        for finding in &report.findings {
            let command = match finding.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let message = message_with_fix(finding);
            // The runner takes columns only for a span on one line.
            let position = if finding.end_line == finding.line {
                format!(
                    "line={},col={},endLine={},endColumn={}",
                    finding.line, finding.column, finding.end_line, finding.end_column
                )
            } else {
                format!("line={},endLine={}", finding.line, finding.end_line)
            };
            out.push_str(&format!(
                "::{command} file={},{position},title={}::{}\n",
                escape_property(&report.path),
                escape_property(&format!("termlint ({})", finding.rule)),
                escape_data(&message),
            ));
        }
    }
    out
}

/// Escapes a command's message.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_matches_the_runner() {
        assert_eq!(escape_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
