//! Key management (`alg`, RFC 7518 §4, RFC 8037): how the content encryption key (CEK) reaches the
//! recipient. `unwrap` is the recipient's side (decrypting), `wrap` the sender's (encrypting).

use aes::{Aes128, Aes192, Aes256};
use aes_kw::AesKw;
use cbc::cipher::{BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};
use curve25519_dalek::MontgomeryPoint;
use rsa::{Oaep, Pkcs1v15Encrypt};
use serde_json::{json, Map, Value};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};

use super::alg::{ContentEncryption, KeyManagement, MAX_PBES2_COUNT};
use super::content;
use super::error::JweError;
use crate::jose::b64;
use crate::jose::keys::{Curve, KeyMaterial, PrivateMaterial};

fn rng() -> getrandom::rand_core::UnwrapErr<getrandom::SysRng> {
    getrandom::rand_core::UnwrapErr(getrandom::SysRng)
}

/// `len` random bytes from the browser's (or the OS's) CSPRNG.
pub fn random_bytes(len: usize) -> Result<Vec<u8>, JweError> {
    let mut bytes = vec![0; len];
    getrandom::fill(&mut bytes).map_err(|error| JweError::Random { message: error.to_string() })?;
    Ok(bytes)
}

/// A base64url header member, decoded (`None` when absent).
fn header_bytes(header: &Map<String, Value>, member: &'static str) -> Result<Option<Vec<u8>>, JweError> {
    match header.get(member) {
        None => Ok(None),
        Some(Value::String(text)) => b64::decode_lenient(text)
            .map(|(bytes, _)| Some(bytes))
            .map_err(|_| JweError::HeaderMember { member, message: "is not valid base64url".into() }),
        Some(_) => Err(JweError::HeaderMember { member, message: "must be a base64url string".into() }),
    }
}

fn required_bytes(header: &Map<String, Value>, member: &'static str, len: usize) -> Result<Vec<u8>, JweError> {
    let bytes = header_bytes(header, member)?.ok_or(JweError::HeaderMember { member, message: "is missing".into() })?;
    if bytes.len() != len {
        return Err(JweError::SegmentLength { what: member, expected: len, found: bytes.len() });
    }
    Ok(bytes)
}

fn needs(alg: KeyManagement, enc: ContentEncryption) -> String {
    match alg {
        KeyManagement::Dir => format!("a shared secret of {} bytes (text, base64, hex or an oct JWK)", enc.key_len()),
        KeyManagement::AesKw(len) | KeyManagement::AesGcmKw(len) => {
            format!("a shared secret of {len} bytes (text, base64, hex or an oct JWK)")
        }
        KeyManagement::RsaOaep | KeyManagement::RsaOaep256 | KeyManagement::Rsa1_5 => "an RSA key".into(),
        KeyManagement::EcdhEs | KeyManagement::EcdhEsKw(_) => "an EC P-256, P-384, P-521 or X25519 key".into(),
        KeyManagement::Pbes2(_) => "a password".into(),
    }
}

fn mismatch(alg: KeyManagement, enc: ContentEncryption, key: String) -> JweError {
    JweError::KeyType { alg: alg.name(), key, needs: needs(alg, enc) }
}

fn kek_len(secret: &[u8], alg: KeyManagement, len: usize) -> Result<(), JweError> {
    if secret.len() == len {
        Ok(())
    } else {
        Err(JweError::KeyLength { alg: alg.name(), expected: len, found: secret.len() })
    }
}

// ---- the recipient's side ----

