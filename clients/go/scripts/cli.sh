#!/usr/bin/env bash
# The cross-language test contract (see cmd/tabularium-client):
#   cli.sh notarize --server HOST:PORT --key KEY.pem --chain-id ID --sha256 HEX --out RECEIPT.json
#   cli.sh verify-receipt --log-key KEY --receipt RECEIPT.json [--origin O]
#   cli.sh vault-put --server HOST:PORT --key KEY.pem --chain-id ID --owner DID --file PATH \
#                    --media-type TYPE --out RESULT.json
#     -> RESULT.json {"document_id", "version", "entry_index", "salt", "sha256"}; exit 0
#   cli.sh vault-get --server HOST:PORT --key KEY.pem --chain-id ID --document HEX --grant HEX \
#                    --purpose TEXT --out PATH [--export]
#     -> plaintext in PATH; prints {"entry_index", "tx_hash", "size", "sha256"}; exit 0
#   cli.sh land-consent --server HOST:PORT --key KEY.pem --chain-id ID --transfer HEX32 --deed HEX64 \
#                       --out RECEIPT.json
#     -> signs and submits a ConsentTransfer; RECEIPT.json as notarize writes it; exit 0
#   cli.sh land-rights --server HOST:PORT --parcel ID [--at-height N]
#     -> prints {"height": N, "owners": {"<party DID>": "n/d", ...}} (ownership shares); exit 0
#   cli.sh tax-pay --server HOST:PORT --key KEY.pem --chain-id ID --office DID --idempotency-key K \
#                  --amount MINOR_UNITS --currency EUR --value-date YYYY-MM-DD --reference RF... \
#                  [--account HEX32] [--end-to-end-id X] --out RECEIPT.json
#     -> signs and submits a booked RecordPayment; RECEIPT.json as notarize writes it; exit 0
#   cli.sh pharma-verify --server HOST:PORT --key KEY.pem --chain-id ID --organisation DID --site GLN \
#                        --product-key FILE --scan ELEMENT_STRING [--out RECEIPT.json]
#   cli.sh pharma-decommission (the same flags) --reason supplied|destroyed|...|locked
#     reads the GS1 element string (]d2, AIs 01 17 10 21), signs a VerifyPack / DecommissionPack
#     under the pack key, submits it through PharmaService.SubmitScans and prints one JSON line
#     {"code", "reason", "message", "entry_index", "status", "owner", "alert_ids", "pack_key"};
#     exit 0 if code is OK, 1 otherwise, 2 if the scan or product key cannot be used
#   cli.sh verify-presentation --file VP.json --challenge C --domain D --now RFC3339 [--bind PARTY=DID ...]
#   cli.sh verify-credential --file VC.json --now RFC3339 [--bind PARTY=DID ...]
#     -> offline (tests/vectors/presentations): prints {"status", "checks", "reasons", "credentials"};
#        exit 0 only for VALID, else 1
#   A refused vault, land or tax call prints {"error": "CODE: details", "reason": "REASON"} and exits 1.
# Builds the command into the project's .tools/go/bin (fast when nothing changed) and runs it.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin="$here/../../.tools/go/bin/tabularium-client"
(cd "$here" && go build -o "$bin" ./cmd/tabularium-client)
exec "$bin" "$@"
