#!/usr/bin/env node
/**
 * A small CLI over the library, for cross-language tests and scripts:
 *
 *   notarize --server HOST:PORT --key KEY.pem --chain-id ID --sha256 HEX --out RECEIPT.json
 *   verify-receipt --log-key KEY --receipt RECEIPT.json [--origin O]
 *   vault-put --server HOST:PORT --key KEY.pem --chain-id ID --owner DID --file PATH
 *             --media-type TYPE --out RESULT.json
 *   vault-get --server HOST:PORT --key KEY.pem --chain-id ID --document HEX --grant HEX
 *             --purpose TEXT --out PATH [--export]
 *   land-consent --server HOST:PORT --key KEY.pem --chain-id ID --transfer HEX32 --deed HEX64
 *                --out RECEIPT.json
 *   land-rights --server HOST:PORT --parcel ID [--at-height N]
 *   tax-pay --server HOST:PORT --key KEY.pem --chain-id ID --office DID --idempotency-key K
 *           --amount MINOR_UNITS --currency EUR --value-date YYYY-MM-DD --reference RF...
 *           [--account HEX32] [--end-to-end-id X] --out RECEIPT.json
 *   pharma-verify --server HOST:PORT --key KEY.pem --chain-id ID --organisation DID --site GLN
 *                 --product-key FILE --scan ELEMENT_STRING [--out RECEIPT.json]
 *   pharma-decommission (the same flags) --reason supplied|destroyed|exported|sample|
 *                       free-sample|stolen|locked
 *   verify-presentation --file VP.json --challenge C --domain D --now RFC3339 [--bind PARTY=DID ...]
 *   verify-credential --file VC.json --now RFC3339 [--bind PARTY=DID ...]
 *
 * Exit status: 0 done/valid, 1 refused/invalid, 2 usage error. notarize and verify-receipt
 * give the reason on stderr; the vault, land and tax commands print one JSON line on stdout
 * {"error": "CODE: details", "reason": "ErrorInfo reason"} for a refused call (or a failed
 * check of the content: CODE DATA_LOSS, reason SIZE_MISMATCH / CONTENT_MISMATCH).
 *
 * land-consent signs and submits a ConsentTransfer and writes the receipt as notarize does;
 * land-rights prints {"height": N, "owners": {"<party DID>": "numerator/denominator"}}, the
 * ownership shares in force (at height N if given, else now).
 *
 * tax-pay signs and submits a booked RecordPayment (account 16 bytes or none, amount in minor
 * units) with the key of a payment institution and writes the receipt as notarize does.
 *
 * pharma-verify reads the scan (a GS1 element string: optional ]d2, AIs 01, 17, 10, 21, GS after
 * a variable-length element that is not last), computes the pack key under the 32-byte product
 * key in FILE, signs a VerifyPack (pharma-decommission: a DecommissionPack) and submits it
 * through PharmaService.SubmitScans. It prints the ScanResult as one JSON line {"code",
 * "reason", "message", "entry_index" (null if not logged), "status" (PackStatus name, null for
 * an unknown pack), "owner", "alert_ids", "pack_key" (hex)}, writes the receipt to --out if
 * given and the scan was accepted, and exits 0 if the code is "OK", else 1; a scan it cannot
 * read exits 2.
 *
 * verify-presentation and verify-credential verify offline (tests/vectors/presentations) and
 * print the verdict {"status", "checks", "reasons", "credentials"}; exit 0 only for VALID.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

import { NoteVerifier } from "./checkpoint.js";
import { verifyCredential, verifyPresentation } from "./credentials.js";
import { TabulariumClient } from "./client.js";
import { TabulariumError, VerificationError } from "./errors.js";
import { RightType } from "./gen/tabularium/landregistry/v1/landregistry_pb.js";
import { PackStatusSchema } from "./gen/tabularium/pharma/v1/pharma_pb.js";
import { SigningKey } from "./keys.js";
import {
  DECOMMISSION_REASONS,
  ScanError,
  decommissionPackAction,
  parseScan,
  scannedPack,
  verifyPackAction,
} from "./pharma.js";
import { receiptFromJson, receiptToJson, verifyReceipt } from "./receipt.js";
import { buildSigned, consentTransferAction, recordPaymentAction } from "./tx.js";
import { fileChunks } from "./vault.js";

const USAGE = `usage:
  cli notarize --server HOST:PORT --key KEY.pem --chain-id ID --sha256 HEX --out RECEIPT.json
               [--title TITLE] [--timeout SECONDS]
  cli verify-receipt --log-key KEY|FILE --receipt RECEIPT.json [--origin ORIGIN]
  cli vault-put --server HOST:PORT --key KEY.pem --chain-id ID --owner DID --file PATH
                --media-type TYPE --out RESULT.json [--folder PATH] [--timeout SECONDS]
  cli vault-get --server HOST:PORT --key KEY.pem --chain-id ID --document HEX --grant HEX
                --purpose TEXT --out PATH [--export] [--timeout SECONDS]
  cli land-consent --server HOST:PORT --key KEY.pem --chain-id ID --transfer HEX32 --deed HEX64
                   --out RECEIPT.json [--timeout SECONDS]
  cli land-rights --server HOST:PORT --parcel ID [--at-height N] [--timeout SECONDS]
  cli tax-pay --server HOST:PORT --key KEY.pem --chain-id ID --office DID --idempotency-key K
              --amount MINOR_UNITS --currency EUR --value-date YYYY-MM-DD --reference RF...
              [--account HEX32] [--end-to-end-id X] --out RECEIPT.json [--timeout SECONDS]
  cli pharma-verify --server HOST:PORT --key KEY.pem --chain-id ID --organisation DID --site GLN
                    --product-key FILE --scan ELEMENT_STRING [--out RECEIPT.json] [--timeout SECONDS]
  cli pharma-decommission (the same flags) --reason supplied|destroyed|exported|sample|free-sample|stolen|locked
  cli verify-presentation --file VP.json --challenge C --domain D --now RFC3339 [--bind PARTY=DID]
  cli verify-credential --file VC.json --now RFC3339 [--bind PARTY=DID]`;

class UsageError extends Error {}

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value === "") throw new UsageError(`--${name} is required`);
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

function hexArg(values: Record<string, string | boolean | undefined>, name: string, bytes: number): Uint8Array {
  const value = required(values, name);
  if (!new RegExp(`^[0-9a-fA-F]{${2 * bytes}}$`).test(value)) {
    throw new UsageError(`--${name} must be ${2 * bytes} hex digits`);
  }
  return new Uint8Array(Buffer.from(value, "hex"));
}

function seconds(value: string | undefined): number {
  const n = Number(value);
  if (!(n > 0)) throw new UsageError(`--timeout must be a positive number of seconds`);
  return n * 1000;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

/** A refused call or a failed check of the content: one JSON line on stdout, exit 1. */
async function jsonCall(run: () => Promise<void>): Promise<number> {
  try {
    await run();
    return 0;
  } catch (e) {
    if (e instanceof TabulariumError) {
      process.stdout.write(JSON.stringify({ error: `${e.codeName}: ${e.details}`, reason: e.reason }) + "\n");
      return 1;
    }
    if (e instanceof VerificationError) {
      process.stdout.write(JSON.stringify({ error: `DATA_LOSS: ${e.message}`, reason: e.reason }) + "\n");
      return 1;
    }
    throw e;
  }
}

