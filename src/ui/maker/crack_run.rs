//! A cracking run: `navigator.hardwareConcurrency` crack workers (bin `crack-worker`, started when
//! the run starts), fed one job at a time as each finishes its last: the bundled lists first, then
//! the wordlist, then the mask. Lists and wordlists go as chunks of whole lines (`LineCutter`),
//! a file read a 4 MiB `File.slice` at a time, only as fast as the workers take them (a 1 GB file is
//! never held whole); a mask goes as ranges of its candidates, which the workers make themselves.
//! Chunks are transferred, not copied, and no `SharedArrayBuffer` is needed (any static host).
//! Cancel, a match or the end terminates the workers.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use js_sys::{Array, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, File, MessageEvent, Worker};

use crate::engine::crack_protocol::{CrackRequest, CrackResponse, CRACK_WORKER_SCRIPT};
use crate::jose::crack::{LineChunk, LineCutter, Mask};
use crate::ui::shared::browser;

/// The bundled secret lists, tried first when ticked (copied into dist/ by index.html).
pub const BUILTIN_LISTS: [&str; 1] = ["./jwt-secrets.txt"];
/// How much of a wordlist file is read at a time.
const FILE_PIECE: f64 = 4.0 * 1024.0 * 1024.0;
/// A mask is cut into this many ranges per worker (so a worker that finished the wordlist early
/// takes more of the mask), each at least `MIN_RANGE` candidates.
const RANGES_PER_WORKER: u128 = 64;
const MIN_RANGE: u128 = 1 << 16;
/// At most this many workers, whatever the browser says.
const MAX_WORKERS: usize = 32;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    None,
    Running,
    Found,
    Exhausted,
    Cancelled,
    Error,
}

impl Status {
    /// The `crack-status` value of the UI contract.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::None => "none",
            Status::Running => "running",
            Status::Found => "found",
            Status::Exhausted => "exhausted",
            Status::Cancelled => "cancelled",
            Status::Error => "error",
        }
    }
}

/// What the panel shows of the current (or last) run.
#[derive(Clone, Copy)]
pub struct CrackView {
    pub status: RwSignal<Status>,
    pub tried: RwSignal<u64>,
    /// Candidates in the run, once known (a wordlist's lines are known once it is read whole).
    pub total: RwSignal<Option<u128>>,
    /// An estimate of the total while the wordlist is being read (from its lines per byte so far).
    pub estimate: RwSignal<Option<f64>>,
    /// Candidates per second over the run.
    pub rate: RwSignal<f64>,
    pub elapsed: RwSignal<f64>,
    pub workers: RwSignal<usize>,
    pub secret: RwSignal<Option<Vec<u8>>>,
    /// The token the run was for (to use the secret with).
    pub token: RwSignal<String>,
    /// Why it stopped with an error, or what it is doing.
    pub message: RwSignal<String>,
}

impl CrackView {
    pub fn new() -> CrackView {
        CrackView {
            status: RwSignal::new(Status::None),
            tried: RwSignal::new(0),
            total: RwSignal::new(None),
            estimate: RwSignal::new(None),
            rate: RwSignal::new(0.0),
            elapsed: RwSignal::new(0.0),
            workers: RwSignal::new(0),
            secret: RwSignal::new(None),
            token: RwSignal::new(String::new()),
            message: RwSignal::new(String::new()),
        }
    }
}

/// The mask part of a run, already parsed by the panel.
#[derive(Clone, Debug)]
pub struct MaskPlan {
    pub text: String,
    pub custom: Vec<String>,
    pub increment: Option<(usize, usize)>,
    pub total: u128,
}

pub struct Plan {
    pub token: String,
    pub builtin: bool,
    pub file: Option<File>,
    pub mask: Option<MaskPlan>,
}

struct Slot {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
    ready: bool,
    busy: bool,
    tried: u64,
}

struct FileFeed {
    file: File,
    size: f64,
    offset: f64,
    cutter: LineCutter,
    ready: VecDeque<LineChunk>,
    reading: bool,
    done: bool,
    /// Lines in the chunks cut so far.
    lines: u64,
}

struct Run {
    id: u64,
    view: CrackView,
    token: String,
    slots: Vec<Slot>,
    lists: VecDeque<LineChunk>,
    list_lines: u64,
    file: Option<FileFeed>,
    mask: Option<MaskPlan>,
    ranges: VecDeque<(u128, u128)>,
    next_job: u64,
    started: f64,
}

