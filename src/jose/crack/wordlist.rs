//! Wordlists read in chunks of any size (a 1 GB file is never held whole): the lines come out
//! exactly as a whole-file read ([`lines_of`]) gives them, whatever the chunk boundaries.
//!
//! A line ends at LF; one CR before it is dropped (CRLF files); a last line without a newline
//! counts; an empty line is the empty secret. A UTF-8 byte-order mark at the start of the file is
//! dropped (Windows editors write one). Bytes are kept as they are (secrets are bytes, not
//! necessarily UTF-8). Lines longer than [`MAX_LINE`] are skipped and counted: no secret is that
//! long, and it keeps a file without newlines from being held whole.

use std::ops::ControlFlow;

/// The longest line tried, in bytes (CR included).
pub const MAX_LINE: usize = 64 * 1024;

const BOM: &[u8] = b"\xef\xbb\xbf";

/// Splits a stream of chunks into lines.
#[derive(Debug, Clone, Default)]
pub struct LineReader {
    /// The start of a line whose end is in a later chunk.
    partial: Vec<u8>,
    /// The current line is over `MAX_LINE`: its bytes are dropped until its newline.
    overlong: bool,
    /// No line has ended yet (the byte-order mark is only looked for in the first).
    first_done: bool,
    /// Lines skipped for being too long.
    pub skipped: u64,
}

impl LineReader {
    pub fn new() -> LineReader {
        LineReader::default()
    }

    /// Gives each line the chunk completes to `each`; stops at its first `Break` (the reader is
    /// then in the middle of the chunk: feed no more).
    pub fn feed(&mut self, chunk: &[u8], mut each: impl FnMut(&[u8]) -> ControlFlow<()>) -> ControlFlow<()> {
        let mut rest = chunk;
        while let Some(end) = rest.iter().position(|&b| b == b'\n') {
            let piece = &rest[..end];
            rest = &rest[end + 1..];
            if self.overlong || self.partial.len() + piece.len() > MAX_LINE {
                self.overlong = false;
                self.partial.clear();
                self.skipped += 1;
                self.first_done = true;
                continue;
            }
            let flow = if self.partial.is_empty() {
                self.emit(piece, &mut each)
            } else {
                self.partial.extend_from_slice(piece);
                let line = std::mem::take(&mut self.partial);
                let flow = self.emit(&line, &mut each);
                self.partial = line;
                self.partial.clear();
                flow
            };
            flow?;
        }
        if !self.overlong {
            if self.partial.len() + rest.len() > MAX_LINE {
                self.overlong = true;
                self.partial = Vec::new();
            } else {
                self.partial.extend_from_slice(rest);
            }
        }
        ControlFlow::Continue(())
    }

    /// The last line, when the file does not end with a newline. Call once, after the last chunk.
    pub fn finish(&mut self, mut each: impl FnMut(&[u8]) -> ControlFlow<()>) -> ControlFlow<()> {
        if std::mem::take(&mut self.overlong) {
            self.skipped += 1;
            return ControlFlow::Continue(());
        }
        if self.partial.is_empty() {
            return ControlFlow::Continue(());
        }
        let line = std::mem::take(&mut self.partial);
        self.emit(&line, &mut each)
    }

    fn emit(&mut self, raw: &[u8], each: &mut impl FnMut(&[u8]) -> ControlFlow<()>) -> ControlFlow<()> {
        let mut line = raw.strip_suffix(b"\r").unwrap_or(raw);
        if !std::mem::replace(&mut self.first_done, true) {
            line = line.strip_prefix(BOM).unwrap_or(line);
        }
        each(line)
    }
}

/// The lines of a whole file, by the same rules: what the chunked reader must give.
pub fn lines_of(whole: &[u8]) -> (Vec<Vec<u8>>, u64) {
    let mut lines = Vec::new();
    let mut skipped = 0;
    let mut pieces: Vec<&[u8]> = whole.split(|&b| b == b'\n').collect();
    if pieces.last().is_some_and(|last| last.is_empty()) {
        pieces.pop();
    }
    for (index, raw) in pieces.into_iter().enumerate() {
        if raw.len() > MAX_LINE {
            skipped += 1;
            continue;
        }
        let mut line = raw.strip_suffix(b"\r").unwrap_or(raw);
        if index == 0 {
            line = line.strip_prefix(BOM).unwrap_or(line);
        }
        lines.push(line.to_vec());
    }
    (lines, skipped)
}

/// Reads `whole` in chunks of the given sizes (cycled; a size of 0 counts as 1): for tests and
/// the fuzz target.
pub fn lines_chunked(whole: &[u8], sizes: &[usize]) -> (Vec<Vec<u8>>, u64) {
    let mut reader = LineReader::new();
    let mut lines = Vec::new();
    let mut rest = whole;
    let mut sizes = sizes.iter().copied().cycle();
    while !rest.is_empty() {
        let size = sizes.next().unwrap_or(rest.len()).max(1).min(rest.len());
        let (chunk, after) = rest.split_at(size);
        let _ = reader.feed(chunk, |line| {
            lines.push(line.to_vec());
            ControlFlow::Continue(())
        });
        rest = after;
    }
    let _ = reader.finish(|line| {
        lines.push(line.to_vec());
        ControlFlow::Continue(())
    });
    (lines, reader.skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_bom_and_last_line() {
        let text = b"\xef\xbb\xbfsecret\r\n\r\nclave\xc3\xa9\nlast";
        let (lines, skipped) = lines_of(text);
        assert_eq!(lines, [b"secret".to_vec(), b"".to_vec(), "claveé".as_bytes().to_vec(), b"last".to_vec()]);
        assert_eq!(skipped, 0);
        for size in 1..text.len() + 1 {
            assert_eq!(lines_chunked(text, &[size]), (lines.clone(), 0), "chunks of {size}");
        }
        assert_eq!(lines_of(b"a\n").0, [b"a"]);
        assert!(lines_of(b"").0.is_empty());
        // A CR alone in a chunk, then the LF.
        assert_eq!(lines_chunked(b"ab\r\ncd", &[3, 1]).0, [b"ab", b"cd"]);
        // A BOM only at the start of the file.
        assert_eq!(lines_of(b"x\n\xef\xbb\xbfy").0, [b"x".to_vec(), b"\xef\xbb\xbfy".to_vec()]);
    }

    #[test]
    fn overlong_lines_are_skipped_and_counted() {
        let mut text = b"a\n".to_vec();
        text.extend(std::iter::repeat_n(b'x', MAX_LINE + 1));
        text.extend_from_slice(b"\nb\n");
        text.extend(std::iter::repeat_n(b'y', MAX_LINE + 5));
        let expect = (vec![b"a".to_vec(), b"b".to_vec()], 2);
        assert_eq!(lines_of(&text), expect);
        for size in [1, 7, 4096, MAX_LINE, MAX_LINE + 3, 1 << 20] {
            assert_eq!(lines_chunked(&text, &[size]), expect, "chunks of {size}");
        }
    }

    #[test]
    fn stops_at_break() {
        let mut reader = LineReader::new();
        let mut seen = Vec::new();
        let flow = reader.feed(b"a\nb\nc\n", |line| {
            seen.push(line.to_vec());
            if line == b"b" { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        });
        assert!(flow.is_break());
        assert_eq!(seen, [b"a", b"b"]);
    }
}
