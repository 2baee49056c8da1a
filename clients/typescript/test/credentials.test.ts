/**
 * The offline credential and presentation verifier agrees with every case of
 * tests/vectors/presentations (format and checks in its README.md).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import { canonicalize, verifyCredential, verifyPresentation, type Verdict } from "../src/index.js";
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
});
