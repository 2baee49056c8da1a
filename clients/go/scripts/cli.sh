#!/usr/bin/env bash
# The cross-language test contract (see cmd/tabularium-client):
#   cli.sh notarize --server HOST:PORT --key KEY.pem --chain-id ID --sha256 HEX --out RECEIPT.json
#   cli.sh verify-receipt --log-key KEY --receipt RECEIPT.json [--origin O]
# Builds the command into the project's .tools/go/bin (fast when nothing changed) and runs it.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin="$here/../../.tools/go/bin/tabularium-client"
(cd "$here" && go build -o "$bin" ./cmd/tabularium-client)
exec "$bin" "$@"
