/**
 * Medicinal packs: the pack key, and what a DataMatrix scanner reads from a pack.
 *
 * A pack is known on the log only by its pack key: HMAC-SHA-256 under the product's 32-byte key
 * of "tabularium.pharma.v1.pack" 0x00 GTIN-14 0x00 serial (ASCII). parseScan reads a GS1 element
 * string as a scanner delivers it: an optional symbology identifier "]d2", then AIs (01) GTIN-14
 * with its check digit, (17) expiry YYMMDD, (10) batch and (21) serial in any order, the
 * variable-length ones (10, 21: 1-20 characters of GS1 character set 82) ended by GS (0x1D)
 * unless last. The node's reader also takes the bracket form, Digital Link URIs and AIs 710-715;
 * this one does not. Both agree on tests/vectors/pharma/scans.json.
 */
import { createHmac } from "node:crypto";

import { create } from "@bufbuild/protobuf";
import { anyPack, type Any } from "@bufbuild/protobuf/wkt";

import {
  DecommissionPackSchema,
  DecommissionReason,
  ScannedPackSchema,
  VerifyPackSchema,
  type ScannedPack,
} from "./gen/tabularium/pharma/v1/pharma_pb.js";

export const GS = "\x1d";
export const PRODUCT_KEY_SIZE = 32;
const PACK_KEY_CONTEXT = "tabularium.pharma.v1.pack\x00";
const MAX_VARIABLE_LENGTH = 20;
const CS82 = new Set(
  "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz",
);
const REASONS: Record<string, string> = { "01": "BAD_GTIN", "17": "BAD_EXPIRY", "10": "BAD_BATCH", "21": "BAD_SERIAL" };
const FIXED: Record<string, number> = { "01": 14, "17": 6 };
/** The order in which a missing AI is named. */
const REQUIRED = ["01", "21", "10", "17"];
/** Length of a GS1 AI by its first two digits, to name an AI this reader refuses. */
const AI_LENGTH = new Map<string, number>();
for (const [length, prefixes] of [
  [2, "00 01 02 03 10 11 12 13 15 16 17 20 21 22 30 37 90 91 92 93 94 95 96 97 98 99"],
  [3, "23 24 25 40 41 42 71"],
  [4, "31 32 33 34 35 36 39 43 70 72 80 81 82"],
] as const) {
  for (const p of prefixes.split(" ")) AI_LENGTH.set(p, length);
}

/**
 * A scan this reader refuses: `reason` is BAD_GTIN, BAD_SERIAL, BAD_BATCH, BAD_EXPIRY,
 * MISSING_AI, UNSUPPORTED_AI, DUPLICATE_AI or BAD_SCAN, and `ai` the AI at fault ("" if none).
 */
export class ScanError extends Error {
  constructor(
    readonly reason: string,
    readonly ai: string,
    message: string,
  ) {
    super(ai ? `${reason} (AI ${ai}): ${message}` : `${reason}: ${message}`);
    this.name = "ScanError";
  }
}

/** What a pack's code says; `expiry` as on the pack, YYMMDD (day 00: the month's last day). */
export interface Scan {
  gtin: string;
  serial: string;
  batch: string;
  expiry: string;
}

/** The GS1 mod-10 check digit of `digits` (weights 3, 1, 3... from the right). */
export function gs1CheckDigit(digits: string): number {
  let total = 0;
  for (let i = 0; i < digits.length; i++) {
    total += Number(digits[digits.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (total % 10)) % 10;
}

const isDigits = (value: string): boolean => /^[0-9]+$/.test(value);

function checkGtin(gtin: string): void {
  if (gtin.length !== 14 || !isDigits(gtin)) throw new ScanError("BAD_GTIN", "01", `GTIN ${JSON.stringify(gtin)} must be 14 digits`);
  const expected = gs1CheckDigit(gtin.slice(0, 13));
  if (Number(gtin[13]) !== expected) throw new ScanError("BAD_GTIN", "01", `GTIN ${gtin}: check digit should be ${expected}`);
}

function checkCs82(ai: string, value: string): void {
  const chars = [...value];
  if (chars.length < 1 || chars.length > MAX_VARIABLE_LENGTH) {
    throw new ScanError(REASONS[ai]!, ai, `${JSON.stringify(value)} must be 1 to 20 characters`);
  }
  const bad = chars.find((c) => !CS82.has(c));
  if (bad !== undefined) throw new ScanError(REASONS[ai]!, ai, `${JSON.stringify(bad)} is not in GS1 character set 82`);
}

/** The four-digit year of `yy` (GS1 General Specifications 7.12): referenceYear-49 .. +50. */
function expiryYear(yy: number, referenceYear: number): number {
  let century = referenceYear - (referenceYear % 100);
  const difference = yy - (referenceYear % 100);
  if (difference >= 51) century -= 100;
  else if (difference <= -50) century += 100;
  return century + yy;
}

function checkExpiry(value: string, referenceYear: number): void {
  if (value.length !== 6 || !isDigits(value)) throw new ScanError("BAD_EXPIRY", "17", `${JSON.stringify(value)} must be 6 digits YYMMDD`);
  const year = expiryYear(Number(value.slice(0, 2)), referenceYear);
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4));
  if (month < 1 || month > 12) throw new ScanError("BAD_EXPIRY", "17", `${value}: month must be 01 to 12`);
  // Day 0 of the next month is the last day of this one.
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) throw new ScanError("BAD_EXPIRY", "17", `${value}: no such day in ${year}-${value.slice(2, 4)}`);
}

