//! Key generation (randomness from the browser's CSPRNG through getrandom) and the key formats a
//! generated key is given in: PKCS#8 and SPKI PEM, private and public JWK with the RFC 7638
//! thumbprint as `kid`, and a JWKS of the public key.

use der::asn1::{BitStringRef, OctetStringRef};
use der::Encode;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use super::{Curve, KeyMaterial, MlDsaSet, PrivateMaterial};
use crate::jose::b64;
use crate::jose::error::JoseError;

/// The key types of the UI contract's `keygen-type`.
pub const KEY_TYPES: [&str; 14] = [
    "oct-256", "oct-384", "oct-512", "RSA-2048", "RSA-3072", "RSA-4096", "EC-P-256", "EC-P-384", "EC-P-521", "OKP-Ed25519",
    "OKP-X25519", "ML-DSA-44", "ML-DSA-65", "ML-DSA-87",
];

/// A key made here, in every form the page offers.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedKey {
    pub description: String,
    /// PKCS#8 (absent for `oct`).
    pub private_pem: Option<String>,
    /// SPKI (absent for `oct`).
    pub public_pem: Option<String>,
    pub private_jwk: Value,
    /// For `oct`, only `kty` and `kid` (a shared secret has no public part).
    pub public_jwk: Value,
    pub jwks: Value,
    pub kid: String,
}

fn random<const N: usize>() -> Result<[u8; N], JoseError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|error| JoseError::Random { message: error.to_string() })?;
    Ok(bytes)
}

fn pem(label: &str, der: &[u8]) -> String {
    pem_rfc7468::encode_string(label, pem_rfc7468::LineEnding::LF, der).unwrap_or_default()
}

fn der_failed(error: impl std::fmt::Display) -> JoseError {
    JoseError::Der { what: "generated key", message: error.to_string() }
}

/// RFC 7638: SHA-256 of the required members, in lexicographic order, without whitespace
/// (AKP keys: `alg`, `kty`, `pub`, as RFC 9964 says).
pub fn thumbprint(jwk: &Map<String, Value>) -> Result<String, JoseError> {
    let kty = jwk.get("kty").and_then(Value::as_str).unwrap_or_default();
    let required: &[&str] = match kty {
        "RSA" => &["e", "kty", "n"],
        "EC" => &["crv", "kty", "x", "y"],
        "OKP" => &["crv", "kty", "x"],
        "oct" => &["k", "kty"],
        "AKP" => &["alg", "kty", "pub"],
        other => return Err(JoseError::JwkKty { kty: other.to_string() }),
    };
    let mut canonical = Map::new();
    for member in required {
        let value = jwk.get(*member).filter(|value| value.is_string()).ok_or_else(|| JoseError::JwkMember {
            member: (*member).to_string(),
            message: "is missing (the thumbprint needs it)".into(),
        })?;
        canonical.insert((*member).to_string(), value.clone());
    }
    let text = serde_json::to_string(&Value::Object(canonical)).map_err(der_failed)?;
    Ok(b64::encode(&Sha256::digest(text.as_bytes())))
}

