//! What every preset shares: rule builders, the signature and `alg` as the reader found them,
//! `typ` as a media type, and the checks a library does not have (applied as the rules say, and
//! said so) when the user sets that field anyway.

use serde_json::{Map, Value};

use super::{Context, RuleResult, RuleStatus, Signature, SignatureCheck};
use crate::jose::error::Part;
use crate::jose::jws::check_crit;
use crate::jose::token::json_kind;

pub fn pass(id: &str, message: impl Into<String>) -> RuleResult {
    RuleResult { id: id.into(), status: RuleStatus::Pass, message: message.into(), marks: None }
}

pub fn skip(id: &str, message: impl Into<String>) -> RuleResult {
    RuleResult { id: id.into(), status: RuleStatus::Skip, message: message.into(), marks: None }
}

pub fn fail(id: &str, message: impl Into<String>, part: Part, name: &str) -> RuleResult {
    RuleResult { id: id.into(), status: RuleStatus::Fail, message: message.into(), marks: Some((part, name.into())) }
}

/// A claim failure, marked in the payload.
pub fn fail_claim(id: &str, message: impl Into<String>, claim: &str) -> RuleResult {
    fail(id, message, Part::Payload, claim)
}

/// The signature a library sees: the bare signature when the reader refused the token for its
/// `crit` only. Without that verdict, a refusal for `crit` says nothing about the signature itself.
pub fn effective_signature(header: &Map<String, Value>, signature: &Signature) -> SignatureCheck {
    if let Some(bare) = &signature.ignoring_crit {
        return bare.clone();
    }
    match &signature.check {
        SignatureCheck::Error(_) if check_crit(header).is_err() => SignatureCheck::NoKey,
        other => other.clone(),
    }
}

/// The signature rule: `words` is how the library says "does not match".
pub fn signature_rule(context: &Context, words: &str) -> RuleResult {
    if context.encrypted {
        return skip("signature", "a JWE: decryption with the key authenticates it, there is no signature");
    }
    match &context.signature {
        SignatureCheck::Valid => pass("signature", "verifies with the key in the key box"),
        SignatureCheck::NoKey => skip("signature", "not checked: paste the key to check the signature"),
        SignatureCheck::Pending => skip("signature", "checking…"),
        SignatureCheck::Invalid(reason) => fail("signature", format!("{words}: {reason}"), Part::Signature, "signature"),
        SignatureCheck::Error(reason) => fail("signature", format!("{words}: {reason}"), Part::Signature, "signature"),
    }
}

/// The header's `alg` as written (`None`: missing or not a string).
pub fn alg<'a>(context: &Context<'a>) -> Option<&'a str> {
    context.header.get("alg").and_then(Value::as_str)
}

/// The `alg` rule with an allow-list: `none` (any spelling) is never allowed; an empty list
/// allows any other algorithm (the library then follows the key). `not_allowed` is the
/// library's words.
pub fn alg_rule(context: &Context, not_allowed: &str, missing: &str) -> RuleResult {
    if context.encrypted {
        return skip("alg", "a JWE: its alg is the key management algorithm");
    }
    let Some(alg) = alg(context) else { return fail("alg", missing, Part::Header, "alg") };
    let allowed = &context.rules.algs;
    if alg.eq_ignore_ascii_case("none") && !allowed.iter().any(|a| a == alg) {
        return fail("alg", format!("{not_allowed}: alg \"{alg}\" means unsigned"), Part::Header, "alg");
    }
    if allowed.is_empty() {
        pass("alg", format!("{alg}: no list of algorithms set, any the key verifies"))
    } else if allowed.iter().any(|a| a == alg) {
        pass("alg", format!("{alg} is allowed"))
    } else {
        fail("alg", format!("{not_allowed}: the token's alg is {alg}, the API allows {}", allowed.join(", ")), Part::Header, "alg")
    }
}

/// RFC 7515 §4.1.9: a `typ` without '/' means "application/" followed by it, compared
/// case-insensitively.
pub fn media_type(typ: &str) -> String {
    let lower = typ.to_ascii_lowercase();
    if lower.contains('/') { lower } else { format!("application/{lower}") }
}

/// The `typ` rule compared as a media type (jose's semantics, and the RFC's).
pub fn typ_rule(context: &Context, unexpected: &str) -> RuleResult {
    let Some(expected) = &context.rules.typ else { return skip("typ", "not checked: no typ expected") };
    match context.header.get("typ") {
        Some(Value::String(typ)) if media_type(typ) == media_type(expected) => pass("typ", format!("\"{typ}\" is {}", media_type(expected))),
        Some(Value::String(typ)) => fail("typ", format!("{unexpected}: \"{typ}\", the API expects \"{expected}\""), Part::Header, "typ"),
        Some(other) => fail("typ", format!("{unexpected}: typ is {}", json_kind(other)), Part::Header, "typ"),
        None => fail("typ", format!("{unexpected}: the header has no typ, the API expects \"{expected}\""), Part::Header, "typ"),
    }
}

