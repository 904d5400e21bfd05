#!/usr/bin/env bash
# Starts and stops a throwaway PostgreSQL cluster for the tests and benchmarks.
#
#   scripts/pg-cluster.sh start DIR   initdb a cluster in DIR/data (once), start it on a free
#                                     port of 127.0.0.1, write its URL to DIR/url and print it
#   scripts/pg-cluster.sh stop DIR    stop it (harmless if it is not running); DIR is kept
#
# The URL is postgres://ds:ds@127.0.0.1:PORT/postgres (superuser "ds", password "ds"); it is
# the only thing printed on stdout, progress goes to stderr:
#
#   dir=$(mktemp -d); url=$(scripts/pg-cluster.sh start "$dir"); ...
#   scripts/pg-cluster.sh stop "$dir"; rm -rf "$dir"
#
# Debian's server binaries are used (/usr/lib/postgresql/*/bin, the highest version;
# `apt-get install postgresql`). PostgreSQL refuses to run as root: as root the cluster is run
# as the user "nobody", which then owns DIR. fsync stays on (durability benchmarks use these).
set -euo pipefail

usage() {
  echo "usage: $0 start DIR | stop DIR" >&2
  exit 2
}

log() { printf 'pg-cluster: %s\n' "$*" >&2; }
die() {
  log "$*"
  exit 1
}

[ $# -eq 2 ] || usage
cmd=$1
[ -n "$2" ] || usage
case "$cmd" in start | stop) ;; *) usage ;; esac

# The server's own binaries (initdb, pg_ctl, pg_isready), highest version first.
find_bindir() {
  local d
  d=$(for b in /usr/lib/postgresql/*/bin; do
    [ -x "$b/initdb" ] && printf '%s\n' "$b"
  done | sort -V | tail -n 1)
  if [ -z "$d" ] && command -v pg_config >/dev/null; then
    d=$(pg_config --bindir 2>/dev/null || true)
  fi
  if [ -z "$d" ] || [ ! -x "$d/initdb" ] || [ ! -x "$d/pg_ctl" ]; then
    die "no PostgreSQL server binaries found (looked in /usr/lib/postgresql/*/bin and pg_config --bindir): apt-get install postgresql"
  fi
  printf '%s\n' "$d"
}

# As root, run the server tools as "nobody" (PostgreSQL refuses root); otherwise as ourselves.
# They run from DIR: the caller's working directory may not be readable by that user.
if [ "$(id -u)" -eq 0 ]; then
  id nobody >/dev/null 2>&1 || die "running as root, but there is no user 'nobody' to run PostgreSQL as"
  pg_uid=$(id -u nobody)
  pg_gid=$(id -g nobody)
  as_pg() { (cd "$dir" && setpriv --reuid="$pg_uid" --regid="$pg_gid" --clear-groups -- "$@"); }
else
  pg_uid=$(id -u)
  as_pg() { (cd "$dir" && "$@"); }
fi

