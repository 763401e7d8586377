//! The pure core of JWT Lens: no DOM, no framework, no clock (callers pass "now" in).
//! Everything that needs a crypto or ASN.1 crate is behind the `crypto` feature, which the page's
//! wasm is built without (it runs in the crypto worker).
#[cfg(feature = "crypto")]
pub mod attacks;
pub mod b64;
pub mod crack;
pub mod error;
pub mod examples;
pub mod find;
pub mod findings;
pub mod jwe;
pub mod jws;
pub mod keys;
pub mod registry;
pub mod rules;
pub mod text;
pub mod time;
pub mod token;
pub mod vendors;

pub use error::{JoseError, Part};
