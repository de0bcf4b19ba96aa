//! gettext PO files: `msgid` in Chinese, `msgstr` (or each `msgstr[n]`) in English.
//!
//! A PO string may be split over several quoted lines; its pieces are joined
//! into one segment whose map points every character at its byte inside the
//! quotes, escapes included, so fixes are written back escaped.

use std::borrow::Cow;
use std::ops::Range;

use super::{Document, Escaping, Segment, SegmentPair};
use crate::error::Result;
use crate::text::OffsetMap;

/// How many bytes the escape sequence at the start of `raw` takes (`raw`
/// starts with a backslash).
pub(super) fn escape_len(raw: &str) -> usize {
    let bytes = raw.as_bytes();
    match bytes.get(1) {
        None => 1,
        Some(b'x') => {
            2 + bytes[2..]
                .iter()
                .take_while(|b| b.is_ascii_hexdigit())
                .count()
        }
        Some(b'0'..=b'7') => {
            1 + bytes[1..]
                .iter()
                .take(3)
                .take_while(|b| (b'0'..=b'7').contains(b))
                .count()
        }
        Some(_) => 1 + raw[1..].chars().next().map_or(0, char::len_utf8),
    }
}

fn unescape(sequence: &str) -> char {
    let body = &sequence[1..];
    match body {
        "n" => '\n',
        "t" => '\t',
        "r" => '\r',
        "a" => '\u{7}',
        "b" => '\u{8}',
        "f" => '\u{c}',
        "v" => '\u{b}',
        _ => {
            let code = if let Some(hex) = body.strip_prefix('x') {
                u32::from_str_radix(hex, 16).ok()
            } else if body.starts_with(|c: char| c.is_ascii_digit()) {
                u32::from_str_radix(body, 8).ok()
            } else {
                None
            };
            code.and_then(char::from_u32)
                .unwrap_or_else(|| body.chars().next().unwrap_or('\\'))
        }
    }
}

/// A PO string being assembled from its quoted pieces.
#[derive(Debug, Default)]
struct PoString {
    text: String,
    map: Option<OffsetMap>,
}

impl PoString {
    /// Appends the piece whose content (inside the quotes) is `raw`, at `offset`.
    fn push(&mut self, raw: &str, offset: usize) {
        let map = self.map.get_or_insert_with(|| OffsetMap::shifted(offset));
        map.record(self.text.len(), offset);
        let mut rest = raw;
        let mut position = offset;
        while let Some(backslash) = rest.find('\\') {
            self.text.push_str(&rest[..backslash]);
            position += backslash;
            rest = &rest[backslash..];
            let len = escape_len(rest).min(rest.len());
            map.record(self.text.len(), position);
            self.text.push(unescape(&rest[..len]));
            position += len;
            rest = &rest[len..];
            map.record(self.text.len(), position);
        }
        self.text.push_str(rest);
    }

    fn into_segment(self) -> Option<Segment<'static>> {
        Some(Segment {
            map: self.map?,
            text: Cow::Owned(self.text),
            escaping: Escaping::PoString,
        })
    }
}

/// Which string of an entry a line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Context,
    Id,
    IdPlural,
    Str(usize),
}

#[derive(Debug, Default)]
struct Entry {
    id: PoString,
    id_plural: PoString,
    strs: Vec<(usize, PoString)>,
    has_id: bool,
    obsolete: bool,
}

impl Entry {
    fn flush(self, pairs: &mut Vec<SegmentPair<'static>>) {
        if !self.has_id || self.obsolete || self.id.text.is_empty() {
            return; // the header entry, or nothing
        }
        let Entry {
            id,
            id_plural,
            strs,
            ..
        } = self;
        let id_text = id.text.clone();
        let id_map = id.map.clone();
        let plural_text = id_plural.text.clone();
        let plural_map = id_plural.map.clone();
        for (index, string) in strs {
            if string.text.trim().is_empty() {
                continue;
            }
            let (text, map) = if index > 0 && plural_map.is_some() {
                (plural_text.clone(), plural_map.clone())
            } else {
                (id_text.clone(), id_map.clone())
            };
            let source = PoString { text, map }.into_segment();
            if let Some(target) = string.into_segment() {
                pairs.push(SegmentPair { source, target });
            }
        }
    }
}

/// The content range of the quoted string that `line` (at `offset`) holds
/// after its keyword, or `None` when it is malformed.
fn quoted(line: &str, offset: usize) -> Option<Range<usize>> {
    let open = line.find('"')?;
    let close = line.trim_end().len().checked_sub(1)?;
    if close <= open || line.as_bytes().get(close) != Some(&b'"') {
        return None;
    }
    // The closing quote must not be escaped.
    let inner = &line[open + 1..close];
    let trailing_backslashes = inner.bytes().rev().take_while(|&b| b == b'\\').count();
    if trailing_backslashes % 2 == 1 {
        return None;
    }
    Some(offset + open + 1..offset + close)
}

