//! hashcat-style masks: `?l` `?u` `?d` `?h` `?H` `?s` `?a` `?b`, custom sets `?1`..`?4`, `??` for a
//! literal `?`, any other byte literal; optionally growing lengths (hashcat's `--increment`).
//! Candidates are numbered, so N workers can each take a range of indices; the last position
//! changes fastest (index order is lexicographic in each set's order). A bad mask is an error
//! value with a message.

const LOWER: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS: &[u8] = b"0123456789";
const HEX_LOWER: &[u8] = b"0123456789abcdef";
const HEX_UPPER: &[u8] = b"0123456789ABCDEF";
/// hashcat's `?s`, in its order (space first).
const SPECIAL: &[u8] = b" !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/// Masks longer than this are refused (no secret list needs more, and it bounds the work).
pub const MAX_MASK_POSITIONS: usize = 256;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaskError {
    pub message: String,
}

impl std::fmt::Display for MaskError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for MaskError {}

fn error(message: impl Into<String>) -> MaskError {
    MaskError { message: message.into() }
}

/// Growing lengths: every length from `min` to `max` positions of the mask (max is clamped to the
/// mask's length), shortest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Increment {
    pub min: usize,
    pub max: usize,
}

/// A parsed mask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mask {
    /// The bytes each position takes, in order, without repeats.
    positions: Vec<Vec<u8>>,
    /// The candidate lengths, shortest first, with how many candidates each has.
    lengths: Vec<(usize, u128)>,
    total: u128,
}

/// Adds the set a `?x` names (or the literal after `??`) to `out`.
fn expand_class(class: u8, custom: &[Option<Vec<u8>>], out: &mut Vec<u8>) -> Result<(), MaskError> {
    let set: &[u8] = match class {
        b'l' => LOWER,
        b'u' => UPPER,
        b'd' => DIGITS,
        b'h' => HEX_LOWER,
        b'H' => HEX_UPPER,
        b's' => SPECIAL,
        b'?' => b"?",
        b'a' => {
            for set in [LOWER, UPPER, DIGITS, SPECIAL] {
                out.extend_from_slice(set);
            }
            return Ok(());
        }
        b'b' => {
            out.extend(0..=255u8);
            return Ok(());
        }
        b'1'..=b'4' => match custom.get(usize::from(class - b'1')) {
            Some(Some(set)) => set,
            _ => return Err(error(format!("?{} is used but custom charset {} is not defined", class as char, class as char))),
        },
        other => {
            let shown = if other.is_ascii_graphic() { format!("?{}", other as char) } else { format!("? followed by byte 0x{other:02x}") };
            return Err(error(format!("unknown charset {shown}: use ?l ?u ?d ?h ?H ?s ?a ?b ?1-?4, or ?? for a literal ?")));
        }
    };
    out.extend_from_slice(set);
    Ok(())
}

/// Keeps the first occurrence of each byte (a set listing `a` twice would try candidates twice).
fn dedup(set: Vec<u8>) -> Vec<u8> {
    let mut seen = [false; 256];
    set.into_iter().filter(|&b| !std::mem::replace(&mut seen[usize::from(b)], true)).collect()
}

/// Parses a custom charset definition (`-1 ?l?d_`): classes and literals, no positions.
fn parse_charset(text: &[u8], custom: &[Option<Vec<u8>>], number: usize) -> Result<Vec<u8>, MaskError> {
    let mut set = Vec::new();
    let mut bytes = text.iter().copied();
    while let Some(byte) = bytes.next() {
        if byte == b'?' {
            let class = bytes.next().ok_or_else(|| error(format!("custom charset {number} ends with a lone ?: write ?? for a literal ?")))?;
            expand_class(class, custom, &mut set)?;
        } else {
            set.push(byte);
        }
    }
    if set.is_empty() {
        return Err(error(format!("custom charset {number} is empty")));
    }
    Ok(dedup(set))
}

impl Mask {
    /// A mask without custom charsets or increment.
    pub fn parse(mask: &str) -> Result<Mask, MaskError> {
        Mask::with_options(mask, &[], None)
    }

