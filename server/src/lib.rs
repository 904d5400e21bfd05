//! Discretion Spectrum server: HTTP API, websocket, live rooms, storage and exports.
//!
//! - [`store`]: SQLite (WAL), one transaction per change including its event-log row.
//! - [`room`], [`hub`] and [`feed`]: the live state of each workshop and what each screen is
//!   sent, independent of transport.
//! - [`socket`]: the websocket (`GET /ws`), mapping [`app::protocol`] messages to room calls.
//! - [`http`], [`export`], [`qr`]: the JSON API, the CSV download and the join QR code.
//! - [`research`]: complete exports (zip of CSV, JSON, XLSX, SVG, codebook), the admin key,
//!   and the researchers' list, download and delete routes.
//!
//! [`api_router`] is everything except the Leptos pages, so integration tests can run a real
//! server on a free port without the site being built; `main.rs` adds the pages.

#![warn(missing_docs)]

pub mod assets;
pub mod cli;
pub mod export;
pub mod feed;
pub mod http;
pub mod hub;
pub mod lan;
pub mod qr;
pub mod research;
pub mod room;
pub mod secret;
pub mod socket;
pub mod store;
pub mod time;

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::routing::{any, delete, get, post};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::hub::Hub;
use crate::store::Store;

/// Default database file, relative to the working directory.
pub const DEFAULT_DATABASE: &str = "data/discretion-spectrum.sqlite3";
/// Largest HTTP request body accepted (the biggest real one, a new workshop, is ~10 KiB).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Server settings (from the command line and environment: [`cli::Cli`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// SQLite file (`DS_DATABASE`, default [`DEFAULT_DATABASE`]); its folder is created.
    pub database_path: PathBuf,
    /// Origin used in join links and QR codes, e.g. `https://spectrum.example.org`
    /// (`DS_PUBLIC_URL`). Without it, the origin comes from each request's `Host` header.
    pub public_url: Option<String>,
    /// The researchers' admin key (`DS_ADMIN_KEY`). Without it, the key is read from (or
    /// generated into) the file `admin-key` beside the database.
    pub admin_key: Option<String>,
    /// The origin printed in start-up links (the researcher link of a newly generated admin
    /// key), e.g. `http://192.168.1.20:3000`; the public URL when unset.
    pub announce_origin: Option<String>,
}

impl Config {
    /// The same settings, printing `origin` in start-up links.
    pub fn announcing(self, origin: &str) -> Config {
        Config { announce_origin: Some(origin.to_string()), ..self }
    }
}

/// Shared state of every handler: the database and the live rooms. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Arc<Store>,
    /// The live rooms.
    pub hub: Arc<Hub>,
    /// Fixed public origin, if configured (see [`Config::public_url`]).
    pub public_url: Option<Arc<str>>,
    /// SHA-256 hex of the admin key (see [`Config::admin_key`]); the key itself is not kept.
    pub admin_key_hash: Arc<str>,
}

/// Opens the database (creating file, folder and schema as needed) and an empty hub, and
/// settles the admin key. A key generated now is logged once with the researcher URL; it is
/// never logged again.
pub async fn open_state(config: Config) -> anyhow::Result<AppState> {
    let path = config.database_path.clone();
    let store = tokio::task::spawn_blocking(move || Store::open(&path)).await??;
    let store = Arc::new(store);
    let (key, source) = research::admin_key::resolve_admin_key(config.admin_key.as_deref(), &config.database_path)?;
    match &source {
        research::admin_key::KeySource::Generated(file) => {
            let origin = config.announce_origin.as_deref().or(config.public_url.as_deref()).unwrap_or("");
            tracing::warn!(
                key_file = %file.display(),
                "generated a new admin key; researcher area: {origin}/research?key={key}"
            );
        }
        research::admin_key::KeySource::File(file) => {
            tracing::info!(key_file = %file.display(), "admin key read from file");
        }
        research::admin_key::KeySource::Environment => tracing::info!("admin key from DS_ADMIN_KEY"),
    }
    Ok(AppState {
        hub: Arc::new(Hub::new(Arc::clone(&store))),
        store,
        public_url: config.public_url.map(Arc::from),
        admin_key_hash: Arc::from(secret::hash_secret(&key)),
    })
}

/// Every route except the Leptos pages: the JSON API, the websocket, the CSV export and the
/// QR code, with a body limit and the security headers.
pub fn api_router(state: AppState) -> Router {
    let router = Router::new()
        .route("/api/workshops", post(http::create_workshop))
        .route("/api/workshops/by-code/{code}", get(http::workshop_by_code))
        .route("/api/join", post(http::join))
        .route("/f/{secret}/placements.csv", get(export::placements_csv))
        .route("/f/{secret}/export.zip", get(research::routes::facilitator_export))
        .route("/f/{secret}/workshop", delete(research::routes::facilitator_delete))
        .route("/api/research/login", post(research::routes::login))
        .route("/api/research/logout", post(research::routes::logout))
        .route("/api/research/workshops", get(research::routes::list_workshops))
        .route("/api/research/export-all.zip", get(research::routes::admin_export_all))
        .route("/api/research/compare", get(research::compare::admin_compare))
        .route("/api/research/compare.csv", get(research::compare::admin_compare_csv))
        .route("/api/research/workshops/{id}", delete(research::routes::admin_delete))
        .route("/api/research/workshops/{id}/export.zip", get(research::routes::admin_export))
        .route("/api/research/workshops/{id}/close", post(research::routes::admin_close))
        .route("/api/research/workshops/{id}/replay", get(research::routes::admin_replay))
        .route("/qr/{code}", get(qr::join_qr))
        .route("/api/join-origin", get(qr::join_origin))
        .route("/ws", any(socket::upgrade))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state);
    with_security_headers(router).layer(assets::compression())
}

/// Adds headers every response should carry: no MIME sniffing, and no `Referer`, so the
/// facilitator's secret console URL never leaks to another site.
pub fn with_security_headers<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
}
