"""A small command line for cross-language tests (the same contract in every client):

    notarize --server HOST:PORT --key KEY.pem --chain-id ID --sha256 HEX --out RECEIPT.json
    verify-receipt --log-key KEY --receipt RECEIPT.json [--origin O]
    vault-put --server HOST:PORT --key KEY.pem --chain-id ID --owner DID --file PATH
              --media-type TYPE --out RESULT.json
    vault-get --server HOST:PORT --key KEY.pem --chain-id ID --document HEX --grant HEX
              --purpose TEXT --out PATH [--export]
    land-consent --server HOST:PORT --key KEY.pem --chain-id ID --transfer HEX32 --deed HEX64
                 --out RECEIPT.json
    land-rights --server HOST:PORT --parcel ID [--at-height N]
    tax-pay --server HOST:PORT --key KEY.pem --chain-id ID --office DID --idempotency-key K
            --amount MINOR --currency EUR --value-date YYYY-MM-DD --reference RF..
            [--account HEX32] [--end-to-end-id X] --out RECEIPT.json
    pharma-verify --server HOST:PORT --key KEY.pem --chain-id ID --organisation DID --site GLN
                  --product-key FILE --scan ELEMENT_STRING [--out RECEIPT.json]
    pharma-decommission (the same flags) --reason supplied|destroyed|exported|sample|
                        free-sample|stolen|locked

``notarize`` builds, signs and submits a RegisterDocument and writes the receipt in the proto3
JSON mapping; exit 0. ``verify-receipt`` exits 0 if the receipt verifies offline against the
pinned verifier key (a string, or a file holding it), else 1 with the reason on stderr.
Usage errors exit 2; a failed notarization exits 1 with the reason on stderr.

``vault-put`` streams FILE to the vault and writes {"document_id", "version", "entry_index",
"salt", "sha256"} (hex, numbers) to RESULT.json. ``vault-get`` logs a read (or export), writes
the plaintext to PATH and prints {"entry_index", "tx_hash", "size", "sha256"}.

``tax-pay`` signs and submits a RecordPayment (booked) as the bank whose key it is, writing the
receipt as ``notarize`` does; a retry with the same idempotency key gets the same receipt.
``land-consent`` signs and submits a ConsentTransfer (transfer id 16 bytes, deed SHA-256) and
writes the receipt as ``notarize`` does. ``land-rights`` prints {"height": N, "owners": {DID:
"numerator/denominator"}}: the ownership shares in force (at N if given, else now).

``pharma-verify`` reads the scan (a GS1 element string: optional ``]d2``, AIs 01, 17, 10, 21,
GS after a variable-length element that is not last), computes the pack key under the 32-byte
product key in FILE, signs a VerifyPack (``pharma-decommission``: a DecommissionPack) and submits
it through PharmaService.SubmitScans. It prints the ScanResult as one JSON line {"code",
"reason", "message", "entry_index" (null if not logged), "status" (PackStatus name, null for an
unknown pack), "owner", "alert_ids", "pack_key" (hex)}, writes the receipt to --out if given and
the scan was accepted, and exits 0 if the code is "OK", else 1; a scan it cannot read exits 2.

The vault and land commands print {"error": "CODE: details", "reason": REASON} and exit 1 when
the node refuses.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import grpc
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf.message import Message

from tabularium_client import pharma, tx, vault
from tabularium_client.client import Client, rpc_failed
from tabularium_client.errors import ClientError, RpcFailed, VerificationError
from tabularium_client.keys import load_private_key
from tabularium_client.pb.landregistry.v1 import landregistry_pb2
from tabularium_client.pb.pharma.v1 import pharma_pb2
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
    for name, helptext in (("vault-put", "store a file in the vault"), ("vault-get", "read one")):
        sub = commands.add_parser(name, help=helptext)
        sub.add_argument("--server", required=True, help="node address HOST:PORT")
        sub.add_argument("--key", required=True, type=Path, help="PEM PKCS#8 Ed25519 key")
        sub.add_argument("--chain-id", required=True, help="the node's chain id")
        sub.add_argument("--out", required=True, type=Path, help="file to write")
        if name == "vault-put":
            sub.add_argument("--owner", required=True, help="DID of the owning organisation")
            sub.add_argument("--file", required=True, type=Path, help="content to store")
            sub.add_argument("--media-type", required=True, help="e.g. application/pdf")
        else:
            sub.add_argument("--document", required=True, help="document id, hex")
            sub.add_argument("--grant", required=True, help="grant id, hex")
            sub.add_argument("--purpose", required=True, help="why (logged)")
            sub.add_argument("--export", action="store_true", help="export: check the commitment")
    consent = commands.add_parser("land-consent", help="consent to a land transfer")
    consent.add_argument("--server", required=True, help="node address HOST:PORT")
    consent.add_argument("--key", required=True, type=Path, help="PEM PKCS#8 Ed25519 key")
    consent.add_argument("--chain-id", required=True, help="the node's chain id")
    consent.add_argument("--transfer", required=True, type=_hex(16), help="transfer id, hex")
    consent.add_argument("--deed", required=True, type=_hex(32), help="deed SHA-256, hex")
    consent.add_argument("--out", required=True, type=Path, help="receipt JSON to write")
    pay = commands.add_parser("tax-pay", help="record a tax payment (bank)")
    pay.add_argument("--server", required=True, help="node address HOST:PORT")
    pay.add_argument("--key", required=True, type=Path, help="PEM PKCS#8 Ed25519 key")
    pay.add_argument("--chain-id", required=True, help="the node's chain id")
    pay.add_argument("--office", required=True, help="DID of the tax office")
    pay.add_argument("--idempotency-key", required=True, help="unique per bank")
    pay.add_argument("--amount", required=True, type=int, help="minor units")
    pay.add_argument("--currency", required=True, help="ISO 4217 code")
    pay.add_argument("--value-date", required=True, help="YYYY-MM-DD")
    pay.add_argument("--reference", required=True, help="ISO 11649 creditor reference")
    pay.add_argument("--account", type=_hex(16), default=b"", help="account id, hex")
    pay.add_argument("--end-to-end-id", default="", help="ISO 20022 EndToEndId")
    pay.add_argument("--out", required=True, type=Path, help="receipt JSON to write")
    for name, helptext in (
        ("pharma-verify", "verify a medicinal pack at premises"),
        ("pharma-decommission", "decommission a medicinal pack at premises"),
    ):
        sub = commands.add_parser(name, help=helptext)
        sub.add_argument("--server", required=True, help="node address HOST:PORT")
        sub.add_argument("--key", required=True, type=Path, help="PEM PKCS#8 Ed25519 key")
        sub.add_argument("--chain-id", required=True, help="the node's chain id")
        sub.add_argument("--organisation", required=True, help="DID of the scanning organisation")
        sub.add_argument("--site", required=True, help="GLN of its premises")
        sub.add_argument("--product-key", required=True, type=Path, help="32-byte product key")
        sub.add_argument("--scan", required=True, help="GS1 element string as scanned")
        sub.add_argument("--out", type=Path, default=None, help="receipt JSON to write")
        if name == "pharma-decommission":
            sub.add_argument("--reason", required=True, choices=sorted(pharma.DECOMMISSION_REASONS))
    for name, helptext in (
        ("verify-presentation", "verify a presentation offline"),
        ("verify-credential", "verify a credential offline"),
    ):
        sub = commands.add_parser(name, help=helptext)
        sub.add_argument("--file", required=True, type=Path, help="the JSON document")
        sub.add_argument("--now", required=True, help="time to verify at (RFC 3339)")
        sub.add_argument(
            "--bind", action="append", default=[], help="PARTY=DID: pin who controls a party"
        )
        if name == "verify-presentation":
            sub.add_argument("--challenge", required=True, help="the challenge you gave")
            sub.add_argument("--domain", required=True, help="your identity as the holder knows it")
    rights = commands.add_parser("land-rights", help="ownership shares of a parcel")
    rights.add_argument("--server", required=True, help="node address HOST:PORT")
    rights.add_argument("--parcel", required=True, help="parcel id")
    rights.add_argument("--at-height", type=int, default=0, help="block height (default: now)")
    return parser


def _hex(size: int) -> Callable[[str], bytes]:
    def parse(value: str) -> bytes:
        try:
            raw = bytes.fromhex(value)
        except ValueError:
            raw = b""
        if len(raw) != size:
            raise argparse.ArgumentTypeError(f"want {2 * size} hex digits")
        return raw

    return parse


def _failed(failed: RpcFailed) -> int:
    print(json.dumps({"error": f"{failed.code.name}: {failed.message}", "reason": failed.reason}))
    return 1


def _refused(exc: grpc.RpcError) -> int:
    return _failed(rpc_failed(exc))


def _vault_put(args: argparse.Namespace) -> int:
    key = load_private_key(args.key)
    with grpc.insecure_channel(args.server) as channel:
        try:
            stored = vault.put_document(
                channel,
                args.chain_id,
                key,
                vault.file_chunks(args.file),
                owner=args.owner,
                media_type=args.media_type,
            )
        except grpc.RpcError as exc:
            return _refused(exc)
    result = {
        "document_id": stored.document_id.hex(),
        "version": stored.version,
        "entry_index": stored.receipt.entry_index,  # type: ignore[attr-defined]
        "salt": stored.salt.hex(),
        "sha256": stored.sha256.hex(),
    }
    args.out.write_text(json.dumps(result) + "\n")
    return 0


def _vault_get(args: argparse.Namespace) -> int:
    key = load_private_key(args.key)
    partial = args.out.with_name(args.out.name + ".part")
    hasher = hashlib.sha256()
    size = 0
    with grpc.insecure_channel(
        args.server, options=[("grpc.max_receive_message_length", 64 << 20)]
    ) as channel:
        try:
            read = vault.read_document(
                channel,
                args.chain_id,
                key,
                bytes.fromhex(args.document),
                grant_id=bytes.fromhex(args.grant),
                purpose=args.purpose,
                export=args.export,
            )
            with open(partial, "wb") as out:
                for chunk in read.chunks:
                    out.write(chunk)
                    hasher.update(chunk)
                    size += len(chunk)
        except grpc.RpcError as exc:
            partial.unlink(missing_ok=True)
            return _refused(exc)
        except VerificationError as exc:
            partial.unlink(missing_ok=True)
            print(json.dumps({"error": str(exc), "reason": exc.category}))
            return 1
    partial.replace(args.out)
    receipt = read.header.access_receipt
    print(
        json.dumps(
            {
                "entry_index": receipt.entry_index,
                "tx_hash": receipt.tx_hash.hex(),
                "size": size,
                "sha256": hasher.hexdigest(),
            }
        )
    )
    return 0


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


def _land_consent(args: argparse.Namespace) -> int:
    try:
        key = load_private_key(args.key)
    except (ValueError, OSError) as exc:
        print(f"land-consent: {exc}", file=sys.stderr)
        return 1
    return _submit_action(args, key, tx.consent_transfer(args.transfer, args.deed))


def _submit_action(args: argparse.Namespace, key: Ed25519PrivateKey, action: Message) -> int:
    """Sign ``action``, submit it to --server and write its receipt to --out: 0, or the
    refusal printed as one JSON line: 1."""
    raw = tx.build_signed(args.chain_id, action, key)
    with Client(args.server) as client:
        try:
            receipt = client.submit(raw)
        except RpcFailed as exc:
            return _failed(exc)
    args.out.write_text(receipt_to_json(receipt))
    return 0


def _tax_pay(args: argparse.Namespace) -> int:
    try:
        key = load_private_key(args.key)
        action = tx.record_payment(
            office=args.office,
            idempotency_key=args.idempotency_key,
            amount_minor=args.amount,
            currency=args.currency,
            value_date=args.value_date,
            reference=args.reference,
            account=args.account,
            end_to_end_id=args.end_to_end_id,
        )
    except (ValueError, OSError) as exc:
        print(f"tax-pay: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, ValueError) else 1
    return _submit_action(args, key, action)


def _pharma_scan(args: argparse.Namespace) -> int:
    """pharma-verify / pharma-decommission: one scan through SubmitScans; the result as one
    JSON line, exit 0 if OK, 1 if refused, 2 if the scan or product key is unusable."""
    try:
        product_key = args.product_key.read_bytes()
        scan = pharma.parse_scan(args.scan, reference_year=datetime.now(UTC).year)
        pack = scan.scanned_pack(product_key)
    except (ValueError, OSError) as exc:
        print(f"{args.command}: {exc}", file=sys.stderr)
        return 2
    action: Message
    if args.command == "pharma-verify":
        action = pharma.verify_pack(args.organisation, args.site, pack)
    else:
        reason = pharma.DECOMMISSION_REASONS[args.reason]
        action = pharma.decommission_pack(args.organisation, args.site, pack, reason)
    try:
        raw = tx.build_signed(args.chain_id, action, load_private_key(args.key))
    except (ValueError, OSError) as exc:
        print(f"{args.command}: {exc}", file=sys.stderr)
        return 1
    with Client(args.server) as client:
        try:
            [result] = client.submit_scans([raw])
        except RpcFailed as exc:
            return _failed(exc)
    if args.out is not None and result.code == "OK":
        args.out.write_text(receipt_to_json(result.receipt))
    print(json.dumps(_scan_result_json(result, pack.pack_key)))
    return 0 if result.code == "OK" else 1


def _scan_result_json(result: pharma_pb2.ScanResult, key: bytes) -> dict[str, object]:
    known = result.HasField("pack")
    return {
        "code": result.code,
        "reason": result.reason,
        "message": result.message,
        "entry_index": result.entry_index if result.HasField("entry_index") else None,
        "status": pharma_pb2.PackStatus.Name(result.pack.status) if known else None,
        "owner": result.pack.owner if known else None,
        "alert_ids": list(result.alert_ids),
        "pack_key": key.hex(),
    }


def _land_rights(args: argparse.Namespace) -> int:
    with Client(args.server) as client:
        try:
            response = client.rights(args.parcel, at_height=args.at_height)
        except RpcFailed as exc:
            return _failed(exc)
    owners = {
        right.party: f"{right.share.numerator}/{right.share.denominator}"
        for right in response.rights
        if right.right_type == landregistry_pb2.RIGHT_TYPE_OWNERSHIP
    }
    print(json.dumps({"height": response.height, "owners": owners}))
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


def _verify_document(args: argparse.Namespace) -> int:
    from tabularium_client.credentials import verify_credential, verify_presentation

    bindings: dict[str, str] = {}
    for spec in args.bind:
        party, sep, did = spec.partition("=")
        if not sep or not party or not did.startswith("did:"):
            print(f"--bind {spec!r} is not PARTY=DID", file=sys.stderr)
            return 2
        bindings[party] = did
    try:
        now = datetime.fromisoformat(args.now.replace("Z", "+00:00"))
    except ValueError:
        print(f"--now {args.now!r} is not an RFC 3339 time", file=sys.stderr)
        return 2
    now = now if now.tzinfo else now.replace(tzinfo=UTC)
    raw = args.file.read_bytes()
    if args.command == "verify-presentation":
        verdict = verify_presentation(
            raw, challenge=args.challenge, domain=args.domain, now=now, bindings=bindings
        )
    else:
        verdict = verify_credential(raw, now=now, bindings=bindings)
    print(json.dumps(verdict.as_json(), indent=2))
    return 0 if verdict.ok else 1


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command in ("verify-presentation", "verify-credential"):
        return _verify_document(args)
    if args.command == "notarize":
        return _notarize(args)
    if args.command == "vault-put":
        return _vault_put(args)
    if args.command == "vault-get":
        return _vault_get(args)
    if args.command == "land-consent":
        return _land_consent(args)
    if args.command == "tax-pay":
        return _tax_pay(args)
    if args.command == "land-rights":
        return _land_rights(args)
    if args.command in ("pharma-verify", "pharma-decommission"):
        return _pharma_scan(args)
    return _verify_receipt(args)
