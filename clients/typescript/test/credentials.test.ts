/**
 * The offline credential and presentation verifier agrees with every case of
 * tests/vectors/presentations (format and checks in its README.md).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import { canonicalize, parseStrictJson, verifyCredential, verifyPresentation, type Verdict } from "../src/index.js";
import { REPO_ROOT } from "./server.js";

const FOLDER = join(REPO_ROOT, "tests/vectors/presentations");

interface Want {
  status: string;
  checks: Record<string, string>;
  credentials?: Want[];
}

interface Case {
  name: string;
  kind: "presentation" | "credential";
  file: string;
  challenge?: string;
  domain?: string;
  now: string;
  bindings?: Record<string, string>;
  want: Want;
}

const cases = (JSON.parse(readFileSync(join(FOLDER, "cases.json"), "utf8")) as { cases: Case[] }).cases;

function outcomes(v: Verdict): Want {
  const got: Want = {
    status: v.status,
    checks: Object.fromEntries(Object.entries(v.checks).map(([n, c]) => [n, c.outcome])),
  };
  if (v.credentials) got.credentials = v.credentials.map(outcomes);
  return got;
}

describe("presentation vectors", () => {
  assert.ok(cases.length >= 10);
  for (const c of cases) {
    it(c.name, () => {
      const raw = readFileSync(join(FOLDER, c.file));
      const now = new Date(c.now);
      const verdict =
        c.kind === "presentation"
          ? verifyPresentation(raw, c.challenge!, c.domain!, now, c.bindings ?? {})
          : verifyCredential(raw, now, c.bindings ?? {});
      assert.deepEqual(outcomes(verdict), c.want, verdict.reasons.join("; "));
    });
  }
});

describe("strict input", () => {
  it("turns malformed JSON into a MALFORMED verdict", () => {
    for (const raw of ["{", "[]", '{"a":1,"a":2}', '{"a":1} x', '{"__proto__":1,"__proto__":2}']) {
      assert.equal(verifyPresentation(raw, "c", "d", new Date()).status, "MALFORMED", raw);
      assert.equal(verifyCredential(raw, new Date()).status, "MALFORMED", raw);
    }
  });
  it("canonicalizes as RFC 8785", () => {
    const value = { "\u20ac": 1, "\r": 2, "\ufb33": 3, "1": 4, "\u{1f600}": 5, "\u0080": 6 };
    assert.equal(canonicalize(value), '{"\\r":2,"1":4,"\u0080":6,"\u20ac":1,"\u{1f600}":5,"\ufb33":3}');
    assert.equal(canonicalize([1.5, 1e21, -0, "\u001f"]), '[1.5,1e+21,0,"\\u001f"]');
  });
  it("refuses what JCS cannot represent", () => {
    assert.throws(() => canonicalize(parseStrictJson("[9007199254740992]")), RangeError);
    assert.throws(() => canonicalize(parseStrictJson('["\\ud800"]')), RangeError);
    assert.equal(canonicalize(parseStrictJson("[9007199254740991, 1E2]")), "[9007199254740991,100]");
  });
});

describe("edge cases of the reference verifier", () => {
  const permit = () => JSON.parse(readFileSync(join(FOLDER, "permit.json"), "utf8")) as Record<string, any>;
  const now = new Date("2026-12-06T10:05:00Z");
  const check = (doc: unknown) => {
    const v = verifyCredential(JSON.stringify(doc), now);
    return [v.status, v.checks["proof"]!.outcome, v.checks["issuer_binding"]!.outcome];
  };

  it("a malformed did:key fails the proof; another DID method is unknown", () => {
    const bad = permit();
    bad["proof"].verificationMethod = "did:key:zBadKey";
    assert.deepEqual(check(bad), ["INVALID_PROOF", "FAILED", "SKIPPED"]);
    const twoFragments = permit();
    twoFragments["proof"].verificationMethod += "#x";
    assert.deepEqual(check(twoFragments), ["INVALID_PROOF", "FAILED", "SKIPPED"]);
    const web = permit();
    web["proof"].verificationMethod = "did:web:issuer.example#key-1";
    assert.deepEqual(check(web), ["ISSUER_NOT_BOUND", "UNKNOWN", "UNKNOWN"]);
  });

  it("refuses malformed structure and dates", () => {
    const mutations: ((d: Record<string, any>) => void)[] = [
      (d) => (d["validFrom"] = "2026-02-30T09:00:00Z"), // no such day
      (d) => (d["validFrom"] = "2026-03-01T09:00:00"), // no time zone
      (d) => (d["validUntil"] = "2026-01-01T00:00:00Z"), // before validFrom
      (d) => (d["issuer"] = "not a url"),
      (d) => (d["credentialSubject"] = {}),
      (d) => (d["issuanceDate"] = "2026-03-01T09:00:00Z"),
      (d) => (d["credentialStatus"][0].statusListIndex = "x"),
      (d) => delete d["proof"],
    ];
    for (const mutate of mutations) {
      const doc = permit();
      mutate(doc);
      assert.equal(verifyCredential(JSON.stringify(doc), now).status, "MALFORMED", mutate.toString());
    }
    const big = JSON.stringify(permit()).replace('"permit":{', '"permit":{"n":12345678901234567890,');
    assert.equal(verifyCredential(big, now).status, "MALFORMED");
  });

  it("checks the proof's expiry and refuses proof chains", () => {
    const expired = permit();
    expired["proof"].expires = "2026-06-01T00:00:00Z";
    assert.deepEqual(check(expired), ["INVALID_PROOF", "FAILED", "SKIPPED"]);
    const chained = permit();
    chained["proof"].previousProof = "urn:uuid:1";
    assert.deepEqual(check(chained), ["INVALID_PROOF", "FAILED", "SKIPPED"]);
  });

  it("binds a party only to the exact DID or method", () => {
    const raw = readFileSync(join(FOLDER, "https-issuer.json"), "utf8");
    const vc = (JSON.parse(raw) as Record<string, any>)["verifiableCredential"][0];
    const issuer = vc["issuer"] as string;
    const did = (vc["proof"].verificationMethod as string).split("#")[0]!;
    const binding = (to: string) => verifyCredential(JSON.stringify(vc), now, { [issuer]: to }).checks["issuer_binding"]!.outcome;
    assert.equal(binding(did), "PASSED");
    assert.equal(binding(vc["proof"].verificationMethod), "PASSED");
    assert.equal(binding(`${did}#other`), "UNKNOWN");
  });

  it("a malformed presentation has no credential verdicts", () => {
    const vp = JSON.parse(readFileSync(join(FOLDER, "valid.json"), "utf8")) as Record<string, any>;
    vp["holder"] = "no url";
    const v = verifyPresentation(JSON.stringify(vp), "c", "d", now);
    assert.equal(v.status, "MALFORMED");
    assert.deepEqual(v.credentials, []);
  });
});
