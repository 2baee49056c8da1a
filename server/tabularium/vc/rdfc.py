"""RDF Dataset Canonicalization (RDFC-1.0) of JSON-LD documents, with bundled contexts only.

``eddsa-rdfc-2022`` signs the canonical N-Quads of a document's JSON-LD graph rather than its
JSON text. Canonicalization is done by PyLD (the Digital Bazaar JSON-LD processor for Python;
its ``URDNA2015`` algorithm is RDFC-1.0 under its earlier name). The document loader serves
only the contexts bundled in :mod:`tabularium.vc.contexts` and refuses every other URL, so
verifying never touches the network and a document cannot make the verifier fetch anything.

The VC 2.0 base context declares ``@vocab``, so terms no context defines are not dropped from
the graph (they expand under ``https://www.w3.org/ns/credentials/issuer-dependent#``): every
property of the document is covered by the signature.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pyld import jsonld

from tabularium.errors import InvalidArgument
from tabularium.vc.contexts import BUNDLED_CONTEXTS, is_bundled, load_context
from tabularium.vc.model import CREDENTIAL_MALFORMED

__all__ = ["canonical_nquads"]


def _load(url: str, options: Any = None) -> dict[str, Any]:
    if not is_bundled(url):
        raise jsonld.JsonLdError(
            f"context {url} is not bundled; only {sorted(BUNDLED_CONTEXTS)} are available offline",
            "jsonld.LoadDocumentError",
            {"url": url},
            code="loading remote context failed",
        )
    return {"contextUrl": None, "documentUrl": url, "document": load_context(url)}


def _innermost(exc: BaseException) -> str:
    """The deepest message of a chain of errors (PyLD chains them with ``raise ... from``, and
    sometimes in ``details["cause"]``)."""
    message = type(exc).__name__
    seen: object = exc
    for _ in range(32):  # chains are short; never loop on a cycle
        if not isinstance(seen, BaseException):
            break
        if isinstance(seen, jsonld.JsonLdError):
            message = str(seen.args[0]) if seen.args else str(seen.type)
            details = seen.details if isinstance(seen.details, dict) else {}
            seen = seen.__cause__ or details.get("cause")
        else:
            message = str(seen) or type(seen).__name__
            seen = seen.__cause__
    return message


def canonical_nquads(document: Mapping[str, Any]) -> str:
    """Return the RDFC-1.0 canonical N-Quads of a JSON-LD document.

    Raises:
        tabularium.errors.InvalidArgument: reason ``CREDENTIAL_MALFORMED``: the document is
            not valid JSON-LD, or needs a context that is not bundled.
    """
    try:
        result = jsonld.normalize(
            dict(document),
            {
                "algorithm": "URDNA2015",
                "format": "application/n-quads",
                "documentLoader": _load,
            },
        )
    except jsonld.JsonLdError as exc:
        raise InvalidArgument(
            CREDENTIAL_MALFORMED, f"JSON-LD canonicalization failed: {_innermost(exc)}"
        ) from None
    assert isinstance(result, str)
    return result
