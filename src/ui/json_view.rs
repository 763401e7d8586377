//! JSON rendered as colored, inert text. The text content is the JSON itself (pretty-printed,
//! numbers exactly as written), so it can be copied or parsed back.

use leptos::prelude::*;
use serde_json::{Map, Value};

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

/// A JSON string literal, escaped as JSON (control characters become visible escapes).
fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn push_value(value: &Value, depth: usize, out: &mut Vec<AnyView>) {
    match value {
        Value::Null => out.push(view! { <span class="j-null">"null"</span> }.into_any()),
        Value::Bool(b) => out.push(view! { <span class="j-bool">{b.to_string()}</span> }.into_any()),
        Value::Number(n) => out.push(view! { <span class="j-number">{n.to_string()}</span> }.into_any()),
        Value::String(s) => out.push(view! { <span class="j-string">{quote(s)}</span> }.into_any()),
        Value::Array(items) => {
            if items.is_empty() {
                out.push(punct("[]"));
                return;
            }
            out.push(punct("["));
            for (index, item) in items.iter().enumerate() {
                out.push(indent(depth + 1));
                push_value(item, depth + 1, out);
                if index + 1 < items.len() {
                    out.push(punct(","));
                }
            }
            out.push(indent(depth));
            out.push(punct("]"));
        }
        Value::Object(map) => push_object(map, depth, None, out),
    }
}

fn indent(depth: usize) -> AnyView {
    format!("\n{}", "  ".repeat(depth)).into_any()
}

/// An object's members; with a highlight, each member is wrapped in a `data-claim` span.
fn push_object(map: &Map<String, Value>, depth: usize, highlight: Option<Highlight>, out: &mut Vec<AnyView>) {
    if map.is_empty() {
        out.push(punct("{}"));
        return;
    }
    out.push(punct("{"));
    for (index, (key, item)) in map.iter().enumerate() {
        let mut member = vec![indent(depth + 1)];
        member.push(view! { <span class="j-key">{quote(key)}</span> }.into_any());
        member.push(punct(": "));
        push_value(item, depth + 1, &mut member);
        if index + 1 < map.len() {
            member.push(punct(","));
        }
        if let Some(Highlight { scope, hovered }) = highlight {
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
                        data-claim=key.clone()
                        on:mouseenter=move |_| hovered.set(Some(id.clone()))
                        on:mouseleave=move |_| hovered.set(None)
                    >
                        {member}
                    </span>
                }
                .into_any(),
            );
        } else {
            out.extend(member);
        }
    }
    out.push(indent(depth));
    out.push(punct("}"));
}
