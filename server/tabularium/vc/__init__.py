"""W3C Verifiable Credentials for Tabularium: pure, offline, no gRPC and no storage.

- :mod:`.model`: VC Data Model 2.0 credentials (build, structural checks, the ledger's
  credential hash = SHA-256 of the JCS form of the secured credential, dates).
- :mod:`.dataintegrity`: Data Integrity proofs, cryptosuites ``eddsa-jcs-2022`` and
  ``eddsa-rdfc-2022`` (:mod:`.rdfc`: RDFC-1.0 through PyLD, bundled contexts only).
- :mod:`.did`: verification methods and their controllers, offline (``did:key``, pinned or
  ledger-registered DID documents, pinned bindings of HTTPS issuer ids).
- :mod:`.statuslist`: Bitstring Status List v1.0 (lists of 131,072 entries, entries,
  status list credentials).
- :mod:`.verifier`: :func:`verify_credential`, the offline verifier, and its verdicts (one
  status, and each check's outcome).
- :mod:`.presentation`: verifiable presentations with challenge and domain, holder binding.
- :mod:`.contexts`: the bundled JSON-LD contexts (nothing is fetched at run time).

Parts of the specifications left out: JSON-LD expansion beyond what RDFC needs (no
undefined-term detection: the VC 2.0 context's ``@vocab`` keeps every term in the graph);
proof sets and chains; DID resolution over the network and DID methods beyond documents given
to the resolver; selective disclosure (``ecdsa-sd-2023``, BBS) and enveloped credentials
(VC-JOSE-COSE, SD-JWT); ``credentialSchema`` validation and ``relatedResource`` digests;
status purposes ``refresh`` and ``message`` are not interpreted; the status list
``timestamp`` query; VC 1.1 credentials.
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
