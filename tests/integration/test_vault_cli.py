"""`tabularium doc ...` end to end against a real node: a hospital stores a 3 MiB file, grants an
official read and export, the official reads and exports it, the copy is verified (and a
tampered one is not), the patient lists the reads, a revoked grant is refused, a break-glass
read is reviewed, and an erased document's history shows the erasure."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf.message import Message

from tabularium.crypto.didkey import did_key
from tabularium.identity.v1 import identity_pb2
from tabularium.keys import generate_key_file
from tabularium.ledger.v1 import ledger_pb2
from tabularium.txbuild import build_signed, key_possession
from tests.conftest import Chain, NodeProcess, run_cli

SIZE = 3 * 1024 * 1024 + 12345


def _lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


class Party:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.key = generate_key_file(path)
        self.did = did_key(self.key.public_key().public_bytes_raw())


def _submit(chain: Chain, node: NodeProcess, action: Message, key: Ed25519PrivateKey) -> None:
    raw = build_signed(chain.chain_id, action, [key], now_us=time.time_ns() // 1000)
    node.ledger.SubmitTransaction(ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=30)


def test_doc_commands(chain: Chain, node: NodeProcess, tmp_path: Path) -> None:
    hospital, doctor, patient = (Party(tmp_path / f"{n}.key") for n in ("h", "d", "p"))
    _submit(
        chain,
        node,
        identity_pb2.RegisterIdentity(
            kind=identity_pb2.IDENTITY_KIND_AGENCY,
            keys=[key_possession(hospital.key, hospital.did)],
            display_name="Hospital",
        ),
        chain.admin_key,
    )
    _submit(
        chain,
        node,
        identity_pb2.RegisterIdentity(
            kind=identity_pb2.IDENTITY_KIND_OFFICIAL,
            owner=hospital.did,
            keys=[key_possession(doctor.key, doctor.did)],
            display_name="Dr A",
        ),
        hospital.key,
    )
    _submit(
        chain,
        node,
        identity_pb2.RegisterIdentity(
            kind=identity_pb2.IDENTITY_KIND_CITIZEN,
            keys=[key_possession(patient.key, patient.did)],
        ),
        chain.admin_key,
    )

    def doc(*args: str, key: Party | None = None, check: bool = True) -> Any:
        extra = ["--key", str(key.path)] if key is not None else []
        return run_cli("doc", *args, "--server", node.address, *extra, check=check)

    content = os.urandom(SIZE)
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(content)
    stored = _lines(
        doc(
            "put",
            str(letter),
            "--owner",
            hospital.did,
            "--folder",
            "cardiology/letters",
            "--subject",
            patient.did,
            key=hospital,
        ).stdout
    )[0]
    document_id = stored["document_id"]
    assert stored["version"] == 1 and stored["media_type"] == "application/pdf"
    assert stored["size"] == SIZE and len(stored["salt"]) == 64

    granted = _lines(
        doc(
            "grant",
            "--owner",
            hospital.did,
            "--document",
            document_id,
            "--grantee",
            doctor.did,
            "--permission",
            "read",
            "--permission",
            "export",
            "--expires",
            "2h",
            "--purpose",
            "treatment",
            key=hospital,
        ).stdout
    )[0]
    grant_id = granted["grant_id"]
    assert len(grant_id) == 32 and granted["entry_index"] > stored["entry_index"]

    copy = tmp_path / "copy.pdf"
    read = _lines(
        doc(
            "get",
            document_id,
            "--purpose",
            "follow-up care",
            "--grant",
            grant_id,
            "-o",
            str(copy),
            key=doctor,
        ).stdout
    )[0]
    assert copy.read_bytes() == content
    assert "salt" not in read and read["access"]["entry_index"] > granted["entry_index"]

    exported = tmp_path / "export.pdf"
    export = _lines(
        doc(
            "get",
            document_id,
            "--purpose",
            "referral copy",
            "--grant",
            grant_id,
            "--export",
            "-o",
            str(exported),
            key=doctor,
        ).stdout
    )[0]
    assert export["salt"] == stored["salt"] and export["sha256"] == stored["sha256"]
    verified = _lines(
        doc("verify", str(exported), "--document", document_id, "--salt", export["salt"]).stdout
    )[0]
    assert verified["matches"] is True and verified["entry_index"] == stored["entry_index"]
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(content[:-1] + bytes([content[-1] ^ 1]))
    refused = doc(
        "verify", str(tampered), "--document", document_id, "--salt", export["salt"], check=False
    )
    assert refused.returncode == 1 and _lines(refused.stdout)[0]["matches"] is False

    history = _lines(doc("history", document_id).stdout)[0]
    assert [v["version"] for v in history["versions"]] == [1]
    assert history["document"]["document_id"] == document_id
    assert history["versions"][0]["size"] == str(SIZE)  # uint64 renders as a string in JSON

    events = _lines(doc("access-log", "--subject", patient.did, key=patient).stdout)
    assert [(e["accessor"], e["purpose"], e["permission"]) for e in events] == [
        (doctor.did, "follow-up care", "PERMISSION_READ"),
        (doctor.did, "referral copy", "PERMISSION_EXPORT"),
    ]

    doc("revoke", grant_id, "--reason", "treatment ended", key=hospital)
    denied_path = tmp_path / "denied.pdf"
    denied = doc(
        "get",
        document_id,
        "--purpose",
        "follow-up care",
        "--grant",
        grant_id,
        "-o",
        str(denied_path),
        key=doctor,
        check=False,
    )
    assert denied.returncode == 1
    error = _lines(denied.stdout)[0]
    assert error["reason"] == "GRANT_REVOKED" and error["error"].startswith("PERMISSION_DENIED")
    assert not denied_path.exists() and list(tmp_path.glob(".denied.pdf.*")) == []

    emergency = _lines(
        doc(
            "get",
            document_id,
            "--purpose",
            "emergency care",
            "--break-glass",
            "patient unconscious in the emergency room, allergies unknown",
            "-o",
            str(tmp_path / "emergency.pdf"),
            key=doctor,
        ).stdout
    )[0]
    entry = emergency["access"]["entry_index"]
    open_events = _lines(doc("break-glass-list", "--owner", hospital.did, key=hospital).stdout)
    assert [(int(e["entry_index"]), e["break_glass"]) for e in open_events] == [(entry, True)]
    doc(
        "review",
        str(entry),
        "--owner",
        hospital.did,
        "--finding",
        "justified",
        "--note",
        "confirmed with the ER log",
        key=hospital,
    )
    assert doc("break-glass-list", "--owner", hospital.did, key=hospital).stdout.strip() == ""

    request = tmp_path / "request.txt"
    request.write_bytes(b"erasure request no. 17")
    erased = _lines(
        doc(
            "erase",
            document_id,
            "--owner",
            hospital.did,
            "--legal-basis",
            "GDPR Art. 17(1)(a)",
            "--request-file",
            str(request),
            key=hospital,
        ).stdout
    )[0]
    erasure = _lines(doc("history", document_id).stdout)[0]["document"]["erasure"]
    assert erasure["kind"] == "erased" and erasure["legal_basis"] == "GDPR Art. 17(1)(a)"
    assert int(erasure["entry_index"]) == erased["entry_index"]
    assert erasure["request_sha256"] == erased["request_sha256"]


def test_doc_help() -> None:
    out = run_cli("doc", "--help").stdout
    for command in ("put", "get", "grant", "share", "revoke", "history", "access-log", "erase"):
        assert f"  {command} " in out
    get_help = run_cli("doc", "get", "--help").stdout
    assert "--break-glass" in get_help and "--export" in get_help
