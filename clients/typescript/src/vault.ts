/**
 * Client side of the document vault (tabularium.vault.v1): streamed uploads (PutDocument) and
 * logged reads (ReadDocument).
 *
 * Content travels in chunks of at most VAULT_CHUNK_BYTES and is hashed on the way, so files of
 * any size use constant memory. An upload ends with the signed StoreDocument transaction, which
 * commits to the content: SHA-256("tabularium/vault/commitment/v1" || 0x00 || salt || SHA-256(content)).
 * A read first commits a signed AccessDocument event to the log; the node streams the header,
 * then the plaintext. The reader checks the size and, on export, the commitment.
 */
import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

import { create, toBinary } from "@bufbuild/protobuf";
import { anyPack, timestampFromDate, type Any } from "@bufbuild/protobuf/wkt";
import { ConnectError, type Client } from "@connectrpc/connect";

import type { Receipt } from "./gen/tabularium/ledger/v1/ledger_pb.js";
import {
  AccessDocumentSchema,
  Permission,
  PutDocumentRequestSchema,
  ReadDocumentRequestSchema,
  StoreDocumentSchema,
  VaultService,
  type PutDocumentRequest,
  type ReadDocumentResponse,
  type ReadHeader,
} from "./gen/tabularium/vault/v1/vault_pb.js";
import { VerificationError, toTabulariumError } from "./errors.js";
import type { SigningKey } from "./keys.js";
import { sha256 } from "./merkle.js";
import { signRequest } from "./rpcauth.js";
import { buildSigned, type BodyOptions } from "./tx.js";

/** Largest content chunk sent to PutDocument (the node accepts up to 4 MiB). */
export const VAULT_CHUNK_BYTES = 1 << 20;
/** Validity window of an access transaction (the node refuses more than 300 s). */
export const ACCESS_WINDOW_SECONDS = 120;
/** Domain separation prefix of the content commitment. */
export const COMMITMENT_CONTEXT = "tabularium/vault/commitment/v1";
export const READ_DOCUMENT_METHOD = "/tabularium.vault.v1.VaultService/ReadDocument";
/** Default deadline of a whole upload or download: one hour. */
export const DEFAULT_TRANSFER_TIMEOUT_MS = 3_600_000;

const SALT_BYTES = 32;
const DOCUMENT_ID_BYTES = 16;

/** SHA-256("tabularium/vault/commitment/v1" || 0x00 || salt(32) || SHA-256(content)(32)). */
export function vaultCommitment(salt: Uint8Array, contentSha256: Uint8Array): Uint8Array {
  if (salt.length !== SALT_BYTES) throw new RangeError(`salt must be 32 bytes, got ${salt.length}`);
  if (contentSha256.length !== 32) {
    throw new RangeError(`content SHA-256 must be 32 bytes, got ${contentSha256.length}`);
  }
  return sha256(Buffer.from(COMMITMENT_CONTEXT, "ascii"), Uint8Array.of(0), salt, contentSha256);
}

/** The fields of a StoreDocument action (see vault.proto). */
export interface StoreDocumentFields {
  /** DID of the owning organisation. */
  owner: string;
  /** 32-byte commitment (vaultCommitment). */
  commitment: Uint8Array;
  /** Content size in bytes. */
  size: bigint;
  /** IANA media type, at most 128 bytes. */
  mediaType: string;
  /** For a new version: the document's 16-byte id and the latest version number. */
  documentId?: Uint8Array;
  previousVersion?: number;
  /** New documents only: folder path, data subjects' DIDs, end of retention. */
  folder?: string;
  subjects?: readonly string[];
  retainUntil?: Date;
}