/// Generates a key of one of [`KEY_TYPES`].
pub fn generate(key_type: &str) -> Result<GeneratedKey, JoseError> {
    let unknown = || JoseError::KeyAlgorithmUnsupported { what: format!("key type \"{key_type}\"") };
    let material = match key_type {
        "oct-256" | "oct-384" | "oct-512" => {
            let bytes: [u8; 64] = random()?;
            let length = key_type[4..].parse::<usize>().map_err(|_| unknown())? / 8;
            PrivateMaterial::Secret(bytes[..length].to_vec())
        }
        "RSA-2048" | "RSA-3072" | "RSA-4096" => {
            let bits = key_type[4..].parse::<usize>().map_err(|_| unknown())?;
            let mut rng = getrandom::rand_core::UnwrapErr(getrandom::SysRng);
            let key = rsa::PrivateKey::new(&mut rng, bits).map_err(|error| JoseError::RsaKey { message: error.to_string() })?;
            PrivateMaterial::Rsa(Box::new(key))
        }
        "EC-P-256" | "EC-P-384" | "EC-P-521" => {
            let curve = Curve::from_jwk_name(&key_type[3..])?;
            // A random scalar below the order (rejection sampling, almost never more than once).
            loop {
                let bytes: [u8; 66] = random()?;
                let scalar = &bytes[..curve.scalar_len()];
                let valid = match curve {
                    Curve::P256 => p256::SecretKey::from_slice(scalar).is_ok(),
                    Curve::P384 => p384::SecretKey::from_slice(scalar).is_ok(),
                    Curve::P521 => p521::SecretKey::from_slice(scalar).is_ok(),
                };
                if valid {
                    break PrivateMaterial::Ec { curve, scalar: scalar.to_vec() };
                }
            }
        }
        "OKP-Ed25519" => PrivateMaterial::Ed25519(random()?),
        "OKP-X25519" => PrivateMaterial::X25519(random()?),
        "ML-DSA-44" | "ML-DSA-65" | "ML-DSA-87" => {
            PrivateMaterial::MlDsa { set: MlDsaSet::from_name(key_type).ok_or_else(unknown)?, seed: random()? }
        }
        _ => return Err(unknown()),
    };
    private_forms(&material)
}

/// Every form of an RSA key made elsewhere and exported as PKCS#8 DER: in the worker, by the
/// browser's WebCrypto `generateKey` (about 10× faster than generating primes in wasm), so the
/// key's forms and thumbprint are the ones [`generate`] gives. `bits` is the size asked for.
pub fn rsa_from_pkcs8(der: &[u8], bits: usize) -> Result<GeneratedKey, JoseError> {
    let material = super::private::from_pkcs8(der)?;
    let made = match &material {
        PrivateMaterial::Rsa(key) => super::rsa_bits(key.as_ref()),
        other => return Err(JoseError::RsaKey { message: format!("the browser made {}, not an RSA key", other.kind()) }),
    };
    if made != bits {
        return Err(JoseError::RsaKey { message: format!("the browser made a key of {made} bits, not {bits}") });
    }
    private_forms(&material)
}

