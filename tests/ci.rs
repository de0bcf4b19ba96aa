//! CI and ecosystem: SARIF, GitHub annotations, brief output, the
//! configuration file, folder walking, suppressions, Markdown, sharding and
//! the self-describing subcommands, all through the binary.
//!
//! Every run uses the fixed test glossary (tests/fixtures/ci/glossary.yaml)
//! so that the embedded glossary's growth does not move expectations.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ci")
}

fn glossary() -> String {
    fixtures()
        .join("glossary.yaml")
        .to_string_lossy()
        .into_owned()
}

fn termlint() -> Command {
    let mut command = Command::cargo_bin("termlint").unwrap_or_else(|error| panic!("{error}"));
    // The progress bar and colours must never appear in captured output.
    command.env("CI", "true").env("NO_COLOR", "1");
    command
}

fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

#[test]
fn sarif_with_three_findings_validates_against_the_schema_and_carries_the_fix() -> TestResult {
    let output = termlint()
        .current_dir(fixtures())
        .args([
            "check",
            "three.txt",
            "--no-config",
            "--no-default-glossary",
            "-g",
            &glossary(),
            "--format",
            "sarif",
        ])
        .output()?;
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let sarif: Value = serde_json::from_slice(&output.stdout)?;

    let schema_text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json"),
    )?;
    let schema: Value = serde_json::from_str(&schema_text)?;
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)?;
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF does not validate:\n{}",
        errors.join("\n")
    );
    // The validator does reject what the schema forbids.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken));

    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "termlint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().ok_or("no rules")?;
    assert!(rules.iter().all(
        |rule| rule["help"]["text"].is_string() && rule["fullDescription"]["text"].is_string()
    ));

    let results = run["results"].as_array().ok_or("no results")?;
    assert_eq!(results.len(), 3);
    for result in results {
        let index = result["ruleIndex"].as_u64().ok_or("no ruleIndex")? as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert_eq!(
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "three.txt"
        );
    }
    let first = &results[0];
    assert_eq!(first["ruleId"], "avoid-term");
    assert_eq!(first["level"], "error");
    let region = &first["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (
            &region["startLine"],
            &region["startColumn"],
            &region["endLine"],
            &region["endColumn"]
        ),
        (
            &Value::from(1),
            &Value::from(15),
            &Value::from(1),
            &Value::from(28)
        )
    );
    let replacement = &first["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "8-8 Strategy");
    assert_eq!(&replacement["deletedRegion"], region);
    assert_eq!(results[1]["level"], "warning");
    assert_eq!(
        results[1]["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "deadline"
    );
    // A fix that needs judgement (autofix: false) is not offered as a SARIF fix.
    assert!(results[2].get("fixes").is_none());
    assert!(
        results[2]["message"]["text"]
            .as_str()
            .is_some_and(|text| text.contains("consider \"Chinese modernization\""))
    );
    Ok(())
}

#[test]
fn github_lines_are_exact_workflow_commands() -> TestResult {
    let output = termlint()
        .current_dir(fixtures())
        .args([
            "check",
            "three.txt",
            "--no-config",
            "--no-default-glossary",
            "-g",
            &glossary(),
            "--format",
            "github",
        ])
        .output()?;
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout_of(&output),
        "::error file=three.txt,line=1,col=15,endLine=1,endColumn=28,title=termlint (avoid-term)::\"88th Strategy\" is a wrong rendering of 八八战略; use \"8-8 Strategy\"\n\
         ::warning file=three.txt,line=1,col=36,endLine=1,endColumn=45,title=termlint (avoid-term)::\"time node\" is a wrong rendering of 时间节点; use \"deadline\"\n\
         ::error file=three.txt,line=2,col=1,endLine=2,endColumn=28,title=termlint (avoid-term)::\"Chinese-style modernization\" is a wrong rendering of 中国式现代化; consider \"Chinese modernization\" (depends on context)\n"
    );
    Ok(())
}

