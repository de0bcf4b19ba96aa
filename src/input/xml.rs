//! XLIFF 1.2/2.0 and TMX 1.4: source and target text of each unit.
//!
//! quick-xml reads the events; each text event's raw bytes are decoded here
//! (entities and character references) so that every decoded character keeps
//! its offset in the file. Inline tags are left out of the text; the content
//! of code elements (`<ph>`, `<bpt>`, `<ept>`, `<it>`, `<ut>`) is not text at
//! all. A unit is flushed at the end of `<trans-unit>` (1.2), `<segment>`
//! (2.0) or `<tu>` (TMX).

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{Document, Escaping, Segment, SegmentPair};
use crate::error::Result;
use crate::text::OffsetMap;

/// Elements whose content is native code, not translatable text.
const CODE_ELEMENTS: &[&[u8]] = &[b"ph", b"bpt", b"ept", b"it", b"ut", b"originalData"];
/// Elements whose `<source>`/`<target>` are not the unit's own.
const SKIPPED_CONTAINERS: &[&[u8]] = &[
    b"alt-trans",
    b"seg-source",
    b"note",
    b"notes",
    b"header",
    b"prop",
];
/// Elements at whose end a source/target pair is complete.
const UNIT_ELEMENTS: &[&[u8]] = &[b"trans-unit", b"segment", b"unit", b"tu"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Source,
    Target,
}

/// Text being collected from one `<source>`, `<target>` or `<seg>`.
struct Capture {
    side: Side,
    element: Vec<u8>,
    text: String,
    map: OffsetMap,
    code_depth: usize,
    /// Whether any of the text came from a CDATA section.
    cdata: bool,
}

impl Capture {
    fn new(side: Side, element: &[u8], content_start: usize) -> Self {
        Self {
            side,
            element: element.to_vec(),
            text: String::new(),
            map: OffsetMap::shifted(content_start),
            code_depth: 0,
            cdata: false,
        }
    }

    /// Appends raw character data found at `offset` of the file.
    fn push_raw(&mut self, raw: &str, offset: usize) {
        self.map.record(self.text.len(), offset);
        decode_entities(raw, offset, &mut self.text, &mut self.map);
    }

    fn into_segment(self) -> Segment<'static> {
        Segment {
            text: Cow::Owned(self.text),
            map: self.map,
            escaping: if self.cdata {
                Escaping::XmlCdata
            } else {
                Escaping::Xml
            },
        }
    }
}

