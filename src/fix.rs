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
    let findings = check(text);
    fix_until_stable_from(text, findings, check)
}

/// [`fix_until_stable`] when the findings of `text` are already known (the
/// check that reported them), which saves one check of the whole text.
pub fn fix_until_stable_from(
    text: &str,
    findings: Vec<Finding>,
    mut check: impl FnMut(&str) -> Vec<Finding>,
) -> (String, usize, Vec<Finding>) {
    let mut current = text.to_owned();
    let mut total = 0;
    let mut findings = findings;
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
    // The rename below would replace a read-only file in a writable folder (and
    // root may write anywhere): honour the permission bits explicitly.
    if metadata.permissions().readonly() {
        return Err(Error::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "the file is read-only; not fixed",
            ),
        ));
    }
    let folder_is_read_only =
        std::fs::metadata(folder).is_ok_and(|folder| folder.permissions().readonly());
    if folder_is_read_only {
        return Err(Error::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                format!("the folder {} is read-only; not fixed", folder.display()),
            ),
        ));
    }
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

    #[test]
    fn a_file_changed_since_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "as read").expect("write");
        std::fs::write(&path, "changed by someone else").expect("write");
        let result = write_atomically(&path, b"as read", b"fixed");
        assert!(matches!(result, Err(Error::ChangedOnDisk { .. })));
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "changed by someone else"
        );
        let leftovers = std::fs::read_dir(dir.path()).expect("list").count();
        assert_eq!(leftovers, 1, "the temporary file was not removed");
    }

    #[test]
    fn writes_replace_the_contents() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old").expect("write");
        write_atomically(&path, b"old", b"new").expect("written");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
    }

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

    #[test]
    fn starting_from_known_findings_skips_the_first_check_and_gives_the_same_result() {
        // A toy checker: every "aa" is fixed to "b".
        let check = |text: &str| -> Vec<Finding> {
            text.match_indices("aa")
                .map(|(at, _)| finding(at..at + 2, "b", Applicability::Automatic))
                .collect()
        };
        let text = "aaaa x aa";
        let mut calls = 0;
        let from = fix_until_stable_from(text, check(text), |t| {
            calls += 1;
            check(t)
        });
        assert_eq!(calls, 1, "only the re-check of the fixed text");
        assert_eq!(from, fix_until_stable(text, check));
        assert_eq!(from.0, "bb x b");
    }
}