/// The CEK of a token, from its header, its encrypted key segment and the recipient's key (for
/// PBES2, `Secret` holds the password).
pub fn unwrap(
    alg: KeyManagement,
    enc: ContentEncryption,
    header: &Map<String, Value>,
    encrypted_key: &[u8],
    key: &PrivateMaterial,
) -> Result<Vec<u8>, JweError> {
    match (alg, key) {
        (KeyManagement::Dir, PrivateMaterial::Secret(secret)) => {
            if !encrypted_key.is_empty() {
                return Err(JweError::EncryptedKeyNotEmpty { alg: alg.name() });
            }
            if secret.len() != enc.key_len() {
                return Err(JweError::KeyLength { alg: enc.name(), expected: enc.key_len(), found: secret.len() });
            }
            Ok(secret.clone())
        }
        (KeyManagement::AesKw(len), PrivateMaterial::Secret(secret)) => {
            kek_len(secret, alg, len)?;
            aes_unwrap(secret, encrypted_key).ok_or(JweError::UnwrapFailed { alg: alg.name() })
        }
        (KeyManagement::AesGcmKw(len), PrivateMaterial::Secret(secret)) => {
            kek_len(secret, alg, len)?;
            let iv = required_bytes(header, "iv", 12)?;
            let tag = required_bytes(header, "tag", 16)?;
            content::decrypt(ContentEncryption::Gcm(len), secret, &iv, &[], encrypted_key, &tag)
                .map_err(|_| JweError::UnwrapFailed { alg: alg.name() })
        }
        (KeyManagement::RsaOaep | KeyManagement::RsaOaep256, PrivateMaterial::Rsa(private)) => {
            let decrypted = match alg {
                KeyManagement::RsaOaep => private.decrypt_blinded(&mut rng(), Oaep::<Sha1>::new(), encrypted_key),
                _ => private.decrypt_blinded(&mut rng(), Oaep::<Sha256>::new(), encrypted_key),
            };
            decrypted.map_err(|_| JweError::RsaDecrypt)
        }
        (KeyManagement::Rsa1_5, PrivateMaterial::Rsa(private)) => {
            // RFC 7516 §11.5: a padding failure must look like any other, so a random CEK goes on
            // to fail the tag check (Bleichenbacher's oracle gets no extra answer).
            let random = random_bytes(enc.key_len())?;
            match private.decrypt_blinded(&mut rng(), Pkcs1v15Encrypt, encrypted_key) {
                Ok(cek) if cek.len() == enc.key_len() => Ok(cek),
                _ => Ok(random),
            }
        }
        (KeyManagement::EcdhEs | KeyManagement::EcdhEsKw(_), PrivateMaterial::Ec { .. } | PrivateMaterial::X25519(_)) => {
            let epk = match header.get("epk") {
                Some(Value::Object(epk)) => epk,
                Some(_) => return Err(JweError::HeaderMember { member: "epk", message: "must be a JWK object".into() }),
                None => return Err(JweError::EpkMissing),
            };
            let shared = agree(epk, key)?;
            let derived = derive(alg, enc, header, &shared)?;
            match alg {
                KeyManagement::EcdhEsKw(_) => aes_unwrap(&derived, encrypted_key).ok_or(JweError::TagMismatch { key_agreement: true }),
                _ if !encrypted_key.is_empty() => Err(JweError::EncryptedKeyNotEmpty { alg: alg.name() }),
                _ => Ok(derived),
            }
        }
        (KeyManagement::Pbes2(len), PrivateMaterial::Secret(password)) => {
            let kek = pbes2_key(alg, len, header, password)?;
            aes_unwrap(&kek, encrypted_key).ok_or(JweError::PasswordWrong)
        }
        (_, other) => Err(mismatch(alg, enc, other.kind())),
    }
}

fn aes_unwrap(kek: &[u8], wrapped: &[u8]) -> Option<Vec<u8>> {
    fn with<C: BlockCipherEncrypt<BlockSize = aes::cipher::consts::U16> + BlockCipherDecrypt<BlockSize = aes::cipher::consts::U16> + KeyInit>(kek: &[u8], wrapped: &[u8]) -> Option<Vec<u8>>
    where
        AesKw<C>: KeyInit,
    {
        let mut buffer = vec![0; wrapped.len().checked_sub(8)?];
        let kw = <AesKw<C> as KeyInit>::new_from_slice(kek).ok()?;
        kw.unwrap_key(wrapped, &mut buffer).ok().map(<[u8]>::to_vec)
    }
    match kek.len() {
        16 => with::<Aes128>(kek, wrapped),
        24 => with::<Aes192>(kek, wrapped),
        32 => with::<Aes256>(kek, wrapped),
        _ => None,
    }
}

fn aes_wrap(kek: &[u8], cek: &[u8]) -> Vec<u8> {
    fn with<C: BlockCipherEncrypt<BlockSize = aes::cipher::consts::U16> + BlockCipherDecrypt<BlockSize = aes::cipher::consts::U16> + KeyInit>(kek: &[u8], cek: &[u8]) -> Option<Vec<u8>>
    where
        AesKw<C>: KeyInit,
    {
        let mut buffer = vec![0; cek.len() + 8];
        let kw = <AesKw<C> as KeyInit>::new_from_slice(kek).ok()?;
        kw.wrap_key(cek, &mut buffer).ok().map(<[u8]>::to_vec)
    }
    match kek.len() {
        16 => with::<Aes128>(kek, cek),
        24 => with::<Aes192>(kek, cek),
        _ => with::<Aes256>(kek, cek),
    }
    .unwrap_or_default()
}

