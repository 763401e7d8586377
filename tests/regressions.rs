//! "Never crash, never lie": every minimized fuzz crasher saved in tests/fixtures/crashers/
//! (`<target>-<n>.bin`) is replayed through the fuzz target's own code, fuzz/src/harness.rs
//! (included below, so the test and the fuzzer cannot drift apart), plus hand-made nasty inputs.
//! A panic — including a failed "never lie" assertion of the harness — fails the test.

#[path = "../fuzz/src/harness.rs"]
mod harness;

use jwt_lens::jose::b64;
use jwt_lens::jose::keys::{parse_key, SecretEncoding, MAX_KEY_BYTES, MAX_RSA_BITS};
use jwt_lens::jose::token::{decode, Payload, MAX_TOKEN_BYTES};
use jwt_lens::jose::jws::{verify_parsed, Verdict};
use jwt_lens::jose::JoseError;

fn run(target: &str, data: &[u8]) {
    match target {
        "decode_token" => harness::decode_token(data),
        "parse_key" => harness::parse_key(data),
        "verify" => harness::verify(data),
        "claims_time" => harness::claims_time(data),
        "worker_request" => harness::worker_request(data),
        "jwe" => harness::jwe(data),
        "rules" => harness::rules(data),
        "crack_input" => harness::crack_input(data),
        other => panic!("unknown fuzz target {other:?}"),
    }
}

#[test]
fn saved_crashers_replay_without_panicking() {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/crashers");
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    let mut files: Vec<_> = entries.map(|entry| entry.unwrap().path()).collect();
    files.sort();
    for path in files.iter().filter(|path| path.extension().is_some_and(|ext| ext == "bin")) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (target, _) = name.split_once('-').unwrap_or_else(|| panic!("{name}: expected <target>-<n>.bin"));
        eprintln!("replaying {name}");
        run(target, &std::fs::read(path).unwrap());
    }
}

/// Every seed shape of every target, with a NUL and a few invalid UTF-8 bytes.
#[test]
fn nul_bytes_and_invalid_utf8_everywhere() {
    let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln";
    for target in ["decode_token", "parse_key", "verify", "claims_time"] {
        for data in [
            &b""[..],
            b"\0",
            b"\0\0\0\0\0\0\0\0",
            b"\xff\xfe\xfd",
            b"\x80\0\xff",
            b"{\"exp\":1,\"k\0\":\"\0\"}",
        ] {
            run(target, data);
            let mut with_token = token.as_bytes().to_vec();
            with_token.extend_from_slice(data);
            run(target, &with_token);
        }
    }
    // NUL inside a kid, a secret and a JWK member.
    let header = b64::encode(b"{\"alg\":\"HS256\",\"kid\":\"a\\u0000b\"}");
    harness::decode_token(format!("{header}.e30.AAAA").as_bytes());
    harness::exercise_key_text("se\0cret", SecretEncoding::Utf8);
    harness::exercise_key_text("{\"kty\":\"oct\",\"k\":\"a\\u0000\"}", SecretEncoding::Utf8);
    harness::exercise_key_text("00\0ff", SecretEncoding::Hex);
    harness::exercise_key_text("AA\0AA", SecretEncoding::Base64);
}

#[test]
fn deeply_nested_json_is_a_message_not_a_stack_overflow() {
    for depth in [127, 128, 129, 10_000, 200_000] {
        for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
            let deep = format!("{}1{}", open.repeat(depth), close.repeat(depth));
            let object = format!("{{\"exp\":{deep}}}");
            harness::claims_time(deep.as_bytes());
            harness::claims_time(object.as_bytes());
            let nested = b64::encode(object.as_bytes());
            harness::decode_token(format!("eyJhbGciOiJIUzI1NiJ9.{nested}.").as_bytes());
            harness::decode_token(format!("{nested}.e30.").as_bytes());
            harness::exercise_key_text(&object, SecretEncoding::Utf8);
            harness::exercise_key_text(&format!("{{\"keys\":[{deep}]}}"), SecretEncoding::Utf8);
        }
    }
}

