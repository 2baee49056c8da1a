/** The client against a real node: submit, notarize, verify offline, errors, retries, the CLI. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

import { create } from "@bufbuild/protobuf";
import { anyPack, timestampFromMs } from "@bufbuild/protobuf/wkt";

import {
  GrantAccessSchema,
  Permission,
  fileChunks,
  vaultCommitment,
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
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
/** did:key of an Ed25519 public key: "z" + base58btc(0xed 0x01 || key). */
function didKey(publicKey: Uint8Array): string {
  const input = Uint8Array.of(0xed, 0x01, ...publicKey);
  let n = BigInt(`0x${hex(input)}`);
  let out = "";
  while (n > 0n) {
    out = BASE58[Number(n % 58n)]! + out;
    n /= 58n;
  }
  for (const byte of input) {
    if (byte !== 0) break;
    out = "1" + out;
  }
  return `did:key:z${out}`;
}

/** Content of `size` bytes that differs per call. */
function newContent(size: number): Uint8Array {
  const seed = newDigest();
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = seed[i % 32]! ^ (i >>> 8);
  return out;
}

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

  it("CLI: land-consent and land-rights print a refusal as one JSON line and exit 1", () => {
    const receiptPath = join(work, "land-consent.json");
    const cases: [string[], string, string][] = [
      [["land-consent", "--server", node.address, "--key", node.adminKeyPath, "--chain-id", node.chainId,
        "--transfer", "00".repeat(16), "--deed", "11".repeat(32), "--out", receiptPath],
      "NOT_FOUND", "TRANSFER_NOT_FOUND"],
      [["land-rights", "--server", node.address, "--parcel", "NL-NOWHERE-1"], "NOT_FOUND", "PARCEL_NOT_FOUND"],
    ];
    for (const [args, code, reason] of cases) {
      const done = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
      assert.equal(done.status, 1, done.stderr + done.stdout);
      const line = JSON.parse(done.stdout) as Record<string, string>;
      assert.deepEqual(Object.keys(line).sort(), ["error", "reason"]);
      assert.equal(line["reason"], reason);
      assert.ok(line["error"]!.startsWith(`${code}: `), line["error"]);
    }
    assert.equal(existsSync(receiptPath), false);
    const usage = spawnSync(process.execPath, [CLI, "land-rights", "--server", node.address, "--parcel", "p",
      "--at-height", "-1"], { encoding: "utf8" });
    assert.equal(usage.status, 2, usage.stderr);
  });

  describe("vault", () => {
    let owner: string;
    /** A grant to the admin itself (READ and EXPORT) on `documentId`; its 16-byte id. */
    const grantSelf = async (documentId: Uint8Array): Promise<Uint8Array> => {
      const action = anyPack(
        GrantAccessSchema,
        create(GrantAccessSchema, {
          owner,
          documentId,
          grantee: owner,
          permissions: [Permission.READ, Permission.EXPORT],
          expiresAt: timestampFromMs(Date.now() + 3_600_000),
          purpose: "ts client test",
        }),
      );
      const tx = buildSigned(node.chainId, action, [admin]);
      await client.submit(tx);
      return txHash(tx).subarray(0, 16);
    };

    before(() => {
      owner = didKey(admin.publicKey);
    });

    it("stores a multi-chunk document, reads it and exports it with the commitment checked", async () => {
      const data = newContent(2 * 1024 * 1024 + 12345);
      const pieces = [data.subarray(0, 1000), data.subarray(1000, 3_000_000), data.subarray(3_000_000)];
      const stored = await client.putDocument([admin], pieces, {
        owner,
        mediaType: "application/octet-stream",
        folder: "ts/tests",
      });
      assert.equal(stored.documentId.length, 16);
      assert.equal(stored.version, 1);
      assert.equal(stored.size, BigInt(data.length));
      assert.deepEqual(stored.sha256, sha256(data));
      verifyReceipt(stored.receipt, verifier, { origin });
      const grant = await grantSelf(stored.documentId);

      const reader = await client.readDocument(admin, stored.documentId, { grantId: grant, purpose: "check" });
      assert.equal(reader.header.version?.size, BigInt(data.length));
      assert.deepEqual(reader.header.salt, new Uint8Array(0));
      verifyReceipt(reader.header.accessReceipt!, verifier, { origin });
      const chunks: Uint8Array[] = [];
      for await (const chunk of reader) chunks.push(chunk);
      assert.deepEqual(new Uint8Array(Buffer.concat(chunks)), data);
      assert.deepEqual(reader.sha256, sha256(data));

      const target = join(work, "exported.bin");
      const exported = await client.readDocumentToFile(admin, stored.documentId, target, {
        grantId: grant,
        purpose: "check",
        export: true,
      });
      assert.deepEqual(exported.header.salt, stored.salt);
      assert.deepEqual(exported.header.version?.commitment, vaultCommitment(stored.salt, sha256(data)));
      assert.deepEqual(new Uint8Array(readFileSync(target)), data);
      assert.ok(exported.header.accessReceipt!.entryIndex > reader.header.accessReceipt!.entryIndex);
    });

    it("a refused read raises TabulariumError with the reason and leaves no file", async () => {
      const stored = await client.putDocument([admin], [newContent(100)], { owner, mediaType: "text/plain" });
      const target = join(work, "refused.bin");
      await assert.rejects(
        client.readDocumentToFile(admin, stored.documentId, target, {
          grantId: new Uint8Array(16),
          purpose: "check",
        }),
        (e: unknown) => {
          assert.ok(e instanceof TabulariumError);
          assert.equal(e.codeName, "NOT_FOUND");
          assert.equal(e.reason, "GRANT_NOT_FOUND");
          return true;
        },
      );
      assert.equal(existsSync(target), false);
      assert.deepEqual(readdirSync(work).filter((n) => n.includes("refused")), []);
      await assert.rejects(
        client.putDocument([admin], [newContent(10)], { owner: "did:key:zbad", mediaType: "text/plain" }),
        (e: unknown) => e instanceof TabulariumError && e.codeName === "INVALID_ARGUMENT" && e.reason !== "",
      );
      // A failing source is reported as itself, not as a call error.
      const broken = (async function* () {
        yield newContent(10);
        throw new Error("disk on fire");
      })();
      await assert.rejects(client.putDocument([admin], broken, { owner, mediaType: "text/plain" }), /disk on fire/);
    });

    it("CLI: vault-put then vault-get (read and export); a refusal is one JSON line and exit 1", async () => {
      const data = newContent(1024 * 1024 + 1);
      const input = join(work, "vault-in.bin");
      writeFileSync(input, data);
      const resultPath = join(work, "vault-put.json");
      const put = spawnSync(
        process.execPath,
        [CLI, "vault-put", "--server", node.address, "--key", node.adminKeyPath, "--chain-id", node.chainId,
          "--owner", owner, "--file", input, "--media-type", "application/octet-stream", "--out", resultPath],
        { encoding: "utf8" },
      );
      assert.equal(put.status, 0, put.stderr + put.stdout);
      const result = JSON.parse(readFileSync(resultPath, "utf8")) as Record<string, unknown>;
      assert.deepEqual(Object.keys(result).sort(), ["document_id", "entry_index", "salt", "sha256", "version"]);
      assert.equal(result["version"], 1);
      assert.equal(result["sha256"], hex(sha256(data)));
      assert.equal(typeof result["entry_index"], "number");
      const documentId = new Uint8Array(Buffer.from(result["document_id"] as string, "hex"));
      const grant = hex(await grantSelf(documentId));
      for (const flags of [[], ["--export"]]) {
        const out = join(work, `vault-out${flags.length}.bin`);
        const get = spawnSync(
          process.execPath,
          [CLI, "vault-get", "--server", node.address, "--key", node.adminKeyPath, "--chain-id", node.chainId,
            "--document", hex(documentId), "--grant", grant, "--purpose", "cli test", "--out", out, ...flags],
          { encoding: "utf8" },
        );
        assert.equal(get.status, 0, get.stderr + get.stdout);
        const line = JSON.parse(get.stdout) as Record<string, unknown>;
        assert.equal(line["size"], data.length);
        assert.equal(line["sha256"], hex(sha256(data)));
        assert.equal(typeof line["entry_index"], "number");
        assert.match(line["tx_hash"] as string, /^[0-9a-f]{64}$/);
        assert.deepEqual(new Uint8Array(readFileSync(out)), data);
      }
      const refused = spawnSync(
        process.execPath,
        [CLI, "vault-get", "--server", node.address, "--key", node.adminKeyPath, "--chain-id", node.chainId,
          "--document", hex(documentId), "--grant", "00".repeat(16), "--purpose", "cli test",
          "--out", join(work, "never.bin")],
        { encoding: "utf8" },
      );
      assert.equal(refused.status, 1);
      const line = JSON.parse(refused.stdout) as Record<string, string>;
      assert.deepEqual(Object.keys(line).sort(), ["error", "reason"]);
      assert.equal(line["reason"], "GRANT_NOT_FOUND");
      assert.match(line["error"]!, /^NOT_FOUND: /);
      assert.equal(existsSync(join(work, "never.bin")), false);
    });
  });
});
