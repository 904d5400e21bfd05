#!/usr/bin/env bash
# Sets up what is missing, then runs every check CI runs: formatting, clippy (server, browser
# and shared code), unit and integration tests, and the end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
source scripts/env.sh

step() { printf '\n== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy (server and shared code)"
cargo clippy --workspace --all-targets -- -D warnings
step "clippy (browser build)"
cargo clippy -p app --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings

step "unit and integration tests"
cargo test --workspace

step "end-to-end tests (release build, Playwright + Chromium)"
e2e_db_dir=$(mktemp -d)
trap 'rm -rf "$e2e_db_dir"' EXIT
DS_DATABASE="$e2e_db_dir/e2e.sqlite3" cargo leptos end-to-end --release
