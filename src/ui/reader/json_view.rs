//! JSON rendered as colored, inert text (text nodes only, never HTML). Its text content is the JSON
//! itself, pretty-printed with numbers exactly as written, so it can be copied or parsed back.
//! Invisible and bidi characters are shown as `\u` escapes. Huge values are windowed: long strings
//! are cut and long arrays/objects show their first items, with buttons to see more, so a 1 MB
//! token never puts tens of thousands of nodes in the page at once.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use serde_json::{Map, Value};

use super::state::use_lens;
use crate::jose::text::visible_json_string;
use crate::jose::token::Payload;

/// Items of an array or object shown before (and per) "show more".
const ITEMS_PER_PAGE: usize = 300;
/// Characters of a string shown before "show all": only really large strings are folded (an x5c
/// chain of a few kB is shown, and copied, whole).
const STRING_PREVIEW: usize = 100_000;

/// Which top-level member is highlighted: the scope ("header" or "payload") and the shared signal
/// holding "scope:name" of the claim under the pointer.
#[derive(Clone, Copy)]
pub struct Highlight {
    pub scope: &'static str,
    pub hovered: RwSignal<Option<String>>,
}

/// What identifies a claim across the claims table and the JSON views: "scope:name".
pub fn claim_id(scope: &str, name: &str) -> String {
    format!("{scope}:{name}")
}

/// Sets the highlighted claim to the one under the event's target (or none). Containers listen
/// for their claims (delegation) instead of every row and member having listeners of its own,
/// which tachys would detach and attach again on every keystroke.
pub fn highlight_claim_under(hovered: RwSignal<Option<String>>, event: &web_sys::Event) {
    use wasm_bindgen::JsCast;
    let id = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("[data-claim-id]").ok().flatten())
        .and_then(|element| element.get_attribute("data-claim-id"));
    if hovered.with_untracked(|current| *current != id) {
        hovered.set(id);
    }
}

/// A pretty-printed claims object whose top-level members carry `data-claim` and highlight
/// together with their row in the claims table. Rebuilt in place on each keystroke: tachys updates
/// only the text that changed (measured cheaper than keying the members, which recreates the
/// elements of every changed member).
pub fn object_view(map: &Map<String, Value>, highlight: Highlight) -> impl IntoView {
    let mut out = Vec::new();
    let mut at = Location { root: highlight.scope, path: Vec::new() };
    push_object(map, 0, Some(highlight), &mut at, &mut out);
    out
}

/// The payload when it is JSON but not an object, pretty-printed.
pub fn payload_value_view(value: &Value) -> impl IntoView {
    let mut out = Vec::new();
    push_value(value, 0, &mut Location { root: "payload", path: Vec::new() }, &mut out);
    out
}

/// Where a container sits in the decoded token, so "show more" can find its entries again when
/// clicked instead of copying them all when the view is built.
#[derive(Clone, Debug)]
struct Location {
    /// "header" or "payload".
    root: &'static str,
    path: Vec<Step>,
}

#[derive(Clone, Debug)]
enum Step {
    Member(String),
    Item(usize),
}

impl Location {
    /// Entries `from..from + ITEMS_PER_PAGE` of the container at this location, cloned.
    fn page(&self, from: usize) -> Vec<(Option<String>, Value)> {
        use_lens().decoded.with_untracked(|decoded| {
            let Ok(token) = decoded else { return Vec::new() };
            let mut current: Option<&Value> = None;
            let root_map = match (self.root, &token.payload) {
                ("header", _) => Some(&token.header),
                (_, Payload::Claims(claims)) => Some(claims),
                (_, Payload::OtherJson(value)) => {
                    current = Some(value);
                    None
                }
                _ => return Vec::new(),
            };
            for (index, step) in self.path.iter().enumerate() {
                current = match (step, current, index) {
                    (Step::Member(name), None, 0) => root_map.and_then(|map| map.get(name)),
                    (Step::Member(name), Some(Value::Object(map)), _) => map.get(name),
                    (Step::Item(i), Some(Value::Array(items)), _) => items.get(*i),
                    _ => None,
                };
                if current.is_none() {
                    return Vec::new();
                }
            }
            let entries: Vec<(Option<String>, Value)> = match (current, root_map) {
                (None, Some(map)) => map.iter().skip(from).take(ITEMS_PER_PAGE).map(|(k, v)| (Some(k.clone()), v.clone())).collect(),
                (Some(Value::Object(map)), _) => map.iter().skip(from).take(ITEMS_PER_PAGE).map(|(k, v)| (Some(k.clone()), v.clone())).collect(),
                (Some(Value::Array(items)), _) => items.iter().skip(from).take(ITEMS_PER_PAGE).map(|v| (None, v.clone())).collect(),
                _ => Vec::new(),
            };
            entries
        })
    }
}

