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
export { TabulariumError, VerificationError, grpcCodeName } from "./errors.js";
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
  consentTransferAction,
  recordPaymentAction,
  registerDocumentAction,
  signBody,
  signingMessage,
  txHash,
  verifyTransaction,
  type BodyOptions,
  type CheckedTransaction,
  type TaxPayment,
} from "./tx.js";
export {
  AUTH_KEY_HEADER,
  AUTH_NONCE_HEADER,
  AUTH_SIGNATURE_HEADER,
  AUTH_TIME_HEADER,
  REQUEST_SIGNING_CONTEXT,
  requestSigningMessage,
  signRequest,
  type SignRequestOptions,
} from "./rpcauth.js";
export {
  ACCESS_WINDOW_SECONDS,
  COMMITMENT_CONTEXT,
  DEFAULT_TRANSFER_TIMEOUT_MS,
  DocumentReader,
  READ_DOCUMENT_METHOD,
  VAULT_CHUNK_BYTES,
  accessDocumentAction,
  accessTransaction,
  fileChunks,
  putDocument,
  readDocument,
  rechunk,
  storeDocumentAction,
  vaultCommitment,
  writeDocumentFile,
  type AccessDocumentFields,
  type PutDocumentOptions,
  type ReadDocumentOptions,
  type ReadResult,
  type StoreDocumentFields,
  type StoredDocument,
} from "./vault.js";
export {
  DECOMMISSION_REASONS,
  GS,
  PRODUCT_KEY_SIZE,
  ScanError,
  decommissionPackAction,
  gs1CheckDigit,
  packKey,
  parseScan,
  scannedPack,
  verifyPackAction,
  type Scan,
} from "./pharma.js";
export { canonicalize, parseStrictJson, verifyCredential, verifyPresentation } from "./credentials.js";
export type { Check, Outcome, Verdict } from "./credentials.js";
export * from "./gen/tabularium/ledger/v1/ledger_pb.js";
export * from "./gen/tabularium/ledger/v1/transaction_pb.js";
export * from "./gen/tabularium/documents/v1/documents_pb.js";
export * from "./gen/tabularium/vault/v1/vault_pb.js";
export * from "./gen/tabularium/landregistry/v1/landregistry_pb.js";
export * from "./gen/tabularium/pharma/v1/pharma_pb.js";
