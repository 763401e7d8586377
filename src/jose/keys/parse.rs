//! Reading whatever a user pastes into the key box: a secret (text, base64, hex), a PEM public or
//! private key or certificate, a JWK or a JWKS. Every format is parsed by the RustCrypto crates;
//! only the public part of private keys is kept.

use der::asn1::{AsUintRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode};
use rsa::traits::PublicKeyParts;
use rsa::{BoxedUint, PublicKey as RsaPublicKey};
use serde_json::{Map, Value};

use super::{unsupported, Curve, MlDsaSet, SecretEncoding, MAX_KEY_BYTES, PEM_BEGIN};
use crate::jose::b64;
use crate::jose::error::JoseError;
use crate::jose::token::json_error_message;

/// RSA moduli above this size are refused: verifying with them is slow enough to freeze the page.
pub const MAX_RSA_BITS: usize = 16384;
/// Smaller moduli are refused as malformed; 512- and 1024-bit keys are read (and flagged).
const MIN_RSA_BITS: usize = 256;

const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const OID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const OID_P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
const OID_SECP256K1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");
const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const OID_ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");
const OID_X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");
const OID_X448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.111");
const OID_ML_DSA_44: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.17");
const OID_ML_DSA_65: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.18");
const OID_ML_DSA_87: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.19");

impl MlDsaSet {
    fn from_oid(oid: ObjectIdentifier) -> Option<MlDsaSet> {
        match oid {
            OID_ML_DSA_44 => Some(MlDsaSet::MlDsa44),
            OID_ML_DSA_65 => Some(MlDsaSet::MlDsa65),
            OID_ML_DSA_87 => Some(MlDsaSet::MlDsa87),
            _ => None,
        }
    }

    /// Checks the length of an encoded public key (FIPS 204 pkEncode).
    fn public_key(self, bytes: &[u8]) -> Result<KeyMaterial, JoseError> {
        if bytes.len() != self.public_key_len() {
            return Err(JoseError::MlDsaKey {
                message: format!("an {} public key is {} bytes, this one is {}", self.name(), self.public_key_len(), bytes.len()),
            });
        }
        Ok(KeyMaterial::MlDsa { set: self, public: bytes.to_vec() })
    }

    /// Derives the public key from the 32-byte seed (FIPS 204 `ML-DSA.KeyGen_internal`).
    fn public_from_seed(self, seed: &[u8]) -> Result<KeyMaterial, JoseError> {
        use ml_dsa::{MlDsa44, MlDsa65, MlDsa87, Seed, SigningKey};
        let seed = Seed::try_from(seed).map_err(|_| JoseError::MlDsaKey {
            message: format!("the private key seed is {} bytes; ML-DSA seeds are 32", seed.len()),
        })?;
        let public = match self {
            MlDsaSet::MlDsa44 => SigningKey::<MlDsa44>::from_seed(&seed).as_ref().encode().to_vec(),
            MlDsaSet::MlDsa65 => SigningKey::<MlDsa65>::from_seed(&seed).as_ref().encode().to_vec(),
            MlDsaSet::MlDsa87 => SigningKey::<MlDsa87>::from_seed(&seed).as_ref().encode().to_vec(),
        };
        Ok(KeyMaterial::MlDsa { set: self, public })
    }
}

impl Curve {
    fn from_oid(oid: ObjectIdentifier) -> Result<Curve, JoseError> {
        match oid {
            OID_P256 => Ok(Curve::P256),
            OID_P384 => Ok(Curve::P384),
            OID_P521 => Ok(Curve::P521),
            OID_SECP256K1 => Err(unsupported("EC curve secp256k1 (ES256K) is not supported")),
            other => Err(unsupported(&format!("EC curve with OID {other}"))),
        }
    }

    /// Checks that `sec1` is a point on the curve and returns it uncompressed.
    fn validate_point(self, sec1: &[u8]) -> Result<Vec<u8>, JoseError> {
        use p256::elliptic_curve::sec1::ToSec1Point;
        let point = match self {
            Curve::P256 => p256::PublicKey::from_sec1_bytes(sec1)
                .map(|key| key.to_sec1_point(false).as_bytes().to_vec()),
            Curve::P384 => p384::PublicKey::from_sec1_bytes(sec1)
                .map(|key| key.to_sec1_point(false).as_bytes().to_vec()),
            Curve::P521 => p521::PublicKey::from_sec1_bytes(sec1)
                .map(|key| key.to_sec1_point(false).as_bytes().to_vec()),
        };
        point.map_err(|_| JoseError::EcPoint {
            curve: self.name(),
            message: "the public key is not a valid point on the curve".into(),
        })
    }

    /// Derives the uncompressed public point from a private scalar.
    fn public_from_scalar(self, scalar: &[u8]) -> Result<Vec<u8>, JoseError> {
        use p256::elliptic_curve::sec1::ToSec1Point;
        let point = match self {
            Curve::P256 => p256::SecretKey::from_slice(scalar)
                .map(|key| key.public_key().to_sec1_point(false).as_bytes().to_vec()),
            Curve::P384 => p384::SecretKey::from_slice(scalar)
                .map(|key| key.public_key().to_sec1_point(false).as_bytes().to_vec()),
            Curve::P521 => p521::SecretKey::from_slice(scalar)
                .map(|key| key.public_key().to_sec1_point(false).as_bytes().to_vec()),
        };
        point.map_err(|_| JoseError::EcPoint {
            curve: self.name(),
            message: "the private scalar is out of range".into(),
        })
    }
}

