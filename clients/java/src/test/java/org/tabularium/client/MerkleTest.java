package org.tabularium.client;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 9162 proof verification against proofs built from the RFC's recursive definitions (MTH,
 * PATH, PROOF/SUBPROOF of §2.1.1, §2.1.3.1, §2.1.4.1), for every small tree shape.
 */
class MerkleTest {
  private static final List<byte[]> LEAVES = new ArrayList<>();

  static {
    for (int i = 0; i < 33; i++) {
      LEAVES.add(("leaf " + i).getBytes(StandardCharsets.UTF_8));
    }
  }

  private static int split(int n) {
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }

  private static byte[] mth(List<byte[]> d) {
    if (d.isEmpty()) {
      return Merkle.sha256();
    }
    if (d.size() == 1) {
      return Merkle.leafHash(d.get(0));
    }
    int k = split(d.size());
    return Merkle.nodeHash(mth(d.subList(0, k)), mth(d.subList(k, d.size())));
  }

  private static List<byte[]> path(int m, List<byte[]> d) {
    List<byte[]> out = new ArrayList<>();
    if (d.size() == 1) {
      return out;
    }
    int k = split(d.size());
    if (m < k) {
      out.addAll(path(m, d.subList(0, k)));
      out.add(mth(d.subList(k, d.size())));
    } else {
      out.addAll(path(m - k, d.subList(k, d.size())));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  private static List<byte[]> subproof(int m, List<byte[]> d, boolean complete) {
    List<byte[]> out = new ArrayList<>();
    int n = d.size();
    if (m == n) {
      if (!complete) {
        out.add(mth(d));
      }
      return out;
    }
    int k = split(n);
    if (m <= k) {
      out.addAll(subproof(m, d.subList(0, k), complete));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(subproof(m - k, d.subList(k, n), false));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  private static byte[] flip(byte[] b) {
    byte[] c = b.clone();
    c[0] ^= 1;
    return c;
  }

  private static List<byte[]> flipAt(List<byte[]> proof, int i) {
    List<byte[]> bad = new ArrayList<>(proof);
    bad.set(i, flip(proof.get(i)));
    return bad;
  }

  private static List<byte[]> plus(List<byte[]> proof, byte[] extra) {
    List<byte[]> longer = new ArrayList<>(proof);
    longer.add(extra);
    return longer;
  }

  @Test
  void inclusionAcceptsEveryLeafAndRejectsEveryCorruption() {
    for (int n = 1; n <= 33; n++) {
      List<byte[]> d = LEAVES.subList(0, n);
      byte[] root = mth(d);
      for (int m = 0; m < n; m++) {
        final long size = n;
        final long index = m;
        List<byte[]> proof = path(m, d);
        byte[] leaf = Merkle.leafHash(d.get(m));
        assertDoesNotThrow(() -> Merkle.verifyInclusion(leaf, index, size, proof, root));
        assertThrows(VerificationException.class,
            () -> Merkle.verifyInclusion(flip(leaf), index, size, proof, root));
        assertThrows(VerificationException.class,
            () -> Merkle.verifyInclusion(leaf, index, size, proof, flip(root)));
        assertThrows(VerificationException.class,
            () -> Merkle.verifyInclusion(leaf, size, size, proof, root));
        assertThrows(VerificationException.class,
            () -> Merkle.verifyInclusion(leaf, index, size, plus(proof, root), root));
        if (n > 1) {
          assertThrows(VerificationException.class,
              () -> Merkle.verifyInclusion(leaf, index ^ 1, size, proof, root));
          List<byte[]> shorter = proof.subList(1, proof.size());
          assertThrows(VerificationException.class,
              () -> Merkle.verifyInclusion(leaf, index, size, shorter, root));
        }
        for (int i = 0; i < proof.size(); i++) {
          List<byte[]> bad = flipAt(proof, i);
          assertThrows(VerificationException.class,
              () -> Merkle.verifyInclusion(leaf, index, size, bad, root));
        }
      }
    }
  }

  @Test
  void consistencyAcceptsEveryPairOfSizesAndRejectsEveryCorruption() {
    for (int n = 1; n <= 33; n++) {
      List<byte[]> d = LEAVES.subList(0, n);
      byte[] newRoot = mth(d);
      for (int m = 1; m <= n; m++) {
        final long oldSize = m;
        final long newSize = n;
        byte[] oldRoot = mth(d.subList(0, m));
        List<byte[]> proof = m == n ? List.of() : subproof(m, d, true);
        assertDoesNotThrow(
            () -> Merkle.verifyConsistency(oldSize, newSize, proof, oldRoot, newRoot));
        assertThrows(VerificationException.class,
            () -> Merkle.verifyConsistency(oldSize, newSize, proof, flip(oldRoot), newRoot));
        assertThrows(VerificationException.class,
            () -> Merkle.verifyConsistency(oldSize, newSize, proof, oldRoot, flip(newRoot)));
        assertThrows(VerificationException.class,
            () -> Merkle.verifyConsistency(newSize, oldSize - 1, proof, oldRoot, newRoot));
        if (m < n) {
          assertThrows(VerificationException.class, () -> Merkle.verifyConsistency(
              oldSize, newSize, plus(proof, newRoot), oldRoot, newRoot));
          assertThrows(VerificationException.class, () -> Merkle.verifyConsistency(
              oldSize, newSize, proof.subList(1, proof.size()), oldRoot, newRoot));
          for (int i = 0; i < proof.size(); i++) {
            List<byte[]> bad = flipAt(proof, i);
            assertThrows(VerificationException.class,
                () -> Merkle.verifyConsistency(oldSize, newSize, bad, oldRoot, newRoot));
          }
        }
      }
    }
  }

  @Test
  void emptyTreeIsAPrefixOfEveryTree() {
    byte[] root = mth(LEAVES.subList(0, 5));
    assertDoesNotThrow(() -> Merkle.verifyConsistency(0, 5, List.of(), Merkle.EMPTY_ROOT, root));
    assertThrows(VerificationException.class,
        () -> Merkle.verifyConsistency(0, 5, List.of(), flip(Merkle.EMPTY_ROOT), root));
    assertThrows(VerificationException.class,
        () -> Merkle.verifyConsistency(0, 5, List.of(root), Merkle.EMPTY_ROOT, root));
  }

  @Test
  void rejectsHashesThatAreNot32Bytes() {
    List<byte[]> d = LEAVES.subList(0, 2);
    assertThrows(VerificationException.class, () -> Merkle.verifyInclusion(
        Merkle.leafHash(d.get(0)), 0, 2, List.of(new byte[31]), mth(d)));
  }
}
