"""Print same-run speed ratios of the extension to its baselines, as JSON.

* Merkle root of 1,000,000 64-byte leaves: ``tabularium.crypto.merkle.root`` vs the
  level-by-level hashlib implementation in ``tabularium.crypto.reference``.
* 10,000 Ed25519 signatures: ``tabularium.crypto.ed25519.verify_batch`` vs a loop over
  ``cryptography``'s ``Ed25519PublicKey.verify``.

Each timing is the best of ``--repeat`` runs (default 3). Usage:
``python benchmarks/core_ext/ratios.py [--leaves N] [--signatures N] [--repeat R]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections.abc import Callable

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium.crypto import BUILD_INFO, ed25519, merkle, reference


def _best(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaves", type=int, default=1_000_000)
    parser.add_argument("--signatures", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    leaves = [i.to_bytes(8, "big") * 8 for i in range(args.leaves)]
    assert merkle.root(leaves) == reference.root_iterative(leaves)
    ext_root = _best(lambda: merkle.root(leaves), args.repeat)
    py_root = _best(lambda: reference.root_iterative(leaves), args.repeat)

    keys = [Ed25519PrivateKey.from_private_bytes(bytes([i]) * 32) for i in range(16)]
    items = []
    for i in range(args.signatures):
        key, msg = keys[i % len(keys)], i.to_bytes(8, "big") * 4
        items.append((key.public_key().public_bytes_raw(), msg, key.sign(msg)))
    pubs = [k.public_key() for k in keys]

    def loop() -> None:
        for i, (_, msg, sig) in enumerate(items):
            pubs[i % len(pubs)].verify(sig, msg)

    assert all(ed25519.verify_batch(items))
    ext_sig = _best(lambda: ed25519.verify_batch(items), args.repeat)
    py_sig = _best(loop, args.repeat)

    print(
        json.dumps(
            {
                "merkle_root": {
                    "leaves": args.leaves,
                    "leaf_bytes": 64,
                    "extension_s": round(ext_root, 4),
                    "hashlib_s": round(py_root, 4),
                    "speedup": round(py_root / ext_root, 2),
                },
                "ed25519_verify": {
                    "signatures": args.signatures,
                    "extension_batch_s": round(ext_sig, 4),
                    "cryptography_loop_s": round(py_sig, 4),
                    "speedup": round(py_sig / ext_sig, 2),
                },
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "build": BUILD_INFO,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
