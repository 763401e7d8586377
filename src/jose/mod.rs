//! The pure core of JWT Lens: no DOM, no framework, no clock (callers pass "now" in).
pub mod b64;
pub mod error;
pub mod examples;
pub mod findings;
pub mod keys;
pub mod registry;
pub mod text;
pub mod time;
pub mod token;
pub mod verify;

pub use error::{JoseError, Part};
