//! The claims table: every header parameter and payload claim with its value and meaning.

use leptos::prelude::*;
use serde_json::{Map, Value};

use super::state::use_lens;
use crate::ui::shared::browser;
use crate::ui::shared::dom::{self, El};
use super::json_view::{claim_id, highlight_claim_under};
use crate::jose::registry::PageTexts;
use crate::jose::vendors::VendorClaims;
use crate::jose::text::escape_invisible;
use crate::jose::time::TIME_CLAIMS;

const MAX_VALUE_CHARS: usize = 160;
/// Rows shown per section: a payload with thousands of claims stays readable and light.
const MAX_ROWS: usize = 200;

/// One row as displayed. The table is a memo of these: a token whose header and payload read the
/// same (typing in the signature) leaves the table alone, and a changed table is rebuilt in place
/// (measured cheaper than keyed rows, which recreate the elements of every changed row).
#[derive(Clone, PartialEq)]
struct ClaimRow {
    scope: &'static str,
    name: String,
    value: String,
    /// `None` while the texts are loading; then the registered meaning, or `None` for a custom name.
    description: Option<Option<String>>,
    /// `data-source`: `registered`, `vendor` or `custom` (absent while the texts are loading).
    source: Option<&'static str>,
}

#[derive(Clone, PartialEq, Default)]
struct ClaimRows {
    header: Vec<ClaimRow>,
    /// `None` when the payload is not a claims set.
    payload: Option<Vec<ClaimRow>>,
    /// Payload claims past `MAX_ROWS`, not shown.
    hidden: usize,
}

/// A recognised identity provider's claims dictionary (fetched after the first view).
type Vendor<'a> = Option<(&'a str, &'a VendorClaims)>;

fn rows(scope: &'static str, map: &Map<String, Value>, texts: Option<&PageTexts>, vendor: Vendor) -> Vec<ClaimRow> {
    // A vendor's meaning is the more precise one; `registered` is kept for the IANA names.
    let describe = |name: &str| -> (Option<Option<String>>, Option<&'static str>) {
        let Some(texts) = texts else { return (None, None) };
        if scope == "header" {
            let meaning = texts.header_parameter(name);
            return (Some(meaning.map(str::to_string)), Some(if meaning.is_some() { "registered" } else { "custom" }));
        }
        let by_vendor = vendor.and_then(|(id, claims)| claims.describe(id, name));
        let source = match (texts.is_registered(name), by_vendor, texts.claim(name)) {
            (true, ..) => "registered",
            (false, Some(_), _) => "vendor",
            (false, None, Some(_)) => "registered",
            _ => "custom",
        };
        (Some(by_vendor.or(texts.claim(name)).map(str::to_string)), Some(source))
    };
    map.iter()
        .take(MAX_ROWS)
        .map(|(name, value)| {
            let (description, source) = describe(name);
            let vendor_time = scope == "payload" && vendor.is_some_and(|(id, claims)| claims.is_time_claim(id, name));
            ClaimRow { scope, name: name.clone(), value: display_value(name, value, vendor_time), description, source }
        })
        .collect()
}

