//! A few functions exported to JavaScript (Trunk exposes them as `window.wasmBindings`), so the
//! benchmark page can time the core in the browser against WebCrypto and plain JavaScript.
//! They run the same code as the panels; the UI itself does not use them.

use wasm_bindgen::prelude::*;

use crate::jose::keys::{parse_key, SecretEncoding};
use crate::jose::token::{decode, TokenKind};
use crate::jose::jws::verify_parsed;

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

/// The verify status of the UI contract: "valid", "invalid", "error" or "none".
#[wasm_bindgen(js_name = verifyStatus)]
pub fn verify_status(token: &str, key: &str, secret_encoding: &str) -> String {
    match decode(token) {
        Ok(token) => verify_parsed(&token, &parse_key(key, encoding(secret_encoding))).verdict.status().into(),
        Err(_) => "error".into(),
    }
}

/// Milliseconds per verification, the token and key parsed once (as WebCrypto imports a key once),
/// over `iterations` runs. Negative if the token or key does not even parse.
#[wasm_bindgen(js_name = benchVerify)]
pub fn bench_verify(token: &str, key: &str, secret_encoding: &str, iterations: u32) -> f64 {
    let (Ok(token), key) = (decode(token), parse_key(key, encoding(secret_encoding))) else { return -1.0 };
    if key.is_err() {
        return -1.0;
    }
    let start = now_ms();
    for _ in 0..iterations {
        std::hint::black_box(verify_parsed(&token, &key));
    }
    (now_ms() - start) / f64::from(iterations.max(1))
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
