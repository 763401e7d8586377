//! Signature verification for every JWS algorithm of RFC 7518 and RFC 8037, with a verdict and a
//! precise reason for anything that is not a valid signature.

use hmac::{Hmac, KeyInit, Mac};
use rsa::signature::Verifier;
use rsa::traits::PublicKeyParts;
use serde_json::Value;
use sha2::{Sha256, Sha384, Sha512};

use super::alg::{token_alg, Alg, Hash, Verdict, Verification, MISMATCH_REASON};
use crate::jose::error::JoseError;
use crate::jose::keys::{rsa_bits, Curve, Key, KeyInput, KeyMaterial, MlDsaSet};
use crate::jose::token::DecodedToken;

impl Alg {
    /// Whether a key of this material can verify this algorithm at all.
    pub fn fits(self, material: &KeyMaterial) -> bool {
        match (self, material) {
            (Alg::Hmac(_), KeyMaterial::Secret(_)) => true,
            (Alg::RsaPkcs1(_) | Alg::RsaPss(_), KeyMaterial::Rsa(_)) => true,
            (Alg::Ecdsa(curve), KeyMaterial::Ec { curve: key_curve, .. }) => curve == *key_curve,
            (Alg::EdDsa, KeyMaterial::Ed25519(_)) => true,
            (Alg::MlDsa(set), KeyMaterial::MlDsa { set: key_set, .. }) => set == *key_set,
            _ => false,
        }
    }

    /// What kind of key the algorithm needs, for mismatch messages.
    fn needs(self) -> String {
        match self {
            Alg::Hmac(_) => "it needs the shared secret".into(),
            Alg::RsaPkcs1(_) | Alg::RsaPss(_) => {
                "it needs the signer's RSA public key (PEM, certificate or JWK)".into()
            }
            Alg::Ecdsa(curve) => format!("it needs an EC {} public key", curve.name()),
            Alg::EdDsa => "it needs an Ed25519 public key".into(),
            Alg::MlDsa(set) => format!("it needs an {} public key (AKP JWK or SPKI PEM)", set.name()),
        }
    }
}

/// Verifies `token` with what the key box holds (`None`: empty box).
pub fn verify(token: &DecodedToken, key: Option<&KeyInput>) -> Verification {
    let alg = match token_alg(token) {
        Ok(alg) => alg,
        Err(error) => return Verification::new(Verdict::Error(error)),
    };
    match key {
        None => Verification::new(Verdict::NoKey),
        Some(KeyInput::Single(key)) => verify_with(token, alg, key),
        Some(KeyInput::Set { keys, .. }) => verify_with_set(token, alg, keys),
    }
}

/// Verifies with the key box as parsed: a key that did not parse is the verdict's reason, unless
/// the token alone already cannot verify (unsigned, unknown alg...), which is said first.
pub fn verify_parsed(token: &DecodedToken, key: &Result<Option<KeyInput>, JoseError>) -> Verification {
    match key {
        Ok(key) => verify(token, key.as_ref()),
        Err(key_error) => Verification::new(Verdict::Error(match token_alg(token) {
            Ok(_) => key_error.clone(),
            Err(token_error) => token_error,
        })),
    }
}

/// JWKS: the token's `kid` picks the key; without a kid, every key that fits the alg is tried.
fn verify_with_set(token: &DecodedToken, alg: Alg, keys: &[Key]) -> Verification {
    let kid = token.header.get("kid").and_then(Value::as_str);
    let candidates: Vec<&Key> = match kid {
        Some(kid) => keys.iter().filter(|key| key.kid.as_deref() == Some(kid)).collect(),
        None => keys.iter().filter(|key| alg.fits(&key.material)).collect(),
    };
    if candidates.is_empty() {
        return Verification::new(Verdict::Error(JoseError::JwksNoMatch {
            kid: kid.map(str::to_string),
            kids: keys.iter().filter_map(|key| key.kid.clone()).collect(),
            alg: alg.name().to_string(),
        }));
    }
    let how = match kid {
        Some(kid) => format!("chose the key with kid \"{kid}\" from the JWKS ({} keys)", keys.len()),
        None => format!(
            "the token has no kid: tried the {} key(s) of the JWKS that fit {}",
            candidates.len(),
            alg.name()
        ),
    };
    let mut last = None;
    for key in &candidates {
        let mut outcome = verify_with(token, alg, key);
        outcome.warnings.insert(0, how.clone());
        if outcome.verdict == Verdict::Valid {
            return outcome;
        }
        last = Some(outcome);
    }
    let mut outcome = last.unwrap_or_else(|| Verification::new(Verdict::NoKey));
    if candidates.len() > 1 {
        if let Verdict::Invalid { reason } = &outcome.verdict {
            outcome.verdict = Verdict::Invalid { reason: format!("no key of the set verifies it; {reason}") };
        }
    }
    outcome
}

