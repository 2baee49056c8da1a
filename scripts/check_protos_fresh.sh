#!/usr/bin/env bash
# Regenerate the Python stubs into a temp folder and fail if the committed ones differ.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
scripts/gen_protos.sh "$tmp"
status=0
while IFS= read -r -d '' f; do
  rel=${f#"$tmp"/}
  if ! cmp -s "$f" "server/$rel"; then
    echo "stale generated file: server/$rel (run: make protos)"
    status=1
  fi
done < <(find "$tmp" -type f -print0)
while IFS= read -r -d '' f; do
  rel=${f#server/}
  [ -f "$tmp/$rel" ] || { echo "generated file without a proto: $f"; status=1; }
done < <(find server/tabularium/*/v1 -type f \( -name '*_pb2*' -o -name '__init__.py' \) -print0 2>/dev/null)
exit $status
