"""A small command line for cross-language tests (the same contract in every client):

    notarize --server HOST:PORT --key KEY.pem --chain-id ID --sha256 HEX --out RECEIPT.json
    verify-receipt --log-key KEY --receipt RECEIPT.json [--origin O]

``notarize`` builds, signs and submits a RegisterDocument and writes the receipt in the proto3
JSON mapping; exit 0. ``verify-receipt`` exits 0 if the receipt verifies offline against the
pinned verifier key (a string, or a file holding it), else 1 with the reason on stderr.
Usage errors exit 2; a failed notarization exits 1 with the reason on stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tabularium_client import tx
from tabularium_client.client import Client
from tabularium_client.errors import ClientError, VerificationError
from tabularium_client.keys import load_private_key
from tabularium_client.verify import receipt_from_json, receipt_to_json, verify_receipt


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tabularium-client", description="Notarize documents and verify receipts."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    notarize = commands.add_parser("notarize", help="register a document digest")
    notarize.add_argument("--server", required=True, help="node address HOST:PORT")
    notarize.add_argument("--key", required=True, type=Path, help="PEM PKCS#8 Ed25519 key")
    notarize.add_argument("--chain-id", required=True, help="the node's chain id")
    notarize.add_argument("--sha256", required=True, help="document digest, 64 hex digits")
    notarize.add_argument("--out", required=True, type=Path, help="receipt JSON to write")
    notarize.add_argument("--title", default="", help="short title for humans")
    verify = commands.add_parser("verify-receipt", help="verify a receipt offline")
    verify.add_argument("--log-key", required=True, help="verifier key, or a file holding it")
    verify.add_argument("--receipt", required=True, type=Path, help="receipt JSON")
    verify.add_argument("--origin", default=None, help="expected checkpoint origin")
    return parser


def _notarize(args: argparse.Namespace) -> int:
    try:
        digest = bytes.fromhex(args.sha256)
        key = load_private_key(args.key)
        raw = tx.build_signed(args.chain_id, tx.register_document(digest, args.title), key)
    except (ValueError, OSError) as exc:
        print(f"notarize: {exc}", file=sys.stderr)
        return 1
    with Client(args.server) as client:
        try:
            receipt = client.submit(raw)
        except ClientError as exc:
            print(f"notarize: refused: {exc}", file=sys.stderr)
            return 1
    args.out.write_text(receipt_to_json(receipt))
    return 0


def _verify_receipt(args: argparse.Namespace) -> int:
    path = Path(args.log_key)
    log_key = path.read_text() if path.is_file() else args.log_key
    try:
        receipt = receipt_from_json(args.receipt.read_text())
        checkpoint = verify_receipt(receipt, log_key, origin=args.origin)
    except (ValueError, OSError) as exc:
        print(f"invalid: not a receipt: {exc}", file=sys.stderr)
        return 1
    except VerificationError as exc:
        print(f"invalid: {exc}", file=sys.stderr)
        return 1
    print(
        f"valid: entry {receipt.entry_index} in tree of size {checkpoint.size} "
        f"({checkpoint.origin})"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "notarize":
        return _notarize(args)
    return _verify_receipt(args)
