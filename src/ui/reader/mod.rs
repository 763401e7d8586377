//! The reader: the page's first wasm module (bin `jwt-lens`), everything the first decoded view
//! needs and nothing else. Its panels read the memos of [`state::Lens`]; this module lays them out
//! and wires the page-wide behaviour (paste anywhere, the maker's requests, the worker's start after
//! the first view). What is not needed for reading a token lives in the maker module
//! (`super::maker`), loaded after the first view; both use `super::shared`.

mod claims_panel;
mod decoded_panels;
mod decryption;
mod findings_panel;
mod json_view;
mod key_panel;
mod rules;
pub mod state;
mod time_panel;
mod token_panel;

use leptos::prelude::*;
use std::sync::Arc;

use claims_panel::ClaimsPanel;
use decoded_panels::{DecodeStatus, HeaderPanel, PayloadPanel, SignaturePanel};
use findings_panel::FindingsPanel;
use key_panel::KeyPanel;
use state::{Lens, PAGE_TEXTS_URL, VENDOR_CLAIMS_URL};
use time_panel::{EvalTime, TimePanel};
use token_panel::TokenPanel;
use super::shared::browser::{self, focus_on};
use super::shared::crypto::WorkerState;
use super::shared::widgets::ThemeToggle;
use crate::jose::registry::PageTexts;
use crate::jose::vendors::VendorClaims;

/// The maker module (encoder, keys) is fetched once the crypto worker has loaded (or failed), so
/// that on a slow connection the two downloads do not share it before the first verdict, and then
/// only when the page is idle or in use (`load_maker_when_idle`). Asked for earlier ("Make a
/// token", Edit, a JWE's panel), the boot script loads it at once.
fn load_the_maker_after_the_worker(lens: Lens) {
    Effect::new(move |requested: Option<bool>| {
        if requested == Some(true) {
            return true;
        }
        let settled = matches!(lens.crypto.state.get(), WorkerState::Ready | WorkerState::Failed(_));
        if settled {
            set_timeout(super::shared::bridge::load_maker_when_idle, std::time::Duration::ZERO);
        }
        settled
    });
}

/// Pasting while no text field has focus puts the text in the token box, as one would expect from a
/// debugger whose first job is reading a pasted token. The app lives as long as the page, so the
/// listener is never removed.
fn paste_anywhere_into_the_token_box(lens: Lens) {
    let handle = window_event_listener(leptos::ev::paste, move |event| {
        let focus_in_field = document()
            .active_element()
            .is_some_and(|element| matches!(element.tag_name().as_str(), "TEXTAREA" | "INPUT"));
        if focus_in_field {
            return;
        }
        if let Some(text) = event.clipboard_data().and_then(|data| data.get_data("text").ok()) {
            if !text.trim().is_empty() {
                event.prevent_default();
                lens.set_user_token(text);
            }
        }
    });
    std::mem::forget(handle);
}

/// The maker's requests: `open` (token, key, encoding) from "Open in the reader", `key` (key,
/// encoding) from a generated key's "Verify with it".
fn answer_the_maker(lens: Lens) {
    super::shared::bridge::expose("jwtLensReaderApi", move |method, args| {
        let arg = |index: usize| args.get(index).cloned().unwrap_or_default();
        if method == "maker-ready" {
            lens.maker_ready.set(true);
        } else if method == "validation" {
            // Answered on every keystroke: views that read it follow only real changes ("none",
            // nothing to say, is kept as the empty text the page starts with).
            let validation = if arg(0) == "none" { String::new() } else { args.join("\0") };
            if lens.validation.with_untracked(|current| *current != validation) {
                lens.validation.set(validation);
            }
        } else if method == "eval-at" {
            // The maker's offer of the pasted response's Date header (`#date-offer-slot`).
            lens.eval_text.set(arg(0));
        } else if method == "inner-key" {
            lens.inner_key_text.set(arg(0));
        } else if method == "open" {
            lens.set_user_token(arg(0));
            if !arg(1).is_empty() {
                lens.key_text.set(arg(1));
                lens.secret_encoding.set(super::shared::bridge::encoding_from(&arg(2)));
            }
            focus_on("token-title");
        } else {
            lens.key_text.set(arg(0));
            lens.secret_encoding.set(super::shared::bridge::encoding_from(&arg(1)));
            focus_on("key-title");
        }
    });
}

/// Links to the sections, for phones and keyboards: plain in-page links (the browser scrolls to the
/// section and the next Tab continues from there), static HTML that costs the start-up wasm little.
#[component]
fn JumpLinks() -> impl IntoView {
    view! {
        <nav class="jump-links" aria-label="Sections">
            <a href="#key-title">"Key"</a>
            <a href="#findings-title">"Findings"</a>
            <a href="#time-title">"Validity"</a>
            <a href="#rules-title">"API rules"</a>
            <a href="#payload-title">"Payload"</a>
            <a href="#claims-title">"Claims"</a>
            <a href="#maker">"Make a token"</a>
        </nav>
    }
}

