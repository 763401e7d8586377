//! Reading a signing key: a secret, a private PEM (PKCS#8, encrypted PKCS#8, PKCS#1, SEC1), a
//! private JWK, or a JWKS. Unlike the key box of the reader, the private part is what is kept.

use der::asn1::OctetStringRef;
use der::Decode;
use pkcs1::DecodeRsaPrivateKey;
use rsa::{BoxedUint, PrivateKey as RsaPrivateKey};
use serde_json::{Map, Value};

use super::parse::{classify, jwk_member_bytes, jwk_member_str, ml_dsa_seed, pem_block, secret_bytes, KeyText};
use super::{unsupported, Curve, MlDsaSet, SecretEncoding};
use crate::jose::error::JoseError;

/// The private material a token is signed with.
#[derive(Clone)]
pub enum PrivateMaterial {
    Secret(Vec<u8>),
    Rsa(Box<RsaPrivateKey>),
    /// The private scalar, checked to be in range for the curve.
    Ec { curve: Curve, scalar: Vec<u8> },
    /// The 32-byte seed (RFC 8032 private key).
    Ed25519([u8; 32]),
    /// An X25519 private key (JWE key agreement only).
    X25519([u8; 32]),
    /// The 32-byte seed (FIPS 204 ξ).
    MlDsa { set: MlDsaSet, seed: [u8; 32] },
}

impl PrivateMaterial {
    /// A phrase naming the key, for descriptions and "fits" messages.
    pub fn kind(&self) -> String {
        match self {
            PrivateMaterial::Secret(bytes) => format!("a secret of {} bytes", bytes.len()),
            PrivateMaterial::Rsa(key) => format!("an RSA private key of {} bits", super::rsa_bits(key.as_ref())),
            PrivateMaterial::Ec { curve, .. } => format!("an EC {} private key", curve.name()),
            PrivateMaterial::Ed25519(_) => "an Ed25519 private key".into(),
            PrivateMaterial::X25519(_) => "an X25519 private key".into(),
            PrivateMaterial::MlDsa { set, .. } => format!("an {} private key", set.name()),
        }
    }
}

/// One signing key with what the page says about it.
#[derive(Clone)]
pub struct SigningKey {
    pub material: PrivateMaterial,
    pub description: String,
    pub kid: Option<String>,
    /// The JWK "alg", if any.
    pub jwk_alg: Option<String>,
}

/// Parses the signing key box. `Ok(None)`: the box is empty. A JWKS gives all of its keys that
/// can sign; the caller picks one by `kid`.
pub fn parse_signing_key(text: &str, encoding: SecretEncoding, password: &str) -> Result<Option<Vec<SigningKey>>, JoseError> {
    match classify(text)? {
        KeyText::Empty => Ok(None),
        KeyText::Json(value) => signing_keys_from_json(value).map(Some),
        KeyText::Pem(pem) => signing_key_from_pem(pem, password).map(|key| Some(vec![key])),
        KeyText::Secret => {
            let bytes = secret_bytes(text, encoding)?;
            let description = format!("secret, {} bytes", bytes.len());
            Ok(Some(vec![SigningKey { material: PrivateMaterial::Secret(bytes), description, kid: None, jwk_alg: None }]))
        }
    }
}

fn public_key_given(what: &str) -> JoseError {
    JoseError::PublicKeyForSigning { what: what.to_string() }
}

fn signing_key_from_pem(text: &str, password: &str) -> Result<SigningKey, JoseError> {
    let (label, der) = pem_block(text)?;
    let from = format!("from PEM {label}");
    let material = match label.as_str() {
        "PRIVATE KEY" => from_pkcs8(&der)?,
        "ENCRYPTED PRIVATE KEY" => {
            if password.is_empty() {
                return Err(JoseError::PemPasswordNeeded);
            }
            let encrypted = pkcs8::EncryptedPrivateKeyInfoRef::from_der(&der)
                .map_err(|error| JoseError::Der { what: "ENCRYPTED PRIVATE KEY", message: error.to_string() })?;
            let document = encrypted.decrypt(password).map_err(|_| JoseError::PemPasswordWrong)?;
            from_pkcs8(document.as_bytes())?
        }
        "RSA PRIVATE KEY" => PrivateMaterial::Rsa(Box::new(
            RsaPrivateKey::from_pkcs1_der(&der).map_err(|error| JoseError::RsaKey { message: error.to_string() })?,
        )),
        "EC PRIVATE KEY" => from_sec1(&der, None)?,
        "PUBLIC KEY" | "RSA PUBLIC KEY" | "CERTIFICATE" => return Err(public_key_given(&format!("a PEM {label}"))),
        other => return Err(JoseError::PemLabel { label: other.to_string() }),
    };
    let description = format!("{}, {from}", describe(&material));
    Ok(SigningKey { material, description, kid: None, jwk_alg: None })
}

