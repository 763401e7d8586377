//! The crypto engine: what runs in the crypto worker, and the one typed request/response enum the
//! page and the worker talk through. The page's wasm only has `protocol`. The rest needs the
//! `crypto` feature and is tested natively: `handler` dispatches each request to its family
//! (`verify`, `decrypt`, `sign`, `keys`, `secrets`, `find`, `recognise`, `attacks`, `bench`); `worker` is the worker's
//! message loop.

pub mod crack_protocol;
pub mod protocol;

/// The crack worker's work (needs only the `crack` feature: the crack worker has no other crypto).
#[cfg(feature = "crack")]
pub mod crack;
#[cfg(all(target_arch = "wasm32", feature = "crack-worker"))]
pub mod crack_worker;

#[cfg(feature = "crypto")]
pub mod handler;
#[cfg(feature = "crypto")]
pub mod attacks;
#[cfg(feature = "crypto")]
mod bench;
#[cfg(feature = "crypto")]
mod decrypt;
#[cfg(feature = "crypto")]
mod find;
#[cfg(feature = "crypto")]
pub mod keys;
#[cfg(feature = "crypto")]
mod recognise;
#[cfg(feature = "crypto")]
mod secrets;
#[cfg(feature = "crypto")]
mod sign;
#[cfg(feature = "crypto")]
mod verify;

#[cfg(all(target_arch = "wasm32", feature = "worker"))]
pub mod worker;