/// The verification material of a key: public parts only (secrets for HMAC).
#[derive(Debug, Clone, PartialEq)]
pub enum KeyMaterial {
    Secret(Vec<u8>),
    Rsa(RsaPublicKey),
    /// An uncompressed SEC1 point, already checked to be on the curve.
    Ec { curve: Curve, point: Vec<u8> },
    Ed25519([u8; 32]),
    /// An X25519 public key (JWE key agreement, RFC 8037; no JWS uses it).
    X25519([u8; 32]),
    /// An encoded ML-DSA public key of the right length for its parameter set.
    MlDsa { set: MlDsaSet, public: Vec<u8> },
}

impl KeyMaterial {
    /// A phrase naming the key type, used in descriptions and mismatch messages.
    pub fn kind(&self) -> String {
        match self {
            KeyMaterial::Secret(bytes) => format!("a secret of {} bytes", bytes.len()),
            KeyMaterial::Rsa(key) => format!("an RSA key of {} bits", rsa_bits(key)),
            KeyMaterial::Ec { curve, .. } => format!("an EC {} key", curve.name()),
            KeyMaterial::Ed25519(_) => "an Ed25519 key".to_string(),
            KeyMaterial::X25519(_) => "an X25519 key".to_string(),
            KeyMaterial::MlDsa { set, .. } => format!("an {} key", set.name()),
        }
    }

    pub fn is_asymmetric(&self) -> bool {
        !matches!(self, KeyMaterial::Secret(_))
    }
}

/// One usable key with what the page says about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub material: KeyMaterial,
    /// E.g. "RSA public key, 2048 bits, from X.509 certificate CN=example".
    pub description: String,
    pub kid: Option<String>,
    /// The JWK "alg" restriction, if any.
    pub jwk_alg: Option<String>,
    /// Remarks about the key (private key pasted, certificate dates, "use": "enc"...).
    pub notes: Vec<String>,
    /// The PEM text as pasted, kept to test whether an HMAC token was forged with it.
    pub pem_text: Option<String>,
}

impl Key {
    fn new(material: KeyMaterial, description: String) -> Key {
        Key { material, description, kid: None, jwk_alg: None, notes: Vec::new(), pem_text: None }
    }
}

/// What the key box holds.
#[derive(Debug, Clone, PartialEq)]
pub enum KeyInput {
    Single(Key),
    /// A JWKS: the usable keys and, for the others, why they were skipped.
    Set { keys: Vec<Key>, skipped: Vec<String> },
}


fn der_error(what: &'static str) -> impl Fn(der::Error) -> JoseError {
    move |error| JoseError::Der { what, message: error.to_string() }
}

/// What the text of a key box is, by the rules both key boxes (verifying and signing) share.
pub(super) enum KeyText<'a> {
    Empty,
    /// Text that parses as JSON: a JWK or JWKS, even when one of its members mentions a PEM block
    /// (a "note" or an "x5c" explanation).
    Json(Value),
    /// From the first PEM block on; PEM may follow explanatory text, and is only looked for in
    /// text that is not JSON.
    Pem(&'a str),
    /// Anything else: a secret in the chosen encoding.
    Secret,
}

pub(super) fn classify(text: &str) -> Result<KeyText<'_>, JoseError> {
    if text.len() > MAX_KEY_BYTES {
        return Err(JoseError::KeyTooLarge { size: text.len(), limit: MAX_KEY_BYTES });
    }
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(KeyText::Empty);
    }
    let json = trimmed.starts_with('{').then(|| serde_json::from_str::<Value>(trimmed));
    if let Some(Ok(value)) = json {
        return Ok(KeyText::Json(value));
    }
    if let Some(begin) = trimmed.find(PEM_BEGIN) {
        return Ok(KeyText::Pem(trimmed.get(begin..).unwrap_or_default()));
    }
    match json {
        Some(Err(error)) => Err(JoseError::KeyJson { line: error.line(), column: error.column(), message: json_error_message(&error) }),
        _ => Ok(KeyText::Secret),
    }
}

/// Parses the key box. `Ok(None)` means the box is empty.
pub fn parse_key(text: &str, encoding: SecretEncoding) -> Result<Option<KeyInput>, JoseError> {
    match classify(text)? {
        KeyText::Empty => Ok(None),
        KeyText::Json(value) => parse_json_key(value).map(Some),
        KeyText::Pem(pem) => {
            let mut key = parse_pem(pem)?;
            key.pem_text = Some(text.to_string());
            Ok(Some(KeyInput::Single(key)))
        }
        KeyText::Secret => parse_secret(text, encoding).map(|key| Some(KeyInput::Single(key))),
    }
}

/// The bytes of a secret written in `encoding` (never empty).
pub(super) fn secret_bytes(text: &str, encoding: SecretEncoding) -> Result<Vec<u8>, JoseError> {
    let bytes = match encoding {
        SecretEncoding::Utf8 => text.as_bytes().to_vec(),
        SecretEncoding::Base64 => b64::decode_any_alphabet(text).map_err(|problem| match problem {
            b64::Base64Problem::Length { length } => JoseError::SecretBase64Length { length },
            b64::Base64Problem::Character { character, offset }
            | b64::Base64Problem::TrailingBits { character, offset } => JoseError::SecretBase64 { character, offset },
        })?,
        SecretEncoding::Hex => decode_hex(text)?,
    };
    if bytes.is_empty() {
        return Err(JoseError::SecretEmpty);
    }
    Ok(bytes)
}