fn verify_with(token: &DecodedToken, alg: Alg, key: &Key) -> Verification {
    let mut outcome = Verification::new(Verdict::NoKey);
    outcome.key_used = Some(key.description.clone());
    outcome.warnings.extend(key.notes.iter().cloned());
    outcome.verdict = match check_and_verify(token, alg, key, &mut outcome.warnings) {
        Ok(true) => Verdict::Valid,
        Ok(false) => Verdict::Invalid { reason: MISMATCH_REASON.to_string() },
        Err(error) => Verdict::Error(error),
    };
    outcome
}

fn check_and_verify(token: &DecodedToken, alg: Alg, key: &Key, warnings: &mut Vec<String>) -> Result<bool, JoseError> {
    if let Some(jwk_alg) = &key.jwk_alg {
        if jwk_alg != alg.name() {
            return Err(JoseError::JwkAlgMismatch { jwk_alg: jwk_alg.clone(), token_alg: alg.name().into() });
        }
    }
    let message = token.signing_input().as_bytes();
    let signature = token.signature.as_slice();
    let length = |expected: usize| -> Result<(), JoseError> {
        if signature.len() == expected {
            Ok(())
        } else {
            Err(JoseError::SignatureLength {
                alg: alg.name().into(),
                expected,
                found: signature.len(),
                looks_der: matches!(alg, Alg::Ecdsa(_)) && looks_like_der_signature(signature),
            })
        }
    };
    match (alg, &key.material) {
        (Alg::Hmac(hash), KeyMaterial::Secret(secret)) => {
            warnings.extend(super::short_secret_warning(alg, hash, secret.len()));
            length(hash.output_len())?;
            Ok(hmac_matches(hash, secret, message, signature))
        }
        (Alg::Hmac(hash), material) => Err(JoseError::AlgorithmConfusion {
            alg: alg.name().into(),
            key: material.kind(),
            forged: key
                .pem_text
                .as_deref()
                .is_some_and(|pem| forged_with_public_key(hash, pem, message, signature)),
        }),
        (Alg::RsaPkcs1(hash) | Alg::RsaPss(hash), KeyMaterial::Rsa(public)) => {
            let bits = rsa_bits(public);
            if bits < 2048 {
                warnings.push(format!("RSA key is {bits} bits: RFC 7518 §3.3 requires at least 2048"));
            }
            length(public.size())?;
            Ok(rsa_matches(alg, hash, public, message, signature))
        }
        (Alg::Ecdsa(curve), KeyMaterial::Ec { curve: key_curve, point }) if curve == *key_curve => {
            length(2 * curve.scalar_len())?;
            ecdsa_matches(curve, point, message, signature).map_err(|message| JoseError::SignatureValue {
                alg: alg.name().into(),
                message,
            })
        }
        (Alg::EdDsa, KeyMaterial::Ed25519(public)) => {
            length(64)?;
            let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(public) else {
                return Ok(false);
            };
            let Ok(signature) = ed25519_dalek::Signature::from_slice(signature) else {
                return Ok(false);
            };
            Ok(key.verify_strict(message, &signature).is_ok())
        }
        (Alg::MlDsa(set), KeyMaterial::MlDsa { set: key_set, public }) if set == *key_set => {
            length(set.signature_len())?;
            Ok(ml_dsa_matches(set, public, message, signature))
        }
        (_, material) => Err(JoseError::KeyAlgMismatch {
            alg: alg.name().into(),
            key: material.kind(),
            hint: alg.needs(),
        }),
    }
}

/// An ASN.1 SEQUENCE of two INTEGERs, which is how OpenSSL and Java emit ECDSA signatures.
fn looks_like_der_signature(signature: &[u8]) -> bool {
    match signature {
        [0x30, len, 0x02, ..] if *len < 0x80 => usize::from(*len) + 2 == signature.len(),
        [0x30, 0x81, len, 0x02, ..] => usize::from(*len) + 3 == signature.len(),
        _ => false,
    }
}

