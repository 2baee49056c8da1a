package org.tabularium.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.tabularium.ledger.v1.Receipt;

/**
 * Offline verification of receipts and of the consistency of two checkpoints: no server call,
 * only the pinned log key.
 */
public final class Receipts {
  private Receipts() {}

  /**
   * Checks a receipt end to end: tx_hash is SHA-256 of the transaction bytes; the checkpoint is
   * signed by {@code verifier} (and has {@code origin}, if given); the inclusion proof leads from
   * the transaction's leaf hash, at entry_index, to the checkpoint's root.
   *
   * @return the verified checkpoint
   * @throws VerificationException saying which step failed
   */
  public static Checkpoint verify(Receipt receipt, NoteVerifier verifier, Optional<String> origin)
      throws VerificationException {
    byte[] tx = receipt.getTransaction().toByteArray();
    byte[] actual = Merkle.sha256(tx);
    if (!MessageDigest.isEqual(actual, receipt.getTxHash().toByteArray())) {
      throw new VerificationException("TX_HASH_MISMATCH", "tx_hash "
          + HexFormat.of().formatHex(receipt.getTxHash().toByteArray())
          + " is not SHA-256 of the transaction (" + HexFormat.of().formatHex(actual) + ")");
    }
    Checkpoint checkpoint =
        Checkpoints.verify(receipt.getCheckpoint().toByteArray(), verifier, origin);
    Merkle.verifyInclusion(Merkle.leafHash(tx), receipt.getEntryIndex(), checkpoint.size(),
        bytes(receipt.getInclusionProofList()), checkpoint.root());
    return checkpoint;
  }

  /** {@link #verify(Receipt, NoteVerifier, Optional)} without an origin check. */
  public static Checkpoint verify(Receipt receipt, NoteVerifier verifier)
      throws VerificationException {
    return verify(receipt, verifier, Optional.empty());
  }

  /**
   * Checks that {@code newer} extends {@code older}: same origin, and the log {@code older}
   * commits to is a prefix of the one {@code newer} commits to. Both must already be verified
   * ({@link Checkpoints#verify}); the proof comes from GetConsistencyProof or any mirror.
   *
   * @throws VerificationException if the history was rewritten (or the proof is wrong)
   */
  public static void verifyConsistency(
      Checkpoint older, Checkpoint newer, List<ByteString> proof) throws VerificationException {
    if (!older.origin().equals(newer.origin())) {
      throw new VerificationException("CHECKPOINT_WRONG_ORIGIN",
          "checkpoints of different logs: " + older.origin() + " and " + newer.origin());
    }
    Merkle.verifyConsistency(
        older.size(), newer.size(), bytes(proof), older.root(), newer.root());
  }

  /**
   * A receipt from its proto3 JSON form; also accepts {@code {"receipt": {...}}} as the Python
   * CLI prints it.
   */
  public static Receipt fromJson(String json) throws InvalidProtocolBufferException {
    JsonElement element;
    try {
      element = JsonParser.parseString(json);
    } catch (RuntimeException e) {
      throw new InvalidProtocolBufferException("not JSON: " + e.getMessage());
    }
    if (element.isJsonObject()) {
      JsonObject object = element.getAsJsonObject();
      if (object.has("receipt")) {
        element = object.get("receipt");
      }
    }
    Receipt.Builder builder = Receipt.newBuilder();
    JsonFormat.parser().merge(element.toString(), builder);
    return builder.build();
  }

  /** The proto3 JSON form of a receipt (bytes in base64, 64-bit integers as strings). */
  public static String toJson(Receipt receipt) {
    try {
      return JsonFormat.printer().print(receipt);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a Receipt has no Any fields to resolve", e);
    }
  }

  private static List<byte[]> bytes(List<ByteString> hashes) {
    return hashes.stream().map(ByteString::toByteArray).toList();
  }
}
