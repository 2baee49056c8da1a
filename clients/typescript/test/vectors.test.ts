/**
 * The cross-language vectors in tests/vectors/clients (format in its README.md): every valid case
 * is accepted with the values it names, every corrupted one is rejected with its category.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import { create, toBinary, type JsonValue } from "@bufbuild/protobuf";

import {
  NoteVerifier,
  RegisterDocumentSchema,
  SigningKey,
  TransactionBodySchema,
  VerificationError,
  leafHash,
  receiptFromJson,
  sha256,
  signBody,
  signingMessage,
  verifyCheckpoint,
  verifyCheckpointConsistency,
  verifyReceipt,
  verifyTransaction,
} from "../src/index.js";
import { REPO_ROOT } from "./server.js";

const VECTORS = join(REPO_ROOT, "tests/vectors/clients");

interface Case {
  file: string;
  desc: string;
  input: Record<string, unknown>;
  want: Record<string, unknown> | null;
  want_err: string | null;
}

function cases(kind: string): Case[] {
  const out: Case[] = [];
  for (const dir of readdirSync(join(VECTORS, kind)).sort()) {
    for (const name of readdirSync(join(VECTORS, kind, dir)).sort()) {
      if (!name.endsWith(".json")) continue;
      const file = join(kind, dir, name);
      out.push({ file, ...(JSON.parse(readFileSync(join(VECTORS, file), "utf8")) as Omit<Case, "file">) });
    }
  }
  assert.ok(out.length > 0, `no vectors under ${kind}`);
  return out;
}

interface BodyFields {
  chain_id: string;
  nonce: string;
  not_before: { seconds: number; nanos: number };
  not_after: { seconds: number; nanos: number };
  signers: string[];
  action_type_url: string;
  action_value: string;
  register_document: { sha256: string; title: string };
  memo: string;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const fromHex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "hex"));
const utf8 = (s: unknown): Uint8Array => new Uint8Array(Buffer.from(s as string, "utf8"));
const originOf = (c: Case): { origin?: string } =>
  c.input["origin"] === null ? {} : { origin: c.input["origin"] as string };

/** Runs `check` on a case: valid ones must pass, corrupted ones must fail with want_err. */
function run(c: Case, check: () => void): void {
  if (c.want_err === null) {
    check();
    return;
  }
  assert.throws(
    check,
    (e: unknown) => {
      assert.ok(e instanceof VerificationError, `${c.file}: ${String(e)}`);
      assert.equal(e.reason, c.want_err, `${c.file} (${c.desc}): ${e.message}`);
      return true;
    },
    `${c.file} (${c.desc}) was accepted`,
  );
}

describe("cross-language vectors", () => {
  it("receipts", () => {
    for (const c of cases("receipts")) {
      run(c, () => {
        const verifier = NoteVerifier.parse(c.input["log_key"] as string);
        const receipt = receiptFromJson(c.input["receipt"] as JsonValue);
        const checkpoint = verifyReceipt(receipt, verifier, originOf(c));
        const want = c.want!;
        assert.equal(hex(receipt.txHash), want["tx_hash"], c.file);
        assert.equal(hex(leafHash(receipt.transaction)), want["leaf_hash"], c.file);
        assert.equal(receipt.entryIndex, BigInt(want["entry_index"] as number), c.file);
        assert.equal(checkpoint.size, BigInt(want["tree_size"] as number), c.file);
        assert.equal(hex(checkpoint.root), want["root"], c.file);
        assert.equal(checkpoint.origin, want["origin"], c.file);
      });
    }
  });

  it("checkpoints", () => {
    for (const c of cases("checkpoints")) {
      run(c, () => {
        const verifier = NoteVerifier.parse(c.input["log_key"] as string);
        const checkpoint = verifyCheckpoint(utf8(c.input["checkpoint"]), verifier, originOf(c));
        const want = c.want!;
        assert.equal(checkpoint.origin, want["origin"], c.file);
        assert.equal(checkpoint.size, BigInt(want["tree_size"] as number), c.file);
        assert.equal(hex(checkpoint.root), want["root"], c.file);
        assert.deepEqual(checkpoint.body, utf8(want["body"]), c.file);
        assert.equal(verifier.name, want["key_name"], c.file);
        assert.equal(hex(verifier.keyHash), want["key_hash"], c.file);
      });
    }
  });

  it("consistency proofs", () => {
    for (const c of cases("consistency")) {
      run(c, () => {
        const verifier = NoteVerifier.parse(c.input["log_key"] as string);
        const older = verifyCheckpoint(utf8(c.input["old_checkpoint"]), verifier, originOf(c));
        const newer = verifyCheckpoint(utf8(c.input["new_checkpoint"]), verifier, originOf(c));
        const proof = (c.input["proof"] as string[]).map(fromHex);
        verifyCheckpointConsistency(older, newer, proof);
        const want = c.want!;
        assert.equal(older.size, BigInt(want["old_size"] as number), c.file);
        assert.equal(newer.size, BigInt(want["new_size"] as number), c.file);
        assert.equal(hex(older.root), want["old_root"], c.file);
        assert.equal(hex(newer.root), want["new_root"], c.file);
      });
    }
  });

  it("signed transactions: signatures checked offline", () => {
    for (const c of cases("transactions")) {
      run(c, () => {
        const tx = new Uint8Array(Buffer.from(c.input["transaction"] as string, "base64"));
        const checked = verifyTransaction(tx);
        const want = c.want!;
        assert.equal(hex(sha256(tx)), want["tx_hash"], c.file);
        assert.equal(hex(leafHash(tx)), want["leaf_hash"], c.file);
        assert.equal(hex(checked.bodyBytes), want["body"], c.file);
        assert.equal(hex(signingMessage(checked.bodyBytes)), want["signing_message"], c.file);
      });
    }
  });

  it("signed transactions: this client reproduces the body, the signatures and the bytes", () => {
    for (const c of cases("transactions").filter((c) => c.want_err === null)) {
      const want = c.want!;
      const keys = (want["signer_keys"] as string[]).map((f) => SigningKey.fromFile(join(VECTORS, f)));
      const tx = signBody(fromHex(want["body"] as string), keys);
      assert.equal(Buffer.from(tx).toString("base64"), c.input["transaction"], c.file);
      const signatures = want["signatures"] as { public_key: string; signature: string }[];
      keys.forEach((key, i) => {
        assert.equal(hex(key.publicKey), signatures[i]!.public_key, c.file);
        assert.equal(hex(key.sign(fromHex(want["signing_message"] as string))), signatures[i]!.signature);
      });
      const f = want["body_fields"] as BodyFields;
      const doc = f.register_document;
      const action = toBinary(
        RegisterDocumentSchema,
        create(RegisterDocumentSchema, { sha256: fromHex(doc.sha256), title: doc.title }),
      );
      assert.equal(hex(action), f.action_value, c.file);
      const time = (t: { seconds: number; nanos: number }) => ({ seconds: BigInt(t.seconds), nanos: t.nanos });
      const body = create(TransactionBodySchema, {
        chainId: f.chain_id,
        nonce: fromHex(f.nonce),
        notBefore: time(f.not_before),
        notAfter: time(f.not_after),
        signers: f.signers.map(fromHex),
        action: { typeUrl: f.action_type_url, value: action },
        memo: f.memo,
      });
      assert.equal(hex(toBinary(TransactionBodySchema, body)), want["body"], c.file);
    }
  });
});
