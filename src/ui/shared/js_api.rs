//! A few functions exported to JavaScript (Trunk exposes them as `window.wasmBindings`), so the
//! benchmark page can time the core in the browser against WebCrypto and plain JavaScript.
//! They run the same code as the panels; the UI itself does not use them.

use wasm_bindgen::prelude::*;

use super::crypto::CryptoWorker;
use crate::jose::token::decode;

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or_else(js_sys::Date::now, |p| p.now())
}

/// Sends a benchmark request to the crypto worker and resolves to its answer, `{status, msPerOp}`.
/// `request` is the JSON of a `Bench`, `BenchSign` or `BenchGenerate` request without its `id`,
/// e.g. `{"Bench": {"token": "…", "key": "…", "encoding": "Utf8", "iterations": 0}}` (0 iterations:
/// only the verdict's status). One generic hook rather than one per request: each export costs
/// the page's wasm about half a kilobyte.
#[wasm_bindgen(js_name = askWorker)]
pub fn ask_worker(request: &str) -> js_sys::Promise {
    thread_local!(static NEXT_ID: std::cell::Cell<u64> = const { std::cell::Cell::new(1) });
    let id = NEXT_ID.replace(NEXT_ID.get() + 1);
    let mut value = serde_json::from_str::<serde_json::Value>(request).ok();
    let known = value.as_mut().and_then(|value| value.as_object_mut()).and_then(|object| {
        let (name, body) = object.iter_mut().next()?;
        let body = body.as_object_mut().filter(|_| matches!(name.as_str(), "Bench" | "BenchSign" | "BenchGenerate"))?;
        body.insert("id".into(), id.into());
        Some(())
    });
    let mut text = value.filter(|_| known.is_some()).map(|value| value.to_string());
    js_sys::Promise::new(&mut |resolve, reject| match (CryptoWorker::instance(), text.take()) {
        (Some(worker), Some(text)) => worker.bench(id, text, resolve),
        (None, _) => {
            let _ = reject.call1(&JsValue::UNDEFINED, &"the page has not started".into());
        }
        (_, None) => {
            let _ = reject.call1(&JsValue::UNDEFINED, &"not a Bench, BenchSign or BenchGenerate request".into());
        }
    })
}

/// Milliseconds per decode of `token` (clean-up, base64url, JSON) over `iterations` runs; -1 when
/// it does not decode.
#[wasm_bindgen(js_name = benchDecode)]
pub fn bench_decode(token: &str, iterations: u32) -> f64 {
    if decode(token).is_err() {
        return -1.0;
    }
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
