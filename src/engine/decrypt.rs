//! Decryption: a JWE opened with the key box, a nested JWS verified with the inner key box, and
//! the findings of the key that decrypted it. Part of `Request::Check` for a five-part token.

use crate::jose::findings::{Finding, Severity};
use crate::jose::jws::{verify_parsed, VerdictReport};
use crate::jose::jwe;
use crate::jose::keys::{parse_key, SecretEncoding};
use crate::jose::token::{decode, TokenKind};

use super::protocol::{CheckRequest, DecryptReport};

/// Decrypts a JWE with the key box (`None` when the box is empty), and verifies a nested JWS with
/// the inner key box. Also returns the key findings and the secret used (for the known-secrets
/// check).
pub(super) fn open_jwe(request: &CheckRequest, key: Option<&jwe::DecryptionKey>) -> (Option<DecryptReport>, Vec<Finding>, Vec<Vec<u8>>) {
    if request.key.trim().is_empty() {
        return (None, Vec::new(), Vec::new());
    }
    let Some(key) = key else { return (None, Vec::new(), Vec::new()) };
    let decrypted = match jwe::decrypt_with(&request.token, key) {
        Ok(decrypted) => decrypted,
        Err(error) => {
            let report = DecryptReport { status: "error".into(), reason: Some(error.to_string()), plaintext: String::new(), key_used: None, inner: None };
            return (Some(report), Vec::new(), Vec::new());
        }
    };
    let inner = std::str::from_utf8(&decrypted.plaintext).ok().and_then(|text| decode(text).ok()).filter(|inner| inner.kind == TokenKind::Jws);
    let inner = inner.map(|inner| {
        // The inner key box has no encoding choice: a secret there is text (or a JWK with "k").
        let key = parse_key(&request.inner_key, SecretEncoding::Utf8);
        VerdictReport::from(&verify_parsed(&inner, &key))
    });
    let findings = jwe_key_findings(&decrypted);
    let report = DecryptReport {
        status: "ok".into(),
        reason: None,
        plaintext: crate::jose::b64::encode(&decrypted.plaintext),
        key_used: Some(decrypted.key_used),
        inner,
    };
    (Some(report), findings, decrypted.secret.into_iter().collect())
}

/// A password that is short for PBES2 (a shared secret's length is fixed by the algorithm).
fn jwe_key_findings(decrypted: &jwe::Decrypted) -> Vec<Finding> {
    match (&decrypted.alg, &decrypted.secret) {
        (jwe::KeyManagement::Pbes2(_), Some(password)) if password.len() < 12 => vec![Finding {
            code: "weak-secret",
            severity: Severity::High,
            title: format!("PBES2 password of {} characters: guessable offline from any token", password.len()),
            advice: "Anyone holding a token can try passwords at the speed of PBKDF2; use a long random password or a random key with A256KW.".into(),
        }],
        _ => Vec::new(),
    }
}

