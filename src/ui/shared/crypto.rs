//! The page's side of the crypto worker: starts it after the first view is painted, sends the
//! latest check, keeps the answer that matches the latest inputs, and says so when the worker
//! cannot load or stops (decoding goes on without it).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

use crate::engine::protocol::{find_json, known_secret_json, read, recognise_json, CheckReport, CheckRequest, GenerateOutcome, Request, Response, SignOutcome, SignRequest, PROTOCOL_VERSION, WORKER_SCRIPT};
use crate::jose::find::FoundToken;
use crate::jose::keys::SecretEncoding;

#[derive(Clone, Debug, PartialEq)]
pub enum WorkerState {
    NotStarted,
    Loading,
    Ready,
    /// Why the worker is not available, in words.
    Failed(String),
}

/// A check answered by the worker, with the request it answers (shared, not copied: the token
/// may be megabytes).
#[derive(Clone, Debug)]
pub struct Answer {
    pub request: Arc<CheckRequest>,
    pub report: Arc<CheckReport>,
}

impl Answer {
    /// Whether this answers the key box as it is now.
    pub fn is_for_key(&self, key: &str, encoding: SecretEncoding) -> bool {
        self.request.encoding == encoding && self.request.key == key
    }

    pub fn is_for(&self, token: &str, key: &str, encoding: SecretEncoding) -> bool {
        self.is_for_key(key, encoding) && self.request.token == token
    }
}

#[derive(Clone, Copy)]
pub struct CryptoWorker {
    pub state: RwSignal<WorkerState>,
    /// The answer to the latest request (older answers are dropped as they arrive).
    pub answer: RwSignal<Option<Answer>>,
    /// The latest request has waited longer than a frame: the view may say "checking…".
    pub slow: RwSignal<bool>,
    /// The answer to the latest signing request, with that request.
    pub signed: RwSignal<Option<(Arc<SignRequest>, SignOutcome)>>,
    /// The tokens found in a pasted text: `(the text, the tokens)` for the latest `find`; a single
    /// token in a text that decodes as it is (a token response `{"access_token": …}`) is no list.
    pub found: RwSignal<Option<(Arc<String>, Arc<Vec<FoundToken>>)>>,
    /// The identity provider of the token's claims, `(vendor id, summary)`, for the latest
    /// `recognise` (`None` until it answers, or for none).
    pub recognised: RwSignal<Option<(String, String)>>,
    /// Key generation: the request waiting (its id and when it started), then its answer.
    pub keygen: RwSignal<KeygenState>,
    /// An HS* token tried on sight against the empty key and the bundled secrets: `(the token,
    /// the findings, the secret)` for the latest `known_secret`.
    pub known: RwSignal<Option<KnownSecret>>,
}