/// Every form of a private key: PKCS#8 and SPKI PEM (not for a secret), private and public JWK
/// with the thumbprint as `kid`, a JWKS of the public key.
pub fn private_forms(material: &PrivateMaterial) -> Result<GeneratedKey, JoseError> {
    let (private_der, public_der, private_jwk, description) = match material {
        PrivateMaterial::Secret(bytes) => {
            (None, None, json!({"kty": "oct", "k": b64::encode(bytes)}), format!("a {}-bit secret", bytes.len() * 8))
        }
        PrivateMaterial::Rsa(key) => {
            use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey};
            use rsa::traits::{PrivateKeyParts, PublicKeyParts};
            let private = key.to_pkcs8_der().map_err(der_failed)?.as_bytes().to_vec();
            let public = key.to_public_key().to_public_key_der().map_err(der_failed)?.as_bytes().to_vec();
            let uint = |value: &rsa::BoxedUint| b64::encode(&value.to_be_bytes_trimmed_vartime());
            let primes = key.primes();
            let mut jwk = json!({"kty": "RSA", "n": uint(key.n().as_ref()), "e": uint(key.e()), "d": uint(key.d())});
            if let [p, q] = primes {
                jwk["p"] = uint(p).into();
                jwk["q"] = uint(q).into();
                if let (Some(dp), Some(dq), Some(qi)) = (key.dp(), key.dq(), key.qinv()) {
                    jwk["dp"] = uint(dp).into();
                    jwk["dq"] = uint(dq).into();
                    jwk["qi"] = uint(&qi.retrieve()).into();
                }
            }
            (Some(private), Some(public), jwk, format!("an RSA key of {} bits", super::rsa_bits(key.as_ref())))
        }
        PrivateMaterial::Ec { curve, scalar } => {
            let (private, public, x, y) = ec_forms(*curve, scalar)?;
            let jwk = json!({"kty": "EC", "crv": curve.name(), "x": b64::encode(&x), "y": b64::encode(&y), "d": b64::encode(scalar)});
            (Some(private), Some(public), jwk, format!("an EC {} key", curve.name()))
        }
        PrivateMaterial::Ed25519(seed) => {
            let public = ed25519_dalek::SigningKey::from_bytes(seed).verifying_key().to_bytes();
            // PKCS#8 v1 as RFC 8410 §7 shows it (ed25519-dalek writes v2 with the public key,
            // which OpenSSL 3.0, and so node, does not read).
            let oid = der::asn1::ObjectIdentifier::new_unwrap("1.3.101.112");
            let inner = OctetStringRef::new(seed).map_err(der_failed)?.to_der().map_err(der_failed)?;
            let (private, public_der) = raw_key_documents(oid, &inner, &public)?;
            let jwk = json!({"kty": "OKP", "crv": "Ed25519", "x": b64::encode(&public), "d": b64::encode(seed)});
            (Some(private), Some(public_der), jwk, "an Ed25519 key".to_string())
        }
        PrivateMaterial::X25519(secret) => return x25519(*secret),
        PrivateMaterial::MlDsa { set, seed } => {
            let public = ml_dsa_public(*set, *seed);
            let oid = der::asn1::ObjectIdentifier::new_unwrap(set.oid());
            // RFC 9881: the private key as its seed, `seed [0] IMPLICIT OCTET STRING`.
            let choice = [&[0x80, 0x20][..], seed].concat();
            let (private, public_der) = raw_key_documents(oid, &choice, &public)?;
            let jwk = json!({"kty": "AKP", "alg": set.name(), "pub": b64::encode(&public), "priv": b64::encode(seed)});
            (Some(private), Some(public_der), jwk, format!("an {} key", set.name()))
        }
    };
    finish(private_der, public_der, private_jwk, description)
}

/// The forms of a public key: SPKI PEM and JWK with the thumbprint as `kid`, and a JWKS.
pub fn public_forms(material: &KeyMaterial) -> Result<GeneratedKey, JoseError> {
    let (public_der, jwk, description) = match material {
        KeyMaterial::Secret(bytes) => return private_forms(&PrivateMaterial::Secret(bytes.clone())),
        KeyMaterial::Rsa(key) => {
            use rsa::pkcs8::EncodePublicKey;
            use rsa::traits::PublicKeyParts;
            let uint = |value: &rsa::BoxedUint| b64::encode(&value.to_be_bytes_trimmed_vartime());
            let der = key.to_public_key_der().map_err(der_failed)?.as_bytes().to_vec();
            (der, json!({"kty": "RSA", "n": uint(key.n().as_ref()), "e": uint(key.e())}), format!("an RSA public key of {} bits", super::rsa_bits(key)))
        }
        KeyMaterial::Ec { curve, point } => {
            let size = curve.scalar_len();
            let (x, y) = (&point[1..1 + size], &point[1 + size..]);
            let oid = der::asn1::ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
            let curve_oid = der::asn1::ObjectIdentifier::new_unwrap(match curve {
                Curve::P256 => "1.2.840.10045.3.1.7",
                Curve::P384 => "1.3.132.0.34",
                Curve::P521 => "1.3.132.0.35",
            });
            let parameters = der::asn1::AnyRef::from(&curve_oid);
            let algorithm = spki::AlgorithmIdentifierRef { oid, parameters: Some(parameters) };
            let spki = spki::SubjectPublicKeyInfoRef { algorithm, subject_public_key: BitStringRef::from_bytes(point).map_err(der_failed)? };
            let jwk = json!({"kty": "EC", "crv": curve.name(), "x": b64::encode(x), "y": b64::encode(y)});
            (spki.to_der().map_err(der_failed)?, jwk, format!("an EC {} public key", curve.name()))
        }
        KeyMaterial::Ed25519(public) => {
            let oid = der::asn1::ObjectIdentifier::new_unwrap("1.3.101.112");
            let spki = spki::SubjectPublicKeyInfoRef {
                algorithm: spki::AlgorithmIdentifierRef { oid, parameters: None },
                subject_public_key: BitStringRef::from_bytes(public).map_err(der_failed)?,
            };
            (spki.to_der().map_err(der_failed)?, json!({"kty": "OKP", "crv": "Ed25519", "x": b64::encode(public)}), "an Ed25519 public key".into())
        }
        KeyMaterial::X25519(public) => {
            let oid = der::asn1::ObjectIdentifier::new_unwrap("1.3.101.110");
            let spki = spki::SubjectPublicKeyInfoRef {
                algorithm: spki::AlgorithmIdentifierRef { oid, parameters: None },
                subject_public_key: BitStringRef::from_bytes(public).map_err(der_failed)?,
            };
            (spki.to_der().map_err(der_failed)?, json!({"kty": "OKP", "crv": "X25519", "x": b64::encode(public)}), "an X25519 public key".into())
        }
        KeyMaterial::MlDsa { set, public } => {
            let oid = der::asn1::ObjectIdentifier::new_unwrap(set.oid());
            let spki = spki::SubjectPublicKeyInfoRef {
                algorithm: spki::AlgorithmIdentifierRef { oid, parameters: None },
                subject_public_key: BitStringRef::from_bytes(public).map_err(der_failed)?,
            };
            let jwk = json!({"kty": "AKP", "alg": set.name(), "pub": b64::encode(public)});
            (spki.to_der().map_err(der_failed)?, jwk, format!("an {} public key", set.name()))
        }
    };
    let mut key = finish(None, Some(public_der), jwk, description)?;
    key.private_jwk = Value::Null;
    Ok(key)
}

