//! The JWS algorithms of RFC 7518, RFC 8037 and RFC 9964 and the checks of a token that need no
//! key (unsigned, unknown algorithm, `crit`), with the verdict types. No crypto here: the page
//! uses this to say what it can before the crypto worker answers.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::jose::b64;
use crate::jose::error::JoseError;
use crate::jose::keys::{Curve, MlDsaSet};
use crate::jose::token::{DecodedToken, TokenKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    pub fn output_len(self) -> usize {
        match self {
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }
}

/// A JWS algorithm this page verifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alg {
    Hmac(Hash),
    RsaPkcs1(Hash),
    RsaPss(Hash),
    Ecdsa(Curve),
    EdDsa,
    /// Pure ML-DSA with an empty context (RFC 9964).
    MlDsa(MlDsaSet),
}

impl Alg {
    pub const ALL: [Alg; 16] = [
        Alg::Hmac(Hash::Sha256),
        Alg::Hmac(Hash::Sha384),
        Alg::Hmac(Hash::Sha512),
        Alg::RsaPkcs1(Hash::Sha256),
        Alg::RsaPkcs1(Hash::Sha384),
        Alg::RsaPkcs1(Hash::Sha512),
        Alg::RsaPss(Hash::Sha256),
        Alg::RsaPss(Hash::Sha384),
        Alg::RsaPss(Hash::Sha512),
        Alg::Ecdsa(Curve::P256),
        Alg::Ecdsa(Curve::P384),
        Alg::Ecdsa(Curve::P521),
        Alg::EdDsa,
        Alg::MlDsa(MlDsaSet::MlDsa44),
        Alg::MlDsa(MlDsaSet::MlDsa65),
        Alg::MlDsa(MlDsaSet::MlDsa87),
    ];

    pub fn name(self) -> &'static str {
        use Hash::*;
        match self {
            Alg::Hmac(Sha256) => "HS256",
            Alg::Hmac(Sha384) => "HS384",
            Alg::Hmac(Sha512) => "HS512",
            Alg::RsaPkcs1(Sha256) => "RS256",
            Alg::RsaPkcs1(Sha384) => "RS384",
            Alg::RsaPkcs1(Sha512) => "RS512",
            Alg::RsaPss(Sha256) => "PS256",
            Alg::RsaPss(Sha384) => "PS384",
            Alg::RsaPss(Sha512) => "PS512",
            Alg::Ecdsa(Curve::P256) => "ES256",
            Alg::Ecdsa(Curve::P384) => "ES384",
            Alg::Ecdsa(Curve::P521) => "ES512",
            Alg::EdDsa => "EdDSA",
            Alg::MlDsa(set) => set.name(),
        }
    }

    /// Reads the header's `alg`. `none` in any spelling is refused: it means "unsigned".
    pub fn from_header(header: &serde_json::Map<String, Value>) -> Result<Alg, JoseError> {
        let alg = match header.get("alg") {
            None => return Err(JoseError::AlgMissing),
            Some(Value::String(alg)) => alg,
            Some(_) => return Err(JoseError::AlgNotString),
        };
        if alg.eq_ignore_ascii_case("none") {
            return Err(JoseError::AlgNone { written: alg.clone() });
        }
        // "Ed25519" is the fully-specified name for EdDSA with Ed25519 (RFC 9864).
        if alg == "Ed25519" {
            return Ok(Alg::EdDsa);
        }
        Alg::ALL
            .into_iter()
            .find(|known| known.name() == alg)
            .ok_or_else(|| JoseError::AlgUnsupported { alg: alg.clone() })
    }
}

/// Header parameters this verifier understands when listed in `crit`: none. (b64=false, RFC 7797,
/// changes the signing input; it is not supported, so it is refused like any unknown extension.)
const UNDERSTOOD_CRIT: [&str; 0] = [];

/// RFC 7515 §4.1.11: `crit` must be a non-empty array of names present in the header, and a
/// verifier must reject the token if it does not understand every one.
pub fn check_crit(header: &serde_json::Map<String, Value>) -> Result<(), JoseError> {
    let Some(crit) = header.get("crit") else { return Ok(()) };
    let malformed = |message: &str| JoseError::CritMalformed { message: message.into() };
    let Value::Array(names) = crit else { return Err(malformed("must be an array of names")) };
    if names.is_empty() {
        return Err(malformed("must not be empty"));
    }
    let mut unknown = Vec::new();
    for name in names {
        let Value::String(name) = name else { return Err(malformed("must hold only strings")) };
        if !header.contains_key(name) {
            return Err(JoseError::CritMalformed {
                message: format!("lists \"{name}\", which is not in the header"),
            });
        }
        if !UNDERSTOOD_CRIT.contains(&name.as_str()) {
            unknown.push(name.clone());
        }
    }
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(JoseError::CritUnknown { names: unknown })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// The key box is empty.
    NoKey,
    Valid,
    /// A usable key, a well-formed signature, and they do not match.
    Invalid { reason: String },
    /// The token cannot be verified with this key at all.
    Error(JoseError),
}

