//! The worker's work, as plain functions over the protocol types: natively tested and fuzzed.
//! No clock of its own: the benchmark's clock is passed in.

use crate::jose::findings::key_findings;
use crate::jose::jws::{sign, verify_parsed, Alg, VerdictReport, Verdict, Verification};
use crate::jose::keys::generate::GeneratedKey;
use crate::jose::keys::{parse_key, parse_signing_key, KeyInput, SecretEncoding, SigningKey};
use crate::jose::findings::{Finding, Severity};
use crate::jose::jwe;
use crate::jose::jws::verdict_without_key;
use crate::jose::token::{decode, decode_entries, DecodedToken, TokenKind};
use crate::jose::JoseError;

use super::protocol::{CheckReport, CheckRequest, DecryptReport, GenerateOutcome, KeySummary, Request, Response, SignOutcome, SignRequest};

/// The worker's state: the last key parsed. Parsing is what costs (an RSA key precomputes its
/// Montgomery parameters), and while the user types in the token box the key does not change.
#[derive(Default)]
pub struct Engine {
    key: Option<ParsedKey>,
    signing_key: Option<ParsedSigningKey>,
    /// The key box read for decrypting (a JWE in the token box): typing in the token does not
    /// read a private key again.
    decryption_key: Option<(String, SecretEncoding, jwe::DecryptionKey)>,
}

struct ParsedKey {
    text: String,
    encoding: SecretEncoding,
    parsed: Result<Option<KeyInput>, JoseError>,
    can_sign: bool,
}

struct ParsedSigningKey {
    text: String,
    encoding: SecretEncoding,
    password: String,
    parsed: Result<Option<Vec<SigningKey>>, JoseError>,
}

impl Engine {
    /// Answers one request. `now_ms` is the clock the benchmark reads.
    pub fn handle(&mut self, request: Request, now_ms: &dyn Fn() -> f64) -> Response {
        match request {
            Request::Check(check) => Response::Checked { generation: check.generation, report: self.check(&check) },
            Request::Sign(request) => Response::Signed { generation: request.generation, outcome: self.sign(&request) },
            Request::Generate { id, key_type } => {
                let key = crate::jose::keys::generate::generate(&key_type);
                // The algorithm a generated key is for: ML-DSA keys name it, the others by family.
                let alg = match key_type.as_str() {
                    "oct-256" => "HS256",
                    "oct-384" => "HS384",
                    "oct-512" => "HS512",
                    "RSA-2048" | "RSA-3072" | "RSA-4096" => "RS256",
                    "EC-P-256" => "ES256",
                    "EC-P-384" => "ES384",
                    "EC-P-521" => "ES512",
                    "OKP-Ed25519" => "EdDSA",
                    "OKP-X25519" => "",
                    other => other,
                };
                Response::Generated { id, outcome: key_outcome(key, alg) }
            }
            Request::Convert { id, key, encoding, password } => Response::Generated { id, outcome: convert(&key, encoding, &password) },
            Request::Bench { id, token, key, encoding, iterations } => {
                let (status, ms_per_op) = bench(&token, &key, encoding, iterations, now_ms);
                Response::Bench { id, status, ms_per_op }
            }
            Request::BenchSign { id, header, payload, key, encoding, iterations } => {
                let keys = match parse_signing_key(&key, encoding, "") {
                    Ok(Some(keys)) => keys,
                    Ok(None) => return Response::Bench { id, status: "no key".into(), ms_per_op: None },
                    Err(error) => return Response::Bench { id, status: error.to_string(), ms_per_op: None },
                };
                let timed = time(iterations, now_ms, || sign(&header, &payload, &keys).map(|_| ()).map_err(|error| error.to_string()));
                bench_response(id, timed)
            }
            Request::Recognise { id, claims } => {
                let recognised = serde_json::from_str::<serde_json::Value>(&claims)
                    .ok()
                    .and_then(|value| crate::jose::vendors::recognise(value.as_object()?));
                let (vendor, summary) = recognised.map_or((String::new(), String::new()), |found| (found.vendor.to_string(), found.summary));
                Response::Recognised { id, vendor, summary }
            }
            Request::Find { id, text } => {
                let tokens = crate::jose::find::find_tokens(&text).into_iter().map(|found| (found.token, found.place)).collect();
                Response::Found { id, tokens }
            }
            Request::BenchGenerate { id, key_type, iterations } => {
                let timed = time(iterations, now_ms, || {
                    crate::jose::keys::generate::generate(&key_type).map(|_| ()).map_err(|error| error.to_string())
                });
                bench_response(id, timed)
            }
        }
    }

