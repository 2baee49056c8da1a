#!/usr/bin/env node
/**
 * A small CLI over the library, for cross-language tests and scripts:
 *
 *   notarize --server HOST:PORT --key KEY.pem --chain-id ID --sha256 HEX --out RECEIPT.json
 *   verify-receipt --log-key KEY --receipt RECEIPT.json [--origin O]
 *
 * Exit status: 0 done/valid, 1 refused/invalid (reason on stderr), 2 usage error.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

import { NoteVerifier } from "./checkpoint.js";
import { TabulariumClient } from "./client.js";
import { SigningKey } from "./keys.js";
import { receiptFromJson, receiptToJson, verifyReceipt } from "./receipt.js";

const USAGE = `usage:
  cli notarize --server HOST:PORT --key KEY.pem --chain-id ID --sha256 HEX --out RECEIPT.json
               [--title TITLE] [--timeout SECONDS]
  cli verify-receipt --log-key KEY|FILE --receipt RECEIPT.json [--origin ORIGIN]`;

class UsageError extends Error {}

function required(values: Record<string, string | undefined>, name: string): string {
  const value = values[name];
  if (value === undefined || value === "") throw new UsageError(`--${name} is required`);
  return value;
}

async function notarize(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      server: { type: "string" },
      key: { type: "string" },
      "chain-id": { type: "string" },
      sha256: { type: "string" },
      out: { type: "string" },
      title: { type: "string", default: "" },
      timeout: { type: "string", default: "30" },
    },
  });
  const digestHex = required(values, "sha256");
  if (!/^[0-9a-fA-F]{64}$/.test(digestHex)) throw new UsageError("--sha256 must be 64 hex digits");
  const key = SigningKey.fromFile(required(values, "key"));
  const out = required(values, "out");
  const client = new TabulariumClient(required(values, "server"), {
    timeoutMs: Number(values.timeout) * 1000,
  });
  try {
    const receipt = await client.notarize(key, new Uint8Array(Buffer.from(digestHex, "hex")), {
      chainId: required(values, "chain-id"),
      title: values.title ?? "",
    });
    writeFileSync(out, JSON.stringify(receiptToJson(receipt), null, 2) + "\n");
    process.stdout.write(
      JSON.stringify({
        tx_hash: Buffer.from(receipt.txHash).toString("hex"),
        entry_index: receipt.entryIndex.toString(),
        out,
      }) + "\n",
    );
  } finally {
    client.close();
  }
  return 0;
}

function verifyReceiptCommand(args: string[]): number {
  const { values } = parseArgs({
    args,
    options: {
      "log-key": { type: "string" },
      receipt: { type: "string" },
      origin: { type: "string" },
    },
  });
  const logKey = required(values, "log-key");
  const receiptPath = required(values, "receipt");
  const keyText = existsSync(logKey) ? readFileSync(logKey, "utf8") : logKey;
  const verifier = NoteVerifier.parse(keyText);
  const receipt = receiptFromJson(JSON.parse(readFileSync(receiptPath, "utf8")));
  const checkpoint = verifyReceipt(
    receipt,
    verifier,
    values.origin === undefined ? {} : { origin: values.origin },
  );
  process.stdout.write(
    JSON.stringify({
      valid: true,
      tx_hash: Buffer.from(receipt.txHash).toString("hex"),
      entry_index: receipt.entryIndex.toString(),
      tree_size: checkpoint.size.toString(),
      root: Buffer.from(checkpoint.root).toString("hex"),
      origin: checkpoint.origin,
    }) + "\n",
  );
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "notarize":
        return await notarize(rest);
      case "verify-receipt":
        return verifyReceiptCommand(rest);
      default:
        throw new UsageError(command === undefined ? "no command" : `unknown command ${command}`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e instanceof TypeError && "code" in e)) {
      process.stderr.write(`error: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