impl Verdict {
    /// The `data-status` value of the UI contract.
    pub fn status(&self) -> &'static str {
        match self {
            Verdict::NoKey => "none",
            Verdict::Valid => "valid",
            Verdict::Invalid { .. } => "invalid",
            Verdict::Error(_) => "error",
        }
    }

    pub fn reason(&self) -> Option<String> {
        match self {
            Verdict::Invalid { reason } => Some(reason.clone()),
            Verdict::Error(error) => Some(error.to_string()),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Verification {
    pub verdict: Verdict,
    /// Description of the key that decided the verdict.
    pub key_used: Option<String>,
    /// Things to know even when the signature is valid (weak key, JWKS choice...).
    pub warnings: Vec<String>,
}

impl Verification {
    pub fn new(verdict: Verdict) -> Verification {
        Verification { verdict, key_used: None, warnings: Vec::new() }
    }
}

pub const MISMATCH_REASON: &str = "signature does not match: the token was signed with another key, or its header or payload was changed after signing";

/// Checks of the token alone: no key could make such a token valid.
pub fn token_alg(token: &DecodedToken) -> Result<Alg, JoseError> {
    if token.kind == TokenKind::Jwe {
        return Err(JoseError::NotVerifiable {
            reason: "this is a JWE: its content is encrypted, not signed; paste the recipient's key to decrypt it",
        });
    }
    let alg = Alg::from_header(&token.header)?;
    check_crit(&token.header)?;
    // The header and payload decode, the signature does not: nothing can verify it.
    if let Some(error) = &token.signature_error {
        return Err(error.clone());
    }
    Ok(alg)
}


/// A verdict as the page shows it: what the crypto worker sends back, or what the page says
/// itself when no key is needed to decide (empty key box, unsigned token, unknown `alg`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerdictReport {
    /// The `data-status` value of the UI contract: `none`, `valid`, `invalid` or `error`.
    pub status: String,
    pub reason: Option<String>,
    pub key_used: Option<String>,
    pub warnings: Vec<String>,
}

impl From<&Verification> for VerdictReport {
    fn from(verification: &Verification) -> VerdictReport {
        VerdictReport {
            status: verification.verdict.status().to_string(),
            reason: verification.verdict.reason(),
            key_used: verification.key_used.clone(),
            warnings: verification.warnings.clone(),
        }
    }
}

/// The verdict when the key box is empty: `none`, or the reason no key could make the token valid.
pub fn verdict_without_key(token: &DecodedToken) -> Verification {
    if token.kind == TokenKind::Jwe {
        // A JWE is decrypted, not verified: its verdict is the decryption's (`decrypt-status`).
        return Verification::new(Verdict::NoKey);
    }
    match token_alg(token) {
        Ok(_) => Verification::new(Verdict::NoKey),
        Err(error) => Verification::new(Verdict::Error(error)),
    }
}

/// RFC 7518 §3.2: an HMAC secret shorter than the hash's output.
pub fn short_secret_warning(alg: Alg, hash: Hash, secret_len: usize) -> Option<String> {
    (secret_len < hash.output_len()).then(|| {
        format!(
            "the secret is {secret_len} bytes: RFC 7518 §3.2 requires at least {} for {} (a short secret can be brute-forced offline)",
            hash.output_len(),
            alg.name()
        )
    })
}

/// An HMAC check the page can hand to the browser's WebCrypto before the crypto worker has loaded:
/// a compact HS256/384/512 JWS, nothing in its header a verifier must understand (`crit`, `b64`),
/// and a key box holding a plain UTF-8 secret. What the worker would report when the signature
/// verifies is `valid_report`; any other outcome is left to the worker, which explains it.
#[derive(Debug, Clone, PartialEq)]
pub struct QuickHmac {
    /// WebCrypto's name of the hash: "SHA-256", "SHA-384" or "SHA-512".
    pub hash: &'static str,
    pub secret: Vec<u8>,
    pub signature: Vec<u8>,
    pub valid_report: VerdictReport,
}

pub fn quick_hmac(token: &DecodedToken, key_text: &str, utf8_secret: bool) -> Option<QuickHmac> {
    let plain = token.kind == TokenKind::Jws && token.json.is_none() && token.signature_error.is_none();
    if !plain || !utf8_secret || token.header.contains_key("crit") || token.header.contains_key("b64") {
        return None;
    }
    // Not a PEM or JSON key, no surrounding whitespace (the worker adds a note for it), not empty.
    if !crate::jose::keys::is_secret_text(key_text) || key_text.trim() != key_text || key_text.is_empty() {
        return None;
    }
    let Ok(alg @ Alg::Hmac(hash)) = token_alg(token) else { return None };
    if token.signature.len() != hash.output_len() {
        return None;
    }
    let secret = key_text.as_bytes().to_vec();
    let valid_report = VerdictReport {
        status: "valid".into(),
        reason: None,
        key_used: Some(format!("secret, {} bytes (UTF-8 text)", secret.len())),
        warnings: short_secret_warning(alg, hash, secret.len()).into_iter().collect(),
    };
    let hash = match hash {
        Hash::Sha256 => "SHA-256",
        Hash::Sha384 => "SHA-384",
        Hash::Sha512 => "SHA-512",
    };
    Some(QuickHmac { hash, secret, signature: token.signature.clone(), valid_report })
}

/// The signing input of RFC 7515 §5.1: the two texts' bytes in base64url, joined by a dot.
pub fn signing_input(header_text: &str, payload_text: &str) -> String {
    format!("{}.{}", b64::encode(header_text.as_bytes()), b64::encode(payload_text.as_bytes()))
}

/// An unsigned token (`alg: none`): only made when the user asks for one explicitly.
pub fn unsigned(header_text: &str, payload_text: &str) -> String {
    format!("{}.", signing_input(header_text, payload_text))
}

