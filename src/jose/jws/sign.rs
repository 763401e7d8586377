//! Signing a compact JWS with every algorithm this page verifies. The header and payload are
//! encoded exactly as written (member order, spacing, numbers), so re-signing an unedited token
//! with its key gives the same token for the deterministic algorithms.

use hmac::{Hmac, KeyInit, Mac};
use rsa::signature::{RandomizedSigner, SignatureEncoding, Signer};
use serde_json::Value;
use sha2::{Sha256, Sha384, Sha512};

use super::alg::{signing_input, Alg, Hash};
use crate::jose::b64;
use crate::jose::error::JoseError;
use crate::jose::keys::{Curve, MlDsaSet, PrivateMaterial, SigningKey};

/// A token made, with what to know about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Signed {
    pub token: String,
    /// The key that signed it.
    pub key_used: String,
    /// E.g. an HMAC secret shorter than the hash: signed anyway (users test with short secrets).
    pub warnings: Vec<String>,
}

impl Alg {
    /// Whether a private key of this material can make this algorithm's signatures.
    pub fn signs_with(self, material: &PrivateMaterial) -> bool {
        match (self, material) {
            (Alg::Hmac(_), PrivateMaterial::Secret(_)) => true,
            (Alg::RsaPkcs1(_) | Alg::RsaPss(_), PrivateMaterial::Rsa(_)) => true,
            (Alg::Ecdsa(curve), PrivateMaterial::Ec { curve: key_curve, .. }) => curve == *key_curve,
            (Alg::EdDsa, PrivateMaterial::Ed25519(_)) => true,
            (Alg::MlDsa(set), PrivateMaterial::MlDsa { set: key_set, .. }) => set == *key_set,
            _ => false,
        }
    }
}

/// The algorithms a key can sign, for messages ("HS256, HS384, HS512").
pub fn algorithms_for(material: &PrivateMaterial) -> String {
    let names: Vec<&str> = Alg::ALL.into_iter().filter(|alg| alg.signs_with(material)).map(Alg::name).collect();
    names.join(", ")
}

/// The header text's `alg`, read as a verifier would (`none` is refused: an unsigned token is made
/// with [`unsigned`]).
pub fn header_alg(header_text: &str) -> Result<Alg, JoseError> {
    let header: Value = serde_json::from_str(header_text).map_err(|error| JoseError::Json {
        part: crate::jose::Part::Header,
        line: error.line(),
        column: error.column(),
        message: crate::jose::token::json_error_message(&error),
    })?;
    let header = match header {
        Value::Object(header) => header,
        other => return Err(JoseError::NotAnObject { part: crate::jose::Part::Header, found: crate::jose::token::json_kind(&other) }),
    };
    Alg::from_header(&header)
}

/// Signs with the key the header's `kid` names, or else the first key that can sign its `alg`.
pub fn sign(header_text: &str, payload_text: &str, keys: &[SigningKey]) -> Result<Signed, JoseError> {
    let alg = header_alg(header_text)?;
    let kid = serde_json::from_str::<Value>(header_text)
        .ok()
        .and_then(|header| header.get("kid").and_then(Value::as_str).map(str::to_string));
    let by_kid = kid.as_deref().and_then(|kid| keys.iter().find(|key| key.kid.as_deref() == Some(kid)));
    let key = by_kid
        .or_else(|| keys.iter().find(|key| alg.signs_with(&key.material)))
        .or(keys.first())
        .ok_or(JoseError::SecretEmpty)?;
    if !alg.signs_with(&key.material) {
        return Err(JoseError::SigningKeyMismatch {
            alg: alg.name().into(),
            key: key.material.kind(),
            fits: algorithms_for(&key.material),
        });
    }
    if let Some(jwk_alg) = key.jwk_alg.as_deref().filter(|jwk_alg| *jwk_alg != alg.name()) {
        return Err(JoseError::JwkAlgMismatch { jwk_alg: jwk_alg.into(), token_alg: alg.name().into() });
    }
    let input = signing_input(header_text, payload_text);
    let mut warnings = Vec::new();
    let signature = signature(alg, &key.material, input.as_bytes(), &mut warnings)?;
    Ok(Signed { token: format!("{input}.{}", b64::encode(&signature)), key_used: key.description.clone(), warnings })
}

