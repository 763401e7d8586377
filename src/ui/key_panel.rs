//! The key box, its encoding options, what key was detected, and the verification verdict.

use leptos::prelude::*;

use super::app::use_lens;
use super::widgets::note_list;
use crate::jose::JoseError;
use crate::jose::keys::{is_secret_text, KeyInput, SecretEncoding};

#[component]
pub fn KeyPanel() -> impl IntoView {
    let lens = use_lens();
    // The encodings apply to secrets only: PEM and JWK/JWKS are recognised by how they start.
    let not_a_secret = move || lens.key_text.with(|text| !is_secret_text(text));
    let encoding_box = move |encoding: SecretEncoding, testid: &'static str, label: &'static str| {
        view! {
            <label class="check" title=move || not_a_secret().then_some("applies to secrets only, not to PEM or JWK")>
                <input
                    type="checkbox"
                    data-testid=testid
                    prop:disabled=not_a_secret
                    prop:checked=move || lens.secret_encoding.get() == encoding
                    on:change:target=move |ev| {
                        lens.secret_encoding.set(if ev.target().checked() { encoding } else { SecretEncoding::Utf8 })
                    }
                />
                {label}
            </label>
        }
    };
    view! {
        <section class="panel p-key" aria-labelledby="key-title">
            <div class="panel-head">
                <h2 id="key-title">"Verify signature"</h2>
                <button type="button" class="small" on:click=move |_| lens.key_text.set(String::new())>"Clear"</button>
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
                {encoding_box(SecretEncoding::Base64, "secret-base64", "secret is base64 / base64url")}
                {encoding_box(SecretEncoding::Hex, "secret-hex", "secret is hex")}
            </div>
            <KeySummary/>
            <VerifyStatus/>
        </section>
    }
}

/// What the key box was read as, or why it could not be read.
#[component]
fn KeySummary() -> impl IntoView {
    let lens = use_lens();
    move || {
        lens.key.with(|key| match key {
            Ok(None) => None,
            Ok(Some(KeyInput::Single(key))) => Some(
                view! {
                    <div class="key-summary" data-testid="key-summary">
                        <span class="muted">"Key: "</span>{key.description.clone()}
                    </div>
                }
                .into_any(),
            ),
            Ok(Some(KeyInput::Set { keys, skipped })) => {
                let items = keys.iter().map(|k| view! { <li>{k.description.clone()}</li> }).collect_view();
                let skipped = note_list("notes", skipped.iter().map(|s| format!("skipped {s}")).collect());
                Some(
                    view! {
                        <div class="key-summary" data-testid="key-summary">
                            <span class="muted">{format!("JWKS with {} usable key(s):", keys.len())}</span>
                            <ul>{items}</ul>
                            {skipped}
                        </div>
                    }
                    .into_any(),
                )
            }
            Err(error) => Some(
                view! {
                    <div class="key-summary error-text" data-testid="key-error">{error.to_string()}</div>
                }
                .into_any(),
            ),
        })
    }
}

#[component]
fn VerifyStatus() -> impl IntoView {
    let lens = use_lens();
    move || {
        let key_given = lens.key.with(|key| !matches!(key, Ok(None)));
        let token_empty = lens.decoded.with(|decoded| matches!(decoded, Err(JoseError::EmptyToken)));
        let (status, reason, key_used, warnings) = lens.verification.with(|verification| match verification {
            Some(v) => (v.verdict.status(), v.verdict.reason(), v.key_used.clone(), v.warnings.clone()),
            None if key_given && !token_empty => (
                "error",
                Some("the token does not decode: see the decode error".to_string()),
                None,
                Vec::new(),
            ),
            None => ("none", None, None, Vec::new()),
        });
        let label = match status {
            "valid" => "Signature verified",
            "invalid" => "Invalid signature",
            "error" => "Cannot verify",
            _ if token_empty => "Paste a token to verify its signature",
            _ => "No key: paste the secret or public key to verify the signature",
        };
        view! {
            <div class="verdict" data-testid="verify-status" data-status=status role="status">
                <strong class="status-label">{label}</strong>
                {reason.map(|reason| view! { <p data-testid="verify-reason">{reason}</p> })}
                {key_used.map(|key| view! { <p class="muted">{format!("with {key}")}</p> })}
                {note_list("notes", warnings)}
            </div>
        }
    }
}