/// The ECDH shared secret Z of the token's `epk` and the recipient's private key; an `epk` that is
/// not on its curve is refused before any arithmetic (the invalid-curve attack).
fn agree(epk: &Map<String, Value>, key: &PrivateMaterial) -> Result<Vec<u8>, JweError> {
    let member = |name: &'static str| -> Result<Vec<u8>, JweError> {
        header_bytes(epk, name)?.ok_or(JweError::HeaderMember { member: "epk", message: format!("has no \"{name}\"") })
    };
    let epk_curve = epk.get("crv").and_then(Value::as_str).unwrap_or("?");
    let epk_kty = epk.get("kty").and_then(Value::as_str).unwrap_or("?");
    match key {
        PrivateMaterial::Ec { curve, scalar } => {
            if epk_kty != "EC" || epk_curve != curve.name() {
                return Err(JweError::EpkCurve { epk: format!("{epk_kty} {epk_curve}"), key: format!("EC {}", curve.name()) });
            }
            let (x, y) = (member("x")?, member("y")?);
            let size = curve.scalar_len();
            if x.len() != size || y.len() != size {
                return Err(JweError::EpkNotOnCurve { curve: curve.name() });
            }
            let sec1 = [&[4u8][..], &x, &y].concat();
            let not_on_curve = || JweError::EpkNotOnCurve { curve: curve.name() };
            macro_rules! dh {
                ($curve:ident) => {{
                    let public = $curve::PublicKey::from_sec1_bytes(&sec1).map_err(|_| not_on_curve())?;
                    let secret = $curve::SecretKey::from_slice(scalar).map_err(|_| not_on_curve())?;
                    secret.diffie_hellman(&public).raw_secret_bytes().to_vec()
                }};
            }
            Ok(match curve {
                Curve::P256 => dh!(p256),
                Curve::P384 => dh!(p384),
                Curve::P521 => dh!(p521),
            })
        }
        PrivateMaterial::X25519(secret) => {
            if epk_kty != "OKP" || epk_curve != "X25519" {
                return Err(JweError::EpkCurve { epk: format!("{epk_kty} {epk_curve}"), key: "X25519".into() });
            }
            let public: [u8; 32] = member("x")?.try_into().map_err(|_| JweError::EpkNotOnCurve { curve: "X25519" })?;
            let shared = MontgomeryPoint(public).mul_clamped(*secret).to_bytes();
            // A low-order point gives the all-zero secret (RFC 7748 §6.1): refused.
            if shared.iter().all(|&byte| byte == 0) {
                return Err(JweError::EpkNotOnCurve { curve: "X25519" });
            }
            Ok(shared.to_vec())
        }
        _ => Err(JweError::EpkCurve { epk: format!("{epk_kty} {epk_curve}"), key: key.kind() }),
    }
}

/// RFC 7518 §4.6.2: the Concat KDF (NIST SP 800-56A) with SHA-256 over Z and the header's
/// `apu`/`apv`; the algorithm ID is `enc` for direct agreement, `alg` with key wrapping.
fn derive(alg: KeyManagement, enc: ContentEncryption, header: &Map<String, Value>, shared: &[u8]) -> Result<Vec<u8>, JweError> {
    let (algorithm_id, key_len) = match alg {
        KeyManagement::EcdhEsKw(len) => (alg.name(), len),
        _ => (enc.name(), enc.key_len()),
    };
    let apu = header_bytes(header, "apu")?.unwrap_or_default();
    let apv = header_bytes(header, "apv")?.unwrap_or_default();
    let mut other_info = Vec::new();
    for part in [algorithm_id.as_bytes(), &apu, &apv] {
        other_info.extend((part.len() as u32).to_be_bytes());
        other_info.extend_from_slice(part);
    }
    other_info.extend(((key_len * 8) as u32).to_be_bytes());
    let mut derived = Vec::with_capacity(key_len + 32);
    let mut counter = 1u32;
    while derived.len() < key_len {
        derived.extend(Sha256::new().chain_update(counter.to_be_bytes()).chain_update(shared).chain_update(&other_info).finalize());
        counter += 1;
    }
    derived.truncate(key_len);
    Ok(derived)
}

