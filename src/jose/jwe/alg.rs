//! The JWE algorithm names of RFC 7518 §4.1 and §5.1 (and RFC 8037's X25519 for ECDH-ES), with the
//! sizes each implies.

/// PBES2 iteration counts above this are refused: at about a million per second in the worker,
/// a token could otherwise keep it busy for hours (RFC 7518 §4.8.1.2 sets no upper bound).
pub const MAX_PBES2_COUNT: u64 = 1_000_000;

/// `zip: "DEF"` output is cut off here: a few kB of deflate can inflate to gigabytes.
pub const MAX_INFLATED_BYTES: usize = 16 << 20;

/// How the content encryption key (CEK) is determined (`alg`). Sizes are key lengths in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyManagement {
    /// The shared key is the CEK.
    Dir,
    AesKw(usize),
    AesGcmKw(usize),
    RsaOaep,
    RsaOaep256,
    Rsa1_5,
    /// Key agreement; the agreed key is the CEK.
    EcdhEs,
    /// Key agreement, then AES-KW of the CEK with the agreed key.
    EcdhEsKw(usize),
    /// A password, PBKDF2 with HMAC-SHA-(8 × key size × 2) then AES-KW.
    Pbes2(usize),
}

impl KeyManagement {
    pub const NAMES: [&'static str; 17] = [
        "dir", "A128KW", "A192KW", "A256KW", "A128GCMKW", "A192GCMKW", "A256GCMKW", "RSA-OAEP", "RSA-OAEP-256", "RSA1_5",
        "ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW", "PBES2-HS256+A128KW", "PBES2-HS384+A192KW",
        "PBES2-HS512+A256KW",
    ];

    pub fn from_name(name: &str) -> Option<KeyManagement> {
        let size = |bits: &str| match bits {
            "128" => Some(16),
            "192" => Some(24),
            "256" => Some(32),
            _ => None,
        };
        Some(match name {
            "dir" => KeyManagement::Dir,
            "RSA-OAEP" => KeyManagement::RsaOaep,
            "RSA-OAEP-256" => KeyManagement::RsaOaep256,
            "RSA1_5" => KeyManagement::Rsa1_5,
            "ECDH-ES" => KeyManagement::EcdhEs,
            "PBES2-HS256+A128KW" => KeyManagement::Pbes2(16),
            "PBES2-HS384+A192KW" => KeyManagement::Pbes2(24),
            "PBES2-HS512+A256KW" => KeyManagement::Pbes2(32),
            _ => {
                if let Some(rest) = name.strip_prefix("ECDH-ES+A").and_then(|rest| rest.strip_suffix("KW")) {
                    KeyManagement::EcdhEsKw(size(rest)?)
                } else if let Some(bits) = name.strip_prefix('A').and_then(|rest| rest.strip_suffix("GCMKW")) {
                    KeyManagement::AesGcmKw(size(bits)?)
                } else {
                    KeyManagement::AesKw(size(name.strip_prefix('A')?.strip_suffix("KW")?)?)
                }
            }
        })
    }

    pub fn name(self) -> &'static str {
        Self::NAMES.into_iter().find(|name| Self::from_name(name) == Some(self)).unwrap_or("?")
    }

    /// Whether the key box holds a shared secret (or a password) for this algorithm.
    pub fn is_symmetric(self) -> bool {
        matches!(self, KeyManagement::Dir | KeyManagement::AesKw(_) | KeyManagement::AesGcmKw(_) | KeyManagement::Pbes2(_))
    }
}

/// How the content is encrypted (`enc`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentEncryption {
    /// AES-GCM with a key of this many bytes.
    Gcm(usize),
    /// AES-CBC with HMAC-SHA-2 (RFC 7518 §5.2), the CEK of this many bytes holding both keys.
    CbcHmac(usize),
}

impl ContentEncryption {
    pub const NAMES: [&'static str; 6] = ["A128GCM", "A192GCM", "A256GCM", "A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512"];

    pub fn from_name(name: &str) -> Option<ContentEncryption> {
        Some(match name {
            "A128GCM" => ContentEncryption::Gcm(16),
            "A192GCM" => ContentEncryption::Gcm(24),
            "A256GCM" => ContentEncryption::Gcm(32),
            "A128CBC-HS256" => ContentEncryption::CbcHmac(32),
            "A192CBC-HS384" => ContentEncryption::CbcHmac(48),
            "A256CBC-HS512" => ContentEncryption::CbcHmac(64),
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        Self::NAMES.into_iter().find(|name| Self::from_name(name) == Some(self)).unwrap_or("?")
    }

    /// The CEK length in bytes.
    pub fn key_len(self) -> usize {
        match self {
            ContentEncryption::Gcm(len) | ContentEncryption::CbcHmac(len) => len,
        }
    }

    /// The initialization vector length in bytes.
    pub fn iv_len(self) -> usize {
        match self {
            ContentEncryption::Gcm(_) => 12,
            ContentEncryption::CbcHmac(_) => 16,
        }
    }

    /// The authentication tag length in bytes.
    pub fn tag_len(self) -> usize {
        match self {
            ContentEncryption::Gcm(_) => 16,
            ContentEncryption::CbcHmac(len) => len / 2,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_reads_back() {
        for name in KeyManagement::NAMES {
            assert_eq!(KeyManagement::from_name(name).map(KeyManagement::name), Some(name));
        }
        for name in ContentEncryption::NAMES {
            assert_eq!(ContentEncryption::from_name(name).map(ContentEncryption::name), Some(name));
        }
        for wrong in ["A512KW", "AKW", "ECDH-ES+A512KW", "A128GCMKWX", "PBES2-HS256+A256KW", "RSA-OAEP-512", "", "none"] {
            assert_eq!(KeyManagement::from_name(wrong), None, "{wrong}");
        }
        assert_eq!(ContentEncryption::from_name("A512GCM"), None);
        assert_eq!(ContentEncryption::from_name("A256CBC-HS512").map(ContentEncryption::tag_len), Some(32));
    }
}
