//! Reliability through the binary: encodings, binary and empty input, safe
//! writes under failure, and glossaries that are malformed or hostile.

use std::path::{Path, PathBuf};

use predicates::prelude::*;

const GLOSSARY: &str = "name: test\nterms:\n  - zh: 八八战略\n    en: 8-8 Strategy\n    avoid: [88th Strategy]\n    source: unverified\n";

struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Self {
        let workspace = Self {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        workspace.write("glossary.yaml", GLOSSARY.as_bytes());
        workspace
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).expect("write fixture");
        path
    }

    fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).expect("read back")
    }

    /// `termlint check` with only this workspace's glossary, run in the workspace.
    fn check(&self) -> assert_cmd::Command {
        let mut command = assert_cmd::Command::cargo_bin("termlint").expect("binary");
        command.current_dir(self.dir.path()).args([
            "check",
            "--color=never",
            "--no-default-glossary",
            "-g",
            "glossary.yaml",
        ]);
        command
    }

    fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.dir.path())
            .expect("list")
            .filter_map(|entry| {
                entry
                    .ok()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
            })
            .collect();
        names.sort();
        names
    }
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    bytes
}

#[test]
fn utf16_files_are_checked_and_written_back_in_utf16() {
    for little_endian in [true, false] {
        let workspace = Workspace::new();
        workspace.write(
            "a.en.txt",
            &utf16("Deepen the 88th Strategy.\r\n", little_endian),
        );
        workspace
            .check()
            .args(["-v", "a.en.txt"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(if little_endian {
                "UTF-16LE"
            } else {
                "UTF-16BE"
            }))
            .stdout(predicate::str::contains("a.en.txt:1:12"));
        workspace
            .check()
            .args(["--write", "a.en.txt"])
            .assert()
            .code(0);
        assert_eq!(
            workspace.read("a.en.txt"),
            utf16("Deepen the 8-8 Strategy.\r\n", little_endian)
        );
    }
}

#[test]
fn gb18030_text_is_detected_and_kept() {
    let workspace = Workspace::new();
    let (bytes, _, _) =
        encoding_rs::GB18030.encode("坚持和深化八八战略。\n这是 88th Strategy 的错误译法。\n");
    workspace.write("mixed.txt", &bytes);
    workspace
        .check()
        .args(["-v", "--format", "json", "mixed.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("GB18030"))
        .stdout(predicate::str::contains("\"found\": \"88th Strategy\""));
    workspace
        .check()
        .args(["--write", "mixed.txt"])
        .assert()
        .code(0);
    let (expected, _, _) =
        encoding_rs::GB18030.encode("坚持和深化八八战略。\n这是 8-8 Strategy 的错误译法。\n");
    assert_eq!(workspace.read("mixed.txt"), expected.into_owned());
}

#[test]
fn encoding_can_be_forced_and_unknown_names_are_usage_errors() {
    let workspace = Workspace::new();
    let (bytes, _, _) = encoding_rs::GB18030.encode("八八战略 88th Strategy\n");
    workspace.write("a.txt", &bytes);
    workspace
        .check()
        .args(["--encoding", "gbk", "a.txt"])
        .assert()
        .code(1);
    workspace
        .check()
        .args(["--encoding", "ebcdic", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown encoding"));
}

#[test]
fn undecodable_bytes_name_the_file_and_first_bad_offset() {
    let workspace = Workspace::new();
    workspace.write("bad.txt", b"good text \xFF\xFE\xFD more");
    workspace.write("good.txt", b"the 88th Strategy\n");
    workspace
        .check()
        .args(["bad.txt", "good.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.txt"))
        .stderr(predicate::str::contains("offset 10"))
        .stdout(predicate::str::contains("good.txt:1:5"));
}

#[test]
fn binary_and_empty_files() {
    let workspace = Workspace::new();
    workspace.write("empty.txt", b"");
    let mut binary = b"the 88th Strategy".to_vec();
    binary.extend([0u8; 16]);
    workspace.write("blob.txt", &binary);
    workspace
        .check()
        .args(["empty.txt", "blob.txt"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("skipping binary file blob.txt"))
        .stdout(predicate::str::contains("no findings in 1 file"));
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_an_error_while_others_are_still_fixed() {
    use std::os::unix::fs::PermissionsExt as _;
    let workspace = Workspace::new();
    let locked = workspace.write("locked.txt", b"the 88th Strategy\n");
    workspace.write("open.txt", b"the 88th Strategy\n");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    workspace
        .check()
        .args(["--write", "locked.txt", "open.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("locked.txt").and(predicate::str::contains("read-only")));
    assert_eq!(workspace.read("locked.txt"), b"the 88th Strategy\n");
    assert_eq!(workspace.read("open.txt"), b"the 8-8 Strategy\n");
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_is_an_error_for_its_files() {
    use std::os::unix::fs::PermissionsExt as _;
    let workspace = Workspace::new();
    std::fs::create_dir(workspace.path("sealed")).expect("mkdir");
    workspace.write("sealed/a.txt", b"the 88th Strategy\n");
    std::fs::set_permissions(
        workspace.path("sealed"),
        std::fs::Permissions::from_mode(0o555),
    )
    .expect("chmod");
    let assert = workspace.check().args(["--write", "sealed/a.txt"]).assert();
    std::fs::set_permissions(
        workspace.path("sealed"),
        std::fs::Permissions::from_mode(0o755),
    )
    .expect("chmod back");
    assert.code(2).stderr(predicate::str::contains("read-only"));
    assert_eq!(workspace.read("sealed/a.txt"), b"the 88th Strategy\n");
}

#[test]
fn a_write_interrupted_before_the_rename_leaves_the_original_intact() {
    let workspace = Workspace::new();
    let original = b"keep me: the 88th Strategy\n";
    let path = workspace.write("a.txt", original);
    workspace
        .check()
        .env("TERMLINT_FAIL_BEFORE_RENAME", Path::new("a.txt"))
        .args(["--write", "a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fault injected"));
    assert_eq!(std::fs::read(&path).expect("read"), original);
    assert_eq!(
        workspace.files(),
        ["a.txt", "glossary.yaml"],
        "a temporary file was left behind"
    );
}

#[test]
fn io_errors_say_what_went_wrong_once() {
    let workspace = Workspace::new();
    workspace.write("a.txt", b"text\n");
    let output = assert_cmd::Command::cargo_bin("termlint")
        .expect("binary")
        .current_dir(workspace.dir.path())
        .args([
            "check",
            "--no-default-glossary",
            "-g",
            "missing.yaml",
            "a.txt",
        ])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("missing.yaml"), "{stderr}");
    assert_eq!(stderr.matches("os error 2").count(), 1, "{stderr}");
}

fn glossary_error(yaml: &str, expected: &[&str]) {
    let workspace = Workspace::new();
    workspace.write("bad.yaml", yaml.as_bytes());
    workspace.write("a.txt", b"text\n");
    let mut assert = assert_cmd::Command::cargo_bin("termlint")
        .expect("binary")
        .current_dir(workspace.dir.path())
        .args(["check", "--no-default-glossary", "-g", "bad.yaml", "a.txt"])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2);
    for part in expected {
        assert = assert.stderr(predicate::str::contains(*part));
    }
}

#[test]
fn malformed_glossaries_are_located_errors() {
    glossary_error("name: x\nterms:\n  - en: [unclosed\n", &["bad.yaml:"]);
    glossary_error(
        "name: x\nterms:\n  - en: a\n    en: b\n",
        &["bad.yaml:3:", "duplicate field `en`"],
    );
    glossary_error(
        "name: x\nterms:\n  - en: a\n    severity: fatal\n",
        &["bad.yaml:4:", "severity"],
    );
    glossary_error(
        "name: x\nterms:\n  - en: a\n    autofix: maybe\n",
        &["bad.yaml:4:"],
    );
    glossary_error("name: x\nterms: {}\n", &["bad.yaml:2:"]);
    glossary_error("\u{0}\u{1}binary", &["bad.yaml"]);
    glossary_error("", &["bad.yaml"]);
    // Validation errors are located although checking loads without locations.
    glossary_error(
        "name: x\nterms:\n  - zh: 全会\n    en: plenary session\n  - zh: 全会\n    en: plenum\n",
        &["bad.yaml:5:5:", "duplicate term"],
    );
}

#[test]
fn alias_bombs_are_refused_quickly() {
    let mut yaml = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..10 {
        let refs = vec![format!("*a{}", level - 1); 9].join(", ");
        yaml.push_str(&format!("a{level}: &a{level} [{refs}]\n"));
    }
    yaml.push_str("name: bomb\nterms:\n  - en: x\n    accept: *a9\n");
    glossary_error(&yaml, &["bad.yaml"]);
}

#[test]
fn huge_glossaries_and_absurdly_long_terms_are_bounded() {
    let workspace = Workspace::new();
    let mut yaml = String::from("name: huge\nterms:\n");
    for index in 0..100_000 {
        yaml.push_str(&format!(
            "  - en: approved wording {index}\n    avoid: [wrong wording {index}]\n"
        ));
    }
    let long_phrase = "very ".repeat(200_000);
    yaml.push_str(&format!("  - en: short\n    avoid: [{long_phrase}long]\n"));
    workspace.write("huge.yaml", yaml.as_bytes());
    workspace.write(
        "a.txt",
        b"This has wrong wording 99999 and approved wording 5.\n",
    );
    assert_cmd::Command::cargo_bin("termlint")
        .expect("binary")
        .current_dir(workspace.dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--no-default-glossary",
            "-g",
            "huge.yaml",
            "a.txt",
        ])
        .timeout(std::time::Duration::from_secs(300))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "\"replacement\": \"approved wording 99999\"",
        ));
}