/// The key PBES2 derives from the password (RFC 7518 §4.8): PBKDF2 over `alg ‖ 0 ‖ p2s`.
fn pbes2_key(alg: KeyManagement, len: usize, header: &Map<String, Value>, password: &[u8]) -> Result<Vec<u8>, JweError> {
    let count = match header.get("p2c") {
        Some(value) => value.as_u64().filter(|&count| count > 0).ok_or(JweError::HeaderMember {
            member: "p2c",
            message: "must be a positive integer".into(),
        })?,
        None => return Err(JweError::HeaderMember { member: "p2c", message: "is missing".into() }),
    };
    if count > MAX_PBES2_COUNT {
        return Err(JweError::P2cTooHigh { count, limit: MAX_PBES2_COUNT });
    }
    let p2s = header_bytes(header, "p2s")?.ok_or(JweError::HeaderMember { member: "p2s", message: "is missing".into() })?;
    if p2s.len() < 8 {
        return Err(JweError::P2sTooShort { length: p2s.len() });
    }
    let salt = [alg.name().as_bytes(), &[0], &p2s].concat();
    let mut kek = vec![0; len];
    let rounds = count as u32;
    match len {
        16 => pbkdf2::pbkdf2_hmac::<Sha256>(password, &salt, rounds, &mut kek),
        24 => pbkdf2::pbkdf2_hmac::<Sha384>(password, &salt, rounds, &mut kek),
        _ => pbkdf2::pbkdf2_hmac::<Sha512>(password, &salt, rounds, &mut kek),
    }
    Ok(kek)
}

// ---- the sender's side ----

/// A fresh CEK and its encrypted key segment for the recipient's key; the header gets what the
/// recipient needs (`epk`, `iv`/`tag`, `p2s`/`p2c`). For PBES2, `Secret` holds the password.
pub fn wrap(
    alg: KeyManagement,
    enc: ContentEncryption,
    header: &mut Map<String, Value>,
    key: &KeyMaterial,
) -> Result<(Vec<u8>, Vec<u8>), JweError> {
    let fresh_cek = || random_bytes(enc.key_len());
    match (alg, key) {
        (KeyManagement::Dir, KeyMaterial::Secret(secret)) => {
            if secret.len() != enc.key_len() {
                return Err(JweError::KeyLength { alg: enc.name(), expected: enc.key_len(), found: secret.len() });
            }
            Ok((secret.clone(), Vec::new()))
        }
        (KeyManagement::AesKw(len), KeyMaterial::Secret(secret)) => {
            kek_len(secret, alg, len)?;
            let cek = fresh_cek()?;
            let wrapped = aes_wrap(secret, &cek);
            Ok((cek, wrapped))
        }
        (KeyManagement::AesGcmKw(len), KeyMaterial::Secret(secret)) => {
            kek_len(secret, alg, len)?;
            let cek = fresh_cek()?;
            let iv = random_bytes(12)?;
            let (wrapped, tag) = content::encrypt(ContentEncryption::Gcm(len), secret, &iv, &[], &cek);
            header.insert("iv".into(), b64::encode(&iv).into());
            header.insert("tag".into(), b64::encode(&tag).into());
            Ok((cek, wrapped))
        }
        (KeyManagement::RsaOaep | KeyManagement::RsaOaep256 | KeyManagement::Rsa1_5, KeyMaterial::Rsa(public)) => {
            let cek = fresh_cek()?;
            let wrapped = match alg {
                KeyManagement::RsaOaep => public.encrypt(&mut rng(), Oaep::<Sha1>::new(), &cek),
                KeyManagement::RsaOaep256 => public.encrypt(&mut rng(), Oaep::<Sha256>::new(), &cek),
                _ => public.encrypt(&mut rng(), Pkcs1v15Encrypt, &cek),
            };
            let wrapped = wrapped.map_err(|error| JweError::Key(crate::jose::JoseError::RsaKey { message: error.to_string() }))?;
            Ok((cek, wrapped))
        }
        (KeyManagement::EcdhEs | KeyManagement::EcdhEsKw(_), KeyMaterial::Ec { .. } | KeyMaterial::X25519(_)) => {
            let (ephemeral, epk, recipient) = ephemeral_for(key)?;
            header.insert("epk".into(), epk);
            let shared = agree(&recipient, &ephemeral)?;
            let derived = derive(alg, enc, header, &shared)?;
            match alg {
                KeyManagement::EcdhEsKw(_) => {
                    let cek = fresh_cek()?;
                    let wrapped = aes_wrap(&derived, &cek);
                    Ok((cek, wrapped))
                }
                _ => Ok((derived, Vec::new())),
            }
        }
        (KeyManagement::Pbes2(len), KeyMaterial::Secret(password)) => {
            if !header.contains_key("p2s") {
                header.insert("p2s".into(), b64::encode(&random_bytes(16)?).into());
            }
            header.entry("p2c").or_insert(json!(DEFAULT_PBES2_COUNT));
            let kek = pbes2_key(alg, len, header, password)?;
            let cek = fresh_cek()?;
            let wrapped = aes_wrap(&kek, &cek);
            Ok((cek, wrapped))
        }
        (_, other) => Err(mismatch(alg, enc, other.kind())),
    }
}

