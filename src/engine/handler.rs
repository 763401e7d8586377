//! The worker's message dispatch: each request answered by its family's module (`verify`,
//! `decrypt`, `sign`, `keys`, `find`, `recognise`, `attacks`, `bench`), mirroring `protocol::Request`. Plain
//! functions over the protocol types, natively tested and fuzzed. No clock of its own: the
//! benchmark's clock is passed in.

use crate::jose::jwe;
use crate::jose::keys::SecretEncoding;

use super::protocol::{Request, Response};
use super::sign::ParsedSigningKey;
use super::verify::ParsedKey;
use super::{bench, find, keys, recognise, secrets};

/// The worker's state: the keys last parsed, so typing in the token box does not parse them again.
#[derive(Default)]
pub struct Engine {
    pub(super) key: Option<ParsedKey>,
    pub(super) signing_key: Option<ParsedSigningKey>,
    /// The key box read for decrypting (a JWE in the token box): typing in the token does not
    /// read a private key again.
    pub(super) decryption_key: Option<(String, SecretEncoding, jwe::DecryptionKey)>,
    /// The attacks' fresh keys (embedded JWK, `jku`) of the page's current key session.
    pub(super) fresh_keys: super::attacks::FreshKeys,
}

impl Engine {
    /// Answers one request. `now_ms` is the clock the benchmark reads.
    pub fn handle(&mut self, request: Request, now_ms: &dyn Fn() -> f64) -> Response {
        match request {
            Request::Check(check) => Response::Checked { generation: check.generation, report: self.check(&check) },
            Request::Sign(request) => Response::Signed { generation: request.generation, outcome: self.sign(&request) },
            Request::Generate { id, key_type } => Response::Generated { id, outcome: keys::generate(&key_type) },
            Request::Convert { id, key, encoding, password } => Response::Generated { id, outcome: keys::convert(&key, encoding, &password) },
            Request::Find { id, text } => find::find(id, &text),
            Request::Recognise { id, claims } => recognise::recognise(id, &claims),
            Request::KnownSecret { id, token } => secrets::known_secret(id, &token),
            Request::Attacks(request) => Response::Attacks { generation: request.generation, report: Box::new(self.attacks(&request)) },
            Request::Bench { id, token, key, encoding, iterations } => bench::verify_response(id, &token, &key, encoding, iterations, now_ms),
            Request::BenchSign { id, header, payload, key, encoding, iterations } => {
                bench::sign_response(id, &header, &payload, &key, encoding, iterations, now_ms)
            }
            Request::BenchGenerate { id, key_type, iterations } => bench::generate_response(id, &key_type, iterations, now_ms),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::protocol::{CheckReport, CheckRequest, GenerateOutcome, KeySummary, SignOutcome, SignRequest};
    use crate::jose::jws::VerdictReport;
    use crate::jose::registry::examples;

    fn request(generation: u64, token: &str, key: &str) -> CheckRequest {
        CheckRequest { generation, token: token.into(), key: key.into(), encoding: SecretEncoding::Utf8, inner_key: String::new() }
    }

    #[test]
    fn checks_the_examples_and_keeps_the_parsed_key() {
        let mut engine = Engine::default();
        for example in examples() {
            let report = engine.check(&request(1, &example.token, &example.key));
            assert_eq!(report.verdict.as_ref().map(|v| v.status.as_str()), Some("valid"), "{}", example.label);
            assert!(matches!(report.key, KeySummary::Single { .. }), "{:?}", report.key);
            // The same key with another token: the parse is re-used, the verdict follows the token.
            let tampered = format!("{}x", example.token.trim_end_matches(|c| c == '=' ));
            let again = engine.check(&request(2, &tampered, &example.key));
            assert_ne!(again.verdict.map(|v| v.status), Some("valid".to_string()), "{}", example.label);
        }
    }

    #[test]
    fn reports_key_errors_broken_tokens_and_weak_secrets() {
        let mut engine = Engine::default();
        let example = examples().into_iter().next().unwrap();
        let report = engine.check(&request(1, &example.token, "-----BEGIN PUBLIC KEY-----\nAAAA\n"));
        assert!(matches!(report.key, KeySummary::Error { .. }));
        assert_eq!(report.verdict.unwrap().status, "error");
        let report = engine.check(&request(2, "not a token", "secret"));
        assert_eq!(report.verdict, None);
        // HS256 signed with "secret" (Python hmac): verifies; the short secret is flagged, and found in
        // the bundled list of known secrets it was checked against.
        let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.M11_c_Mkz5wKz70TPIkcPwzBTd5M-3ZW69WFmxuEnHk";
        let report = engine.check(&request(3, token, "secret"));
        assert_eq!(report.verdict.unwrap().status, "valid");
        assert_eq!(report.findings.iter().map(|f| f.code).collect::<Vec<_>>(), ["weak-secret", "known-secret"]);
        assert!(report.known_secrets_listed > 2000, "{}", report.known_secrets_listed);
        // A long random secret is checked against the list too, and not found; a PEM key is no secret.
        let long = "k8Fq2v9ZsP4wXr7TbL1mN6yHc3JdG5eA";
        let token = crate::jose::jws::sign(r#"{"alg":"HS256"}"#, r#"{"sub":"1"}"#, &crate::jose::keys::parse_signing_key(long, SecretEncoding::Utf8, "").unwrap().unwrap()).unwrap().token;
        let report = engine.check(&request(4, &token, long));
        assert!(report.findings.iter().all(|f| f.code != "known-secret") && report.known_secrets_listed > 2000);
        let report = engine.check(&request(5, &example.token, "-----BEGIN PUBLIC KEY-----\nAAAA\n"));
        assert_eq!(report.known_secrets_listed, 0);
    }

    #[test]
    fn a_secret_read_in_the_wrong_encoding_gets_a_hint() {
        use base64::Engine as _;
        let mut engine = Engine::default();
        let secret = b"a secret of thirty-two bytes!!!!";
        let (header, payload) = (crate::jose::b64::encode(br#"{"alg":"HS256"}"#), crate::jose::b64::encode(br#"{"sub":"1"}"#));
        let input = format!("{header}.{payload}");
        let signed = crate::jose::jws::sign(r#"{"alg":"HS256"}"#, r#"{"sub":"1"}"#, &crate::jose::keys::parse_signing_key(std::str::from_utf8(secret).unwrap(), SecretEncoding::Utf8, "").unwrap().unwrap()).unwrap();
        assert!(signed.token.starts_with(&input));
        let as_base64 = base64::engine::general_purpose::STANDARD.encode(secret);
        let report = engine.check(&request(1, &signed.token, &as_base64));
        let verdict = report.verdict.unwrap();
        assert_eq!(verdict.status, "invalid");
        assert!(verdict.reason.unwrap().ends_with("This secret verifies when read as base64 (tick \"secret is base64\")"));
        // A plain wrong secret gets no hint.
        let verdict = engine.check(&request(2, &signed.token, "another secret")).verdict.unwrap();
        assert!(!verdict.reason.unwrap().contains("verifies when read"));
    }

    #[test]
    fn signs_and_says_why_it_cannot() {
        let mut engine = Engine::default();
        let check_request = |generation: u64, token: &str, key: &str| CheckRequest {
            generation,
            token: token.into(),
            key: key.into(),
            encoding: SecretEncoding::Utf8,
            inner_key: String::new(),
        };
        let request = |key: &str| SignRequest {
            generation: 1,
            header: r#"{"alg":"HS256"}"#.into(),
            payload: r#"{"sub":"1"}"#.into(),
            key: key.into(),
            encoding: SecretEncoding::Utf8,
            password: String::new(),
            inner_header: String::new(),
            inner_key: String::new(),
        };
        // The same token as Python's hmac made above.
        let SignOutcome::Token { token, warnings, .. } = engine.sign(&request("secret")) else { panic!() };
        assert_eq!(token, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.M11_c_Mkz5wKz70TPIkcPwzBTd5M-3ZW69WFmxuEnHk");
        assert_eq!(warnings.len(), 1);
        let pem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n";
        assert_eq!(
            engine.sign(&request(pem)),
            SignOutcome::Error { message: "this is a PEM PUBLIC KEY: signing needs the private key".into() }
        );
        assert!(!engine.check(&check_request(0, "a.b.c", pem)).can_sign);
        assert!(engine.check(&check_request(0, "a.b.c", "secret")).can_sign);
    }

    #[test]
    fn requests_and_responses_survive_json() {
        let mut engine = Engine::default();
        let example = examples().into_iter().next().unwrap();
        let request = Request::Check(request(7, &example.token, &example.key));
        let text = serde_json::to_string(&request).unwrap();
        let back: Request = serde_json::from_str(&text).unwrap();
        assert_eq!(back, request);
        let response = engine.handle(back, &|| 0.0);
        let text = serde_json::to_string(&response).unwrap();
        assert_eq!(serde_json::from_str::<Response>(&text).unwrap(), response);
        // The page reads it without serde's derived code: the same value.
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(crate::engine::protocol::read::response(&value), Some(response.clone()));
        let Response::Checked { generation: 7, report } = response else { panic!("{response:?}") };
        assert_eq!(report.verdict.unwrap().status, "valid");
    }

    fn engine_generated() -> Response {
        Engine::default().handle(Request::Generate { id: 9, key_type: "EC-P-256".into() }, &|| 0.0)
    }

    #[test]
    fn generates_keys_in_every_form() {
        let Response::Generated { id: 9, outcome: GenerateOutcome::Key { forms, signing_key, verifying_key, alg, .. } } = engine_generated() else {
            panic!("no key")
        };
        assert_eq!(alg, "ES256");
        let names: Vec<&str> = forms.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["private-pem", "public-pem", "private-jwk", "public-jwk", "jwks"]);
        assert!(signing_key.contains("\"d\"") && !verifying_key.contains("\"d\""));
        let Response::Generated { outcome: GenerateOutcome::Error { message }, .. } =
            Engine::default().handle(Request::Generate { id: 1, key_type: "DSA-1024".into() }, &|| 0.0)
        else {
            panic!()
        };
        assert_eq!(message, "unsupported key: key type \"DSA-1024\"");
    }

    #[test]
    fn converts_private_and_public_keys_with_the_same_thumbprint() {
        let mut engine = Engine::default();
        let generated = crate::jose::keys::generate::generate("EC-P-256").unwrap();
        let convert = |engine: &mut Engine, key: &str| match engine.handle(
            Request::Convert { id: 1, key: key.into(), encoding: SecretEncoding::Utf8, password: String::new() },
            &|| 0.0,
        ) {
            Response::Generated { outcome: GenerateOutcome::Key { description, forms, signing_key, .. }, .. } => (description, forms, signing_key),
            other => panic!("{other:?}"),
        };
        let (private, private_forms, signing_key) = convert(&mut engine, generated.private_pem.as_deref().unwrap());
        let (public, public_forms, no_signing_key) = convert(&mut engine, generated.public_pem.as_deref().unwrap());
        assert!(private.contains(&generated.kid) && public.contains(&generated.kid), "{private} / {public}");
        assert_eq!(private_forms.len(), 5);
        assert_eq!(public_forms.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>(), ["public-pem", "public-jwk", "jwks"]);
        assert!(signing_key.contains("\"d\"") && no_signing_key.is_empty());
        // The PEM written back is the PEM read.
        assert_eq!(public_forms[0].1, generated.public_pem.unwrap());
        let SignOutcome::Token { thumbprint, public_jwk, .. } = engine.sign(&SignRequest {
            generation: 1,
            header: r#"{"alg":"ES256"}"#.into(),
            payload: "{}".into(),
            key: generated.private_pem.unwrap(),
            encoding: SecretEncoding::Utf8,
            password: String::new(),
            inner_header: String::new(),
            inner_key: String::new(),
        }) else {
            panic!()
        };
        assert_eq!(thumbprint, generated.kid);
        assert_eq!(public_jwk, serde_json::to_string_pretty(&generated.public_jwk).unwrap());
    }

    #[test]
    fn the_page_reads_every_response_as_serde_writes_it() {
        use crate::engine::protocol::{read, SignOutcome};
        use crate::jose::findings::{Finding, Severity};
        let finding = Finding { code: "weak-secret", severity: Severity::High, title: "t \"q\"".into(), advice: "a".into() };
        let report = |key: KeySummary, verdict: Option<VerdictReport>| CheckReport {
            key,
            verdict,
            findings: vec![finding.clone(), Finding { severity: Severity::Info, ..finding.clone() }],
            known_secrets_listed: 2500,
            can_sign: true,
            decryption: None,
            crit_free: None,
        };
        let verdict = VerdictReport { status: "invalid".into(), reason: Some("r".into()), key_used: None, warnings: vec!["w".into()] };
        let responses = [
            Response::Ready { version: 1 },
            Response::Checked { generation: u64::from(u32::MAX) + 5, report: report(KeySummary::Empty, None) },
            Response::Checked { generation: 2, report: report(KeySummary::Single { description: "d".into() }, Some(verdict.clone())) },
            Response::Checked {
                generation: 3,
                report: report(KeySummary::Set { descriptions: vec!["a".into(), "b".into()], skipped: vec!["c".into()] }, Some(verdict)),
            },
            Response::Checked { generation: 4, report: report(KeySummary::Error { message: "m".into() }, None) },
            Response::Checked {
                generation: 9,
                report: CheckReport {
                    crit_free: Some(VerdictReport { status: "valid".into(), reason: None, key_used: Some("k".into()), warnings: vec![] }),
                    ..report(KeySummary::Empty, None)
                },
            },
            Response::Checked {
                generation: 7,
                report: CheckReport {
                    decryption: Some(crate::engine::protocol::DecryptReport {
                        status: "ok".into(),
                        reason: None,
                        plaintext: "eyJ9".into(),
                        key_used: Some("k".into()),
                        inner: Some(VerdictReport { status: "none".into(), reason: None, key_used: None, warnings: vec![] }),
                    }),
                    ..report(KeySummary::Empty, None)
                },
            },
            Response::Checked {
                generation: 8,
                report: CheckReport {
                    decryption: Some(crate::engine::protocol::DecryptReport {
                        status: "error".into(),
                        reason: Some("tag".into()),
                        plaintext: String::new(),
                        key_used: None,
                        inner: None,
                    }),
                    ..report(KeySummary::Empty, None)
                },
            },
            Response::Signed {
                generation: 5,
                outcome: SignOutcome::Token {
                    token: "a.b.c".into(),
                    key_used: "k".into(),
                    warnings: vec![],
                    thumbprint: "t".into(),
                    public_jwk: "{}".into(),
                },
            },
            Response::Signed { generation: 6, outcome: SignOutcome::Error { message: "e".into() } },
            Response::Bench { id: 1, status: "valid".into(), ms_per_op: Some(0.25) },
            Response::Bench { id: 2, status: "error".into(), ms_per_op: None },
            Response::Generated { id: 3, outcome: GenerateOutcome::Error { message: "g".into() } },
            engine_generated(),
            Response::BadRequest { message: "b".into() },
            Response::Found { id: 9, tokens: vec![("a.b.c".into(), "cookie \"x\"".into())] },
            Response::Found { id: 10, tokens: vec![] },
            Response::Recognised { id: 11, vendor: "entra".into(), summary: "Microsoft Entra ID v2.0 access token, tenant \"t\"".into() },
            Response::KnownSecret { id: 12, findings: vec![], secret: None },
            Response::KnownSecret {
                id: 13,
                findings: vec![Finding { code: "known-secret", severity: Severity::High, title: "t \"s\"".into(), advice: "a".into() }],
                secret: Some("s\u{0}é".into()),
            },
            Response::Crashed { message: "c".into() },
        ];
        for response in responses {
            let value = serde_json::to_value(&response).unwrap();
            assert_eq!(read::response(&value), Some(response), "{value}");
        }
        assert_eq!(read::response(&serde_json::json!({"Nope": {}})), None);
        assert_eq!(read::response(&serde_json::json!({"Ready": {"version": "1"}})), None);
    }

    #[test]
    fn the_page_writes_every_request_as_serde_would() {
        use crate::engine::protocol::SignRequest;
        let requests = [
            Request::Check(CheckRequest { generation: 1, token: "a.b.c \"\\ é".into(), key: "k\n".into(), encoding: SecretEncoding::Hex, inner_key: "i\"".into() }),
            Request::Sign(SignRequest {
                generation: u64::MAX,
                header: "{}".into(),
                payload: "p".into(),
                key: String::new(),
                encoding: SecretEncoding::Base64,
                password: "pw".into(),
                inner_header: "{\"alg\":\"HS256\"}".into(),
                inner_key: "ik".into(),
            }),
            Request::Generate { id: 2, key_type: "RSA-2048".into() },
            Request::Bench { id: 3, token: "t".into(), key: "k".into(), encoding: SecretEncoding::Utf8, iterations: 7 },
            Request::BenchSign {
                id: 4,
                header: "{}".into(),
                payload: "p".into(),
                key: "k".into(),
                encoding: SecretEncoding::Base64,
                iterations: 1,
            },
            Request::BenchGenerate { id: 5, key_type: "EC-P-256".into(), iterations: 2 },
            Request::Find { id: 6, text: "GET / HTTP/1.1\nCookie: a=\"b\"".into() },
            Request::Recognise { id: 7, claims: "{\"iss\":\"https://accounts.google.com\"}".into() },
            Request::KnownSecret { id: 8, token: "a.b.c".into() },
            Request::Convert { id: 6, key: "k".into(), encoding: SecretEncoding::Utf8, password: "p".into() },
            Request::Attacks(crate::engine::protocol::AttacksRequest {
                generation: 9,
                header: "{\"alg\":\"RS256\"}".into(),
                payload: "p\n".into(),
                public_key: "-----BEGIN PUBLIC KEY-----".into(),
                url: "https://a.example/\"".into(),
                key_session: u64::MAX,
            }),
        ];
        for request in requests {
            assert_eq!(request.to_json(), serde_json::to_string(&request).unwrap());
            assert_eq!(serde_json::from_str::<Request>(&request.to_json()).unwrap(), request);
        }
    }

    #[test]
    fn bench_times_with_the_given_clock() {
        let mut engine = Engine::default();
        let example = examples().into_iter().next().unwrap();
        let ticks = std::cell::Cell::new(0.0);
        let clock = || {
            ticks.set(ticks.get() + 10.0);
            ticks.get()
        };
        let request = Request::Bench { id: 3, token: example.token, key: example.key, encoding: SecretEncoding::Utf8, iterations: 5 };
        assert_eq!(engine.handle(request, &clock), Response::Bench { id: 3, status: "valid".into(), ms_per_op: Some(2.0) });
        let request = Request::BenchSign {
            id: 4,
            header: r#"{"alg":"HS256"}"#.into(),
            payload: "{}".into(),
            key: "secret".into(),
            encoding: SecretEncoding::Utf8,
            iterations: 5,
        };
        assert_eq!(engine.handle(request, &clock), Response::Bench { id: 4, status: "ok".into(), ms_per_op: Some(2.0) });
        let request = Request::BenchGenerate { id: 5, key_type: "nope".into(), iterations: 5 };
        let Response::Bench { id: 5, ms_per_op: None, status } = engine.handle(request, &clock) else { panic!() };
        assert!(status.contains("nope"), "{status}");
    }
}
