/**
 * RFC 9162 Merkle tree hashing and proof verification (§2.1.1, §2.1.3.2, §2.1.4.2).
 *
 * Sizes and indices are bigints: a log may outgrow Number.MAX_SAFE_INTEGER in principle, and
 * protobuf-es maps uint64 to bigint.
 */
import { createHash } from "node:crypto";

import { VerificationError } from "./errors.js";

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

/** SHA-256 of the concatenated parts. */
export function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = createHash("sha256");
  for (const part of parts) h.update(part);
  return new Uint8Array(h.digest());
}

/** Root of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT: Uint8Array = sha256();

/** Leaf hash: SHA-256(0x00 || data). */
export function leafHash(data: Uint8Array): Uint8Array {
  return sha256(LEAF_PREFIX, data);
}

/** Interior node hash: SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(NODE_PREFIX, left, right);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString("hex");
}

function checkHashes(reason: string, what: string, hashes: readonly Uint8Array[]): void {
  hashes.forEach((h, i) => {
    if (h.length !== 32) {
      throw new VerificationError(reason, `${what}[${i}] has ${h.length} bytes, want 32`);
    }
  });
}

const odd = (n: bigint): boolean => (n & 1n) === 1n;

/**
 * Checks that `leaf` (a leaf hash) is at `index` in the tree of `size` leaves whose root is `root`,
 * given the audit path `proof` (bottom-up). Throws VerificationError if not.
 */
export function verifyInclusion(
  leaf: Uint8Array,
  index: bigint,
  size: bigint,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  if (index < 0n || index >= size) {
    throw new VerificationError("INCLUSION_PROOF_INVALID", `index ${index} is outside a tree of size ${size}`);
  }
  checkHashes("INCLUSION_PROOF_INVALID", "inclusion proof", proof);
  let fn = index;
  let sn = size - 1n;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) {
      throw new VerificationError("INCLUSION_PROOF_INVALID", "inclusion proof is longer than the path");
    }
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!odd(fn) && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) {
    throw new VerificationError("INCLUSION_PROOF_INVALID", "inclusion proof is shorter than the path");
  }
  if (!bytesEqual(r, root)) {
    throw new VerificationError(
      "INCLUSION_PROOF_INVALID",
      `inclusion proof leads to root ${hex(r)}, checkpoint has ${hex(root)}`,
    );
  }
}

/**
 * Checks that the tree of `oldSize` leaves with root `oldRoot` is a prefix of the tree of
 * `newSize` leaves with root `newRoot`, given the consistency proof. Throws VerificationError if not.
 */
export function verifyConsistency(
  oldSize: bigint,
  newSize: bigint,
  proof: readonly Uint8Array[],
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
): void {
  if (oldSize < 0n || oldSize > newSize) {
    throw new VerificationError("CONSISTENCY_PROOF_INVALID", `old size ${oldSize} > new size ${newSize}`);
  }
  checkHashes("CONSISTENCY_PROOF_INVALID", "consistency proof", proof);
  if (oldSize === newSize || oldSize === 0n) {
    if (proof.length !== 0) {
      throw new VerificationError("CONSISTENCY_PROOF_INVALID", "consistency proof must be empty here");
    }
    const want = oldSize === 0n ? EMPTY_ROOT : newRoot;
    if (!bytesEqual(oldRoot, want)) {
      throw new VerificationError(
        "CONSISTENCY_PROOF_INVALID",
        oldSize === 0n ? "old root is not the empty root" : "roots of equal sizes differ",
      );
    }
    return;
  }
  if (proof.length === 0) {
    throw new VerificationError("CONSISTENCY_PROOF_INVALID", "consistency proof is empty");
  }
  // RFC 9162 §2.1.4.2, steps 2 to 7.
  const path = (oldSize & (oldSize - 1n)) === 0n ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1n;
  let sn = newSize - 1n;
  while (odd(fn)) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0n) {
      throw new VerificationError("CONSISTENCY_PROOF_INVALID", "consistency proof is longer than the path");
    }
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!odd(fn) && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) {
    throw new VerificationError("CONSISTENCY_PROOF_INVALID", "consistency proof is shorter than the path");
  }
  if (!bytesEqual(fr, oldRoot)) {
    throw new VerificationError("CONSISTENCY_PROOF_INVALID", `consistency proof does not lead to the old root`);
  }
  if (!bytesEqual(sr, newRoot)) {
    throw new VerificationError("CONSISTENCY_PROOF_INVALID", `consistency proof does not lead to the new root`);
  }
}
