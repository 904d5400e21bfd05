//! Command-line settings of the server binary. Every flag also reads an environment variable,
//! so a systemd unit, a container or `scripts/run.sh` can configure it either way; the flag
//! wins when both are given. `server --help` lists them all.

use std::net::SocketAddr;

use clap::{Args, Parser, Subcommand};

use crate::web::state::{Config, DEFAULT_DATABASE};

/// The default listen address: this machine only, so nothing is exposed by accident.
pub const DEFAULT_ADDR: &str = "127.0.0.1:3000";
/// The port `--lan` listens on when no address is given.
pub const DEFAULT_PORT: u16 = 3000;

/// Discretion Spectrum: a real-time workshop where pairs place post-its on a spectrum.
///
/// One self-contained binary: pages, WebAssembly, styles and icons are built in. Copy it
/// anywhere and run it; the database file (and the admin key beside it) is created on the
/// first start.
#[derive(Clone, Debug, Parser, PartialEq)]
#[command(version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    /// Without a command, the server runs.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Where the data lives: a SQLite file (WAL mode; its folder is created), or a PostgreSQL
    /// database `postgres://USER:PASSWORD@HOST:PORT/DB` that several instances may share
    /// (then --admin-key is needed, the same on every instance). `server backup` copies it.
    #[arg(long, global = true, env = "DS_DATABASE", default_value = DEFAULT_DATABASE, value_name = "FILE|URL")]
    pub database: String,

    /// Address to listen on. `0.0.0.0:3000` listens on every interface.
    #[arg(long, env = "LEPTOS_SITE_ADDR", value_name = "IP:PORT")]
    pub addr: Option<SocketAddr>,

    /// Venue mode for the facilitator's laptop: listen on every interface (port 3000 unless
    /// --addr says otherwise), find this machine's LAN address and use it for join links and
    /// QR codes, so tablets on the same Wi-Fi can open them.
    #[arg(long, env = "DS_LAN", value_parser = clap::builder::BoolishValueParser::new(), default_value_t = false, action = clap::ArgAction::Set, num_args = 0..=1, default_missing_value = "true")]
    pub lan: bool,

    /// Origin used in join links and QR codes, e.g. `https://spectrum.example.org` behind a
    /// reverse proxy. Without it (and without --lan) the origin comes from each request's Host.
    #[arg(long, env = "DS_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,

    /// The researchers' admin key. Without it, the key is read from (or generated into) the
    /// file `admin-key` beside the database, readable by its owner only.
    #[arg(long, env = "DS_ADMIN_KEY", value_name = "KEY", hide_env_values = true)]
    pub admin_key: Option<String>,

    /// Other origins whose pages may use this server, comma-separated (e.g. a second name of
    /// the same site). The server's own address and --public-url are always allowed; a
    /// browser request from any other site is refused (403).
    #[arg(long, env = "DS_ALLOWED_ORIGINS", value_name = "ORIGINS", value_delimiter = ',')]
    pub allowed_origins: Vec<String>,

    /// Most pairs one workshop takes; one more is refused with a sentence to ask the
    /// facilitator. A pair's token may have at most 4 screens connected at once.
    #[arg(long, env = "DS_MAX_PAIRS", value_name = "N", default_value_t = crate::live::room::DEFAULT_MAX_PAIRS)]
    pub max_pairs: usize,

    /// The HTTP rate limits per client address (creating, joining, signing in, downloading;
    /// wrong admin keys slow down). `off` only for load tests on loopback.
    #[arg(long, env = "DS_RATE_LIMITS", value_parser = clap::builder::BoolishValueParser::new(), default_value_t = true, action = clap::ArgAction::Set, value_name = "on|off")]
    pub rate_limits: bool,

    /// Behind a reverse proxy you run: the header it puts the client's address in (e.g.
    /// `X-Forwarded-For`; its last entry is used). Without it, the connection's address.
    #[arg(long, env = "DS_CLIENT_IP_HEADER", value_name = "HEADER")]
    pub client_ip_header: Option<String>,

    /// How log lines are written: `text` for a person at a terminal; `json` for a log
    /// collector (every line on standard output and standard error one JSON object; a newly
    /// generated admin key is then not shown, only the file it is in).
    #[arg(long, env = "DS_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, value_name = "text|json")]
    pub log_format: LogFormat,

    /// Serve Prometheus metrics at `http://ADDR/metrics` on a listener of their own, e.g.
    /// `127.0.0.1:9464` (keep it private: never the public address). Off without it; the
    /// public listener never serves /metrics.
    #[arg(long, env = "DS_METRICS_ADDR", value_name = "IP:PORT")]
    pub metrics_addr: Option<SocketAddr>,
}

/// How log lines are written (`--log-format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Readable lines, for a terminal.
    Text,
    /// One JSON object a line, for a log collector.
    Json,
}

const AFTER_HELP: &str = "\
Logging: RUST_LOG (default `info,memory_serve=warn`), e.g. RUST_LOG=server=debug.

