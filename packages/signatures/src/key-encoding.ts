import { fromBase64, fromHex } from './encoding.js';
import { WebhookError } from './errors.js';
import type { KeyEncoding } from './hmac-preset.js';
import { type PrepareKey, utf8Key } from './secrets.js';

/**
 * The key preparation of an encoding: a secret that does not decode is refused at start-up
 * with `INVALID_SECRET`, naming the provider, rather than failing every delivery later.
 */
export function keyPreparer(encoding: KeyEncoding, label: string): PrepareKey {
  if (encoding === 'utf8') return utf8Key;
  return (secret) => {
    const text = encoding === 'whsec' && secret.startsWith('whsec_') ? secret.slice(6) : secret;
    const bytes = encoding === 'hex' ? fromHex(text) : fromBase64(text);
    if (!bytes || bytes.length === 0) {
      throw new WebhookError(
        'INVALID_SECRET',
        `the ${label} secret is not ${encoding === 'hex' ? 'hex' : 'base64'}; copy it exactly as the provider's dashboard shows it`,
      );
    }
    return { bytes };
  };
}