#[test]
fn github_span_over_two_lines_has_no_columns() -> TestResult {
    // The runner does not take col/endColumn when line and endLine differ.
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("a.txt"), "Uphold the 88th\nStrategy.\n")?;
    let output = termlint()
        .current_dir(dir.path())
        .args([
            "check",
            "a.txt",
            "--no-config",
            "--no-default-glossary",
            "-g",
        ])
        .arg(glossary())
        .args(["--format", "github"])
        .output()?;
    assert_eq!(
        stdout_of(&output),
        "::error file=a.txt,line=1,endLine=2,title=termlint (avoid-term)::\"88th Strategy\" is a wrong rendering of 八八战略; use \"8-8 Strategy\"\n"
    );
    Ok(())
}

/// `%`, `\r` and `\n` are escaped in the message; properties (the file name)
/// also escape `:` and `,`.
#[cfg(unix)]
#[test]
fn github_escapes_percent_line_breaks_colons_and_commas() -> TestResult {
    let dir = tempfile::tempdir()?;
    let name = "50%, done: yes.txt";
    std::fs::write(dir.path().join(name), "A bad term here.\n")?;
    let escapes = fixtures().join("escapes.yaml");
    let output = termlint()
        .current_dir(dir.path())
        .args(["check", name, "--no-config", "--no-default-glossary", "-g"])
        .arg(&escapes)
        .args(["--format", "github"])
        .output()?;
    assert_eq!(
        stdout_of(&output),
        "::error file=50%25%2C done%3A yes.txt,line=1,col=3,endLine=1,endColumn=11,title=termlint (avoid-term)::\"bad term\" is to be avoided; prefer \"100%25 Strategy,%0D%0Arevised: yes\"\n"
    );
    Ok(())
}

#[test]
fn brief_is_one_line_a_finding() -> TestResult {
    let output = termlint()
        .current_dir(fixtures())
        .args([
            "check",
            "three.txt",
            "--no-config",
            "--no-default-glossary",
            "-g",
            &glossary(),
            "--format",
            "brief",
        ])
        .output()?;
    assert_eq!(
        stdout_of(&output),
        "three.txt:1:15: avoid-term: \"88th Strategy\" is a wrong rendering of 八八战略; use \"8-8 Strategy\"\n\
         three.txt:1:36: avoid-term: \"time node\" is a wrong rendering of 时间节点; use \"deadline\"\n\
         three.txt:2:1: avoid-term: \"Chinese-style modernization\" is a wrong rendering of 中国式现代化; consider \"Chinese modernization\" (depends on context)\n"
    );
    Ok(())
}

/// Builds the repository of the "Must show" item: a config in the parent of
/// the folder checked, a .gitignored file, a hidden file, a binary file, an
/// excluded folder, Markdown with terms in code and suppression comments.
fn sample_repo() -> std::io::Result<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    let repo = dir.path();
    copy_dir(&fixtures().join("repo"), repo)?;
    std::fs::copy(fixtures().join("glossary.yaml"), repo.join("terms.yaml"))?;
    std::fs::write(repo.join(".gitignore"), "docs/ignored.txt\n")?;
    std::fs::write(
        repo.join("docs/ignored.txt"),
        "The 88th Strategy in an ignored file.\n",
    )?;
    std::fs::write(
        repo.join("docs/.hidden.txt"),
        "The 88th Strategy in a hidden file.\n",
    )?;
    std::fs::write(
        repo.join("docs/blob.txt"),
        b"88th Strategy\0\0\x01\x02 binary\n",
    )?;
    Ok(dir)
}

const REPO_FINDINGS: &str = "\
deep/notes.txt:1:5: avoid-term: \"88th Strategy\" is a wrong rendering of 八八战略; use \"8-8 Strategy\"
guide.md:7:15: avoid-term: \"88th Strategy\" is a wrong rendering of 八八战略; use \"8-8 Strategy\"
guide.md:20:6: unused-suppression: `termlint-disable-next-line term-case` suppressed nothing
guide.md:23:10: avoid-term: \"time node\" is a wrong rendering of 时间节点; use \"deadline\"
";

