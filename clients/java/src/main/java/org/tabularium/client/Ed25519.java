package org.tabularium.client;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/** Ed25519 verification with raw 32-byte public keys, on the JDK's built-in provider. */
public final class Ed25519 {
  /** DER prefix of an X.509 SubjectPublicKeyInfo holding a raw Ed25519 key (RFC 8410). */
  private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private Ed25519() {}

  /** The JDK key for 32 raw bytes. */
  public static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
    if (raw.length != 32) {
      throw new InvalidKeyException("Ed25519 public key has " + raw.length + " bytes, want 32");
    }
    byte[] spki = new byte[SPKI_PREFIX.length + 32];
    System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
    System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, 32);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
  }

  /** True if {@code signature} is a valid signature of {@code message} by {@code key}. */
  public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    if (signature.length != 64) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (SignatureException | InvalidKeyException e) {
      return false;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Ed25519 is built into Java 15 and later", e);
    }
  }

  /** True if {@code signature} is a valid signature of {@code message} by the raw key. */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    try {
      return verify(publicKey(publicKey), message, signature);
    } catch (GeneralSecurityException e) {
      return false; // not a 32-byte key, or not a point on the curve
    }
  }
}
