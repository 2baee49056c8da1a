/**
 * C2SP signed-note checkpoints (tlog-checkpoint), as the server signs them:
 *
 *     <origin>\n<tree size>\n<base64 root hash>\n\n— <key name> <base64(key hash || signature)>\n
 *
 * The key hash is the first 4 bytes of SHA-256(key name || 0x0A || 0x01 || public key); the
 * Ed25519 signature covers the note body (the first three lines with their newlines).
 */
import type { KeyObject } from "node:crypto";

import { VerificationError } from "./errors.js";
import { ed25519PublicKey, verifyEd25519 } from "./keys.js";
import { bytesEqual, sha256 } from "./merkle.js";

const ED25519_ALG = 0x01;
const SIGNATURE_PREFIX = "\u2014 "; // em dash and space
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict standard base64 (padded, no whitespace); undefined if `text` is not. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!BASE64.test(text)) return undefined;
  const raw = Buffer.from(text, "base64");
  // Reject non-canonical encodings (stray bits in the last character).
  if (raw.toString("base64") !== text) return undefined;
  return new Uint8Array(raw);
}

/** What the log committed to at `size`: a parsed (and, from verifyCheckpoint, verified) note. */
export interface Checkpoint {
  readonly origin: string;
  readonly size: bigint;
  readonly root: Uint8Array;
  /** The signed body: the first three lines with their newlines, as bytes. */
  readonly body: Uint8Array;
  /** The whole note. */
  readonly note: Uint8Array;
}

/** First 4 bytes of SHA-256(name || 0x0A || 0x01 || public key). */
export function keyHash(name: string, publicKey: Uint8Array): Uint8Array {
  const prefix = Buffer.from(`${name}\n`, "utf8");
  return sha256(prefix, new Uint8Array([ED25519_ALG]), publicKey).subarray(0, 4);
}

/** A pinned signed-note key: the name and Ed25519 public key a verifier trusts. */
export class NoteVerifier {
  readonly name: string;
  readonly publicKey: Uint8Array;
  readonly keyHash: Uint8Array;
  private readonly key: KeyObject;

  constructor(name: string, publicKey: Uint8Array) {
    if (publicKey.length !== 32) {
      throw new VerificationError("VERIFIER_KEY_INVALID", "Ed25519 public key must be 32 bytes");
    }
    if (name === "" || /[\s+]/u.test(name)) {
      throw new VerificationError("VERIFIER_KEY_INVALID", `key name ${JSON.stringify(name)} is invalid`);
    }
    this.name = name;
    this.publicKey = publicKey;
    this.keyHash = keyHash(name, publicKey);
    try {
      this.key = ed25519PublicKey(publicKey);
    } catch (e) {
      throw new VerificationError("VERIFIER_KEY_INVALID", `not an Ed25519 public key: ${String(e)}`);
    }
  }

  /** Parses a C2SP verifier key `<name>+<hex key hash>+<base64(0x01 || public key)>`. */
  static parse(text: string): NoteVerifier {
    const trimmed = text.trim();
    const first = trimmed.indexOf("+");
    const second = first < 0 ? -1 : trimmed.indexOf("+", first + 1);
    if (first < 0 || second < 0) {
      throw new VerificationError("VERIFIER_KEY_INVALID", "verifier key must be name+hash+key");
    }
    const name = trimmed.slice(0, first);
    const hashHex = trimmed.slice(first + 1, second);
    const raw = decodeBase64(trimmed.slice(second + 1));
    if (raw === undefined) {
      throw new VerificationError("VERIFIER_KEY_INVALID", "verifier key is not base64");
    }
    if (raw.length !== 33 || raw[0] !== ED25519_ALG) {
      throw new VerificationError("VERIFIER_KEY_INVALID", "verifier key is not an Ed25519 key");
    }
    const verifier = new NoteVerifier(name, raw.subarray(1));
    if (Buffer.from(verifier.keyHash).toString("hex") !== hashHex.toLowerCase()) {
      throw new VerificationError("VERIFIER_KEY_INVALID", "verifier key hash does not match key");
    }
    return verifier;
  }

