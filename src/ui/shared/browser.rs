//! The few browser services the UI needs: clock, Intl date formatting, clipboard, theme.

use js_sys::{Array, Date, Intl, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::jose::time::MAX_DATE_SECONDS;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["navigator", "clipboard"], js_name = writeText)]
    fn clipboard_write_text(text: &str) -> Result<js_sys::Promise, JsValue>;

    type MediaQueryList;
    #[wasm_bindgen(js_namespace = window, js_name = matchMedia)]
    fn match_media(query: &str) -> MediaQueryList;
    #[wasm_bindgen(method, getter)]
    fn matches(this: &MediaQueryList) -> bool;
}

/// The theme the system asks for: "dark" or "light".
pub fn system_theme() -> &'static str {
    if match_media("(prefers-color-scheme: dark)").matches() {
        "dark"
    } else {
        "light"
    }
}

/// The example the page opens with: the built-in one, with the token the boot script issued from
/// it at start-up (iat now, valid for an hour) when it could (scripts/post-build.mjs).
pub fn opening_example() -> crate::jose::examples::Example {
    let mut example = crate::jose::examples::default_example();
    let fresh = web_sys::window().and_then(|window| Reflect::get(&window, &"jwtLensExample".into()).ok()).and_then(|token| token.as_string());
    if let Some(token) = fresh {
        example.token = token;
    }
    example
}

/// Removes the HTML shell of index.html (painted before the wasm) and returns what was typed or
/// pasted into its token box meanwhile.
pub fn take_shell() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let typed = document
        .get_element_by_id("shell-token")
        .and_then(|area| Reflect::get(&area, &"value".into()).ok())
        .and_then(|value| value.as_string())
        .filter(|text| !text.trim().is_empty());
    if let Some(shell) = document.get_element_by_id("shell") {
        shell.remove();
    }
    typed
}

/// Seconds since 1970 of a date-time: Unix seconds as digits, or what `Date.parse` reads (ISO 8601,
/// without a zone in local time; an HTTP date such as `Tue, 01 Dec 2026 10:42:00 GMT`), or `None`.
pub fn parse_date(text: &str) -> Option<f64> {
    if !text.is_empty() && text.len() <= 12 && text.bytes().all(|byte| byte.is_ascii_digit()) {
        return text.parse::<u64>().ok().map(|seconds| seconds as f64);
    }
    let millis = Date::parse(text);
    millis.is_finite().then_some(millis / 1000.0)
}

/// A phone-sized window (the page's one-column layout starts at 600 px).
pub fn narrow_screen() -> bool {
    web_sys::window().and_then(|window| window.inner_width().ok()).and_then(|width| width.as_f64()).is_some_and(|width| width < 600.0)
}

pub fn now_seconds() -> f64 {
    Date::now() / 1000.0
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (name, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(name), &JsValue::from_str(value));
    }
    object
}

thread_local! {
    /// Made by [`warm_up_dates`]: the first Intl formatter of a page costs about 60 ms on a slow
    /// phone (measured with 4x CPU throttling), so it is made after the first view is painted.
    static DATE_FORMAT: std::cell::OnceCell<Intl::DateTimeFormat> = const { std::cell::OnceCell::new() };
}

/// Makes the date formatter, so [`local_date`] gives dates from now on.
pub fn warm_up_dates() {
    DATE_FORMAT.with(|format| {
        format.get_or_init(|| Intl::DateTimeFormat::new(&Array::new(), &options(&[("dateStyle", "medium"), ("timeStyle", "long")])));
    });
}

/// Whether [`local_date`] can give dates yet.
pub fn dates_ready() -> bool {
    DATE_FORMAT.with(|format| format.get().is_some())
}

fn date(seconds: f64) -> Option<Date> {
    // Outside this range a JS Date is invalid and formatting it throws.
    (seconds.abs() <= MAX_DATE_SECONDS).then(|| Date::new(&JsValue::from_f64(seconds * 1000.0)))
}

/// The date in the user's locale and time zone (Intl.DateTimeFormat); `None` out of range, or
/// before [`warm_up_dates`].
pub fn local_date(seconds: f64) -> Option<String> {
    let date = date(seconds)?;
    DATE_FORMAT.with(|format| format.get()?.format().call1(&JsValue::UNDEFINED, &date).ok()?.as_string())
}

/// ISO-8601 in UTC, e.g. 2026-11-23T15:29:19.000Z.
pub fn iso_utc(seconds: f64) -> Option<String> {
    date(seconds).map(|date| String::from(date.to_iso_string()))
}

/// "in 14 minutes", "3 days ago", "now": English, like the sentences around it ("expires in 3
/// minutes"). Written out rather than through Intl.RelativeTimeFormat, whose first use cost the
/// first decoded view about 70 ms on a slow phone (measured with 4x CPU throttling).
pub fn relative(delta_seconds: f64) -> String {
    let magnitude = delta_seconds.abs();
    let (count, unit) = if magnitude < 60.0 {
        (magnitude, "second")
    } else if magnitude < 3600.0 {
        (magnitude / 60.0, "minute")
    } else if magnitude < 86_400.0 {
        (magnitude / 3600.0, "hour")
    } else if magnitude < 86_400.0 * 30.0 {
        (magnitude / 86_400.0, "day")
    } else if magnitude < 86_400.0 * 365.0 {
        ((magnitude / (86_400.0 * 30.44)).max(1.0), "month")
    } else {
        (magnitude / (86_400.0 * 365.25), "year")
    };
    // Whole units, as a person says them; NaN reads as 0.
    let count = count as u64;
    if count == 0 {
        return "now".to_string();
    }
    let plural = if count == 1 { "" } else { "s" };
    if delta_seconds > 0.0 {
        format!("in {count} {unit}{plural}")
    } else {
        format!("{count} {unit}{plural} ago")
    }
}

