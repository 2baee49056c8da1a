package org.tabularium.client;

import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signed requests for private queries: the four {@code tabularium-auth-*} metadata entries that
 * authenticate one call. The signature is Ed25519 over
 * {@code "tabularium/rpc/v1" || 0x00 || method || 0x00 || SHA-256(request bytes) || u64be(time_ms)
 * || nonce}, where method is the full gRPC method path and the request bytes are exactly the
 * serialized request message sent on the wire: serialize the request once, sign those bytes and
 * send the same message object.
 */
public final class SignedRequests {
  /** Domain separation prefix of the signed message (followed by 0x00). */
  public static final String CONTEXT = "tabularium/rpc/v1";
  public static final String KEY_HEADER = "tabularium-auth-key";
  public static final String TIME_HEADER = "tabularium-auth-time";
  public static final String NONCE_HEADER = "tabularium-auth-nonce";
  public static final String SIGNATURE_HEADER = "tabularium-auth-signature";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private SignedRequests() {}

  /** The message the key signs. */
  public static byte[] signingMessage(String method, byte[] request, long timeMs, byte[] nonce) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(CONTEXT.getBytes(StandardCharsets.US_ASCII));
    out.write(0);
    out.writeBytes(method.getBytes(StandardCharsets.UTF_8));
    out.write(0);
    out.writeBytes(Merkle.sha256(request));
    out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(timeMs).array());
    out.writeBytes(nonce);
    return out.toByteArray();
  }

  /** Metadata for one call of {@code method} with serialized {@code request}, now, random nonce. */
  public static Map<String, String> sign(SigningKey key, String method, byte[] request) {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    return sign(key, method, request, System.currentTimeMillis(), nonce);
  }

  /**
   * Metadata for one call of {@code method} with serialized {@code request}, at {@code timeMs}
   * (Unix milliseconds) with {@code nonce} (16 to 32 bytes, never reused within the node's time
   * window). Entries in the order key, time, nonce, signature.
   */
  public static Map<String, String> sign(
      SigningKey key, String method, byte[] request, long timeMs, byte[] nonce) {
    if (nonce.length < 16 || nonce.length > 32) {
      throw new IllegalArgumentException("nonce has " + nonce.length + " bytes, want 16 to 32");
    }
    if (timeMs < 0) {
      throw new IllegalArgumentException("time must not be negative");
    }
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(KEY_HEADER, HEX.formatHex(key.publicKey()));
    entries.put(TIME_HEADER, Long.toString(timeMs));
    entries.put(NONCE_HEADER, HEX.formatHex(nonce));
    entries.put(SIGNATURE_HEADER,
        HEX.formatHex(key.sign(signingMessage(method, request, timeMs, nonce))));
    return Collections.unmodifiableMap(entries);
  }

  /** The entries as gRPC metadata (ASCII headers). */
  public static Metadata metadata(Map<String, String> entries) {
    Metadata metadata = new Metadata();
    entries.forEach((name, value) ->
        metadata.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value));
    return metadata;
  }

  /** An interceptor that attaches the entries to a call (for {@code stub.withInterceptors}). */
  public static ClientInterceptor interceptor(Map<String, String> entries) {
    return MetadataUtils.newAttachHeadersInterceptor(metadata(entries));
  }
}
