//! JWE (RFC 7516) with the key management and content encryption algorithms of RFC 7518 §4–5 and
//! RFC 8037 (X25519). Which algorithms exist is pure data, shared with the page; decrypting and
//! encrypting need the crypto crates and run in the crypto worker.
//!
//! - `alg.rs`: the algorithm names and their sizes.
//! - `content.rs`: content encryption (`enc`): AES-GCM and AES-CBC + HMAC-SHA2.
//! - `key_management.rs`: how the content key travels (`alg`): dir, AES-KW, AES-GCMKW, RSA,
//!   ECDH-ES, PBES2.
//! - `decrypt.rs` / `encrypt.rs`: compact tokens, with the key box's text.
//! - `error.rs`: a variant per reason a token does not decrypt.

pub mod alg;
#[cfg(feature = "crypto")]
mod content;
#[cfg(feature = "crypto")]
pub mod decrypt;
#[cfg(feature = "crypto")]
pub mod encrypt;
#[cfg(feature = "crypto")]
pub mod error;
#[cfg(feature = "crypto")]
mod key_management;

pub use alg::{ContentEncryption, KeyManagement, MAX_INFLATED_BYTES, MAX_PBES2_COUNT};
#[cfg(feature = "crypto")]
pub use decrypt::{decrypt, decrypt_with, Decrypted, DecryptionKey};
#[cfg(feature = "crypto")]
pub use encrypt::encrypt;
#[cfg(feature = "crypto")]
pub use error::JweError;