#[test]
fn repo_with_parent_config_gives_only_the_expected_findings_on_any_thread_count() -> TestResult {
    let dir = sample_repo()?;
    let docs = dir.path().join("docs");
    for threads in ["1", "2"] {
        let output = termlint()
            .current_dir(&docs)
            .args(["check", "--format", "brief", "-j", threads])
            .output()?;
        assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
        assert_eq!(stdout_of(&output), REPO_FINDINGS, "with -j{threads}");
        let stderr = stderr_of(&output);
        assert!(
            stderr.contains("note: skipping binary file blob.txt"),
            "{stderr}"
        );
        assert!(!stderr.contains("error"), "{stderr}");
    }
    Ok(())
}

#[test]
fn unused_suppression_can_be_turned_off() -> TestResult {
    // `rules: {unused-suppression: off}` silences stale suppressions.
    let dir = sample_repo()?;
    std::fs::write(
        dir.path().join("termlint.yaml"),
        "glossaries: [terms.yaml]\ndefault-glossary: false\nexclude: [docs/drafts/]\nrules: {unused-suppression: off}\n",
    )?;
    let output = termlint()
        .current_dir(dir.path().join("docs"))
        .args(["check", "--format", "brief"])
        .output()?;
    assert!(!stdout_of(&output).contains("unused-suppression"));
    Ok(())
}

#[test]
fn disable_next_line_in_po_covers_the_entry_after_it() -> TestResult {
    // A PO comment can only stand before an entry, never before its msgstr.
    let dir = tempfile::tempdir()?;
    std::fs::write(
        dir.path().join("news.po"),
        "# termlint-disable-next-line avoid-term\n#: a.c:1\nmsgid \"坚持八八战略\"\nmsgstr \"\"\n\"uphold the 88th Strategy\"\n\nmsgid \"坚持八八战略\"\nmsgstr \"uphold the 88th Strategy\"\n",
    )?;
    let output = termlint()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--format", "brief", "news.po"])
        .output()?;
    let stdout = stdout_of(&output);
    assert_eq!(
        stdout.trim(),
        "news.po:8:20: avoid-term: \"88th Strategy\" is a wrong rendering of 八八战略; use \"8-8 Strategy\"",
        "{stdout}"
    );
    Ok(())
}

#[test]
fn glob_selects_files_like_ripgrep() -> TestResult {
    let dir = sample_repo()?;
    let output = termlint()
        .current_dir(dir.path().join("docs"))
        .args(["check", "--format", "brief", "--glob", "*.md"])
        .output()?;
    let stdout = stdout_of(&output);
    assert!(
        stdout.lines().all(|line| line.starts_with("guide.md:")),
        "{stdout}"
    );
    let output = termlint()
        .current_dir(dir.path().join("docs"))
        .args(["check", "--format", "brief", "--glob", "!deep/"])
        .output()?;
    let stdout = stdout_of(&output);
    assert!(
        !stdout.contains("notes.txt") && stdout.contains("guide.md:7:15"),
        "{stdout}"
    );
    Ok(())
}

#[test]
fn init_output_is_accepted_by_check_unchanged() -> TestResult {
    let dir = tempfile::tempdir()?;
    termlint()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .success();
    let written = std::fs::read_to_string(dir.path().join("termlint.yaml"))?;
    let printed = termlint().args(["init", "--stdout"]).output()?;
    assert_eq!(stdout_of(&printed), written);

    std::fs::write(dir.path().join("a.txt"), "We deepen the 88th Strategy.\n")?;
    let output = termlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--verbose",
            "--format",
            "brief",
            "--no-default-glossary",
            "-g",
            &glossary(),
        ])
        .output()?;
    let stderr = stderr_of(&output);
    assert!(stderr.contains("using configuration"), "{stderr}");
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stdout_of(&output),
        "a.txt:1:15: avoid-term: \"88th Strategy\" is a wrong rendering of 八八战略; use \"8-8 Strategy\"\n"
    );
    // The embedded glossary, which the starter config turns on, loads too.
    let output = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "brief"])
        .output()?;
    assert_ne!(output.status.code(), Some(2), "{}", stderr_of(&output));

    // A second init does not overwrite.
    let again = termlint().current_dir(dir.path()).arg("init").output()?;
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr_of(&again).contains("already exists"));
    Ok(())
}

