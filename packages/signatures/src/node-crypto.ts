import type * as NodeCrypto from 'node:crypto';
import {
  type CryptoProvider,
  ED25519_PKCS8_PREFIX,
  ED25519_SPKI_PREFIX,
  type HashAlgorithm,
  type KeyMaterial,
  type SignedParts,
} from './crypto-provider.js';
import { concatBytes } from './encoding.js';

type GetBuiltin = (id: 'node:crypto') => typeof NodeCrypto;

/**
 * The `node:crypto` provider, or `undefined` on a runtime without it. Hashing is synchronous
 * and native, so verification costs little more than the hash itself.
 *
 * @example
 * ```ts
 * const scheme = stripe({ secret, crypto: createNodeCrypto() });
 * ```
 */
export function createNodeCrypto(): CryptoProvider | undefined {
  const loaded = loadNodeCrypto();
  if (!loaded) return undefined;
  const crypto: typeof NodeCrypto = loaded;
  const keys = new WeakMap<KeyMaterial, NodeCrypto.KeyObject>();

  function cached(material: KeyMaterial, make: (bytes: Uint8Array) => NodeCrypto.KeyObject) {
    let key = keys.get(material);
    if (!key) {
      key = make(material.bytes);
      keys.set(material, key);
    }
    return key;
  }
  const secretKey = (m: KeyMaterial) => cached(m, (bytes) => crypto.createSecretKey(bytes));
  const edPublic = (m: KeyMaterial) =>
    cached(m, (bytes) =>
      crypto.createPublicKey({
        key: Buffer.from(concatBytes([ED25519_SPKI_PREFIX, bytes])),
        format: 'der',
        type: 'spki',
      }),
    );
  const edPrivate = (m: KeyMaterial) =>
    cached(m, (bytes) =>
      crypto.createPrivateKey({
        key: Buffer.from(concatBytes([ED25519_PKCS8_PREFIX, bytes])),
        format: 'der',
        type: 'pkcs8',
      }),
    );
  const derPublic = (m: KeyMaterial) =>
    cached(m, (bytes) => crypto.createPublicKey({ key: Buffer.from(bytes), format: 'der', type: 'spki' }));
  const derPrivate = (m: KeyMaterial) =>
    cached(m, (bytes) => crypto.createPrivateKey({ key: Buffer.from(bytes), format: 'der', type: 'pkcs8' }));

  const joined = (parts: SignedParts) =>
    parts.length === 1 && typeof parts[0] !== 'string' ? parts[0]! : concatBytes(parts);

  function mac(algorithm: HashAlgorithm, key: KeyMaterial, parts: SignedParts) {
    const hmac = crypto.createHmac(algorithm, secretKey(key));
    for (const part of parts) hmac.update(part);
    return hmac;
  }

  return {
    name: 'node',
    hmacSync(algorithm, key, parts, encoding) {
      return mac(algorithm, key, parts).digest(encoding);
    },
    async hmac(algorithm, key, parts) {
      return mac(algorithm, key, parts).digest();
    },
    async digest(algorithm, data) {
      return crypto.createHash(algorithm).update(data).digest();
    },
    async verifyEd25519(publicKey, signature, parts) {
      return crypto.verify(null, joined(parts), edPublic(publicKey), signature);
    },
    async signEd25519(seed, parts) {
      return crypto.sign(null, joined(parts), edPrivate(seed));
    },
    async verifyEcdsaP256(publicKey, derSignature, parts) {
      return crypto.verify(
        'sha256',
        joined(parts),
        { key: derPublic(publicKey), dsaEncoding: 'der' },
        derSignature,
      );
    },
    async signEcdsaP256(privateKey, parts) {
      return crypto.sign('sha256', joined(parts), { key: derPrivate(privateKey), dsaEncoding: 'der' });
    },
    async verifyRsaSha256(publicKey, signature, parts) {
      // A DER key of another type is refused here, so an EC key cannot stand in for an RSA one.
      const key = derPublic(publicKey);
      if (key.asymmetricKeyType !== 'rsa') throw new TypeError('the public key is not an RSA key');
      return crypto.verify(
        'sha256',
        joined(parts),
        { key, padding: crypto.constants.RSA_PKCS1_PADDING },
        signature,
      );
    },
    async signRsaSha256(privateKey, parts) {
      return crypto.sign('sha256', joined(parts), {
        key: derPrivate(privateKey),
        padding: crypto.constants.RSA_PKCS1_PADDING,
      });
    },
  };
}

/**
 * `node:crypto` where the runtime really has it. Edge sandboxes (Next.js, Vercel) define a
 * `process` whose unsupported members throw when touched, so look without touching there.
 */
function loadNodeCrypto(): typeof NodeCrypto | undefined {
  if (typeof (globalThis as { EdgeRuntime?: unknown }).EdgeRuntime === 'string') return undefined;
  try {
    const process = (globalThis as { process?: { getBuiltinModule?: GetBuiltin } }).process;
    const getBuiltin = process?.getBuiltinModule;
    return typeof getBuiltin === 'function' ? getBuiltin.call(process, 'node:crypto') : undefined;
  } catch {
    return undefined;
  }
}
