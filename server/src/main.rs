//! The server binary: the API router from the library, the Leptos pages and the embedded
//! site files. Settings: `server --help` (see [`server::cli::Cli`]).

// Leptos views are deeply nested types; laying them all out in one binary needs more room.
#![recursion_limit = "256"]

use anyhow::Context;
use axum::Router;
use clap::Parser;
use leptos::config::{Env, LeptosOptions};
use leptos_axum::{LeptosRoutes, generate_route_list};
use server::cli::{Backup, Cli, Command, CopyDatabase, LogFormat};
use server::lan::{announce_origin, find_lan_address, public_origin, start_banner};
use server::store::Location;
use server::web::assets::{SITE_FILES, compression, no_cache_unless_set, static_router};
use server::web::limits::body_limit;
use server::web::reply::MAX_BODY_BYTES;
use server::web::serve::{Timeouts, serve_until};
use server::{api_router, open_state, with_security_headers};
use tracing_subscriber::EnvFilter;

/// Name of the site's JS/Wasm/CSS bundle, as in `[[workspace.metadata.leptos]]`.
const OUTPUT_NAME: &str = "discretion-spectrum";

/// Threads for blocking work (database reads, exports). Reads share one connection and writes
/// go to the writer thread, so more would only wait, each holding a stack and a malloc arena
/// (tokio's default of 512 cost about 10 MB with a thousand tablets joining at once).
const BLOCKING_THREADS: usize = 16;

/// On `SIGTERM`/`SIGINT`: how long requests in progress may take to finish, then how long
/// the screens' sockets have on top to close (after the change each is handling was
/// acknowledged). The process exits well within 10 s either way.
const REQUESTS_GRACE: std::time::Duration = std::time::Duration::from_secs(5);
const SOCKETS_GRACE: std::time::Duration = std::time::Duration::from_secs(3);

fn main() -> anyhow::Result<()> {
    one_malloc_arena();
    let cli = Cli::parse();
    if let Some(Command::CopyDatabase(copy)) = &cli.command {
        // Before any async runtime exists: the PostgreSQL client blocks on a runtime of its
        // own, which it may not do on a thread that drives async tasks.
        if let Err(error) = copy_database(copy) {
            eprintln!("copy-database: {}", with_causes(&error));
            std::process::exit(1);
        }
        return Ok(());
    }
    if let Some(Command::Backup(backup)) = &cli.command {
        if let Err(error) = backup_database(&cli.database, backup) {
            eprintln!("backup: {error}");
            std::process::exit(1);
        }
        return Ok(());
    }
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(BLOCKING_THREADS)
        .build()
        .context("starting the async runtime")?
        .block_on(run(cli))
}

/// `server copy-database`: copies the SQLite file into PostgreSQL and verifies the copy
/// ([`server::store::copy_database`]). The report goes to stdout, logs to stderr; a refusal
/// or failure is returned (main says why on stderr and exits with status 1).
fn copy_database(copy: &CopyDatabase) -> Result<(), server::store::CopyError> {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        // Not PostgreSQL's notices ("relation … already exists, skipping") on a schema that is there.
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,postgres=warn")))
        .init();
    let from = Location::File(copy.from.clone());
    let to = Location::Postgres(copy.to.clone());
    println!("copying {} into {}", from.describe(), to.describe());
    let report = server::store::copy_database(&from, &to)?;
    let workshops = counted(report.workshops.len(), "workshop");
    println!(
        "copied {workshops}: {}, {}, {}",
        counted(report.cards, "aspect"),
        counted(report.pairs, "pair"),
        counted(report.events, "event-log row")
    );
    println!("and {} appended to the target's audit log", counted(report.audit_rows, "audit-log row"));
    println!("verified: {workshops} identical");
    let key_file = server::web::admin_key::key_file(&copy.from);
    if key_file.is_file() {
        println!(
            "the researchers' admin key is in {}: start the servers on PostgreSQL with --admin-key \
             (DS_ADMIN_KEY) set to it, and the researchers' links keep working",
            key_file.display()
        );
    }
    Ok(())
}

