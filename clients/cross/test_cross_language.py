"""Every client signs a transaction the server accepts, and verifies every other client's receipt.

Runs each language's `scripts/cli.sh` (the shared contract: `notarize` and `verify-receipt`)
against one live node. Run by `make clients-cross-test`, after the four clients are built.
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.conftest import Chain, NodeProcess  # noqa: E402

LANGUAGES = ("python", "go", "typescript", "java")


def cli(language: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ROOT / "clients" / language / "scripts" / "cli.sh"), *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Chain, NodeProcess, Path]]:
    folder = tmp_path_factory.mktemp("cross")
    chain = Chain(folder)
    node = NodeProcess(chain.data_dir).start()
    yield chain, node, folder
    node.terminate()


@pytest.fixture(scope="module")
def receipts(setting: tuple[Chain, NodeProcess, Path]) -> dict[str, Path]:
    chain, node, folder = setting
    made = {}
    for language in LANGUAGES:
        out = folder / f"{language}.receipt.json"
        digest = hashlib.sha256(f"cross-language document from {language}".encode()).hexdigest()
        result = cli(
            language,
            "notarize",
            "--server",
            node.address,
            "--key",
            str(chain.data_dir / "keys" / "admin.key"),
            "--chain-id",
            chain.chain_id,
            "--sha256",
            digest,
            "--out",
            str(out),
        )
        assert result.returncode == 0, f"{language} notarize failed: {result.stderr}"
        made[language] = out
    return made


@pytest.fixture(scope="module")
def log_key(setting: tuple[Chain, NodeProcess, Path]) -> Path:
    _chain, node, folder = setting
    from tabularium.ledger.v1 import ledger_pb2

    info = node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=10)
    path = folder / "log.vkey"
    path.write_text(info.verifier_key)
    return path


@pytest.mark.parametrize("verifier", LANGUAGES)
@pytest.mark.parametrize("signer", LANGUAGES)
def test_each_client_verifies_each_clients_receipt(
    signer: str, verifier: str, receipts: dict[str, Path], log_key: Path, tmp_path: Path
) -> None:
    result = cli(
        verifier, "verify-receipt", "--log-key", str(log_key), "--receipt", str(receipts[signer])
    )
    assert result.returncode == 0, f"{verifier} rejected {signer}'s receipt: {result.stderr}"
    # The same receipt with one bit of the root path changed is rejected.
    document = json.loads(receipts[signer].read_text())
    receipt = document.get("receipt", document)
    proof = receipt.get("inclusionProof") or []
    if proof:
        raw = bytearray(base64.b64decode(proof[0]))
        raw[0] ^= 1
        proof[0] = base64.b64encode(bytes(raw)).decode()
    else:
        receipt["entryIndex"] = str(int(receipt.get("entryIndex", "0")) + 1)
    bad = tmp_path / "tampered.json"
    bad.write_text(json.dumps(document))
    result = cli(verifier, "verify-receipt", "--log-key", str(log_key), "--receipt", str(bad))
    assert result.returncode == 1, f"{verifier} accepted a tampered receipt from {signer}"
