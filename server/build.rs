//! Builds the site into the binary, so `target/release/server` copied alone serves everything.
//!
//! - `public/` (icons, manifest, service worker) and the site's `pkg/` folder (WebAssembly,
//!   JavaScript, CSS; content-hashed names from cargo-leptos `hash-files`) are embedded with
//!   `memory-serve`, which brotli-compresses them here and serves brotli, gzip or plain by
//!   `Accept-Encoding`, with an `ETag`.
//! - `site_files.rs` in `OUT_DIR` names the hashed files, so the pages link to them without
//!   reading cargo-leptos's `hash.txt` beside the binary at run time.
//!
//! cargo-leptos builds the front end before the server when `hash-files` is on, so `pkg/` is
//! complete here. Without a site build (`cargo test -p server` on a fresh checkout) `pkg/` is
//! an empty folder and the pages simply do not hydrate.

use std::path::{Path, PathBuf};

fn main() {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let workspace = manifest_dir.parent().expect("server/ is inside the workspace").to_path_buf();
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));

    println!("cargo::rerun-if-env-changed=LEPTOS_SITE_ROOT");
    println!("cargo::rerun-if-env-changed=LEPTOS_SITE_PKG_DIR");
    let site_root = std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into());
    let pkg_name = std::env::var("LEPTOS_SITE_PKG_DIR").unwrap_or_else(|_| "pkg".into());
    let site_root =
        if Path::new(&site_root).is_absolute() { PathBuf::from(site_root) } else { workspace.join(site_root) };
    let mut pkg_dir = site_root.join(&pkg_name);
    println!("cargo::rerun-if-changed={}", pkg_dir.display());
    if !pkg_dir.is_dir() {
        pkg_dir = out_dir.join("no-site-built");
        std::fs::create_dir_all(&pkg_dir).expect("create an empty pkg folder");
    }
    let public_dir = workspace.join("public");
    println!("cargo::rerun-if-changed={}", public_dir.display());

    // Debug builds (tests, `cargo leptos watch`) read the files from disk at each request.
    let embed = std::env::var("PROFILE").as_deref() == Ok("release");
    // memory-serve prints a cargo warning per file unless told not to.
    // SAFETY: a build script is single-threaded here; nothing else reads the environment.
    // SAFETY: a build script is single-threaded; nothing else reads the environment meanwhile.
    #[allow(unsafe_code)]
    unsafe {
        std::env::set_var("MEMORY_SERVE_QUIET", "1")
    };
    memory_serve::load_names_directories([("pkg", pkg_dir.clone()), ("public", public_dir)], embed);

    std::fs::write(out_dir.join("site_files.rs"), site_files(&pkg_dir)).expect("write site_files.rs");
    git_commit(&workspace);
}

/// Sets `DS_GIT_COMMIT` to the commit being built (the metrics' build info), when this is a
/// git checkout with `git` installed; rebuilt when the checkout moves to another commit.
fn git_commit(workspace: &Path) {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(workspace)
            .output()
            .ok()
            .filter(|out| out.status.success())
            .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    let Some(commit) = git(&["rev-parse", "--short=12", "HEAD"]) else { return };
    if let Some(git_dir) = git(&["rev-parse", "--absolute-git-dir"]) {
        // HEAD names the branch; logs/HEAD changes with every commit, checkout and reset.
        for file in ["HEAD", "logs/HEAD"] {
            let path = Path::new(&git_dir).join(file);
            if path.exists() {
                println!("cargo::rerun-if-changed={}", path.display());
            }
        }
    }
    println!("cargo::rustc-env=DS_GIT_COMMIT={commit}");
}

/// Rust source naming the site's files in `pkg_dir`: `(kind, file name)` pairs and the
/// wasm-split manifest's JSON (empty when the build was not split).
fn site_files(pkg_dir: &Path) -> String {
    let mut names: Vec<String> = std::fs::read_dir(pkg_dir)
        .map(|dir| dir.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    let find = |prefix: &str, ext: &str| names.iter().find(|n| n.starts_with(prefix) && n.ends_with(ext)).cloned();
    let main_js = find("discretion-spectrum", ".js").unwrap_or_else(|| "discretion-spectrum.js".into());
    let main_wasm = find("discretion-spectrum", ".wasm").unwrap_or_else(|| "discretion-spectrum.wasm".into());
    let css = find("discretion-spectrum", ".css").unwrap_or_else(|| "discretion-spectrum.css".into());
    let split_js = find("__wasm_split.", ".js");
    let manifest = find("__wasm_split_manifest", ".json")
        .and_then(|m| std::fs::read_to_string(pkg_dir.join(m)).ok())
        .unwrap_or_default();
    format!(
        "app::site::SiteFiles {{ js: {main_js:?}, wasm: {main_wasm:?}, css: {css:?}, split_js: {split_js:?}, split_manifest: {manifest:?} }}"
    )
}
