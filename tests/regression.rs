//! Regression tests named after what broke, each pinning an input found by
//! fuzzing or review.

use std::path::Path;

use termlint::fix::{MAX_FIX_PASSES, fix_until_stable};
use termlint::glossary::load_str;
use termlint::input::Document;
use termlint::{Checker, RuleId};

// fuzz/seeds/check_then_fix/regression-regenerating-avoid: an avoid phrase
// that ends with the approved rendering ("x x m" → "m") rebuilds itself from
// the text before it after every fix. Fixing must stop after MAX_FIX_PASSES
// and never loop; each pass removes one layer.
#[test]
fn an_avoid_phrase_that_ends_with_its_replacement_stops_after_the_pass_limit() {
    let glossary = load_str(
        "name: t\nterms:\n  - en: m\n    avoid: [x x m]\n",
        Path::new("t.yaml"),
    )
    .expect("loads");
    let checker = Checker::new(glossary);
    let text = format!("{}m\n", "x ".repeat(40));
    let document = Document::from_text("t.txt", text.clone());
    let (fixed, count, remaining) = fix_until_stable(&text, |t| {
        checker.check_document(&document.with_text(t.to_owned()))
    });
    assert_eq!(count, MAX_FIX_PASSES, "one fix a pass, passes bounded");
    assert!(fixed.len() < text.len());
    assert!(remaining.iter().all(|f| f.rule == RuleId::AvoidTerm));
}

// fuzz/seeds/check_then_fix/regression-replacement-holds-avoid: an approved
// rendering that holds another entry's wrong rendering re-creates it with
// every fix. Fixing stays bounded, and `glossary lint` names the cause.
#[test]
fn a_replacement_holding_a_forbidden_phrase_is_bounded_and_linted() {
    let yaml = "name: t\nterms:\n  - en: good old plan\n    avoid: [bad plan]\n    source: unverified\n  - en: good one\n    avoid: [old plan]\n    source: unverified\n";
    let glossary = load_str(yaml, Path::new("t.yaml")).expect("loads");
    let checker = Checker::new(glossary);
    let text = "a bad plan\n".to_owned();
    let document = Document::from_text("t.txt", text.clone());
    let (_, count, _) = fix_until_stable(&text, |t| {
        checker.check_document(&document.with_text(t.to_owned()))
    });
    assert!(count <= MAX_FIX_PASSES);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("t.yaml");
    std::fs::write(&path, yaml).expect("write");
    assert_cmd::Command::cargo_bin("termlint")
        .expect("binary")
        .args(["glossary", "lint", "--color=never"])
        .arg(&path)
        .assert()
        .stdout(predicates::str::contains("shadowed-avoid"));
}

// Regression: columns were counted from the start of the line for every
// finding, so a one-line document of 50 MB took 40 s (quadratic); and the
// human report rendered the whole line for each finding. Columns must stay
// right and the human report must show a window with the true location.
#[test]
fn findings_on_one_very_long_line_are_located_exactly() {
    let unit = "we deepen the 88th Strategy — ";
    let text = unit.repeat(3_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("long.txt");
    std::fs::write(&path, &text).expect("write");
    let glossary = dir.path().join("g.yaml");
    std::fs::write(
        &glossary,
        "name: t\nterms:\n  - en: 8-8 Strategy\n    avoid: [88th Strategy]\n",
    )
    .expect("write");
    let run = |format: &str| {
        assert_cmd::Command::cargo_bin("termlint")
            .expect("binary")
            .current_dir(dir.path())
            .args([
                "check",
                "--color=never",
                "--no-default-glossary",
                "-g",
                "g.yaml",
                "--format",
                format,
                "long.txt",
            ])
            .output()
            .expect("runs")
    };
    let report: serde_json::Value = serde_json::from_slice(&run("json").stdout).expect("json");
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    assert_eq!(findings.len(), 3_000);
    let last = &findings[2_999];
    let expected_column = unit.chars().count() * 2_999 + "we deepen the ".chars().count() + 1;
    assert_eq!(last["column"].as_u64(), Some(expected_column as u64));
    let human = String::from_utf8_lossy(&run("human").stdout).into_owned();
    assert!(
        human.contains(&format!("--> long.txt:1:{expected_column}\n")),
        "location missing"
    );
    assert!(
        human.lines().all(|line| line.len() < 2_000),
        "a whole long line was printed"
    );
}

// fuzz/seeds/check_then_fix/regression-overlapping-phrases: a wrong rendering
// whose end is the start of its replacement ("x m" → "m y") is spelled again
// by the text before each fix. Passes stay bounded; each removes one layer.
#[test]
fn a_wrong_rendering_overlapping_its_replacement_is_fixed_within_the_pass_limit() {
    let glossary = load_str(
        "name: t\nterms:\n  - en: m y\n    avoid: [x m]\n",
        Path::new("t.yaml"),
    )
    .expect("loads");
    let checker = Checker::new(glossary);
    let text = "x x x m\n".to_owned();
    let document = Document::from_text("t.txt", text.clone());
    let (fixed, count, remaining) = fix_until_stable(&text, |t| {
        checker.check_document(&document.with_text(t.to_owned()))
    });
    // The echoed "y" is absorbed each time, and the sentence start capitalised.
    assert_eq!((fixed.as_str(), count), ("M y\n", 3));
    assert!(remaining.is_empty());
}
