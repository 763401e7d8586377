//! Tokens and keys made by independent libraries (PyJWT, jwcrypto, node `jose`; see
//! tests/fixtures/README.md) must get the verdict those libraries agree on, and every tampered
//! variant must fail.

use jwt_lens::jose::b64;
use jwt_lens::jose::keys::{parse_key, KeyInput, SecretEncoding};
use jwt_lens::jose::token::decode;
use jwt_lens::jose::jws::{verify, Verdict, Verification};
use jwt_lens::jose::JoseError;
use serde_json::Value;

struct Case {
    name: String,
    alg: String,
    token: String,
    key: String,
    key_format: String,
    encoding: SecretEncoding,
    expect: String,
}

fn cases() -> Vec<Case> {
    let mut all = Vec::new();
    for file in ["cross_impl_py.json", "cross_impl_node.json"] {
        let path = format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let values: Vec<Value> = serde_json::from_str(&text).unwrap();
        for value in values {
            let field = |name: &str| value[name].as_str().unwrap_or_default().to_string();
            all.push(Case {
                name: field("name"),
                alg: field("alg"),
                token: field("token"),
                key: field("key"),
                key_format: field("key_format"),
                encoding: match value["secret_encoding"].as_str() {
                    Some("base64") => SecretEncoding::Base64,
                    Some("hex") => SecretEncoding::Hex,
                    _ => SecretEncoding::Utf8,
                },
                expect: field("expect"),
            });
        }
    }
    assert!(all.len() > 150, "fixtures missing: {} cases", all.len());
    all
}

fn check(token: &str, key: &KeyInput) -> Verification {
    let decoded = decode(token).unwrap_or_else(|e| panic!("decode {token}: {e}"));
    verify(&decoded, Some(key))
}

fn key_of(case: &Case) -> KeyInput {
    parse_key(&case.key, case.encoding)
        .unwrap_or_else(|e| panic!("{}: key did not parse: {e}", case.name))
        .unwrap_or_else(|| panic!("{}: empty key", case.name))
}

#[test]
fn every_fixture_gets_the_expected_verdict() {
    let mut failures = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for case in cases() {
        let outcome = check(&case.token, &key_of(&case));
        if outcome.verdict.status() != case.expect {
            failures.push(format!("{}: expected {}, got {:?}", case.name, case.expect, outcome.verdict));
        }
        seen.insert((case.alg.clone(), case.key_format.clone()));
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    for alg in ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"] {
        assert!(seen.iter().any(|(a, _)| a == alg), "no fixture for {alg}");
    }
}

#[test]
fn keys_are_described_with_type_size_and_origin() {
    for case in cases() {
        let description = match key_of(&case) {
            KeyInput::Single(key) => key.description,
            KeyInput::Set { keys, .. } => keys[0].description.clone(),
        };
        let expected = match case.key_format.as_str() {
            "pem-certificate" => "from X.509 certificate CN=jwt-lens-test",
            "pem-spki" => "from PEM PUBLIC KEY",
            "pem-pkcs1-public" => "from PEM RSA PUBLIC KEY",
            "pem-pkcs8-private" => "from PEM PRIVATE KEY (public part derived)",
            "pem-pkcs1-private" => "from PEM RSA PRIVATE KEY (public part derived)",
            "pem-sec1-private" => "from PEM EC PRIVATE KEY (public part derived)",
            "jwks" => "of the set",
            "jwk-public" | "jwk-private" => "JWK ",
            _ => "secret, ",
        };
        assert!(description.contains(expected), "{}: {description}", case.name);
        if case.alg.starts_with("RS") && case.key_format == "pem-spki" {
            assert!(description.starts_with("RSA public key, ") && description.contains(" bits"), "{description}");
        }
    }
}

/// Re-encodes one JSON segment with a change, keeping the rest of the token (and the signature).
fn with_segment(token: &str, index: usize, change: impl Fn(&mut serde_json::Map<String, Value>)) -> String {
    let mut parts: Vec<String> = token.split('.').map(str::to_string).collect();
    let (bytes, _) = b64::decode_lenient(&parts[index]).unwrap();
    let mut object: serde_json::Map<String, Value> = serde_json::from_slice(&bytes).unwrap();
    change(&mut object);
    parts[index] = b64::encode(serde_json::to_string(&object).unwrap().as_bytes());
    parts.join(".")
}

