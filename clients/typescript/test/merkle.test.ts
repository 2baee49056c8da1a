/**
 * RFC 9162 proof verification against proofs built from the RFC's recursive definitions
 * (MTH, PATH, PROOF/SUBPROOF of §2.1.1, §2.1.3.1, §2.1.4.1), for every small tree shape.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  EMPTY_ROOT,
  VerificationError,
  leafHash,
  nodeHash,
  sha256,
  verifyConsistency,
  verifyInclusion,
} from "../src/index.js";

const leaves = Array.from({ length: 33 }, (_, i) => new TextEncoder().encode(`leaf ${i}`));

/** Largest power of two smaller than n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function mth(d: Uint8Array[]): Uint8Array {
  if (d.length === 0) return sha256();
  if (d.length === 1) return leafHash(d[0]!);
  const k = split(d.length);
  return nodeHash(mth(d.slice(0, k)), mth(d.slice(k)));
}

function path(m: number, d: Uint8Array[]): Uint8Array[] {
  if (d.length === 1) return [];
  const k = split(d.length);
  return m < k
    ? [...path(m, d.slice(0, k)), mth(d.slice(k))]
    : [...path(m - k, d.slice(k)), mth(d.slice(0, k))];
}

function subproof(m: number, d: Uint8Array[], complete: boolean): Uint8Array[] {
  const n = d.length;
  if (m === n) return complete ? [] : [mth(d)];
  const k = split(n);
  return m <= k
    ? [...subproof(m, d.slice(0, k), complete), mth(d.slice(k))]
    : [...subproof(m - k, d.slice(k), false), mth(d.slice(0, k))];
}

function flip(b: Uint8Array): Uint8Array {
  const c = new Uint8Array(b);
  c[0]! ^= 1;
  return c;
}

const rejects = (fn: () => void): void => assert.throws(fn, VerificationError);

describe("inclusion proofs", () => {
  it("accepts every leaf of every tree up to 33 leaves and rejects every corruption", () => {
    for (let n = 1; n <= 33; n++) {
      const d = leaves.slice(0, n);
      const root = mth(d);
      for (let m = 0; m < n; m++) {
        const proof = path(m, d);
        const leaf = leafHash(d[m]!);
        verifyInclusion(leaf, BigInt(m), BigInt(n), proof, root);
        rejects(() => verifyInclusion(flip(leaf), BigInt(m), BigInt(n), proof, root));
        rejects(() => verifyInclusion(leaf, BigInt(m), BigInt(n), proof, flip(root)));
        rejects(() => verifyInclusion(leaf, BigInt(n), BigInt(n), proof, root));
        rejects(() => verifyInclusion(leaf, BigInt(m), BigInt(n), [...proof, root], root));
        if (n > 1) rejects(() => verifyInclusion(leaf, BigInt(m ^ 1), BigInt(n), proof, root));
        proof.forEach((_, i) => {
          const bad = proof.map((h, j) => (i === j ? flip(h) : h));
          rejects(() => verifyInclusion(leaf, BigInt(m), BigInt(n), bad, root));
        });
        if (proof.length > 0) {
          rejects(() => verifyInclusion(leaf, BigInt(m), BigInt(n), proof.slice(1), root));
        }
      }
    }
  });

  it("rejects hashes that are not 32 bytes", () => {
    const d = leaves.slice(0, 2);
    rejects(() => verifyInclusion(leafHash(d[0]!), 0n, 2n, [new Uint8Array(31)], mth(d)));
  });
});

describe("consistency proofs", () => {
  it("accepts every pair of sizes up to 33 and rejects every corruption", () => {
    for (let n = 1; n <= 33; n++) {
      const d = leaves.slice(0, n);
      const newRoot = mth(d);
      for (let m = 1; m <= n; m++) {
        const oldRoot = mth(d.slice(0, m));
        const proof = m === n ? [] : subproof(m, d, true);
        verifyConsistency(BigInt(m), BigInt(n), proof, oldRoot, newRoot);
        rejects(() => verifyConsistency(BigInt(m), BigInt(n), proof, flip(oldRoot), newRoot));
        rejects(() => verifyConsistency(BigInt(m), BigInt(n), proof, oldRoot, flip(newRoot)));
        rejects(() => verifyConsistency(BigInt(n), BigInt(m - 1), proof, oldRoot, newRoot));
        if (m < n) {
          rejects(() => verifyConsistency(BigInt(m), BigInt(n), [...proof, newRoot], oldRoot, newRoot));
          rejects(() => verifyConsistency(BigInt(m), BigInt(n), proof.slice(1), oldRoot, newRoot));
          proof.forEach((_, i) => {
            const bad = proof.map((h, j) => (i === j ? flip(h) : h));
            rejects(() => verifyConsistency(BigInt(m), BigInt(n), bad, oldRoot, newRoot));
          });
        }
      }
    }
  });

  it("treats the empty tree as a prefix of every tree", () => {
    const root = mth(leaves.slice(0, 5));
    verifyConsistency(0n, 5n, [], EMPTY_ROOT, root);
    rejects(() => verifyConsistency(0n, 5n, [], flip(EMPTY_ROOT), root));
    rejects(() => verifyConsistency(0n, 5n, [root], EMPTY_ROOT, root));
  });
});
