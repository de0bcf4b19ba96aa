//! Markdown prose segments: the text a reader reads, without code, URLs,
//! HTML, comments or front matter.
//!
//! pulldown-cmark's offset iterator gives each text node's byte range in the
//! file. A segment is always a verbatim slice of the file (its map is a plain
//! shift), so spans and fixes land on exactly the bytes that were checked.
//! Consecutive text nodes of one block are joined into one segment when only
//! whitespace lies between them (a soft line break), so a term broken across
//! lines is still found; anything else between them (emphasis markers, a
//! blockquote's `>`, a link) ends the segment, so a fix never swallows markup.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::{Escaping, Segment};
use crate::text::OffsetMap;

/// The prose segments of a Markdown document, in document order.
pub fn prose_segments(text: &str) -> Vec<Segment<'_>> {
    prose_ranges(text)
        .into_iter()
        .map(|range| Segment {
            map: OffsetMap::shifted(range.start),
            text: Cow::Borrowed(&text[range]),
            escaping: Escaping::None,
        })
        .collect()
}

/// Replaces every byte of `segment` that lies outside `prose` (byte ranges
/// of the document) with a line break. Lengths and offsets are unchanged, so
/// the segment's map still holds; a run of line breaks is a paragraph break to
/// the matcher, so no phrase is found in, or across, code, URLs or HTML.
pub fn mask_non_prose(segment: &mut Segment<'_>, prose: &[Range<usize>]) {
    let start = segment.map.start_of(0);
    let text = segment.text.as_bytes();
    let mut masked = vec![b'\n'; text.len()];
    for range in prose {
        let from = range.start.max(start);
        let to = range.end.min(start + text.len());
        if from < to {
            masked[from - start..to - start].copy_from_slice(&text[from - start..to - start]);
        }
    }
    for (index, byte) in text.iter().enumerate() {
        if *byte == b'\n' || *byte == b'\r' {
            masked[index] = *byte;
        }
    }
    // Prose ranges are char-aligned slices of the document, and every other
    // byte became ASCII: the result is valid UTF-8.
    if let Ok(masked) = String::from_utf8(masked) {
        segment.text = Cow::Owned(masked);
    }
}

/// Byte ranges of the prose of `text`.
pub fn prose_ranges(text: &str) -> Vec<Range<usize>> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut current: Option<Range<usize>> = None;
    // Depth of constructs whose text is not prose (code blocks, front
    // matter, HTML blocks, autolinks).
    let mut skipped = 0usize;
    let flush = |current: &mut Option<Range<usize>>, ranges: &mut Vec<Range<usize>>| {
        if let Some(range) = current.take() {
            if !text[range.clone()].trim().is_empty() {
                ranges.push(range);
            }
        }
    };
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Text(_) if skipped == 0 => {
                let range = range.start.min(text.len())..range.end.min(text.len());
                match &mut current {
                    Some(open) if text.get(open.end..range.start).is_some_and(is_blank) => {
                        open.end = range.end;
                    }
                    _ => {
                        flush(&mut current, &mut ranges);
                        current = Some(range);
                    }
                }
            }
            // Line breaks inside a block keep the segment open; whether the
            // next text joins it is decided by what lies between.
            Event::SoftBreak | Event::HardBreak => {}
            Event::Start(tag) => {
                flush(&mut current, &mut ranges);
                if is_not_prose(&tag) {
                    skipped += 1;
                }
            }
            Event::End(tag) => {
                flush(&mut current, &mut ranges);
                if ends_not_prose(tag) {
                    skipped = skipped.saturating_sub(1);
                }
            }
            _ => flush(&mut current, &mut ranges),
        }
    }
    flush(&mut current, &mut ranges);
    ranges
}

fn is_blank(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

fn is_not_prose(tag: &Tag<'_>) -> bool {
    match tag {
        Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock => true,
        Tag::Link { link_type, .. } => matches!(link_type, LinkType::Autolink | LinkType::Email),
        _ => false,
    }
}

fn ends_not_prose(tag: TagEnd) -> bool {
    // Links end the same way whatever their type; a skipped autolink is the
    // only link that can be open while `skipped > 0` began at a link, and
    // links do not nest, so the depth stays right.
    matches!(
        tag,
        TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str) -> Vec<&str> {
        prose_ranges(text)
            .into_iter()
            .map(|range| &text[range])
            .collect()
    }

    #[test]
    fn code_urls_html_and_front_matter_are_not_prose() {
        let text = "---\ntitle: 88th Strategy\n---\n\n# Heading\n\nSee [the 88th Strategy](http://x/88th-Strategy) and `88th Strategy`.\n\n```\n88th Strategy\n```\n\n    indented 88th Strategy\n\n<!-- 88th Strategy -->\n\n![alt text](img/88th.png) <https://88th.example>\n";
        assert_eq!(
            prose(text),
            vec![
                "Heading",
                "See ",
                "the 88th Strategy",
                " and ",
                ".",
                "alt text",
                " "
            ]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
        );
    }

    #[test]
    fn soft_line_breaks_join_but_markup_splits() {
        let text = "the 88th\nStrategy and *more* text\n\n> quoted 88th\n> Strategy\n";
        assert_eq!(
            prose(text),
            vec![
                "the 88th\nStrategy and ",
                "more",
                " text",
                "quoted 88th",
                "Strategy"
            ]
        );
    }
}
