//! `termlint glossary …` run as a binary, against tests/fixtures/glossary-tools/.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/glossary-tools")
        .join(name)
}

fn termlint() -> Command {
    let mut command = Command::cargo_bin("termlint").unwrap_or_else(|error| panic!("{error}"));
    command.current_dir(fixture("")).env("NO_COLOR", "1");
    command
}

fn stdout_of(command: &mut Command) -> String {
    String::from_utf8_lossy(
        &command
            .output()
            .unwrap_or_else(|error| panic!("{error}"))
            .stdout,
    )
    .into_owned()
}

fn json_of(command: &mut Command) -> serde_json::Value {
    serde_json::from_str(&stdout_of(command)).unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn lint_reports_each_problem_exactly_once_and_located() {
    let mut command = termlint();
    command.args(["glossary", "lint", "lint", "--format", "json"]);
    let report = json_of(&mut command);
    let found: Vec<(String, u64, u64, String, String)> = report["findings"]
        .as_array()
        .map(|findings| {
            findings
                .iter()
                .map(|f| {
                    (
                        f["path"].as_str().unwrap_or_default().to_owned(),
                        f["line"].as_u64().unwrap_or_default(),
                        f["column"].as_u64().unwrap_or_default(),
                        f["rule"].as_str().unwrap_or_default().to_owned(),
                        f["severity"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let expected = [
        ("lint/a.yaml", 13, "duplicate-en", "warning"),
        ("lint/a.yaml", 23, "duplicate-avoid", "error"),
        ("lint/a.yaml", 29, "avoid-is-approved", "error"),
        ("lint/a.yaml", 35, "accept-is-avoided", "error"),
        ("lint/a.yaml", 45, "shadowed-avoid", "warning"),
        ("lint/a.yaml", 55, "empty-value", "error"),
        ("lint/a.yaml", 61, "padded-value", "warning"),
        ("lint/a.yaml", 67, "cjk-in-en", "error"),
        ("lint/a.yaml", 71, "missing-source", "warning"),
        ("lint/a.yaml", 78, "nested-zh", "info"),
        ("lint/a.yaml", 86, "example-failed", "error"),
        ("lint/b.yaml", 4, "duplicate-zh", "error"),
    ];
    let expected: Vec<(String, u64, u64, String, String)> = expected
        .iter()
        .map(|(path, line, rule, severity)| {
            (
                (*path).to_owned(),
                *line,
                5,
                (*rule).to_owned(),
                (*severity).to_owned(),
            )
        })
        .collect();
    assert_eq!(found, expected);
    assert_eq!(report["summary"]["errors"], 7);
}

#[test]
fn lint_uses_the_check_reporters_and_exit_codes() {
    termlint()
        .args(["glossary", "lint", "lint"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[duplicate-zh]: duplicate term \"全会\": already defined at lint/a.yaml:4:5",
        ))
        .stdout(predicate::str::contains("--> lint/b.yaml:4:5"))
        .stdout(predicate::str::contains(
            "found 7 errors, 4 warnings, 1 info in 2 files",
        ));
    termlint()
        .args(["glossary", "lint", "lint", "--fail-on", "never"])
        .assert()
        .code(0);
    termlint()
        .args(["glossary", "lint", "coverage/glossary.yaml"])
        .assert()
        .code(0);
    termlint()
        .args(["glossary", "lint", "lint/b.yaml", "--fail-on", "info"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no findings in 1 file"));
}

#[test]
fn lint_reports_a_malformed_file_with_exit_2() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let bad = folder.path().join("bad.yaml");
    std::fs::write(&bad, "name: x\nterms:\n  - en: a\n    colour: red\n")
        .unwrap_or_else(|error| panic!("{error}"));
    termlint()
        .args(["glossary", "lint"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.yaml:4:5: "))
        .stderr(predicate::str::contains("unknown field `colour`"));
}

// The shipped glossary must lint clean: no error and no warning. Infos
// (a zh term nested in a longer one with other renderings) are notes for the
// keeper, by design: the longest zh match wins in a source text.
#[test]
fn shipped_glossary_lints_clean() {
    termlint()
        .args(["glossary", "lint", "--color=never", "--fail-on", "warning"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("error[").not())
        .stdout(predicate::str::contains("warning[").not());
}

#[test]
fn shipped_glossary_lint_runs() {
    // Whatever it finds, linting the embedded glossary never fails to run.
    let output = termlint()
        .args(["glossary", "lint", "--format", "json"])
        .output()
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(matches!(output.status.code(), Some(0 | 1)));
}

fn temp_copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let path = folder
        .path()
        .join(Path::new(name).file_name().unwrap_or_default());
    std::fs::copy(fixture(name), &path).unwrap_or_else(|error| panic!("{error}"));
    (folder, path)
}

fn comments_of(text: &str) -> Vec<String> {
    let mut comments: Vec<String> = text
        .lines()
        .filter_map(|line| {
            line.find('#')
                .map(|index| line[index..].trim_end().to_owned())
        })
        .collect();
    comments.sort();
    comments
}

#[test]
fn fmt_keeps_every_comment_and_check_exits_1_then_0() {
    let (_folder, path) = temp_copy("fmt/commented.yaml");
    let original = std::fs::read_to_string(&path).unwrap_or_default();
    termlint()
        .args(["glossary", "fmt", "--check"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("-  - en: 8-8 Strategy"))
        .stdout(predicate::str::contains(
            "+  - zh: \"八八战略\"  # since 2003",
        ))
        .stderr(predicate::str::contains("1 file is not formatted"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        original,
        "--check changes nothing"
    );
    termlint()
        .args(["glossary", "fmt"])
        .arg(&path)
        .assert()
        .code(0);
    let formatted = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(comments_of(&formatted), comments_of(&original));
    assert!(
        formatted.find("八八战略") < formatted.find("共同富裕"),
        "sorted by zh"
    );
    assert!(
        formatted.find("共同富裕") < formatted.find("deadlines"),
        "target-only entries last"
    );
    termlint()
        .args(["glossary", "fmt", "--check"])
        .arg(&path)
        .assert()
        .code(0)
        .stdout("");
    // The formatted file loads as the same glossary.
    termlint()
        .args(["glossary", "lint", "--fail-on", "never"])
        .arg(&path)
        .assert()
        .code(0);
}

#[test]
fn fmt_refuses_a_file_whose_comments_it_cannot_place() {
    let (_folder, path) = temp_copy("fmt/flow.yaml");
    let original = std::fs::read_to_string(&path).unwrap_or_default();
    termlint()
        .args(["glossary", "fmt"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot format: top-level keys must be block-mapping keys",
        ));
    assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), original);
}

// Regression: fmt expanded `*alias` into copies of the anchored value, losing
// the link between them; it must refuse such a file instead.
#[test]
fn fmt_refuses_a_file_with_anchors_and_leaves_it_alone() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let path = folder.path().join("anchored.yaml");
    let original = "name: t\nterms:\n  - zh: 甲\n    en: a\n    note: &shared Shared note.\n  - zh: 乙\n    en: b\n    note: *shared\n";
    std::fs::write(&path, original).unwrap_or_else(|error| panic!("{error}"));
    termlint()
        .args(["glossary", "fmt"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("anchored.yaml:5:")
                .and(predicate::str::contains("anchor or alias")),
        );
    assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), original);
}

#[test]
fn round_trip_fixture_is_formatted() {
    termlint()
        .args(["glossary", "fmt", "--check", "roundtrip-50.yaml"])
        .assert()
        .code(0);
}

fn round_trip(format: &str) {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let exported = folder.path().join(format!("export.{format}"));
    termlint()
        .args([
            "glossary",
            "export",
            "--to",
            format,
            "roundtrip-50.yaml",
            "-o",
        ])
        .arg(&exported)
        .assert()
        .code(0);
    let mut import = termlint();
    import
        .args([
            "glossary",
            "import",
            "--from",
            format,
            "--name",
            "Round-trip fixture",
        ])
        .arg(&exported);
    let yaml = stdout_of(&mut import);
    let original = std::fs::read_to_string(fixture("roundtrip-50.yaml")).unwrap_or_default();
    // Compare the entries: everything after `terms:` (TBX keeps the
    // description too; CSV has no place for it).
    let terms = |text: &str| {
        text.split_once("\nterms:\n")
            .map(|(_, terms)| terms.to_owned())
            .unwrap_or_default()
    };
    assert_eq!(terms(&yaml), terms(&original), "{format} round trip");
    assert_eq!(original.matches("\n  - ").count(), 50);
}

#[test]
fn csv_round_trip_is_lossless() {
    round_trip("csv");
}

#[test]
fn tsv_round_trip_is_lossless() {
    round_trip("tsv");
}

#[test]
fn tbx_round_trip_is_lossless() {
    round_trip("tbx");
    let mut export = termlint();
    export.args(["glossary", "export", "--to", "tbx", "roundtrip-50.yaml"]);
    let tbx = stdout_of(&mut export);
    assert!(tbx.contains("<tbx style=\"dca\" type=\"TBX-Basic\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">"));
    assert!(
        tbx.contains("<termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote>")
    );
}

#[test]
fn json_round_trip_is_lossless() {
    round_trip("json");
}

#[test]
fn cat_tool_tbx_imports_zh_and_en_and_notes_other_languages() {
    termlint()
        .args(["glossary", "import", "--from", "tbx", "cat-tool-export.tbx"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("name: \"Zhejiang government terms & titles\""))
        .stdout(predicate::str::contains(
            "  - zh: \"八八战略\"\n    en: \"8-8 Strategy\"\n    accept: [\"Double-Eight Strategy\"]\n    avoid: [\"88th Strategy\"]\n",
        ))
        // An internal-subset entity and character references are resolved.
        .stdout(predicate::str::contains("by the provincial Party committee of the Communist Party of China."))
        .stdout(predicate::str::contains("source: \"Xinhua News Agency, \\\"Zhejiang’s 8-8 Strategy\\\", 2023 ; https://english.news.cn/20230721/8-8/c.html\""))
        // supersededTerm maps to avoid; en-GB counts as English.
        .stdout(predicate::str::contains("avoid: [\"Chinese-style modernization\"]"))
        .stdout(predicate::str::contains("accept: [\"milestone\"]\n    avoid: [\"time node\"]"))
        .stdout(predicate::str::contains("8-8-Strategie").not())
        .stderr(predicate::str::contains("ignored languages other than Chinese and English: de-DE (3 terms), fr-FR (1 term), ja-JP (1 term)"))
        .stderr(predicate::str::contains("concept \"ZJ-0004\" (line 122) has no English term"));
}

#[test]
fn tbx_v2_martif_imports() {
    termlint()
        .args(["glossary", "import", "--from", "tbx", "multiterm-v2.tbx"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "  - zh: \"对标对表\"\n    en: \"align with targets and timetables\"\n    avoid: [\"benchmarking table\"]\n    source: \"unverified\"\n",
        ));
}

#[test]
fn imported_tbx_lints_and_loads() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let yaml = folder.path().join("imported.yaml");
    termlint()
        .args([
            "glossary",
            "import",
            "--from",
            "tbx",
            "cat-tool-export.tbx",
            "-o",
        ])
        .arg(&yaml)
        .assert()
        .code(0);
    termlint()
        .args(["glossary", "fmt", "--check"])
        .arg(&yaml)
        .assert()
        .code(0);
    termlint()
        .args(["glossary", "lint", "--fail-on", "error"])
        .arg(&yaml)
        .assert()
        .code(0);
}

#[test]
fn malformed_tbx_is_a_located_error() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let bad = folder.path().join("bad.tbx");
    std::fs::write(
        &bad,
        "<tbx>\n  <text><body><conceptEntry>&nope;</conceptEntry></body></text>\n</tbx>\n",
    )
    .unwrap_or_else(|error| panic!("{error}"));
    termlint()
        .args(["glossary", "import", "--from", "tbx"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.tbx:2:"))
        .stderr(predicate::str::contains("unknown entity &nope;"));
}

#[test]
fn coverage_matches_the_hand_count() {
    let mut command = termlint();
    command.args([
        "glossary",
        "coverage",
        "coverage/corpus",
        "--no-default-glossary",
        "-g",
        "coverage/glossary.yaml",
        "--format",
        "json",
    ]);
    let report = json_of(&mut command);
    assert_eq!(report["files"], 3);
    let counts: Vec<(&str, u64, u64, u64, u64)> = report["entries"]
        .as_array()
        .map(|entries| {
            entries
                .iter()
                .map(|e| {
                    let count = |key: &str| e[key].as_u64().unwrap_or(99);
                    (
                        e["zh"].as_str().unwrap_or_default(),
                        count("zh_occurrences"),
                        count("approved"),
                        count("accepted"),
                        count("avoided"),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    // (zh, zh occurrences, approved, accepted, avoided) as counted by hand in coverage/expected.txt.
    assert_eq!(
        counts,
        [
            ("八八战略", 2, 1, 1, 3),
            ("时间节点", 1, 1, 1, 1),
            ("撤地建市", 0, 0, 0, 0),
            ("共同富裕", 0, 0, 0, 0)
        ]
    );
    let never: Vec<&str> = report["never_seen"]
        .as_array()
        .map(|entries| entries.iter().filter_map(|e| e["zh"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(never, ["撤地建市", "共同富裕"]);
    let top: Vec<(&str, u64)> = report["top_avoided"]
        .as_array()
        .map(|entries| {
            entries
                .iter()
                .map(|e| {
                    (
                        e["phrase"].as_str().unwrap_or_default(),
                        e["count"].as_u64().unwrap_or(0),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        top,
        [
            ("88th Strategy", 2),
            ("Eighty-Eight Strategy", 1),
            ("time node", 1)
        ]
    );
}

#[test]
fn coverage_human_report() {
    termlint()
        .args([
            "glossary",
            "coverage",
            "coverage/corpus",
            "--no-default-glossary",
            "-g",
            "coverage/glossary.yaml",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("2 of 4 entries seen in 3 files"))
        .stdout(predicate::str::contains("never seen (2):"))
        .stdout(predicate::str::contains(
            "2  \"88th Strategy\" (for 八八战略; use \"8-8 Strategy\")",
        ));
}

#[test]
fn diff_shows_added_removed_and_changed_fields() {
    termlint()
        .args(["glossary", "diff", "diff/old.yaml", "diff/new.yaml"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("added   撤地建市 → establishment of Jiaxing as a prefecture-level city  (diff/new.yaml:12:5)"))
        .stdout(predicate::str::contains("removed 对标对表 → benchmark  (diff/old.yaml:10:5)"))
        .stdout(predicate::str::contains("changed 八八战略  (diff/old.yaml:3:5 → diff/new.yaml:3:5)\n  + accept: \"Double-Eight Strategy\"\n  + avoid: \"Eighty-Eight Strategy\"\n  - severity: \"error\"\n  + severity: \"warning\"\n  - source: \"unverified\"\n  + source: \"Xinhua, 2023\""))
        .stdout(predicate::str::contains("1 added, 1 removed, 1 changed"));
    termlint()
        .args(["glossary", "diff", "diff/old.yaml", "diff/old.yaml"])
        .assert()
        .code(0);
}

#[test]
fn stats_counts_entries() {
    let mut command = termlint();
    command.args(["glossary", "stats", "roundtrip-50.yaml", "--format", "json"]);
    let stats = json_of(&mut command);
    assert_eq!(stats["total"]["entries"], 50);
    assert_eq!(stats["total"]["without_zh"], 5);
    termlint()
        .args(["glossary", "stats", "coverage/glossary.yaml"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("avoid variants"));
}

#[test]
fn lookup_finds_substrings_then_fuzzy_matches_with_locations() {
    termlint()
        .args([
            "glossary",
            "lookup",
            "88th",
            "--no-default-glossary",
            "-g",
            "coverage/glossary.yaml",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "coverage/glossary.yaml:3:5: 八八战略 → 8-8 Strategy  [avoid contains the query]",
        ));
    termlint()
        .args([
            "glossary",
            "lookup",
            "milestones",
            "--no-default-glossary",
            "-g",
            "coverage/glossary.yaml",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "coverage/glossary.yaml:9:5: 时间节点 → deadline  [accept \"milestone\" is similar",
        ));
    termlint()
        .args([
            "glossary",
            "lookup",
            "zzzzqqq",
            "--no-default-glossary",
            "-g",
            "coverage/glossary.yaml",
        ])
        .assert()
        .code(1)
        .stdout("no matching entries\n");
}
