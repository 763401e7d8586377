//! The Leptos front end: one small component per visible panel, all reading the memos of
//! [`app::Lens`]. Data flows one way: text in → decoded token → verdicts → view.

mod app;
mod bridge;
mod browser;
mod claims_panel;
mod crypto;
mod decoded_panels;
mod encoder_panel;
mod findings_panel;
mod js_api;
mod json_view;
mod jwe_panel;
mod key_panel;
mod keygen_panel;
mod maker;
mod time_panel;
mod token_panel;
mod widgets;

/// Entry point: installs the panic banner and mounts the app.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        browser::show_panic_banner(&info.to_string());
    }));
    leptos::mount::mount_to_body(app::App);
}

/// Entry point of the maker module (the encoder and key generation, loaded after the first view).
pub fn start_maker() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        browser::show_panic_banner(&info.to_string());
    }));
    maker::start();
}
