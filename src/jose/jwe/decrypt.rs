//! Decrypting a compact JWE with the key box's text: the checks in the order a user needs them
//! (the token's form, its algorithms, the key, then the cryptography), each failure its own reason.

use serde_json::{Map, Value};

use super::alg::{ContentEncryption, KeyManagement, MAX_INFLATED_BYTES};
use super::content;
use super::error::JweError;
use super::key_management;
use crate::jose::b64;
use crate::jose::jws::check_crit;
use crate::jose::keys::{parse_signing_key, PrivateMaterial, SecretEncoding, SigningKey};
use crate::jose::token::{base64_error, decode_entries, DecodedToken, TokenKind};
use crate::jose::{JoseError, Part};

/// A token that decrypted and authenticated.
#[derive(Debug, Clone, PartialEq)]
pub struct Decrypted {
    pub plaintext: Vec<u8>,
    /// E.g. "RSA private key, 2048 bits, from PEM PRIVATE KEY", or "the password".
    pub key_used: String,
    pub alg: KeyManagement,
    pub enc: ContentEncryption,
    /// The shared secret or password that decrypted it, for the known-secrets check.
    pub secret: Option<Vec<u8>>,
}

/// The algorithms a JWE header names, or why they are not usable.
pub fn algorithms(header: &Map<String, Value>) -> Result<(KeyManagement, ContentEncryption), JweError> {
    let name = |member: &'static str| -> Result<&str, JweError> {
        match header.get(member) {
            Some(Value::String(name)) => Ok(name),
            Some(_) => Err(JweError::HeaderMember { member, message: "must be a string".into() }),
            None => Err(JweError::HeaderMember { member, message: "is missing: a JWE header names alg and enc".into() }),
        }
    };
    let alg = name("alg")?;
    let alg = KeyManagement::from_name(alg).ok_or_else(|| JweError::AlgUnknown { alg: alg.to_string() })?;
    let enc = name("enc")?;
    let enc = ContentEncryption::from_name(enc).ok_or_else(|| JweError::EncUnknown { enc: enc.to_string() })?;
    check_crit(header).map_err(|error| match error {
        JoseError::CritUnknown { names } => JweError::CritUnknown { names },
        other => JweError::Token(other),
    })?;
    match header.get("zip") {
        None => {}
        Some(Value::String(zip)) if zip == "DEF" => {}
        Some(other) => return Err(JweError::ZipUnknown { zip: other.as_str().map_or_else(|| other.to_string(), str::to_string) }),
    }
    Ok((alg, enc))
}

/// Decrypts `token` (as pasted: surrounding quotes, `Bearer` and whitespace are removed) with the
/// key box's text: a private key, JWK, JWKS, secret, or for PBES2 the password itself.
/// A JSON serialization (RFC 7516 §7.2) is tried recipient by recipient: the first that the key
/// opens is used, and named in `key_used`.
pub fn decrypt(token: &str, key_text: &str, encoding: SecretEncoding) -> Result<Decrypted, JweError> {
    decrypt_with(token, &DecryptionKey::new(key_text, encoding))
}

/// The key box read once: as private keys or a secret, and as the PBES2 password (which of the
/// two applies depends on the token's `alg`).
pub struct DecryptionKey {
    password: String,
    keys: Result<Vec<SigningKey>, JweError>,
}

impl DecryptionKey {
    pub fn new(key_text: &str, encoding: SecretEncoding) -> DecryptionKey {
        let keys = parse_signing_key(key_text, encoding, "")
            .map(Option::unwrap_or_default)
            .map_err(|error| match error {
                JoseError::PublicKeyForSigning { what } => JweError::PublicKey { what },
                other => JweError::Key(other),
            });
        DecryptionKey { password: key_text.to_string(), keys }
    }
}

/// [`decrypt`] with the key box already read (the benchmark times only the decryption).
pub fn decrypt_with(token: &str, key: &DecryptionKey) -> Result<Decrypted, JweError> {
    let entries = decode_entries(token);
    let count = entries.len();
    let mut errors = Vec::new();
    for (index, decoded) in entries.into_iter().enumerate() {
        let decoded = decoded.map_err(JweError::Token)?;
        if count == 1 {
            return decrypt_decoded(&decoded, key);
        }
        match decrypt_decoded(&decoded, key) {
            Ok(mut decrypted) => {
                decrypted.key_used = format!("{} (recipient #{} of {count})", decrypted.key_used, index + 1);
                return Ok(decrypted);
            }
            Err(error) => errors.push(error),
        }
    }
    // A key of the wrong type for some recipients says less than what went wrong with the others.
    let telling = errors.iter().position(|error| !matches!(error, JweError::KeyType { .. } | JweError::JwksNoMatch { .. } | JweError::EpkCurve { .. }));
    Err(errors.swap_remove(telling.unwrap_or(0)))
}

