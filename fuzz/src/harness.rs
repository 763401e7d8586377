//! The bodies of the fuzz targets. Shared by the cargo-fuzz binaries (fuzz/fuzz_targets/*.rs)
//! and by tests/regressions.rs, which includes this file with `#[path]`, so every saved crasher
//! replays through exactly the code path that found it. It therefore uses only dependencies of
//! the main crate (no `arbitrary`): inputs are read with the small [`Reader`] below.
//!
//! Besides "never crash", the harness checks "never lie":
//! - a verdict `Valid` must not survive flipping any byte of the signature;
//! - a correctly signed token (HS*, ES256, EdDSA, signed here) must be `Valid` with its key, and a
//!   one-character change to it must not be, unless the change only re-spells the signature in
//!   a tolerated non-canonical base64 form (which the page reports);
//! - with no key, or a made-up signature, the verdict is never `Valid`.
#![allow(dead_code)]

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{json, Map, Value};

use jwt_lens::jose::b64;
use jwt_lens::jose::findings::{self, Clock, Context, SecretList, DEFAULT_MAX_LIFETIME};
use jwt_lens::jose::keys::{self, KeyInput, KeyMaterial, SecretEncoding};
use jwt_lens::jose::registry;
use jwt_lens::jose::text;
use jwt_lens::jose::time;
use jwt_lens::jose::token::{self, DecodedToken};
use jwt_lens::jose::jws::{self, Alg, Verdict};
use jwt_lens::jose::JoseError;
use jwt_lens::engine::handler::Engine as CryptoEngine;
use jwt_lens::engine::protocol::{CheckRequest, Request, Response};
use rsa::traits::PublicKeyParts;

/// Fixed instants the time rules are evaluated at (the core never reads a clock).
pub const NOWS: [f64; 4] = [0.0, 1_700_000_000.0, -1.0, 8.64e12];
pub const LEEWAYS: [f64; 2] = [0.0, 60.0];
pub const ENCODINGS: [SecretEncoding; 3] = [SecretEncoding::Utf8, SecretEncoding::Base64, SecretEncoding::Hex];
pub const PEM_LABELS: [&str; 7] = [
    "PUBLIC KEY",
    "CERTIFICATE",
    "PRIVATE KEY",
    "EC PRIVATE KEY",
    "RSA PRIVATE KEY",
    "RSA PUBLIC KEY",
    "ENCRYPTED PRIVATE KEY",
];

/// Reads fuzz bytes front to back; running out yields zeros and empty slices.
pub struct Reader<'a> {
    data: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Reader { data }
    }
    pub fn u8(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }
    pub fn u16(&mut self) -> u16 {
        u16::from(self.u8()) << 8 | u16::from(self.u8())
    }
    pub fn bytes(&mut self, n: usize) -> &'a [u8] {
        let n = n.min(self.data.len());
        let (head, rest) = self.data.split_at(n);
        self.data = rest;
        head
    }
    /// A length-prefixed (u16) chunk.
    pub fn chunk(&mut self) -> &'a [u8] {
        let n = usize::from(self.u16());
        self.bytes(n)
    }
    pub fn rest(&mut self) -> &'a [u8] {
        self.bytes(self.data.len())
    }
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[usize::from(self.u8()) % items.len()]
    }
}

fn known_secrets() -> SecretList {
    SecretList::from_text("secret\nchangeme\nyour-256-bit-secret\n")
}

fn assert_not_valid(verdict: &Verdict, why: &str) {
    assert!(*verdict != Verdict::Valid, "verdict Valid, but {why}");
}

/// Everything the page does with a decoded token: descriptions, time, findings, verification.
pub fn exercise_token(token: &DecodedToken, key: Option<&KeyInput>) {
    for stripped in &token.stripped {
        let _ = stripped.describe();
    }
    for note in &token.encoding_notes {
        let _ = note.describe();
    }
    // The segments shown are exactly the cleaned token.
    let joined: Vec<&str> = token.segments.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(joined.join("."), token.compact);
    assert!(token.compact.starts_with(token.signing_input()));
    let _ = token.alg();

    let verification = jws::verify(token, key);
    let _ = (verification.verdict.status(), verification.verdict.reason());
    if key.is_none() {
        assert_not_valid(&verification.verdict, "there is no key");
    }
    if verification.verdict == Verdict::Valid {
        check_signature_flips(token, key);
    }

    let secrets = known_secrets();
    // As the page does: a key that does not match says nothing about the token's strength.
    let key_mismatch = verification.verdict.status() == "invalid";
    let context = Context { token, key, known_secrets: Some(&secrets), key_mismatch };
    let _ = findings::static_findings(&context);
    let header = Value::Object(token.header.clone());
    let _ = text::has_invisible(&header);
    static TEXTS: std::sync::OnceLock<registry::PageTexts> = std::sync::OnceLock::new();
    let texts = TEXTS.get_or_init(registry::bundled);
    show_members(&token.header, |name| texts.header_parameter(name).is_some());
    if let Some(claims) = token.claims() {
        show_members(claims, |name| texts.claim(name).is_some());
        for claim in time::time_claims(claims) {
            let _ = (claim.notes.join("; "), claim.suspicious);
        }
    }
    for now in NOWS {
        for leeway in LEEWAYS {
            let evaluation = token.claims().map(|claims| time::evaluate(claims, now, leeway));
            if let Some(evaluation) = &evaluation {
                check_evaluation(evaluation, now, leeway);
            }
            let clock = evaluation.as_ref().map(|time| Clock { time, now, leeway, max_lifetime: DEFAULT_MAX_LIFETIME });
            for finding in findings::findings(&context, clock.as_ref()) {
                let _ = (finding.code, finding.severity.as_str(), finding.title.len(), finding.advice.len());
            }
        }
    }
}

