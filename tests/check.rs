//! `termlint check`: findings, exit codes, --diff, --write and errors, run through the binary.

use std::path::{Path, PathBuf};
use std::process::Command;

use predicates::prelude::*;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/check")
        .join(name)
}

/// `termlint check` with only the core test glossary.
fn check() -> assert_cmd::Command {
    let mut command =
        assert_cmd::Command::cargo_bin("termlint").unwrap_or_else(|error| panic!("{error}"));
    command
        .arg("check")
        .arg("--no-default-glossary")
        .arg("-g")
        .arg(fixture("glossary.yaml"))
        .env_remove("NO_COLOR");
    command
}

fn json_findings(output: &[u8]) -> Vec<Value> {
    let report: Value =
        serde_json::from_slice(output).unwrap_or_else(|error| panic!("bad JSON: {error}"));
    report["findings"].as_array().cloned().unwrap_or_default()
}

fn found_texts(findings: &[Value]) -> Vec<String> {
    findings
        .iter()
        .map(|f| f["found"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn copy_to_temp(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let path = dir.path().join(name);
    std::fs::copy(fixture(name), &path).unwrap_or_else(|error| panic!("{error}"));
    (dir, path)
}

#[test]
fn human_report_locates_each_finding_with_rule_and_help() {
    check()
        .arg("--color=never")
        .arg(fixture("mixed.en.txt"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[avoid-term]: \"Belt and Road strategy\" is a wrong rendering of 一带一路倡议",
        ))
        .stdout(predicate::str::contains("mixed.en.txt:1:25"))
        .stdout(predicate::str::contains(
            "help: replace with \"Belt and Road Initiative\"",
        ))
        .stdout(predicate::str::contains(
            "error[term-case]: \"8-8 strategy\" should be written \"8-8 Strategy\"",
        ))
        .stdout(predicate::str::contains(
            "warning[avoid-term]: \"time nodes\" is a wrong rendering of 时间节点",
        ))
        .stdout(predicate::str::contains(
            "consider \"Publicity\" (depends on context",
        ))
        .stdout(predicate::str::contains("warning[untranslated]"))
        .stdout(predicate::str::contains("^^^^"))
        .stdout(predicate::str::contains(
            "found 3 errors, 3 warnings in 1 file (4 fixable with `--write`)",
        ));
}

#[test]
fn colour_follows_flag_and_no_color() {
    check()
        .arg("--color=always")
        .arg(fixture("mixed.en.txt"))
        .assert()
        .stdout(predicate::str::contains("\u{1b}["));
    check()
        .arg(fixture("mixed.en.txt"))
        .env("NO_COLOR", "1")
        .assert()
        .stdout(predicate::str::contains("\u{1b}[").not());
}

#[test]
fn json_report_has_the_documented_shape() {
    let output = check()
        .args(["--format", "json"])
        .arg(fixture("mixed.en.txt"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["version"], 1);
    let first = &report["findings"][0];
    for key in [
        "path",
        "line",
        "column",
        "start",
        "end",
        "rule",
        "severity",
        "message",
        "found",
        "replacement",
        "term",
    ] {
        assert!(first.get(key).is_some(), "missing {key} in {first}");
    }
    assert_eq!(first["rule"], "avoid-term");
    assert_eq!(first["found"], "Belt and Road strategy");
    assert_eq!(first["replacement"], "Belt and Road Initiative");
    assert_eq!(first["term"]["zh"], "一带一路倡议");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(1), Some(25))
    );
    let text = std::fs::read_to_string(fixture("mixed.en.txt")).unwrap_or_default();
    let (start, end) = (
        first["start"].as_u64().unwrap_or(0) as usize,
        first["end"].as_u64().unwrap_or(0) as usize,
    );
    assert_eq!(&text[start..end], "Belt and Road strategy");
    let suggestion = report["findings"].as_array().and_then(|all| {
        all.iter()
            .find(|f| f["found"] == "Propaganda work")
            .cloned()
    });
    let suggestion = suggestion.unwrap_or_default();
    assert_eq!(suggestion["replacement"], Value::Null);
    assert_eq!(suggestion["suggestion"], "Publicity");
    assert_eq!(report["summary"]["files"], 1);
    assert_eq!(report["summary"]["errors"], 3);
    assert_eq!(report["summary"]["fixable"], 4);
}

#[test]
fn phrases_are_found_across_line_breaks_quotes_case_and_spaces_but_only_as_whole_words() {
    let output = check()
        .args(["--format", "json"])
        .arg(fixture("variants.en.txt"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let findings = json_findings(&output.stdout);
    assert_eq!(
        found_texts(&findings),
        ["88th\nStrategy", "88TH   STRATEGY"]
    );
    assert_eq!(findings[1]["replacement"], "8-8 STRATEGY");
}

#[test]
fn clean_text_exits_zero() {
    check()
        .arg(fixture("clean.en.txt"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no findings in 1 file"));
}

#[test]
fn fail_on_sets_the_threshold() {
    let warnings_only = "Tasks have time nodes.\n";
    check().arg("-").write_stdin(warnings_only).assert().code(0);
    check()
        .args(["--fail-on", "warning", "-"])
        .write_stdin(warnings_only)
        .assert()
        .code(1);
    check()
        .args(["--fail-on", "never", "-"])
        .write_stdin("the 88th Strategy\n")
        .assert()
        .code(0);
}

#[test]
fn diff_applies_with_patch_and_leaves_nothing_fixable() {
    let (dir, path) = copy_to_temp("mixed.en.txt");
    let output = check()
        .current_dir(dir.path())
        .arg("--diff")
        .arg("mixed.en.txt")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let diff = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        diff.contains("--- a/mixed.en.txt\n+++ b/mixed.en.txt\n"),
        "{diff}"
    );
    assert!(
        diff.contains(
            "+Officials discussed the Belt and Road Initiative and the 8-8 Strategy at length."
        ),
        "{diff}"
    );
    let status = Command::new("patch")
        .current_dir(dir.path())
        .args(["-p1", "--quiet"])
        .stdin(
            std::fs::File::open({
                let patch = dir.path().join("fix.patch");
                std::fs::write(&patch, &diff).unwrap_or_else(|e| panic!("{e}"));
                patch
            })
            .unwrap_or_else(|e| panic!("{e}")),
        )
        .status()
        .unwrap_or_else(|e| panic!("patch: {e}"));
    assert!(status.success());
    let output = check()
        .args(["--format", "json"])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let remaining = json_findings(&output.stdout);
    assert!(
        remaining.iter().all(|f| f["replacement"].is_null()),
        "still fixable: {remaining:?}"
    );
    // What --write writes is what --diff showed.
    let (_dir2, path2) = copy_to_temp("mixed.en.txt");
    check().arg("--write").arg(&path2).assert().code(0);
    assert_eq!(
        std::fs::read(&path).unwrap_or_default(),
        std::fs::read(&path2).unwrap_or_default()
    );
}

#[test]
fn diff_is_accepted_by_git_apply() {
    let (dir, _path) = copy_to_temp("mixed.en.txt");
    let output = check()
        .current_dir(dir.path())
        .arg("--diff")
        .arg("mixed.en.txt")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("fix.patch"), &output.stdout).unwrap_or_else(|e| panic!("{e}"));
    let status = Command::new("git")
        .current_dir(dir.path())
        .args(["apply", "--unsafe-paths", "fix.patch"])
        .status();
    if let Ok(status) = status {
        assert!(status.success());
    }
}

#[test]
fn write_keeps_bom_crlf_and_every_unreported_byte() {
    let (_dir, path) = copy_to_temp("bom-crlf.en.txt");
    let before = std::fs::read(&path).unwrap_or_default();
    check()
        .arg("--write")
        .arg(&path)
        .assert()
        .stderr(predicate::str::contains("applied 3 fixes"));
    let after = std::fs::read(&path).unwrap_or_default();
    let expected = b"\xef\xbb\xbfThe plenary session reviewed the 8-8 Strategy.\r\nIt set deadlines for every task\r\nand praised Chinese modernization.\r\n\r\nNothing else changes here: \xe2\x80\x9cquotes\xe2\x80\x9d stay.\r\n";
    assert_eq!(
        String::from_utf8_lossy(&after),
        String::from_utf8_lossy(expected)
    );
    assert_ne!(before, after);
    // A second run finds nothing to fix.
    check()
        .arg("--write")
        .arg(&path)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("applied").not());
    assert_eq!(std::fs::read(&path).unwrap_or_default(), after);
}

#[cfg(unix)]
#[test]
fn write_keeps_permissions_and_symlinks() {
    use std::os::unix::fs::{PermissionsExt as _, symlink};
    let (dir, path) = copy_to_temp("mixed.en.txt");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640))
        .unwrap_or_else(|e| panic!("{e}"));
    let link = dir.path().join("link.en.txt");
    symlink(&path, &link).unwrap_or_else(|e| panic!("{e}"));
    check().arg("--write").arg(&link).assert().code(0);
    assert!(
        std::fs::symlink_metadata(&link)
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false)
    );
    let mode = std::fs::metadata(&path)
        .map(|m| m.permissions().mode() & 0o777)
        .unwrap_or(0);
    assert_eq!(mode, 0o640);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap_or_default()
            .contains("Belt and Road Initiative")
    );
}

