/**
 * Build and sign transactions exactly as DESIGN §2 says.
 *
 * The body is encoded once; the signatures cover "tabularium/tx/v1" || 0x00 || those bytes, and
 * the SignedTransaction carries the same bytes. Nothing signed is ever re-serialized.
 */
import { randomBytes } from "node:crypto";

import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { anyPack, timestampFromMs, type Any } from "@bufbuild/protobuf/wkt";

import { RegisterDocumentSchema } from "./gen/tabularium/documents/v1/documents_pb.js";
import { ConsentTransferSchema } from "./gen/tabularium/landregistry/v1/landregistry_pb.js";
import {
  SignedTransactionSchema,
  TransactionBodySchema,
  type TransactionBody,
} from "./gen/tabularium/ledger/v1/transaction_pb.js";
import { AmountSchema, PaymentStatus, RecordPaymentSchema } from "./gen/tabularium/tax/v1/tax_pb.js";
import { VerificationError } from "./errors.js";
import { verifyEd25519, type SigningKey } from "./keys.js";
import { sha256 } from "./merkle.js";

/** Domain separation prefix of the signed message. */
export const SIGNING_CONTEXT = "tabularium/tx/v1";

/** Default validity window: from a minute before now (clock skew) for ten minutes. */
export const DEFAULT_WINDOW_SECONDS = 600;
const SKEW_MS = 60_000;

export interface BodyOptions {
  /** 16 to 32 bytes; random 16 bytes when omitted. */
  nonce?: Uint8Array;
  /** Length of the validity window; at most the node's maximum (default one hour). */
  windowSeconds?: number;
  /** The time the window is placed around (default: now). */
  now?: Date;
  /** Free text for humans, at most 256 bytes; never personal data. */
  memo?: string;
}

/** The message every signer signs: "tabularium/tx/v1" || 0x00 || body. */
export function signingMessage(body: Uint8Array): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from(SIGNING_CONTEXT, "ascii"), Buffer.from([0]), body]));
}

/** SHA-256 of the encoded SignedTransaction: the id the ledger gives it. */
export function txHash(tx: Uint8Array): Uint8Array {
  return sha256(tx);
}

/** The RegisterDocument action (notarize a document by its SHA-256), packed for a body. */
export function registerDocumentAction(digest: Uint8Array, title = ""): Any {
  if (digest.length !== 32) throw new RangeError(`sha256 must be 32 bytes, got ${digest.length}`);
  return anyPack(RegisterDocumentSchema, create(RegisterDocumentSchema, { sha256: digest, title }));
}

/**
 * The ConsentTransfer action (its signers consent to a land transfer over exactly that deed),
 * packed for a body. `transferId` is 16 bytes, `deedSha256` the deed's 32-byte SHA-256.
 */
export function consentTransferAction(transferId: Uint8Array, deedSha256: Uint8Array): Any {
  if (transferId.length !== 16) throw new RangeError(`transfer id must be 16 bytes, got ${transferId.length}`);
  if (deedSha256.length !== 32) throw new RangeError(`deed sha256 must be 32 bytes, got ${deedSha256.length}`);
  return anyPack(ConsentTransferSchema, create(ConsentTransferSchema, { transferId, deedSha256 }));
}

/** A payment received by a payment institution, as RecordPayment records it. */
export interface TaxPayment {
  /** DID of the tax office. */
  office: string;
  /** 1-64 printable ASCII, unique per institution for the office's retention. */
  idempotencyKey: string;
  /** The tax account (16 bytes), or empty when the creditor reference names a liability. */
  account?: Uint8Array;
  /** Positive, in minor units of the currency (for EUR, cents). */
  minorUnits: bigint;
  /** ISO 4217 alphabetic code, e.g. "EUR". */
  currency: string;
  /** ISO 8601 calendar date "YYYY-MM-DD". */
  valueDate: string;
  /** ISO 11649 creditor reference ("RF" + 2 check digits + up to 21 alphanumerics). */
  creditorReference: string;
  /** ISO 20022 end-to-end id, for reconciliation with bank statements. */
  endToEndId?: string;
}

/**
 * The RecordPayment action (its signer, a payment institution with the office's "bank" role,
 * records a booked payment, allocated at once), packed for a body.
 */
export function recordPaymentAction(payment: TaxPayment): Any {
  const account = payment.account ?? new Uint8Array(0);
  if (account.length !== 0 && account.length !== 16) {
    throw new RangeError(`account must be 16 bytes or none, got ${account.length}`);
  }
  if (payment.minorUnits <= 0n) throw new RangeError(`amount must be positive, got ${payment.minorUnits}`);
  return anyPack(
    RecordPaymentSchema,
    create(RecordPaymentSchema, {
      office: payment.office,
      idempotencyKey: payment.idempotencyKey,
      account,
      amount: create(AmountSchema, { minorUnits: payment.minorUnits, currency: payment.currency }),
      valueDate: payment.valueDate,
      creditorReference: payment.creditorReference,
      endToEndId: payment.endToEndId ?? "",
      status: PaymentStatus.BOOKED,
    }),
  );
}