/// Constant-time HMAC comparison (the hmac crate's `verify_slice`).
fn hmac_matches(hash: Hash, secret: &[u8], message: &[u8], signature: &[u8]) -> bool {
    macro_rules! check {
        ($digest:ty) => {
            match Hmac::<$digest>::new_from_slice(secret) {
                Ok(mut mac) => {
                    mac.update(message);
                    mac.verify_slice(signature).is_ok()
                }
                Err(_) => false,
            }
        };
    }
    match hash {
        Hash::Sha256 => check!(Sha256),
        Hash::Sha384 => check!(Sha384),
        Hash::Sha512 => check!(Sha512),
    }
}

/// Whether an HMAC token was signed with the public key's PEM text as the secret — the forgery
/// that works against verifiers that take the algorithm from the token.
fn forged_with_public_key(hash: Hash, pem: &str, message: &[u8], signature: &[u8]) -> bool {
    let trimmed = pem.trim();
    [pem.to_string(), trimmed.to_string(), format!("{trimmed}\n")]
        .iter()
        .any(|candidate| hmac_matches(hash, candidate.as_bytes(), message, signature))
}

fn rsa_matches(alg: Alg, hash: Hash, public: &rsa::PublicKey, message: &[u8], signature: &[u8]) -> bool {
    use rsa::{pkcs1v15, pss};
    macro_rules! check {
        ($scheme:ident, $digest:ty) => {{
            let Ok(signature) = $scheme::Signature::try_from(signature) else { return false };
            $scheme::VerifyingKey::<$digest>::new(public.clone()).verify(message, &signature).is_ok()
        }};
    }
    match (alg, hash) {
        (Alg::RsaPss(_), Hash::Sha256) => check!(pss, Sha256),
        (Alg::RsaPss(_), Hash::Sha384) => check!(pss, Sha384),
        (Alg::RsaPss(_), Hash::Sha512) => check!(pss, Sha512),
        (_, Hash::Sha256) => check!(pkcs1v15, Sha256),
        (_, Hash::Sha384) => check!(pkcs1v15, Sha384),
        (_, Hash::Sha512) => check!(pkcs1v15, Sha512),
    }
}

/// `Ok(matches)`, or `Err` when R or S is not a valid scalar (zero or not below the order).
fn ecdsa_matches(curve: Curve, point: &[u8], message: &[u8], signature: &[u8]) -> Result<bool, String> {
    macro_rules! check {
        ($curve:ident) => {{
            let key = $curve::ecdsa::VerifyingKey::from_sec1_bytes(point)
                .map_err(|_| "the key is not a valid point".to_string())?;
            let signature = $curve::ecdsa::Signature::from_slice(signature)
                .map_err(|_| "R or S is zero or not below the curve order: not a valid signature".to_string())?;
            Ok(key.verify(message, &signature).is_ok())
        }};
    }
    match curve {
        Curve::P256 => check!(p256),
        Curve::P384 => check!(p384),
        Curve::P521 => check!(p521),
    }
}

/// Pure ML-DSA (FIPS 204 `ML-DSA.Verify`) with the empty context RFC 9964 uses for JWS.
fn ml_dsa_matches(set: MlDsaSet, public: &[u8], message: &[u8], signature: &[u8]) -> bool {
    use ml_dsa::{EncodedVerifyingKey, MlDsa44, MlDsa65, MlDsa87, Signature, VerifyingKey};
    macro_rules! check {
        ($params:ty) => {{
            let Ok(encoded) = EncodedVerifyingKey::<$params>::try_from(public) else { return false };
            let Ok(signature) = Signature::<$params>::try_from(signature) else { return false };
            VerifyingKey::<$params>::decode(&encoded).verify_with_context(message, &[], &signature)
        }};
    }
    match set {
        MlDsaSet::MlDsa44 => check!(MlDsa44),
        MlDsaSet::MlDsa65 => check!(MlDsa65),
        MlDsaSet::MlDsa87 => check!(MlDsa87),
    }
}

/// The signature alone, when the token is refused only for names in `crit` this verifier does not
/// understand: what a library that never reads `crit` (npm jsonwebtoken, the Rust crate) decides.
/// `None` for any other token (then `verify` already says everything).
pub fn verify_ignoring_crit(token: &DecodedToken, key: Option<&KeyInput>) -> Option<Verification> {
    if !matches!(super::alg::check_crit(&token.header), Err(JoseError::CritUnknown { .. })) {
        return None;
    }
    let mut bare = token.clone();
    bare.header.remove("crit");
    Some(verify(&bare, key))
}
