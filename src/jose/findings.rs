//! Security findings: what a reviewer would flag in a token (and the key pasted with it). Each has a
//! stable code, a severity and one sentence of why and what to do. None of them blocks decoding.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

#[cfg(feature = "crypto")]
use super::keys::{rsa_bits, Key, KeyInput, KeyMaterial};
#[cfg(feature = "crypto")]
use super::jws::{Alg, Hash};
use super::text::members_have_invisible;
use super::time::{human_duration, read_numeric_date, time_claims, TimeEvaluation};
use super::token::{DecodedToken, Payload, TokenKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    High,
    Medium,
    Low,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
            Severity::Info => "info",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable identifier, e.g. `alg-none`; tests and users can rely on it.
    pub code: &'static str,
    pub severity: Severity,
    pub title: String,
    /// Why it matters and what to do.
    pub advice: String,
}

/// Every finding code, so that a finding made in the crypto worker keeps a `&'static` code here.
pub const CODES: [&str; 28] = [
    "alg-none", "weak-secret", "known-secret", "rsa-key-short", "alg-confusion", "private-key-pasted",
    "no-exp", "long-lifetime", "iat-in-future", "nbf-after-exp", "key-url-header", "embedded-key-header",
    "suspicious-kid", "crit-header", "zip-in-jws", "sensitive-payload", "unexpected-typ", "bad-time-claim",
    "non-canonical-encoding", "payload-not-claims", "duplicate-members", "invisible-characters",
    "jwe-rsa-pkcs1", "jwe-zip", "pbes2-low-count", "psychic-signature", "empty-signature", "empty-secret",
];

/// A finding as it arrives from the crypto worker: its code becomes one of `CODES` again.
#[derive(Deserialize)]
struct FindingMessage {
    code: String,
    severity: Severity,
    title: String,
    advice: String,
}

impl<'de> Deserialize<'de> for Finding {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Finding, D::Error> {
        let message = FindingMessage::deserialize(deserializer)?;
        let code = CODES.iter().find(|known| **known == message.code).copied().unwrap_or("unknown");
        Ok(Finding { code, severity: message.severity, title: message.title, advice: message.advice })
    }
}

/// `advice`: only when it depends on the token (the usual advice of each code is data the page
/// loads after its first view, `assets/page-texts.json`, so its text is not in the page's wasm).
fn finding(code: &'static str, severity: Severity, title: impl Into<String>, advice: impl Into<String>) -> Finding {
    Finding { code, severity, title: title.into(), advice: advice.into() }
}

/// The bundled list of publicly known JWT secrets (assets/jwt-secrets.txt), one per line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SecretList {
    set: HashSet<String>,
    /// The entries in the file's order (the most common first), without repeats, for trying them.
    ordered: Vec<String>,
}

impl SecretList {
    pub fn from_text(text: &str) -> SecretList {
        let mut set = HashSet::new();
        let mut ordered = Vec::new();
        for line in text.lines().filter(|line| !line.is_empty()) {
            if set.insert(line.to_string()) {
                ordered.push(line.to_string());
            }
        }
        SecretList { set, ordered }
    }

    pub fn len(&self) -> usize {
        self.ordered.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ordered.is_empty()
    }

    pub fn contains(&self, secret: &[u8]) -> bool {
        std::str::from_utf8(secret).is_ok_and(|text| self.set.contains(text))
    }

    /// The secrets as bytes, in the file's order: what the cracker tries.
    pub fn iter(&self) -> impl Iterator<Item = &[u8]> + '_ {
        self.ordered.iter().map(String::as_bytes)
    }
}

#[cfg(feature = "crypto")]
/// What the clock-independent findings are computed from.
pub struct Context<'a> {
    pub token: &'a DecodedToken,
    /// What the key box holds, if it parsed.
    pub key: Option<&'a KeyInput>,
    pub known_secrets: Option<&'a SecretList>,
    /// The key is well formed but the signature does not match (verdict `invalid`): it is not this
    /// token's key, so its strength (short or leaked secret, short RSA key) says nothing about the
    /// token and is not reported.
    pub key_mismatch: bool,
}

/// The validity window at "now": the findings that change as time passes. Kept apart so the page
/// re-evaluates only these once a second, not the walk over a possibly huge payload.
pub struct Clock<'a> {
    pub time: &'a TimeEvaluation,
    pub now: f64,
    pub leeway: f64,
    /// Lifetimes above this many seconds are flagged.
    pub max_lifetime: f64,
}