/// What trying a token against the known secrets gave.
#[derive(Clone, Debug, PartialEq)]
pub struct KnownSecret {
    pub token: String,
    pub findings: Vec<crate::jose::findings::Finding>,
    pub secret: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum KeygenState {
    Idle,
    Running { id: u64, key_type: String, started: f64 },
    Done(GenerateOutcome),
}

struct Connection {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

thread_local! {
    static CONNECTION: RefCell<Option<Connection>> = const { RefCell::new(None) };
    /// The connection last stopped: kept until the next stop, because a worker may be stopped
    /// from inside its own message handler, which must not be freed while it runs.
    static RETIRED: RefCell<Option<Connection>> = const { RefCell::new(None) };
    /// The latest check, sent when the worker becomes ready (again, after a retry).
    static LATEST: RefCell<Option<Arc<CheckRequest>>> = const { RefCell::new(None) };
    /// The latest signing request, likewise.
    static LATEST_SIGN: RefCell<Option<Arc<SignRequest>>> = const { RefCell::new(None) };
    /// Its JSON text, sent again on Ready (kept as text: the reader, which never signs, then links
    /// no `SignRequest` writer).
    static LATEST_SIGN_TEXT: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The id and text of the latest `find`.
    static LATEST_FIND: RefCell<Option<(u64, Arc<String>, bool)>> = const { RefCell::new(None) };
    static LATEST_RECOGNISE: Cell<u64> = const { Cell::new(0) };
    /// The id and token of the latest `known_secret`.
    static LATEST_KNOWN: RefCell<Option<(u64, String)>> = const { RefCell::new(None) };
    static NEXT_GENERATION: Cell<u64> = const { Cell::new(1) };
    /// Benchmark requests made before the worker was ready.
    static QUEUED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    /// Promises of `askWorker` (benchmark requests) waiting for their answer, by id.
    static WAITING: RefCell<HashMap<u64, js_sys::Function>> = RefCell::new(HashMap::new());
    static INSTANCE: Cell<Option<CryptoWorker>> = const { Cell::new(None) };
    /// A panel that reads its responses itself (the maker's attacks, which `read::response` leaves
    /// out so the reader's wasm links no code for them): what reads a response (true when it was
    /// one of the panel's), and the panel's latest request, sent again on Ready.
    static OWN_PANEL: RefCell<(Option<Rc<dyn Fn(&serde_json::Value) -> bool>>, Option<String>)> = const { RefCell::new((None, None)) };
}

/// Gives a response to the panel that reads its own; false when it is not one of them.
fn read_own(value: &serde_json::Value) -> bool {
    OWN_PANEL.with_borrow(|own| own.0.clone()).is_some_and(|read| read(value))
}

impl CryptoWorker {
    /// The page's one worker client (also reached by the functions exported to JavaScript).
    pub fn new() -> CryptoWorker {
        let worker = CryptoWorker {
            state: RwSignal::new(WorkerState::NotStarted),
            answer: RwSignal::new(None),
            slow: RwSignal::new(false),
            signed: RwSignal::new(None),
            found: RwSignal::new(None),
            recognised: RwSignal::new(None),
            keygen: RwSignal::new(KeygenState::Idle),
            known: RwSignal::new(None),
        };
        INSTANCE.set(Some(worker));
        worker
    }

    pub fn instance() -> Option<CryptoWorker> {
        INSTANCE.get()
    }

    /// Loads the worker (again, after a failure).
    pub fn start(self) {
        stop();
        self.state.set(WorkerState::Loading);
        let worker = match Worker::new(WORKER_SCRIPT) {
            Ok(worker) => worker,
            Err(error) => return self.fail(format!("the crypto worker could not be created ({})", js_text(&error))),
        };
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let text = event.data().as_string().unwrap_or_default();
            let value = serde_json::from_str::<serde_json::Value>(&text).ok();
            match value.as_ref().and_then(read::response) {
                Some(response) => self.receive(response),
                None if value.as_ref().is_some_and(read_own) => {}
                None => self.fail("the crypto worker sent a message this page does not understand: reload the page".into()),
            }
        });
        // A script that fails to load fires a plain `Event`; an exception in the worker an `ErrorEvent`.
        let on_error = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            event.prevent_default();
            let detail = event.dyn_ref::<ErrorEvent>().map(ErrorEvent::message).unwrap_or_default();
            let detail = if detail.is_empty() { "its files did not load".to_string() } else { detail };
            self.fail(format!("the crypto worker stopped: {detail}"));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        CONNECTION.with_borrow_mut(|connection| {
            *connection = Some(Connection { worker, _on_message: on_message, _on_error: on_error })
        });
    }

    /// Asks for a check of these inputs; the answer replaces `answer` unless a newer request was
    /// made meanwhile.
    pub fn check(self, token: String, key: String, encoding: SecretEncoding, inner_key: String) {
        let generation = NEXT_GENERATION.replace(NEXT_GENERATION.get() + 1);
        let request = Arc::new(CheckRequest { generation, token, key, encoding, inner_key });
        LATEST.set(Some(request.clone()));
        self.slow.set(false);
        if self.state.get_untracked() == WorkerState::Ready {
            post_text(&request.to_json());
        }
        request_animation_frame(move || {
            let answered = self.answer.with_untracked(|answer| {
                answer.as_ref().is_some_and(|answer| answer.request.generation == generation)
            });
            let latest = LATEST.with_borrow(|latest| latest.as_ref().map(|r| r.generation)) == Some(generation);
            if latest && !answered {
                self.slow.set(true);
            }
        });
    }