#[component]
pub fn ClaimsPanel() -> impl IntoView {
    let lens = use_lens();
    let table = Memo::new(move |_| {
        lens.track_decoded_parts();
        let texts = lens.texts.get();
        let texts = texts.as_deref();
        let vendor_claims = lens.vendor_claims.get();
        let recognised = lens.vendor();
        let vendor = recognised.as_ref().zip(vendor_claims.as_deref()).map(|((id, _), claims)| (id.as_str(), claims));
        lens.decoded.with_untracked(|decoded| {
            let token = decoded.as_ref().ok()?;
            let claims = token.claims();
            Some(ClaimRows {
                header: rows("header", &token.header, texts, None),
                payload: claims.map(|claims| rows("payload", claims, texts, vendor)),
                hidden: claims.map_or(0, |claims| claims.len().saturating_sub(MAX_ROWS)),
            })
        })
    });
    let shown = Memo::new(move |_| table.with(Option::is_some));
    let hovered = lens.hovered_claim;
    // The rows as text nodes (`dom`), rebuilt when the table changes; the row of the claim under
    // the pointer (here or in the header and payload views) is highlighted, in a rebuild too.
    let body = NodeRef::<leptos::html::Tbody>::new();
    dom::fill_reactively(body, move || {
        let mut rows = Vec::new();
        let hovered = hovered.get_untracked();
        // The claim or header parameter the API would reject the token for (the rules panel's).
        let failing = lens.validation().map(|(_, _, part, claim)| (part, claim)).filter(|(_, claim)| !claim.is_empty());
        let row_of = |row: &ClaimRow| {
            let fails = failing.as_ref().is_some_and(|(part, claim)| *part == row.scope && *claim == row.name);
            let built = claim_row(row, hovered.as_deref());
            if fails { built.attr("data-rule-fails", "true") } else { built }
        };
        table.with(|table| {
            let Some(table) = table else { return };
            rows.push(group_row("Header parameters"));
            rows.extend(table.header.iter().map(row_of));
            if let Some(payload) = &table.payload {
                rows.push(group_row("Payload claims"));
                rows.extend(payload.iter().map(row_of));
            }
            if table.hidden > 0 {
                let note = format!("… and {} more claims (see the payload)", table.hidden);
                rows.push(El::new("tr").child(El::new("td").attr("colspan", "3").attr("class", "note").text(&note)));
            }
        });
        rows
    });
    Effect::new(move |was_hovered: Option<bool>| {
        hovered.with(|hovered| {
            if hovered.is_some() || was_hovered == Some(true) {
                highlight_rows(hovered.as_deref());
            }
            hovered.is_some()
        })
    });
    move || {
        shown.get().then(|| {
            view! {
                <section class="panel p-claims" aria-labelledby="claims-title">
                    <div class="panel-head"><h2 id="claims-title">"Claims explained"</h2></div>
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Claims table (scrolls)"><table class="claims" data-testid="claims-table">
                        <thead><tr><th>"Name"</th><th>"Value"</th><th>"Meaning"</th></tr></thead>
                        <tbody
                            id="claims-body"
                            node_ref=body
                            on:mouseover=move |event| highlight_claim_under(hovered, &event)
                            on:mouseleave=move |_| hovered.set(None)
                        ></tbody>
                    </table></div>
                </section>
            }
        })
    }
}

fn group_row(title: &str) -> El {
    El::new("tr").attr("class", "group").child(El::new("th").attr("colspan", "3").text(title))
}

/// One claim's row, highlighted when it is the `hovered` claim: every text in it (name, value,
/// meaning) is a text node.
fn claim_row(row: &ClaimRow, hovered: Option<&str>) -> El {
    let mut tr = El::new("tr").attr("data-testid", "claim-row").attr("data-claim", &row.name).attr("data-scope", row.scope);
    if let Some(source) = row.source {
        tr = tr.attr("data-source", source);
    }
    let meaning = match &row.description {
        Some(Some(description)) => El::new("span").text(description),
        Some(None) => El::new("span").attr("class", "badge").attr("data-testid", "custom-claim").text("custom"),
        None => El::new("span").attr("class", "muted").text("…"),
    };
    let id = claim_id(row.scope, &row.name);
    if hovered == Some(id.as_str()) {
        tr = tr.attr("class", "highlight");
    }
    tr.attr("data-claim-id", &id)
        .child(El::new("th").attr("scope", "row").attr("class", "mono").text(&escape_invisible(&row.name)))
        .child(El::new("td").attr("class", "mono wrap").text(&row.value))
        .child(El::new("td").child(meaning))
}

/// Marks the row of the claim `hovered` (a `claim_id`) as highlighted, and no other.
fn highlight_rows(hovered: Option<&str>) {
    use wasm_bindgen::JsCast;
    let Some(rows) = document().get_element_by_id("claims-body").and_then(|body| body.query_selector_all("tr[data-claim-id]").ok()) else {
        return;
    };
    for index in 0..rows.length() {
        let Some(row) = rows.get(index).and_then(|node| node.dyn_into::<web_sys::Element>().ok()) else { continue };
        // Every row has a `data-claim-id` (the selector), so `None` highlights none.
        let _ = if row.get_attribute("data-claim-id").as_deref() == hovered {
            row.set_attribute("class", "highlight")
        } else {
            row.remove_attribute("class")
        };
    }
}

/// The value as compact JSON, cut to a readable length; time claims get their local date too.
fn display_value(name: &str, value: &Value, vendor_time: bool) -> String {
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
    if vendor_time || TIME_CLAIMS.contains(&name) {
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
