//! Discretion Spectrum server: HTTP API, websocket, live rooms, storage and exports, in
//! floors that import only downwards:
//!
//! | floor | what |
//! |---|---|
//! | [`web`] | the HTTP edge: routes, replies, guards, limits, serving, the embedded site |
//! | [`research`] | analysis-ready exports (CSV, JSON, XLSX, SVG/PNG, codebook), archives, the room report, comparisons |
//! | [`live`] | the live rooms, the hub, each screen's feed, the websocket |
//! | [`store`] | SQLite or PostgreSQL: one transaction per change with its event-log row |
//! | [`time`], [`secret`], [`lan`], [`telemetry`] | clocks, secrets, the addresses to announce, the metrics every floor records |
//!
//! [`cli`] reads the command line into a [`Config`]. [`api_router`] is everything except the
//! Leptos pages, so integration tests can run a real server on a free port without the site
//! being built; `main.rs` adds the pages.

#![warn(missing_docs)]

pub mod cli;
pub mod lan;
pub mod live;
pub mod research;
pub mod secret;
pub mod store;
pub mod telemetry;
pub mod time;
pub mod web;

pub use web::{AppState, Config, DEFAULT_DATABASE, api_router, open_state, with_security_headers};
