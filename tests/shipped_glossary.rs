//! Guards on the shipped glossary's content: it catches the seed article's
//! errors, stays silent on correct official English, and is sourced.

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;
use termlint::Glossary;
use termlint::text::{Normalization, normalize_phrase};

fn manifest_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The real machine-translated article that motivated the project; it lives
/// beside the repository in `shared/`, never inside it.
fn seed_article() -> PathBuf {
    let path = manifest_path("../shared/seeds/000_d845b2bbdae07e34.txt");
    assert!(
        path.exists(),
        "the seed article is expected at {}",
        path.display()
    );
    path
}

/// Runs `termlint check --format json` with the embedded glossary from a
/// folder unrelated to the repository, as a user would.
fn check_json(path: &Path) -> (Option<i32>, Vec<Value>) {
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let output = assert_cmd::Command::cargo_bin("termlint")
        .expect("binary")
        .current_dir(elsewhere.path())
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .expect("runs");
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    (
        output.status.code(),
        report["findings"].as_array().cloned().unwrap_or_default(),
    )
}

fn embedded() -> &'static Glossary {
    Glossary::embedded()
        .unwrap_or_else(|error| panic!("the shipped glossary does not load: {error}"))
}

#[test]
fn seed_article_errors_are_all_found_with_fixes() {
    let (code, findings) = check_json(&seed_article());
    assert_eq!(code, Some(1));
    let expected = [
        ("88th Strategy", Some("8-8 Strategy")),
        ("drying competition mechanism", None),
        ("Chinese-style modernization", Some("Chinese modernization")),
        ("benchmarking table", None),
        ("withdrawal of land and construction of the city", None),
        ("time nodes", None),
        ("Minister of Organization", None),
        ("plenary (expanded) meeting", None),
        ("service guarantees", None),
    ];
    for (found, replacement) in expected {
        let matching: Vec<&Value> = findings
            .iter()
            .filter(|f| {
                f["found"]
                    .as_str()
                    .is_some_and(|text| text.eq_ignore_ascii_case(found))
            })
            .collect();
        assert!(
            !matching.is_empty(),
            "{found:?} not reported; findings: {findings:#?}"
        );
        for finding in &matching {
            let fix = finding["replacement"]
                .as_str()
                .or(finding["suggestion"].as_str());
            assert!(fix.is_some(), "{found:?} has no fix or suggestion");
            if let Some(replacement) = replacement {
                assert_eq!(fix, Some(replacement), "fix for {found:?}");
            }
        }
    }
    let count = |found: &str| findings.iter().filter(|f| f["found"] == found).count();
    assert_eq!(count("88th Strategy"), 4);
    assert_eq!(count("Chinese-style modernization"), 2);
}

#[test]
fn seed_article_correct_renderings_are_left_alone() {
    let text = std::fs::read_to_string(seed_article()).expect("seed");
    let (_, findings) = check_json(&seed_article());
    for correct in [
        "common prosperity",
        "Organization Department",
        "high-quality development",
        "Municipal Party Committee",
    ] {
        for (start, _) in text.match_indices(correct) {
            let end = start + correct.len();
            let overlapping: Vec<&Value> = findings
                .iter()
                .filter(|f| {
                    let (s, e) = (
                        f["start"].as_u64().unwrap_or(0) as usize,
                        f["end"].as_u64().unwrap_or(0) as usize,
                    );
                    s < end && start < e
                })
                .collect();
            assert!(
                overlapping.is_empty(),
                "{correct:?} at {start} is reported: {overlapping:#?}"
            );
        }
    }
}

#[test]
fn correct_official_english_gives_no_finding() {
    let folder = manifest_path("tests/fixtures/glossary");
    let mut passages: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("fixtures")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.to_string_lossy().ends_with(".en.txt"))
        .collect();
    passages.sort();
    assert!(!passages.is_empty());
    let mut used = std::collections::HashSet::new();
    for passage in &passages {
        let (code, findings) = check_json(passage);
        assert!(findings.is_empty(), "{}: {findings:#?}", passage.display());
        assert_eq!(code, Some(0));
        let text = normalize_phrase(
            &std::fs::read_to_string(passage).expect("passage"),
            Normalization::MATCHING,
        );
        for entry in &embedded().entries {
            let en = normalize_phrase(entry.en(), Normalization::MATCHING);
            if text.contains(&en) {
                used.insert(en);
            }
        }
    }
    assert!(
        used.len() >= 100,
        "the guard passages use only {} approved renderings",
        used.len()
    );
}

#[test]
fn glossary_is_large_varied_and_sourced() {
    let glossary = embedded();
    let entries = &glossary.entries;
    let with_avoid = entries
        .iter()
        .filter(|e| !e.fields.avoid.is_empty())
        .count();
    let sourced = entries
        .iter()
        .filter(|e| {
            e.fields
                .source
                .as_deref()
                .is_some_and(|s| !s.trim().is_empty() && s.trim() != "unverified")
        })
        .count();
    let without_source_field: Vec<&str> = entries
        .iter()
        .filter(|e| e.fields.source.is_none())
        .map(|e| e.label())
        .collect();
    assert!(entries.len() >= 300, "{} entries", entries.len());
    assert!(
        with_avoid >= 150,
        "{with_avoid} entries with avoid variants"
    );
    assert!(
        sourced * 5 >= entries.len() * 4,
        "{sourced} of {} entries sourced",
        entries.len()
    );
    assert!(
        without_source_field.is_empty(),
        "entries without `source`: {without_source_field:?}"
    );
    assert!(
        glossary.files.len() >= 8,
        "glossary split into {} files",
        glossary.files.len()
    );
}

#[test]
fn shipped_example_shows_the_seed_kinds_of_error() {
    let (code, findings) = check_json(&manifest_path("examples/plenum-briefing.en.txt"));
    assert_eq!(code, Some(1));
    for found in [
        "88th",
        "drying competition",
        "Chinese-style modernization",
        "benchmarking table",
        "time nodes",
    ] {
        assert!(
            findings.iter().any(|f| f["found"]
                .as_str()
                .is_some_and(|t| t.to_lowercase().contains(&found.to_lowercase()))),
            "{found:?} not reported in the example"
        );
    }
}

#[test]
fn embedded_glossary_is_used_from_any_folder() {
    let elsewhere = tempfile::tempdir().expect("temp dir");
    assert_cmd::Command::cargo_bin("termlint")
        .expect("binary")
        .current_dir(elsewhere.path())
        .args(["check", "--color=never", "-"])
        .write_stdin("We will deepen the 88th Strategy.\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("8-8 Strategy"));
}
