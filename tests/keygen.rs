//! Key generation: every key type of the UI contract, in every form, usable by the page's own
//! signer and verifier; thumbprints by RFC 7638 (node `jose` checks them again in the e2e tests).

use jwt_lens::jose::jws::{sign, verify, Verdict};
use jwt_lens::jose::keys::generate::{generate, private_forms, public_forms, thumbprint, KEY_TYPES};
use jwt_lens::jose::keys::{parse_key, parse_signing_key, KeyInput, SecretEncoding};
use jwt_lens::jose::token::decode;
use serde_json::Value;

/// RFC 7638 §3.1: the example RSA key and its thumbprint.
#[test]
fn rfc_7638_example_thumbprint() {
    let jwk: Value = serde_json::from_str(r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#).unwrap();
    assert_eq!(thumbprint(jwk.as_object().unwrap()).unwrap(), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
}

fn alg_for(key_type: &str) -> Option<&'static str> {
    Some(match key_type {
        "oct-256" => "HS256",
        "oct-384" => "HS384",
        "oct-512" => "HS512",
        "RSA-2048" | "RSA-3072" | "RSA-4096" => "PS256",
        "EC-P-256" => "ES256",
        "EC-P-384" => "ES384",
        "EC-P-521" => "ES512",
        "OKP-Ed25519" => "EdDSA",
        "ML-DSA-44" => "ML-DSA-44",
        "ML-DSA-65" => "ML-DSA-65",
        "ML-DSA-87" => "ML-DSA-87",
        _ => return None,
    })
}

#[test]
fn every_key_type_generates_keys_that_sign_and_verify_in_every_form() {
    // RSA-3072 and RSA-4096 take seconds each: 2048 stands for the RSA code path here.
    for key_type in KEY_TYPES.iter().filter(|t| !matches!(**t, "RSA-3072" | "RSA-4096")) {
        let key = generate(key_type).unwrap_or_else(|e| panic!("{key_type}: {e}"));
        let kid = key.kid.clone();
        assert_eq!(key.private_jwk["kid"], kid.as_str(), "{key_type}");
        assert_eq!(key.public_jwk["kid"], kid.as_str(), "{key_type}");
        let secret = key_type.starts_with("oct");
        let thumbprinted = if secret { &key.private_jwk } else { &key.public_jwk };
        assert_eq!(thumbprint(thumbprinted.as_object().unwrap()).unwrap(), kid, "{key_type}: the kid is the key's thumbprint");
        if secret {
            // A secret has no public part: its public JWK only names it.
            assert_eq!(key.public_jwk, serde_json::json!({"kty": "oct", "kid": kid}));
        }
        assert_eq!(key.jwks["keys"][0], key.public_jwk);
        let public_jwk = key.public_jwk.to_string();
        for member in ["d", "p", "q", "dp", "dq", "qi", "priv", "k"] {
            assert!(key.public_jwk.get(member).is_none(), "{key_type}: public JWK has {member}");
        }
        if key_type.starts_with("oct") {
            assert_eq!(key.private_pem, None);
        } else {
            assert!(key.private_pem.as_deref().unwrap().starts_with("-----BEGIN PRIVATE KEY-----\n"), "{key_type}");
            assert!(key.public_pem.as_deref().unwrap().starts_with("-----BEGIN PUBLIC KEY-----\n"), "{key_type}");
        }
        let Some(alg) = alg_for(key_type) else {
            // X25519 is for JWE key agreement: 32-byte keys, no JWS.
            assert_eq!(key.public_jwk["crv"], "X25519");
            assert_eq!(jwt_lens::jose::b64::decode_lenient(key.public_jwk["x"].as_str().unwrap()).unwrap().0.len(), 32);
            continue;
        };
        // Converting the key back from any of its forms gives the same forms and thumbprint.
        let public_text = (!secret).then(|| (public_jwk.clone(), true));
        for (text, public_only) in [(key.private_jwk.to_string(), false)].into_iter().chain(public_text).chain(key.public_pem.clone().map(|pem| (pem, true))) {
            let converted = if public_only {
                let Some(KeyInput::Single(public)) = parse_key(&text, SecretEncoding::Utf8).unwrap() else { panic!() };
                public_forms(&public.material).unwrap()
            } else {
                private_forms(&parse_signing_key(&text, SecretEncoding::Utf8, "").unwrap().unwrap()[0].material).unwrap()
            };
            assert_eq!(converted.kid, kid, "{key_type}: {text}");
            assert_eq!(converted.public_pem, key.public_pem, "{key_type}");
            assert_eq!(converted.public_jwk, key.public_jwk, "{key_type}");
            if !public_only {
                assert_eq!(converted.private_pem, key.private_pem, "{key_type}");
            }
        }
        let header = format!(r#"{{"alg":"{alg}","kid":"{kid}"}}"#);
        let mut signers = vec![key.private_jwk.to_string()];
        signers.extend(key.private_pem.clone());
        let mut verifiers = if secret { vec![key.private_jwk.to_string()] } else { vec![public_jwk.clone(), key.jwks.to_string()] };
        verifiers.extend(key.public_pem.clone());
        for signer in &signers {
            let keys = parse_signing_key(signer, SecretEncoding::Utf8, "").unwrap_or_else(|e| panic!("{key_type}: {e}")).unwrap();
            let token = sign(&header, r#"{"sub":"generated"}"#, &keys).unwrap_or_else(|e| panic!("{key_type}: {e}")).token;
            for verifier in &verifiers {
                let public = parse_key(verifier, SecretEncoding::Utf8).unwrap().unwrap();
                assert_eq!(verify(&decode(&token).unwrap(), Some(&public)).verdict, Verdict::Valid, "{key_type}: {verifier}");
            }
        }
    }
}

#[test]
fn two_keys_of_a_type_differ() {
    assert_ne!(generate("oct-256").unwrap().kid, generate("oct-256").unwrap().kid);
    assert_ne!(generate("OKP-Ed25519").unwrap().kid, generate("OKP-Ed25519").unwrap().kid);
    assert!(generate("RSA-1024").is_err());
}
