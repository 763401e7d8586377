//! The published JWS examples (RFC 7515 Appendix A, RFC 7520 §4, RFC 8037 Appendix A.4), copied
//! verbatim into tests/fixtures/rfc_vectors.json and checked there with jwcrypto too.

use jwt_lens::jose::keys::{parse_key, SecretEncoding};
use jwt_lens::jose::token::decode;
use jwt_lens::jose::jws::{verify, Verdict};
use jwt_lens::jose::JoseError;
use serde_json::Value;

#[test]
fn rfc_examples_verify() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rfc_vectors.json");
    let vectors: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(vectors.len(), 10);
    for vector in vectors {
        let name = vector["name"].as_str().unwrap();
        let token = decode(vector["token"].as_str().unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let key = parse_key(vector["key"].as_str().unwrap(), SecretEncoding::Utf8).unwrap_or_else(|e| panic!("{name}: {e}"));
        let verdict = verify(&token, key.as_ref()).verdict;
        match vector["expect"].as_str().unwrap() {
            "valid" => assert_eq!(verdict, Verdict::Valid, "{name}"),
            "unsigned" => assert_eq!(verdict, Verdict::Error(JoseError::AlgNone { written: "none".into() }), "{name}"),
            other => panic!("{name}: unknown expectation {other}"),
        }
    }
}