fn punct(text: &'static str) -> AnyView {
    view! { <span class="j-punct">{text}</span> }.into_any()
}

fn indent(depth: usize) -> AnyView {
    format!("\n{}", "  ".repeat(depth)).into_any()
}

/// A string literal; invisible characters escaped and flagged.
fn string_view(class: &'static str, text: &str) -> AnyView {
    let (literal, invisible) = visible_json_string(text);
    let title = invisible.then_some("contains invisible or text-direction characters, shown as \\u escapes");
    view! { <span class=class class:invisible=invisible title=title>{literal}</span> }.into_any()
}

fn push_value(value: &Value, depth: usize, at: &mut Location, out: &mut Vec<AnyView>) {
    match value {
        Value::Null => out.push(view! { <span class="j-null">"null"</span> }.into_any()),
        Value::Bool(b) => out.push(view! { <span class="j-bool">{b.to_string()}</span> }.into_any()),
        Value::Number(n) => out.push(view! { <span class="j-number">{n.to_string()}</span> }.into_any()),
        Value::String(s) if s.chars().count() > STRING_PREVIEW => {
            out.push(view! { <LongString text=Arc::from(s.as_str())/> }.into_any())
        }
        Value::String(s) => out.push(string_view("j-string", s)),
        Value::Array(items) => {
            let entries: Vec<(Option<&String>, &Value)> = items.iter().take(ITEMS_PER_PAGE).map(|item| (None, item)).collect();
            push_container(("[", "]"), &entries, items.len(), depth, None, at, out);
        }
        Value::Object(map) => push_object(map, depth, None, at, out),
    }
}

fn push_object(map: &Map<String, Value>, depth: usize, highlight: Option<Highlight>, at: &mut Location, out: &mut Vec<AnyView>) {
    let entries: Vec<(Option<&String>, &Value)> =
        map.iter().take(ITEMS_PER_PAGE).map(|(key, item)| (Some(key), item)).collect();
    push_container(("{", "}"), &entries, map.len(), depth, highlight, at, out);
}

/// An array (entries without names) or object of `total` entries: its first page inline (given as
/// `first_page`) and the rest behind a "show more" button.
fn push_container(
    (open, close): (&'static str, &'static str),
    first_page: &[(Option<&String>, &Value)],
    total: usize,
    depth: usize,
    highlight: Option<Highlight>,
    at: &mut Location,
    out: &mut Vec<AnyView>,
) {
    if total == 0 {
        out.push(punct(if open == "[" { "[]" } else { "{}" }));
        return;
    }
    out.push(punct(open));
    push_entries(first_page, 0, total, depth, highlight, at, out);
    if total > ITEMS_PER_PAGE {
        let location = at.clone();
        out.push(view! { <MoreEntries location=location total=total shown=ITEMS_PER_PAGE depth=depth/> }.into_any());
    }
    out.push(indent(depth));
    out.push(punct(close));
}

/// Entries `entries[0..]` (at most one page), `offset` being the index of the first in the whole
/// container of `total` entries (for the separating commas).
#[allow(clippy::too_many_arguments)]
fn push_entries(
    entries: &[(Option<&String>, &Value)],
    offset: usize,
    total: usize,
    depth: usize,
    highlight: Option<Highlight>,
    at: &mut Location,
    out: &mut Vec<AnyView>,
) {
    for (index, (key, item)) in entries.iter().enumerate().take(ITEMS_PER_PAGE) {
        let mut entry = vec![indent(depth + 1)];
        if let Some(key) = key {
            entry.push(string_view("j-key", key));
            entry.push(punct(": "));
        }
        at.path.push(match key {
            Some(key) => Step::Member((*key).clone()),
            None => Step::Item(offset + index),
        });
        push_value(item, depth + 1, at, &mut entry);
        at.path.pop();
        if offset + index + 1 < total {
            entry.push(punct(","));
        }
        match (highlight, key) {
            (Some(Highlight { scope, hovered }), Some(key)) => {
                let id = claim_id(scope, key);
                let is_hovered = {
                    let id = id.clone();
                    move || hovered.with(|h| h.as_deref() == Some(id.as_str()))
                };
                out.push(
                    view! {
                        <span class="j-member" class:highlight=is_hovered data-claim=key.to_string() data-claim-id=id>
                            {entry}
                        </span>
                    }
                    .into_any(),
                );
            }
            _ => out.extend(entry),
        }
    }
}