function split(data: string): [string, string][] {
  const out: [string, string][] = [];
  let pos = 0;
  while (pos < data.length) {
    if (data[pos] === GS) {
      pos++;
      continue;
    }
    const prefix = data.slice(pos, pos + 2);
    if (prefix.length !== 2 || !isDigits(prefix)) throw new ScanError("BAD_SCAN", "", `expected an AI at character ${pos + 1}`);
    const ai = data.slice(pos, pos + (AI_LENGTH.get(prefix) ?? 2));
    const reason = REASONS[ai];
    if (reason === undefined) throw new ScanError("UNSUPPORTED_AI", ai, "a pack carries AIs 01, 17, 10 and 21 only");
    const start = pos + ai.length;
    let end: number;
    const fixed = FIXED[ai];
    if (fixed !== undefined) {
      end = start + fixed;
      if (end > data.length || data.slice(start, end).includes(GS)) throw new ScanError(reason, ai, `needs ${fixed} characters`);
    } else {
      const found = data.indexOf(GS, start);
      end = found < 0 ? data.length : found;
      if ([...data.slice(start, end)].length > MAX_VARIABLE_LENGTH) {
        throw new ScanError(reason, ai, "longer than 20 characters (GS missing?)");
      }
    }
    out.push([ai, data.slice(start, end)]);
    pos = end;
  }
  return out;
}

/**
 * Reads a scanned element string. `referenceYear` (the current year) fixes the century of the
 * expiry. Throws ScanError naming the AI that is missing, unknown or malformed.
 */
export function parseScan(text: string, referenceYear: number): Scan {
  let data = text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
  if (data.startsWith("]")) {
    if (!data.startsWith("]d2")) throw new ScanError("BAD_SCAN", "", `symbology ${JSON.stringify(data.slice(0, 3))}: only ]d2 is read`);
    data = data.slice(3);
  } else if (data === "") {
    throw new ScanError("BAD_SCAN", "", "scan is empty");
  }
  const values = new Map<string, string>();
  for (const [ai, value] of split(data)) {
    if (ai === "01") checkGtin(value);
    else if (ai === "17") checkExpiry(value, referenceYear);
    else checkCs82(ai, value);
    const seen = values.get(ai);
    if (seen !== undefined && seen !== value) throw new ScanError("DUPLICATE_AI", ai, "appears twice with different values");
    values.set(ai, value);
  }
  const missing = REQUIRED.find((ai) => !values.has(ai));
  if (missing !== undefined) throw new ScanError("MISSING_AI", missing, "a pack carries AIs 01, 21, 10 and 17");
  return { gtin: values.get("01")!, serial: values.get("21")!, batch: values.get("10")!, expiry: values.get("17")! };
}

/**
 * The pack's identity on the log: HMAC-SHA-256 under `productKey` (32 bytes) of its GTIN and
 * serial. Throws RangeError for a key of another size, ScanError for a bad GTIN or serial.
 */
export function packKey(productKey: Uint8Array, gtin: string, serial: string): Uint8Array {
  if (productKey.length !== PRODUCT_KEY_SIZE) {
    throw new RangeError(`product key has ${productKey.length} bytes, want ${PRODUCT_KEY_SIZE}`);
  }
  checkGtin(gtin);
  checkCs82("21", serial);
  const mac = createHmac("sha256", productKey);
  mac.update(Buffer.from(`${PACK_KEY_CONTEXT}${gtin}\x00${serial}`, "ascii"));
  return new Uint8Array(mac.digest());
}

/** The ScannedPack a VerifyPack or DecommissionPack carries for `scan`. */
export function scannedPack(productKey: Uint8Array, scan: Scan): ScannedPack {
  return create(ScannedPackSchema, {
    packKey: packKey(productKey, scan.gtin, scan.serial),
    gtin: scan.gtin,
    batch: scan.batch,
    expiry: scan.expiry,
  });
}

/** The VerifyPack action (`organisation` checks the pack at its premises `siteGln`), packed. */
export function verifyPackAction(organisation: string, siteGln: string, pack: ScannedPack): Any {
  return anyPack(VerifyPackSchema, create(VerifyPackSchema, { organisation, siteGln, pack }));
}

/** The DecommissionPack action (once per pack), packed. */
export function decommissionPackAction(
  organisation: string,
  siteGln: string,
  pack: ScannedPack,
  reason: DecommissionReason,
): Any {
  if (reason === DecommissionReason.UNSPECIFIED) throw new RangeError("a decommissioning needs a reason");
  return anyPack(DecommissionPackSchema, create(DecommissionPackSchema, { organisation, siteGln, pack, reason }));
}

/** --reason names: supplied, destroyed, exported, sample, free-sample, stolen, locked. */
export const DECOMMISSION_REASONS: Record<string, DecommissionReason> = Object.fromEntries(
  Object.entries(DecommissionReason)
    .filter((e): e is [string, DecommissionReason] => typeof e[1] === "number" && e[1] !== DecommissionReason.UNSPECIFIED)
    .map(([name, value]) => [name.toLowerCase().replaceAll("_", "-"), value]),
);
