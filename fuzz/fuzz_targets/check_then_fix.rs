//! Check-then-fix on arbitrary text with an arbitrary small glossary.
//!
//! Invariants: spans are on char boundaries; applying fixes never panics;
//! bytes outside fixed spans are unchanged; a second check finds nothing
//! fixable unless a replacement itself contains a forbidden phrase.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use termlint::Checker;
use termlint::fix::apply_fixes;
use termlint::glossary::{EntryFields, Glossary, GlossaryDocument};
use termlint::input::Document;
use termlint::text::{Normalization, normalize_phrase};

#[derive(Debug, Arbitrary)]
struct Input {
    entries: Vec<(String, Vec<String>, Vec<String>, bool)>,
    text: String,
}

fn glossary(input: &Input) -> Option<Glossary> {
    let terms: Vec<EntryFields> = input
        .entries
        .iter()
        .take(8)
        .map(|(en, accept, avoid, autofix)| EntryFields {
            zh: None,
            en: en.clone(),
            accept: accept.iter().take(3).cloned().collect(),
            avoid: avoid.iter().take(3).cloned().collect(),
            severity: termlint::Severity::Error,
            autofix: *autofix,
            case_sensitive: false,
            check_case: true,
            examples: Vec::new(),
            note: None,
            source: None,
        })
        .collect();
    let yaml = serde_yaml::to_string(&GlossaryDocument {
        name: "fuzz".into(),
        description: None,
        terms,
    })
    .ok()?;
    termlint::glossary::load_str(&yaml, std::path::Path::new("fuzz.yaml")).ok()
}

fuzz_target!(|input: Input| {
    let Some(glossary) = glossary(&input) else { return };
    let replacements_are_clean = glossary.entries.iter().all(|entry| {
        let en = normalize_phrase(entry.en(), Normalization::MATCHING);
        glossary
            .entries
            .iter()
            .flat_map(|other| other.fields.avoid.iter())
            .all(|avoid| !en.contains(&normalize_phrase(avoid, Normalization::MATCHING)))
    });
    let checker = Checker::new(glossary);
    let document = Document::from_text("fuzz.txt", input.text.clone());
    let findings = checker.check_document(&document);
    for finding in &findings {
        assert!(input.text.is_char_boundary(finding.span.start));
        assert!(input.text.is_char_boundary(finding.span.end));
        assert!(finding.span.start <= finding.span.end);
    }
    let applied = apply_fixes(&input.text, &findings);
    // Bytes outside the fixed spans are unchanged: rebuild from the spans.
    let mut fixes: Vec<_> = findings
        .iter()
        .filter_map(|f| f.automatic_fix().map(|fix| (f.span.clone(), fix.content.clone())))
        .collect();
    fixes.sort_by_key(|(span, _)| (span.start, span.end));
    let mut expected = String::new();
    let mut cursor = 0;
    for (span, content) in fixes {
        if span.start < cursor || input.text.get(span.clone()) == Some(content.as_str()) {
            continue;
        }
        expected.push_str(&input.text[cursor..span.start]);
        expected.push_str(&content);
        cursor = span.end;
    }
    expected.push_str(&input.text[cursor..]);
    assert_eq!(applied.text, expected);
    if replacements_are_clean {
        let (_, _, remaining) = termlint::fix::fix_until_stable(&input.text, |text| {
            checker.check_document(&document.with_text(text.to_owned()))
        });
        assert!(
            remaining.iter().all(|f| f.automatic_fix().is_none()),
            "fixable findings remain: {remaining:?}"
        );
    }
});
