//! Decoding file bytes to text: UTF-8 (with or without BOM), UTF-16 with a
//! BOM, and GB18030/GBK Chinese text that is not UTF-8; and encoding back.

use std::fmt;

use super::BINARY_SNIFF_BYTES;

/// The encoding a file was read in; `--write` writes it back the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8 {
        /// Whether the file starts with a UTF-8 BOM.
        bom: bool,
    },
    /// UTF-16 little-endian with a BOM.
    Utf16Le,
    /// UTF-16 big-endian with a BOM.
    Utf16Be,
    /// GB18030 (a superset of GBK and GB2312).
    Gb18030,
}

impl fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Utf8 { bom: false } => "UTF-8",
            Self::Utf8 { bom: true } => "UTF-8 with BOM",
            Self::Utf16Le => "UTF-16LE",
            Self::Utf16Be => "UTF-16BE",
            Self::Gb18030 => "GB18030",
        })
    }
}

impl TextEncoding {
    /// Parses an encoding name as given to `--encoding`.
    pub fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Some(Self::Utf8 { bom: false }),
            "utf-8-bom" | "utf-8-sig" => Some(Self::Utf8 { bom: true }),
            "utf-16le" | "utf-16" => Some(Self::Utf16Le),
            "utf-16be" => Some(Self::Utf16Be),
            "gb18030" | "gbk" | "gb2312" => Some(Self::Gb18030),
            _ => None,
        }
    }

    /// Whether every text decoded from this encoding encodes back to the very
    /// same bytes: true of UTF-8 (decoded strictly, BOM kept). GB18030 maps a
    /// few legacy byte sequences (a lone 0x80, for one) to characters that
    /// encode differently, and UTF-16 read with `--encoding` may lack the BOM
    /// that writing adds, so those are compared byte for byte.
    pub fn round_trips_exactly(self) -> bool {
        matches!(self, Self::Utf8 { .. })
    }

    /// `text` encoded for writing, with the BOM the file had.
    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Self::Utf8 { bom } => {
                let mut bytes = Vec::with_capacity(text.len() + 3);
                if bom {
                    bytes.extend_from_slice(b"\xEF\xBB\xBF");
                }
                bytes.extend_from_slice(text.as_bytes());
                bytes
            }
            Self::Utf16Le => std::iter::once(0xFEFF_u16)
                .chain(text.encode_utf16())
                .flat_map(u16::to_le_bytes)
                .collect(),
            Self::Utf16Be => std::iter::once(0xFEFF_u16)
                .chain(text.encode_utf16())
                .flat_map(u16::to_be_bytes)
                .collect(),
            Self::Gb18030 => encoding_rs::GB18030.encode(text).0.into_owned(),
        }
    }
}

/// Decodes `bytes`. `Ok(None)` means the file is binary (a NUL byte in its
/// first 8 KiB and no UTF-16 BOM). `Err((offset, message))` names the first
/// byte that could not be decoded.
pub fn decode(
    bytes: &[u8],
    forced: Option<TextEncoding>,
) -> Result<Option<(String, TextEncoding)>, (usize, String)> {
    let detected = forced.or_else(|| {
        if bytes.starts_with(b"\xFF\xFE") {
            Some(TextEncoding::Utf16Le)
        } else if bytes.starts_with(b"\xFE\xFF") {
            Some(TextEncoding::Utf16Be)
        } else if bytes.starts_with(b"\xEF\xBB\xBF") {
            Some(TextEncoding::Utf8 { bom: true })
        } else {
            None
        }
    });
    match detected {
        Some(TextEncoding::Utf8 { .. }) => {
            let bom = bytes.starts_with(b"\xEF\xBB\xBF");
            let body = if bom { &bytes[3..] } else { bytes };
            decode_utf8(body, usize::from(bom) * 3)
                .map(|text| Some((text, TextEncoding::Utf8 { bom })))
        }
        Some(encoding @ (TextEncoding::Utf16Le | TextEncoding::Utf16Be)) => {
            let has_bom = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
            let body = if has_bom { &bytes[2..] } else { bytes };
            let decoder = if encoding == TextEncoding::Utf16Le {
                encoding_rs::UTF_16LE
            } else {
                encoding_rs::UTF_16BE
            };
            match decoder.decode_without_bom_handling_and_without_replacement(body) {
                Some(text) => Ok(Some((text.into_owned(), encoding))),
                None => Err((
                    first_bad_utf16(body, encoding) + usize::from(has_bom) * 2,
                    format!("not valid {encoding}"),
                )),
            }
        }
        Some(TextEncoding::Gb18030) => {
            match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
                Some(text) => Ok(Some((text.into_owned(), TextEncoding::Gb18030))),
                None => Err((first_bad_gb18030(bytes), "not valid GB18030".to_owned())),
            }
        }
        None => {
            if bytes[..bytes.len().min(BINARY_SNIFF_BYTES)].contains(&0) {
                return Ok(None);
            }
            match decode_utf8(bytes, 0) {
                Ok(text) => Ok(Some((text, TextEncoding::Utf8 { bom: false }))),
                Err(utf8_error) => match looks_like_chinese_gb18030(bytes) {
                    Some(text) => Ok(Some((text, TextEncoding::Gb18030))),
                    None => Err(utf8_error),
                },
            }
        }
    }
}

