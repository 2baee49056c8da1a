"""JSON-LD contexts bundled with Tabularium (nothing is fetched at run time).

``eddsa-jcs-2022`` secures the JSON text (RFC 8785), not the JSON-LD graph, so it never needs a
context; ``eddsa-rdfc-2022`` canonicalizes the graph and loads contexts from here only
(:mod:`tabularium.vc.rdfc`), so a credential naming any other context does not verify rather
than making the verifier fetch it. The bytes are the ones the VC Data Model 2.0 pins (the
base context's SHA-256 is fixed by the Recommendation). ``contexts/PROVENANCE.md``
says where each file comes from.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from typing import Any

__all__ = [
    "BUNDLED_CONTEXTS",
    "CREDENTIALS_V2",
    "EXAMPLES_V2",
    "context_bytes",
    "is_bundled",
    "load_context",
]

CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
"""The base context; every VC Data Model 2.0 credential's ``@context`` starts with it."""
EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"
"""The examples context used by the W3C specifications' examples and test vectors."""

# URL -> (file name in contexts/, SHA-256 hex of the file).
BUNDLED_CONTEXTS: dict[str, tuple[str, str]] = {
    CREDENTIALS_V2: (
        "credentials-v2.jsonld",
        "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734",
    ),
    EXAMPLES_V2: (
        "credentials-examples-v2.jsonld",
        "57393fbc69d6efb9b9b5dc9cb6b9880b0944360abfe2eaf459c9e58cf2279d7c",
    ),
}


def is_bundled(url: str) -> bool:
    """Return whether the context at ``url`` is bundled."""
    return url in BUNDLED_CONTEXTS


def context_bytes(url: str) -> bytes:
    """Return the bundled bytes of the context at ``url``, checked against its SHA-256.

    Raises:
        KeyError: the context is not bundled.
        RuntimeError: the bundled file does not have its recorded digest (a broken install).
    """
    name, digest = BUNDLED_CONTEXTS[url]
    data = resources.files("tabularium.vc").joinpath("contexts", name).read_bytes()
    got = hashlib.sha256(data).hexdigest()
    if got != digest:
        raise RuntimeError(f"bundled context {name} has SHA-256 {got}, want {digest}")
    return data


def load_context(url: str) -> dict[str, Any]:
    """Return the bundled context document at ``url`` parsed as JSON.

    Raises:
        KeyError: the context is not bundled.
        RuntimeError: the bundled file does not have its recorded digest.
    """
    doc: dict[str, Any] = json.loads(context_bytes(url))
    return doc
