//! The server's front door: its settings ([`Config`]), the state every handler shares
//! ([`AppState`]) and how it is opened ([`open_state`]): database, live rooms, admin key.

use std::sync::Arc;

use axum::extract::FromRef;

use super::admin_key;
use super::guard::Origins;
use super::limits::HttpLimits;
use crate::live::hub::Hub;
use crate::live::retention;
use crate::secret;
use crate::store::{Location, Store};
use crate::time::{Clock, SystemClock};

/// Default database file, relative to the working directory.
pub const DEFAULT_DATABASE: &str = "data/discretion-spectrum.sqlite3";

/// Server settings (from the command line and environment: `server --help`).
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Where the data lives (`DS_DATABASE`): a SQLite file (default [`DEFAULT_DATABASE`]; its
    /// folder is created) or a PostgreSQL URL, which several instances may share.
    pub database: Location,
    /// Origin used in join links and QR codes, e.g. `https://spectrum.example.org`
    /// (`DS_PUBLIC_URL`). Without it, the origin comes from each request's `Host` header.
    pub public_url: Option<String>,
    /// The researchers' admin key (`DS_ADMIN_KEY`). Without it, the key is read from (or
    /// generated into) the file `admin-key` beside a SQLite database; PostgreSQL needs it.
    pub admin_key: Option<String>,
    /// The origin printed in start-up links (the researcher link of a newly generated admin
    /// key), e.g. `http://192.168.1.20:3000`; the public URL when unset.
    pub announce_origin: Option<String>,
    /// Whether a newly generated admin key is shown in the log once, in the researcher link
    /// (for the person at the terminal); otherwise the log names only the file it is in (JSON
    /// logs go to a collector, where no secret belongs).
    pub show_new_key: bool,
    /// Other origins whose pages may use this server (`DS_ALLOWED_ORIGINS`), besides its own
    /// and the public URL (see [`super::guard`]).
    pub allowed_origins: Vec<String>,
    /// Most pairs one workshop takes (`DS_MAX_PAIRS`).
    pub max_pairs: usize,
    /// Whether the HTTP rate limits are on (`DS_RATE_LIMITS`; see [`super::limits`]).
    pub rate_limits: bool,
    /// The header a trusted reverse proxy puts the client's address in (`DS_CLIENT_IP_HEADER`).
    pub client_ip_header: Option<String>,
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
    /// The origins whose pages may use this server (the guard's part).
    pub origins: Arc<Origins>,
    /// The HTTP rate limits (the limits' part).
    pub limits: Arc<HttpLimits>,
    /// The time: the system's clock in the server (retention's "today", the audit log's
    /// times).
    pub clock: Arc<dyn Clock>,
}

/// The database, for the readiness check.
impl FromRef<AppState> for Arc<Store> {
    fn from_ref(state: &AppState) -> Arc<Store> {
        Arc::clone(&state.store)
    }
}

/// The live rooms, for the websocket (which needs nothing else of the state).
impl FromRef<AppState> for Arc<Hub> {
    fn from_ref(state: &AppState) -> Arc<Hub> {
        Arc::clone(&state.hub)
    }
}

/// Opens the database (creating file, folder and schema as needed) and an empty hub, and
/// settles the admin key. A key generated now is logged once with the researcher URL; it is
/// never logged again.
pub async fn open_state(config: Config) -> anyhow::Result<AppState> {
    let configured_key = config.admin_key.as_deref().map(str::trim).filter(|k| !k.is_empty());
    let no_key = || {
        anyhow::anyhow!(
            "with a PostgreSQL database, set DS_ADMIN_KEY (or --admin-key): there is no folder to keep a \
             generated key in, and every instance on the database must use the same key"
        )
    };
    if matches!(config.database, Location::Postgres(_)) && configured_key.is_none() {
        return Err(no_key());
    }
    let location = config.database.clone();
    // Opened first: a new file's folder is created, and the key file goes beside it.
    let store = Arc::new(tokio::task::spawn_blocking(move || Store::open_at(&location)).await??);
    let (key, source) = match (&config.database, configured_key) {
        (_, Some(key)) => (key.to_string(), admin_key::KeySource::Environment),
        (Location::File(path), None) => admin_key::resolve_admin_key(None, path)?,
        (Location::Postgres(_), None) => return Err(no_key()),
    };
    match &source {
        admin_key::KeySource::Generated(file) => {
            let origin = config.announce_origin.as_deref().or(config.public_url.as_deref()).unwrap_or("");
            if config.show_new_key {
                tracing::warn!(
                    key_file = %file.display(),
                    "generated a new admin key; researcher area: {origin}/research?key={key}"
                );
            } else {
                tracing::warn!(
                    key_file = %file.display(),
                    "generated a new admin key; researcher area: {origin}/research (sign in with the key in the key file)"
                );
            }
        }
        admin_key::KeySource::File(file) => {
            tracing::info!(key_file = %file.display(), "admin key read from file");
        }
        admin_key::KeySource::Environment => tracing::info!("admin key from DS_ADMIN_KEY"),
    }
    if !config.rate_limits {
        tracing::warn!("DS_RATE_LIMITS=off: the HTTP rate limits are off (for load tests on loopback only)");
    }
    let ip_header = match config.client_ip_header.as_deref().map(str::trim).filter(|h| !h.is_empty()) {
        Some(name) => Some(
            axum::http::HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| anyhow::anyhow!("DS_CLIENT_IP_HEADER: {name:?} is not a header name"))?,
        ),
        None => None,
    };
    let hub = Hub::new(Arc::clone(&store), config.max_pairs).follow_other_instances();
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    // Workshops whose retention day came while the server was off are deleted before it
    // serves anything; then it checks every hour until it stops.
    match retention::sweep(&hub, clock.as_ref()).await {
        Ok(deleted) if !deleted.is_empty() => {
            tracing::info!(deleted = deleted.len(), "deleted the workshops whose retention day had come")
        }
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "could not check for workshops whose retention day has come"),
    }
    retention::keep_checking(Arc::clone(&hub), Arc::clone(&clock), retention::CHECK_EVERY);
    Ok(AppState {
        limits: Arc::new(HttpLimits::new(config.rate_limits, ip_header)),
        hub,
        clock,
        store,
        origins: Arc::new(Origins::new(config.public_url.as_deref(), &config.allowed_origins)),
        public_url: config.public_url.map(Arc::from),
        admin_key_hash: Arc::from(secret::hash_secret(&key)),
    })
}

/// The workshop whose console secret is `secret`, or the 404 of a wrong console link: what
/// every route under `/f/{secret}/` starts with.
pub(crate) async fn workshop_by_console(
    state: &AppState,
    secret: &str,
) -> Result<app::domain::WorkshopInfo, super::reply::ApiFailure> {
    match state.hub.workshop_by_secret(secret).await {
        Ok(Some(workshop)) => Ok(workshop),
        Ok(None) => Err(super::reply::no_console()),
        Err(e) => Err(super::reply::failed(&e)),
    }
}