fn parse_secret(text: &str, encoding: SecretEncoding) -> Result<Key, JoseError> {
    let bytes = secret_bytes(text, encoding)?;
    let how = match encoding {
        SecretEncoding::Utf8 => "UTF-8 text",
        SecretEncoding::Base64 => "decoded from base64",
        SecretEncoding::Hex => "decoded from hex",
    };
    let mut key = Key::new(
        KeyMaterial::Secret(bytes.clone()),
        format!("secret, {} bytes ({how})", bytes.len()),
    );
    let trimmed = text.trim();
    if (trimmed.starts_with("https://") || trimmed.starts_with("http://")) && !trimmed.contains(char::is_whitespace) {
        key.notes.push(
            "this secret is a URL: if it is your provider's JWKS or discovery address, open it in a new tab and paste what it returns (this page fetches nothing)"
                .into(),
        );
    }
    if encoding == SecretEncoding::Utf8 && text.trim() != text {
        key.notes.push(
            "the secret starts or ends with whitespace (a space or line break), which is part of the secret"
                .into(),
        );
    }
    Ok(key)
}

fn decode_hex(text: &str) -> Result<Vec<u8>, JoseError> {
    let trimmed = text.trim();
    let digits = trimmed.strip_prefix("0x").unwrap_or(trimmed);
    let mut nibbles = Vec::with_capacity(digits.len());
    for (offset, character) in digits.chars().enumerate() {
        if character.is_whitespace() || character == ':' {
            continue;
        }
        let value = character
            .to_digit(16)
            .ok_or(JoseError::SecretHex { character, offset })?;
        nibbles.push(value as u8);
    }
    if nibbles.len() % 2 != 0 {
        return Err(JoseError::SecretHexOddLength { length: nibbles.len() });
    }
    Ok(nibbles.chunks_exact(2).map(|pair| pair.iter().fold(0u8, |byte, nibble| byte << 4 | nibble)).collect())
}

// ---------------------------------------------------------------- PEM

/// Reads the first PEM block of the text (a certificate chain's first certificate is the leaf).
/// The label and DER bytes of the first PEM block of the text.
pub(super) fn pem_block(text: &str) -> Result<(String, Vec<u8>), JoseError> {
    // Normalise what copy-paste does to PEM: CRLF, indentation (YAML, JSON strings with "\n").
    let text = text.replace("\\n", "\n");
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
    let end = lines
        .iter()
        .position(|line| line.starts_with("-----END"))
        .ok_or_else(|| JoseError::Pem { message: "no \"-----END ...-----\" line: the block looks truncated".into() })?;
    let block = lines.iter().take(end + 1).copied().collect::<Vec<_>>().join("\n") + "\n";
    let (label, der) = pem_rfc7468::decode_vec(block.as_bytes()).map_err(|error| JoseError::Pem { message: pem_problem(&error) })?;
    Ok((label.to_string(), der))
}

/// What is wrong with a PEM block, in the words of someone who pasted it.
fn pem_problem(error: &pem_rfc7468::Error) -> String {
    use pem_rfc7468::Error::*;
    match error {
        Base64(_) => "the text between the BEGIN and END lines is not valid base64: a character was changed, or lines are missing".into(),
        PreEncapsulationBoundary | Preamble => "the \"-----BEGIN ...-----\" line is malformed".into(),
        PostEncapsulationBoundary => "the \"-----END ...-----\" line is missing, malformed, or does not name the same type as the BEGIN line".into(),
        Label | UnexpectedTypeLabel { .. } => "the BEGIN and END lines name different types, or the type is not a valid PEM label".into(),
        HeaderDisallowed => "the block has headers (such as Proc-Type: for an old-style encrypted key); convert it with openssl pkey".into(),
        Length | EncapsulatedText | CharacterEncoding => "the block is damaged: the base64 lines are cut or contain characters that do not belong".into(),
        other => other.to_string(),
    }
}

fn parse_pem(text: &str) -> Result<Key, JoseError> {
    let (label, der) = pem_block(text)?;
    let label = label.as_str();
    let from = format!("from PEM {label}");
    let (material, source) = match label {
        "PUBLIC KEY" => (from_spki(&der)?, from),
        "RSA PUBLIC KEY" => {
            let key = pkcs1::RsaPublicKeyRef::from_der(&der).map_err(der_error("RSA PUBLIC KEY"))?;
            (rsa_from_parts(key.modulus.as_uint_ref().as_bytes(), key.public_exponent.as_uint_ref().as_bytes())?, from)
        }
        "CERTIFICATE" => {
            let (material, subject, notes) = from_certificate(&der)?;
            let mut key = Key::new(material, String::new());
            key.description = describe(&key.material, &format!("from X.509 certificate {subject}"));
            key.notes = notes;
            return Ok(key);
        }
        "PRIVATE KEY" => (from_pkcs8(&der)?, format!("{from} (public part derived)")),
        "RSA PRIVATE KEY" => {
            let key = pkcs1::RsaPrivateKeyRef::from_der(&der).map_err(der_error("RSA PRIVATE KEY"))?;
            (
                rsa_from_parts(key.modulus.as_uint_ref().as_bytes(), key.public_exponent.as_uint_ref().as_bytes())?,
                format!("{from} (public part derived)"),
            )
        }
        "EC PRIVATE KEY" => (from_sec1(&der, None)?, format!("{from} (public part derived)")),
        "ENCRYPTED PRIVATE KEY" => return Err(JoseError::PemEncrypted),
        other => return Err(JoseError::PemLabel { label: other.to_string() }),
    };
    let private = label.contains("PRIVATE");
    let mut key = Key::new(material, String::new());
    key.description = describe(&key.material, &source);
    if private {
        key.notes.push(PRIVATE_KEY_NOTE.into());
    }
    Ok(key)
}

