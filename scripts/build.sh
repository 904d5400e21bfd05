#!/usr/bin/env bash
# Builds the release app: the WebAssembly split per screen, content-hashed, then the server,
# which embeds it. The result is one file, target/release/server, that serves everything.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# cargo-leptos can exit 0 after a failed WebAssembly build, so its output is checked too.
cargo leptos build --release --split 2>&1 | tee "$log"
if grep -qE "^error(\[|:)" "$log"; then
  echo "the release build failed (see the errors above)" >&2
  exit 1
fi
echo "built target/release/server ($(du -h target/release/server | cut -f1)); copy it anywhere and run it"
