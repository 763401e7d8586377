//! The crypto worker's message loop: JSON requests in, JSON responses out. Every request is
//! answered at once by the engine, except RSA key generation, which asks the browser's WebCrypto
//! (about 10× faster than finding primes in wasm) and answers when it is done; without WebCrypto
//! the engine's own generator answers. The attacks' fresh RSA key is made the same way, once per
//! key session: the latest attacks request waits for it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::handler::Engine;
use super::attacks::fresh_key_type;
use super::keys;
use super::protocol::{AttacksRequest, GenerateOutcome, Request, Response, PROTOCOL_VERSION};

thread_local! {
    /// The latest attacks request waiting for its fresh RSA key, and whether WebCrypto is making one.
    static ATTACKS_WAITING: RefCell<Option<AttacksRequest>> = const { RefCell::new(None) };
    static MAKING_ATTACK_KEY: Cell<bool> = const { Cell::new(false) };
}

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

/// An RSA key of `bits` made by WebCrypto (`generateKey`, e = 65537), exported as PKCS#8 DER.
async fn webcrypto_rsa_pkcs8(bits: usize) -> Result<Vec<u8>, JsValue> {
    let subtle = Reflect::get(&Reflect::get(&js_sys::global(), &"crypto".into())?, &"subtle".into())?;
    let method = |name: &str| -> Result<Function, JsValue> { Reflect::get(&subtle, &name.into())?.dyn_into() };
    let params = Object::new();
    Reflect::set(&params, &"name".into(), &"RSASSA-PKCS1-v1_5".into())?;
    Reflect::set(&params, &"modulusLength".into(), &JsValue::from(bits as u32))?;
    Reflect::set(&params, &"publicExponent".into(), &Uint8Array::from(&[1u8, 0, 1][..]))?;
    Reflect::set(&params, &"hash".into(), &"SHA-256".into())?;
    let usages = Array::of2(&"sign".into(), &"verify".into());
    let pair = JsFuture::from(method("generateKey")?.call3(&subtle, &params, &JsValue::TRUE, &usages)?.dyn_into::<Promise>()?).await?;
    let private = Reflect::get(&pair, &"privateKey".into())?;
    let der = JsFuture::from(method("exportKey")?.call2(&subtle, &"pkcs8".into(), &private)?.dyn_into::<Promise>()?).await?;
    Ok(Uint8Array::new(&der).to_vec())
}

/// An RSA key in every form: WebCrypto's when the browser has it, else the engine's.
async fn generate_rsa(key_type: &str, bits: usize) -> GenerateOutcome {
    match webcrypto_rsa_pkcs8(bits).await {
        Ok(der) => keys::from_pkcs8(key_type, &der),
        Err(_) => keys::generate(key_type),
    }
}

/// An attacks request whose fresh key is an RSA key not made yet: WebCrypto makes it, then the
/// latest such request is answered (the page drops answers to older ones). Without WebCrypto the
/// engine makes the key itself.
fn attacks_later(engine: &Rc<RefCell<Engine>>, request: &AttacksRequest) -> Option<()> {
    let key_type = fresh_key_type(&request.header);
    let bits = keys::rsa_bits(key_type)?;
    if engine.borrow_mut().fresh_key(request.key_session, key_type).is_some() {
        return None;
    }
    ATTACKS_WAITING.set(Some(request.clone()));
    if MAKING_ATTACK_KEY.replace(true) {
        return Some(());
    }
    let engine = engine.clone();
    let session = request.key_session;
    wasm_bindgen_futures::spawn_local(async move {
        let made = webcrypto_rsa_pkcs8(bits).await.ok().and_then(|der| crate::jose::keys::generate::rsa_from_pkcs8(&der, bits).ok());
        let failed = made.is_none();
        if let Some(key) = made {
            engine.borrow_mut().keep_fresh_key(session, key_type, key);
        }
        MAKING_ATTACK_KEY.set(false);
        if let Some(waiting) = ATTACKS_WAITING.take() {
            // Without WebCrypto the engine makes the key; a request of another session (the page
            // asked for a new key meanwhile) asks WebCrypto for its own.
            if failed || attacks_later(&engine, &waiting).is_none() {
                post(&engine.borrow_mut().handle(Request::Attacks(waiting), &now_ms));
            }
        }
    });
    Some(())
}

/// RSA generation (answered later, from WebCrypto); `None` for every other request.
fn answer_later(engine: &Rc<RefCell<Engine>>, request: &Request) -> Option<()> {
    match request.clone() {
        Request::Attacks(attacks) => return attacks_later(engine, &attacks),
        Request::Generate { id, key_type } => {
            let bits = keys::rsa_bits(&key_type)?;
            wasm_bindgen_futures::spawn_local(async move {
                post(&Response::Generated { id, outcome: generate_rsa(&key_type, bits).await });
            });
        }
        Request::BenchGenerate { id, key_type, iterations } => {
            let bits = keys::rsa_bits(&key_type)?;
            wasm_bindgen_futures::spawn_local(async move {
                let start = now_ms();
                let runs = iterations.max(1);
                let mut failed = None;
                for _ in 0..runs {
                    if let GenerateOutcome::Error { message } = generate_rsa(&key_type, bits).await {
                        failed = Some(message);
                        break;
                    }
                }
                post(&match failed {
                    Some(status) => Response::Bench { id, status, ms_per_op: None },
                    None => Response::Bench { id, status: "ok".into(), ms_per_op: Some((now_ms() - start) / f64::from(runs)) },
                });
            });
        }
        _ => return None,
    }
    Some(())
}

/// Installs the message handler and tells the page the worker is ready. A panic is reported to
/// the page before the wasm stops (with `panic = "abort"` the worker is dead after it).
pub fn run() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        post(&Response::Crashed { message: info.to_string() });
    }));
    let engine = Rc::new(RefCell::new(Engine::default()));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let text = event.data().as_string().unwrap_or_default();
        let response = match serde_json::from_str::<Request>(&text) {
            Ok(request) if answer_later(&engine, &request).is_some() => return,
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