fn signature(alg: Alg, material: &PrivateMaterial, message: &[u8], warnings: &mut Vec<String>) -> Result<Vec<u8>, JoseError> {
    let failed = |error: &dyn std::fmt::Display| JoseError::SigningFailed { alg: alg.name().into(), message: error.to_string() };
    match (alg, material) {
        (Alg::Hmac(hash), PrivateMaterial::Secret(secret)) => {
            if secret.len() < hash.output_len() {
                warnings.push(format!(
                    "the secret is {} bytes: RFC 7518 §3.2 requires at least {} for {}; signed anyway, but a verifier may refuse it and the secret can be brute-forced",
                    secret.len(),
                    hash.output_len(),
                    alg.name()
                ));
            }
            Ok(hmac(hash, secret, message))
        }
        (Alg::RsaPkcs1(hash) | Alg::RsaPss(hash), PrivateMaterial::Rsa(key)) => {
            // PKCS#1 v1.5: blinded with the browser's CSPRNG, the signature itself deterministic.
            // PSS (RFC 7518 §3.5): a random salt as long as the hash.
            let mut rng = getrandom::rand_core::UnwrapErr(getrandom::SysRng);
            macro_rules! rsa_sign {
                ($scheme:ident) => {{
                    use rsa::$scheme::SigningKey;
                    let key = key.as_ref().clone();
                    match hash {
                        Hash::Sha256 => SigningKey::<Sha256>::new(key).try_sign_with_rng(&mut rng, message).map(|s| s.to_vec()),
                        Hash::Sha384 => SigningKey::<Sha384>::new(key).try_sign_with_rng(&mut rng, message).map(|s| s.to_vec()),
                        Hash::Sha512 => SigningKey::<Sha512>::new(key).try_sign_with_rng(&mut rng, message).map(|s| s.to_vec()),
                    }
                }};
            }
            let signature = if matches!(alg, Alg::RsaPss(_)) { rsa_sign!(pss) } else { rsa_sign!(pkcs1v15) };
            signature.map_err(|error| failed(&error))
        }
        (Alg::Ecdsa(curve), PrivateMaterial::Ec { scalar, .. }) => {
            // RFC 6979 deterministic nonces; raw R‖S as RFC 7518 §3.4 requires.
            macro_rules! ecdsa {
                ($curve:ident) => {{
                    let key = $curve::ecdsa::SigningKey::from_slice(scalar).map_err(|error| failed(&error))?;
                    let signature: $curve::ecdsa::Signature = key.try_sign(message).map_err(|error| failed(&error))?;
                    Ok(signature.to_bytes().to_vec())
                }};
            }
            match curve {
                Curve::P256 => ecdsa!(p256),
                Curve::P384 => ecdsa!(p384),
                Curve::P521 => ecdsa!(p521),
            }
        }
        (Alg::EdDsa, PrivateMaterial::Ed25519(seed)) => {
            Ok(ed25519_dalek::SigningKey::from_bytes(seed).sign(message).to_bytes().to_vec())
        }
        (Alg::MlDsa(set), PrivateMaterial::MlDsa { seed, .. }) => {
            use ml_dsa::{MlDsa44, MlDsa65, MlDsa87, Seed, SigningKey as MlDsaKey};
            let seed = Seed::from(*seed);
            // Deterministic ML-DSA with the empty context (RFC 9964).
            let signature = match set {
                MlDsaSet::MlDsa44 => MlDsaKey::<MlDsa44>::from_seed(&seed).expanded_key().sign_deterministic(message, &[]).map(|s| s.encode().to_vec()),
                MlDsaSet::MlDsa65 => MlDsaKey::<MlDsa65>::from_seed(&seed).expanded_key().sign_deterministic(message, &[]).map(|s| s.encode().to_vec()),
                MlDsaSet::MlDsa87 => MlDsaKey::<MlDsa87>::from_seed(&seed).expanded_key().sign_deterministic(message, &[]).map(|s| s.encode().to_vec()),
            };
            signature.map_err(|error| failed(&error))
        }
        (_, material) => Err(JoseError::SigningKeyMismatch {
            alg: alg.name().into(),
            key: material.kind(),
            fits: algorithms_for(material),
        }),
    }
}

/// HMAC of `message` with `secret` (any length, empty included).
pub(crate) fn hmac(hash: Hash, secret: &[u8], message: &[u8]) -> Vec<u8> {
    macro_rules! mac {
        ($digest:ty) => {{
            // HMAC takes a key of any length: this cannot fail.
            let mut mac = <Hmac<$digest> as KeyInit>::new_from_slice(secret).unwrap_or_else(|_| unreachable!());
            mac.update(message);
            mac.finalize().into_bytes().to_vec()
        }};
    }
    match hash {
        Hash::Sha256 => mac!(Sha256),
        Hash::Sha384 => mac!(Sha384),
        Hash::Sha512 => mac!(Sha512),
    }
}