thread_local! {
    static RUN: RefCell<Option<Run>> = const { RefCell::new(None) };
    /// The run last stopped: kept until the next stop, because a run may be stopped from inside a
    /// worker's message handler, which must not be freed while it runs.
    static RETIRED: RefCell<Option<Run>> = const { RefCell::new(None) };
    static NEXT_RUN: Cell<u64> = const { Cell::new(1) };
}

fn now_ms() -> f64 {
    web_sys::window().and_then(|window| window.performance()).map_or_else(js_sys::Date::now, |performance| performance.now())
}

/// How many workers: the browser's logical processors.
pub fn worker_count() -> usize {
    let count = web_sys::window().map_or(1.0, |window| window.navigator().hardware_concurrency());
    (count as usize).clamp(1, MAX_WORKERS)
}

fn js_text(error: &JsValue) -> String {
    error.dyn_ref::<js_sys::Error>().map(|error| String::from(error.message())).or_else(|| error.as_string()).unwrap_or_else(|| "unknown error".into())
}

/// Cuts a whole text (a bundled list) into about `parts` chunks of whole lines.
fn cut_whole(bytes: &[u8], parts: usize) -> Vec<LineChunk> {
    let mut cutter = LineCutter::new();
    let size = (bytes.len() / parts.max(1)).max(1);
    let mut chunks: Vec<LineChunk> = bytes.chunks(size).filter_map(|piece| cutter.push(piece)).collect();
    chunks.extend(cutter.finish());
    chunks
}

/// Starts a run (stopping any other). The bundled lists are fetched first.
pub fn start(view: CrackView, plan: Plan) {
    stop(None);
    let id = NEXT_RUN.replace(NEXT_RUN.get() + 1);
    view.status.set(Status::Running);
    view.tried.set(0);
    view.rate.set(0.0);
    view.elapsed.set(0.0);
    view.secret.set(None);
    view.estimate.set(None);
    view.token.set(plan.token.clone());
    view.message.set(String::new());
    let workers = worker_count();
    view.workers.set(workers);
    leptos::task::spawn_local(async move {
        let mut lists = VecDeque::new();
        if plan.builtin {
            view.message.set("Loading the bundled lists…".into());
            for url in BUILTIN_LISTS {
                match browser::fetch_text(url).await {
                    Ok(text) => lists.extend(cut_whole(text.as_bytes(), workers)),
                    Err(error) => return fail_if(id, view, format!("the bundled list {url} did not load ({error})")),
                }
            }
        }
        // Cancelled (or another run started) while the lists loaded.
        if NEXT_RUN.get() != id + 1 || view.status.get_untracked() != Status::Running {
            return;
        }
        launch(id, view, plan, lists, workers);
    });
}

fn fail_if(id: u64, view: CrackView, message: String) {
    if NEXT_RUN.get() == id + 1 && view.status.get_untracked() == Status::Running {
        stop(Some((Status::Error, message)));
    }
}

fn launch(id: u64, view: CrackView, plan: Plan, lists: VecDeque<LineChunk>, workers: usize) {
    let list_lines = lists.iter().map(|chunk| chunk.lines).sum();
    let ranges = match &plan.mask {
        Some(mask) => {
            let parts = (mask.total / MIN_RANGE).clamp(1, workers as u128 * RANGES_PER_WORKER);
            mask_ranges(mask, parts as usize)
        }
        None => VecDeque::new(),
    };
    let file = plan.file.map(|file| FileFeed { size: file.size(), file, offset: 0.0, cutter: LineCutter::new(), ready: VecDeque::new(), reading: false, done: false, lines: 0 });
    let mut slots = Vec::new();
    for index in 0..workers {
        match spawn(id, index) {
            Ok(slot) => slots.push(slot),
            Err(error) => {
                for slot in slots {
                    slot.worker.terminate();
                }
                view.status.set(Status::Error);
                view.message.set(format!("the crack worker could not be started ({error})"));
                return;
            }
        }
    }
    view.message.set(String::new());
    let run = Run { id, view, token: plan.token, slots, lists, list_lines, file, mask: plan.mask, ranges, next_job: 1, started: now_ms(), };
    RUN.set(Some(run));
    with_run(id, |run| {
        run.update_view();
        run.read_ahead();
    });
}

