package org.tabularium.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * An Ed25519 private key in PEM PKCS#8 ("BEGIN PRIVATE KEY"), as {@code tabularium keys
 * generate} writes it, with its 32-byte public key. Uses the JDK's built-in Ed25519 (Java 15+).
 */
public final class SigningKey {
  private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PEM_END = "-----END PRIVATE KEY-----";

  private final PrivateKey key;
  private final byte[] publicKey;

  private SigningKey(PrivateKey key, byte[] publicKey) {
    this.key = key;
    this.publicKey = publicKey;
  }

  /** Loads a PEM PKCS#8 Ed25519 key. */
  public static SigningKey fromPem(String pem) throws GeneralSecurityException {
    int begin = pem.indexOf(PEM_BEGIN);
    int end = pem.indexOf(PEM_END);
    if (begin < 0 || end < begin) {
      throw new GeneralSecurityException("not a PEM PKCS#8 private key (BEGIN PRIVATE KEY)");
    }
    String base64 = pem.substring(begin + PEM_BEGIN.length(), end).replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("PEM body is not base64", e);
    }
    PrivateKey key;
    try {
      key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException("not an Ed25519 private key: " + e.getMessage(), e);
    }
    byte[] seed = ((EdECPrivateKey) key).getBytes()
        .orElseThrow(() -> new GeneralSecurityException("Ed25519 key has no exportable bytes"));
    return new SigningKey(key, derivePublicKey(key, seed));
  }

  /** Loads a PEM PKCS#8 Ed25519 key file. */
  public static SigningKey fromFile(Path path) throws IOException, GeneralSecurityException {
    return fromPem(Files.readString(path, StandardCharsets.US_ASCII));
  }

  /** A new random key (tests, throwaway identities). */
  public static SigningKey generate() {
    byte[] seed = new byte[32];
    new SecureRandom().nextBytes(seed);
    try {
      KeyPair pair = keyPairFromSeed(seed);
      return new SigningKey(pair.getPrivate(), rawPublicKey(pair));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is built into Java 15 and later", e);
    }
  }

  /** The 32-byte Ed25519 public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** This key in PEM PKCS#8. */
  public String toPem() {
    String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(key.getEncoded());
    return PEM_BEGIN + "\n" + base64 + "\n" + PEM_END + "\n";
  }

  /** Ed25519 signature of {@code message} (64 bytes). */
  public byte[] sign(byte[] message) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key);
      signer.update(message);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is built into Java 15 and later", e);
    }
  }

  /**
   * The public key of a 32-byte seed. The JDK has no public API for this, but its Ed25519 key
   * pair generator derives the pair from exactly 32 bytes of the SecureRandom it is given; the
   * result is checked with a signature by the loaded key before it is trusted.
   */
  private static byte[] derivePublicKey(PrivateKey key, byte[] seed)
      throws GeneralSecurityException {
    KeyPair pair = keyPairFromSeed(seed);
    byte[] derived = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
    if (!Arrays.equals(derived, seed)) {
      throw new GeneralSecurityException("could not derive the Ed25519 public key");
    }
    byte[] probe = "tabularium/key-check".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(key);
    signer.update(probe);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(pair.getPublic());
    verifier.update(probe);
    if (!verifier.verify(signature)) {
      throw new GeneralSecurityException("could not derive the Ed25519 public key");
    }
    return rawPublicKey(pair);
  }

  private static KeyPair keyPairFromSeed(byte[] seed) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
    return generator.generateKeyPair();
  }

  /** The last 32 bytes of the X.509 SubjectPublicKeyInfo are the raw key (RFC 8410). */
  private static byte[] rawPublicKey(KeyPair pair) {
    byte[] spki = pair.getPublic().getEncoded();
    return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
  }

  /** A "random" source that returns the given seed: lets the generator derive a known key. */
  private static final class FixedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;

    FixedRandom(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (bytes.length != seed.length) {
        throw new IllegalStateException("Ed25519 key generation asked for " + bytes.length
            + " bytes, want " + seed.length);
      }
      System.arraycopy(seed, 0, bytes, 0, seed.length);
    }
  }
}