pub const DEFAULT_MAX_LIFETIME: f64 = 24.0 * 3600.0;

/// NumericDates above this (year 5138) are almost certainly milliseconds.
const MILLISECONDS_ABOVE: f64 = 1e11;

/// All findings, most severe first.
#[cfg(feature = "crypto")]
pub fn findings(context: &Context, clock: Option<&Clock>) -> Vec<Finding> {
    let mut out = static_findings(context);
    if let Some(clock) = clock {
        out.extend(clock_findings(clock));
    }
    out.sort_by_key(|f| f.severity);
    out
}

/// Findings about the token and key alone, in no particular order: what the page shows, with the
/// token's own findings made in the page and the key's in the crypto worker.
#[cfg(feature = "crypto")]
pub fn static_findings(context: &Context) -> Vec<Finding> {
    let mut out = token_findings(context.token);
    let key = key_findings(context.token, context.key, context.key_mismatch);
    out.extend(key.findings);
    if let Some(list) = context.known_secrets {
        out.extend(known_secret_findings(&key.hmac_secrets, list));
    }
    out
}

/// Findings about the token alone (no key), in no particular order.
pub fn token_findings(token: &DecodedToken) -> Vec<Finding> {
    let header = &token.header;
    let mut out = Vec::new();
    let alg_text = header.get("alg").and_then(Value::as_str).unwrap_or_default();

    if alg_text.eq_ignore_ascii_case("none") {
        out.push(finding(
            "alg-none",
            Severity::High,
            format!("Unsigned token (alg \"{alg_text}\")"),
            "",
        ));
    }
    header_findings(header, token.kind, &mut out);
    signature_findings(token, alg_text, &mut out);
    if let Some(claims) = token.claims() {
        time_claim_findings(claims, &mut out);
        sensitive_findings(claims, &mut out);
    }
    if token.kind == TokenKind::Jws && claims_expected(header) {
        let problem = match &token.payload {
            Payload::Text { json_error, .. } => Some(format!("The payload is not JSON ({json_error})")),
            Payload::OtherJson(_) => Some("The payload is JSON but not an object".to_string()),
            Payload::Binary(_) => Some("The payload is binary, not JSON".to_string()),
            _ => None,
        };
        if let Some(problem) = problem {
            out.push(finding(
                "payload-not-claims",
                Severity::Medium,
                problem,
                "",
            ));
        }
    }
    if !token.duplicate_members.is_empty() {
        let names: Vec<String> = token.duplicate_members.iter().map(|(part, name)| format!("{part} \"{name}\"")).collect();
        out.push(finding(
            "duplicate-members",
            Severity::High,
            format!("Duplicate member names: {}", names.join(", ")),
            "",
        ));
    }
    if members_have_invisible(header) || token.claims().is_some_and(members_have_invisible) {
        out.push(finding(
            "invisible-characters",
            Severity::Medium,
            "Invisible or text-direction characters in the token",
            "",
        ));
    }
    if !token.encoding_notes.is_empty() {
        out.push(finding(
            "non-canonical-encoding",
            Severity::Low,
            "Non-canonical base64url",
            "",
        ));
    }
    out
}

/// What the signature's shape alone gives away: a psychic signature (r or s zero, CVE-2022-21449:
/// Java 15-18 accepted it for any message and key) and an empty MAC under an HMAC `alg` (libraries
/// that compare only as many bytes as given accept it).
fn signature_findings(token: &DecodedToken, alg: &str, out: &mut Vec<Finding>) {
    if token.kind != TokenKind::Jws || token.signature_error.is_some() {
        return;
    }
    let signature = &token.signature;
    let scalar_len = match alg {
        "ES256" => 32,
        "ES384" => 48,
        "ES512" => 66,
        _ => 0,
    };
    if scalar_len > 0 && is_psychic(signature, scalar_len) {
        out.push(finding(
            "psychic-signature",
            Severity::High,
            format!("Psychic signature: {alg} with r or s equal to zero (CVE-2022-21449)"),
            "",
        ));
    }
    if alg.starts_with("HS") && signature.is_empty() && token.json.is_none() {
        out.push(finding("empty-signature", Severity::High, format!("Empty signature under {alg}"), ""));
    }
}