async function vaultPut(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      server: { type: "string" },
      key: { type: "string" },
      "chain-id": { type: "string" },
      owner: { type: "string" },
      file: { type: "string" },
      "media-type": { type: "string" },
      out: { type: "string" },
      folder: { type: "string", default: "" },
      timeout: { type: "string", default: "3600" },
    },
  });
  const server = required(values, "server");
  const chainId = required(values, "chain-id");
  const owner = required(values, "owner");
  const file = required(values, "file");
  const mediaType = required(values, "media-type");
  const out = required(values, "out");
  const timeoutMs = seconds(values.timeout);
  const key = SigningKey.fromFile(required(values, "key"));
  const client = new TabulariumClient(server);
  try {
    return await jsonCall(async () => {
      const stored = await client.putDocument([key], fileChunks(file), {
        chainId,
        owner,
        mediaType,
        folder: values.folder ?? "",
        timeoutMs,
      });
      const result = JSON.stringify({
        document_id: hex(stored.documentId),
        version: stored.version,
        entry_index: Number(stored.receipt.entryIndex),
        salt: hex(stored.salt),
        sha256: hex(stored.sha256),
      });
      writeFileSync(out, result + "\n");
      process.stdout.write(result + "\n");
    });
  } finally {
    client.close();
  }
}

async function vaultGet(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      server: { type: "string" },
      key: { type: "string" },
      "chain-id": { type: "string" },
      document: { type: "string" },
      grant: { type: "string" },
      purpose: { type: "string" },
      out: { type: "string" },
      export: { type: "boolean", default: false },
      timeout: { type: "string", default: "3600" },
    },
  });
  const server = required(values, "server");
  const chainId = required(values, "chain-id");
  const documentId = hexArg(values, "document", 16);
  const grantId = hexArg(values, "grant", 16);
  const purpose = required(values, "purpose");
  const out = required(values, "out");
  const timeoutMs = seconds(values.timeout);
  const key = SigningKey.fromFile(required(values, "key"));
  const client = new TabulariumClient(server);
  try {
    return await jsonCall(async () => {
      const read = await client.readDocumentToFile(key, documentId, out, {
        chainId,
        grantId,
        purpose,
        export: values.export ?? false,
        timeoutMs,
      });
      const receipt = read.header.accessReceipt;
      process.stdout.write(
        JSON.stringify({
          entry_index: Number(receipt?.entryIndex ?? 0n),
          tx_hash: hex(receipt?.txHash ?? new Uint8Array(0)),
          size: Number(read.size),
          sha256: hex(read.sha256),
        }) + "\n",
      );
    });
  } finally {
    client.close();
  }
}

