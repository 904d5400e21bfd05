//! The site's static files, built into the binary (see `server/build.rs`), and compression
//! of everything else.
//!
//! - `/pkg/*`: the WebAssembly, JavaScript and CSS, content-hashed by cargo-leptos, so a
//!   tablet keeps them for a year (`immutable`) and a new build changes their names.
//! - `/favicon.svg`, `/icons/*`, `/manifest.webmanifest`, `/sw.js`: fixed names, revalidated
//!   on every use (`no-cache` with an `ETag`, answered `304` when unchanged).
//! - Both are precompressed with brotli at build time and served brotli, gzip or plain by
//!   the request's `Accept-Encoding` (memory-serve).
//! - Pages, JSON and CSV are compressed on the fly ([`compression`]); zip archives and PNG
//!   images are already compressed and pass untouched.

use axum::Router;
use axum::http::{HeaderValue, header};
use memory_serve::{Asset, CacheControl, MemoryServe};
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::set_header::SetResponseHeaderLayer;

/// Cache header of the content-hashed files in `/pkg/`.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The names of the built files, fixed when this binary was built.
pub const SITE_FILES: app::site::SiteFiles = include!(concat!(env!("OUT_DIR"), "/site_files.rs"));

/// The embedded files of one folder (`"pkg"` or `"public"`); empty when it had none.
fn embedded(name: &str) -> &'static [Asset] {
    let all: &'static [(&'static str, &'static [Asset])] =
        include!(concat!(env!("OUT_DIR"), "/memory_serve_assets.rs"));
    all.iter().find(|(n, _)| *n == name).map(|(_, assets)| *assets).unwrap_or_default()
}

/// Routes for every embedded file. Build once at start-up (memory-serve keeps the files for
/// the life of the process).
pub fn static_router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    let serve = |assets| MemoryServe::new(assets).index_file(None).enable_brotli(true).enable_gzip(true);
    let pkg = serve(embedded("pkg")).cache_control(CacheControl::Custom(IMMUTABLE)).into_router();
    let public = serve(embedded("public"))
        .cache_control(CacheControl::NoCache)
        .html_cache_control(CacheControl::NoCache)
        .into_router();
    Router::new().nest(app::site::PKG_PATH, pkg).merge(public)
}

/// Compresses responses on the fly (brotli or gzip, as the client accepts) unless they are
/// small, already encoded, images other than SVG, or zip archives (the exports).
pub fn compression() -> CompressionLayer<impl Predicate> {
    let predicate = DefaultPredicate::new().and(NotForContentType::const_new("application/zip"));
    CompressionLayer::new().br(true).gzip(true).quality(CompressionLevel::Default).compress_when(predicate)
}

/// Pages are rendered per request and may change with every deployment: a browser must ask
/// again each time (an unchanged asset under them is still cached by its hashed name).
pub fn no_cache_unless_set<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router.layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-cache")))
}
