//! Decode status, header, payload and signature panels.

use leptos::prelude::*;

use super::state::use_lens;
use super::json_view::{claims_windowed, highlight_claim_under, object_view, payload_value_view, Highlight};
use crate::ui::shared::widgets::CopyButton;
use crate::jose::text::escape_invisible;
use crate::jose::token::{decode_header, DecodedToken, Payload, TokenKind};
use crate::jose::time::TimeStatus;
use crate::jose::JoseError;
use crate::ui::shared::browser;

#[component]
pub fn DecodeStatus() -> impl IntoView {
    let lens = use_lens();
    let status = move || {
        lens.decoded.with(|decoded| match decoded {
            Ok(token) if token.kind == TokenKind::Jwe => "jwe",
            Ok(_) => "ok",
            Err(_) => "error",
        })
    };
    let message = move || {
        lens.decoded.with(|decoded| match decoded {
            Ok(token) if token.kind == TokenKind::Jwe => view! { <span>{jwe_summary(token)}</span> }.into_any(),
            Ok(token) => view! {
                <span>{summary(token)}</span>
                {lens.vendor().map(|(_, summary)| view! { <span data-testid="vendor-summary">{format!(" {summary}.")}</span> })}
            }
            .into_any(),
            Err(error) => view! {
                <span class="error-text" data-testid="decode-error" role="alert">{error.to_string()}</span>
            }
            .into_any(),
        })
    };
    let empty = move || lens.decoded.with(|decoded| matches!(decoded, Err(JoseError::EmptyToken)));
    // What matters, in words: the signature (or decryption) and the time. The card is green only
    // when both are good, red when either is bad (never green for a bad signature, alg none or
    // an expired token).
    let verdict = move || {
        if status() == "error" {
            return None;
        }
        // A JWE is judged by its decryption (which authenticates it), a JWS by its signature.
        let (what, signature): (&str, (&str, &str)) = match lens.decryption() {
            Some(view) => ("Decryption", match view.status {
                "ok" => ("good", "decrypted and authenticated"),
                "error" => ("bad", "does not decrypt with this key"),
                "pending" => ("neutral", "decrypting…"),
                _ => ("neutral", "encrypted, no key"),
            }),
            None => ("Signature", {
                let unsigned = lens.decoded.with(|d| d.as_ref().ok().and_then(|t| t.alg()).is_some_and(|alg| alg.eq_ignore_ascii_case("none")));
                match lens.verification.with(|v| v.as_ref().map(|v| v.report.status.clone())).as_deref() {
                    _ if unsigned => ("bad", "unsigned (alg none)"),
                    Some("valid") => ("good", "verified"),
                    Some("invalid") => ("bad", "does not match the key"),
                    Some("error") => ("bad", "cannot be checked"),
                    Some("pending") => ("neutral", "checking…"),
                    _ => ("neutral", "not checked, no key"),
                }
            }),
        };
        let time = lens.time.with(|time| {
            time.as_ref().map(|time| match time.status {
                TimeStatus::Valid => ("good", "valid".to_string()),
                TimeStatus::Expired => ("bad", format!("expired {}", browser::relative(time.expires_in.unwrap_or_default()))),
                TimeStatus::NotYetValid => ("bad", format!("starts {}", browser::relative(time.starts_in.unwrap_or_default()))),
                TimeStatus::NoExp => ("neutral", "no expiry".to_string()),
            })
        });
        // The user's API rules count too: a token their API would reject is never green.
        let rejected = lens.validation.with(|text| text.starts_with("rejected"));
        let overall = match (signature.0, time.as_ref().map_or("neutral", |t| t.0)) {
            _ if rejected => "bad",
            ("bad", _) | (_, "bad") => "bad",
            ("good", "good" | "neutral") => "good",
            _ => "neutral",
        };
        let time = time.map_or("no claims".to_string(), |t| t.1);
        // "checking…" ends its sentence itself.
        let stop = if signature.1.ends_with('…') { "" } else { "." };
        // A token pasted with a trailing '.' is checked without it, but no API accepts it as is.
        let malformed = lens.decoded.with(|d| d.as_ref().is_ok_and(DecodedToken::malformed_as_pasted));
        let (overall, lead) = if malformed { ("bad", "Malformed as pasted (a '.' after the last segment): APIs reject it. Without that '.': ") } else { (overall, "") };
        Some((overall, format!("{lead}{what}: {}{stop} Time: {time}.", signature.1)))
    };
    view! {
        <div
            class="status-card p-status"
            data-testid="decode-status"
            data-status=status
            data-verdict=move || verdict().map(|(overall, _)| overall)
            data-empty=move || empty().then_some("true")
            aria-live="polite"
        >
            <strong class="status-label">
                {move || match status() {
                    // The heading agrees with the card's color.
                    "ok" => match verdict().map(|(overall, _)| overall) {
                        Some("good") => "Decoded and verified",
                        Some("bad") => "Decoded: not valid",
                        _ => "Decoded",
                    },
                    "jwe" => "Encrypted (JWE)",
                    _ if empty() => "Paste a token",
                    _ => "Cannot decode",
                }}
            </strong>
            {move || verdict().map(|(_, words)| view! { <p class="verdict-line" data-testid="verdict-summary">{words}</p> })}
            // What the rules panel (in the maker module) says the API would do.
            {move || lens.validation().filter(|_| status() != "error").map(|(status, summary, ..)| view! {
                <p class="verdict-line" data-testid="validation-summary" data-status=status>{summary}</p>
            })}
            {message}
        </div>
    }
}

