//! JWE: every alg × enc encrypts and decrypts again (with each key form the key boxes read), and
//! each way a token can fail gives its own reason. Tokens made by other libraries and the RFC
//! examples are in `jwe_fixtures.rs`.

use jwt_lens::jose::jwe::{decrypt, encrypt, ContentEncryption, JweError, KeyManagement};
use jwt_lens::jose::keys::generate::generate;
use jwt_lens::jose::keys::SecretEncoding;
use serde_json::{json, Value};

/// (key to encrypt to, key to decrypt with) for an algorithm.
fn keys_for(alg: KeyManagement, enc: ContentEncryption, curve: &str) -> (String, String) {
    let secret = |len: usize| {
        let text: String = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!?".chars().take(len).collect();
        (text.clone(), text)
    };
    match alg {
        KeyManagement::Dir => secret(enc.key_len()),
        KeyManagement::AesKw(len) | KeyManagement::AesGcmKw(len) => secret(len),
        KeyManagement::Pbes2(_) => ("correct horse battery staple".into(), "correct horse battery staple".into()),
        KeyManagement::RsaOaep | KeyManagement::RsaOaep256 | KeyManagement::Rsa1_5 => pair("RSA-2048"),
        KeyManagement::EcdhEs | KeyManagement::EcdhEsKw(_) => pair(curve),
    }
}

fn pair(key_type: &str) -> (String, String) {
    thread_local! {
        static CACHE: std::cell::RefCell<std::collections::HashMap<String, (String, String)>> = Default::default();
    }
    CACHE.with(|cache| {
        cache
            .borrow_mut()
            .entry(key_type.to_string())
            .or_insert_with(|| {
                let key = generate(key_type).unwrap();
                (key.public_jwk.to_string(), key.private_pem.unwrap())
            })
            .clone()
    })
}

#[test]
fn every_alg_and_enc_round_trips() {
    for alg_name in KeyManagement::NAMES {
        let alg = KeyManagement::from_name(alg_name).unwrap();
        let curves: &[&str] = match alg {
            KeyManagement::EcdhEs | KeyManagement::EcdhEsKw(_) => &["EC-P-256", "EC-P-384", "EC-P-521", "OKP-X25519"],
            _ => &[""],
        };
        for enc_name in ContentEncryption::NAMES {
            let enc = ContentEncryption::from_name(enc_name).unwrap();
            for curve in curves {
                let (public, private) = keys_for(alg, enc, curve);
                let mut header = json!({"alg": alg_name, "enc": enc_name});
                if let KeyManagement::Pbes2(_) = alg {
                    header["p2c"] = json!(1000);
                }
                let plaintext = format!("{{\"sub\":\"{alg_name} {enc_name} {curve}\"}}");
                let made = encrypt(&header.to_string(), plaintext.as_bytes(), &public, SecretEncoding::Utf8)
                    .unwrap_or_else(|error| panic!("{alg_name} {enc_name} {curve}: {error}"));
                let opened = decrypt(&made.token, &private, SecretEncoding::Utf8)
                    .unwrap_or_else(|error| panic!("{alg_name} {enc_name} {curve}: {error}"));
                assert_eq!(opened.plaintext, plaintext.as_bytes(), "{alg_name} {enc_name} {curve}");
                assert_eq!((opened.alg, opened.enc), (alg, enc));
            }
        }
    }
}

fn tamper(token: &str, segment: usize) -> String {
    let mut parts: Vec<String> = token.split('.').map(str::to_string).collect();
    let text = &mut parts[segment];
    // Flip a character in the middle (its bits are all significant).
    let middle = text.len() / 2;
    let replaced = if &text[middle..middle + 1] == "A" { "B" } else { "A" };
    text.replace_range(middle..middle + 1, replaced);
    parts.join(".")
}

fn reason(result: Result<jwt_lens::jose::jwe::Decrypted, JweError>) -> JweError {
    result.err().expect("must not decrypt")
}

