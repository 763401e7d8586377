//! JWT Lens: a JSON Web Token debugger that runs entirely in the browser.
//!
//! `jose` is the pure core (no DOM, no framework) and is tested natively;
//! `ui` is the Leptos front end, compiled only for wasm.
pub mod jose;

#[cfg(target_arch = "wasm32")]
pub mod ui;
