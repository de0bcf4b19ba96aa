//! Bilingual checks through the binary: paired plain text, TSV/CSV, XLIFF,
//! TMX and PO, the source-dependent rules and `--write` in structured files.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const FIXTURES: &str = "tests/fixtures/bilingual";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(FIXTURES)
        .join(name)
}

fn termlint() -> Command {
    let mut command = Command::cargo_bin("termlint").unwrap_or_else(|error| panic!("{error}"));
    command.env("NO_COLOR", "1");
    command
}

/// Runs `check ARGS… --format json` with the test glossary; returns the findings and stderr.
fn check_json(args: &[&str]) -> (Vec<Value>, String) {
    let output = termlint()
        .arg("check")
        .args(args)
        .args(["--format", "json", "--no-default-glossary", "-g"])
        .arg(fixture("glossary.yaml"))
        .output()
        .unwrap_or_else(|error| panic!("{error}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let report: Value =
        serde_json::from_str(&stdout).unwrap_or_else(|error| panic!("{error}: {stdout}"));
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    (
        findings,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn rules(findings: &[Value]) -> Vec<&str> {
    findings.iter().filter_map(|f| f["rule"].as_str()).collect()
}

/// A TSV file of one zh/en row in a temporary folder.
fn tsv_row(zh: &str, en: &str) -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let path = folder.path().join("row.tsv");
    std::fs::write(&path, format!("{zh}\t{en}\n")).unwrap_or_else(|error| panic!("{error}"));
    (folder, path)
}

fn check_row(zh: &str, en: &str) -> Vec<Value> {
    let (_folder, path) = tsv_row(zh, en);
    check_json(&[path.to_str().unwrap_or_default()]).0
}

#[test]
fn near_miss_of_8_8_strategy_is_fixed() {
    let findings = check_row(
        "坚持和深化“八八战略”",
        "uphold and deepen the \"88th Strategy\"",
    );
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["found"], "88th Strategy");
    assert_eq!(findings[0]["replacement"], "8-8 Strategy");
}

#[test]
fn missing_rendering_of_8_8_strategy_has_no_fix() {
    let findings = check_row(
        "坚持和深化“八八战略”",
        "uphold and deepen the provincial development plan",
    );
    assert_eq!(rules(&findings), ["missing-term"]);
    assert!(
        findings[0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("\"8-8 Strategy\"")
    );
    assert_eq!(findings[0]["replacement"], Value::Null);
    assert_eq!(findings[0]["start"], findings[0]["end"]);
    assert_eq!(findings[0]["found"], "");
    // At the start of the target segment (after the tab).
    assert_eq!(findings[0]["column"], 13);
}

#[test]
fn similar_words_are_a_near_miss_with_a_fix() {
    let findings = check_row(
        "促进全体人民共同富裕。",
        "We will promote common property for all the people.",
    );
    assert_eq!(rules(&findings), ["missing-term"]);
    assert_eq!(findings[0]["found"], "common property");
    assert_eq!(findings[0]["replacement"], "common prosperity");
}

#[test]
fn ordinal_that_changed_is_a_number_mismatch() {
    let findings = check_row(
        "第九届全国人民代表大会",
        "the Eighth National People's Congress",
    );
    assert_eq!(rules(&findings), ["number-mismatch"]);
    assert_eq!(findings[0]["found"], "Eighth");
}

#[test]
fn equal_numbers_in_other_forms_give_nothing() {
    for (zh, en) in [
        (
            "庆祝改革开放四十周年",
            "celebrating the 40th anniversary of reform and opening up",
        ),
        (
            "全年投资3.5万亿元",
            "annual investment reached 3.5 trillion yuan",
        ),
        ("收入增长百分之五", "incomes grew by 5 percent"),
        ("召开第三次全体会议", "the third plenary session was held"),
        ("覆盖1.2亿人", "covering 120 million people"),
        ("2023年8月4日", "on August 4, 2023"),
    ] {
        assert_eq!(check_row(zh, en), Vec::<Value>::new(), "{zh} / {en}");
    }
}

#[test]
fn scale_slip_is_a_number_mismatch() {
    let findings = check_row(
        "全年投资3.5万亿元",
        "annual investment reached 35 trillion yuan",
    );
    assert_eq!(rules(&findings), ["number-mismatch"]);
    assert_eq!(findings[0]["found"], "35 trillion");
}

#[test]
fn planted_errors_are_found_at_their_lines() {
    for (name, line, column, rule, found) in [
        ("news.xlf", 11, 71, "avoid-term", "88th Strategy"),
        (
            "news.xliff",
            13,
            100,
            "avoid-term",
            "Chinese-style modernization",
        ),
        ("news.tmx", 11, 50, "missing-term", "common property"),
        ("news.po", 17, 41, "avoid-term", "88th Strategy"),
        ("numbers.tsv", 2, 49, "number-mismatch", "Eighth"),
        ("terms.csv", 3, 25, "missing-term", ""),
    ] {
        let path = fixture(name);
        let (findings, stderr) = check_json(&[path.to_str().unwrap_or_default()]);
        assert_eq!(findings.len(), 1, "{name}: {findings:?} {stderr}");
        let finding = &findings[0];
        assert_eq!(
            (
                finding["line"].as_u64(),
                finding["column"].as_u64(),
                finding["rule"].as_str(),
                finding["found"].as_str()
            ),
            (Some(line), Some(column), Some(rule), Some(found)),
            "{name}"
        );
    }
}

/// `--write` on a copy of `name` changes only the span of its one finding,
/// written escaped as `content` (checked byte for byte), and a second run is clean.
fn write_changes_only_the_target(name: &str, content: &str) {
    let original = std::fs::read(fixture(name)).unwrap_or_else(|error| panic!("{error}"));
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let copy = folder.path().join(name);
    std::fs::write(&copy, &original).unwrap_or_else(|error| panic!("{error}"));
    let copy_arg = copy.to_str().unwrap_or_default();
    let (findings, _) = check_json(&[copy_arg]);
    let start = findings[0]["start"].as_u64().unwrap_or_default() as usize;
    let end = findings[0]["end"].as_u64().unwrap_or_default() as usize;
    termlint()
        .args(["check", copy_arg, "--write", "--no-default-glossary", "-g"])
        .arg(fixture("glossary.yaml"))
        .assert()
        .stderr(predicates::str::contains("applied 1 fix"));
    let written = std::fs::read(&copy).unwrap_or_else(|error| panic!("{error}"));
    let mut expected = original[..start].to_vec();
    expected.extend_from_slice(content.as_bytes());
    expected.extend_from_slice(&original[end..]);
    assert_eq!(
        String::from_utf8_lossy(&written),
        String::from_utf8_lossy(&expected),
        "{name}"
    );
    assert_eq!(written, expected, "{name}");
    assert_eq!(
        check_json(&[copy_arg]).0,
        Vec::<Value>::new(),
        "{name} after --write"
    );
}

#[test]
fn write_changes_only_the_target_text_in_xliff_12() {
    write_changes_only_the_target("news.xlf", "8-8 Strategy");
}

#[test]
fn write_changes_only_the_target_text_in_xliff_20() {
    write_changes_only_the_target("news.xliff", "Chinese modernization");
}

#[test]
fn write_changes_only_the_target_text_in_tmx() {
    write_changes_only_the_target("news.tmx", "common prosperity");
}

#[test]
fn write_changes_only_the_target_text_in_po() {
    write_changes_only_the_target("news.po", "8-8 Strategy");
}

#[test]
fn xml_replacement_is_escaped() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let glossary = folder.path().join("g.yaml");
    std::fs::write(&glossary, "name: t\nterms:\n  - zh: 改革开放\n    en: reform & opening up\n    avoid: [reform and opening]\n")
        .unwrap_or_else(|error| panic!("{error}"));
    let xlf = folder.path().join("a.xlf");
    std::fs::write(
        &xlf,
        "<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>改革开放</source><target>the reform and opening</target></trans-unit></body></file></xliff>\n",
    )
    .unwrap_or_else(|error| panic!("{error}"));
    termlint()
        .args([
            "check",
            xlf.to_str().unwrap_or_default(),
            "--write",
            "--no-default-glossary",
            "-g",
        ])
        .arg(&glossary)
        .assert()
        .stderr(predicates::str::contains("applied 1 fix"));
    let written = std::fs::read_to_string(&xlf).unwrap_or_default();
    assert!(
        written.contains("<target>the reform &amp; opening up</target>"),
        "{written}"
    );
}

/// Runs `check --write` on `xlf` (text) with a glossary of "改革开放" →
/// "reform & opening up" (avoid "reform and opening") and the 八八战略 entry;
/// returns the written file.
fn write_xliff_target(target: &str) -> String {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let glossary = folder.path().join("g.yaml");
    std::fs::write(&glossary, "name: t\nterms:\n  - zh: 改革开放\n    en: reform & opening up\n    avoid: [reform and opening]\n  - zh: 八八战略\n    en: 8-8 Strategy\n    avoid: [88th Strategy]\n")
        .unwrap_or_else(|error| panic!("{error}"));
    let xlf = folder.path().join("a.xlf");
    std::fs::write(
        &xlf,
        format!("<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>改革开放，八八战略</source><target>{target}</target></trans-unit></body></file></xliff>\n"),
    )
    .unwrap_or_else(|error| panic!("{error}"));
    termlint()
        .args([
            "check",
            xlf.to_str().unwrap_or_default(),
            "--write",
            "--no-default-glossary",
            "-g",
        ])
        .arg(&glossary)
        .output()
        .unwrap_or_else(|error| panic!("{error}"));
    std::fs::read_to_string(&xlf).unwrap_or_default()
}

#[test]
fn cdata_fix_is_written_literally_not_as_entities() {
    let written = write_xliff_target("<![CDATA[R&D under the 88th Strategy]]>");
    assert!(
        written.contains("<target><![CDATA[R&D under the 8-8 Strategy]]></target>"),
        "{written}"
    );
}

#[test]
fn cdata_fix_needing_entities_is_not_applied() {
    // In CDATA "&amp;" would be read literally; the fix is left to a human.
    let target = "<![CDATA[the reform and opening]]>";
    let written = write_xliff_target(target);
    assert!(
        written.contains(&format!("<target>{target}</target>")),
        "{written}"
    );
}

#[test]
fn fix_across_the_end_of_a_cdata_section_is_not_applied() {
    // Replacing "88th]]> Strategy" would drop the "]]>" that closes the section.
    let target = "<![CDATA[R&D under the 88th]]> Strategy";
    let written = write_xliff_target(target);
    assert!(
        written.contains(&format!("<target>{target}</target>")),
        "{written}"
    );
}

#[test]
fn correct_government_news_numbers_give_no_number_mismatch() {
    // Dates, percentages, 万/亿 amounts, 多万/余万, congress and plenum
    // ordinals, "十四五", "1至9月" with "the first half", "one of".
    let target = fixture("gov-numbers.en.txt");
    let source = fixture("gov-numbers.zh.txt");
    let (findings, stderr) = check_json(&[
        target.to_str().unwrap_or_default(),
        "-s",
        source.to_str().unwrap_or_default(),
    ]);
    assert!(!stderr.contains("paragraph"), "{stderr}");
    let numbers: Vec<&Value> = findings
        .iter()
        .filter(|f| f["rule"] == "number-mismatch")
        .collect();
    assert!(numbers.is_empty(), "{numbers:#?}");
}

#[test]
fn paired_plain_text_checks_paragraph_by_paragraph() {
    let target = fixture("news.en.txt");
    let source = fixture("news.zh.txt");
    let (findings, stderr) = check_json(&[
        target.to_str().unwrap_or_default(),
        "--source",
        source.to_str().unwrap_or_default(),
    ]);
    assert_eq!(rules(&findings), ["number-mismatch"], "{stderr}");
    assert_eq!(
        (findings[0]["line"].as_u64(), findings[0]["found"].as_str()),
        (Some(3), Some("35 trillion"))
    );
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn paragraph_count_mismatch_warns_and_still_finds_the_missing_term() {
    let target = fixture("merged.en.txt");
    let source = fixture("merged.zh.txt");
    let (findings, stderr) = check_json(&[
        target.to_str().unwrap_or_default(),
        "-s",
        source.to_str().unwrap_or_default(),
    ]);
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    assert!(
        stderr.contains("2 paragraphs but its source") && stderr.contains("has 3"),
        "{stderr}"
    );
    assert_eq!(rules(&findings), ["missing-term"]);
    assert!(
        findings[0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("2 times"),
        "{findings:?}"
    );
}

#[test]
fn chinese_sources_beside_targets_are_paired_when_walking() {
    let folder = fixture("paired");
    let (findings, _) = check_json(&[folder.to_str().unwrap_or_default()]);
    // report.en.txt is clean against report.zh.txt; report.md lacks 共同富裕 of report.zh-CN.md.
    assert_eq!(rules(&findings), ["missing-term"], "{findings:?}");
    assert!(
        findings[0]["path"]
            .as_str()
            .unwrap_or_default()
            .ends_with("report.md")
    );
}

#[test]
fn inconsistent_renderings_are_reported_after_the_first() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let path = folder.path().join("doc.tsv");
    std::fs::write(
        &path,
        "坚持八八战略\tuphold the 8-8 Strategy\n深化八八战略\tdeepen the Double-Eight Strategy\n践行八八战略\tpractise the 8-8 Strategy\n",
    )
    .unwrap_or_else(|error| panic!("{error}"));
    let (findings, _) = check_json(&[path.to_str().unwrap_or_default()]);
    assert_eq!(rules(&findings), ["inconsistent-term"]);
    assert_eq!(
        (findings[0]["line"].as_u64(), findings[0]["found"].as_str()),
        (Some(2), Some("Double-Eight Strategy"))
    );
    assert!(
        findings[0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("\"8-8 Strategy\" earlier")
    );
}

#[test]
fn untranslated_does_not_run_on_the_source() {
    assert_eq!(
        check_row("推动高质量发展", "promote high-quality development"),
        Vec::<Value>::new()
    );
}

#[test]
fn malformed_xliff_is_an_input_error_with_its_location() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let path = folder.path().join("bad.xlf");
    std::fs::write(&path, "<xliff>\n<trans-unit><source>a</target>\n</xliff>\n")
        .unwrap_or_else(|error| panic!("{error}"));
    let output = termlint()
        .args([
            "check",
            path.to_str().unwrap_or_default(),
            "--no-default-glossary",
            "-g",
        ])
        .arg(fixture("glossary.yaml"))
        .output()
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad.xlf:2:"), "{stderr}");
}

// Regression: "third plenary session" is a glossary rendering (of 三中全会), so
// its "third" was left out of the number check even when the source wrote
// 三次全会, which is no glossary term: the source's 3 was then reported missing.
#[test]
fn numbers_in_glossary_phrases_count_unless_the_source_has_the_term() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("a.zh.txt"), "市委召开九届三次全会。\n")
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("a.en.txt"),
        "The municipal Party committee held the third plenary session of the Ninth committee.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let output = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "a.en.txt"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    let mismatches: Vec<&Value> = report["findings"]
        .as_array()
        .map(|all| {
            all.iter()
                .filter(|f| f["rule"] == "number-mismatch")
                .collect()
        })
        .unwrap_or_default();
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}

// Regression: paired with a source, Markdown was split into raw paragraphs,
// so a forbidden term inside a code block or inline code was reported.
#[test]
fn paired_markdown_skips_code_like_unpaired_markdown() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("a.zh.md"),
        "坚持八八战略。\n\n示例代码如下。\n\n```\ncode\n```\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("a.en.md"),
        "Uphold the `88th Strategy` and the 88th Strategy.\n\nThe example code follows.\n\n```\nthe 88th Strategy\n```\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let output = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "a.en.md"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    let avoid: Vec<(u64, u64)> = report["findings"]
        .as_array()
        .map(|all| {
            all.iter()
                .filter(|f| f["rule"] == "avoid-term")
                .map(|f| {
                    (
                        f["line"].as_u64().unwrap_or(0),
                        f["column"].as_u64().unwrap_or(0),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(avoid, [(1, 36)], "{report:#}");
}
