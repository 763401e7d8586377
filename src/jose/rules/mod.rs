//! "Would your API accept this token?" (issue 22): the rules a receiving API applies, checked
//! against a decoded token at a given instant, either as written (`generic`) or as a real library
//! applies them by default (`pyjwt`, `node-jsonwebtoken`, `jose`, `rust-jsonwebtoken`), with each
//! failure in that library's own words. Libraries stop at their first failure; the rules are listed
//! in the order the library checks them, so the first `fail` is what the library would raise.
//!
//! Pure: no clock (callers pass `now`), no crypto (the caller passes what the crypto worker found
//! about the signature). Each library's behaviour is checked against the library itself by
//! tests/rules_matrix.rs over tests/fixtures/rules/matrix.json.

mod common;
mod generic;
mod jose;
mod node;
mod pyjwt;
mod rust_crate;
pub mod server;

use serde_json::{Map, Value};

use super::error::Part;
use super::b64::Leniency;
use super::token::{DecodedToken, Payload, TokenKind};

/// What the API expects: every field empty or `None` = not configured (the preset's default).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rules {
    pub issuer: Option<String>,
    /// The audiences the API accepts (any one of them must be in the token's `aud`).
    pub audiences: Vec<String>,
    /// The algorithms the API allows; empty = the preset's default.
    pub algs: Vec<String>,
    pub typ: Option<String>,
    /// Claim names that must be present.
    pub required: Vec<String>,
    /// Seconds: `iat` must be at most this old.
    pub max_age: Option<f64>,
    /// Seconds of clock skew; `None` = the preset's default (60 for the Rust crate, else 0).
    pub leeway: Option<f64>,
}

impl Rules {
    /// Whether no field is set (with preset `generic`, the status is then `none`).
    pub fn is_empty(&self) -> bool {
        *self == Rules::default()
    }

    /// Reads the form's fields as typed (the ui-contract inputs `expect-iss`, `expect-aud`,
    /// `expect-alg`, `expect-typ`, `expect-required`, `expect-max-age`, `expect-leeway`): lists are
    /// comma-separated, blanks ignored. A number that does not read is left unset and named in
    /// the returned problems (field name, message), so the page can say so beside the field.
    pub fn from_fields(fields: &Fields) -> (Rules, Vec<(&'static str, String)>) {
        let mut problems = Vec::new();
        let text = |value: &str| Some(value.trim().to_string()).filter(|value| !value.is_empty());
        let mut seconds = |name: &'static str, value: &str| {
            let value = value.trim();
            if value.is_empty() {
                return None;
            }
            match value.parse::<f64>() {
                Ok(number) if number.is_finite() && number >= 0.0 => Some(number),
                _ => {
                    problems.push((name, format!("\"{}\" is not a number of seconds (0 or more)", value.chars().take(40).collect::<String>())));
                    None
                }
            }
        };
        let rules = Rules {
            issuer: text(&fields.issuer),
            audiences: list(&fields.audiences),
            algs: list(&fields.algs),
            typ: text(&fields.typ),
            required: list(&fields.required),
            max_age: seconds("max-age", &fields.max_age),
            leeway: seconds("leeway", &fields.leeway),
        };
        (rules, problems)
    }
}

/// The form's fields as typed, for `Rules::from_fields`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields {
    pub issuer: String,
    pub audiences: String,
    pub algs: String,
    pub typ: String,
    pub required: String,
    pub max_age: String,
    pub leeway: String,
}

/// A comma-separated list, trimmed, without blanks or repeats, in order.
fn list(text: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for item in text.split(',').map(str::trim).filter(|item| !item.is_empty()) {
        if !items.iter().any(|seen| seen == item) {
            items.push(item.to_string());
        }
    }
    items
}

/// Whose defaults and words the rules follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    Generic,
    PyJwt,
    NodeJsonwebtoken,
    Jose,
    RustJsonwebtoken,
}

impl Preset {
    pub const ALL: [Preset; 5] = [Preset::Generic, Preset::PyJwt, Preset::NodeJsonwebtoken, Preset::Jose, Preset::RustJsonwebtoken];

