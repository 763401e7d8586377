//! The crack worker's binary: Trunk builds it as a Web Worker (index.html, `data-type="worker"`);
//! the maker starts `navigator.hardwareConcurrency` of them when a cracking run starts.
#[cfg(target_arch = "wasm32")]
fn main() {
    jwt_lens::engine::crack_worker::run();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The crack worker runs in the browser: run `scripts/serve` and open the page it prints.");
}