    /// Asks for a token signed with these inputs (the answer replaces `signed` unless a newer
    /// request was made meanwhile).
    pub fn sign(self, request: SignRequest) {
        let generation = NEXT_GENERATION.replace(NEXT_GENERATION.get() + 1);
        let request = Arc::new(SignRequest { generation, ..request });
        let text = request.to_json();
        LATEST_SIGN.set(Some(request));
        if self.state.get_untracked() == WorkerState::Ready {
            post_text(&text);
        }
        LATEST_SIGN_TEXT.set(Some(text));
    }

    /// Generates a key in the worker (it may take seconds: RSA-4096).
    pub fn generate(self, key_type: String, now: f64) {
        let id = NEXT_GENERATION.replace(NEXT_GENERATION.get() + 1);
        let request = Request::Generate { id, key_type: key_type.clone() };
        self.keygen.set(KeygenState::Running { id, key_type, started: now });
        self.send_or_queue(request.to_json());
    }

    /// Shows the key of a key box in every form (answered like a generated key).
    pub fn convert(self, key: String, encoding: SecretEncoding, password: String, now: f64) {
        let id = NEXT_GENERATION.replace(NEXT_GENERATION.get() + 1);
        let request = Request::Convert { id, key, encoding, password };
        self.keygen.set(KeygenState::Running { id, key_type: "the pasted key".into(), started: now });
        self.send_or_queue(request.to_json());
    }

    /// Stops a key generation: the worker is replaced by a fresh one (a computation in a worker
    /// cannot be interrupted otherwise), which is sent the latest check and signing requests again.
    pub fn cancel_generation(self) {
        self.keygen.set(KeygenState::Idle);
        QUEUED.with_borrow_mut(|queued| queued.retain(|text| !text.starts_with("{\"Generate\"") && !text.starts_with("{\"Convert\"")));
        self.start();
    }

    /// Asks for the tokens in a pasted text (the answer replaces `found` unless a newer text was
    /// sent meanwhile).
    pub fn find(self, text: String, decodes_as_is: bool) {
        let id = NEXT_GENERATION.replace(NEXT_GENERATION.get() + 1);
        let text = Arc::new(text);
        LATEST_FIND.set(Some((id, text.clone(), decodes_as_is)));
        self.send_or_queue(find_json(id, &text));
    }

    /// Asks which identity provider issued a token with these claims (JSON text).
    pub fn recognise(self, claims: &str) {
        let id = NEXT_GENERATION.replace(NEXT_GENERATION.get() + 1);
        LATEST_RECOGNISE.set(id);
        self.recognised.set(None);
        self.send_or_queue(recognise_json(id, claims));
    }

    /// Tries an HS* token against the empty key and the bundled known secrets, in the worker.
    pub fn known_secret(self, token: String) {
        if LATEST_KNOWN.with_borrow(|latest| latest.as_ref().is_some_and(|(_, latest)| *latest == token)) {
            return;
        }
        let id = NEXT_GENERATION.replace(NEXT_GENERATION.get() + 1);
        self.send_or_queue(known_secret_json(id, &token));
        LATEST_KNOWN.set(Some((id, token)));
    }

    /// Sets what reads the responses `read::response` leaves out (the whole message; true when it
    /// was one it reads). One panel uses this: the maker's attacks.
    pub fn on_own_response(self, read: impl Fn(&serde_json::Value) -> bool + 'static) {
        OWN_PANEL.with_borrow_mut(|own| own.0 = Some(Rc::new(read)));
    }

    /// Sends that panel's latest request (its JSON text), now when the worker is ready, and again
    /// whenever it becomes ready (after loading, or a restart).
    pub fn send_own_latest(self, text: String) {
        if self.state.get_untracked() == WorkerState::Ready {
            post_text(&text);
        }
        OWN_PANEL.with_borrow_mut(|own| own.1 = Some(text));
    }

    /// Sends a benchmark request (its JSON text, with `id`); `resolve` gets `{status, msPerOp}`.
    pub fn bench(self, id: u64, text: String, resolve: js_sys::Function) {
        WAITING.with_borrow_mut(|waiting| waiting.insert(id, resolve));
        self.send_or_queue(text);
    }

    /// Posts a one-off request now, or when the worker is ready (the latest check and signing
    /// requests are not queued: they are sent again on Ready).
    fn send_or_queue(self, text: String) {
        if self.state.get_untracked() == WorkerState::Ready {
            post_text(&text);
        } else {
            QUEUED.with_borrow_mut(|queued| queued.push(text));
        }
    }

