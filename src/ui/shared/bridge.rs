//! The reader and the maker are two wasm modules of this crate (the maker is loaded after the
//! reader's first view, so it is not part of the start-up download). They call each other through
//! window functions that take one array of strings, `[method, ...arguments]`: `jwtLensToMaker`
//! (defined by the boot script, which loads the maker first if needed, then calls the maker's
//! `jwtLensMakerApi`) and `jwtLensReaderApi`.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::jose::keys::SecretEncoding;

fn window_function(name: &str) -> Option<js_sys::Function> {
    js_sys::Reflect::get(&js_sys::global(), &name.into()).ok()?.dyn_into().ok()
}

fn call(function: &str, args: &[&str]) {
    if let Some(function) = window_function(function) {
        let args: js_sys::Array = args.iter().map(|arg| JsValue::from_str(arg)).collect();
        let _ = function.call1(&JsValue::NULL, &args);
    }
}

/// Asks the maker (loading it first if needed).
pub fn to_maker(args: &[&str]) {
    call("jwtLensToMaker", args);
}

/// Asks the reader.
pub fn to_reader(args: &[&str]) {
    call("jwtLensReaderApi", args);
}

/// Loads the maker module once the page is idle or in use (the boot script decides when).
pub fn load_maker_when_idle() {
    call("jwtLensLoadMakerWhenIdle", &[]);
}

/// Installs this module's side: `handler` gets the method name and its arguments.
pub fn expose(name: &str, handler: impl Fn(&str, &[String]) + 'static) {
    let closure = Closure::<dyn Fn(js_sys::Array)>::new(move |args: js_sys::Array| {
        let args: Vec<String> = args.iter().map(|arg| arg.as_string().unwrap_or_default()).collect();
        if let Some((method, rest)) = args.split_first() {
            handler(method, rest);
        }
    });
    let _ = js_sys::Reflect::set(&js_sys::global(), &name.into(), closure.as_ref());
    // Both modules live as long as the page.
    closure.forget();
}

pub fn encoding_name(encoding: SecretEncoding) -> &'static str {
    match encoding {
        SecretEncoding::Utf8 => "Utf8",
        SecretEncoding::Base64 => "Base64",
        SecretEncoding::Hex => "Hex",
    }
}

pub fn encoding_from(name: &str) -> SecretEncoding {
    match name {
        "Base64" => SecretEncoding::Base64,
        "Hex" => SecretEncoding::Hex,
        _ => SecretEncoding::Utf8,
    }
}

/// What the decryption panel shows, as the reader sends it to the maker: the reader's
/// `DecryptView` as text ("" = none).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DecryptionShown {
    /// `none`, `pending`, `ok` or `error`.
    pub status: String,
    pub reason: String,
    pub key_used: String,
    /// For a nested JWT: the inner header as JSON ("" when the plaintext is not a JWS).
    pub inner_header: String,
    /// The inner token's verdict: `pending` until the worker answers, then as `verify-status`.
    pub inner_status: String,
    pub inner_reason: String,
    pub inner_key_used: String,
}

impl DecryptionShown {
    /// The fields in the order [`DecryptionShown::fields`] writes them.
    pub fn from_fields(fields: &[String]) -> DecryptionShown {
        let field = |index: usize| fields.get(index).cloned().unwrap_or_default();
        DecryptionShown {
            status: field(0),
            reason: field(1),
            key_used: field(2),
            inner_header: field(3),
            inner_status: field(4),
            inner_reason: field(5),
            inner_key_used: field(6),
        }
    }

    pub fn fields(&self) -> [&str; 7] {
        [
            &self.status,
            &self.reason,
            &self.key_used,
            &self.inner_header,
            &self.inner_status,
            &self.inner_reason,
            &self.inner_key_used,
        ]
    }
}


/// What the reader sends the maker's rules panel (`["rules-input", …]`): the token being read, for
/// a decrypted JWE its plaintext (base64url, "" otherwise), the signature verdict (`verify-status`
/// and reason; for a nested JWT the inner token's), the verdict ignoring an unknown `crit` (""
/// when not asked), the moment it is evaluated at, and the pasted text when it is more than the
/// token (for the server's `WWW-Authenticate` words).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RulesInput {
    pub token: String,
    pub plaintext: Option<Vec<u8>>,
    pub signature_status: String,
    pub signature_reason: String,
    pub crit_free_status: String,
    pub moment: f64,
    pub pasted: String,
}

impl RulesInput {
    pub fn from_fields(fields: &[String]) -> RulesInput {
        let field = |index: usize| fields.get(index).cloned().unwrap_or_default();
        let plaintext = field(1);
        RulesInput {
            token: field(0),
            plaintext: (!plaintext.is_empty()).then(|| crate::jose::b64::decode_lenient(&plaintext).ok().map(|(bytes, _)| bytes)).flatten(),
            signature_status: field(2),
            signature_reason: field(3),
            crit_free_status: field(4),
            moment: field(5).parse().unwrap_or_default(),
            pasted: field(6),
        }
    }
}

/// Calls the maker only if it is loaded (unlike [`to_maker`], which loads it first): for messages
/// it asks for again when it starts (`maker-ready`).
pub fn to_maker_if_loaded(args: &[&str]) {
    call("jwtLensMakerApi", args);
}
