//! Small shared controls.

use leptos::prelude::*;

use super::bridge::{encoding_name, to_maker};
use super::browser;
use crate::jose::keys::{is_secret_text, SecretEncoding};

/// A button that copies the current value of `text` and says so for a moment.
#[component]
pub fn CopyButton(#[prop(into)] text: Signal<String>, #[prop(into)] what: String) -> impl IntoView {
    let copied = RwSignal::new(None::<bool>);
    let label = format!("Copy {what}");
    let title = label.clone();
    let on_click = move |_| {
        copied.set(Some(browser::copy_to_clipboard(&text.get_untracked())));
        gloo_timers::callback::Timeout::new(1500, move || copied.set(None)).forget();
    };
    view! {
        <button type="button" class="small" title=title prop:disabled=move || text.with(String::is_empty) on:click=on_click>
            {move || match copied.get() {
                Some(true) => "Copied ✓".to_string(),
                Some(false) => "Clipboard unavailable".to_string(),
                None => label.clone(),
            }}
        </button>
    }
}

/// Switches between the light and the dark theme: every press changes what the page looks like.
/// A choice equal to the system's is not stored, so the page follows the system again.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let saved = browser::saved_theme();
    browser::set_theme(&saved);
    let theme = RwSignal::new(if saved.is_empty() { browser::system_theme().to_string() } else { saved });
    let next = move |_| {
        let chosen = if theme.get() == "dark" { "light" } else { "dark" };
        theme.set(chosen.to_string());
        browser::set_theme(if chosen == browser::system_theme() { "" } else { chosen });
    };
    view! {
        <button type="button" class="theme-toggle" on:click=next title="Switch between the light and the dark theme">
            {move || format!("Theme: {}", theme.get())}
        </button>
    }
}

/// Sorts a short list by `key`, keeping equal items in order. The page's lists hold a handful of
/// items, and each use of the standard library's sort adds kilobytes to the start-up wasm.
pub fn sort_short<T, K: PartialOrd>(items: &mut [T], key: impl Fn(&T) -> K) {
    for end in 1..items.len() {
        let mut at = end;
        while at > 0 && key(&items[at - 1]) > key(&items[at]) {
            items.swap(at - 1, at);
            at -= 1;
        }
    }
}

/// A list of notes, or nothing when empty.
pub fn note_list(class: &'static str, notes: Vec<String>) -> impl IntoView {
    (!notes.is_empty()).then(|| {
        view! {
            <ul class=class>
                {notes.into_iter().map(|note| view! { <li>{note}</li> }).collect_view()}
            </ul>
        }
    })
}

/// A non-negative number setting. Anything else typed reads as `fallback`, and a negative or
/// unreadable number says so next to the box; an empty box is the fallback, silently.
#[component]
pub fn NumberSetting(
    label: &'static str,
    testid: &'static str,
    value: RwSignal<f64>,
    fallback: f64,
) -> impl IntoView {
    // JavaScript's number formatting ("120", "1.5"), so Rust's float formatting is not linked.
    let show = |number: f64| String::from(js_sys::Number::from(number).to_string_with_radix(10).unwrap_or_default());
    let refused = RwSignal::new(false);
    view! {
        <label class="setting">
            {label}
            " "
            <input
                type="number"
                min="0"
                step="1"
                data-testid=testid
                aria-invalid=move || refused.get().then_some("true")
                // Set once: writing the value back while the user types ("-", "1e") would undo the typing.
                prop:value=show(value.get_untracked())
                on:input:target=move |ev| {
                    let text = ev.target().value();
                    let typed = text.trim().parse::<f64>().ok().filter(|typed| typed.is_finite() && *typed >= 0.0);
                    refused.set(typed.is_none() && !text.trim().is_empty());
                    value.set(typed.unwrap_or(fallback));
                }
            />
        </label>
        {move || refused.get().then(|| view! {
            <span class="error-text" role="status">{format!("must be a number of 0 or more: using {}", show(fallback))}</span>
        })}
    }
}

/// The two "secret is base64" / "secret is hex" boxes of a key box (`{prefix}secret-base64`,
/// `{prefix}secret-hex`); they apply to secrets only, not to PEM or JWK, which are recognised by how
/// they start.
#[component]
pub fn SecretEncodingChoice(
    encoding: RwSignal<SecretEncoding>,
    key: RwSignal<String>,
    testid_prefix: &'static str,
) -> impl IntoView {
    let not_a_secret = move || key.with(|text| !is_secret_text(text));
    let choice = move |choice: SecretEncoding, testid: String, label: &'static str| {
        view! {
            <label class="check" title=move || not_a_secret().then_some("applies to secrets only, not to PEM or JWK")>
                <input
                    type="checkbox"
                    data-testid=testid
                    prop:disabled=not_a_secret
                    prop:checked=move || encoding.get() == choice
                    on:change:target=move |ev| {
                        encoding.set(if ev.target().checked() { choice } else { SecretEncoding::Utf8 })
                    }
                />
                {label}
            </label>
        }
    };
    view! {
        {choice(SecretEncoding::Base64, format!("{testid_prefix}secret-base64"), "secret is base64 / base64url")}
        {choice(SecretEncoding::Hex, format!("{testid_prefix}secret-hex"), "secret is hex")}
    }
}

/// "Show as PEM / JWK": asks the maker (loaded first if needed) to show a key box's key in every
/// form; its Keys panel shows the result. The same call from the reader and from the maker itself.
#[component]
pub fn ConvertButton(
    testid: &'static str,
    key: RwSignal<String>,
    encoding: RwSignal<SecretEncoding>,
    #[prop(optional)] password: Option<RwSignal<String>>,
) -> impl IntoView {
    let convert = move |_| {
        let password = password.map(|password| password.get_untracked()).unwrap_or_default();
        key.with_untracked(|key| to_maker(&["convert", key, encoding_name(encoding.get_untracked()), &password]));
    };
    view! {
        <button
            type="button"
            class="small"
            data-testid=testid
            title="Show this key as PEM, JWK and JWKS, with its thumbprint"
            prop:disabled=move || key.with(|key| key.trim().is_empty())
            on:click=convert
        >
            "Show as PEM / JWK"
        </button>
    }
}

/// A labelled text box of the maker, bound to `text`: one function, so the encoder's boxes and
/// the attacks panel's key box share their code in the wasm.
pub fn editor(label: &'static str, testid: &'static str, rows: u32, text: RwSignal<String>, placeholder: &'static str) -> impl IntoView {
    view! {
        <label class="encoder-field">
            <span>{label}</span>
            <textarea
                id=testid
                data-testid=testid
                rows=rows
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                placeholder=placeholder
                prop:value=move || text.get()
                on:input:target=move |ev| text.set(ev.target().value())
            ></textarea>
        </label>
    }
}