/** Encoded TransactionBody: chain id, nonce, validity window, the keys that must sign, the action. */
export function buildBody(
  chainId: string,
  action: Any,
  signers: readonly Uint8Array[],
  options: BodyOptions = {},
): Uint8Array {
  const nonce = options.nonce ?? new Uint8Array(randomBytes(16));
  if (nonce.length < 16 || nonce.length > 32) {
    throw new RangeError(`nonce must be 16 to 32 bytes, got ${nonce.length}`);
  }
  const windowSeconds = options.windowSeconds ?? DEFAULT_WINDOW_SECONDS;
  if (!(windowSeconds > 0)) throw new RangeError("windowSeconds must be positive");
  if (signers.length === 0) throw new RangeError("at least one signer is required");
  const start = (options.now ?? new Date()).getTime() - SKEW_MS;
  const body = create(TransactionBodySchema, {
    chainId,
    nonce,
    notBefore: timestampFromMs(start),
    notAfter: timestampFromMs(start + windowSeconds * 1000),
    signers: [...signers],
    action,
    memo: options.memo ?? "",
  });
  return toBinary(TransactionBodySchema, body);
}

/** Encoded SignedTransaction: `body` as given, with one signature per key. */
export function signBody(body: Uint8Array, keys: readonly SigningKey[]): Uint8Array {
  const message = signingMessage(body);
  return toBinary(
    SignedTransactionSchema,
    create(SignedTransactionSchema, {
      body,
      signatures: keys.map((key) => ({ publicKey: key.publicKey, signature: key.sign(message) })),
    }),
  );
}

/** A transaction that every key in `keys` must sign, signed by all of them. */
export function buildSigned(
  chainId: string,
  action: Any,
  keys: readonly SigningKey[],
  options: BodyOptions = {},
): Uint8Array {
  return signBody(buildBody(chainId, action, keys.map((k) => k.publicKey), options), keys);
}

/** A transaction whose signatures were checked offline. */
export interface CheckedTransaction {
  /** The encoded body exactly as signed. */
  readonly bodyBytes: Uint8Array;
  readonly body: TransactionBody;
  /** The public keys that signed, in wire order. */
  readonly signers: Uint8Array[];
}

const hexOf = (b: Uint8Array): string => Buffer.from(b).toString("hex");

/**
 * Checks the signatures of an encoded SignedTransaction with no server: every signature is a
 * 32-byte key and 64-byte signature (SIGNATURE_MALFORMED) by a key listed in body.signers
 * (SIGNER_NOT_LISTED), no key signs twice (SIGNATURE_DUPLICATED), every listed key signed
 * (SIGNATURE_MISSING), and each signature is valid over "tabularium/tx/v1" || 0x00 || body
 * (BAD_SIGNATURE). Chain id, window, nonce and authorization are the node's business.
 */
export function verifyTransaction(tx: Uint8Array): CheckedTransaction {
  let signed;
  let body;
  try {
    signed = fromBinary(SignedTransactionSchema, tx);
    body = fromBinary(TransactionBodySchema, signed.body);
  } catch (e) {
    throw new VerificationError("TX_MALFORMED", `cannot decode: ${String(e)}`);
  }
  const listed = new Set(body.signers.map(hexOf));
  const seen = new Set<string>();
  signed.signatures.forEach((sig, i) => {
    if (sig.publicKey.length !== 32 || sig.signature.length !== 64) {
      throw new VerificationError(
        "SIGNATURE_MALFORMED",
        `signatures[${i}] has a ${sig.publicKey.length}-byte key and a ${sig.signature.length}-byte signature, want 32 and 64`,
      );
    }
    const key = hexOf(sig.publicKey);
    if (!listed.has(key)) throw new VerificationError("SIGNER_NOT_LISTED", `signatures[${i}] key ${key} is not in body.signers`);
    if (seen.has(key)) throw new VerificationError("SIGNATURE_DUPLICATED", `key ${key} signed twice`);
    seen.add(key);
  });
  if (listed.size === 0) throw new VerificationError("SIGNATURE_MISSING", "body.signers lists no key");
  for (const key of listed) {
    if (!seen.has(key)) throw new VerificationError("SIGNATURE_MISSING", `signer ${key} did not sign`);
  }
  const message = signingMessage(signed.body);
  signed.signatures.forEach((sig, i) => {
    if (!verifyEd25519(sig.publicKey, message, sig.signature)) {
      throw new VerificationError("BAD_SIGNATURE", `signatures[${i}] does not verify`);
    }
  });
  return { bodyBytes: signed.body, body, signers: signed.signatures.map((s) => s.publicKey) };
}
