//! The Rust crate `jsonwebtoken` 10 (`decode::<T>(token, &key, &Validation)` with
//! `Validation::new(alg)`, `set_issuer`, `set_audience`, `set_required_spec_claims`, `leeway`;
//! checked against 10.4.0), in its order: the header's member types, `alg`, signature, required claims (`exp` by default; it
//! only knows `exp`, `nbf`, `aud`, `iss`, `sub`), `exp`, `iss`, `aud`. Its defaults: 60 s of
//! leeway, `nbf` not checked (`validate_nbf = false`), `iat` never, `crit` and `typ` ignored; a token
//! with `aud` is refused when no audience is set; an issuer or audience set but the claim missing
//! (or not a string) is accepted. Its `exp`/`nbf` are unsigned seconds (a fraction is rounded), so a
//! string, a negative number or anything else counts as missing.

use serde_json::Value;

use super::common::*;
use super::{Context, RuleResult};

/// The claims `required_spec_claims` understands; other names are ignored by the crate.
const SPEC_CLAIMS: [&str; 5] = ["exp", "nbf", "aud", "iss", "sub"];

pub fn rules(context: &Context) -> Vec<RuleResult> {
    let now = context.now.floor();
    let leeway = context.leeway;
    let rules_set = context.rules;
    // The header is deserialized (`decode_header`) before anything is checked.
    let mut rules: Vec<RuleResult> = header_members(context).into_iter().collect();
    rules.push(crit_ignored(context, "The crate"));
    rules.push(alg_rule(context, "InvalidAlgorithm", "MissingAlgorithm"));
    rules.push(signature_rule(context, "InvalidSignature"));
    rules.extend(payload_rule(context, "Json: the payload is not a JSON object"));
    let spec: Vec<&String> = rules_set.required.iter().filter(|claim| SPEC_CLAIMS.contains(&claim.as_str())).collect();
    for claim in &spec {
        let id = format!("required:{claim}");
        rules.push(if parsed(context, claim) {
            pass(&id, format!("\"{claim}\" is present"))
        } else {
            fail_claim(&id, format!("MissingRequiredClaim: Missing required claim: {claim}"), claim)
        });
    }
    rules.push(match context.claims.get("exp").map(unsigned) {
        _ if !parsed(context, "exp") => fail_claim("exp", "MissingRequiredClaim: Missing required claim: exp (the crate requires exp by default, as an unsigned number of seconds)", "exp"),
        Some(Some(exp)) if exp < now - leeway => fail_claim("exp", "ExpiredSignature", "exp"),
        _ => pass("exp", "not expired"),
    });
    rules.push(skip("nbf", "not checked: Validation::validate_nbf is false by default"));
    rules.push(skip("iat", "the crate does not check iat"));
    rules.push(match (&rules_set.issuer, context.claims.get("iss")) {
        (None, _) => skip("iss", "not checked: no issuer set"),
        (Some(_), None) => pass("iss", "the token has no iss: the crate only checks an iss that is present"),
        (Some(expected), Some(found)) => match string_or_set(found) {
            None => pass("iss", "the token's iss is not a string: the crate ignores it"),
            Some(values) if values.iter().any(|iss| iss == expected) => pass("iss", format!("{} is accepted", shown(found))),
            Some(_) => fail_claim("iss", format!("InvalidIssuer: the token's iss is {}, the API expects \"{expected}\"{}", shown(found), issuer_hint(found, expected)), "iss"),
        },
    });
    rules.push(match (rules_set.audiences.is_empty(), context.claims.get("aud")) {
        (_, None) => skip("aud", "no aud claim: the crate only checks an aud that is present"),
        (true, Some(found)) if string_or_set(found).is_some() => {
            fail_claim("aud", format!("InvalidAudience: the token has aud {} and no audience is set (the crate then refuses any aud)", shown(found)), "aud")
        }
        (_, Some(_)) if string_or_set(context.claims.get("aud").unwrap_or(&Value::Null)).is_none() => pass("aud", "the token's aud is neither a string nor strings: the crate ignores it"),
        (false, Some(found)) => {
            let values = string_or_set(found).unwrap_or_default();
            if values.iter().any(|aud| rules_set.audiences.iter().any(|e| e == aud)) {
                pass("aud", format!("{} is accepted", shown(found)))
            } else {
                fail_claim("aud", format!("InvalidAudience: the token's aud is {}, the API expects {}", shown(found), rules_set.audiences.join(" or ")), "aud")
            }
        }
        (true, Some(_)) => pass("aud", "no audience set"),
    });
    for claim in rules_set.required.iter().filter(|claim| !SPEC_CLAIMS.contains(&claim.as_str())) {
        rules.push(in_own_code("The crate", generic_required(context, claim)));
    }
    rules.extend(not_in_library(context, "The crate", &["typ", "max-age"]));
    rules
}

