"""The identity domain: identities, keys, roles and policies (state layout in chain.identity)."""

from tabularium.chain.identity import NAMESPACE

__all__ = ["NAMESPACE"]
