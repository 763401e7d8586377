//! Making a token: header and payload editors checked as they are typed, the signing key box, and
//! the token made on every edit (signed in the crypto worker).

use leptos::prelude::*;
use serde_json::Value;

use crate::ui::shared::bridge::{encoding_name, to_reader};
use super::state::{check_header, use_encoder, use_maker, with_member};
use crate::ui::shared::browser;
use crate::ui::shared::crypto::WorkerState;
use crate::ui::shared::widgets::ConvertButton;
use crate::ui::shared::widgets::{editor, note_list, CopyButton, SecretEncodingChoice};
use crate::engine::protocol::{SignOutcome, SignRequest};
use crate::jose::jwe::KeyManagement;
use crate::jose::jws::{unsigned, Alg};
use crate::jose::keys::SecretEncoding;
use crate::jose::token::json_error_message;

const SEGMENT_CLASSES: [&str; 3] = ["seg-0", "seg-1", "seg-2"];

/// A payload that looks like JSON must be JSON; any other text is signed as it is.
fn check_payload(text: &str) -> Result<(), String> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        serde_json::from_str::<Value>(text)
            .map(|_| ())
            .map_err(|error| format!("payload: JSON error at line {} column {}: {}", error.line(), error.column(), json_error_message(&error)))
    } else {
        Ok(())
    }
}

/// A random UUID from the browser's CSPRNG (`crypto.randomUUID`).
fn random_uuid() -> Option<String> {
    use wasm_bindgen::JsCast;
    let crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into()).ok()?;
    let function: js_sys::Function = js_sys::Reflect::get(&crypto, &"randomUUID".into()).ok()?.dyn_into().ok()?;
    function.call0(&crypto).ok()?.as_string()
}

/// Buttons that set the usual claims, and the payload's time claims as dates.
#[component]
fn ClaimHelpers() -> impl IntoView {
    let lens = use_maker();
    let encoder = use_encoder();
    let set = move |name: &'static str, value: Value| {
        if let Some(payload) = encoder.payload.with_untracked(|payload| with_member(payload, name, value)) {
            encoder.compact.set(true);
            encoder.payload.set(payload);
        }
    };
    let thumbprint = move || {
        lens.crypto.signed.with(|signed| match signed {
            Some((request, SignOutcome::Token { thumbprint, .. })) if encoder.key.with(|key| *key == request.key) => Some(thumbprint.clone()),
            _ => None,
        })
    };
    // One menu rather than a button per helper: each button costs the page's wasm about 1 kB.
    let apply = move |choice: &str| {
        // Whole seconds, as NumericDates usually are.
        let now = lens.now.get_untracked() as i64;
        match choice {
            "iat" => set("iat", now.into()),
            "nbf" => set("nbf", now.into()),
            "exp-5m" => set("exp", (now + 300).into()),
            "exp-1h" => set("exp", (now + 3600).into()),
            "exp-1d" => set("exp", (now + 86_400).into()),
            "jti" => {
                if let Some(uuid) = random_uuid() {
                    set("jti", uuid.into());
                }
            }
            "kid" => {
                let header = thumbprint().and_then(|kid| encoder.header.with_untracked(|header| with_member(header, "kid", kid.into())));
                if let Some(header) = header {
                    encoder.header.set(header);
                }
            }
            _ => {}
        }
    };
    // The payload's time claims as dates, as one line of text (a list of views would cost the
    // page's wasm more than this whole panel's helpers).
    let dates = move || {
        let payload: Option<Value> = encoder.payload.with(|payload| serde_json::from_str(payload).ok());
        let claims = payload.as_ref().and_then(Value::as_object).map(crate::jose::time::time_claims).unwrap_or_default();
        let now = lens.now.get();
        let lines: Vec<String> = claims
            .into_iter()
            .filter_map(|claim| {
                let seconds = claim.seconds?;
                Some(format!("{}: {} ({})", claim.name, browser::local_date(seconds)?, browser::relative(seconds - now)))
            })
            .collect();
        lines.join(" · ")
    };
    view! {
        <div class="claim-helpers" role="group" aria-label="Set claims">
            <select data-testid="claim-helper" aria-label="Set a claim" on:change:target=move |ev| {
                apply(&ev.target().value());
                ev.target().set_value("");
            }>
                <option value="">"Set a claim…"</option>
                <option value="iat">"iat = now"</option>
                <option value="nbf">"nbf = now"</option>
                <option value="exp-5m">"exp = now + 5 min"</option>
                <option value="exp-1h">"exp = now + 1 h"</option>
                <option value="exp-1d">"exp = now + 1 day"</option>
                <option value="jti">"jti = random UUID"</option>
                <option value="kid" prop:disabled=move || thumbprint().is_none()>"kid (header) = the signing key's thumbprint"</option>
            </select>
            <label class="setting">
                "exp at "
                <input type="datetime-local" data-testid="claim-exp-date" on:change:target=move |ev| {
                    // Local time, as the input shows it.
                    let millis = js_sys::Date::new(&ev.target().value().into()).get_time();
                    if millis.is_finite() {
                        set("exp", ((millis / 1000.0) as i64).into());
                    }
                }/>
            </label>
        </div>
        <p class="muted encode-dates" data-testid="encode-dates">{dates}</p>
    }
}

