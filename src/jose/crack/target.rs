//! Which tokens can be cracked, and why not: no crypto here, so the page (the maker module, built
//! without the `crypto` feature) says it before a worker starts, with the words the worker would use.

use crate::jose::jws::{Alg, Hash};
use crate::jose::token::{DecodedToken, TokenKind};

/// Why a token cannot be cracked here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrackError {
    pub message: String,
}

impl std::fmt::Display for CrackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CrackError {}

pub(crate) fn error(message: impl Into<String>) -> CrackError {
    CrackError { message: message.into() }
}

/// The HMAC hash of a compact HS256/384/512 token whose MAC has that hash's length.
pub fn hmac_target(token: &DecodedToken) -> Result<Hash, CrackError> {
    if token.kind != TokenKind::Jws || token.json.is_some() {
        return Err(error("only a compact JWS (three segments) can be cracked"));
    }
    let hash = match Alg::from_header(&token.header) {
        Ok(Alg::Hmac(hash)) => hash,
        Ok(other) => return Err(error(format!("{} is not an HMAC algorithm: there is no secret to find", other.name()))),
        Err(e) => return Err(error(e.to_string())),
    };
    if let Some(problem) = &token.signature_error {
        return Err(error(problem.to_string()));
    }
    if token.signature.len() != hash.output_len() {
        return Err(error(format!(
            "the signature is {} bytes; an {} MAC is {}",
            token.signature.len(),
            Alg::Hmac(hash).name(),
            hash.output_len()
        )));
    }
    Ok(hash)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::b64;
    use crate::jose::token::decode;

    #[test]
    fn hmac_tokens_only() {
        let token = |header: &str, mac_len: usize| format!("{}.{}.{}", b64::encode(header.as_bytes()), b64::encode(b"{}"), b64::encode(&vec![7u8; mac_len]));
        let target = |text: String| hmac_target(&decode(&text).unwrap());
        assert_eq!(target(token(r#"{"alg":"HS256"}"#, 32)), Ok(Hash::Sha256));
        assert_eq!(target(token(r#"{"alg":"HS384"}"#, 48)), Ok(Hash::Sha384));
        assert_eq!(target(token(r#"{"alg":"HS512"}"#, 64)), Ok(Hash::Sha512));
        assert!(target(token(r#"{"alg":"HS512"}"#, 32)).unwrap_err().message.contains("32 bytes; an HS512 MAC is 64"));
        assert!(target(token(r#"{"alg":"RS256"}"#, 256)).unwrap_err().message.contains("RS256 is not an HMAC"));
        assert!(target(token(r#"{"alg":"none"}"#, 0)).is_err());
    }
}
