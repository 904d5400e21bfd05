//! The server's metrics: their names, and the small functions each floor records its facts
//! with (the hub its screens and rooms, a room its commits, the store its failures, the HTTP
//! edge its answers and rate limits). They go through the `metrics` facade, which does nothing
//! until a recorder is installed ([`install`], only with `--metrics-addr`), so a server
//! without metrics pays one atomic load per call. The Prometheus page itself is served by
//! `web::metrics`, on its own listener.
//!
//! Every floor may use this module (it imports none of them).

use std::sync::OnceLock;
use std::time::Duration;

use metrics::{counter, describe_counter, describe_gauge, describe_histogram, gauge, histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

/// Screens signed in on this process now, by role (`role` = `pair`, `facilitator`,
/// `projector`).
pub const SCREENS: &str = "ds_screens_connected";
/// Workshops whose live room is loaded in this process's memory.
pub const ROOMS: &str = "ds_rooms_loaded";
/// Changes screens sent that this process committed to the database (each was acknowledged).
pub const CHANGES: &str = "ds_changes_committed_total";
/// From a change reaching its room to its commit being durable, in seconds (the room's
/// decision, the writer's queue, the transaction and its fsync).
pub const COMMIT_SECONDS: &str = "ds_commit_seconds";
/// Refusals sent to screens, by `code` (the wire's `ErrorCode`, e.g. `invalid`).
pub const REFUSALS: &str = "ds_refusals_total";
/// HTTP answers of the public listener, by `class` (`1xx` is a websocket upgrade).
pub const HTTP_ANSWERS: &str = "ds_http_responses_total";
/// Requests or messages refused for going over a rate budget, by `limit` (`websocket`,
/// `join`, `create`, `login`, `download`, `wrong_admin_keys`).
pub const RATE_LIMITED: &str = "ds_rate_limited_total";
/// Database operations that failed (the database refused or could not be reached; not a
/// business-rule refusal).
pub const DATABASE_ERRORS: &str = "ds_database_errors_total";
/// Always 1, labelled with the `version` and the git `commit` of this build.
pub const BUILD_INFO: &str = "ds_build_info";

/// The roles a screen signs in as, as the `role` label says them.
pub const ROLES: [&str; 3] = ["pair", "facilitator", "projector"];

/// Buckets of [`COMMIT_SECONDS`]: a group commit on a laptop's SSD takes a few milliseconds,
/// a slow disk or a busy PostgreSQL a few hundred.
const COMMIT_BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];

/// The git commit this binary was built from (set by `build.rs`; `unknown` outside a git
/// checkout).
pub const GIT_COMMIT: &str = match option_env!("DS_GIT_COMMIT") {
    Some(commit) => commit,
    None => "unknown",
};

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// Installs the Prometheus recorder for this process (once; later calls return the same
/// handle) and records the build's info. From then on every metric is kept, to be rendered by
/// [`PrometheusHandle::render`]; the caller runs [`PrometheusHandle::run_upkeep`] now and then.
pub fn install() -> Result<PrometheusHandle, metrics_exporter_prometheus::BuildError> {
    if let Some(handle) = HANDLE.get() {
        return Ok(handle.clone());
    }
    let recorder =
        PrometheusBuilder::new().set_buckets_for_metric(Matcher::Full(COMMIT_SECONDS.into()), &COMMIT_BUCKETS)?;
    let handle = recorder.install_recorder()?;
    describe();
    gauge!(BUILD_INFO, "version" => env!("CARGO_PKG_VERSION"), "commit" => GIT_COMMIT).set(1.0);
    // Known series start at zero, so a scrape shows them before anything happened.
    for role in ROLES {
        gauge!(SCREENS, "role" => role).set(0.0);
    }
    gauge!(ROOMS).set(0.0);
    counter!(CHANGES).absolute(0);
    counter!(DATABASE_ERRORS).absolute(0);
    for class in ["1xx", "2xx", "3xx", "4xx", "5xx"] {
        counter!(HTTP_ANSWERS, "class" => class).absolute(0);
    }
    Ok(HANDLE.get_or_init(|| handle).clone())
}

fn describe() {
    describe_gauge!(SCREENS, "Screens signed in on this process now, by role.");
    describe_gauge!(ROOMS, "Workshops whose live room is loaded in this process.");
    describe_counter!(CHANGES, "Changes from screens committed to the database and acknowledged.");
    describe_histogram!(
        COMMIT_SECONDS,
        metrics::Unit::Seconds,
        "Time from a change reaching its room to its durable commit."
    );
    describe_counter!(REFUSALS, "Refusals sent to screens, by error code.");
    describe_counter!(HTTP_ANSWERS, "HTTP answers of the public listener, by status class.");
    describe_counter!(RATE_LIMITED, "Requests or messages refused for going over a rate budget, by limit.");
    describe_counter!(DATABASE_ERRORS, "Database operations that failed.");
    describe_gauge!(BUILD_INFO, "Always 1: the version and git commit of this build.");
}

/// A screen signed in as `role`: counted in [`SCREENS`] until the returned guard is dropped.
pub fn screen_connected(role: &'static str) -> ScreenGuard {
    gauge!(SCREENS, "role" => role).increment(1.0);
    ScreenGuard(role)
}

/// Counts one signed-in screen while it lives ([`screen_connected`]).
pub struct ScreenGuard(&'static str);

impl Drop for ScreenGuard {
    fn drop(&mut self) {
        gauge!(SCREENS, "role" => self.0).decrement(1.0);
    }
}

/// `rooms` live rooms are loaded now.
pub fn rooms_loaded(rooms: usize) {
    gauge!(ROOMS).set(rooms as f64);
}

/// A screen's change was committed, `took` after it reached its room.
pub fn change_committed(took: Duration) {
    counter!(CHANGES).increment(1);
    histogram!(COMMIT_SECONDS).record(took.as_secs_f64());
}

/// A refusal with this `code` (the wire's name of it) was sent to a screen.
pub fn refused(code: &'static str) {
    counter!(REFUSALS, "code" => code).increment(1);
}

/// Something went over the rate budget `limit`.
pub fn rate_limited(limit: &'static str) {
    counter!(RATE_LIMITED, "limit" => limit).increment(1);
}

/// A database operation failed.
pub fn database_error() {
    counter!(DATABASE_ERRORS).increment(1);
}

/// The public listener answered with `status`.
pub fn http_answer(status: u16) {
    let class = match status {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    };
    counter!(HTTP_ANSWERS, "class" => class).increment(1);
}
