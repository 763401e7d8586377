//! The key box, its encoding options, what key was detected, and the verification verdict.

use leptos::prelude::*;

use super::state::use_lens;
use crate::ui::shared::crypto::WorkerState;
use crate::ui::shared::widgets::ConvertButton;
use crate::ui::shared::widgets::{note_list, SecretEncodingChoice};
use crate::engine::protocol::KeySummary as KeyRead;
use crate::jose::token::TokenKind;
use crate::jose::JoseError;

#[component]
pub fn KeyPanel() -> impl IntoView {
    let lens = use_lens();
    view! {
        <section class="panel p-key" aria-labelledby="key-title">
            <div class="panel-head">
                <h2 id="key-title">"Verify signature"</h2>
                <button type="button" class="small" on:click=move |_| lens.key_text.set(String::new())>"Clear key"</button>
            </div>
            <label class="visually-hidden" for="key-input">"Key"</label>
            <textarea
                id="key-input"
                data-testid="key-input"
                class="key-input"
                rows="6"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                placeholder="Secret, PEM public key or certificate, PEM private key, JWK or JWKS"
                prop:value=move || lens.key_text.get()
                on:input:target=move |ev| lens.key_text.set(ev.target().value())
            ></textarea>
            <div class="options" role="group" aria-label="How the secret is written">
                <SecretEncodingChoice encoding=lens.secret_encoding key=lens.key_text testid_prefix=""/>
                <ConvertButton testid="convert-key" key=lens.key_text encoding=lens.secret_encoding/>
            </div>
            <KeySummary/>
            <VerifyStatus/>
            // Where the provider's keys are, and a Graph token's note: from the maker (`key_help`).
            <div id="key-help-slot"></div>
        </section>
    }
}

/// What the key box was read as, or why it could not be read (the crypto worker's latest answer
/// for the key box as it is).
#[component]
fn KeySummary() -> impl IntoView {
    let lens = use_lens();
    move || {
        let encoding = lens.secret_encoding.get();
        let answer = lens.crypto.answer.get();
        let summary = lens.key_text.with(|key| {
            answer.filter(|answer| !key.trim().is_empty() && answer.is_for_key(key, encoding)).map(|answer| answer.report.key.clone())
        })?;
        match summary {
            KeyRead::Empty => None,
            KeyRead::Single { description } => Some(
                view! {
                    <div class="key-summary" data-testid="key-summary">
                        <span class="muted">"Key: "</span>{description}
                    </div>
                }
                .into_any(),
            ),
            KeyRead::Set { descriptions, skipped } => {
                let count = descriptions.len();
                let items = descriptions.into_iter().map(|d| view! { <li>{d}</li> }).collect_view();
                let skipped = note_list("notes", skipped.iter().map(|s| format!("skipped {s}")).collect());
                Some(
                    view! {
                        <div class="key-summary" data-testid="key-summary">
                            <span class="muted">{format!("JWKS with {count} usable key(s):")}</span>
                            <ul>{items}</ul>
                            {skipped}
                        </div>
                    }
                    .into_any(),
                )
            }
            KeyRead::Error { message } => Some(
                view! {
                    <div class="key-summary error-text" data-testid="key-error">{message}</div>
                }
                .into_any(),
            ),
        }
    }
}

#[component]
fn VerifyStatus() -> impl IntoView {
    let lens = use_lens();
    move || {
        let key_given = lens.key_text.with(|key| !key.trim().is_empty());
        let token_empty = lens.decoded.with(|decoded| matches!(decoded, Err(JoseError::EmptyToken)));
        let is_jwe = lens.decoded_parts.with(|parts| matches!(parts, Some((TokenKind::Jwe, ..))));
        let worker_failed = matches!(lens.crypto.state.get(), WorkerState::Failed(_));
        let (status, pending, reason, key_used, warnings) = lens.verification.with(|view| match view {
            Some(view) => (
                view.report.status.clone(),
                view.pending,
                view.report.reason.clone(),
                view.report.key_used.clone(),
                view.report.warnings.clone(),
            ),
            None if key_given && !token_empty => (
                "error".to_string(),
                false,
                Some("the token does not decode: see the decode error".to_string()),
                None,
                Vec::new(),
            ),
            None => ("none".to_string(), false, None, None, Vec::new()),
        });
        let label = match status.as_str() {
            "valid" => "Signature verified",
            "invalid" => "Invalid signature",
            "error" => "Cannot verify",
            "pending" if lens.crypto.state.get() == WorkerState::Ready => "Checking…",
            "pending" => "Checking… (loading the crypto engine)",
            _ if token_empty => "Paste a token to verify its signature",
            _ if is_jwe => "A JWE has no signature to verify: the key above decrypts it (see Decryption)",
            _ => "No key: paste the secret or public key to verify the signature",
        };
        // Until the worker answers for these inputs the status is `pending`, never a final value.
        let data_status = if pending { "pending".to_string() } else { status.clone() };
        let shown_status = status.clone();
        view! {
            <div class="verdict" data-testid="verify-status" data-status=data_status data-shown=shown_status aria-busy=pending.then_some("true") role="status">
                <strong class="status-label">{label}</strong>
                {reason.map(|reason| view! { <p data-testid="verify-reason">{reason}</p> })}
                {key_used.map(|key| view! { <p class="muted">{format!("with {key}")}</p> })}
                {note_list("notes", warnings)}
                {worker_failed.then(|| view! {
                    <button type="button" class="small" data-testid="crypto-retry" on:click=move |_| lens.crypto.start()>
                        "Retry loading the crypto worker"
                    </button>
                })}
            </div>
        }
    }
}
