//! Line and column lookup for byte offsets of a document.

/// A position whose 0-based column is known, to count the next one from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnCursor {
    /// 0-based line.
    pub line: usize,
    /// Byte offset.
    pub offset: usize,
    /// 0-based column, in characters.
    pub column: usize,
}

/// The byte offsets at which each line of a text starts.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the lines of `text` (a line ends after `\n`; a lone `\r` ends one too).
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        // memchr jumps between line ends instead of testing every byte.
        for offset in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let ends_line = bytes[offset] == b'\n' || bytes.get(offset + 1) != Some(&b'\n');
            if ends_line {
                line_starts.push(offset + 1);
            }
        }
        Self { line_starts }
    }

    /// 1-based line and 1-based column (counted in characters) of `offset`.
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        let line_start = self.line_starts[line];
        let offset = offset.min(text.len()).max(line_start);
        let column = text
            .get(line_start..offset)
            .map_or(0, |s| s.chars().count());
        (line + 1, column + 1)
    }

    /// [`LineIndex::line_column`] that counts from `cursor` (the last
    /// position asked for) when `offset` lies after it on the same line, so
    /// that locating many findings on one very long line stays linear.
    pub fn line_column_after(
        &self,
        text: &str,
        offset: usize,
        cursor: &mut Option<ColumnCursor>,
    ) -> (usize, usize) {
        let line = self.line_of(offset);
        let offset = offset.min(text.len()).max(self.line_starts[line]);
        let (from, column) = match *cursor {
            Some(ColumnCursor {
                line: cursor_line,
                offset: cursor_offset,
                column,
            }) if cursor_line == line && cursor_offset <= offset => (cursor_offset, column),
            _ => (self.line_starts[line], 0),
        };
        let column = column + text.get(from..offset).map_or(0, |s| s.chars().count());
        *cursor = Some(ColumnCursor {
            line,
            offset,
            column,
        });
        (line + 1, column + 1)
    }

    /// 0-based index of the line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// Byte range of 0-based line `line`, without its line terminator.
    pub fn line_span(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.line_starts.get(line).copied().unwrap_or(text.len());
        let mut end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(text.len());
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_character_columns() {
        let text = "ab\r\n“cd” e\rf";
        let index = LineIndex::new(text);
        assert_eq!(index.line_column(text, 0), (1, 1));
        let e = text.find('e').unwrap_or_default();
        assert_eq!(index.line_column(text, e), (2, 6));
        let f = text.find('f').unwrap_or_default();
        assert_eq!(index.line_column(text, f), (3, 1));
        let mut cursor = None;
        for offset in [0, 1, e, f, e, 0] {
            assert_eq!(
                index.line_column_after(text, offset, &mut cursor),
                index.line_column(text, offset)
            );
        }
        assert_eq!(&text[index.line_span(text, 0)], "ab");
        assert_eq!(&text[index.line_span(text, 1)], "“cd” e");
    }

    #[test]
    fn line_starts_match_the_byte_by_byte_rule() {
        for text in ["", "\r", "\n", "a\r\r\nb\n\nc\r", "\r\n\r\n", "x\ry\r\nz"] {
            let bytes = text.as_bytes();
            let mut expected = vec![0];
            for (offset, &byte) in bytes.iter().enumerate() {
                if byte == b'\n' || (byte == b'\r' && bytes.get(offset + 1) != Some(&b'\n')) {
                    expected.push(offset + 1);
                }
            }
            assert_eq!(LineIndex::new(text).line_starts, expected, "{text:?}");
        }
    }
}