/// What the claims and header tables show for each member: the registry line and the value with
/// invisible characters escaped.
fn show_members(members: &Map<String, Value>, describe: impl Fn(&str) -> bool) {
    for (name, value) in members {
        let _ = describe(name);
        let _ = text::escape_invisible(name);
        match value {
            Value::String(string) => {
                let (literal, _) = text::visible_json_string(string);
                // The escaped literal still reads back as the same string.
                assert_eq!(serde_json::from_str::<String>(&literal).ok().as_deref(), Some(string.as_str()));
            }
            other => {
                let _ = text::has_invisible(other);
            }
        }
    }
}

/// The status must agree with the claims it was computed from.
fn check_evaluation(evaluation: &time::TimeEvaluation, now: f64, leeway: f64) {
    use time::TimeStatus::*;
    match evaluation.status {
        Valid => {
            let exp = evaluation.exp.expect("Valid without exp");
            assert!(now - leeway < exp, "Valid but now {now} - leeway >= exp {exp}");
            if let Some(nbf) = evaluation.nbf {
                assert!(now + leeway >= nbf, "Valid but before nbf");
            }
        }
        Expired => assert!(now - leeway >= evaluation.exp.expect("Expired without exp")),
        NotYetValid => assert!(now + leeway < evaluation.nbf.expect("NotYetValid without nbf")),
        NoExp => assert!(evaluation.exp.is_none()),
    }
    let _ = evaluation.status.as_str();
    for seconds in [evaluation.expires_in, evaluation.starts_in, evaluation.lifetime].into_iter().flatten() {
        let _ = time::human_duration(seconds);
    }
}

/// Valid ⇒ the signature really matches: flipping a bit in any of four of its bytes (first, a
/// third, middle, last), or changing the signing input, must break it.
pub fn check_signature_flips(token: &DecodedToken, key: Option<&KeyInput>) {
    let len = token.signature.len();
    assert!(len > 0, "Valid with an empty signature");
    let mut positions = vec![0, len / 3, len / 2, len - 1];
    positions.sort_unstable();
    positions.dedup();
    for position in positions {
        for mask in [0x01u8, 0x80] {
            let mut tampered = token.clone();
            tampered.signature[position] ^= mask;
            let verdict = jws::verify(&tampered, key).verdict;
            assert_not_valid(&verdict, &format!("signature byte {position} was flipped with {mask:#04x}"));
        }
    }
    // And the signing input: one byte of the header.payload text changed.
    let mut tampered = token.clone();
    let input_len = tampered.signing_input().len();
    if input_len > 0 {
        // Replace the first character with a different ASCII one ('.' is never first in a JWS).
        let first = tampered.compact.as_bytes()[0];
        let replacement = if first == b'e' { "f" } else { "e" };
        let width = tampered.compact.chars().next().map_or(1, char::len_utf8);
        tampered.compact.replace_range(..width, replacement);
        let verdict = jws::verify(&tampered, key).verdict;
        assert_not_valid(&verdict, "the signing input was changed");
    }
}

// ------------------------------------------------------------------ decode_token

pub fn decode_token(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = token::clean_input(&text);
    match token::decode(&text) {
        Ok(decoded) => exercise_token(&decoded, None),
        Err(error) => {
            let _ = error.to_string();
        }
    }
}

// ------------------------------------------------------------------ parse_key

/// Byte 0 chooses the shape: plain text in each secret encoding, PEM armour around base64 of
/// the raw bytes (so the DER parsers see them), or a JWK/JWKS built from the bytes.
pub fn parse_key(data: &[u8]) {
    let mut reader = Reader::new(data);
    let selector = reader.u8();
    match selector % 12 {
        0..=2 => {
            let text = String::from_utf8_lossy(reader.rest());
            exercise_key_text(&text, ENCODINGS[usize::from(selector % 3)]);
        }
        3..=9 => {
            let label = PEM_LABELS[usize::from(selector % 12 - 3)];
            let der = reader.rest();
            exercise_key_text(&pem(label, der), SecretEncoding::Utf8);
        }
        _ => {
            let text = jwk_text(&mut reader, selector >= 0x80);
            exercise_key_text(&text, SecretEncoding::Utf8);
        }
    }
}

