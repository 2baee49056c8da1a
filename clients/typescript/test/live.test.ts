/** The client against a real node: submit, notarize, verify offline, errors, retries, the CLI. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

import {
  NoteVerifier,
  SigningKey,
  TabulariumClient,
  TabulariumError,
  TransactionStatus,
  VerificationError,
  buildSigned,
  receiptFromJson,
  receiptToJson,
  registerDocumentAction,
  sha256,
  txHash,
  verifyCheckpoint,
  verifyCheckpointConsistency,
  verifyReceipt,
} from "../src/index.js";
import { Node, PYTHON } from "./server.js";

const CLI = join(dirname(fileURLToPath(import.meta.url)), "../src/cli.js");
let counter = 0;
/** A fresh digest per call, so registrations never collide across tests. */
const newDigest = (): Uint8Array => sha256(new TextEncoder().encode(`ts doc ${process.pid} ${counter++}`));

describe("against a live node", { timeout: 180_000 }, () => {
  let node: Node;
  let client: TabulariumClient;
  let admin: SigningKey;
  let verifier: NoteVerifier;
  let origin: string;
  let work: string;

  before(async () => {
    node = await Node.start();
    client = new TabulariumClient(node.address);
    admin = SigningKey.fromFile(node.adminKeyPath);
    const info = await client.logInfo();
    assert.equal(info.chainId, node.chainId);
    verifier = NoteVerifier.parse(info.verifierKey);
    origin = info.origin;
    work = mkdtempSync(join(tmpdir(), "tabularium-ts-cli-"));
  });

  after(async () => {
    client?.close();
    await node?.destroy();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("notarizes a document and verifies the receipt offline", async () => {
    const digest = newDigest();
    const receipt = await client.notarize(admin, digest, { title: "contract" });
    assert.equal(receipt.result?.status, TransactionStatus.ACCEPTED);
    const checkpoint = verifyReceipt(receipt, verifier, { origin });
    assert.ok(checkpoint.size > receipt.entryIndex);
    const found = await client.verifyDocument(digest);
    assert.equal(found.registered, true);
    assert.equal(found.title, "contract");
    assert.equal(found.entryIndex, receipt.entryIndex);
    verifyReceipt(found.receipt!, verifier, { origin });
  });

  it("rejects a receipt whose transaction, proof, index or checkpoint was changed", async () => {
    const receipt = await client.notarize(admin, newDigest());
    const json = receiptToJson(receipt);
    const changed = (edit: (r: typeof receipt) => void): typeof receipt => {
      const copy = receiptFromJson(json);
      edit(copy);
      return copy;
    };
    const flipped = (b: Uint8Array, i = 0): Uint8Array => {
      const c = new Uint8Array(b);
      c[i]! ^= 1;
      return c;
    };
    const cases = [
      changed((r) => (r.transaction = flipped(r.transaction, 5))),
      changed((r) => (r.txHash = flipped(r.txHash))),
      changed((r) => (r.entryIndex += 1n)),
      changed((r) => (r.checkpoint = flipped(r.checkpoint, 3))),
    ];
    if (receipt.inclusionProof.length > 0) {
      cases.push(changed((r) => (r.inclusionProof[0] = flipped(r.inclusionProof[0]!))));
    }
    for (const bad of cases) assert.throws(() => verifyReceipt(bad, verifier), VerificationError);
    const stranger = new NoteVerifier(verifier.name, SigningKey.generate().publicKey);
    assert.throws(() => verifyReceipt(receipt, stranger), VerificationError);
    assert.throws(() => verifyReceipt(receipt, verifier, { origin: "elsewhere" }), VerificationError);
  });

  it("returns the original receipt when identical bytes are submitted again", async () => {
    const tx = buildSigned(node.chainId, registerDocumentAction(newDigest()), [admin]);
    const first = await client.submit(tx);
    const again = await client.submit(tx);
    assert.equal(again.entryIndex, first.entryIndex);
    assert.deepEqual(again.txHash, txHash(tx));
  });

  it("submits many transactions in one call, each with its own result", async () => {
    const digest = newDigest();
    const txs = [
      buildSigned(node.chainId, registerDocumentAction(digest), [admin]),
      buildSigned(node.chainId, registerDocumentAction(newDigest()), [admin]),
      buildSigned(node.chainId, registerDocumentAction(digest), [admin]),
    ];
    const results = await client.submitMany(txs);
    assert.equal(results.length, 3);
    for (const result of results.slice(0, 2)) verifyReceipt(result.receipt!, verifier);
    // The second registration of the same digest is logged as a refusal.
    const refused = results[2]!;
    const status = refused.receipt?.result?.status ?? TransactionStatus.REFUSED;
    assert.equal(status, TransactionStatus.REFUSED);
    assert.equal(refused.error?.reason, "DOCUMENT_ALREADY_REGISTERED");
  });

  it("maps refusals to TabulariumError with the server's reason and metadata", async () => {
    const digest = newDigest();
    const first = await client.notarize(admin, digest);
    await assert.rejects(client.notarize(admin, digest), (e: unknown) => {
      assert.ok(e instanceof TabulariumError);
      assert.equal(e.code, 6); // ALREADY_EXISTS
      assert.equal(e.reason, "DOCUMENT_ALREADY_REGISTERED");
      assert.equal(e.metadata["original_entry_index"], first.entryIndex.toString());
      return true;
    });
    const stranger = SigningKey.generate();
    await assert.rejects(client.notarize(stranger, newDigest()), (e: unknown) => {
      assert.ok(e instanceof TabulariumError);
      assert.equal(e.code, 7); // PERMISSION_DENIED
      assert.equal(e.reason, "UNKNOWN_SIGNER");
      return true;
    });
    await assert.rejects(client.notarize(admin, newDigest(), { chainId: "another-chain" }), (e: unknown) => {
      assert.ok(e instanceof TabulariumError);
      assert.equal(e.code, 3); // INVALID_ARGUMENT
      return true;
    });
  });

  it("proves that a later checkpoint extends an earlier one", async () => {
    const older = verifyCheckpoint(await client.checkpoint(), verifier, { origin });
    await client.notarize(admin, newDigest());
    await client.notarize(admin, newDigest());
    const newer = verifyCheckpoint(await client.checkpoint(), verifier, { origin });
    assert.ok(newer.size > older.size);
    const proof = await client.consistencyProof(older.size, newer.size);
    verifyCheckpointConsistency(older, newer, proof);
    const forged = { ...older, root: sha256(older.root) };
    assert.throws(() => verifyCheckpointConsistency(forged, newer, proof), VerificationError);
  });

  it("retries on UNAVAILABLE until the node is back, with the same bytes", { timeout: 90_000 }, async () => {
    const tx = buildSigned(node.chainId, registerDocumentAction(newDigest()), [admin]);
    const port = node.port;
    await node.stop();
    const retries: number[] = [];
    const patient = new TabulariumClient(`127.0.0.1:${port}`, {
      maxAttempts: 30,
      maxBackoffMs: 500,
      onRetry: (attempt) => retries.push(attempt),
    });
    try {
      const pending = patient.submit(tx);
      // Restart only once the client has seen the node down at least once.
      while (retries.length === 0) await new Promise((r) => setTimeout(r, 20));
      await node.serve(port);
      const receipt = await pending;
      assert.ok(retries.length >= 1);
      assert.deepEqual(receipt.txHash, txHash(tx));
      verifyReceipt(receipt, verifier, { origin });
    } finally {
      patient.close();
    }
    client.close();
    client = new TabulariumClient(node.address);
  });

  it("gives up after maxAttempts when the node stays down", async () => {
    const retries: number[] = [];
    const closed = new TabulariumClient("127.0.0.1:1", {
      maxAttempts: 3,
      initialBackoffMs: 1,
      onRetry: (attempt) => retries.push(attempt),
    });
    try {
      await assert.rejects(closed.logInfo(), (e: unknown) => e instanceof TabulariumError && e.code === 14);
      assert.deepEqual(retries, [1, 2]);
    } finally {
      closed.close();
    }
  });

  it("CLI: notarize writes a receipt that verify-receipt accepts, and a changed one it refuses", () => {
    const receiptPath = join(work, "receipt.json");
    const digestHex = Buffer.from(newDigest()).toString("hex");
    const notarize = spawnSync(
      process.execPath,
      [CLI, "notarize", "--server", node.address, "--key", node.adminKeyPath,
        "--chain-id", node.chainId, "--sha256", digestHex, "--out", receiptPath],
      { encoding: "utf8" },
    );
    assert.equal(notarize.status, 0, notarize.stderr);
    const json = JSON.parse(readFileSync(receiptPath, "utf8")) as Record<string, unknown>;
    assert.equal(typeof json["txHash"], "string");
    const keyFile = join(work, "log.key");
    writeFileSync(keyFile, `${verifier.encode()}\n`);
    for (const logKey of [verifier.encode(), keyFile]) {
      const ok = spawnSync(
        process.execPath,
        [CLI, "verify-receipt", "--log-key", logKey, "--receipt", receiptPath, "--origin", origin],
        { encoding: "utf8" },
      );
      assert.equal(ok.status, 0, ok.stderr);
      assert.equal(JSON.parse(ok.stdout).valid, true);
    }
    const badPath = join(work, "bad.json");
    writeFileSync(badPath, JSON.stringify({ ...json, entryIndex: String(BigInt(json["entryIndex"] as string ?? "0") + 1n) }));
    const bad = spawnSync(
      process.execPath,
      [CLI, "verify-receipt", "--log-key", verifier.encode(), "--receipt", badPath],
      { encoding: "utf8" },
    );
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /INCLUSION_PROOF_INVALID/);
    const wrongOrigin = spawnSync(
      process.execPath,
      [CLI, "verify-receipt", "--log-key", verifier.encode(), "--receipt", receiptPath, "--origin", "x"],
      { encoding: "utf8" },
    );
    assert.equal(wrongOrigin.status, 1);
    assert.match(wrongOrigin.stderr, /CHECKPOINT_WRONG_ORIGIN/);
  });

  it("CLI: the Python CLI verifies a receipt the TypeScript CLI wrote", () => {
    const receiptPath = join(work, "for-python.json");
    const digestHex = Buffer.from(newDigest()).toString("hex");
    const notarize = spawnSync(
      process.execPath,
      [CLI, "notarize", "--server", node.address, "--key", node.adminKeyPath,
        "--chain-id", node.chainId, "--sha256", digestHex, "--out", receiptPath],
      { encoding: "utf8" },
    );
    assert.equal(notarize.status, 0, notarize.stderr);
    const verified = spawnSync(
      PYTHON,
      ["-m", "tabularium", "receipt", "verify", receiptPath, "--log-key", verifier.encode()],
      { encoding: "utf8" },
    );
    assert.equal(verified.status, 0, verified.stderr + verified.stdout);
  });
});
