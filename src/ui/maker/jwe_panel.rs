//! A JWE's decryption panel: its status with the key box's key, and for a nested JWT the inner
//! token's header, its own key box and verdict. The reader works the decryption out and sends it
//! here as text (`reader::decryption`, a [`DecryptionShown`]); the panel lives in the maker module,
//! mounted into the reader's `#decrypt-slot`, so its view is not part of the start-up download (a
//! JWE needs the crypto worker, which loads after the first view anyway).

use leptos::prelude::*;

use crate::ui::shared::bridge::{self, DecryptionShown};
use crate::ui::shared::widgets::note_list;

/// The panel (in the maker module): hidden until the reader reads a JWE.
#[component]
pub fn DecryptPanel(shown: RwSignal<Option<DecryptionShown>>) -> impl IntoView {
    let field = move |read: fn(&DecryptionShown) -> &String| shown.with(|shown| shown.as_ref().map(read).cloned().unwrap_or_default());
    let status = move || field(|s| &s.status);
    let inner_status = move || field(|s| &s.inner_status);
    let nested = Memo::new(move |_| !field(|s| &s.inner_header).is_empty());
    // The inner key as typed; the reader has its own copy, which the worker's request reads.
    let inner_key = RwSignal::new(String::new());
    move || {
        shown.with(Option::is_some).then(|| {
            view! {
                <section class="panel p-decrypt" aria-labelledby="decrypt-title">
                    <div class="panel-head"><h2 id="decrypt-title">"Decryption"</h2></div>
                    <div class="verdict" data-testid="decrypt-status" data-status=status data-shown=status role="status">
                        <strong class="status-label">
                            {move || match status().as_str() {
                                "ok" => "Decrypted and authenticated",
                                "error" => "Cannot decrypt",
                                "pending" => "Decrypting…",
                                _ => "Paste the recipient's key above to decrypt",
                            }}
                        </strong>
                        {move || {
                            let (reason, key_used) = (field(|s| &s.reason), field(|s| &s.key_used));
                            if !reason.is_empty() {
                                view! { <p data-testid="decrypt-reason">{reason}</p> }.into_any()
                            } else if !key_used.is_empty() {
                                view! { <p>{format!("with {key_used}")}</p> }.into_any()
                            } else if status() == "none" {
                                view! { <p>"A private key (PEM or JWK), a JWKS, a shared secret, or for PBES2 the password."</p> }.into_any()
                            } else {
                                ().into_any()
                            }
                        }}
                    </div>
                    {move || nested.get().then(|| view! {
                        <h3>"Nested JWT: the inner signed token"</h3>
                        <pre class="json" data-testid="inner-header-json">{move || field(|s| &s.inner_header)}</pre>
                        <label class="encoder-field">
                            <span>"Key that verifies the inner token"</span>
                            <textarea
                                data-testid="inner-key-input"
                                rows="3"
                                spellcheck="false"
                                autocomplete="off"
                                placeholder="Secret, public PEM, certificate, JWK or JWKS"
                                prop:value=move || inner_key.get()
                                on:input:target=move |ev| {
                                    inner_key.set(ev.target().value());
                                    bridge::to_reader(&["inner-key", &ev.target().value()]);
                                }
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
                                let reason = field(|s| &s.inner_reason);
                                let key_used = field(|s| &s.inner_key_used);
                                view! {
                                    {(!reason.is_empty()).then(|| view! { <p data-testid="inner-verify-reason">{reason}</p> })}
                                    {note_list("notes", if key_used.is_empty() { Vec::new() } else { vec![format!("with {key_used}")] })}
                                }
                            }}
                        </div>
                    })}
                </section>
            }
        })
    }
}
