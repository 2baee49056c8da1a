/**
 * Tabularium client for TypeScript and Node.js: build, sign and submit transactions; verify
 * receipts, checkpoints and consistency proofs offline.
 */
export {
  NoteVerifier,
  decodeBase64,
  keyHash,
  parseCheckpoint,
  verifyCheckpoint,
  type Checkpoint,
} from "./checkpoint.js";
export { TabulariumClient, toTabulariumError, type ClientOptions, type NotarizeOptions } from "./client.js";
export { TabulariumError, VerificationError } from "./errors.js";
export { SigningKey, verifyEd25519 } from "./keys.js";
export {
  EMPTY_ROOT,
  leafHash,
  nodeHash,
  sha256,
  verifyConsistency,
  verifyInclusion,
} from "./merkle.js";
export {
  receiptFromJson,
  receiptToJson,
  verifyCheckpointConsistency,
  verifyReceipt,
} from "./receipt.js";
export {
  DEFAULT_WINDOW_SECONDS,
  SIGNING_CONTEXT,
  buildBody,
  buildSigned,
  registerDocumentAction,
  signBody,
  signingMessage,
  txHash,
  verifyTransaction,
  type BodyOptions,
  type CheckedTransaction,
} from "./tx.js";
export * from "./gen/tabularium/ledger/v1/ledger_pb.js";
export * from "./gen/tabularium/ledger/v1/transaction_pb.js";
export * from "./gen/tabularium/documents/v1/documents_pb.js";