/// `server backup`: a consistent copy of the SQLite database while the server serves
/// ([`server::store::backup_sqlite`]); what it did goes to stdout. With PostgreSQL it says to
/// use `pg_dump`, and how.
fn backup_database(database: &str, backup: &Backup) -> anyhow::Result<()> {
    let from = match Location::parse(database) {
        Location::File(path) => path,
        postgres @ Location::Postgres(_) => anyhow::bail!(
            "the database is PostgreSQL ({}), which this command does not copy: back it up with PostgreSQL's \
             own tool, which takes a consistent copy while the servers run, e.g. \
             `pg_dump --format=custom --file={} \"$DS_DATABASE\"`, and restore it into an empty database with \
             `pg_restore --no-owner --dbname=URL FILE` (see the README's deployment section)",
            postgres.describe(),
            backup.to.display()
        ),
    };
    let started = std::time::Instant::now();
    let report = server::store::backup_sqlite(&from, &backup.to, backup.force)?;
    println!(
        "backed up {} to {}{}: {}, {}, {} KiB in {} ms; integrity check: ok",
        from.display(),
        backup.to.display(),
        if report.replaced { " (replaced)" } else { "" },
        counted(report.workshops as usize, "workshop"),
        counted(report.events as usize, "event-log row"),
        report.bytes.div_ceil(1024),
        started.elapsed().as_millis()
    );
    let key_file = server::web::admin_key::key_file(&from);
    if key_file.is_file() {
        println!(
            "the researchers' admin key is in {}, which is not in the copy: keep it with the backup",
            key_file.display()
        );
    }
    println!("to serve the copy: server --database {}", backup.to.display());
    Ok(())
}

/// `1 pair`, `2 pairs`.
fn counted(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

/// `error` and what caused it, each cause its message says nothing of yet ("cannot open the
/// target database …: database error: error connecting to server: Connection refused").
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(e) = cause {
        let said = e.to_string();
        if !text.contains(&said) {
            text = format!("{text}: {said}");
        }
        cause = e.source();
    }
    text
}

/// glibc's malloc gives each thread that meets contention an arena of its own (up to 8 per
/// core) and keeps what is freed in it; with the runtime's, the writer's and the blocking
/// pool's threads that cost about 8 KiB of resident memory per connected screen
/// (docs/PERFORMANCE.md, "Fan-out, memory and durable throughput"). One arena measured no slower here: the
/// allocations on the hot path are few and small. (mimalloc was tried and used more.)
fn one_malloc_arena() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes an allocator setting; called first thing in main, before any
    // other thread exists.
    #[allow(unsafe_code)]
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// How often rooms nobody is using are unloaded and freed memory is returned to the system.
const TRIM_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

