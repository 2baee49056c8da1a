package org.tabularium.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A pinned C2SP signed-note key: the name and Ed25519 public key a verifier trusts, written as
 * {@code <name>+<hex key hash>+<base64(0x01 || public key)>}.
 */
public final class NoteVerifier {
  static final byte ED25519_ALG = 0x01;
  /** DER prefix of an X.509 SubjectPublicKeyInfo holding a raw Ed25519 key (RFC 8410). */
  private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private final String name;
  private final byte[] publicKey;
  private final byte[] keyHash;
  private final PublicKey key;

  /** A verifier for key {@code name} with the 32-byte Ed25519 {@code publicKey}. */
  public NoteVerifier(String name, byte[] publicKey) throws VerificationException {
    if (publicKey.length != 32) {
      throw invalidKey("Ed25519 public key has " + publicKey.length + " bytes, want 32");
    }
    if (name.isEmpty() || name.chars().anyMatch(c -> c == '+' || Character.isWhitespace(c))) {
      throw invalidKey("key name \"" + name + "\" is empty or has a space or plus");
    }
    this.name = name;
    this.publicKey = publicKey.clone();
    this.keyHash = keyHash(name, publicKey);
    try {
      byte[] spki = new byte[SPKI_PREFIX.length + 32];
      System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
      System.arraycopy(publicKey, 0, spki, SPKI_PREFIX.length, 32);
      this.key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException e) {
      throw invalidKey("not an Ed25519 public key: " + e.getMessage());
    }
  }

  /** Parses a verifier key string; surrounding whitespace (a file's newline) is ignored. */
  public static NoteVerifier parse(String text) throws VerificationException {
    String[] parts = text.strip().split("\\+", 3);
    if (parts.length != 3) {
      throw invalidKey("verifier key must be name+hash+key");
    }
    byte[] raw = Base64Strict.decode(parts[2]);
    if (raw == null) {
      throw invalidKey("verifier key is not base64");
    }
    if (raw.length != 33 || raw[0] != ED25519_ALG) {
      throw invalidKey("verifier key is not an Ed25519 key");
    }
    NoteVerifier verifier = new NoteVerifier(parts[0], Arrays.copyOfRange(raw, 1, 33));
    if (!HexFormat.of().formatHex(verifier.keyHash).equals(parts[1].toLowerCase())) {
      throw invalidKey("verifier key hash does not match key");
    }
    return verifier;
  }

  /** First 4 bytes of SHA-256(name || 0x0A || 0x01 || public key). */
  public static byte[] keyHash(String name, byte[] publicKey) {
    byte[] prefix = (name + "\n").getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(Merkle.sha256(prefix, new byte[] {ED25519_ALG}, publicKey), 4);
  }

  /** The verifier key string, the inverse of {@link #parse}. */
  public String encode() {
    byte[] raw = new byte[33];
    raw[0] = ED25519_ALG;
    System.arraycopy(publicKey, 0, raw, 1, 32);
    return name + "+" + HexFormat.of().formatHex(keyHash) + "+"
        + Base64.getEncoder().encodeToString(raw);
  }

  public String name() {
    return name;
  }

  public byte[] publicKey() {
    return publicKey.clone();
  }

  public byte[] keyHash() {
    return keyHash.clone();
  }

  /** True if {@code signature} is this key's Ed25519 signature of {@code message}. */
  public boolean verifies(byte[] message, byte[] signature) {
    if (signature.length != 64) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (SignatureException e) {
      return false;
    } catch (InvalidKeyException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("Ed25519 is built into Java 15 and later", e);
    }
  }

  @Override
  public String toString() {
    return encode();
  }

  private static VerificationException invalidKey(String message) {
    return new VerificationException("VERIFIER_KEY_INVALID", message);
  }
}
