//! Sends a JWE's decryption, as the reader works it out, to the maker module, whose panel shows it
//! (`maker::jwe_panel`): the panel's view is not part of the start-up download.

use leptos::prelude::*;

use super::state::Lens;
use crate::ui::shared::bridge::{self, DecryptionShown};

/// Sends the reader's decryption view to the maker whenever it changes (`["decryption", fields...]`,
/// or `["decryption"]` once when the token is no longer a JWE). Nothing is sent, and the maker is
/// not loaded for it, while no JWE is being read.
pub fn send_decryption(lens: Lens) {
    let panel_shown = StoredValue::new(false);
    Effect::new(move |_| {
        let Some(view) = lens.decryption() else {
            if panel_shown.get_value() {
                panel_shown.set_value(false);
                bridge::to_maker(&["decryption"]);
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
        bridge::to_maker(&message);
    });
}

