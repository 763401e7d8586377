//! The one error type of the core: a variant per failure the page must explain to the user.
//! `Display` gives the exact sentence shown in the page.

use std::fmt;

/// A segment of a compact token. JWS has the first three; JWE has five.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Header,
    Payload,
    Signature,
    EncryptedKey,
    InitializationVector,
    Ciphertext,
    AuthenticationTag,
}

impl Part {
    pub const JWS: [Part; 3] = [Part::Header, Part::Payload, Part::Signature];
    pub const JWE: [Part; 5] = [
        Part::Header,
        Part::EncryptedKey,
        Part::InitializationVector,
        Part::Ciphertext,
        Part::AuthenticationTag,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Part::Header => "header",
            Part::Payload => "payload",
            Part::Signature => "signature",
            Part::EncryptedKey => "encrypted key",
            Part::InitializationVector => "initialization vector",
            Part::Ciphertext => "ciphertext",
            Part::AuthenticationTag => "authentication tag",
        }
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JoseError {
    // ---- token structure and decoding ----
    EmptyToken,
    TokenTooLarge { size: usize, limit: usize },
    SegmentCount { found: usize },
    EmptySegment { part: Part },
    Base64Character { part: Part, character: char, offset: usize },
    Base64Length { part: Part, length: usize },
    Base64TrailingBits { part: Part, character: char, offset: usize },
    Utf8 { part: Part, offset: usize },
    Json { part: Part, line: usize, column: usize, message: String },
    NotAnObject { part: Part, found: &'static str },

    // ---- keys ----
    KeyTooLarge { size: usize, limit: usize },
    SecretBase64 { character: char, offset: usize },
    SecretBase64Length { length: usize },
    SecretHex { character: char, offset: usize },
    SecretHexOddLength { length: usize },
    SecretEmpty,
    Pem { message: String },
    PemEncrypted,
    PemLabel { label: String },
    Der { what: &'static str, message: String },
    KeyAlgorithmUnsupported { what: String },
    RsaModulusTooLarge { bits: usize, limit: usize },
    RsaKey { message: String },
    EcPoint { curve: &'static str, message: String },
    MlDsaKey { message: String },
    /// A public key (or certificate) where a private key is needed to sign.
    PublicKeyForSigning { what: String },
    PemPasswordNeeded,
    PemPasswordWrong,
    /// The signing key cannot make this algorithm's signatures.
    SigningKeyMismatch { alg: String, key: String, fits: String },
    SigningFailed { alg: String, message: String },
    /// The browser's random number generator failed.
    Random { message: String },
    KeyJson { line: usize, column: usize, message: String },
    JwkNotObject,
    JwkMember { member: String, message: String },
    JwkKty { kty: String },
    JwksEmpty,
    JwksNoUsableKey { errors: Vec<String> },
    /// An OpenID Connect discovery document (or OAuth server metadata) pasted as the key.
    KeyIsDiscovery { jwks_uri: String },

    // ---- verification ----
    NotVerifiable { reason: &'static str },
    AlgMissing,
    AlgNotString,
    AlgNone { written: String },
    AlgUnsupported { alg: String },
    CritMalformed { message: String },
    CritUnknown { names: Vec<String> },
    KeyAlgMismatch { alg: String, key: String, hint: String },
    AlgorithmConfusion { alg: String, key: String, forged: bool },
    JwkAlgMismatch { jwk_alg: String, token_alg: String },
    JwksNoMatch { kid: Option<String>, kids: Vec<String>, alg: String },
    SignatureLength { alg: String, expected: usize, found: usize, looks_der: bool },
    SignatureValue { alg: String, message: String },
}

pub(crate) fn list(names: &[String]) -> String {
    if names.is_empty() {
        "none".to_string()
    } else {
        names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", ")
    }
}

impl fmt::Display for JoseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use JoseError::*;
        match self {
            EmptyToken => write!(f, "paste a token: the box is empty"),
            TokenTooLarge { size, limit } => write!(
                f,
                "the token is {size} bytes, over the {limit}-byte limit this page decodes"
            ),
            SegmentCount { found } => write!(
                f,
                "expected 3 segments separated by '.' (JWS) or 5 (JWE), found {found}"
            ),
            EmptySegment { part } => write!(f, "{part}: the segment is empty"),
            Base64Character { part, character, offset } => write!(
                f,
                "{part}: invalid base64url character {} at offset {offset}",
                show_char(*character)
            ),
            Base64Length { part, length } => write!(
                f,
                "{part}: {length} base64url characters cannot encode whole bytes (length mod 4 is 1): the segment looks truncated"
            ),
            Base64TrailingBits { part, character, offset } => write!(
                f,
                "{part}: last base64url character {} at offset {offset} has non-zero unused bits (not a canonical encoding)",
                show_char(*character)
            ),
            Utf8 { part, offset } => write!(f, "{part}: not valid UTF-8 at byte {offset}"),
            Json { part, line, column, message } => {
                write!(f, "{part}: JSON error at line {line} column {column}: {message}")
            }
            NotAnObject { part, found } => {
                write!(f, "{part}: must be a JSON object, found {found}")
            }

            NotVerifiable { reason } => write!(f, "{reason}"),
            AlgMissing => write!(f, "header has no \"alg\": the algorithm is unknown"),
            AlgNotString => write!(f, "header \"alg\" must be a string"),
            AlgNone { written } => write!(
                f,
                "alg is \"{written}\": the token is unsigned, so there is nothing to verify; never accept such a token"
            ),
            AlgUnsupported { alg } => write!(
                f,
                "alg \"{alg}\" is not a JWS algorithm this page verifies (HS256/384/512, RS256/384/512, PS256/384/512, ES256/384/512, EdDSA)"
            ),
            CritMalformed { message } => write!(f, "header \"crit\" {message} (RFC 7515 §4.1.11)"),
            CritUnknown { names } => write!(
                f,
                "header \"crit\" lists {} which this verifier does not understand; RFC 7515 §4.1.11 requires rejecting the token",
                list(names)
            ),
            // Key and signature errors are made in the crypto worker, which sends their text; the
            // page's wasm (built without `crypto`) does not carry their messages.
            #[cfg(feature = "crypto")]
            other => other.key_message(f),
            #[cfg(not(feature = "crypto"))]
            _ => write!(f, "key error (explained by the crypto worker)"),
        }
    }
}

#[cfg(feature = "crypto")]
impl JoseError {
    /// The messages of the errors about keys and signatures.
    fn key_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use JoseError::*;
        match self {
                KeyTooLarge { size, limit } => {
                    write!(f, "the key is {size} bytes, over the {limit}-byte limit")
                }
                SecretBase64 { character, offset } => write!(
                    f,
                    "secret: invalid base64 character {} at offset {offset} (untick \"secret is base64\" if the secret is plain text)",
                    show_char(*character)
                ),
                SecretBase64Length { length } => write!(
                    f,
                    "secret: {length} base64 characters cannot encode whole bytes: the secret looks truncated"
                ),
                SecretHex { character, offset } => write!(
                    f,
                    "secret: invalid hex character {} at offset {offset}",
                    show_char(*character)
                ),
                SecretHexOddLength { length } => {
                    write!(f, "secret: hex needs an even number of digits, found {length}")
                }
                SecretEmpty => write!(f, "secret: decodes to zero bytes"),
                Pem { message } => write!(f, "PEM: {message}"),
                PemEncrypted => write!(
                    f,
                    "PEM: encrypted private keys are not supported; decrypt it first (openssl pkey -in key.pem) or paste the public key"
                ),
                PemLabel { label } => write!(
                    f,
                    "PEM: unsupported block \"{label}\"; paste a PUBLIC KEY, RSA PUBLIC KEY, CERTIFICATE, PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY"
                ),
                Der { what, message } => write!(f, "{what}: malformed DER: {message}"),
                KeyAlgorithmUnsupported { what } => write!(f, "unsupported key: {what}"),
                RsaModulusTooLarge { bits, limit } => write!(
                    f,
                    "RSA modulus is {bits} bits, over the {limit}-bit limit this page accepts"
                ),
                RsaKey { message } => write!(f, "RSA key: {message}"),
                EcPoint { curve, message } => write!(f, "EC {curve} key: {message}"),
                MlDsaKey { message } => write!(f, "ML-DSA key: {message}"),
                PublicKeyForSigning { what } => write!(f, "this is {what}: signing needs the private key"),
                PemPasswordNeeded => write!(f, "the private key is encrypted: type its password in the password field"),
                PemPasswordWrong => write!(f, "the private key could not be decrypted: wrong password (or an encryption scheme this page does not read)"),
                SigningKeyMismatch { alg, key, fits } => write!(f, "{key} cannot sign {alg}: it signs {fits}"),
                SigningFailed { alg, message } => write!(f, "{alg} signing failed: {message}"),
                Random { message } => write!(f, "no randomness from the browser: {message}"),
                KeyJson { line, column, message } => {
                    write!(f, "JWK: JSON error at line {line} column {column}: {message}")
                }
                JwkNotObject => write!(f, "JWK: must be a JSON object"),
                JwkMember { member, message } => write!(f, "JWK: \"{member}\" {message}"),
                JwkKty { kty } => write!(
                    f,
                    "JWK: unsupported kty \"{kty}\" (expected RSA, EC, OKP or oct)"
                ),
                JwksEmpty => write!(f, "JWKS: \"keys\" is empty"),
                KeyIsDiscovery { jwks_uri } if jwks_uri.is_empty() => write!(
                    f,
                    "this is an OpenID discovery document, not a key: open the provider's jwks_uri and paste what it returns (this page fetches nothing)"
                ),
                KeyIsDiscovery { jwks_uri } => write!(
                    f,
                    "this is an OpenID discovery document, not a key: open its jwks_uri {jwks_uri} in a new tab and paste what it returns here (this page fetches nothing)"
                ),
                JwksNoUsableKey { errors } => {
                    write!(f, "JWKS: no key in the set could be read: {}", errors.join("; "))
                }

                KeyAlgMismatch { alg, key, hint } => {
                    write!(f, "key is {key} but the token says {alg}")?;
                    if !hint.is_empty() {
                        write!(f, ": {hint}")?;
                    }
                    Ok(())
                }
                AlgorithmConfusion { alg, key, forged } => {
                    write!(
                        f,
                        "the token says {alg} (HMAC) but the key is {key}: this is the shape of the algorithm-confusion attack, where the public key is used as an HMAC secret; a verifier must pin the algorithm to the key type"
                    )?;
                    if *forged {
                        write!(f, ". The signature DOES match the pasted key text used as an HMAC secret: this token is forged")?;
                    }
                    Ok(())
                }
                JwkAlgMismatch { jwk_alg, token_alg } => write!(
                    f,
                    "the JWK is restricted to alg \"{jwk_alg}\" but the token says \"{token_alg}\""
                ),
                JwksNoMatch { kid: Some(kid), kids, .. } => write!(
                    f,
                    "no key in the JWKS has kid \"{kid}\"; kids present: {}",
                    list(kids)
                ),
                JwksNoMatch { kid: None, kids, alg } => write!(
                    f,
                    "the token has no kid and no key in the JWKS fits {alg}; kids present: {}",
                    list(kids)
                ),
                SignatureLength { alg, expected, found, looks_der } => {
                    write!(f, "{alg} signature must be {expected} bytes")?;
                    if alg.starts_with("ES") {
                        write!(f, " (R||S)")?;
                    }
                    write!(f, ", got {found}")?;
                    if *looks_der {
                        write!(f, " — this looks DER-encoded; JWS uses the raw R||S form (RFC 7518 §3.4)")?;
                    }
                    Ok(())
                }
                SignatureValue { alg, message } => write!(f, "{alg} signature: {message}"),
            // Every other variant has its message in Display.
            other => write!(f, "{other:?}"),
        }
    }
}

/// Shows a character so that invisible or control characters are still visible in a message.
pub fn show_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() || !c.is_ascii() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("'{c}'")
    }
}

impl std::error::Error for JoseError {}
