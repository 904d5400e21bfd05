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

step "export files read by independent readers (pandas, openpyxl)"
export_dir=$(mktemp -d)
cargo run -q -p server --example sample_export -- "$export_dir/sample-export.zip"
.tools/pyenv/bin/python server/tests/check_export.py "$export_dir/sample-export.zip"
rm -rf "$export_dir"

step "end-to-end tests (release build, Playwright + Chromium)"
e2e_db_dir=$(mktemp -d)
trap 'rm -rf "$e2e_db_dir"' EXIT
# The researcher area test signs in with this key (the server and Playwright both read it).
DS_ADMIN_KEY="${DS_ADMIN_KEY:-e2e-admin-key}" DS_DATABASE="$e2e_db_dir/e2e.sqlite3" cargo leptos end-to-end --release
