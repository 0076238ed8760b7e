#[cfg(target_arch = "wasm32")]
fn main() {
    nagaoka_map::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is the browser app: build it with `trunk build`. Use `cargo run --bin validate -- FILE` to check a data file.");
}
