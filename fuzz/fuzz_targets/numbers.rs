//! The Chinese-numeral and English-number parsers on arbitrary text: no
//! panic, spans on char boundaries, finite values.
#![no_main]

use libfuzzer_sys::fuzz_target;
use termlint::numbers::{extract_chinese, extract_english, parse_chinese_numeral};

fuzz_target!(|text: &str| {
    if let Some(value) = parse_chinese_numeral(text) {
        assert!(!value.is_nan());
    }
    for mention in extract_chinese(text).into_iter().chain(extract_english(text)) {
        assert!(mention.span.start <= mention.span.end && mention.span.end <= text.len());
        assert!(text.is_char_boundary(mention.span.start) && text.is_char_boundary(mention.span.end));
        assert!(!mention.value.is_nan());
    }
});
