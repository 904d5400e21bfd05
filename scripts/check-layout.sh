#!/usr/bin/env bash
# Keeps the house tidy where the compiler cannot: the shared domain logic (app/src/domain)
# imports neither Leptos, the live connection nor the wire protocol, so the browser and the
# server run it unchanged and it is tested with plain #[test]s. Fails naming each line.
set -euo pipefail
cd "$(dirname "$0")/.."

found=$(grep -rnE '(^|[^[:alnum:]_])(leptos[[:alnum:]_]*::|use leptos|crate::live|crate::protocol|super::super::(live|protocol))' \
  app/src/domain --include='*.rs' || true)
if [ -n "$found" ]; then
  echo "app/src/domain must not import leptos, live or protocol (the domain knows nothing of the screen or the wire):" >&2
  echo "$found" >&2
  exit 1
fi
echo "layout: app/src/domain imports no leptos, live or protocol"
