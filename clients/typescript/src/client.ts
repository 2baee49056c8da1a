/**
 * A gRPC client for a Tabularium node: submit signed transactions (with retries on UNAVAILABLE,
 * safe because identical bytes are idempotent), notarize documents, fetch checkpoints and proofs.
 * Every call has a deadline.
 */
import { Code, ConnectError, createClient, type CallOptions, type Client } from "@connectrpc/connect";
import { createGrpcTransport, Http2SessionManager } from "@connectrpc/connect-node";

import {
  DocumentsService,
  type VerifyDocumentResponse,
} from "./gen/tabularium/documents/v1/documents_pb.js";
import {
  LandRegistryService,
  type GetRightsResponse,
} from "./gen/tabularium/landregistry/v1/landregistry_pb.js";
import {
  LedgerService,
  type GetLogInfoResponse,
  type Receipt,
  type SubmitResult,
} from "./gen/tabularium/ledger/v1/ledger_pb.js";
import { PharmaService, type ScanResult } from "./gen/tabularium/pharma/v1/pharma_pb.js";
import { VaultService } from "./gen/tabularium/vault/v1/vault_pb.js";
import { toTabulariumError } from "./errors.js";
import type { SigningKey } from "./keys.js";
import { buildSigned, registerDocumentAction, type BodyOptions } from "./tx.js";
import {
  putDocument,
  readDocument,
  writeDocumentFile,
  type DocumentReader,
  type PutDocumentOptions,
  type ReadDocumentOptions,
  type ReadResult,
  type StoredDocument,
} from "./vault.js";

export { toTabulariumError } from "./errors.js";

export interface ClientOptions {
  /** Deadline of each call attempt, in milliseconds (default 30 s). */
  timeoutMs?: number;
  /** Attempts per call when the node answers UNAVAILABLE (default 5). */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to maxBackoffMs, with jitter (default 100 ms). */
  initialBackoffMs?: number;
  /** Longest retry delay (default 3 s). */
  maxBackoffMs?: number;
  /** Connect over TLS (https) instead of plaintext HTTP/2. */
  tls?: boolean;
  /** Called before each retry, e.g. to log it. */
  onRetry?: (attempt: number, error: ConnectError) => void;
}

export interface NotarizeOptions extends BodyOptions {
  /** Short title for humans, at most 256 bytes; never personal data. */
  title?: string;
  /** The chain id to sign for; asked from the node (GetLogInfo) once when omitted. */
  chainId?: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Client for LedgerService, DocumentsService, VaultService and LandRegistryService on one node.
 * Call close() when done.
 */
export class TabulariumClient {
  /** The generated clients, for calls this class does not wrap. */
  readonly ledger: Client<typeof LedgerService>;
  readonly documents: Client<typeof DocumentsService>;
  readonly vault: Client<typeof VaultService>;
  readonly land: Client<typeof LandRegistryService>;
  readonly pharma: Client<typeof PharmaService>;
  private readonly session: Http2SessionManager;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly onRetry: ((attempt: number, error: ConnectError) => void) | undefined;
  private chainId: string | undefined;

  /** `address` is host:port, e.g. "127.0.0.1:50051". */
  constructor(address: string, options: ClientOptions = {}) {
    const baseUrl = `${options.tls ? "https" : "http"}://${address}`;
    this.session = new Http2SessionManager(baseUrl);
    const transport = createGrpcTransport({ baseUrl, sessionManager: this.session });
    this.ledger = createClient(LedgerService, transport);
    this.documents = createClient(DocumentsService, transport);
    this.vault = createClient(VaultService, transport);
    this.land = createClient(LandRegistryService, transport);
    this.pharma = createClient(PharmaService, transport);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.initialBackoffMs = options.initialBackoffMs ?? 100;
    this.maxBackoffMs = options.maxBackoffMs ?? 3_000;
    this.onRetry = options.onRetry;
  }

  /** Closes the HTTP/2 connection; calls in flight fail. */
  close(): void {
    this.session.abort();
  }

