//! `generic`: exactly the fields set, plus what no API should accept: a signature that does not
//! verify, `alg: none`, an expired or not-yet-valid token, an unknown `crit`, NumericDates that are
//! not JSON numbers (RFC 7519 §2), and `typ` compared as a media type (RFC 7515 §4.1.9).

use serde_json::Value;

use super::common::*;
use super::{Context, RuleResult};
use crate::jose::token::json_kind;

pub fn rules(context: &Context) -> Vec<RuleResult> {
    let mut rules = vec![
        crit_rule(context, |names| format!("crit lists {names}, which the API must understand")),
        alg_rule(context, "algorithm not allowed", "the header has no alg"),
        signature_rule(context, "the signature does not verify"),
    ];
    rules.extend(payload_rule(context, "the payload is not a JSON object, so it has no claims"));
    rules.push(typ_rule(context, "unexpected typ"));
    rules.push(time_rule(context, "exp"));
    rules.push(time_rule(context, "nbf"));
    rules.push(time_rule(context, "iat"));
    rules.push(issuer(context));
    rules.push(audience(context));
    rules.push(generic_max_age(context));
    rules.extend(context.rules.required.iter().map(|claim| generic_required(context, claim)));
    rules
}

/// `exp` and `nbf` when present (RFC 7519 §4.1.4/§4.1.5), `iat` only as a NumericDate; each must be
/// a JSON number.
fn time_rule(context: &Context, claim: &str) -> RuleResult {
    let Some(value) = context.claims.get(claim) else { return skip(claim, format!("no {claim} claim")) };
    let Some(seconds) = number(value) else {
        return fail_claim(claim, format!("{claim} is {}: RFC 7519 requires a JSON number of seconds", json_kind(value)), claim);
    };
    let (now, leeway) = (context.now, context.leeway);
    let off = |seconds: f64| crate::jose::time::human_duration(seconds);
    match claim {
        "exp" if now - leeway >= seconds => fail_claim("exp", format!("expired {} ago", off(now - seconds)), "exp"),
        "exp" => pass("exp", format!("expires in {}", off(seconds - now))),
        "nbf" if now + leeway < seconds => fail_claim("nbf", format!("not valid for another {}", off(seconds - now)), "nbf"),
        "nbf" => pass("nbf", "valid since nbf"),
        _ => pass(claim, "a NumericDate"),
    }
}

fn issuer(context: &Context) -> RuleResult {
    let Some(expected) = &context.rules.issuer else { return skip("iss", "not checked: no issuer expected") };
    match context.claims.get("iss") {
        None => fail_claim("iss", format!("the token has no iss, the API expects \"{expected}\""), "iss"),
        Some(Value::String(iss)) if iss == expected => pass("iss", format!("\"{iss}\"")),
        Some(found) => fail_claim("iss", format!("the token's iss is {}, the API expects \"{expected}\"{}", shown(found), issuer_hint(found, expected)), "iss"),
    }
}

fn audience(context: &Context) -> RuleResult {
    let expected = &context.rules.audiences;
    if expected.is_empty() {
        return skip("aud", "not checked: no audience set");
    }
    let Some(value) = context.claims.get("aud") else {
        return fail_claim("aud", format!("the token has no aud, the API expects {}", expected.join(" or ")), "aud");
    };
    match audiences(value) {
        None => fail_claim("aud", format!("aud is {}: RFC 7519 requires a string or an array of strings", json_kind(value)), "aud"),
        Some(found) if found.iter().any(|aud| expected.iter().any(|e| e == aud)) => pass("aud", format!("{} is accepted", shown(value))),
        Some(_) => fail_claim("aud", format!("the token's aud is {}, the API expects {}", shown(value), expected.join(" or ")), "aud"),
    }
}
