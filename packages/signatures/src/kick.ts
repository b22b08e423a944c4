import { fromBase64, toBase64 } from './encoding.js';
import { WebhookError } from './errors.js';
import { derFromPemOrBase64 } from './pem.js';
import { createPublicKeyScheme, type PublicKeySchemeOptions } from './public-key-scheme.js';
import type { Scheme } from './types.js';

/**
 * Options of {@link kick}. `publicKey` is Kick's webhook public key (PEM, or base64 SPKI DER),
 * as `GET https://api.kick.com/public/v1/public-key` returns it; `privateKey` a PKCS#8 key
 * (PEM or base64 DER) for signing in tests. @default tolerance 300 s, both ways
 */
export interface KickOptions extends PublicKeySchemeOptions {}

/**
 * Kick webhooks: `Kick-Event-Signature` is the base64 RSASSA-PKCS1-v1_5 / SHA-256 signature of
 * `<Kick-Event-Message-Id>.<Kick-Event-Message-Timestamp>.<raw body>`, the timestamp an RFC 3339
 * date-time (docs.kick.com/events/webhook-security). The message id is signed: it is the
 * delivery id (Kick may deliver an event twice). Kick signs with one key for every app, so a
 * delivery to another app verifies here too: check the body's broadcaster. Type and version
 * headers are not signed.
 *
 * @example
 * ```ts
 * const scheme = kick({ publicKey: process.env.KICK_PUBLIC_KEY! });
 * ```
 */
export function kick(options: KickOptions): Scheme {
  return createPublicKeyScheme(
    {
      name: 'kick',
      keyLabel: 'Kick public key',
      algorithm: 'rsa-sha256',
      signatureHeader: 'Kick-Event-Signature',
      timestampHeader: 'Kick-Event-Message-Timestamp',
      idHeader: 'Kick-Event-Message-Id',
      separator: '.',
      timestampFormat: 'rfc3339',
      defaultTolerance: 300,
      decodeSignature: (header) => {
        const bytes = fromBase64(header);
        return bytes && bytes.length >= 128 ? bytes : undefined;
      },
      signatureShape: 'base64 of an RSA signature',
      encodeSignature: toBase64,
      preparePublicKey: (key) => ({ bytes: decodeKey(key, 'Kick public key') }),
      preparePrivateKey: (key) => ({ bytes: decodeKey(key, 'Kick private key') }),
      mismatchHint: "pass the raw body bytes exactly as received and Kick's current public key",
    },
    options,
  );
}

function decodeKey(key: string, what: string): Uint8Array {
  const bytes = derFromPemOrBase64(key);
  if (!bytes) throw new WebhookError('INVALID_SECRET', `the ${what} is neither PEM nor base64 DER`);
  return bytes;
}