#[test]
fn twenty_thousand_digit_numbers() {
    let digits = "9".repeat(20_000);
    for number in [digits.clone(), format!("-{digits}"), format!("0.{digits}"), format!("1e{digits}"), format!("1e-{digits}")] {
        let claims = format!("{{\"exp\":{number},\"nbf\":{number},\"iat\":{number},\"auth_time\":[{number}]}}");
        harness::claims_time(claims.as_bytes());
        let payload = b64::encode(claims.as_bytes());
        let token = decode(&format!("eyJhbGciOiJIUzI1NiJ9.{payload}.")).unwrap();
        // A number beyond f64 is not evaluated, and the claim keeps its digits (serde_json's
        // arbitrary_precision spells an unsigned exponent "e+": 1e5 reads back as 1e+5).
        let Payload::Claims(claims) = &token.payload else { panic!("not claims: {:?}", token.payload) };
        let exp = claims["exp"].to_string();
        assert!(exp == number || exp == number.replacen('e', "e+", 1), "{}", &exp[..40]);
        harness::decode_token(format!("eyJhbGciOiJIUzI1NiJ9.{payload}.").as_bytes());
        // And as JWK members.
        harness::exercise_key_text(&format!("{{\"kty\":\"RSA\",\"n\":{number},\"e\":\"AQAB\"}}"), SecretEncoding::Utf8);
    }
}

