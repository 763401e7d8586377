//! Reading whatever a user pastes into the key box: a secret (text, base64, hex), a PEM public or
//! private key or certificate, a JWK or a JWKS. What the page itself needs (the encodings, whether
//! the text is a secret) is here; the parsing, which needs the crypto and ASN.1 crates, is in
//! `parse` and runs in the crypto worker.

use serde::{Deserialize, Serialize};

use crate::jose::error::JoseError;

#[cfg(feature = "crypto")]
mod parse;
#[cfg(feature = "crypto")]
pub use parse::*;
#[cfg(feature = "crypto")]
pub mod generate;
#[cfg(feature = "crypto")]
mod private;
#[cfg(feature = "crypto")]
pub use private::*;

/// Keys larger than this are refused before parsing.
pub const MAX_KEY_BYTES: usize = 1024 * 1024;

/// How the key box's text is turned into HMAC secret bytes (PEM and JSON are detected regardless).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SecretEncoding {
    #[default]
    Utf8,
    Base64,
    Hex,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Curve {
    P256,
    P384,
    P521,
}

impl Curve {
    pub fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
        }
    }

    /// Length of one coordinate (and of R and S in a JWS signature).
    pub fn scalar_len(self) -> usize {
        match self {
            Curve::P256 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }

    pub fn from_jwk_name(name: &str) -> Result<Curve, JoseError> {
        match name {
            "P-256" => Ok(Curve::P256),
            "P-384" => Ok(Curve::P384),
            "P-521" => Ok(Curve::P521),
            other => Err(unsupported(&format!("EC curve \"{other}\""))),
        }
    }
}

/// The ML-DSA parameter sets of FIPS 204, as JOSE names them (RFC 9964).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MlDsaSet {
    MlDsa44,
    MlDsa65,
    MlDsa87,
}

impl MlDsaSet {
    pub const ALL: [MlDsaSet; 3] = [MlDsaSet::MlDsa44, MlDsaSet::MlDsa65, MlDsaSet::MlDsa87];

    /// The JWS `alg` and the AKP JWK `alg`.
    pub fn name(self) -> &'static str {
        match self {
            MlDsaSet::MlDsa44 => "ML-DSA-44",
            MlDsaSet::MlDsa65 => "ML-DSA-65",
            MlDsaSet::MlDsa87 => "ML-DSA-87",
        }
    }

    /// The NIST OID of the parameter set (SPKI and PKCS#8 algorithm identifier).
    pub fn oid(self) -> &'static str {
        match self {
            MlDsaSet::MlDsa44 => "2.16.840.1.101.3.4.3.17",
            MlDsaSet::MlDsa65 => "2.16.840.1.101.3.4.3.18",
            MlDsaSet::MlDsa87 => "2.16.840.1.101.3.4.3.19",
        }
    }

    pub fn from_name(name: &str) -> Option<MlDsaSet> {
        MlDsaSet::ALL.into_iter().find(|set| set.name() == name)
    }

    pub fn public_key_len(self) -> usize {
        match self {
            MlDsaSet::MlDsa44 => 1312,
            MlDsaSet::MlDsa65 => 1952,
            MlDsaSet::MlDsa87 => 2592,
        }
    }

    pub fn signature_len(self) -> usize {
        match self {
            MlDsaSet::MlDsa44 => 2420,
            MlDsaSet::MlDsa65 => 3309,
            MlDsaSet::MlDsa87 => 4627,
        }
    }
}

/// Whether the key box text is read as a secret (so the secret encoding applies), rather than as
/// PEM or JSON (JWK/JWKS), which are recognised by how they start.
pub fn is_secret_text(text: &str) -> bool {
    !(text.contains(PEM_BEGIN) || text.trim_start().starts_with('{'))
}

/// PEM may follow explanatory text (RFC 7468 §2), such as the "Bag Attributes" that
/// `openssl pkcs12` prints before each block.
pub(crate) const PEM_BEGIN: &str = "-----BEGIN ";

pub(crate) fn unsupported(what: &str) -> JoseError {
    JoseError::KeyAlgorithmUnsupported { what: what.to_string() }
}
