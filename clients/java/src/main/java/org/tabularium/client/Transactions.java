package org.tabularium.client;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.tabularium.documents.v1.RegisterDocument;
import org.tabularium.ledger.v1.Signature;
import org.tabularium.ledger.v1.SignedTransaction;
import org.tabularium.ledger.v1.TransactionBody;

/**
 * Build and sign transactions exactly as DESIGN §2 says. The body is encoded once; signatures
 * cover "tabularium/tx/v1" || 0x00 || those bytes, and the SignedTransaction carries the same
 * bytes. Nothing signed is ever re-serialized.
 */
public final class Transactions {
  /** Domain separation prefix of the signed message. */
  public static final String SIGNING_CONTEXT = "tabularium/tx/v1";

  private static final Duration SKEW = Duration.ofMinutes(1);
  private static final SecureRandom RANDOM = new SecureRandom();

  private Transactions() {}

  /** The message every signer signs: "tabularium/tx/v1" || 0x00 || body. */
  public static byte[] signingMessage(ByteString body) {
    return ByteString.copyFrom(SIGNING_CONTEXT, StandardCharsets.US_ASCII)
        .concat(ByteString.copyFrom(new byte[] {0}))
        .concat(body)
        .toByteArray();
  }

  /** SHA-256 of the encoded SignedTransaction: the id the ledger gives it. */
  public static byte[] txHash(ByteString tx) {
    return Merkle.sha256(tx.toByteArray());
  }

  /** The RegisterDocument action (notarize a document by its SHA-256), packed for a body. */
  public static Any registerDocument(byte[] sha256, String title) {
    if (sha256.length != 32) {
      throw new IllegalArgumentException("sha256 has " + sha256.length + " bytes, want 32");
    }
    return Any.pack(RegisterDocument.newBuilder()
        .setSha256(ByteString.copyFrom(sha256))
        .setTitle(title)
        .build());
  }

  /** Encoded TransactionBody: chain id, nonce, validity window, the keys that must sign, action. */
  public static ByteString buildBody(
      String chainId, Any action, List<byte[]> signers, BodyOptions options) {
    byte[] nonce = options.nonce().orElseGet(() -> {
      byte[] fresh = new byte[16];
      RANDOM.nextBytes(fresh);
      return fresh;
    });
    if (nonce.length < 16 || nonce.length > 32) {
      throw new IllegalArgumentException("nonce has " + nonce.length + " bytes, want 16 to 32");
    }
    if (options.window().isNegative() || options.window().isZero()) {
      throw new IllegalArgumentException("window must be positive");
    }
    if (signers.isEmpty()) {
      throw new IllegalArgumentException("at least one signer is required");
    }
    Instant start = options.now().orElseGet(Instant::now).minus(SKEW).truncatedTo(ChronoUnit.MICROS);
    TransactionBody.Builder body = TransactionBody.newBuilder()
        .setChainId(chainId)
        .setNonce(ByteString.copyFrom(nonce))
        .setNotBefore(timestamp(start))
        .setNotAfter(timestamp(start.plus(options.window())))
        .setAction(action)
        .setMemo(options.memo());
    for (byte[] signer : signers) {
      body.addSigners(ByteString.copyFrom(signer));
    }
    return body.build().toByteString();
  }

  /** Encoded SignedTransaction: {@code body} as given, with one signature per key. */
  public static ByteString sign(ByteString body, List<SigningKey> keys) {
    byte[] message = signingMessage(body);
    SignedTransaction.Builder tx = SignedTransaction.newBuilder().setBody(body);
    for (SigningKey key : keys) {
      tx.addSignatures(Signature.newBuilder()
          .setPublicKey(ByteString.copyFrom(key.publicKey()))
          .setSignature(ByteString.copyFrom(key.sign(message))));
    }
    return tx.build().toByteString();
  }

  /** A transaction that every key in {@code keys} must sign, signed by all of them. */
  public static ByteString buildSigned(
      String chainId, Any action, List<SigningKey> keys, BodyOptions options) {
    List<byte[]> signers = keys.stream().map(SigningKey::publicKey).toList();
    return sign(buildBody(chainId, action, signers, options), keys);
  }

  private static Timestamp timestamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }
}
