//! The crack worker's message loop (bin `crack-worker`, a plain Web Worker with the cracker only):
//! `[json, ArrayBuffer?]` in, JSON text out. A job runs to its end inside one message; progress
//! is posted from inside it, and the page cancels by terminating the worker.

use std::cell::RefCell;

use js_sys::{Array, ArrayBuffer, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::crack::CrackSession;
use super::crack_protocol::{CrackRequest, CrackResponse};

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(response: &CrackResponse) {
    let _ = scope().post_message(&JsValue::from_str(&response.to_json()));
}

fn now_ms() -> f64 {
    scope().performance().map_or_else(js_sys::Date::now, |performance| performance.now())
}

thread_local! {
    static SESSION: RefCell<CrackSession> = RefCell::new(CrackSession::new());
}

/// Installs the message handler and says `Ready`.
pub fn run() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        post(&CrackResponse::Crashed { message: info.to_string() });
    }));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let (text, buffer) = match data.dyn_ref::<Array>() {
            Some(parts) => (parts.get(0).as_string().unwrap_or_default(), parts.get(1).dyn_into::<ArrayBuffer>().ok()),
            None => (data.as_string().unwrap_or_default(), None),
        };
        let chunk = buffer.map(|buffer| Uint8Array::new(&buffer).to_vec());
        let answer = match serde_json::from_str::<CrackRequest>(&text) {
            Ok(request) => SESSION.with_borrow_mut(|session| session.handle(request, chunk.as_deref(), &now_ms, &mut |progress| post(&progress))),
            Err(error) => Some(CrackResponse::Error { message: format!("a message this worker does not understand: {error}") }),
        };
        if let Some(answer) = answer {
            post(&answer);
        }
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(&CrackResponse::Ready);
}
