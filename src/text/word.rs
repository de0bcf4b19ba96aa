//! Whole-word checks by the Unicode word-boundary rules (UAX #29).

use unicode_segmentation::UnicodeSegmentation;

use super::{ceil_char_boundary, floor_char_boundary};

/// How far either side of a position the UAX #29 rules are evaluated. The rules
/// look at most a few characters away; the window keeps each check O(1).
const WINDOW_BYTES: usize = 32;

/// Whether `text` has a word boundary at byte offset `position`.
pub fn is_word_boundary(text: &str, position: usize) -> bool {
    if position == 0 || position >= text.len() {
        return true;
    }
    if !text.is_char_boundary(position) {
        return false;
    }
    let bytes = text.as_bytes();
    let (before, after) = (bytes[position - 1], bytes[position]);
    if before.is_ascii() && after.is_ascii() {
        if before.is_ascii_alphanumeric() && after.is_ascii_alphanumeric() {
            return false;
        }
        let joins_words = |b: u8| matches!(b, b'.' | b'\'' | b':' | b',' | b';' | b'_');
        if !joins_words(before) && !joins_words(after) {
            // Neither side can take part in a "no break" rule between words.
            return true;
        }
    }
    let start = floor_char_boundary(text, position.saturating_sub(WINDOW_BYTES));
    let end = ceil_char_boundary(text, position + WINDOW_BYTES);
    let relative = position - start;
    text[start..end]
        .split_word_bound_indices()
        .any(|(offset, _)| offset == relative)
}

/// Whether the first character of `s` is part of a word (a letter, digit or mark).
pub fn starts_with_word_char(s: &str) -> bool {
    s.chars().next().is_some_and(is_word_char)
}

/// Whether the last character of `s` is part of a word.
pub fn ends_with_word_char(s: &str) -> bool {
    s.chars().next_back().is_some_and(is_word_char)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_unicode_boundaries() {
        let text = "the 188th strategy, 88th-plan people's";
        let at = |needle: &str| text.find(needle).unwrap_or(usize::MAX);
        assert!(!is_word_boundary(text, at("88th strategy")));
        assert!(is_word_boundary(text, at("strategy")));
        assert!(is_word_boundary(text, at(", 88")));
        assert!(is_word_boundary(text, at("-plan")));
        assert!(!is_word_boundary(text, at("'s")));
        assert!(is_word_boundary(text, 0));
        assert!(is_word_boundary(text, text.len()));
        let cjk = "共同富裕abc";
        assert!(is_word_boundary(cjk, "共同富裕".len()));
    }
}
