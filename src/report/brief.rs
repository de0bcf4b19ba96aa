//! The brief report: one line a finding, `path:line:col: rule: message`,
//! for editors' problem matchers and `grep`.

use super::{FileReport, message_with_fix};

/// One line per finding, in report order.
pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        for finding in &report.findings {
            let message = one_line(&message_with_fix(finding));
            out.push_str(&format!(
                "{}:{}:{}: {}: {message}\n",
                report.path, finding.line, finding.column, finding.rule
            ));
        }
    }
    out
}

/// Line breaks inside a message would split a finding over several lines.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