const PRIVATE_KEY_NOTE: &str =
    "this is a private key: only its public part is used, and nothing leaves this page; still, avoid pasting production private keys anywhere";

/// "RSA public key, 2048 bits, from ..."
fn describe(material: &KeyMaterial, source: &str) -> String {
    let kind = match material {
        KeyMaterial::Secret(bytes) => format!("secret, {} bytes", bytes.len()),
        KeyMaterial::Rsa(key) => format!("RSA public key, {} bits", rsa_bits(key)),
        KeyMaterial::Ec { curve, .. } => format!("EC {} public key", curve.name()),
        KeyMaterial::Ed25519(_) => "Ed25519 public key".to_string(),
        KeyMaterial::X25519(_) => "X25519 public key".to_string(),
        KeyMaterial::MlDsa { set, .. } => format!("{} public key", set.name()),
    };
    if source.is_empty() {
        kind
    } else {
        format!("{kind}, {source}")
    }
}

fn from_spki(der: &[u8]) -> Result<KeyMaterial, JoseError> {
    let spki = spki::SubjectPublicKeyInfoRef::from_der(der).map_err(der_error("PUBLIC KEY"))?;
    let key_bytes = spki.subject_public_key.raw_bytes();
    match spki.algorithm.oid {
        OID_RSA | OID_RSA_PSS => {
            let key = pkcs1::RsaPublicKeyRef::from_der(key_bytes).map_err(der_error("RSA public key"))?;
            rsa_from_parts(key.modulus.as_uint_ref().as_bytes(), key.public_exponent.as_uint_ref().as_bytes())
        }
        OID_EC => {
            let curve_oid = spki
                .algorithm
                .parameters_oid()
                .map_err(|error| JoseError::Der { what: "EC public key parameters", message: error.to_string() })?;
            let curve = Curve::from_oid(curve_oid)?;
            Ok(KeyMaterial::Ec { curve, point: curve.validate_point(key_bytes)? })
        }
        OID_ED25519 => ed25519_public(key_bytes),
        OID_X25519 => x25519_public(key_bytes),
        other => match MlDsaSet::from_oid(other) {
            Some(set) => set.public_key(key_bytes),
            None => Err(unsupported_oid(other)),
        },
    }
}

fn unsupported_oid(oid: ObjectIdentifier) -> JoseError {
    let name = match oid {
        OID_ED448 => "Ed448 (no JWS verifier here supports it)".to_string(),
        OID_X448 => "X448 keys are not supported (X25519 is)".to_string(),
        other => format!("key algorithm with OID {other}"),
    };
    unsupported(&name)
}

fn ed25519_public(bytes: &[u8]) -> Result<KeyMaterial, JoseError> {
    let bytes: [u8; 32] = bytes.try_into().map_err(|_| JoseError::KeyAlgorithmUnsupported {
        what: format!("an Ed25519 public key is 32 bytes, got {}", bytes.len()),
    })?;
    ed25519_dalek::VerifyingKey::from_bytes(&bytes).map_err(|_| JoseError::EcPoint {
        curve: "Ed25519",
        message: "the public key is not a valid curve point".into(),
    })?;
    Ok(KeyMaterial::Ed25519(bytes))
}

fn x25519_public(bytes: &[u8]) -> Result<KeyMaterial, JoseError> {
    bytes.try_into().map(KeyMaterial::X25519).map_err(|_| JoseError::KeyAlgorithmUnsupported {
        what: format!("an X25519 public key is 32 bytes, got {}", bytes.len()),
    })
}

fn ed25519_from_seed(seed: &[u8]) -> Result<KeyMaterial, JoseError> {
    let seed: [u8; 32] = seed.try_into().map_err(|_| JoseError::KeyAlgorithmUnsupported {
        what: format!("an Ed25519 private key is 32 bytes, got {}", seed.len()),
    })?;
    let public = ed25519_dalek::SigningKey::from_bytes(&seed).verifying_key();
    Ok(KeyMaterial::Ed25519(public.to_bytes()))
}

/// The modulus length in bits (RFC 8017 `modBits`).
pub fn rsa_bits(key: &impl PublicKeyParts) -> usize {
    key.n().bit_width_vartime() as usize
}

fn rsa_from_parts(modulus: &[u8], exponent: &[u8]) -> Result<KeyMaterial, JoseError> {
    let n = BoxedUint::from_be_slice_vartime(modulus);
    let e = BoxedUint::from_be_slice_vartime(exponent);
    let bits = n.bit_width_vartime() as usize;
    if bits > MAX_RSA_BITS {
        return Err(JoseError::RsaModulusTooLarge { bits, limit: MAX_RSA_BITS });
    }
    RsaPublicKey::new_with_size_limits(n, e, MIN_RSA_BITS..=MAX_RSA_BITS)
        .map(KeyMaterial::Rsa)
        .map_err(|error| JoseError::RsaKey { message: error.to_string() })
}

