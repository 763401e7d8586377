//! Native benchmarks of the pure core (`cargo bench`, or `scripts/bench` for the whole picture).
//!
//! Inputs: tests/bench/typical.json (the ~1 KB HS256 token of the browser benchmark, made by
//! tests/bench/tokens.mjs), ~1 MB tokens built here in the same shapes as tokens.mjs, and the
//! node `jose` cross-implementation fixtures for keys and per-algorithm tokens.
//!
//! Every bench is kept short (at most ~1 s each) so the whole run stays well under a minute once
//! compiled; pass divan's own options after `--` to change that (e.g. `cargo bench -- --max-time 5`).

use std::sync::OnceLock;
use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use divan::{black_box, Bencher};
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

use jwt_lens::jose::findings::{findings, Clock, Context, SecretList, DEFAULT_MAX_LIFETIME};
use jwt_lens::jose::keys::{parse_key, KeyInput, SecretEncoding};
use jwt_lens::jose::time::evaluate;
use jwt_lens::jose::token::decode;
use jwt_lens::jose::jws::verify_parsed;

fn main() {
    divan::Divan::default().max_time(Duration::from_secs(1)).config_with_args().main();
}

const TYPICAL: &str = include_str!("../tests/bench/typical.json");
const NODE_FIXTURES: &str = include_str!("../tests/fixtures/cross_impl_node.json");
const PY_FIXTURES: &str = include_str!("../tests/fixtures/cross_impl_py.json");
const SECRETS: &str = include_str!("../assets/jwt-secrets.txt");
/// "Now" for the time claims: inside the typical token's validity window.
const NOW: f64 = 1_800_000_000.0;

fn typical() -> &'static Value {
    static TYPICAL_JSON: OnceLock<Value> = OnceLock::new();
    TYPICAL_JSON.get_or_init(|| serde_json::from_str(TYPICAL).expect("tests/bench/typical.json"))
}

fn typical_token() -> &'static str {
    typical()["token_a"].as_str().unwrap()
}

/// A fixture case by name: (token, key, secret encoding).
fn case(fixtures: &str, name: &str) -> (String, String, SecretEncoding) {
    let cases: Vec<Value> = serde_json::from_str(fixtures).expect("fixture JSON");
    let case = cases.iter().find(|c| c["name"] == name).unwrap_or_else(|| panic!("no fixture {name}"));
    let encoding = match case["secret_encoding"].as_str() {
        Some("base64") => SecretEncoding::Base64,
        Some("hex") => SecretEncoding::Hex,
        _ => SecretEncoding::Utf8,
    };
    (case["token"].as_str().unwrap().to_string(), case["key"].as_str().unwrap().to_string(), encoding)
}

/// The same ~1 MB tokens as `bigToken` in tests/bench/tokens.mjs: a 1,000,000-character string
/// claim, or an array of 20,000 small objects.
fn big_token(kind: &str) -> String {
    let mut claims = json!({ "iss": "https://issuer.example.test", "sub": "user-1", "iat": 1795440000, "exp": 4086504000u64 });
    let map = claims.as_object_mut().unwrap();
    if kind == "string" {
        let words = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do"];
        let mut text = String::new();
        let mut i = 0usize;
        while text.len() < 1_000_000 {
            text.push_str(words[(i * 7 + (i >> 3)) % words.len()]);
            text.push(' ');
            i += 1;
        }
        text.truncate(1_000_000);
        map.insert("blob".into(), Value::String(text));
    } else {
        let items: Vec<Value> = (0..20_000).map(|i| json!({ "id": i, "name": format!("item-{i}"), "ok": i % 3 == 0 })).collect();
        map.insert("items".into(), Value::Array(items));
    }
    map.insert("jti".into(), Value::String(format!("bench-big-{kind}")));
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_string(&claims).unwrap());
    let input = format!("{header}.{payload}");
    let secret = typical()["secret"].as_str().unwrap();
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(input.as_bytes());
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes()))
}

mod decode_token {
    use super::*;

    #[divan::bench]
    fn typical_1kb(bencher: Bencher) {
        let token = typical_token();
        assert!(decode(token).is_ok());
        bencher.bench_local(|| decode(black_box(token)));
    }

