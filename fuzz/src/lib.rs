//! The fuzz target bodies live in `harness.rs`, shared with tests/regressions.rs.
pub mod harness;
