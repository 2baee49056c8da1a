/**
 * Pack keys and scanner strings agree with the server's reference on every case of
 * tests/vectors/pharma/scans.json; the pharma CLI commands refuse what they cannot read (exit 2).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

import { ScanError, packKey, parseScan, scannedPack } from "../src/index.js";
import { REPO_ROOT } from "./server.js";

interface Vectors {
  reference_year: number;
  product_key: string;
  cases: {
    desc: string;
    scan: string;
    want: { gtin: string; serial: string; batch: string; expiry: string; pack_key: string } | null;
    want_err: { reason: string; ai: string } | null;
  }[];
}

const VECTORS = JSON.parse(readFileSync(join(REPO_ROOT, "tests/vectors/pharma/scans.json"), "utf8")) as Vectors;
const CLI = join(dirname(fileURLToPath(import.meta.url)), "../src/cli.js");
const GTIN = "09506000134352";
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

describe("pharma scan vectors", () => {
  const productKey = new Uint8Array(Buffer.from(VECTORS.product_key, "hex"));
  assert.ok(VECTORS.cases.length >= 20);
  for (const c of VECTORS.cases) {
    it(c.desc, () => {
      if (c.want_err !== null) {
        assert.throws(
          () => parseScan(c.scan, VECTORS.reference_year),
          (e: unknown) => e instanceof ScanError && e.reason === c.want_err!.reason && e.ai === c.want_err!.ai,
        );
        return;
      }
      const scan = parseScan(c.scan, VECTORS.reference_year);
      const want = c.want!;
      assert.deepEqual(scan, { gtin: want.gtin, serial: want.serial, batch: want.batch, expiry: want.expiry });
      assert.equal(hex(packKey(productKey, scan.gtin, scan.serial)), want.pack_key);
      const pack = scannedPack(productKey, scan);
      assert.deepEqual([hex(pack.packKey), pack.gtin, pack.batch, pack.expiry], [want.pack_key, want.gtin, want.batch, want.expiry]);
    });
  }
});

describe("packKey", () => {
  it("refuses a bad product key, GTIN or serial", () => {
    assert.throws(() => packKey(new Uint8Array(31), GTIN, "S1"), RangeError);
    assert.throws(() => packKey(new Uint8Array(32), "09506000134353", "S1"), (e: unknown) => e instanceof ScanError && e.ai === "01");
    assert.throws(() => packKey(new Uint8Array(32), GTIN, ""), (e: unknown) => e instanceof ScanError && e.ai === "21");
  });
});

describe("pharma CLI usage", () => {
  it("exits 2 on a scan, product key or reason it cannot use", () => {
    const dir = mkdtempSync(join(tmpdir(), "ts-pharma-"));
    try {
      const key = join(dir, "product.key");
      writeFileSync(key, new Uint8Array(32));
      const base = (scan: string): string[] => [
        "--server", "127.0.0.1:1", "--key", join(dir, "absent.pem"), "--chain-id", "x",
        "--organisation", "did:web:pharmacy.example", "--site", "0000000000031", "--product-key", key, "--scan", scan,
      ];
      const run = (...args: string[]) => spawnSync("node", [CLI, ...args], { encoding: "utf8" });
      const missing = run("pharma-verify", ...base(`01${GTIN}17291231`));
      assert.equal(missing.status, 2, missing.stderr);
      assert.match(missing.stderr, /MISSING_AI \(AI 21\)/);
      const good = `]d201${GTIN}1729123110B1\x1d21S1`;
      assert.equal(run("pharma-decommission", ...base(good)).status, 2);
      assert.equal(run("pharma-decommission", ...base(good), "--reason", "lost").status, 2);
      writeFileSync(key, new Uint8Array(16));
      const short = run("pharma-verify", ...base(good));
      assert.equal(short.status, 2, short.stderr);
      assert.match(short.stderr, /32/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
