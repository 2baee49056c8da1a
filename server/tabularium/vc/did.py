"""Verification methods and who controls them, resolved offline.

A Data Integrity proof names a verification method (``proof.verificationMethod``). To check the
proof the verifier needs the method's public key; to trust it, the verifier needs to know that
the credential's issuer (or a presentation's holder) controls that method. :class:`Resolver`
answers both questions from what it was given, never from the network:

* ``did:key`` (Ed25519) resolves by itself: the DID controls its one key, for every proof
  purpose.
* any other DID (``did:web``, ``did:ebsi``, a ledger's DID) resolves from a pinned DID document
  (DID Core 1.0 / Controlled Identifiers 1.0): verification methods of type ``Multikey`` or
  ``Ed25519VerificationKey2020`` (``publicKeyMultibase``, multicodec ``ed25519-pub``) or
  ``JsonWebKey`` / ``JsonWebKey2020`` (``publicKeyJwk`` with ``kty`` ``OKP``, ``crv``
  ``Ed25519``), listed in ``verificationMethod`` or embedded in a relationship. A method is
  authorized for a proof purpose when the document's relationship of that name
  (``assertionMethod``, ``authentication``, ...) lists it by id or embeds it.
* a party that is not a DID (an HTTPS issuer id such as ``https://vc.example/issuers/5678``)
  is bound by a pinned mapping to the DID (or to the one verification method) that speaks for
  it.

Left out: DID resolution over the network (did:web's HTTPS fetch), DID URL paths, queries and
services, key types other than Ed25519, and ``controller`` chains (a document whose methods
are controlled by yet another DID).
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tabularium.crypto.didkey import (
    DID_KEY_PREFIX,
    ED25519_PUB_MULTICODEC,
    base58btc_decode,
    public_key_from_did_key,
)
from tabularium.errors import InvalidArgument

__all__ = [
    "DID_DOCUMENT_INVALID",
    "PURPOSES",
    "UNRESOLVED",
    "ResolvedMethod",
    "Resolver",
    "parse_did_document",
]

PURPOSES = ("assertionMethod", "authentication", "capabilityInvocation", "capabilityDelegation")
"""The verification relationships a proof purpose can name."""
UNRESOLVED = "VERIFICATION_METHOD_UNRESOLVED"
DID_DOCUMENT_INVALID = "DID_DOCUMENT_INVALID"
_MULTIBASE_TYPES = frozenset({"Multikey", "Ed25519VerificationKey2020"})
_JWK_TYPES = frozenset({"JsonWebKey", "JsonWebKey2020"})
MAX_METHODS = 64


@dataclass(frozen=True)
class ResolvedMethod:
    """A verification method's Ed25519 key, its controller and the purposes it is listed for."""

    id: str
    public_key: bytes
    controller: str
    purposes: frozenset[str]


def _invalid(where: str, why: str) -> InvalidArgument:
    return InvalidArgument(DID_DOCUMENT_INVALID, f"{where}: {why}")


def _absolute(ref: str, did: str) -> str:
    return did + ref if ref.startswith("#") else ref


def _method_key(method: Mapping[str, Any], where: str) -> bytes:
    kind = method.get("type")
    if kind in _MULTIBASE_TYPES:
        value = method.get("publicKeyMultibase")
        if not isinstance(value, str) or not value.startswith("z"):
            raise _invalid(where, "publicKeyMultibase must be base58btc multibase ('z...')")
        try:
            raw = base58btc_decode(value[1:])
        except ValueError as exc:
            raise _invalid(where, f"publicKeyMultibase: {exc}") from None
        if not raw.startswith(ED25519_PUB_MULTICODEC) or len(raw) != 34:
            raise _invalid(where, "publicKeyMultibase is not an ed25519-pub (0xed01) key")
        return raw[2:]
    if kind in _JWK_TYPES:
        jwk = method.get("publicKeyJwk")
        if not isinstance(jwk, Mapping) or jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519":
            raise _invalid(where, "publicKeyJwk must be an OKP key with crv Ed25519")
        if "d" in jwk:
            raise _invalid(where, "publicKeyJwk holds a private key ('d'); publish the public key")
        x = jwk.get("x")
        if not isinstance(x, str):
            raise _invalid(where, "publicKeyJwk.x is missing")
        try:
            raw = base64.urlsafe_b64decode(x + "=" * (-len(x) % 4))
        except ValueError:
            raise _invalid(where, "publicKeyJwk.x is not base64url") from None
        if len(raw) != 32:
            raise _invalid(where, f"publicKeyJwk.x is {len(raw)} bytes, want 32")
        return raw
    raise _invalid(
        where,
        f"type {kind!r} is not supported; use Multikey, Ed25519VerificationKey2020 or "
        "JsonWebKey (Ed25519)",
    )