#[test]
fn each_failure_has_its_reason() {
    let (public, private) = pair("RSA-2048");
    let made = encrypt(r#"{"alg":"RSA-OAEP-256","enc":"A256GCM"}"#, b"hello", &public, SecretEncoding::Utf8).unwrap();
    let token = made.token;
    assert_eq!(reason(decrypt(&tamper(&token, 3), &private, SecretEncoding::Utf8)), JweError::TagMismatch { key_agreement: false });
    assert_eq!(reason(decrypt(&tamper(&token, 4), &private, SecretEncoding::Utf8)), JweError::TagMismatch { key_agreement: false });
    assert_eq!(reason(decrypt(&tamper(&token, 1), &private, SecretEncoding::Utf8)), JweError::RsaDecrypt);
    // A changed header still decodes but is not the AAD the tag covers.
    let header: Value = serde_json::json!({"alg": "RSA-OAEP-256", "enc": "A256GCM", "x": 1});
    let mut parts: Vec<&str> = token.split('.').collect();
    let other_header = jwt_lens::jose::b64::encode(header.to_string().as_bytes());
    parts[0] = &other_header;
    assert_eq!(reason(decrypt(&parts.join("."), &private, SecretEncoding::Utf8)), JweError::TagMismatch { key_agreement: false });
    // Another RSA key.
    let (_, other_private) = {
        let key = generate("RSA-2048").unwrap();
        (key.public_jwk.to_string(), key.private_pem.unwrap())
    };
    assert_eq!(reason(decrypt(&token, &other_private, SecretEncoding::Utf8)), JweError::RsaDecrypt);
    // The public key.
    assert!(matches!(reason(decrypt(&token, &public, SecretEncoding::Utf8)), JweError::PublicKey { .. }));
    // A secret for an RSA alg.
    assert!(matches!(reason(decrypt(&token, "a secret", SecretEncoding::Utf8)), JweError::KeyType { alg: "RSA-OAEP-256", .. }));

    // Wrong password, count over the limit, short salt.
    let pbes2 = encrypt(r#"{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2c":1000}"#, b"x", "right", SecretEncoding::Utf8).unwrap().token;
    assert_eq!(reason(decrypt(&pbes2, "wrong", SecretEncoding::Utf8)), JweError::PasswordWrong);
    let too_many = encrypt(r#"{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2c":1000001}"#, b"x", "right", SecretEncoding::Utf8);
    assert_eq!(too_many.err(), Some(JweError::P2cTooHigh { count: 1_000_001, limit: 1_000_000 }));

    // Unknown enc and alg, crit.
    let unknown = |header: Value| {
        let protected = jwt_lens::jose::b64::encode(header.to_string().as_bytes());
        format!("{protected}.AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA")
    };
    assert_eq!(reason(decrypt(&unknown(json!({"alg": "dir", "enc": "A512GCM"})), "k", SecretEncoding::Utf8)), JweError::EncUnknown { enc: "A512GCM".into() });
    assert_eq!(reason(decrypt(&unknown(json!({"alg": "RSA-OAEP-384", "enc": "A128GCM"})), "k", SecretEncoding::Utf8)), JweError::AlgUnknown { alg: "RSA-OAEP-384".into() });
    assert_eq!(
        reason(decrypt(&unknown(json!({"alg": "dir", "enc": "A128GCM", "crit": ["exp"], "exp": 1})), "k", SecretEncoding::Utf8)),
        JweError::CritUnknown { names: vec!["exp".into()] }
    );
    assert_eq!(reason(decrypt(&unknown(json!({"alg": "ECDH-ES", "enc": "A128GCM"})), &pair("EC-P-256").1, SecretEncoding::Utf8)), JweError::EpkMissing);
}

#[test]
fn an_epk_off_the_curve_is_refused() {
    let (public, private) = pair("EC-P-256");
    let token = encrypt(r#"{"alg":"ECDH-ES","enc":"A128GCM"}"#, b"secret", &public, SecretEncoding::Utf8).unwrap().token;
    let parts: Vec<&str> = token.split('.').collect();
    let (header_bytes, _) = jwt_lens::jose::b64::decode_lenient(parts[0]).unwrap();
    let mut header: Value = serde_json::from_slice(&header_bytes).unwrap();
    // (1, 1) is not on P-256.
    let mut one = vec![0u8; 32];
    one[31] = 1;
    header["epk"]["x"] = jwt_lens::jose::b64::encode(&one).into();
    header["epk"]["y"] = jwt_lens::jose::b64::encode(&one).into();
    let forged = [jwt_lens::jose::b64::encode(header.to_string().as_bytes()).as_str(), parts[1], parts[2], parts[3], parts[4]].join(".");
    assert_eq!(reason(decrypt(&forged, &private, SecretEncoding::Utf8)), JweError::EpkNotOnCurve { curve: "P-256" });
    // A key on another curve: the token is not for this key.
    assert!(matches!(reason(decrypt(&token, &pair("EC-P-384").1, SecretEncoding::Utf8)), JweError::EpkCurve { .. }));
    // Another P-256 key: the content does not authenticate.
    let other = generate("EC-P-256").unwrap().private_pem.unwrap();
    assert_eq!(reason(decrypt(&token, &other, SecretEncoding::Utf8)), JweError::TagMismatch { key_agreement: true });
}

#[test]
fn zip_is_inflated_and_capped() {
    let key = "0123456789abcdef0123456789abcdef";
    let text = "claims ".repeat(1000);
    let token = encrypt(r#"{"alg":"dir","enc":"A256GCM","zip":"DEF"}"#, text.as_bytes(), key, SecretEncoding::Utf8).unwrap().token;
    assert!(token.len() < 400, "deflated: {}", token.len());
    assert_eq!(decrypt(&token, key, SecretEncoding::Utf8).unwrap().plaintext, text.as_bytes());
    let bomb = vec![0u8; 17 << 20];
    let token = encrypt(r#"{"alg":"dir","enc":"A256GCM","zip":"DEF"}"#, &bomb, key, SecretEncoding::Utf8).unwrap().token;
    assert_eq!(reason(decrypt(&token, key, SecretEncoding::Utf8)), JweError::InflateTooLarge { limit: 16 << 20 });
}

#[test]
fn a_jwks_key_is_chosen_by_kid() {
    let first = generate("RSA-2048").unwrap();
    let second = generate("RSA-2048").unwrap();
    let header = json!({"alg": "RSA-OAEP", "enc": "A128CBC-HS256", "kid": second.kid});
    let token = encrypt(&header.to_string(), b"for the second", &second.public_jwk.to_string(), SecretEncoding::Utf8).unwrap().token;
    let jwks = json!({"keys": [first.private_jwk, second.private_jwk]});
    let opened = decrypt(&token, &jwks.to_string(), SecretEncoding::Utf8).unwrap();
    assert_eq!(opened.plaintext, b"for the second");
    assert!(opened.key_used.contains("key #2"), "{}", opened.key_used);
    let only_first = json!({"keys": [first.private_jwk, generate("RSA-2048").unwrap().private_jwk]});
    assert!(matches!(reason(decrypt(&token, &only_first.to_string(), SecretEncoding::Utf8)), JweError::JwksNoMatch { .. }));
}
