//! Keys: generating a key of a `keygen-type`, and showing a pasted key in every form (PEM, JWK,
//! JWKS, RFC 7638 thumbprint). Answers `Request::Generate` and `Request::Convert`.

use crate::jose::jws::Alg;
use crate::jose::keys::generate::GeneratedKey;
use crate::jose::keys::{parse_key, parse_signing_key, KeyInput, SecretEncoding};
use crate::jose::JoseError;

use super::protocol::GenerateOutcome;

/// A key of one of the UI contract's `keygen-type` values, in every form.
pub fn generate(key_type: &str) -> GenerateOutcome {
    key_outcome(crate::jose::keys::generate::generate(key_type), alg_for(key_type))
}

/// The RSA key sizes the worker asks the browser's WebCrypto for (`rsa_bits`), and the key it
/// exported as PKCS#8 DER in every form, as [`generate`] gives it.
pub fn rsa_bits(key_type: &str) -> Option<usize> {
    match key_type {
        "RSA-2048" => Some(2048),
        "RSA-3072" => Some(3072),
        "RSA-4096" => Some(4096),
        _ => None,
    }
}

pub fn from_pkcs8(key_type: &str, der: &[u8]) -> GenerateOutcome {
    let bits = rsa_bits(key_type).unwrap_or_default();
    key_outcome(crate::jose::keys::generate::rsa_from_pkcs8(der, bits), alg_for(key_type))
}

/// The algorithm a generated key is for: ML-DSA keys name it, the others by family.
fn alg_for(key_type: &str) -> &str {
    match key_type {
        "oct-256" => "HS256",
        "oct-384" => "HS384",
        "oct-512" => "HS512",
        "RSA-2048" | "RSA-3072" | "RSA-4096" => "RS256",
        "EC-P-256" => "ES256",
        "EC-P-384" => "ES384",
        "EC-P-521" => "ES512",
        "OKP-Ed25519" => "EdDSA",
        "OKP-X25519" => "",
        other => other,
    }
}

/// A key in every form the page offers (generated, or converted from the key box).
fn key_outcome(key: Result<GeneratedKey, JoseError>, alg: &str) -> GenerateOutcome {
    let key = match key {
        Ok(key) => key,
        Err(error) => return GenerateOutcome::Error { message: error.to_string() },
    };
    let pretty = |value: &serde_json::Value| serde_json::to_string_pretty(value).unwrap_or_default();
    let mut forms = Vec::new();
    if let Some(private) = &key.private_pem {
        forms.push(("private-pem".to_string(), private.clone()));
    }
    if let Some(public) = &key.public_pem {
        forms.push(("public-pem".to_string(), public.clone()));
    }
    let has_private = !key.private_jwk.is_null();
    let secret = key.private_jwk.get("kty").and_then(serde_json::Value::as_str) == Some("oct");
    if has_private {
        forms.push(("private-jwk".to_string(), pretty(&key.private_jwk)));
    }
    // A secret has no public part: its "public JWK" names it (kty and kid) without `k`, and it
    // gets no JWKS, which is made to be published.
    forms.push(("public-jwk".to_string(), pretty(&key.public_jwk)));
    if !secret {
        forms.push(("jwks".to_string(), pretty(&key.jwks)));
    }
    GenerateOutcome::Key {
        description: format!("{}, kid {} (its RFC 7638 thumbprint)", key.description, key.kid),
        signing_key: if has_private { pretty(&key.private_jwk) } else { String::new() },
        verifying_key: pretty(if secret { &key.private_jwk } else { &key.public_jwk }),
        alg: alg.to_string(),
        forms,
    }
}

/// The first algorithm a public key verifies.
fn verifies(material: &crate::jose::keys::KeyMaterial) -> &'static str {
    Alg::ALL.into_iter().find(|alg| alg.fits(material)).map_or("", Alg::name)
}

/// The key box's key in every form: a private key (or secret) with its public part, or a public
/// key (the first key of a JWKS).
pub fn convert(text: &str, encoding: SecretEncoding, password: &str) -> GenerateOutcome {
    use crate::jose::keys::generate::{private_forms, public_forms};
    match parse_signing_key(text, encoding, password) {
        Ok(Some(keys)) => {
            let alg = Alg::ALL.into_iter().find(|alg| alg.signs_with(&keys[0].material)).map_or("", Alg::name);
            return key_outcome(private_forms(&keys[0].material), alg);
        }
        Ok(None) => return GenerateOutcome::Error { message: "the key box is empty".into() },
        Err(JoseError::PublicKeyForSigning { .. }) => {}
        Err(error @ (JoseError::PemPasswordNeeded | JoseError::PemPasswordWrong)) => {
            return GenerateOutcome::Error { message: error.to_string() }
        }
        Err(_) => {}
    }
    match parse_key(text, encoding) {
        Ok(Some(KeyInput::Single(key))) => key_outcome(public_forms(&key.material), verifies(&key.material)),
        Ok(Some(KeyInput::Set { keys, .. })) => key_outcome(public_forms(&keys[0].material), verifies(&keys[0].material)),
        Ok(None) => GenerateOutcome::Error { message: "the key box is empty".into() },
        Err(error) => GenerateOutcome::Error { message: error.to_string() },
    }
}

