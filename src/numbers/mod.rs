//! Numbers in Chinese and English text, normalised so that `number-mismatch`
//! can compare a source segment with its translation.
//!
//! Each extractor returns [`NumberMention`]s: a byte span and a value. Values
//! are plain magnitudes — an ordinal (第九届, "Ninth"), a percentage (百分之五,
//! "5 percent"), an anniversary (四十周年, "40th anniversary") and a date part
//! (2023年8月4日, "August 4, 2023") all reduce to the number a reader would
//! check — because translations move a number between those forms freely.
//! `万`/`亿` scale the number before them, as thousand/million/billion/
//! trillion do in English (3.5万亿 = 3.5 trillion).
//!
//! Both extractors are conservative: a Chinese numeral character counts only
//! where it stands as a number (a multi-character numeral, or one followed by
//! a measure word, or after 第/百分之), and English words that are often not
//! numbers ("one of", "first", "second") are marked [`NumberMention::weak`]:
//! they can cancel a number on the other side but are never reported alone.

pub mod chinese;
pub mod english;

use std::ops::Range;

pub use chinese::{extract_chinese, parse_chinese_numeral};
pub use english::extract_english;

/// One number written in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMention {
    /// Byte span of the number as written (with its ordinal, percent or scale words).
    pub span: Range<usize>,
    /// The value it stands for.
    pub value: f64,
    /// Whether the mention is too ambiguous to be reported on its own
    /// ("one", "first", a lone 一).
    pub weak: bool,
}

impl NumberMention {
    /// The value as a comparable key (thousandths, rounded), so that values
    /// computed along different paths (1.2 × 10⁸ and 120 × 10⁶) compare equal.
    pub fn key(&self) -> i128 {
        value_key(self.value)
    }
}

/// `value` as a comparable key: thousandths, rounded (saturating).
pub fn value_key(value: f64) -> i128 {
    if value.is_finite() {
        (value * 1000.0).round() as i128
    } else {
        0
    }
}

/// `value` written for a message: without a fraction when it is whole, with
/// its scale word when it is a large round amount (`3.5 trillion`).
pub fn describe_value(value: f64) -> String {
    const SCALES: [(f64, &str); 4] = [
        (1e12, "trillion"),
        (1e9, "billion"),
        (1e6, "million"),
        (1e3, "thousand"),
    ];
    for (scale, word) in SCALES {
        if value >= scale * 10.0 || (value >= scale && scale >= 1e6) {
            let scaled = value / scale;
            if (scaled * 1000.0).fract().abs() < 1e-6 {
                return format!("{} {word}", plain(scaled));
            }
        }
    }
    plain(value)
}

fn plain(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        let text = format!("{value:.3}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// The value of an ASCII or full-width decimal digit.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Reads an Arabic number starting at char index `start` of `chars`:
/// digits (ASCII or full-width), thousands groups separated by `,` and a
/// decimal part after `.` or `．`. Returns the char index after it and its value.
pub(crate) fn scan_arabic(chars: &[(usize, char)], start: usize) -> Option<(usize, f64)> {
    let mut digits = String::new();
    let mut index = start;
    while let Some(d) = chars.get(index).and_then(|&(_, c)| digit_value(c)) {
        digits.push(char::from_digit(d, 10).unwrap_or('0'));
        index += 1;
    }
    if digits.is_empty() {
        return None;
    }
    // Thousands groups: ",ddd" not followed by a further digit.
    if digits.len() <= 3 {
        loop {
            let is_group = chars.get(index).is_some_and(|&(_, c)| c == ',')
                && (1..=3).all(|k| {
                    chars
                        .get(index + k)
                        .and_then(|&(_, c)| digit_value(c))
                        .is_some()
                })
                && chars
                    .get(index + 4)
                    .and_then(|&(_, c)| digit_value(c))
                    .is_none();
            if !is_group {
                break;
            }
            for k in 1..=3 {
                let d = chars
                    .get(index + k)
                    .and_then(|&(_, c)| digit_value(c))
                    .unwrap_or(0);
                digits.push(char::from_digit(d, 10).unwrap_or('0'));
            }
            index += 4;
        }
    }
    if chars
        .get(index)
        .is_some_and(|&(_, c)| c == '.' || c == '．')
        && chars
            .get(index + 1)
            .and_then(|&(_, c)| digit_value(c))
            .is_some()
    {
        digits.push('.');
        index += 1;
        while let Some(d) = chars.get(index).and_then(|&(_, c)| digit_value(c)) {
            digits.push(char::from_digit(d, 10).unwrap_or('0'));
            index += 1;
        }
    }
    digits.parse::<f64>().ok().map(|value| (index, value))
}

/// The byte offset of char index `index` (the text's end past the last char).
pub(crate) fn byte_at(chars: &[(usize, char)], index: usize, text_len: usize) -> usize {
    chars.get(index).map_or(text_len, |&(offset, _)| offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_described_with_scale_words() {
        assert_eq!(describe_value(3.5e12), "3.5 trillion");
        assert_eq!(describe_value(1.2e8), "120 million");
        assert_eq!(describe_value(2023.0), "2023");
        assert_eq!(describe_value(0.5), "0.5");
        assert_eq!(value_key(1.2 * 1e8), value_key(120.0 * 1e6));
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    fn check_spans(text: &str, mentions: &[NumberMention]) {
        for mention in mentions {
            assert!(mention.span.start <= mention.span.end && mention.span.end <= text.len());
            assert!(
                text.is_char_boundary(mention.span.start)
                    && text.is_char_boundary(mention.span.end)
            );
        }
    }

    proptest! {
        #[test]
        fn extraction_never_panics_on_any_string(text in any::<String>()) {
            check_spans(&text, &extract_chinese(&text));
            check_spans(&text, &extract_english(&text));
        }

        #[test]
        fn extraction_never_panics_on_number_like_strings(
            text in "[0-9０-９,.．%％ 第百分之周年万亿千百十零〇一二两三四五六七八九点个a-zA-Z-]{0,40}"
        ) {
            check_spans(&text, &extract_chinese(&text));
            check_spans(&text, &extract_english(&text));
            let _ = parse_chinese_numeral(&text);
        }
    }
}
