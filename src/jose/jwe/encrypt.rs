//! Making a compact JWE: the header the user wrote (its `alg` and `enc` choose the algorithms),
//! the plaintext, and the recipient's key (public key, shared secret, or password for PBES2).

use serde_json::{Map, Value};

use super::alg::KeyManagement;
use super::content;
use super::decrypt::{algorithms, deflate};
use super::error::JweError;
use super::key_management::{random_bytes, wrap};
use crate::jose::b64;
use crate::jose::keys::{parse_key, Key, KeyInput, KeyMaterial, SecretEncoding};
use crate::jose::token::parse_json;
use crate::jose::Part;

#[derive(Debug, Clone, PartialEq)]
pub struct Encrypted {
    pub token: String,
    /// E.g. "RSA public key, 2048 bits, from PEM PUBLIC KEY (public part derived)".
    pub key_used: String,
}

/// Encrypts `plaintext` to the key box's text under the header `header_text` (a JSON object with
/// `alg` and `enc`; `zip: "DEF"` compresses). Members the recipient needs are added to the header.
pub fn encrypt(header_text: &str, plaintext: &[u8], key_text: &str, encoding: SecretEncoding) -> Result<Encrypted, JweError> {
    let (header, _) = parse_json(Part::Header, header_text).map_err(JweError::Token)?;
    let Value::Object(mut header) = header else {
        return Err(JweError::HeaderMember { member: "alg", message: "is missing: the header must be a JSON object".into() });
    };
    let (alg, enc) = algorithms(&header)?;
    let (material, key_used) = match alg {
        KeyManagement::Pbes2(_) => {
            if key_text.is_empty() {
                return Err(JweError::KeyType { alg: alg.name(), key: "nothing".into(), needs: "a password".into() });
            }
            (KeyMaterial::Secret(key_text.as_bytes().to_vec()), format!("the password ({} characters)", key_text.chars().count()))
        }
        _ => {
            let key = recipient_key(parse_key(key_text, encoding)?, &header, alg)?;
            (key.material, key.description)
        }
    };
    let (cek, encrypted_key) = wrap(alg, enc, &mut header, &material)?;
    let plaintext = match header.get("zip") {
        Some(_) => deflate(plaintext),
        None => plaintext.to_vec(),
    };
    let protected = b64::encode(serde_json::to_string(&header).unwrap_or_default().as_bytes());
    let iv = random_bytes(enc.iv_len())?;
    let (ciphertext, tag) = content::encrypt(enc, &cek, &iv, protected.as_bytes(), &plaintext);
    let token = [protected, b64::encode(&encrypted_key), b64::encode(&iv), b64::encode(&ciphertext), b64::encode(&tag)].join(".");
    Ok(Encrypted { token, key_used })
}

/// The key of the box that encrypts: a JWKS gives the key with the header's `kid`, or else its
/// first key that fits the algorithm.
fn recipient_key(input: Option<KeyInput>, header: &Map<String, Value>, alg: KeyManagement) -> Result<Key, JweError> {
    let fits = |key: &Key| match &key.material {
        KeyMaterial::Secret(_) => alg.is_symmetric(),
        KeyMaterial::Rsa(_) => matches!(alg, KeyManagement::RsaOaep | KeyManagement::RsaOaep256 | KeyManagement::Rsa1_5),
        KeyMaterial::Ec { .. } | KeyMaterial::X25519(_) => matches!(alg, KeyManagement::EcdhEs | KeyManagement::EcdhEsKw(_)),
        _ => false,
    };
    match input {
        None => Err(JweError::KeyType { alg: alg.name(), key: "nothing".into(), needs: needs_phrase(alg) }),
        Some(KeyInput::Single(key)) => Ok(key),
        Some(KeyInput::Set { keys, .. }) => {
            let kid = header.get("kid").and_then(Value::as_str);
            let chosen = match kid {
                Some(kid) => keys.iter().position(|key| key.kid.as_deref() == Some(kid)),
                None => keys.iter().position(fits),
            };
            match chosen {
                Some(index) => Ok(keys.into_iter().nth(index).unwrap_or_else(|| unreachable!("position is in range"))),
                None => Err(JweError::JwksNoMatch { kid: kid.map(str::to_string), kids: keys.iter().filter_map(|key| key.kid.clone()).collect() }),
            }
        }
    }
}

fn needs_phrase(alg: KeyManagement) -> String {
    match alg {
        KeyManagement::RsaOaep | KeyManagement::RsaOaep256 | KeyManagement::Rsa1_5 => "the recipient's RSA public key".into(),
        KeyManagement::EcdhEs | KeyManagement::EcdhEsKw(_) => "the recipient's EC or X25519 public key".into(),
        _ => "a shared secret".into(),
    }
}
