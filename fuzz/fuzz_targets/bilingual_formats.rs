//! Every segment parser (XLIFF, TMX, PO, CSV, TSV, Markdown, plain text) on
//! arbitrary text, then check and fix.
//!
//! Invariants: parsing gives segments or a located error, never a panic;
//! findings lie on char boundaries of the file; applying the fixes never
//! panics and leaves a file that still parses (replacements are escaped as
//! the format requires).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use termlint::Checker;
use termlint::fix::apply_fixes;
use termlint::input::Document;

const FILE_NAMES: [&str; 7] = ["f.xlf", "f.tmx", "f.po", "f.csv", "f.tsv", "f.md", "f.txt"];

const GLOSSARY: &str = r#"name: fuzz
terms:
  - zh: 八八战略
    en: 8-8 Strategy & "more" <x>
    avoid: [88th Strategy]
  - zh: 时间节点
    en: dead,line	"tab"
    avoid: [time nodes]
  - en: publicity
    avoid: [propaganda]
"#;

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| {
        let glossary = termlint::glossary::load_str(GLOSSARY, std::path::Path::new("fuzz.yaml")).expect("fuzz glossary loads");
        Checker::new(glossary)
    })
}

fuzz_target!(|data: (u8, &str)| {
    let (selector, text) = data;
    let name = FILE_NAMES[usize::from(selector) % FILE_NAMES.len()];
    let document = Document::from_text(name, text.to_owned());
    let Ok(pairing) = document.segment_pairs() else { return };
    for pair in &pairing.pairs {
        for segment in std::iter::once(&pair.target).chain(pair.source.as_ref()) {
            let end = segment.map.start_of(segment.text.len());
            assert!(end <= text.len());
        }
    }
    let findings = checker().check_document(&document);
    for finding in &findings {
        assert!(finding.span.start <= finding.span.end && finding.span.end <= text.len());
        assert!(text.is_char_boundary(finding.span.start) && text.is_char_boundary(finding.span.end));
    }
    let fixed = apply_fixes(text, &findings);
    let fixed_document = document.with_text(fixed.text);
    assert!(
        fixed_document.segment_pairs().is_ok(),
        "fixing {name} made it unparsable"
    );
});
