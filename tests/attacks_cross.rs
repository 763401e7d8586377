//! Checked outside JWT Lens: every crafted attack token is verified by Python libraries (hmac,
//! PyJWT, jwcrypto, with PEM forms made by `cryptography`), and every secret the cracker finds is
//! one Python's hmac signed with. The Python environment is tests/python (pinned; set up by
//! tests/python/setup.sh, which these tests run: idempotent, it needs PyPI the first time).

use std::io::Write;
use std::ops::ControlFlow;
use std::process::{Command, Stdio};

use serde_json::{json, Value};

use jwt_lens::jose::attacks::{craft_all, AttackInputs};
use jwt_lens::jose::b64;
use jwt_lens::jose::crack::{known_secret, Backend, Cracker, Increment, LineReader, Mask};
use jwt_lens::jose::findings::SecretList;
use jwt_lens::jose::jws::{verify, Hash};
use jwt_lens::jose::keys::generate::{generate, private_forms};
use jwt_lens::jose::keys::{parse_key, parse_signing_key, SecretEncoding};
use jwt_lens::jose::token::decode;

fn python(request: &Value) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/python");
    // Once per test binary: the tests run in parallel and must not create the venv twice at once.
    static SETUP: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let ready = *SETUP.get_or_init(|| Command::new(format!("{dir}/setup.sh")).status().is_ok_and(|status| status.success()));
    assert!(ready, "tests/python/setup.sh failed: python3 and PyPI are needed once");
    let mut child = Command::new(format!("{dir}/.venv/bin/python"))
        .arg(format!("{dir}/check.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start python");
    child.stdin.take().unwrap().write_all(request.to_string().as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    assert!(output.status.success(), "python said:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    stdout
}

fn fixture_key(name: &str) -> String {
    let cases: Vec<Value> = serde_json::from_str(include_str!("fixtures/cross_impl_py.json")).unwrap();
    cases.iter().find(|c| c["name"] == name).unwrap()["key"].as_str().unwrap().to_string()
}

#[test]
fn crafted_attack_tokens_verify_elsewhere() {
    let header = r#"{"alg": "RS256", "typ": "JWT", "kid": "prod-1"}"#;
    let payload = r#"{"sub": "admin", "admin": true, "big": 12345678901234567890}"#;
    let public_key = fixture_key("pyjwt-RS256-pem-spki");
    let certificate = fixture_key("pyjwt-RS256-pem-certificate");
    // A generated EC key, and an RSA key from the fixtures (generating one is slow in a debug
    // build) turned into the same forms.
    let rsa = parse_signing_key(&fixture_key("pyjwt-RS256-pem-pkcs8-private"), SecretEncoding::Utf8, "").unwrap().unwrap();
    for fresh in [generate("EC-P-256").unwrap(), private_forms(&rsa[0].material).unwrap()] {
        let url = "https://attacker.example/jwks.json";
        for target in [&public_key, &certificate] {
            let inputs = AttackInputs { header, payload, public_key: Some(target), fresh_key: Some(&fresh), url: Some(url) };
            let (tokens, jwks, errors) = craft_all(&inputs);
            assert!(errors.is_empty(), "{errors:?}");
            // Our own verifier agrees where it can: the embedded key verifies its token, and the
            // key-confusion tokens are seen as forged with the pasted PEM.
            let key = parse_key(target, SecretEncoding::Utf8).unwrap().unwrap();
            for crafted in &tokens {
                let decoded = decode(&crafted.token).unwrap();
                if crafted.attack == "key-confusion" && !crafted.variant.contains("PKCS#1") && target == &public_key {
                    let verdict = format!("{:?}", verify(&decoded, Some(&key)).verdict);
                    assert!(verdict.contains("forged: true"), "{} {}: {verdict}", crafted.variant, crafted.token);
                }
                if crafted.attack == "embedded-jwk" {
                    let jwk = parse_key(&decoded.header["jwk"].to_string(), SecretEncoding::Utf8).unwrap().unwrap();
                    assert_eq!(verify(&decoded, Some(&jwk)).verdict.status(), "valid");
                    assert_eq!(decoded.header["typ"], "JWT", "other members kept");
                }
                assert!(!crafted.about.is_empty());
            }
            let pem = if target == &certificate {
                // The certificate's public key as SPKI PEM: what the server would have on disk.
                let forms = jwt_lens::jose::keys::generate::public_forms(&match key {
                    jwt_lens::jose::keys::KeyInput::Single(k) => k.material,
                    _ => unreachable!(),
                })
                .unwrap();
                forms.public_pem.unwrap()
            } else {
                target.clone()
            };
            let request = json!({
                "mode": "attacks",
                "tokens": tokens.iter().map(|t| json!({"attack": t.attack, "variant": t.variant, "token": t.token})).collect::<Vec<_>>(),
                "public_key_pem": pem,
                "jwks": jwks,
                "url": url,
                "payload": serde_json::from_str::<Value>(payload).unwrap(),
                "expect_attacks": ["none", "null-signature", "empty-key", "key-confusion", "embedded-jwk", "jku", "kid-traversal", "kid-sql", "psychic"],
            });
            let said = python(&request);
            assert!(said.starts_with("ok "), "{said}");
            let variants = |attack: &str| tokens.iter().filter(|t| t.attack == attack).count();
            assert_eq!((variants("none"), variants("empty-key"), variants("psychic")), (4, 3, 6));
            assert!(variants("key-confusion") >= 9);
        }
    }
}

/// Tokens MACed by Python with secrets from a mask, a wordlist and the bundled list: the cracker
/// finds each secret, for every hash and both backends.
#[test]
fn cracked_secrets_are_the_ones_python_signed_with() {
    let bundled = SecretList::from_text(include_str!("../assets/jwt-secrets.txt"));
    let from_list = bundled.iter().nth(1234).unwrap().to_vec();
    let input = format!("{}.{}", b64::encode(br#"{"alg":"HS256","typ":"JWT"}"#), b64::encode(br#"{"sub":"1234567890","name":"John Doe","iat":1516239022}"#));
    let secrets: Vec<(Vec<u8>, &str)> = vec![(b"k7z".to_vec(), "mask"), ("pässwörd".as_bytes().to_vec(), "wordlist"), (from_list, "bundled")];
    let mut cases = Vec::new();
    for (secret, _) in &secrets {
        for alg in ["HS256", "HS384", "HS512"] {
            let header = b64::encode(format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#).as_bytes());
            let input = format!("{header}.{}", input.split_once('.').unwrap().1);
            cases.push(json!({"alg": alg, "input": input, "secret_hex": secret.iter().map(|b| format!("{b:02x}")).collect::<String>()}));
        }
    }
    let macs: Vec<String> = serde_json::from_str(&python(&json!({"mode": "sign", "cases": cases}))).unwrap();
    let mask = Mask::with_options("?l?d?1", &["xyz"], Some(Increment { min: 2, max: 3 })).unwrap();
    let wordlist = "first\r\nsecond\npässwörd\r\nlast".as_bytes();
    for (case, mac) in cases.iter().zip(&macs) {
        let token = format!("{}.{mac}", case["input"].as_str().unwrap());
        let secret_hex = case["secret_hex"].as_str().unwrap();
        let which = secrets.iter().find(|(s, _)| s.iter().map(|b| format!("{b:02x}")).collect::<String>() == secret_hex).unwrap();
        let decoded = decode(&token).unwrap();
        for backend in Backend::ALL {
            let cracker = Cracker::with_backend(&decoded, backend).unwrap();
            let found = match which.1 {
                "mask" => {
                    // Two workers, each with half the indices.
                    let halves = mask.split(2);
                    halves.iter().find_map(|&(start, end)| cracker.find_in_mask(&mask, start, end)).map(|(index, secret)| {
                        assert_eq!(mask.nth(index).unwrap(), secret);
                        secret
                    })
                }
                "wordlist" => {
                    let mut reader = LineReader::new();
                    let mut tried = 0;
                    let found = wordlist.chunks(3).find_map(|chunk| cracker.find_in_chunk(&mut reader, chunk, &mut tried));
                    assert_eq!(tried, 3);
                    found
                }
                _ => known_secret(&decoded, bundled.iter()),
            };
            assert_eq!(found.as_deref(), Some(&which.0[..]), "{} {backend:?} {}", case["alg"], which.1);
        }
        // A wrong list finds nothing, and the whole wordlist read to its end is tried.
        let cracker = Cracker::new(&decoded).unwrap();
        assert_eq!(cracker.hash(), match case["alg"].as_str().unwrap() { "HS256" => Hash::Sha256, "HS384" => Hash::Sha384, _ => Hash::Sha512 });
        let mut reader = LineReader::new();
        let mut lines = 0;
        let _ = reader.feed(b"a\nb", |_| {
            lines += 1;
            ControlFlow::Continue(())
        });
        assert_eq!(cracker.find_in_rest(&mut reader, &mut lines), None);
        assert_eq!(lines, 2);
    }
}