/// Shows what `button` holds back, keeping the keyboard in place: the pressed button is replaced,
/// so focus moves to the button now in its place among the view's "show more" buttons (the next
/// page's, or one inside what was just shown), or to the view itself.
fn show_more(button: &web_sys::Element, expanded: RwSignal<bool>) {
    const SELECTOR: &str = "[data-testid=show-more]";
    let view = button.closest("pre").ok().flatten();
    let ordinal = view.as_ref().and_then(|view| {
        let buttons = view.query_selector_all(SELECTOR).ok()?;
        (0..buttons.length()).find(|&index| buttons.get(index).is_some_and(|node| node == **button))
    });
    expanded.set(true);
    let (Some(view), Some(ordinal)) = (view, ordinal) else { return };
    gloo_timers::callback::Timeout::new(0, move || {
        let next = view.query_selector_all(SELECTOR).ok().and_then(|buttons| buttons.get(ordinal));
        let target = next.and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok()).or_else(|| view.dyn_into().ok());
        if let Some(target) = target {
            let _ = target.focus();
        }
    })
    .forget();
}

/// The entries after the first `shown` of a container, one page per click.
#[component]
fn MoreEntries(location: Location, total: usize, shown: usize, depth: usize) -> impl IntoView {
    let expanded = RwSignal::new(false);
    let remaining = total - shown;
    move || {
        if !expanded.get() {
            let label = format!("… {remaining} more (show {})", remaining.min(ITEMS_PER_PAGE));
            return view! {
                {indent(depth + 1)}
                <button type="button" class="more" data-testid="show-more" on:click:target=move |ev| show_more(&ev.target(), expanded)>{label}</button>
            }
            .into_any();
        }
        let page = location.page(shown);
        let entries: Vec<(Option<&String>, &Value)> = page.iter().map(|(key, item)| (key.as_ref(), item)).collect();
        let mut out = Vec::new();
        let mut at = location.clone();
        push_entries(&entries, shown, total, depth, None, &mut at, &mut out);
        if shown + ITEMS_PER_PAGE < total {
            out.push(
                view! { <MoreEntries location=location.clone() total=total shown=shown + ITEMS_PER_PAGE depth=depth/> }
                    .into_any(),
            );
        }
        out.into_any()
    }
}

/// A long string: its start, and the whole of it on request.
#[component]
fn LongString(text: Arc<str>) -> impl IntoView {
    let expanded = RwSignal::new(false);
    let length = text.chars().count();
    move || {
        if expanded.get() {
            return string_view("j-string", &text);
        }
        let preview: String = text.chars().take(STRING_PREVIEW).collect();
        let (literal, invisible) = visible_json_string(&preview);
        let literal = literal.trim_end_matches('"').to_string();
        view! {
            <span class="j-string" class:invisible=invisible>{literal}</span>
            <button type="button" class="more" data-testid="show-more" on:click:target=move |ev| show_more(&ev.target(), expanded)>
                {format!("… show all {length} characters")}
            </button>
            <span class="j-string">"\""</span>
        }
        .into_any()
    }
}

/// Whether the view of `claims` is windowed somewhere (see [`is_windowed`]): then its text is not
/// the whole JSON, which the UI contract wants `payload-json` to hold.
pub fn claims_windowed(claims: &Map<String, Value>) -> bool {
    claims.len() > ITEMS_PER_PAGE || claims.values().any(is_windowed)
}

/// Whether the view of `value` is windowed somewhere (an array or object longer than a page, a
/// string longer than its preview), so that the view's text is not the whole JSON.
fn is_windowed(value: &Value) -> bool {
    match value {
        Value::String(text) => text.len() > STRING_PREVIEW,
        Value::Array(items) => items.len() > ITEMS_PER_PAGE || items.iter().any(is_windowed),
        Value::Object(map) => map.len() > ITEMS_PER_PAGE || map.values().any(is_windowed),
        _ => false,
    }
}
