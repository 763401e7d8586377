//! The crypto engine: what runs in the crypto worker, and the one typed request/response enum the
//! page and the worker talk through. The page's wasm only has `protocol`; `handler` (key parsing,
//! verification, key findings) needs the `crypto` feature and is tested natively; `worker` is the
//! worker's message loop.

pub mod protocol;

#[cfg(feature = "crypto")]
pub mod handler;

#[cfg(all(target_arch = "wasm32", feature = "worker"))]
pub mod worker;
