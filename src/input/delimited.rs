//! Two-column TSV and CSV files: a zh column and an en column, with an
//! optional header row naming them.
//!
//! The csv crate reads the records (and rejects malformed ones with their
//! position); each record's fields are then located in the file bytes, so a
//! quoted field's doubled quotes map back exactly and a fix is written with
//! the field's own quoting.

use std::borrow::Cow;
use std::ops::Range;

use super::{Document, Escaping, Segment, SegmentPair};
use crate::error::Result;
use crate::text::OffsetMap;

/// Where a field lies in the file.
#[derive(Debug, Clone)]
struct RawField {
    /// The field's content, without its quotes.
    content: Range<usize>,
    quoted: bool,
}

/// Header names of a Chinese column.
fn is_zh_header(name: &str) -> bool {
    let name = name.trim().to_lowercase();
    name.starts_with("zh") || ["chinese", "source", "中文", "原文", "源文"].contains(&name.as_str())
}

/// Header names of an English column.
fn is_en_header(name: &str) -> bool {
    let name = name.trim().to_lowercase();
    name.starts_with("en") || ["english", "target", "英文", "译文"].contains(&name.as_str())
}

/// Locates the fields of the record that starts at `start`.
fn raw_fields(text: &str, start: usize, delimiter: u8, quoting: bool) -> Vec<RawField> {
    let bytes = text.as_bytes();
    let is_end = |b: u8| b == delimiter || b == b'\n' || b == b'\r';
    let mut fields = Vec::new();
    let mut index = start;
    // A record position may point at the line break that ended the last one.
    while bytes.get(index).is_some_and(|&b| b == b'\n' || b == b'\r') {
        index += 1;
    }
    loop {
        if quoting && bytes.get(index) == Some(&b'"') {
            let content_start = index + 1;
            let mut end = content_start;
            loop {
                match bytes.get(end) {
                    None => break,
                    Some(b'"') if bytes.get(end + 1) == Some(&b'"') => end += 2,
                    Some(b'"') => break,
                    Some(_) => end += 1,
                }
            }
            fields.push(RawField {
                content: content_start..end.min(bytes.len()),
                quoted: true,
            });
            index = end + 1;
            while bytes.get(index).is_some_and(|&b| !is_end(b)) {
                index += 1;
            }
        } else {
            let content_start = index;
            while bytes.get(index).is_some_and(|&b| !is_end(b)) {
                index += 1;
            }
            fields.push(RawField {
                content: content_start..index,
                quoted: false,
            });
        }
        if bytes.get(index) == Some(&delimiter) {
            index += 1;
        } else {
            return fields;
        }
    }
}

fn segment(text: &str, field: &RawField, delimiter: u8, quoting: bool) -> Option<Segment<'static>> {
    let raw = text.get(field.content.clone())?;
    if !field.quoted {
        return Some(Segment {
            text: Cow::Owned(raw.to_owned()),
            map: OffsetMap::shifted(field.content.start),
            escaping: Escaping::Unquoted {
                delimiter: char::from(delimiter),
                quoting,
            },
        });
    }
    let mut decoded = String::with_capacity(raw.len());
    let mut map = OffsetMap::shifted(field.content.start);
    let mut rest = raw;
    let mut offset = field.content.start;
    while let Some(quote) = rest.find("\"\"") {
        decoded.push_str(&rest[..=quote]);
        offset += quote + 2;
        map.record(decoded.len(), offset);
        rest = &rest[quote + 2..];
    }
    decoded.push_str(rest);
    Some(Segment {
        text: Cow::Owned(decoded),
        map,
        escaping: Escaping::CsvQuoted,
    })
}

/// The zh/en pairs of a TSV (`delimiter` tab, no quoting) or CSV file.
pub(super) fn pairs(document: &Document, delimiter: u8) -> Result<Vec<SegmentPair<'static>>> {
    let text = &document.text;
    let quoting = delimiter != b'\t';
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .quoting(quoting)
        .from_reader(text.as_bytes());
    let mut record = csv::ByteRecord::new();
    let mut columns = (0, 1);
    let mut pairs = Vec::new();
    let mut first = true;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                let offset = error
                    .position()
                    .map_or(0, |position| position.byte() as usize);
                return Err(document.format_error(offset, format!("malformed record: {error}")));
            }
        }
        let start = record
            .position()
            .map_or(0, |position| position.byte() as usize);
        let fields = raw_fields(text, start, delimiter, quoting);
        if std::mem::take(&mut first) {
            let names: Vec<&str> = fields
                .iter()
                .map(|f| text.get(f.content.clone()).unwrap_or(""))
                .collect();
            let zh = names.iter().position(|name| is_zh_header(name));
            let en = names.iter().position(|name| is_en_header(name));
            if let (Some(zh), Some(en)) = (zh, en) {
                columns = (zh, en);
                continue;
            }
        }
        let (Some(source), Some(target)) = (fields.get(columns.0), fields.get(columns.1)) else {
            continue;
        };
        let (Some(source), Some(target)) = (
            segment(text, source, delimiter, quoting),
            segment(text, target, delimiter, quoting),
        ) else {
            continue;
        };
        if target.text.trim().is_empty() {
            continue;
        }
        pairs.push(SegmentPair {
            source: Some(source),
            target,
        });
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(name: &str, text: &str) -> Vec<(String, String)> {
        let document = Document::from_text(name, text.to_owned());
        let pairing = document
            .segment_pairs()
            .unwrap_or_else(|error| panic!("{error}"));
        pairing
            .pairs
            .iter()
            .map(|pair| {
                let target = &pair.target;
                let end = target.map.start_of(target.text.len());
                (
                    target.text.to_string(),
                    text[target.map.start_of(0)..end].to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn csv_with_header_and_quoted_fields() {
        let text = "en,zh\n\"the \"\"8-8\"\" Strategy\",八八战略\nplain,中文\n";
        assert_eq!(
            targets("t.csv", text),
            [
                (
                    "the \"8-8\" Strategy".to_owned(),
                    "the \"\"8-8\"\" Strategy".to_owned()
                ),
                ("plain".to_owned(), "plain".to_owned()),
            ]
        );
    }

    #[test]
    fn tsv_without_header() {
        let text = "八八战略\tthe \"88th Strategy\"\r\n共同富裕\tcommon prosperity";
        assert_eq!(targets("t.tsv", text)[0].0, "the \"88th Strategy\"");
        assert_eq!(targets("t.tsv", text)[1].0, "common prosperity");
    }
}