    #[divan::bench(args = ["string", "array"], sample_count = 20)]
    fn big_1mb(bencher: Bencher, kind: &str) {
        let token = big_token(kind);
        assert!(decode(&token).is_ok());
        bencher.bench_local(|| decode(black_box(&token)));
    }
}

/// Finding the tokens in pasted text: a 5 MB HAR-like JSON document with two tokens among
/// thousands of strings that look like tokens (`eyJ…` with dots), as the crypto worker searches it.
mod find_tokens {
    use super::*;

    fn har(entries: usize) -> String {
        let token = typical_token();
        let filler: Vec<String> = (0..entries)
            .map(|i| format!(r#"{{"name": "x-header-{i}", "value": "eyJub3QiOiJhIHRva2VuIn0.{i}.not-a-token", "comment": "{}"}}"#, "z".repeat(180)))
            .collect();
        format!(
            r#"{{"log": {{"entries": [{{"request": {{"headers": [{}, {{"name": "Authorization", "value": "Bearer {token}"}}]}}, "response": {{"content": {{"text": "{{\"id_token\": \"{token}x\"}}"}}}}}}]}}}}"#,
            filler.join(",\n")
        )
    }

    #[divan::bench(sample_count = 20)]
    fn har_5mb(bencher: Bencher) {
        let text = har(20_000);
        assert!(text.len() > 5_000_000, "{}", text.len());
        assert!(!jwt_lens::jose::find::find_tokens(&text).is_empty());
        bencher.bench(|| jwt_lens::jose::find::find_tokens(divan::black_box(&text)));
    }
}

mod claims {
    use super::*;

    #[divan::bench]
    fn time_evaluate(bencher: Bencher) {
        let token = decode(typical_token()).unwrap();
        let claims = token.claims().unwrap();
        bencher.bench_local(|| evaluate(black_box(claims), NOW, 0.0));
    }

    /// Time evaluation plus every finding, with the secret in the key box and the bundled list of
    /// known secrets loaded: what the UI recomputes on each keystroke.
    #[divan::bench]
    fn time_and_findings(bencher: Bencher) {
        let token = decode(typical_token()).unwrap();
        let key = parse_key(typical()["secret"].as_str().unwrap(), SecretEncoding::Utf8).unwrap();
        let secrets = SecretList::from_text(SECRETS);
        bencher.bench_local(|| {
            let time = evaluate(token.claims().unwrap(), NOW, 0.0);
            let context = Context { token: &token, key: key.as_ref(), known_secrets: Some(&secrets), key_mismatch: false };
            let clock = Clock { time: &time, now: NOW, leeway: 0.0, max_lifetime: DEFAULT_MAX_LIFETIME };
            findings(black_box(&context), Some(&clock))
        });
    }
}

mod parse_keys {
    use super::*;

    fn bench_key(bencher: Bencher, fixtures: &str, name: &str) {
        let (_, key, encoding) = case(fixtures, name);
        assert!(matches!(parse_key(&key, encoding), Ok(Some(_))), "{name} does not parse");
        bencher.bench_local(|| parse_key(black_box(&key), encoding));
    }

    #[divan::bench]
    fn pem_spki_rsa2048(bencher: Bencher) {
        bench_key(bencher, NODE_FIXTURES, "node-jose-RS256-pem-spki");
    }

    #[divan::bench]
    fn pem_certificate_rsa(bencher: Bencher) {
        bench_key(bencher, PY_FIXTURES, "pyjwt-RS256-pem-certificate");
    }

    #[divan::bench]
    fn jwk_ec_p256(bencher: Bencher) {
        bench_key(bencher, NODE_FIXTURES, "node-jose-ES256-jwk-public");
    }

    #[divan::bench]
    fn jwks(bencher: Bencher) {
        bench_key(bencher, NODE_FIXTURES, "node-jose-RS256-jwks");
        let (_, key, _) = case(NODE_FIXTURES, "node-jose-RS256-jwks");
        assert!(matches!(parse_key(&key, SecretEncoding::Utf8), Ok(Some(KeyInput::Set { .. }))));
    }
}

/// Verification only: the token and key are parsed once, as WebCrypto imports a key once.
/// Same fixtures as the browser benchmark (tests/bench/run.mjs).
#[divan::bench(args = ["HS256", "RS256", "PS256", "ES256", "ES384", "ES512", "EdDSA"])]
fn verify(bencher: Bencher, alg: &str) {
    let name = if alg == "HS256" { "node-jose-HS256-secret-text".to_string() } else { format!("node-jose-{alg}-jwk-public") };
    let (token, key, encoding) = case(NODE_FIXTURES, &name);
    let token = decode(&token).unwrap();
    let key = parse_key(&key, encoding);
    assert_eq!(verify_parsed(&token, &key).verdict.status(), "valid", "{name}");
    bencher.bench_local(|| verify_parsed(black_box(&token), black_box(&key)));
}

/// HMAC secret cracking on a realistic 636-byte header.payload (the size of issue 23's reference):
/// the page's cracker (each backend) against a plain `hmac` + `sha2` loop doing the same work.
/// Each iteration tries `CANDIDATES` wrong secrets; divan's throughput column is candidates/s.
mod crack {
    use super::*;
    use jwt_lens::jose::crack::{Backend, Cracker, Mask};
    use jwt_lens::jose::jws::Hash;

    const CANDIDATES: usize = 1000;

    /// (signing input of exactly 636 bytes, its HS256 MAC under a secret none of the candidates is).
    fn target() -> (String, Vec<u8>) {
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
        let mut claims = String::from(r#"{"sub":"248289761001","name":"Jane Doe","iss":"https://auth.example.com/","aud":"api://default","scope":"openid profile email","iat":1800000000,"exp":1800003600,"pad":""#);
        let mut input = String::new();
        while input.len() < 636 {
            let payload = URL_SAFE_NO_PAD.encode(format!("{claims}\"}}").as_bytes());
            input = format!("{header}.{payload}");
            claims.push('x');
        }
        input.truncate(636);
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(b"not-in-the-candidates").unwrap();
        mac.update(input.as_bytes());
        (input, mac.finalize().into_bytes().to_vec())
    }

    fn candidates() -> Vec<Vec<u8>> {
        (0..CANDIDATES).map(|i| format!("secret{i:06}").into_bytes()).collect()
    }

    #[divan::bench(args = ["library", "scheduled", "lanes"])]
    fn cracker_hs256_636b(bencher: Bencher, backend: &str) {
        let (input, mac) = target();
        let backend = match backend {
            "library" => Backend::Library,
            "scheduled" => Backend::Scheduled,
            _ => Backend::Lanes,
        };
        let cracker = Cracker::from_parts(Hash::Sha256, input.as_bytes(), &mac, backend).unwrap();
        let candidates = candidates();
        bencher
            .counter(divan::counter::ItemsCount::new(CANDIDATES))
            .bench(|| black_box(cracker.try_batch(candidates.iter().map(Vec::as_slice))));
    }

    #[divan::bench]
    fn plain_hmac_loop_hs256_636b(bencher: Bencher) {
        let (input, mac) = target();
        let candidates = candidates();
        bencher.counter(divan::counter::ItemsCount::new(CANDIDATES)).bench(|| {
            black_box(candidates.iter().position(|key| {
                let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(key).unwrap();
                m.update(input.as_bytes());
                m.verify_slice(&mac).is_ok()
            }))
        });
    }

    /// The mask path end to end: candidates made by the cursor, no allocation per candidate.
    #[divan::bench]
    fn cracker_mask_hs256_636b(bencher: Bencher) {
        let (input, mac) = target();
        let cracker = Cracker::from_parts(Hash::Sha256, input.as_bytes(), &mac, Backend::DEFAULT).unwrap();
        let mask = Mask::parse("s?l?l?d").unwrap();
        bencher
            .counter(divan::counter::ItemsCount::new(CANDIDATES))
            .bench(|| black_box(cracker.find_in_mask(&mask, 0, CANDIDATES as u128)));
    }
}
