//! Security findings, most severe first, with the lifetime threshold setting.

use leptos::prelude::*;

use super::state::{use_lens, Lens};
use crate::jose::keys::SecretEncoding;
use crate::ui::shared::widgets::NumberSetting;
use crate::jose::findings::DEFAULT_MAX_LIFETIME;

/// For a token found signed with a known secret (or the empty key): a button that puts the secret
/// in the key box, so the token verifies and can be edited and re-signed.
fn use_secret_button(lens: Lens, code: &str) -> Option<impl IntoView> {
    if !matches!(code, "known-secret" | "empty-secret") {
        return None;
    }
    let secret = lens.crypto.known.with_untracked(|known| known.as_ref()?.secret.clone())?;
    // An empty key cannot be typed in the key box: the worker reads an empty box as "no key".
    (!secret.is_empty()).then(|| {
        view! {
            <button type="button" class="small" data-testid="use-known-secret" on:click=move |_| {
                lens.secret_encoding.set(SecretEncoding::Utf8);
                lens.key_text.set(secret.clone());
            }>"Put it in the key box"</button>
        }
    })
}

#[component]
pub fn FindingsPanel() -> impl IntoView {
    let lens = use_lens();
    // Said only while the key is a secret (an HMAC key, or a JWE's shared key or password).
    let list_status = move || {
        let listed = lens.current_answer(&lens.token()).map_or(0, |answer| answer.report.known_secrets_listed);
        (listed > 0).then(|| format!("HMAC secrets are checked, in this page, against a bundled list of {listed} leaked or default secrets."))
    };
    let items = move || {
        lens.texts.track();
        lens.findings.with(|findings| {
            if findings.is_empty() {
                return view! { <p class="muted" data-testid="no-findings">"No security findings."</p> }.into_any();
            }
            view! {
                <ul class="findings">
                    {findings
                        .iter()
                        .map(|finding| {
                            view! {
                                <li class="finding" data-testid="finding" data-code=finding.code
                                    data-severity=finding.severity.as_str()>
                                    <span class="severity">{finding.severity.as_str()}</span>
                                    <strong>{finding.title.clone()}</strong>
                                    <code class="code">{finding.code}</code>
                                    {use_secret_button(lens, finding.code)}
                                    <p>{if finding.advice.is_empty() {
                                        lens.texts.with(|texts| {
                                            texts.as_ref().and_then(|texts| texts.advice(finding.code)).unwrap_or_default().to_string()
                                        })
                                    } else {
                                        finding.advice.clone()
                                    }}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        })
    };
    // Built once per run of decodable tokens (`decoded_parts` does not change with the signature),
    // so a keystroke rebuilds only the list.
    move || {
        lens.decoded_parts.with(Option::is_some).then(|| {
            view! {
                <section class="panel p-findings" aria-labelledby="findings-title">
                    <div class="panel-head">
                        <h2 id="findings-title">"Security findings"</h2>
                        <NumberSetting label="Flag lifetimes over (h)" testid="max-lifetime"
                            value=lens.max_lifetime_hours fallback=DEFAULT_MAX_LIFETIME / 3600.0/>
                    </div>
                    {items}
                    {move || list_status().map(|status| view! { <p class="note" data-testid="secret-list-status">{status}</p> })}
                </section>
            }
        })
    }
}