/// r or s is zero, as raw R‖S of the curve's length or as a DER sequence of two integers.
pub fn is_psychic(signature: &[u8], scalar_len: usize) -> bool {
    let zero = |bytes: &[u8]| bytes.iter().all(|&b| b == 0);
    if signature.len() == 2 * scalar_len {
        let (r, s) = signature.split_at(scalar_len);
        return zero(r) || zero(s);
    }
    // DER: 30 len 02 rlen r 02 slen s, short lengths only (a zero needs none longer).
    match signature {
        [0x30, len, 0x02, rlen, rest @ ..] if usize::from(*len) + 2 == signature.len() && rest.len() > usize::from(*rlen) => {
            let (r, rest) = rest.split_at(usize::from(*rlen));
            match rest {
                [0x02, slen, s @ ..] if s.len() == usize::from(*slen) => zero(r) || zero(s),
                _ => false,
            }
        }
        _ => false,
    }
}

/// On sight, with no key typed: whether an HS* token was signed with the empty key or a secret
/// of the bundled list (the `crack` module's fast cracker, so it runs on every token read, in the
/// worker). The finding names the secret.
#[cfg(feature = "crypto")]
pub fn secret_findings(token: &DecodedToken, list: &SecretList) -> (Vec<Finding>, Option<Vec<u8>>) {
    let Some(secret) = super::crack::known_secret(token, list.iter()) else { return (Vec::new(), None) };
    let finding = if secret.is_empty() {
        finding("empty-secret", Severity::High, "Signed with an empty HMAC key", "")
    } else {
        finding(
            "known-secret",
            Severity::High,
            format!("The HMAC secret is \"{}\", from a public list of leaked or default JWT secrets", secret_shown(&secret)),
            "",
        )
    };
    (vec![finding], Some(secret))
}

/// A secret for a title: its text, or hex when it is not UTF-8; control characters escaped.
#[cfg(feature = "crypto")]
fn secret_shown(secret: &[u8]) -> String {
    match std::str::from_utf8(secret) {
        Ok(text) => text.chars().flat_map(char::escape_debug).collect(),
        Err(_) => format!("0x{}", secret.iter().map(|b| format!("{b:02x}")).collect::<String>()),
    }
}

/// What a JWE header alone says: RSA1_5 (RFC 8725 §3.2), compression (§3.6), few PBES2 rounds.
fn jwe_findings(header: &Map<String, Value>, out: &mut Vec<Finding>) {
    if header.get("alg").and_then(Value::as_str) == Some("RSA1_5") {
        out.push(finding("jwe-rsa-pkcs1", Severity::Medium, "RSA1_5 key encryption: open to padding-oracle attacks", ""));
    }
    if header.contains_key("zip") {
        out.push(finding("jwe-zip", Severity::Low, "Compressed before encryption (zip)", ""));
    }
    if let Some(count) = header.get("p2c").and_then(Value::as_u64).filter(|&count| count < 1000) {
        out.push(finding("pbes2-low-count", Severity::Medium, format!("PBES2 with only {count} iterations (p2c)"), ""));
    }
}

/// Whether the header says (or lets one assume) that the payload is a JWT claims set.
fn claims_expected(header: &Map<String, Value>) -> bool {
    match header.get("typ").and_then(Value::as_str) {
        None => true,
        Some(typ) => {
            let lower = typ.to_ascii_lowercase();
            lower == "jwt" || lower == "application/jwt" || lower.ends_with("+jwt")
        }
    }
}

/// The keys the verdict is about: the single key, or the JWKS keys the token's kid selects.
#[cfg(feature = "crypto")]
fn keys_in_play<'a>(token: &DecodedToken, key: Option<&'a KeyInput>) -> Vec<&'a Key> {
    match key {
        None => Vec::new(),
        Some(KeyInput::Single(key)) => vec![key],
        Some(KeyInput::Set { keys, .. }) => {
            let kid = token.header.get("kid").and_then(Value::as_str);
            keys.iter().filter(|key| kid.is_none() || key.kid.as_deref() == kid).collect()
        }
    }
}

/// What the key says about the token, made in the crypto worker: the findings, and the HMAC
/// secrets in play, which the page checks against the known-secrets list it loads.
#[cfg(feature = "crypto")]
#[derive(Debug, Default, PartialEq)]
pub struct KeyFindings {
    pub findings: Vec<Finding>,
    pub hmac_secrets: Vec<Vec<u8>>,
}