/// Decodes entities and character references of `raw` (found at `offset`)
/// onto `out`, recording where each decoded character came from.
fn decode_entities(raw: &str, offset: usize, out: &mut String, map: &mut OffsetMap) {
    let mut rest = raw;
    let mut position = offset;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        position += amp;
        rest = &rest[amp..];
        let decoded = rest
            .find(';')
            .and_then(|semi| Some((entity(&rest[1..semi])?, semi + 1)));
        match decoded {
            Some((c, len)) => {
                map.record(out.len(), position);
                out.push(c);
                position += len;
                rest = &rest[len..];
                map.record(out.len(), position);
            }
            None => {
                out.push('&');
                position += 1;
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

fn language(element: &BytesStart<'_>) -> Option<String> {
    element.attributes().flatten().find_map(|attribute| {
        let key = attribute.key.as_ref();
        (key == b"xml:lang" || key == b"lang")
            .then(|| String::from_utf8_lossy(&attribute.value).to_lowercase())
    })
}

/// The source/target pairs of an XLIFF or TMX document.
pub(super) fn pairs(document: &Document) -> Result<Vec<SegmentPair<'static>>> {
    let text = document.text.as_str();
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut pairs = Vec::new();
    let mut source: Option<Segment<'static>> = None;
    let mut target: Option<Segment<'static>> = None;
    let mut capture: Option<Capture> = None;
    let mut skip_depth = 0usize;
    let mut tuv_side: Option<Side> = None;
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                let offset = usize::try_from(reader.error_position()).unwrap_or(0);
                return Err(document.format_error(offset, format!("malformed XML: {error}")));
            }
        };
        let after = usize::try_from(reader.buffer_position())
            .unwrap_or(usize::MAX)
            .min(text.len());
        match event {
            Event::Eof => break,
            Event::Start(element) => {
                let name = element.local_name().as_ref().to_vec();
                if let Some(capture) = &mut capture {
                    if CODE_ELEMENTS.contains(&name.as_slice()) {
                        capture.code_depth += 1;
                    }
                } else if SKIPPED_CONTAINERS.contains(&name.as_slice()) {
                    skip_depth += 1;
                } else if skip_depth == 0 {
                    match name.as_slice() {
                        b"source" => capture = Some(Capture::new(Side::Source, &name, after)),
                        b"target" => capture = Some(Capture::new(Side::Target, &name, after)),
                        b"tuv" => {
                            let lang = language(&element).unwrap_or_default();
                            tuv_side = if lang.starts_with("zh") {
                                Some(Side::Source)
                            } else if lang.starts_with("en") {
                                Some(Side::Target)
                            } else {
                                None
                            };
                        }
                        b"seg" => {
                            if let Some(side) = tuv_side {
                                capture = Some(Capture::new(side, &name, after));
                            }
                        }
                        _ => {}
                    }
                }
            }
            Event::End(element) => {
                let name = element.local_name().as_ref().to_vec();
                if let Some(open) = &mut capture {
                    if open.code_depth > 0 && CODE_ELEMENTS.contains(&name.as_slice()) {
                        open.code_depth -= 1;
                    } else if open.code_depth == 0 && open.element == name {
                        if let Some(done) = capture.take() {
                            let slot = if done.side == Side::Source {
                                &mut source
                            } else {
                                &mut target
                            };
                            if slot.is_none() {
                                *slot = Some(done.into_segment());
                            }
                        }
                    }
                } else if SKIPPED_CONTAINERS.contains(&name.as_slice()) {
                    skip_depth = skip_depth.saturating_sub(1);
                } else if name == b"tuv" {
                    tuv_side = None;
                } else if UNIT_ELEMENTS.contains(&name.as_slice()) {
                    // A target without a source is still checked by the
                    // rules that need no source.
                    if let Some(target) = target.take() {
                        if !target.text.trim().is_empty() {
                            pairs.push(SegmentPair {
                                source: source.take(),
                                target,
                            });
                        }
                    }
                    source = None;
                    target = None;
                }
            }
            Event::Text(_) | Event::GeneralRef(_) => {
                if let Some(capture) = capture.as_mut().filter(|capture| capture.code_depth == 0) {
                    if let Some(raw) = text.get(before..after) {
                        capture.push_raw(raw, before);
                    }
                }
            }
            Event::CData(_) => {
                if let Some(capture) = capture.as_mut().filter(|capture| capture.code_depth == 0) {
                    let content = (before + "<![CDATA[".len())..after.saturating_sub("]]>".len());
                    if let Some(raw) = text.get(content.clone()) {
                        capture.map.record(capture.text.len(), content.start);
                        capture.text.push_str(raw);
                        capture.cdata = true;
                    }
                }
            }
            _ => {}
        }
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs_of(name: &str, text: &str) -> Vec<(String, String, String)> {
        let document = Document::from_text(name, text.to_owned());
        let pairing = document
            .segment_pairs()
            .unwrap_or_else(|error| panic!("{error}"));
        pairing
            .pairs
            .iter()
            .map(|pair| {
                let target = &pair.target;
                let start = target.map.start_of(0);
                let end = target.map.start_of(target.text.len());
                let source = pair
                    .source
                    .as_ref()
                    .map(|s| s.text.to_string())
                    .unwrap_or_default();
                (source, target.text.to_string(), text[start..end].to_owned())
            })
            .collect()
    }

    #[test]
    fn xliff_12_inline_tags_and_entities() {
        let text = r#"<?xml version="1.0"?>
<xliff version="1.2"><file source-language="zh-CN" target-language="en"><body>
<trans-unit id="1"><source>坚持“八八战略”</source>
<target>uphold the <g id="1">&quot;88th</g> Strategy<ph id="2">&lt;br/&gt;</ph> &amp; more</target>
<alt-trans><target>ignored</target></alt-trans></trans-unit>
</body></file></xliff>"#;
        let found = pairs_of("t.xlf", text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "坚持“八八战略”");
        assert_eq!(found[0].1, "uphold the \"88th Strategy & more");
        assert!(found[0].2.starts_with("uphold the <g id=\"1\">&quot;88th"));
    }

    #[test]
    fn xliff_20_segments_and_tmx_languages() {
        let xliff = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="en"><file id="f"><unit id="u"><segment><source>第九届</source><target>the <pc id="1">Ninth</pc> session</target></segment></unit></file></xliff>"#;
        assert_eq!(pairs_of("t.xliff", xliff)[0].1, "the Ninth session");
        let tmx = r#"<tmx version="1.4"><header srclang="zh-CN"/><body><tu><tuv xml:lang="en-US"><seg>the <bpt i="1">&lt;b&gt;</bpt>Ninth<ept i="1">&lt;/b&gt;</ept></seg></tuv><tuv xml:lang="zh-CN"><seg>第九届</seg></tuv></tu></body></tmx>"#;
        let found = pairs_of("t.tmx", tmx);
        assert_eq!(
            (found[0].0.as_str(), found[0].1.as_str()),
            ("第九届", "the Ninth")
        );
    }

    #[test]
    fn target_without_a_source_is_still_a_segment() {
        let tmx = r#"<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>the 88th Strategy</seg></tuv></tu><tu><tuv xml:lang="zh"><seg>八八战略</seg></tuv></tu></body></tmx>"#;
        let found = pairs_of("t.tmx", tmx);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].0.as_str(), found[0].1.as_str()),
            ("", "the 88th Strategy")
        );
    }

    #[test]
    fn malformed_xml_is_a_located_error() {
        let document = Document::from_text(
            "bad.xlf",
            "<xliff>\n<trans-unit><source>a</target></xliff>".to_owned(),
        );
        let error = document
            .segment_pairs()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.starts_with("bad.xlf:2:"), "{error}");
    }
}
