//! Inline suppressions: `termlint-disable-next-line`, `termlint-disable` …
//! `termlint-enable`, written in the comment syntax of the file.
//!
//! Suppressions are one post-filter over located findings, by line, applied
//! after every rule has run ([`apply`]); rules never see them. A suppression
//! that suppressed nothing is itself reported (`unused-suppression`), so that
//! stale ones do not outlive the text they were written for.

use std::ops::{Range, RangeInclusive};

use crate::finding::{Finding, RuleId, Severity};
use crate::input::{CommentSyntax, Document, DocumentFormat};
use crate::rules::RuleSettings;
use crate::text::LineIndex;

const NEXT_LINE: &str = "termlint-disable-next-line";
const DISABLE: &str = "termlint-disable";
const ENABLE: &str = "termlint-enable";

/// What a directive does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    /// Suppresses findings on the next line.
    DisableNextLine,
    /// Suppresses findings from the next line to the matching enable.
    Disable,
    /// Ends a `Disable`.
    Enable,
}

/// One `termlint-…` comment found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// What it does.
    pub kind: DirectiveKind,
    /// 1-based line it is on.
    pub line: usize,
    /// Byte span of the directive text (inside the comment markers).
    pub span: Range<usize>,
    /// The rules named; empty means every rule.
    pub rules: Vec<RuleId>,
    /// Names given that are not rule ids.
    pub unknown: Vec<String>,
}

/// Every directive of `text`, in document order. A directive occupies a line
/// of its own, wrapped in the comment syntax `syntax` calls for.
pub fn parse_directives(text: &str, syntax: CommentSyntax) -> Vec<Directive> {
    let mut directives = Vec::new();
    if !text.contains("termlint-") {
        return directives;
    }
    let mut line_start = 0;
    for (index, raw_line) in text.split_inclusive('\n').enumerate() {
        let line_offset = line_start;
        line_start += raw_line.len();
        if !raw_line.contains("termlint-") {
            continue;
        }
        let trimmed = raw_line.trim();
        let Some(inner) = comment_body(trimmed, syntax) else {
            continue;
        };
        let inner = inner.trim();
        let (kind, rest) = if let Some(rest) = keyword_rest(inner, NEXT_LINE) {
            (DirectiveKind::DisableNextLine, rest)
        } else if let Some(rest) = keyword_rest(inner, DISABLE) {
            (DirectiveKind::Disable, rest)
        } else if let Some(rest) = keyword_rest(inner, ENABLE) {
            (DirectiveKind::Enable, rest)
        } else {
            continue;
        };
        // `inner` is a subslice of `raw_line`: its offset is a pointer difference.
        let start = line_offset + (inner.as_ptr() as usize - raw_line.as_ptr() as usize);
        let mut rules = Vec::new();
        let mut unknown = Vec::new();
        for name in rest
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|name| !name.is_empty())
        {
            match RuleId::parse(name) {
                Some(rule) => rules.push(rule),
                None => unknown.push(name.to_owned()),
            }
        }
        directives.push(Directive {
            kind,
            line: index + 1,
            span: start..start + inner.len(),
            rules,
            unknown,
        });
    }
    directives
}

/// The text inside the comment markers, when `line` is a whole-line comment.
fn comment_body(line: &str, syntax: CommentSyntax) -> Option<&str> {
    let html = || {
        line.strip_prefix("<!--")
            .and_then(|rest| rest.strip_suffix("-->"))
    };
    let hash = || line.strip_prefix('#');
    match syntax {
        CommentSyntax::Html => html(),
        CommentSyntax::Hash => hash(),
        CommentSyntax::PlainLine => html().or_else(hash).or(Some(line)),
    }
}

/// What follows `keyword` when `text` starts with it as a whole word.
fn keyword_rest<'t>(text: &'t str, keyword: &str) -> Option<&'t str> {
    let rest = text.strip_prefix(keyword)?;
    (rest.is_empty() || rest.starts_with(|c: char| c.is_whitespace() || c == ',' || c == ':'))
        .then(|| rest.trim_start_matches(':'))
}

