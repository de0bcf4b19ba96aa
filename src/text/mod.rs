//! The normalised view of a text and the map from it back to the original bytes.
//!
//! Matching never runs on the text as written: it runs on a view in which case,
//! full-width forms, quote and dash variants and whitespace runs are unified, so
//! that one literal pattern finds every way a careful reviewer would read the same
//! phrase. The view is built in one pass; instead of one offset per byte it keeps
//! only the points where the two texts stop advancing in step ([`OffsetMap`]), so
//! a mostly-ASCII document costs little more than its own size.

mod line_index;
mod offset_map;
mod word;

pub use line_index::{ColumnCursor, LineIndex};
pub use offset_map::OffsetMap;
pub use word::{ends_with_word_char, is_word_boundary, starts_with_word_char};

use unicode_normalization::IsNormalized;
use unicode_normalization::UnicodeNormalization;

/// Which variations a normalised view irons out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Normalization {
    /// Fold letters to lower case.
    pub fold_case: bool,
}

impl Normalization {
    /// The view the matcher searches: everything unified, case folded.
    pub const MATCHING: Self = Self { fold_case: true };
    /// Everything unified except letter case (used to compare case).
    pub const CASE_PRESERVING: Self = Self { fold_case: false };
}

/// A normalised copy of a text with its map back to the original byte offsets.
#[derive(Debug, Clone)]
pub struct NormalizedText {
    text: String,
    map: OffsetMap,
    original_len: usize,
}

/// Marks a whitespace run that held two or more line breaks: a paragraph
/// break, which no pattern crosses.
pub const PARAGRAPH_BREAK: char = '\n';

