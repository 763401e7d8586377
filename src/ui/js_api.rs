//! A few functions exported to JavaScript (Trunk exposes them as `window.wasmBindings`), so the
//! benchmark page can time the core in the browser against WebCrypto and plain JavaScript.
//! They run the same code as the panels; the UI itself does not use them.

use wasm_bindgen::prelude::*;

use super::crypto::CryptoWorker;
use crate::engine::protocol::Request;
use crate::jose::keys::SecretEncoding;
use crate::jose::token::{decode, TokenKind};

fn encoding(name: &str) -> SecretEncoding {
    match name {
        "base64" => SecretEncoding::Base64,
        "hex" => SecretEncoding::Hex,
        _ => SecretEncoding::Utf8,
    }
}

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or_else(js_sys::Date::now, |p| p.now())
}

/// The decode status of the UI contract: "ok", "jwe" or "error".
#[wasm_bindgen(js_name = decodeStatus)]
pub fn decode_status(token: &str) -> String {
    match decode(token) {
        Ok(token) if token.kind == TokenKind::Jwe => "jwe".into(),
        Ok(_) => "ok".into(),
        Err(_) => "error".into(),
    }
}

/// Resolves to the verify status of the UI contract ("valid", "invalid", "error" or "none"), as
/// the crypto worker finds it.
#[wasm_bindgen(js_name = verifyStatus)]
pub fn verify_status(token: String, key: String, secret_encoding: &str) -> js_sys::Promise {
    bench_in_worker(token, key, secret_encoding, 0, true)
}

/// Resolves to `{status, msPerOp}`: milliseconds per verification in the crypto worker, the token
/// and key parsed once (as WebCrypto imports a key once), over `iterations` runs (`msPerOp` is
/// null when the token or key does not parse).
#[wasm_bindgen(js_name = benchVerify)]
pub fn bench_verify(token: String, key: String, secret_encoding: &str, iterations: u32) -> js_sys::Promise {
    bench_in_worker(token, key, secret_encoding, iterations, false)
}

fn bench_in_worker(token: String, key: String, secret_encoding: &str, iterations: u32, status_only: bool) -> js_sys::Promise {
    let encoding = encoding(secret_encoding);
    ask_worker(move |id| Request::Bench { id, token, key, encoding, iterations }, status_only)
}

/// Resolves to `{status, msPerOp}`: milliseconds per signature in the crypto worker, the key parsed
/// once (`status` is "ok", or why it cannot sign).
#[wasm_bindgen(js_name = benchSign)]
pub fn bench_sign(header: String, payload: String, key: String, secret_encoding: &str, iterations: u32) -> js_sys::Promise {
    let encoding = encoding(secret_encoding);
    ask_worker(move |id| Request::BenchSign { id, header, payload, key, encoding, iterations }, false)
}

/// Resolves to `{status, msPerOp}`: milliseconds per key generation in the crypto worker.
#[wasm_bindgen(js_name = benchGenerate)]
pub fn bench_generate(key_type: String, iterations: u32) -> js_sys::Promise {
    ask_worker(move |id| Request::BenchGenerate { id, key_type, iterations }, false)
}

/// Sends a benchmark request made with a fresh id; the promise gets the worker's `{status,
/// msPerOp}`, or only the status.
fn ask_worker(request: impl FnOnce(u64) -> Request, status_only: bool) -> js_sys::Promise {
    thread_local!(static NEXT_ID: std::cell::Cell<u64> = const { std::cell::Cell::new(1) });
    let id = NEXT_ID.replace(NEXT_ID.get() + 1);
    let mut request = Some(request(id));
    js_sys::Promise::new(&mut |resolve, reject| match CryptoWorker::instance() {
        Some(worker) => {
            let resolve = if status_only {
                Closure::once_into_js(move |result: JsValue| {
                    let status = js_sys::Reflect::get(&result, &"status".into()).unwrap_or_default();
                    let _ = resolve.call1(&JsValue::UNDEFINED, &status);
                })
                .unchecked_into()
            } else {
                resolve
            };
            if let Some(request) = request.take() {
                worker.bench(request, resolve);
            }
        }
        None => {
            let _ = reject.call1(&JsValue::UNDEFINED, &"the page has not started".into());
        }
    })
}

/// Milliseconds per decode of `token` (clean-up, base64url, JSON) over `iterations` runs.
#[wasm_bindgen(js_name = benchDecode)]
pub fn bench_decode(token: &str, iterations: u32) -> f64 {
    let start = now_ms();
    for _ in 0..iterations {
        let _ = std::hint::black_box(decode(token));
    }
    (now_ms() - start) / f64::from(iterations.max(1))
}

/// Panics on purpose, to check from the console (and in the end-to-end tests) that an unexpected
/// panic shows the error banner instead of leaving a silently dead page.
#[wasm_bindgen(js_name = panicDrill)]
pub fn panic_drill() {
    panic!("panic drill requested from JavaScript");
}
