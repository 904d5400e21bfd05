# Sourced by the run and test scripts: puts the project's tools on PATH.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$root/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
