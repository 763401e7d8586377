//! The token box, example buttons, the colored encoded view and what was stripped.

use leptos::prelude::*;

use super::state::{use_lens, Lens};
use crate::ui::shared::browser;
use crate::ui::shared::bridge::{encoding_name, to_maker};
use crate::ui::shared::dom::{self, El};
use crate::ui::shared::widgets::{note_list, CopyButton};
use crate::jose::text::escape_invisible;
use crate::jose::keys::SecretEncoding;
use crate::jose::token::{clean_input, decode_header, TokenKind};
use crate::jose::{JoseError, Part};

/// Input larger than this is decoded in a task of its own rather than in the input event, and
/// while such input keeps changing (typing in a megabyte-sized token) only after a pause of
/// `DEBOUNCE_MS`.
const DEFER_ABOVE_BYTES: usize = 256 * 1024;
const DEBOUNCE_MS: u32 = 150;

const SEGMENT_CLASSES: [&str; 5] = ["seg-0", "seg-1", "seg-2", "seg-3", "seg-4"];

#[component]
pub fn TokenPanel() -> impl IntoView {
    let lens = use_lens();
    let cleaned = Signal::derive(move || lens.decoded.with(|d| d.as_ref().map(|t| t.compact.clone()).unwrap_or_default()));
    // Typical tokens decode on every keystroke, in the input event. Very large input is decoded in
    // the next task, so the input event stays short: at once for the first change (a paste), and
    // after a pause for changes that follow within DEBOUNCE_MS of each other (typing), so editing a
    // megabyte-sized token does not re-decode it on each key.
    let pending = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    let last_large_input = StoredValue::new(f64::NEG_INFINITY);
    let on_input = move |value: String| {
        pending.update_value(|timer| drop(timer.take()));
        if value.len() < DEFER_ABOVE_BYTES {
            lens.set_user_token(value);
            return;
        }
        let now = browser::now_seconds();
        let typing = now - last_large_input.get_value() < f64::from(DEBOUNCE_MS) / 1000.0;
        let delay = if typing { DEBOUNCE_MS } else { 0 };
        last_large_input.set_value(now);
        let timer = gloo_timers::callback::Timeout::new(delay, move || lens.set_user_token(value));
        pending.set_value(Some(timer));
    };
    // The box is written only when the token changed elsewhere (example, clear, shared link): writing
    // back what the user just typed would re-lay out a megabyte-sized token for nothing.
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    Effect::new(move |_| {
        lens.token_text.with(|text| {
            if let Some(element) = textarea.get() {
                if element.value() != *text {
                    element.set_value(text);
                }
            }
        })
    });
    // The copied link ("" for none): a String signal, a type the page has already (a signal of a
    // new type costs the start-up download about 1 kB).
    let shared = RwSignal::new(String::new());
    let backdrop_layer = NodeRef::<leptos::html::Div>::new();
    dom::fill_reactively(backdrop_layer, move || backdrop(lens));
    // The built-in example at once, the others when the page texts have loaded.
    let example_buttons = move || {
        let mut all = vec![browser::opening_example()];
        all.extend(lens.texts.get().map(|texts| texts.examples.clone()).unwrap_or_default());
        all.into_iter()
        .map(|example| {
            let title = format!("Load an example {} token with its {}", example.label, example.note);
            let label = example.label.clone();
            view! {
                <button type="button" class="small" title=title data-testid="example"
                    on:click=move |_| lens.load_example(example.token.clone(), example.key.clone())>
                    {label}
                </button>
            }
        })
        .collect_view()
    };
    view! {
        <section class="panel p-token" aria-labelledby="token-title">
            <div class="panel-head">
                <h2 id="token-title">"Encoded token"</h2>
                <div class="actions">
                    <span class="muted">"Examples:"</span>
                    {example_buttons}
                    <CopyButton text=cleaned what="token"/>
                    <EditButton/>
                    <ShareButton shared=shared/>
                    <button type="button" class="small" on:click=move |_| lens.set_user_token(String::new())>
                        "Clear token"
                    </button>
                </div>
            </div>
            <label class="visually-hidden" for="token-input">"Encoded token"</label>
            <div class="token-box">
            <div class="token-backdrop" id="token-backdrop" aria-hidden="true" node_ref=backdrop_layer></div>
            <textarea
                id="token-input"
                data-testid="token-input"
                class="token-input"
                on:scroll=move |_| sync_backdrop()
                rows="7"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                placeholder="Paste a JWT: header.payload.signature (a Bearer prefix, quotes and line breaks are fine)"
                node_ref=textarea
                on:input:target=move |ev| on_input(ev.target().value())
            ></textarea>
            </div>
            <SharedLink shared=shared/>
            <FoundTokens/>
            <EncodedView/>
            <InputNotes/>
        </section>
    }
}