/// What the encoder shows: `(status, token, reason, notes)`.
type Outcome = (&'static str, Option<String>, Option<String>, Vec<String>);

#[component]
pub fn EncoderPanel() -> impl IntoView {
    let lens = use_maker();
    let encoder = use_encoder();
    let checked = Memo::new(move |_| {
        let alg = encoder.header.with(|header| check_header(header))?;
        encoder.payload.with(|payload| check_payload(payload))?;
        Ok::<String, String>(alg)
    });
    // Sign whenever the inputs change and there is something to sign.
    Effect::new(move |_| {
        let Ok(alg) = checked.get() else { return };
        let request = encoder.request();
        if encoder.unsigned.get() || alg.eq_ignore_ascii_case("none") || request.key.trim().is_empty() {
            return;
        }
        lens.crypto.sign(request);
    });
    let outcome = Memo::new(move |_| -> Outcome {
        let alg = match checked.get() {
            Ok(alg) => alg,
            Err(reason) => return ("error", None, Some(reason), Vec::new()),
        };
        let wanted = encoder.request();
        let (header, payload) = (wanted.header.clone(), wanted.payload.clone());
        if encoder.unsigned.get() {
            if !alg.eq_ignore_ascii_case("none") {
                return ("error", None, Some(format!("an unsigned token says \"alg\": \"none\"; the header says \"{alg}\": pick \"none\"")), Vec::new());
            }
            let note = "unsigned: anyone can make this token, and a verifier must refuse it".to_string();
            return ("ok", Some(unsigned(&header, &payload)), None, vec![note]);
        }
        if alg.eq_ignore_ascii_case("none") {
            return ("error", None, Some("\"alg\": \"none\" makes an unsigned token: tick \"unsigned token\" to make one on purpose".into()), Vec::new());
        }
        if wanted.key.trim().is_empty() {
            return ("none", None, None, Vec::new());
        }
        if let WorkerState::Failed(message) = lens.crypto.state.get() {
            return ("error", None, Some(format!("cannot sign: {message}")), Vec::new());
        }
        let encrypting = header.contains("\"enc\"");
        lens.crypto.signed.with(|signed| match signed {
            Some((request, outcome)) if SignRequest { generation: request.generation, ..wanted.clone() } == **request => {
                match outcome {
                    SignOutcome::Token { token, key_used, warnings, .. } => {
                        let mut notes = vec![format!("{} with {key_used}", if encrypting { "encrypted" } else { "signed" })];
                        notes.extend(warnings.iter().cloned());
                        ("ok", Some(token.clone()), None, notes)
                    }
                    SignOutcome::Error { message } => ("error", None, Some(message.clone()), Vec::new()),
                }
            }
            _ => ("pending", None, None, Vec::new()),
        })
    });
    let token = Signal::derive(move || outcome.with(|(_, token, _, _)| token.clone().unwrap_or_default()));
    // A JWE algorithm also sets `enc` (A256GCM unless one is there); a JWS one removes it.
    let pick_alg = move |alg: String| {
        encoder.unsigned.set(alg == "none");
        let encrypting = KeyManagement::from_name(&alg).is_some();
        let header = encoder.header.with_untracked(|header| {
            let Ok(Value::Object(mut object)) = serde_json::from_str::<Value>(header) else { return None };
            object.insert("alg".into(), alg.into());
            if encrypting {
                object.entry("enc").or_insert("A256GCM".into());
            } else {
                object.shift_remove("enc");
            }
            serde_json::to_string_pretty(&Value::Object(object)).ok()
        });
        if let Some(header) = header {
            encoder.compact.set(true);
            encoder.header.set(header);
        }
    };
    let options = |names: &[&'static str]| names.iter().map(|name| view! { <option value=*name>{*name}</option> }).collect_view();
    let signing_names: Vec<&'static str> = Alg::ALL.into_iter().map(|alg| alg.name()).chain(["none"]).collect();
    let alg_options = view! {
        <optgroup label="Sign (JWS)">{options(&signing_names)}</optgroup>
        <optgroup label="Encrypt (JWE)">{options(&KeyManagement::NAMES)}</optgroup>
    };
    let encrypting = move || encoder.header.with(|header| header.contains("\"enc\""));
    // The header (and its encoding) before "unsigned" was ticked, and the header ticking made.
    let before_unsigned = StoredValue::new(None::<(String, bool, String)>);
    let open_in_reader = move |_| {
        let Some(token) = outcome.with_untracked(|(_, token, _, _)| token.clone()) else { return };
        let (mut key, mut encoding) = (String::new(), SecretEncoding::Utf8);
        if !encoder.unsigned.get_untracked() {
            // The reader verifies with the public part of the private key (never the private key
            // itself), or with the same secret.
            let public = lens.crypto.signed.with_untracked(|signed| match signed {
                Some((_, SignOutcome::Token { public_jwk, .. })) if !public_jwk.is_empty() => Some(public_jwk.clone()),
                _ => None,
            });
            let secret = (encoder.key.get_untracked(), encoder.encoding.get_untracked());
            (key, encoding) = public.map_or(secret, |public| (public, SecretEncoding::Utf8));
        }
        to_reader(&["open", &token, &key, encoding_name(encoding)]);
    };
    view! {
        <section class="panel p-encoder" id="encoder" aria-labelledby="encoder-title">
            <div class="panel-head">
                <h2 id="encoder-title">"Make a token"</h2>
                <label class="setting">
                    "Algorithm "
                    <select
                        data-testid="encode-alg"
                        prop:value=move || match checked.get() {
                            Ok(alg) => alg,
                            Err(_) => String::new(),
                        }
                        on:change:target=move |ev| pick_alg(ev.target().value())
                    >
                        {alg_options}
                    </select>
                </label>
            </div>
            <div class="encoder-grid">
                {editor("Header", "encode-header", 5, encoder.header, "")}
                {editor("Payload", "encode-payload", 8, encoder.payload, "")}
                {editor(
                    "Signing key, or for a JWE the recipient's key",
                    "sign-key",
                    5,
                    encoder.key,
                    "Signing: secret, private PEM or JWK. JWE: recipient's public key, shared key or password",
                )}
            </div>
            {move || encrypting().then(|| view! {
                <details class="nested" data-testid="encode-nested">
                    <summary>"Nested JWT: sign the payload first, then encrypt the signed token"</summary>
                    <div class="encoder-grid">
                        {editor("Inner JWS header", "encode-inner-header", 2, encoder.inner_header, "")}
                        {editor("Inner signing key (empty: not nested)", "encode-inner-key", 3, encoder.inner_key, "secret, private PEM or JWK")}
                    </div>
                </details>
            })}
            <ClaimHelpers/>
            <div class="options">
                <SecretEncodingChoice encoding=encoder.encoding key=encoder.key testid_prefix="sign-"/>
                <ConvertButton testid="convert-sign-key" key=encoder.key encoding=encoder.encoding password=encoder.password/>
                <label class="check">
                    <input
                        type="checkbox"
                        data-testid="encode-unsigned"
                        prop:checked=move || encoder.unsigned.get()
                        on:change:target=move |ev| {
                            let unsigned = ev.target().checked();
                            encoder.unsigned.set(unsigned);
                            if unsigned {
                                // Ticked: alg none, the header as typed kept to come back to.
                                let before = (encoder.header.get_untracked(), encoder.compact.get_untracked());
                                encoder.set_alg("none");
                                before_unsigned.set_value(Some((before.0, before.1, encoder.header.get_untracked())));
                            } else {
                                // Unticked: the header as it was, exactly, unless it was edited
                                // meanwhile (then only its alg goes back).
                                match before_unsigned.get_value() {
                                    Some((header, compact, made)) if encoder.header.with_untracked(|now| *now == made) => {
                                        encoder.header.set(header);
                                        encoder.compact.set(compact);
                                    }
                                    Some((header, ..)) => {
                                        let alg = check_header(&header).ok().filter(|alg| alg != "none").unwrap_or_else(|| "HS256".into());
                                        encoder.set_alg(&alg);
                                    }
                                    None => encoder.set_alg("HS256"),
                                }
                                before_unsigned.set_value(None);
                            }
                        }
                    />
                    "unsigned token (alg none)"
                </label>
                <label class="setting">
                    "Key password "
                    <input
                        type="password"
                        data-testid="sign-key-password"
                        autocomplete="off"
                        placeholder="for encrypted keys"
                        prop:value=move || encoder.password.get()
                        on:input:target=move |ev| encoder.password.set(ev.target().value())
                    />
                </label>
            </div>
            // The result, a stable element that "Sign with it" moves the focus to: the next Tab
            // reaches "Copy token".
            <div id="encode-result">{move || {
                let (status, token, reason, notes) = outcome.get();
                let label = match status {
                    "ok" => "Token made",
                    "error" => "Cannot make the token",
                    "pending" => "Working…",
                    _ => "Paste a secret or a private key to sign (for a JWE: the recipient's key)",
                };
                view! {
                    <div class="verdict" data-testid="encode-status" data-status=status data-shown=status role="status">
                        <strong class="status-label">{label}</strong>
                        {reason.map(|reason| view! { <p data-testid="encode-reason">{reason}</p> })}
                        {note_list("notes", notes)}
                    </div>
                    {token.map(|token| {
                        // Colored segments whose text, joined, is the token exactly.
                        let parts: Vec<String> = token.split('.').map(str::to_string).collect();
                        let count = parts.len();
                        let spans = parts
                            .into_iter()
                            .enumerate()
                            .map(|(index, part)| {
                                let dot = (index + 1 < count).then(|| view! { <span class="seg-dot">"."</span> });
                                view! { <span class=SEGMENT_CLASSES[index.min(2)]>{part}</span>{dot} }
                            })
                            .collect_view();
                        view! { <div class="encoded" data-testid="encoded-token">{spans}</div> }
                    })}
                }
            }}</div>
            <div class="panel-actions">
                <CopyButton text=token what="token"/>
                <button type="button" class="small" data-testid="encode-open-in-reader" on:click=open_in_reader>
                    "Open in the reader"
                </button>
            </div>
        </section>
    }
}