fn from_certificate(der: &[u8]) -> Result<(KeyMaterial, String, Vec<String>), JoseError> {
    let certificate = x509_cert::Certificate::from_der(der).map_err(der_error("CERTIFICATE"))?;
    let tbs = certificate.tbs_certificate();
    let spki_der = tbs.subject_public_key_info().to_der().map_err(der_error("CERTIFICATE"))?;
    let material = from_spki(&spki_der)?;
    let validity = tbs.validity();
    let subject = distinguished_name(tbs.subject());
    let notes = vec![format!(
        "certificate subject {subject}, issuer {}, valid from {} to {} (only its public key is used; the chain is not checked)",
        distinguished_name(tbs.issuer()),
        validity.not_before,
        validity.not_after
    )];
    Ok((material, subject, notes))
}

/// An X.509 name as RFC 4514 orders it ("CN=api,O=Example,C=FR"), with the usual attribute
/// labels. Written here rather than with x509-cert's `Display`, which pulls the whole OID name
/// database (thousands of names) into the WebAssembly for a handful of labels.
fn distinguished_name(name: &x509_cert::name::Name) -> String {
    use der::asn1::{Ia5StringRef, PrintableStringRef, Utf8StringRef};
    const LABELS: [(&str, &str); 10] = [
        ("2.5.4.3", "CN"),
        ("2.5.4.10", "O"),
        ("2.5.4.11", "OU"),
        ("2.5.4.6", "C"),
        ("2.5.4.7", "L"),
        ("2.5.4.8", "ST"),
        ("2.5.4.9", "STREET"),
        ("2.5.4.5", "serialNumber"),
        ("0.9.2342.19200300.100.1.25", "DC"),
        ("1.2.840.113549.1.9.1", "emailAddress"),
    ];
    let mut parts = Vec::new();
    let rdns: Vec<_> = name.iter_rdn().collect();
    for rdn in rdns.into_iter().rev() {
        for attribute in rdn.iter() {
            let oid = attribute.oid.to_string();
            let label = LABELS.iter().find(|(known, _)| *known == oid).map_or(oid.as_str(), |(_, label)| label);
            let value = Utf8StringRef::try_from(&attribute.value)
                .map(|v| v.as_str().to_string())
                .or_else(|_| PrintableStringRef::try_from(&attribute.value).map(|v| v.as_str().to_string()))
                .or_else(|_| Ia5StringRef::try_from(&attribute.value).map(|v| v.as_str().to_string()))
                .unwrap_or_else(|_| "(binary)".to_string());
            parts.push(format!("{label}={value}"));
        }
    }
    parts.join(",")
}

fn from_pkcs8(der: &[u8]) -> Result<KeyMaterial, JoseError> {
    let info = pkcs8::PrivateKeyInfoRef::from_der(der).map_err(der_error("PRIVATE KEY"))?;
    match info.algorithm.oid {
        OID_RSA | OID_RSA_PSS => {
            let key = pkcs1::RsaPrivateKeyRef::from_der(info.private_key.as_bytes()).map_err(der_error("RSA private key"))?;
            rsa_from_parts(key.modulus.as_uint_ref().as_bytes(), key.public_exponent.as_uint_ref().as_bytes())
        }
        OID_EC => {
            let curve = info
                .algorithm
                .parameters_oid()
                .ok()
                .map(Curve::from_oid)
                .transpose()?;
            from_sec1(info.private_key.as_bytes(), curve)
        }
        OID_ED25519 => {
            let seed = <&OctetStringRef>::from_der(info.private_key.as_bytes()).map_err(der_error("Ed25519 private key"))?;
            ed25519_from_seed(seed.as_bytes())
        }
        OID_X25519 => {
            let secret = <&OctetStringRef>::from_der(info.private_key.as_bytes()).map_err(der_error("X25519 private key"))?;
            let secret: [u8; 32] = secret.as_bytes().try_into().map_err(|_| JoseError::KeyAlgorithmUnsupported { what: "an X25519 private key is 32 bytes".into() })?;
            Ok(KeyMaterial::X25519(curve25519_dalek::MontgomeryPoint::mul_base_clamped(secret).to_bytes()))
        }
        other => match MlDsaSet::from_oid(other) {
            Some(set) => set.public_from_seed(ml_dsa_seed(info.private_key.as_bytes())?),
            None => Err(unsupported_oid(other)),
        },
    }
}

/// The seed of an ML-DSA private key in PKCS#8 (RFC 9881): `seed [0]`, or `both` (seed and
/// expanded key). Only the expanded key cannot give the public key here.
pub(super) fn ml_dsa_seed(choice: &[u8]) -> Result<&[u8], JoseError> {
    match choice {
        [0x80, 0x20, seed @ ..] if seed.len() == 32 => Ok(seed),
        [0x30, ..] => {
            let both = <&der::asn1::SequenceRef>::from_der(choice).map_err(der_error("ML-DSA private key"))?;
            match both.as_bytes() {
                [0x04, 0x20, rest @ ..] if rest.len() >= 32 => Ok(&rest[..32]),
                _ => Err(JoseError::MlDsaKey { message: "the private key's seed is missing or not 32 bytes".into() }),
            }
        }
        [0x04, ..] => Err(JoseError::MlDsaKey {
            message: "this private key holds only the expanded key; export it with its seed (RFC 9881 \"seed\" or \"both\")".into(),
        }),
        _ => Err(JoseError::MlDsaKey { message: "not an RFC 9881 ML-DSA private key (seed, expandedKey or both)".into() }),
    }
}

