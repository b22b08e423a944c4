import {
  type CryptoProvider,
  ED25519_PKCS8_PREFIX,
  type HashAlgorithm,
  type KeyMaterial,
  type SignedParts,
} from './crypto-provider.js';
import { ecdsaDerToRaw, ecdsaRawToDer } from './ecdsa-der.js';
import { concatBytes, toBytes } from './encoding.js';

const HASH_NAMES: Record<HashAlgorithm, string> = { sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' };
const ECDSA_IMPORT = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ECDSA_SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

/**
 * The methods of a Web Crypto `SubtleCrypto` that {@link createWebCrypto} calls, as a shape of
 * its own: `SubtleCrypto` itself is a DOM (or Workers) library type, so naming it in a public
 * signature would fail a Node project compiled without those libraries. Every runtime's
 * `crypto.subtle` fits.
 */
export interface SubtleCryptoLike {
  importKey(...args: never[]): Promise<unknown>;
  sign(...args: never[]): Promise<ArrayBuffer>;
  verify(...args: never[]): Promise<boolean>;
  digest(...args: never[]): Promise<ArrayBuffer>;
}

/**
 * The Web Crypto provider, for edge runtimes, Workers, Deno and Bun. Imported keys are cached
 * per {@link KeyMaterial}, so each secret is imported once.
 *
 * @example
 * ```ts
 * const scheme = standardWebhooks({ secret, crypto: createWebCrypto() });
 * ```
 */
export function createWebCrypto(subtleCrypto: SubtleCryptoLike = globalThis.crypto.subtle): CryptoProvider {
  const subtle = subtleCrypto as SubtleCrypto;
  const keys = new WeakMap<KeyMaterial, Map<string, CryptoKey | Promise<CryptoKey>>>();

  /**
   * The imported key of some material: a promise while it is imported, then the key itself,
   * so that signing with a known secret waits on nothing but `subtle.sign`.
   */
  function cached(
    material: KeyMaterial,
    kind: string,
    make: (bytes: Uint8Array) => Promise<CryptoKey>,
  ): CryptoKey | Promise<CryptoKey> {
    let byKind = keys.get(material);
    if (!byKind) {
      byKind = new Map();
      keys.set(material, byKind);
    }
    const known = byKind.get(kind);
    if (known) return known;
    const importing = make(material.bytes);
    byKind.set(kind, importing);
    importing.then(
      (key) => byKind.set(kind, key),
      // A key that failed to import is not kept, so a corrected call is not poisoned.
      () => byKind.delete(kind),
    );
    return importing;
  }

  const hmacKey = (key: KeyMaterial, algorithm: HashAlgorithm) =>
    cached(key, algorithm, (raw) =>
      subtle.importKey('raw', view(raw), { name: 'HMAC', hash: HASH_NAMES[algorithm] }, false, ['sign']),
    );
  const signHmac = (cryptoKey: CryptoKey, parts: SignedParts) =>
    subtle.sign('HMAC', cryptoKey, joined(parts)).then(bytes);

  const bytes = (buffer: ArrayBuffer) => new Uint8Array(buffer);
  const scratch = createScratch();
  // Web Crypto signs one buffer: parts are joined, except a lone body, signed as it is. Only
  // pass the result straight to `subtle`, with no await in between (see createScratch).
  const joined = (parts: SignedParts) =>
    parts.length === 1 && typeof parts[0] !== 'string' ? view(parts[0]!) : scratch.join(parts);
  // Web Crypto's types want ArrayBuffer-backed views; our inputs never use SharedArrayBuffer.
  const view = (data: Uint8Array) => data as Uint8Array<ArrayBuffer>;

  return {
    name: 'web',
    hmac(algorithm, key, parts) {
      const cryptoKey = hmacKey(key, algorithm);
      // Not `instanceof Promise`: an edge sandbox (Next.js) hands promises of another realm.
      return 'then' in cryptoKey
        ? cryptoKey.then((imported) => signHmac(imported, parts))
        : signHmac(cryptoKey, parts);
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
    async verifyRsaSha256(publicKey, signature, parts) {
      const cryptoKey = await cached(publicKey, 'rsa-public', (der) =>
        subtle.importKey('spki', view(der), RSA_IMPORT, false, ['verify']),
      );
      return subtle.verify(RSA_IMPORT.name, cryptoKey, view(signature), joined(parts));
    },
    async signRsaSha256(privateKey, parts) {
      const cryptoKey = await cached(privateKey, 'rsa-private', (der) =>
        subtle.importKey('pkcs8', view(der), RSA_IMPORT, false, ['sign']),
      );
      return bytes(await subtle.sign(RSA_IMPORT.name, cryptoKey, joined(parts)));
    },
  };
}

/** RSASSA-PKCS1-v1_5 with SHA-256 (Kick, Wise). */
const RSA_IMPORT = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** Bodies up to this size are joined in the reused buffer; larger ones get a copy of their own. */
const SCRATCH_MAX_BYTES = 4 * 1024 * 1024;

/**
 * One buffer, reused, to join a signature's parts into (Stripe's `t.` and the body). A new
 * copy of the body for every call (zero-filled, and counted as external memory, which makes
 * V8 collect sooner) cost as much as the HMAC itself at 256 KiB. Reuse is safe because
 * `subtle.sign` and `subtle.verify` copy their data before they return (Web Crypto: "let data
 * be the result of getting a copy of the bytes held by the data parameter"), and nothing
 * else runs between the join and that call.
 *
 * The body (the last part) is copied to the same offset modulo 64 as it has in its own
 * buffer: on some CPUs (measured on AMD EPYC) `memmove` runs 15× slower when the destination
 * is a few bytes past the source modulo a cache line, as it was behind Stripe's 11-byte
 * prefix. Large buffers start at the same offset in a page, so this keeps the two aligned.
 */
function createScratch() {
  let buffer = new Uint8Array(0);
  return {
    join(parts: SignedParts): Uint8Array<ArrayBuffer> {
      const chunks = parts.map(toBytes);
      let length = 0;
      for (const chunk of chunks) length += chunk.length;
      if (length > SCRATCH_MAX_BYTES) return concatBytes(chunks);
      const body = chunks[chunks.length - 1]!;
      const start = (((body.byteOffset - (length - body.length)) % 64) + 64) % 64;
      if (buffer.length < start + length) {
        buffer = new Uint8Array(Math.max(start + length, 2 * buffer.length, 4096) + 64);
      }
      let offset = start;
      for (const chunk of chunks) {
        buffer.set(chunk, offset);
        offset += chunk.length;
      }
      return buffer.subarray(start, start + length);
    },
  };
}
