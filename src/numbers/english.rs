//! Numbers in English text: digits (with thousands commas, decimals,
//! full-width digits, ordinal suffixes), scale words (thousand … trillion),
//! percentages, number words and ordinals (twenty-one, Ninth, one hundred and
//! five) and month names in dates.

use super::{NumberMention, byte_at, digit_value, scan_arabic};

const SMALL: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const SMALL_ORDINALS: [&str; 20] = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const TENS_ORDINALS: [&str; 8] = [
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
];
const SCALES: [(&str, f64); 4] = [
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
];
const SCALE_ORDINALS: [(&str, f64); 4] = [
    ("thousandth", 1e3),
    ("millionth", 1e6),
    ("billionth", 1e9),
    ("trillionth", 1e12),
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// What one English word is as part of a number.
#[derive(Debug, Clone, Copy, PartialEq)]
enum NumberWord {
    /// 0–19.
    Small(f64),
    /// 20, 30, … 90.
    Tens(f64),
    /// hundred.
    Hundred,
    /// thousand, million, billion, trillion.
    Scale(f64),
    /// An ordinal that ends the number: `(value added, multiplier)`.
    Ordinal { add: f64, scale: f64 },
}

fn number_word(word: &str) -> Option<NumberWord> {
    let lower = word.to_ascii_lowercase();
    let lower = lower.as_str();
    if let Some(value) = SMALL.iter().position(|&w| w == lower) {
        return Some(NumberWord::Small(value as f64));
    }
    if let Some(index) = TENS.iter().position(|&w| w == lower) {
        return Some(NumberWord::Tens(20.0 + 10.0 * index as f64));
    }
    if lower == "hundred" {
        return Some(NumberWord::Hundred);
    }
    if let Some(&(_, scale)) = SCALES.iter().find(|(w, _)| *w == lower) {
        return Some(NumberWord::Scale(scale));
    }
    if let Some(value) = SMALL_ORDINALS.iter().position(|&w| w == lower) {
        return Some(NumberWord::Ordinal {
            add: value as f64,
            scale: 1.0,
        });
    }
    if let Some(index) = TENS_ORDINALS.iter().position(|&w| w == lower) {
        return Some(NumberWord::Ordinal {
            add: 20.0 + 10.0 * index as f64,
            scale: 1.0,
        });
    }
    if lower == "hundredth" {
        return Some(NumberWord::Ordinal {
            add: 0.0,
            scale: 100.0,
        });
    }
    if let Some(&(_, scale)) = SCALE_ORDINALS.iter().find(|(w, _)| *w == lower) {
        return Some(NumberWord::Ordinal { add: 0.0, scale });
    }
    None
}

/// A word of the text: char indices `[start, end)` and its text.
#[derive(Debug, Clone, Copy)]
struct Word<'t> {
    start: usize,
    end: usize,
    text: &'t str,
}

fn word_at<'t>(text: &'t str, chars: &[(usize, char)], start: usize) -> Option<Word<'t>> {
    if !chars
        .get(start)
        .is_some_and(|&(_, c)| c.is_ascii_alphabetic())
    {
        return None;
    }
    let mut end = start;
    while chars
        .get(end)
        .is_some_and(|&(_, c)| c.is_ascii_alphabetic())
    {
        end += 1;
    }
    let text = &text[byte_at(chars, start, text.len())..byte_at(chars, end, text.len())];
    Some(Word { start, end, text })
}

/// The next word after `index` when only one space or hyphen lies between.
fn following_word<'t>(text: &'t str, chars: &[(usize, char)], index: usize) -> Option<Word<'t>> {
    match chars.get(index).map(|&(_, c)| c) {
        Some(' ' | '-') => word_at(text, chars, index + 1),
        _ => None,
    }
}

