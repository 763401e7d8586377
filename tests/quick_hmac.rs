//! The page's quick HMAC check (`jws::quick_hmac`, handed to WebCrypto before the crypto worker has
//! loaded) must say exactly what the worker says when the signature verifies, and must step aside
//! for everything the worker explains better.

use jwt_lens::jose::jws::{quick_hmac, verify, VerdictReport, Verdict};
use jwt_lens::jose::keys::{parse_key, SecretEncoding};
use jwt_lens::jose::token::decode;
use serde_json::Value;

fn fixtures() -> Vec<Value> {
    let mut all = Vec::new();
    for file in ["cross_impl_py.json", "cross_impl_node.json"] {
        let path = format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"));
        all.extend(serde_json::from_str::<Vec<Value>>(&std::fs::read_to_string(path).unwrap()).unwrap());
    }
    all
}

#[test]
fn a_valid_quick_check_reports_what_the_worker_reports() {
    let mut compared = 0;
    for case in fixtures() {
        let (token, key) = (case["token"].as_str().unwrap(), case["key"].as_str().unwrap());
        let utf8 = case["secret_encoding"].as_str().unwrap_or("utf8") == "utf8";
        let Ok(decoded) = decode(token) else { continue };
        let worker = verify(&decoded, parse_key(key, SecretEncoding::Utf8).ok().flatten().as_ref());
        let Some(quick) = quick_hmac(&decoded, key, utf8) else {
            // Stepped aside: fine for anything but a plain HS* token with a UTF-8 secret.
            assert!(!(case["alg"].as_str().unwrap().starts_with("HS") && case["key_format"] == "secret-text" && utf8 && worker.verdict == Verdict::Valid), "{}", case["name"]);
            continue;
        };
        assert!(case["alg"].as_str().unwrap().starts_with("HS"), "{}", case["name"]);
        if worker.verdict == Verdict::Valid {
            assert_eq!(quick.valid_report, VerdictReport::from(&worker), "{}", case["name"]);
            compared += 1;
        }
    }
    assert!(compared >= 6, "only {compared} valid HS* fixtures compared");
}

#[test]
fn the_quick_check_steps_aside_for_what_needs_the_worker() {
    let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.6Q2I3o-eXGxNYLLUOgYH6axb3bZZu4q9nPeqNVa3W2I";
    let decoded = decode(token).unwrap();
    let short = quick_hmac(&decoded, "secret", true).expect("a plain HS256 token and a text secret");
    assert_eq!((short.hash, short.secret.as_slice(), short.signature.len()), ("SHA-256", &b"secret"[..], 32));
    assert!(short.valid_report.warnings[0].contains("the secret is 6 bytes"));
    for (key, utf8, why) in [
        ("secret", false, "a base64 or hex secret"),
        (" secret", true, "whitespace around the secret (the worker notes it)"),
        ("{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}", true, "a JWK"),
        ("-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----", true, "a PEM key"),
        ("", true, "no key"),
    ] {
        assert!(quick_hmac(&decoded, key, utf8).is_none(), "{why}");
    }
    let b64 = |text: &str| base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, text);
    for header in [r#"{"alg":"HS256","crit":["exp"],"exp":1}"#, r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#, r#"{"alg":"RS256"}"#, r#"{"alg":"none"}"#] {
        let token = format!("{}.{}.{}", b64(header), b64("{}"), b64(&"x".repeat(32)));
        assert!(quick_hmac(&decode(&token).unwrap(), "secret", true).is_none(), "{header}");
    }
    // A signature of the wrong length (the worker explains it) and a JWE.
    let truncated = format!("{}.{}.{}", b64(r#"{"alg":"HS256"}"#), b64("{}"), b64("short"));
    assert!(quick_hmac(&decode(&truncated).unwrap(), "secret", true).is_none());
    let jwe = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA";
    if let Ok(jwe) = decode(jwe) {
        assert!(quick_hmac(&jwe, "secret", true).is_none());
    }
}
