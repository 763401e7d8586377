//! The messages between the page and the crypto worker, sent as JSON text with `postMessage`
//! (serde_json is in both binaries already; a binary codec would add code to the page).

use serde::{Deserialize, Serialize};

use crate::jose::findings::Finding;
use crate::jose::jws::VerdictReport;
use crate::jose::keys::SecretEncoding;

/// Bumped when a message changes shape, so a page never trusts a worker of another build
/// (the worker's files have no content hash in their names).
pub const PROTOCOL_VERSION: u32 = 1;

/// The worker's file, relative to the page (Trunk's loader for the `crypto-worker` binary).
pub const WORKER_SCRIPT: &str = "./crypto-worker_loader.js";

/// What the page asks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Read the key box and verify the token with it.
    Check(CheckRequest),
    /// Sign the header and payload texts with the signing key box.
    Sign(SignRequest),
    /// Verify `iterations` times with the token and key parsed once, and say how long one took;
    /// with 0 iterations, only the verdict (the benchmark and `verifyStatus` use this).
    Bench { id: u64, token: String, key: String, encoding: SecretEncoding, iterations: u32 },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckRequest {
    /// Increases with every request; the page drops answers to anything but the latest.
    pub generation: u64,
    pub token: String,
    pub key: String,
    pub encoding: SecretEncoding,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignRequest {
    pub generation: u64,
    pub header: String,
    pub payload: String,
    pub key: String,
    pub encoding: SecretEncoding,
    /// For an `ENCRYPTED PRIVATE KEY`.
    pub password: String,
}

/// What signing gave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SignOutcome {
    Token { token: String, key_used: String, warnings: Vec<String> },
    Error { message: String },
}

/// What the worker answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Response {
    /// Sent once, unprompted, when the worker has loaded and listens.
    Ready { version: u32 },
    Checked { generation: u64, report: CheckReport },
    Signed { generation: u64, outcome: SignOutcome },
    Bench { id: u64, status: String, ms_per_op: Option<f64> },
    /// The request was not understood (a page and worker of different builds).
    BadRequest { message: String },
    /// Sent by the worker's panic hook just before it stops.
    Crashed { message: String },
}

/// Everything the page shows that needs the key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckReport {
    pub key: KeySummary,
    /// `None` while the token does not decode.
    pub verdict: Option<VerdictReport>,
    /// The key findings (`weak-secret`, `alg-confusion`, `rsa-key-short`, `private-key-pasted`).
    pub findings: Vec<Finding>,
    /// The HMAC secrets in play, for the page's known-secrets check (the page loads that list).
    pub hmac_secrets: Vec<Vec<u8>>,
    /// The key box holds a key that can sign (a secret or a private key): "Edit" takes it along.
    pub can_sign: bool,
}

/// What the key box was read as.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum KeySummary {
    Empty,
    Single { description: String },
    Set { descriptions: Vec<String>, skipped: Vec<String> },
    Error { message: String },
}