#[test]
fn missing_file_is_an_error_naming_it_and_other_files_are_still_checked() {
    check()
        .arg("does-not-exist.en.txt")
        .arg(fixture("mixed.en.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does-not-exist.en.txt"))
        .stdout(predicate::str::contains("Belt and Road strategy"));
}

#[test]
fn invalid_utf8_is_an_error_with_the_byte_offset() {
    check()
        .arg(fixture("invalid-utf8.en.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid-utf8.en.txt"))
        .stderr(predicate::str::contains("offset 4"));
}

#[test]
fn glossary_with_unknown_key_is_an_error_with_line_and_column() {
    assert_cmd::Command::cargo_bin("termlint")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["check", "-g"])
        .arg(fixture("unknown-key.yaml"))
        .arg(fixture("clean.en.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown-key.yaml:5:5: "))
        .stderr(predicate::str::contains("unknown field `colour`"));
}

#[test]
fn folders_are_walked_in_order_and_chinese_sources_skipped() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir(dir.path().join("b")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("b/two.en.txt"), "the 88th Strategy\n")
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("a.en.md"), "the 88th Strategy\n")
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("a.zh.md"), "八八战略\n").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("image.png"), b"\x89PNG\0\0").unwrap_or_else(|e| panic!("{e}"));
    let output = check()
        .current_dir(dir.path())
        .args(["--format", "json", "."])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let findings = json_findings(&output.stdout);
    let paths: Vec<&str> = findings
        .iter()
        .map(|f| f["path"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(paths, ["a.en.md", "b/two.en.txt"]);
}

#[test]
fn binary_files_are_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let binary = dir.path().join("data.txt");
    std::fs::write(&binary, b"abc\0def").unwrap_or_else(|e| panic!("{e}"));
    check()
        .arg(&binary)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("skipping binary file"));
}

#[test]
fn write_refuses_stdin() {
    check()
        .args(["--write", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("stdin"));
}

#[test]
fn diff_and_write_conflict() {
    check()
        .args(["--diff", "--write"])
        .arg(fixture("clean.en.txt"))
        .assert()
        .code(2);
}

#[test]
fn a_word_the_replacement_ends_with_is_not_left_doubled() {
    // The shipped glossary replaces "One Belt, One Road" with "Belt and Road Initiative".
    assert_cmd::Command::cargo_bin("termlint")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["check", "--diff", "-"])
        .write_stdin("They praised the One Belt, One Road initiative.\n")
        .assert()
        .stdout(predicate::str::contains(
            "+They praised the Belt and Road Initiative.\n",
        ));
}

// Regression: a run whose only file was missing printed "no findings in 0
// files" on stdout next to the error.
#[test]
fn a_run_that_checked_nothing_prints_no_summary() {
    check()
        .arg("does-not-exist.en.txt")
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("does-not-exist.en.txt"));
}