pub fn pem(label: &str, der: &[u8]) -> String {
    let body = STANDARD.encode(der);
    let mut text = format!("-----BEGIN {label}-----\n");
    for line in body.as_bytes().chunks(64) {
        text.push_str(std::str::from_utf8(line).unwrap());
        text.push('\n');
    }
    text.push_str(&format!("-----END {label}-----\n"));
    text
}

fn jwk_value(reader: &mut Reader) -> Value {
    let kty = reader.pick(&["RSA", "EC", "OKP", "oct", "XYZ"]);
    let crv = reader.pick(&["P-256", "P-384", "P-521", "Ed25519", "X25519", "secp256k1"]);
    let mut jwk = Map::new();
    jwk.insert("kty".into(), json!(kty));
    let member = |jwk: &mut Map<String, Value>, name: &str, reader: &mut Reader| {
        let bytes = reader.chunk();
        jwk.insert(name.into(), json!(b64::encode(bytes)));
    };
    match kty {
        "RSA" => {
            member(&mut jwk, "n", reader);
            member(&mut jwk, "e", reader);
        }
        "EC" => {
            jwk.insert("crv".into(), json!(crv));
            member(&mut jwk, "x", reader);
            member(&mut jwk, "y", reader);
        }
        "OKP" => {
            jwk.insert("crv".into(), json!(crv));
            member(&mut jwk, "x", reader);
        }
        "oct" => member(&mut jwk, "k", reader),
        _ => {}
    }
    let flags = reader.u8();
    if flags & 1 != 0 {
        member(&mut jwk, "d", reader);
    }
    if flags & 2 != 0 {
        let kid = String::from_utf8_lossy(reader.chunk()).into_owned();
        jwk.insert("kid".into(), json!(kid));
    }
    if flags & 4 != 0 {
        jwk.insert("alg".into(), json!(reader.pick(&["HS256", "RS256", "PS384", "ES256", "ES512", "EdDSA"])));
    }
    if flags & 8 != 0 {
        jwk.insert("use".into(), json!("enc"));
    }
    Value::Object(jwk)
}

fn jwk_text(reader: &mut Reader, set: bool) -> String {
    if set {
        let count = reader.u8() % 4;
        let keys: Vec<Value> = (0..count).map(|_| jwk_value(reader)).collect();
        json!({ "keys": keys }).to_string()
    } else {
        jwk_value(reader).to_string()
    }
}

fn keys_of(input: &KeyInput) -> Vec<&keys::Key> {
    match input {
        KeyInput::Single(key) => vec![key],
        KeyInput::Set { keys, .. } => keys.iter().collect(),
    }
}

