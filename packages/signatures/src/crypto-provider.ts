import { createNodeCrypto } from './node-crypto.js';
import { createWebCrypto } from './web-crypto.js';

/** Hash functions the schemes use. */
export type HashAlgorithm = 'sha1' | 'sha256' | 'sha512';

/**
 * Key bytes prepared once per secret. Providers cache their native key object (a Node
 * `KeyObject` or a Web Crypto `CryptoKey`) against this object, so keep it and reuse it.
 */
export interface KeyMaterial {
  readonly bytes: Uint8Array;
}

/** Data to sign: parts are hashed in order, as if concatenated; strings as UTF-8. */
export type SignedParts = readonly (Uint8Array | string)[];

/**
 * The cryptography a scheme needs. Two implementations ship: Node's `node:crypto` (the fast
 * path on Node, Bun and Deno) and Web Crypto (edge runtimes, Workers).
 */
export interface CryptoProvider {
  /** `node` or `web`. */
  readonly name: 'node' | 'web';
  /** HMAC of the concatenated parts. */
  hmac(algorithm: HashAlgorithm, key: KeyMaterial, parts: SignedParts): Promise<Uint8Array>;
  /**
   * The same, synchronously and already encoded, where the runtime hashes synchronously
   * (`node:crypto`). Schemes use it when present: verifying then costs the hash and little else.
   */
  hmacSync?(
    algorithm: HashAlgorithm,
    key: KeyMaterial,
    parts: SignedParts,
    encoding: 'hex' | 'base64' | 'base64url',
  ): string;
  /** A plain hash. */
  digest(algorithm: HashAlgorithm, data: Uint8Array): Promise<Uint8Array>;
  /** Ed25519 verification with a 32-byte raw public key. */
  verifyEd25519(publicKey: KeyMaterial, signature: Uint8Array, parts: SignedParts): Promise<boolean>;
  /** Ed25519 signature with a 32-byte seed. */
  signEd25519(seed: KeyMaterial, parts: SignedParts): Promise<Uint8Array>;
  /** ECDSA P-256 / SHA-256 verification with an SPKI DER key and a DER signature. */
  verifyEcdsaP256(publicKey: KeyMaterial, derSignature: Uint8Array, parts: SignedParts): Promise<boolean>;
  /** ECDSA P-256 / SHA-256 signature (DER) with a PKCS#8 DER private key. */
  signEcdsaP256(privateKey: KeyMaterial, parts: SignedParts): Promise<Uint8Array>;
  /**
   * RSASSA-PKCS1-v1_5 / SHA-256 verification with an SPKI DER public key. Optional, so that
   * providers written before it still type-check; both shipped providers have it.
   */
  verifyRsaSha256?(publicKey: KeyMaterial, signature: Uint8Array, parts: SignedParts): Promise<boolean>;
  /** RSASSA-PKCS1-v1_5 / SHA-256 signature with a PKCS#8 DER private key. Optional, as above. */
  signRsaSha256?(privateKey: KeyMaterial, parts: SignedParts): Promise<Uint8Array>;
}

let defaultProvider: CryptoProvider | undefined;

/**
 * The provider used when a scheme is given none: `node:crypto` where the runtime has it
 * (found through `process.getBuiltinModule`, so edge bundlers never see an import of it),
 * Web Crypto elsewhere.
 */
export function getDefaultCrypto(): CryptoProvider {
  defaultProvider ??= createNodeCrypto() ?? createWebCrypto();
  return defaultProvider;
}

/** PKCS#8 DER prefix that wraps a 32-byte Ed25519 seed (RFC 8410 §7). */
export const ED25519_PKCS8_PREFIX = Uint8Array.of(
  0x30,
  0x2e,
  0x02,
  0x01,
  0x00,
  0x30,
  0x05,
  0x06,
  0x03,
  0x2b,
  0x65,
  0x70,
  0x04,
  0x22,
  0x04,
  0x20,
);
/** SPKI DER prefix that wraps a 32-byte Ed25519 public key (RFC 8410 §4). */
export const ED25519_SPKI_PREFIX = Uint8Array.of(
  0x30,
  0x2a,
  0x30,
  0x05,
  0x06,
  0x03,
  0x2b,
  0x65,
  0x70,
  0x03,
  0x21,
  0x00,
);
