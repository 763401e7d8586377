#[cfg(target_arch = "wasm32")]
fn main() {
    jwt_lens::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("JWT Lens is a web app: run `scripts/serve` and open the page it prints.");
}
