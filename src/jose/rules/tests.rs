//! The presets' defaults at fixed instants; the libraries themselves are asked in
//! tests/rules_matrix.rs.

use super::server::{explain, http_date, instant, response_date, response_date_text, server_challenge};
use super::*;
use crate::jose::b64;
use crate::jose::token::decode;

const NOW: f64 = 1_800_000_000.0;

fn token(header: &str, payload: &str) -> DecodedToken {
    decode(&format!("{}.{}.c2ln", b64::encode(header.as_bytes()), b64::encode(payload.as_bytes()))).unwrap()
}

fn run(payload: &str, rules: &Rules, preset: Preset) -> Evaluation {
    evaluate(&token(r#"{"alg":"HS256","typ":"JWT"}"#, payload), rules, preset, &SignatureCheck::Valid.into(), NOW)
}

fn failing(evaluation: &Evaluation) -> Option<&str> {
    evaluation.failure().map(|rule| rule.id.as_str())
}

fn verdicts(payload: &str, rules: &Rules) -> Vec<Option<String>> {
    Preset::ALL.iter().map(|preset| failing(&run(payload, rules, *preset)).map(str::to_string)).collect()
}

#[test]
fn names_round_trip() {
    for preset in Preset::ALL {
        assert_eq!(Preset::from_name(preset.name()), Some(preset));
    }
    assert_eq!(Preset::from_name("nimbus"), None);
}

#[test]
fn aud_without_configured_audience_follows_each_library() {
    let payload = format!(r#"{{"aud":"api://x","exp":{}}}"#, NOW + 600.0);
    // generic, pyjwt, node, jose, crate
    let expected = [None, Some("aud"), None, None, Some("aud")];
    let iss_only = Rules { issuer: Some("https://issuer".into()), ..Rules::default() };
    assert_eq!(verdicts(&payload, &Rules::default()), expected.map(|v| v.map(String::from)));
    // An issuer configured but missing: the crate alone accepts.
    let expected = [Some("iss"), Some("iss"), Some("iss"), Some("iss"), Some("aud")];
    assert_eq!(verdicts(&payload, &iss_only), expected.map(|v| v.map(String::from)));
}

#[test]
fn time_defaults_differ() {
    let expired_30s = format!(r#"{{"exp":{}}}"#, NOW - 30.0);
    assert_eq!(verdicts(&expired_30s, &Rules::default())[4], None, "the crate's 60 s leeway");
    assert_eq!(verdicts(&expired_30s, &Rules::default())[1].as_deref(), Some("exp"));
    let no_exp = r#"{"sub":"x"}"#;
    assert_eq!(verdicts(no_exp, &Rules::default()), [None, None, None, None, Some("exp".to_string())]);
    let string_exp = format!(r#"{{"exp":"{}"}}"#, NOW + 600.0);
    let all = verdicts(&string_exp, &Rules::default());
    assert_eq!(all[1], None, "PyJWT reads a numeric string with int()");
    assert!(all.iter().enumerate().all(|(i, v)| i == 1 || v.as_deref() == Some("exp")), "{all:?}");
    let iat_future = format!(r#"{{"iat":{},"exp":{}}}"#, NOW + 300.0, NOW + 900.0);
    assert_eq!(verdicts(&iat_future, &Rules::default()), [None, Some("iat".to_string()), None, None, None]);
    let nbf_future = format!(r#"{{"nbf":{},"exp":{}}}"#, NOW + 300.0, NOW + 900.0);
    assert_eq!(verdicts(&nbf_future, &Rules::default())[4], None, "the crate does not check nbf by default");
}

#[test]
fn unknown_crit_and_typ() {
    let header = r#"{"alg":"HS256","crit":["x-custom"],"x-custom":"1"}"#;
    let payload = format!(r#"{{"exp":{}}}"#, NOW + 600.0);
    let crit_token = token(header, &payload);
    let signature = Signature { check: SignatureCheck::Error("crit".into()), ignoring_crit: Some(SignatureCheck::Valid) };
    let results: Vec<_> = Preset::ALL.iter().map(|preset| evaluate(&crit_token, &Rules::default(), *preset, &signature, NOW)).collect();
    let failures: Vec<_> = results.iter().map(|e| failing(e).map(str::to_string)).collect();
    assert_eq!(failures, [Some("crit".to_string()), Some("crit".into()), None, Some("crit".into()), None]);
    assert_eq!(results[2].status, Status::Accepted);
    // Without the bare verdict, a library that ignores crit cannot be said to accept it.
    let unknown = evaluate(&crit_token, &Rules::default(), Preset::NodeJsonwebtoken, &SignatureCheck::Error("crit".into()).into(), NOW);
    assert_eq!(unknown.status, Status::Incomplete);

    let typ = Rules { typ: Some("application/AT+JWT".into()), ..Rules::default() };
    let at = token(r#"{"alg":"HS256","typ":"at+jwt"}"#, &payload);
    let jwt = token(r#"{"alg":"HS256","typ":"JWT"}"#, &payload);
    for preset in [Preset::Generic, Preset::Jose] {
        assert_eq!(evaluate(&at, &typ, preset, &SignatureCheck::Valid.into(), NOW).status, Status::Accepted);
        assert_eq!(failing(&evaluate(&jwt, &typ, preset, &SignatureCheck::Valid.into(), NOW)), Some("typ"));
    }
}

#[test]
fn statuses() {
    let payload = format!(r#"{{"exp":{}}}"#, NOW + 600.0);
    let t = token(r#"{"alg":"HS256"}"#, &payload);
    let aud = Rules { audiences: vec!["a".into()], ..Rules::default() };
    assert_eq!(evaluate(&t, &Rules::default(), Preset::Generic, &SignatureCheck::Valid.into(), NOW).status, Status::None);
    assert_eq!(evaluate(&t, &Rules::default(), Preset::Jose, &SignatureCheck::NoKey.into(), NOW).status, Status::Incomplete);
    assert_eq!(evaluate(&t, &Rules::default(), Preset::Jose, &SignatureCheck::Pending.into(), NOW).status, Status::Pending);
    assert_eq!(evaluate(&t, &Rules::default(), Preset::Jose, &SignatureCheck::Invalid("x".into()).into(), NOW).status, Status::Rejected);
    let rejected = evaluate(&t, &aud, Preset::Generic, &SignatureCheck::Pending.into(), NOW);
    assert_eq!(rejected.status, Status::Rejected);
    assert_eq!(rejected.summary(), "Your API would reject it: audience");
    let none = token(r#"{"alg":"none"}"#, &payload);
    assert_eq!(failing(&evaluate(&none, &Rules::default(), Preset::Jose, &SignatureCheck::NoKey.into(), NOW)), Some("alg"));
}

#[test]
fn fields_read_as_typed() {
    let (rules, problems) = Rules::from_fields(&Fields {
        audiences: " api://a, ,api://b,api://a".into(),
        algs: "RS256".into(),
        max_age: "abc".into(),
        leeway: "30".into(),
        ..Fields::default()
    });
    assert_eq!(rules.audiences, ["api://a", "api://b"]);
    assert_eq!(rules.leeway, Some(30.0));
    assert_eq!(rules.max_age, None);
    assert_eq!(problems.len(), 1);
    assert!(Rules::from_fields(&Fields::default()).0.is_empty());
}

#[test]
fn the_401_transcript_is_explained() {
    let transcript = "* Connected to api.example.com\n> GET /orders HTTP/1.1\n> Authorization: Bearer eyJ...\n>\n< HTTP/1.1 401 Unauthorized\n< date: Tue, 01 Dec 2026 10:42:00 GMT\n< WWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"The audience 'api://x' is invalid\"\n<\n";
    let challenge = server_challenge(transcript).unwrap();
    assert_eq!(challenge.error.as_deref(), Some("invalid_token"));
    assert_eq!(challenge.error_description.as_deref(), Some("The audience 'api://x' is invalid"));
    assert_eq!(response_date(transcript), Some(1_796_121_720.0));
    assert_eq!(response_date_text(transcript).as_deref(), Some("Tue, 01 Dec 2026 10:42:00 GMT"));
    assert_eq!(response_date_text("< date: yesterday\n< Date: Thu, 01 Jan 1970 00:01:00 GMT\n").as_deref(), Some("Thu, 01 Jan 1970 00:01:00 GMT"));
    assert_eq!(response_date_text("no headers"), None);
    let payload = r#"{"aud":"00000003-0000-0000-c000-000000000000","exp":1796125000}"#;
    let t = token(r#"{"alg":"RS256"}"#, payload);
    let rules = Rules { audiences: vec!["api://x".into()], ..Rules::default() };
    let evaluation = evaluate(&t, &rules, Preset::Generic, &SignatureCheck::Valid.into(), 1_796_121_720.0);
    assert_eq!(evaluation.summary(), "Your API would reject it: audience");
    let explanation = explain(&challenge, &evaluation, t.claims()).unwrap();
    assert_eq!(explanation.rule, "aud");
    assert!(explanation.rule_fails);
    assert_eq!(explanation.message, "the server expects 'api://x'; the token's aud is '00000003-0000-0000-c000-000000000000' (Microsoft Graph)");
}

#[test]
fn challenges_in_har_and_raw_http() {
    let har = r#"{"log":{"entries":[{"request":{"headers":[{"name":"Authorization","value":"Bearer x"}]},"response":{"status":403,"headers":[{"name":"Date","value":"Thu, 01 Jan 1970 00:01:00 GMT"},{"name":"WWW-Authenticate","value":"Bearer realm=\"api\", error=\"insufficient_scope\", scope=\"orders:read orders:write\", error_description=\"needs \\\"orders:write\\\"\""}]}}]}}"#;
    let challenge = server_challenge(har).unwrap();
    assert_eq!(challenge.error.as_deref(), Some("insufficient_scope"));
    assert_eq!(challenge.scope.as_deref(), Some("orders:read orders:write"));
    assert_eq!(challenge.realm.as_deref(), Some("api"));
    assert_eq!(challenge.error_description.as_deref(), Some("needs \"orders:write\""));
    assert_eq!(response_date(har), Some(60.0));
    // Two challenges in one header; the Bearer one is taken.
    let raw = "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: DPoP algs=\"ES256\", Bearer error=invalid_token\r\n\r\n";
    assert_eq!(server_challenge(raw).unwrap().error.as_deref(), Some("invalid_token"));
    assert_eq!(server_challenge("nothing here"), None);
    assert_eq!(http_date("Tue, 01 Dec 2026 10:42:00 GMT"), Some(1_796_121_720.0));
    assert_eq!(http_date("Tue, 31 Foo 2026 10:42:00 GMT"), None);
    assert_eq!(http_date("01 Jan 2000 00:00:00 GMT"), Some(946_684_800.0));
    assert_eq!(http_date("Sat, 29 Feb 2025 00:00:00 GMT"), None);
    assert_eq!(http_date("Thu, 29 Feb 2024 00:00:00 GMT"), Some(1_709_164_800.0));
    assert_eq!(instant(" 1796121720 "), Some(1_796_121_720.0));
    assert_eq!(instant("1796121720.5"), Some(1_796_121_720.5));
    assert_eq!(instant("Tue, 01 Dec 2026 10:42:00 GMT"), Some(1_796_121_720.0));
    assert_eq!(instant("2026-12-01T10:42:00Z"), None);
    assert_eq!(instant("1.2.3"), None);
}

#[test]
fn an_encrypted_token_waits_for_its_key() {
    let jwe = decode("eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA").unwrap();
    let rules = Rules { audiences: vec!["a".into()], ..Rules::default() };
    let evaluation = evaluate(&jwe, &rules, Preset::Jose, &SignatureCheck::NoKey.into(), NOW);
    assert_eq!(evaluation.status, Status::Incomplete);
    assert_eq!(evaluation.failure(), None);
}

#[test]
fn words_are_the_libraries_own() {
    let expired = format!(r#"{{"exp":{},"aud":"api://b"}}"#, NOW - 600.0);
    let aud = Rules { audiences: vec!["api://a".into()], ..Rules::default() };
    let message = |preset, rules: &Rules| run(&expired, rules, preset).failure().unwrap().message.clone();
    assert!(message(Preset::PyJwt, &aud).starts_with("ExpiredSignatureError: Signature has expired"));
    assert!(message(Preset::NodeJsonwebtoken, &aud).starts_with("TokenExpiredError: jwt expired"));
    assert!(message(Preset::Jose, &aud).starts_with("JWTClaimValidationFailed: unexpected \"aud\" claim value"), "jose checks aud before exp");
    assert!(message(Preset::RustJsonwebtoken, &aud).starts_with("ExpiredSignature"));
    let fresh = format!(r#"{{"exp":{},"aud":"api://b"}}"#, NOW + 600.0);
    let failure = run(&fresh, &aud, Preset::NodeJsonwebtoken).failure().cloned().unwrap();
    assert!(failure.message.starts_with("JsonWebTokenError: jwt audience invalid. expected: api://a"));
    assert_eq!(failure.marks, Some((Part::Payload, "aud".to_string())));
    assert!(run(&fresh, &aud, Preset::PyJwt).failure().unwrap().message.starts_with("InvalidAudienceError: Audience doesn't match"));
}

#[test]
fn a_trailing_dot_is_refused_first_by_every_preset() {
    let good = token(r#"{"alg":"HS256"}"#, &format!(r#"{{"exp":{}}}"#, NOW + 600.0));
    let pasted = decode(&format!("{}.", good.compact)).unwrap();
    assert!(pasted.malformed_as_pasted());
    let rules = Rules { audiences: vec!["api://a".into()], ..Rules::default() };
    for preset in Preset::ALL {
        let clean = evaluate(&good, &Rules::default(), preset, &SignatureCheck::Valid.into(), NOW);
        assert!(clean.rules.iter().all(|rule| rule.id != "format"), "{preset:?}");
        let evaluation = evaluate(&pasted, &rules, preset, &SignatureCheck::Valid.into(), NOW);
        assert_eq!(evaluation.status, Status::Rejected, "{preset:?}");
        let first = evaluation.failure().unwrap();
        assert_eq!((first.id.as_str(), &evaluation.rules[0].id), ("format", &first.id), "{preset:?}");
        assert!(first.message.contains("without the trailing '.'"), "{}", first.message);
        assert_eq!(first.marks, None);
        assert!(evaluation.summary().ends_with("would reject it: malformed token (a trailing '.')"), "{}", evaluation.summary());
    }
    // With no rule set (preset generic), the panel has nothing to say: the card says it instead.
    let evaluation = evaluate(&pasted, &Rules::default(), Preset::Generic, &SignatureCheck::Valid.into(), NOW);
    assert_eq!(evaluation.status, Status::None);
}

#[test]
fn padding_and_the_standard_alphabet_are_judged_per_library() {
    // `{"n":">>>??"}` is `eyJuIjoiPj4-Pz8ifQ` in base64url: a '-' in the payload.
    let good = token(r#"{"alg":"HS256"}"#, r#"{"n":">>>??"}"#);
    let [header, payload, signature] = [0, 1, 2].map(|i| good.segments[i].text.clone());
    assert!(payload.contains('-'));
    let pad = |text: &str| format!("{text}{}", "=".repeat((4 - text.len() % 4) % 4));
    let padded = decode(&format!("{}.{}.{}", pad(&header), pad(&payload), pad(&signature))).unwrap();
    let standard = decode(&format!("{header}.{}.{signature}", payload.replace('-', "+"))).unwrap();
    let rule = |token: &DecodedToken, preset| {
        let evaluation = evaluate(token, &Rules { leeway: Some(0.0), ..Rules::default() }, preset, &SignatureCheck::Valid.into(), NOW);
        evaluation.rules.iter().find(|rule| rule.id == "base64url").map(|rule| (rule.status, rule.message.clone()))
    };
    assert_eq!(rule(&good, Preset::PyJwt), None);
    // Padding: PyJWT and jose read it; the RFC, npm jsonwebtoken and the Rust crate do not.
    for (preset, reads) in [(Preset::Generic, false), (Preset::PyJwt, true), (Preset::NodeJsonwebtoken, false), (Preset::Jose, true), (Preset::RustJsonwebtoken, false)] {
        let (status, message) = rule(&padded, preset).unwrap();
        assert_eq!(status == RuleStatus::Pass, reads, "{preset:?}: {message}");
    }
    assert!(rule(&padded, Preset::RustJsonwebtoken).unwrap().1.starts_with("Base64 error: Invalid padding"));
    // The standard alphabet: refused by all, each naming the segment it reads first.
    let message = |preset| rule(&standard, preset).filter(|(status, _)| *status == RuleStatus::Fail).unwrap().1;
    assert!(message(Preset::PyJwt).starts_with("DecodeError: Invalid payload padding"));
    assert!(message(Preset::Jose).starts_with("JWSInvalid: Failed to base64url decode the payload"));
    assert!(message(Preset::NodeJsonwebtoken).starts_with("JsonWebTokenError: invalid token"));
    let offset = payload.find('-').unwrap();
    assert!(message(Preset::RustJsonwebtoken).starts_with(&format!("Base64 error: Invalid symbol 43, offset {offset}.")));
    let summary = evaluate(&standard, &Rules { leeway: Some(0.0), ..Rules::default() }, Preset::Jose, &SignatureCheck::Valid.into(), NOW).summary();
    assert_eq!(summary, "Your API would reject it: segments not in base64url");
}