/// Returns the allocator's free pages to the system (glibc keeps them otherwise), so a server
/// whose screens have gone home shrinks back instead of staying at its peak.
fn return_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory; it is thread-safe.
    #[allow(unsafe_code)]
    unsafe {
        libc::malloc_trim(0);
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let filter = || EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,memory_serve=warn"));
    match cli.log_format {
        LogFormat::Text => tracing_subscriber::fmt().with_env_filter(filter()).init(),
        // One JSON object a line, each with the request's or socket's span (its id).
        LogFormat::Json => tracing_subscriber::fmt().json().with_current_span(true).with_env_filter(filter()).init(),
    }

    // Bind first, so the links below carry the real port (`--addr 127.0.0.1:0` picks one).
    let listener = tokio::net::TcpListener::bind(cli.listen_addr())
        .await
        .with_context(|| format!("listening on {}", cli.listen_addr()))?;
    let addr = listener.local_addr().context("reading the listening address")?;
    let lan_address = if cli.lan { find_lan_address() } else { None };
    if cli.lan && lan_address.is_none() && cli.public_url().is_none() {
        tracing::warn!("--lan: this machine has no LAN address; join links will point at this machine only");
    }
    let public = public_origin(cli.public_url(), cli.lan, addr, lan_address);
    let origin = announce_origin(public.as_deref(), addr);
    let config = cli.config(public).announcing(&origin);
    // The metrics' own listener, bound before anything is served so a wrong address stops
    // the start with a sentence.
    let metrics = match cli.metrics_addr {
        Some(metrics_addr) => {
            let listener = tokio::net::TcpListener::bind(metrics_addr)
                .await
                .with_context(|| format!("listening for metrics on {metrics_addr} (--metrics-addr)"))?;
            let handle = server::telemetry::install().context("starting the metrics recorder")?;
            Some((listener, handle))
        }
        None => None,
    };
    tracing::info!(database = %config.database.describe(), "opening the database");
    let state = open_state(config).await.context("opening the database")?;
    let hub = std::sync::Arc::clone(&state.hub);

    // The pages render with these options; the site's files come from the binary, not from
    // `site_root` (see `server::web::assets`).
    let leptos_options = LeptosOptions::builder().output_name(OUTPUT_NAME).site_addr(addr).env(Env::PROD).build();
    let routes = generate_route_list(app::App);
    let pages = Router::new()
        .leptos_routes(&leptos_options, routes, || app::shell(SITE_FILES))
        .fallback(leptos_axum::file_and_error_handler(|_| app::shell(SITE_FILES)))
        .with_state(leptos_options);
    // The API router compresses its own answers and the static files are precompressed, so
    // only the pages need the compression layer here.
    let pages = no_cache_unless_set(pages).layer(compression()).layer(axum::middleware::from_fn_with_state(
        std::sync::Arc::clone(&state.hub),
        server::web::pair_board::seed_pair_board,
    ));
    let public_url = state.public_url.clone();
    // The pages and files take no bodies: the API's limit guards them too.
    let site = body_limit(Router::new().merge(static_router()).merge(pages), MAX_BODY_BYTES);
    let router = with_security_headers(Router::new().merge(api_router(state)).merge(site), public_url.as_deref())
        .layer(axum::middleware::from_fn(server::web::metrics::count_answers));

    tracing::info!("listening on http://{addr}");
    match cli.log_format {
        LogFormat::Text => println!("{}", start_banner(&origin, cli.lan)),
        LogFormat::Json => tracing::info!(origin = %origin, lan = cli.lan, "serving"),
    }
    // Start-up (unpacking the embedded site files) leaves freed memory behind; give it back, and
    // keep giving back what closed sockets and finished exports free.
    return_free_memory();

    let trimmed = std::sync::Arc::clone(&hub);
    tokio::spawn(async move {
        let mut every = tokio::time::interval(TRIM_EVERY);
        loop {
            every.tick().await;
            let unloaded = trimmed.unload_idle();
            if unloaded > 0 {
                tracing::debug!(unloaded, "unloaded rooms nobody is using");
            }
            return_free_memory();
        }
    });
    if let Some((listener, handle)) = metrics {
        let metrics_addr = listener.local_addr().context("reading the metrics address")?;
        tracing::info!("metrics at http://{metrics_addr}/metrics");
        let mut stopping = hub.stopping();
        tokio::spawn(server::web::metrics::serve_metrics(listener, handle, async move {
            let _ = stopping.wait_for(|stopping| *stopping).await;
        }));
    }
    let stopping = std::sync::Arc::clone(&hub);
    let stop = async move {
        let signal = stop_signal().await;
        tracing::info!(signal, "stopping: no new connections; every screen is told to reconnect");
        stopping.stop();
    };
    let started = tokio::time::Instant::now();
    serve_until(listener, router, Timeouts::default(), stop, REQUESTS_GRACE).await;
    // The sockets close themselves (after the change each is handling was acknowledged).
    while hub.open_sockets() > 0 && started.elapsed() < REQUESTS_GRACE + SOCKETS_GRACE {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    tracing::info!(open_sockets = hub.open_sockets(), "stopped");
    Ok(())
}

/// Waits for `SIGTERM` (systemd, a container, a deploy) or `SIGINT` (Ctrl-C); names it.
async fn stop_signal() -> &'static str {
    let mut terminate = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(signal) => signal,
        Err(e) => {
            tracing::warn!(error = %e, "cannot listen for SIGTERM; only Ctrl-C stops the server gracefully");
            let _ = tokio::signal::ctrl_c().await;
            return "SIGINT";
        }
    };
    tokio::select! {
        _ = terminate.recv() => "SIGTERM",
        _ = tokio::signal::ctrl_c() => "SIGINT",
    }
}