fn decrypt_decoded(decoded: &DecodedToken, key: &DecryptionKey) -> Result<Decrypted, JweError> {
    if decoded.kind != TokenKind::Jwe {
        return Err(JweError::NotJwe { segments: decoded.segments.len() });
    }
    let (alg, enc) = algorithms(&decoded.header)?;
    let segment = |index: usize| -> Result<Vec<u8>, JweError> {
        let text = decoded.segments.get(index).map(|segment| segment.text.as_str()).unwrap_or_default();
        b64::decode_lenient(text).map(|(bytes, _)| bytes).map_err(|problem| JweError::Token(base64_error(Part::JWE[index], problem)))
    };
    let encrypted_key = segment(1)?;
    let iv = segment(2)?;
    let ciphertext = segment(3)?;
    let tag = segment(4)?;
    if iv.len() != enc.iv_len() {
        return Err(JweError::SegmentLength { what: "initialization vector", expected: enc.iv_len(), found: iv.len() });
    }
    if tag.len() != enc.tag_len() {
        return Err(JweError::SegmentLength { what: "authentication tag", expected: enc.tag_len(), found: tag.len() });
    }
    // The AAD is the protected header exactly as written (RFC 7516 §5.2 step 14), and in the JSON
    // serialization also its `aad` member.
    let protected = decoded.segments.first().map(|segment| segment.text.as_str()).unwrap_or_default();
    let aad = match decoded.json.as_ref().and_then(|json| json.aad.as_ref()) {
        Some(extra) => format!("{protected}.{extra}"),
        None => protected.to_string(),
    };
    let aad = aad.as_bytes();

    let open = |key: &PrivateMaterial| -> Result<Vec<u8>, JweError> {
        let cek = key_management::unwrap(alg, enc, &decoded.header, &encrypted_key, key)?;
        if cek.len() != enc.key_len() {
            // Only a wrong key gives a content key of another length (RSA-OAEP, AES-KW).
            return Err(JweError::SegmentLength { what: "the decrypted content key", expected: enc.key_len(), found: cek.len() });
        }
        let key_agreement = matches!(alg, KeyManagement::EcdhEs);
        content::decrypt(enc, &cek, &iv, aad, &ciphertext, &tag)
            .map_err(|_| JweError::TagMismatch { key_agreement })
    };

    let (plaintext, key_used, secret) = if let KeyManagement::Pbes2(_) = alg {
        let password = key.password.as_bytes().to_vec();
        let plaintext = open(&PrivateMaterial::Secret(password.clone()))?;
        (plaintext, format!("the password ({} characters)", key.password.chars().count()), Some(password))
    } else {
        let keys = key.keys.as_ref().map_err(Clone::clone)?;
        let (plaintext, key) = open_with_any(keys, decoded.header.get("kid").and_then(Value::as_str), open)?;
        let secret = match &key.material {
            PrivateMaterial::Secret(secret) => Some(secret.clone()),
            _ => None,
        };
        (plaintext, key.description.clone(), secret)
    };
    let plaintext = match decoded.header.get("zip") {
        Some(_) => inflate(&plaintext)?,
        None => plaintext,
    };
    Ok(Decrypted { plaintext, key_used, alg, enc, secret })
}

/// The token's `kid` picks the key of a JWKS; without one, every key is tried and the first that
/// decrypts is used (the reason shown is the first key's).
fn open_with_any<'k>(
    keys: &'k [SigningKey],
    kid: Option<&str>,
    open: impl Fn(&PrivateMaterial) -> Result<Vec<u8>, JweError>,
) -> Result<(Vec<u8>, &'k SigningKey), JweError> {
    let candidates: Vec<&SigningKey> = match kid {
        Some(kid) if keys.len() > 1 => {
            let matching: Vec<&SigningKey> = keys.iter().filter(|key| key.kid.as_deref() == Some(kid)).collect();
            if matching.is_empty() {
                let kids = keys.iter().filter_map(|key| key.kid.clone()).collect();
                return Err(JweError::JwksNoMatch { kid: Some(kid.to_string()), kids });
            }
            matching
        }
        _ => keys.iter().collect(),
    };
    let mut first_error = None;
    for key in candidates {
        match open(&key.material) {
            Ok(plaintext) => return Ok((plaintext, key)),
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
    }
    Err(first_error.unwrap_or(JweError::JwksNoMatch { kid: None, kids: Vec::new() }))
}

/// `zip: "DEF"`: raw DEFLATE (RFC 1951), cut off at [`MAX_INFLATED_BYTES`].
pub fn inflate(compressed: &[u8]) -> Result<Vec<u8>, JweError> {
    use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};
    decompress_to_vec_with_limit(compressed, MAX_INFLATED_BYTES).map_err(|error| match error.status {
        TINFLStatus::HasMoreOutput => JweError::InflateTooLarge { limit: MAX_INFLATED_BYTES },
        status => JweError::Inflate { message: format!("{status:?}") },
    })
}

/// `zip: "DEF"` when encrypting.
pub fn deflate(plaintext: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(plaintext, 6)
}
