import { fromBase64, toBase64 } from './encoding.js';
import { WebhookError } from './errors.js';
import { createPublicKeyScheme, type PublicKeySchemeOptions } from './public-key-scheme.js';
import type { Scheme } from './types.js';

/**
 * Options of {@link telnyx}. `publicKey` is the account's public key from the Mission Control
 * Portal (base64 of the 32-byte Ed25519 key); `privateKey` a base64 32-byte seed, for signing
 * in tests. @default tolerance 300 s, both ways
 */
export interface TelnyxOptions extends PublicKeySchemeOptions {}

/**
 * Telnyx API v2 webhooks: `telnyx-signature-ed25519` is the base64 Ed25519 signature of
 * `<telnyx-timestamp>|<raw body>` (developers.telnyx.com/docs/messaging/messages/
 * receiving-webhooks, "Webhook signing"; the SDKs' default window is 300 s). The event id is in
 * the body (`data.id`).
 *
 * @example
 * ```ts
 * const scheme = telnyx({ publicKey: process.env.TELNYX_PUBLIC_KEY! });
 * ```
 */
export function telnyx(options: TelnyxOptions): Scheme {
  return createPublicKeyScheme(
    {
      name: 'telnyx',
      keyLabel: 'Telnyx public key',
      algorithm: 'ed25519',
      signatureHeader: 'telnyx-signature-ed25519',
      timestampHeader: 'telnyx-timestamp',
      separator: '|',
      defaultTolerance: 300,
      decodeSignature: (header) => {
        const bytes = fromBase64(header);
        return bytes?.length === 64 ? bytes : undefined;
      },
      signatureShape: 'base64 of a 64-byte Ed25519 signature',
      encodeSignature: toBase64,
      preparePublicKey: (key) => ({ bytes: decodeKey(key, 'Telnyx public key') }),
      preparePrivateKey: (key) => ({ bytes: decodeKey(key, 'Telnyx private key (Ed25519 seed)') }),
      mismatchHint:
        'pass the raw body bytes exactly as received and the public key of the Mission Control Portal',
    },
    options,
  );
}

function decodeKey(key: string, what: string): Uint8Array {
  const bytes = fromBase64(key);
  if (bytes?.length !== 32) throw new WebhookError('INVALID_SECRET', `the ${what} is not base64 of 32 bytes`);
  return bytes;
}
