//! Issue 22, item 6: a token with one trailing '.' (four segments) is refused by the libraries APIs
//! use: PyJWT, jwcrypto and joserfc (tests/python, pinned) and npm jose (the project's
//! node_modules), while each accepts the same token without the dot. JWT Lens decodes and verifies
//! it without the dot, says so, and never calls it acceptable: `Stripped::TrailingDot`, and the
//! rules' `format` rule, which every preset fails first (tests/fixtures/rules: PyJWT, npm
//! jsonwebtoken and jose, and the Rust crate, on the "trailing dot" cases).

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{json, Value};

use jwt_lens::jose::b64;
use jwt_lens::jose::jws::{verify, Verdict};
use jwt_lens::jose::keys::{parse_key, SecretEncoding};
use jwt_lens::jose::rules::{evaluate, Preset, Rules, SignatureCheck, Status};
use jwt_lens::jose::token::{decode, Stripped};

const SECRET: &str = "compact-libraries-secret-0123456789abcdef-0123456789";

fn hs256_token() -> String {
    use hmac::{Hmac, KeyInit, Mac};
    let header = b64::encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = b64::encode(br#"{"iss":"https://issuer.example","sub":"user-1","exp":4102444800}"#);
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(format!("{header}.{payload}").as_bytes());
    format!("{header}.{payload}.{}", b64::encode(&mac.finalize().into_bytes()))
}

fn run(mut command: Command, input: &str) -> String {
    let mut child = command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("start");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    assert!(output.status.success(), "said:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    stdout
}

/// Per token, each Python library's "ok" or error.
fn python(tokens: &[&str]) -> Vec<Value> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/python");
    let ready = Command::new(format!("{dir}/setup.sh")).status().is_ok_and(|status| status.success());
    assert!(ready, "tests/python/setup.sh failed: python3 and PyPI are needed once");
    let mut command = Command::new(format!("{dir}/.venv/bin/python"));
    command.arg(format!("{dir}/check.py"));
    let request = json!({"mode": "compact", "tokens": tokens, "secret": SECRET});
    serde_json::from_str::<Vec<Value>>(&run(command, &request.to_string())).unwrap()
}

/// Per token, npm jose's `jwtVerify` "ok" or error code and message.
fn node_jose(tokens: &[&str]) -> Vec<String> {
    let script = r#"
        import { jwtVerify } from 'jose';
        import { readFileSync } from 'node:fs';
        const { tokens, secret } = JSON.parse(readFileSync(0, 'utf8'));
        const out = [];
        for (const token of tokens) {
          try { await jwtVerify(token, new TextEncoder().encode(secret)); out.push('ok'); }
          catch (e) { out.push(`${e.code}: ${e.message}`); }
        }
        process.stdout.write(JSON.stringify(out));
    "#;
    let mut command = Command::new("node");
    command.current_dir(env!("CARGO_MANIFEST_DIR")).args(["--input-type=module", "-e", script]);
    let request = json!({"tokens": tokens, "secret": SECRET});
    serde_json::from_str(&run(command, &request.to_string())).unwrap()
}

#[test]
fn a_trailing_dot_is_refused_by_the_libraries_and_never_called_acceptable_here() {
    let token = hs256_token();
    let pasted = format!("{token}.");
    let said = python(&[&token, &pasted]);
    for library in ["pyjwt", "jwcrypto", "joserfc"] {
        assert_eq!(said[0][library], "ok", "{library} on the token: {}", said[0][library]);
        let refusal = said[1][library].as_str().unwrap();
        assert_ne!(refusal, "ok", "{library} accepted the token with a trailing '.'");
    }
    assert_eq!(said[1]["pyjwt"], "DecodeError: Invalid payload padding");
    assert_eq!(said[1]["jwcrypto"], "ValueError: Token format unrecognized");
    assert_eq!(said[1]["joserfc"], "DecodeError: decode_error: Invalid JSON Web Signature");
    let jose = node_jose(&[&token, &pasted]);
    assert_eq!(jose, ["ok", "ERR_JWS_INVALID: Invalid Compact JWS"]);

    // Here: decoded and verified without the dot, said so, and judged malformed as pasted.
    let decoded = decode(&pasted).unwrap();
    assert_eq!(decoded.compact, token);
    assert_eq!(decoded.stripped, [Stripped::TrailingDot]);
    let key = parse_key(SECRET, SecretEncoding::Utf8).unwrap().unwrap();
    assert!(matches!(verify(&decoded, Some(&key)).verdict, Verdict::Valid));
    let rules = Rules { issuer: Some("https://issuer.example".into()), ..Rules::default() };
    for preset in Preset::ALL {
        let evaluation = evaluate(&decoded, &rules, preset, &SignatureCheck::Valid.into(), 1_800_000_000.0);
        assert_eq!(evaluation.status, Status::Rejected, "{preset:?}");
        assert_eq!(evaluation.failure().map(|rule| rule.id.as_str()), Some("format"), "{preset:?}");
        let clean = evaluate(&decode(&token).unwrap(), &rules, preset, &SignatureCheck::Valid.into(), 1_800_000_000.0);
        assert_eq!(clean.status, Status::Accepted, "{preset:?}: {:?}", clean.failure());
    }
}