/// A token for `alg` with a made-up signature of the length a key would accept.
fn probe_token(alg: Alg, signature_len: usize) -> DecodedToken {
    let header = b64::encode(format!(r#"{{"alg":"{}"}}"#, alg.name()).as_bytes());
    let payload = b64::encode(br#"{"sub":"fuzz","exp":1700000600}"#);
    let signature = b64::encode(&vec![0x5a; signature_len]);
    token::decode(&format!("{header}.{payload}.{signature}")).expect("probe token decodes")
}

fn signature_len(alg: Alg, material: &KeyMaterial) -> usize {
    match (alg, material) {
        (Alg::Hmac(hash), _) => hash.output_len(),
        (Alg::RsaPkcs1(_) | Alg::RsaPss(_), KeyMaterial::Rsa(key)) => key.size(),
        (Alg::RsaPkcs1(_) | Alg::RsaPss(_), _) => 256,
        (Alg::Ecdsa(curve), _) => 2 * curve.scalar_len(),
        (Alg::EdDsa, _) => 64,
        (Alg::MlDsa(set), _) => set.signature_len(),
    }
}

/// Parses the key box text and puts the key through everything that uses it.
pub fn exercise_key_text(text: &str, encoding: SecretEncoding) {
    let parsed = keys::parse_key(text, encoding);
    match &parsed {
        Err(error) => {
            let _ = error.to_string();
        }
        Ok(None) => assert!(text.trim().is_empty()),
        Ok(Some(input)) => {
            if let KeyInput::Set { skipped, .. } = input {
                let _ = skipped.join("\n");
            }
            for key in keys_of(input) {
                let _ = (key.material.kind(), key.material.is_asymmetric(), key.description.len());
                // Every algorithm this key fits, plus HS256 (the algorithm-confusion path). RSA
                // verification is slow under coverage instrumentation, so one hash per scheme.
                let algs = Alg::ALL.iter().copied().filter(|alg| {
                    (alg.fits(&key.material) || *alg == Alg::ALL[0])
                        && !matches!(alg, Alg::RsaPkcs1(hash) | Alg::RsaPss(hash) if *hash != jws::Hash::Sha256)
                });
                for alg in algs {
                    let token = probe_token(alg, signature_len(alg, &key.material));
                    let verification = jws::verify_parsed(&token, &parsed);
                    assert_not_valid(&verification.verdict, "the signature was made up");
                    let key_mismatch = verification.verdict.status() == "invalid";
                    let context = Context { token: &token, key: Some(input), known_secrets: None, key_mismatch };
                    let _ = findings::findings(&context, None);
                }
            }
        }
    }
}

// ------------------------------------------------------------------ verify

/// Byte 0 below 0x80: the rest is `token NUL key-text`, with secret encoding byte0 % 3.
/// Otherwise a token is signed here (HS*, ES256 or EdDSA, key in several forms), optionally
/// changed at one character, and the verdict is checked against what must be true.
pub fn verify(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else { return };
    if selector < 0x80 {
        let text = String::from_utf8_lossy(rest);
        let (token_text, key_text) = text.split_once('\0').unwrap_or((&text, ""));
        let encoding = ENCODINGS[usize::from(selector % 3)];
        let parsed = keys::parse_key(key_text, encoding);
        if let Ok(decoded) = token::decode(token_text) {
            let verification = jws::verify_parsed(&decoded, &parsed);
            let _ = (verification.verdict.reason(), verification.key_used, verification.warnings);
            if let Ok(key) = &parsed {
                exercise_token(&decoded, key.as_ref());
            }
        }
    } else {
        signed(selector, rest);
    }
}

/// Signs a signing input with the key the harness made.
type Signer = Box<dyn Fn(&[u8]) -> Vec<u8>>;

const B64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn signed(selector: u8, data: &[u8]) {
    use hmac::Mac;
    let mut reader = Reader::new(data);
    let family = selector % 4;
    let form = reader.u8();
    let kid = (form & 0x10 != 0).then(|| String::from_utf8_lossy(reader.chunk()).into_owned());
    let payload = reader.chunk().to_vec();
    let alg_name;
    let key_text: String;
    let mut encoding = SecretEncoding::Utf8;
    let sign: Signer;
    match family {
        0 | 3 => {
            let hash = reader.pick(&["HS256", "HS384", "HS512"]);
            let mut secret = reader.chunk().to_vec();
            if secret.is_empty() {
                secret.push(0);
            }
            alg_name = hash;
            // (A JWKS, family 3, needs the JWK form.)
            key_text = match if family == 3 { 2 } else { form % 3 } {
                0 => {
                    encoding = SecretEncoding::Hex;
                    secret.iter().map(|b| format!("{b:02x}")).collect()
                }
                1 => {
                    encoding = SecretEncoding::Base64;
                    STANDARD.encode(&secret)
                }
                _ => json!({"kty": "oct", "k": b64::encode(&secret)}).to_string(),
            };
            sign = Box::new(move |message| match hash {
                "HS256" => mac::<hmac::Hmac<sha2::Sha256>>(&secret, message),
                "HS384" => mac::<hmac::Hmac<sha2::Sha384>>(&secret, message),
                _ => mac::<hmac::Hmac<sha2::Sha512>>(&secret, message),
            });
            fn mac<M: Mac + hmac::digest::KeyInit>(secret: &[u8], message: &[u8]) -> Vec<u8> {
                let mut mac = <M as hmac::digest::KeyInit>::new_from_slice(secret).unwrap();
                mac.update(message);
                mac.finalize().into_bytes().to_vec()
            }
        }
        1 => {
            use p256::ecdsa::signature::Signer;
            let scalar = reader.bytes(32);
            let signing = p256::ecdsa::SigningKey::from_slice(scalar)
                .unwrap_or_else(|_| p256::ecdsa::SigningKey::from_slice(&[7; 32]).unwrap());
            let point = signing.verifying_key().to_sec1_point(false);
            alg_name = "ES256";
            key_text = if form % 2 == 0 {
                json!({"kty": "EC", "crv": "P-256", "x": b64::encode(point.x().unwrap()), "y": b64::encode(point.y().unwrap())})
                    .to_string()
            } else {
                use p256::pkcs8::EncodePublicKey;
                pem("PUBLIC KEY", p256::PublicKey::from(signing.verifying_key()).to_public_key_der().unwrap().as_bytes())
            };
            sign = Box::new(move |message| {
                let signature: p256::ecdsa::Signature = signing.sign(message);
                signature.to_bytes().to_vec()
            });
        }
        _ => {
            use ed25519_dalek::Signer;
            let mut seed = [0u8; 32];
            let bytes = reader.bytes(32);
            seed[..bytes.len()].copy_from_slice(bytes);
            let signing = ed25519_dalek::SigningKey::from_bytes(&seed);
            alg_name = if form & 0x20 != 0 { "Ed25519" } else { "EdDSA" };
            key_text = if form % 2 == 0 {
                json!({"kty": "OKP", "crv": "Ed25519", "x": b64::encode(signing.verifying_key().as_bytes())}).to_string()
            } else {
                use ed25519_dalek::pkcs8::EncodePublicKey;
                pem("PUBLIC KEY", signing.verifying_key().to_public_key_der().unwrap().as_bytes())
            };
            sign = Box::new(move |message| signing.sign(message).to_bytes().to_vec());
        }
    }
    let mut header = Map::new();
    header.insert("alg".into(), json!(alg_name));
    if let Some(kid) = &kid {
        header.insert("kid".into(), json!(kid));
    }
    let key_text = if family == 3 {
        // A JWKS holding the key (with the token's kid) and a decoy.
        let mut key: Value = serde_json::from_str(&key_text).unwrap();
        if let Some(kid) = &kid {
            key["kid"] = json!(kid);
        }
        json!({"keys": [{"kty": "oct", "k": "ZGVjb3k", "kid": "decoy"}, key]}).to_string()
    } else {
        key_text
    };
    let signing_input = format!("{}.{}", b64::encode(Value::Object(header).to_string().as_bytes()), b64::encode(&payload));
    let signature = sign(signing_input.as_bytes());
    let compact = format!("{signing_input}.{}", b64::encode(&signature));

    let parsed = keys::parse_key(&key_text, encoding);
    assert!(parsed.is_ok(), "own key did not parse: {parsed:?}\n{key_text}");
    let decoded = token::decode(&compact).expect("own token decodes");
    let verification = jws::verify_parsed(&decoded, &parsed);
    // (With a JWKS, the key carries the token's kid, so it is always among the candidates.)
    assert_eq!(verification.verdict, Verdict::Valid, "own {alg_name} token did not verify with its key {key_text}");
    let key = parsed.as_ref().unwrap().as_ref();
    exercise_token(&decoded, key);

    // One character changed.
    let position = usize::from(reader.u16()) % compact.len();
    let replacement = match reader.u8() {
        r if r < 0xc0 => B64URL[usize::from(r) % 64],
        r => b"+/=.* \n\"\0"[usize::from(r) % 9],
    };
    if compact.as_bytes()[position] == replacement {
        return;
    }
    let mut changed = compact.clone().into_bytes();
    changed[position] = replacement;
    let changed = String::from_utf8(changed).unwrap();
    let Ok(tampered) = token::decode(&changed) else { return };
    let verdict = jws::verify_parsed(&tampered, &parsed).verdict;
    if verdict == Verdict::Valid {
        // Only a re-spelling of the signature in standard base64 or with padding can keep it
        // valid, and then the page says so.
        let signature_start = compact.rfind('.').unwrap() + 1;
        assert!(
            position >= signature_start && !tampered.encoding_notes.is_empty(),
            "changing byte {position} to {:?} kept the token valid:\n{compact}\n{changed}",
            replacement as char
        );
        assert_eq!(tampered.signature, decoded.signature);
    }
}

// ------------------------------------------------------------------ claims_time

/// Any JSON as claims (a non-object is put under exp, nbf and iat): the time rules at fixed
/// instants, the findings, and a round trip through a token.
pub fn claims_time(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let Ok(value) = serde_json::from_str::<Value>(&text) else { return };
    let was_object = value.is_object();
    let claims = match value {
        Value::Object(map) => map,
        other => {
            let mut map = Map::new();
            for name in ["exp", "nbf", "iat"] {
                map.insert(name.into(), other.clone());
            }
            map
        }
    };
    for (name, value) in &claims {
        let claim = time::read_numeric_date(name, value);
        if let Some(seconds) = claim.seconds {
            assert!(seconds.is_finite());
            let _ = time::human_duration(seconds);
        }
    }
    let _ = time::time_claims(&claims);
    // Through a token: the claims come back exactly, then everything the page computes.
    let payload = Value::Object(claims.clone()).to_string();
    let compact = format!("eyJhbGciOiJIUzI1NiJ9.{}.AAAA", b64::encode(payload.as_bytes()));
    match token::decode(&compact) {
        Ok(decoded) => {
            // (A wrapped non-object is one level deeper than what parsed, and may hit serde's
            // nesting limit: only whole objects are compared.)
            if was_object {
                assert_eq!(decoded.claims(), Some(&claims), "claims changed through encode/decode");
            }
            exercise_token(&decoded, None);
        }
        // Serialising never adds nesting, but a payload too large for a token is refused.
        Err(JoseError::TokenTooLarge { .. }) => {}
        Err(error) => panic!("encoded claims did not decode: {error}"),
    }
}

/// The crypto worker's request handling. The bytes as the JSON text of a request, as the worker's
/// message loop reads it (anything may post to a worker); then as `token NUL key` (secret encoding
/// = byte 0 % 3) checked twice by one engine (the second time with its cached key) and once by a
/// fresh one: the three answers must be equal, and every answer must survive its trip as JSON.
pub fn worker_request(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(request) = serde_json::from_str::<Request>(&text) {
        // A benchmark runs as many verifications as it is asked: keep those short.
        let short = match &request {
            Request::Bench { iterations, .. } | Request::BenchSign { iterations, .. } => *iterations <= 4,
            // RSA-4096 takes seconds even once.
            Request::BenchGenerate { .. } | Request::Generate { .. } => false,
            _ => true,
        };
        if short {
            let response = CryptoEngine::default().handle(request, &|| 0.0);
            check_response_round_trip(&response);
        }
    }
    let encoding = match data.first().map(|byte| byte % 3) {
        Some(1) => SecretEncoding::Base64,
        Some(2) => SecretEncoding::Hex,
        _ => SecretEncoding::Utf8,
    };
    let body = data.get(1..).unwrap_or_default();
    let (token, key) = match body.iter().position(|byte| *byte == 0) {
        Some(split) => (&body[..split], &body[split + 1..]),
        None => (body, &b""[..]),
    };
    let request = CheckRequest {
        generation: 7,
        token: String::from_utf8_lossy(token).into_owned(),
        key: String::from_utf8_lossy(key).into_owned(),
        encoding,
        inner_key: String::from_utf8_lossy(key).into_owned(),
    };
    let mut engine = CryptoEngine::default();
    let first = engine.check(&request);
    let cached = engine.check(&request);
    assert_eq!(first, cached, "an answer with the cached key differs");
    assert_eq!(first, CryptoEngine::default().check(&request), "an answer from a fresh engine differs");
    if let Some(verdict) = &first.verdict {
        assert!(["none", "valid", "invalid", "error"].contains(&verdict.status.as_str()), "{verdict:?}");
        if verdict.status == "valid" {
            let decoded = token::decode(&request.token).expect("a valid verdict for a token that does not decode");
            assert!(!request.key.trim().is_empty() && jws::Alg::from_header(&decoded.header).is_ok());
        }
    }
    check_response_round_trip(&Response::Checked { generation: 7, report: first });
}

fn check_response_round_trip(response: &Response) {
    let text = serde_json::to_string(response).expect("a response always serialises");
    let back: Response = serde_json::from_str(&text).expect("a response always reads back");
    assert_eq!(&back, response, "a response changed on its way through JSON");
    let value: Value = serde_json::from_str(&text).expect("a response is JSON");
    assert_eq!(jwt_lens::engine::protocol::read::response(&value).as_ref(), Some(response), "the page reads another response");
}

/// JWE parsing and decryption: arbitrary text never panics, and a token encrypted here with a
/// fuzz-chosen alg, enc and plaintext decrypts back to it, while any byte changed in it (other
/// than one that only re-spells base64) makes decrypting fail: never a wrong plaintext.
pub fn jwe(data: &[u8]) {
    use jwt_lens::jose::jwe::{self as jwe_core, ContentEncryption, KeyManagement};
    let mut input = Reader::new(data);
    let mode = input.u8();
    if mode % 2 == 0 {
        let token = String::from_utf8_lossy(input.chunk()).into_owned();
        let key = String::from_utf8_lossy(input.rest()).into_owned();
        for encoding in ENCODINGS {
            if let Err(error) = jwe_core::decrypt(&token, &key, encoding) {
                assert!(!error.to_string().is_empty());
            }
        }
        return;
    }
    // The symmetric algorithms and X25519 (cheap to set up); PBES2 with a small count.
    let alg = input.pick(&["dir", "A128KW", "A256KW", "A192GCMKW", "ECDH-ES", "ECDH-ES+A128KW", "PBES2-HS256+A128KW"]);
    let enc_name = input.pick(&ContentEncryption::NAMES);
    let enc = ContentEncryption::from_name(enc_name).expect("a listed name");
    let key_len = match KeyManagement::from_name(alg).expect("a listed name") {
        KeyManagement::Dir => enc.key_len(),
        KeyManagement::AesKw(len) | KeyManagement::AesGcmKw(len) => len,
        _ => 0,
    };
    let x25519 = r#"{"kty":"OKP","crv":"X25519","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo","d":"dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo"}"#;
    let key = match alg {
        "ECDH-ES" | "ECDH-ES+A128KW" => x25519.to_string(),
        "PBES2-HS256+A128KW" => "a password".to_string(),
        _ => "k".repeat(key_len),
    };
    let plaintext = input.chunk().to_vec();
    let zip = if input.u8() % 4 == 0 { r#","zip":"DEF""# } else { "" };
    let header = format!(r#"{{"alg":"{alg}","enc":"{enc_name}","p2c":1000{zip}}}"#);
    let Ok(made) = jwe_core::encrypt(&header, &plaintext, &key, SecretEncoding::Utf8) else { panic!("encrypting with {header} failed") };
    let opened = jwe_core::decrypt(&made.token, &key, SecretEncoding::Utf8).expect("a token made here decrypts");
    assert_eq!(opened.plaintext, plaintext);
    let position = usize::from(input.u16()) % made.token.len();
    let replacement = b"AQgw-_.x"[usize::from(input.u8()) % 8];
    let mut changed = made.token.clone().into_bytes();
    if changed[position] == replacement {
        return;
    }
    changed[position] = replacement;
    let changed = String::from_utf8(changed).expect("ASCII");
    if let Ok(opened) = jwe_core::decrypt(&changed, &key, SecretEncoding::Utf8) {
        // Only a change that decodes to the same bytes (non-canonical base64 trailing bits, or a
        // header member the AAD covers as written... which then fails) may still decrypt.
        assert_eq!(opened.plaintext, plaintext, "a changed token decrypted to another plaintext");
        let same = changed.split('.').zip(made.token.split('.')).all(|(a, b)| b64::decode_lenient(a).ok().map(|d| d.0) == b64::decode_lenient(b).ok().map(|d| d.0));
        assert!(same, "a changed token decrypted: {changed}");
    }
}

/// The expected rules (issue 22): any token (raw text, or built from JSON header and payload
/// chunks), any field values, any signature verdict, any server text. Besides "no panic": the
/// verdict does not depend on the order of the listed values (audiences, algorithms, required
/// claims), nor on the order the fields were typed in; `accepted` needs a valid signature; a
/// failing rule means `rejected`, with a message.
pub fn rules(data: &[u8]) {
    use jwt_lens::jose::rules::{self, server, Fields, Preset, Rules, Signature, SignatureCheck, Status};
    let mut input = Reader::new(data);
    let mode = input.u8();
    let token_text = if mode & 1 == 0 {
        String::from_utf8_lossy(input.chunk()).into_owned()
    } else {
        let header = String::from_utf8_lossy(input.chunk()).into_owned();
        let payload = String::from_utf8_lossy(input.chunk()).into_owned();
        format!("{}.{}.c2ln", b64::encode(header.as_bytes()), b64::encode(payload.as_bytes()))
    };
    let text = |input: &mut Reader| String::from_utf8_lossy(input.chunk()).into_owned();
    let fields = Fields {
        issuer: text(&mut input),
        audiences: text(&mut input),
        algs: text(&mut input),
        typ: text(&mut input),
        required: text(&mut input),
        max_age: text(&mut input),
        leeway: text(&mut input),
    };
    let reason = "reason".to_string();
    let checks = [
        SignatureCheck::NoKey,
        SignatureCheck::Pending,
        SignatureCheck::Valid,
        SignatureCheck::Invalid(reason.clone()),
        SignatureCheck::Error(reason),
    ];
    let check = checks[usize::from(input.u8()) % checks.len()].clone();
    let bare = match input.u8() % 3 {
        0 => None,
        1 => Some(SignatureCheck::Valid),
        _ => Some(SignatureCheck::Invalid("bare".into())),
    };
    let signature = Signature { check, ignoring_crit: bare };
    let now = match input.u8() % 5 {
        4 => f64::from(input.u16()) * 40_000.0,
        pick => NOWS[usize::from(pick) % NOWS.len()],
    };
    let server_text = String::from_utf8_lossy(input.rest()).into_owned();

    let (rules, _) = Rules::from_fields(&fields);
    // The same fields typed in another order (reversed lists) read as the same rules, but for the
    // order of the lists.
    let reversed = |list: &str| list.split(',').rev().collect::<Vec<_>>().join(",");
    let typed_otherwise = Fields {
        audiences: reversed(&fields.audiences),
        algs: reversed(&fields.algs),
        required: reversed(&fields.required),
        ..fields.clone()
    };
    let (other, _) = Rules::from_fields(&typed_otherwise);
    let sorted = |list: &[String]| {
        let mut list = list.to_vec();
        list.sort();
        list
    };
    assert_eq!(sorted(&rules.audiences), sorted(&other.audiences));
    assert_eq!(sorted(&rules.required), sorted(&other.required));
    assert_eq!((&rules.issuer, &rules.typ, rules.max_age, rules.leeway), (&other.issuer, &other.typ, other.max_age, other.leeway));

    let challenge = server::server_challenge(&server_text);
    let _ = server::response_date(&server_text);
    let _ = server::http_date(&server_text);
    let Ok(decoded) = token::decode(&token_text) else { return };
    for preset in Preset::ALL {
        let evaluation = rules::evaluate(&decoded, &rules, preset, &signature, now);
        let again = rules::evaluate(&decoded, &other, preset, &signature, now);
        assert_eq!(evaluation.status, again.status, "{preset:?}: the verdict depends on the order of the lists");
        let outcomes = |e: &rules::Evaluation| {
            // (Messages may list the configured values in their order: not compared.)
            let mut all: Vec<(String, &'static str)> = e.rules.iter().map(|r| (r.id.clone(), r.status.as_str())).collect();
            all.sort();
            all
        };
        assert_eq!(outcomes(&evaluation), outcomes(&again), "{preset:?}: rules depend on the order of the lists");
        let failed = evaluation.rules.iter().any(|r| r.status == rules::RuleStatus::Fail);
        match evaluation.status {
            Status::Accepted => {
                assert!(!failed);
                assert!(signature.ignoring_crit.as_ref().unwrap_or(&signature.check) == &SignatureCheck::Valid, "accepted without a valid signature");
            }
            Status::Rejected => assert!(failed && !evaluation.summary().is_empty()),
            Status::None => assert!(preset == Preset::Generic && rules.is_empty()),
            Status::Pending | Status::Incomplete => assert!(!failed),
        }
        for rule in &evaluation.rules {
            assert!(!rule.message.is_empty() && !rule.id.is_empty(), "{preset:?}: a rule without words: {rule:?}");
        }
        if let Some(challenge) = &challenge {
            let _ = server::explain(challenge, &evaluation, decoded.claims());
        }
    }
}

/// `crack_input`: masks and wordlist reading. Byte 0: flags (bit 0 increment mode), byte 1: the
/// chunk-size seed; then NUL-separated fields: the mask, up to three custom charsets, and after the
/// fourth NUL the wordlist bytes (NULs included). A mask gives a mask or a message, never a panic;
/// its `len`, `nth` and ranges agree with iterating it; any chunking of the wordlist gives exactly
/// the whole-file lines, and so do the page's chunks of whole lines read apart; the cracker finds a secret placed among the lines.
pub fn crack_input(data: &[u8]) {
    use jwt_lens::jose::crack::{lines_chunked, lines_cut, lines_of, Cracker, Increment, LineReader, Mask};
    let (flags, seed) = (data.first().copied().unwrap_or(0), data.get(1).copied().unwrap_or(0));
    let rest = data.get(2..).unwrap_or_default();
    let mut fields = rest.splitn(5, |&b| b == 0);
    let mask_text = String::from_utf8_lossy(fields.next().unwrap_or_default()).into_owned();
    let custom: Vec<String> = (0..3).map(|_| String::from_utf8_lossy(fields.next().unwrap_or_default()).into_owned()).collect();
    let wordlist = fields.next().unwrap_or_default();
    let custom: Vec<&str> = custom.iter().map(String::as_str).collect();
    let increment = (flags & 1 == 1).then_some(Increment { min: usize::from(seed % 4) + 1, max: usize::from(flags >> 4) + 1 });

    match Mask::with_options(&mask_text, &custom, increment) {
        Err(error) => assert!(!error.message.is_empty()),
        Ok(mask) => {
            assert!(!mask.is_empty());
            // The first candidates by iteration and by index, and a range in the middle.
            let mut cursor = mask.cursor(0, u128::MAX);
            let mut index = 0u128;
            while let Some(candidate) = cursor.next_candidate() {
                assert_eq!(mask.nth(index).as_deref(), Some(candidate));
                index += 1;
                if index == 300 {
                    break;
                }
            }
            assert_eq!(index, mask.len().min(300));
            let start = mask.len() / 2;
            let mut cursor = mask.cursor(start, start.saturating_add(50));
            let mut at = start;
            while let Some(candidate) = cursor.next_candidate() {
                assert_eq!(mask.nth(at).as_deref(), Some(candidate));
                at += 1;
            }
            assert_eq!(at, mask.len().min(start + 50));
            assert_eq!(mask.nth(mask.len()), None);
            let parts = mask.split(usize::from(seed % 5) + 1);
            assert_eq!(parts.first().map(|p| p.0), Some(0));
            assert_eq!(parts.last().map(|p| p.1), Some(mask.len()));
            assert!(parts.windows(2).all(|w| w[0].1 == w[1].0));
        }
    }

    let whole = lines_of(wordlist);
    let sizes = [usize::from(seed % 7) + 1, usize::from(seed / 7) + 1, usize::from(flags) + 1];
    assert_eq!(lines_chunked(wordlist, &sizes), whole);
    assert_eq!(lines_chunked(wordlist, &[1]), whole);
    assert_eq!(lines_chunked(wordlist, &[wordlist.len().max(1)]), whole);
    // Cut into chunks of whole lines for the workers, each read apart: the same lines, counted.
    let (cut, counted, skipped) = lines_cut(wordlist, &sizes);
    assert_eq!((&cut, counted, skipped), (&whole.0, whole.0.len() as u64, whole.1));

    // The cracker finds a line used as the secret (the last one, so every line before is tried).
    if let Some(secret) = whole.0.last() {
        let input = "eyJhbGciOiJIUzI1NiJ9.e30";
        let mut mac = <hmac::Hmac<sha2::Sha256> as hmac::KeyInit>::new_from_slice(secret).unwrap();
        hmac::Mac::update(&mut mac, input.as_bytes());
        let token = format!("{input}.{}", b64::encode(&hmac::Mac::finalize(mac).into_bytes()));
        let cracker = Cracker::from_token(&token).unwrap();
        let mut reader = LineReader::new();
        let mut tried = 0;
        let mut found = None;
        for chunk in wordlist.chunks(sizes[0]) {
            if let Some(hit) = cracker.find_in_chunk(&mut reader, chunk, &mut tried) {
                found = Some(hit);
                break;
            }
        }
        let found = found.or_else(|| cracker.find_in_rest(&mut reader, &mut tried));
        // HMAC pads keys with zeros: an earlier line equal up to trailing NULs is the same key.
        let found = found.expect("the secret is among the lines");
        let trim = |s: &[u8]| s.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
        assert!(found.len() > 64 || secret.len() > 64 || found[..trim(&found)] == secret[..trim(secret)]);
    }
}