fn jwe_summary(token: &DecodedToken) -> String {
    let member = |name: &str| token.header.get(name).and_then(|value| value.as_str()).unwrap_or("?").to_string();
    let (alg, enc) = (member("alg"), member("enc"));
    match (&token.inner, &token.payload) {
        (Some(inner), _) => format!("JWE ({alg}, {enc}), decrypted: a nested JWT signed with {}; its claims are shown.", inner.alg().unwrap_or("no alg")),
        (None, Payload::Encrypted) => format!("JWE ({alg}, {enc}): the header is decoded; paste the recipient's key to decrypt."),
        (None, payload) => format!("JWE ({alg}, {enc}), decrypted: {}.", payload_summary(payload)),
    }
}

fn payload_summary(payload: &Payload) -> String {
    match payload {
        Payload::Claims(claims) => format!("{} claim{}", claims.len(), if claims.len() == 1 { "" } else { "s" }),
        Payload::OtherJson(_) => "JSON payload that is not an object".into(),
        Payload::Text { .. } => "text payload".into(),
        Payload::Binary(bytes) => format!("binary payload of {} bytes", bytes.len()),
        Payload::Empty => "empty payload".into(),
        Payload::Encrypted => "encrypted payload".into(),
    }
}

fn summary(token: &DecodedToken) -> String {
    let alg = token.alg().unwrap_or("no alg");
    let typ = token.header.get("typ").and_then(|t| t.as_str()).map(|t| format!(", typ {t}")).unwrap_or_default();
    let payload = payload_summary(&token.payload);
    if alg.eq_ignore_ascii_case("none") {
        return format!("Unsigned JWS (\"alg\": \"{alg}\"){typ}; {payload}.");
    }
    format!("JWS signed with {alg}{typ}; {payload}; signature {} bytes.", token.signature.len())
}

#[component]
pub fn HeaderPanel() -> impl IntoView {
    let lens = use_lens();
    // When a later segment is broken, the header alone is still worth showing: (header, partial).
    // A memo, so a keystroke that leaves the header as it was (the signature, the payload) does not
    // touch this panel.
    let header = Memo::new(move |_| {
        lens.decoded.with(|decoded| match decoded {
            Ok(token) => Some((token.header.clone(), false)),
            Err(JoseError::EmptyToken) => None,
            Err(_) => decode_header(&lens.token()).map(|header| (header, true)),
        })
    });
    let shown = Memo::new(move |_| header.with(Option::is_some));
    let partial = Memo::new(move |_| header.with(|h| h.as_ref().is_some_and(|(_, partial)| *partial)));
    let header_text = Signal::derive(move || {
        header.with(|h| h.as_ref().map(|(header, _)| pretty(&serde_json::Value::Object(header.clone()))).unwrap_or_default())
    });
    let hovered = lens.hovered_claim;
    move || {
        shown.get().then(|| {
            view! {
                <section class="panel p-header" aria-labelledby="header-title">
                    <div class="panel-head">
                        <h2 id="header-title" class="seg-0-title">"Header"</h2>
                        <CopyButton text=header_text what="header"/>
                    </div>
                    {move || partial.get().then(|| view! {
                        <p class="note" data-testid="header-partial">"The header decodes; a later segment does not (see above)."</p>
                    })}
                    <pre
                        class="json"
                        data-testid="header-json"
                        tabindex="-1"
                        on:mouseover=move |event| highlight_claim_under(hovered, &event)
                        on:mouseleave=move |_| hovered.set(None)
                    >
                        {move || header.with(|h| h.as_ref().map(|(header, _)| object_view(header, Highlight { scope: "header", hovered })))}
                    </pre>
                </section>
            }
        })
    }
}

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