#[test]
fn config_errors_are_located_and_flags_override_the_config() -> TestResult {
    let dir = tempfile::tempdir()?;
    std::fs::write(
        dir.path().join(".termlint.yaml"),
        "fail-on: never\nglosaries: []\n",
    )?;
    std::fs::write(dir.path().join("a.txt"), "We deepen the 88th Strategy.\n")?;
    let output = termlint()
        .current_dir(dir.path())
        .args(["check", "--no-default-glossary", "-g", &glossary()])
        .output()?;
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains(".termlint.yaml:2:1: unknown field `glosaries`"),
        "{stderr}"
    );

    // --no-config ignores it; --config uses another file.
    termlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--no-default-glossary",
            "-g",
            &glossary(),
        ])
        .assert()
        .code(1);
    let other = dir.path().join("other.yaml");
    std::fs::write(&other, "fail-on: never\n")?;
    termlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-default-glossary",
            "-g",
            &glossary(),
            "--config",
        ])
        .arg(&other)
        .assert()
        .code(0);
    // The command line's --fail-on wins over the file's.
    termlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-default-glossary",
            "-g",
            &glossary(),
            "--fail-on",
            "error",
            "--config",
        ])
        .arg(&other)
        .assert()
        .code(1);
    Ok(())
}

#[test]
fn source_pairing_sources_are_not_checked_as_targets() -> TestResult {
    let dir = tempfile::tempdir()?;
    std::fs::create_dir_all(dir.path().join("zh"))?;
    std::fs::create_dir_all(dir.path().join("en"))?;
    std::fs::write(
        dir.path().join("termlint.yaml"),
        "source-pairing:\n  - source: \"zh/**/*.md\"\n    target: \"en/**/*.md\"\n",
    )?;
    std::fs::write(dir.path().join("zh/a.md"), "八八战略\n")?;
    std::fs::write(dir.path().join("en/a.md"), "The 88th Strategy.\n")?;
    let output = termlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "brief",
            "--no-default-glossary",
            "-g",
            &glossary(),
        ])
        .output()?;
    let stdout = stdout_of(&output);
    assert!(stdout.starts_with("en/a.md:1:5: avoid-term"), "{stdout}");
    assert!(!stdout.contains("zh/a.md"), "{stdout}");
    Ok(())
}

#[test]
fn source_pairing_pairs_targets_with_their_sources() -> TestResult {
    let dir = tempfile::tempdir()?;
    std::fs::create_dir_all(dir.path().join("zh/news"))?;
    std::fs::create_dir_all(dir.path().join("en/news"))?;
    std::fs::write(
        dir.path().join("termlint.yaml"),
        "source-pairing:\n  - source: \"zh/**/*.md\"\n    target: \"en/**/*.md\"\n",
    )?;
    std::fs::write(dir.path().join("zh/news/a.md"), "坚持和深化八八战略。\n")?;
    std::fs::write(
        dir.path().join("en/news/a.md"),
        "We uphold and deepen the strategy.\n",
    )?;
    let output = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "brief"])
        .output()?;
    let stdout = stdout_of(&output);
    assert!(
        stdout.contains("en/news/a.md:1:1: missing-term:") && stdout.contains("8-8 Strategy"),
        "{stdout}"
    );
    Ok(())
}

/// The files `--verbose` says were checked, and the findings printed.
fn checked_and_found(
    dir: &Path,
    shard: Option<&str>,
) -> Result<(Vec<String>, Vec<String>), Box<dyn std::error::Error>> {
    let mut command = termlint();
    command.current_dir(dir).args([
        "check",
        ".",
        "--no-config",
        "--verbose",
        "--format",
        "brief",
        "--no-default-glossary",
        "-g",
        &glossary(),
    ]);
    if let Some(shard) = shard {
        command.args(["--shard", shard]);
    }
    let output = command.output()?;
    assert_ne!(output.status.code(), Some(2), "{}", stderr_of(&output));
    let checked = stderr_of(&output)
        .lines()
        .filter_map(|line| line.strip_prefix("checked "))
        .map(|line| line.split(" (").next().unwrap_or_default().to_owned())
        .collect();
    let found = stdout_of(&output).lines().map(str::to_owned).collect();
    Ok((checked, found))
}