/// A stretch of lines in which one rule (or every rule) is suppressed.
struct Region {
    rule: Option<RuleId>,
    lines: RangeInclusive<usize>,
    directive: usize,
    used: bool,
}

/// Drops the findings of `document` that a suppression covers and adds an
/// `unused-suppression` finding for each suppression that covered none (at
/// the severity `rules` gives it). Findings stay sorted by position.
pub fn apply(document: &Document, findings: Vec<Finding>, rules: &RuleSettings) -> Vec<Finding> {
    let directives = parse_directives(&document.text, document.format.comment_syntax());
    if directives.is_empty() {
        return findings;
    }
    let mut regions = regions_of(&directives, |line| {
        next_line_scope(&document.text, document.format, line)
    });
    let mut kept: Vec<Finding> = findings
        .into_iter()
        .filter(|finding| {
            if finding.rule == RuleId::UnusedSuppression {
                return true;
            }
            let mut suppressed = false;
            for region in &mut regions {
                if region.lines.contains(&finding.line)
                    && region.rule.is_none_or(|rule| rule == finding.rule)
                {
                    region.used = true;
                    suppressed = true;
                }
            }
            !suppressed
        })
        .collect();
    let Some(severity) = rules.severity(
        RuleId::UnusedSuppression,
        crate::rules::catalog::rule_info(RuleId::UnusedSuppression).default_severity,
    ) else {
        return kept;
    };
    let lines = LineIndex::new(&document.text);
    for (index, directive) in directives.iter().enumerate() {
        let mut messages: Vec<String> = directive
            .unknown
            .iter()
            .map(|name| format!("unknown rule `{name}` in `{}`", keyword(directive.kind)))
            .collect();
        if directive.kind != DirectiveKind::Enable {
            let unused: Vec<Option<RuleId>> = regions
                .iter()
                .filter(|region| region.directive == index && !region.used)
                // A rule that is off cannot produce findings to suppress.
                .filter(|region| region.rule.is_none_or(|rule| rules.is_enabled(rule)))
                .map(|region| region.rule)
                .collect();
            let covers_all = directive.rules.is_empty() && directive.unknown.is_empty();
            if covers_all && !unused.is_empty() {
                messages.push(format!("`{}` suppressed nothing", keyword(directive.kind)));
            } else {
                let names: Vec<&str> = unused.iter().flatten().map(|rule| rule.as_str()).collect();
                if !names.is_empty() {
                    messages.push(format!(
                        "`{} {}` suppressed nothing",
                        keyword(directive.kind),
                        names.join(" ")
                    ));
                }
            }
        }
        for message in messages {
            kept.push(locate(document, &lines, directive, severity, message));
        }
    }
    kept.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    kept
}

fn keyword(kind: DirectiveKind) -> &'static str {
    match kind {
        DirectiveKind::DisableNextLine => NEXT_LINE,
        DirectiveKind::Disable => DISABLE,
        DirectiveKind::Enable => ENABLE,
    }
}

/// The last line a `termlint-disable-next-line` on line `line` covers. In a
/// PO file, where a comment can only precede an entry, it is the entry that
/// follows (its `msgstr` lines included); elsewhere the next line.
fn next_line_scope(text: &str, format: DocumentFormat, line: usize) -> usize {
    if format != DocumentFormat::Po {
        return line + 1;
    }
    let mut last = line + 1;
    for (index, content) in text.lines().enumerate().skip(line) {
        if content.trim().is_empty() {
            break;
        }
        last = index + 1;
    }
    last.max(line + 1)
}

