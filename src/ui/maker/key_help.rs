//! Under the reader's key box (`#key-help-slot`): where the token's identity provider publishes
//! its OpenID configuration and signing keys, as links to open in a new tab (`vendors::
//! key_locations`: https only, built from a plain `iss`; the page itself fetches nothing), and
//! what to know about a Microsoft Graph token (`vendors::graph_note`). It follows the token the
//! reader sends the rules panel (`reader::rules`), so it lives in the maker module and costs the
//! start-up download nothing.

use leptos::prelude::*;
use serde_json::Map;

use crate::jose::token::{decode, open_jwe};
use crate::jose::vendors::{graph_note, key_locations};
use crate::ui::shared::bridge::RulesInput;

/// The links and the note for the token being read.
fn work_out(input: &RulesInput) -> (Vec<(&'static str, String)>, Option<String>) {
    let Ok(mut token) = decode(&input.token) else { return (Vec::new(), None) };
    if let Some(plaintext) = input.plaintext.clone() {
        open_jwe(&mut token, plaintext);
    }
    let token = token.inner.as_deref().cloned().unwrap_or(token);
    let empty = Map::new();
    let claims = token.claims().unwrap_or(&empty);
    // Only https URLs become links (key_locations makes nothing else; checked again here).
    let links = key_locations(claims).into_iter().filter(|(_, url)| url.starts_with("https://")).collect();
    (links, graph_note(&token.header, claims))
}

#[component]
pub fn KeyHelp(input: RwSignal<Option<RulesInput>>) -> impl IntoView {
    let shown = Memo::new(move |_| input.with(|input| input.as_ref().map(work_out).unwrap_or_default()));
    let links = move || {
        shown.with(|(links, _)| {
            (!links.is_empty()).then(|| {
                let items = links
                    .iter()
                    .map(|(label, url)| {
                        view! {
                            <li>
                                {format!("{label}: ")}
                                <a data-testid="key-location" data-label=*label href=url.clone() target="_blank" rel="noopener noreferrer">{url.clone()}</a>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="key-help" data-testid="key-locations">
                        <p class="muted">"Where this token's provider publishes its keys: open the JWKS in a new tab and paste what it returns in the key box (this page fetches nothing)."</p>
                        <ul>{items}</ul>
                    </div>
                }
            })
        })
    };
    let note = move || {
        shown.with(|(_, note)| note.clone().map(|note| view! { <p class="key-help note-warn" data-testid="provider-note" data-code="graph-token">{note}</p> }))
    };
    view! { {note} {links} }
}