fn mask_ranges(mask: &MaskPlan, parts: usize) -> VecDeque<(u128, u128)> {
    let custom: Vec<&str> = mask.custom.iter().map(String::as_str).collect();
    let increment = mask.increment.map(|(min, max)| crate::jose::crack::Increment { min, max });
    match Mask::with_options(&mask.text, &custom, increment) {
        Ok(parsed) => parsed.split(parts).into_iter().filter(|(start, end)| end > start).collect(),
        Err(_) => VecDeque::new(),
    }
}

fn spawn(id: u64, index: usize) -> Result<Slot, String> {
    let worker = Worker::new(CRACK_WORKER_SCRIPT).map_err(|error| js_text(&error))?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let response = event.data().as_string().and_then(|text| CrackResponse::from_json(&text));
        match response {
            Some(response) => receive(id, index, response),
            None => fail_if_current(id, "a crack worker sent a message this page does not understand: reload the page".into()),
        }
    });
    let on_error = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        event.prevent_default();
        let detail = event.dyn_ref::<web_sys::ErrorEvent>().map(|event| event.message()).unwrap_or_default();
        let detail = if detail.is_empty() { "its files did not load".to_string() } else { detail };
        fail_if_current(id, format!("a crack worker stopped: {detail}"));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Slot { worker, _on_message: on_message, _on_error: on_error, ready: false, busy: false, tried: 0 })
}

fn fail_if_current(id: u64, message: String) {
    if RUN.with_borrow(|run| run.as_ref().is_some_and(|run| run.id == id)) {
        stop(Some((Status::Error, message)));
    }
}

/// Runs `f` on the run `id` if it is still the current one.
fn with_run<T>(id: u64, f: impl FnOnce(&mut Run) -> T) -> Option<T> {
    RUN.with_borrow_mut(|run| run.as_mut().filter(|run| run.id == id).map(f))
}

/// What a worker said.
fn receive(id: u64, index: usize, response: CrackResponse) {
    let outcome = with_run(id, |run| -> Option<(Status, String)> {
        match response {
            CrackResponse::Ready => {
                let slot = &mut run.slots[index];
                slot.ready = true;
                post(&slot.worker, &CrackRequest::Start { token: run.token.clone() }, None);
                run.dispatch(index)
            }
            CrackResponse::Progress { tried } => {
                run.slots[index].tried = tried;
                run.update_view();
                None
            }
            CrackResponse::Done { tried, .. } => {
                let slot = &mut run.slots[index];
                slot.tried = tried;
                slot.busy = false;
                run.dispatch(index)
            }
            CrackResponse::Found { secret, tried, .. } => {
                run.slots[index].tried = tried;
                run.update_view();
                run.view.secret.set(Some(secret));
                Some((Status::Found, String::new()))
            }
            CrackResponse::Error { message } | CrackResponse::Crashed { message } => Some((Status::Error, message)),
        }
    });
    if let Some(Some(end)) = outcome {
        stop(Some(end));
    }
}

fn post(worker: &Worker, request: &CrackRequest, chunk: Option<&[u8]>) {
    let text = JsValue::from_str(&request.to_json());
    let _ = match chunk {
        Some(bytes) => {
            let buffer = Uint8Array::from(bytes).buffer();
            worker.post_message_with_transfer(&Array::of2(&text, &buffer), &Array::of1(&buffer))
        }
        None => worker.post_message(&Array::of1(&text)),
    };
}

impl Run {
    /// Gives worker `index` its next job, if it is ready and idle; the end of the run when no job
    /// is left and every worker is idle.
    fn dispatch(&mut self, index: usize) -> Option<(Status, String)> {
        let slot = &self.slots[index];
        if !slot.ready || slot.busy {
            return None;
        }
        let job = self.next_job;
        let chunk = self.lists.pop_front().or_else(|| self.file.as_mut().and_then(|file| file.ready.pop_front()));
        let sent = if let Some(chunk) = chunk {
            post(&slot.worker, &CrackRequest::Lines { job, starts_file: chunk.starts_file }, Some(&chunk.bytes));
            true
        } else if self.file.as_ref().is_some_and(|file| !file.done) {
            // Waits for the file's next chunk (read_ahead dispatches it).
            false
        } else if let (Some((start, end)), Some(mask)) = (self.ranges.pop_front(), &self.mask) {
            let request = CrackRequest::Mask { job, mask: mask.text.clone(), custom: mask.custom.clone(), increment: mask.increment, start: start.to_string(), end: end.to_string() };
            post(&slot.worker, &request, None);
            true
        } else {
            false
        };
        if sent {
            self.next_job += 1;
            self.slots[index].busy = true;
        }
        self.read_ahead();
        self.update_view();
        let idle = self.slots.iter().all(|slot| slot.ready && !slot.busy);
        let file_left = self.file.as_ref().is_some_and(|file| !file.done || !file.ready.is_empty());
        (idle && self.lists.is_empty() && !file_left && self.ranges.is_empty()).then(|| (Status::Exhausted, String::new()))
    }

