//! Verification: the key box read (its last parse kept) and the token's signature checked, with
//! the key's findings; a JWE is handed to `decrypt`. Answers `Request::Check`.

use crate::jose::findings::{key_findings, known_secret_findings};
use crate::jose::jws::{verdict_without_key, verify_ignoring_crit, verify_parsed, Alg, Verdict, VerdictReport, Verification};
use crate::jose::keys::{parse_key, parse_signing_key, KeyInput, SecretEncoding};
use crate::jose::jwe;
use crate::jose::token::{decode, decode_entries, DecodedToken, TokenKind};
use crate::jose::JoseError;

use super::decrypt::open_jwe;
use super::handler::Engine;
use super::protocol::{CheckReport, CheckRequest, KeySummary};

/// The key box as last read. Parsing is what costs (an RSA key precomputes its Montgomery
/// parameters), and while the user types in the token box the key does not change.
pub(super) struct ParsedKey {
    pub(super) text: String,
    pub(super) encoding: SecretEncoding,
    pub(super) parsed: Result<Option<KeyInput>, JoseError>,
    pub(super) can_sign: bool,
}

/// The key box's HMAC secrets against the bundled list of known secrets: a hit is a finding.
/// Returns how many secrets the list holds (0 when there was no secret to check).
fn check_known_secrets(secrets: &[Vec<u8>], findings: &mut Vec<crate::jose::findings::Finding>) -> u32 {
    if secrets.is_empty() {
        return 0;
    }
    let list = super::secrets::bundled();
    findings.extend(known_secret_findings(secrets, list));
    u32::try_from(list.len()).unwrap_or(u32::MAX)
}

impl Engine {
    /// Reads the key box (re-using the last parse when it has not changed) and verifies the token.
    pub fn check(&mut self, request: &CheckRequest) -> CheckReport {
        let ParsedKey { parsed: key, can_sign, .. } = self.key(&request.key, request.encoding);
        let can_sign = *can_sign;
        let summary = summarise(key);
        let Ok(token) = decode(&request.token) else {
            return CheckReport { key: summary, verdict: None, findings: Vec::new(), known_secrets_listed: 0, can_sign, decryption: None, crit_free: None };
        };
        if token.kind == TokenKind::Jwe {
            let cached = self.decryption_key.as_ref().is_some_and(|(text, encoding, _)| *text == request.key && *encoding == request.encoding);
            if !cached {
                let key = jwe::DecryptionKey::new(&request.key, request.encoding);
                self.decryption_key = Some((request.key.clone(), request.encoding, key));
            }
            let key = self.decryption_key.as_ref().map(|(_, _, key)| key);
            let (decryption, mut findings, secrets) = open_jwe(request, key);
            let known_secrets_listed = check_known_secrets(&secrets, &mut findings);
            let verdict = Some(VerdictReport::from(&verdict_without_key(&token)));
            return CheckReport { key: summary, verdict, findings, known_secrets_listed, can_sign, decryption, crit_free: None };
        }
        let verification = verify_any_signature(&request.token, &token, key);
        let key_mismatch = matches!(verification.verdict, Verdict::Invalid { .. });
        let mut key_findings = key_findings(&token, key.as_ref().ok().and_then(Option::as_ref), key_mismatch);
        let known_secrets_listed = check_known_secrets(&key_findings.hmac_secrets, &mut key_findings.findings);
        let mut verdict = VerdictReport::from(&verification);
        if key_mismatch {
            if let Some(hint) = other_encoding_hint(&token, request) {
                verdict.reason = Some(format!("{}. {hint}", verdict.reason.unwrap_or_default()));
            }
        }
        let crit_free = verify_ignoring_crit(&token, key.as_ref().ok().and_then(Option::as_ref)).map(|bare| VerdictReport::from(&bare));
        CheckReport {
            key: summary,
            verdict: Some(verdict),
            findings: key_findings.findings,
            known_secrets_listed,
            can_sign,
            decryption: None,
            crit_free,
        }
    }

    fn key(&mut self, text: &str, encoding: SecretEncoding) -> &ParsedKey {
        let cached = self.key.as_ref().is_some_and(|key| key.encoding == encoding && key.text == text);
        if !cached {
            self.key = None;
        }
        let key = self.key.get_or_insert_with(|| ParsedKey {
            text: text.to_string(),
            encoding,
            parsed: parse_key(text, encoding),
            can_sign: matches!(parse_signing_key(text, encoding, ""), Ok(Some(_))),
        });
        key
    }
}

/// A secret that does not verify as typed may verify when read as base64 or hex (or as text, when
/// an encoding was chosen): say which, since that mix-up is the usual reason.
fn other_encoding_hint(token: &DecodedToken, request: &CheckRequest) -> Option<String> {
    if !matches!(Alg::from_header(&token.header), Ok(Alg::Hmac(_))) {
        return None;
    }
    [(SecretEncoding::Utf8, "as text (untick the encoding)"), (SecretEncoding::Base64, "as base64 (tick \"secret is base64\")"), (SecretEncoding::Hex, "as hex (tick \"secret is hex\")")]
        .into_iter()
        .filter(|(encoding, _)| *encoding != request.encoding)
        .find(|(encoding, _)| {
            let key = parse_key(&request.key, *encoding);
            key.as_ref().is_ok_and(|key| key.is_some()) && verify_parsed(token, &key).verdict == Verdict::Valid
        })
        .map(|(_, how)| format!("This secret verifies when read {how}"))
}

/// A JWS in the general JSON serialization is valid when one of its signatures verifies with the
/// key; `key_used` says which. Otherwise the first signature's verdict is the answer.
fn verify_any_signature(raw: &str, first: &DecodedToken, key: &Result<Option<KeyInput>, JoseError>) -> Verification {
    let count = first.json.as_ref().map_or(1, |json| json.headers.len());
    let name = |mut verification: Verification, index: usize| {
        if count > 1 {
            let which = format!("signature #{} of {count}", index + 1);
            verification.key_used = Some(verification.key_used.map_or(which.clone(), |key| format!("{key} ({which})")));
        }
        verification
    };
    let verification = verify_parsed(first, key);
    if count <= 1 || verification.verdict == Verdict::Valid {
        return name(verification, 0);
    }
    // Else the signature the key could have made (an algorithm of its type), if there is one.
    let mut answer = (verification, 0);
    for (index, token) in decode_entries(raw).into_iter().enumerate().skip(1) {
        if let Ok(token) = token {
            let other = verify_parsed(&token, key);
            let fits = matches!(other.verdict, Verdict::Valid | Verdict::Invalid { .. });
            if other.verdict == Verdict::Valid || (fits && !matches!(answer.0.verdict, Verdict::Invalid { .. })) {
                answer = (other, index);
            }
            if answer.0.verdict == Verdict::Valid {
                break;
            }
        }
    }
    name(answer.0, answer.1)
}

fn summarise(key: &Result<Option<KeyInput>, JoseError>) -> KeySummary {
    match key {
        Ok(None) => KeySummary::Empty,
        Ok(Some(KeyInput::Single(key))) => KeySummary::Single { description: key.description.clone() },
        Ok(Some(KeyInput::Set { keys, skipped })) => KeySummary::Set {
            descriptions: keys.iter().map(|key| key.description.clone()).collect(),
            skipped: skipped.clone(),
        },
        Err(error) => KeySummary::Error { message: error.to_string() },
    }
}