Examples:
  server                       this machine only, http://127.0.0.1:3000
  server --lan                 a venue: tablets on the same Wi-Fi join at http://<LAN address>:3000
  server --addr 127.0.0.1:8080 --public-url https://spectrum.example.org   behind a reverse proxy
  server --metrics-addr 127.0.0.1:9464      Prometheus metrics at http://127.0.0.1:9464/metrics
  server backup --to /var/backups/spectrum-$(date +%F).sqlite3   a consistent copy, while serving
  server copy-database --from data/discretion-spectrum.sqlite3 --to postgres://USER:PASSWORD@HOST:PORT/DB";

/// What the binary does instead of serving.
#[derive(Clone, Debug, Subcommand, PartialEq)]
pub enum Command {
    /// Copy every workshop of a SQLite database into PostgreSQL, exactly as stored, then check
    /// that each reads back the same.
    ///
    /// Ids, join codes, console links (the facilitator's secret) and the pairs' tokens keep
    /// working on the copy. Stop the server using the SQLite file first: what it writes after
    /// the copy began is not copied. The copy is one transaction: all of it or nothing. It is
    /// refused, with nothing written, when the PostgreSQL database already holds one of these
    /// workshops (a copy made before) or one of their join codes; other workshops there are
    /// kept. See docs/POSTGRES.md, "Moving a SQLite database to PostgreSQL".
    #[command(after_help = COPY_AFTER_HELP)]
    CopyDatabase(CopyDatabase),

    /// Copy the SQLite database (--database, DS_DATABASE) into a new file, consistently, while
    /// the server keeps serving; then check the copy (`PRAGMA integrity_check`).
    ///
    /// Every change acknowledged before the backup began is in the copy. `server --database
    /// FILE` serves the copy as it is (keep the `admin-key` file beside the database with it).
    /// An existing file is not overwritten unless --force is given. With PostgreSQL, use
    /// `pg_dump` instead (the command says how).
    #[command(after_help = BACKUP_AFTER_HELP)]
    Backup(Backup),
}

const BACKUP_AFTER_HELP: &str = "\
Example:
  server backup --database /var/lib/discretion-spectrum/discretion-spectrum.sqlite3 --to /var/backups/spectrum-$(date +%F).sqlite3";

/// `server backup`'s settings.
#[derive(Clone, Debug, Args, PartialEq)]
pub struct Backup {
    /// The file to write the copy to (its folder must exist).
    #[arg(long, value_name = "FILE")]
    pub to: std::path::PathBuf,

    /// Replace FILE if it exists (the old copy is kept until the new one is complete and checked).
    #[arg(long)]
    pub force: bool,
}

const COPY_AFTER_HELP: &str = "\
Example:
  server copy-database --from data/discretion-spectrum.sqlite3 --to postgres://ds:PASSWORD@db.example.org:5432/spectrum

Then start the servers with --database set to the same URL and --admin-key (DS_ADMIN_KEY) set to the key
in the `admin-key` file beside the SQLite file, so the researchers' links keep working.";

/// `server copy-database`'s settings.
#[derive(Clone, Debug, Args, PartialEq)]
pub struct CopyDatabase {
    /// The SQLite file to copy (it must exist; a file of an earlier version is upgraded in
    /// place first, as the server would on its next start).
    #[arg(long, value_name = "FILE", value_parser = sqlite_file)]
    pub from: std::path::PathBuf,

    /// The PostgreSQL database to copy into, `postgres://USER:PASSWORD@HOST:PORT/DB` (its
    /// schema is created if it has none).
    #[arg(long, value_name = "URL", value_parser = postgres_url)]
    pub to: String,
}

/// `--from`: a file path, not a database URL.
fn sqlite_file(text: &str) -> Result<std::path::PathBuf, String> {
    match crate::store::Location::parse(text) {
        crate::store::Location::File(path) if !text.trim().is_empty() => Ok(path),
        crate::store::Location::File(_) => Err("give the SQLite file to copy".into()),
        crate::store::Location::Postgres(_) => Err("the source must be a SQLite file, not a PostgreSQL URL".into()),
    }
}

/// `--to`: a `postgres://` or `postgresql://` URL (a mistyped one is not taken for a file name).
fn postgres_url(text: &str) -> Result<String, String> {
    match crate::store::Location::parse(text) {
        crate::store::Location::Postgres(url) => Ok(url),
        crate::store::Location::File(_) => {
            Err("expected a PostgreSQL URL, postgres://USER:PASSWORD@HOST:PORT/DB".into())
        }
    }
}

impl Cli {
    /// The address to bind: `--addr`, else all interfaces in LAN mode, else [`DEFAULT_ADDR`].
    pub fn listen_addr(&self) -> SocketAddr {
        match self.addr {
            Some(addr) => addr,
            None if self.lan => SocketAddr::from(([0, 0, 0, 0], DEFAULT_PORT)),
            // Cannot fail: a constant that parses.
            None => DEFAULT_ADDR.parse().expect("valid default address"),
        }
    }