def parse_did_document(document: object) -> tuple[str, dict[str, ResolvedMethod]]:
    """Return ``(did, methods by absolute id)`` of a DID document with Ed25519 methods.

    Methods of unsupported key types are refused rather than skipped, so a pinned document
    never silently loses a key its controller relies on.

    Raises:
        tabularium.errors.InvalidArgument: reason ``DID_DOCUMENT_INVALID`` saying what is wrong.
    """
    if not isinstance(document, Mapping):
        raise _invalid("DID document", f"is {type(document).__name__}, want a JSON object")
    did = document.get("id")
    if not isinstance(did, str) or not did.startswith("did:") or "#" in did or len(did) > 512:
        raise _invalid("DID document", f"id {did!r} is not a DID")
    if did.startswith(DID_KEY_PREFIX):
        raise _invalid("DID document", "a did:key resolves by itself; do not pin a document")
    found: dict[str, tuple[Mapping[str, Any], str]] = {}
    listed = document.get("verificationMethod", [])
    if not isinstance(listed, list):
        raise _invalid(did, "verificationMethod must be a list")
    embedded: list[tuple[Mapping[str, Any], str]] = [(m, "verificationMethod") for m in listed]
    refs: dict[str, set[str]] = {}
    for purpose in PURPOSES:
        entries = document.get(purpose, [])
        if not isinstance(entries, list):
            raise _invalid(did, f"{purpose} must be a list")
        for entry in entries:
            if isinstance(entry, str):
                refs.setdefault(_absolute(entry, did), set()).add(purpose)
            elif isinstance(entry, Mapping):
                embedded.append((entry, purpose))
                if isinstance(entry.get("id"), str):
                    refs.setdefault(_absolute(entry["id"], did), set()).add(purpose)
            else:
                raise _invalid(did, f"{purpose} entries must be ids or method objects")
    if len(embedded) > MAX_METHODS:
        raise _invalid(did, f"more than {MAX_METHODS} verification methods")
    for method, where in embedded:
        if not isinstance(method, Mapping) or not isinstance(method.get("id"), str):
            raise _invalid(did, f"a method in {where} has no id")
        vm_id = _absolute(method["id"], did)
        if vm_id.partition("#")[0] != did:
            raise _invalid(did, f"method {vm_id} is not a fragment of {did}")
        if vm_id in found:
            raise _invalid(did, f"method {vm_id} appears twice")
        found[vm_id] = (method, where)
    methods: dict[str, ResolvedMethod] = {}
    for vm_id, (method, _) in found.items():
        controller = method.get("controller", did)
        if not isinstance(controller, str):
            raise _invalid(vm_id, "controller must be a DID")
        methods[vm_id] = ResolvedMethod(
            id=vm_id,
            public_key=_method_key(method, vm_id),
            controller=controller,
            purposes=frozenset(refs.get(vm_id, ())),
        )
    dangling = sorted(set(refs) - set(methods))
    if dangling:
        raise _invalid(did, f"relationships name undefined methods {dangling}")
    return did, methods


@dataclass
class Resolver:
    """Resolves verification methods offline from ``did:key``, pinned documents and bindings.

    ``documents`` maps a DID to its DID document (JSON value). ``bindings`` maps a party
    (issuer or holder id, typically an HTTPS URL) to the DID or verification method id that
    speaks for it. ``lookup`` is asked for documents the resolver was not given (the server
    reads DID documents registered on the ledger); it returns None when it has none.
    """

    documents: Mapping[str, Any] = field(default_factory=dict)
    bindings: Mapping[str, str] = field(default_factory=dict)
    lookup: Any = None  # Callable[[str], object | None]
    _parsed: dict[str, dict[str, ResolvedMethod]] = field(default_factory=dict, repr=False)

    @classmethod
    def pinned(cls, documents: Iterable[object], bindings: Mapping[str, str]) -> Resolver:
        """A resolver over DID documents (checked now) and party -> DID bindings.

        Raises:
            tabularium.errors.InvalidArgument: a document is invalid (``DID_DOCUMENT_INVALID``).
        """
        by_did: dict[str, Any] = {}
        parsed: dict[str, dict[str, ResolvedMethod]] = {}
        for document in documents:
            did, methods = parse_did_document(document)
            by_did[did] = document
            parsed[did] = methods
        return cls(documents=by_did, bindings=dict(bindings), _parsed=parsed)

    def _methods(self, did: str) -> dict[str, ResolvedMethod] | None:
        if did in self._parsed:
            return self._parsed[did]
        document = self.documents.get(did)
        if document is None and self.lookup is not None:
            document = self.lookup(did)
        if document is None:
            return None
        got, methods = parse_did_document(document)
        if got != did:
            raise _invalid(did, f"the document found for {did} has id {got}")
        self._parsed[did] = methods
        return methods

    def resolve(self, verification_method: object) -> ResolvedMethod:
        """Return the method's key, controller and authorized purposes.

        Raises:
            tabularium.errors.InvalidArgument: ``VERIFICATION_METHOD_UNRESOLVED`` when no
                pinned or registered document covers it (the message says what to pin);
                ``DID_INVALID`` for a malformed ``did:key``; ``DID_DOCUMENT_INVALID``.
        """
        if not isinstance(verification_method, str) or not verification_method.startswith("did:"):
            raise InvalidArgument(
                UNRESOLVED,
                f"verification method {verification_method!r} is not a DID URL",
            )
        did = verification_method.partition("#")[0]
        if did.startswith(DID_KEY_PREFIX):
            key = public_key_from_did_key(verification_method)
            return ResolvedMethod(verification_method, key, did, frozenset(PURPOSES))
        methods = self._methods(did)
        if methods is None:
            raise InvalidArgument(
                UNRESOLVED,
                f"no DID document for {did}: it is not fetched over the network; pin it "
                "(--did-document FILE) or register it on the ledger (RegisterDidDocument)",
            )
        method = methods.get(verification_method)
        if method is None:
            raise InvalidArgument(
                UNRESOLVED, f"the DID document of {did} has no method {verification_method}"
            )
        return method

    def binding(self, party: str, method: ResolvedMethod) -> tuple[bool, str]:
        """Whether ``party`` controls ``method``, and how (or why it is not known).

        True when the method's controller is the party, or when the party is bound (pinned
        mapping) to the method's controller DID or to the method itself.
        """
        if method.controller == party:
            how = "did:key" if party.startswith(DID_KEY_PREFIX) else "its DID document"
            return True, f"{party} controls {method.id} ({how})"
        bound = self.bindings.get(party)
        if bound is not None and bound in (method.controller, method.id):
            return True, f"{party} is bound to {bound} by a pinned mapping"
        return False, f"{method.id} is controlled by {method.controller}, not {party}"
