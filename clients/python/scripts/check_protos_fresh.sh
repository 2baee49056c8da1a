#!/usr/bin/env bash
# Regenerate the client's stubs into a temp folder; fail if the committed ones differ.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$here/scripts/gen_protos.sh" "$tmp/pb"
if ! diff -r "$tmp/pb" "$here/src/tabularium_client/pb" >/dev/null; then
  diff -r "$tmp/pb" "$here/src/tabularium_client/pb" | head -20
  echo "stale generated code in clients/python/src/tabularium_client/pb (run: make protos)"
  exit 1
fi
