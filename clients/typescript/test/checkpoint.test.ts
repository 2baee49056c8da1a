/**
 * Signed-note checkpoints: notes signed here the way the server signs them (see
 * server/tabularium/chain/checkpoint.py) are accepted; every corruption is rejected.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  NoteVerifier,
  SigningKey,
  VerificationError,
  keyHash,
  parseCheckpoint,
  sha256,
  verifyCheckpoint,
} from "../src/index.js";

const key = SigningKey.generate();
const NAME = "test-chain-node";
const ORIGIN = "tabularium.example/test-chain";
const ROOT = sha256(new TextEncoder().encode("root"));

function sign(body: string, name = NAME, signer = key): string {
  const blob = Buffer.concat([
    keyHash(name, signer.publicKey),
    signer.sign(Buffer.from(body, "utf8")),
  ]).toString("base64");
  return `${body}\n\u2014 ${name} ${blob}\n`;
}

const body = `${ORIGIN}\n42\n${Buffer.from(ROOT).toString("base64")}\n`;
const note = sign(body);
const verifier = new NoteVerifier(NAME, key.publicKey);
const bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "utf8"));

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof VerificationError, String(e));
    return e.reason;
  }
  assert.fail("accepted");
}

describe("checkpoints", () => {
  it("accepts a note signed by the pinned key and returns what it commits to", () => {
    const cp = verifyCheckpoint(bytes(note), verifier, { origin: ORIGIN });
    assert.equal(cp.origin, ORIGIN);
    assert.equal(cp.size, 42n);
    assert.deepEqual(cp.root, ROOT);
    assert.deepEqual(cp.body, bytes(body));
  });

  it("finds the pinned key's line among other signatures", () => {
    const other = SigningKey.generate();
    const cosigned = sign(body, "witness", other) + note.slice(body.length + 1);
    verifyCheckpoint(bytes(cosigned), verifier);
  });

  it("round-trips the C2SP verifier key string", () => {
    const text = verifier.encode();
    assert.match(text, /^test-chain-node\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);
    const parsed = NoteVerifier.parse(`${text}\n`);
    assert.equal(parsed.name, NAME);
    assert.deepEqual(parsed.publicKey, key.publicKey);
  });

  it("rejects malformed verifier keys", () => {
    const [name, hash, blob] = verifier.encode().split("+") as [string, string, string];
    assert.equal(reason(() => NoteVerifier.parse(`${name}+${hash}`)), "VERIFIER_KEY_INVALID");
    assert.equal(reason(() => NoteVerifier.parse(`${name}+00000000+${blob}`)), "VERIFIER_KEY_INVALID");
    assert.equal(reason(() => NoteVerifier.parse(`other+${hash}+${blob}`)), "VERIFIER_KEY_INVALID");
    assert.equal(reason(() => NoteVerifier.parse(`${name}+${hash}+${blob}!`)), "VERIFIER_KEY_INVALID");
  });

  it("rejects a changed body, signature, key or origin", () => {
    const otherRoot = Buffer.from(sha256(ROOT)).toString("base64");
    const cases: [string, string, string][] = [
      ["size", note.replace("\n42\n", "\n43\n"), "BAD_CHECKPOINT_SIGNATURE"],
      ["root", note.replace(Buffer.from(ROOT).toString("base64"), otherRoot), "BAD_CHECKPOINT_SIGNATURE"],
      ["origin", note.replace(ORIGIN, `${ORIGIN}x`), "CHECKPOINT_WRONG_ORIGIN"],
      ["key name", sign(body, "someone-else"), "BAD_CHECKPOINT_SIGNATURE"],
      ["signer", sign(body, NAME, SigningKey.generate()), "BAD_CHECKPOINT_SIGNATURE"],
      ["no signature", `${body}\n`, "CHECKPOINT_MALFORMED"],
      ["no blank line", note.replace(`${body}\n`, body), "CHECKPOINT_MALFORMED"],
      ["no em dash", note.replace("\u2014", "-"), "CHECKPOINT_MALFORMED"],
      ["leading zero", sign(body.replace("\n42\n", "\n042\n")), "CHECKPOINT_MALFORMED"],
      ["short root", sign(body.replace(/\n[^\n]+\n$/, "\nAAAA\n")), "CHECKPOINT_MALFORMED"],
      ["two lines", sign(`${ORIGIN}\n42\n`), "CHECKPOINT_MALFORMED"],
    ];
    for (const [what, text, want] of cases) {
      assert.equal(reason(() => verifyCheckpoint(bytes(text), verifier, { origin: ORIGIN })), want, what);
    }
    const sig = note.slice(note.lastIndexOf(" ") + 1, -1);
    const raw = Buffer.from(sig, "base64");
    raw[10]! ^= 1;
    const flipped = note.replace(sig, raw.toString("base64"));
    assert.equal(reason(() => verifyCheckpoint(bytes(flipped), verifier)), "BAD_CHECKPOINT_SIGNATURE");
  });

  it("parses without a key", () => {
    assert.equal(parseCheckpoint(bytes(note)).size, 42n);
    assert.equal(reason(() => parseCheckpoint(new Uint8Array([0xff, 0x0a, 0x0a]))), "CHECKPOINT_MALFORMED");
  });
});
