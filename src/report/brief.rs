//! The brief report: one line a finding, `path:line:col: rule: message`,
//! for editors' problem matchers and `grep`.

use super::FileReport;

/// One line per finding, in report order.
pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        for finding in &report.findings {
            let message = one_line(&finding.message);
            out.push_str(&format!(
                "{}:{}:{}: {}: {message}",
                report.path, finding.line, finding.column, finding.rule
            ));
            if let Some(fix) = &finding.fix {
                out.push_str(&format!(" (use \"{}\")", one_line(&fix.replacement)));
            }
            out.push('\n');
        }
    }
    out
}

/// Line breaks inside a message would split a finding over several lines.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
