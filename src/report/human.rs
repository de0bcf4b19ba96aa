//! The human report: rustc-style diagnostics with the source line, an
//! underline and a `help:` line with the replacement.

use annotate_snippets::{Level, Renderer, Snippet};

use super::{FileReport, Summary, plural};
use crate::finding::{Applicability, Finding, Severity};
use crate::text::{LineIndex, ceil_char_boundary, floor_char_boundary};

/// Renders every finding of `reports`, then a summary line.
pub fn render(reports: &[FileReport], color: bool) -> String {
    let mut out = render_findings(reports, color);
    out.push_str(&summary_line(&Summary::of(reports)));
    out.push('\n');
    out
}

/// Renders every finding of `reports`, without the summary (for output
/// that is streamed a batch of files at a time).
pub fn render_findings(reports: &[FileReport], color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for report in reports {
        if report.findings.is_empty() {
            continue;
        }
        let lines = LineIndex::new(&report.text);
        for finding in &report.findings {
            out.push_str(&render_finding(&renderer, report, &lines, finding));
            out.push_str("\n\n");
        }
    }
    out
}

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Info,
    }
}

fn render_finding(
    renderer: &Renderer,
    report: &FileReport,
    lines: &LineIndex,
    finding: &Finding,
) -> String {
    let text = &report.text;
    // Spans come from the checker and are char-aligned; clamp anyway so that a
    // reporter can never panic on a finding.
    let start = floor_char_boundary(text, finding.span.start);
    let end = floor_char_boundary(text, finding.span.end).max(start);
    let finding_span = start..end;
    let first_line = lines.line_of(finding_span.start);
    let last_line = lines.line_of(finding.span.end.saturating_sub(1).max(finding.span.start));
    let mut excerpt_start = lines.line_span(text, first_line).start;
    let mut excerpt_end = lines
        .line_span(text, last_line)
        .end
        .max(finding.span.end)
        .min(text.len());
    // On a very long line (a whole document on one line), show a window
    // around the finding; the location is then given by us, since the
    // renderer would count columns from the window's start.
    let windowed = excerpt_end - excerpt_start > LONG_LINE_BYTES;
    if windowed {
        excerpt_start =
            floor_char_boundary(text, start.saturating_sub(WINDOW_BYTES).max(excerpt_start));
        excerpt_end = ceil_char_boundary(text, (end + WINDOW_BYTES).min(excerpt_end));
    }
    let excerpt = &text[excerpt_start..excerpt_end];
    // An empty span (a finding about something absent) underlines one column.
    let mut span = finding.span.start - excerpt_start..finding.span.end - excerpt_start;
    if span.is_empty() {
        span.end = (span.start
            + excerpt[span.start..]
                .chars()
                .next()
                .map_or(0, char::len_utf8))
        .min(excerpt.len());
    }
    let label = match &finding.fix {
        Some(fix) => format!("use \"{}\"", fix.replacement),
        None => String::new(),
    };
    let help = finding.fix.as_ref().map(|fix| match fix.applicability {
        Applicability::Automatic => format!(
            "replace with \"{}\" (`--write` applies it)",
            fix.replacement
        ),
        Applicability::Suggestion => {
            format!(
                "consider \"{}\" (depends on context; not applied automatically)",
                fix.replacement
            )
        }
    });
    let title = finding.message.clone();
    let id = finding.rule.as_str();
    let location = format!("{}:{}:{}", report.path, finding.line, finding.column);
    let mut message = level(finding.severity).title(&title).id(id);
    let snippet = Snippet::source(excerpt)
        .line_start(first_line + 1)
        .fold(false)
        .annotation(level(finding.severity).span(span).label(&label));
    message = if windowed {
        message
            .snippet(Snippet::source("").origin(&location))
            .snippet(snippet)
    } else {
        message.snippet(snippet.origin(&report.path))
    };
    if let Some(help) = &help {
        message = message.footer(Level::Help.title(help));
    }
    renderer.render(message).to_string()
}

/// Lines longer than this are shown as a window around the finding.
const LONG_LINE_BYTES: usize = 4096;

/// How much of a long line is shown either side of a finding.
const WINDOW_BYTES: usize = 120;

/// "found 3 errors and 1 warning in 2 files (3 fixable with `--write`)".
pub fn summary_line(summary: &Summary) -> String {
    let total = summary.errors + summary.warnings + summary.infos;
    let files = plural(summary.files, "file");
    if total == 0 {
        return format!("no findings in {files}");
    }
    let mut counts = Vec::new();
    for (count, word) in [
        (summary.errors, "error"),
        (summary.warnings, "warning"),
        (summary.infos, "info"),
    ] {
        if count > 0 {
            counts.push(plural(count, word));
        }
    }
    let mut line = format!("found {} in {files}", counts.join(", "));
    if summary.fixable > 0 {
        line.push_str(&format!(" ({} fixable with `--write`)", summary.fixable));
    }
    line
}
