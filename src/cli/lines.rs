//! Line and column numbers for output: byte offsets are the core's positions, people and
//! dashboards read `line:column`.

use crate::analysis::layout::BYTE_ORDER_MARK;
use crate::analysis::span::floor_char_boundary;

/// The start offsets of a text's lines, built once per file so that each position is a binary
/// search instead of a scan from the start.
///
/// Lines end at `\n`; a `\r` before it belongs to the line ending, not to the line's text.
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the first byte of each line; `starts[0] == 0`.
    starts: Vec<usize>,
    /// The number of characters before each [`BLOCK`]-byte block: a column is then counted over at
    /// most one block, however long the line (a draft may be one 10 MB paragraph).
    chars_before_block: Vec<usize>,
    /// The text starts with a byte order mark, which is not counted as a column (SARIF §3.30.2:
    /// line and column numbers leave it out; byte offsets keep it, true to the file).
    byte_order_mark: usize,
}

const BLOCK: usize = 4096;

/// A 1-based line and column. The column counts characters (Unicode scalar values), as the JSON
/// contract and SARIF's `unicodeCodePoints` column kind do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = Vec::with_capacity(text.len() / 64 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut chars_before_block = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut n_chars = 0;
        for block in text.as_bytes().chunks(BLOCK) {
            chars_before_block.push(n_chars);
            n_chars += count_char_starts(block);
        }
        chars_before_block.push(n_chars);
        let byte_order_mark = if text.starts_with(BYTE_ORDER_MARK) { BYTE_ORDER_MARK.len_utf8() } else { 0 };
        LineIndex {
            text,
            starts,
            chars_before_block,
            byte_order_mark,
        }
    }

    /// 0-based index of the line holding `offset` (clamped to the text).
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Line and column of a byte offset. An offset past the end, or inside a character, is moved
    /// back to the nearest character boundary: output never fails on a bad position.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = floor_char_boundary(self.text, offset);
        let line = self.line_of(offset);
        let mut column = self.chars_before(offset) - self.chars_before(self.starts[line]) + 1;
        if line == 0 && self.byte_order_mark > 0 && offset >= self.byte_order_mark {
            column -= 1;
        }
        LineCol { line: line + 1, column }
    }

    /// Characters before a character boundary.
    fn chars_before(&self, offset: usize) -> usize {
        let block = offset / BLOCK;
        self.chars_before_block[block] + count_char_starts(&self.text.as_bytes()[block * BLOCK..offset])
    }

    /// The text of the line holding `offset`, without its line ending, and the line's start offset.
    pub fn line_text(&self, offset: usize) -> (&'a str, usize) {
        let offset = floor_char_boundary(self.text, offset);
        let line = self.line_of(offset);
        let start = self.starts[line];
        let end = self.starts.get(line + 1).map_or(self.text.len(), |&next| next - 1);
        let text = &self.text[start..end];
        (text.strip_suffix('\r').unwrap_or(text), start)
    }
}

/// Characters starting in a slice of UTF-8: every byte that is not a continuation byte.
fn count_char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_character_columns() {
        let text = "ab\r\nçé x\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(index.line_col(4), LineCol { line: 2, column: 1 });
        // `x` comes after two two-byte characters and a space.
        assert_eq!(index.line_col(text.find('x').unwrap()), LineCol { line: 2, column: 4 });
        assert_eq!(index.line_col(text.len()), LineCol { line: 3, column: 5 });
        assert_eq!(index.line_text(1), ("ab", 0));
        assert_eq!(index.line_text(text.len()), ("last", text.find("last").unwrap()));
    }

    #[test]
    fn columns_on_long_lines_cross_blocks() {
        // Two-byte characters put block boundaries inside characters.
        let text = format!("x\n{}", "é".repeat(3 * BLOCK));
        let index = LineIndex::new(&text);
        for n in [0, 1, BLOCK / 2, BLOCK, 3 * BLOCK - 1, 3 * BLOCK] {
            assert_eq!(index.line_col(2 + 2 * n), LineCol { line: 2, column: n + 1 }, "{n}");
        }
    }

    #[test]
    fn bad_offsets_are_clamped_not_fatal() {
        let text = "é";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(1), LineCol { line: 1, column: 1 });
        assert_eq!(index.line_col(99), LineCol { line: 1, column: 2 });
    }

    #[test]
    fn a_byte_order_mark_is_no_column_but_keeps_its_bytes() {
        let text = "\u{FEFF}MOSCOW, March 29.\nNext";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(3), LineCol { line: 1, column: 1 });
        assert_eq!(index.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(index.line_col(text.find("Next").unwrap()), LineCol { line: 2, column: 1 });
    }

    #[test]
    fn empty_text_has_one_line() {
        let index = LineIndex::new("");
        assert_eq!(index.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(index.line_text(0), ("", 0));
    }
}
