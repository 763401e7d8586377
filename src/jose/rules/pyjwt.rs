//! PyJWT 2 (`jwt.decode(token, key, algorithms=…, audience=…, issuer=…, leeway=…,
//! options={"require": […]})`, checked against 2.15.1), in its order: `crit`, `alg`, signature,
//! required claims, `iat`, `nbf`, `exp`, `iss`, `aud`, `sub`, `jti`. Its time claims go through
//! Python's `int()`, so a numeric string is accepted and a fraction truncated; `iat` after now
//! (plus leeway) is refused; a token with `aud` is refused when no audience is configured.

use serde_json::Value;

use super::common::*;
use super::{Context, RuleResult};

pub fn rules(context: &Context) -> Vec<RuleResult> {
    let mut rules = vec![
        crit_rule(context, |names| format!("InvalidTokenError: Unsupported critical extension: {names}")),
        alg_rule(context, "InvalidAlgorithmError: The specified alg value is not allowed", "InvalidAlgorithmError: Algorithm not specified"),
        signature_rule(context, "InvalidSignatureError: Signature verification failed"),
    ];
    rules.extend(payload_rule(context, "DecodeError: Invalid payload string: must be a json object"));
    for claim in &context.rules.required {
        let id = format!("required:{claim}");
        rules.push(match context.claims.get(claim) {
            None | Some(Value::Null) => fail_claim(&id, format!("MissingRequiredClaimError: Token is missing the \"{claim}\" claim"), claim),
            Some(_) => pass(&id, format!("\"{claim}\" is present")),
        });
    }
    rules.push(time(context, "iat"));
    rules.push(time(context, "nbf"));
    rules.push(time(context, "exp"));
    rules.push(issuer(context));
    rules.push(audience(context));
    rules.extend(string_claim(context, "sub", "InvalidSubjectError: Subject must be a string"));
    rules.extend(string_claim(context, "jti", "InvalidJTIError: JWT ID must be a string"));
    rules.extend(not_in_library(context, "PyJWT", &["typ", "max-age"]));
    rules
}

/// Python's `int(value)` of a JSON value: numbers truncate toward zero, booleans are 0 and 1,
/// strings of decimal digits (with sign, surrounding whitespace and `_` between digits) parse.
pub fn python_int(value: &Value) -> Option<f64> {
    match value {
        Value::Bool(flag) => Some(f64::from(u8::from(*flag))),
        Value::Number(_) => number(value).map(f64::trunc),
        Value::String(text) => {
            let text = text.trim();
            let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
            let well_formed = !digits.is_empty()
                && !digits.starts_with('_')
                && !digits.ends_with('_')
                && !digits.contains("__")
                && digits.chars().all(|c| c.is_ascii_digit() || c == '_');
            if !well_formed {
                return None;
            }
            let magnitude: f64 = digits.replace('_', "").parse().ok()?;
            Some(if text.starts_with('-') { -magnitude } else { magnitude })
        }
        _ => None,
    }
}

fn time(context: &Context, claim: &str) -> RuleResult {
    let Some(value) = context.claims.get(claim) else { return skip(claim, format!("no {claim} claim")) };
    let Some(seconds) = python_int(value) else {
        let words = match claim {
            "iat" => "InvalidIssuedAtError: Issued At claim (iat) must be an integer.",
            "nbf" => "DecodeError: Not Before claim (nbf) must be an integer.",
            _ => "DecodeError: Expiration Time claim (exp) must be an integer.",
        };
        return fail_claim(claim, format!("{words} It is {}", shown(value)), claim);
    };
    let (now, leeway) = (context.now, context.leeway);
    let string_note = if value.is_string() { " (a numeric string, which PyJWT reads with int())" } else { "" };
    match claim {
        "exp" if seconds <= now - leeway => fail_claim("exp", "ExpiredSignatureError: Signature has expired", "exp"),
        "exp" => pass("exp", format!("not expired{string_note}")),
        _ if seconds > now + leeway => fail_claim(claim, format!("ImmatureSignatureError: The token is not yet valid ({claim})"), claim),
        _ => pass(claim, format!("not in the future{string_note}")),
    }
}

fn issuer(context: &Context) -> RuleResult {
    let Some(expected) = &context.rules.issuer else { return skip("iss", "not checked: no issuer passed") };
    match context.claims.get("iss") {
        None => fail_claim("iss", "MissingRequiredClaimError: Token is missing the \"iss\" claim", "iss"),
        Some(Value::String(iss)) if iss == expected => pass("iss", format!("\"{iss}\"")),
        Some(found @ Value::String(_)) => fail_claim(
            "iss",
            format!("InvalidIssuerError: Invalid issuer: the token's iss is {}, the API expects \"{expected}\"{}", shown(found), issuer_hint(found, expected)),
            "iss",
        ),
        Some(_) => fail_claim("iss", "InvalidIssuerError: Payload Issuer (iss) must be a string", "iss"),
    }
}

/// Python truthiness of the claim: `""`, `[]`, `{}`, `0`, `false` and `null` count as absent.
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(flag) => *flag,
        Value::Number(_) => number(value).is_none_or(|n| n != 0.0),
        Value::String(text) => !text.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Object(members) => !members.is_empty(),
    }
}

fn audience(context: &Context) -> RuleResult {
    let expected = &context.rules.audiences;
    let value = context.claims.get("aud").filter(|value| truthy(value));
    if expected.is_empty() {
        return match value {
            None => pass("aud", "no audience passed and the token has none"),
            Some(value) => fail_claim("aud", format!("InvalidAudienceError: Invalid audience: the token has aud {} and no audience was passed to decode", shown(value)), "aud"),
        };
    }
    let Some(value) = value else {
        return fail_claim("aud", "MissingRequiredClaimError: Token is missing the \"aud\" claim", "aud");
    };
    match audiences(value) {
        None => fail_claim("aud", "InvalidAudienceError: Invalid claim format in token", "aud"),
        Some(found) if found.iter().any(|aud| expected.iter().any(|e| e == aud)) => pass("aud", format!("{} is accepted", shown(value))),
        Some(_) => fail_claim("aud", format!("InvalidAudienceError: Audience doesn't match: the token's aud is {}, the API expects {}", shown(value), expected.join(" or ")), "aud"),
    }
}

/// PyJWT checks `sub` and `jti` are strings whenever present.
fn string_claim(context: &Context, claim: &str, words: &str) -> Option<RuleResult> {
    match context.claims.get(claim)? {
        Value::String(_) => None,
        _ => Some(fail_claim(claim, words, claim)),
    }
}