    /// The ui-contract option value of `expect-preset`.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Generic => "generic",
            Preset::PyJwt => "pyjwt",
            Preset::NodeJsonwebtoken => "node-jsonwebtoken",
            Preset::Jose => "jose",
            Preset::RustJsonwebtoken => "rust-jsonwebtoken",
        }
    }

    pub fn from_name(name: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|preset| preset.name() == name)
    }

    /// How the page names it ("PyJWT 2 `jwt.decode`").
    pub fn label(self) -> &'static str {
        match self {
            Preset::Generic => "the rules as set (RFC 7519)",
            Preset::PyJwt => "PyJWT 2 jwt.decode",
            Preset::NodeJsonwebtoken => "npm jsonwebtoken 9 verify",
            Preset::Jose => "npm jose 6 jwtVerify",
            Preset::RustJsonwebtoken => "Rust crate jsonwebtoken 10 decode",
        }
    }

    /// The leeway when the field is empty: the crate's `Validation` defaults to 60 s.
    pub fn default_leeway(self) -> f64 {
        match self {
            Preset::RustJsonwebtoken => 60.0,
            _ => 0.0,
        }
    }
}

/// What the crypto worker found about the signature, with the key in the key box.
#[derive(Debug, Clone, PartialEq)]
pub enum SignatureCheck {
    /// The key box is empty.
    NoKey,
    /// The worker has not answered for the current inputs.
    Pending,
    Valid,
    Invalid(String),
    Error(String),
}

impl SignatureCheck {
    /// From the verdict report's `status` (`none`, `valid`, `invalid`, `error`) and reason.
    pub fn from_status(status: &str, reason: Option<&str>) -> SignatureCheck {
        let reason = reason.unwrap_or_default().to_string();
        match status {
            "valid" => SignatureCheck::Valid,
            "invalid" => SignatureCheck::Invalid(reason),
            "error" => SignatureCheck::Error(reason),
            "pending" => SignatureCheck::Pending,
            _ => SignatureCheck::NoKey,
        }
    }
}

/// The signature as each preset sees it. The reader refuses a token with an unknown `crit` before
/// looking at its signature; a library that ignores `crit` does not, so `ignoring_crit` carries the
/// verdict of the signature alone (`jws::verify_ignoring_crit`) when the reader refused for `crit`.
#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    pub check: SignatureCheck,
    pub ignoring_crit: Option<SignatureCheck>,
}

impl From<SignatureCheck> for Signature {
    fn from(check: SignatureCheck) -> Signature {
        Signature { check, ignoring_crit: None }
    }
}

/// The `validation-status` of the ui-contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Preset `generic` and every field empty: nothing to say.
    None,
    /// No rule fails yet, and the signature is still being checked.
    Pending,
    Accepted,
    /// At least one rule fails (whatever the signature turns out to be: the API rejects anyway).
    Rejected,
    /// No rule fails, but there is no key to check the signature with.
    Incomplete,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::None => "none",
            Status::Pending => "pending",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
            Status::Incomplete => "incomplete",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleStatus {
    Pass,
    Fail,
    Skip,
}

impl RuleStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleStatus::Pass => "pass",
            RuleStatus::Fail => "fail",
            RuleStatus::Skip => "skip",
        }
    }
}

/// One rule checked: the ui-contract's `validation-rule`.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleResult {
    /// `data-rule`: `signature`, `alg`, `typ`, `crit`, `exp`, `nbf`, `iat`, `iss`, `aud`,
    /// `max-age`, `required:<claim>`, and `sub`, `jti`, `payload`, `header` where a library checks
    /// them; `format` for a token pasted with a trailing '.'.
    pub id: String,
    pub status: RuleStatus,
    /// Why, in the library's words where it has them (its exception or error text, quoted).
    pub message: String,
    /// The header parameter or claim to mark when the rule fails.
    pub marks: Option<(Part, String)>,
}

/// What the API would do with the token.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub status: Status,
    pub preset: Preset,
    /// In the order the library checks them.
    pub rules: Vec<RuleResult>,
}

impl Evaluation {
    /// The rule the library would report: the first that fails, in its order.
    pub fn failure(&self) -> Option<&RuleResult> {
        self.rules.iter().find(|rule| rule.status == RuleStatus::Fail)
    }

    /// For the verdict card: "would accept it", "would reject it: audience"…
    pub fn summary(&self) -> String {
        match (self.status, self.failure()) {
            (Status::Rejected, Some(rule)) => format!("Your API would reject it: {}", rule_words(&rule.id)),
            (Status::Accepted, _) => "Your API would accept it".into(),
            (Status::Pending, _) => "Your API: checking the signature…".into(),
            (Status::Incomplete, _) => "Your API would accept it if the signature verifies: paste the key to check".into(),
            _ => String::new(),
        }
    }
}

