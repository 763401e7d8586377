//! Sends the token being read and its signature verdict to the maker module's "Would your API
//! accept it?" panel (`maker::rules_panel`), which answers with its verdict (`Lens::validation`).
//! Only to a loaded maker: the panel is not worth loading the maker early, and the maker asks for
//! the latest input when it starts (`maker-ready`).

use leptos::prelude::*;

use super::state::Lens;
use crate::ui::shared::bridge;

/// Texts up to this size are searched by the panel for the server's `WWW-Authenticate` words.
const PASTED_MAX_BYTES: usize = 1024 * 1024;

pub fn send_rules_input(lens: Lens) {
    Effect::new(move |_| {
        if !lens.maker_ready.get() {
            return;
        }
        let token = lens.token();
        // A decrypted JWE: its plaintext; a nested JWT's verdict is the inner token's.
        let (plaintext, verdict) = match lens.decryption() {
            Some(decryption) => {
                let plaintext = lens.current_answer(&token).and_then(|answer| {
                    let decryption = answer.report.decryption.as_ref().filter(|decryption| decryption.status == "ok")?;
                    Some(decryption.plaintext.clone())
                });
                let inner = decryption.inner.map(|inner| (inner.status, inner.reason.unwrap_or_default()));
                (plaintext.unwrap_or_default(), inner.unwrap_or_else(|| ("none".into(), String::new())))
            }
            None => {
                let verdict = lens.verification.with(|view| view.as_ref().map(|view| (view.report.status.clone(), view.report.reason.clone().unwrap_or_default())));
                (String::new(), verdict.unwrap_or_else(|| ("none".into(), String::new())))
            }
        };
        // The signature with an unknown `crit` ignored, for the libraries that never look at it.
        let crit_free = lens.current_answer(&token).and_then(|answer| answer.report.crit_free.as_ref().map(|verdict| verdict.status.clone()));
        // Whole seconds: formatting an f64 would add Rust's float printing to the start-up download.
        let moment = (lens.moment().floor() as i64).to_string();
        let pasted = lens.token_text.with(|text| if text.len() <= PASTED_MAX_BYTES && text.trim() != token { text.clone() } else { String::new() });
        bridge::to_maker_if_loaded(&["rules-input", &token, &plaintext, &verdict.0, &verdict.1, crit_free.as_deref().unwrap_or_default(), &moment, &pasted]);
    });
}
