#!/usr/bin/env bash
# Keeps the house tidy where the compiler cannot. Fails naming each offending line.
#
# - The shared domain logic (app/src/domain) imports neither Leptos, the live connection nor
#   the wire protocol, so the browser and the server run it unchanged and it is tested with
#   plain #[test]s.
# - The server's floors import only downwards: web/ (the HTTP edge) over research/ and live/,
#   both over store/. So store/ imports none of web, live or research; live/ and research/
#   import neither web nor each other; and web/reply.rs, the words every route answers with,
#   imports nothing else from the crate.
set -euo pipefail
cd "$(dirname "$0")/.."

failed=0
# refuse DESCRIPTION PATTERN PATH...: fails when PATTERN matches a line of PATH.
refuse() {
  local what=$1 pattern=$2
  shift 2
  local found
  # Comments may name other floors; code may not.
  found=$(grep -rnHE "$pattern" "$@" --include='*.rs' | grep -vE '^[^:]+:[0-9]+:[[:space:]]*//' || true)
  if [ -n "$found" ]; then
    echo "$what:" >&2
    echo "$found" >&2
    failed=1
  fi
}

refuse "app/src/domain must not import leptos, live or protocol (the domain knows nothing of the screen or the wire)" \
  '(^|[^[:alnum:]_])(leptos[[:alnum:]_]*::|use leptos|crate::live|crate::protocol|super::super::(live|protocol))' \
  app/src/domain
refuse "server/src/store must not import the HTTP edge, the live rooms or the research formats (storage is the ground floor)" \
  'crate::(web|live|research)\b' server/src/store
refuse "server/src/live must not import the HTTP edge or the research formats" \
  'crate::(web|research)\b' server/src/live
refuse "server/src/research must not import the HTTP edge or the live rooms (exports are made from stored data)" \
  'crate::(web|live)\b' server/src/research
refuse "server/src/web/reply.rs must import nothing else from the crate (every route uses it)" \
  '(crate|super)::' server/src/web/reply.rs

if [ "$failed" -ne 0 ]; then
  exit 1
fi
echo "layout: the domain imports no leptos, live or protocol; the server's floors import only downwards"
