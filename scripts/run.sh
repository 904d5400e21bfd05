#!/usr/bin/env bash
# Sets up what is missing, builds the release app and serves it.
#
#   scripts/run.sh          this machine only: http://127.0.0.1:3000
#   scripts/run.sh --lan    a venue: listens on every interface and puts this laptop's LAN
#                           address in join links and QR codes, so tablets on the Wi-Fi join
#
# Any other flag goes to the server (`target/release/server --help` lists them all, with the
# environment variables that set the same: DS_DATABASE, DS_PUBLIC_URL, LEPTOS_SITE_ADDR, ...).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
exec target/release/server "$@"
