/**
 * Offline verification of receipts and of the consistency of two checkpoints: no server needed,
 * only the pinned log key.
 */
import { fromJson, toJson, type JsonValue } from "@bufbuild/protobuf";

import { type Checkpoint, type NoteVerifier, verifyCheckpoint } from "./checkpoint.js";
import { VerificationError } from "./errors.js";
import { bytesEqual, leafHash, sha256, verifyConsistency, verifyInclusion } from "./merkle.js";
import { type Receipt, ReceiptSchema } from "./gen/tabularium/ledger/v1/ledger_pb.js";

/**
 * Checks a receipt end to end:
 * 1. tx_hash is SHA-256 of the transaction bytes;
 * 2. the checkpoint is signed by `verifier` (and has `origin`, if given);
 * 3. the inclusion proof leads from the transaction's leaf hash, at entry_index, to the
 *    checkpoint's root.
 * Returns the verified checkpoint; throws VerificationError saying which step failed.
 */
export function verifyReceipt(
  receipt: Receipt,
  verifier: NoteVerifier,
  options: { origin?: string } = {},
): Checkpoint {
  const actual = sha256(receipt.transaction);
  if (!bytesEqual(actual, receipt.txHash)) {
    throw new VerificationError(
      "TX_HASH_MISMATCH",
      `tx_hash ${Buffer.from(receipt.txHash).toString("hex")} is not SHA-256 of the transaction`,
    );
  }
  const checkpoint = verifyCheckpoint(receipt.checkpoint, verifier, options);
  verifyInclusion(
    leafHash(receipt.transaction),
    receipt.entryIndex,
    checkpoint.size,
    receipt.inclusionProof,
    checkpoint.root,
  );
  return checkpoint;
}

/**
 * Checks that `newer` extends `older` (same origin, and the log of `older` is a prefix of the log
 * of `newer`): a client that kept `older` detects a rewritten history. Both checkpoints must
 * already be verified (verifyCheckpoint); `proof` comes from GetConsistencyProof or any mirror.
 */
export function verifyCheckpointConsistency(
  older: Checkpoint,
  newer: Checkpoint,
  proof: readonly Uint8Array[],
): void {
  if (older.origin !== newer.origin) {
    throw new VerificationError(
      "CHECKPOINT_WRONG_ORIGIN",
      `checkpoints of different logs: ${older.origin} and ${newer.origin}`,
    );
  }
  verifyConsistency(older.size, newer.size, proof, older.root, newer.root);
}

/** A receipt from its proto3 JSON form; also accepts `{"receipt": {...}}` as the Python CLI prints. */
export function receiptFromJson(json: JsonValue): Receipt {
  const inner =
    json !== null && typeof json === "object" && !Array.isArray(json) && "receipt" in json
      ? json["receipt"]
      : json;
  return fromJson(ReceiptSchema, inner ?? null);
}

/** The proto3 JSON form of a receipt (bytes in base64, 64-bit integers as strings). */
export function receiptToJson(receipt: Receipt): JsonValue {
  return toJson(ReceiptSchema, receipt);
}
