#!/usr/bin/env bash
# Runs the codebook's "Read it in R" and "Read it in pandas" code on a sample export (eight
# pairs, two rounds), then checks R's and pandas' numbers against the export's
# (server/tests/snippets/); then checks the opinion groups of 100 seeded random rooms against
# R's kmeans and fpc::clusterboot (server/tests/snippets/groups.R).
# Usage: scripts/check-snippets.sh PYTHON
set -euo pipefail
cd "$(dirname "$0")/.."
python=${1:-python3}
case "$python" in /*) ;; */*) python="$(pwd)/$python" ;; esac
root=$(pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cargo run -q -p server --example sample_export -- "$dir/findings.zip" --findings >/dev/null
mkdir "$dir/export"
"$python" -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$dir/findings.zip" "$dir/export"
codebook=server/src/research/codebook.md
# The first fenced block of each language in the codebook.
block() { awk -v lang="$1" '$0 == "```" lang { on = 1; next } on && $0 == "```" { exit } on { print }' "$codebook"; }
block r >"$dir/snippet.R"
block python >"$dir/snippet.py"
[ -s "$dir/snippet.R" ] && [ -s "$dir/snippet.py" ] || { echo "the codebook has no R or pandas snippet" >&2; exit 1; }
(cd "$dir/export" && Rscript -e "source('$dir/snippet.R'); source('$root/server/tests/snippets/check.R')")
(cd "$dir/export" && "$python" -c "
import sys
scope = {}
exec(open('$dir/snippet.py').read(), scope)
exec(open('$root/server/tests/snippets/check.py').read(), scope)
")
cargo run -q -p server --example group_rooms -- "$dir/rooms.csv" 100
Rscript server/tests/snippets/groups.R "$dir/rooms.csv"