fn describe(material: &PrivateMaterial) -> String {
    match material {
        PrivateMaterial::Secret(bytes) => format!("secret, {} bytes", bytes.len()),
        PrivateMaterial::Rsa(key) => format!("RSA private key, {} bits", super::rsa_bits(key.as_ref())),
        PrivateMaterial::Ec { curve, .. } => format!("EC {} private key", curve.name()),
        PrivateMaterial::Ed25519(_) => "Ed25519 private key".into(),
        PrivateMaterial::X25519(_) => "X25519 private key".into(),
        PrivateMaterial::MlDsa { set, .. } => format!("{} private key", set.name()),
    }
}

pub(crate) fn from_pkcs8(der: &[u8]) -> Result<PrivateMaterial, JoseError> {
    let info = pkcs8::PrivateKeyInfoRef::from_der(der)
        .map_err(|error| JoseError::Der { what: "PRIVATE KEY", message: error.to_string() })?;
    let oid = info.algorithm.oid;
    match oid.to_string().as_str() {
        "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => Ok(PrivateMaterial::Rsa(Box::new(
            RsaPrivateKey::from_pkcs1_der(info.private_key.as_bytes())
                .map_err(|error| JoseError::RsaKey { message: error.to_string() })?,
        ))),
        "1.2.840.10045.2.1" => {
            let curve = match info.algorithm.parameters_oid().ok().map(|oid| oid.to_string()) {
                Some(oid) => Some(curve_from_oid(&oid)?),
                None => None,
            };
            from_sec1(info.private_key.as_bytes(), curve)
        }
        "1.3.101.112" => {
            let seed = <&OctetStringRef>::from_der(info.private_key.as_bytes())
                .map_err(|error| JoseError::Der { what: "Ed25519 private key", message: error.to_string() })?;
            ed25519_seed(seed.as_bytes())
        }
        "1.3.101.110" => {
            let secret = <&OctetStringRef>::from_der(info.private_key.as_bytes())
                .map_err(|error| JoseError::Der { what: "X25519 private key", message: error.to_string() })?;
            Ok(PrivateMaterial::X25519(x25519_secret(secret.as_bytes())?))
        }
        other => match MlDsaSet::ALL.into_iter().find(|set| set.oid() == other) {
            Some(set) => Ok(PrivateMaterial::MlDsa { set, seed: seed32(ml_dsa_seed(info.private_key.as_bytes())?)? }),
            None => Err(unsupported(&format!("private key algorithm with OID {other}"))),
        },
    }
}

fn curve_from_oid(oid: &str) -> Result<Curve, JoseError> {
    match oid {
        "1.2.840.10045.3.1.7" => Ok(Curve::P256),
        "1.3.132.0.34" => Ok(Curve::P384),
        "1.3.132.0.35" => Ok(Curve::P521),
        other => Err(unsupported(&format!("EC curve with OID {other}"))),
    }
}

fn from_sec1(der: &[u8], curve_hint: Option<Curve>) -> Result<PrivateMaterial, JoseError> {
    let key = sec1::EcPrivateKey::from_der(der)
        .map_err(|error| JoseError::Der { what: "EC PRIVATE KEY", message: error.to_string() })?;
    let curve = match (key.parameters.and_then(|p| p.named_curve()), curve_hint) {
        (Some(oid), _) => curve_from_oid(&oid.to_string())?,
        (None, Some(curve)) => curve,
        (None, None) => return Err(JoseError::Der { what: "EC PRIVATE KEY", message: "no named curve in the key".into() }),
    };
    ec_scalar(curve, key.private_key)
}

/// Checks that the scalar is a valid private key of the curve.
fn ec_scalar(curve: Curve, scalar: &[u8]) -> Result<PrivateMaterial, JoseError> {
    let valid = match curve {
        Curve::P256 => p256::SecretKey::from_slice(scalar).is_ok(),
        Curve::P384 => p384::SecretKey::from_slice(scalar).is_ok(),
        Curve::P521 => p521::SecretKey::from_slice(scalar).is_ok(),
    };
    if !valid {
        return Err(JoseError::EcPoint { curve: curve.name(), message: "the private scalar is out of range".into() });
    }
    Ok(PrivateMaterial::Ec { curve, scalar: scalar.to_vec() })
}

fn seed32(bytes: &[u8]) -> Result<[u8; 32], JoseError> {
    bytes.try_into().map_err(|_| JoseError::MlDsaKey { message: format!("the seed is {} bytes; it must be 32", bytes.len()) })
}

