//! The server binary: the API router from the library plus the Leptos pages.
//!
//! Environment: `DS_DATABASE`, `DS_PUBLIC_URL`, `DS_ADMIN_KEY` (see [`server::Config`]), `LEPTOS_SITE_ADDR`
//! (listen address, default 127.0.0.1:3000), the other `LEPTOS_*` variables cargo-leptos
//! sets, and `RUST_LOG` (default `info`).

// Leptos views are deeply nested types; laying them all out in one binary needs more room.
#![recursion_limit = "256"]

use anyhow::Context;
use axum::Router;
use axum::serve::ListenerExt;
use leptos::config::{Env, LeptosOptions, get_configuration};
use leptos_axum::{LeptosRoutes, generate_route_list};
use server::{Config, api_router, open_state, with_security_headers};
use tracing_subscriber::EnvFilter;

/// Name of the site's JS/Wasm/CSS bundle, as in `[[workspace.metadata.leptos]]`.
const OUTPUT_NAME: &str = "discretion-spectrum";

/// Leptos settings: from the `LEPTOS_*` variables when cargo-leptos runs or built us;
/// otherwise (`cargo run -p server` from the workspace root) the same values as the
/// workspace's `Cargo.toml`, with `LEPTOS_SITE_ADDR` and `LEPTOS_SITE_ROOT` still honoured.
fn leptos_options() -> anyhow::Result<LeptosOptions> {
    let from_cargo_leptos =
        std::env::var_os("LEPTOS_OUTPUT_NAME").is_some() || option_env!("LEPTOS_OUTPUT_NAME").is_some();
    if from_cargo_leptos {
        return Ok(get_configuration(None).context("reading LEPTOS_* settings")?.leptos_options);
    }
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let site_addr = var("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
    let site_addr: std::net::SocketAddr = site_addr.parse().with_context(|| format!("LEPTOS_SITE_ADDR={site_addr}"))?;
    Ok(LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        .site_root(var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()))
        .site_pkg_dir("pkg")
        .site_addr(site_addr)
        .env(Env::PROD)
        .build())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .init();

    let config = Config::from_env();
    let leptos_options = leptos_options()?;
    let addr = leptos_options.site_addr;
    tracing::info!(database = %config.database_path.display(), "opening the database");
    let state = open_state(config).await.context("opening the database")?;

    let routes = generate_route_list(app::App);
    let pages = Router::new()
        .merge(api_router(state).with_state(()))
        .leptos_routes(&leptos_options, routes, {
            let options = leptos_options.clone();
            move || app::shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler(app::shell))
        .with_state(leptos_options);
    let router = with_security_headers(pages);

    let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| format!("listening on {addr}"))?;
    tracing::info!("listening on http://{addr}");
    // No Nagle delay: acknowledgements and updates are small frames that must leave at once.
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::warn!("could not set TCP_NODELAY: {e}");
        }
    });
    axum::serve(listener, router).await.context("serving")?;
    Ok(())
}
