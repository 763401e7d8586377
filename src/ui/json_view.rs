//! JSON rendered as colored, inert text (text nodes only, never HTML). Its text content is the JSON
//! itself, pretty-printed with numbers exactly as written, so it can be copied or parsed back.
//! Invisible and bidi characters are shown as `\u` escapes. Huge values are windowed: long strings
//! are cut and long arrays/objects show their first items, with buttons to see more, so a 1 MB
//! token never puts tens of thousands of nodes in the page at once.

use std::sync::Arc;

use leptos::prelude::*;
use serde_json::{Map, Value};

use crate::jose::text::visible_json_string;

/// Items of an array or object shown before (and per) "show more".
const ITEMS_PER_PAGE: usize = 100;
/// Characters of a string shown before "show all".
const STRING_PREVIEW: usize = 400;

/// Which top-level member is highlighted: the scope ("header" or "payload") and the shared signal
/// holding "scope:name" of the claim under the pointer.
#[derive(Clone, Copy)]
pub struct Highlight {
    pub scope: &'static str,
    pub hovered: RwSignal<Option<String>>,
}

/// A pretty-printed object whose top-level members carry `data-claim` and highlight together with
/// their row in the claims table.
pub fn object_view(map: &Map<String, Value>, highlight: Highlight) -> impl IntoView {
    let mut out = Vec::new();
    push_object(map, 0, Some(highlight), &mut out);
    out
}

/// Any JSON value, pretty-printed.
pub fn value_view(value: &Value) -> impl IntoView {
    let mut out = Vec::new();
    push_value(value, 0, &mut out);
    out
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

fn push_value(value: &Value, depth: usize, out: &mut Vec<AnyView>) {
    match value {
        Value::Null => out.push(view! { <span class="j-null">"null"</span> }.into_any()),
        Value::Bool(b) => out.push(view! { <span class="j-bool">{b.to_string()}</span> }.into_any()),
        Value::Number(n) => out.push(view! { <span class="j-number">{n.to_string()}</span> }.into_any()),
        Value::String(s) if s.chars().count() > STRING_PREVIEW => {
            out.push(view! { <LongString text=Arc::from(s.as_str())/> }.into_any())
        }
        Value::String(s) => out.push(string_view("j-string", s)),
        Value::Array(items) => {
            let entries: Vec<(Option<&String>, &Value)> = items.iter().map(|item| (None, item)).collect();
            push_container(("[", "]"), &entries, depth, None, out);
        }
        Value::Object(map) => push_object(map, depth, None, out),
    }
}

fn push_object(map: &Map<String, Value>, depth: usize, highlight: Option<Highlight>, out: &mut Vec<AnyView>) {
    let entries: Vec<(Option<&String>, &Value)> = map.iter().map(|(key, item)| (Some(key), item)).collect();
    push_container(("{", "}"), &entries, depth, highlight, out);
}

/// An array (entries without names) or object, its first page of entries inline and the rest
/// behind a "show more" button.
fn push_container(
    (open, close): (&'static str, &'static str),
    entries: &[(Option<&String>, &Value)],
    depth: usize,
    highlight: Option<Highlight>,
    out: &mut Vec<AnyView>,
) {
    if entries.is_empty() {
        out.push(punct(if open == "[" { "[]" } else { "{}" }));
        return;
    }
    out.push(punct(open));
    push_entries(entries, 0, entries.len(), depth, highlight, out);
    if entries.len() > ITEMS_PER_PAGE {
        let rest: Vec<(Option<String>, Value)> =
            entries[ITEMS_PER_PAGE..].iter().map(|(key, item)| (key.cloned(), (*item).clone())).collect();
        out.push(view! { <MoreEntries rest=Arc::new(rest) total=entries.len() shown=ITEMS_PER_PAGE depth=depth/> }.into_any());
    }
    out.push(indent(depth));
    out.push(punct(close));
}

/// Entries `entries[0..]` (at most one page), `offset` being the index of the first in the whole
/// container of `total` entries (for the separating commas).
fn push_entries(
    entries: &[(Option<&String>, &Value)],
    offset: usize,
    total: usize,
    depth: usize,
    highlight: Option<Highlight>,
    out: &mut Vec<AnyView>,
) {
    for (index, (key, item)) in entries.iter().enumerate().take(ITEMS_PER_PAGE) {
        let mut entry = vec![indent(depth + 1)];
        if let Some(key) = key {
            entry.push(string_view("j-key", key));
            entry.push(punct(": "));
        }
        push_value(item, depth + 1, &mut entry);
        if offset + index + 1 < total {
            entry.push(punct(","));
        }
        match (highlight, key) {
            (Some(Highlight { scope, hovered }), Some(key)) => {
                let id = format!("{scope}:{key}");
                let is_hovered = {
                    let id = id.clone();
                    move || hovered.with(|h| h.as_deref() == Some(id.as_str()))
                };
                out.push(
                    view! {
                        <span
                            class="j-member"
                            class:highlight=is_hovered
                            data-claim=key.to_string()
                            on:mouseenter=move |_| hovered.set(Some(id.clone()))
                            on:mouseleave=move |_| hovered.set(None)
                        >
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

/// The entries after the first `shown` of a container, one page per click.
#[component]
fn MoreEntries(rest: Arc<Vec<(Option<String>, Value)>>, total: usize, shown: usize, depth: usize) -> impl IntoView {
    let expanded = RwSignal::new(false);
    let remaining = total - shown;
    move || {
        if !expanded.get() {
            let label = format!("… {remaining} more (show {})", remaining.min(ITEMS_PER_PAGE));
            return view! {
                {indent(depth + 1)}
                <button type="button" class="more" data-testid="show-more" on:click=move |_| expanded.set(true)>{label}</button>
            }
            .into_any();
        }
        let page: Vec<(Option<&String>, &Value)> =
            rest.iter().take(ITEMS_PER_PAGE).map(|(key, item)| (key.as_ref(), item)).collect();
        let mut out = Vec::new();
        push_entries(&page, shown, total, depth, None, &mut out);
        if rest.len() > ITEMS_PER_PAGE {
            let next = Arc::new(rest[ITEMS_PER_PAGE..].to_vec());
            out.push(view! { <MoreEntries rest=next total=total shown=shown + ITEMS_PER_PAGE depth=depth/> }.into_any());
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
            <button type="button" class="more" data-testid="show-more" on:click=move |_| expanded.set(true)>
                {format!("… show all {length} characters")}
            </button>
            <span class="j-string">"\""</span>
        }
        .into_any()
    }
}
