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
