import { toBase64, toHex } from '@hookgate/signatures';

/** A key pair in the formats a scheme takes: `publicKey` verifies, `privateKey` signs. */
export interface TestKeyPair {
  publicKey: string;
  privateKey: string;
}

/** Providers that sign with a private key. */
export type KeyPairProvider = 'discord' | 'sendgrid' | 'standard-webhooks' | 'telnyx' | 'kick' | 'wise';

/**
 * A fresh key pair for a provider that signs with a private key, in the formats hookgate's
 * schemes take: Discord hex (public key and Ed25519 seed), SendGrid base64 SPKI and PKCS#8,
 * Standard Webhooks `whpk_` and `whsk_`. Web Crypto only, so it runs wherever tests run.
 *
 * @example
 * ```ts
 * const keys = await generateTestKeys('discord');
 * const scheme = discord({ publicKey: keys.publicKey, privateKey: keys.privateKey });
 * ```
 */
export async function generateTestKeys(provider: KeyPairProvider): Promise<TestKeyPair> {
  const subtle = globalThis.crypto.subtle;
  if (provider === 'kick' || provider === 'wise') {
    // Kick and Wise sign with RSA (PKCS#1 v1.5, SHA-256); the scheme takes base64 DER as well as PEM.
    const pair = await subtle.generateKey(
      {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: 2048,
        publicExponent: Uint8Array.of(1, 0, 1),
        hash: 'SHA-256',
      },
      true,
      ['sign', 'verify'],
    );
    return {
      publicKey: toBase64(new Uint8Array(await subtle.exportKey('spki', pair.publicKey))),
      privateKey: toBase64(new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey))),
    };
  }
  if (provider === 'sendgrid') {
    const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    return {
      publicKey: toBase64(new Uint8Array(await subtle.exportKey('spki', pair.publicKey))),
      privateKey: toBase64(new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey))),
    };
  }
  const pair = (await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  // PKCS#8 of an Ed25519 key is a fixed 16-byte prefix followed by the 32-byte seed (RFC 8410).
  const seed = new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey)).slice(-32);
  if (provider === 'discord') return { publicKey: toHex(publicKey), privateKey: toHex(seed) };
  if (provider === 'telnyx') return { publicKey: toBase64(publicKey), privateKey: toBase64(seed) };
  const both = new Uint8Array(64);
  both.set(seed, 0);
  both.set(publicKey, 32);
  return { publicKey: `whpk_${toBase64(publicKey)}`, privateKey: `whsk_${toBase64(both)}` };
}
