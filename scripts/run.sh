#!/usr/bin/env bash
# Sets up what is missing, builds the release app and serves it on http://127.0.0.1:3000.
# Configuration (environment): DS_DATABASE (SQLite file, default data/discretion-spectrum.sqlite3),
# LEPTOS_SITE_ADDR (address to listen on), DS_PUBLIC_URL (origin used in join links and QR codes).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
exec cargo leptos serve --release
