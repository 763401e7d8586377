//! A JWE's decryption: its status with the key box's key, and for a nested JWT the inner token's
//! header, its own key box and verdict. The reader works it out (`Lens::decryption`, from the
//! crypto worker's answer) and sends it here as text (`send_decryption`); the panel itself lives in
//! the maker module, mounted into the reader's `#decrypt-slot`, so its view is not part of the
//! start-up download (a JWE needs the crypto worker, which loads after the first view anyway).

use leptos::prelude::*;

use super::widgets::note_list;

/// What the decryption panel shows: the reader's [`super::app::DecryptView`] as text ("" = none).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DecryptionShown {
    /// `none`, `pending`, `ok` or `error`.
    pub status: String,
    pub reason: String,
    pub key_used: String,
    /// For a nested JWT: the inner header as JSON ("" when the plaintext is not a JWS).
    pub inner_header: String,
    /// The inner token's verdict: `pending` until the worker answers, then as `verify-status`.
    pub inner_status: String,
    pub inner_reason: String,
    pub inner_key_used: String,
}

impl DecryptionShown {
    /// The fields in the order [`DecryptionShown::fields`] writes them.
    pub fn from_fields(fields: &[String]) -> DecryptionShown {
        let field = |index: usize| fields.get(index).cloned().unwrap_or_default();
        DecryptionShown {
            status: field(0),
            reason: field(1),
            key_used: field(2),
            inner_header: field(3),
            inner_status: field(4),
            inner_reason: field(5),
            inner_key_used: field(6),
        }
    }

    pub fn fields(&self) -> [&str; 7] {
        [
            &self.status,
            &self.reason,
            &self.key_used,
            &self.inner_header,
            &self.inner_status,
            &self.inner_reason,
            &self.inner_key_used,
        ]
    }
}

/// Sends the reader's decryption view to the maker whenever it changes (`["decryption", fields...]`,
/// or `["decryption"]` once when the token is no longer a JWE). Nothing is sent, and the maker is
/// not loaded for it, while no JWE is being read.
pub fn send_decryption(lens: super::app::Lens) {
    let panel_shown = StoredValue::new(false);
    Effect::new(move |_| {
        let Some(view) = lens.decryption() else {
            if panel_shown.get_value() {
                panel_shown.set_value(false);
                super::bridge::to_maker(&["decryption"]);
            }
            return;
        };
        let inner_header = lens.decoded.with(|decoded| {
            let inner = decoded.as_ref().ok()?.inner.as_ref()?;
            serde_json::to_string_pretty(&inner.header).ok()
        });
        panel_shown.set_value(true);
        let inner = view.inner.unwrap_or(crate::jose::jws::VerdictReport {
            status: "pending".into(),
            reason: None,
            key_used: None,
            warnings: Vec::new(),
        });
        let shown = DecryptionShown {
            status: view.status.to_string(),
            reason: view.reason.unwrap_or_default(),
            key_used: view.key_used.unwrap_or_default(),
            inner_header: inner_header.unwrap_or_default(),
            inner_status: inner.status,
            inner_reason: inner.reason.unwrap_or_default(),
            inner_key_used: inner.key_used.unwrap_or_default(),
        };
        let mut message = vec!["decryption"];
        message.extend(shown.fields());
        super::bridge::to_maker(&message);
    });
}

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
                                    super::bridge::to_reader(&["inner-key", &ev.target().value()]);
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
