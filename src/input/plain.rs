//! Plain text: one target segment, or paragraph pairs with a source document.

use std::borrow::Cow;
use std::ops::Range;

use super::{Document, Escaping, Pairing, PairingScope, Segment, SegmentPair};
use crate::text::OffsetMap;

/// The byte ranges of the paragraphs of `text`: runs of lines that hold
/// something other than whitespace, separated by blank lines.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut paragraphs = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(paragraph) = current.take() {
                paragraphs.push(paragraph);
            }
        } else {
            let end = line_start + content.len();
            current = Some(current.map_or(line_start..end, |paragraph| paragraph.start..end));
        }
        line_start = line_end;
    }
    paragraphs.extend(current);
    paragraphs
}

fn segment(text: &str, range: Range<usize>) -> Segment<'_> {
    Segment {
        text: Cow::Borrowed(&text[range.clone()]),
        map: OffsetMap::shifted(range.start),
        escaping: Escaping::None,
    }
}

/// The pairs of a plain-text document: the whole text alone; with a source
/// document, paragraph by paragraph, or the whole source against the whole
/// target when the paragraph counts differ.
pub(super) fn pairs(document: &Document) -> Pairing<'_> {
    let whole = |source| SegmentPair {
        source,
        target: segment(&document.text, 0..document.text.len()),
    };
    let Some(source) = &document.source else {
        return Pairing {
            pairs: vec![whole(None)],
            scope: PairingScope::Segments,
        };
    };
    let source_paragraphs = paragraphs(&source.text);
    let target_paragraphs = paragraphs(&document.text);
    if source_paragraphs.len() != target_paragraphs.len() {
        return Pairing {
            pairs: vec![whole(Some(segment(&source.text, 0..source.text.len())))],
            scope: PairingScope::WholeDocument {
                source_paragraphs: source_paragraphs.len(),
                target_paragraphs: target_paragraphs.len(),
            },
        };
    }
    Pairing {
        pairs: source_paragraphs
            .into_iter()
            .zip(target_paragraphs)
            .map(|(source_range, target_range)| SegmentPair {
                source: Some(segment(&source.text, source_range)),
                target: segment(&document.text, target_range),
            })
            .collect(),
        scope: PairingScope::Segments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_separated_by_blank_lines() {
        let text = "first line\nstill first\n\n  \r\nsecond\r\n\n\nthird";
        let found: Vec<&str> = paragraphs(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["first line\nstill first", "second", "third"]);
        assert!(paragraphs("\n \n").is_empty());
    }
}
