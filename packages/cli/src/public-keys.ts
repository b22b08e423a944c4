import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { WebhookError } from '@hookgate/signatures';

/** PKCS#8 DER prefix of a 32-byte Ed25519 seed (RFC 8410 §7). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The public key, in the format the provider's scheme takes, of a private key given to
 * `sign`/`send`: Telnyx a base64 32-byte Ed25519 seed (public key: base64 raw), Kick an RSA key
 * as PEM or base64 PKCS#8 DER (public key: base64 SPKI DER).
 */
export function publicKeyOf(provider: string, privateKey: string): string {
  try {
    if (provider === 'telnyx') {
      const seed = Buffer.from(privateKey, 'base64');
      if (seed.length !== 32) throw new Error('not 32 bytes');
      const key = createPrivateKey({
        key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
        format: 'der',
        type: 'pkcs8',
      });
      return Buffer.from(createPublicKey(key).export({ format: 'jwk' }).x!, 'base64url').toString('base64');
    }
    return createPublicKey(pkcs8(privateKey)).export({ type: 'spki', format: 'der' }).toString('base64');
  } catch (cause) {
    throw new WebhookError(
      'INVALID_SECRET',
      provider === 'telnyx'
        ? 'telnyx signs with the private key: give the 32-byte Ed25519 seed in base64'
        : `${provider} signs with the private key: give it as PEM or base64 PKCS#8 DER`,
      { cause },
    );
  }
}

function pkcs8(key: string): KeyObject {
  return key.includes('-----BEGIN')
    ? createPrivateKey(key)
    : createPrivateKey({ key: Buffer.from(key, 'base64'), format: 'der', type: 'pkcs8' });
}