impl NormalizedText {
    /// Builds the normalised view of `original`.
    ///
    /// One pass, no allocation per character. ASCII characters other than
    /// whitespace, and a single ASCII whitespace character between two of
    /// them (most of an English document), map one byte to one byte: they are
    /// written directly and need no map record while the two texts are in
    /// step. Whitespace runs and other characters take the general path.
    pub fn new(original: &str, normalization: Normalization) -> Self {
        let bytes = original.as_bytes();
        let mut text: Vec<u8> = Vec::with_capacity(original.len());
        let mut map = OffsetMap::default();
        let mut in_step = true;
        let mut offset = 0;
        while offset < bytes.len() {
            let byte = bytes[offset];
            if byte.is_ascii() && !is_ascii_whitespace(byte) {
                // A run of ASCII non-space bytes: copied (and folded) in bulk.
                let run_end = bytes[offset..]
                    .iter()
                    .position(|&b| !b.is_ascii() || is_ascii_whitespace(b))
                    .map_or(bytes.len(), |length| offset + length);
                if !in_step {
                    map.record(text.len(), offset);
                    in_step = true;
                }
                let run = &bytes[offset..run_end];
                if normalization.fold_case {
                    text.extend(run.iter().map(u8::to_ascii_lowercase));
                } else {
                    text.extend_from_slice(run);
                }
                offset = run_end;
                continue;
            }
            if byte.is_ascii() {
                let fast = if !is_ascii_whitespace(byte) {
                    Some(if normalization.fold_case {
                        byte.to_ascii_lowercase()
                    } else {
                        byte
                    })
                } else if bytes
                    .get(offset + 1)
                    .is_some_and(|&next| next.is_ascii() && !is_ascii_whitespace(next))
                {
                    // A lone whitespace character: one line break at most.
                    Some(b' ')
                } else {
                    None
                };
                if let Some(normalized) = fast {
                    if !in_step {
                        map.record(text.len(), offset);
                        in_step = true;
                    }
                    text.push(normalized);
                    offset += 1;
                    continue;
                }
            }
            let Some(c) = original.get(offset..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            in_step = false;
            map.record(text.len(), offset);
            if c.is_whitespace() {
                let mut line_breaks = 0usize;
                let mut pending_carriage_return = false;
                let mut end = offset;
                while let Some(current) =
                    original[end..].chars().next().filter(|c| c.is_whitespace())
                {
                    // "\r\n" is one line break; a lone '\r' or '\n' is one too.
                    match current {
                        '\n' => {
                            line_breaks += 1;
                            pending_carriage_return = false;
                        }
                        '\r' => {
                            line_breaks += usize::from(pending_carriage_return);
                            pending_carriage_return = true;
                        }
                        _ => {
                            line_breaks += usize::from(pending_carriage_return);
                            pending_carriage_return = false;
                        }
                    }
                    end += current.len_utf8();
                }
                line_breaks += usize::from(pending_carriage_return);
                text.push(if line_breaks >= 2 {
                    PARAGRAPH_BREAK as u8
                } else {
                    b' '
                });
                offset = end;
                continue;
            }
            push_normalized_char(&mut text, c, normalization);
            offset += c.len_utf8();
        }
        // Only whole UTF-8 sequences were written, so this never fails.
        let text = String::from_utf8(text)
            .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
        map.finish(text.len(), original.len());
        Self {
            text,
            map,
            original_len: original.len(),
        }
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Maps a span of the normalised text to the span of the original it came from.
    ///
    /// `start` and `end` must be char boundaries of the normalised text; the
    /// result is always a pair of char boundaries of the original.
    pub fn original_span(
        &self,
        original: &str,
        start: usize,
        end: usize,
    ) -> std::ops::Range<usize> {
        let original_start = floor_char_boundary(original, self.map.start_of(start));
        let original_end = if end >= self.text.len() {
            self.original_len
        } else {
            ceil_char_boundary(original, self.map.start_of(end))
        };
        original_start..original_end.max(original_start)
    }
}

/// Normalises a short string (a glossary phrase) the way [`NormalizedText`]
/// normalises a document, trimming surrounding whitespace.
pub fn normalize_phrase(phrase: &str, normalization: Normalization) -> String {
    NormalizedText::new(phrase.trim(), normalization).text
}

/// ASCII characters that `char::is_whitespace` accepts (tab to carriage return, space).
fn is_ascii_whitespace(byte: u8) -> bool {
    matches!(byte, b'\t'..=b'\r' | b' ')
}

fn push_char(out: &mut Vec<u8>, c: char) {
    let mut buffer = [0; 4];
    out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
}

fn push_folded(out: &mut Vec<u8>, c: char, normalization: Normalization) {
    if normalization.fold_case {
        for lower in c.to_lowercase() {
            push_char(out, lower);
        }
    } else {
        push_char(out, c);
    }
}

fn push_normalized_char(out: &mut Vec<u8>, c: char, normalization: Normalization) {
    if c.is_ascii() {
        push_char(
            out,
            if normalization.fold_case {
                c.to_ascii_lowercase()
            } else {
                c
            },
        );
        return;
    }
    if let Some(unified) = unify_punctuation(c) {
        push_char(out, unified);
        return;
    }
    if unicode_normalization::is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes {
        push_folded(out, c, normalization);
        return;
    }
    for compatible in std::iter::once(c).nfkc() {
        push_folded(
            out,
            unify_punctuation(compatible).unwrap_or(compatible),
            normalization,
        );
    }
}

/// Quotes and dashes that a reviewer reads as the same mark.
fn unify_punctuation(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{FF07}' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{FF02}' => Some('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => Some('-'),
        _ => None,
    }
}

/// The largest char boundary of `s` at or before `index` (clamped to `s.len()`).
pub fn floor_char_boundary(s: &str, mut index: usize) -> usize {
    if index >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// The smallest char boundary of `s` at or after `index` (clamped to `s.len()`).
pub fn ceil_char_boundary(s: &str, mut index: usize) -> usize {
    if index >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(index) {
        index += 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(s: &str) -> NormalizedText {
        NormalizedText::new(s, Normalization::MATCHING)
    }

    fn original_of<'a>(original: &'a str, needle: &str) -> &'a str {
        let normalized = view(original);
        let start = normalized
            .as_str()
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {:?}", normalized.as_str()));
        let span = normalized.original_span(original, start, start + needle.len());
        &original[span]
    }

    #[test]
    fn folds_case_quotes_dashes_and_full_width_forms() {
        assert_eq!(
            view("The “88TH Strategy” – Ｆｕｌｌ ｗｉｄｔｈ").as_str(),
            "the \"88th strategy\" - full width"
        );
        assert_eq!(
            view("8\u{2011}8 and 8–8 and 8—8").as_str(),
            "8-8 and 8-8 and 8-8"
        );
    }

    #[test]
    fn whitespace_runs_become_one_space_but_paragraphs_stay_apart() {
        assert_eq!(
            view("a  \t b\r\nc\n\n d\r\n\r\ne\rf").as_str(),
            "a b c\nd\ne f"
        );
    }

    #[test]
    fn spans_map_back_across_collapsed_whitespace_and_line_breaks() {
        let text = "uphold the “88th\r\n   Strategy” now";
        assert_eq!(original_of(text, "88th strategy"), "88th\r\n   Strategy");
        assert_eq!(original_of(text, "\"88th"), "“88th");
        assert_eq!(original_of(text, "now"), "now");
    }

    #[test]
    fn spans_map_back_when_normalisation_changes_lengths() {
        // Full-width letters are 3 bytes each but normalise to 1 byte.
        let text = "中文 ＡＢＣ strategy İstanbul é";
        assert_eq!(original_of(text, "abc strategy"), "ＡＢＣ strategy");
        assert_eq!(original_of(text, "中文"), "中文");
        // 'İ' lower-cases to two chars ("i̇"), longer than the original.
        assert_eq!(original_of(text, "stanbul"), "stanbul");
        assert_eq!(original_of(text, "é"), "é");
    }

    #[test]
    fn multi_byte_text_maps_to_char_boundaries() {
        let text = "“共同富裕”与 common prosperity";
        let normalized = view(text);
        for (start, _) in normalized.as_str().char_indices() {
            for end in (start + 1..=normalized.as_str().len())
                .filter(|&e| normalized.as_str().is_char_boundary(e))
            {
                let span = normalized.original_span(text, start, end);
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
                assert!(span.start <= span.end);
            }
        }
    }

    /// The per-character construction the one-pass builder replaced: the
    /// fast paths must give the same text and the same map.
    fn reference(original: &str, normalization: Normalization) -> (String, OffsetMap) {
        let mut text = Vec::new();
        let mut map = OffsetMap::default();
        let mut chars = original.char_indices().peekable();
        while let Some((offset, c)) = chars.next() {
            if c.is_whitespace() {
                let (mut line_breaks, mut pending, mut current) = (0usize, false, c);
                loop {
                    match current {
                        '\n' => (line_breaks, pending) = (line_breaks + 1, false),
                        '\r' => (line_breaks, pending) = (line_breaks + usize::from(pending), true),
                        _ => (line_breaks, pending) = (line_breaks + usize::from(pending), false),
                    }
                    match chars.peek() {
                        Some(&(_, next)) if next.is_whitespace() => {
                            current = next;
                            chars.next();
                        }
                        _ => break,
                    }
                }
                line_breaks += usize::from(pending);
                map.record(text.len(), offset);
                text.push(if line_breaks >= 2 { b'\n' } else { b' ' });
                continue;
            }
            map.record(text.len(), offset);
            push_normalized_char(&mut text, c, normalization);
        }
        map.finish(text.len(), original.len());
        (String::from_utf8(text).unwrap_or_default(), map)
    }

    proptest::proptest! {
        #[test]
        fn one_pass_builder_matches_the_per_character_one(
            original in "(?s)[a-zA-Z0-9 .,'\t\r\n\u{a0}\u{3000}\u{2013}\u{201c}\u{201d}ＡｂİßΣé中文]{0,40}",
            fold_case: bool,
        ) {
            let normalization = Normalization { fold_case };
            let built = NormalizedText::new(&original, normalization);
            let (text, map) = reference(&original, normalization);
            proptest::prop_assert_eq!(built.as_str(), text.as_str());
            proptest::prop_assert_eq!(&built.map, &map);
        }
    }

    #[test]
    fn untouched_ascii_prose_needs_one_breakpoint() {
        let view = view("The Quick brown\nfox, and\tthe dog.");
        assert_eq!(view.as_str(), "the quick brown fox, and the dog.");
        assert_eq!(view.map.breakpoint_count(), 1);
    }

    #[test]
    fn phrases_are_trimmed_and_normalised() {
        assert_eq!(
            normalize_phrase("  Chinese–style\nModernization ", Normalization::MATCHING),
            "chinese-style modernization"
        );
        assert_eq!(
            normalize_phrase("8‑8 Strategy", Normalization::CASE_PRESERVING),
            "8-8 Strategy"
        );
    }
}
