//! npm `jsonwebtoken` 9 (`jwt.verify(token, key, { algorithms, audience, issuer, maxAge,
//! clockTolerance })`, checked against 9.0.3), in its order: `alg`, signature, `nbf`, `exp`, `aud`,
//! `iss`, max age. It never reads `crit` or `typ`, does not check `iat` (except for `maxAge`),
//! accepts a token with `aud` when no audience is configured, and has no required-claims option.
//! Its clock is whole seconds (`Math.floor(Date.now() / 1000)`).

use serde_json::Value;

use super::common::*;
use super::{Context, RuleResult};

pub fn rules(context: &Context) -> Vec<RuleResult> {
    let now = context.now.floor();
    let leeway = context.leeway;
    let mut rules = vec![
        crit_ignored(context, "jsonwebtoken"),
        alg_rule(context, "JsonWebTokenError: invalid algorithm", "JsonWebTokenError: invalid algorithm"),
        signature_rule(context, "JsonWebTokenError: invalid signature"),
    ];
    rules.extend(payload_rule(context, "JsonWebTokenError: the payload is not a JSON object"));
    rules.push(match context.claims.get("nbf") {
        None => skip("nbf", "no nbf claim"),
        Some(value) => match number(value) {
            None => fail_claim("nbf", "JsonWebTokenError: invalid nbf value", "nbf"),
            Some(nbf) if nbf > now + leeway => fail_claim("nbf", "NotBeforeError: jwt not active", "nbf"),
            Some(_) => pass("nbf", "active"),
        },
    });
    rules.push(match context.claims.get("exp") {
        None => skip("exp", "no exp claim (jsonwebtoken accepts a token without one)"),
        Some(value) => match number(value) {
            None => fail_claim("exp", format!("JsonWebTokenError: invalid exp value: it is {}", shown(value)), "exp"),
            Some(exp) if now >= exp + leeway => fail_claim("exp", "TokenExpiredError: jwt expired", "exp"),
            Some(_) => pass("exp", "not expired"),
        },
    });
    rules.push(skip("iat", "jsonwebtoken does not check iat (only with maxAge)"));
    rules.push(audience(context));
    rules.push(issuer(context));
    rules.push(max_age(context, now));
    rules.extend(not_in_library(context, "jsonwebtoken", &["typ", "required"]));
    rules
}

fn audience(context: &Context) -> RuleResult {
    let expected = &context.rules.audiences;
    if expected.is_empty() {
        return skip("aud", "not checked: no audience option (jsonwebtoken then accepts any aud)");
    }
    // `[payload.aud]` or the array itself, each compared with `===`.
    let matches = match context.claims.get("aud") {
        Some(Value::Array(items)) => items.iter().any(|item| item.as_str().is_some_and(|aud| expected.iter().any(|e| e == aud))),
        Some(Value::String(aud)) => expected.iter().any(|e| e == aud),
        _ => false,
    };
    let found = context.claims.get("aud").map_or("none".to_string(), shown);
    if matches {
        pass("aud", format!("{found} is accepted"))
    } else {
        fail_claim("aud", format!("JsonWebTokenError: jwt audience invalid. expected: {} (the token's aud: {found})", expected.join(" or ")), "aud")
    }
}

fn issuer(context: &Context) -> RuleResult {
    let Some(expected) = &context.rules.issuer else { return skip("iss", "not checked: no issuer option") };
    match context.claims.get("iss") {
        Some(Value::String(iss)) if iss == expected => pass("iss", format!("\"{iss}\"")),
        found => {
            let hint = found.map(|found| issuer_hint(found, expected)).unwrap_or_default();
            let found = found.map_or("none".to_string(), shown);
            fail_claim("iss", format!("JsonWebTokenError: jwt issuer invalid. expected: {expected} (the token's iss: {found}){hint}"), "iss")
        }
    }
}

fn max_age(context: &Context, now: f64) -> RuleResult {
    let Some(max_age) = context.rules.max_age else { return skip("max-age", "not checked: no maxAge option") };
    match context.claims.get("iat").and_then(number) {
        None => fail_claim("max-age", "JsonWebTokenError: iat required when maxAge is specified", "iat"),
        Some(iat) if now >= iat + max_age + context.leeway => fail_claim("max-age", "TokenExpiredError: maxAge exceeded", "iat"),
        Some(_) => pass("max-age", format!("issued less than {max_age} s ago")),
    }
}
