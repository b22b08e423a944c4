import type { CryptoProvider } from './crypto-provider.js';
import { fromBase64, toBase64 } from './encoding.js';
import { WebhookError } from './errors.js';
import { getHeader, requireHeader } from './headers.js';
import { cryptoOf } from './options.js';
import { derFromPemOrBase64 } from './pem.js';
import { createKeyring } from './secrets.js';
import type { Scheme, SecretSource } from './types.js';

/**
 * Options of {@link wise}. `publicKey` is Wise's webhook public key for your environment
 * (production or sandbox, PEM or base64 SPKI DER); `privateKey` a PKCS#8 RSA key, for signing
 * in tests.
 */
export interface WiseOptions {
  /** Wise's public key(s); several while Wise rotates; or a lookup. */
  publicKey: SecretSource;
  /** A private key for signing (tests and simulated senders). */
  privateKey?: string | undefined;
  /** The cryptography to use. @default `node:crypto` where available, else Web Crypto */
  crypto?: CryptoProvider | undefined;
}

const SIGNATURE = 'X-Signature-SHA256';
const DELIVERY = 'X-Delivery-Id';

/**
 * Wise (TransferWise) webhooks: `X-Signature-SHA256` is the base64 RSASSA-PKCS1-v1_5 /
 * SHA-256 signature of the raw body with Wise's private key (docs.wise.com/api-docs/guides/
 * webhooks, "Event HTTP requests"). Nothing else is signed: no timestamp, and the
 * `X-Delivery-Id` header is reported but not signed, so replays are keyed on the body.
 *
 * @example
 * ```ts
 * const scheme = wise({ publicKey: process.env.WISE_WEBHOOK_PUBLIC_KEY! });
 * ```
 */
export function wise(options: WiseOptions): Scheme {
  const crypto = cryptoOf(options);
  const publicKeys = createKeyring(
    options.publicKey,
    (key) => ({ bytes: decodeKey(key, 'Wise public key') }),
    'Wise public key',
  );
  const privateKey =
    options.privateKey === undefined
      ? undefined
      : { bytes: decodeKey(options.privateKey, 'Wise private key') };
  return {
    name: 'wise',
    async verify(request) {
      const header = requireHeader(request.headers, SIGNATURE);
      const signature = fromBase64(header);
      if (!signature || signature.length < 128) {
        throw new WebhookError('MALFORMED_HEADER', `${SIGNATURE} is not base64 of an RSA signature`);
      }
      const keys = await publicKeys.keys(request);
      let secretIndex = -1;
      for (let index = 0; index < keys.length && secretIndex < 0; index++) {
        let valid: boolean;
        try {
          valid = (await crypto.verifyRsaSha256?.(keys[index]!, signature, [request.body])) ?? false;
        } catch (cause) {
          throw new WebhookError('INVALID_SECRET', 'the Wise public key could not be imported', { cause });
        }
        if (valid) secretIndex = index;
      }
      if (secretIndex < 0) {
        throw new WebhookError(
          'INVALID_SIGNATURE',
          `${SIGNATURE} does not match; pass the raw body bytes exactly as received and the public key of your Wise environment`,
        );
      }
      return { scheme: 'wise', id: getHeader(request.headers, DELIVERY), secretIndex };
    },
    async sign(input) {
      if (!privateKey || !crypto.signRsaSha256) {
        throw new WebhookError(
          'INVALID_SECRET',
          'wise needs a privateKey (and RSA in the crypto provider) to sign',
        );
      }
      const signature = await crypto.signRsaSha256(privateKey, [input.body]);
      return { [SIGNATURE]: toBase64(signature), [DELIVERY]: input.id ?? globalThis.crypto.randomUUID() };
    },
  };
}

function decodeKey(key: string, what: string): Uint8Array {
  const bytes = derFromPemOrBase64(key);
  if (!bytes) throw new WebhookError('INVALID_SECRET', `the ${what} is neither PEM nor base64 DER`);
  return bytes;
}