/// Header members the crate's `Header` reads as strings (its `extras` is a `HashMap<String, String>`,
/// so any member it does not know must be a string too); one that is not fails to deserialize.
const STRING_MEMBERS: [&str; 9] = ["typ", "cty", "jku", "kid", "x5u", "x5t", "x5t#S256", "url", "nonce"];
const TYPED_MEMBERS: [&str; 6] = ["alg", "jwk", "x5c", "crit", "enc", "zip"];

/// The algorithms the crate's `Algorithm` enum has (no ES512, no ML-DSA, no `none`).
const CRATE_ALGS: [&str; 12] = ["HS256", "HS384", "HS512", "ES256", "ES384", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "EdDSA"];

/// The crate refuses a header it cannot deserialize: an `alg` its enum lacks, or a member it reads
/// as a string that is not one.
fn header_members(context: &Context) -> Option<RuleResult> {
    if let Some(Value::String(alg)) = context.header.get("alg") {
        if !CRATE_ALGS.contains(&alg.as_str()) {
            let expected = CRATE_ALGS.map(|known| format!("`{known}`")).join(", ");
            return Some(fail("alg", format!("JSON error: unknown variant `{alg}`, expected one of {expected} (the crate has no {alg})"), crate::jose::error::Part::Header, "alg"));
        }
    }
    // A string member may be null (an absent `Option<String>`); other types are read elsewhere.
    let readable = |name: &str, value: &Value| {
        TYPED_MEMBERS.contains(&name) || value.is_string() || (value.is_null() && STRING_MEMBERS.contains(&name))
    };
    let (name, value) = context.header.iter().find(|(name, value)| !readable(name, value))?;
    let found = match value {
        Value::Bool(flag) => format!("boolean `{flag}`"),
        Value::Number(number) if number.as_i64().is_some() || number.as_u64().is_some() => format!("integer `{number}`"),
        Value::Number(number) => format!("floating point `{number}`"),
        Value::Null => "null".into(),
        Value::Array(_) => "sequence".into(),
        Value::Object(_) => "map".into(),
        Value::String(_) => "string".into(),
    };
    Some(fail(
        "header",
        format!("JSON error: invalid type: {found}, expected a string (the crate reads the header member \"{name}\" as a string)"),
        crate::jose::error::Part::Header,
        name,
    ))
}

/// A JSON number the crate reads as `u64`: a non-negative integer, or a non-negative finite
/// float, rounded.
fn unsigned(value: &Value) -> Option<f64> {
    let Value::Number(number) = value else { return None };
    if let Some(whole) = number.as_u64() {
        return Some(whole as f64);
    }
    if number.as_i64().is_some() {
        return None;
    }
    number.as_f64().filter(|f| f.is_finite() && *f >= 0.0 && *f < u64::MAX as f64).map(f64::round)
}

/// `iss`/`aud` as the crate deserializes them: a string or an array of strings.
fn string_or_set(value: &Value) -> Option<Vec<String>> {
    audiences(value).map(|values| values.into_iter().map(str::to_string).collect())
}

/// Whether the crate's `TryParse` reads the claim (a required claim that does not parse is missing).
fn parsed(context: &Context, claim: &str) -> bool {
    match (claim, context.claims.get(claim)) {
        (_, None | Some(Value::Null)) => false,
        ("exp" | "nbf", Some(value)) => unsigned(value).is_some(),
        ("sub", Some(value)) => value.is_string(),
        (_, Some(value)) => string_or_set(value).is_some(),
    }
}