/// The tokens found in a pasted text that is more than a token (an HTTP request, a HAR file, a
/// log...), each with where it was; pressing one shows it.
#[component]
fn FoundTokens() -> impl IntoView {
    let lens = use_lens();
    move || {
        lens.found().map(|found| {
            let count = found.len();
            let items = found
                .iter()
                .enumerate()
                .map(|(index, token)| {
                    let alg = decode_header(&token.token).and_then(|header| header.get("alg")?.as_str().map(str::to_string)).unwrap_or_default();
                    let kind = if token.token.matches('.').count() == 4 { "JWE" } else { "JWT" };
                    let label = format!("{} — {kind} {alg}, {}…", token.place, token.token.get(..12).unwrap_or_default());
                    view! {
                        <li>
                            <button
                                type="button"
                                class="small found"
                                data-testid="found-token"
                                data-where=token.place.clone()
                                aria-pressed=move || (lens.selected_found.get() == index).to_string()
                                on:click=move |_| lens.selected_found.set(index)
                            >
                                {label}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            let heading = if count == 1 { "1 token found in the text:".to_string() } else { format!("{count} tokens found in the text; press one to read it:") };
            view! {
                <div class="found-tokens" role="group" aria-label="Tokens found in the text">
                    <p class="muted">{heading}</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}

/// The cleaned token being read (when decoding failed, the input as cleaned), its kind, and for a
/// base64 error the (segment, character) to point at.
fn cleaned_token(lens: Lens) -> (String, Option<TokenKind>, Option<(usize, usize)>) {
    lens.decoded.with(|decoded| match decoded {
        Ok(token) => (token.compact.clone(), Some(token.kind), None),
        Err(error) => {
            let (cleaned, _) = clean_input(&lens.token());
            let mark = error_position(error, cleaned.matches('.').count() + 1);
            (cleaned, None, mark)
        }
    })
}

/// The segments of `cleaned`, each in its own color, the `mark`ed character highlighted; with
/// `shorten`, each shortened for display (the backdrop keeps them as typed). Text nodes (`dom`)
/// rather than a view: the view types of a list of spans cost the start-up download 5 kB.
fn colored_segments(cleaned: &str, mark: Option<(usize, usize)>, shorten: bool) -> Vec<El> {
    let mut pieces = Vec::new();
    // Text that is not a token (a whole HAR file) may have thousands of dots.
    for (index, text) in cleaned.split('.').take(6).enumerate() {
        if index > 0 {
            pieces.push(El::new("span").attr("class", "seg-dot").text("."));
        }
        let text = if shorten { shorten_segment(text) } else { text.to_string() };
        let segment = El::new("span").attr("class", SEGMENT_CLASSES[index.min(4)]);
        pieces.push(match mark {
            Some((segment_index, offset)) if segment_index == index && (!shorten || text.chars().count() <= SEGMENT_PREVIEW) => {
                let at = text.char_indices().nth(offset).map_or(text.len(), |(at, _)| at);
                let next = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
                let bad = El::new("mark").attr("class", "bad-char").attr("data-testid", "bad-char").text(&text[at..next]);
                segment.text(&text[..at]).child(bad).text(&text[next..])
            }
            _ => segment.text(&text),
        });
    }
    pieces
}

/// Tokens up to this size are colored in the token box itself.
const BACKDROP_MAX_BYTES: usize = 32 * 1024;

/// Where the cleaned token sits in the token box: the box holds exactly it, give or take
/// surrounding whitespace, so the box itself can show its segments in color. `None` when the
/// box holds more (a Bearer prefix, quotes, a whole request) or is very large: the colored view
/// below the box shows the token then.
fn token_in_box(raw: &str, cleaned: &str) -> Option<usize> {
    let start = raw.len() - raw.trim_start().len();
    (!cleaned.is_empty() && raw.len() <= BACKDROP_MAX_BYTES && raw.trim() == cleaned && cleaned.matches('.').count() < 6).then_some(start)
}

/// The token box's colors: the box's own text, colored by segment, drawn behind its transparent
/// text (the box and this layer share font, padding and wrapping, so they line up); empty when the
/// box does not hold just the token.
fn backdrop(lens: Lens) -> Vec<El> {
    // The box's text (not `Lens::token`, which is the token chosen among those found in it); a
    // large one is not even copied.
    if lens.token_text.with(String::len) > BACKDROP_MAX_BYTES {
        return Vec::new();
    }
    let raw = lens.token_text.get();
    let (cleaned, _, mark) = cleaned_token(lens);
    let Some(start) = token_in_box(&raw, &cleaned) else { return Vec::new() };
    let mut pieces = vec![El::text_node(&raw[..start])];
    pieces.extend(colored_segments(&cleaned, mark, false));
    // The trailing space gives a final line break its line, as the box has it.
    pieces.push(El::text_node(&format!("{} ", &raw[start + cleaned.len()..])));
    pieces
}

/// The cleaned token with each segment in its own color, when the token box cannot show it that
/// way (the box holds more than the token); shown even when decoding failed, so the user can see
/// which segment is which.
#[component]
fn EncodedView() -> impl IntoView {
    let lens = use_lens();
    move || {
        let (cleaned, kind, mark) = cleaned_token(lens);
        if cleaned.is_empty() || lens.token_text.with(|raw| token_in_box(raw, &cleaned).is_some()) {
            return None;
        }
        let title = match kind {
            Some(TokenKind::Jwe) => "JWE: header . encrypted key . IV . ciphertext . tag",
            _ => "header . payload . signature",
        };
        let encoded = NodeRef::<leptos::html::Div>::new();
        encoded.on_load(move |encoded| dom::fill(&encoded, colored_segments(&cleaned, mark, true)));
        Some(view! {
            <div class="encoded" data-testid="encoded-view" title=title node_ref=encoded></div>
        })
    }
}

/// Keeps the backdrop scrolled with the token box.
fn sync_backdrop() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let (Some(backdrop), Some(area)) = (document.get_element_by_id("token-backdrop"), document.get_element_by_id("token-input")) {
        backdrop.set_scroll_top(area.scroll_top());
    }
}

/// Where a base64 error points: (segment index, character offset) in the cleaned token.
fn error_position(error: &JoseError, segment_count: usize) -> Option<(usize, usize)> {
    let (part, offset) = match error {
        JoseError::Base64Character { part, offset, .. } | JoseError::Base64TrailingBits { part, offset, .. } => (*part, *offset),
        _ => return None,
    };
    let parts: &[Part] = if segment_count == 5 { &Part::JWE } else { &Part::JWS };
    parts.iter().position(|p| *p == part).map(|index| (index, offset))
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

/// "Copy link": the page URL with the token (never the key) in the fragment, copied and kept in
/// `shared` as the link, for [`SharedLink`] to show.
#[component]
fn ShareButton(shared: RwSignal<String>) -> impl IntoView {
    let lens = use_lens();
    let copy = move |_| {
        let link = lens.decoded.with_untracked(|d| d.as_ref().ok().and_then(|t| browser::share_link(&t.compact))).unwrap_or_default();
        if !link.is_empty() {
            browser::copy_to_clipboard(&link);
        }
        shared.set(link);
    };
    view! {
        <button type="button" class="small" data-testid="copy-link" on:click=copy
            prop:disabled=move || lens.decoded.with(Result::is_err)
            title="Copy a link to this page with the token (never the key) in the URL fragment">
            "Copy link"
        </button>
    }
}

/// The copied link and what it does and does not reveal; hidden once the token changes.
#[component]
fn SharedLink(shared: RwSignal<String>) -> impl IntoView {
    let lens = use_lens();
    move || {
        let link = shared.get();
        // Still the token being read: its link is the one copied.
        let current = !link.is_empty() && lens.decoded.with(|d| d.as_ref().ok().and_then(|t| browser::share_link(&t.compact))) == Some(link.clone());
        current.then(|| view! {
            <div class="share" data-testid="share-link">
                <code class="mono wrap" aria-label="Link with the token">{link}</code>
                <p class="note">
                    "Copied. The token is in the URL fragment (#...), which browsers do not send to servers, "
                    "but it stays in your browser history. The key is never included."
                </p>
            </div>
        })
    }
}

/// Copies the token being read into the encoder: its header and payload texts exactly as they are
/// (so re-signing an unedited token with its key gives it back), and the key when it can sign.
#[component]
fn EditButton() -> impl IntoView {
    let lens = use_lens();
    let edit = move |_| {
        let texts = lens.decoded.with_untracked(|decoded| {
            let token = decoded.as_ref().ok().filter(|token| token.kind == TokenKind::Jws)?;
            let text = |index: usize| {
                let segment = token.segments.get(index)?;
                let (bytes, _) = crate::jose::b64::decode_lenient(&segment.text).ok()?;
                Some(String::from_utf8_lossy(&bytes).into_owned())
            };
            Some((text(0)?, text(1).unwrap_or_default(), token.compact.clone()))
        });
        let Some((header, payload, compact)) = texts else { return };
        let (key, encoding) = (lens.key_text.get_untracked(), lens.secret_encoding.get_untracked());
        // The worker says whether the key can sign; before it answers, a secret that WebCrypto
        // already verified the token with (the quick HMAC check) can.
        let can_sign = lens.crypto.answer.with_untracked(|answer| {
            answer.as_ref().is_some_and(|answer| answer.is_for_key(&key, encoding) && answer.report.can_sign)
        }) || lens.quick_verified.with_untracked(|verified| {
            encoding == SecretEncoding::Utf8 && verified.split_once('\0') == Some((compact.as_str(), key.as_str()))
        });
        let key = if can_sign { key } else { String::new() };
        to_maker(&["edit", &header, &payload, &key, encoding_name(encoding)]);
    };
    view! {
        <button
            type="button"
            class="small"
            data-testid="edit-token"
            title="Copy this token's header and payload (and its key, if it can sign) into \"Make a token\""
            prop:disabled=move || lens.decoded_parts.with(|parts| !matches!(parts, Some((TokenKind::Jws, ..))))
            on:click=edit
        >
            "Edit"
        </button>
    }
}
