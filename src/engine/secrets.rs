//! Known secrets on sight: an HS256/384/512 token is tried against the empty key and the bundled
//! list of leaked and default secrets (`assets/jwt-secrets.txt`, read once, built into the worker)
//! with the cracker's fast HMAC, with no key typed. Answers `Request::KnownSecret`.

use std::sync::OnceLock;

use crate::jose::findings::{secret_findings, SecretList};
use crate::jose::token::decode;

use super::protocol::Response;

pub(super) fn bundled() -> &'static SecretList {
    static LIST: OnceLock<SecretList> = OnceLock::new();
    LIST.get_or_init(|| SecretList::from_text(include_str!("../../assets/jwt-secrets.txt")))
}

pub fn known_secret(id: u64, token: &str) -> Response {
    let Ok(token) = decode(token) else { return Response::KnownSecret { id, findings: Vec::new(), secret: None } };
    let (findings, secret) = secret_findings(&token, bundled());
    Response::KnownSecret { id, findings, secret: secret.map(|bytes| String::from_utf8_lossy(&bytes).into_owned()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hs256(secret: &[u8]) -> String {
        use hmac::{KeyInit, Mac};
        let input = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0";
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret).unwrap();
        mac.update(input.as_bytes());
        format!("{input}.{}", crate::jose::b64::encode(&mac.finalize().into_bytes()))
    }

    #[test]
    fn finds_a_listed_secret_and_the_empty_key_and_nothing_else() {
        let listed = bundled().iter().nth(100).unwrap().to_vec();
        let Response::KnownSecret { findings, secret, .. } = known_secret(1, &hs256(&listed)) else { panic!() };
        assert_eq!(secret.as_deref().map(str::as_bytes), Some(listed.as_slice()));
        assert_eq!(findings[0].code, "known-secret");
        let Response::KnownSecret { findings, secret, .. } = known_secret(2, &hs256(b"")) else { panic!() };
        assert_eq!((secret.as_deref(), findings[0].code), (Some(""), "empty-secret"));
        let Response::KnownSecret { findings, secret, .. } = known_secret(3, &hs256(b"a long random secret nobody lists 7f3a9c")) else { panic!() };
        assert!(findings.is_empty() && secret.is_none());
        assert!(matches!(known_secret(4, "not a token"), Response::KnownSecret { secret: None, .. }));
    }
}