fn with_signature(token: &str, signature: &[u8]) -> String {
    let cut = token.rfind('.').unwrap();
    format!("{}.{}", &token[..cut], b64::encode(signature))
}

#[test]
fn tampered_header_payload_or_signature_never_verifies() {
    for case in cases().iter().filter(|c| c.expect == "valid") {
        let key = key_of(case);
        let header = with_segment(&case.token, 0, |h| {
            h.insert("x-tampered".into(), Value::Bool(true));
        });
        let payload = with_segment(&case.token, 1, |p| {
            p.insert("sub".into(), Value::String("admin".into()));
        });
        for (what, token) in [("header", header), ("payload", payload)] {
            let outcome = check(&token, &key);
            assert_eq!(outcome.verdict.status(), "invalid", "{} with tampered {what}: {:?}", case.name, outcome.verdict);
        }
        let signature = decode(&case.token).unwrap().signature;
        for position in [0, signature.len() / 2, signature.len() - 1] {
            let mut flipped = signature.clone();
            flipped[position] ^= 0x01;
            let outcome = check(&with_signature(&case.token, &flipped), &key);
            assert_ne!(outcome.verdict, Verdict::Valid, "{} with flipped signature byte {position}", case.name);
        }
        let truncated = check(&with_signature(&case.token, &signature[..signature.len() - 1]), &key);
        assert!(
            matches!(truncated.verdict, Verdict::Error(JoseError::SignatureLength { .. })),
            "{} truncated: {:?}",
            case.name,
            truncated.verdict
        );
    }
}

/// DER encoding of an ECDSA signature given as R||S, as OpenSSL would produce it.
fn der_signature(raw: &[u8]) -> Vec<u8> {
    let integer = |bytes: &[u8]| {
        let trimmed: Vec<u8> = bytes.iter().copied().skip_while(|b| *b == 0).collect();
        let mut body = if trimmed.first().is_some_and(|b| b & 0x80 != 0) { vec![0] } else { vec![] };
        body.extend(trimmed);
        let mut out = vec![0x02, body.len() as u8];
        out.extend(body);
        out
    };
    let (r, s) = raw.split_at(raw.len() / 2);
    let mut content = integer(r);
    content.extend(integer(s));
    let mut out = vec![0x30];
    if content.len() >= 0x80 {
        out.push(0x81);
    }
    out.push(content.len() as u8);
    out.extend(content);
    out
}

#[test]
fn der_encoded_ecdsa_signatures_are_explained() {
    let mut checked = 0;
    for case in cases().iter().filter(|c| c.expect == "valid" && c.alg.starts_with("ES")) {
        let raw = decode(&case.token).unwrap().signature;
        let outcome = check(&with_signature(&case.token, &der_signature(&raw)), &key_of(case));
        let reason = outcome.verdict.reason().unwrap_or_default();
        assert!(reason.contains("looks DER-encoded"), "{}: {reason}", case.name);
        checked += 1;
    }
    assert!(checked >= 6);
}

fn first(alg: &str, format: &str) -> Case {
    cases()
        .into_iter()
        .find(|c| c.alg == alg && c.key_format == format && c.expect == "valid")
        .unwrap_or_else(|| panic!("no {alg} {format} fixture"))
}

#[test]
fn wrong_key_type_or_curve_is_an_error_with_the_reason() {
    let es256 = first("ES256", "pem-spki");
    let es384 = first("ES384", "pem-spki");
    let rs256 = first("RS256", "pem-spki");
    let hs256 = first("HS256", "secret-text");
    let outcome = check(&es256.token, &key_of(&es384));
    assert_eq!(
        outcome.verdict.reason().unwrap(),
        "key is an EC P-384 key but the token says ES256: it needs an EC P-256 public key"
    );
    let outcome = check(&rs256.token, &key_of(&hs256));
    assert_eq!(outcome.verdict.status(), "error");
    assert!(outcome.verdict.reason().unwrap().starts_with("key is a secret of "));
    let outcome = check(&es256.token, &key_of(&rs256));
    assert_eq!(outcome.verdict.status(), "error");
}