  /** The verifier key string, the inverse of parse(). */
  encode(): string {
    const blob = Buffer.concat([Buffer.from([ED25519_ALG]), this.publicKey]).toString("base64");
    return `${this.name}+${Buffer.from(this.keyHash).toString("hex")}+${blob}`;
  }

  /** True if `signature` is this key's Ed25519 signature of `message`. */
  verifies(message: Uint8Array, signature: Uint8Array): boolean {
    return verifyEd25519(this.key, message, signature);
  }
}

function malformed(why: string): VerificationError {
  return new VerificationError("CHECKPOINT_MALFORMED", `checkpoint is malformed: ${why}`);
}

/** Parses a checkpoint note without checking its signatures. */
export function parseCheckpoint(note: Uint8Array): Checkpoint {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(note);
  } catch {
    throw malformed("note is not UTF-8");
  }
  const split = text.indexOf("\n\n");
  if (split < 0) throw malformed("note has no blank line before its signatures");
  const lines = text.slice(0, split).split("\n");
  if (lines.length < 3) throw malformed(`note body has ${lines.length} lines, want at least 3`);
  const [origin, sizeText, rootText] = lines as [string, string, string];
  if (origin === "") throw malformed("origin line is empty");
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText)) {
    throw malformed(`tree size ${JSON.stringify(sizeText)} is not a decimal number`);
  }
  const size = BigInt(sizeText);
  if (size >= 1n << 64n) throw malformed("tree size does not fit in 64 bits");
  const root = decodeBase64(rootText);
  if (root === undefined) throw malformed("root hash is not base64");
  if (root.length !== 32) throw malformed(`root hash has ${root.length} bytes, want 32`);
  const body = Buffer.from(text.slice(0, split + 1), "utf8");
  return { origin, size, root, body: new Uint8Array(body), note };
}

/**
 * Parses a checkpoint and checks that `verifier` signed it (and its origin, if given).
 * Throws VerificationError (CHECKPOINT_MALFORMED, CHECKPOINT_WRONG_ORIGIN, BAD_CHECKPOINT_SIGNATURE).
 */
export function verifyCheckpoint(
  note: Uint8Array,
  verifier: NoteVerifier,
  options: { origin?: string } = {},
): Checkpoint {
  const checkpoint = parseCheckpoint(note);
  if (options.origin !== undefined && checkpoint.origin !== options.origin) {
    throw new VerificationError(
      "CHECKPOINT_WRONG_ORIGIN",
      `checkpoint origin is ${JSON.stringify(checkpoint.origin)}, want ${JSON.stringify(options.origin)}`,
    );
  }
  const text = new TextDecoder().decode(note);
  const signatures = text.slice(text.indexOf("\n\n") + 2);
  if (!signatures.endsWith("\n")) throw malformed("signature block does not end with a newline");
  for (const line of signatures.slice(0, -1).split("\n")) {
    if (!line.startsWith(SIGNATURE_PREFIX)) {
      throw malformed(`signature line ${JSON.stringify(line)} does not start with an em dash`);
    }
    const rest = line.slice(SIGNATURE_PREFIX.length);
    const space = rest.lastIndexOf(" ");
    const name = space < 0 ? "" : rest.slice(0, space);
    if (name !== verifier.name) continue;
    const raw = decodeBase64(rest.slice(space + 1));
    if (raw === undefined) throw malformed("signature is not base64");
    if (raw.length !== 68 || !bytesEqual(raw.subarray(0, 4), verifier.keyHash)) continue;
    if (!verifier.verifies(checkpoint.body, raw.subarray(4))) {
      throw new VerificationError("BAD_CHECKPOINT_SIGNATURE", `checkpoint signature by ${verifier.name} is invalid`);
    }
    return checkpoint;
  }
  throw new VerificationError(
    "BAD_CHECKPOINT_SIGNATURE",
    `checkpoint has no signature by key ${JSON.stringify(verifier.name)}`,
  );
}
