//! JWE tokens made by other libraries (node `jose`, Cisco `node-jose`, jwcrypto, joserfc: see
//! tests/fixtures/jwe/README.md), the RFC 7516 appendix A and RFC 7520 §5 examples, and JSON
//! serializations of JWS and JWE: each decrypts (or verifies) to what its maker says, and each bad
//! token fails with the reason its case names.

use jwt_lens::engine::handler::Engine;
use jwt_lens::engine::protocol::CheckRequest;
use jwt_lens::jose::jwe::{decrypt, JweError};
use jwt_lens::jose::jws::{verify, Verdict};
use jwt_lens::jose::keys::{parse_key, SecretEncoding};
use jwt_lens::jose::token::decode;
use serde_json::Value;

fn load(file: &str) -> Vec<Value> {
    let path = format!("{}/tests/fixtures/jwe/{file}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn encoding(value: &Value) -> SecretEncoding {
    match value.as_str() {
        Some("base64") => SecretEncoding::Base64,
        Some("hex") => SecretEncoding::Hex,
        _ => SecretEncoding::Utf8,
    }
}

/// Whether `error` is the failure a case's `expect` names.
fn is_expected(expect: &str, error: &JweError) -> bool {
    use JweError::*;
    match expect {
        "tag-mismatch" | "header-tampered" => matches!(error, TagMismatch { .. }),
        "wrong-key" => matches!(error, TagMismatch { .. } | RsaDecrypt | UnwrapFailed { .. } | EpkCurve { .. } | KeyLength { .. } | SegmentLength { .. }),
        "wrong-password" => matches!(error, PasswordWrong),
        "public-key" => matches!(error, PublicKey { .. }),
        "unknown-alg" => matches!(error, AlgUnknown { .. }),
        "unknown-enc" => matches!(error, EncUnknown { .. }),
        "p2c-too-high" => matches!(error, P2cTooHigh { .. }),
        "epk-not-on-curve" => matches!(error, EpkNotOnCurve { .. }),
        "missing-epk" => matches!(error, EpkMissing),
        "crit" => matches!(error, CritUnknown { .. }),
        _ => false,
    }
}

#[test]
fn tokens_of_four_other_libraries_decrypt_or_fail_for_their_reason() {
    let cases = load("cases.json");
    assert!(cases.len() > 200);
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let result = decrypt(case["token"].as_str().unwrap(), case["key"].as_str().unwrap(), encoding(&case["secret_encoding"]));
        match (case["expect"].as_str().unwrap(), result) {
            ("ok", Ok(decrypted)) => {
                let plaintext = String::from_utf8(decrypted.plaintext).unwrap();
                if case["nested"] == true {
                    // The plaintext is the inner JWS; it verifies with the inner key.
                    let inner = decode(&plaintext).unwrap();
                    let key = parse_key(case["inner_key"].as_str().unwrap(), encoding(&case["inner_secret_encoding"])).unwrap();
                    let verdict = verify(&inner, key.as_ref()).verdict;
                    if verdict != Verdict::Valid {
                        failures.push(format!("{name}: inner token {verdict:?}"));
                    }
                    if plaintext != case["plaintext"].as_str().unwrap() || inner.claims().is_none() {
                        failures.push(format!("{name}: the inner token differs or has no claims"));
                    }
                } else if plaintext != case["plaintext"].as_str().unwrap() {
                    failures.push(format!("{name}: plaintext differs"));
                }
            }
            ("ok", Err(error)) => failures.push(format!("{name}: {error}")),
            (expect, Ok(_)) => failures.push(format!("{name}: decrypted, expected {expect}")),
            (expect, Err(error)) => {
                let also: Vec<&str> = case["also_accept"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
                if !is_expected(expect, &error) && !also.iter().any(|other| is_expected(other, &error)) {
                    failures.push(format!("{name}: expected {expect}, got {error:?} ({error})"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} cases:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn the_rfc_examples_decrypt() {
    let vectors = load("rfc.json");
    assert!(vectors.iter().any(|v| v["name"].as_str().unwrap().starts_with("rfc7516-A.1")));
    for vector in vectors {
        let name = vector["name"].as_str().unwrap();
        let decrypted = decrypt(vector["token"].as_str().unwrap(), vector["key"].as_str().unwrap(), encoding(&vector["secret_encoding"]))
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(String::from_utf8(decrypted.plaintext).unwrap(), vector["plaintext"].as_str().unwrap(), "{name}");
    }
}

#[test]
fn json_serializations_use_the_signature_or_recipient_the_key_matches() {
    let mut engine = Engine::default();
    for case in load("json_serialization.json") {
        let name = case["name"].as_str().unwrap();
        let (token, key) = (case["token"].as_str().unwrap(), case["key"].as_str().unwrap());
        let count = case["recipients"].as_array().or(case["signatures"].as_array()).map_or(1, Vec::len);
        let expect = case["expect"].as_str().unwrap();
        if case["kind"] == "jwe" {
            match (expect, decrypt(token, key, encoding(&case["secret_encoding"]))) {
                ("ok", Ok(decrypted)) => {
                    assert_eq!(String::from_utf8(decrypted.plaintext).unwrap(), case["plaintext"].as_str().unwrap(), "{name}");
                    if count > 1 {
                        let which = format!("recipient #{} of {count}", case["match_index"].as_u64().unwrap() + 1);
                        assert!(decrypted.key_used.contains(&which), "{name}: {}", decrypted.key_used);
                    }
                }
                ("ok", Err(error)) => panic!("{name}: {error}"),
                (_, Ok(_)) => panic!("{name}: decrypted, expected {expect}"),
                (_, Err(_)) => {}
            }
        } else {
            let request = CheckRequest { generation: 1, token: token.into(), key: key.into(), encoding: encoding(&case["secret_encoding"]), inner_key: String::new() };
            let verdict = engine.check(&request).verdict.unwrap();
            if expect == "ok" {
                assert_eq!(verdict.status, "valid", "{name}: {verdict:?}");
                let which = format!("signature #{} of {count}", case["match_index"].as_u64().unwrap() + 1);
                assert!(count == 1 || verdict.key_used.as_deref().unwrap_or_default().contains(&which), "{name}: {verdict:?}");
                let decoded = decode(token).unwrap();
                assert_eq!(serde_json::to_value(decoded.claims()).unwrap(), serde_json::from_str::<Value>(case["payload"].as_str().unwrap()).unwrap(), "{name}");
            } else {
                assert_eq!(verdict.status, "invalid", "{name}: {verdict:?}");
            }
        }
    }
}
