//! base64url as JWS uses it (RFC 7515 §2: URL-safe alphabet, no padding), with errors that say
//! which character is wrong and where, and notes for the tolerated non-canonical forms.

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use base64::engine::DecodePaddingMode;
use base64::{alphabet, DecodeError, Engine};

/// What a segment contained that RFC 7515 forbids but that we could still decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leniency {
    /// `=` padding at the end.
    Padding,
    /// `+` or `/` from the standard alphabet.
    StandardAlphabet,
}

/// Why a base64 text did not decode, with offsets in characters of the text given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base64Problem {
    Character { character: char, offset: usize },
    Length { length: usize },
    TrailingBits { character: char, offset: usize },
}

/// Decodes `text` as base64url. Padding and standard-alphabet characters are accepted and
/// reported, because users paste such tokens and deserve to see them; strict decoders reject them.
pub fn decode_lenient(text: &str) -> Result<(Vec<u8>, Vec<Leniency>), Base64Problem> {
    let mut leniency = Vec::new();
    let unpadded = text.trim_end_matches('=');
    if unpadded.len() != text.len() {
        leniency.push(Leniency::Padding);
    }
    let normalized: std::borrow::Cow<str> = if unpadded.contains(['+', '/']) {
        leniency.push(Leniency::StandardAlphabet);
        unpadded.replace('+', "-").replace('/', "_").into()
    } else {
        unpadded.into()
    };
    match URL_SAFE_NO_PAD.decode(normalized.as_bytes()) {
        Ok(bytes) => Ok((bytes, leniency)),
        Err(error) => Err(describe(text, &normalized, error)),
    }
}

/// Decodes a base64 secret: either alphabet, padding optional, whitespace ignored.
pub fn decode_any_alphabet(text: &str) -> Result<Vec<u8>, Base64Problem> {
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &alphabet::URL_SAFE,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let normalized = compact.replace('+', "-").replace('/', "_");
    LENIENT
        .decode(normalized.as_bytes())
        .map_err(|error| describe(&compact, &normalized, error))
}

/// Encodes bytes as unpadded base64url.
pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn describe(original: &str, normalized: &str, error: DecodeError) -> Base64Problem {
    // The decoder reports byte offsets into `normalized`; users count characters in what they pasted.
    let char_at = |byte_offset: usize| -> (char, usize) {
        let offset = normalized
            .get(..byte_offset)
            .map_or(byte_offset, |prefix| prefix.chars().count());
        let character = original.chars().nth(offset).unwrap_or('?');
        (character, offset)
    };
    match error {
        DecodeError::InvalidByte(at, _) => {
            let (character, offset) = char_at(at);
            Base64Problem::Character { character, offset }
        }
        DecodeError::InvalidLastSymbol(at, _) => {
            let (character, offset) = char_at(at);
            Base64Problem::TrailingBits { character, offset }
        }
        DecodeError::InvalidLength(_) => Base64Problem::Length {
            length: normalized.chars().count(),
        },
        DecodeError::InvalidPadding => {
            let at = normalized.find('=').unwrap_or(0);
            let (character, offset) = char_at(at);
            Base64Problem::Character { character, offset }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_canonical_base64url() {
        assert_eq!(decode_lenient("eyJhIjoxfQ").unwrap(), (b"{\"a\":1}".to_vec(), vec![]));
    }

    #[test]
    fn reports_padding_and_standard_alphabet_but_decodes() {
        let (bytes, notes) = decode_lenient("-_8=").unwrap();
        assert_eq!(bytes, vec![0xfb, 0xff]);
        assert_eq!(notes, vec![Leniency::Padding]);
        let (bytes, notes) = decode_lenient("+/8=").unwrap();
        assert_eq!(bytes, vec![0xfb, 0xff]);
        assert_eq!(notes, vec![Leniency::Padding, Leniency::StandardAlphabet]);
    }

    #[test]
    fn invalid_character_offset_counts_characters() {
        assert_eq!(
            decode_lenient("abc*defg"),
            Err(Base64Problem::Character { character: '*', offset: 3 })
        );
        assert_eq!(
            decode_lenient("aé*d"),
            Err(Base64Problem::Character { character: 'é', offset: 1 })
        );
    }

    #[test]
    fn truncated_length_and_trailing_bits() {
        assert_eq!(decode_lenient("abcde"), Err(Base64Problem::Length { length: 5 }));
        assert_eq!(
            decode_lenient("QR"),
            Err(Base64Problem::TrailingBits { character: 'R', offset: 1 })
        );
    }

    #[test]
    fn padding_inside_is_an_invalid_character() {
        assert!(matches!(
            decode_lenient("ab=cd"),
            Err(Base64Problem::Character { character: '=', offset: 2 })
        ));
    }

    #[test]
    fn secret_accepts_both_alphabets_and_padding() {
        assert_eq!(decode_any_alphabet("+/8=").unwrap(), vec![0xfb, 0xff]);
        assert_eq!(decode_any_alphabet("-_8").unwrap(), vec![0xfb, 0xff]);
        assert_eq!(decode_any_alphabet("-_\n8").unwrap(), vec![0xfb, 0xff]);
    }
}
