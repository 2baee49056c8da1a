"""Cryptographic primitives of Tabularium: RFC 9162 Merkle trees and ZIP-215 Ed25519.

This package is the only importer of the private extension ``tabularium._core``; use
:mod:`tabularium.crypto.merkle`, :mod:`tabularium.crypto.ed25519` and
:mod:`tabularium.crypto.txcodec` (batch decoding and checks of submitted transactions).
:mod:`tabularium.crypto.reference` is a slow, obviously-correct pure-Python reference
used by the tests.
"""

from __future__ import annotations

from tabularium import _core

__all__ = ["BUILD_INFO", "__version__"]

__version__: str = _core.__version__
BUILD_INFO: dict[str, str] = _core.build_info()