#[component]
pub fn App() -> impl IntoView {
    let lens = Lens::new();
    provide_context(lens);
    lens.check_in_the_worker();
    lens.verify_hmac_with_webcrypto();
    lens.try_known_secrets();
    lens.find_tokens_in_the_worker();
    lens.recognise_in_the_worker();
    // The worker is fetched once the first decoded view is painted: after the next frame, so it
    // does not compete with the page's own start-up, and before anyone can paste a key.
    request_animation_frame(move || {
        set_timeout(
            move || {
                lens.crypto.start();
                leptos::task::spawn_local(async move {
                    // Both texts are asked for at once and shown in one update, after the date
                    // formatter is made in a task of its own: on a slow phone each of the three
                    // is a long task, and one rebuild of the tables costs less than three.
                    // Without the texts the tables show "…" and the findings their titles.
                    let (texts, vendor_claims) = browser::fetch_texts(PAGE_TEXTS_URL, VENDOR_CLAIMS_URL).await;
                    browser::warm_up_dates();
                    set_timeout(
                        move || {
                            if let Ok(text) = texts {
                                lens.texts.set(PageTexts::from_json(&text).map(Arc::new));
                            }
                            if let Ok(text) = vendor_claims {
                                lens.vendor_claims.set(VendorClaims::from_json(&text).map(Arc::new));
                            }
                            // Local dates from now on.
                            lens.now.set(browser::now_seconds());
                        },
                        std::time::Duration::ZERO,
                    );
                });
            },
            std::time::Duration::ZERO,
        )
    });
    load_the_maker_after_the_worker(lens);
    paste_anywhere_into_the_token_box(lens);
    answer_the_maker(lens);
    decryption::send_decryption(lens);
    rules::send_rules_input(lens);
    // The app lives as long as the page, so the ticker is never cancelled.
    gloo_timers::callback::Interval::new(1000, move || lens.now.set(browser::now_seconds())).forget();

    view! {
        <a class="skip-link" href="#token-input">"Skip to the token box"</a>
        <header class="topbar">
            <div class="brand">
                <h1>"JWT Lens"</h1>
                <p class="tagline">
                    "Decode, verify and inspect JSON Web Tokens. Everything runs in this page: nothing you paste is sent anywhere."
                </p>
            </div>
            <button type="button" class="small" data-testid="encoder-open" on:click=move |_| super::shared::bridge::to_maker(&["show"])>
                "Make a token"
            </button>
            <ThemeToggle/>
        </header>
        <main class="layout">
            // The verdict on top, across both columns; the sections in the order of the task,
            // which is also the reading and focus order on a phone (one column, no CSS reordering):
            // the token, the key, what is wrong with it, when it is valid, whether an API would
            // accept it; then the decoded parts; then every claim explained, across both columns.
            <DecodeStatus/>
            <JumpLinks/>
            <div class="column">
                <TokenPanel/>
                <KeyPanel/>
                // The decryption panel (a JWE's) mounts here, from the maker module (`jwe_panel`).
                <div id="decrypt-slot" class="decrypt-slot"></div>
                <FindingsPanel/>
                <EvalTime/>
                <TimePanel/>
                // "Would your API accept it?" mounts here, from the maker module (`rules_panel`),
                // at the end of its column: its arrival moves nothing above it.
                <div id="rules-slot" class="rules-slot"></div>
            </div>
            <div class="column">
                <HeaderPanel/>
                <PayloadPanel/>
                <SignaturePanel/>
            </div>
            <ClaimsPanel/>
        </main>
        // The maker module (encoder and key generation) mounts here once loaded (`bridge`).
        <div class="layout layout-wide" id="maker"></div>
        <footer class="footer">
            <details class="privacy" data-testid="privacy">
                <summary>"Privacy: nothing you paste leaves this page"</summary>
                <ul>
                    <li>"Decoding, verification, signing, key generation and every check run here, in WebAssembly (the cryptography in a Web Worker of this page). There is no server and no analytics."</li>
                    <li>
                        "The page only loads its own files (HTML, JavaScript, WebAssembly, CSS, the list of known secrets and the texts that explain claims and findings). "
                        "Its Content-Security-Policy (connect-src 'self') makes the browser block any other request."
                    </li>
                    <li>"Only your colour theme, if you pick one, is stored (in localStorage): no cookies, tokens or keys. After the first visit the page works offline."</li>
                    <li>
                        "\"Copy link\" puts the token, never the key, in the URL fragment (#token=...), which browsers do not send to servers; "
                        "the link does stay in your browser history."
                    </li>
                    <li>"Check it yourself: open the developer tools' Network tab while you paste, and read the policy in index.html."</li>
                </ul>
            </details>
        </footer>
    }
}
