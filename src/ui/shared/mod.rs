//! What the reader and the maker modules both use: the crypto worker's client, the bridge between
//! the two modules, browser services, small widgets. It imports neither the reader nor the maker,
//! so the two folders meet only here. What the reader uses of it is in the start-up download.

pub mod bridge;
pub mod browser;
pub mod crypto;
pub mod dom;
pub mod js_api;
pub mod widgets;
