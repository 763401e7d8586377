//! Signing and encrypting: the encoder's header and payload made into a JWS with the signing key
//! box (its last parse kept), or into a JWE (optionally a nested JWT). Answers `Request::Sign`.

use crate::jose::jws::sign;
use crate::jose::jwe;
use crate::jose::keys::{parse_signing_key, SecretEncoding, SigningKey};
use crate::jose::JoseError;

use super::handler::Engine;
use super::protocol::{SignOutcome, SignRequest};

/// The signing key box as last read.
pub(super) struct ParsedSigningKey {
    pub(super) text: String,
    pub(super) encoding: SecretEncoding,
    pub(super) password: String,
    pub(super) parsed: Result<Option<Vec<SigningKey>>, JoseError>,
}

impl Engine {
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