/// Fetches one of the app's own static files (relative URL, so sub-path hosting works).
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    response_text(url, window.fetch_with_str(url)).await
}

/// Fetches two of the app's own static files (relative URLs, so sub-path hosting works) at once:
/// both requests start before either is awaited.
pub async fn fetch_texts(first: &str, second: &str) -> (Result<String, String>, Result<String, String>) {
    let Some(window) = web_sys::window() else { return (Err("no window".into()), Err("no window".into())) };
    let (first_request, second_request) = (window.fetch_with_str(first), window.fetch_with_str(second));
    (response_text(first, first_request).await, response_text(second, second_request).await)
}

async fn response_text(url: &str, request: js_sys::Promise) -> Result<String, String> {
    use wasm_bindgen_futures::JsFuture;
    let describe = |error: JsValue| error.as_string().unwrap_or_else(|| format!("{error:?}"));
    let response: web_sys::Response = JsFuture::from(request)
        .await
        .map_err(describe)?
        .dyn_into()
        .map_err(|_| "not an HTTP response".to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {} for {url}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(describe)?).await.map_err(describe)?;
    text.as_string().ok_or_else(|| "the response is not text".to_string())
}

const TOKEN_FRAGMENT: &str = "#token=";

/// The token carried in the page's URL fragment (`#token=...`) by a shared link, if any.
pub fn token_from_fragment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let encoded = hash.strip_prefix(TOKEN_FRAGMENT)?;
    js_sys::decode_uri_component(encoded).ok().map(String::from)
}

/// A link to this page with the token (never the key) in the fragment, which browsers do not send
/// to servers.
pub fn share_link(token: &str) -> Option<String> {
    let location = web_sys::window()?.location();
    let href = location.href().ok()?;
    let base = href.split('#').next().unwrap_or_default();
    Some(format!("{base}{TOKEN_FRAGMENT}{}", String::from(js_sys::encode_uri_component(token))))
}

/// Copies text; returns false where the clipboard API is unavailable.
pub fn copy_to_clipboard(text: &str) -> bool {
    clipboard_write_text(text).is_ok()
}

const THEME_KEY: &str = "jwt-lens-theme";

/// The theme chosen on an earlier visit ("" follows the system). Only this choice is ever stored.
pub fn saved_theme() -> String {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|storage| storage.get_item(THEME_KEY).ok().flatten())
        .filter(|theme| theme == "light" || theme == "dark")
        .unwrap_or_default()
}

/// Sets `data-theme` on <html> ("" follows the system) and remembers the choice.
pub fn set_theme(theme: &str) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = if theme.is_empty() { storage.remove_item(THEME_KEY) } else { storage.set_item(THEME_KEY, theme) };
    }
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = if theme.is_empty() { root.remove_attribute("data-theme") } else { root.set_attribute("data-theme", theme) };
    }
}

/// If a panic happens anyway, say so on the page instead of leaving it silently dead.
pub fn show_panic_banner(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let (Ok(banner), Some(body)) = (document.create_element("div"), document.body()) else { return };
    let _ = banner.set_attribute("role", "alert");
    let _ = banner.set_attribute("data-testid", "panic-banner");
    banner.set_class_name("panic-banner");
    banner.set_text_content(Some(&format!(
        "JWT Lens hit an internal error and stopped; reload the page. Please report this with the input that caused it. Details: {message}"
    )));
    let _ = body.prepend_with_node_1(&banner);
}

/// Brings what an action opened or produced into view and moves the keyboard focus there, so the
/// next Tab continues from it (not from the button far away); the URL is not touched (its fragment
/// may carry a shared token). An element that takes no focus of its own gets `tabindex="-1"`.
pub fn focus_on(id: &str) {
    let Some(element) = web_sys::window().and_then(|window| window.document()).and_then(|document| document.get_element_by_id(id)) else {
        return;
    };
    if !element.has_attribute("tabindex") {
        let _ = element.set_attribute("tabindex", "-1");
    }
    element.scroll_into_view();
    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

/// Whether the browser's WebCrypto HMAC (`hash`: "SHA-256"…) verifies `signature` over `data`
/// with `secret`; `None` when it cannot say (no WebCrypto outside a secure context, a refused key).
pub async fn webcrypto_hmac_verify(hash: &str, secret: &[u8], data: &[u8], signature: &[u8]) -> Option<bool> {
    use js_sys::{Function, Promise, Uint8Array};
    use wasm_bindgen_futures::JsFuture;
    let subtle = Reflect::get(&Reflect::get(&js_sys::global(), &"crypto".into()).ok()?, &"subtle".into()).ok()?;
    let call = |name: &str, args: &Array| -> Option<Promise> {
        let method: Function = Reflect::get(&subtle, &name.into()).ok()?.dyn_into().ok()?;
        Reflect::apply(&method, &subtle, args).ok()?.dyn_into().ok()
    };
    let algorithm = Object::new();
    Reflect::set(&algorithm, &"name".into(), &"HMAC".into()).ok()?;
    Reflect::set(&algorithm, &"hash".into(), &hash.into()).ok()?;
    let import = Array::of5(&"raw".into(), &Uint8Array::from(secret), &algorithm, &JsValue::FALSE, &Array::of1(&"verify".into()));
    let key = JsFuture::from(call("importKey", &import)?).await.ok()?;
    let verify = Array::of4(&"HMAC".into(), &key, &Uint8Array::from(signature), &Uint8Array::from(data));
    JsFuture::from(call("verify", &verify)?).await.ok()?.as_bool()
}
