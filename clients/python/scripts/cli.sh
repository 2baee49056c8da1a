#!/usr/bin/env bash
# The cross-language test contract (see src/tabularium_client/cli.py):
#   cli.sh notarize --server HOST:PORT --key KEY.pem --chain-id ID --sha256 HEX --out RECEIPT.json
#   cli.sh verify-receipt --log-key KEY --receipt RECEIPT.json [--origin O]
#   cli.sh vault-put --server HOST:PORT --key KEY.pem --chain-id ID --owner DID --file PATH \
#                    --media-type TYPE --out RESULT.json
#   cli.sh vault-get --server HOST:PORT --key KEY.pem --chain-id ID --document HEX --grant HEX \
#                    --purpose TEXT --out PATH [--export]
#   cli.sh land-consent --server HOST:PORT --key KEY.pem --chain-id ID --transfer HEX32 --deed HEX64 \
#                       --out RECEIPT.json
#     signs and submits a ConsentTransfer; writes the receipt like notarize
#   cli.sh land-rights --server HOST:PORT --parcel ID [--at-height N]
#     prints {"height": N, "owners": {"<party DID>": "n/d", ...}} (ownership shares)
#   cli.sh pharma-verify --server HOST:PORT --key KEY.pem --chain-id ID --organisation DID --site GLN \
#                        --product-key FILE --scan ELEMENT_STRING [--out RECEIPT.json]
#   cli.sh pharma-decommission (the same flags) --reason supplied|destroyed|...|locked
#     reads the GS1 element string (]d2, AIs 01 17 10 21), signs a VerifyPack / DecommissionPack
#     under the pack key, submits it through PharmaService.SubmitScans and prints one JSON line
#     {"code", "reason", "message", "entry_index", "status", "owner", "alert_ids", "pack_key"};
#     exit 0 if code is OK, 1 otherwise, 2 if the scan or product key cannot be used
#   cli.sh verify-presentation --file VP.json --challenge C --domain D --now RFC3339 [--bind PARTY=DID ...]
#   cli.sh verify-credential --file VC.json --now RFC3339 [--bind PARTY=DID ...]
#     offline (tests/vectors/presentations): prints {"status", "checks": {name: {"outcome",
#     "detail"}}, "reasons", "credentials" (presentations)}; exits 0 only for VALID
#   A refused vault or land call prints {"error": "CODE: details", "reason": "REASON"}, exits 1.
# Runs with the project's .venv (where `make` installs tabularium-client), unless PYTHON is set.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
exec "${PYTHON:-$root/.venv/bin/python}" -m tabularium_client "$@"
