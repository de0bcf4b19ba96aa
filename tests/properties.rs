//! Property tests: span mapping of the normalised view, and fixing (the path
//! behind `--write` and `--diff`) on random text.

use std::path::Path;

use proptest::prelude::*;
use termlint::fix::{apply_fixes, fix_until_stable};
use termlint::glossary::load_path;
use termlint::input::Document;
use termlint::text::{Normalization, NormalizedText, normalize_phrase};
use termlint::{Checker, RuleId};

fn checker() -> Checker {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check/glossary.yaml");
    Checker::new(load_path(&path).unwrap_or_else(|error| panic!("{error}")))
}

/// Characters that exercise every normalisation: ASCII, CJK, full-width,
/// curly quotes, dashes, whitespace and line breaks, case-changing letters.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('a', 'z'),
        1 => proptest::char::range('A', 'Z'),
        2 => Just(' '),
        1 => prop::sample::select(vec!['\n', '\r', '\t', '\u{00A0}', '\u{3000}']),
        1 => prop::sample::select(vec!['“', '”', '‘', '’', '"', '\'', '-', '–', '—', '\u{2011}']),
        1 => prop::sample::select(vec!['八', '战', '略', '。', '，', 'Ａ', 'ｂ', '８', 'İ', 'ß', 'ﬁ', 'é', 'e', '\u{0301}', 'Σ']),
    ]
}

/// Text built from glossary phrases (wrong and right renderings) in random
/// case and spacing, joined by filler words and punctuation.
fn glossary_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "88th Strategy",
            "88TH\nSTRATEGY",
            "“88th   Strategy”",
            "the 188th Strategy",
            "8-8 strategy",
            "8–8 Strategy",
            "Chinese-style modernization",
            "Chinese–style\r\nModernization",
            "time nodes",
            "time node",
            "drying competition mechanism",
            "Drying Competition",
            "Belt and Road strategy",
            "Belt and Road Initiative",
            "Belt and Road",
            "propaganda work",
            "八八战略",
            "Double-Eight Strategy",
        ])
        .prop_map(str::to_owned),
        "[a-z]{1,8}".prop_map(|word| word),
        prop::sample::select(vec![" ", "  ", "\n", "\r\n", ", ", ". ", "\n\n", "—"])
            .prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn normalised_spans_map_to_ordered_char_boundaries(chars in prop::collection::vec(tricky_char(), 0..80)) {
        let original: String = chars.into_iter().collect();
        let view = NormalizedText::new(&original, Normalization::MATCHING);
        let normalized = view.as_str();
        let boundaries: Vec<usize> = normalized.char_indices().map(|(i, _)| i).chain([normalized.len()]).collect();
        let mut previous = 0;
        for &offset in &boundaries {
            let span = view.original_span(&original, offset, offset);
            prop_assert!(original.is_char_boundary(span.start));
            prop_assert!(span.start >= previous, "map goes backwards at {offset}");
            previous = span.start;
        }
        for window in boundaries.windows(2) {
            let span = view.original_span(&original, window[0], window[1]);
            prop_assert!(span.start <= span.end && span.end <= original.len());
            prop_assert!(original.is_char_boundary(span.end));
        }
        prop_assert_eq!(view.original_span(&original, 0, normalized.len()).end, original.len());
    }

    #[test]
    fn every_finding_span_holds_exactly_its_phrase(text in glossary_text()) {
        let checker = checker();
        for finding in checker.check_target(&text) {
            prop_assert!(text.is_char_boundary(finding.span.start) && text.is_char_boundary(finding.span.end));
            let found = &text[finding.span.clone()];
            prop_assert_eq!(found.trim(), found, "span has surrounding whitespace");
            if finding.rule == RuleId::AvoidTerm {
                let normalized = normalize_phrase(found, Normalization::MATCHING);
                let listed = checker.glossary().entries.iter().flat_map(|e| e.fields.avoid.iter()).any(|avoid| {
                    let avoid = normalize_phrase(avoid, Normalization::MATCHING);
                    normalized == avoid || normalized.starts_with(&avoid) && normalized.len() <= avoid.len() + 3
                });
                prop_assert!(listed, "{found:?} is not an avoid phrase");
            }
        }
    }

    #[test]
    fn fixing_changes_only_reported_spans_and_converges(text in glossary_text()) {
        let checker = checker();
        let check = |t: &str| checker.check_document(&Document::from_text("t.txt", t.to_owned()));
        let findings = check(&text);
        let applied = apply_fixes(&text, &findings);
        // Rebuild the expected output from the bytes outside the fixed spans.
        let mut expected = String::new();
        let mut cursor = 0;
        let mut fixed_spans: Vec<_> = findings.iter().filter_map(|f| f.automatic_fix().map(|fix| (f.span.clone(), fix.content.clone()))).collect();
        fixed_spans.sort_by_key(|(span, _)| (span.start, span.end));
        for (span, content) in fixed_spans {
            if span.start < cursor || text.get(span.clone()) == Some(content.as_str()) { continue; }
            expected.push_str(&text[cursor..span.start]);
            expected.push_str(&content);
            cursor = span.end;
        }
        expected.push_str(&text[cursor..]);
        prop_assert_eq!(&applied.text, &expected);

        let (fixed, _, remaining) = fix_until_stable(&text, check);
        prop_assert!(remaining.iter().all(|f| f.automatic_fix().is_none()), "still fixable: {remaining:?}");
        // Idempotent: fixing the fixed text changes nothing.
        let (again, count, _) = fix_until_stable(&fixed, check);
        prop_assert_eq!(count, 0);
        prop_assert_eq!(again, fixed);
    }
}