/// The msgid/msgstr pairs of a PO document.
pub(super) fn pairs(document: &Document) -> Result<Vec<SegmentPair<'static>>> {
    let text = document.text.as_str();
    let mut pairs = Vec::new();
    let mut entry = Entry::default();
    let mut field: Option<Field> = None;
    let mut offset = 0;
    for raw_line in text.split_inclusive('\n') {
        let line_offset = offset;
        offset += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.is_empty() {
            std::mem::take(&mut entry).flush(&mut pairs);
            field = None;
            continue;
        }
        if let Some(obsolete) = trimmed.strip_prefix("#~") {
            if !obsolete.trim().is_empty() {
                entry.obsolete = true;
            }
            continue;
        }
        if trimmed.starts_with('#') {
            continue;
        }
        let (keyword, rest) = match trimmed.find(|c: char| c.is_whitespace() || c == '"') {
            Some(split) => trimmed.split_at(split),
            None => (trimmed, ""),
        };
        let rest_offset = line_offset + indent + keyword.len();
        let next_field = match keyword {
            "" => field,
            "msgctxt" => Some(Field::Context),
            "msgid" => Some(Field::Id),
            "msgid_plural" => Some(Field::IdPlural),
            "msgstr" => Some(Field::Str(0)),
            _ => keyword
                .strip_prefix("msgstr[")
                .and_then(|n| n.strip_suffix(']'))
                .and_then(|n| n.parse().ok())
                .map(Field::Str),
        };
        let Some(next_field) = next_field else {
            return Err(document.format_error(
                line_offset + indent,
                format!("unexpected {keyword:?} in a PO file"),
            ));
        };
        // A new msgctxt or msgid after a msgstr starts the next entry.
        if !keyword.is_empty()
            && matches!(next_field, Field::Context | Field::Id)
            && !entry.strs.is_empty()
        {
            std::mem::take(&mut entry).flush(&mut pairs);
        }
        let Some(content) = quoted(rest, rest_offset) else {
            return Err(document.format_error(rest_offset, "expected a quoted string"));
        };
        let raw = &text[content.clone()];
        match next_field {
            Field::Context => {}
            Field::Id => {
                entry.has_id = true;
                entry.id.push(raw, content.start);
            }
            Field::IdPlural => entry.id_plural.push(raw, content.start),
            Field::Str(index) => {
                if !keyword.is_empty() || entry.strs.last().is_none_or(|(last, _)| *last != index) {
                    entry.strs.push((index, PoString::default()));
                }
                if let Some((_, string)) = entry.strs.last_mut() {
                    string.push(raw, content.start);
                }
            }
        }
        field = Some(next_field);
    }
    entry.flush(&mut pairs);
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_line_strings_plurals_and_escapes() {
        let text = "msgid \"\"\nmsgstr \"Content-Type: text/plain\\n\"\n\n#: a.c:1\nmsgctxt \"news\"\nmsgid \"坚持\"\n\"八八战略\"\nmsgstr \"\"\n\"uphold the \\\"88th \"\n\"Strategy\\\"\"\n\nmsgid \"第九届\"\nmsgid_plural \"第九届\"\nmsgstr[0] \"Ninth\"\nmsgstr[1] \"Ninths\"\n";
        let document = Document::from_text("t.po", text.to_owned());
        let pairing = document
            .segment_pairs()
            .unwrap_or_else(|error| panic!("{error}"));
        let found: Vec<(String, String)> = pairing
            .pairs
            .iter()
            .map(|p| {
                (
                    p.source
                        .as_ref()
                        .map(|s| s.text.to_string())
                        .unwrap_or_default(),
                    p.target.text.to_string(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "坚持八八战略".to_owned(),
                    "uphold the \"88th Strategy\"".to_owned()
                ),
                ("第九届".to_owned(), "Ninth".to_owned()),
                ("第九届".to_owned(), "Ninths".to_owned()),
            ]
        );
        // "88th" maps back into the file.
        let target = &pairing.pairs[0].target;
        let start = target.map.start_of(target.text.find("88th").unwrap_or(0));
        assert_eq!(&text[start..start + 4], "88th");
        let quote = target.map.start_of(target.text.len() - 1);
        assert_eq!(&text[quote..quote + 2], "\\\"");
    }

    #[test]
    fn malformed_string_is_a_located_error() {
        let document = Document::from_text("t.po", "msgid \"a\"\nmsgstr \"b\n".to_owned());
        let error = document
            .segment_pairs()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.starts_with("t.po:2:"), "{error}");
    }
}
