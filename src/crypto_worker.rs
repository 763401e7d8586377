//! The crypto worker's binary: Trunk builds it as a Web Worker (index.html, `data-type="worker"`).
#[cfg(target_arch = "wasm32")]
fn main() {
    jwt_lens::engine::worker::run();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The crypto worker runs in the browser: run `scripts/serve` and open the page it prints.");
}
