//! Applying fixes — the one path behind both `--diff` and `--write` — and
//! writing files safely.

use std::io::Write as _;
use std::path::Path;

use crate::error::{Error, Result};
use crate::finding::Finding;

/// The result of applying fixes to a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The fixed text.
    pub text: String,
    /// How many fixes were applied.
    pub count: usize,
}

/// Applies the automatic fixes of `findings` to `text`. Fixes are taken in
/// position order; a fix that overlaps one already taken is skipped (a later
/// pass can take it), so no byte is ever edited twice.
pub fn apply_fixes(text: &str, findings: &[Finding]) -> Applied {
    let mut edits: Vec<(&std::ops::Range<usize>, &str)> = findings
        .iter()
        .filter_map(|finding| {
            finding
                .automatic_fix()
                .map(|fix| (&finding.span, fix.content.as_str()))
        })
        .filter(|(span, content)| {
            span.end <= text.len() && text.get(span.start..span.end) != Some(*content)
        })
        .collect();
    edits.sort_by_key(|(span, _)| (span.start, span.end));
    let mut fixed = String::with_capacity(text.len());
    let mut cursor = 0;
    let mut count = 0;
    for (span, content) in edits {
        if span.start < cursor
            || !text.is_char_boundary(span.start)
            || !text.is_char_boundary(span.end)
        {
            continue;
        }
        fixed.push_str(&text[cursor..span.start]);
        fixed.push_str(content);
        cursor = span.end;
        count += 1;
    }
    fixed.push_str(&text[cursor..]);
    Applied { text: fixed, count }
}

/// The most passes [`fix_until_stable`] makes; a glossary whose replacements
/// keep producing new findings stops here instead of looping.
pub const MAX_FIX_PASSES: usize = 8;

/// Applies fixes and re-checks until nothing fixable is left (or
/// [`MAX_FIX_PASSES`]), so that a second run finds nothing to fix.
/// Returns the fixed text, the number of fixes applied, and the findings of
/// the final text.
pub fn fix_until_stable(
    text: &str,
    mut check: impl FnMut(&str) -> Vec<Finding>,
) -> (String, usize, Vec<Finding>) {
    let mut current = text.to_owned();
    let mut total = 0;
    let mut findings = check(&current);
    for _ in 0..MAX_FIX_PASSES {
        let applied = apply_fixes(&current, &findings);
        if applied.count == 0 {
            break;
        }
        total += applied.count;
        current = applied.text;
        findings = check(&current);
    }
    (current, total, findings)
}

/// A hook for tests: when the environment variable of this name names a
/// file, the write stops after the temporary file is complete and before it
/// replaces the original, as an interrupted process would.
pub const FAULT_INJECTION_ENV: &str = "TERMLINT_FAIL_BEFORE_RENAME";

/// Replaces the contents of `path` with `contents` atomically: a temporary
/// file in the same folder is written, synced, given the original's
/// permissions and renamed over it. A symlink is followed, so the link stays
/// a link and its target is edited. If the file no longer holds `expected`
/// (it changed since it was read), nothing is written.
pub fn write_atomically(path: &Path, expected: &[u8], contents: &[u8]) -> Result<()> {
    let target = std::fs::canonicalize(path).map_err(|error| Error::io(path, error))?;
    let folder = target.parent().unwrap_or_else(|| Path::new("."));
    let metadata = std::fs::metadata(&target).map_err(|error| Error::io(path, error))?;
    let mut temporary = tempfile::Builder::new()
        .prefix(".termlint-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(|error| Error::io(path, error))?;
    temporary
        .write_all(contents)
        .map_err(|error| Error::io(path, error))?;
    temporary
        .as_file()
        .set_permissions(metadata.permissions())
        .map_err(|error| Error::io(path, error))?;
    temporary
        .as_file()
        .sync_all()
        .map_err(|error| Error::io(path, error))?;
    if std::env::var_os(FAULT_INJECTION_ENV).is_some_and(|victim| Path::new(&victim) == path) {
        return Err(Error::io(
            path,
            std::io::Error::other("fault injected before rename"),
        ));
    }
    let current = std::fs::read(&target).map_err(|error| Error::io(path, error))?;
    if current != expected {
        return Err(Error::ChangedOnDisk {
            path: path.to_path_buf(),
        });
    }
    temporary
        .persist(&target)
        .map_err(|error| Error::io(path, error.error))?;
    if let Ok(directory) = std::fs::File::open(folder) {
        // Make the rename durable; not every platform can sync a folder.
        let _ = directory.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Applicability, Fix, RuleId, Severity};

    fn finding(
        span: std::ops::Range<usize>,
        content: &str,
        applicability: Applicability,
    ) -> Finding {
        Finding {
            span,
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            rule: RuleId::AvoidTerm,
            severity: Severity::Error,
            message: String::new(),
            found: String::new(),
            fix: Some(Fix {
                replacement: content.to_owned(),
                content: content.to_owned(),
                applicability,
            }),
            term: None,
        }
    }

    #[test]
    fn applies_in_order_and_skips_overlaps_and_suggestions() {
        let text = "aaa bbb ccc";
        let applied = apply_fixes(
            text,
            &[
                finding(8..11, "C", Applicability::Automatic),
                finding(0..3, "A", Applicability::Automatic),
                finding(1..5, "X", Applicability::Automatic),
                finding(4..7, "B", Applicability::Suggestion),
            ],
        );
        assert_eq!(
            applied,
            Applied {
                text: "A bbb C".to_owned(),
                count: 2
            }
        );
    }
}
