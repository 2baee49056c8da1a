#!/usr/bin/env bash
# Regenerate the Go code into a temp folder; fail if the committed clients/go/gen differs.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$here/scripts/gen_protos.sh" "$tmp"
if ! diff -r "$tmp/gen" "$here/gen" >/dev/null; then
  diff -r "$tmp/gen" "$here/gen" | head -20
  echo "stale generated code in clients/go/gen (run: make protos)"
  exit 1
fi
