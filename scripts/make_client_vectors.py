#!/usr/bin/env python3
"""Regenerate the cross-language client vectors in tests/vectors/clients/ from a real server.

Starts `tabularium serve` on a fresh chain in a temp folder (chain id ``vectors``, checkpoint key
and signer keys read from the committed ``tests/vectors/clients/keys/*.pem``), submits
RegisterDocument transactions, fetches receipts, checkpoints at two tree sizes and the
consistency proofs between them, derives the corrupted variants every client must reject, checks
every case against the server's own verifiers (tests/unit/test_client_vectors.py), and rewrites
the JSON files. Nonces and block times differ from run to run: the committed files are the
vectors. The format is documented in tests/vectors/clients/README.md.

Run from the repository root: `.venv/bin/python scripts/make_client_vectors.py`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from google.protobuf import json_format  # noqa: E402

from tabularium.api.convert.documents import REGISTER_DOCUMENT_TYPE_URL  # noqa: E402
from tabularium.chain.checkpoint import (  # noqa: E402
    NoteVerifier,
    key_hash,
    parse_checkpoint,
)
from tabularium.chain.genesis import Authority, Genesis, Policy  # noqa: E402
from tabularium.chain.ledger import initialize_store  # noqa: E402
from tabularium.chain.tx import SIGNING_CONTEXT  # noqa: E402
from tabularium.config import ServerConfig  # noqa: E402
from tabularium.crypto import merkle  # noqa: E402
from tabularium.documents.v1 import documents_pb2  # noqa: E402
from tabularium.keys import load_private_key  # noqa: E402
from tabularium.ledger.v1 import ledger_pb2, transaction_pb2  # noqa: E402
from tabularium.storage import Store  # noqa: E402
from tabularium.txbuild import build_signed  # noqa: E402
from tests.conftest import NodeProcess  # noqa: E402
from tests.helpers import error_info  # noqa: E402
from tests.unit.test_client_vectors import check_case  # noqa: E402

OUT = ROOT / "tests" / "vectors" / "clients"
KEYS = OUT / "keys"
CHAIN_ID = "vectors"
KEY_NAME = "vectors-node"
MEMO = "client vectors"
OTHER_ORIGIN = "tabularium.example/other"


def pub(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes_raw()


def flip(data: bytes, byte: int = 0, bit: int = 0) -> bytes:
    """``data`` with bit ``bit`` (0 = least significant) of byte ``byte`` inverted."""
    out = bytearray(data)
    out[byte] ^= 1 << bit
    return bytes(out)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


# ---------------------------------------------------------------------------------------------
# Checkpoint notes


@dataclass
class Note:
    """A checkpoint note split into its body fields and signature lines (name, raw blob)."""

    origin: str
    size_text: str
    root_text: str
    signatures: list[tuple[str, bytes]] = field(default_factory=list)

    @classmethod
    def parse(cls, note: bytes) -> Note:
        text = note.decode()
        body, _, sigs = text.partition("\n\n")
        origin, size_text, root_text = body.split("\n")
        lines = [line[2:].rsplit(" ", 1) for line in sigs.rstrip("\n").split("\n")]
        return cls(origin, size_text, root_text, [(n, base64.b64decode(s)) for n, s in lines])

    def body(self) -> bytes:
        return f"{self.origin}\n{self.size_text}\n{self.root_text}\n".encode()

    def encode(self) -> bytes:
        lines = "".join(f"\u2014 {name} {b64(blob)}\n" for name, blob in self.signatures)
        return self.body() + b"\n" + lines.encode()

    def resign(self, key: Ed25519PrivateKey, name: str = KEY_NAME) -> Note:
        """The same body, signed by ``key`` alone under ``name``."""
        blob = key_hash(name, pub(key)) + key.sign(self.body())
        return Note(self.origin, self.size_text, self.root_text, [(name, blob)])

    @property
    def root(self) -> bytes:
        return base64.b64decode(self.root_text)

    def with_root(self, root: bytes) -> Note:
        return Note(self.origin, self.size_text, b64(root), list(self.signatures))


def verifier_key(name: str, public_key: bytes, hash_of: bytes | None = None) -> str:
    """C2SP verifier key string; ``hash_of`` computes the key hash over another key."""
    kh = key_hash(name, hash_of if hash_of is not None else public_key)
    return f"{name}+{kh.hex()}+{b64(bytes([1]) + public_key)}"


# ---------------------------------------------------------------------------------------------
# Chain set-up and collection


def init_chain(data_dir: Path, keys: dict[str, Ed25519PrivateKey]) -> Genesis:
    """`tabularium init`, but with the committed keys so the log key is the same every run."""
    config = ServerConfig(data_dir=data_dir)
    config.node_key_path.parent.mkdir(parents=True, mode=0o700)
    shutil.copyfile(KEYS / "node.pem", config.node_key_path)
    config.node_key_path.chmod(0o600)
    genesis = Genesis(
        chain_id=CHAIN_ID,
        genesis_time_us=time.time_ns() // 1000,
        checkpoint_key_name=KEY_NAME,
        checkpoint_public_key=pub(keys["node"]),
        authorities=(
            Authority("admin", pub(keys["admin"]), ("admin",)),
            Authority("notary", pub(keys["notary"]), ("notary",)),
        ),
        policies=(Policy(REGISTER_DOCUMENT_TYPE_URL, ("admin", "notary")),),
    )
    genesis.validate()
    store = Store(config.store_dir)
    try:
        initialize_store(store, genesis, keys["node"])
    finally:
        store.close()
    config.genesis_path.write_bytes(genesis.encode())
    return genesis


def notarize(text: str, signers: list[Ed25519PrivateKey]) -> tuple[bytes, bytes]:
    digest = hashlib.sha256(text.encode()).digest()
    raw = build_signed(
        CHAIN_ID,
        documents_pb2.RegisterDocument(sha256=digest, title=text),
        signers,
        now_us=time.time_ns() // 1000,
        nonce=None,
        memo=MEMO,
    )
    return raw, digest


@dataclass
class Collected:
    genesis: Genesis
    txs: dict[str, tuple[bytes, list[str]]]  # name -> (raw, signer key names)
    receipts: dict[str, ledger_pb2.Receipt]
    checkpoints: dict[int, bytes]
    consistency: dict[tuple[int, int], list[bytes]]
    server_errors: dict[str, dict[str, str]]


def collect(node: NodeProcess, genesis: Genesis, keys: dict[str, Ed25519PrivateKey]) -> Collected:
    ledger = node.ledger
    timeout = 30

    def submit(raw: bytes) -> ledger_pb2.Receipt:
        request = ledger_pb2.SubmitTransactionRequest(transaction=raw)
        return ledger.SubmitTransaction(request, timeout=timeout).receipt

    txs: dict[str, tuple[bytes, list[str]]] = {}
    receipts: dict[str, ledger_pb2.Receipt] = {}
    # Three blocks of one transaction each: tree sizes 1, 2, 3.
    plan = [
        ("admin-signed", ["admin"]),
        ("notary-signed", ["notary"]),
        ("two-signers", ["admin", "notary"]),
    ]
    for name, signer_names in plan:
        raw, _ = notarize(f"vector document {name}", [keys[n] for n in signer_names])
        receipt = submit(raw)
        txs[name] = (raw, signer_names)
        receipts[f"entry-{receipt.entry_index}-at-size-{receipt.entry_index + 1}"] = receipt
    # One SubmitTransactions call of four: tree size 7 (one block, or more if the writer splits).
    batch = [notarize(f"vector batch document {i}", [keys["admin"]])[0] for i in range(4)]
    answer = ledger.SubmitTransactions(
        ledger_pb2.SubmitTransactionsRequest(transactions=batch), timeout=timeout
    )
    assert all(r.HasField("receipt") for r in answer.results), answer
    info = ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=timeout)
    assert info.tree_size == 7, info
    first = txs["admin-signed"][0]
    for index, raw in ((0, first), (5, batch[2])):
        request = ledger_pb2.GetReceiptRequest(tx_hash=hashlib.sha256(raw).digest(), tree_size=7)
        receipt = ledger.GetReceipt(request, timeout=timeout).receipt
        assert receipt.entry_index == index
        receipts[f"entry-{index}-at-size-7"] = receipt
    del receipts["entry-0-at-size-1"], receipts["entry-1-at-size-2"]
    checkpoints = {}
    for size in (3, 7):
        response = ledger.GetCheckpoint(ledger_pb2.GetCheckpointRequest(tree_size=size))
        checkpoints[size] = response.checkpoint
    consistency = {}
    for first_size, second_size in ((3, 7), (7, 7)):
        request = ledger_pb2.GetConsistencyProofRequest(
            first_size=first_size, second_size=second_size
        )
        proof = list(ledger.GetConsistencyProof(request, timeout=timeout).hashes)
        consistency[first_size, second_size] = proof
    return Collected(genesis, txs, receipts, checkpoints, consistency, {})


# ---------------------------------------------------------------------------------------------
# Cases


Case = dict[str, Any]


def case(desc: str, input_: dict[str, Any], want: Any, want_err: str | None) -> Case:
    return {"desc": desc, "input": input_, "want": want, "want_err": want_err}


class Builder:
    def __init__(self, collected: Collected, keys: dict[str, Ed25519PrivateKey]) -> None:
        self.c = collected
        self.keys = keys
        self.node = keys["node"]
        self.origin = collected.genesis.origin
        self.log_key = NoteVerifier(KEY_NAME, pub(self.node)).encode()
        self.files: dict[str, Case] = {}

    def add(self, path: str, value: Case) -> None:
        assert path not in self.files, path
        self.files[path] = value

    # --- log keys shared by several groups

    def key_variants(self) -> dict[str, tuple[str, str, str]]:
        """name -> (verifier key string, want_err, description)."""
        node_pub = pub(self.node)
        flipped = flip(node_pub)
        return {
            "log-key-bit-flipped": (
                verifier_key(KEY_NAME, flipped),
                "BAD_CHECKPOINT_SIGNATURE",
                "pinned log key with bit 0 of public-key byte 0 flipped (key hash recomputed, "
                "so the key string parses): no signature line verifies",
            ),
            "log-key-hash-mismatch": (
                verifier_key(KEY_NAME, flipped, hash_of=node_pub),
                "VERIFIER_KEY_INVALID",
                "pinned log key with bit 0 of public-key byte 0 flipped but the original key "
                "hash kept: the key string itself must be refused",
            ),
            "log-key-other-key": (
                verifier_key(KEY_NAME, pub(self.keys["other"])),
                "BAD_CHECKPOINT_SIGNATURE",
                "pinned log key is another Ed25519 key under the same name",
            ),
            "log-key-other-name": (
                verifier_key("other-node", node_pub),
                "BAD_CHECKPOINT_SIGNATURE",
                "pinned log key is the right public key under another name (so another key "
                "hash): the note has no signature line for it",
            ),
        }

    # --- receipts

    def receipt_input(self, r: ledger_pb2.Receipt, log_key: str, origin: str | None) -> dict:
        return {
            "log_key": log_key,
            "origin": origin,
            "receipt": json_format.MessageToDict(r),
            "transaction": b64(r.transaction),
            "tx_hash": r.tx_hash.hex(),
            "entry_index": r.entry_index,
            "checkpoint": r.checkpoint.decode(),
            "inclusion_proof": [h.hex() for h in r.inclusion_proof],
        }

    def receipts(self) -> None:
        for name, good in self.c.receipts.items():
            cp = parse_checkpoint(good.checkpoint)
            want = {
                "tx_hash": good.tx_hash.hex(),
                "leaf_hash": merkle.leaf_hash(good.transaction).hex(),
                "entry_index": good.entry_index,
                "tree_size": cp.size,
                "root": cp.root.hex(),
                "origin": cp.origin,
            }
            base = f"receipts/{name}"
            self.add(
                f"{base}/valid.json",
                case(
                    f"receipt for entry {good.entry_index} against the signed checkpoint of "
                    f"size {cp.size}, as the server returned it",
                    self.receipt_input(good, self.log_key, self.origin),
                    want,
                    None,
                ),
            )
            self.add(
                f"{base}/valid-no-origin.json",
                case(
                    "the valid receipt verified without an expected origin",
                    self.receipt_input(good, self.log_key, None),
                    want,
                    None,
                ),
            )
            for variant, (r, key, origin, err, desc) in self.receipt_mutations(good).items():
                self.add(
                    f"{base}/{variant}.json",
                    case(desc, self.receipt_input(r, key, origin), None, err),
                )

    def receipt_mutations(
        self, good: ledger_pb2.Receipt
    ) -> dict[str, tuple[ledger_pb2.Receipt, str, str | None, str, str]]:
        out: dict[str, tuple[ledger_pb2.Receipt, str, str | None, str, str]] = {}
        note = Note.parse(good.checkpoint)

        def mutated(**changes: Any) -> ledger_pb2.Receipt:
            r = ledger_pb2.Receipt()
            r.CopyFrom(good)
            for key, value in changes.items():
                if key == "inclusion_proof":
                    del r.inclusion_proof[:]
                    r.inclusion_proof.extend(value)
                else:
                    setattr(r, key, value)
            return r

        def put(name: str, r: ledger_pb2.Receipt, err: str, desc: str, **kw: Any) -> None:
            out[name] = (r, kw.get("key", self.log_key), kw.get("origin", self.origin), err, desc)

        flipped_root = note.with_root(flip(note.root))
        put(
            "root-bit-flipped",
            mutated(checkpoint=flipped_root.encode()),
            "BAD_CHECKPOINT_SIGNATURE",
            "bit 0 of byte 0 of the checkpoint's root hash flipped (signature line kept)",
        )
        put(
            "root-bit-flipped-resigned",
            mutated(checkpoint=flipped_root.resign(self.node).encode()),
            "INCLUSION_PROOF_INVALID",
            "bit 0 of byte 0 of the checkpoint's root hash flipped and the note re-signed by "
            "the real log key: the signature verifies, the proof does not lead to that root",
        )
        # (Not size + 1: for some indexes the proof for size n also verifies for n + 1.)
        doubled = Note(note.origin, str(int(note.size_text) * 2), note.root_text)
        put(
            "size-doubled-resigned",
            mutated(checkpoint=doubled.resign(self.node).encode()),
            "INCLUSION_PROOF_INVALID",
            "checkpoint tree size doubled and re-signed by the real log key: the proof has the "
            "wrong length for that size",
        )
        at_index = Note(note.origin, str(good.entry_index), note.root_text)
        put(
            "size-equals-index-resigned",
            mutated(checkpoint=at_index.resign(self.node).encode()),
            "INCLUSION_PROOF_INVALID",
            "checkpoint tree size set to entry_index (so the entry is outside the tree) and "
            "re-signed by the real log key",
        )
        proof = list(good.inclusion_proof)
        put(
            "proof-first-node-bit-flipped",
            mutated(inclusion_proof=[flip(proof[0]), *proof[1:]]),
            "INCLUSION_PROOF_INVALID",
            "bit 0 of byte 0 of inclusion proof hash 0 flipped",
        )
        put(
            "proof-last-node-bit-flipped",
            mutated(inclusion_proof=[*proof[:-1], flip(proof[-1], 31, 7)]),
            "INCLUSION_PROOF_INVALID",
            f"bit 7 of byte 31 of inclusion proof hash {len(proof) - 1} (the last) flipped",
        )
        put(
            "proof-truncated",
            mutated(inclusion_proof=proof[:-1]),
            "INCLUSION_PROOF_INVALID",
            "last inclusion proof hash removed",
        )
        put(
            "proof-extended",
            mutated(inclusion_proof=[*proof, proof[-1]]),
            "INCLUSION_PROOF_INVALID",
            "last inclusion proof hash repeated at the end",
        )
        put(
            "proof-node-short",
            mutated(inclusion_proof=[proof[0][:31], *proof[1:]]),
            "INCLUSION_PROOF_INVALID",
            "inclusion proof hash 0 truncated to 31 bytes",
        )
        blob = note.signatures[0][1]
        sig_flipped = Note(note.origin, note.size_text, note.root_text, [(KEY_NAME, flip(blob, 4))])
        put(
            "checkpoint-signature-bit-flipped",
            mutated(checkpoint=sig_flipped.encode()),
            "BAD_CHECKPOINT_SIGNATURE",
            "bit 0 of byte 0 of the Ed25519 signature in the checkpoint flipped (byte 4 of the "
            "base64-decoded signature blob, after the 4-byte key hash)",
        )
        put(
            "checkpoint-signed-by-other-key",
            mutated(checkpoint=note.resign(self.keys["other"]).encode()),
            "BAD_CHECKPOINT_SIGNATURE",
            "checkpoint re-signed by another key under the log's key name",
        )
        put(
            "entry-index-bit-flipped",
            mutated(entry_index=good.entry_index ^ 1),
            "INCLUSION_PROOF_INVALID",
            f"entry_index bit 0 flipped ({good.entry_index} -> {good.entry_index ^ 1})",
        )
        for variant, (key, err, desc) in self.key_variants().items():
            put(variant, good, err, desc, key=key)
        tx_flipped = flip(good.transaction, len(good.transaction) - 1)
        put(
            "transaction-bit-flipped",
            mutated(transaction=tx_flipped),
            "TX_HASH_MISMATCH",
            "bit 0 of the last byte of the transaction bytes flipped, tx_hash kept",
        )
        put(
            "transaction-bit-flipped-hash-recomputed",
            mutated(transaction=tx_flipped, tx_hash=hashlib.sha256(tx_flipped).digest()),
            "INCLUSION_PROOF_INVALID",
            "bit 0 of the last byte of the transaction bytes flipped and tx_hash recomputed: "
            "the leaf hash is not in the tree",
        )
        put(
            "tx-hash-bit-flipped",
            mutated(tx_hash=flip(good.tx_hash)),
            "TX_HASH_MISMATCH",
            "bit 0 of byte 0 of tx_hash flipped",
        )
        put(
            "wrong-origin",
            good,
            "CHECKPOINT_WRONG_ORIGIN",
            f"verified with expected origin {OTHER_ORIGIN!r}",
            origin=OTHER_ORIGIN,
        )
        return out

    # --- checkpoints

    def checkpoint_input(self, note: bytes, log_key: str, origin: str | None) -> dict:
        return {"log_key": log_key, "origin": origin, "checkpoint": note.decode()}

    def checkpoints(self) -> None:
        for size, raw in self.c.checkpoints.items():
            note = Note.parse(raw)
            base = f"checkpoints/size-{size}"
            name, blob = note.signatures[0]
            want = {
                "origin": note.origin,
                "tree_size": size,
                "root": note.root.hex(),
                "body": note.body().decode(),
                "key_name": name,
                "key_hash": blob[:4].hex(),
                "signature": blob[4:].hex(),
            }
            self.add(
                f"{base}/valid.json",
                case(
                    f"checkpoint of tree size {size} as the server returned it",
                    self.checkpoint_input(raw, self.log_key, self.origin),
                    want,
                    None,
                ),
            )
            cosigned = Note(
                note.origin,
                note.size_text,
                note.root_text,
                [note.resign(self.keys["other"], "witness.example").signatures[0], (name, blob)],
            )
            self.add(
                f"{base}/valid-with-cosignature.json",
                case(
                    "the valid checkpoint with an extra signature line by another key "
                    "('witness.example') before the log's own: a verifier ignores lines by "
                    "keys it does not pin",
                    self.checkpoint_input(cosigned.encode(), self.log_key, self.origin),
                    want,
                    None,
                ),
            )
            for variant, (text, key, origin, err, desc) in self.checkpoint_mutations(raw).items():
                self.add(
                    f"{base}/{variant}.json",
                    case(desc, self.checkpoint_input(text, key, origin), None, err),
                )

    def checkpoint_mutations(
        self, raw: bytes
    ) -> dict[str, tuple[bytes, str, str | None, str, str]]:
        note = Note.parse(raw)
        name, blob = note.signatures[0]
        out: dict[str, tuple[bytes, str, str | None, str, str]] = {}

        def put(variant: str, text: bytes, err: str, desc: str, **kw: Any) -> None:
            out[variant] = (
                text,
                kw.get("key", self.log_key),
                kw.get("origin", self.origin),
                err,
                desc,
            )

        put(
            "root-bit-flipped",
            note.with_root(flip(note.root)).encode(),
            "BAD_CHECKPOINT_SIGNATURE",
            "bit 0 of byte 0 of the root hash flipped (signature line kept)",
        )
        put(
            "size-changed",
            Note(
                note.origin, str(int(note.size_text) + 1), note.root_text, [(name, blob)]
            ).encode(),
            "BAD_CHECKPOINT_SIGNATURE",
            "tree size increased by 1 (signature line kept)",
        )
        put(
            "origin-changed",
            Note(OTHER_ORIGIN, note.size_text, note.root_text, [(name, blob)]).encode(),
            "BAD_CHECKPOINT_SIGNATURE",
            f"origin line replaced by {OTHER_ORIGIN!r} (signature line kept); verified with no "
            "expected origin, so the signature check must catch it",
            origin=None,
        )
        put(
            "wrong-origin",
            raw,
            "CHECKPOINT_WRONG_ORIGIN",
            f"the valid checkpoint verified with expected origin {OTHER_ORIGIN!r}",
            origin=OTHER_ORIGIN,
        )
        put(
            "signature-bit-flipped",
            Note(note.origin, note.size_text, note.root_text, [(name, flip(blob, 4))]).encode(),
            "BAD_CHECKPOINT_SIGNATURE",
            "bit 0 of byte 0 of the Ed25519 signature flipped (byte 4 of the decoded blob)",
        )
        put(
            "signature-last-bit-flipped",
            Note(note.origin, note.size_text, note.root_text, [(name, flip(blob, 67, 7))]).encode(),
            "BAD_CHECKPOINT_SIGNATURE",
            "bit 7 of byte 63 of the Ed25519 signature flipped (last byte of the decoded blob)",
        )
        put(
            "key-hash-bit-flipped",
            Note(note.origin, note.size_text, note.root_text, [(name, flip(blob, 0))]).encode(),
            "BAD_CHECKPOINT_SIGNATURE",
            "bit 0 of byte 0 of the 4-byte key hash in the signature blob flipped: the line is "
            "not by the pinned key",
        )
        put(
            "signature-truncated",
            Note(note.origin, note.size_text, note.root_text, [(name, blob[:-1])]).encode(),
            "BAD_CHECKPOINT_SIGNATURE",
            "signature blob one byte short (67 bytes, base64 re-encoded)",
        )
        put(
            "signed-by-other-key",
            note.resign(self.keys["other"]).encode(),
            "BAD_CHECKPOINT_SIGNATURE",
            "re-signed by another key under the log's key name",
        )
        for variant, (key, err, desc) in self.key_variants().items():
            put(variant, raw, err, desc, key=key)
        put(
            "no-signature-lines",
            note.body() + b"\n",
            "CHECKPOINT_MALFORMED",
            "body and blank line with no signature line",
        )
        put(
            "no-blank-line",
            note.body() + note.encode()[len(note.body()) + 1 :],
            "CHECKPOINT_MALFORMED",
            "the blank line between body and signatures removed",
        )
        put(
            "no-em-dash",
            note.encode().replace("\u2014".encode(), b"-"),
            "CHECKPOINT_MALFORMED",
            "signature line starts with '-' instead of the em dash U+2014",
        )
        put(
            "no-final-newline",
            note.encode()[:-1],
            "CHECKPOINT_MALFORMED",
            "final newline after the signature line removed",
        )
        leading_zero = Note(note.origin, "0" + note.size_text, note.root_text)
        put(
            "size-leading-zero-resigned",
            leading_zero.resign(self.node).encode(),
            "CHECKPOINT_MALFORMED",
            "tree size written with a leading zero, re-signed by the real log key: not a "
            "canonical decimal, so refused before the signature is checked",
        )
        short_root = Note(note.origin, note.size_text, b64(note.root[:31]))
        put(
            "root-31-bytes-resigned",
            short_root.resign(self.node).encode(),
            "CHECKPOINT_MALFORMED",
            "root hash of 31 bytes, re-signed by the real log key",
        )
        return out

    # --- consistency

    def consistency(self) -> None:
        for (first, second), proof in self.c.consistency.items():
            old, new = self.c.checkpoints[first], self.c.checkpoints[second]
            old_note, new_note = Note.parse(old), Note.parse(new)
            base = f"consistency/size-{first}-to-{second}"
            want = {
                "old_size": first,
                "new_size": second,
                "old_root": old_note.root.hex(),
                "new_root": new_note.root.hex(),
            }

            def inp(o: bytes, n: bytes, p: list[bytes], key: str | None = None) -> dict:
                return {
                    "log_key": key or self.log_key,
                    "origin": self.origin,
                    "old_checkpoint": o.decode(),
                    "new_checkpoint": n.decode(),
                    "proof": [h.hex() for h in p],
                }

            self.add(
                f"{base}/valid.json",
                case(
                    f"consistency proof from tree size {first} to {second}, both checkpoints "
                    "as the server returned them",
                    inp(old, new, proof),
                    want,
                    None,
                ),
            )
            bad = "CONSISTENCY_PROOF_INVALID"
            variants: dict[str, tuple[dict, str, str]] = {}
            if proof:
                variants["proof-first-node-bit-flipped"] = (
                    inp(old, new, [flip(proof[0]), *proof[1:]]),
                    bad,
                    "bit 0 of byte 0 of proof hash 0 flipped",
                )
                variants["proof-last-node-bit-flipped"] = (
                    inp(old, new, [*proof[:-1], flip(proof[-1], 31, 7)]),
                    bad,
                    f"bit 7 of byte 31 of proof hash {len(proof) - 1} (the last) flipped",
                )
                variants["proof-truncated"] = (
                    inp(old, new, proof[:-1]),
                    bad,
                    "last proof hash removed",
                )
                variants["proof-empty"] = (inp(old, new, []), bad, "proof replaced by no hashes")
                variants["swapped-checkpoints"] = (
                    inp(new, old, proof),
                    bad,
                    "old and new checkpoints swapped (old size > new size)",
                )
                smaller = Note(old_note.origin, str(first - 1), old_note.root_text)
                variants["old-size-minus-one-resigned"] = (
                    inp(smaller.resign(self.node).encode(), new, proof),
                    bad,
                    "old checkpoint's tree size decreased by 1, re-signed by the real log key",
                )
            variants["proof-extended"] = (
                inp(old, new, [*proof, new_note.root]),
                bad,
                "the new root appended to the proof as an extra hash",
            )
            variants["old-root-bit-flipped-resigned"] = (
                inp(old_note.with_root(flip(old_note.root)).resign(self.node).encode(), new, proof),
                bad,
                "bit 0 of byte 0 of the old root flipped, old checkpoint re-signed by the real "
                "log key: a rewritten history the signatures alone do not reveal",
            )
            variants["new-root-bit-flipped-resigned"] = (
                inp(old, new_note.with_root(flip(new_note.root)).resign(self.node).encode(), proof),
                bad,
                "bit 0 of byte 0 of the new root flipped, new checkpoint re-signed by the real "
                "log key",
            )
            old_blob = old_note.signatures[0][1]
            new_blob = new_note.signatures[0][1]
            variants["old-signature-bit-flipped"] = (
                inp(
                    Note(
                        old_note.origin,
                        old_note.size_text,
                        old_note.root_text,
                        [(KEY_NAME, flip(old_blob, 4))],
                    ).encode(),
                    new,
                    proof,
                ),
                "BAD_CHECKPOINT_SIGNATURE",
                "bit 0 of byte 0 of the old checkpoint's Ed25519 signature flipped",
            )
            variants["new-signature-bit-flipped"] = (
                inp(
                    old,
                    Note(
                        new_note.origin,
                        new_note.size_text,
                        new_note.root_text,
                        [(KEY_NAME, flip(new_blob, 4))],
                    ).encode(),
                    proof,
                ),
                "BAD_CHECKPOINT_SIGNATURE",
                "bit 0 of byte 0 of the new checkpoint's Ed25519 signature flipped",
            )
            other_origin = Note(OTHER_ORIGIN, new_note.size_text, new_note.root_text)
            variants["new-origin-changed-resigned"] = (
                inp(old, other_origin.resign(self.node).encode(), proof),
                "CHECKPOINT_WRONG_ORIGIN",
                f"new checkpoint's origin replaced by {OTHER_ORIGIN!r}, re-signed by the real "
                "log key",
            )
            key, err, desc = self.key_variants()["log-key-bit-flipped"]
            variants["log-key-bit-flipped"] = (inp(old, new, proof, key), err, desc)
            for variant, (value, err, desc) in variants.items():
                self.add(f"{base}/{variant}.json", case(desc, value, None, err))

    # --- signed transactions

    def transactions(self) -> None:
        for name, (raw, signer_names) in self.c.txs.items():
            signed = transaction_pb2.SignedTransaction.FromString(raw)
            body = transaction_pb2.TransactionBody.FromString(signed.body)
            doc = documents_pb2.RegisterDocument.FromString(body.action.value)
            base = f"transactions/{name}"
            want = {
                "tx_hash": hashlib.sha256(raw).hexdigest(),
                "leaf_hash": merkle.leaf_hash(raw).hex(),
                "body": signed.body.hex(),
                "signing_message": (SIGNING_CONTEXT + signed.body).hex(),
                "signatures": [
                    {"public_key": s.public_key.hex(), "signature": s.signature.hex()}
                    for s in signed.signatures
                ],
                "signer_keys": [f"keys/{n}.pem" for n in signer_names],
                "body_fields": {
                    "chain_id": body.chain_id,
                    "nonce": body.nonce.hex(),
                    "not_before": {
                        "seconds": body.not_before.seconds,
                        "nanos": body.not_before.nanos,
                    },
                    "not_after": {"seconds": body.not_after.seconds, "nanos": body.not_after.nanos},
                    "signers": [s.hex() for s in body.signers],
                    "action_type_url": body.action.type_url,
                    "action_value": body.action.value.hex(),
                    "register_document": {"sha256": doc.sha256.hex(), "title": doc.title},
                    "memo": body.memo,
                },
            }
            self.add(
                f"{base}/valid.json",
                case(
                    f"RegisterDocument signed by {' and '.join(signer_names)}; the server "
                    "accepted it",
                    {"transaction": b64(raw)},
                    want,
                    None,
                ),
            )
            for variant, (bad_raw, err, desc) in self.transaction_mutations(signed).items():
                self.add(
                    f"{base}/{variant}.json", case(desc, {"transaction": b64(bad_raw)}, None, err)
                )

    def transaction_mutations(
        self, signed: transaction_pb2.SignedTransaction
    ) -> dict[str, tuple[bytes, str, str]]:
        by_pub = {pub(k): k for k in self.keys.values()}
        body = signed.body
        out: dict[str, tuple[bytes, str, str]] = {}

        def encode(b: bytes, sigs: list[tuple[bytes, bytes]]) -> bytes:
            return transaction_pb2.SignedTransaction(
                body=b,
                signatures=[transaction_pb2.Signature(public_key=k, signature=s) for k, s in sigs],
            ).SerializeToString(deterministic=True)

        sigs = [(s.public_key, s.signature) for s in signed.signatures]
        first_key, first_sig = sigs[0]

        def resigned(message: Callable[[bytes], bytes]) -> list[tuple[bytes, bytes]]:
            return [(first_key, by_pub[first_key].sign(message(body))), *sigs[1:]]

        out["signature-bit-flipped"] = (
            encode(body, [(first_key, flip(first_sig)), *sigs[1:]]),
            "BAD_SIGNATURE",
            "bit 0 of byte 0 of signature 0 flipped",
        )
        out["signature-last-bit-flipped"] = (
            encode(body, [(first_key, flip(first_sig, 63, 7)), *sigs[1:]]),
            "BAD_SIGNATURE",
            "bit 7 of byte 63 of signature 0 flipped",
        )
        out["body-bit-flipped"] = (
            encode(flip(body, len(body) - 1), sigs),
            "BAD_SIGNATURE",
            "bit 0 of the last byte of the body flipped (a memo character: the body still "
            "decodes); signatures kept",
        )
        out["wrong-domain-no-prefix"] = (
            encode(body, resigned(lambda b: b)),
            "BAD_SIGNATURE",
            "signature 0 made by the right key over the body alone, without "
            "'tabularium/tx/v1' || 0x00",
        )
        out["wrong-domain-no-separator"] = (
            encode(body, resigned(lambda b: b"tabularium/tx/v1" + b)),
            "BAD_SIGNATURE",
            "signature 0 made by the right key over 'tabularium/tx/v1' || body (no 0x00)",
        )
        out["wrong-domain-v2"] = (
            encode(body, resigned(lambda b: b"tabularium/tx/v2\x00" + b)),
            "BAD_SIGNATURE",
            "signature 0 made by the right key over 'tabularium/tx/v2' || 0x00 || body",
        )
        other = self.keys["other"]
        out["signed-by-other-key"] = (
            encode(body, [(first_key, other.sign(SIGNING_CONTEXT + body)), *sigs[1:]]),
            "BAD_SIGNATURE",
            "signature 0 made over the right message by a key that is not the listed one "
            "(public_key field still names the listed signer)",
        )
        out["public-key-bit-flipped"] = (
            encode(body, [(flip(first_key), first_sig), *sigs[1:]]),
            "SIGNER_NOT_LISTED",
            "bit 0 of byte 0 of signature 0's public_key flipped: it is not in body.signers",
        )
        out["signature-missing"] = (
            encode(body, sigs[1:]),
            "SIGNATURE_MISSING",
            "signature 0 removed: a key in body.signers has no signature",
        )
        out["signature-truncated"] = (
            encode(body, [(first_key, first_sig[:63]), *sigs[1:]]),
            "SIGNATURE_MALFORMED",
            "signature 0 is 63 bytes",
        )
        return out


# ---------------------------------------------------------------------------------------------


def main() -> None:
    keys = {n: load_private_key(KEYS / f"{n}.pem") for n in ("admin", "notary", "node", "other")}
    with tempfile.TemporaryDirectory(prefix="tabularium-vectors-") as tmp:
        data_dir = Path(tmp) / "data"
        genesis = init_chain(data_dir, keys)
        node = NodeProcess(data_dir).start()
        try:
            collected = collect(node, genesis, keys)
            builder = Builder(collected, keys)
            builder.receipts()
            builder.checkpoints()
            builder.consistency()
            builder.transactions()
            server_answers(node, builder)
        finally:
            node.terminate()
    for path, value in builder.files.items():
        check_case(path, value)
    for group in ("receipts", "checkpoints", "consistency", "transactions"):
        shutil.rmtree(OUT / group, ignore_errors=True)
    for path, value in sorted(builder.files.items()):
        target = OUT / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n")
    chain = {
        "chain_id": CHAIN_ID,
        "origin": genesis.origin,
        "log_key_name": KEY_NAME,
        "log_public_key": pub(keys["node"]).hex(),
        "log_key": builder.log_key,
        "signers": {
            name: {"key_file": f"keys/{name}.pem", "public_key": pub(keys[name]).hex()}
            for name in ("admin", "notary", "node", "other")
        },
    }
    (OUT / "chain.json").write_text(json.dumps(chain, indent=2) + "\n")
    print(f"wrote {len(builder.files)} cases under {OUT.relative_to(ROOT)}")


def server_answers(node: NodeProcess, builder: Builder) -> None:
    """Submit every invalid transaction: the server must refuse each with its want_err reason."""
    import grpc

    for path, value in builder.files.items():
        if not path.startswith("transactions/") or value["want_err"] is None:
            continue
        raw = base64.b64decode(value["input"]["transaction"])
        try:
            node.ledger.SubmitTransaction(
                ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=30
            )
        except grpc.RpcError as exc:
            reason = error_info(exc).reason
            assert reason == value["want_err"], (path, reason)
            value["server_error"] = {"code": exc.code().name, "reason": reason}  # type: ignore[attr-defined]
        else:
            raise AssertionError(f"server accepted {path}")


if __name__ == "__main__":
    main()