#[test]
fn shards_partition_the_files_and_their_findings() -> TestResult {
    let dir = tempfile::tempdir()?;
    for n in 0..50 {
        let text = if n % 3 == 0 {
            format!("File {n} deepens the 88th Strategy.\n")
        } else {
            format!("File {n} meets its deadline.\n")
        };
        std::fs::write(dir.path().join(format!("f{n:02}.txt")), text)?;
    }
    let (all_files, all_findings) = checked_and_found(dir.path(), None)?;
    assert_eq!(all_files.len(), 50);
    assert_eq!(all_findings.len(), 17);

    let mut seen_files: Vec<String> = Vec::new();
    let mut seen_findings: BTreeSet<String> = BTreeSet::new();
    for shard in ["1/3", "2/3", "3/3"] {
        let (files, findings) = checked_and_found(dir.path(), Some(shard))?;
        assert!(
            !files.is_empty() && files.len() < 50,
            "shard {shard} has {} files",
            files.len()
        );
        seen_files.extend(files);
        seen_findings.extend(findings);
    }
    seen_files.sort();
    let mut expected_files = all_files.clone();
    expected_files.sort();
    // Every file in exactly one shard: the concatenation has no duplicates.
    assert_eq!(seen_files, expected_files);
    assert_eq!(
        seen_findings,
        all_findings.into_iter().collect::<BTreeSet<_>>()
    );

    // A shard's files do not move when a file is added elsewhere.
    let (before, _) = checked_and_found(dir.path(), Some("2/3"))?;
    std::fs::write(dir.path().join("new-file.txt"), "new\n")?;
    let (after, _) = checked_and_found(dir.path(), Some("2/3"))?;
    assert!(before.iter().all(|file| after.contains(file)));

    let bad = termlint().args(["check", "--shard", "4/3"]).output()?;
    assert_eq!(bad.status.code(), Some(2));
    Ok(())
}

#[test]
fn rules_explain_and_completions() -> TestResult {
    let output = termlint().arg("rules").output()?;
    let stdout = stdout_of(&output);
    for id in [
        "avoid-term",
        "term-case",
        "untranslated",
        "missing-term",
        "number-mismatch",
        "inconsistent-term",
        "unused-suppression",
    ] {
        assert!(
            stdout.lines().any(|line| line.starts_with(id)),
            "{id} missing from\n{stdout}"
        );
    }
    let explained = termlint().args(["explain", "avoid-term"]).output()?;
    let text = stdout_of(&explained);
    assert!(
        text.starts_with("avoid-term: ")
            && text.contains("Example:")
            && text.contains("88th Strategy"),
        "{text}"
    );
    let unknown = termlint().args(["explain", "no-such-rule"]).output()?;
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr_of(&unknown).contains("avoid-term"));
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = termlint().args(["completions", shell]).output()?;
        assert!(
            script.status.success() && stdout_of(&script).contains("termlint"),
            "{shell}"
        );
    }
    Ok(())
}

#[test]
fn markdown_spans_map_to_the_file_and_fixes_keep_the_markup() -> TestResult {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("a.md");
    std::fs::write(
        &file,
        "# The 88th Strategy\n\nSee `88th Strategy` and [the 88th\nStrategy](https://x.org/88th).\n",
    )?;
    termlint()
        .current_dir(dir.path())
        .args([
            "check",
            "a.md",
            "--write",
            "--no-config",
            "--no-default-glossary",
            "-g",
            &glossary(),
        ])
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(&file)?,
        "# The 8-8 Strategy\n\nSee `88th Strategy` and [the 8-8 Strategy](https://x.org/88th).\n"
    );
    Ok(())
}
