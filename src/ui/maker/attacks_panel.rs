//! Attack tokens: the usual test tokens (alg none, the signature removed, an empty HMAC secret, key
//! confusion, an embedded JWK, `jku`, `kid` traversal and SQL injection, psychic signatures) made
//! from the encoder's header and payload as they are typed, by the crypto worker
//! (`Request::Attacks`), each group with what it tests and every token with a copy button.
//!
//! The fresh key that signs the embedded-JWK and `jku` tokens lives in the worker for the key
//! session (see `engine::attacks`): "New key" starts another session.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::state::{use_encoder, use_maker};
use crate::engine::protocol::{read, AttackToken, AttacksReport, AttacksRequest};
use crate::ui::shared::browser;
use crate::ui::shared::crypto::WorkerState;
use crate::ui::shared::widgets::{editor, CopyButton};

/// How long the inputs stay unchanged before the tokens are made again (milliseconds).
const QUIET_MS: u32 = 60;

/// The heading of an attack's group.
fn title(attack: &str) -> &'static str {
    match attack {
        "none" => "alg none (unsigned)",
        "null-signature" => "Signature removed",
        "empty-key" => "Empty HMAC secret",
        "key-confusion" => "Key confusion: HMAC keyed with the public key",
        "embedded-jwk" => "Embedded JWK: the token brings its own key",
        "jku" => "jku: keys fetched from your URL",
        "kid-traversal" => "kid path traversal",
        "kid-sql" => "kid SQL injection",
        "psychic" => "Psychic signature: ECDSA r = s = 0",
        _ => "Other",
    }
}

/// What a group waiting for an input says.
fn waiting_for(attack: &str) -> Option<&'static str> {
    match attack {
        "key-confusion" => Some("Paste the target's public key above (PEM, certificate or JWK) to make these."),
        "jku" => Some("Give a URL you control above to make this, then host the JWKS shown here at it."),
        _ => None,
    }
}

/// A "Copy" button for one token, named for screen readers by the token it copies.
fn copy_token(name: String, token: String) -> impl IntoView {
    let copied = RwSignal::new(None::<bool>);
    let copy = move |_| {
        copied.set(Some(browser::copy_to_clipboard(&token)));
        gloo_timers::callback::Timeout::new(1500, move || copied.set(None)).forget();
    };
    view! {
        <button type="button" class="small" aria-label=format!("Copy: {name}") on:click=copy>
            {move || match copied.get() {
                Some(true) => "Copied ✓",
                Some(false) => "Clipboard unavailable",
                None => "Copy",
            }}
        </button>
    }
}

/// One attack's group: its line, its tokens, or why it has none.
fn group(attack: String, about: String, tokens: Vec<AttackToken>, error: Option<String>, jwks: String) -> impl IntoView {
    let heading = title(&attack);
    let waiting = (tokens.is_empty() && error.is_none()).then(|| waiting_for(&attack)).flatten();
    let rows = tokens
        .into_iter()
        .map(|made| {
            let name = format!("{heading}, {}", made.variant);
            view! {
                <li class="attack-row">
                    <span class="attack-variant">{made.variant.clone()}</span>
                    <code class="attack-token" data-testid="attack-token" data-attack=made.attack data-variant=made.variant>
                        {made.token.clone()}
                    </code>
                    {copy_token(name, made.token)}
                </li>
            }
        })
        .collect_view();
    let jwks = (!jwks.is_empty()).then(|| {
        let copy = Signal::stored(jwks.clone());
        view! {
            <div class="attack-jwks">
                <div class="panel-head">
                    <h4>"JWKS to host at the URL"</h4>
                    <CopyButton text=copy what="JWKS"/>
                </div>
                <pre class="json" data-testid="attack-jwks">{jwks}</pre>
            </div>
        }
    });
    let error = error.map(|error| view! { <p class="error-text" data-testid="attack-error" data-attack=attack.clone()>{error}</p> });
    view! {
        <div class="attack-group" data-group=attack>
            <h3>{heading}</h3>
            <p class="muted attack-about">{about}</p>
            {error}
            {waiting.map(|hint| view! { <p class="attack-hint">{hint}</p> })}
            <ul class="attack-list">{rows}</ul>
            {jwks}
        </div>
    }
}

/// The groups of a report, in the worker's order.
fn groups(report: AttacksReport) -> impl IntoView {
    let AttacksReport { tokens, errors, jwks, attacks, .. } = report;
    attacks
        .into_iter()
        .map(|(attack, about)| {
            let own: Vec<AttackToken> = tokens.iter().filter(|made| made.attack == attack).cloned().collect();
            let error = errors.iter().find(|(failed, _)| *failed == attack).map(|(_, message)| message.clone());
            let hosted = if attack == "jku" { jwks.clone() } else { String::new() };
            group(attack, about, own, error, hosted)
        })
        .collect_view()
}

