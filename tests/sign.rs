//! Signing: every private key format of the cross-implementation fixtures (made by PyJWT,
//! jwcrypto and node `jose`) re-signs its token's exact header and payload; deterministic
//! algorithms reproduce the other library's token byte for byte, and every token verifies.

use jwt_lens::jose::b64;
use jwt_lens::jose::jws::{sign, unsigned, verify, Verdict};
use jwt_lens::jose::keys::{parse_key, parse_signing_key, SecretEncoding};
use jwt_lens::jose::token::decode;
use jwt_lens::jose::JoseError;
use serde_json::Value;

const PRIVATE_FORMATS: [&str; 7] = ["jwk-private", "pem-pkcs1-private", "pem-pkcs8-private", "pem-sec1-private", "secret-text", "secret-base64", "secret-hex"];

fn cases() -> Vec<Value> {
    let mut all = Vec::new();
    for file in ["cross_impl_py.json", "cross_impl_node.json", "mldsa/mldsa_noble.json"] {
        let path = format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"));
        let values: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        all.extend(values);
    }
    all
}

fn encoding(case: &Value) -> SecretEncoding {
    match case["secret_encoding"].as_str() {
        Some("base64") => SecretEncoding::Base64,
        Some("hex") => SecretEncoding::Hex,
        _ => SecretEncoding::Utf8,
    }
}

/// The header and payload texts exactly as the token carries them.
fn texts(token: &str) -> (String, String) {
    let mut parts = token.split('.');
    let mut text = || String::from_utf8(b64::decode_lenient(parts.next().unwrap()).unwrap().0).unwrap();
    (text(), text())
}

#[test]
fn every_private_key_format_signs_and_deterministic_algorithms_reproduce_the_token() {
    let mut signed = 0;
    let mut reproduced = std::collections::BTreeSet::new();
    for case in cases().iter().filter(|c| c["expect"] == "valid" && PRIVATE_FORMATS.contains(&c["key_format"].as_str().unwrap())) {
        let name = case["name"].as_str().unwrap();
        let alg = case["alg"].as_str().unwrap();
        let token = case["token"].as_str().unwrap();
        let key_text = case["key"].as_str().unwrap();
        let keys = parse_signing_key(key_text, encoding(case), "").unwrap_or_else(|e| panic!("{name}: {e}")).unwrap();
        let (header, payload) = texts(token);
        let made = sign(&header, &payload, &keys).unwrap_or_else(|e| panic!("{name}: {e}"));
        let verifying_key = parse_key(key_text, encoding(case)).unwrap().unwrap();
        let verdict = verify(&decode(&made.token).unwrap(), Some(&verifying_key)).verdict;
        assert_eq!(verdict, Verdict::Valid, "{name}: the token made does not verify");
        let deterministic = alg.starts_with("HS") || alg.starts_with("RS") || alg == "EdDSA" || alg.starts_with("ML-DSA");
        if deterministic {
            assert_eq!(made.token, token, "{name}: re-signing did not reproduce the token");
            reproduced.insert(alg.to_string());
        } else {
            assert_eq!(made.token.rsplit_once('.').unwrap().0, token.rsplit_once('.').unwrap().0, "{name}");
        }
        signed += 1;
    }
    assert!(signed > 60, "only {signed} private-key cases");
    for alg in ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "EdDSA", "ML-DSA-44", "ML-DSA-65", "ML-DSA-87"] {
        assert!(reproduced.contains(alg), "no reproduced {alg} token");
    }
}

#[test]
fn public_keys_wrong_keys_and_short_secrets_get_their_message() {
    let all = cases();
    let find = |name: &str| all.iter().find(|c| c["name"] == name).unwrap_or_else(|| panic!("{name}"));
    let rs256 = find("node-jose-RS256-pem-spki");
    let error = parse_signing_key(rs256["key"].as_str().unwrap(), SecretEncoding::Utf8, "").err().unwrap();
    assert_eq!(error.to_string(), "this is a PEM PUBLIC KEY: signing needs the private key");
    let jwk = find("node-jose-ES256-jwk-public");
    let error = parse_signing_key(jwk["key"].as_str().unwrap(), SecretEncoding::Utf8, "").err().unwrap();
    assert_eq!(error.to_string(), "this is a public EC JWK (no \"d\"): signing needs the private key");

    let es256 = find("node-jose-ES256-pem-pkcs8-private");
    let keys = parse_signing_key(es256["key"].as_str().unwrap(), SecretEncoding::Utf8, "").unwrap().unwrap();
    let error = sign(r#"{"alg":"RS256"}"#, "{}", &keys).unwrap_err();
    assert_eq!(error.to_string(), "an EC P-256 private key cannot sign RS256: it signs ES256");
    let error = sign(r#"{"alg":"none"}"#, "{}", &keys).unwrap_err();
    assert!(matches!(error, JoseError::AlgNone { .. }), "{error:?}");
    assert!(matches!(sign(r#"{"alg":"HS256",}"#, "{}", &keys).unwrap_err(), JoseError::Json { line: 1, column: 16, .. }));

    let secret = parse_signing_key("short", SecretEncoding::Utf8, "").unwrap().unwrap();
    let made = sign(r#"{"alg":"HS256"}"#, r#"{"sub":"1"}"#, &secret).unwrap();
    assert!(made.warnings[0].starts_with("the secret is 5 bytes"), "{:?}", made.warnings);
    assert_eq!(unsigned(r#"{"alg":"none"}"#, "{}"), "eyJhbGciOiJub25lIn0.e30.");
}

#[test]
fn a_jwks_signs_with_the_key_the_header_names() {
    let jwks = r#"{"keys":[{"kty":"oct","kid":"a","k":"YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWE"},{"kty":"oct","kid":"b","k":"YmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmI"}]}"#;
    let keys = parse_signing_key(jwks, SecretEncoding::Utf8, "").unwrap().unwrap();
    let made = sign(r#"{"alg":"HS256","kid":"b"}"#, "{}", &keys).unwrap();
    assert!(made.key_used.contains("kid=b"), "{}", made.key_used);
    let b = parse_key(&"b".repeat(32), SecretEncoding::Utf8).unwrap().unwrap();
    assert_eq!(verify(&decode(&made.token).unwrap(), Some(&b)).verdict, Verdict::Valid);
}

/// An `ENCRYPTED PRIVATE KEY` (PKCS#8, PBES2 with PBKDF2-SHA256 and AES-256-CBC) made by OpenSSL 3:
/// `openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256 -passout pass:correct-horse`.
#[test]
fn an_encrypted_private_key_signs_with_its_password() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let encrypted = std::fs::read_to_string(format!("{dir}/encrypted-pkcs8-p256.pem")).unwrap();
    let public = std::fs::read_to_string(format!("{dir}/encrypted-pkcs8-p256.pub.pem")).unwrap();
    assert_eq!(parse_signing_key(&encrypted, SecretEncoding::Utf8, "").err(), Some(JoseError::PemPasswordNeeded));
    assert_eq!(parse_signing_key(&encrypted, SecretEncoding::Utf8, "wrong").err(), Some(JoseError::PemPasswordWrong));
    let keys = parse_signing_key(&encrypted, SecretEncoding::Utf8, "correct-horse").unwrap().unwrap();
    let made = sign(r#"{"alg":"ES256","typ":"JWT"}"#, r#"{"sub":"encrypted"}"#, &keys).unwrap();
    let verifying_key = parse_key(&public, SecretEncoding::Utf8).unwrap().unwrap();
    assert_eq!(verify(&decode(&made.token).unwrap(), Some(&verifying_key)).verdict, Verdict::Valid);
}
