//! "Crack the HMAC secret": tries the bundled lists, a wordlist file (picked or dropped; read in
//! pieces, never uploaded) and a hashcat-style mask against the HS256/384/512 token being read, on
//! `navigator.hardwareConcurrency` crack workers (`crack_run`). A found secret goes to the reader's
//! key box (which then verifies the token) or to the encoder (Edit, to re-sign). For jobs too big
//! for a browser: the hashcat (`-m 16500`) and John the Ripper inputs and command lines.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::File;

use super::crack_run::{self, CrackView, MaskPlan, Plan, Status, BUILTIN_LISTS};
use super::state::use_encoder;
use crate::jose::crack::{external_job, hmac_target, Increment, Mask};
use crate::jose::jws::{Alg, Hash};
use crate::jose::keys::SecretEncoding;
use crate::jose::token::decode;
use crate::ui::shared::bridge::{encoding_name, to_reader};
use crate::ui::shared::browser::focus_on;
use crate::ui::shared::widgets::CopyButton;

thread_local! {
    /// The wordlist chosen (a `File` is not `Send`, so it is kept here; the panel shows its name).
    static WORDLIST: RefCell<Option<File>> = const { RefCell::new(None) };
}

/// `12 345 678` (thin spaces would not copy well: plain commas).
pub fn grouped(number: u128) -> String {
    let digits = number.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn rate_text(rate: f64) -> String {
    if rate >= 1e6 {
        format!("{:.2} M/s", rate / 1e6)
    } else if rate >= 1e3 {
        format!("{:.1} k/s", rate / 1e3)
    } else {
        format!("{rate:.0}/s")
    }
}

fn duration_text(seconds: f64) -> String {
    if !seconds.is_finite() {
        return "a very long time".into();
    }
    let seconds = seconds.max(0.0);
    if seconds < 90.0 {
        format!("{seconds:.0} s")
    } else if seconds < 90.0 * 60.0 {
        format!("{:.0} min", seconds / 60.0)
    } else if seconds < 48.0 * 3600.0 {
        format!("{:.1} h", seconds / 3600.0)
    } else if seconds < 730.0 * 86400.0 {
        format!("{:.0} days", seconds / 86400.0)
    } else {
        // "2.2 years", "1,234 years"; past a billion, powers of ten say it best.
        let years = seconds / (365.25 * 86400.0);
        if years < 100.0 {
            format!("{years:.1} years")
        } else if years < 1e9 {
            format!("{} years", grouped(years.round() as u128))
        } else {
            format!("{years:.1e} years")
        }
    }
}

fn size_text(bytes: f64) -> String {
    if bytes >= 1e9 {
        format!("{:.2} GB", bytes / 1e9)
    } else if bytes >= 1e6 {
        format!("{:.1} MB", bytes / 1e6)
    } else if bytes >= 1e3 {
        format!("{:.1} kB", bytes / 1e3)
    } else {
        format!("{bytes:.0} bytes")
    }
}

/// The token to crack: its compact form and `alg`, or why it cannot be cracked.
fn target(token: &str) -> Option<Result<(String, Hash), String>> {
    if token.trim().is_empty() {
        return None;
    }
    Some(match decode(token) {
        Ok(decoded) => hmac_target(&decoded).map(|hash| (decoded.compact.clone(), hash)).map_err(|error| error.message),
        Err(error) => Err(error.to_string()),
    })
}

/// The secret as the key box takes it: UTF-8 text, or hex when it is not UTF-8.
fn secret_for_key_box(secret: &[u8]) -> (String, SecretEncoding) {
    match std::str::from_utf8(secret) {
        Ok(text) => (text.to_string(), SecretEncoding::Utf8),
        Err(_) => (secret.iter().map(|b| format!("{b:02x}")).collect(), SecretEncoding::Hex),
    }
}

/// The token's header and payload texts, exactly as the token has them (for Edit).
fn header_and_payload(token: &str) -> Option<(String, String)> {
    let decoded = decode(token).ok()?;
    let text = |index: usize| {
        let segment = decoded.segments.get(index)?;
        let (bytes, _) = crate::jose::b64::decode_lenient(&segment.text).ok()?;
        Some(String::from_utf8_lossy(&bytes).into_owned())
    };
    Some((text(0)?, text(1).unwrap_or_default()))
}

#[component]
pub fn CrackPanel(#[prop(into)] token: Signal<String>) -> impl IntoView {
    let encoder = use_encoder();
    let view = CrackView::new();
    let open = RwSignal::new(false);
    let builtin = RwSignal::new(true);
    let mask_text = RwSignal::new(String::new());
    let custom1 = RwSignal::new(String::new());
    let custom2 = RwSignal::new(String::new());
    let increment = RwSignal::new(false);
    let file_info = RwSignal::new(None::<(String, f64)>);
    let dragging = RwSignal::new(false);
    let panel_ref = NodeRef::<leptos::html::Div>::new();

    let target = Memo::new(move |_| token.with(|token| target(token)));
    let mask = Memo::new(move |_| {
        let text = mask_text.get();
        if text.is_empty() {
            return None;
        }
        let custom = [custom1.get(), custom2.get()];
        let custom: Vec<&str> = custom.iter().map(String::as_str).collect();
        let custom = if custom.iter().all(|set| set.is_empty()) { Vec::new() } else { custom };
        let increment = increment.get().then_some(Increment { min: 1, max: usize::MAX });
        Some(Mask::with_options(&text, &custom, increment).map(|mask| mask.len()).map_err(|error| error.message))
    });
    let running = move || view.status.get() == Status::Running;
    let cannot_run = move || {
        let token_ok = target.with(|target| matches!(target, Some(Ok(_))));
        let mask_ok = mask.with(|mask| !matches!(mask, Some(Err(_))));
        let something = builtin.get() || file_info.with(Option::is_some) || mask.with(|mask| matches!(mask, Some(Ok(_))));
        running() || !token_ok || !mask_ok || !something
    };

    // A run is for one token: a new token stops it.
    Effect::new(move |_| {
        let current = target.with(|target| target.as_ref().and_then(|t| t.as_ref().ok()).map(|(compact, _)| compact.clone()));
        if view.status.get_untracked() == Status::Running && current.as_deref() != Some(view.token.get_untracked().as_str()) {
            crack_run::cancel(view);
            view.message.set("Stopped: the token being read changed.".into());
        }
    });

    let choose = move |file: Option<File>| {
        file_info.set(file.as_ref().map(|file| (file.name(), file.size())));
        WORDLIST.set(file);
    };
    let run = move |_| {
        let Some(Ok((compact, _))) = target.get_untracked() else { return };
        let mask = match mask.get_untracked() {
            Some(Ok(total)) => {
                let custom = [custom1.get_untracked(), custom2.get_untracked()];
                let custom = if custom.iter().all(String::is_empty) { Vec::new() } else { custom.to_vec() };
                Some(MaskPlan { text: mask_text.get_untracked(), custom, increment: increment.get_untracked().then_some((1, usize::MAX)), total })
            }
            _ => None,
        };
        let file = WORDLIST.with_borrow(Clone::clone);
        crack_run::start(view, Plan { token: compact, builtin: builtin.get_untracked(), file, mask });
    };
    let toggle = move |_| {
        let now_open = !open.get_untracked();
        open.set(now_open);
        if now_open {
            // Focus moves into the panel once it is shown.
            request_animation_frame(move || {
                if let Some(panel) = panel_ref.get_untracked() {
                    let _ = panel.focus();
                }
            });
        }
    };

    let token_line = move || match target.get() {
        None => view! { <p class="muted" data-testid="crack-token">"Paste an HS256, HS384 or HS512 token in the reader to look for its secret."</p> }.into_any(),
        Some(Err(message)) => view! { <p class="error-text" data-testid="crack-token" role="alert">{format!("This token cannot be cracked: {message}.")}</p> }.into_any(),
        Some(Ok((_, hash))) => view! {
            <p data-testid="crack-token">{format!("Looking for the secret of the {} token being read. Nothing leaves the page: files are read here.", Alg::Hmac(hash).name())}</p>
        }
        .into_any(),
    };
    let mask_note = move || match mask.get() {
        None => view! { <span class="muted" data-testid="crack-mask-note">"No mask."</span> }.into_any(),
        Some(Ok(total)) => view! { <span data-testid="crack-mask-note" data-total=total.to_string()>{format!("{} candidates", grouped(total))}</span> }.into_any(),
        Some(Err(message)) => view! { <span class="error-text" data-testid="crack-mask-note" role="alert">{message}</span> }.into_any(),
    };
    let status_text = move || {
        let message = view.message.get();
        match view.status.get() {
            Status::None => "Not run yet.".to_string(),
            Status::Running if !message.is_empty() => message,
            Status::Running => "Cracking…".to_string(),
            Status::Found => "Found the secret.".to_string(),
            Status::Exhausted => "Every candidate tried: the secret is none of them.".to_string(),
            Status::Cancelled if !message.is_empty() => message,
            Status::Cancelled => "Cancelled.".to_string(),
            Status::Error => format!("Stopped: {message}"),
        }
    };
    let progress_text = move || {
        let tried = view.tried.get();
        let rate = view.rate.get();
        let workers = view.workers.get();
        let total = view.total.get();
        let of = total.map(|total| format!(" of {}", grouped(total))).unwrap_or_default();
        let left = match (total.map(|t| t as f64).or(view.estimate.get()), view.status.get()) {
            (Some(total), Status::Running) if rate > 0.0 => {
                let approx = if view.total.get().is_some() { "" } else { "about " };
                format!(" · {approx}{} left", duration_text((total - tried as f64) / rate))
            }
            _ => String::new(),
        };
        let workers = if workers == 1 { "1 worker".to_string() } else { format!("{workers} workers") };
        format!("{}{of} tried · {}{left} · {} · {workers}", grouped(u128::from(tried)), rate_text(rate), duration_text(view.elapsed.get()))
    };
    let found = move || {
        let secret = view.secret.get().filter(|_| view.status.get() == Status::Found)?;
        let (text, encoding) = secret_for_key_box(&secret);
        let shown = text.clone();
        let note = (encoding == SecretEncoding::Hex).then(|| view! { <p class="muted">"Not UTF-8: shown and used as hex."</p> });
        let empty = secret.is_empty();
        let use_text = text.clone();
        let use_it = move |_| {
            to_reader(&["key", &use_text, encoding_name(encoding)]);
        };
        let edit = move |_| {
            let Some((header, payload)) = header_and_payload(&view.token.get_untracked()) else { return };
            encoder.edit(header, payload, Some((text.clone(), encoding)));
            focus_on("encoder-title");
        };
        Some(view! {
            <div class="crack-found">
                <p>"Secret: " <code class="crack-secret" data-testid="crack-secret">{shown}</code></p>
                {note}
                {empty.then(|| view! { <p class="muted">"The empty key: the key box cannot hold it."</p> })}
                <button type="button" class="small" data-testid="crack-use" prop:disabled=empty on:click=use_it
                    title="Put the secret in the reader's key box: the reader verifies the token with it">"Use this secret"</button>
                " "
                <button type="button" class="small" data-testid="crack-edit" on:click=edit
                    title="Copy the token and the secret into \"Make a token\", to change the claims and re-sign">"Edit"</button>
            </div>
        })
    };
    let export = move || {
        let compact = target.with(|target| target.as_ref().and_then(|t| t.as_ref().ok()).map(|(compact, _)| compact.clone()))?;
        let mask = mask.with(|mask| matches!(mask, Some(Ok(_)))).then(|| mask_text.get());
        let custom = [custom1.get(), custom2.get()];
        let custom: Vec<&str> = if custom.iter().all(String::is_empty) { Vec::new() } else { custom.iter().map(String::as_str).collect() };
        let job = external_job(&compact, mask.as_deref(), &custom)?;
        let lines = |testid: &'static str, what: &'static str, hash: String, file: &'static str, commands: Vec<String>| {
            let commands = commands
                .into_iter()
                .map(|command| {
                    let copy = command.clone();
                    view! { <li><code>{command}</code>" "<CopyButton text=Signal::derive(move || copy.clone()) what="command"/></li> }
                })
                .collect_view();
            let copy = hash.clone();
            view! {
                <div class="crack-tool" data-testid=testid>
                    <h4>{what}</h4>
                    <p>{format!("{file}: ")}<code class="crack-hash">{hash}</code>" "<CopyButton text=Signal::derive(move || copy.clone()) what=file.to_string()/></p>
                    <ul class="crack-commands">{commands}</ul>
                </div>
            }
        };
        Some(view! {
            <div class="crack-export">
                {lines("crack-export-hashcat", "hashcat (-m 16500)", job.hashcat_hash, "jwt.hash", job.hashcat_commands)}
                {lines("crack-export-john", "John the Ripper", job.john_hash, "jwt.john", job.john_commands)}
            </div>
        })
    };
    let on_file = move |event: leptos::ev::Event| {
        let input = event.target().and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok());
        choose(input.and_then(|input| input.files()).and_then(|files| files.get(0)));
    };
    let on_drop = move |event: leptos::ev::DragEvent| {
        event.prevent_default();
        dragging.set(false);
        if let Some(file) = event.data_transfer().and_then(|data| data.files()).and_then(|files| files.get(0)) {
            choose(Some(file));
        }
    };
    let lists_label = format!("Bundled secret lists ({})", BUILTIN_LISTS.iter().map(|url| url.trim_start_matches("./")).collect::<Vec<_>>().join(", "));

    view! {
        <section class="panel p-crack" id="crack" aria-labelledby="crack-title">
            <div class="panel-head">
                <h2 id="crack-title">"Crack the HMAC secret"</h2>
                <button type="button" class="small" data-testid="crack-open" aria-controls="crack-body"
                    aria-expanded=move || open.get().to_string() on:click=toggle>
                    {move || if open.get() { "Hide" } else { "Open the cracker" }}
                </button>
            </div>
            <div id="crack-body" class="crack-body" class:dragging=move || dragging.get() hidden=move || !open.get() tabindex="-1" node_ref=panel_ref
                aria-label="Crack the HMAC secret"
                on:dragover=move |event: leptos::ev::DragEvent| { event.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop>
                {token_line}
                <div class="crack-grid">
                    <label class="check">
                        <input type="checkbox" data-testid="crack-builtin" prop:checked=move || builtin.get()
                            on:change:target=move |event| builtin.set(event.target().checked())/>
                        {lists_label}
                    </label>
                    <label class="encoder-field">
                        <span>"Wordlist (one secret a line; choose or drop a file, any size)"</span>
                        <input type="file" data-testid="crack-wordlist" on:change=on_file/>
                        <span class="muted" data-testid="crack-wordlist-name">
                            {move || file_info.get().map(|(name, size)| format!("{name}, {}", size_text(size))).unwrap_or_else(|| "No file.".into())}
                        </span>
                    </label>
                    <label class="encoder-field">
                        <span>"Mask (hashcat: ?l ?u ?d ?h ?H ?s ?a ?b ?1 ?2, ?? for ?)"</span>
                        <input type="text" data-testid="crack-mask" spellcheck="false" autocomplete="off" placeholder="e.g. ?l?l?l?l?d?d"
                            prop:value=move || mask_text.get() on:input:target=move |event| mask_text.set(event.target().value())
                            aria-invalid=move || mask.with(|mask| matches!(mask, Some(Err(_)))).to_string()/>
                        {mask_note}
                    </label>
                    <label class="encoder-field">
                        <span>"Custom set ?1"</span>
                        <input type="text" data-testid="crack-custom1" spellcheck="false" placeholder="e.g. ?l?d_"
                            prop:value=move || custom1.get() on:input:target=move |event| custom1.set(event.target().value())/>
                    </label>
                    <label class="encoder-field">
                        <span>"Custom set ?2"</span>
                        <input type="text" data-testid="crack-custom2" spellcheck="false"
                            prop:value=move || custom2.get() on:input:target=move |event| custom2.set(event.target().value())/>
                    </label>
                    <label class="check">
                        <input type="checkbox" data-testid="crack-increment" prop:checked=move || increment.get()
                            on:change:target=move |event| increment.set(event.target().checked())/>
                        "Every length up to the mask's (hashcat --increment)"
                    </label>
                </div>
                <div class="crack-actions">
                    <button type="button" data-testid="crack-run" prop:disabled=cannot_run on:click=run>"Crack"</button>
                    " "
                    <button type="button" data-testid="crack-cancel" prop:disabled=move || !running() on:click=move |_| crack_run::cancel(view)>"Cancel"</button>
                </div>
                <div class="verdict" data-testid="crack-status" data-status=move || view.status.get().as_str() role="status" aria-live="polite">
                    <strong class="status-label">{status_text}</strong>
                </div>
                <p class="crack-progress" data-testid="crack-progress"
                    data-tried=move || view.tried.get().to_string()
                    data-total=move || view.total.get().map(|total| total.to_string()).unwrap_or_default()
                    data-rate=move || format!("{:.0}", view.rate.get())
                    data-workers=move || view.workers.get().to_string()
                    hidden=move || view.status.get() == Status::None>
                    {progress_text}
                </p>
                {found}
                <details class="crack-export-box">
                    <summary>"Too big for a browser? hashcat and John the Ripper"</summary>
                    {export}
                </details>
            </div>
        </section>
    }
}
