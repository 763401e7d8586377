//! Timing for `scripts/bench`: verification, decryption, signing and key generation run many
//! times inside the worker with the inputs parsed once. Answers the `Bench*` requests.

use crate::jose::jwe;
use crate::jose::jws::{sign, verify_parsed};
use crate::jose::keys::{parse_key, parse_signing_key, SecretEncoding};
use crate::jose::token::{decode, TokenKind};

use super::protocol::Response;

/// Verifies (or decrypts) `iterations` times: `Request::Bench`.
pub fn verify_response(id: u64, token: &str, key: &str, encoding: SecretEncoding, iterations: u32, now_ms: &dyn Fn() -> f64) -> Response {
    let (status, ms_per_op) = bench(token, key, encoding, iterations, now_ms);
    Response::Bench { id, status, ms_per_op }
}

/// Signs `iterations` times with the key parsed once: `Request::BenchSign`.
pub fn sign_response(id: u64, header: &str, payload: &str, key: &str, encoding: SecretEncoding, iterations: u32, now_ms: &dyn Fn() -> f64) -> Response {
    let keys = match parse_signing_key(key, encoding, "") {
        Ok(Some(keys)) => keys,
        Ok(None) => return Response::Bench { id, status: "no key".into(), ms_per_op: None },
        Err(error) => return Response::Bench { id, status: error.to_string(), ms_per_op: None },
    };
    let timed = time(iterations, now_ms, || sign(header, payload, &keys).map(|_| ()).map_err(|error| error.to_string()));
    bench_response(id, timed)
}

/// Generates `iterations` keys: `Request::BenchGenerate`.
pub fn generate_response(id: u64, key_type: &str, iterations: u32, now_ms: &dyn Fn() -> f64) -> Response {
    let timed = time(iterations, now_ms, || crate::jose::keys::generate::generate(key_type).map(|_| ()).map_err(|error| error.to_string()));
    bench_response(id, timed)
}

/// Milliseconds per run of `work` over `iterations` runs (at least one), or the first error.
fn time(iterations: u32, now_ms: &dyn Fn() -> f64, mut work: impl FnMut() -> Result<(), String>) -> Result<f64, String> {
    let runs = iterations.max(1);
    let start = now_ms();
    for _ in 0..runs {
        work()?;
    }
    Ok((now_ms() - start) / f64::from(runs))
}

fn bench_response(id: u64, timed: Result<f64, String>) -> Response {
    match timed {
        Ok(ms) => Response::Bench { id, status: "ok".into(), ms_per_op: Some(ms) },
        Err(message) => Response::Bench { id, status: message, ms_per_op: None },
    }
}

/// The verdict's status, and milliseconds per verification with the token and key parsed once
/// (as WebCrypto imports a key once); `None` when nothing was timed.
pub fn bench(token: &str, key: &str, encoding: SecretEncoding, iterations: u32, now_ms: &dyn Fn() -> f64) -> (String, Option<f64>) {
    let Ok(token) = decode(token) else { return ("error".into(), None) };
    if token.kind == TokenKind::Jwe {
        let key = jwe::DecryptionKey::new(key, encoding);
        let decrypt = || jwe::decrypt_with(&token.compact, &key);
        let status = if decrypt().is_ok() { "ok" } else { "error" };
        if iterations == 0 || status == "error" {
            return (status.into(), None);
        }
        let start = now_ms();
        for _ in 0..iterations {
            std::hint::black_box(decrypt()).ok();
        }
        return (status.into(), Some((now_ms() - start) / f64::from(iterations)));
    }
    let key = parse_key(key, encoding);
    let status = verify_parsed(&token, &key).verdict.status().to_string();
    if iterations == 0 || key.is_err() {
        return (status, None);
    }
    let start = now_ms();
    for _ in 0..iterations {
        std::hint::black_box(verify_parsed(&token, &key));
    }
    (status, Some((now_ms() - start) / f64::from(iterations)))
}

