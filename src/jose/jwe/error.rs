//! Why a JWE does not decrypt (or cannot be made): one variant per reason the page states.

use std::fmt;

use crate::jose::error::list;
use crate::jose::JoseError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JweError {
    /// The token or the key box does not read (structure, base64, JSON, PEM, JWK...).
    Token(JoseError),
    Key(JoseError),
    NotJwe { segments: usize },
    HeaderMember { member: &'static str, message: String },
    AlgUnknown { alg: String },
    EncUnknown { enc: String },
    CritUnknown { names: Vec<String> },
    /// A public key (or certificate) where the private key is needed.
    PublicKey { what: String },
    /// The key's type does not fit the algorithm.
    KeyType { alg: &'static str, key: String, needs: String },
    KeyLength { alg: &'static str, expected: usize, found: usize },
    /// No key of a JWKS fits.
    JwksNoMatch { kid: Option<String>, kids: Vec<String> },
    SegmentLength { what: &'static str, expected: usize, found: usize },
    EncryptedKeyNotEmpty { alg: &'static str },
    /// AES key unwrap's integrity check failed.
    UnwrapFailed { alg: &'static str },
    PasswordWrong,
    RsaDecrypt,
    EpkMissing,
    EpkCurve { epk: String, key: String },
    EpkNotOnCurve { curve: &'static str },
    /// The content's authentication tag does not match.
    TagMismatch { key_agreement: bool },
    P2cTooHigh { count: u64, limit: u64 },
    P2sTooShort { length: usize },
    InflateTooLarge { limit: usize },
    Inflate { message: String },
    ZipUnknown { zip: String },
    Random { message: String },
}

impl From<JoseError> for JweError {
    fn from(error: JoseError) -> JweError {
        JweError::Key(error)
    }
}


impl fmt::Display for JweError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use JweError::*;
        match self {
            Token(error) | Key(error) => write!(f, "{error}"),
            NotJwe { segments } => write!(f, "a compact JWE has 5 segments; this token has {segments}"),
            HeaderMember { member, message } => write!(f, "header \"{member}\" {message}"),
            AlgUnknown { alg } => write!(
                f,
                "alg \"{alg}\" is not a JWE key management algorithm (dir, A128KW…, A128GCMKW…, RSA-OAEP, RSA-OAEP-256, RSA1_5, ECDH-ES[+A128KW…], PBES2-HS256+A128KW…)"
            ),
            EncUnknown { enc } => write!(
                f,
                "enc \"{enc}\" is not a JWE content encryption algorithm (A128GCM, A192GCM, A256GCM, A128CBC-HS256, A192CBC-HS384, A256CBC-HS512)"
            ),
            CritUnknown { names } => write!(
                f,
                "header \"crit\" lists {} which this page does not understand; RFC 7516 §4.1.13 requires rejecting the token",
                list(names)
            ),
            PublicKey { what } => write!(f, "this is {what}: decrypting needs the recipient's private key"),
            KeyType { alg, key, needs } => write!(f, "the key is {key} but alg {alg} needs {needs}"),
            KeyLength { alg, expected, found } => {
                write!(f, "{alg} needs a key of exactly {expected} bytes; this one has {found}")
            }
            JwksNoMatch { kid: Some(kid), kids: present } => {
                write!(f, "no private key in the JWKS has kid \"{kid}\"; kids present: {}", list(present))
            }
            JwksNoMatch { kid: None, kids: present } => write!(
                f,
                "the token has no kid and no key in the JWKS fits its alg; kids present: {}",
                list(present)
            ),
            SegmentLength { what, expected, found } => write!(f, "{what} must be {expected} bytes, found {found}"),
            EncryptedKeyNotEmpty { alg } => write!(f, "with alg {alg} the encrypted key segment must be empty"),
            UnwrapFailed { alg } => write!(
                f,
                "{alg} key unwrap failed its integrity check: wrong key, or the encrypted key was altered"
            ),
            PasswordWrong => write!(f, "wrong password: the key derived from it does not unwrap the content key"),
            RsaDecrypt => write!(f, "RSA decryption of the content key failed: wrong private key, or the encrypted key was altered"),
            EpkMissing => write!(f, "header has no \"epk\": ECDH-ES needs the sender's ephemeral public key"),
            EpkCurve { epk, key } => write!(
                f,
                "the token's ephemeral key (epk) is {epk} but the key is {key}: this token was encrypted to another key"
            ),
            EpkNotOnCurve { curve } => write!(
                f,
                "the ephemeral key (epk) is not a point on {curve}: refused without decrypting (the invalid-curve attack)"
            ),
            TagMismatch { key_agreement: false } => {
                write!(f, "authentication tag does not match: wrong key, or the token was altered")
            }
            TagMismatch { key_agreement: true } => write!(
                f,
                "authentication tag does not match: this private key is not the one the token was encrypted to, or the token was altered"
            ),
            P2cTooHigh { count, limit } => write!(
                f,
                "PBES2 iteration count p2c {count} is over this page's limit of {limit}: refused, as a token could keep the page busy for hours"
            ),
            P2sTooShort { length } => write!(f, "PBES2 salt p2s is {length} bytes; RFC 7518 §4.8.1.1 requires at least 8"),
            InflateTooLarge { limit } => write!(
                f,
                "the plaintext inflates (zip \"DEF\") to more than {} MB: stopped there (a zip bomb?)",
                limit >> 20
            ),
            Inflate { message } => write!(f, "zip \"DEF\": the plaintext is not valid deflate data ({message})"),
            ZipUnknown { zip } => write!(f, "zip \"{zip}\" is not a compression this page knows (only \"DEF\")"),
            Random { message } => write!(f, "no randomness from the browser: {message}"),
        }
    }
}
