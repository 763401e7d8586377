//! Property tests of the core ("Never crash, never lie"): claims survive encode → decode exactly
//! and in order; a one-character change to a signed token is never Valid; arbitrary text never
//! panics the decoder, the key parser or the verifier; base64url decode inverts encode.

use std::sync::OnceLock;

use proptest::prelude::*;
use serde_json::{Map, Number, Value};

use jwt_lens::jose::b64;
use jwt_lens::jose::keys::{parse_key, KeyInput, SecretEncoding};
use jwt_lens::jose::token::{decode, DecodedToken};
use jwt_lens::jose::jws::{verify, verify_parsed, Verdict};

const HMAC_SECRET: &[u8] = b"proptest-hmac-secret-of-32-bytes";
const EC_SCALAR: [u8; 32] = [0x17; 32];
const ED_SEED: [u8; 32] = [0x2a; 32];

// ------------------------------------------------------------------ signing with fixed keys

#[derive(Debug, Clone, Copy)]
enum Alg {
    Hs256,
    Es256,
    EdDsa,
}

impl Alg {
    fn name(self) -> &'static str {
        match self {
            Alg::Hs256 => "HS256",
            Alg::Es256 => "ES256",
            Alg::EdDsa => "EdDSA",
        }
    }

    fn sign(self, message: &[u8]) -> Vec<u8> {
        match self {
            Alg::Hs256 => {
                use hmac::{KeyInit, Mac};
                let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(HMAC_SECRET).unwrap();
                mac.update(message);
                mac.finalize().into_bytes().to_vec()
            }
            Alg::Es256 => {
                use p256::ecdsa::signature::Signer;
                let key = p256::ecdsa::SigningKey::from_slice(&EC_SCALAR).unwrap();
                let signature: p256::ecdsa::Signature = key.sign(message);
                signature.to_bytes().to_vec()
            }
            Alg::EdDsa => {
                use ed25519_dalek::Signer;
                ed25519_dalek::SigningKey::from_bytes(&ED_SEED).sign(message).to_bytes().to_vec()
            }
        }
    }

    /// The verification key (parsed once: debug-build curve arithmetic is slow).
    fn key(self) -> &'static KeyInput {
        static KEYS: OnceLock<[KeyInput; 3]> = OnceLock::new();
        &KEYS.get_or_init(|| [Alg::Hs256.jwk(), Alg::Es256.jwk(), Alg::EdDsa.jwk()])[self as usize]
    }

    /// A signed token whose payload has unicode, numbers and nesting (signed once).
    fn fixed_token(self) -> &'static str {
        static TOKENS: OnceLock<[String; 3]> = OnceLock::new();
        let payload = r#"{"sub":"Zoë 😀","exp":4102444800,"iat":1700000000,"roles":["a","b"],"n":{"x":1.5}}"#;
        &TOKENS.get_or_init(|| [Alg::Hs256.token(payload), Alg::Es256.token(payload), Alg::EdDsa.token(payload)])[self as usize]
    }

    /// The verification key as a JWK, the way a user pastes it.
    fn jwk(self) -> KeyInput {
        let jwk = match self {
            Alg::Hs256 => serde_json::json!({"kty": "oct", "k": b64::encode(HMAC_SECRET)}),
            Alg::Es256 => {
                let key = p256::ecdsa::SigningKey::from_slice(&EC_SCALAR).unwrap();
                let point = key.verifying_key().to_sec1_point(false);
                serde_json::json!({"kty": "EC", "crv": "P-256", "x": b64::encode(point.x().unwrap()), "y": b64::encode(point.y().unwrap())})
            }
            Alg::EdDsa => {
                let key = ed25519_dalek::SigningKey::from_bytes(&ED_SEED);
                serde_json::json!({"kty": "OKP", "crv": "Ed25519", "x": b64::encode(key.verifying_key().as_bytes())})
            }
        };
        parse_key(&jwk.to_string(), SecretEncoding::Utf8).unwrap().unwrap()
    }

    /// A compact JWS of `payload` with header {"alg": ...}.
    fn token(self, payload: &str) -> String {
        let header = b64::encode(format!(r#"{{"alg":"{}"}}"#, self.name()).as_bytes());
        let input = format!("{header}.{}", b64::encode(payload.as_bytes()));
        let signature = b64::encode(&self.sign(input.as_bytes()));
        format!("{input}.{signature}")
    }
}

fn alg() -> impl Strategy<Value = Alg> {
    prop_oneof![Just(Alg::Hs256), Just(Alg::Es256), Just(Alg::EdDsa)]
}

// ------------------------------------------------------------------ JSON claims

fn json_number() -> impl Strategy<Value = Number> {
    prop_oneof![
        any::<i64>().prop_map(Number::from),
        any::<u64>().prop_map(Number::from),
        any::<f64>().prop_filter_map("finite", Number::from_f64),
    ]
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        json_number().prop_map(Value::Number),
        any::<String>().prop_map(Value::String),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((any::<String>(), inner), 0..6).prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// A claims set: unicode member names (any chars, including controls and astral), any values.
fn claims() -> impl Strategy<Value = Map<String, Value>> {
    prop::collection::vec((any::<String>(), json_value()), 0..10).prop_map(|members| members.into_iter().collect())
}

/// Member names and values in order, recursively (serde_json's Map equality ignores order).
fn ordered(value: &Value) -> String {
    value.to_string()
}

// ------------------------------------------------------------------ properties

/// The fixed tokens verify with their keys, so property (b) is not vacuous.
#[test]
fn fixed_tokens_are_valid() {
    for alg in [Alg::Hs256, Alg::Es256, Alg::EdDsa] {
        assert_eq!(verify(&decode(alg.fixed_token()).unwrap(), Some(alg.key())).verdict, Verdict::Valid, "{}", alg.name());
    }
}

const BASE64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// (a) Claims encoded as an HS256 JWS decode to the same claims, in the same order, and the
    /// token verifies.
    #[test]
    fn claims_round_trip(claims in claims()) {
        let payload = Value::Object(claims.clone()).to_string();
        let token = Alg::Hs256.token(&payload);
        let decoded = decode(&token).unwrap();
        prop_assert_eq!(decoded.alg(), Some("HS256"));
        let back = decoded.claims().expect("payload is a claims set");
        prop_assert_eq!(back, &claims);
        prop_assert_eq!(ordered(&Value::Object(back.clone())), payload);
        prop_assert_eq!(back.keys().collect::<Vec<_>>(), claims.keys().collect::<Vec<_>>());
        prop_assert_eq!(verify(&decoded, Some(Alg::Hs256.key())).verdict, Verdict::Valid);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// (b) Replacing any one character (header, payload or signature) of a signed HS256, ES256
    /// or EdDSA token with another base64url character never yields Valid.
    #[test]
    fn one_changed_character_is_never_valid(
        alg in alg(),
        position in any::<prop::sample::Index>(),
        replacement in prop::sample::select(BASE64URL),
    ) {
        let token = alg.fixed_token();
        let key = alg.key();
        let dots: Vec<usize> = token.match_indices('.').map(|(at, _)| at).collect();
        let candidates: Vec<usize> = (0..token.len()).filter(|at| !dots.contains(at)).collect();
        let at = candidates[position.index(candidates.len())];
        prop_assume!(token.as_bytes()[at] != replacement);
        let mut changed = token.as_bytes().to_vec();
        changed[at] = replacement;
        let changed = String::from_utf8(changed).unwrap();
        if let Ok(decoded) = decode(&changed) {
            let verdict = verify(&decoded, Some(key)).verdict;
            prop_assert!(verdict != Verdict::Valid, "{} token valid after changing byte {} to {:?}:\n{}\n{}", alg.name(), at, replacement as char, token, changed);
        }
    }

    /// (c) Arbitrary text never panics the decoder, the key parser (any encoding) or the
    /// verifier, and a made-up signature is never Valid.
    #[test]
    fn arbitrary_text_never_panics(
        text in prop_oneof![
            any::<String>(),
            "[A-Za-z0-9_+/=. \n\"'-]{0,300}",
            "(Bearer |Authorization: )?eyJ[A-Za-z0-9_-]{0,80}\\.[A-Za-z0-9_-]{0,80}\\.[A-Za-z0-9_=-]{0,90}",
            "-----BEGIN (PUBLIC KEY|CERTIFICATE|PRIVATE KEY|EC PRIVATE KEY|RSA PRIVATE KEY|RSA PUBLIC KEY)-----\n[A-Za-z0-9+/=\n]{0,400}\n-----END [A-Z ]{0,20}-----\n?",
            "\\{\"(kty|keys)\":(\"(RSA|EC|OKP|oct)\"|\\[\\{\\}\\]),\"(n|e|x|y|k|crv|d|kid|alg)\":\"[A-Za-z0-9_-]{0,90}\"\\}",
        ],
        as_token in any::<bool>(),
    ) {
        let token_result = decode(&text);
        let mut tokens: Vec<DecodedToken> = [Alg::Hs256, Alg::Es256, Alg::EdDsa].iter().map(|alg| decode(alg.fixed_token()).unwrap()).collect();
        if let Ok(token) = token_result {
            prop_assert!(verify(&token, None).verdict != Verdict::Valid);
            if as_token {
                tokens.push(token);
            }
        }
        for encoding in [SecretEncoding::Utf8, SecretEncoding::Base64, SecretEncoding::Hex] {
            let key = parse_key(&text, encoding);
            if let Err(error) = &key {
                let _ = error.to_string();
            }
            for token in &tokens {
                let verification = verify_parsed(token, &key);
                let _ = verification.verdict.reason();
            }
        }
        // The fixed tokens' signatures belong to the fixed keys: arbitrary text that parses as a
        // key does not verify them (a hit here would need the key itself to appear at random).
        let key = parse_key(&text, SecretEncoding::Utf8);
        for token in &tokens[..3] {
            prop_assert!(verify_parsed(token, &key).verdict != Verdict::Valid);
        }
    }

    /// (d) base64url: decode_lenient(encode(bytes)) == bytes with nothing to report; standard
    /// padded base64 decodes to the same bytes, with the leniency reported.
    #[test]
    fn base64url_round_trip(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let encoded = b64::encode(&bytes);
        prop_assert!(!encoded.contains(['=', '+', '/']));
        prop_assert_eq!(b64::decode_lenient(&encoded), Ok((bytes.clone(), vec![])));
        prop_assert_eq!(b64::decode_any_alphabet(&encoded), Ok(bytes.clone()));
        use base64::Engine;
        let standard = base64::engine::general_purpose::STANDARD.encode(&bytes);
        let (decoded, notes) = b64::decode_lenient(&standard).unwrap();
        prop_assert_eq!(&decoded, &bytes);
        prop_assert_eq!(notes.is_empty(), !standard.contains(['=', '+', '/']));
        prop_assert_eq!(b64::decode_any_alphabet(&standard), Ok(bytes));
    }
}