/// Findings about the pasted key. `key_mismatch`: the key is well formed but the signature does
/// not match, so the key's strength says nothing about the token and is not reported.
#[cfg(feature = "crypto")]
pub fn key_findings(token: &DecodedToken, key: Option<&KeyInput>, key_mismatch: bool) -> KeyFindings {
    let alg = Alg::from_header(&token.header).ok();
    let mut result = KeyFindings::default();
    let out = &mut result.findings;
    for key in keys_in_play(token, key) {
        match (&key.material, alg) {
            (_, _) if key_mismatch => {}
            (KeyMaterial::Secret(secret), Some(Alg::Hmac(hash))) => {
                weak_secret_findings(secret, hash, out);
                result.hmac_secrets.push(secret.clone());
            }
            (material, Some(Alg::Hmac(_))) if material.is_asymmetric() => out.push(finding(
                "alg-confusion",
                Severity::High,
                "HMAC algorithm with a public key: algorithm-confusion shape",
                "",
            )),
            (KeyMaterial::Rsa(rsa), _) if rsa_bits(rsa) < 2048 => out.push(finding(
                "rsa-key-short",
                Severity::High,
                format!("RSA key of {} bits", rsa_bits(rsa)),
                "",
            )),
            _ => {}
        }
        if key.notes.iter().any(|note| note.starts_with("this is a private key")) {
            out.push(finding(
                "private-key-pasted",
                Severity::Info,
                "A private key was pasted",
                "",
            ));
        }
    }
    result
}

#[cfg(feature = "crypto")]
fn weak_secret_findings(secret: &[u8], hash: Hash, out: &mut Vec<Finding>) {
    if secret.len() < hash.output_len() {
        out.push(finding(
            "weak-secret",
            Severity::High,
            format!("HMAC secret of {} bytes, shorter than the {}-byte hash", secret.len(), hash.output_len()),
            "",
        ));
    }
}

/// `known-secret` when one of the token's HMAC secrets is in the bundled list.
pub fn known_secret_findings(hmac_secrets: &[Vec<u8>], known: &SecretList) -> Vec<Finding> {
    if !hmac_secrets.iter().any(|secret| known.contains(secret)) {
        return Vec::new();
    }
    vec![finding(
        "known-secret",
        Severity::High,
        "The HMAC secret is in a public list of leaked or default JWT secrets",
        "",
    )]
}

fn header_findings(header: &Map<String, Value>, kind: TokenKind, out: &mut Vec<Finding>) {
    let present: Vec<&str> = ["jku", "x5u"].into_iter().filter(|p| header.contains_key(*p)).collect();
    if !present.is_empty() {
        out.push(finding(
            "key-url-header",
            Severity::Medium,
            format!("Header points to a key URL ({})", present.join(", ")),
            "",
        ));
    }
    let present: Vec<&str> = ["jwk", "x5c"].into_iter().filter(|p| header.contains_key(*p)).collect();
    if !present.is_empty() {
        out.push(finding(
            "embedded-key-header",
            Severity::Medium,
            format!("Header embeds a key ({})", present.join(", ")),
            "",
        ));
    }
    if let Some(kid) = header.get("kid").and_then(Value::as_str) {
        let suspicious = suspicious_kid(kid);
        if !suspicious.is_empty() {
            out.push(finding(
                "suspicious-kid",
                Severity::High,
                format!("Suspicious kid: {}", suspicious.join(", ")),
                "",
            ));
        }
    }
    if let Some(crit) = header.get("crit") {
        out.push(finding(
            "crit-header",
            Severity::Low,
            format!("Critical extensions: {crit}"),
            "",
        ));
    }
    if kind == TokenKind::Jwe {
        jwe_findings(header, out);
    }
    if kind == TokenKind::Jws && header.contains_key("zip") {
        out.push(finding(
            "zip-in-jws",
            Severity::Medium,
            "zip header in a signed token",
            "",
        ));
    }
    if let Some(typ) = header.get("typ").and_then(Value::as_str) {
        if !claims_expected(header) {
            out.push(finding(
                "unexpected-typ",
                Severity::Low,
                format!("typ is \"{typ}\""),
                "",
            ));
        }
    }
}

/// The reasons a kid looks like an injection probe (empty when it looks fine).
fn suspicious_kid(kid: &str) -> Vec<&'static str> {
    let mut reasons = Vec::new();
    if kid.contains("..") || kid.starts_with('/') || kid.contains('\\') || kid.contains("/dev/") {
        reasons.push("path traversal");
    }
    if kid.contains('\'') || kid.contains("--") || kid.to_ascii_lowercase().contains(" or ") || kid.contains(';') {
        reasons.push("SQL metacharacters");
    }
    if kid.contains(['`', '$', '|', '&', '<', '>']) {
        reasons.push("shell metacharacters");
    }
    if kid.contains('\0') || kid.chars().any(char::is_control) {
        reasons.push("control characters");
    }
    reasons
}

