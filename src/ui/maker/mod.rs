//! The maker: the encoder, key generation, the HMAC secret cracker and the JWE decryption panel's
//! view (the attacks belong here too). A second wasm module of this crate (bin `jwt-lens-maker`) that the
//! reader loads after its first view, or at once when asked, so the start-up download carries
//! only the reader. It has its own crypto worker, and talks to the reader only through
//! [`super::shared::bridge`]: no file here imports the reader's.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

mod attacks_panel;
mod crack_panel;
mod crack_run;
mod encoder_panel;
mod jwe_panel;
mod key_help;
mod keygen_panel;
mod rules_panel;
pub mod state;

use attacks_panel::AttacksPanel;
use crack_panel::CrackPanel;
use encoder_panel::EncoderPanel;
use jwe_panel::DecryptPanel;
use key_help::KeyHelp;
use keygen_panel::KeygenPanel;
use rules_panel::{DateOffer, RulesPanel};
use state::{Encoder, Maker};
use super::shared::bridge::{self, encoding_from, DecryptionShown, RulesInput};
use super::shared::browser::{self, focus_on};
use super::shared::crypto::CryptoWorker;

/// The reader's requests: `edit` (header, payload, key, encoding), `convert` (key, encoding,
/// password), `decryption` (what the decryption panel shows, or nothing to hide it) and `show`.
fn answer_the_reader(maker: Maker, encoder: Encoder, decryption: RwSignal<Option<DecryptionShown>>, rules: RwSignal<Option<RulesInput>>) {
    bridge::expose("jwtLensMakerApi", move |method, args| {
        let arg = |index: usize| args.get(index).cloned().unwrap_or_default();
        match method {
            "edit" => {
                let key = arg(2);
                let key = (!key.is_empty()).then(|| (key, encoding_from(&arg(3))));
                encoder.edit(arg(0), arg(1), key);
                focus_on("encoder-title");
            }
            "decryption" => decryption.set((!args.is_empty()).then(|| DecryptionShown::from_fields(args))),
            "rules-input" => rules.set(Some(RulesInput::from_fields(args))),
            "convert" => {
                maker.crypto.convert(arg(0), encoding_from(&arg(1)), arg(2), maker.now.get_untracked());
                focus_on("keygen-title");
            }
            _ => focus_on("encoder-title"),
        }
    });
}

#[component]
fn MakerApp(decryption: RwSignal<Option<DecryptionShown>>, rules: RwSignal<Option<RulesInput>>) -> impl IntoView {
    let maker = Maker { crypto: CryptoWorker::new(), now: RwSignal::new(browser::now_seconds()) };
    let encoder = Encoder::new();
    provide_context(maker);
    provide_context(encoder);
    maker.crypto.start();
    answer_the_reader(maker, encoder, decryption, rules);
    gloo_timers::callback::Interval::new(1000, move || maker.now.set(browser::now_seconds())).forget();
    // The cracker works on the token being read, which the reader sends with `rules-input`.
    let token = Signal::derive(move || rules.with(|rules| rules.as_ref().map(|rules| rules.token.clone()).unwrap_or_default()));
    view! {
        <EncoderPanel/>
        <AttacksPanel/>
        <KeygenPanel/>
        <CrackPanel token=token/>
    }
}

/// Entry point of the maker module: mounts into the reader's `#maker` element, the decryption
/// panel into its `#decrypt-slot`, the expected rules into its `#rules-slot`, where the keys are
/// into its `#key-help-slot` and the response's Date into its `#date-offer-slot`; then asks the
/// reader for what it sends only to a loaded maker (`maker-ready`).
pub fn start() {
    browser::warm_up_dates();
    let element = |id: &str| document().get_element_by_id(id).and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    let Some(parent) = element("maker") else { return };
    let decryption = RwSignal::new(None::<DecryptionShown>);
    let rules = RwSignal::new(None::<RulesInput>);
    leptos::mount::mount_to(parent, move || view! { <MakerApp decryption=decryption rules=rules/> }).forget();
    if let Some(slot) = element("decrypt-slot") {
        leptos::mount::mount_to(slot, move || view! { <DecryptPanel shown=decryption/> }).forget();
    }
    if let Some(slot) = element("rules-slot") {
        leptos::mount::mount_to(slot, move || view! { <RulesPanel input=rules/> }).forget();
    }
    if let Some(slot) = element("key-help-slot") {
        leptos::mount::mount_to(slot, move || view! { <KeyHelp input=rules/> }).forget();
    }
    if let Some(slot) = element("date-offer-slot") {
        leptos::mount::mount_to(slot, move || view! { <DateOffer input=rules/> }).forget();
    }
    bridge::to_reader(&["maker-ready"]);
}
