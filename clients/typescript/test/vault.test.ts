/**
 * The vault vectors in tests/vectors/vault/vectors.json: signed-request metadata (Ed25519 is
 * deterministic, so compared exactly) and content commitments. Offline.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import {
  SigningKey,
  rechunk,
  requestSigningMessage,
  sha256,
  signRequest,
  vaultCommitment,
  verifyEd25519,
} from "../src/index.js";
import { REPO_ROOT } from "./server.js";

const VECTORS = join(REPO_ROOT, "tests/vectors/vault");

interface SignedRequestCase {
  key_file: string;
  method: string;
  request_hex: string;
  time_ms: number;
  nonce_hex: string;
  signed_message_hex: string;
  metadata: Record<string, string>;
}

interface CommitmentCase {
  content_sha256_hex: string;
  content_size: number;
  content_hex: string | null;
  content_rule: string | null;
  salt_hex: string;
  commitment_hex: string;
}

const vectors = JSON.parse(readFileSync(join(VECTORS, "vectors.json"), "utf8")) as {
  signed_requests: { cases: SignedRequestCase[] };
  commitments: { cases: CommitmentCase[] };
};
const bytes = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, "hex"));
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

/** The content a commitment case names, by value or by its one rule. */
function content(c: CommitmentCase): Uint8Array {
  if (c.content_hex !== null) return bytes(c.content_hex);
  assert.equal(c.content_rule, "bytes 0..255 repeated 4096 times");
  const out = new Uint8Array(256 * 4096);
  for (let i = 0; i < out.length; i++) out[i] = i % 256;
  return out;
}

describe("vault vectors", () => {
  it("has cases", () => {
    assert.ok(vectors.signed_requests.cases.length > 0);
    assert.ok(vectors.commitments.cases.length > 0);
  });

  vectors.signed_requests.cases.forEach((c, i) => {
    it(`signed request ${i}: ${c.method}`, () => {
      const key = SigningKey.fromFile(join(VECTORS, c.key_file));
      const request = bytes(c.request_hex);
      const nonce = bytes(c.nonce_hex);
      const message = requestSigningMessage(c.method, request, c.time_ms, nonce);
      assert.equal(hex(message), c.signed_message_hex);
      const metadata = signRequest(key, c.method, request, { timeMs: c.time_ms, nonce });
      assert.deepEqual(
        metadata.map(([name]) => name),
        ["tabularium-auth-key", "tabularium-auth-time", "tabularium-auth-nonce", "tabularium-auth-signature"],
      );
      assert.deepEqual(Object.fromEntries(metadata), c.metadata);
      const signature = bytes(c.metadata["tabularium-auth-signature"]!);
      assert.ok(verifyEd25519(key.publicKey, message, signature));
    });
  });

  it("signed request: a random nonce and the current time by default; bad nonces refused", () => {
    const key = SigningKey.generate();
    const before = Date.now();
    const a = Object.fromEntries(signRequest(key, "/m", new Uint8Array([1])));
    const b = Object.fromEntries(signRequest(key, "/m", new Uint8Array([1])));
    assert.notEqual(a["tabularium-auth-nonce"], b["tabularium-auth-nonce"]);
    assert.equal(a["tabularium-auth-nonce"]!.length, 32);
    assert.ok(Number(a["tabularium-auth-time"]) >= before);
    const message = requestSigningMessage(
      "/m",
      new Uint8Array([1]),
      BigInt(a["tabularium-auth-time"]!),
      bytes(a["tabularium-auth-nonce"]!),
    );
    assert.ok(verifyEd25519(key.publicKey, message, bytes(a["tabularium-auth-signature"]!)));
    assert.throws(() => signRequest(key, "/m", new Uint8Array(), { nonce: new Uint8Array(15) }), RangeError);
    assert.throws(() => signRequest(key, "/m", new Uint8Array(), { nonce: new Uint8Array(33) }), RangeError);
  });

  vectors.commitments.cases.forEach((c, i) => {
    it(`commitment ${i}: ${c.content_size} bytes`, () => {
      const data = content(c);
      assert.equal(data.length, c.content_size);
      assert.equal(hex(sha256(data)), c.content_sha256_hex);
      assert.equal(hex(vaultCommitment(bytes(c.salt_hex), sha256(data))), c.commitment_hex);
    });
  });

  it("commitment: refuses a salt or digest that is not 32 bytes", () => {
    assert.throws(() => vaultCommitment(new Uint8Array(31), new Uint8Array(32)), RangeError);
    assert.throws(() => vaultCommitment(new Uint8Array(32), new Uint8Array(33)), RangeError);
  });

  it("rechunk: pieces of at most the limit, in order, nothing lost", async () => {
    const input = [new Uint8Array(10).fill(1), new Uint8Array(0), new Uint8Array(3).fill(2)];
    const out: Uint8Array[] = [];
    for await (const piece of rechunk(input, 4)) out.push(piece);
    assert.deepEqual(out.map((p) => p.length), [4, 4, 2, 3]);
    assert.deepEqual(Buffer.concat(out), Buffer.concat(input));
  });
});
