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

/** A parsed JSON value; integers outside +-(2**53 - 1) stay exact as bigint (JCS refuses them). */
type Json = null | boolean | number | bigint | string | Json[] | { [key: string]: Json };
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
const DATETIME = /^(-?\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?$/;
const URL_LIKE = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const MAX_CREDENTIALS = 16;
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
    if (/^-?\d+$/.test(m[0]) && !Number.isSafeInteger(Number(m[0]))) return BigInt(m[0]);
    return JSON.parse(m[0]) as Json;
  };
  const result = value(0);
  ws();
  if (at !== text.length) fail("data after the JSON value");
  return result;
}

const LONE_SURROGATE = /\p{Cs}/u;

function canonicalString(text: string): string {
  if (LONE_SURROGATE.test(text)) throw new RangeError("a string holds a lone surrogate");
  return JSON.stringify(text); // RFC 8785 §3.2.2.2 is ECMAScript's string serialization
}

/**
 * RFC 8785 (JCS): ECMAScript serialization of strings and numbers, object keys sorted by UTF-16
 * code units. Throws RangeError for what JCS cannot represent: integers outside +-(2**53 - 1),
 * non-finite numbers, lone surrogates.
 */
export function canonicalize(value: Json): string {
  if (typeof value === "bigint") throw new RangeError(`integer ${value} is outside +-(2**53 - 1)`);
  if (typeof value === "number" && !Number.isFinite(value)) throw new RangeError("not a finite number");
  if (typeof value === "string") return canonicalString(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalize).join(",")}]`;
  const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)); // JS compares UTF-16 units
  return `{${keys.map((k) => `${canonicalString(k)}:${canonicalize(value[k]!)}`).join(",")}}`;
}

/** Whether JCS can canonicalize `value` (why not, when it cannot). */
function canonicalProblem(value: Json): string | undefined {
  try {
    canonicalize(value);
    return undefined;
  } catch (err) {
    return `cannot canonicalize (JCS): ${err instanceof Error ? err.message : String(err)}`;
  }
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

interface Method {
  id: string; // the verification method as the proof names it
  did: string; // its controller
  key: Uint8Array;
}

/**
 * Resolves a verification method offline: a did:key (`did:key:z6Mk…` or `did:key:z6Mk…#z6Mk…`)
 * gives its Ed25519 key; any other method is `unresolved`; a malformed did:key is `invalid`.
 * (A fixed-length byte string has one base58 spelling, so a 0xed01 + 32-byte key is canonical.)
 */
function resolve(method: string): Method | "unresolved" | string {
  if (!method.startsWith("did:key:")) return "unresolved";
  const hash = method.indexOf("#");
  const did = hash < 0 ? method : method.slice(0, hash);
  const msid = did.slice("did:key:".length);
  if (msid.includes("/") || msid.includes("?")) return `${method}: did:key paths and queries are not supported`;
  if (hash >= 0 && method.slice(hash + 1) !== msid) return `${method}: the fragment is not the key's method`;
  const raw = msid.startsWith("z") ? base58(msid.slice(1)) : undefined;
  if (!raw || raw.length !== 34 || raw[0] !== 0xed || raw[1] !== 0x01) {
    return `${method} is not an Ed25519 did:key (z + base58btc of 0xed01 + 32 bytes)`;
  }
  return { id: method, did, key: raw.subarray(2) };
}

// --- values and dates ------------------------------------------------------------------------

