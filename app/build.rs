//! - The message catalogs (`locales/*.ftl`) compiled into Rust ([`catalogs`]).
//! - Link setting for the split WebAssembly build: keep each piece of static data (strings,
//!   tables) in its own data segment, so cargo-leptos's splitter can move a screen's data into
//!   that screen's chunk instead of leaving all of it in the main module (cargo-leptos#679).
//!   A message's texts are only in the functions of the screens that show it.

#[path = "build/catalogs.rs"]
mod catalogs;

fn main() {
    catalogs::compile();
    if std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch.starts_with("wasm")) {
        println!("cargo::rustc-link-arg-cdylib=--no-merge-data-segments");
    }
}
