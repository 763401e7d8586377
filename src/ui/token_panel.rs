//! The token box, example buttons, the colored encoded view and what was stripped.

use leptos::prelude::*;

use super::app::use_lens;
use super::browser;
use super::widgets::{note_list, CopyButton};
use crate::jose::examples::examples;
use crate::jose::text::escape_invisible;
use crate::jose::token::{clean_input, TokenKind};

/// Input larger than this is decoded after a pause of `DEBOUNCE_MS` instead of on every keystroke.
const DEBOUNCE_ABOVE_BYTES: usize = 256 * 1024;
const DEBOUNCE_MS: u32 = 150;

const SEGMENT_CLASSES: [&str; 5] = ["seg-0", "seg-1", "seg-2", "seg-3", "seg-4"];

#[component]
pub fn TokenPanel() -> impl IntoView {
    let lens = use_lens();
    let cleaned = Signal::derive(move || lens.decoded.with(|d| d.as_ref().map(|t| t.compact.clone()).unwrap_or_default()));
    // Typical tokens decode on every keystroke; only very large input waits for a pause in typing,
    // so editing a megabyte-sized token does not re-decode it on each key.
    let pending = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    let on_input = move |value: String| {
        pending.update_value(|timer| drop(timer.take()));
        if value.len() < DEBOUNCE_ABOVE_BYTES {
            lens.token_text.set(value);
        } else {
            let timer = gloo_timers::callback::Timeout::new(DEBOUNCE_MS, move || lens.token_text.set(value));
            pending.set_value(Some(timer));
        }
    };
    let example_buttons = examples()
        .into_iter()
        .map(|example| {
            let title = format!("Load an example {} token with its {}", example.label, example.note);
            let label = example.label.clone();
            view! {
                <button type="button" class="small" title=title data-testid="example"
                    on:click=move |_| {
                        lens.token_text.set(example.token.clone());
                        lens.key_text.set(example.key.clone());
                        lens.secret_encoding.set(Default::default());
                    }>
                    {label}
                </button>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="token-title">
            <div class="panel-head">
                <h2 id="token-title">"Encoded token"</h2>
                <div class="actions">
                    <span class="muted">"Examples:"</span>
                    {example_buttons}
                    <CopyButton text=cleaned what="token"/>
                    <ShareLink/>
                    <button type="button" class="small" on:click=move |_| lens.token_text.set(String::new())>
                        "Clear"
                    </button>
                </div>
            </div>
            <label class="visually-hidden" for="token-input">"Encoded token"</label>
            <textarea
                id="token-input"
                data-testid="token-input"
                class="token-input"
                rows="7"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                placeholder="Paste a JWT: header.payload.signature (a Bearer prefix, quotes and line breaks are fine)"
                prop:value=move || lens.token_text.get()
                on:input:target=move |ev| on_input(ev.target().value())
            ></textarea>
            <EncodedView/>
            <InputNotes/>
        </section>
    }
}

/// The cleaned token with each segment in its own color; shown even when decoding failed, so the
/// user can see which segment is which.
#[component]
fn EncodedView() -> impl IntoView {
    let lens = use_lens();
    let segments = move || {
        let (texts, kind) = lens.decoded.with(|decoded| match decoded {
            Ok(token) => (token.segments.iter().map(|s| s.text.clone()).collect::<Vec<_>>(), Some(token.kind)),
            Err(_) => {
                let (cleaned, _) = lens.token_text.with(|text| clean_input(text));
                (cleaned.split('.').map(str::to_string).collect(), None)
            }
        });
        let title = match kind {
            Some(TokenKind::Jwe) => "JWE: header . encrypted key . IV . ciphertext . tag",
            _ => "header . payload . signature",
        };
        let count = texts.len();
        let spans = texts
            .into_iter()
            .enumerate()
            .map(|(index, text)| {
                let class = SEGMENT_CLASSES[index.min(4)];
                let text = shorten_segment(&text);
                let dot = (index + 1 < count).then(|| view! { <span class="seg-dot">"."</span> });
                view! { <span class=class>{text}</span>{dot} }
            })
            .collect_view();
        view! { <div class="encoded" data-testid="encoded-view" title=title>{spans}</div> }
    };
    view! { {segments} }
}

/// Characters of a segment shown in the colored view; the textarea above holds the whole token.
const SEGMENT_PREVIEW: usize = 2000;

/// A segment for display: invisible characters escaped, a huge one cut in the middle.
fn shorten_segment(text: &str) -> String {
    let count = text.chars().count();
    if count <= SEGMENT_PREVIEW {
        return escape_invisible(text).into_owned();
    }
    let head: String = text.chars().take(SEGMENT_PREVIEW - 100).collect();
    let tail: String = text.chars().skip(count - 100).collect();
    let hidden = count - head.chars().count() - tail.chars().count();
    format!("{}…[{hidden} more characters]…{}", escape_invisible(&head), escape_invisible(&tail))
}

/// What clean-up removed, and non-canonical encodings that were tolerated.
#[component]
fn InputNotes() -> impl IntoView {
    let lens = use_lens();
    move || {
        lens.decoded.with(|decoded| {
            let Ok(token) = decoded else { return None };
            let mut notes: Vec<String> = Vec::new();
            if !token.stripped.is_empty() {
                let removed: Vec<String> = token.stripped.iter().map(|s| s.describe()).collect();
                notes.push(format!("Removed before decoding: {}.", removed.join(", ")));
            }
            notes.extend(token.encoding_notes.iter().map(|n| n.describe()));
            Some(view! { <div data-testid="input-notes">{note_list("notes", notes)}</div> })
        })
    }
}

/// "Copy link": the page URL with the token in the fragment. The link is also shown, with what it
/// does and does not reveal.
#[component]
fn ShareLink() -> impl IntoView {
    let lens = use_lens();
    let link = RwSignal::new(None::<String>);
    let copy = move |_| {
        let token = lens.decoded.with_untracked(|d| d.as_ref().map(|t| t.compact.clone()).ok());
        let shared = token.and_then(|token| browser::share_link(&token));
        if let Some(shared) = &shared {
            browser::copy_to_clipboard(shared);
        }
        link.set(shared);
    };
    view! {
        <button type="button" class="small" data-testid="copy-link" on:click=copy
            title="Copy a link to this page with the token (never the key) in the URL fragment">
            "Copy link"
        </button>
        {move || link.get().map(|link| view! {
            <div class="share" data-testid="share-link">
                <input type="text" readonly prop:value=link aria-label="Link with the token"/>
                <p class="note">
                    "Copied. The token is in the URL fragment (#...), which browsers do not send to servers, "
                    "but it stays in your browser history. The key is never included."
                </p>
            </div>
        })}
    }
}