/** A StoreDocument action packed for a body ("type.googleapis.com/tabularium.vault.v1.StoreDocument"). */
export function storeDocumentAction(fields: StoreDocumentFields): Any {
  return anyPack(
    StoreDocumentSchema,
    create(StoreDocumentSchema, {
      owner: fields.owner,
      documentId: fields.documentId ?? new Uint8Array(0),
      previousVersion: fields.previousVersion ?? 0,
      commitment: fields.commitment,
      size: fields.size,
      mediaType: fields.mediaType,
      folder: fields.folder ?? "",
      subjects: [...(fields.subjects ?? [])],
      ...(fields.retainUntil === undefined ? {} : { retainUntil: timestampFromDate(fields.retainUntil) }),
    }),
  );
}

/** The fields of an AccessDocument action (see vault.proto). */
export interface AccessDocumentFields {
  /** 16-byte document id. */
  documentId: Uint8Array;
  /** 0: the latest version. */
  version?: number;
  permission: Permission;
  /** The grant used (16 bytes); empty for a break-glass access. */
  grantId?: Uint8Array;
  /** Why; required, at most 256 bytes, no personal data. */
  purpose: string;
  /** Break glass only (no grant): 20 to 1024 bytes. */
  breakGlassJustification?: string;
  /** ANNOTATE only. */
  annotationSha256?: Uint8Array;
}

/** An AccessDocument action packed for a body. */
export function accessDocumentAction(fields: AccessDocumentFields): Any {
  return anyPack(
    AccessDocumentSchema,
    create(AccessDocumentSchema, {
      documentId: fields.documentId,
      version: fields.version ?? 0,
      permission: fields.permission,
      grantId: fields.grantId ?? new Uint8Array(0),
      purpose: fields.purpose,
      breakGlassJustification: fields.breakGlassJustification ?? "",
      annotationSha256: fields.annotationSha256 ?? new Uint8Array(0),
    }),
  );
}

/** Pieces of at most `max` bytes, in order (empty chunks are dropped). */
export async function* rechunk(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  max = VAULT_CHUNK_BYTES,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    for (let start = 0; start < chunk.length; start += max) {
      yield chunk.subarray(start, Math.min(start + max, chunk.length));
    }
  }
}

/** The content of a file in chunks of at most VAULT_CHUNK_BYTES, read as they are consumed. */
export async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: VAULT_CHUNK_BYTES })) {
    const buf = chunk as Buffer;
    yield new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }
}

export interface PutDocumentOptions extends Omit<StoreDocumentFields, "commitment" | "size"> {
  /** Options of the transaction body (nonce, window, memo). */
  body?: BodyOptions;
  /** Deadline of the whole upload (default one hour). */
  timeoutMs?: number;
}

/** What PutDocument stored, with the secrets that open its commitment. */
export interface StoredDocument {
  documentId: Uint8Array;
  version: number;
  /** Receipt of the StoreDocument transaction. */
  receipt: Receipt;
  /** The commitment's 32-byte salt: keep it to prove later that a copy is this version. */
  salt: Uint8Array;
  /** SHA-256 of the content. */
  sha256: Uint8Array;
  size: bigint;
}

/**
 * Streams `chunks` to PutDocument, hashing them on the way, then the signed StoreDocument
 * transaction (built once the last chunk is sent) and the salt. Rejects with TabulariumError
 * when the node refuses.
 */