    /// The server settings, with `public_url` as decided by the caller (see
    /// [`crate::lan::public_origin`], from [`Cli::public_url`], already trimmed). An empty
    /// admin key counts as unset.
    pub fn config(&self, public_url: Option<String>) -> Config {
        Config {
            database: crate::store::Location::parse(&self.database),
            public_url,
            admin_key: self.admin_key.clone().filter(|k| !k.trim().is_empty()),
            announce_origin: None,
            show_new_key: self.log_format == LogFormat::Text,
            max_pairs: self.max_pairs,
            rate_limits: self.rate_limits,
            client_ip_header: self.client_ip_header.clone(),
            allowed_origins: self
                .allowed_origins
                .iter()
                .map(|o| o.trim().to_string())
                .filter(|o| !o.is_empty())
                .collect(),
        }
    }

    /// `--public-url` without surrounding spaces or a trailing slash; `None` when empty.
    pub fn public_url(&self) -> Option<String> {
        self.public_url.as_deref().map(|u| u.trim().trim_end_matches('/').to_string()).filter(|u| !u.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn parse(args: &[&str]) -> Cli {
        Cli::try_parse_from(std::iter::once("server").chain(args.iter().copied())).unwrap()
    }

    #[test]
    fn help_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn defaults_listen_on_this_machine_only() {
        let cli = parse(&[]);
        assert!(!cli.lan);
        assert_eq!(cli.listen_addr(), "127.0.0.1:3000".parse().unwrap());
    }

    #[test]
    fn lan_listens_everywhere_unless_an_address_is_given() {
        assert_eq!(parse(&["--lan"]).listen_addr(), "0.0.0.0:3000".parse().unwrap());
        assert_eq!(parse(&["--lan", "--addr", "0.0.0.0:8080"]).listen_addr(), "0.0.0.0:8080".parse().unwrap());
        assert!(parse(&["--lan=false"]).listen_addr().ip().is_loopback());
    }

    #[test]
    fn public_url_is_trimmed() {
        let cli = parse(&["--public-url", " https://ds.example.org/ "]);
        assert_eq!(cli.public_url().as_deref(), Some("https://ds.example.org"));
        assert_eq!(parse(&["--public-url", ""]).public_url(), None);
    }

    #[test]
    fn no_command_runs_the_server_and_copy_database_takes_a_file_and_a_url() {
        assert_eq!(parse(&["--lan"]).command, None);
        let cli = parse(&["copy-database", "--from", "data/x.sqlite3", "--to", "postgres://u:p@h:5432/db"]);
        let expected = CopyDatabase { from: "data/x.sqlite3".into(), to: "postgres://u:p@h:5432/db".into() };
        assert_eq!(cli.command, Some(Command::CopyDatabase(expected)));
    }

    #[test]
    fn copy_database_refuses_a_url_as_source_and_a_file_as_target() {
        let copy = |from: &str, to: &str| {
            Cli::try_parse_from(["server", "copy-database", "--from", from, "--to", to]).unwrap_err().to_string()
        };
        let err = copy("postgres://h/db", "postgres://h/other");
        assert!(err.contains("--from") && err.contains("must be a SQLite file"), "{err}");
        let err = copy("data/x.sqlite3", "postgress://h/db");
        assert!(err.contains("--to") && err.contains("expected a PostgreSQL URL"), "{err}");
        let err = Cli::try_parse_from(["server", "copy-database", "--from", "x"]).unwrap_err().to_string();
        assert!(err.contains("--to"), "{err}");
    }

    #[test]
    fn backup_takes_the_database_before_or_after_the_command() {
        let after = parse(&["backup", "--database", "x.sqlite3", "--to", "y.sqlite3"]);
        let before = parse(&["--database", "x.sqlite3", "backup", "--to", "y.sqlite3"]);
        assert_eq!(after, before);
        assert_eq!(after.database, "x.sqlite3");
        assert_eq!(after.command, Some(Command::Backup(Backup { to: "y.sqlite3".into(), force: false })));
        let forced = parse(&["backup", "--to", "y.sqlite3", "--force"]);
        assert_eq!(forced.command, Some(Command::Backup(Backup { to: "y.sqlite3".into(), force: true })));
        let err = Cli::try_parse_from(["server", "backup"]).unwrap_err().to_string();
        assert!(err.contains("--to"), "{err}");
    }

    #[test]
    fn metrics_are_off_unless_an_address_is_given() {
        assert_eq!(parse(&[]).metrics_addr, None);
        assert_eq!(parse(&["--metrics-addr", "127.0.0.1:9464"]).metrics_addr, Some("127.0.0.1:9464".parse().unwrap()));
    }

    #[test]
    fn bad_address_is_refused_with_the_flag_named() {
        let err = Cli::try_parse_from(["server", "--addr", "nowhere"]).unwrap_err().to_string();
        assert!(err.contains("--addr"), "{err}");
    }
}