fn ed25519_seed(bytes: &[u8]) -> Result<PrivateMaterial, JoseError> {
    let seed: [u8; 32] = bytes.try_into().map_err(|_| JoseError::Der {
        what: "Ed25519 private key",
        message: format!("the seed is {} bytes; it must be 32", bytes.len()),
    })?;
    Ok(PrivateMaterial::Ed25519(seed))
}

fn x25519_secret(bytes: &[u8]) -> Result<[u8; 32], JoseError> {
    bytes.try_into().map_err(|_| JoseError::Der {
        what: "X25519 private key",
        message: format!("the key is {} bytes; it must be 32", bytes.len()),
    })
}

fn signing_keys_from_json(value: Value) -> Result<Vec<SigningKey>, JoseError> {
    let Value::Object(object) = value else { return Err(JoseError::JwkNotObject) };
    match object.get("keys") {
        Some(Value::Array(members)) => {
            if members.is_empty() {
                return Err(JoseError::JwksEmpty);
            }
            let mut keys = Vec::new();
            let mut errors = Vec::new();
            for (index, member) in members.iter().enumerate() {
                match member.as_object().ok_or(JoseError::JwkNotObject).and_then(signing_key_from_jwk) {
                    Ok(mut key) => {
                        key.description = format!("{} (key #{} of the set)", key.description, index + 1);
                        keys.push(key);
                    }
                    Err(error) => errors.push(format!("key #{}: {error}", index + 1)),
                }
            }
            if keys.is_empty() {
                return Err(JoseError::JwksNoUsableKey { errors });
            }
            Ok(keys)
        }
        Some(_) => Err(JoseError::JwkMember { member: "keys".into(), message: "must be an array".into() }),
        None => signing_key_from_jwk(&object).map(|key| vec![key]),
    }
}

fn signing_key_from_jwk(jwk: &Map<String, Value>) -> Result<SigningKey, JoseError> {
    let kty = jwk_member_str(jwk, "kty")?;
    let private_member = match kty {
        "oct" => "k",
        "AKP" => "priv",
        _ => "d",
    };
    if !jwk.contains_key(private_member) {
        return Err(public_key_given(&format!("a public {kty} JWK (no \"{private_member}\")")));
    }
    let material = match kty {
        "oct" => {
            let secret = jwk_member_bytes(jwk, "k")?;
            if secret.is_empty() {
                return Err(JoseError::SecretEmpty);
            }
            PrivateMaterial::Secret(secret)
        }
        "RSA" => {
            let uint = |member: &str| jwk_member_bytes(jwk, member).map(|bytes| BoxedUint::from_be_slice_vartime(&bytes));
            let primes = match (jwk.contains_key("p"), jwk.contains_key("q")) {
                (true, true) => vec![uint("p")?, uint("q")?],
                _ => Vec::new(),
            };
            let key = RsaPrivateKey::from_components(uint("n")?, uint("e")?, uint("d")?, primes)
                .map_err(|error| JoseError::RsaKey { message: error.to_string() })?;
            PrivateMaterial::Rsa(Box::new(key))
        }
        "EC" => {
            let curve = Curve::from_jwk_name(jwk_member_str(jwk, "crv")?)?;
            let d = jwk_member_bytes(jwk, "d")?;
            if d.len() != curve.scalar_len() {
                return Err(JoseError::JwkMember {
                    member: "d".into(),
                    message: format!("must be {} bytes for {}, got {}", curve.scalar_len(), curve.name(), d.len()),
                });
            }
            ec_scalar(curve, &d)?
        }
        "OKP" => match jwk_member_str(jwk, "crv")? {
            "Ed25519" => ed25519_seed(&jwk_member_bytes(jwk, "d")?)?,
            "X25519" => PrivateMaterial::X25519(x25519_secret(&jwk_member_bytes(jwk, "d")?)?),
            other => return Err(unsupported(&format!("OKP curve \"{other}\" (Ed25519 signs JWS, X25519 decrypts JWE)"))),
        },
        "AKP" => {
            let alg = jwk_member_str(jwk, "alg")?;
            let set = MlDsaSet::from_name(alg).ok_or_else(|| unsupported(&format!("AKP key for \"{alg}\"")))?;
            PrivateMaterial::MlDsa { set, seed: seed32(&jwk_member_bytes(jwk, "priv")?)? }
        }
        other => return Err(JoseError::JwkKty { kty: other.to_string() }),
    };
    let kid = jwk.get("kid").and_then(Value::as_str).map(str::to_string);
    let mut description = format!("JWK {}", describe(&material));
    if let Some(kid) = &kid {
        description.push_str(&format!(", kid={kid}"));
    }
    Ok(SigningKey { material, description, kid, jwk_alg: jwk.get("alg").and_then(Value::as_str).map(str::to_string) })
}
