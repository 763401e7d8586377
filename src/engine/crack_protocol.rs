//! The messages between the maker (the page) and its crack workers: JSON text, like the crypto
//! worker's (`protocol`), plus, for a chunk of lines, the chunk's bytes as a transferred
//! `ArrayBuffer` beside the text (`postMessage([text, buffer], [buffer])`), never copied.
//!
//! A run: the page starts N workers, waits for each one's `Ready`, sends `Start` with the token,
//! then one job at a time (a chunk of lines or a range of a mask); a worker answers `Done` when a
//! job is finished (the page then sends the next), `Progress` about every 250 ms while working, and
//! `Found` with the secret. Cancelling is `terminate()`: no message.

use serde::{Deserialize, Serialize};

/// The crack worker's file, relative to the page (Trunk's loader for the `crack-worker` binary).
pub const CRACK_WORKER_SCRIPT: &str = "./crack-worker_loader.js";

/// How often a working worker says how many candidates it has tried.
pub const PROGRESS_MS: f64 = 250.0;

/// What the page asks a crack worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CrackRequest {
    /// The compact HS256/384/512 token to crack; sent once, before any job.
    Start { token: String },
    /// The lines of a chunk (`LineChunk`): its bytes come with the message.
    Lines { job: u64, starts_file: bool },
    /// The candidates `start..end` of a mask (indices as decimal text: masks count up to 2^128).
    Mask { job: u64, mask: String, custom: Vec<String>, increment: Option<(usize, usize)>, start: String, end: String },
}

/// What a crack worker says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CrackResponse {
    /// Loaded: it can be sent `Start`.
    Ready,
    /// Candidates tried so far by this worker, over all its jobs.
    Progress { tried: u64 },
    /// A job is finished without a match.
    Done { job: u64, tried: u64 },
    /// The secret, as bytes (a wordlist's lines need not be UTF-8).
    Found { job: u64, secret: Vec<u8>, tried: u64 },
    /// The token or a job cannot be worked on (the page checks both first: a bug if seen).
    Error { message: String },
    /// The worker panicked and stopped.
    Crashed { message: String },
}

impl CrackRequest {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl CrackResponse {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Option<CrackResponse> {
        serde_json::from_str(text).ok()
    }
}