fn time_claim_findings(claims: &Map<String, Value>, out: &mut Vec<Finding>) {
    let seconds = |name: &str| claims.get(name).and_then(|value| read_numeric_date(name, value).seconds);
    let (exp, nbf) = (seconds("exp"), seconds("nbf"));
    if exp.is_none() {
        out.push(finding(
            "no-exp",
            Severity::Medium,
            "No expiry (exp)",
            "",
        ));
    }
    if let (Some(nbf), Some(exp)) = (nbf, exp) {
        if nbf >= exp {
            out.push(finding(
                "nbf-after-exp",
                Severity::High,
                "nbf is not before exp",
                "",
            ));
        }
    }
    for claim in time_claims(claims) {
        if claim.suspicious {
            let in_millis = claim.seconds.is_some_and(|s| s > MILLISECONDS_ABOVE && s <= super::time::MAX_DATE_SECONDS);
            out.push(finding(
                "bad-time-claim",
                if in_millis { Severity::Medium } else { Severity::Low },
                format!("{} {}", claim.name, claim.notes.join("; ")),
                "",
            ));
        }
    }
}

/// Findings that depend on the current time, in no particular order.
pub fn clock_findings(clock: &Clock) -> Vec<Finding> {
    let time = clock.time;
    let mut out = Vec::new();
    // A NumericDate in milliseconds is reported once, by bad-time-claim; it would also look like a
    // far-future iat and a lifetime of millennia, which would only repeat the same mistake.
    let millis = |seconds: f64| seconds > MILLISECONDS_ABOVE;
    if let Some(iat) = time.iat.filter(|iat| !millis(*iat)) {
        if iat > clock.now + clock.leeway {
            out.push(finding(
                "iat-in-future",
                Severity::Medium,
                "Issued in the future (iat)",
                "",
            ));
        }
    }
    if let Some(lifetime) = time.lifetime.or(time.expires_in).filter(|_| !time.exp.is_some_and(millis)) {
        if lifetime > clock.max_lifetime {
            out.push(finding(
                "long-lifetime",
                Severity::Medium,
                format!("Long lifetime: {}", human_duration(lifetime)),
                format!(
                    "The token stays valid for more than {}: a leaked token is useful for that long. Prefer short-lived tokens with refresh.",
                    human_duration(clock.max_lifetime)
                ),
            ));
        }
    }
    out
}

/// Claim names that suggest secrets or personal data that should not travel in a readable token.
const SENSITIVE_NAMES: [&str; 14] = [
    "password", "passwd", "pwd", "secret", "private_key", "privatekey", "api_key", "apikey",
    "credit_card", "card_number", "cvv", "ssn", "social_security", "iban",
];

fn sensitive_findings(claims: &Map<String, Value>, out: &mut Vec<Finding>) {
    let mut hits = Vec::new();
    walk_members(claims, "", 0, &mut hits);
    if !hits.is_empty() {
        hits.truncate(5);
        out.push(finding(
            "sensitive-payload",
            Severity::Medium,
            format!("Payload looks sensitive: {}", hits.join(", ")),
            "",
        ));
    }
}

/// Collects paths of sensitive-looking members and values (bounded depth).
fn walk(value: &Value, path: &str, depth: usize, hits: &mut Vec<String>) {
    if depth > 16 || hits.len() >= 5 {
        return;
    }
    match value {
        Value::Object(map) => walk_members(map, path, depth, hits),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate().take(1000) {
                walk(item, &format!("{path}[{index}]"), depth + 1, hits);
            }
        }
        Value::String(text) => {
            if looks_like_card_number(text) {
                hits.push(format!("\"{path}\" (credit-card-like number)"));
            } else if looks_like_us_ssn(text) {
                hits.push(format!("\"{path}\" (national-ID-like number)"));
            }
        }
        _ => {}
    }
}

fn walk_members(map: &Map<String, Value>, path: &str, depth: usize, hits: &mut Vec<String>) {
    for (name, item) in map {
        let item_path = if path.is_empty() { name.clone() } else { format!("{path}.{name}") };
        let lower = name.to_ascii_lowercase();
        if SENSITIVE_NAMES.iter().any(|s| lower.contains(s)) {
            hits.push(format!("\"{item_path}\" (name)"));
        }
        walk(item, &item_path, depth + 1, hits);
    }
}