async function landConsent(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      server: { type: "string" },
      key: { type: "string" },
      "chain-id": { type: "string" },
      transfer: { type: "string" },
      deed: { type: "string" },
      out: { type: "string" },
      timeout: { type: "string", default: "30" },
    },
  });
  const server = required(values, "server");
  const chainId = required(values, "chain-id");
  const transferId = hexArg(values, "transfer", 16);
  const deed = hexArg(values, "deed", 32);
  const out = required(values, "out");
  const timeoutMs = seconds(values.timeout);
  const key = SigningKey.fromFile(required(values, "key"));
  return submitAction(server, chainId, key, consentTransferAction(transferId, deed), out, timeoutMs);
}

/** Sign `action` with `key`, submit it and write its receipt (proto3 JSON) to `out`: 0, or a
 * refusal printed by jsonCall. */
async function submitAction(
  server: string,
  chainId: string,
  key: SigningKey,
  action: Parameters<typeof buildSigned>[1],
  out: string,
  timeoutMs: number,
): Promise<number> {
  const client = new TabulariumClient(server, { timeoutMs });
  try {
    return await jsonCall(async () => {
      const receipt = await client.submit(buildSigned(chainId, action, [key]));
      writeFileSync(out, JSON.stringify(receiptToJson(receipt), null, 2) + "\n");
    });
  } finally {
    client.close();
  }
}

async function taxPay(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      server: { type: "string" },
      key: { type: "string" },
      "chain-id": { type: "string" },
      office: { type: "string" },
      "idempotency-key": { type: "string" },
      amount: { type: "string" },
      currency: { type: "string" },
      "value-date": { type: "string" },
      reference: { type: "string" },
      account: { type: "string" },
      "end-to-end-id": { type: "string", default: "" },
      out: { type: "string" },
      timeout: { type: "string", default: "30" },
    },
  });
  const server = required(values, "server");
  const chainId = required(values, "chain-id");
  const office = required(values, "office");
  const idempotencyKey = required(values, "idempotency-key");
  const amount = required(values, "amount");
  if (!/^[0-9]+$/.test(amount) || BigInt(amount) <= 0n || BigInt(amount) > 0x7fffffffffffffffn) {
    throw new UsageError("--amount must be a positive number of minor units");
  }
  const currency = required(values, "currency");
  const valueDate = required(values, "value-date");
  const creditorReference = required(values, "reference");
  const account = values.account ? hexArg(values, "account", 16) : new Uint8Array(0);
  const out = required(values, "out");
  const timeoutMs = seconds(values.timeout);
  const key = SigningKey.fromFile(required(values, "key"));
  const action = recordPaymentAction({
    office,
    idempotencyKey,
    account,
    minorUnits: BigInt(amount),
    currency,
    valueDate,
    creditorReference,
    endToEndId: values["end-to-end-id"] ?? "",
  });
  return submitAction(server, chainId, key, action, out, timeoutMs);
}

/**
 * pharma-verify / pharma-decommission: one scan through SubmitScans, its result printed as one
 * JSON line; 0 if OK, 1 if refused, 2 (UsageError) if the scan or product key is unusable.
 */