    /// Reads the key box (re-using the last parse when it has not changed) and verifies the token.
    pub fn check(&mut self, request: &CheckRequest) -> CheckReport {
        let ParsedKey { parsed: key, can_sign, .. } = self.key(&request.key, request.encoding);
        let can_sign = *can_sign;
        let summary = summarise(key);
        let Ok(token) = decode(&request.token) else {
            return CheckReport { key: summary, verdict: None, findings: Vec::new(), hmac_secrets: Vec::new(), can_sign, decryption: None };
        };
        if token.kind == TokenKind::Jwe {
            let cached = self.decryption_key.as_ref().is_some_and(|(text, encoding, _)| *text == request.key && *encoding == request.encoding);
            if !cached {
                let key = jwe::DecryptionKey::new(&request.key, request.encoding);
                self.decryption_key = Some((request.key.clone(), request.encoding, key));
            }
            let key = self.decryption_key.as_ref().map(|(_, _, key)| key);
            let (decryption, findings, secrets) = open_jwe(request, key);
            let verdict = Some(VerdictReport::from(&verdict_without_key(&token)));
            return CheckReport { key: summary, verdict, findings, hmac_secrets: secrets, can_sign, decryption };
        }
        let verification = verify_any_signature(&request.token, &token, key);
        let key_mismatch = matches!(verification.verdict, Verdict::Invalid { .. });
        let key_findings = key_findings(&token, key.as_ref().ok().and_then(Option::as_ref), key_mismatch);
        let mut verdict = VerdictReport::from(&verification);
        if key_mismatch {
            if let Some(hint) = other_encoding_hint(&token, request) {
                verdict.reason = Some(format!("{}. {hint}", verdict.reason.unwrap_or_default()));
            }
        }
        CheckReport {
            key: summary,
            verdict: Some(verdict),
            findings: key_findings.findings,
            hmac_secrets: key_findings.hmac_secrets,
            can_sign,
            decryption: None,
        }
    }

    /// Signs the request's header and payload (re-using the last signing key parse).
    pub fn sign(&mut self, request: &SignRequest) -> SignOutcome {
        if crate::jose::token::parse_json(crate::jose::Part::Header, &request.header)
            .is_ok_and(|(header, _)| header.get("enc").is_some())
        {
            return encrypt_outcome(request);
        }
        let cached = self.signing_key.as_ref().is_some_and(|key| {
            key.encoding == request.encoding && key.text == request.key && key.password == request.password
        });
        if !cached {
            self.signing_key = Some(ParsedSigningKey {
                text: request.key.clone(),
                encoding: request.encoding,
                password: request.password.clone(),
                parsed: parse_signing_key(&request.key, request.encoding, &request.password),
            });
        }
        let keys = match self.signing_key.as_ref().map(|key| &key.parsed) {
            Some(Ok(Some(keys))) => keys,
            Some(Ok(None)) | None => return SignOutcome::Error { message: "no signing key: paste a secret or a private key".into() },
            Some(Err(error)) => return SignOutcome::Error { message: error.to_string() },
        };
        match sign(&request.header, &request.payload, keys) {
            Ok(signed) => {
                let key = keys.iter().find(|key| key.description == signed.key_used).or(keys.first());
                let forms = key.and_then(|key| crate::jose::keys::generate::private_forms(&key.material).ok());
                let is_secret = key.is_some_and(|key| matches!(key.material, crate::jose::keys::PrivateMaterial::Secret(_)));
                let public_jwk = forms
                    .as_ref()
                    .filter(|_| !is_secret)
                    .map(|forms| serde_json::to_string_pretty(&forms.public_jwk).unwrap_or_default())
                    .unwrap_or_default();
                let thumbprint = forms.map(|forms| forms.kid).unwrap_or_default();
                SignOutcome::Token { token: signed.token, key_used: signed.key_used, warnings: signed.warnings, thumbprint, public_jwk }
            }
            Err(error) => SignOutcome::Error { message: error.to_string() },
        }
    }

    fn key(&mut self, text: &str, encoding: SecretEncoding) -> &ParsedKey {
        let cached = self.key.as_ref().is_some_and(|key| key.encoding == encoding && key.text == text);
        if !cached {
            self.key = None;
        }
        let key = self.key.get_or_insert_with(|| ParsedKey {
            text: text.to_string(),
            encoding,
            parsed: parse_key(text, encoding),
            can_sign: matches!(parse_signing_key(text, encoding, ""), Ok(Some(_))),
        });
        key
    }
}