#[component]
pub fn PayloadPanel() -> impl IntoView {
    let lens = use_lens();
    let payload_text = Signal::derive(move || {
        lens.decoded.with(|d| match d.as_ref().map(|t| &t.payload) {
            Ok(Payload::Claims(claims)) => pretty(&serde_json::Value::Object(claims.clone())),
            Ok(Payload::OtherJson(value)) => pretty(value),
            Ok(Payload::Text { text, .. }) => text.clone(),
            _ => String::new(),
        })
    });
    // The section is built once per decodable token, and the claims' `pre` once per run of tokens
    // with claims; its content is rebuilt in place on each keystroke.
    let decodes = Memo::new(move |_| lens.decoded.with(Result::is_ok));
    let has_claims = Memo::new(move |_| lens.decoded.with(|d| d.as_ref().is_ok_and(|t| t.claims().is_some())));
    let hovered = lens.hovered_claim;
    // A windowed view is not the whole JSON: it is then `payload-view`, and a hidden
    // `payload-json` holds the whole JSON as one text node (the UI contract's "in full").
    let windowed = Memo::new(move |_| {
        lens.track_decoded_parts();
        lens.decoded.with_untracked(|d| d.as_ref().ok().and_then(|token| token.claims()).is_some_and(claims_windowed))
    });
    // On a phone a long payload starts folded, so the sections after it stay a short scroll away.
    let long = Memo::new(move |_| lens.decoded.with(|d| d.as_ref().ok().and_then(|t| t.claims()).is_some_and(|claims| claims.len() > 12)));
    // The fold is a class of the section, switched in the DOM by the button (no reactive state:
    // the start-up wasm stays small); CSS folds only a long payload's view.
    let fold = |event: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let Some(button) = event.current_target().and_then(|target| target.dyn_into::<web_sys::Element>().ok()) else { return };
        let Some(Ok(section)) = button.closest("section").transpose() else { return };
        let folded = section.class_list().toggle("folded").unwrap_or(false);
        let _ = button.set_attribute("aria-expanded", if folded { "false" } else { "true" });
        button.set_text_content(Some(if folded { "Show it all" } else { "Fold" }));
    };
    move || {
        let folded = browser::narrow_screen();
        decodes.get().then(|| {
            view! {
                <section class=if folded { "panel p-payload folded" } else { "panel p-payload" } class:long=move || long.get() aria-labelledby="payload-title">
                    <div class="panel-head">
                        <h2 id="payload-title" class="seg-1-title">"Payload"</h2>
                        <div class="actions">
                            <button type="button" class="small fold" aria-controls="payload-claims" aria-expanded=if folded { "false" } else { "true" } on:click=fold>
                                {if folded { "Show it all" } else { "Fold" }}
                            </button>
                            <CopyButton text=payload_text what="payload"/>
                        </div>
                    </div>
                    {move || has_claims.get().then(|| view! {
                        <pre
                            id="payload-claims"
                            class="json"
                            data-testid=move || if windowed.get() { "payload-view" } else { "payload-json" }
                            tabindex="-1"
                            on:mouseover=move |event| highlight_claim_under(hovered, &event)
                            on:mouseleave=move |_| hovered.set(None)
                        >
                            {move || {
                                lens.track_decoded_parts();
                                lens.decoded.with_untracked(|d| {
                                    let claims = d.as_ref().ok()?.claims()?;
                                    Some(object_view(claims, Highlight { scope: "payload", hovered }))
                                })
                            }}
                        </pre>
                    })}
                    {move || windowed.get().then(|| view! {
                        <pre hidden data-testid="payload-json">{move || payload_text.get()}</pre>
                    })}
                    {move || {
                        lens.track_decoded_parts();
                        lens.decoded.with_untracked(|d| d.as_ref().ok().and_then(|token| other_payload(&token.payload)))
                    }}
                </section>
            }
        })
    }
}

