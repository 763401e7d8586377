//! JWS (RFC 7515): the algorithms and the token checks that need no key (`alg`), and signature
//! verification (`verify`, crypto: the worker and native tests only).

pub mod alg;
#[cfg(feature = "crypto")]
pub mod sign;
#[cfg(feature = "crypto")]
pub mod verify;

pub use alg::*;
#[cfg(feature = "crypto")]
pub use sign::*;
#[cfg(feature = "crypto")]
pub use verify::*;