/// A secret that does not verify as typed may verify when read as base64 or hex (or as text, when
/// an encoding was chosen): say which, since that mix-up is the usual reason.
fn other_encoding_hint(token: &DecodedToken, request: &CheckRequest) -> Option<String> {
    if !matches!(Alg::from_header(&token.header), Ok(Alg::Hmac(_))) {
        return None;
    }
    [(SecretEncoding::Utf8, "as text (untick the encoding)"), (SecretEncoding::Base64, "as base64 (tick \"secret is base64\")"), (SecretEncoding::Hex, "as hex (tick \"secret is hex\")")]
        .into_iter()
        .filter(|(encoding, _)| *encoding != request.encoding)
        .find(|(encoding, _)| {
            let key = parse_key(&request.key, *encoding);
            key.as_ref().is_ok_and(|key| key.is_some()) && verify_parsed(token, &key).verdict == Verdict::Valid
        })
        .map(|(_, how)| format!("This secret verifies when read {how}"))
}

/// A JWS in the general JSON serialization is valid when one of its signatures verifies with the
/// key; `key_used` says which. Otherwise the first signature's verdict is the answer.
fn verify_any_signature(raw: &str, first: &DecodedToken, key: &Result<Option<KeyInput>, JoseError>) -> Verification {
    let count = first.json.as_ref().map_or(1, |json| json.headers.len());
    let name = |mut verification: Verification, index: usize| {
        if count > 1 {
            let which = format!("signature #{} of {count}", index + 1);
            verification.key_used = Some(verification.key_used.map_or(which.clone(), |key| format!("{key} ({which})")));
        }
        verification
    };
    let verification = verify_parsed(first, key);
    if count <= 1 || verification.verdict == Verdict::Valid {
        return name(verification, 0);
    }
    // Else the signature the key could have made (an algorithm of its type), if there is one.
    let mut answer = (verification, 0);
    for (index, token) in decode_entries(raw).into_iter().enumerate().skip(1) {
        if let Ok(token) = token {
            let other = verify_parsed(&token, key);
            let fits = matches!(other.verdict, Verdict::Valid | Verdict::Invalid { .. });
            if other.verdict == Verdict::Valid || (fits && !matches!(answer.0.verdict, Verdict::Invalid { .. })) {
                answer = (other, index);
            }
            if answer.0.verdict == Verdict::Valid {
                break;
            }
        }
    }
    name(answer.0, answer.1)
}

/// Decrypts a JWE with the key box (`None` when the box is empty), and verifies a nested JWS with
/// the inner key box. Also returns the key findings and the secret used (for the known-secrets
/// check).
fn open_jwe(request: &CheckRequest, key: Option<&jwe::DecryptionKey>) -> (Option<DecryptReport>, Vec<Finding>, Vec<Vec<u8>>) {
    if request.key.trim().is_empty() {
        return (None, Vec::new(), Vec::new());
    }
    let Some(key) = key else { return (None, Vec::new(), Vec::new()) };
    let decrypted = match jwe::decrypt_with(&request.token, key) {
        Ok(decrypted) => decrypted,
        Err(error) => {
            let report = DecryptReport { status: "error".into(), reason: Some(error.to_string()), plaintext: String::new(), key_used: None, inner: None };
            return (Some(report), Vec::new(), Vec::new());
        }
    };
    let inner = std::str::from_utf8(&decrypted.plaintext).ok().and_then(|text| decode(text).ok()).filter(|inner| inner.kind == TokenKind::Jws);
    let inner = inner.map(|inner| {
        // The inner key box has no encoding choice: a secret there is text (or a JWK with "k").
        let key = parse_key(&request.inner_key, SecretEncoding::Utf8);
        VerdictReport::from(&verify_parsed(&inner, &key))
    });
    let findings = jwe_key_findings(&decrypted);
    let report = DecryptReport {
        status: "ok".into(),
        reason: None,
        plaintext: crate::jose::b64::encode(&decrypted.plaintext),
        key_used: Some(decrypted.key_used),
        inner,
    };
    (Some(report), findings, decrypted.secret.into_iter().collect())
}

