//! The pure core of JWT Lens: no DOM, no framework, no clock (callers pass "now" in).
pub mod b64;
pub mod error;
pub mod keys;
pub mod token;
pub mod verify;

pub use error::{JoseError, Part};
