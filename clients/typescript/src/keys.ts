/**
 * Ed25519 signing keys in PEM PKCS#8, as `tabularium keys generate` writes them.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  type KeyObject,
} from "node:crypto";
import { readFileSync } from "node:fs";

/** An Ed25519 private key and its 32-byte public key. */
export class SigningKey {
  readonly publicKey: Uint8Array;
  private readonly key: KeyObject;

  private constructor(key: KeyObject) {
    if (key.asymmetricKeyType !== "ed25519") {
      throw new Error(`not an Ed25519 private key (${key.asymmetricKeyType ?? "unknown"})`);
    }
    this.key = key;
    const jwk = createPublicKey(key).export({ format: "jwk" });
    this.publicKey = new Uint8Array(Buffer.from(jwk.x ?? "", "base64url"));
  }

  /** Loads a PEM PKCS#8 ("BEGIN PRIVATE KEY") Ed25519 key. */
  static fromPem(pem: string | Uint8Array): SigningKey {
    return new SigningKey(createPrivateKey({ key: Buffer.from(pem), format: "pem" }));
  }

  /** Loads a PEM PKCS#8 Ed25519 key file. */
  static fromFile(path: string): SigningKey {
    return SigningKey.fromPem(readFileSync(path));
  }

  /** A new random key (tests, throwaway identities). */
  static generate(): SigningKey {
    return new SigningKey(generateKeyPairSync("ed25519").privateKey);
  }

  /** The PEM PKCS#8 encoding of this key. */
  toPem(): string {
    return this.key.export({ format: "pem", type: "pkcs8" }).toString();
  }

  /** Ed25519 signature of `message` (64 bytes). */
  sign(message: Uint8Array): Uint8Array {
    return new Uint8Array(sign(null, message, this.key));
  }
}