/// A password that is short for PBES2 (a shared secret's length is fixed by the algorithm).
fn jwe_key_findings(decrypted: &jwe::Decrypted) -> Vec<Finding> {
    match (&decrypted.alg, &decrypted.secret) {
        (jwe::KeyManagement::Pbes2(_), Some(password)) if password.len() < 12 => vec![Finding {
            code: "weak-secret",
            severity: Severity::High,
            title: format!("PBES2 password of {} characters: guessable offline from any token", password.len()),
            advice: "Anyone holding a token can try passwords at the speed of PBKDF2; use a long random password or a random key with A256KW.".into(),
        }],
        _ => Vec::new(),
    }
}

/// The encoder's header has `enc`: make a JWE (first signing the payload when a nested JWT is asked).
fn encrypt_outcome(request: &SignRequest) -> SignOutcome {
    let error = |message: String| SignOutcome::Error { message };
    let mut warnings = Vec::new();
    let mut header = request.header.clone();
    let plaintext = if request.inner_key.trim().is_empty() {
        request.payload.clone()
    } else {
        let keys = match parse_signing_key(&request.inner_key, request.encoding, &request.password) {
            Ok(Some(keys)) => keys,
            Ok(None) => return error("no key to sign the inner token".into()),
            Err(problem) => return error(format!("inner token: {problem}")),
        };
        let signed = match sign(&request.inner_header, &request.payload, &keys) {
            Ok(signed) => signed,
            Err(problem) => return error(format!("inner token: {problem}")),
        };
        warnings.push(format!("a nested JWT: signed with {}, then encrypted", signed.key_used));
        // RFC 7519 §5.2: a nested JWT's outer header says `cty: "JWT"`.
        if let Ok((serde_json::Value::Object(mut members), _)) = crate::jose::token::parse_json(crate::jose::Part::Header, &header) {
            if !members.contains_key("cty") {
                members.insert("cty".into(), "JWT".into());
                header = serde_json::Value::Object(members).to_string();
            }
        }
        signed.token
    };
    match jwe::encrypt(&header, plaintext.as_bytes(), &request.key, request.encoding) {
        Ok(made) => {
            if header.contains("\"RSA1_5\"") {
                warnings.push("RSA1_5 is deprecated (RFC 8725 §3.2: padding oracle attacks); prefer RSA-OAEP-256".into());
            }
            SignOutcome::Token { token: made.token, key_used: made.key_used, warnings, thumbprint: String::new(), public_jwk: String::new() }
        }
        Err(problem) => error(problem.to_string()),
    }
}

/// A key in every form the page offers (generated, or converted from the key box).
fn key_outcome(key: Result<GeneratedKey, JoseError>, alg: &str) -> GenerateOutcome {
    let key = match key {
        Ok(key) => key,
        Err(error) => return GenerateOutcome::Error { message: error.to_string() },
    };
    let pretty = |value: &serde_json::Value| serde_json::to_string_pretty(value).unwrap_or_default();
    let mut forms = Vec::new();
    if let Some(private) = &key.private_pem {
        forms.push(("private-pem".to_string(), private.clone()));
    }
    if let Some(public) = &key.public_pem {
        forms.push(("public-pem".to_string(), public.clone()));
    }
    let has_private = !key.private_jwk.is_null();
    let secret = key.private_jwk.get("kty").and_then(serde_json::Value::as_str) == Some("oct");
    if has_private {
        forms.push(("private-jwk".to_string(), pretty(&key.private_jwk)));
    }
    // A secret has no public part: its "public JWK" names it (kty and kid) without `k`, and it
    // gets no JWKS, which is made to be published.
    forms.push(("public-jwk".to_string(), pretty(&key.public_jwk)));
    if !secret {
        forms.push(("jwks".to_string(), pretty(&key.jwks)));
    }
    GenerateOutcome::Key {
        description: format!("{}, kid {} (its RFC 7638 thumbprint)", key.description, key.kid),
        signing_key: if has_private { pretty(&key.private_jwk) } else { String::new() },
        verifying_key: pretty(if secret { &key.private_jwk } else { &key.public_jwk }),
        alg: alg.to_string(),
        forms,
    }
}

/// The first algorithm a public key verifies.
fn verifies(material: &crate::jose::keys::KeyMaterial) -> &'static str {
    Alg::ALL.into_iter().find(|alg| alg.fits(material)).map_or("", Alg::name)
}

