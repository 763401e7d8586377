//! The application state: input signals and the memos derived from them, shared by context.

use leptos::prelude::*;

use super::browser;
use super::decoded_panels::{DecodeStatus, HeaderPanel, PayloadPanel, SignaturePanel};
use super::key_panel::KeyPanel;
use super::time_panel::TimePanel;
use super::token_panel::TokenPanel;
use super::widgets::ThemeToggle;
use crate::jose::examples::examples;
use crate::jose::keys::{parse_key, KeyInput, SecretEncoding};
use crate::jose::time::{evaluate, TimeEvaluation};
use crate::jose::token::{decode, DecodedToken};
use crate::jose::verify::{verify_parsed, Verification};
use crate::jose::JoseError;

/// Everything the panels read. Signals hold what the user typed; memos hold what follows from it.
#[derive(Clone, Copy)]
pub struct Lens {
    pub token_text: RwSignal<String>,
    pub key_text: RwSignal<String>,
    pub secret_encoding: RwSignal<SecretEncoding>,
    /// Tolerated clock skew in seconds.
    pub leeway: RwSignal<f64>,
    /// Unix seconds, ticking once a second for countdowns and relative times.
    pub now: RwSignal<f64>,
    pub decoded: Memo<Result<DecodedToken, JoseError>>,
    pub key: Memo<Result<Option<KeyInput>, JoseError>>,
    /// `None` while the token does not decode.
    pub verification: Memo<Option<Verification>>,
    /// `None` unless the payload is a claims set.
    pub time: Memo<Option<TimeEvaluation>>,
}

pub fn use_lens() -> Lens {
    expect_context::<Lens>()
}

impl Lens {
    fn new() -> Lens {
        let first = examples().into_iter().next();
        let token_text = RwSignal::new(first.as_ref().map(|e| e.token.clone()).unwrap_or_default());
        let key_text = RwSignal::new(first.map(|e| e.key).unwrap_or_default());
        let secret_encoding = RwSignal::new(SecretEncoding::Utf8);
        let leeway = RwSignal::new(0.0);
        let now = RwSignal::new(browser::now_seconds());
        let decoded = Memo::new(move |_| token_text.with(|text| decode(text)));
        let key = Memo::new(move |_| {
            let encoding = secret_encoding.get();
            key_text.with(|text| parse_key(text, encoding))
        });
        let verification = Memo::new(move |_| {
            decoded.with(|token| token.as_ref().ok().map(|token| key.with(|key| verify_parsed(token, key))))
        });
        let time = Memo::new(move |_| {
            let (now, leeway) = (now.get(), leeway.get());
            decoded.with(|token| token.as_ref().ok()?.claims().map(|claims| evaluate(claims, now, leeway)))
        });
        Lens { token_text, key_text, secret_encoding, leeway, now, decoded, key, verification, time }
    }
}

#[component]
pub fn App() -> impl IntoView {
    let lens = Lens::new();
    provide_context(lens);
    // The app lives as long as the page, so the ticker is never cancelled.
    gloo_timers::callback::Interval::new(1000, move || lens.now.set(browser::now_seconds())).forget();

    view! {
        <header class="topbar">
            <div class="brand">
                <h1>"JWT Lens"</h1>
                <p class="tagline">
                    "Decode, verify and inspect JSON Web Tokens. Everything runs in this page: nothing you paste is sent anywhere."
                </p>
            </div>
            <ThemeToggle/>
        </header>
        <main class="layout">
            <div class="column">
                <TokenPanel/>
                <KeyPanel/>
            </div>
            <div class="column">
                <DecodeStatus/>
                <HeaderPanel/>
                <PayloadPanel/>
                <TimePanel/>
                <SignaturePanel/>
            </div>
        </main>
        <footer class="footer">
            "JWT Lens runs entirely in your browser: no server, no analytics, no third-party assets."
        </footer>
    }
}