#[component]
pub fn AttacksPanel() -> impl IntoView {
    let lens = use_maker();
    let encoder = use_encoder();
    let open = RwSignal::new(false);
    let public_key = RwSignal::new(String::new());
    let url = RwSignal::new(String::new());
    let key_session = RwSignal::new(1u64);
    // The generation of the latest request, and the answer to it (older answers are dropped).
    let sent = RwSignal::new(0u64);
    let answer = RwSignal::new(None::<(u64, AttacksReport)>);
    // The worker's answers to this panel (`Response::Attacks`), which the page's shared reader
    // leaves out.
    lens.crypto.on_own_response(move |message| {
        let Some(body) = message.get("Attacks") else { return false };
        if let Some((generation, report)) = read::attacks(body) {
            if sent.try_get_untracked() == Some(generation) {
                answer.set(Some((generation, report)));
            }
        }
        true
    });
    // Ask again whenever an input changes while the panel is open, once the input has been quiet
    // for a moment: a paste can come as one input event per line, and each request signs twice
    // (embedded JWK, jku), so a burst would queue up in the worker.
    let timer = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    Effect::new(move |_| {
        if !open.get() {
            return;
        }
        let generation = sent.get_untracked() + 1;
        let request = AttacksRequest {
            generation,
            header: encoder.header.get(),
            payload: encoder.payload.get(),
            public_key: public_key.get(),
            url: url.get(),
            key_session: key_session.get(),
        };
        // Pending from now on: an answer to an older request is dropped.
        sent.set(generation);
        let text = request.to_json();
        // Replacing the timer cancels the one waiting.
        timer.set_value(Some(gloo_timers::callback::Timeout::new(QUIET_MS, move || lens.crypto.send_own_latest(text))));
    });
    let pending = move || answer.with(|answer| answer.as_ref().map(|(generation, _)| *generation)) != Some(sent.get());
    // `(status, label, reason)`.
    let status = move || -> (&'static str, String, Option<String>) {
        if let WorkerState::Failed(message) = lens.crypto.state.get() {
            return ("error", "Cannot make the attack tokens".into(), Some(message));
        }
        let latest = answer.with(|answer| answer.as_ref().map(|(_, report)| (report.error.clone(), report.tokens.len())));
        match latest {
            _ if pending() => ("pending", "Crafting the tokens…".into(), None),
            Some((Some(error), _)) => ("error", "Cannot make the attack tokens".into(), Some(error)),
            Some((None, count)) => ("ok", format!("{count} tokens: send each to the service; every one must be refused"), None),
            None => ("pending", "Crafting the tokens…".into(), None),
        }
    };
    let all_tokens = Signal::derive(move || {
        answer.with(|answer| {
            answer.as_ref().map(|(_, report)| report.tokens.iter().map(|made| made.token.as_str()).collect::<Vec<_>>().join("\n")).unwrap_or_default()
        })
    });
    let fresh_key = move || answer.with(|answer| answer.as_ref().map(|(_, report)| report.fresh_key.clone()).unwrap_or_default());
    let toggle = move |_| {
        let opening = !open.get_untracked();
        open.set(opening);
        if opening {
            // Into the panel, once it is shown.
            request_animation_frame(|| {
                let body = document().get_element_by_id("attacks-body").and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(body) = body {
                    let _ = body.focus();
                }
            });
        }
    };
    let body = move || {
        view! {
            <p class="muted">
                "Test tokens made from the header and payload of “Make a token” above: send each to the service you test; it must refuse every one. Only test services you are allowed to test."
            </p>
            <div class="attack-inputs">
                {editor("Target's public key, for key confusion (PEM, certificate or JWK)", "attack-key", 4, public_key, "-----BEGIN PUBLIC KEY-----")}
                <label class="encoder-field">
                    <span>"A URL you control, for jku"</span>
                    <input
                        type="url"
                        data-testid="attack-url"
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        placeholder="https://attacker.example/jwks.json"
                        prop:value=move || url.get()
                        on:input:target=move |ev| url.set(ev.target().value())
                    />
                </label>
            </div>
            {move || {
                let (status, label, reason) = status();
                view! {
                    <div class="verdict" data-testid="attack-status" data-status=status role="status" aria-busy=(status == "pending").then_some("true")>
                        <strong class="status-label">{label}</strong>
                        {reason.map(|reason| view! { <p data-testid="attack-reason">{reason}</p> })}
                    </div>
                }
            }}
            <div class="panel-actions attack-actions">
                <CopyButton text=all_tokens what="all tokens"/>
                <button
                    type="button"
                    class="small"
                    data-testid="attack-new-key"
                    title="Sign the embedded-JWK and jku tokens with a new key (the JWKS to host changes with it)"
                    on:click=move |_| key_session.update(|session| *session += 1)
                >
                    "New fresh key"
                </button>
                <span class="muted attack-fresh-key">
                    {move || {
                        let key = fresh_key();
                        (!key.is_empty()).then(|| format!("Embedded JWK and jku are signed with a fresh key, kept until you ask for a new one: {key}"))
                    }}
                </span>
            </div>
            <div class="attack-groups" aria-busy=move || pending().then_some("true")>
                {move || answer.get().filter(|(_, report)| report.error.is_none()).map(|(_, report)| groups(report))}
            </div>
        }
    };
    view! {
        <section class="panel p-attacks" id="attacks" aria-labelledby="attacks-title">
            <div class="panel-head">
                <h2 id="attacks-title">"Attack tokens"</h2>
                <button
                    type="button"
                    data-testid="attack-open"
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    aria-controls="attacks-body"
                    on:click=toggle
                >
                    {move || if open.get() { "Hide the attack tokens" } else { "Craft attack tokens" }}
                </button>
            </div>
            <div id="attacks-body" class="attacks-body" tabindex="-1" hidden=move || !open.get()>
                {move || open.get().then(body)}
            </div>
        </section>
    }
}