/// A token pasted with a '.' after its last segment (`token::Stripped::TrailingDot`): every library
/// refuses it before reading anything else (tests/fixtures/rules: "trailing dot"), in its words.
fn format_rule(preset: Preset) -> RuleResult {
    let words = match preset {
        Preset::Generic => "the token as pasted has a '.' after its last segment: a compact JWS has exactly 3 segments (RFC 7515 §7.1)",
        Preset::PyJwt => "DecodeError: Invalid payload padding",
        Preset::NodeJsonwebtoken => "JsonWebTokenError: jwt malformed",
        Preset::Jose => "JWSInvalid: Invalid Compact JWS",
        Preset::RustJsonwebtoken => "Base64 error: Invalid symbol 46 (the crate splits at the last '.' and reads \"header.payload\" as the header)",
    };
    let message = format!("{words} (the rules below are checked on the token without the trailing '.')");
    RuleResult { id: "format".into(), status: RuleStatus::Fail, message, marks: None }
}

/// A JWS whose segments are written with '=' padding or in standard base64's alphabet ('+', '/'):
/// RFC 7515 §2 allows neither, and the libraries differ (tests/fixtures/rules: "padded segments",
/// "standard base64 alphabet"). `None` when nothing is spelled so; otherwise the `base64url` rule,
/// failed in the library's words for the first segment it reads, or passed where it reads both.
fn base64url_rule(preset: Preset, token: &DecodedToken) -> Option<RuleResult> {
    let notes = &token.encoding_notes;
    let standard: Vec<Part> = notes.iter().filter(|note| note.leniency == Leniency::StandardAlphabet).map(|note| note.part).collect();
    let padded = notes.iter().any(|note| note.leniency == Leniency::Padding);
    if standard.is_empty() && !padded {
        return None;
    }
    // The first segment in `order` written with '+' or '/'.
    let first = |order: [Part; 3]| order.into_iter().find(|part| standard.contains(part));
    let spelled = match (standard.is_empty(), padded) {
        (false, true) => "'=' padding and '+' or '/' of standard base64",
        (false, false) => "'+' or '/' of standard base64",
        _ => "'=' padding",
    };
    let rfc = "RFC 7515 §2 requires base64url without padding";
    let failed = |words: String| Some(RuleResult { id: "base64url".into(), status: RuleStatus::Fail, message: words, marks: None });
    let passed = |words: String| Some(RuleResult { id: "base64url".into(), status: RuleStatus::Pass, message: words, marks: None });
    match preset {
        Preset::Generic => failed(format!("the token's segments use {spelled}: {rfc}")),
        Preset::NodeJsonwebtoken => failed(format!("JsonWebTokenError: invalid token (the jws package takes base64url characters only; the token uses {spelled})")),
        Preset::PyJwt => match first([Part::Header, Part::Payload, Part::Signature]) {
            Some(part) => {
                let name = match part {
                    Part::Header => "header",
                    Part::Payload => "payload",
                    _ => "crypto",
                };
                failed(format!("DecodeError: Invalid {name} padding (PyJWT reads base64url only: the {part} uses '+' or '/')"))
            }
            None => passed(format!("PyJWT reads the '=' padding ({rfc}; npm jsonwebtoken and the Rust crate refuse it)")),
        },
        Preset::Jose => match first([Part::Header, Part::Signature, Part::Payload]) {
            Some(Part::Header) => failed("JWSInvalid: JWS Protected Header is invalid (jose reads base64url only: the header uses '+' or '/')".into()),
            Some(part) => failed(format!("JWSInvalid: Failed to base64url decode the {part} (jose reads base64url only: it uses '+' or '/')")),
            None => passed(format!("jose reads the '=' padding ({rfc}; npm jsonwebtoken and the Rust crate refuse it)")),
        },
        // The crate reads the header, then the signature, then the payload; the base64 crate
        // names the first byte it cannot read, or the padding.
        Preset::RustJsonwebtoken => {
            let text = |part: Part| token.segments.iter().find(|segment| segment.part == part).map_or("", |segment| segment.text.as_str());
            let error = [Part::Header, Part::Signature, Part::Payload].into_iter().find_map(|part| {
                let text = text(part);
                match text.find(['+', '/']) {
                    Some(offset) => Some(format!("Invalid symbol {}, offset {offset}.", text.as_bytes()[offset])),
                    None => text.contains('=').then(|| "Invalid padding".to_string()),
                }
            })?;
            failed(format!("Base64 error: {error} (the crate decodes base64url without padding; the token uses {spelled})"))
        }
    }
}