fn regions_of(directives: &[Directive], next_line_end: impl Fn(usize) -> usize) -> Vec<Region> {
    let mut regions: Vec<Region> = Vec::new();
    // Indexes into `regions` of disables not yet closed.
    let mut open: Vec<usize> = Vec::new();
    for (index, directive) in directives.iter().enumerate() {
        let targets: Vec<Option<RuleId>> =
            if directive.rules.is_empty() && directive.unknown.is_empty() {
                vec![None]
            } else {
                directive.rules.iter().copied().map(Some).collect()
            };
        match directive.kind {
            DirectiveKind::DisableNextLine => {
                for rule in targets {
                    regions.push(Region {
                        rule,
                        lines: directive.line + 1..=next_line_end(directive.line),
                        directive: index,
                        used: false,
                    });
                }
            }
            DirectiveKind::Disable => {
                for rule in targets {
                    open.push(regions.len());
                    regions.push(Region {
                        rule,
                        lines: directive.line + 1..=usize::MAX,
                        directive: index,
                        used: false,
                    });
                }
            }
            DirectiveKind::Enable => {
                let closes_all = directive.rules.is_empty() && directive.unknown.is_empty();
                open.retain(|&region_index| {
                    let region = &mut regions[region_index];
                    let closes = closes_all
                        || region
                            .rule
                            .is_some_and(|rule| directive.rules.contains(&rule));
                    if closes {
                        region.lines = *region.lines.start()..=directive.line.saturating_sub(1);
                    }
                    !closes
                });
            }
        }
    }
    regions
}

fn locate(
    document: &Document,
    lines: &LineIndex,
    directive: &Directive,
    severity: Severity,
    message: String,
) -> Finding {
    let text = &document.text;
    let (line, column) = lines.line_column(text, directive.span.start);
    let (end_line, end_column) = lines.line_column(text, directive.span.end);
    Finding {
        span: directive.span.clone(),
        line,
        column,
        end_line,
        end_column,
        rule: RuleId::UnusedSuppression,
        severity,
        message,
        found: text
            .get(directive.span.clone())
            .unwrap_or_default()
            .to_owned(),
        fix: None,
        term: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_in_each_comment_syntax() {
        let text = "a\n<!-- termlint-disable-next-line avoid-term, term-case -->\n# termlint-disable\ntermlint-enable\nnot termlint-disable\n";
        let html = parse_directives(text, CommentSyntax::Html);
        assert_eq!(html.len(), 1);
        assert_eq!(html[0].rules, vec![RuleId::AvoidTerm, RuleId::TermCase]);
        assert_eq!(
            &text[html[0].span.clone()],
            "termlint-disable-next-line avoid-term, term-case"
        );
        let hash = parse_directives(text, CommentSyntax::Hash);
        assert_eq!(
            hash.iter().map(|d| d.kind).collect::<Vec<_>>(),
            vec![DirectiveKind::Disable]
        );
        let plain = parse_directives(text, CommentSyntax::PlainLine);
        assert_eq!(plain.len(), 3);
        assert_eq!(plain[2].line, 4);
    }

    #[test]
    fn prefixes_of_other_words_are_not_directives() {
        assert!(parse_directives("termlint-disabled\n", CommentSyntax::PlainLine).is_empty());
        let unknown = parse_directives("termlint-disable nonsense\n", CommentSyntax::PlainLine);
        assert_eq!(unknown[0].unknown, vec!["nonsense".to_owned()]);
    }

    #[test]
    fn next_line_in_po_covers_the_following_entry() {
        let text = "# termlint-disable-next-line\n#: a.c:1\nmsgid \"a\"\nmsgstr \"\"\n\"b\"\n\nmsgid \"c\"\n";
        assert_eq!(next_line_scope(text, DocumentFormat::Po, 1), 5);
        assert_eq!(next_line_scope(text, DocumentFormat::PlainText, 1), 2);
        assert_eq!(next_line_scope("# x\n", DocumentFormat::Po, 1), 2);
    }

    #[test]
    fn enable_closes_regions() {
        let directives = parse_directives(
            "termlint-disable avoid-term\nx\ntermlint-enable avoid-term\ntermlint-disable\ny\n",
            CommentSyntax::PlainLine,
        );
        let regions = regions_of(&directives, |line| line + 1);
        assert_eq!(regions[0].lines, 2..=2);
        assert_eq!(regions[1].lines, 5..=usize::MAX);
    }
}
