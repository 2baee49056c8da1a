/**
 * Offline verification of W3C credentials and presentations (VC 2.0, eddsa-jcs-2022): the checks
 * and status order of tests/vectors/presentations/README.md. Nothing here calls a server.
 */
import { sha256 } from "./merkle.js";
import { verifyEd25519 } from "./keys.js";

export type Outcome = "PASSED" | "FAILED" | "UNKNOWN" | "SKIPPED";

export interface Check {
  outcome: Outcome;
  detail: string;
}

export interface Verdict {
  status: string;
  checks: Record<string, Check>;
  reasons: string[];
  credentials?: Verdict[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const V2 = "https://www.w3.org/ns/credentials/v2";
const CREDENTIAL_ORDER = [
  "MALFORMED", "INVALID_PROOF", "ISSUER_NOT_BOUND", "UNTRUSTED_ISSUER",
  "REVOKED", "SUSPENDED", "EXPIRED", "NOT_YET_VALID",
];
const PRESENTATION_ORDER = [
  "MALFORMED", "INVALID_PROOF", "HOLDER_NOT_BOUND", "DOMAIN_MISMATCH",
  "CHALLENGE_MISMATCH", "HOLDER_NOT_SUBJECT",
];
const CREDENTIAL_CHECKS = ["proof", "issuer_binding", "validity", "status", "trust"];
const PRESENTATION_CHECKS = ["proof", "holder_binding", "challenge", "domain", "holder_is_subject"];
const DATETIME = /^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/;
const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

// --- strict JSON (no duplicate keys) and JCS (RFC 8785) ----------------------------------------

/** Parses JSON like JSON.parse, but refuses duplicate object keys (two readers, two documents). */
export function parseStrictJson(text: string): Json {
  let at = 0;
  const ws = () => {
    while (at < text.length && " \t\n\r".includes(text[at]!)) at++;
  };
  const fail = (why: string): never => {
    throw new SyntaxError(`${why} at offset ${at}`);
  };
  const token = /^(?:"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/;
  const value = (depth: number): Json => {
    if (depth > 64) fail("nested too deeply");
    ws();
    const c = text[at];
    if (c === "{") {
      at++;
      const obj: JsonObject = {};
      ws();
      if (text[at] === "}") {
        at++;
        return obj;
      }
      for (;;) {
        ws();
        const key = value(depth + 1);
        if (typeof key !== "string") fail("object key is not a string");
        if (Object.prototype.hasOwnProperty.call(obj, key as string)) fail(`duplicate key ${JSON.stringify(key)}`);
        ws();
        if (text[at] !== ":") fail("':' expected");
        at++;
        Object.defineProperty(obj, key as string, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
        ws();
        if (text[at] === ",") {
          at++;
          continue;
        }
        if (text[at] === "}") {
          at++;
          return obj;
        }
        fail("',' or '}' expected");
      }
    }
    if (c === "[") {
      at++;
      const arr: Json[] = [];
      ws();
      if (text[at] === "]") {
        at++;
        return arr;
      }
      for (;;) {
        arr.push(value(depth + 1));
        ws();
        if (text[at] === ",") {
          at++;
          continue;
        }
        if (text[at] === "]") {
          at++;
          return arr;
        }
        fail("',' or ']' expected");
      }
    }
    const m = token.exec(text.slice(at));
    if (!m) return fail("JSON value expected");
    at += m[0].length;
    return JSON.parse(m[0]) as Json;
  };
  const result = value(0);
  ws();
  if (at !== text.length) fail("data after the JSON value");
  return result;
}

/** RFC 8785: ECMAScript serialization of strings and numbers, keys sorted by UTF-16 code units. */
export function canonicalize(value: Json): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new RangeError("not a finite number");
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalize).join(",")}]`;
  const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)); // JS compares UTF-16 units
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalize(value[k]!)}`).join(",")}}`;
}

// --- did:key -------------------------------------------------------------------------------

function base58(text: string): Uint8Array | undefined {
  let n = 0n;
  for (const c of text) {
    const d = ALPHABET.indexOf(c);
    if (d < 0) return undefined;
    n = n * 58n + BigInt(d);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  const zeros = text.length - text.replace(/^1+/, "").length;
  return new Uint8Array([...new Array<number>(zeros).fill(0), ...bytes]);
}

function didKey(method: string): { did: string; key: Uint8Array } | undefined {
  const [did, fragment] = method.split("#", 2) as [string, string | undefined];
  if (!did.startsWith("did:key:z")) return undefined;
  const msid = did.slice("did:key:".length);
  if (fragment !== undefined && fragment !== msid) return undefined;
  const raw = base58(msid.slice(1));
  if (!raw || raw.length !== 34 || raw[0] !== 0xed || raw[1] !== 0x01) return undefined;
  return { did, key: raw.subarray(2) };
}

// --- checks ----------------------------------------------------------------------------------

const isObject = (v: Json | undefined): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: Json | undefined): Json[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const idOf = (v: Json | undefined): string | undefined => {
  const id = isObject(v) ? v["id"] : v;
  return typeof id === "string" ? id : undefined;
};

function time(v: Json | undefined): number | undefined {
  if (typeof v !== "string" || !DATETIME.test(v)) return undefined;
  const ms = Date.parse(/(Z|[+-]\d\d:\d\d)$/.test(v) ? v : `${v}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

