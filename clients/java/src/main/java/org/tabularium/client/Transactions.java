package org.tabularium.client;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.tabularium.documents.v1.RegisterDocument;
import org.tabularium.landregistry.v1.ConsentTransfer;
import org.tabularium.ledger.v1.Signature;
import org.tabularium.ledger.v1.SignedTransaction;
import org.tabularium.ledger.v1.TransactionBody;
import org.tabularium.tax.v1.Amount;
import org.tabularium.tax.v1.PaymentStatus;
import org.tabularium.tax.v1.RecordPayment;

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

  /**
   * The ConsentTransfer action (its signers consent to a land transfer over exactly that deed),
   * packed for a body: {@code transferId} is 16 bytes, {@code deedSha256} the deed's SHA-256.
   */
  public static Any consentTransfer(byte[] transferId, byte[] deedSha256) {
    if (transferId.length != 16) {
      throw new IllegalArgumentException(
          "transfer id has " + transferId.length + " bytes, want 16");
    }
    if (deedSha256.length != 32) {
      throw new IllegalArgumentException(
          "deed sha256 has " + deedSha256.length + " bytes, want 32");
    }
    return Any.pack(ConsentTransfer.newBuilder()
        .setTransferId(ByteString.copyFrom(transferId))
        .setDeedSha256(ByteString.copyFrom(deedSha256))
        .build());
  }

  /**
   * The RecordPayment action (its signer, a payment institution with the office's "bank" role,
   * records a booked payment, allocated at once), packed for a body: {@code account} is 16 bytes,
   * or empty when the creditor reference names a liability; {@code minorUnits} is positive, in
   * minor units of {@code currency} (for EUR, cents); {@code endToEndId} may be empty.
   */
  public static Any recordPayment(String office, String idempotencyKey, byte[] account,
      long minorUnits, String currency, String valueDate, String creditorReference,
      String endToEndId) {
    if (account.length != 0 && account.length != 16) {
      throw new IllegalArgumentException(
          "account has " + account.length + " bytes, want 16 or none");
    }
    if (minorUnits <= 0) {
      throw new IllegalArgumentException("amount is " + minorUnits + " minor units, want > 0");
    }
    return Any.pack(RecordPayment.newBuilder()
        .setOffice(office)
        .setIdempotencyKey(idempotencyKey)
        .setAccount(ByteString.copyFrom(account))
        .setAmount(Amount.newBuilder().setMinorUnits(minorUnits).setCurrency(currency))
        .setValueDate(valueDate)
        .setCreditorReference(creditorReference)
        .setEndToEndId(endToEndId)
        .setStatus(PaymentStatus.PAYMENT_STATUS_BOOKED)
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
    Instant start =
        options.now().orElseGet(Instant::now).minus(SKEW).truncatedTo(ChronoUnit.MICROS);
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

  /**
   * A transaction whose signatures were checked offline.
   *
   * @param body the decoded body
   * @param bodyBytes the encoded body exactly as signed
   * @param signers the public keys that signed, in wire order
   */
  public record CheckedTransaction(
      TransactionBody body, ByteString bodyBytes, List<ByteString> signers) {}

  /**
   * Checks the signatures of an encoded SignedTransaction with no server: every signature is a
   * 32-byte key and a 64-byte signature (SIGNATURE_MALFORMED) by a key listed in body.signers
   * (SIGNER_NOT_LISTED), no key signs twice (SIGNATURE_DUPLICATED), every listed key signed
   * (SIGNATURE_MISSING), and each signature is valid over "tabularium/tx/v1" || 0x00 || body
   * (BAD_SIGNATURE). Chain id, window, nonce and authorization are the node's business.
   *
   * @throws VerificationException with one of those reasons, or TX_MALFORMED
   */
  public static CheckedTransaction verify(ByteString tx) throws VerificationException {
    SignedTransaction signed;
    TransactionBody body;
    try {
      signed = SignedTransaction.parseFrom(tx);
      body = TransactionBody.parseFrom(signed.getBody());
    } catch (InvalidProtocolBufferException e) {
      throw new VerificationException("TX_MALFORMED", "cannot decode: " + e.getMessage());
    }
    Set<ByteString> listed = new HashSet<>(body.getSignersList());
    Set<ByteString> seen = new HashSet<>();
    for (int i = 0; i < signed.getSignaturesCount(); i++) {
      Signature sig = signed.getSignatures(i);
      if (sig.getPublicKey().size() != 32 || sig.getSignature().size() != 64) {
        throw new VerificationException("SIGNATURE_MALFORMED", "signatures[" + i + "] has a "
            + sig.getPublicKey().size() + "-byte key and a " + sig.getSignature().size()
            + "-byte signature, want 32 and 64");
      }
      String key = HexFormat.of().formatHex(sig.getPublicKey().toByteArray());
      if (!listed.contains(sig.getPublicKey())) {
        throw new VerificationException("SIGNER_NOT_LISTED",
            "signatures[" + i + "] key " + key + " is not in body.signers");
      }
      if (!seen.add(sig.getPublicKey())) {
        throw new VerificationException("SIGNATURE_DUPLICATED", "key " + key + " signed twice");
      }
    }
    if (listed.isEmpty()) {
      throw new VerificationException("SIGNATURE_MISSING", "body.signers lists no key");
    }
    for (ByteString key : body.getSignersList()) {
      if (!seen.contains(key)) {
        throw new VerificationException("SIGNATURE_MISSING",
            "signer " + HexFormat.of().formatHex(key.toByteArray()) + " did not sign");
      }
    }
    byte[] message = signingMessage(signed.getBody());
    for (int i = 0; i < signed.getSignaturesCount(); i++) {
      Signature sig = signed.getSignatures(i);
      if (!Ed25519.verify(sig.getPublicKey().toByteArray(), message,
          sig.getSignature().toByteArray())) {
        throw new VerificationException("BAD_SIGNATURE", "signatures[" + i + "] does not verify");
      }
    }
    return new CheckedTransaction(body, signed.getBody(),
        signed.getSignaturesList().stream().map(Signature::getPublicKey).toList());
  }
}
