"""The vault across languages: each client stores a document, every client reads every
document (a logged, signed read), and a refused read gives the same reason in every language.

Drives each language's `scripts/cli.sh vault-put|vault-get` against one live node. The owner is
the root organisation (the chain's admin key); the reader is an official of it, holding one
read+export grant per document given through the server's own CLI-free Python path.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from clients.cross.test_cross_language import LANGUAGES, cli  # noqa: E402
from tests.conftest import Chain, NodeProcess  # noqa: E402


class Setting:
    def __init__(self, folder: Path) -> None:
        from tabularium.crypto.didkey import did_key
        from tabularium.identity.v1 import identity_pb2
        from tabularium.keys import generate_key_file
        from tabularium.ledger.v1 import ledger_pb2
        from tabularium.txbuild import build_signed, key_possession

        self.folder = folder
        self.chain = Chain(folder)
        self.node = NodeProcess(self.chain.data_dir).start()
        self.admin_path = self.chain.data_dir / "keys" / "admin.key"
        self.owner = did_key(self.chain.admin_key.public_key().public_bytes_raw())
        self.reader_path = folder / "reader.pem"
        reader = generate_key_file(self.reader_path)
        self.reader = did_key(reader.public_key().public_bytes_raw())
        raw = build_signed(
            self.chain.chain_id,
            identity_pb2.RegisterIdentity(
                kind=identity_pb2.IDENTITY_KIND_OFFICIAL,
                owner=self.owner,
                keys=[key_possession(reader, self.reader)],
                display_name="Cross-language reader",
            ),
            [self.chain.admin_key],
            now_us=time.time_ns() // 1000,
        )
        self.node.ledger.SubmitTransaction(
            ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=30
        )

    def grant(self, document_id: str) -> str:
        from tabularium.chain.tx import timestamp_us
        from tabularium.ledger.v1 import ledger_pb2
        from tabularium.txbuild import build_signed
        from tabularium.vault.v1 import vault_pb2

        raw = build_signed(
            self.chain.chain_id,
            vault_pb2.GrantAccess(
                owner=self.owner,
                document_id=bytes.fromhex(document_id),
                grantee=self.reader,
                permissions=[vault_pb2.PERMISSION_READ, vault_pb2.PERMISSION_EXPORT],
                expires_at=timestamp_us(time.time_ns() // 1000 + 3_600_000_000),
                purpose="cross-language test",
            ),
            [self.chain.admin_key],
            now_us=time.time_ns() // 1000,
        )
        receipt = self.node.ledger.SubmitTransaction(
            ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=30
        ).receipt
        return hashlib.sha256(receipt.transaction).digest()[:16].hex()


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setting]:
    made = Setting(tmp_path_factory.mktemp("cross-vault"))
    yield made
    made.node.terminate()


@pytest.fixture(scope="module")
def stored(setting: Setting) -> dict[str, dict[str, str]]:
    """Per language: the document it stored, its content digest and the reader's grant."""
    out: dict[str, dict[str, str]] = {}
    for language in LANGUAGES:
        content = setting.folder / f"{language}.bin"
        content.write_bytes(
            f"stored by the {language} client\n".encode()
            + hashlib.sha256(language.encode()).digest() * 70_000
        )
        result_path = setting.folder / f"{language}.put.json"
        result = cli(
            language,
            "vault-put",
            "--server",
            setting.node.address,
            "--key",
            str(setting.admin_path),
            "--chain-id",
            setting.chain.chain_id,
            "--owner",
            setting.owner,
            "--file",
            str(content),
            "--media-type",
            "application/octet-stream",
            "--out",
            str(result_path),
        )
        assert result.returncode == 0, f"{language} vault-put: {result.stdout} {result.stderr}"
        put = json.loads(result_path.read_text())
        assert put["version"] == 1 and len(bytes.fromhex(put["salt"])) == 32
        assert put["sha256"] == hashlib.sha256(content.read_bytes()).hexdigest()
        out[language] = {
            "document_id": put["document_id"],
            "sha256": put["sha256"],
            "grant": setting.grant(put["document_id"]),
        }
    return out


@pytest.mark.parametrize("writer", LANGUAGES)
@pytest.mark.parametrize("reader", LANGUAGES)
def test_every_client_reads_every_clients_document(
    setting: Setting, stored: dict[str, dict[str, str]], writer: str, reader: str
) -> None:
    document = stored[writer]
    out = setting.folder / f"{writer}-read-by-{reader}.bin"
    args = ["--export"] if reader == writer else []
    result = cli(
        reader,
        "vault-get",
        "--server",
        setting.node.address,
        "--key",
        str(setting.reader_path),
        "--chain-id",
        setting.chain.chain_id,
        "--document",
        document["document_id"],
        "--grant",
        document["grant"],
        "--purpose",
        f"{reader} reads {writer}",
        "--out",
        str(out),
        *args,
    )
    assert result.returncode == 0, f"{reader} vault-get: {result.stdout} {result.stderr}"
    printed = json.loads(result.stdout.strip().splitlines()[-1])
    assert printed["sha256"] == document["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert printed["size"] == out.stat().st_size and printed["entry_index"] > 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refused_read_names_its_reason_and_writes_nothing(
    setting: Setting, stored: dict[str, dict[str, str]], language: str
) -> None:
    document = stored[language]
    out = setting.folder / f"{language}-refused.bin"
    result = cli(
        language,
        "vault-get",
        "--server",
        setting.node.address,
        "--key",
        str(setting.admin_path),  # the owner holds no grant: nobody reads without one
        "--chain-id",
        setting.chain.chain_id,
        "--document",
        document["document_id"],
        "--grant",
        document["grant"],
        "--purpose",
        "no grant of mine",
        "--out",
        str(out),
    )
    assert result.returncode == 1, result.stdout + result.stderr
    printed = json.loads(result.stdout.strip().splitlines()[-1])
    assert printed["reason"] == "NOT_GRANTEE" and printed["error"].startswith("PERMISSION_DENIED")
    assert not out.exists()
