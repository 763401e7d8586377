//! Generating a key in the crypto worker, or converting the key of a key box: every form of it
//! (PEM, JWK, JWKS, thumbprint), with copy buttons, and one click to sign with it in the encoder
//! or to verify with it in the reader.

use leptos::prelude::*;

use crate::ui::shared::browser::focus_on;
use crate::ui::shared::bridge::to_reader;
use super::state::use_maker;
use crate::ui::shared::crypto::KeygenState;
use super::state::use_encoder;
use crate::ui::shared::widgets::CopyButton;
use crate::engine::protocol::GenerateOutcome;
use crate::jose::keys::SecretEncoding;

/// The `keygen-type` values of the UI contract, with their labels.
const KEY_TYPES: [(&str, &str); 14] = [
    ("oct-256", "HS256 secret"),
    ("oct-384", "HS384 secret"),
    ("oct-512", "HS512 secret"),
    ("RSA-2048", "RSA 2048"),
    ("RSA-3072", "RSA 3072"),
    ("RSA-4096", "RSA 4096 (slow)"),
    ("EC-P-256", "EC P-256"),
    ("EC-P-384", "EC P-384"),
    ("EC-P-521", "EC P-521"),
    ("OKP-Ed25519", "Ed25519"),
    ("OKP-X25519", "X25519 (JWE)"),
    ("ML-DSA-44", "ML-DSA-44"),
    ("ML-DSA-65", "ML-DSA-65"),
    ("ML-DSA-87", "ML-DSA-87"),
];

/// The heading of a form, and what its copy button says.
fn form_label(name: &str) -> (&'static str, &'static str) {
    match name {
        "private-pem" => ("Private key (PKCS#8 PEM)", "private key PEM"),
        "public-pem" => ("Public key (SPKI PEM)", "public key PEM"),
        "private-jwk" => ("Private JWK", "private JWK"),
        "public-jwk" => ("Public JWK", "public JWK"),
        _ => ("JWKS (public key)", "JWKS"),
    }
}

#[component]
pub fn KeygenPanel() -> impl IntoView {
    let lens = use_maker();
    let encoder = use_encoder();
    let key_type = RwSignal::new("EC-P-256".to_string());
    let options = KEY_TYPES.map(|(value, label)| view! { <option value=value>{label}</option> }).into_iter().collect_view();
    // Focus goes to the result (the Generate button is disabled while it runs, which would drop
    // the focus to the page); a polite live region says what came out.
    let run = move |_| {
        lens.crypto.generate(key_type.get_untracked(), lens.now.get_untracked());
        focus_on("keygen-result");
    };
    let announcement = move || match lens.crypto.keygen.get() {
        KeygenState::Idle => String::new(),
        KeygenState::Running { .. } => "Generating the key…".to_string(),
        KeygenState::Done(GenerateOutcome::Key { description, .. }) => format!("Key ready: {description}"),
        KeygenState::Done(GenerateOutcome::Error { message }) => format!("No key: {message}"),
    };
    let body = move || match lens.crypto.keygen.get() {
        KeygenState::Idle => view! { <div data-testid="keygen-status" data-status="none"></div> }.into_any(),
        KeygenState::Running { key_type, started, .. } => {
            // Whole seconds as an integer: Rust's float formatting is kept out of the page's wasm.
            let elapsed = (lens.now.get() - started).max(0.0) as u64;
            view! {
                <div class="verdict" data-testid="keygen-status" data-status="running" role="status" aria-busy="true">
                    <strong class="status-label">{format!("Working on {key_type}… {elapsed} s")}</strong>
                    <p class="muted">"In the crypto worker: the page stays usable."</p>
                    <button type="button" class="small" data-testid="keygen-cancel" on:click=move |_| lens.crypto.cancel_generation()>
                        "Cancel"
                    </button>
                </div>
            }
            .into_any()
        }
        KeygenState::Done(GenerateOutcome::Error { message }) => view! {
            <div class="verdict" data-testid="keygen-status" data-status="error" data-shown="error" role="status">
                <strong class="status-label">"No key"</strong>
                <p data-testid="keygen-reason">{message}</p>
            </div>
        }
        .into_any(),
        KeygenState::Done(GenerateOutcome::Key { description, forms, signing_key, verifying_key, alg }) => {
            // X25519 signs and verifies no JWS: no buttons for it.
            let for_jws = !alg.is_empty();
            let can_sign = !signing_key.is_empty() && for_jws;
            let use_to_sign = move |_| {
                encoder.key.set(signing_key.clone());
                encoder.encoding.set(SecretEncoding::Utf8);
                encoder.adopt_alg(&alg);
                focus_on("encode-result");
            };
            let use_to_verify = move |_| to_reader(&["key", &verifying_key, "Utf8"]);
            let blocks = forms
                .into_iter()
                .map(|(name, text)| {
                    let testid = format!("keygen-{name}");
                    let copy = Signal::stored(text.clone());
                    let (heading, what) = form_label(&name);
                    view! {
                        <div class="keygen-form">
                            <div class="panel-head">
                                <h3>{heading}</h3>
                                <CopyButton text=copy what=what/>
                            </div>
                            // Long lines scroll sideways: the box takes focus, so a keyboard scrolls it too.
                            <pre class="json" data-testid=testid tabindex="0" role="region" aria-label=heading>{text}</pre>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <div class="verdict" data-testid="keygen-status" data-status="ok" data-shown="valid" role="status">
                    <strong class="status-label">{format!("Key: {description}")}</strong>
                    <p hidden=!can_sign>"This private key (or secret) lives only in this page: nothing stores or sends it, and it is gone when the page closes."</p>
                </div>
                <div class="panel-actions">
                    <button type="button" class="small" data-testid="keygen-use-to-sign" hidden=!can_sign on:click=use_to_sign>
                        "Sign with it in “Make a token”"
                    </button>
                    <button type="button" class="small" data-testid="keygen-use-to-verify" hidden=!for_jws on:click=use_to_verify>
                        "Verify with it in the reader"
                    </button>
                </div>
                <div class="keygen-forms">{blocks}</div>
            }
            .into_any()
        }
    };
    view! {
        <section class="panel p-keygen" id="keygen" aria-labelledby="keygen-title">
            <div class="panel-head">
                <h2 id="keygen-title">"Keys: generate or convert"</h2>
                <div class="actions">
                    <select data-testid="keygen-type" aria-label="Key type" prop:value=move || key_type.get() on:change:target=move |ev| key_type.set(ev.target().value())>
                        {options}
                    </select>
                    <button
                        type="button"
                        data-testid="keygen-run"
                        prop:disabled=move || matches!(lens.crypto.keygen.get(), KeygenState::Running { .. })
                        on:click=run
                    >
                        "Generate"
                    </button>
                </div>
            </div>
            <p class="visually-hidden" aria-live="polite">{announcement}</p>
            <div id="keygen-result" class="keygen-result">{body}</div>
        </section>
    }
}