/// RFC 7515 §4.1.11 `crit`, as the reader checks it, in `library`'s words.
pub fn crit_rule(context: &Context, words: impl Fn(&str) -> String) -> RuleResult {
    match context.header.get("crit") {
        None => pass("crit", "no crit header"),
        Some(_) => match check_crit(context.header) {
            Ok(()) => pass("crit", "every name in crit is understood"),
            Err(error) => {
                let names: Vec<&str> = match context.header.get("crit") {
                    Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
                    _ => Vec::new(),
                };
                fail("crit", format!("{} ({error})", words(&names.join(", "))), Part::Header, "crit")
            }
        },
    }
}

/// The `crit` rule of a library that never reads `crit`.
pub fn crit_ignored(context: &Context, library: &str) -> RuleResult {
    match context.header.get("crit") {
        None => pass("crit", "no crit header"),
        Some(_) => skip("crit", format!("{library} ignores crit: the token is accepted as if the header had none (the reader refuses it, RFC 7515 §4.1.11)")),
    }
}

/// The claim as text for messages, shortened.
pub fn shown(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 80 { format!("{}…", text.chars().take(80).collect::<String>()) } else { text }
}

/// The audiences of `aud` when it is a string or an array of strings.
pub fn audiences(value: &Value) -> Option<Vec<&str>> {
    match value {
        Value::String(aud) => Some(vec![aud.as_str()]),
        Value::Array(items) => items.iter().map(Value::as_str).collect(),
        _ => None,
    }
}

/// How the token's issuer differs from the expected one, when it is a near miss people make.
pub fn issuer_hint(found: &Value, expected: &str) -> String {
    let Some(found) = found.as_str() else { return String::new() };
    if found.trim_end_matches('/') == expected.trim_end_matches('/') {
        " (they differ only by a trailing '/')".into()
    } else if found.eq_ignore_ascii_case(expected) {
        " (they differ only in case)".into()
    } else {
        String::new()
    }
}

/// A JSON number as seconds (`None`: not a number, or out of range).
pub fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(number) => number.as_f64().filter(|seconds| seconds.is_finite()),
        _ => None,
    }
}

/// The checks of `generic` for a field the library has no option for: a user who sets it checks
/// it in their own code, so it is applied as the rules say, and the message says whose check it is.
pub fn not_in_library(context: &Context, library: &str, ids: &[&str]) -> Vec<RuleResult> {
    let mut rules = Vec::new();
    let prefix = |rule: RuleResult| in_own_code(library, rule);
    for id in ids {
        match *id {
            "typ" if context.rules.typ.is_some() => rules.push(prefix(typ_rule(context, "unexpected typ"))),
            "max-age" if context.rules.max_age.is_some() => rules.push(prefix(generic_max_age(context))),
            "required" => rules.extend(context.rules.required.iter().map(|claim| prefix(generic_required(context, claim)))),
            _ => {}
        }
    }
    rules
}

/// A rule the library has no option for, applied as the rules say (the API's own code).
pub fn in_own_code(library: &str, rule: RuleResult) -> RuleResult {
    RuleResult { message: format!("{library} has no such option; as the rules say: {}", rule.message), ..rule }
}

/// `required:<claim>`: present with a value other than null.
pub fn generic_required(context: &Context, claim: &str) -> RuleResult {
    let id = format!("required:{claim}");
    match context.claims.get(claim) {
        Some(Value::Null) | None => fail_claim(&id, format!("the token has no \"{claim}\" claim"), claim),
        Some(_) => pass(&id, format!("\"{claim}\" is present")),
    }
}

/// `max-age`: `iat` a JSON number, at most `max_age` + leeway seconds ago, and not in the future.
pub fn generic_max_age(context: &Context) -> RuleResult {
    let Some(max_age) = context.rules.max_age else { return skip("max-age", "not checked: no max age set") };
    let Some(value) = context.claims.get("iat") else {
        return fail_claim("max-age", "the token has no iat, so its age is unknown", "iat");
    };
    let Some(iat) = number(value) else {
        return fail_claim("max-age", format!("iat is {}, not a number of seconds", json_kind(value)), "iat");
    };
    let age = context.now - iat;
    if age - context.leeway > max_age {
        fail_claim("max-age", format!("issued {} ago, more than the {max_age} s allowed", crate::jose::time::human_duration(age)), "iat")
    } else if age < -context.leeway {
        fail_claim("max-age", format!("iat is {} in the future", crate::jose::time::human_duration(age)), "iat")
    } else {
        pass("max-age", format!("issued {} ago, within {max_age} s", crate::jose::time::human_duration(age)))
    }
}

/// The payload must be a JSON object for any library to read claims.
pub fn payload_rule(context: &Context, words: &str) -> Option<RuleResult> {
    (!context.has_claims).then(|| fail("payload", words, Part::Payload, ""))
}