    /// Reads the wordlist's next piece when fewer chunks wait than there are workers.
    fn read_ahead(&mut self) {
        let workers = self.slots.len();
        let Some(file) = self.file.as_mut() else { return };
        if file.reading || file.done || file.ready.len() >= workers {
            return;
        }
        file.reading = true;
        let end = (file.offset + FILE_PIECE).min(file.size);
        let blob = file.file.slice_with_f64_and_f64(file.offset, end);
        let id = self.id;
        leptos::task::spawn_local(async move {
            let bytes = match blob {
                Ok(blob) => JsFuture::from(blob.array_buffer()).await.map(|buffer| Uint8Array::new(&buffer).to_vec()),
                Err(error) => Err(error),
            };
            let end_of_run = with_run(id, |run| {
                let file = run.file.as_mut()?;
                file.reading = false;
                let bytes = match bytes {
                    Ok(bytes) => bytes,
                    Err(error) => return Some((Status::Error, format!("the wordlist could not be read ({})", js_text(&error)))),
                };
                file.offset = end;
                let mut cut: Vec<LineChunk> = file.cutter.push(&bytes).into_iter().collect();
                if file.offset >= file.size {
                    cut.extend(file.cutter.finish());
                    file.done = true;
                }
                file.lines += cut.iter().map(|chunk| chunk.lines).sum::<u64>();
                file.ready.extend(cut);
                let mut end_of_run = None;
                for index in 0..run.slots.len() {
                    end_of_run = end_of_run.or(run.dispatch(index));
                }
                run.read_ahead();
                end_of_run
            });
            if let Some(Some(end)) = end_of_run {
                stop(Some(end));
            }
        });
    }

    fn update_view(&self) {
        let tried: u64 = self.slots.iter().map(|slot| slot.tried).sum();
        let elapsed = ((now_ms() - self.started) / 1000.0).max(0.0);
        let view = self.view;
        view.tried.set(tried);
        view.elapsed.set(elapsed);
        view.rate.set(if elapsed > 0.0 { tried as f64 / elapsed } else { 0.0 });
        let mask = self.mask.as_ref().map_or(0, |mask| mask.total);
        let base = u128::from(self.list_lines) + mask;
        match &self.file {
            Some(file) if !file.done => {
                view.total.set(None);
                let per_byte = if file.offset > 0.0 { file.lines as f64 / file.offset } else { 0.0 };
                view.estimate.set((per_byte > 0.0).then(|| base as f64 + per_byte * file.size));
            }
            file => {
                view.total.set(Some(base + u128::from(file.as_ref().map_or(0, |file| file.lines))));
                view.estimate.set(None);
            }
        }
    }
}

/// Stops the current run: terminates its workers, and sets the outcome (`None`: cancelled).
pub fn stop(outcome: Option<(Status, String)>) {
    let Some(run) = RUN.take() else { return };
    for slot in &run.slots {
        slot.worker.set_onmessage(None);
        slot.worker.set_onerror(None);
        slot.worker.terminate();
    }
    run.update_view();
    let (status, message) = outcome.unwrap_or((Status::Cancelled, String::new()));
    run.view.status.set(status);
    run.view.message.set(message);
    RETIRED.set(Some(run));
}

/// Cancels the run (also one still loading the bundled lists).
pub fn cancel(view: CrackView) {
    if RUN.with_borrow(Option::is_some) {
        stop(None);
    } else if view.status.get_untracked() == Status::Running {
        // Still loading the lists: the loader sees the status and does not launch.
        NEXT_RUN.set(NEXT_RUN.get() + 1);
        view.status.set(Status::Cancelled);
    }
}