    /// `custom`: the definitions of `?1`, `?2`… in order (an empty string leaves one undefined);
    /// a definition may use the built-in classes and the ones before it.
    pub fn with_options(mask: &str, custom: &[&str], increment: Option<Increment>) -> Result<Mask, MaskError> {
        if custom.len() > 4 {
            return Err(error("at most 4 custom charsets (?1 to ?4)"));
        }
        let mut sets: Vec<Option<Vec<u8>>> = Vec::new();
        for (index, definition) in custom.iter().enumerate() {
            let set = if definition.is_empty() { None } else { Some(parse_charset(definition.as_bytes(), &sets, index + 1)?) };
            sets.push(set);
        }
        if mask.is_empty() {
            return Err(error("the mask is empty"));
        }
        let mut positions = Vec::new();
        let mut bytes = mask.bytes();
        while let Some(byte) = bytes.next() {
            if positions.len() == MAX_MASK_POSITIONS {
                return Err(error(format!("the mask has more than {MAX_MASK_POSITIONS} positions")));
            }
            let mut set = Vec::new();
            if byte == b'?' {
                let class = bytes.next().ok_or_else(|| error("the mask ends with a lone ?: write ?? for a literal ?"))?;
                expand_class(class, &sets, &mut set)?;
            } else {
                set.push(byte);
            }
            positions.push(dedup(set));
        }
        let (min, max) = match increment {
            None => (positions.len(), positions.len()),
            Some(Increment { min, max }) => {
                let max = max.min(positions.len());
                if min == 0 {
                    return Err(error("the shortest length must be at least 1"));
                }
                if min > max {
                    return Err(error(format!("the shortest length ({min}) is longer than the longest ({max}, the mask has {} positions)", positions.len())));
                }
                (min, max)
            }
        };
        let mut lengths = Vec::new();
        let mut total: u128 = 0;
        let too_many = || error("the mask has more than 2^128 candidates");
        let mut count: u128 = 1;
        for (index, set) in positions.iter().enumerate() {
            count = count.checked_mul(set.len() as u128).ok_or_else(too_many)?;
            let length = index + 1;
            if (min..=max).contains(&length) {
                lengths.push((length, count));
                total = total.checked_add(count).ok_or_else(too_many)?;
            }
        }
        Ok(Mask { positions, lengths, total })
    }

    /// How many candidates the mask makes.
    pub fn len(&self) -> u128 {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The shortest and longest candidate.
    pub fn lengths(&self) -> (usize, usize) {
        (self.lengths.first().map_or(0, |l| l.0), self.lengths.last().map_or(0, |l| l.0))
    }

    /// Candidate number `index` (0-based), or `None` past the end.
    pub fn nth(&self, index: u128) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        self.write_nth(index, &mut out).then_some(out)
    }

    /// Writes candidate `index` into `out` (cleared first); false past the end.
    pub fn write_nth(&self, index: u128, out: &mut Vec<u8>) -> bool {
        let mut digits = Vec::new();
        let Some(length) = self.locate(index, &mut digits) else { return false };
        out.clear();
        out.extend(digits.iter().zip(&self.positions[..length]).map(|(&digit, set)| set[digit]));
        true
    }

    /// Finds the length of candidate `index` and its digit in each position.
    fn locate(&self, mut index: u128, digits: &mut Vec<usize>) -> Option<usize> {
        for &(length, count) in &self.lengths {
            if index < count {
                digits.clear();
                digits.resize(length, 0);
                for (digit, set) in digits.iter_mut().zip(&self.positions[..length]).rev() {
                    let radix = set.len() as u128;
                    *digit = (index % radix) as usize;
                    index /= radix;
                }
                return Some(length);
            }
            index -= count;
        }
        None
    }

    /// The candidates `start..end` (clamped to the mask's length), one after another without
    /// allocating.
    pub fn cursor(&self, start: u128, end: u128) -> MaskCursor<'_> {
        let end = end.min(self.total);
        let mut cursor = MaskCursor { mask: self, digits: Vec::new(), buffer: Vec::new(), length: 0, remaining: end.saturating_sub(start), fresh: true };
        if cursor.remaining > 0 {
            if let Some(length) = self.locate(start, &mut cursor.digits) {
                cursor.length = length;
                cursor.buffer = cursor.digits.iter().zip(&self.positions).map(|(&digit, set)| set[digit]).collect();
            } else {
                cursor.remaining = 0;
            }
        }
        cursor
    }

    /// `parts` ranges of nearly equal size covering every candidate, for N workers.
    pub fn split(&self, parts: usize) -> Vec<(u128, u128)> {
        let parts = parts.max(1) as u128;
        let (size, extra) = (self.total / parts, self.total % parts);
        let mut start = 0;
        (0..parts)
            .map(|part| {
                let end = start + size + u128::from(part < extra);
                let range = (start, end);
                start = end;
                range
            })
            .collect()
    }
}