# Absolute, so that the paths given to the server do not depend on its working directory.
dir=$2
case "$dir" in /*) ;; *) dir="$PWD/$dir" ;; esac
dir=${dir%/}
data="$dir/data"
# DIR goes into the server's command line (pg_ctl -o, run by /bin/sh) inside single quotes.
case "$dir" in *"'"*) die "DIR must not contain a single quote: $dir" ;; esac

if [ "$cmd" = stop ]; then
  if [ ! -f "$data/postmaster.pid" ]; then
    log "no cluster running in $dir"
    exit 0
  fi
  bindir=$(find_bindir)
  if as_pg "$bindir/pg_ctl" -D "$data" -m fast -w stop >&2; then
    exit 0
  fi
  # Not running after all (a stale postmaster.pid, e.g. after a crash): nothing to stop.
  if ! as_pg "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "the cluster in $dir is not running"
    exit 0
  fi
  die "could not stop the cluster in $dir (see $dir/postgres.log)"
fi

# --- start ---
bindir=$(find_bindir)

# The unix socket DIR/.s.PGSQL.PORT must fit in sun_path (107 bytes).
if [ $((${#dir} + 18)) -gt 107 ]; then
  die "DIR is too long for PostgreSQL's unix socket path (${#dir} characters; keep it under 90): $dir"
fi

# The directories made here above DIR (with mkdir -p).
made=()
p=$dir
while [ ! -e "$p" ]; do
  made+=("$p")
  p=$(dirname "$p")
done
mkdir -p "$dir"
if [ "$(id -u)" -eq 0 ]; then
  for p in "${made[@]}"; do chmod 711 "$p"; done
  chown "$pg_uid:$pg_gid" "$dir"
  chmod 700 "$dir"
  # Every directory above DIR must let "nobody" through.
  p=$dir
  while [ "$p" != / ] && [ -n "$p" ]; do
    p=$(dirname "$p")
    if ! setpriv --reuid="$pg_uid" --regid="$pg_gid" --clear-groups -- test -x "$p"; then
      die "the user 'nobody' (who runs PostgreSQL for root) cannot enter $p: chmod o+x it, or use a DIR from mktemp -d"
    fi
  done
fi
as_pg test -w "$dir" || die "$dir is not writable by the user that runs PostgreSQL"

# Already running in this DIR: say where.
if [ -f "$data/postmaster.pid" ] && as_pg "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  [ -f "$dir/url" ] || die "a server is already running in $data but $dir/url is missing: stop it first"
  log "already running in $dir"
  cat "$dir/url"
  exit 0
fi

if [ ! -f "$data/PG_VERSION" ]; then
  log "initdb $data ($("$bindir/initdb" --version))"
  rm -rf "$data"
  pwfile="$dir/pwfile"
  (umask 077 && printf 'ds\n' >"$pwfile")
  if [ "$(id -u)" -eq 0 ]; then chown "$pg_uid:$pg_gid" "$pwfile"; fi
  locale_opts=(--no-locale)
  locales=$(locale -a 2>/dev/null || true)
  if grep -qix 'c\.utf-\?8' <<<"$locales"; then
    locale_opts=(--locale=C.UTF-8)
  fi
  if ! as_pg "$bindir/initdb" -D "$data" -U ds --pwfile="$pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 "${locale_opts[@]}" \
    >"$dir/initdb.log" 2>&1; then
    rm -f "$pwfile"
    cat "$dir/initdb.log" >&2
    die "initdb failed"
  fi
  rm -f "$pwfile"
fi

# A port nothing listens on: the kernel's pick where python3 is there, else a random probe.
free_port() {
  local port
  if command -v python3 >/dev/null &&
    port=$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])' 2>/dev/null) && [ -n "$port" ]; then
    printf '%s\n' "$port"
    return
  fi
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      printf '%s\n' "$port"
      return
    fi
  done
  die "found no free port on 127.0.0.1"
}

# Another program may take the port between the pick and the start: then try another one.
started=false
for attempt in 1 2 3 4 5; do
  port=$(free_port)
  log "starting PostgreSQL on 127.0.0.1:$port (data $data, log $dir/postgres.log)"
  if as_pg "$bindir/pg_ctl" -w -t 60 -D "$data" -l "$dir/postgres.log" \
    -o "-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c max_connections=300" start >&2; then
    started=true
    break
  fi
  log "start $attempt failed; the end of the log:"
  tail -n 5 "$dir/postgres.log" >&2 || true
  # A server that came up but did not answer in time must not be left behind.
  as_pg "$bindir/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
done
$started || die "PostgreSQL did not start (see $dir/postgres.log)"

for _ in $(seq 1 300); do
  if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port"; then
    url="postgres://ds:ds@127.0.0.1:$port/postgres"
    printf '%s\n' "$url" >"$dir/url"
    printf '%s\n' "$url"
    exit 0
  fi
  sleep 0.1
done
as_pg "$bindir/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
die "PostgreSQL started but does not accept connections on 127.0.0.1:$port (see $dir/postgres.log)"