/// X25519 (JWE key agreement; no JWS signs with it).
fn x25519(secret: [u8; 32]) -> Result<GeneratedKey, JoseError> {
    let public = curve25519_dalek::MontgomeryPoint::mul_base_clamped(secret).to_bytes();
    let oid = der::asn1::ObjectIdentifier::new_unwrap("1.3.101.110");
    let inner = OctetStringRef::new(&secret).map_err(der_failed)?.to_der().map_err(der_failed)?;
    let (private_der, public_der) = raw_key_documents(oid, &inner, &public)?;
    let jwk = json!({"kty": "OKP", "crv": "X25519", "x": b64::encode(&public), "d": b64::encode(&secret)});
    finish(Some(private_der), Some(public_der), jwk, "an X25519 key (for JWE key agreement)".to_string())
}

fn ml_dsa_public(set: MlDsaSet, seed: [u8; 32]) -> Vec<u8> {
    use ml_dsa::{MlDsa44, MlDsa65, MlDsa87, Seed, SigningKey};
    let seed = Seed::from(seed);
    match set {
        MlDsaSet::MlDsa44 => SigningKey::<MlDsa44>::from_seed(&seed).as_ref().encode().to_vec(),
        MlDsaSet::MlDsa65 => SigningKey::<MlDsa65>::from_seed(&seed).as_ref().encode().to_vec(),
        MlDsaSet::MlDsa87 => SigningKey::<MlDsa87>::from_seed(&seed).as_ref().encode().to_vec(),
    }
}

/// PKCS#8 and SPKI for the algorithms without parameters (X25519, ML-DSA): `private_key` is the
/// content of the PKCS#8 `privateKey` OCTET STRING.
fn raw_key_documents(oid: der::asn1::ObjectIdentifier, private_key: &[u8], public_key: &[u8]) -> Result<(Vec<u8>, Vec<u8>), JoseError> {
    let algorithm = spki::AlgorithmIdentifierRef { oid, parameters: None };
    let private = pkcs8::PrivateKeyInfoRef::new(algorithm, OctetStringRef::new(private_key).map_err(der_failed)?);
    let public = spki::SubjectPublicKeyInfoRef { algorithm, subject_public_key: BitStringRef::from_bytes(public_key).map_err(der_failed)? };
    Ok((private.to_der().map_err(der_failed)?, public.to_der().map_err(der_failed)?))
}