class Findings {
  private readonly found = new Map<string, string[]>();
  add(status: string, reason: string): void {
    this.found.set(status, [...(this.found.get(status) ?? []), reason]);
  }
  first(order: string[]): string | undefined {
    return order.find((s) => this.found.has(s));
  }
  reasons(order: string[]): string[] {
    return order.flatMap((s) => this.found.get(s) ?? []);
  }
}

function proofCheck(doc: JsonObject, purpose: string): [Check, { did: string; key: Uint8Array } | undefined] {
  const proof = doc["proof"];
  if (!isObject(proof)) return [{ outcome: "FAILED", detail: "proof must be one object" }, undefined];
  for (const name of ["verificationMethod", "proofPurpose", "proofValue"]) {
    if (typeof proof[name] !== "string") return [{ outcome: "FAILED", detail: `proof.${name} is missing` }, undefined];
  }
  if (proof["type"] !== "DataIntegrityProof" || proof["cryptosuite"] !== "eddsa-jcs-2022") {
    return [{ outcome: "FAILED", detail: "proof is not a DataIntegrityProof with eddsa-jcs-2022" }, undefined];
  }
  if (proof["proofPurpose"] !== purpose) {
    return [{ outcome: "FAILED", detail: `proof.proofPurpose is ${String(proof["proofPurpose"])}, want ${purpose}` }, undefined];
  }
  if ("created" in proof && time(proof["created"]) === undefined) {
    return [{ outcome: "FAILED", detail: "proof.created is not a dateTime" }, undefined];
  }
  const value = proof["proofValue"] as string;
  const signature = value.startsWith("z") ? base58(value.slice(1)) : undefined;
  if (!signature || signature.length !== 64) {
    return [{ outcome: "FAILED", detail: "proof.proofValue is not base58btc of 64 bytes" }, undefined];
  }
  const method = proof["verificationMethod"] as string;
  const ref = didKey(method);
  if (!ref) return [{ outcome: "UNKNOWN", detail: `cannot resolve ${method} offline` }, undefined];
  const options: JsonObject = {};
  for (const [k, v] of Object.entries(proof)) if (k !== "proofValue") options[k] = v;
  const unsecured: JsonObject = {};
  for (const [k, v] of Object.entries(doc)) if (k !== "proof") unsecured[k] = v;
  if ("@context" in options) {
    const want = list(options["@context"]).map(canonicalize);
    const have = list(doc["@context"]).map(canonicalize);
    if (want.some((c, i) => have[i] !== c)) {
      return [{ outcome: "FAILED", detail: "document @context does not start with the proof's" }, ref];
    }
    unsecured["@context"] = options["@context"]!;
  }
  let data: Uint8Array;
  try {
    const enc = new TextEncoder();
    data = new Uint8Array([...sha256(enc.encode(canonicalize(options))), ...sha256(enc.encode(canonicalize(unsecured)))]);
  } catch (err) {
    return [{ outcome: "FAILED", detail: String(err) }, ref];
  }
  if (!verifyEd25519(ref.key, data, signature)) {
    return [{ outcome: "FAILED", detail: `signature does not verify under ${method}` }, ref];
  }
  return [{ outcome: "PASSED", detail: `eddsa-jcs-2022 signature by ${method} verifies` }, ref];
}

