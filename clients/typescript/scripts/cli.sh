#!/usr/bin/env bash
# The TypeScript client's CLI (see src/cli.ts):
#   cli.sh notarize --server HOST:PORT --key KEY.pem --chain-id ID --sha256 HEX --out RECEIPT.json
#   cli.sh verify-receipt --log-key KEY --receipt RECEIPT.json [--origin O]
# Installs the locked dependencies and compiles on first use or when a source changed.
set -euo pipefail
dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ ! -d "$dir/node_modules" ]; then
  (cd "$dir" && npm ci --silent --no-audit --no-fund) >&2
fi
built="$dir/dist/src/cli.js"
if [ ! -f "$built" ] || [ -n "$(find "$dir/src" "$dir/tsconfig.json" -newer "$built" -print -quit)" ]; then
  (cd "$dir" && node_modules/.bin/tsc -p .) >&2
fi
exec node "$built" "$@"