#[test]
fn hmac_token_with_a_public_key_is_flagged_as_algorithm_confusion() {
    use hmac::{Hmac, KeyInit, Mac};
    let rs256 = first("RS256", "pem-spki");
    let hs256 = first("HS256", "secret-text");
    let outcome = check(&hs256.token, &key_of(&rs256));
    let reason = outcome.verdict.reason().unwrap();
    assert!(reason.contains("algorithm-confusion attack"), "{reason}");
    assert!(!reason.contains("forged"), "{reason}");

    // Forge one the way the attack does: HMAC with the PEM text as the secret.
    let header = b64::encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = b64::encode(br#"{"sub":"admin"}"#);
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(rs256.key.as_bytes()).unwrap();
    mac.update(format!("{header}.{payload}").as_bytes());
    let forged = format!("{header}.{payload}.{}", b64::encode(&mac.finalize().into_bytes()));
    let reason = check(&forged, &key_of(&rs256)).verdict.reason().unwrap();
    assert!(reason.contains("this token is forged"), "{reason}");
}

#[test]
fn alg_none_in_any_case_is_never_verified() {
    let hs256 = first("HS256", "secret-text");
    for written in ["none", "None", "NONE", "nOnE"] {
        let token = with_segment(&hs256.token, 0, |h| {
            h.insert("alg".into(), Value::String(written.into()));
        });
        for signature in [&b""[..], &[1, 2, 3]] {
            let outcome = check(&with_signature(&token, signature), &key_of(&hs256));
            assert_eq!(outcome.verdict, Verdict::Error(JoseError::AlgNone { written: written.into() }));
        }
        // Even with no key at all.
        let decoded = decode(&token).unwrap();
        assert_eq!(verify(&decoded, None).verdict.status(), "error");
    }
}

#[test]
fn jwks_selection_by_kid_and_no_match_lists_kids() {
    let jwks = first("RS256", "jwks");
    let outcome = check(&jwks.token, &key_of(&jwks));
    assert_eq!(outcome.verdict, Verdict::Valid);
    assert!(outcome.warnings[0].starts_with("chose the key with kid"), "{:?}", outcome.warnings);
    let unknown = with_segment(&jwks.token, 0, |h| {
        h.insert("kid".into(), Value::String("nope".into()));
    });
    let reason = check(&unknown, &key_of(&jwks)).verdict.reason().unwrap();
    assert!(reason.starts_with("no key in the JWKS has kid \"nope\"; kids present: '"), "{reason}");
}

#[test]
fn unknown_crit_and_unsupported_alg_are_errors() {
    let hs256 = first("HS256", "secret-text");
    let crit = with_segment(&hs256.token, 0, |h| {
        h.insert("exp-ext".into(), Value::Bool(true));
        h.insert("crit".into(), serde_json::json!(["exp-ext"]));
    });
    let reason = check(&crit, &key_of(&hs256)).verdict.reason().unwrap();
    assert!(reason.contains("'exp-ext'") && reason.contains("§4.1.11"), "{reason}");
    let es256k = with_segment(&hs256.token, 0, |h| {
        h.insert("alg".into(), Value::String("ES256K".into()));
    });
    assert_eq!(
        check(&es256k, &key_of(&hs256)).verdict,
        Verdict::Error(JoseError::AlgUnsupported { alg: "ES256K".into() })
    );
}

#[test]
fn short_hmac_secret_verifies_with_a_warning() {
    use hmac::{Hmac, KeyInit, Mac};
    let header = b64::encode(br#"{"alg":"HS256"}"#);
    let payload = b64::encode(br#"{"sub":"1"}"#);
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(b"secret").unwrap();
    mac.update(format!("{header}.{payload}").as_bytes());
    let token = format!("{header}.{payload}.{}", b64::encode(&mac.finalize().into_bytes()));
    let key = parse_key("secret", SecretEncoding::Utf8).unwrap().unwrap();
    let outcome = check(&token, &key);
    assert_eq!(outcome.verdict, Verdict::Valid);
    assert!(outcome.warnings.iter().any(|w| w.contains("RFC 7518 §3.2 requires at least 32")), "{:?}", outcome.warnings);
}

/// ML-DSA (RFC 9964) tokens and keys made by `@noble/post-quantum` and checked with `dilithium-py`
/// (tests/fixtures/mldsa/README.md): AKP JWK, JWKS and SPKI PEM keys; wrong key, tampered
/// payload, truncated signature and wrong parameter set.
#[test]
fn ml_dsa_tokens_from_noble_post_quantum() {
    let path = format!("{}/tests/fixtures/mldsa/mldsa_noble.json", env!("CARGO_MANIFEST_DIR"));
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(cases.len(), 24);
    let mut algs = std::collections::BTreeSet::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let key = parse_key(case["key"].as_str().unwrap(), SecretEncoding::Utf8)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .unwrap();
        let outcome = check(case["token"].as_str().unwrap(), &key);
        assert_eq!(outcome.verdict.status(), case["expect"].as_str().unwrap(), "{name}: {:?}", outcome.verdict);
        let description = outcome.key_used.clone().unwrap_or_default();
        let alg = case["alg"].as_str().unwrap();
        match name.rsplit_once(&format!("{alg}-")).unwrap().1 {
            "truncated-signature" => assert!(
                matches!(&outcome.verdict, Verdict::Error(JoseError::SignatureLength { found, .. }) if *found > 2000),
                "{name}: {:?}",
                outcome.verdict
            ),
            "wrong-parameter-set" => {
                // The AKP JWK names its parameter set, which is not the token's.
                let reason = outcome.verdict.reason().unwrap();
                assert!(reason.contains(&format!("the token says \"{alg}\"")) && reason.contains("ML-DSA-"), "{name}: {reason}");
            }
            "pem-spki" => assert!(description.starts_with(&format!("{alg} public key, from PEM PUBLIC KEY")), "{description}"),
            "jwk-public" | "jwk-private" | "jwks" => assert!(description.contains(&format!("JWK AKP {alg}")), "{description}"),
            _ => {}
        }
        algs.insert(alg.to_string());
    }
    assert_eq!(algs.len(), 3);
    // A PEM key names no algorithm: the mismatch is said in terms of parameter sets.
    let field = |name: &str, member: &str| {
        cases.iter().find(|c| c["name"] == name).unwrap()[member].as_str().unwrap().to_string()
    };
    let pem_65 = parse_key(&field("noble-ML-DSA-65-pem-spki", "key"), SecretEncoding::Utf8).unwrap().unwrap();
    let reason = check(&field("noble-ML-DSA-44-pem-spki", "token"), &pem_65).verdict.reason().unwrap();
    assert!(reason.contains("an ML-DSA-65 key") && reason.contains("it needs an ML-DSA-44 public key"), "{reason}");
}

/// A PKCS#8 ML-DSA private key (RFC 9881 seed form) gives the same public key as the JWK's seed.
#[test]
fn ml_dsa_private_keys_derive_their_public_key() {
    let path = format!("{}/tests/fixtures/mldsa/mldsa_noble.json", env!("CARGO_MANIFEST_DIR"));
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for case in cases.iter().filter(|c| c["key_format"] == "jwk-private") {
        let jwk: Value = serde_json::from_str(case["key"].as_str().unwrap()).unwrap();
        let seed = b64::decode_lenient(jwk["priv"].as_str().unwrap()).unwrap().0;
        let oid_last = match jwk["alg"].as_str().unwrap() {
            "ML-DSA-44" => 0x11,
            "ML-DSA-65" => 0x12,
            _ => 0x13,
        };
        // PrivateKeyInfo { version 0, AlgorithmIdentifier { id-ml-dsa-xx }, OCTET STRING { [0] seed } }
        let mut der = vec![0x30, 0x34, 0x02, 0x01, 0x00, 0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, oid_last, 0x04, 0x22, 0x80, 0x20];
        der.extend_from_slice(&seed);
        let pem = format!("-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n", base64_std(&der));
        let pkcs8 = parse_key(&pem, SecretEncoding::Utf8).unwrap().unwrap();
        let outcome = check(case["token"].as_str().unwrap(), &pkcs8);
        assert_eq!(outcome.verdict, Verdict::Valid, "{}", case["name"]);
        // Only "priv": the public key is derived from the seed.
        let seed_only = format!(r#"{{"kty":"AKP","alg":"{}","priv":"{}"}}"#, jwk["alg"].as_str().unwrap(), jwk["priv"].as_str().unwrap());
        assert_eq!(check(case["token"].as_str().unwrap(), &parse_key(&seed_only, SecretEncoding::Utf8).unwrap().unwrap()).verdict, Verdict::Valid);
    }
}

/// Standard base64 in 64-character lines, as PEM wants it.
fn base64_std(bytes: &[u8]) -> String {
    use base64::Engine;
    let text = base64::engine::general_purpose::STANDARD.encode(bytes);
    text.as_bytes().chunks(64).map(|line| std::str::from_utf8(line).unwrap()).collect::<Vec<_>>().join("\n")
}
