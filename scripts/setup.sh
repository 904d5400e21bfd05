#!/usr/bin/env bash
# Installs whatever this machine is missing to build (and, with --test, to test) the app.
# Idempotent: each step checks first and skips what is already there.
#
#   scripts/setup.sh          toolchain for building and serving
#   scripts/setup.sh --test   the same, plus what the tests use: Chromium, Firefox ESR and
#                             WebKitGTK (with its WebDriver and Xvfb), R, PostgreSQL, pandas,
#                             openpyxl and lxml
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
[ "${1:-}" = "--test" ] && want_test=true

CARGO_LEPTOS_VERSION=0.3.10
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)

step() { printf '\n== %s\n' "$*"; }

export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  step "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 15 minutes on 2 cores, once)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # --locked fails for 0.2.130 (a yanked dependency in its lock file), so resolve afresh.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# Node packages: Playwright (tests) and binaryen's wasm-opt (release builds; Debian's binaryen
# 108 silently breaks rustc 1.95's WebAssembly, the npm one does not).
if ! command -v npm >/dev/null; then
  step "installing Node.js and npm"
  apt-get update && apt-get install -y nodejs npm
fi
stamp=end2end/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ end2end/package-lock.json -nt "$stamp" ]; then
  step "installing Node packages (end2end/)"
  (cd end2end && npm ci --no-audit --no-fund)
fi

if $want_test; then
  if [ ! -x /usr/bin/chromium ]; then
    step "installing Debian's Chromium for the browser tests"
    apt-get update && apt-get install -y chromium
  fi
  # The other engines the browser tests run in: Firefox ESR (driven over WebDriver BiDi, no
  # geckodriver), and WebKitGTK's WebDriver with what end2end/engines/webkit-browser.py needs
  # (python3-gi, WebKit2 4.1's bindings), under a virtual X display (xvfb-run, xauth).
  missing=()
  command -v firefox-esr >/dev/null || missing+=(firefox-esr)
  command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
  /usr/bin/python3 -c 'import gi; gi.require_version("WebKit2", "4.1")' 2>/dev/null || missing+=(python3-gi gir1.2-webkit2-4.1)
  command -v xvfb-run >/dev/null || missing+=(xvfb)
  command -v xauth >/dev/null || missing+=(xauth)
  if [ ${#missing[@]} -gt 0 ]; then
    step "installing Debian's ${missing[*]} for the browser tests in Firefox and WebKit"
    apt-get update && apt-get install -y --no-install-recommends "${missing[@]}"
  fi
  # R runs the codebook's "Read it in R" code (base R); fpc (Debian's r-cran-fpc; CRAN is not
  # needed) checks the opinion groups' stability against Hennig's clusterboot.
  if ! command -v Rscript >/dev/null || ! Rscript -e 'library(fpc)' >/dev/null 2>&1; then
    step "installing Debian's R and fpc (the codebook's R code and the groups check are run by the tests)"
    apt-get update && apt-get install -y --no-install-recommends r-base-core r-cran-fpc
  fi
  # PostgreSQL's server binaries: scripts/pg-cluster.sh runs a throwaway cluster with them, on
  # which the tests run the store a second time.
  if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    step "installing Debian's PostgreSQL (the tests also run the store on PostgreSQL)"
    apt-get update && apt-get install -y --no-install-recommends postgresql
  fi
  # Independent readers for the export files: pandas and openpyxl, lxml (libxml2's XML
  # Schema validator, for the NVivo project) and scikit-learn (the codebook's groups recipe),
  # in a project venv.
  if ! .tools/pyenv/bin/python -c 'import pandas, openpyxl, lxml, sklearn' 2>/dev/null; then
    step "installing pandas, openpyxl, lxml and scikit-learn (export checks) into .tools/pyenv"
    python3 -m venv .tools/pyenv
    .tools/pyenv/bin/pip install --quiet pandas openpyxl lxml scikit-learn
  fi
fi
