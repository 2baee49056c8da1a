/**
 * Signed requests for private queries: the four `tabularium-auth-*` metadata entries that
 * authenticate one call. The signature covers
 *
 *   "tabularium/rpc/v1" || 0x00 || method || 0x00 || SHA-256(request bytes) || u64be(time_ms) || nonce
 *
 * where `method` is the full gRPC path ("/tabularium.vault.v1.VaultService/ReadDocument") and the
 * request bytes are exactly the serialized request sent on the wire: serialize the request once,
 * sign those bytes, and send the same message.
 */
import { randomBytes } from "node:crypto";

import type { SigningKey } from "./keys.js";
import { sha256 } from "./merkle.js";

/** Domain separation prefix of the signed request message. */
export const REQUEST_SIGNING_CONTEXT = "tabularium/rpc/v1";
export const AUTH_KEY_HEADER = "tabularium-auth-key";
export const AUTH_TIME_HEADER = "tabularium-auth-time";
export const AUTH_NONCE_HEADER = "tabularium-auth-nonce";
export const AUTH_SIGNATURE_HEADER = "tabularium-auth-signature";

export interface SignRequestOptions {
  /** Unix time in milliseconds (default: now). */
  timeMs?: number | bigint;
  /** 16 to 32 bytes, never reused within the node's time window (default: 16 random bytes). */
  nonce?: Uint8Array;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

/** The bytes a signed request's signature covers. */
export function requestSigningMessage(
  method: string,
  request: Uint8Array,
  timeMs: number | bigint,
  nonce: Uint8Array,
): Uint8Array {
  const time = Buffer.alloc(8);
  time.writeBigUInt64BE(BigInt(timeMs));
  return new Uint8Array(
    Buffer.concat([
      Buffer.from(REQUEST_SIGNING_CONTEXT, "ascii"),
      Buffer.from([0]),
      Buffer.from(method, "utf8"),
      Buffer.from([0]),
      sha256(request),
      time,
      nonce,
    ]),
  );
}

/**
 * Metadata that authenticates one call of `method` whose serialized request is `request`, as
 * [name, value] pairs (usable as `headers` of a call).
 */
export function signRequest(
  key: SigningKey,
  method: string,
  request: Uint8Array,
  options: SignRequestOptions = {},
): [string, string][] {
  const timeMs = BigInt(options.timeMs ?? Date.now());
  if (timeMs < 0n || timeMs >= 1n << 64n) throw new RangeError(`time out of range: ${timeMs}`);
  const nonce = options.nonce ?? new Uint8Array(randomBytes(16));
  if (nonce.length < 16 || nonce.length > 32) {
    throw new RangeError(`nonce must be 16 to 32 bytes, got ${nonce.length}`);
  }
  const signature = key.sign(requestSigningMessage(method, request, timeMs, nonce));
  return [
    [AUTH_KEY_HEADER, hex(key.publicKey)],
    [AUTH_TIME_HEADER, timeMs.toString()],
    [AUTH_NONCE_HEADER, hex(nonce)],
    [AUTH_SIGNATURE_HEADER, hex(signature)],
  ];
}
