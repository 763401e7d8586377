//! The maker: the encoder and key generation. A second wasm module of this crate (bin
//! `jwt-lens-maker`) that the reader loads after its first view, or at once when asked, so the
//! start-up download carries only the reader. It has its own crypto worker and talks to the
//! reader through [`super::bridge`].

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::app::scroll_to;
use super::bridge::{self, encoding_from};
use super::browser;
use super::crypto::CryptoWorker;
use super::encoder_panel::{Encoder, EncoderPanel};
use super::jwe_panel::{DecryptPanel, DecryptionShown};
use super::keygen_panel::KeygenPanel;

/// What the maker's panels share.
#[derive(Clone, Copy)]
pub struct Maker {
    pub crypto: CryptoWorker,
    /// Unix seconds, ticking once a second (key generation's elapsed time, claim helpers).
    pub now: RwSignal<f64>,
}

pub fn use_maker() -> Maker {
    expect_context::<Maker>()
}

/// The reader's requests: `edit` (header, payload, key, encoding), `convert` (key, encoding,
/// password), `decryption` (what the decryption panel shows, or nothing to hide it) and `show`.
fn answer_the_reader(maker: Maker, encoder: Encoder, decryption: RwSignal<Option<DecryptionShown>>) {
    bridge::expose("jwtLensMakerApi", move |method, args| {
        let arg = |index: usize| args.get(index).cloned().unwrap_or_default();
        match method {
            "edit" => {
                let key = arg(2);
                let key = (!key.is_empty()).then(|| (key, encoding_from(&arg(3))));
                encoder.edit(arg(0), arg(1), key);
                scroll_to("encoder");
            }
            "decryption" => decryption.set((!args.is_empty()).then(|| DecryptionShown::from_fields(args))),
            "convert" => {
                maker.crypto.convert(arg(0), encoding_from(&arg(1)), arg(2), maker.now.get_untracked());
                scroll_to("keygen");
            }
            _ => scroll_to("encoder"),
        }
    });
}

#[component]
fn MakerApp(decryption: RwSignal<Option<DecryptionShown>>) -> impl IntoView {
    let maker = Maker { crypto: CryptoWorker::new(), now: RwSignal::new(browser::now_seconds()) };
    let encoder = Encoder::new();
    provide_context(maker);
    provide_context(encoder);
    maker.crypto.start();
    answer_the_reader(maker, encoder, decryption);
    gloo_timers::callback::Interval::new(1000, move || maker.now.set(browser::now_seconds())).forget();
    view! {
        <EncoderPanel/>
        <KeygenPanel/>
    }
}

/// Entry point of the maker module: mounts into the reader's `#maker` element, and the decryption
/// panel into its `#decrypt-slot`.
pub fn start() {
    browser::warm_up_dates();
    let element = |id: &str| document().get_element_by_id(id).and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    let Some(parent) = element("maker") else { return };
    let decryption = RwSignal::new(None::<DecryptionShown>);
    leptos::mount::mount_to(parent, move || view! { <MakerApp decryption=decryption/> }).forget();
    if let Some(slot) = element("decrypt-slot") {
        leptos::mount::mount_to(slot, move || view! { <DecryptPanel shown=decryption/> }).forget();
    }
}