export async function putDocument(
  vault: Client<typeof VaultService>,
  chainId: string,
  keys: readonly SigningKey[],
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: PutDocumentOptions,
): Promise<StoredDocument> {
  const salt = new Uint8Array(randomBytes(SALT_BYTES));
  const hasher = createHash("sha256");
  let size = 0n;
  let digest: Uint8Array | undefined;
  // An error of our own (reading the source, building the transaction) reaches connect, which
  // would report it as an INTERNAL call error: keep it to rethrow as it was.
  let localError: { error: unknown } | undefined;
  const { body, timeoutMs, ...fields } = options;

  async function* requests(): AsyncGenerator<PutDocumentRequest> {
    let transaction: Uint8Array;
    try {
      for await (const chunk of rechunk(chunks)) {
        hasher.update(chunk);
        size += BigInt(chunk.length);
        yield create(PutDocumentRequestSchema, { part: { case: "chunk", value: chunk } });
      }
      digest = new Uint8Array(hasher.digest());
      const action = storeDocumentAction({ ...fields, commitment: vaultCommitment(salt, digest), size });
      transaction = buildSigned(chainId, action, keys, body);
    } catch (e) {
      localError = { error: e };
      throw e;
    }
    yield create(PutDocumentRequestSchema, { part: { case: "finish", value: { transaction, salt } } });
  }

  let response;
  try {
    response = await vault.putDocument(requests(), {
      timeoutMs: timeoutMs ?? DEFAULT_TRANSFER_TIMEOUT_MS,
    });
  } catch (e) {
    if (localError !== undefined) throw localError.error;
    throw e instanceof ConnectError ? toTabulariumError(e) : e;
  }
  if (response.receipt === undefined) throw new Error("server answered without a receipt");
  if (digest === undefined) throw new Error("server answered before the upload finished");
  return {
    documentId: response.documentId,
    version: response.version,
    receipt: response.receipt,
    salt,
    sha256: digest,
    size,
  };
}

export interface ReadDocumentOptions {
  /** Why you read it (logged; at most 256 bytes, no personal data). */
  purpose: string;
  /** The grant that allows the read (16 bytes); omit for break glass. */
  grantId?: Uint8Array;
  /** 0 (default): the latest version. */
  version?: number;
  /** Export instead of read: the header then carries the salt and the copy is verified. */
  export?: boolean;
  /** Break glass only (no grant): why the read cannot wait, 20 to 1024 bytes. */
  breakGlassJustification?: string;
  /** Options of the access transaction's body; the window defaults to ACCESS_WINDOW_SECONDS. */
  body?: BodyOptions;
  /** Deadline of the whole download (default one hour). */
  timeoutMs?: number;
  /** Abort the download. */
  signal?: AbortSignal;
}

/** The encoded AccessDocument transaction of one read or export, signed by `key`. */
export function accessTransaction(
  chainId: string,
  key: SigningKey,
  documentId: Uint8Array,
  options: ReadDocumentOptions,
): Uint8Array {
  if (documentId.length !== DOCUMENT_ID_BYTES) {
    throw new RangeError(`document id must be 16 bytes, got ${documentId.length}`);
  }
  const windowSeconds = options.body?.windowSeconds ?? ACCESS_WINDOW_SECONDS;
  return buildSigned(
    chainId,
    accessDocumentAction({
      documentId,
      version: options.version ?? 0,
      permission: options.export ? Permission.EXPORT : Permission.READ,
      grantId: options.grantId ?? new Uint8Array(0),
      purpose: options.purpose,
      breakGlassJustification: options.breakGlassJustification ?? "",
    }),
    [key],
    { ...options.body, windowSeconds },
  );
}

/**
 * An open read: the header (access receipt, version record, salt on export), then the plaintext
 * as an async iterable that may be consumed once. The iteration fails with VerificationError
 * SIZE_MISMATCH if the content is not header.version.size bytes and, on export,
 * CONTENT_MISMATCH if it does not open the logged commitment; with TabulariumError if the call
 * fails. Stopping early cancels the call.
 */
export class DocumentReader implements AsyncIterable<Uint8Array> {
  readonly header: ReadHeader;
  private readonly parts: AsyncIterator<ReadDocumentResponse>;
  private readonly exported: boolean;
  private started = false;
  private digest: Uint8Array | undefined;
  private received = 0n;

  constructor(header: ReadHeader, parts: AsyncIterator<ReadDocumentResponse>, exported: boolean) {
    this.header = header;
    this.parts = parts;
    this.exported = exported;
  }

  /** Bytes received so far. */
  get size(): bigint {
    return this.received;
  }

