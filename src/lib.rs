//! JWT Lens: a JSON Web Token debugger that runs entirely in the browser.
//!
//! `jose` is the pure core (no DOM, no framework) and is tested natively;
//! `ui` is the Leptos front end, compiled only for wasm.
pub mod engine;
pub mod jose;

#[cfg(all(target_arch = "wasm32", feature = "page"))]
pub mod ui;
