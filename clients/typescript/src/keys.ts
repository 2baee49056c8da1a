/**
 * Ed25519 signing keys in PEM PKCS#8, as `tabularium keys generate` writes them.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
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

/** An Ed25519 public key object for 32 raw bytes. */
export function ed25519PublicKey(publicKey: Uint8Array): KeyObject {
  if (publicKey.length !== 32) throw new RangeError(`Ed25519 public key has ${publicKey.length} bytes, want 32`);
  return createPublicKey({
    key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(publicKey).toString("base64url") },
    format: "jwk",
  });
}

/** True if `signature` is a valid Ed25519 signature of `message` by `publicKey` (raw or object). */
export function verifyEd25519(
  publicKey: Uint8Array | KeyObject,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== 64) return false;
  try {
    const key = publicKey instanceof Uint8Array ? ed25519PublicKey(publicKey) : publicKey;
    return verify(null, message, key, signature);
  } catch {
    return false; // not a valid curve point
  }
}