  /** Runs one unary call with the default deadline, retrying on UNAVAILABLE. */
  async call<T>(fn: (options: CallOptions) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn({ timeoutMs: this.timeoutMs });
      } catch (e) {
        const err = ConnectError.from(e);
        if (err.code !== Code.Unavailable || attempt >= this.maxAttempts) throw toTabulariumError(err);
        this.onRetry?.(attempt, err);
        const ceiling = Math.min(this.maxBackoffMs, this.initialBackoffMs * 2 ** (attempt - 1));
        await sleep(ceiling / 2 + (Math.random() * ceiling) / 2);
      }
    }
  }

  /** What a verifier pins (origin, verifier key) and the chain id transactions must carry. */
  async logInfo(): Promise<GetLogInfoResponse> {
    const info = await this.call((o) => this.ledger.getLogInfo({}, o));
    this.chainId = info.chainId;
    return info;
  }

  /** Submits one encoded SignedTransaction; resolves to its receipt once durably committed. */
  async submit(tx: Uint8Array): Promise<Receipt> {
    const response = await this.call((o) => this.ledger.submitTransaction({ transaction: tx }, o));
    if (response.receipt === undefined) throw new Error("server answered without a receipt");
    return response.receipt;
  }

  /** Submits many transactions in one call; one result (receipt or error) per item, in order. */
  async submitMany(txs: readonly Uint8Array[]): Promise<SubmitResult[]> {
    const response = await this.call((o) =>
      this.ledger.submitTransactions({ transactions: [...txs] }, o),
    );
    return response.results;
  }

  /**
   * Submits signed VerifyPack, DecommissionPack or UndoDecommission transactions through
   * PharmaService.SubmitScans: one ScanResult per item, in order (a refusal is a result with its
   * code and reason, not a rejection). Rejects with TabulariumError if the call itself fails.
   */
  async submitScans(txs: readonly Uint8Array[]): Promise<ScanResult[]> {
    const response = await this.call((o) => this.pharma.submitScans({ transactions: [...txs] }, o));
    return response.results;
  }

  /** The chain id transactions are signed for: `given`, else asked from the node once. */
  private async resolveChainId(given: string | undefined): Promise<string> {
    return given ?? this.chainId ?? (await this.logInfo()).chainId;
  }

  /** Registers a document's SHA-256 digest, signed by `key`; resolves to the receipt. */
  async notarize(key: SigningKey, digest: Uint8Array, options: NotarizeOptions = {}): Promise<Receipt> {
    const chainId = await this.resolveChainId(options.chainId);
    const tx = buildSigned(chainId, registerDocumentAction(digest, options.title ?? ""), [key], options);
    return this.submit(tx);
  }

  /** Whether a digest is registered, with the receipt of its registration. */
  async verifyDocument(digest: Uint8Array): Promise<VerifyDocumentResponse> {
    return this.call((o) => this.documents.verifyDocument({ sha256: digest }, o));
  }

  /**
   * Rights, restrictions and responsibilities in force on a parcel at `atHeight` (0: the latest
   * block). Rejects with TabulariumError NOT_FOUND PARCEL_NOT_FOUND for an unknown parcel.
   */
  async rights(parcelId: string, atHeight = 0n): Promise<GetRightsResponse> {
    return this.call((o) => this.land.getRights({ parcelId, atHeight }, o));
  }

  /** The signed checkpoint note for `treeSize` (0: the latest). */
  async checkpoint(treeSize = 0n): Promise<Uint8Array> {
    return (await this.call((o) => this.ledger.getCheckpoint({ treeSize }, o))).checkpoint;
  }

  /** A receipt for a logged transaction against the checkpoint of `treeSize` (0: the latest). */
  async receipt(txHash: Uint8Array, treeSize = 0n): Promise<Receipt> {
    const response = await this.call((o) => this.ledger.getReceipt({ txHash, treeSize }, o));
    if (response.receipt === undefined) throw new Error("server answered without a receipt");
    return response.receipt;
  }

  /** RFC 9162 consistency proof between two tree sizes. */
  async consistencyProof(firstSize: bigint, secondSize: bigint): Promise<Uint8Array[]> {
    const response = await this.call((o) =>
      this.ledger.getConsistencyProof({ firstSize, secondSize }, o),
    );
    return response.hashes;
  }

  /**
   * Stores a document (or a new version) in the vault: streams `chunks` (e.g. fileChunks(path))
   * to PutDocument, then the StoreDocument transaction signed by `keys`. Not retried: a stream
   * cannot be replayed. Rejects with TabulariumError when refused.
   */
  async putDocument(
    keys: readonly SigningKey[],
    chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    options: PutDocumentOptions & { chainId?: string },
  ): Promise<StoredDocument> {
    const { chainId, ...rest } = options;
    return putDocument(this.vault, await this.resolveChainId(chainId), keys, chunks, rest);
  }

  /**
   * Reads a document: the node logs the access signed by `key`, then streams it. Resolves to a
   * reader (header, then the checked content) once the access is committed.
   */
  async readDocument(
    key: SigningKey,
    documentId: Uint8Array,
    options: ReadDocumentOptions & { chainId?: string },
  ): Promise<DocumentReader> {
    const { chainId, ...rest } = options;
    return readDocument(this.vault, await this.resolveChainId(chainId), key, documentId, rest);
  }

  /** readDocument into the file `path`, put in place only once complete and checked. */
  async readDocumentToFile(
    key: SigningKey,
    documentId: Uint8Array,
    path: string,
    options: ReadDocumentOptions & { chainId?: string },
  ): Promise<ReadResult> {
    return writeDocumentFile(await this.readDocument(key, documentId, options), path);
  }
}