  /** SHA-256 of the content, once it has been read completely and checked. */
  get sha256(): Uint8Array {
    if (this.digest === undefined) throw new Error("the content has not been read completely");
    return this.digest;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    if (this.started) throw new Error("a DocumentReader can be read only once");
    this.started = true;
    const expected = this.header.version?.size ?? 0n;
    const hasher = createHash("sha256");
    const parts = { [Symbol.asyncIterator]: () => this.parts };
    try {
      for await (const part of parts) {
        if (part.part.case !== "chunk") {
          throw new VerificationError("UNEXPECTED_MESSAGE", "ReadDocument sent a second header");
        }
        const chunk = part.part.value;
        this.received += BigInt(chunk.length);
        if (this.received > expected) {
          throw new VerificationError("SIZE_MISMATCH", `got more than the ${expected} bytes announced`);
        }
        hasher.update(chunk);
        yield chunk;
      }
    } catch (e) {
      throw e instanceof ConnectError ? toTabulariumError(e) : e;
    }
    if (this.received !== expected) {
      throw new VerificationError("SIZE_MISMATCH", `got ${this.received} bytes, expected ${expected}`);
    }
    const digest = new Uint8Array(hasher.digest());
    if (this.exported) {
      const commitment = this.header.version?.commitment ?? new Uint8Array(0);
      if (!Buffer.from(vaultCommitment(this.header.salt, digest)).equals(commitment)) {
        throw new VerificationError("CONTENT_MISMATCH", "the content does not open the logged commitment");
      }
    }
    this.digest = digest;
  }
}

/**
 * Logs the access (a signed AccessDocument sent with a signed request by the same key) and
 * opens the content. Rejects with TabulariumError, before any byte, if the access is refused
 * or cannot be logged.
 */
export async function readDocument(
  vault: Client<typeof VaultService>,
  chainId: string,
  key: SigningKey,
  documentId: Uint8Array,
  options: ReadDocumentOptions,
): Promise<DocumentReader> {
  const request = create(ReadDocumentRequestSchema, {
    accessTransaction: accessTransaction(chainId, key, documentId, options),
  });
  // connect serializes this same message with toBinary: the signed bytes are the sent bytes.
  const headers = signRequest(key, READ_DOCUMENT_METHOD, toBinary(ReadDocumentRequestSchema, request));
  const parts = vault
    .readDocument(request, {
      headers,
      timeoutMs: options.timeoutMs ?? DEFAULT_TRANSFER_TIMEOUT_MS,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    })
    [Symbol.asyncIterator]();
  let first;
  try {
    first = await parts.next();
  } catch (e) {
    throw e instanceof ConnectError ? toTabulariumError(e) : e;
  }
  if (first.done || first.value.part.case !== "header") {
    await parts.return?.();
    throw new VerificationError("HEADER_MISSING", "ReadDocument did not start with a header");
  }
  const header = first.value.part.value;
  if (header.version === undefined) {
    await parts.return?.();
    throw new VerificationError("HEADER_MISSING", "ReadDocument header has no version record");
  }
  if (options.export && header.salt.length !== SALT_BYTES) {
    await parts.return?.();
    throw new VerificationError("SALT_INVALID", `export header salt has ${header.salt.length} bytes, want 32`);
  }
  return new DocumentReader(header, parts, options.export ?? false);
}

/** What readDocumentToFile wrote. */
export interface ReadResult {
  header: ReadHeader;
  size: bigint;
  sha256: Uint8Array;
}

/**
 * Writes a reader's content to `path`: into a temporary file next to it, synced and renamed
 * into place only once the content is complete and checked (removed otherwise).
 */
export async function writeDocumentFile(reader: DocumentReader, path: string): Promise<ReadResult> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.part`);
  const handle = await open(temp, "wx", 0o600);
  let placed = false;
  try {
    for await (const chunk of reader) await handle.write(chunk);
    await handle.sync();
    await handle.close();
    await rename(temp, path);
    placed = true;
  } finally {
    if (!placed) {
      await handle.close().catch(() => undefined);
      await rm(temp, { force: true });
    }
  }
  return { header: reader.header, size: reader.size, sha256: reader.sha256 };
}
