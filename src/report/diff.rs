//! The diff report: a unified diff of every automatic fix, with git-style
//! `a/` and `b/` headers so that `patch -p1` and `git apply` take it.

use similar::TextDiff;

use super::FileReport;

/// The unified diff of each report whose fixed text differs from its text.
pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for report in reports {
        let Some(fixed) = &report.fixed else {
            continue;
        };
        if *fixed == report.text {
            continue;
        }
        let path = report.path.trim_start_matches("./");
        let diff = TextDiff::from_lines(report.text.as_str(), fixed.as_str());
        out.push_str(&format!("diff --git a/{path} b/{path}\n"));
        out.push_str(
            &diff
                .unified_diff()
                .context_radius(3)
                .missing_newline_hint(true)
                .header(&format!("a/{path}"), &format!("b/{path}"))
                .to_string(),
        );
    }
    out
}
