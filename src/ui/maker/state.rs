//! The maker's state: what its panels share (the worker, the clock) and what the encoder holds.
//! Panels import this module; it imports no panel.

use leptos::prelude::*;
use serde_json::Value;

use crate::engine::protocol::SignRequest;
use crate::jose::jwe::{ContentEncryption, KeyManagement};
use crate::jose::keys::SecretEncoding;
use crate::jose::token::json_error_message;
use crate::ui::shared::crypto::CryptoWorker;

/// What the maker's panels share.
#[derive(Clone, Copy)]
pub struct Maker {
    pub crypto: CryptoWorker,
    /// Unix seconds, ticking once a second (key generation's elapsed time, claim helpers).
    pub now: RwSignal<f64>,
}

pub fn use_maker() -> Maker {
    expect_context::<Maker>()
}

/// What the encoder holds. Nothing here is stored or put in a link.
#[derive(Clone, Copy)]
pub struct Encoder {
    pub header: RwSignal<String>,
    pub payload: RwSignal<String>,
    pub key: RwSignal<String>,
    pub encoding: RwSignal<SecretEncoding>,
    /// For an encrypted PKCS#8 private key.
    pub password: RwSignal<String>,
    /// The user asked for an unsigned token (`alg: none`).
    pub unsigned: RwSignal<bool>,
    /// Encode the header and payload as compact JSON, as most libraries and jwt.io do; off after
    /// Edit, which reproduces a token's exact texts (no switch of its own: a checkbox would cost
    /// the start-up download more than it is worth).
    pub compact: RwSignal<bool>,
    /// A nested JWT: the payload is first signed with this header and key, then encrypted (only
    /// for a JWE header, and only when the key is not empty).
    pub inner_header: RwSignal<String>,
    pub inner_key: RwSignal<String>,
}

impl Encoder {
    pub fn new() -> Encoder {
        Encoder {
            header: RwSignal::new("{\n  \"alg\": \"HS256\",\n  \"typ\": \"JWT\"\n}".into()),
            payload: RwSignal::new(default_payload(crate::ui::shared::browser::now_seconds())),
            key: RwSignal::new(String::new()),
            encoding: RwSignal::new(SecretEncoding::Utf8),
            password: RwSignal::new(String::new()),
            unsigned: RwSignal::new(false),
            compact: RwSignal::new(true),
            inner_header: RwSignal::new("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".into()),
            inner_key: RwSignal::new(String::new()),
        }
    }

    /// The header's `alg` set to `alg` (e.g. for a key chosen elsewhere).
    pub fn set_alg(self, alg: &str) {
        if let Some(header) = self.header.with_untracked(|header| with_alg(header, alg)) {
            // Re-indented: the exact texts of an Edit are gone, so back to compact encoding.
            self.compact.set(true);
            self.header.set(header);
        }
    }

    /// Makes the header's `alg` one the key signs: kept when it is of the key's family (PS256 for
    /// an RSA key, HS512 for a secret), else the key's own algorithm.
    pub fn adopt_alg(self, key_alg: &str) {
        let current = self.header.with_untracked(|header| check_header(header).ok()).unwrap_or_default();
        let family = |alg: &str| match alg.get(..2) {
            Some("RS" | "PS") => "RSA".to_string(),
            Some("HS") => "HMAC".to_string(),
            _ => alg.to_string(),
        };
        if family(&current) != family(key_alg) {
            self.set_alg(key_alg);
        }
    }

    /// The request that makes the token of the encoder as it is (a JWE header, one with `enc`,
    /// takes the nested-JWT fields along).
    pub fn request(self) -> SignRequest {
        let header = self.encoded(self.header.get());
        let nested = header.contains("\"enc\"") && self.inner_key.with(|key| !key.trim().is_empty());
        let inner = |text: RwSignal<String>| if nested { text.get() } else { String::new() };
        SignRequest {
            generation: 0,
            header,
            payload: self.encoded(self.payload.get()),
            key: self.key.get(),
            encoding: self.encoding.get(),
            password: self.password.get(),
            inner_header: inner(self.inner_header),
            inner_key: inner(self.inner_key),
        }
    }

    /// A text as it is encoded: compact JSON when asked and when it is JSON, else as typed.
    fn encoded(self, text: String) -> String {
        if !self.compact.get() {
            return text;
        }
        serde_json::from_str::<Value>(&text).ok().and_then(|value| serde_json::to_string(&value).ok()).unwrap_or(text)
    }

    /// Fills the encoder with a token's header and payload texts (exact) and, when it can sign, its key.
    pub fn edit(self, header: String, payload: String, key: Option<(String, SecretEncoding)>) {
        self.header.set(header);
        self.payload.set(payload);
        self.unsigned.set(false);
        self.compact.set(false);
        if let Some((key, encoding)) = key {
            self.key.set(key);
            self.encoding.set(encoding);
        }
    }
}

/// A payload as a new token has it: issued now, valid for an hour.
fn default_payload(now: f64) -> String {
    let now = now.floor() as i64;
    format!("{{\n  \"sub\": \"1234567890\",\n  \"name\": \"Ada Lovelace\",\n  \"iat\": {now},\n  \"exp\": {}\n}}", now + 3600)
}

pub fn use_encoder() -> Encoder {
    expect_context::<Encoder>()
}

/// "header: JSON error at line 2 column 9: expected `,` or `}`", or the header's `alg` text.
pub fn check_header(text: &str) -> Result<String, String> {
    let value: Value = serde_json::from_str(text)
        .map_err(|error| format!("header: JSON error at line {} column {}: {}", error.line(), error.column(), json_error_message(&error)))?;
    let Value::Object(header) = value else { return Err("header: must be a JSON object".into()) };
    if let Some(enc) = header.get("enc") {
        // A JWE: its alg is a key management algorithm, and enc must be known (the worker says
        // what else is wrong: the key, a PBES2 count...).
        let enc = enc.as_str().unwrap_or_default();
        if ContentEncryption::from_name(enc).is_none() {
            return Err(format!("header: \"enc\" must be one of {}", ContentEncryption::NAMES.join(", ")));
        }
        let alg = header.get("alg").and_then(Value::as_str).unwrap_or_default();
        if KeyManagement::from_name(alg).is_none() {
            return Err(format!("header: a JWE \"alg\" is one of {}", KeyManagement::NAMES.join(", ")));
        }
    }
    match header.get("alg") {
        Some(Value::String(alg)) => Ok(alg.clone()),
        Some(_) => Err("header: \"alg\" must be a string".into()),
        None => Err("header: \"alg\" is missing: choose an algorithm".into()),
    }
}

/// Sets a member of a JSON object text (re-indented; the other members keep their order), or
/// `None` when the text is not a JSON object.
pub fn with_member(text: &str, name: &str, value: Value) -> Option<String> {
    let Ok(Value::Object(mut object)) = serde_json::from_str::<Value>(text) else { return None };
    object.insert(name.into(), value);
    serde_json::to_string_pretty(&Value::Object(object)).ok()
}

pub fn with_alg(header: &str, alg: &str) -> Option<String> {
    with_member(header, "alg", Value::String(alg.into()))
}