/// PKCS#8 DER, SPKI DER, x and y of an EC private key.
type EcForms = (Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>);

fn ec_forms(curve: Curve, scalar: &[u8]) -> Result<EcForms, JoseError> {
    macro_rules! ec {
        ($curve:ident) => {{
            use $curve::elliptic_curve::sec1::ToSec1Point;
            use $curve::pkcs8::{EncodePrivateKey, EncodePublicKey};
            let secret = $curve::SecretKey::from_slice(scalar).map_err(der_failed)?;
            let point = secret.public_key().to_sec1_point(false);
            let private = secret.to_pkcs8_der().map_err(der_failed)?.as_bytes().to_vec();
            let public = secret.public_key().to_public_key_der().map_err(der_failed)?.as_bytes().to_vec();
            let (x, y) = (point.x().map(|x| x.to_vec()).unwrap_or_default(), point.y().map(|y| y.to_vec()).unwrap_or_default());
            Ok((private, public, x, y))
        }};
    }
    match curve {
        Curve::P256 => ec!(p256),
        Curve::P384 => ec!(p384),
        Curve::P521 => ec!(p521),
    }
}

fn finish(private_der: Option<Vec<u8>>, public_der: Option<Vec<u8>>, private_jwk: Value, description: String) -> Result<GeneratedKey, JoseError> {
    let Value::Object(mut private) = private_jwk else { unreachable!("built as an object") };
    let kid = thumbprint(&private)?;
    private.insert("kid".into(), Value::String(kid.clone()));
    let secret_members = ["d", "p", "q", "dp", "dq", "qi", "priv"];
    // A secret's "public" JWK only names it: `k` is the secret.
    let secret_members = if private.get("kty").and_then(Value::as_str) == Some("oct") { &["k"][..] } else { &secret_members[..] };
    let public: Map<String, Value> =
        private.iter().filter(|(name, _)| !secret_members.contains(&name.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect();
    let jwks = json!({"keys": [Value::Object(public.clone())]});
    Ok(GeneratedKey {
        description,
        private_pem: private_der.map(|der| pem("PRIVATE KEY", &der)),
        public_pem: public_der.map(|der| pem("PUBLIC KEY", &der)),
        private_jwk: Value::Object(private),
        public_jwk: Value::Object(public),
        jwks,
        kid,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The DER inside a PEM text.
    fn pem_der(pem: &str) -> Vec<u8> {
        let body: String = pem.lines().filter(|line| !line.starts_with("-----")).collect();
        base64::Engine::decode(&base64::engine::general_purpose::STANDARD, body).unwrap()
    }

    #[test]
    fn an_rsa_key_exported_as_pkcs8_has_the_forms_and_thumbprint_of_the_original() {
        // What the worker does with WebCrypto's key: the same forms as a key generated here.
        let made = generate("RSA-2048").unwrap();
        let der = pem_der(made.private_pem.as_deref().unwrap());
        let again = rsa_from_pkcs8(&der, 2048).unwrap();
        assert_eq!(again.kid, made.kid);
        assert_eq!(again.private_jwk, made.private_jwk);
        assert_eq!(again.public_pem, made.public_pem);
        assert_eq!(again.description, made.description);
        // Another size than asked, another kind of key, and junk are refused with a reason.
        assert!(rsa_from_pkcs8(&der, 4096).unwrap_err().to_string().contains("2048 bits, not 4096"));
        let ec = generate("EC-P-256").unwrap();
        assert!(rsa_from_pkcs8(&pem_der(ec.private_pem.as_deref().unwrap()), 2048).unwrap_err().to_string().contains("not an RSA key"));
        assert!(rsa_from_pkcs8(b"junk", 2048).is_err());
    }
}