/// SEC1 `ECPrivateKey`, alone or inside PKCS#8 (which may carry the curve instead).
fn from_sec1(der: &[u8], curve_hint: Option<Curve>) -> Result<KeyMaterial, JoseError> {
    let key = sec1::EcPrivateKey::from_der(der).map_err(der_error("EC PRIVATE KEY"))?;
    let curve = match (key.parameters.and_then(|p| p.named_curve()), curve_hint) {
        (Some(oid), _) => Curve::from_oid(oid)?,
        (None, Some(curve)) => curve,
        (None, None) => {
            return Err(JoseError::Der {
                what: "EC PRIVATE KEY",
                message: "no named curve in the key".into(),
            })
        }
    };
    let point = match key.public_key {
        Some(point) => curve.validate_point(point)?,
        None => curve.public_from_scalar(key.private_key)?,
    };
    Ok(KeyMaterial::Ec { curve, point })
}

// ---------------------------------------------------------------- JWK / JWKS

fn parse_json_key(value: Value) -> Result<KeyInput, JoseError> {
    let Value::Object(object) = value else {
        return Err(JoseError::JwkNotObject);
    };
    // A discovery document (`.well-known/openid-configuration`) names where the keys are.
    if !object.contains_key("kty") && !object.contains_key("keys") && (object.contains_key("jwks_uri") || object.contains_key("issuer") && object.contains_key("authorization_endpoint")) {
        let jwks_uri = object.get("jwks_uri").and_then(Value::as_str).unwrap_or_default().to_string();
        return Err(JoseError::KeyIsDiscovery { jwks_uri });
    }
    match object.get("keys") {
        Some(Value::Array(members)) => parse_jwks(members),
        Some(_) => Err(JoseError::JwkMember { member: "keys".into(), message: "must be an array".into() }),
        None => parse_jwk(&object).map(KeyInput::Single),
    }
}

fn parse_jwks(members: &[Value]) -> Result<KeyInput, JoseError> {
    if members.is_empty() {
        return Err(JoseError::JwksEmpty);
    }
    let mut keys = Vec::new();
    let mut skipped = Vec::new();
    for (index, member) in members.iter().enumerate() {
        let parsed = match member {
            Value::Object(object) => parse_jwk(object),
            _ => Err(JoseError::JwkNotObject),
        };
        match parsed {
            Ok(mut key) => {
                key.description = format!("{} (key #{} of the set)", key.description, index + 1);
                keys.push(key);
            }
            Err(error) => {
                let kid = member.get("kid").and_then(Value::as_str).map(|kid| format!(" kid={kid}")).unwrap_or_default();
                skipped.push(format!("key #{}{kid}: {error}", index + 1));
            }
        }
    }
    if keys.is_empty() {
        return Err(JoseError::JwksNoUsableKey { errors: skipped });
    }
    Ok(KeyInput::Set { keys, skipped })
}

pub(super) fn jwk_member_str<'a>(jwk: &'a Map<String, Value>, member: &str) -> Result<&'a str, JoseError> {
    match jwk.get(member) {
        Some(Value::String(text)) => Ok(text),
        Some(_) => Err(JoseError::JwkMember { member: member.into(), message: "must be a string".into() }),
        None => Err(JoseError::JwkMember { member: member.into(), message: "is missing".into() }),
    }
}

pub(super) fn jwk_member_bytes(jwk: &Map<String, Value>, member: &str) -> Result<Vec<u8>, JoseError> {
    let text = jwk_member_str(jwk, member)?;
    b64::decode_lenient(text).map(|(bytes, _)| bytes).map_err(|problem| JoseError::JwkMember {
        member: member.into(),
        message: match problem {
            b64::Base64Problem::Character { character, offset } => format!(
                "is not base64url: invalid character {} at offset {offset}",
                crate::jose::error::show_char(character)
            ),
            b64::Base64Problem::Length { length } => format!("is not base64url: {length} characters cannot encode whole bytes"),
            b64::Base64Problem::TrailingBits { offset, .. } => format!("is not canonical base64url: non-zero unused bits at offset {offset}"),
        },
    })
}

fn fixed_len(jwk: &Map<String, Value>, member: &str, len: usize, curve: &str) -> Result<Vec<u8>, JoseError> {
    let bytes = jwk_member_bytes(jwk, member)?;
    if bytes.len() != len {
        return Err(JoseError::JwkMember {
            member: member.into(),
            message: format!("must be {len} bytes for {curve}, got {}", bytes.len()),
        });
    }
    Ok(bytes)
}