#[test]
fn huge_and_degenerate_rsa_keys() {
    let jwk = |n: &[u8], e: &[u8]| format!(r#"{{"kty":"RSA","n":"{}","e":"{}"}}"#, b64::encode(n), b64::encode(e));
    // Over the limit: refused before any arithmetic.
    let too_big = jwk(&vec![0xff; MAX_RSA_BITS / 8 + 1], &[1, 0, 1]);
    assert!(matches!(parse_key(&too_big, SecretEncoding::Utf8), Err(JoseError::RsaModulusTooLarge { .. })));
    harness::exercise_key_text(&too_big, SecretEncoding::Utf8);
    // Leading zero bytes do not count as bits.
    let mut padded = vec![0u8; 4096];
    padded.extend_from_slice(&[0xc5; 256]);
    harness::exercise_key_text(&jwk(&padded, &[1, 0, 1]), SecretEncoding::Utf8);
    // Exactly at the limit (verification of the probe tokens runs with it).
    let mut largest = vec![0xff; MAX_RSA_BITS / 8];
    largest[MAX_RSA_BITS / 8 - 1] = 0xfd;
    harness::exercise_key_text(&jwk(&largest, &[1, 0, 1]), SecretEncoding::Utf8);
    // Tiny, even, zero moduli; exponents 0, 1, 2, even, huge.
    for n in [&[][..], &[0], &[1], &[2], &[3], &[0xff, 0xfe], &[0x80; 64], &[0xc5; 128]] {
        for e in [&[][..], &[0], &[1], &[2], &[3], &[1, 0, 1], &[0xff; 5], &[0xff; 64]] {
            harness::exercise_key_text(&jwk(n, e), SecretEncoding::Utf8);
        }
    }
    // A key box over the size limit.
    let huge = "A".repeat(MAX_KEY_BYTES + 1);
    assert!(matches!(parse_key(&huge, SecretEncoding::Utf8), Err(JoseError::KeyTooLarge { .. })));
}

/// A real SPKI, PKCS#8, SEC1 and certificate from the fixtures, cut at every length and with
/// every byte of the first 64 changed, under every PEM label.
#[test]
fn truncated_and_corrupted_der() {
    let fixtures = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cross_impl_py.json")).unwrap();
    let cases: Vec<serde_json::Value> = serde_json::from_str(&fixtures).unwrap();
    let mut ders = Vec::new();
    for format in ["pem-spki", "pem-certificate", "pem-pkcs8-private", "pem-sec1-private", "pem-pkcs1-private"] {
        for case in cases.iter().filter(|case| case["key_format"] == format).take(2) {
            let key = case["key"].as_str().unwrap();
            let body: String = key.lines().filter(|line| !line.starts_with("-----")).collect();
            use base64::Engine;
            ders.push(base64::engine::general_purpose::STANDARD.decode(body.trim()).unwrap());
        }
    }
    assert!(ders.len() >= 8);
    for der in &ders {
        for selector in 3..=9u8 {
            let step = (der.len() / 97).max(1);
            for cut in (0..der.len()).step_by(step) {
                let mut data = vec![selector];
                data.extend_from_slice(&der[..cut]);
                harness::parse_key(&data);
            }
        }
        for index in 0..der.len().min(64) {
            for value in [0x00, 0x7f, 0x80, 0xff] {
                let mut data = vec![3 + (index % 7) as u8];
                data.extend_from_slice(der);
                data[1 + index] = value;
                harness::parse_key(&data);
            }
        }
    }
    // PEM armour problems.
    for text in [
        "-----BEGIN PUBLIC KEY-----",
        "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----",
        "-----BEGIN PUBLIC KEY-----\nMA==\n-----END PRIVATE KEY-----",
        "-----BEGIN PUBLIC KEY-----\\nMFkw\\n-----END PUBLIC KEY-----",
        "-----BEGIN-----\n-----END-----",
        "-----BEGIN \0-----\nAAAA\n-----END \0-----",
        "-----BEGINPUBLIC KEY-----\n\u{feff}\n-----END",
    ] {
        harness::exercise_key_text(text, SecretEncoding::Utf8);
    }
}

#[test]
fn zero_length_and_wrong_length_signatures() {
    let keys = [
        (r#"{"kty":"oct","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA"}"#, ["HS256", "HS384", "HS512"].as_slice()),
        (r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#, &["ES256"]),
        (r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#, &["EdDSA", "Ed25519"]),
    ];
    for (key, algs) in keys {
        let parsed = parse_key(key, SecretEncoding::Utf8);
        assert!(parsed.is_ok(), "{parsed:?}");
        for alg in algs {
            let header = b64::encode(format!(r#"{{"alg":"{alg}"}}"#).as_bytes());
            for signature_len in [0, 1, 31, 32, 48, 63, 64, 65, 66, 132, 512] {
                for fill in [0x00, 0xff] {
                    let signature = b64::encode(&vec![fill; signature_len]);
                    let token = decode(&format!("{header}.e30.{signature}")).unwrap();
                    let verdict = verify_parsed(&token, &parsed).verdict;
                    assert!(verdict != Verdict::Valid, "{alg} with a {signature_len}-byte signature of {fill:#x}");
                    harness::verify(&[0].into_iter().chain(format!("{header}.e30.{signature}\0{key}").bytes()).collect::<Vec<_>>());
                }
            }
        }
    }
    // Ed25519 identity / small-order public keys with the all-zero signature (verify_strict rejects).
    let mut identity = [0u8; 32];
    identity[0] = 1;
    for x in [identity, [0; 32], [0xff; 32]] {
        let key = format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{}"}}"#, b64::encode(&x));
        harness::exercise_key_text(&key, SecretEncoding::Utf8);
        let mut signature = [0u8; 64];
        signature[0] = 1;
        let token = format!("eyJhbGciOiJFZERTQSJ9.e30.{}", b64::encode(&signature));
        harness::verify(&[0].into_iter().chain(format!("{token}\0{key}").bytes()).collect::<Vec<_>>());
    }
}

#[test]
fn oversized_and_degenerate_tokens() {
    let huge = "a".repeat(MAX_TOKEN_BYTES + 1);
    assert!(matches!(decode(&huge), Err(JoseError::TokenTooLarge { .. })));
    for text in ["", ".", "..", "...", "....", "'", "\"\"", "Bearer", "Bearer ", "authorization:", "é.é.é", "\u{feff}e30.e30.", "e30.e30.e30.e30.e30.e30"] {
        harness::decode_token(text.as_bytes());
    }
    // Many segments, many dots, many whitespace characters.
    harness::decode_token(".".repeat(100_000).as_bytes());
    harness::decode_token(format!("e30.{}.", " \n".repeat(100_000)).as_bytes());
}

/// The `jwe` target's structured mode on a spread of inputs: every alg × enc it picks round-trips,
/// and a byte changed anywhere in the token never yields another plaintext.
#[test]
fn jwe_tokens_made_here_decrypt_and_changed_ones_do_not() {
    for seed in 0u16..420 {
        let [high, low] = seed.to_be_bytes();
        let data = [1, low, low.wrapping_mul(7), 6, b'{', b'"', b'a', b'"', 0, low.wrapping_add(high), high, low.wrapping_mul(13), low];
        harness::jwe(&data);
    }
    for data in [&b"\0"[..], b"\0eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0....\0k", b"\x02\xff\xfe"] {
        harness::jwe(data);
    }
}

/// The `crack_input` target on hand-made inputs: masks good and bad, custom sets, increment,
/// wordlists with CRLF, a BOM, UTF-8, NULs and no final newline.
#[test]
fn crack_input_target_on_hand_made_inputs() {
    let inputs: [&[u8]; 8] = [
        b"\x00\x03?d?d\x00\x00\x00\x00secret\r\nword\n",
        b"\x01\x05?1?2a\x00ab\x00?1c\x00\x00\xef\xbb\xbfp\xc3\xa4ss\r\nlast",
        b"\x31\x00??x?\x00\x00\x00\x00\n\n\r\n",
        b"\x00\x00?z\x00?\x00\x00\x00a\x00b\x00c",
        b"\x00\x09",
        b"",
        b"\xff\xff?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a\x00\x00\x00\x00",
        b"\x01\x07?b?b?b\x00\x00\x00\x00line\rwith CR inside\n",
    ];
    for input in inputs {
        harness::crack_input(input);
    }
}
