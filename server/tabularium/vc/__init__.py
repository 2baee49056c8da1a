"""W3C Verifiable Credentials for Tabularium: pure, offline, no gRPC and no storage.

- :mod:`.model`: VC Data Model 2.0 credentials (build, structural checks, the ledger's
  credential hash = SHA-256 of the JCS form of the secured credential, dates).
- :mod:`.dataintegrity`: Data Integrity proofs, cryptosuite ``eddsa-jcs-2022``.
- :mod:`.statuslist`: Bitstring Status List v1.0 (lists of 131,072 entries, entries,
  status list credentials).
- :mod:`.verifier`: :func:`verify_credential`, the offline verifier, and its verdicts.
- :mod:`.contexts`: the bundled JSON-LD contexts (nothing is fetched at run time).

Identifiers and keys are ``did:key`` (Ed25519), see :mod:`tabularium.crypto.didkey`.

Parts of the specifications left out: JSON-LD processing (expansion, undefined-term
detection, ``eddsa-rdfc-2022``); proof sets and chains; DID methods other than ``did:key``
(the caller supplies key ownership through ``key_controlled_by``); verifiable
presentations; ``credentialSchema`` validation and ``relatedResource`` digests; status
purposes ``refresh`` and ``message`` are not interpreted; the status list ``timestamp``
query; VC 1.1 credentials.
"""

from __future__ import annotations

from tabularium.vc.contexts import CREDENTIALS_V2
from tabularium.vc.dataintegrity import (
    CRYPTOSUITE,
    ProofResult,
    add_proof,
    verify_proof,
)
from tabularium.vc.model import (
    build_credential,
    credential_hash,
    credential_types,
    format_datetime,
    issuer_id,
    parse_credential_json,
    parse_datetime,
    validate_credential,
)
from tabularium.vc.statuslist import (
    LIST_SIZE,
    build_status_list_credential,
    build_status_list_entry,
    decode_status_list,
    encode_status_list,
    random_index,
    read_status,
    set_indices,
)
from tabularium.vc.verifier import (
    Verdict,
    VerdictStatus,
    issuer_controls_verification_method,
    verify_credential,
)

__all__ = [
    "CREDENTIALS_V2",
    "CRYPTOSUITE",
    "LIST_SIZE",
    "ProofResult",
    "Verdict",
    "VerdictStatus",
    "add_proof",
    "build_credential",
    "build_status_list_credential",
    "build_status_list_entry",
    "credential_hash",
    "credential_types",
    "decode_status_list",
    "encode_status_list",
    "format_datetime",
    "issuer_controls_verification_method",
    "issuer_id",
    "parse_credential_json",
    "parse_datetime",
    "random_index",
    "read_status",
    "set_indices",
    "validate_credential",
    "verify_credential",
    "verify_proof",
]
