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

    /// A reader for a piece of a file that does not start it (a [`LineChunk`] after the first):
    /// no byte-order mark is looked for.
    pub fn continuing() -> LineReader {
        LineReader { first_done: true, ..LineReader::default() }
    }

    /// A reader for `chunk`, fresh or continuing as the chunk says.
    pub fn for_chunk(starts_file: bool) -> LineReader {
        if starts_file { LineReader::new() } else { LineReader::continuing() }
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

/// A piece of a file holding whole lines only, cut by [`LineCutter`]: any worker can read it with
/// a reader of its own ([`LineReader::for_chunk`], then `finish`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineChunk {
    pub bytes: Vec<u8>,
    /// It starts the file (a byte-order mark at its start is dropped).
    pub starts_file: bool,
    /// The lines a reader gives for it (lines over [`MAX_LINE`] are skipped, not counted).
    pub lines: u64,
}

/// Cuts a file read in chunks of any size (the page reads `File.slice`s) into [`LineChunk`]s that
/// end at a line end, so that the chunks can go to different workers and every line is tried
/// whole exactly once. The start of a line is carried to the next chunk; a line growing past
/// [`MAX_LINE`] is dropped up to its end and counted in `skipped` (so a file without newlines is
/// never held whole). Together, the chunks' lines are exactly [`lines_of`] the whole file.
#[derive(Debug, Clone)]
pub struct LineCutter {
    carry: Vec<u8>,
    /// Dropping an overlong line up to its newline.
    overlong: bool,
    at_file_start: bool,
    /// Overlong lines dropped here (those inside a chunk are skipped by the chunk's reader).
    pub skipped: u64,
}

impl Default for LineCutter {
    fn default() -> LineCutter {
        LineCutter::new()
    }
}

impl LineCutter {
    pub fn new() -> LineCutter {
        LineCutter { carry: Vec::new(), overlong: false, at_file_start: true, skipped: 0 }
    }

    /// The next piece of the file: the whole lines it completes, if any.
    pub fn push(&mut self, piece: &[u8]) -> Option<LineChunk> {
        let mut rest = piece;
        if self.overlong {
            let end = rest.iter().position(|&b| b == b'\n')?;
            self.overlong = false;
            rest = &rest[end + 1..];
        }
        let Some(last) = rest.iter().rposition(|&b| b == b'\n') else {
            self.carry.extend_from_slice(rest);
            self.check_overlong();
            return None;
        };
        let mut bytes = std::mem::take(&mut self.carry);
        bytes.extend_from_slice(&rest[..=last]);
        self.carry.extend_from_slice(&rest[last + 1..]);
        self.check_overlong();
        Some(self.emit(bytes))
    }

    /// The last line, when the file does not end with a newline. Call once, after the last piece.
    pub fn finish(&mut self) -> Option<LineChunk> {
        let carry = std::mem::take(&mut self.carry);
        (!carry.is_empty()).then(|| self.emit(carry))
    }

    fn check_overlong(&mut self) {
        if self.carry.len() > MAX_LINE {
            self.carry = Vec::new();
            self.overlong = true;
            self.at_file_start = false;
            self.skipped += 1;
        }
    }

    fn emit(&mut self, bytes: Vec<u8>) -> LineChunk {
        let starts_file = std::mem::replace(&mut self.at_file_start, false);
        let mut reader = LineReader::for_chunk(starts_file);
        let mut lines = 0;
        let mut count = |_: &[u8]| {
            lines += 1;
            ControlFlow::Continue(())
        };
        let _ = reader.feed(&bytes, &mut count);
        let _ = reader.finish(&mut count);
        LineChunk { bytes, starts_file, lines }
    }
}

/// Cuts `whole` as the page does (pieces of the given sizes, cycled) and reads each chunk with a
/// reader of its own, as the workers do: the lines, the lines the chunks said they hold, and the
/// lines skipped. For tests and the fuzz target.
pub fn lines_cut(whole: &[u8], sizes: &[usize]) -> (Vec<Vec<u8>>, u64, u64) {
    let mut cutter = LineCutter::new();
    let mut chunks = Vec::new();
    let mut rest = whole;
    let mut sizes = sizes.iter().copied().cycle();
    while !rest.is_empty() {
        let size = sizes.next().unwrap_or(rest.len()).max(1).min(rest.len());
        let (piece, after) = rest.split_at(size);
        chunks.extend(cutter.push(piece));
        rest = after;
    }
    chunks.extend(cutter.finish());
    let (mut lines, mut counted, mut skipped) = (Vec::new(), 0, cutter.skipped);
    for chunk in chunks {
        counted += chunk.lines;
        let mut reader = LineReader::for_chunk(chunk.starts_file);
        let mut each = |line: &[u8]| {
            lines.push(line.to_vec());
            ControlFlow::Continue(())
        };
        let _ = reader.feed(&chunk.bytes, &mut each);
        let _ = reader.finish(&mut each);
        skipped += reader.skipped;
    }
    (lines, counted, skipped)
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
    fn cut_chunks_hold_whole_lines() {
        let text = b"\xef\xbb\xbfalpha\r\nbeta\n\ngamma\xc3\xa9\r\nlast";
        let (lines, skipped) = lines_of(text);
        for size in 1..text.len() + 1 {
            let (got, counted, got_skipped) = lines_cut(text, &[size]);
            assert_eq!(got, lines, "pieces of {size}");
            assert_eq!((counted, got_skipped), (lines.len() as u64, skipped), "pieces of {size}");
        }
        // Every chunk ends at a line end, except the last line's.
        let mut cutter = LineCutter::new();
        let first = cutter.push(b"one\ntw").unwrap();
        assert_eq!((first.bytes.as_slice(), first.starts_file, first.lines), (&b"one\n"[..], true, 1));
        assert_eq!(cutter.push(b"o"), None);
        let second = cutter.push(b"\r\nthree").unwrap();
        assert_eq!((second.bytes.as_slice(), second.starts_file, second.lines), (&b"two\r\n"[..], false, 1));
        assert_eq!(cutter.finish().unwrap().bytes, b"three");
        // A file without newlines is not held whole: the overlong line is dropped as it grows.
        let mut cutter = LineCutter::new();
        for _ in 0..4 {
            assert_eq!(cutter.push(&[b'x'; MAX_LINE / 2]), None);
        }
        assert!(cutter.carry.len() <= MAX_LINE);
        let next = cutter.push(b"xx\nsecret\n").unwrap();
        assert_eq!((next.bytes.as_slice(), next.starts_file, next.lines), (&b"secret\n"[..], false, 1));
        assert_eq!(cutter.skipped, 1);
        let mut long = vec![b'y'; MAX_LINE + 9];
        long.extend_from_slice(b"\nok");
        assert_eq!(lines_cut(&long, &[1000]), (vec![b"ok".to_vec()], 1, 1));
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