fn decode_utf8(bytes: &[u8], base: usize) -> Result<String, (usize, String)> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(error) => Err((
            base + error.valid_up_to(),
            "invalid UTF-8 (and not GB18030 or UTF-16 text either; use --encoding to name the encoding)".to_owned(),
        )),
    }
}

/// GB18030 text that decodes without error and is mostly Chinese; random
/// bytes that happen to decode are not taken for Chinese.
fn looks_like_chinese_gb18030(bytes: &[u8]) -> Option<String> {
    let text = encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)?
        .into_owned();
    let non_ascii = text.chars().filter(|c| !c.is_ascii()).count();
    let chinese = text
        .chars()
        .filter(|&c| {
            crate::rules::untranslated::is_cjk_ideograph(c)
                || ('\u{3000}'..='\u{303F}').contains(&c)
                || ('\u{FF00}'..='\u{FFEF}').contains(&c)
        })
        .count();
    (non_ascii > 0 && chinese * 10 >= non_ascii * 9).then_some(text)
}

fn first_bad_utf16(body: &[u8], encoding: TextEncoding) -> usize {
    let units: Vec<u16> = body
        .chunks(2)
        .map(|pair| match (pair, encoding) {
            ([a, b], TextEncoding::Utf16Le) => u16::from_le_bytes([*a, *b]),
            ([a, b], _) => u16::from_be_bytes([*a, *b]),
            _ => 0xDC00, // a dangling odd byte: report it like a lone surrogate
        })
        .collect();
    let mut offset = 0;
    for decoded in char::decode_utf16(units.iter().copied()) {
        match decoded {
            Ok(c) => offset += c.len_utf16() * 2,
            Err(_) => return offset,
        }
    }
    offset.min(body.len())
}

fn first_bad_gb18030(bytes: &[u8]) -> usize {
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let mut output = String::with_capacity(bytes.len() * 3 + 16);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut output, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, _) => read.saturating_sub(usize::from(bad)),
        _ => read,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(bytes: &[u8]) -> (String, TextEncoding) {
        decode(bytes, None)
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("{bytes:?} did not decode"))
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            round_trip(b"abc"),
            ("abc".to_owned(), TextEncoding::Utf8 { bom: false })
        );
        let (text, encoding) = round_trip(b"\xEF\xBB\xBFabc");
        assert_eq!(
            (text.as_str(), encoding),
            ("abc", TextEncoding::Utf8 { bom: true })
        );
        assert_eq!(encoding.encode(&text), b"\xEF\xBB\xBFabc");
    }

    #[test]
    fn utf8_round_trips_exactly() {
        for bytes in [&b"plain"[..], b"\xEF\xBB\xBFwith bom", "中文".as_bytes()] {
            let (text, encoding) = round_trip(bytes);
            assert!(encoding.round_trips_exactly());
            assert_eq!(encoding.encode(&text), bytes);
        }
        assert!(!TextEncoding::Gb18030.round_trips_exactly());
    }

    #[test]
    fn utf16_with_bom_round_trips() {
        let original = TextEncoding::Utf16Le.encode("八八 strategy");
        let (text, encoding) = round_trip(&original);
        assert_eq!(text, "八八 strategy");
        assert_eq!(encoding.encode(&text), original);
        let original = TextEncoding::Utf16Be.encode("x");
        assert_eq!(round_trip(&original).1, TextEncoding::Utf16Be);
    }

    #[test]
    fn gb18030_chinese_is_detected() {
        let bytes = TextEncoding::Gb18030.encode("坚持和深化八八战略");
        let (text, encoding) = round_trip(&bytes);
        assert_eq!(
            (text.as_str(), encoding),
            ("坚持和深化八八战略", TextEncoding::Gb18030)
        );
    }

    #[test]
    fn invalid_bytes_name_the_offset() {
        assert_eq!(decode(b"abc\xFFdef", None).map(|_| ()).unwrap_err().0, 3);
        assert_eq!(decode(b"ok \xC3\x28", None).map(|_| ()).unwrap_err().0, 3);
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00", None), Ok(None));
    }
}
