//! The claims table: every header parameter and payload claim with its value and meaning.

use leptos::prelude::*;
use serde_json::Value;

use super::app::use_lens;
use super::browser;
use crate::jose::registry::{claim_description, header_description};
use crate::jose::text::escape_invisible;
use crate::jose::time::TIME_CLAIMS;

const MAX_VALUE_CHARS: usize = 160;
/// Rows shown per section: a payload with thousands of claims stays readable and light.
const MAX_ROWS: usize = 200;

#[component]
pub fn ClaimsPanel() -> impl IntoView {
    let lens = use_lens();
    move || {
        lens.decoded.with(|decoded| {
            let token = decoded.as_ref().ok()?;
            let header_rows = token
                .header
                .iter()
                .take(MAX_ROWS)
                .map(|(name, value)| claim_row("header", name, value, header_description(name)))
                .collect_view();
            let payload_rows = token.claims().map(|claims| {
                let rows = claims
                    .iter()
                    .take(MAX_ROWS)
                    .map(|(name, value)| claim_row("payload", name, value, claim_description(name)))
                    .collect_view();
                let hidden = claims.len().saturating_sub(MAX_ROWS);
                view! {
                    <tr class="group"><th colspan="3">"Payload claims"</th></tr>
                    {rows}
                    {(hidden > 0).then(|| view! {
                        <tr><td colspan="3" class="note">{format!("… and {hidden} more claims (see the payload)")}</td></tr>
                    })}
                }
            });
            Some(view! {
                <section class="panel p-claims" aria-labelledby="claims-title">
                    <div class="panel-head"><h2 id="claims-title">"Claims explained"</h2></div>
                    <div class="table-scroll"><table class="claims" data-testid="claims-table">
                        <thead><tr><th>"Name"</th><th>"Value"</th><th>"Meaning"</th></tr></thead>
                        <tbody>
                            <tr class="group"><th colspan="3">"Header parameters"</th></tr>
                            {header_rows}
                            {payload_rows}
                        </tbody>
                    </table></div>
                </section>
            })
        })
    }
}

/// The value as compact JSON, cut to a readable length; time claims get their local date too.
fn display_value(name: &str, value: &Value) -> String {
    let mut text = escape_invisible(&compact_json_prefix(value, MAX_VALUE_CHARS * 4)).into_owned();
    if text.chars().count() > MAX_VALUE_CHARS {
        let size = match value {
            Value::Array(items) => format!("{} items", items.len()),
            Value::Object(map) => format!("{} members", map.len()),
            Value::String(s) => format!("{} characters", s.chars().count()),
            _ => "long".to_string(),
        };
        text = format!("{}… ({size})", text.chars().take(MAX_VALUE_CHARS).collect::<String>());
    }
    if TIME_CLAIMS.contains(&name) {
        if let Some(date) = value.as_f64().and_then(browser::local_date) {
            text = format!("{text} ({date})");
        }
    }
    text
}

/// The start of a value's compact JSON, at most `limit` bytes: a megabyte-sized claim is not
/// serialised whole for a table cell.
fn compact_json_prefix(value: &Value, limit: usize) -> String {
    struct Bounded(Vec<u8>, usize);
    impl std::io::Write for Bounded {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            let room = self.1.saturating_sub(self.0.len());
            self.0.extend_from_slice(&bytes[..bytes.len().min(room)]);
            if room < bytes.len() {
                return Err(std::io::Error::other("enough"));
            }
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut out = Bounded(Vec::new(), limit);
    let _ = serde_json::to_writer(&mut out, value);
    String::from_utf8_lossy(&out.0).into_owned()
}

fn claim_row(scope: &'static str, name: &str, value: &Value, description: Option<&'static str>) -> impl IntoView {
    let hovered = use_lens().hovered_claim;
    let id = format!("{scope}:{name}");
    let is_hovered = {
        let id = id.clone();
        move || hovered.with(|h| h.as_deref() == Some(id.as_str()))
    };
    let enter = {
        let id = id.clone();
        move || hovered.set(Some(id.clone()))
    };
    let enter_on_focus = enter.clone();
    let meaning = match description {
        Some(description) => view! { <span>{description}</span> }.into_any(),
        None => view! { <span class="badge" data-testid="custom-claim">"custom"</span> }.into_any(),
    };
    view! {
        <tr
            data-testid="claim-row"
            data-claim=name.to_string()
            data-scope=scope
            tabindex="0"
            class:highlight=is_hovered
            on:mouseenter=move |_| enter()
            on:focus=move |_| enter_on_focus()
            on:mouseleave=move |_| hovered.set(None)
            on:blur=move |_| hovered.set(None)
        >
            <th scope="row" class="mono">{escape_invisible(name).into_owned()}</th>
            <td class="mono wrap">{display_value(name, value)}</td>
            <td>{meaning}</td>
        </tr>
    }
}
