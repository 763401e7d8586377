//! The property of the `rules` fuzz target (fuzz/src/harness.rs, included so they cannot drift),
//! over structured inputs that reach every preset's checks: tokens with claims of every type near
//! the fixed instants, lists of values in any order, every signature verdict, server text. Runs in
//! the normal `cargo test` (the fuzz target needs nightly).

#[path = "../fuzz/src/harness.rs"]
mod harness;

use proptest::prelude::*;

/// The harness's input layout: mode, length-prefixed chunks, then single bytes and the rest.
fn input(header: &str, payload: &str, fields: &[String], tail: [u8; 4], server: &str) -> Vec<u8> {
    let mut data = vec![1u8];
    for chunk in [header, payload].into_iter().chain(fields.iter().map(String::as_str)) {
        let bytes = chunk.as_bytes();
        data.extend_from_slice(&(bytes.len().min(65_535) as u16).to_be_bytes());
        data.extend_from_slice(&bytes[..bytes.len().min(65_535)]);
    }
    data.extend_from_slice(&tail);
    data.extend_from_slice(server.as_bytes());
    data
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        (-2_000i64..2_000).prop_map(|d| (1_700_000_000 + d).to_string()),
        (-2_000i64..2_000).prop_map(|d| format!("\"{}\"", 1_700_000_000 + d)),
        Just("1700000000.5".to_string()),
        Just("-1".to_string()),
        Just("null".to_string()),
        Just("true".to_string()),
        Just("[]".to_string()),
        Just("\"api://a\"".to_string()),
        Just("[\"api://a\",\"api://b\"]".to_string()),
        Just("[1,\"api://b\"]".to_string()),
        Just("\"https://issuer.example/\"".to_string()),
        Just("1e400".to_string()),
        Just("{}".to_string()),
    ]
}

fn claims() -> impl Strategy<Value = String> {
    proptest::collection::vec((prop::sample::select(vec!["exp", "nbf", "iat", "iss", "aud", "sub", "jti", "x"]), value()), 0..7)
        .prop_map(|members| format!("{{{}}}", members.iter().map(|(n, v)| format!("\"{n}\":{v}")).collect::<Vec<_>>().join(",")))
}

fn header() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        r#"{"alg":"HS256","typ":"JWT"}"#,
        r#"{"alg":"HS256","typ":"at+jwt"}"#,
        r#"{"alg":"none"}"#,
        r#"{"alg":"RS256","crit":["x"],"x":1}"#,
        r#"{"alg":"HS384","crit":"x"}"#,
        r#"{"typ":7}"#,
        r#"{"alg":"HS256","kid":null,"x5c":"a"}"#,
    ])
    .prop_map(str::to_string)
}

fn field() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "", "api://a", "api://b, api://a", "https://issuer.example", "HS256,RS256", "application/at+jwt", "JWT",
        "sub,jti, iat", "exp,nbf,aud,iss", "3600", "60", "-5", "abc", ",,", "1e308",
    ])
    .prop_map(str::to_string)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn rules_never_panic_and_ignore_the_order_of_fields(
        header in header(),
        payload in claims(),
        fields in proptest::collection::vec(field(), 7),
        tail in any::<[u8; 4]>(),
        server in prop::sample::select(vec![
            "",
            "< HTTP/1.1 401\n< Date: Tue, 01 Dec 2026 10:42:00 GMT\n< WWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"The audience 'api://x' is invalid\"",
            "WWW-Authenticate: Bearer realm=\"a\", error=\"invalid_token\", error_description=\"issuer \\\"x\\\" expired",
            "{\"log\":{\"entries\":[{\"response\":{\"headers\":[{\"name\":\"www-authenticate\",\"value\":\"Bearer error=insufficient_scope, scope=\\\"a b\\\"\"}]}}]}}",
            "WWW-Authenticate: Bearer =, \"\"\"",
        ]),
    ) {
        harness::rules(&input(&header, &payload, &fields, tail, server));
    }

    #[test]
    fn rules_never_panic_on_any_bytes(data in proptest::collection::vec(any::<u8>(), 0..600)) {
        harness::rules(&data);
    }
}