/// The key box's key in every form: a private key (or secret) with its public part, or a public
/// key (the first key of a JWKS).
fn convert(text: &str, encoding: SecretEncoding, password: &str) -> GenerateOutcome {
    use crate::jose::keys::generate::{private_forms, public_forms};
    match parse_signing_key(text, encoding, password) {
        Ok(Some(keys)) => {
            let alg = Alg::ALL.into_iter().find(|alg| alg.signs_with(&keys[0].material)).map_or("", Alg::name);
            return key_outcome(private_forms(&keys[0].material), alg);
        }
        Ok(None) => return GenerateOutcome::Error { message: "the key box is empty".into() },
        Err(JoseError::PublicKeyForSigning { .. }) => {}
        Err(error @ (JoseError::PemPasswordNeeded | JoseError::PemPasswordWrong)) => {
            return GenerateOutcome::Error { message: error.to_string() }
        }
        Err(_) => {}
    }
    match parse_key(text, encoding) {
        Ok(Some(KeyInput::Single(key))) => key_outcome(public_forms(&key.material), verifies(&key.material)),
        Ok(Some(KeyInput::Set { keys, .. })) => key_outcome(public_forms(&keys[0].material), verifies(&keys[0].material)),
        Ok(None) => GenerateOutcome::Error { message: "the key box is empty".into() },
        Err(error) => GenerateOutcome::Error { message: error.to_string() },
    }
}

fn summarise(key: &Result<Option<KeyInput>, JoseError>) -> KeySummary {
    match key {
        Ok(None) => KeySummary::Empty,
        Ok(Some(KeyInput::Single(key))) => KeySummary::Single { description: key.description.clone() },
        Ok(Some(KeyInput::Set { keys, skipped })) => KeySummary::Set {
            descriptions: keys.iter().map(|key| key.description.clone()).collect(),
            skipped: skipped.clone(),
        },
        Err(error) => KeySummary::Error { message: error.to_string() },
    }
}

/// Milliseconds per run of `work` over `iterations` runs (at least one), or the first error.
fn time(iterations: u32, now_ms: &dyn Fn() -> f64, mut work: impl FnMut() -> Result<(), String>) -> Result<f64, String> {
    let runs = iterations.max(1);
    let start = now_ms();
    for _ in 0..runs {
        work()?;
    }
    Ok((now_ms() - start) / f64::from(runs))
}

fn bench_response(id: u64, timed: Result<f64, String>) -> Response {
    match timed {
        Ok(ms) => Response::Bench { id, status: "ok".into(), ms_per_op: Some(ms) },
        Err(message) => Response::Bench { id, status: message, ms_per_op: None },
    }
}

/// The verdict's status, and milliseconds per verification with the token and key parsed once
/// (as WebCrypto imports a key once); `None` when nothing was timed.
fn bench(token: &str, key: &str, encoding: SecretEncoding, iterations: u32, now_ms: &dyn Fn() -> f64) -> (String, Option<f64>) {
    let Ok(token) = decode(token) else { return ("error".into(), None) };
    if token.kind == TokenKind::Jwe {
        let key = jwe::DecryptionKey::new(key, encoding);
        let decrypt = || jwe::decrypt_with(&token.compact, &key);
        let status = if decrypt().is_ok() { "ok" } else { "error" };
        if iterations == 0 || status == "error" {
            return (status.into(), None);
        }
        let start = now_ms();
        for _ in 0..iterations {
            std::hint::black_box(decrypt()).ok();
        }
        return (status.into(), Some((now_ms() - start) / f64::from(iterations)));
    }
    let key = parse_key(key, encoding);
    let status = verify_parsed(&token, &key).verdict.status().to_string();
    if iterations == 0 || key.is_err() {
        return (status, None);
    }
    let start = now_ms();
    for _ in 0..iterations {
        std::hint::black_box(verify_parsed(&token, &key));
    }
    (status, Some((now_ms() - start) / f64::from(iterations)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::examples::examples;

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
        // HS256 signed with "secret" (Python hmac): verifies, and the short secret is flagged and handed back for
        // the page's known-secrets check.
        let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.M11_c_Mkz5wKz70TPIkcPwzBTd5M-3ZW69WFmxuEnHk";
        let report = engine.check(&request(3, token, "secret"));
        assert_eq!(report.verdict.unwrap().status, "valid");
        assert_eq!(report.findings.iter().map(|f| f.code).collect::<Vec<_>>(), ["weak-secret"]);
        assert_eq!(report.hmac_secrets, vec![b"secret".to_vec()]);
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
            hmac_secrets: vec![vec![0, 255, 7], Vec::new()],
            can_sign: true,
            decryption: None,
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
            Request::Convert { id: 6, key: "k".into(), encoding: SecretEncoding::Utf8, password: "p".into() },
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
