#!/usr/bin/env bash
# Sets up what is missing, then runs every check CI runs: formatting, clippy (server, browser
# and shared code), unit and integration tests, the end-to-end tests in Chromium, and their
# main flows again in Firefox and WebKit.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
source scripts/env.sh
# A full run builds each crate once, so incremental caches only cost disk: on a fresh clone they
# more than doubled the target folder (about 16 GB of 26 GB) and CI once ran out of space.
export CARGO_INCREMENTAL=0

step() { printf '\n== %s\n' "$*"; }

# Everything started below is stopped, and its folder removed, on exit: the PostgreSQL cluster
# for the tests and the server for the browser tests (either may not have been started yet).
pg_dir=""
e2e_dir=""
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  if [ -n "$pg_dir" ]; then
    scripts/pg-cluster.sh stop "$pg_dir" >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
  if [ -n "$e2e_dir" ]; then rm -rf "$e2e_dir"; fi
}
trap cleanup EXIT

step "cargo fmt --check"
cargo fmt --all -- --check

step "layout (the domain imports no leptos, live or protocol; the server's floors import only downwards)"
scripts/check-layout.sh

step "clippy (server and shared code)"
cargo clippy --workspace --all-targets -- -D warnings
step "clippy (browser build)"
cargo clippy -p app --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings

step "a throwaway PostgreSQL cluster for the tests"
# DS_TEST_POSTGRES is the URL of a PostgreSQL server where tests may create databases (the tests
# read it themselves). DS_TEST_BACKEND=postgres makes the integration harness and the store
# tests run on PostgreSQL instead of SQLite.
pg_dir=$(mktemp -d)
DS_TEST_POSTGRES="$(scripts/pg-cluster.sh start "$pg_dir")"
export DS_TEST_POSTGRES

step "unit and integration tests"
cargo test --workspace

step "store and integration tests on PostgreSQL"
DS_TEST_BACKEND=postgres cargo test -p server --lib --test integration

step "export files read by independent readers (pandas, openpyxl; the NVivo project with lxml against the REFI-QDA schema)"
export_dir=$(mktemp -d)
cargo run -q -p server --example sample_export -- "$export_dir/sample-export.zip"
.tools/pyenv/bin/python server/tests/check_export.py "$export_dir/sample-export.zip"
.tools/pyenv/bin/python server/tests/check_qdpx.py "$export_dir/sample-export.zip"
rm -rf "$export_dir"

step "the codebook's R and pandas code, run on a sample export"
scripts/check-snippets.sh .tools/pyenv/bin/python

step "end-to-end tests (release build, Playwright + Chromium)"
e2e_dir=$(mktemp -d)
scripts/build.sh
# The whole suite runs against the binary copied alone into an empty folder: it must serve
# every page, script and icon from itself (nothing from target/site).
# A server left running on the port would answer instead of the one just built.
if (exec 3<>/dev/tcp/127.0.0.1/3000) 2>/dev/null; then
  echo "something already listens on 127.0.0.1:3000: stop it, the browser tests must reach the server built here" >&2
  exit 1
fi
mkdir -p "$e2e_dir/alone"
cp target/release/server "$e2e_dir/alone/server"
# The researcher area test signs in with this key (the server and Playwright both read it).
export DS_ADMIN_KEY="${DS_ADMIN_KEY:-e2e-admin-key}"
(cd "$e2e_dir/alone" && exec env -u LEPTOS_SITE_ROOT DS_DATABASE="$e2e_dir/alone/e2e.sqlite3" \
  ./server --addr 127.0.0.1:3000) >"$e2e_dir/server.log" 2>&1 &
server_pid=$!
sleep 1
if ! kill -0 "$server_pid" 2>/dev/null; then
  echo "the server did not start:" >&2
  cat "$e2e_dir/server.log" >&2
  exit 1
fi
# On a failure the end of the output says which tests failed and why, after the server's log
# (CI shows the output's end).
failed_tests() {
  echo "--- failed browser tests ---" >&2
  grep -E '✘|^ +[0-9]+\) |Error:|error:|Expected|Received|^ +> +[0-9]+ \||not ok' "$1" | tail -n 80 >&2 || true
}
if ! (cd end2end && npx playwright test) 2>&1 | tee "$e2e_dir/playwright.log"; then
  echo "--- server log ---" >&2
  tail -n 50 "$e2e_dir/server.log" >&2
  failed_tests "$e2e_dir/playwright.log"
  exit 1
fi

step "the same flows in Firefox and WebKit"
# Against a server of their own (a fresh database, as a venue's would be), not the one the
# Chromium suite has filled. Firefox headless; WebKit needs an X display, so both run under
# xvfb-run. The tests that stop and restart a server run their own copy of the binary
# (DS_SERVER_BIN) on a free port.
engines_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$e2e_dir/engines"
(cd "$e2e_dir/engines" && exec env -u LEPTOS_SITE_ROOT DS_DATABASE="$e2e_dir/engines/engines.sqlite3" \
  "$e2e_dir/alone/server" --addr "127.0.0.1:$engines_port") >"$e2e_dir/engines.log" 2>&1 &
engines_pid=$!
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$engines_port") 2>/dev/null && break; sleep 0.2; done
engines() {
  (cd end2end && BASE_URL="http://127.0.0.1:$engines_port" DS_SERVER_BIN="$e2e_dir/alone/server" npm run --silent test:engines) \
    2>&1 | tee "$e2e_dir/engines-tests-$1.log"
}
# Like Playwright's one retry for the Chromium suite: the flows run once more after a failure,
# and a pass then is reported as flaky, with the first run's failures.
if ! engines 1; then
  echo "--- the Firefox and WebKit flows failed; running them once more (a pass now means a flaky test) ---" >&2
  failed_tests "$e2e_dir/engines-tests-1.log"
  if ! engines 2; then
    echo "--- server log ---" >&2
    tail -n 50 "$e2e_dir/engines.log" >&2
    failed_tests "$e2e_dir/engines-tests-2.log"
    kill "$engines_pid" 2>/dev/null || true
    exit 1
  fi
  echo "--- flaky: the Firefox and WebKit flows passed on their second run; the first run's failures: ---" >&2
  failed_tests "$e2e_dir/engines-tests-1.log"
fi
kill "$engines_pid" 2>/dev/null || true