/// A lending iterator over a range of a mask's candidates: an odometer over the positions.
#[derive(Debug, Clone)]
pub struct MaskCursor<'a> {
    mask: &'a Mask,
    digits: Vec<usize>,
    buffer: Vec<u8>,
    length: usize,
    remaining: u128,
    fresh: bool,
}

impl MaskCursor<'_> {
    /// The next candidate, or `None` at the end of the range.
    #[allow(clippy::should_implement_trait)]
    pub fn next_candidate(&mut self) -> Option<&[u8]> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining -= 1;
        if std::mem::take(&mut self.fresh) {
            return Some(&self.buffer);
        }
        let positions = &self.mask.positions;
        let mut position = self.length;
        loop {
            if position == 0 {
                // Every position wrapped: the next length (increment mode), all at their first byte.
                self.length += 1;
                let length = self.length;
                if length > positions.len() {
                    self.remaining = 0;
                    return None;
                }
                self.digits.clear();
                self.digits.resize(length, 0);
                self.buffer.clear();
                self.buffer.extend(positions[..length].iter().map(|set| set[0]));
                return Some(&self.buffer);
            }
            position -= 1;
            let set = &positions[position];
            let digit = self.digits[position] + 1;
            if digit < set.len() {
                self.digits[position] = digit;
                self.buffer[position] = set[digit];
                return Some(&self.buffer);
            }
            self.digits[position] = 0;
            self.buffer[position] = set[0];
        }
    }

    /// How many candidates are left in the range.
    pub fn remaining(&self) -> u128 {
        self.remaining
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(mask: &Mask) -> Vec<Vec<u8>> {
        let mut cursor = mask.cursor(0, u128::MAX);
        let mut out = Vec::new();
        while let Some(candidate) = cursor.next_candidate() {
            out.push(candidate.to_vec());
        }
        out
    }

    #[test]
    fn classes_literals_and_order() {
        let mask = Mask::parse("a?d??").unwrap();
        assert_eq!(mask.len(), 10);
        let got = all(&mask);
        assert_eq!(got.first().unwrap(), b"a0?");
        assert_eq!(got.last().unwrap(), b"a9?");
        assert_eq!(Mask::parse("?a").unwrap().len(), 95);
        assert_eq!(Mask::parse("?s").unwrap().len(), 33);
        assert_eq!(Mask::parse("?b?b").unwrap().len(), 65536);
        assert_eq!(all(&Mask::with_options("?1?1", &["xy"], None).unwrap()), [b"xx", b"xy", b"yx", b"yy"]);
        let custom = Mask::with_options("?2", &["?d", "?1ab?1"], None).unwrap();
        assert_eq!(custom.len(), 12);
        assert_eq!(Mask::parse("é").unwrap().nth(0).unwrap(), "é".as_bytes());
    }

    #[test]
    fn increment_and_ranges() {
        let mask = Mask::with_options("?d?d?d", &[], Some(Increment { min: 1, max: 9 })).unwrap();
        assert_eq!(mask.len(), 1110);
        assert_eq!(mask.lengths(), (1, 3));
        let got = all(&mask);
        assert_eq!(got.len(), 1110);
        assert_eq!(got[9], b"9");
        assert_eq!(got[10], b"00");
        assert_eq!(got[1109], b"999");
        for (index, candidate) in got.iter().enumerate() {
            assert_eq!(mask.nth(index as u128).as_ref(), Some(candidate));
        }
        assert_eq!(mask.nth(1110), None);
        let mut joined = Vec::new();
        for (start, end) in mask.split(7) {
            let mut cursor = mask.cursor(start, end);
            while let Some(c) = cursor.next_candidate() {
                joined.push(c.to_vec());
            }
        }
        assert_eq!(joined, got);
    }

    #[test]
    fn bad_masks_are_messages() {
        for (mask, custom, expect) in [
            ("", &[][..], "empty"),
            ("abc?", &[], "lone ?"),
            ("?x", &[], "unknown charset ?x"),
            ("?1", &[], "not defined"),
            ("?1", &["?"], "lone ?"),
            ("?2", &["a", "?3"], "not defined"),
        ] {
            let message = Mask::with_options(mask, custom, None).unwrap_err().message;
            assert!(message.contains(expect), "{mask}: {message}");
        }
        assert!(Mask::parse(&"?b".repeat(17)).unwrap_err().message.contains("2^128"));
        assert!(Mask::parse(&"a".repeat(300)).unwrap_err().message.contains("positions"));
        assert!(Mask::with_options("?d", &[], Some(Increment { min: 3, max: 5 })).is_err());
    }
}
