package org.tabularium.client;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * RFC 9162 Merkle tree hashing and proof verification (§2.1.1, §2.1.3.2, §2.1.4.2).
 *
 * <p>Sizes and indices are uint64 on the wire; here they are longs and must be non-negative
 * (a log of 2^63 entries is out of reach).
 */
public final class Merkle {
  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;
  private static final HexFormat HEX = HexFormat.of();
  private static final String INCLUSION = "INCLUSION_PROOF_INVALID";
  private static final String CONSISTENCY = "CONSISTENCY_PROOF_INVALID";

  /** Root of the empty tree: SHA-256 of nothing. */
  public static final byte[] EMPTY_ROOT = sha256();

  private Merkle() {}

  /** SHA-256 of the concatenated parts. */
  public static byte[] sha256(byte[]... parts) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    for (byte[] part : parts) {
      digest.update(part);
    }
    return digest.digest();
  }

  /** Leaf hash: SHA-256(0x00 || data). */
  public static byte[] leafHash(byte[] data) {
    return sha256(new byte[] {LEAF_PREFIX}, data);
  }

  /** Interior node hash: SHA-256(0x01 || left || right). */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    return sha256(new byte[] {NODE_PREFIX}, left, right);
  }

  /**
   * Checks that {@code leaf} (a leaf hash) is at {@code index} in the tree of {@code size} leaves
   * whose root is {@code root}, given the audit path {@code proof} (bottom-up).
   *
   * @throws VerificationException INCLUSION_PROOF_INVALID or CONSISTENCY_PROOF_INVALID if it is not
   */
  public static void verifyInclusion(
      byte[] leaf, long index, long size, List<byte[]> proof, byte[] root)
      throws VerificationException {
    if (index < 0 || size < 0 || index >= size) {
      throw invalid(INCLUSION, "index " + Long.toUnsignedString(index)
          + " is outside a tree of size " + Long.toUnsignedString(size));
    }
    checkHashes(INCLUSION, "inclusion proof", proof);
    long fn = index;
    long sn = size - 1;
    byte[] r = leaf;
    for (byte[] p : proof) {
      if (sn == 0) {
        throw invalid(INCLUSION,
            "inclusion proof has " + proof.size() + " hashes, more than the path");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      throw invalid(INCLUSION,
          "inclusion proof has " + proof.size() + " hashes, fewer than the path");
    }
    if (!MessageDigest.isEqual(r, root)) {
      throw invalid(INCLUSION, "inclusion proof leads to root " + HEX.formatHex(r) + ", want "
          + HEX.formatHex(root));
    }
  }

  /**
   * Checks that the tree of {@code oldSize} leaves with root {@code oldRoot} is a prefix of the
   * tree of {@code newSize} leaves with root {@code newRoot}, given the consistency proof.
   *
   * @throws VerificationException INCLUSION_PROOF_INVALID or CONSISTENCY_PROOF_INVALID if it is not
   */
  public static void verifyConsistency(
      long oldSize, long newSize, List<byte[]> proof, byte[] oldRoot, byte[] newRoot)
      throws VerificationException {
    if (oldSize < 0 || newSize < 0 || oldSize > newSize) {
      throw invalid(CONSISTENCY, "old size " + oldSize + " > new size " + newSize);
    }
    checkHashes(CONSISTENCY, "consistency proof", proof);
    if (oldSize == newSize || oldSize == 0) {
      if (!proof.isEmpty()) {
        throw invalid(CONSISTENCY, "consistency proof has " + proof.size() + " hashes, want 0");
      }
      byte[] want = oldSize == 0 ? EMPTY_ROOT : newRoot;
      if (!MessageDigest.isEqual(oldRoot, want)) {
        throw invalid(CONSISTENCY,
            oldSize == 0 ? "old root is not the empty root" : "roots of equal sizes differ");
      }
      return;
    }
    if (proof.isEmpty()) {
      throw invalid(CONSISTENCY, "consistency proof is empty");
    }
    // RFC 9162 §2.1.4.2, steps 2 to 7.
    List<byte[]> path = new ArrayList<>();
    if ((oldSize & (oldSize - 1)) == 0) {
      path.add(oldRoot);
    }
    path.addAll(proof);
    long fn = oldSize - 1;
    long sn = newSize - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        throw invalid(CONSISTENCY,
            "consistency proof has " + proof.size() + " hashes, more than the path");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      throw invalid(CONSISTENCY,
          "consistency proof has " + proof.size() + " hashes, fewer than the path");
    }
    if (!MessageDigest.isEqual(fr, oldRoot)) {
      throw invalid(CONSISTENCY, "consistency proof leads to old root " + HEX.formatHex(fr)
          + ", want " + HEX.formatHex(oldRoot));
    }
    if (!MessageDigest.isEqual(sr, newRoot)) {
      throw invalid(CONSISTENCY, "consistency proof leads to new root " + HEX.formatHex(sr)
          + ", want " + HEX.formatHex(newRoot));
    }
  }

  private static void checkHashes(String reason, String what, List<byte[]> hashes)
      throws VerificationException {
    for (int i = 0; i < hashes.size(); i++) {
      if (hashes.get(i).length != 32) {
        throw invalid(reason, what + "[" + i + "] has " + hashes.get(i).length + " bytes, want 32");
      }
    }
  }

  private static VerificationException invalid(String reason, String message) {
    return new VerificationException(reason, message);
  }
}
