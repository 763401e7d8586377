//! The crypto worker's message loop: JSON requests in, JSON responses out, one at a time.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::handler::Engine;
use super::protocol::{Request, Response, PROTOCOL_VERSION};

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(response: &Response) {
    if let Ok(text) = serde_json::to_string(response) {
        let _ = scope().post_message(&JsValue::from_str(&text));
    }
}

fn now_ms() -> f64 {
    scope().performance().map_or_else(js_sys::Date::now, |performance| performance.now())
}

/// Installs the message handler and tells the page the worker is ready. A panic is reported to
/// the page before the wasm stops (with `panic = "abort"` the worker is dead after it).
pub fn run() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        post(&Response::Crashed { message: info.to_string() });
    }));
    let engine = RefCell::new(Engine::default());
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let text = event.data().as_string().unwrap_or_default();
        let response = match serde_json::from_str::<Request>(&text) {
            Ok(request) => engine.borrow_mut().handle(request, &now_ms),
            Err(error) => Response::BadRequest { message: error.to_string() },
        };
        post(&response);
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page keeps it: the handler is never removed.
    on_message.forget();
    post(&Response::Ready { version: PROTOCOL_VERSION });
}
