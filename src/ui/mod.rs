//! The Leptos front end, in folders that mirror what loads when:
//! - `reader/`: the page's first wasm module (bin `jwt-lens`), the first decoded view: the token,
//!   key, header, payload, claims, time and findings panels, and their state (`reader::state`);
//! - `maker/`: the maker module (bin `jwt-lens-maker`), loaded after the first view or when asked:
//!   the encoder, key generation, the JWE decryption panel's view;
//! - `shared/`: what both use (the crypto worker's client, the bridge between the two modules,
//!   browser services, widgets). The reader and the maker meet only through it.
//!
//! Small components read memos; data flows one way: text in → decoded token → verdicts → view.
//! Text from a token, a key or a paste reaches the DOM only as text, never through an HTML parser.

mod maker;
mod reader;
mod shared;

use shared::browser;

/// Entry point: installs the panic banner and mounts the app.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        browser::show_panic_banner(&info.to_string());
    }));
    leptos::mount::mount_to_body(reader::App);
}

/// Entry point of the maker module (the encoder and key generation, loaded after the first view).
pub fn start_maker() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        browser::show_panic_banner(&info.to_string());
    }));
    maker::start();
}