function bindingCheck(
  party: string,
  proof: Check,
  ref: { did: string } | undefined,
  bindings: Record<string, string>,
): Check {
  if (!ref) {
    return proof.outcome === "UNKNOWN"
      ? { outcome: "UNKNOWN", detail: proof.detail }
      : { outcome: "SKIPPED", detail: "the proof is not readable" };
  }
  if (party === ref.did) return { outcome: "PASSED", detail: `${party} controls its did:key` };
  const bound = bindings[party];
  if (bound !== undefined && bound.split("#")[0] === ref.did) {
    return { outcome: "PASSED", detail: `${party} is bound to ${ref.did} by a pinned mapping` };
  }
  if (party.startsWith("did:key:")) return { outcome: "FAILED", detail: `the key belongs to ${ref.did}, not ${party}` };
  return { outcome: "UNKNOWN", detail: `nothing pinned binds ${party} to ${ref.did}` };
}

function malformed(names: string[], reasons: string[]): Verdict {
  const checks: Record<string, Check> = {};
  for (const n of names) checks[n] = { outcome: "SKIPPED", detail: "not checked: malformed" };
  return { status: "MALFORMED", checks, reasons };
}

function parse(input: string | Uint8Array): Json | Error {
  try {
    return parseStrictJson(typeof input === "string" ? input : new TextDecoder("utf-8", { fatal: true }).decode(input));
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

function credentialValue(value: Json, now: Date, bindings: Record<string, string>): Verdict {
  if (!isObject(value)) return malformed(CREDENTIAL_CHECKS, ["a credential must be a JSON object"]);
  const problems: string[] = [];
  if (list(value["@context"])[0] !== V2) problems.push(`the first @context must be ${V2}`);
  if (!list(value["type"]).includes("VerifiableCredential")) problems.push("type must include VerifiableCredential");
  const issuer = idOf(value["issuer"]);
  if (issuer === undefined) problems.push("issuer is missing");
  if (list(value["credentialSubject"]).length === 0) problems.push("credentialSubject is missing");
  for (const name of ["validFrom", "validUntil"]) {
    if (name in value && time(value[name]) === undefined) problems.push(`${name} is not a dateTime`);
  }
  if (!("proof" in value)) problems.push("the credential has no proof");
  if (problems.length > 0) return malformed(CREDENTIAL_CHECKS, problems);
  const found = new Findings();
  const [proof, ref] = proofCheck(value, "assertionMethod");
  if (proof.outcome === "FAILED") found.add("INVALID_PROOF", `proof: ${proof.detail}`);
  const binding = bindingCheck(issuer!, proof, ref, bindings);
  if (binding.outcome === "FAILED" || binding.outcome === "UNKNOWN") found.add("ISSUER_NOT_BOUND", `issuer binding: ${binding.detail}`);
  const window: string[] = [];
  const start = time(value["validFrom"]);
  const end = time(value["validUntil"]);
  if (start !== undefined && now.getTime() < start) {
    window.push(`not valid before ${String(value["validFrom"])}`);
    found.add("NOT_YET_VALID", window[window.length - 1]!);
  }
  if (end !== undefined && now.getTime() > end) {
    window.push(`expired at ${String(value["validUntil"])}`);
    found.add("EXPIRED", window[window.length - 1]!);
  }
  return {
    status: found.first(CREDENTIAL_ORDER) ?? "VALID",
    checks: {
      proof,
      issuer_binding: binding,
      validity: window.length > 0 ? { outcome: "FAILED", detail: window.join("; ") } : { outcome: "PASSED", detail: "in its validity period" },
      status: { outcome: "SKIPPED", detail: "no status lists offline; the node checks status" },
      trust: { outcome: "SKIPPED", detail: "no trust list given" },
    },
    reasons: found.reasons(CREDENTIAL_ORDER),
  };
}

/** Verifies a secured credential (JSON) offline at `now`; `bindings` pins party -> DID. */
export function verifyCredential(input: string | Uint8Array, now: Date, bindings: Record<string, string> = {}): Verdict {
  const value = parse(input);
  if (value instanceof Error) return malformed(CREDENTIAL_CHECKS, [`not valid JSON: ${value.message}`]);
  return credentialValue(value, now, bindings);
}

/** Verifies a presentation (JSON) made for the verifier with `challenge` and `domain`. */
export function verifyPresentation(
  input: string | Uint8Array,
  challenge: string,
  domain: string,
  now: Date,
  bindings: Record<string, string> = {},
): Verdict {
  const doc = parse(input);
  if (doc instanceof Error) return malformed(PRESENTATION_CHECKS, [`not valid JSON: ${doc.message}`]);
  if (!isObject(doc)) return malformed(PRESENTATION_CHECKS, ["a presentation must be a JSON object"]);
  const problems: string[] = [];
  if (list(doc["@context"])[0] !== V2) problems.push(`the first @context must be ${V2}`);
  if (!list(doc["type"]).includes("VerifiablePresentation")) problems.push("type must include VerifiablePresentation");
  const holder = idOf(doc["holder"]);
  if (holder === undefined) problems.push("holder is missing");
  const credentials = list(doc["verifiableCredential"]);
  if (credentials.length === 0 || !credentials.every(isObject)) problems.push("verifiableCredential must hold credential objects");
  if (!("proof" in doc)) problems.push("the presentation has no proof");
  if (problems.length > 0) return malformed(PRESENTATION_CHECKS, problems);
  const found = new Findings();
  const [proof, ref] = proofCheck(doc, "authentication");
  if (proof.outcome === "FAILED") found.add("INVALID_PROOF", `presentation proof: ${proof.detail}`);
  const binding = bindingCheck(holder!, proof, ref, bindings);
  if (binding.outcome === "FAILED" || binding.outcome === "UNKNOWN") found.add("HOLDER_NOT_BOUND", `holder binding: ${binding.detail}`);
  const raw = isObject(doc["proof"]) ? doc["proof"] : {};
  let challengeCheck: Check = { outcome: "PASSED", detail: "the proof carries the verifier's challenge" };
  if (raw["challenge"] !== challenge) {
    challengeCheck = { outcome: "FAILED", detail: `the proof's challenge is ${JSON.stringify(raw["challenge"])}, not ${challenge}` };
    found.add("CHALLENGE_MISMATCH", challengeCheck.detail);
  }
  let domainCheck: Check = { outcome: "PASSED", detail: `made for ${domain}` };
  if (!list(raw["domain"]).includes(domain)) {
    domainCheck = { outcome: "FAILED", detail: `made for ${JSON.stringify(raw["domain"])}, not ${domain}` };
    found.add("DOMAIN_MISMATCH", domainCheck.detail);
  }
  const strangers = credentials
    .map((c, n) => [n, list((c as JsonObject)["credentialSubject"]).map(idOf)] as const)
    .filter(([, ids]) => !ids.includes(holder))
    .map(([n]) => n);
  let subject: Check = { outcome: "PASSED", detail: "the holder is the subject of every credential" };
  if (strangers.length > 0) {
    subject = { outcome: "FAILED", detail: `the holder is not the subject of credential(s) ${strangers.join(", ")}` };
    found.add("HOLDER_NOT_SUBJECT", subject.detail);
  }
  const verdicts = credentials.map((c) => credentialValue(c, now, bindings));
  const status =
    found.first(PRESENTATION_ORDER) ?? CREDENTIAL_ORDER.find((s) => verdicts.some((v) => v.status === s)) ?? "VALID";
  const reasons = [
    ...found.reasons(PRESENTATION_ORDER),
    ...verdicts.flatMap((v, n) => v.reasons.map((r) => `credential ${n}: ${r}`)),
  ];
  return {
    status,
    checks: { proof, holder_binding: binding, challenge: challengeCheck, domain: domainCheck, holder_is_subject: subject },
    reasons,
    credentials: verdicts,
  };
}
