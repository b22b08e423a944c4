import {
  type CryptoProvider,
  ED25519_PKCS8_PREFIX,
  type HashAlgorithm,
  type KeyMaterial,
  type SignedParts,
} from './crypto-provider.js';
import { ecdsaDerToRaw, ecdsaRawToDer } from './ecdsa-der.js';
import { concatBytes } from './encoding.js';

const HASH_NAMES: Record<HashAlgorithm, string> = { sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' };
const ECDSA_IMPORT = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ECDSA_SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

/**
 * The Web Crypto provider, for edge runtimes, Workers, Deno and Bun. Imported keys are cached
 * per {@link KeyMaterial}, so each secret is imported once.
 *
 * @example
 * ```ts
 * const scheme = standardWebhooks({ secret, crypto: createWebCrypto() });
 * ```
 */
export function createWebCrypto(subtle: SubtleCrypto = globalThis.crypto.subtle): CryptoProvider {
  const keys = new WeakMap<KeyMaterial, Map<string, Promise<CryptoKey>>>();

  function cached(material: KeyMaterial, kind: string, make: (bytes: Uint8Array) => Promise<CryptoKey>) {
    let byKind = keys.get(material);
    if (!byKind) {
      byKind = new Map();
      keys.set(material, byKind);
    }
    let key = byKind.get(kind);
    if (!key) {
      key = make(material.bytes);
      byKind.set(kind, key);
      // A key that failed to import is not kept, so a corrected call is not poisoned.
      key.catch(() => byKind.delete(kind));
    }
    return key;
  }

  const bytes = (buffer: ArrayBuffer) => new Uint8Array(buffer);
  // Web Crypto signs one buffer: parts are joined into a copy, except a lone body, signed as it is.
  const joined = (parts: SignedParts) =>
    parts.length === 1 && typeof parts[0] !== 'string' ? view(parts[0]!) : concatBytes(parts);
  // Web Crypto's types want ArrayBuffer-backed views; our inputs never use SharedArrayBuffer.
  const view = (data: Uint8Array) => data as Uint8Array<ArrayBuffer>;

  return {
    name: 'web',
    async hmac(algorithm, key, parts) {
      const cryptoKey = await cached(key, `hmac-${algorithm}`, (raw) =>
        subtle.importKey('raw', view(raw), { name: 'HMAC', hash: HASH_NAMES[algorithm] }, false, ['sign']),
      );
      return bytes(await subtle.sign('HMAC', cryptoKey, joined(parts)));
    },
    async digest(algorithm, data) {
      return bytes(await subtle.digest(HASH_NAMES[algorithm], view(data)));
    },
    async verifyEd25519(publicKey, signature, parts) {
      const cryptoKey = await cached(publicKey, 'ed25519-public', (raw) =>
        subtle.importKey('raw', view(raw), { name: 'Ed25519' }, false, ['verify']),
      );
      return subtle.verify({ name: 'Ed25519' }, cryptoKey, view(signature), joined(parts));
    },
    async signEd25519(seed, parts) {
      const cryptoKey = await cached(seed, 'ed25519-private', (raw) =>
        subtle.importKey('pkcs8', concatBytes([ED25519_PKCS8_PREFIX, raw]), { name: 'Ed25519' }, false, [
          'sign',
        ]),
      );
      return bytes(await subtle.sign({ name: 'Ed25519' }, cryptoKey, joined(parts)));
    },
    async verifyEcdsaP256(publicKey, derSignature, parts) {
      const raw = ecdsaDerToRaw(derSignature);
      if (!raw) return false;
      const cryptoKey = await cached(publicKey, 'ecdsa-public', (der) =>
        subtle.importKey('spki', view(der), ECDSA_IMPORT, false, ['verify']),
      );
      return subtle.verify(ECDSA_SIGN, cryptoKey, view(raw), joined(parts));
    },
    async signEcdsaP256(privateKey, parts) {
      const cryptoKey = await cached(privateKey, 'ecdsa-private', (der) =>
        subtle.importKey('pkcs8', view(der), ECDSA_IMPORT, false, ['sign']),
      );
      return ecdsaRawToDer(bytes(await subtle.sign(ECDSA_SIGN, cryptoKey, joined(parts))));
    },
  };
}
