"""Issuing a credential: build it, give it a random status index, sign it.

The issuer then registers the credential on the ledger (``RegisterCredential`` with
``credential_hash``, ``types`` and ``status_index``) before handing it to the holder. If the
ledger answers STATUS_INDEX_TAKEN, issue again: a new random index.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium.crypto.didkey import verification_method
from tabularium.vc.dataintegrity import add_proof
from tabularium.vc.model import build_credential, credential_hash
from tabularium.vc.statuslist import STATUS_PURPOSES, build_status_list_entry, random_index


@dataclass(frozen=True, slots=True)
class IssuedCredential:
    credential: dict[str, Any]
    credential_hash: bytes
    types: tuple[str, ...]
    status_index: int


def issue_credential(
    key: Ed25519PrivateKey,
    *,
    issuer: str,
    subject: Mapping[str, Any],
    types: Sequence[str],
    valid_from: datetime,
    valid_until: datetime | None,
    status_list_url: Callable[[str], str],
    status_index: int | None = None,
    credential_id: str | None = None,
) -> IssuedCredential:
    """A signed credential with revocation and suspension entries at one random index.

    ``status_list_url(purpose)`` gives the statusListCredential URL of the issuer's list for
    that purpose (the ledger serves them; see CredentialsService.GetStatusList).
    """
    index = random_index() if status_index is None else status_index
    status = [
        build_status_list_entry(
            status_list_credential=status_list_url(purpose), index=index, purpose=purpose
        )
        for purpose in STATUS_PURPOSES
    ]
    unsigned = build_credential(
        issuer=issuer,
        subject=subject,
        types=types,
        valid_from=valid_from,
        valid_until=valid_until,
        status=status,
        credential_id=credential_id,
    )
    public_key = key.public_key().public_bytes_raw()
    secured = add_proof(
        unsigned, key, verification_method=verification_method(public_key), created=valid_from
    )
    return IssuedCredential(secured, credential_hash(secured), tuple(types), index)
