//! A JWE's decryption: its status with the key box's key, and for a nested JWT the inner token's
//! header, its own key box and verdict.

use leptos::prelude::*;

use super::app::use_lens;
use super::widgets::note_list;

#[component]
pub fn DecryptPanel() -> impl IntoView {
    let lens = use_lens();
    let shown = Memo::new(move |_| lens.decryption().is_some());
    let inner_header = Memo::new(move |_| {
        lens.decoded.with(|decoded| {
            let inner = decoded.as_ref().ok()?.inner.as_ref()?;
            serde_json::to_string_pretty(&inner.header).ok()
        })
    });
    let status = move || lens.decryption().map_or("none", |view| view.status);
    let inner_status = move || {
        lens.decryption().and_then(|view| view.inner).map_or("pending".to_string(), |inner| inner.status)
    };
    move || {
        shown.get().then(|| {
            view! {
                <section class="panel p-decrypt" aria-labelledby="decrypt-title">
                    <div class="panel-head"><h2 id="decrypt-title">"Decryption"</h2></div>
                    <div class="verdict" data-testid="decrypt-status" data-status=status data-shown=status role="status">
                        <strong class="status-label">
                            {move || match status() {
                                "ok" => "Decrypted and authenticated",
                                "error" => "Cannot decrypt",
                                "pending" => "Decrypting…",
                                _ => "Paste the recipient's key above to decrypt",
                            }}
                        </strong>
                        {move || {
                            let view = lens.decryption()?;
                            Some(match (&view.reason, &view.key_used) {
                                (Some(reason), _) => view! { <p data-testid="decrypt-reason">{reason.clone()}</p> }.into_any(),
                                (None, Some(key)) => view! { <p>{format!("with {key}")}</p> }.into_any(),
                                _ if view.status == "none" => view! {
                                    <p>"A private key (PEM or JWK), a JWKS, a shared secret, or for PBES2 the password."</p>
                                }
                                .into_any(),
                                _ => ().into_any(),
                            })
                        }}
                    </div>
                    {move || inner_header.get().map(|header| view! {
                        <h3>"Nested JWT: the inner signed token"</h3>
                        <pre class="json" data-testid="inner-header-json">{header}</pre>
                        <label class="encoder-field">
                            <span>"Key that verifies the inner token"</span>
                            <textarea
                                data-testid="inner-key-input"
                                rows="3"
                                spellcheck="false"
                                autocomplete="off"
                                placeholder="Secret, public PEM, certificate, JWK or JWKS"
                                prop:value=move || lens.inner_key_text.get()
                                on:input:target=move |ev| lens.inner_key_text.set(ev.target().value())
                            ></textarea>
                        </label>
                        <div class="verdict" data-testid="inner-verify-status" data-status=inner_status data-shown=inner_status role="status">
                            <strong class="status-label">
                                {move || match inner_status().as_str() {
                                    "valid" => "Inner signature verified",
                                    "invalid" => "Inner signature does not match",
                                    "error" => "Cannot verify the inner token",
                                    "none" => "Paste the key that verifies the inner token",
                                    _ => "Checking…",
                                }}
                            </strong>
                            {move || {
                                let inner = lens.decryption()?.inner?;
                                let reason = inner.reason.clone().map(|reason| view! { <p data-testid="inner-verify-reason">{reason}</p> });
                                Some(view! { {reason} {note_list("notes", inner.key_used.iter().map(|key| format!("with {key}")).collect())} })
                            }}
                        </div>
                    })}
                </section>
            }
        })
    }
}
