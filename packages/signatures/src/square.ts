import { WebhookError } from './errors.js';
import { requireHeader } from './headers.js';
import { type HmacSpec, signHmac, verifyHmac } from './hmac-scheme.js';
import { cryptoOf, type HmacSchemeOptions } from './options.js';
import { createKeyring, utf8Key } from './secrets.js';
import type { Scheme } from './types.js';

/** Options of {@link square}. `secret` is the subscription's signature key. */
export interface SquareOptions extends HmacSchemeOptions {
  /**
   * The notification URL exactly as registered in the Square Developer Console; Square signs
   * it, not the URL the request reached (which a proxy or load balancer may rewrite).
   * @default the request's `url`
   */
  notificationUrl?: string | undefined;
}

const HEADER = 'x-square-hmacsha256-signature';

/**
 * Square: `x-square-hmacsha256-signature` carries the padded base64 HMAC-SHA256 over the
 * notification URL followed by the raw body, keyed with the signature key's UTF-8 bytes
 * (`WebhooksHelper.verifySignature`). No timestamp is signed, and there is no delivery-id
 * header (the id is the payload's `event_id`). The legacy SHA-1 `x-square-signature` is not
 * accepted.
 *
 * @example
 * ```ts
 * const scheme = square({
 *   secret: process.env.SQUARE_SIGNATURE_KEY!,
 *   notificationUrl: 'https://example.com/webhooks/square',
 * });
 * ```
 */
export function square(options: SquareOptions): Scheme {
  const spec: HmacSpec = {
    crypto: cryptoOf(options),
    keyring: createKeyring(options.secret, utf8Key, 'Square signature key'),
    algorithm: 'sha256',
    encoding: 'base64',
  };
  return {
    name: 'square',
    async verify(request) {
      const signature = requireHeader(request.headers, HEADER);
      const url = notificationUrl(options.notificationUrl ?? request.url);
      const secretIndex = await verifyHmac(
        spec,
        request,
        [url, request.body],
        [signature],
        `${HEADER} does not match the notification URL and raw body; check that the URL is exactly the one registered with Square (pass notificationUrl), the body bytes are as received and the signature key is this subscription's`,
      );
      return { scheme: 'square', secretIndex, contentKey: signature };
    },
    async sign(input) {
      const url = notificationUrl(input.url ?? options.notificationUrl);
      return { [HEADER]: await signHmac(spec, input, [url, input.body]) };
    },
  };
}

function notificationUrl(url: string | undefined): string {
  // A configuration error, not the sender's: without the URL no Square signature can verify.
  if (!url) {
    throw new WebhookError(
      'INVALID_SECRET',
      'square needs the notification URL: pass notificationUrl or the request url',
    );
  }
  return url;
}