/// A payload that is not a claims set: JSON, text or hex, with a note saying what it is.
fn other_payload(payload: &Payload) -> Option<AnyView> {
    Some(match payload {
        Payload::Claims(_) => return None,
        Payload::OtherJson(value) => view! {
            <p class="note">"The payload is JSON but not an object, so it is not a JWT claims set."</p>
            <pre class="json" data-testid="payload-json" tabindex="-1">{payload_value_view(value)}</pre>
        }
        .into_any(),
        Payload::Text { text, json_error } => view! {
            <p class="note" data-testid="payload-note">
                {format!("The payload is not JSON ({json_error}); shown as text.")}
            </p>
            <pre class="text" data-testid="payload-text">{escape_invisible(text).into_owned()}</pre>
        }
        .into_any(),
        Payload::Binary(bytes) => view! {
            <p class="note" data-testid="payload-note">
                {format!("The payload is {} bytes of binary data (not UTF-8); shown as hex.", bytes.len())}
            </p>
            <pre class="text">{hex(bytes, 4096)}</pre>
        }
        .into_any(),
        Payload::Empty => view! {
            <p class="note" data-testid="payload-note">
                "The payload segment is empty: the content may be detached (RFC 7515 Appendix F)."
            </p>
        }
        .into_any(),
        Payload::Encrypted => view! {
            <p class="note" data-testid="payload-note">"The content is encrypted (JWE)."</p>
        }
        .into_any(),
    })
}

/// Lowercase hex with a space every byte, cut after `limit` bytes.
fn hex(bytes: &[u8], limit: usize) -> String {
    let mut out: Vec<String> = bytes.iter().take(limit).map(|b| format!("{b:02x}")).collect();
    if bytes.len() > limit {
        out.push(format!("… ({} more bytes)", bytes.len() - limit));
    }
    out.join(" ")
}

#[component]
pub fn SignaturePanel() -> impl IntoView {
    let lens = use_lens();
    move || {
        lens.decoded.with(|decoded| {
            let token = decoded.as_ref().ok()?;
            let body = if token.kind == TokenKind::Jwe {
                let rows = token
                    .segments
                    .iter()
                    .skip(1)
                    .map(|segment| {
                        let length = segment.byte_len.map_or("not valid base64url".to_string(), |n| format!("{n} bytes"));
                        view! { <tr><th scope="row">{segment.part.name()}</th><td>{length}</td></tr> }
                    })
                    .collect_view();
                view! { <table class="kv">{rows}</table> }.into_any()
            } else {
                let encoded = token.segments.get(2).map(|s| s.text.clone()).unwrap_or_default();
                let length = match &token.signature_error {
                    Some(error) => error.to_string(),
                    None if encoded.is_empty() => "none: the token is unsigned".to_string(),
                    None => format!("{} bytes", token.signature.len()),
                };
                view! {
                    <table class="kv">
                        <tr><th scope="row">"Length"</th><td data-testid="signature-length">{length}</td></tr>
                        <tr><th scope="row">"base64url"</th><td class="mono wrap">{encoded}</td></tr>
                        <tr><th scope="row">"hex"</th><td class="mono hex">{hex(&token.signature, 1024)}</td></tr>
                    </table>
                }
                .into_any()
            };
            Some(view! {
                <section class="panel p-signature" aria-labelledby="signature-title">
                    <div class="panel-head">
                        <h2 id="signature-title" class="seg-2-title">
                            {if token.kind == TokenKind::Jwe { "Encrypted parts" } else { "Signature" }}
                        </h2>
                    </div>
                    {body}
                </section>
            })
        })
    }
}
