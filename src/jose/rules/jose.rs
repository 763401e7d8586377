//! npm `jose` 6 (`jwtVerify(token, key, { algorithms, issuer, audience, typ, requiredClaims,
//! maxTokenAge, clockTolerance, currentDate })`, checked against 6.2.18), in its order: `crit`,
//! `alg`, signature, `typ` (as a media type), the presence of `iss`, `aud`, `iat` (with a max age)
//! and the required claims, then `iss`, `aud`, `iat`/`nbf`/`exp` (JSON numbers only), max age.
//! It accepts a token with `aud` when no audience is configured, and checks `iat` in the future
//! only with a max age. Its clock is whole seconds.

use serde_json::Value;

use super::common::*;
use super::{Context, RuleResult};

pub fn rules(context: &Context) -> Vec<RuleResult> {
    let now = context.now.floor();
    let leeway = context.leeway;
    let rules_set = context.rules;
    let mut rules = vec![
        crit_rule(context, |names| format!("JOSENotSupported: Extension Header Parameter \"{names}\" is not recognized")),
        alg_rule(context, "JOSEAlgNotAllowed: \"alg\" (Algorithm) Header Parameter value not allowed", "JWSInvalid: JWS \"alg\" (Algorithm) Header Parameter missing or invalid"),
        signature_rule(context, "JWSSignatureVerificationFailed: signature verification failed"),
    ];
    rules.extend(payload_rule(context, "JWTInvalid: JWT Claims Set must be a top-level JSON object"));
    rules.push(typ_rule(context, "JWTClaimValidationFailed: unexpected \"typ\" JWT header value"));
    // Presence first: iss, aud, iat (max age), then the required claims in reverse order.
    let missing = |claim: &str| format!("JWTClaimValidationFailed: missing required \"{claim}\" claim");
    let mut presence: Vec<(String, String)> = Vec::new();
    if rules_set.issuer.is_some() {
        presence.push(("iss".into(), "iss".into()));
    }
    if !rules_set.audiences.is_empty() {
        presence.push(("aud".into(), "aud".into()));
    }
    if rules_set.max_age.is_some() {
        presence.push(("max-age".into(), "iat".into()));
    }
    for claim in rules_set.required.iter().rev() {
        if !presence.iter().any(|(_, seen)| seen == claim) {
            presence.push((format!("required:{claim}"), claim.clone()));
        }
    }
    let mut absent = Vec::new();
    for (id, claim) in &presence {
        if !context.claims.contains_key(claim) {
            rules.push(fail_claim(id, missing(claim), claim));
            absent.push(id.clone());
        } else if id.starts_with("required:") {
            rules.push(pass(id, format!("\"{claim}\" is present")));
        }
    }
    let checked = |id: &str| !absent.iter().any(|missing| missing == id);
    if checked("iss") {
        rules.push(match (&rules_set.issuer, context.claims.get("iss")) {
            (None, _) => skip("iss", "not checked: no issuer option"),
            (Some(expected), Some(Value::String(iss))) if iss == expected => pass("iss", format!("\"{iss}\"")),
            (Some(expected), found) => {
                let hint = found.map(|found| issuer_hint(found, expected)).unwrap_or_default();
                let found = found.map_or("none".to_string(), shown);
                fail_claim("iss", format!("JWTClaimValidationFailed: unexpected \"iss\" claim value: {found}, the API expects \"{expected}\"{hint}"), "iss")
            }
        });
    }
    if checked("aud") {
        rules.push(if rules_set.audiences.is_empty() {
            skip("aud", "not checked: no audience option (jose then accepts any aud)")
        } else {
            let value = context.claims.get("aud");
            let accepted = match value {
                Some(Value::String(aud)) => rules_set.audiences.iter().any(|e| e == aud),
                Some(Value::Array(items)) => items.iter().any(|item| item.as_str().is_some_and(|aud| rules_set.audiences.iter().any(|e| e == aud))),
                _ => false,
            };
            let found = value.map_or("none".to_string(), shown);
            if accepted {
                pass("aud", format!("{found} is accepted"))
            } else {
                fail_claim("aud", format!("JWTClaimValidationFailed: unexpected \"aud\" claim value: {found}, the API expects {}", rules_set.audiences.join(" or ")), "aud")
            }
        });
    }
    let numeric = |claim: &str| -> Result<Option<f64>, RuleResult> {
        match context.claims.get(claim) {
            None => Ok(None),
            Some(value) => number(value).map(Some).ok_or_else(|| {
                fail_claim(claim, format!("JWTClaimValidationFailed: \"{claim}\" claim must be a number (it is {})", shown(value)), claim)
            }),
        }
    };
    // iat is read (and must be a number) before nbf and exp; a type error stops jose there.
    let iat = match numeric("iat") {
        Err(rule) => return finish(rules, rule),
        Ok(iat) => {
            rules.push(match iat {
                None => skip("iat", "no iat claim"),
                Some(_) if rules_set.max_age.is_none() => pass("iat", "a number (jose checks its age only with maxTokenAge)"),
                Some(_) => pass("iat", "a number"),
            });
            iat
        }
    };
    match numeric("nbf") {
        Err(rule) => return finish(rules, rule),
        Ok(None) => rules.push(skip("nbf", "no nbf claim")),
        Ok(Some(nbf)) if nbf > now + leeway => rules.push(fail_claim("nbf", "JWTClaimValidationFailed: \"nbf\" claim timestamp check failed", "nbf")),
        Ok(Some(_)) => rules.push(pass("nbf", "active")),
    }
    match numeric("exp") {
        Err(rule) => return finish(rules, rule),
        Ok(None) => rules.push(skip("exp", "no exp claim (jose accepts a token without one)")),
        Ok(Some(exp)) if exp <= now - leeway => rules.push(fail_claim("exp", "JWTExpired: \"exp\" claim timestamp check failed", "exp")),
        Ok(Some(_)) => rules.push(pass("exp", "not expired")),
    }
    if let (Some(max_age), Some(iat), true) = (rules_set.max_age, iat, checked("max-age")) {
        let age = now - iat;
        rules.push(if age - leeway > max_age {
            fail_claim("max-age", "JWTExpired: \"iat\" claim timestamp check failed (too far in the past)", "iat")
        } else if age < -leeway {
            fail_claim("max-age", "JWTClaimValidationFailed: \"iat\" claim timestamp check failed (it should be in the past)", "iat")
        } else {
            pass("max-age", format!("issued {age} s ago, within {max_age} s"))
        });
    } else if rules_set.max_age.is_none() {
        rules.push(skip("max-age", "not checked: no maxTokenAge option"));
    }
    rules
}

/// A NumericDate that is not a number stops jose: the rules after it are not reached.
fn finish(mut rules: Vec<RuleResult>, failure: RuleResult) -> Vec<RuleResult> {
    rules.push(failure);
    rules
}
