"""Credentials: offline verification rates in process, each against its floor in the same run.

* ``jcs_credential_per_s``: :func:`tabularium.vc.verify_credential` on an ``eddsa-jcs-2022``
  credential (structure, JCS, SHA-256, Ed25519, binding, validity), against the bare
  Ed25519 verification of 64 bytes with ``cryptography`` (``ed25519_per_s``): the ratio says
  what everything around the signature costs.
* ``rdfc_credential_per_s``: the same credential with ``eddsa-rdfc-2022`` (RDFC-1.0 through
  PyLD, bundled contexts); ``rdfc_vs_jcs`` is what JSON-LD canonicalization costs.
* ``presentation_per_s``: :func:`tabularium.vc.presentation.verify_presentation` of one
  jcs presentation holding that credential (two proofs), against two bare verifications.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from benchmarks.common import calls_per_second, progress
from tabularium.crypto.didkey import did_key, verification_method
from tabularium.vc.dataintegrity import RDFC_CRYPTOSUITE, add_proof
from tabularium.vc.model import build_credential
from tabularium.vc.presentation import present, verify_presentation
from tabularium.vc.verifier import verify_credential

NOW = datetime(2026, 12, 6, tzinfo=UTC)


def run(repeat: int = 300) -> dict[str, Any]:
    progress("credentials: offline verification (jcs, rdfc, presentations)")
    issuer = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"bench/issuer").digest())
    holder = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"bench/holder").digest())
    issuer_pub = issuer.public_key().public_bytes_raw()
    holder_did = did_key(holder.public_key().public_bytes_raw())
    unsigned = build_credential(
        issuer=did_key(issuer_pub),
        subject={"id": holder_did, "permit": {"type": "BuildingPermit", "parcel": "LR-0042-17"}},
        types=["BuildingPermitCredential"],
        valid_from=NOW - timedelta(days=30),
        valid_until=NOW + timedelta(days=365),
    )
    vm = verification_method(issuer_pub)
    jcs = add_proof(unsigned, issuer, verification_method=vm, created=NOW - timedelta(days=30))
    rdfc = add_proof(
        unsigned,
        issuer,
        verification_method=vm,
        created=NOW - timedelta(days=30),
        cryptosuite=RDFC_CRYPTOSUITE,
    )
    vp = present(
        [jcs], holder, holder=holder_did, challenge="bench-0123456789ab", domain="did:example:v",
        created=NOW,
    )  # fmt: skip
    for doc in (jcs, rdfc):
        assert verify_credential(doc, now=NOW).ok
    assert verify_presentation(
        vp, challenge="bench-0123456789ab", domain="did:example:v", now=NOW
    ).ok
    public = issuer.public_key()
    message = hashlib.sha256(b"a").digest() + hashlib.sha256(b"b").digest()
    signature = issuer.sign(message)
    ed25519 = calls_per_second(lambda: public.verify(signature, message), repeat * 10)
    jcs_rate = calls_per_second(lambda: verify_credential(jcs, now=NOW), repeat)
    rdfc_rate = calls_per_second(lambda: verify_credential(rdfc, now=NOW), max(10, repeat // 5))
    vp_rate = calls_per_second(
        lambda: verify_presentation(
            vp, challenge="bench-0123456789ab", domain="did:example:v", now=NOW
        ),
        repeat,
    )
    return {
        "rates": {
            "ed25519_per_s": ed25519,
            "jcs_credential_per_s": jcs_rate,
            "rdfc_credential_per_s": rdfc_rate,
            "presentation_per_s": vp_rate,
        },
        "ratios": {
            "jcs_vs_ed25519": jcs_rate / ed25519,
            "rdfc_vs_jcs": rdfc_rate / jcs_rate,
            "presentation_vs_two_ed25519": vp_rate / (ed25519 / 2),
        },
    }
