//! The pure core of JWT Lens: no DOM, no framework, no clock (callers pass "now" in).
pub mod b64;
pub mod error;
pub mod token;

pub use error::{JoseError, Part};