/// 13 to 19 digits (spaces and dashes allowed) passing the Luhn check.
fn looks_like_card_number(text: &str) -> bool {
    if text.len() > 40 || !text.chars().all(|c| c.is_ascii_digit() || c == ' ' || c == '-') {
        return false;
    }
    let digits: Vec<u32> = text.chars().filter_map(|c| c.to_digit(10)).collect();
    if !(13..=19).contains(&digits.len()) {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| if i % 2 == 1 { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { d })
        .sum();
    sum % 10 == 0
}

/// The US SSN shape ddd-dd-dddd.
fn looks_like_us_ssn(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 11
        && bytes.iter().enumerate().all(|(i, b)| if i == 3 || i == 6 { *b == b'-' } else { b.is_ascii_digit() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::b64;
    use crate::jose::keys::{parse_key, SecretEncoding};
    use crate::jose::time::evaluate;
    use crate::jose::token::decode;
    use serde_json::json;

    const NOW: f64 = 1_700_000_000.0;

    fn token(header: Value, payload: Value) -> DecodedToken {
        let h = b64::encode(header.to_string().as_bytes());
        let p = b64::encode(payload.to_string().as_bytes());
        decode(&format!("{h}.{p}.AAAA")).unwrap()
    }

    fn codes_with(token: &DecodedToken, key: Option<&str>, known: Option<&SecretList>) -> Vec<&'static str> {
        let key = key.map(|k| parse_key(k, SecretEncoding::Utf8).unwrap().unwrap());
        let time = token.claims().map(|c| evaluate(c, NOW, 0.0));
        let clock = time.as_ref().map(|time| Clock { time, now: NOW, leeway: 0.0, max_lifetime: DEFAULT_MAX_LIFETIME });
        let key_mismatch = crate::jose::jws::verify(token, key.as_ref()).verdict.status() == "invalid";
        let context = Context { token, key: key.as_ref(), known_secrets: known, key_mismatch };
        findings(&context, clock.as_ref()).into_iter().map(|f| f.code).collect()
    }

    fn codes(header: Value, payload: Value) -> Vec<&'static str> {
        codes_with(&token(header, payload), None, None)
    }

    fn good_payload() -> Value {
        json!({"sub": "1", "iat": NOW - 60.0, "exp": NOW + 600.0})
    }

    #[test]
    fn every_code_made_here_is_listed_for_the_worker_messages() {
        let source = include_str!("findings.rs");
        let mut made = 0;
        for call in source.split("finding(").skip(1) {
            let call = call.trim_start();
            if let Some(rest) = call.strip_prefix('"') {
                let code = &rest[..rest.find('"').unwrap()];
                if code.is_empty() || !code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
                    continue; // this test's own text
                }
                assert!(CODES.contains(&code), "{code} is missing from CODES");
                made += 1;
            }
        }
        assert!(made >= CODES.len(), "only {made} codes found in the source");
        let back: Finding = serde_json::from_str(r#"{"code":"weak-secret","severity":"High","title":"t","advice":"a"}"#).unwrap();
        assert_eq!(back.code, "weak-secret");
    }

    #[test]
    fn a_clean_token_has_no_findings() {
        assert!(codes(json!({"alg": "ES256", "typ": "JWT", "kid": "key-1"}), good_payload()).is_empty());
    }

    #[test]
    fn alg_none_in_any_case() {
        for alg in ["none", "NoNe"] {
            assert_eq!(codes(json!({"alg": alg}), good_payload()), ["alg-none"]);
        }
    }

    #[test]
    fn weak_and_known_secrets() {
        let t = token(json!({"alg": "HS256"}), good_payload());
        assert_eq!(codes_with(&t, Some("secret"), None), ["weak-secret"]);
        let list = SecretList::from_text("secret\nchangeme\n");
        assert_eq!(list.len(), 2);
        assert_eq!(codes_with(&t, Some("secret"), Some(&list)), ["weak-secret", "known-secret"]);
        assert!(codes_with(&t, Some("k8J2mQ9xV4pL7nR3tY6wZ1aB5cD0eF2g"), Some(&list)).is_empty());
        // A well-formed signature made with another secret: the pasted secret is not this token's.
        let signed_elsewhere = format!("{}.{}", t.signing_input(), b64::encode(&[7u8; 32]));
        let t = decode(&signed_elsewhere).unwrap();
        assert!(codes_with(&t, Some("secret"), Some(&list)).is_empty());
    }

    #[test]
    fn payloads_that_are_not_claims_and_millisecond_dates() {
        let h = b64::encode(br#"{"alg":"ES256","typ":"JWT"}"#);
        let p = b64::encode(br#"{"sub":"1",}"#);
        assert_eq!(codes_with(&decode(&format!("{h}.{p}.AAAA")).unwrap(), None, None), ["payload-not-claims"]);
        let h = b64::encode(br#"{"alg":"ES256","typ":"text/plain"}"#);
        let p = b64::encode(b"hello");
        assert_eq!(codes_with(&decode(&format!("{h}.{p}.AAAA")).unwrap(), None, None), ["unexpected-typ"]);
        let millis = json!({"iat": NOW * 1000.0, "exp": NOW * 1000.0 + 3_600_000.0});
        assert_eq!(codes(json!({"alg": "ES256"}), millis), ["bad-time-claim", "bad-time-claim"]);
    }

    #[test]
    fn algorithm_confusion_and_short_rsa_key() {
        let t = token(json!({"alg": "HS256"}), good_payload());
        let ec = r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#;
        assert_eq!(codes_with(&t, Some(ec), None), ["alg-confusion"]);
        // A 1024-bit modulus (top bit set, odd).
        let mut n = vec![0xffu8; 128];
        n[127] = 0xfb;
        let rsa = format!(r#"{{"kty":"RSA","n":"{}","e":"AQAB"}}"#, b64::encode(&n));
        let t = token(json!({"alg": "RS256"}), good_payload());
        assert_eq!(codes_with(&t, Some(&rsa), None), ["rsa-key-short"]);
    }

    #[test]
    fn time_findings_at_a_fixed_now() {
        assert_eq!(codes(json!({"alg": "ES256"}), json!({"sub": "1"})), ["no-exp"]);
        assert_eq!(codes(json!({"alg": "ES256"}), json!({"iat": NOW, "exp": NOW + 2.0 * 86400.0})), ["long-lifetime"]);
        assert_eq!(codes(json!({"alg": "ES256"}), json!({"iat": NOW + 3600.0, "exp": NOW + 7200.0})), ["iat-in-future"]);
        assert_eq!(
            codes(json!({"alg": "ES256"}), json!({"nbf": NOW + 100.0, "exp": NOW + 50.0})),
            ["nbf-after-exp"]
        );
        assert_eq!(
            codes(json!({"alg": "ES256"}), json!({"iat": "yesterday", "exp": NOW + 60.0})),
            ["bad-time-claim"]
        );
    }

    #[test]
    fn header_findings() {
        let payload = good_payload();
        assert_eq!(codes(json!({"alg": "RS256", "jku": "https://evil.example/jwks"}), payload.clone()), ["key-url-header"]);
        assert_eq!(codes(json!({"alg": "RS256", "jwk": {"kty": "oct"}}), payload.clone()), ["embedded-key-header"]);
        assert_eq!(codes(json!({"alg": "RS256", "kid": "../../dev/null"}), payload.clone()), ["suspicious-kid"]);
        assert_eq!(codes(json!({"alg": "RS256", "kid": "1' OR '1'='1"}), payload.clone()), ["suspicious-kid"]);
        assert_eq!(codes(json!({"alg": "RS256", "kid": "$(whoami)"}), payload.clone()), ["suspicious-kid"]);
        assert_eq!(codes(json!({"alg": "RS256", "crit": ["x"], "x": 1}), payload.clone()), ["crit-header"]);
        assert_eq!(codes(json!({"alg": "RS256", "zip": "DEF"}), payload.clone()), ["zip-in-jws"]);
        assert_eq!(codes(json!({"alg": "RS256", "typ": "at+jwt"}), payload.clone()), Vec::<&str>::new());
        assert_eq!(codes(json!({"alg": "RS256", "typ": "JOSE"}), payload), ["unexpected-typ"]);
    }

    #[test]
    fn sensitive_payloads() {
        let mut payload = good_payload();
        payload["password"] = json!("hunter2");
        assert_eq!(codes(json!({"alg": "ES256"}), payload), ["sensitive-payload"]);
        let mut payload = good_payload();
        payload["billing"] = json!({"card": "4111 1111 1111 1111"});
        assert_eq!(codes(json!({"alg": "ES256"}), payload), ["sensitive-payload"]);
        let mut payload = good_payload();
        payload["id"] = json!("123-45-6789");
        assert_eq!(codes(json!({"alg": "ES256"}), payload), ["sensitive-payload"]);
        let mut payload = good_payload();
        payload["order"] = json!("4111 1111 1111 1112");
        assert!(codes(json!({"alg": "ES256"}), payload).is_empty());
    }

    #[test]
    fn duplicates_and_invisible_characters() {
        let h = b64::encode(br#"{"alg":"ES256","alg":"ES256"}"#);
        let p = b64::encode(br#"{"exp":1700000600,"iat":1699999940}"#);
        let t = decode(&format!("{h}.{p}.AAAA")).unwrap();
        assert_eq!(codes_with(&t, None, None), ["duplicate-members"]);
        assert_eq!(codes(json!({"alg": "ES256"}), json!({"iss": "https://good\u{202E}moc.live", "exp": NOW + 60.0})), ["invisible-characters"]);
    }

    #[test]
    fn psychic_and_empty_signatures() {
        let h = |alg: &str| b64::encode(format!(r#"{{"alg":"{alg}"}}"#).as_bytes());
        let p = b64::encode(br#"{"exp":1700000600,"iat":1699999940}"#);
        let with = |alg: &str, signature: &[u8]| {
            codes_with(&decode(&format!("{}.{p}.{}", h(alg), b64::encode(signature))).unwrap(), None, None)
        };
        for (alg, n) in [("ES256", 32), ("ES384", 48), ("ES512", 66)] {
            assert_eq!(with(alg, &vec![0u8; 2 * n]), ["psychic-signature"], "{alg}");
            let mut half = vec![1u8; 2 * n];
            half[n..].fill(0);
            assert_eq!(with(alg, &half), ["psychic-signature"]);
            assert!(with(alg, &vec![1u8; 2 * n]).is_empty());
            assert_eq!(with(alg, &b64::decode_any_alphabet("MAYCAQACAQA").unwrap()), ["psychic-signature"]);
        }
        assert!(with("ES256", &[0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x07]).is_empty());
        assert!(with("RS256", &[0u8; 64]).is_empty());
        assert_eq!(codes_with(&decode(&format!("{}.{p}.", h("HS256"))).unwrap(), None, None), ["empty-signature"]);
        assert!(codes_with(&decode(&format!("{}.{p}.", h("RS256"))).unwrap(), None, None).is_empty());
    }

    #[test]
    fn secrets_found_on_sight() {
        use hmac::{Hmac, KeyInit, Mac};
        let list = SecretList::from_text("changeme\nsecret123\nsecret123\n");
        assert_eq!(list.len(), 2);
        let signed = |secret: &[u8]| {
            let input = format!("{}.{}", b64::encode(br#"{"alg":"HS512"}"#), b64::encode(b"{}"));
            let mut mac = <Hmac<sha2::Sha512> as KeyInit>::new_from_slice(secret).unwrap();
            mac.update(input.as_bytes());
            decode(&format!("{input}.{}", b64::encode(&mac.finalize().into_bytes()))).unwrap()
        };
        let (found, secret) = secret_findings(&signed(b"secret123"), &list);
        assert_eq!(secret.as_deref(), Some(&b"secret123"[..]));
        assert_eq!(found[0].code, "known-secret");
        assert!(found[0].title.contains("\"secret123\""), "{}", found[0].title);
        let (found, secret) = secret_findings(&signed(b""), &list);
        assert_eq!((found[0].code, secret), ("empty-secret", Some(Vec::new())));
        assert_eq!(secret_findings(&signed(b"k8J2mQ9xV4pL7nR3"), &list), (Vec::new(), None));
    }

    #[test]
    fn findings_are_sorted_by_severity() {
        let t = token(json!({"alg": "none", "typ": "foo"}), json!({"sub": "1"}));
        let time = evaluate(t.claims().unwrap(), NOW, 0.0);
        let clock = Clock { time: &time, now: NOW, leeway: 0.0, max_lifetime: DEFAULT_MAX_LIFETIME };
        let context = Context { token: &t, key: None, known_secrets: None, key_mismatch: false };
        let severities: Vec<Severity> = findings(&context, Some(&clock)).iter().map(|f| f.severity).collect();
        assert_eq!(severities, [Severity::High, Severity::Medium, Severity::Low]);
    }
}