/// Parses number words starting at the word `first`: returns the char index
/// after the last word used, the value, whether it is an ordinal and how many
/// words it took.
fn parse_number_words(
    text: &str,
    chars: &[(usize, char)],
    first: Word<'_>,
) -> Option<(usize, f64, bool, usize)> {
    let mut total = 0f64;
    let mut current = 0f64;
    let mut end = None;
    let mut words = 0;
    let mut ordinal = false;
    let mut last: Option<NumberWord> = None;
    let mut word = Some(first);
    while let Some(w) = word {
        let Some(kind) = number_word(w.text) else {
            // "one hundred and five": `and` only between number words.
            if w.text.eq_ignore_ascii_case("and")
                && matches!(last, Some(NumberWord::Hundred | NumberWord::Scale(_)))
                && following_word(text, chars, w.end).is_some_and(|next| {
                    matches!(
                        number_word(next.text),
                        Some(NumberWord::Small(_) | NumberWord::Tens(_))
                    )
                })
            {
                word = following_word(text, chars, w.end);
                continue;
            }
            break;
        };
        let fits = match (last, kind) {
            (None, _) => true,
            (Some(NumberWord::Tens(_)), NumberWord::Small(v)) => v > 0.0 && v < 10.0,
            (Some(NumberWord::Tens(_)), NumberWord::Ordinal { add, scale }) => {
                add > 0.0 && add < 10.0 && scale == 1.0
            }
            (
                Some(NumberWord::Small(_) | NumberWord::Tens(_)),
                NumberWord::Hundred | NumberWord::Scale(_),
            ) => true,
            (Some(NumberWord::Small(_)), NumberWord::Ordinal { add, scale }) => {
                add == 0.0 && scale > 1.0
            }
            (Some(NumberWord::Hundred | NumberWord::Scale(_)), _) => true,
            _ => false,
        };
        if !fits {
            break;
        }
        match kind {
            NumberWord::Small(v) | NumberWord::Tens(v) => current += v,
            NumberWord::Hundred => current = current.max(1.0) * 100.0,
            NumberWord::Scale(scale) => {
                total += current.max(1.0) * scale;
                current = 0.0;
            }
            NumberWord::Ordinal { add, scale } => {
                if scale > 1.0 {
                    current = current.max(1.0) * scale;
                } else {
                    current += add;
                }
                ordinal = true;
            }
        }
        words += 1;
        end = Some(w.end);
        last = Some(kind);
        if ordinal {
            break;
        }
        word = following_word(text, chars, w.end);
    }
    end.map(|end| (end, total + current, ordinal, words))
}

fn is_ordinal_suffix(word: &str) -> bool {
    ["st", "nd", "rd", "th"]
        .iter()
        .any(|s| word.eq_ignore_ascii_case(s))
}

fn skip_spaces(chars: &[(usize, char)], mut index: usize) -> usize {
    while chars
        .get(index)
        .is_some_and(|&(_, c)| c == ' ' || c == '\u{a0}')
    {
        index += 1;
    }
    index
}

/// `percent`, `per cent` or `%` at `index` (after optional spaces for the
/// words); the char index after it.
fn percent_after(text: &str, chars: &[(usize, char)], index: usize) -> Option<usize> {
    if chars
        .get(index)
        .is_some_and(|&(_, c)| c == '%' || c == '％')
    {
        return Some(index + 1);
    }
    let word = word_at(text, chars, skip_spaces(chars, index))?;
    if word.text.eq_ignore_ascii_case("percent") {
        return Some(word.end);
    }
    if word.text.eq_ignore_ascii_case("per") {
        let cent = word_at(text, chars, skip_spaces(chars, word.end))?;
        if cent.text.eq_ignore_ascii_case("cent") {
            return Some(cent.end);
        }
    }
    None
}

