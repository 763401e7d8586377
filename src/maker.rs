//! The maker module: the encoder and key generation, loaded by the page after its first view.
#[cfg(target_arch = "wasm32")]
fn main() {
    jwt_lens::ui::start_maker();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("JWT Lens is a web app: run `scripts/serve` and open the page it prints.");
}