fn parse_jwk(jwk: &Map<String, Value>) -> Result<Key, JoseError> {
    let kty = jwk_member_str(jwk, "kty")?;
    let private = jwk.contains_key("d") || jwk.contains_key("priv");
    let (material, label) = match kty {
        "RSA" => {
            let n = jwk_member_bytes(jwk, "n")?;
            let e = jwk_member_bytes(jwk, "e")?;
            let material = rsa_from_parts(&n, &e)?;
            let bits = match &material {
                KeyMaterial::Rsa(key) => rsa_bits(key),
                _ => 0,
            };
            (material, format!("JWK RSA, {bits} bits"))
        }
        "EC" => {
            let curve = Curve::from_jwk_name(jwk_member_str(jwk, "crv")?)?;
            let x = fixed_len(jwk, "x", curve.scalar_len(), curve.name())?;
            let y = fixed_len(jwk, "y", curve.scalar_len(), curve.name())?;
            let sec1 = [&[0x04], x.as_slice(), y.as_slice()].concat();
            (KeyMaterial::Ec { curve, point: curve.validate_point(&sec1)? }, format!("JWK EC {}", curve.name()))
        }
        "OKP" => match jwk_member_str(jwk, "crv")? {
            "Ed25519" => (ed25519_public(&fixed_len(jwk, "x", 32, "Ed25519")?)?, "JWK OKP Ed25519".to_string()),
            "X25519" => (x25519_public(&fixed_len(jwk, "x", 32, "X25519")?)?, "JWK OKP X25519".to_string()),
            other => return Err(unsupported(&format!("OKP curve \"{other}\" (Ed25519 signs JWS, X25519 encrypts JWE)"))),
        },
        // RFC 9964: an "Algorithm Key Pair" key names its algorithm; "pub" is the encoded public
        // key and "priv" the 32-byte seed.
        "AKP" => {
            let alg = jwk_member_str(jwk, "alg")?;
            let Some(set) = MlDsaSet::from_name(alg) else {
                return Err(unsupported(&format!("AKP key for \"{alg}\" (ML-DSA-44, ML-DSA-65 and ML-DSA-87 are supported)")));
            };
            let material = match (jwk.contains_key("pub"), jwk.contains_key("priv")) {
                (true, false) => set.public_key(&jwk_member_bytes(jwk, "pub")?)?,
                (false, _) => set.public_from_seed(&jwk_member_bytes(jwk, "priv")?)?,
                (true, true) => {
                    let public = set.public_key(&jwk_member_bytes(jwk, "pub")?)?;
                    if set.public_from_seed(&jwk_member_bytes(jwk, "priv")?)? != public {
                        return Err(JoseError::MlDsaKey { message: "\"priv\" and \"pub\" are not the same key pair".into() });
                    }
                    public
                }
            };
            (material, format!("JWK AKP {}", set.name()))
        }
        "oct" => {
            let secret = jwk_member_bytes(jwk, "k")?;
            if secret.is_empty() {
                return Err(JoseError::SecretEmpty);
            }
            let label = format!("JWK oct, {} bytes", secret.len());
            (KeyMaterial::Secret(secret), label)
        }
        other => return Err(JoseError::JwkKty { kty: other.to_string() }),
    };
    let kid = jwk.get("kid").and_then(Value::as_str).map(str::to_string);
    let mut description = label;
    if let Some(kid) = &kid {
        description.push_str(&format!(", kid={kid}"));
    }
    let mut key = Key::new(material, description);
    key.kid = kid;
    key.jwk_alg = jwk.get("alg").and_then(Value::as_str).map(str::to_string);
    if private && kty != "oct" {
        key.notes.push(PRIVATE_KEY_NOTE.into());
    }
    if jwk.get("use").and_then(Value::as_str) == Some("enc") {
        key.notes.push("the JWK says \"use\": \"enc\": it is meant for encryption, not for signatures".into());
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::keys::is_secret_text;

    fn single(text: &str, encoding: SecretEncoding) -> Key {
        match parse_key(text, encoding).unwrap().unwrap() {
            KeyInput::Single(key) => key,
            other => panic!("expected one key, got {other:?}"),
        }
    }

    #[test]
    fn a_discovery_document_or_a_url_says_where_the_keys_are() {
        let discovery = r#"{"issuer":"https://login.example/","jwks_uri":"https://login.example/keys","authorization_endpoint":"https://login.example/authorize"}"#;
        let error = parse_key(discovery, SecretEncoding::Utf8).unwrap_err().to_string();
        assert!(error.contains("open its jwks_uri https://login.example/keys in a new tab and paste what it returns"), "{error}");
        let bare = r#"{"issuer":"https://login.example/","authorization_endpoint":"https://login.example/authorize"}"#;
        assert!(parse_key(bare, SecretEncoding::Utf8).unwrap_err().to_string().contains("discovery document"));
        // A JWK and a JWKS are still keys; a URL is a secret, with a note on what to do.
        assert!(parse_key(r#"{"kty":"oct","k":"c2VjcmV0"}"#, SecretEncoding::Utf8).is_ok());
        let url = single("https://login.example/.well-known/jwks.json", SecretEncoding::Utf8);
        assert!(url.notes.iter().any(|note| note.contains("open it in a new tab")), "{:?}", url.notes);
        assert!(single("a plain secret", SecretEncoding::Utf8).notes.is_empty());
    }

    #[test]
    fn empty_box_is_no_key() {
        assert_eq!(parse_key("  \n", SecretEncoding::Utf8).unwrap(), None);
    }

    #[test]
    fn secrets_in_each_encoding() {
        let key = single("your-256-bit-secret", SecretEncoding::Utf8);
        assert_eq!(key.material, KeyMaterial::Secret(b"your-256-bit-secret".to_vec()));
        assert_eq!(key.description, "secret, 19 bytes (UTF-8 text)");
        let key = single("AAEC/w==", SecretEncoding::Base64);
        assert_eq!(key.material, KeyMaterial::Secret(vec![0, 1, 2, 255]));
        let key = single("00 01:02ff", SecretEncoding::Hex);
        assert_eq!(key.material, KeyMaterial::Secret(vec![0, 1, 2, 255]));
        assert_eq!(
            parse_key("abc*", SecretEncoding::Base64).unwrap_err().to_string(),
            "secret: invalid base64 character '*' at offset 3 (untick \"secret is base64\" if the secret is plain text)"
        );
        assert_eq!(parse_key("abg", SecretEncoding::Hex).unwrap_err(), JoseError::SecretHex { character: 'g', offset: 2 });
        assert_eq!(parse_key("abc", SecretEncoding::Hex).unwrap_err(), JoseError::SecretHexOddLength { length: 3 });
    }

    #[test]
    fn trailing_newline_in_a_text_secret_is_kept_and_noted() {
        let key = single("secret\n", SecretEncoding::Utf8);
        assert_eq!(key.material, KeyMaterial::Secret(b"secret\n".to_vec()));
        assert_eq!(key.notes.len(), 1);
    }

    #[test]
    fn jwk_errors_name_the_member() {
        let error = parse_key(r#"{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}"#, SecretEncoding::Utf8).unwrap_err();
        assert_eq!(error.to_string(), "JWK: \"x\" must be 32 bytes for P-256, got 3");
        let error = parse_key(r#"{"kty":"RSA","e":"AQAB"}"#, SecretEncoding::Utf8).unwrap_err();
        assert_eq!(error.to_string(), "JWK: \"n\" is missing");
        let error = parse_key(r#"{"kty":"XYZ"}"#, SecretEncoding::Utf8).unwrap_err();
        assert_eq!(error, JoseError::JwkKty { kty: "XYZ".into() });
        let error = parse_key(r#"{"kty":"oct","k":}"#, SecretEncoding::Utf8).unwrap_err();
        assert!(matches!(error, JoseError::KeyJson { line: 1, column: 18, .. }), "{error:?}");
    }

    #[test]
    fn pem_errors_are_explained() {
        let error = parse_key("-----BEGIN PUBLIC KEY-----\nMFkw\n", SecretEncoding::Utf8).unwrap_err();
        assert!(error.to_string().contains("truncated"), "{error}");
        let error = parse_key("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----", SecretEncoding::Utf8).unwrap_err();
        assert_eq!(error, JoseError::PemEncrypted);
        let error = parse_key("-----BEGIN FOO-----\nAAAA\n-----END FOO-----", SecretEncoding::Utf8).unwrap_err();
        assert_eq!(error, JoseError::PemLabel { label: "FOO".into() });
        let error = parse_key("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", SecretEncoding::Utf8).unwrap_err();
        assert!(matches!(error, JoseError::Der { what: "PUBLIC KEY", .. }), "{error:?}");
    }

    #[test]
    fn pem_after_explanatory_text_is_found() {
        let pem = "Bag Attributes\n    localKeyID: 01\nsubject=CN=x\n-----BEGIN PUBLIC KEY-----\n\
                   MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n";
        assert!(!is_secret_text(pem));
        let key = single(pem, SecretEncoding::Utf8);
        assert!(matches!(key.material, KeyMaterial::Ed25519(_)));
        assert!(is_secret_text("correct horse battery staple"));
    }

    #[test]
    fn json_mentioning_a_pem_block_is_still_a_jwk() {
        // Found by the fuzzer: a member whose text holds a PEM block made the JWKS be read as that PEM.
        let jwks = r#"{"keys":[{"kty":"oct","k":"c2VjcmV0","kid":"a","note":"rotated from -----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----"}]}"#;
        match parse_key(jwks, SecretEncoding::Utf8).unwrap().unwrap() {
            KeyInput::Set { keys, .. } => assert_eq!(keys[0].material, KeyMaterial::Secret(b"secret".to_vec())),
            other => panic!("{other:?}"),
        }
        // Broken JSON that holds no PEM block is a JSON error with its position.
        assert!(matches!(parse_key(r#"{"kty":"oct","k":}"#, SecretEncoding::Utf8), Err(JoseError::KeyJson { .. })));
    }

    #[test]
    fn jwks_reports_skipped_members() {
        let jwks = r#"{"keys":[{"kty":"oct","k":"c2VjcmV0","kid":"a"},{"kty":"EC","kid":"bad"}]}"#;
        match parse_key(jwks, SecretEncoding::Utf8).unwrap().unwrap() {
            KeyInput::Set { keys, skipped } => {
                assert_eq!(keys.len(), 1);
                assert_eq!(keys[0].kid.as_deref(), Some("a"));
                assert_eq!(skipped, vec!["key #2 kid=bad: JWK: \"crv\" is missing".to_string()]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(parse_key(r#"{"keys":[]}"#, SecretEncoding::Utf8).unwrap_err(), JoseError::JwksEmpty);
    }

    #[test]
    fn rsa_modulus_over_the_limit_is_refused() {
        let n = b64::encode(&vec![0xff; MAX_RSA_BITS / 8 + 1]);
        let jwk = format!(r#"{{"kty":"RSA","n":"{n}","e":"AQAB"}}"#);
        assert_eq!(
            parse_key(&jwk, SecretEncoding::Utf8).unwrap_err(),
            JoseError::RsaModulusTooLarge { bits: MAX_RSA_BITS + 8, limit: MAX_RSA_BITS }
        );
    }
}