/// The iteration count a new PBES2 token gets unless its header says otherwise (OWASP's 2023 advice
/// for PBKDF2-HMAC-SHA256 is 600,000; this keeps re-encrypting on every keystroke responsive).
pub const DEFAULT_PBES2_COUNT: u64 = 100_000;

/// A fresh ephemeral key on the recipient's curve, as the private material that agrees with the
/// recipient (`agree` with the recipient's public key in the role of `epk`) and the public `epk`.
fn ephemeral_for(recipient: &KeyMaterial) -> Result<(PrivateMaterial, Value, Map<String, Value>), JweError> {
    match recipient {
        KeyMaterial::Ec { curve, point } => {
            let size = curve.scalar_len();
            let scalar = loop {
                let bytes = random_bytes(size)?;
                let valid = match curve {
                    Curve::P256 => p256::SecretKey::from_slice(&bytes).is_ok(),
                    Curve::P384 => p384::SecretKey::from_slice(&bytes).is_ok(),
                    Curve::P521 => p521::SecretKey::from_slice(&bytes).is_ok(),
                };
                if valid {
                    break bytes;
                }
            };
            let ephemeral = PrivateMaterial::Ec { curve: *curve, scalar: scalar.clone() };
            // `agree` takes the other side's key as an `epk` JWK: the recipient's.
            let recipient_jwk = json!({"kty": "EC", "crv": curve.name(), "x": b64::encode(&point[1..1 + size]), "y": b64::encode(&point[1 + size..])});
            let public = ec_public_point(*curve, &scalar)?;
            let epk = json!({"kty": "EC", "crv": curve.name(), "x": b64::encode(&public[1..1 + size]), "y": b64::encode(&public[1 + size..])});
            Ok((ephemeral, epk, jwk_object(recipient_jwk)))
        }
        KeyMaterial::X25519(public) => {
            let secret: [u8; 32] = random_bytes(32)?.try_into().unwrap_or([1; 32]);
            let ephemeral_public = MontgomeryPoint::mul_base_clamped(secret).to_bytes();
            let epk = json!({"kty": "OKP", "crv": "X25519", "x": b64::encode(&ephemeral_public)});
            let recipient_jwk = json!({"kty": "OKP", "crv": "X25519", "x": b64::encode(public)});
            Ok((PrivateMaterial::X25519(secret), epk, jwk_object(recipient_jwk)))
        }
        other => Err(JweError::KeyType { alg: "ECDH-ES", key: other.kind(), needs: "an EC or X25519 public key".into() }),
    }
}

fn jwk_object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(object) => object,
        _ => Map::new(),
    }
}

fn ec_public_point(curve: Curve, scalar: &[u8]) -> Result<Vec<u8>, JweError> {
    use p256::elliptic_curve::sec1::ToSec1Point;
    let invalid = |_| JweError::Random { message: "the ephemeral key is out of range".into() };
    Ok(match curve {
        Curve::P256 => p256::SecretKey::from_slice(scalar).map_err(invalid)?.public_key().to_sec1_point(false).as_bytes().to_vec(),
        Curve::P384 => p384::SecretKey::from_slice(scalar).map_err(invalid)?.public_key().to_sec1_point(false).as_bytes().to_vec(),
        Curve::P521 => p521::SecretKey::from_slice(scalar).map_err(invalid)?.public_key().to_sec1_point(false).as_bytes().to_vec(),
    })
}
