/** Transactions are built and signed as DESIGN §2 says. */
import assert from "node:assert/strict";
import { createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import { describe, it } from "node:test";

import { anyUnpack } from "@bufbuild/protobuf/wkt";
import { fromBinary } from "@bufbuild/protobuf";

import {
  RegisterDocumentSchema,
  SignedTransactionSchema,
  SigningKey,
  TransactionBodySchema,
  buildBody,
  buildSigned,
  registerDocumentAction,
  sha256,
  signBody,
  signingMessage,
  txHash,
  verifyTransaction,
} from "../src/index.js";

const digest = sha256(new TextEncoder().encode("a document"));

function verifies(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const key = createPublicKey({
    key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(publicKey).toString("base64url") },
    format: "jwk",
  });
  return verify(null, message, key, signature);
}

describe("transactions", () => {
  it("signs 'tabularium/tx/v1' || 0x00 || body and carries the body bytes unchanged", () => {
    const keys = [SigningKey.generate(), SigningKey.generate()];
    const body = buildBody("chain", registerDocumentAction(digest, "t"), keys.map((k) => k.publicKey));
    const tx = signBody(body, keys);
    const signed = fromBinary(SignedTransactionSchema, tx);
    assert.deepEqual(signed.body, body);
    const message = signingMessage(body);
    assert.deepEqual(message.subarray(0, 17), new Uint8Array(Buffer.from("tabularium/tx/v1\0")));
    assert.equal(signed.signatures.length, 2);
    signed.signatures.forEach((s, i) => {
      assert.deepEqual(s.publicKey, keys[i]!.publicKey);
      assert.ok(verifies(s.publicKey, message, s.signature));
    });
    assert.deepEqual(txHash(tx), sha256(tx));
  });

  it("fills chain id, random nonce, validity window, signers and the packed action", () => {
    const key = SigningKey.generate();
    const now = new Date("2030-01-02T03:04:05Z");
    const tx = buildSigned("chain-x", registerDocumentAction(digest, "title"), [key], {
      now,
      windowSeconds: 300,
      memo: "memo",
    });
    const body = fromBinary(TransactionBodySchema, fromBinary(SignedTransactionSchema, tx).body);
    assert.equal(body.chainId, "chain-x");
    assert.equal(body.nonce.length, 16);
    assert.equal(body.notBefore?.seconds, BigInt(now.getTime() / 1000 - 60));
    assert.equal(body.notAfter?.seconds, BigInt(now.getTime() / 1000 - 60 + 300));
    assert.deepEqual(body.signers, [key.publicKey]);
    assert.equal(body.memo, "memo");
    assert.equal(body.action?.typeUrl, "type.googleapis.com/tabularium.documents.v1.RegisterDocument");
    const action = anyUnpack(body.action!, RegisterDocumentSchema);
    assert.deepEqual(action?.sha256, digest);
    assert.equal(action?.title, "title");
    const again = buildSigned("chain-x", registerDocumentAction(digest, "title"), [key], { now });
    const nonceAgain = fromBinary(TransactionBodySchema, fromBinary(SignedTransactionSchema, again).body).nonce;
    assert.notDeepEqual(nonceAgain, body.nonce);
  });

  it("refuses nonces outside 16 to 32 bytes, digests that are not 32 bytes, and no signer", () => {
    const action = registerDocumentAction(digest);
    const key = SigningKey.generate();
    assert.throws(() => buildBody("c", action, [key.publicKey], { nonce: new Uint8Array(15) }), RangeError);
    assert.throws(() => buildBody("c", action, [key.publicKey], { nonce: new Uint8Array(33) }), RangeError);
    assert.throws(() => buildBody("c", action, []), RangeError);
    assert.throws(() => registerDocumentAction(new Uint8Array(31)), RangeError);
    assert.equal(
      fromBinary(TransactionBodySchema, buildBody("c", action, [key.publicKey], { nonce: new Uint8Array(32) }))
        .nonce.length,
      32,
    );
  });

  it("loads PEM PKCS#8 keys and refuses other key types", () => {
    const key = SigningKey.generate();
    const again = SigningKey.fromPem(key.toPem());
    assert.deepEqual(again.publicKey, key.publicKey);
    assert.match(key.toPem(), /^-----BEGIN PRIVATE KEY-----/);
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    const pem = ec.export({ format: "pem", type: "pkcs8" }).toString();
    assert.throws(() => SigningKey.fromPem(pem), /not an Ed25519 private key/);
  });

  it("derives the public key of a known seed (RFC 8032 §7.1, TEST 1)", () => {
    const pkcs8 = Buffer.from(
      "302e020100300506032b657004220420" +
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
      "hex",
    );
    const pem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString("base64")}\n-----END PRIVATE KEY-----\n`;
    assert.equal(
      Buffer.from(SigningKey.fromPem(pem).publicKey).toString("hex"),
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
    );
  });

  it("checks its own transactions offline and names what is wrong with others", () => {
    const [a, b] = [SigningKey.generate(), SigningKey.generate()];
    const body = buildBody("c", registerDocumentAction(digest), [a.publicKey, b.publicKey]);
    const checked = verifyTransaction(signBody(body, [a, b]));
    assert.deepEqual(checked.signers, [a.publicKey, b.publicKey]);
    assert.deepEqual(checked.bodyBytes, body);
    const reason = (tx: Uint8Array): string => {
      try {
        verifyTransaction(tx);
      } catch (e) {
        return (e as { reason: string }).reason;
      }
      return "accepted";
    };
    assert.equal(reason(signBody(body, [a])), "SIGNATURE_MISSING");
    assert.equal(reason(signBody(body, [a, b, a])), "SIGNATURE_DUPLICATED");
    assert.equal(reason(signBody(body, [a, b, SigningKey.generate()])), "SIGNER_NOT_LISTED");
    assert.equal(reason(new Uint8Array([0x0a, 0x05, 0x01])), "TX_MALFORMED");
  });
});