const isObject = (v: Json | undefined): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: Json | undefined): Json[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const isUrl = (v: Json | undefined): boolean => typeof v === "string" && URL_LIKE.test(v);
const idOf = (v: Json | undefined): string | undefined => {
  const id = isObject(v) ? v["id"] : v;
  return typeof id === "string" ? id : undefined;
};
const sameJson = (a: Json | undefined, b: Json | undefined): boolean => {
  try {
    return a !== undefined && b !== undefined && canonicalize(a) === canonicalize(b);
  } catch {
    return false;
  }
};

/**
 * An XML Schema dateTime as microseconds since the epoch (a time zone is required unless
 * `zoneOptional`, then UTC); undefined if it is not one or a field is out of range. Years
 * 0001..9999; `24:00:00` is the next day's start; digits past microseconds are dropped.
 */
function dateTime(v: Json | undefined, zoneOptional = false): bigint | undefined {
  if (typeof v !== "string") return undefined;
  const m = DATETIME.exec(v);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, frac, zone] = m as unknown as string[];
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, sec].map(Number) as number[];
  if (y!.length !== 4 || year! < 1) return undefined;
  const monthDays = [31, year! % 4 === 0 && (year! % 100 !== 0 || year! % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (month! < 1 || month! > 12 || day! < 1 || day! > monthDays[month! - 1]!) return undefined;
  const micro = BigInt((frac ?? "").slice(0, 6).padEnd(6, "0"));
  if (hour === 24 ? minute !== 0 || second !== 0 || micro !== 0n : hour! > 23 || minute! > 59 || second! > 59) return undefined;
  let offset = 0;
  if (zone === undefined) {
    if (!zoneOptional) return undefined;
  } else if (zone !== "Z") {
    const [oh, om] = [Number(zone.slice(1, 3)), Number(zone.slice(4, 6))];
    if (om > 59 || oh * 60 + om > 14 * 60) return undefined;
    offset = (zone[0] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const at = new Date(0);
  at.setUTCFullYear(year!, month! - 1, day!); // Date.UTC would map years below 100 to 19xx
  at.setUTCHours(hour!, minute! - offset, second!, 0);
  return BigInt(at.getTime()) * 1000n + micro;
}

const micros = (now: Date): bigint => BigInt(now.getTime()) * 1000n;

// --- checks ----------------------------------------------------------------------------------

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

const failed = (detail: string, method?: Method): [Check, Method | undefined] => [{ outcome: "FAILED", detail }, method];

/**
 * The document's eddsa-jcs-2022 proof: form, purpose, created/expires, then
 * SHA-256(JCS(proof options)) || SHA-256(JCS(document without proof)) under the did:key.
 * Returns the check and the method when it resolved (the binding check needs it).
 */
function proofCheck(doc: JsonObject, purpose: string, now: Date): [Check, Method | undefined] {
  const proof = doc["proof"];
  if (Array.isArray(proof)) return failed("proof sets and chains (a list of proofs) are not supported");
  if (!isObject(proof)) return failed("proof must be one object");
  for (const name of ["type", "verificationMethod", "proofPurpose", "proofValue"]) {
    if (typeof proof[name] !== "string") return failed(`proof.${name} is missing or not a string`);
  }
  if (proof["type"] !== "DataIntegrityProof") return failed(`proof.type is ${String(proof["type"])}, want DataIntegrityProof`);
  if (proof["cryptosuite"] !== "eddsa-jcs-2022") {
    return failed(`proof.cryptosuite is ${JSON.stringify(proof["cryptosuite"])}, want eddsa-jcs-2022`);
  }
  if (proof["proofPurpose"] !== purpose) return failed(`proof.proofPurpose is ${String(proof["proofPurpose"])}, want ${purpose}`);
  if ("previousProof" in proof) return failed("proof chains (previousProof) are not supported");
  for (const name of ["created", "expires"]) {
    if (!(name in proof)) continue;
    const when = dateTime(proof[name], true);
    if (when === undefined) return failed(`proof.${name} is not an XML Schema dateTime`);
    if (name === "expires" && micros(now) >= when) return failed(`proof expired at ${String(proof[name])}`);
  }
  const value = proof["proofValue"] as string;
  const signature = value.startsWith("z") ? base58(value.slice(1)) : undefined;
  if (!signature || signature.length !== 64) return failed("proof.proofValue is not z + base58btc of 64 bytes");
  const vm = proof["verificationMethod"] as string;
  const method = resolve(vm);
  if (method === "unresolved") return [{ outcome: "UNKNOWN", detail: `cannot resolve ${vm} offline (only did:key is)` }, undefined];
  if (typeof method === "string") return failed(method);
  const options: JsonObject = {};
  for (const [k, v] of Object.entries(proof)) if (k !== "proofValue") options[k] = v;
  const unsecured: JsonObject = {};
  for (const [k, v] of Object.entries(doc)) if (k !== "proof") unsecured[k] = v;
  if ("@context" in options) {
    const want = list(options["@context"]);
    const have = list(doc["@context"]);
    if (want.length > have.length || want.some((c, i) => !sameJson(have[i], c))) {
      return failed("the document's @context does not start with the proof's", method);
    }
    unsecured["@context"] = options["@context"]!;
  }
  let data: Uint8Array;
  try {
    const enc = new TextEncoder();
    data = new Uint8Array([...sha256(enc.encode(canonicalize(options))), ...sha256(enc.encode(canonicalize(unsecured)))]);
  } catch (err) {
    return failed(`cannot canonicalize (JCS): ${err instanceof Error ? err.message : String(err)}`, method);
  }
  if (!verifyEd25519(method.key, data, signature)) {
    return failed(`signature does not verify under ${vm} (document or proof changed, or wrong key)`, method);
  }
  return [{ outcome: "PASSED", detail: `eddsa-jcs-2022 signature by ${vm} verifies` }, method];
}

/** Whether `party` (issuer or holder) controls the proof's key: its own did:key or a pinned binding. */
function bindingCheck(party: string, proof: Check, method: Method | undefined, bindings: Record<string, string>): Check {
  if (!method) {
    return proof.outcome === "UNKNOWN"
      ? { outcome: "UNKNOWN", detail: `the proof could not be checked: ${proof.detail}` }
      : { outcome: "SKIPPED", detail: "not checked: the proof is not readable" };
  }
  if (party === method.did) return { outcome: "PASSED", detail: `${party} controls ${method.id} (did:key)` };
  const bound = Object.prototype.hasOwnProperty.call(bindings, party) ? bindings[party] : undefined;
  if (bound === method.did || bound === method.id) {
    return { outcome: "PASSED", detail: `${party} is bound to ${bound} by a pinned mapping` };
  }
  if (party.startsWith("did:key:")) return { outcome: "FAILED", detail: `the proof's key ${method.id} belongs to ${method.did}, not ${party}` };
  return {
    outcome: "UNKNOWN",
    detail: `cannot tell offline whether ${party} controls ${method.id}: nothing pinned binds it (--bind ${party}=${method.did})`,
  };
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

/** Objects with a type (credentialSchema, evidence, termsOfUse, refreshService). */
function typedObjectProblems(name: string, value: Json | undefined, problems: string[]): void {
  const items = list(value);
  if (items.length === 0) problems.push(`${name} is empty`);
  items.forEach((item, i) => {
    const where = Array.isArray(value) ? `${name}[${i}]` : name;
    if (!isObject(item)) problems.push(`${where} must be an object`);
    else if (!(typeof item["type"] === "string" || Array.isArray(item["type"])) || list(item["type"]).length === 0) {
      problems.push(`${where} has no type`);
    } else if ("id" in item && !isUrl(item["id"])) problems.push(`${where}.id is not a URL`);
  });
}

function statusEntryProblems(where: string, entry: JsonObject, problems: string[]): void {
  if ("id" in entry && !isUrl(entry["id"])) problems.push(`${where}.id is not a URL`);
  const types = list(entry["type"]);
  if (types.length === 0 || !types.every((t) => typeof t === "string")) {
    problems.push(`${where} has no type`);
    return;
  }
  if (!types.includes("BitstringStatusListEntry")) return; // another mechanism: not ours to check
  if (typeof entry["statusPurpose"] !== "string" || entry["statusPurpose"] === "") problems.push(`${where}.statusPurpose is missing`);
  const index = entry["statusListIndex"];
  if (typeof index !== "string" || !/^[0-9]+$/.test(index)) problems.push(`${where}.statusListIndex is not a base-10 integer string`);
  const url = entry["statusListCredential"];
  if (!isUrl(url)) problems.push(`${where}.statusListCredential is not a URL`);
  else if (entry["id"] === url) problems.push(`${where}.id must not be the status list's URL`);
  const size = "statusSize" in entry ? entry["statusSize"] : 1;
  if (typeof size !== "number" || !Number.isInteger(size) || size < 1) problems.push(`${where}.statusSize is not an integer > 0`);
  else if (size > 16) problems.push(`${where}.statusSize ${size} is above 16 (not supported)`);
  else if (size > 1 || "statusMessage" in entry) {
    const messages = entry["statusMessage"];
    if (!Array.isArray(messages) || messages.length !== 2 ** size) problems.push(`${where}.statusMessage must list ${2 ** size} entries`);
    else if (!messages.every((m) => isObject(m) && typeof m["status"] === "string" && "message" in m)) {
      problems.push(`${where}.statusMessage entries need status and message`);
    }
  }
}

/** Why `value` is not a well-formed secured VC 2.0 credential (the reference's structural rules). */
function credentialProblems(value: JsonObject): string[] {
  const problems: string[] = [];
  const json = canonicalProblem(value);
  if (json) problems.push(json);
  const ctx = value["@context"];
  if (!Array.isArray(ctx) || ctx.length === 0) problems.push(`@context must be a list starting with ${V2}`);
  else {
    if (ctx[0] !== V2) problems.push(`the first @context must be ${V2}`);
    ctx.forEach((c, i) => {
      if (!isUrl(c) && !isObject(c)) problems.push(`@context[${i}] is neither a URL nor an object`);
    });
  }
  if ("id" in value && !isUrl(value["id"])) problems.push("id is not a URL");
  const types = list(value["type"]);
  if (!types.every((t) => typeof t === "string")) problems.push("type values must be strings");
  if (!types.includes("VerifiableCredential")) problems.push("type must include VerifiableCredential");
  const issuer = value["issuer"];
  if (issuer === undefined || issuer === null) problems.push("issuer is missing");
  else if (!isUrl(isObject(issuer) ? issuer["id"] : issuer)) problems.push("issuer (or issuer.id) is not a URL");
  const subjects = list(value["credentialSubject"]);
  if (subjects.length === 0) problems.push("credentialSubject is missing or empty");
  for (const s of subjects) {
    if (!isObject(s) || Object.keys(s).length === 0) problems.push("credentialSubject must be non-empty objects");
    else if ("id" in s && !isUrl(s["id"])) problems.push("credentialSubject.id is not a URL");
  }
  const times: Record<string, bigint> = {};
  for (const name of ["validFrom", "validUntil"]) {
    if (!(name in value)) continue;
    const when = dateTime(value[name]);
    if (when === undefined) problems.push(`${name} is not an XML Schema dateTime with a time zone`);
    else times[name] = when;
  }
  if (times["validFrom"] !== undefined && times["validUntil"] !== undefined && times["validFrom"] > times["validUntil"]) {
    problems.push("validFrom is later than validUntil");
  }
  for (const [old, now] of [["issuanceDate", "validFrom"], ["expirationDate", "validUntil"]]) {
    if (old! in value) problems.push(`${old} is a VC 1.1 property; VC 2.0 uses ${now}`);
  }
  if ("credentialStatus" in value) {
    const entries = list(value["credentialStatus"]);
    if (entries.length === 0) problems.push("credentialStatus is empty");
    entries.forEach((entry, i) => {
      const where = Array.isArray(value["credentialStatus"]) ? `credentialStatus[${i}]` : "credentialStatus";
      if (!isObject(entry)) problems.push(`${where} must be an object`);
      else statusEntryProblems(where, entry, problems);
    });
  }
  for (const name of ["credentialSchema", "evidence", "termsOfUse", "refreshService"]) {
    if (name in value) typedObjectProblems(name, value[name], problems);
  }
  if (!("proof" in value)) problems.push("the credential has no proof (it is not secured)");
  return problems;
}

function credentialValue(value: Json, now: Date, bindings: Record<string, string>): Verdict {
  if (!isObject(value)) return malformed(CREDENTIAL_CHECKS, ["a credential must be a JSON object"]);
  const problems = credentialProblems(value);
  if (problems.length > 0) return malformed(CREDENTIAL_CHECKS, problems);
  const issuer = idOf(value["issuer"])!;
  const found = new Findings();
  const [proof, method] = proofCheck(value, "assertionMethod", now);
  if (proof.outcome === "FAILED") found.add("INVALID_PROOF", `proof: ${proof.detail}`);
  const binding = bindingCheck(issuer, proof, method, bindings);
  if (binding.outcome === "FAILED" || binding.outcome === "UNKNOWN") found.add("ISSUER_NOT_BOUND", `issuer binding: ${binding.detail}`);
  const window: string[] = [];
  const start = dateTime(value["validFrom"]);
  const end = dateTime(value["validUntil"]);
  if (start !== undefined && micros(now) < start) {
    window.push(`not valid before ${String(value["validFrom"])}`);
    found.add("NOT_YET_VALID", window[window.length - 1]!);
  }
  if (end !== undefined && micros(now) > end) {
    window.push(`expired at ${String(value["validUntil"])}`);
    found.add("EXPIRED", window[window.length - 1]!);
  }
  return {
    status: found.first(CREDENTIAL_ORDER) ?? "VALID",
    checks: {
      proof,
      issuer_binding: binding,
      validity: window.length > 0 ? { outcome: "FAILED", detail: window.join("; ") } : { outcome: "PASSED", detail: `valid at ${now.toISOString()}` },
      status: { outcome: "SKIPPED", detail: "no status lists offline; the node checks status" },
      trust: { outcome: "SKIPPED", detail: "no trust list given" },
    },
    reasons: found.reasons(CREDENTIAL_ORDER),
  };
}

/**
 * Verifies a secured credential (JSON text or UTF-8 bytes) offline at `now`; `bindings` pins a
 * party (e.g. an https issuer id) to the DID or verification method that speaks for it. Never
 * throws on bad input: it is a MALFORMED verdict.
 */
export function verifyCredential(input: string | Uint8Array, now: Date, bindings: Record<string, string> = {}): Verdict {
  const value = parse(input);
  if (value instanceof Error) return malformed(CREDENTIAL_CHECKS, [`not valid JSON: ${value.message}`]);
  return credentialValue(value, now, bindings);
}

/** Why `doc` is not a well-formed presentation (its credentials are checked on their own). */
function presentationProblems(doc: JsonObject): string[] {
  const problems: string[] = [];
  if (list(doc["@context"])[0] !== V2) problems.push(`the first @context must be ${V2}`);
  if (!list(doc["type"]).includes("VerifiablePresentation")) problems.push("type must include VerifiablePresentation");
  const holder = idOf(doc["holder"]);
  if (holder === undefined) problems.push("holder is missing: a presentation must say who presents it");
  else if (!isUrl(holder)) problems.push(`holder ${holder} is not a URL`);
  const credentials = list(doc["verifiableCredential"]);
  if (credentials.length === 0) problems.push("verifiableCredential is missing: nothing is presented");
  else if (credentials.length > MAX_CREDENTIALS) problems.push(`more than ${MAX_CREDENTIALS} credentials in one presentation`);
  credentials.forEach((c, n) => {
    if (!isObject(c)) problems.push(`verifiableCredential[${n}] is not an object`);
    else if (list(c["type"]).includes("EnvelopedVerifiableCredential")) {
      problems.push(`verifiableCredential[${n}] is enveloped; only embedded Data Integrity credentials are supported`);
    }
  });
  if (!("proof" in doc)) problems.push("the presentation has no proof (it is not signed by the holder)");
  return problems;
}

/**
 * Verifies a presentation (JSON text or UTF-8 bytes) made for the verifier with `challenge` and
 * `domain`, offline at `now`, and each credential in it with the same `now` and `bindings`.
 * Challenge replay is not detected (that needs the server's memory). Never throws on bad input.
 */
export function verifyPresentation(
  input: string | Uint8Array,
  challenge: string,
  domain: string,
  now: Date,
  bindings: Record<string, string> = {},
): Verdict {
  const doc = parse(input);
  if (doc instanceof Error) return { ...malformed(PRESENTATION_CHECKS, [`not valid JSON: ${doc.message}`]), credentials: [] };
  if (!isObject(doc)) return { ...malformed(PRESENTATION_CHECKS, ["a presentation must be a JSON object"]), credentials: [] };
  const problems = presentationProblems(doc);
  if (problems.length > 0) return { ...malformed(PRESENTATION_CHECKS, problems), credentials: [] };
  const holder = idOf(doc["holder"])!;
  const credentials = list(doc["verifiableCredential"]) as JsonObject[];
  const found = new Findings();
  const [proof, method] = proofCheck(doc, "authentication", now);
  if (proof.outcome === "FAILED") found.add("INVALID_PROOF", `presentation proof: ${proof.detail}`);
  const binding = bindingCheck(holder, proof, method, bindings);
  if (binding.outcome === "FAILED" || binding.outcome === "UNKNOWN") found.add("HOLDER_NOT_BOUND", `holder binding: ${binding.detail}`);
  const raw = isObject(doc["proof"]) ? doc["proof"] : {};
  let challengeCheck: Check = { outcome: "PASSED", detail: "the proof carries the verifier's challenge" };
  if (raw["challenge"] !== challenge) {
    challengeCheck = {
      outcome: "FAILED",
      detail: `the proof's challenge is ${JSON.stringify(raw["challenge"] ?? null)}, not this verifier's ${JSON.stringify(challenge)}`,
    };
    found.add("CHALLENGE_MISMATCH", challengeCheck.detail);
  }
  let domainCheck: Check = { outcome: "PASSED", detail: `made for ${domain}` };
  if (!list(raw["domain"]).includes(domain)) {
    domainCheck = { outcome: "FAILED", detail: `made for ${JSON.stringify(raw["domain"] ?? null)}, not ${domain}` };
    found.add("DOMAIN_MISMATCH", domainCheck.detail);
  }
  const subjectIds = (c: JsonObject) => list(c["credentialSubject"]).filter(isObject).map((s) => s["id"]);
  const strangers = credentials.flatMap((c, n) => (subjectIds(c).includes(holder) ? [] : [n]));
  let subject: Check = { outcome: "PASSED", detail: `${holder} is the subject of all ${credentials.length} credential(s)` };
  if (strangers.length > 0) {
    subject = { outcome: "FAILED", detail: `the holder ${holder} is not the subject of credential(s) ${strangers.join(", ")}` };
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
