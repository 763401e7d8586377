//! Finding an HMAC token's secret: a cracker prepared once per token (`cracker`, crypto), and the
//! candidates it tries, all pure and streaming so workers can make them themselves instead of
//! receiving them one by one: hashcat-style masks (`mask`), wordlists read in chunks of any size
//! (`wordlist`), the bundled lists; and the inputs for hashcat and John the Ripper (`export`) when
//! a job is too big for a browser.

pub mod export;
pub mod mask;
pub mod target;
pub mod wordlist;

// The `crack` feature: only `sha2` (the crypto worker has it through `crypto`, the crack worker
// alone).
#[cfg(feature = "crack")]
mod cracker;
#[cfg(feature = "crack")]
mod lanes;
#[cfg(feature = "crack")]
mod sha;
#[cfg(feature = "crack")]
pub use cracker::*;

pub use export::*;
pub use mask::*;
pub use target::*;
pub use wordlist::*;