/// Every number in the English text `text`, in order.
pub fn extract_english(text: &str) -> Vec<NumberMention> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let span = |start: usize, end: usize| {
        byte_at(&chars, start, text.len())..byte_at(&chars, end, text.len())
    };
    let mut mentions = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index].1;
        let after_letter = index > 0 && chars[index - 1].1.is_ascii_alphabetic();
        if digit_value(c).is_some() {
            let Some((mut end, mut value)) = scan_arabic(&chars, index) else {
                index += 1;
                continue;
            };
            if after_letter {
                // A code such as H7N9 or G20: not a quantity.
                index = end;
                continue;
            }
            if let Some(suffix) = word_at(text, &chars, end) {
                if is_ordinal_suffix(suffix.text) {
                    end = suffix.end;
                }
            } else if let Some(scale) = word_at(text, &chars, skip_spaces(&chars, end)) {
                if let Some(&(_, factor)) = SCALES
                    .iter()
                    .find(|(w, _)| scale.text.eq_ignore_ascii_case(w))
                {
                    value *= factor;
                    end = scale.end;
                } else if scale.text.eq_ignore_ascii_case("hundred") {
                    value *= 100.0;
                    end = scale.end;
                }
            }
            if let Some(after) = percent_after(text, &chars, end) {
                end = after;
            }
            mentions.push(NumberMention {
                span: span(index, end),
                value,
                weak: false,
            });
            index = end;
            continue;
        }
        let Some(word) = word_at(text, &chars, index).filter(|_| !after_letter) else {
            index += 1;
            continue;
        };
        if let Some(month) = MONTHS.iter().position(|&m| m == word.text) {
            let next = skip_spaces(&chars, word.end);
            let digit_next = chars
                .get(next)
                .is_some_and(|&(_, c)| digit_value(c).is_some());
            let digit_before = index >= 2
                && digit_value(chars[index - 2].1).is_some()
                && chars[index - 1].1 == ' ';
            if word.text != "May" || digit_next || digit_before {
                mentions.push(NumberMention {
                    span: span(word.start, word.end),
                    value: (month + 1) as f64,
                    weak: false,
                });
            }
            index = word.end;
            continue;
        }
        if let Some((mut end, value, ordinal, words)) = parse_number_words(text, &chars, word) {
            let discourse = ordinal && words == 1 && chars.get(end).is_some_and(|&(_, c)| c == ',');
            if let Some(after) = percent_after(text, &chars, end).filter(|_| !ordinal) {
                end = after;
            }
            if !discourse {
                let lower = word.text.to_ascii_lowercase();
                let weak = words == 1 && (value == 1.0 || lower == "second" || lower == "zero");
                mentions.push(NumberMention {
                    span: span(word.start, end),
                    value,
                    weak,
                });
            }
            index = end;
            continue;
        }
        index = word.end;
    }
    mentions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<f64> {
        extract_english(text)
            .into_iter()
            .filter(|m| !m.weak)
            .map(|m| m.value)
            .collect()
    }

    fn spans(text: &str) -> Vec<&str> {
        extract_english(text)
            .into_iter()
            .map(|m| &text[m.span])
            .collect()
    }

    #[test]
    fn digits_with_separators_decimals_and_full_width() {
        assert_eq!(values("1,234,567 people and 3.5 times"), [1_234_567.0, 3.5]);
        assert_eq!(values("１２３ items"), [123.0]);
        assert_eq!(values("in 2023, 45 cities"), [2023.0, 45.0]);
    }

    #[test]
    fn ordinal_suffixes_scales_and_percentages() {
        assert_eq!(values("the 40th anniversary"), [40.0]);
        assert_eq!(values("3.5 trillion yuan"), [3.5e12]);
        assert_eq!(values("120 million people"), [1.2e8]);
        assert_eq!(values("50 million yuan"), [5e7]);
        assert_eq!(values("5 percent, 6 per cent and 7%"), [5.0, 6.0, 7.0]);
        assert_eq!(spans("rose 5 per cent"), ["5 per cent"]);
        assert_eq!(spans("3.5 trillion yuan"), ["3.5 trillion"]);
    }

    #[test]
    fn number_words_and_ordinals() {
        assert_eq!(values("twenty-one provinces"), [21.0]);
        assert_eq!(values("the Ninth National People's Congress"), [9.0]);
        assert_eq!(values("the Eighth"), [8.0]);
        assert_eq!(values("the third plenary session"), [3.0]);
        assert_eq!(values("one hundred and five projects"), [105.0]);
        assert_eq!(values("three million"), [3e6]);
        assert_eq!(values("a hundred"), [100.0]);
        assert_eq!(values("twenty-first century"), [21.0]);
        assert_eq!(values("five percent"), [5.0]);
        assert_eq!(values("the fortieth anniversary"), [40.0]);
    }

    #[test]
    fn dates() {
        assert_eq!(values("on August 4, 2023"), [8.0, 4.0, 2023.0]);
        assert_eq!(values("on 4 August 2023"), [4.0, 8.0, 2023.0]);
        assert_eq!(values("in 4 May 2023"), [4.0, 5.0, 2023.0]);
        assert!(values("we may see").is_empty());
        assert!(
            values("the May Fourth Movement may")
                .iter()
                .all(|&v| v == 4.0)
        );
    }

    #[test]
    fn words_that_are_rarely_numbers_are_weak_or_ignored() {
        assert!(values("one of the key tasks").is_empty());
        assert!(values("a plan, first of all").is_empty());
        assert!(values("First, we must; Third, we will").is_empty());
        assert!(values("an everyone someone H7N9 G20").is_empty());
        assert!(values("hundreds of millions").is_empty());
        assert!(extract_english("one of").iter().all(|m| m.weak));
    }
}