/// A rule id in a few words, for the summary.
pub fn rule_words(id: &str) -> String {
    match id {
        "signature" => "signature".into(),
        "alg" => "algorithm".into(),
        "typ" => "type (typ)".into(),
        "crit" => "critical header (crit)".into(),
        "exp" => "expired".into(),
        "nbf" => "not yet valid (nbf)".into(),
        "iat" => "issued in the future (iat)".into(),
        "iss" => "issuer".into(),
        "aud" => "audience".into(),
        "max-age" => "too old (max age)".into(),
        "payload" => "payload is not a claims set".into(),
        "header" => "header member of the wrong type".into(),
        "format" => "malformed token (a trailing '.')".into(),
        "base64url" => "segments not in base64url".into(),
        other => match other.strip_prefix("required:") {
            Some(claim) => format!("missing claim {claim}"),
            None => other.to_string(),
        },
    }
}

/// Everything a preset's checks read.
pub(crate) struct Context<'a> {
    pub header: &'a Map<String, Value>,
    pub claims: &'a Map<String, Value>,
    /// False when the payload is not a JSON object (every library refuses it).
    pub has_claims: bool,
    pub rules: &'a Rules,
    pub now: f64,
    pub leeway: f64,
    pub signature: SignatureCheck,
    /// A JWE whose plaintext is a claims set (no inner JWS): decryption stood for the signature.
    pub encrypted: bool,
}

/// Checks `token` (for a nested JWT, pass the inner token, or this finds it) against `rules` as
/// `preset` does, at `now` (seconds since 1970).
pub fn evaluate(token: &DecodedToken, rules: &Rules, preset: Preset, signature: &Signature, now: f64) -> Evaluation {
    let malformed = token.malformed_as_pasted();
    let spelling = if token.kind == TokenKind::Jws { base64url_rule(preset, token) } else { None };
    let token = match &token.inner {
        Some(inner) => inner.as_ref(),
        None => token,
    };
    if token.payload == Payload::Encrypted {
        let status = if preset == Preset::Generic && rules.is_empty() { Status::None } else { Status::Incomplete };
        let waiting = common::skip("payload", "encrypted: the rules are checked once the token is decrypted with the recipient's key");
        return Evaluation { status, preset, rules: vec![waiting] };
    }
    let empty = Map::new();
    let claims = token.claims();
    let leeway = rules.leeway.filter(|leeway| leeway.is_finite() && *leeway >= 0.0).unwrap_or_else(|| preset.default_leeway());
    let context = Context {
        header: &token.header,
        claims: claims.unwrap_or(&empty),
        has_claims: claims.is_some(),
        rules,
        now: if now.is_finite() { now } else { 0.0 },
        leeway,
        signature: common::effective_signature(&token.header, signature),
        encrypted: token.kind == TokenKind::Jwe,
    };
    let mut rules_checked = match preset {
        Preset::Generic => generic::rules(&context),
        Preset::PyJwt => pyjwt::rules(&context),
        Preset::NodeJsonwebtoken => node::rules(&context),
        Preset::Jose => jose::rules(&context),
        Preset::RustJsonwebtoken => rust_crate::rules(&context),
    };
    // Both are read before anything else: the segments' encoding, then (first) the dot.
    if let Some(rule) = spelling {
        rules_checked.insert(0, rule);
    }
    if malformed {
        rules_checked.insert(0, format_rule(preset));
    }
    let failed = rules_checked.iter().any(|rule| rule.status == RuleStatus::Fail);
    let status = if preset == Preset::Generic && rules.is_empty() {
        Status::None
    } else if failed {
        Status::Rejected
    } else {
        match context.signature {
            SignatureCheck::Pending => Status::Pending,
            SignatureCheck::Valid => Status::Accepted,
            _ => Status::Incomplete,
        }
    };
    Evaluation { status, preset, rules: rules_checked }
}

#[cfg(test)]
mod tests;
