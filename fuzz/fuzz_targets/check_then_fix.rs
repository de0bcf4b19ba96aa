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

/// Whether a wrong rendering can be spelled again by an approved rendering
/// together with the text beside it: the two overlap (one's end is the
/// other's start) or one holds the other ("x x m" with "x m" → "m").
fn regenerates(checker: &Checker) -> bool {
    let entries = &checker.glossary().entries;
    entries.iter().any(|entry| {
        entry.fields.avoid.iter().any(|avoid| {
            let avoid = normalize_phrase(avoid, Normalization::MATCHING);
            entries.iter().any(|other| {
                let en = normalize_phrase(other.en(), Normalization::MATCHING);
                overlap(&avoid, &en) || overlap(&en, &avoid)
            })
        })
    })
}

/// Whether a non-empty end of `a` is a start of `b`, or either holds the other.
fn overlap(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a.contains(b)
        || b.contains(a)
        || a.char_indices().skip(1).any(|(index, _)| b.starts_with(&a[index..]))
}

fuzz_target!(|input: Input| {
    let Some(glossary) = glossary(&input) else { return };
    // No forbidden phrase inside a correct one (what `glossary lint` reports
    // as shadowing): a replacement then never carries a forbidden phrase in,
    // and no fix can expose one that a correct rendering was covering.
    let replacements_are_clean = glossary.entries.iter().all(|entry| {
        std::iter::once(&entry.fields.en)
            .chain(&entry.fields.accept)
            .map(|correct| normalize_phrase(correct, Normalization::MATCHING))
            .all(|correct| {
                glossary
                    .entries
                    .iter()
                    .flat_map(|other| other.fields.avoid.iter())
                    .all(|avoid| !correct.contains(&normalize_phrase(avoid, Normalization::MATCHING)))
            })
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
    // Bytes outside the fixed spans are unchanged: rebuild from the spans,
    // noting where each replacement lands in the fixed text.
    let mut fixes: Vec<_> = findings
        .iter()
        .filter_map(|f| f.automatic_fix().map(|fix| (f.span.clone(), fix.content.clone())))
        .collect();
    fixes.sort_by_key(|(span, _)| (span.start, span.end));
    let mut expected = String::new();
    let mut inserted = Vec::new();
    let mut cursor = 0;
    for (span, content) in fixes {
        if span.start < cursor || input.text.get(span.clone()) == Some(content.as_str()) {
            continue;
        }
        expected.push_str(&input.text[cursor..span.start]);
        inserted.push(expected.len()..expected.len() + content.len());
        expected.push_str(&content);
        cursor = span.end;
    }
    expected.push_str(&input.text[cursor..]);
    assert_eq!(applied.text, expected);
    // A second check finds nothing fixable except where a replacement, with
    // the text around it, spells a forbidden phrase again (or a fix skipped
    // for overlapping one just applied): every fixable finding left touches a
    // replacement.
    let again = checker.check_document(&document.with_text(applied.text.clone()));
    for finding in again
        .iter()
        .filter(|f| replacements_are_clean && f.automatic_fix().is_some())
    {
        let touches = inserted
            .iter()
            .any(|range| finding.span.start <= range.end && range.start <= finding.span.end);
        assert!(touches, "a fixable finding away from every replacement: {finding:?}");
    }
    if replacements_are_clean {
        let (_, _, remaining) = termlint::fix::fix_until_stable(&input.text, |text| {
            checker.check_document(&document.with_text(text.to_owned()))
        });
        let stuck: Vec<_> = remaining.iter().filter(|f| f.automatic_fix().is_some()).collect();
        // Passes are bounded; only a glossary whose replacements rebuild a
        // forbidden phrase with their context can leave fixable findings.
        assert!(
            stuck.is_empty() || regenerates(&checker),
            "fixable findings remain: {stuck:?}"
        );
    }
});