async function pharmaScan(command: string, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      server: { type: "string" },
      key: { type: "string" },
      "chain-id": { type: "string" },
      organisation: { type: "string" },
      site: { type: "string" },
      "product-key": { type: "string" },
      scan: { type: "string" },
      out: { type: "string" },
      ...(command === "pharma-decommission" ? { reason: { type: "string" } } : {}),
      timeout: { type: "string", default: "30" },
    },
  });
  const server = required(values, "server");
  const chainId = required(values, "chain-id");
  const organisation = required(values, "organisation");
  const site = required(values, "site");
  const productKeyPath = required(values, "product-key");
  const scanText = required(values, "scan");
  const keyPath = required(values, "key");
  const timeoutMs = seconds(values.timeout);
  let reason;
  if (command === "pharma-decommission") {
    const name = required(values, "reason");
    reason = DECOMMISSION_REASONS[name];
    if (reason === undefined) {
      throw new UsageError(`--reason ${name}: want one of ${Object.keys(DECOMMISSION_REASONS).sort().join(", ")}`);
    }
  }
  let pack;
  try {
    const productKey = new Uint8Array(readFileSync(productKeyPath));
    pack = scannedPack(productKey, parseScan(scanText, new Date().getUTCFullYear()));
  } catch (e) {
    if (e instanceof ScanError || e instanceof RangeError || (e instanceof Error && "code" in e)) {
      throw new UsageError(`${command}: ${e.message}`);
    }
    throw e;
  }
  const action =
    reason === undefined ? verifyPackAction(organisation, site, pack) : decommissionPackAction(organisation, site, pack, reason);
  const key = SigningKey.fromFile(keyPath);
  const client = new TabulariumClient(server, { timeoutMs });
  let code = "";
  try {
    const failed = await jsonCall(async () => {
      const results = await client.submitScans([buildSigned(chainId, action, [key])]);
      const result = results[0];
      if (results.length !== 1 || result === undefined) throw new Error(`node answered ${results.length} results for one scan`);
      code = result.code;
      const out = values.out;
      if (out !== undefined && out !== "" && result.code === "OK" && result.receipt !== undefined) {
        writeFileSync(out, JSON.stringify(receiptToJson(result.receipt), null, 2) + "\n");
      }
      const known = result.pack !== undefined;
      process.stdout.write(
        JSON.stringify({
          code: result.code,
          reason: result.reason,
          message: result.message,
          entry_index: result.entryIndex === undefined ? null : Number(result.entryIndex),
          status: known ? (PackStatusSchema.value[result.pack!.status]?.name ?? String(result.pack!.status)) : null,
          owner: known ? result.pack!.owner : null,
          alert_ids: result.alertIds.map(Number),
          pack_key: hex(pack.packKey),
        }) + "\n",
      );
    });
    if (failed !== 0) return failed;
  } finally {
    client.close();
  }
  return code === "OK" ? 0 : 1;
}

async function landRights(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      server: { type: "string" },
      parcel: { type: "string" },
      "at-height": { type: "string", default: "0" },
      timeout: { type: "string", default: "30" },
    },
  });
  const server = required(values, "server");
  const parcel = required(values, "parcel");
  const atHeight = values["at-height"] ?? "0";
  if (!/^[0-9]+$/.test(atHeight)) throw new UsageError("--at-height must be a block height");
  const timeoutMs = seconds(values.timeout);
  const client = new TabulariumClient(server, { timeoutMs });
  try {
    return await jsonCall(async () => {
      const response = await client.rights(parcel, BigInt(atHeight));
      const owners: Record<string, string> = {};
      for (const right of response.rights) {
        if (right.rightType !== RightType.OWNERSHIP) continue;
        owners[right.party] = `${right.share?.numerator ?? 0n}/${right.share?.denominator ?? 0n}`;
      }
      process.stdout.write(JSON.stringify({ height: Number(response.height), owners }) + "\n");
    });
  } finally {
    client.close();
  }
}

function verifyDocument(command: string, args: string[]): number {
  const { values } = parseArgs({
    args,
    options: {
      file: { type: "string" },
      now: { type: "string" },
      challenge: { type: "string" },
      domain: { type: "string" },
      bind: { type: "string", multiple: true },
    },
  });
  const { bind, ...single } = values;
  const bindings: Record<string, string> = {};
  for (const spec of bind ?? []) {
    const at = spec.indexOf("=");
    if (at <= 0 || !spec.slice(at + 1).startsWith("did:")) throw new UsageError(`--bind ${spec} is not PARTY=DID`);
    bindings[spec.slice(0, at)] = spec.slice(at + 1);
  }
  const nowText = required(single, "now");
  const now = new Date(nowText);
  if (Number.isNaN(now.getTime())) throw new UsageError("--now must be an RFC 3339 time");
  const data = readFileSync(required(single, "file"));
  const verdict =
    command === "verify-presentation"
      ? verifyPresentation(data, required(single, "challenge"), required(single, "domain"), now, bindings)
      : verifyCredential(data, now, bindings);
  process.stdout.write(JSON.stringify(verdict, null, 2) + "\n");
  return verdict.status === "VALID" ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "notarize":
        return await notarize(rest);
      case "verify-receipt":
        return verifyReceiptCommand(rest);
      case "vault-put":
        return await vaultPut(rest);
      case "vault-get":
        return await vaultGet(rest);
      case "land-consent":
        return await landConsent(rest);
      case "land-rights":
        return await landRights(rest);
      case "tax-pay":
        return await taxPay(rest);
      case "pharma-verify":
      case "pharma-decommission":
        return await pharmaScan(command, rest);
      case "verify-presentation":
      case "verify-credential":
        return verifyDocument(command, rest);
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
