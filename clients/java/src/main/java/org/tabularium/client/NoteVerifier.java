package org.tabularium.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A pinned C2SP signed-note key: the name and Ed25519 public key a verifier trusts, written as
 * {@code <name>+<hex key hash>+<base64(0x01 || public key)>}.
 */
public final class NoteVerifier {
  static final byte ED25519_ALG = 0x01;

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
      this.key = Ed25519.publicKey(publicKey);
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
    return Ed25519.verify(key, message, signature);
  }

  @Override
  public String toString() {
    return encode();
  }

  private static VerificationException invalidKey(String message) {
    return new VerificationException("VERIFIER_KEY_INVALID", message);
  }
}
