//! All server integration tests in one binary: each test starts a real server on a free
//! port with a real database file. One binary keeps link time and disk use down.

mod common;

mod audit;
mod auth;
mod backup;
mod bad_input;
mod catch_up;
mod consent;
mod console_setup;
mod copy_database;
mod crash;
mod delivery;
mod hostile;
mod http_api;
mod join_form;
mod languages;
mod live;
mod metrics;
mod multi_instance;
mod operations;
mod pair_references;
mod pair_results;
mod persist;
mod refusal_languages;
mod research_access;
mod research_all;
mod research_compare;
mod research_exports;
mod research_findings;
mod research_import;
mod research_qdpx;
mod research_replay;
mod retention;
mod security;
mod session;
mod shutdown;
mod templates;
mod urls;
mod wire;
mod withdraw;