    fn receive(self, response: Response) {
        match response {
            Response::Ready { version } if version == PROTOCOL_VERSION => {
                self.state.set(WorkerState::Ready);
                for text in QUEUED.take() {
                    post_text(&text);
                }
                if let Some(request) = LATEST.with_borrow(Clone::clone) {
                    post_text(&request.to_json());
                }
                if let Some(text) = LATEST_SIGN_TEXT.with_borrow(Clone::clone) {
                    post_text(&text);
                }
                if let Some(text) = OWN_PANEL.with_borrow(|own| own.1.clone()) {
                    post_text(&text);
                }
            }
            Response::Ready { version } => self.fail(format!(
                "the crypto worker is from another version of this page (protocol {version}, expected {PROTOCOL_VERSION}): reload the page"
            )),
            Response::Checked { generation, report } => {
                let Some(request) = LATEST.with_borrow(Clone::clone).filter(|latest| latest.generation == generation) else {
                    return; // an answer to an older request
                };
                self.slow.set(false);
                self.answer.set(Some(Answer { request, report: Arc::new(report) }));
            }
            Response::Signed { generation, outcome } => {
                if let Some(request) = LATEST_SIGN.with_borrow(Clone::clone).filter(|latest| latest.generation == generation) {
                    self.signed.set(Some((request, outcome)));
                }
            }
            Response::Generated { id, outcome } => {
                if matches!(self.keygen.get_untracked(), KeygenState::Running { id: running, .. } if running == id) {
                    self.keygen.set(KeygenState::Done(outcome));
                }
            }
            Response::Bench { id, status, ms_per_op } => {
                if let Some(resolve) = WAITING.with_borrow_mut(|waiting| waiting.remove(&id)) {
                    let result = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&result, &"status".into(), &status.into());
                    let _ = js_sys::Reflect::set(&result, &"msPerOp".into(), &ms_per_op.map_or(JsValue::NULL, JsValue::from_f64));
                    let _ = resolve.call1(&JsValue::UNDEFINED, &result);
                }
            }
            Response::Recognised { id, vendor, summary } => {
                if id == LATEST_RECOGNISE.get() && !vendor.is_empty() {
                    self.recognised.set(Some((vendor, summary)));
                }
            }
            Response::Found { id, tokens } => {
                if let Some((_, text, decodes_as_is)) = LATEST_FIND.with_borrow(Clone::clone).filter(|(latest, ..)| *latest == id) {
                    let tokens: Vec<FoundToken> = tokens.into_iter().map(|(token, place)| FoundToken { token, place, start: 0 }).collect();
                    let tokens = if decodes_as_is && tokens.len() == 1 { Vec::new() } else { tokens };
                    self.found.set(Some((text, Arc::new(tokens))));
                }
            }
            Response::KnownSecret { id, findings, secret } => {
                if let Some((_, token)) = LATEST_KNOWN.with_borrow(Clone::clone).filter(|(latest, _)| *latest == id) {
                    self.known.set(Some(KnownSecret { token, findings, secret }));
                }
            }
            // Read by its panel (`read_own`), never by `read::response`.
            Response::Attacks { .. } => {}
            Response::BadRequest { message } => {
                self.fail(format!("the crypto worker did not understand this page ({message}): reload the page"))
            }
            Response::Crashed { message } => self.fail(format!("the crypto worker stopped: {message}")),
        }
    }

    fn fail(self, message: String) {
        stop();
        self.slow.set(false);
        if matches!(self.keygen.get_untracked(), KeygenState::Running { .. }) {
            self.keygen.set(KeygenState::Done(GenerateOutcome::Error { message: message.clone() }));
        }
        self.state.set(WorkerState::Failed(message));
    }
}

fn stop() {
    if let Some(connection) = CONNECTION.take() {
        connection.worker.set_onmessage(None);
        connection.worker.set_onerror(None);
        connection.worker.terminate();
        RETIRED.set(Some(connection));
    }
}

fn post_text(text: &str) {
    CONNECTION.with_borrow(|connection| {
        if let Some(connection) = connection {
            let _ = connection.worker.post_message(&JsValue::from_str(text));
        }
    });
}

fn js_text(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".into())
}
