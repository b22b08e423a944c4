import { WebhookError } from './errors.js';
import { getHeader } from './headers.js';
import { type HmacSpec, signHmac, verifyHmac } from './hmac-scheme.js';
import { cryptoOf, type HmacSchemeOptions, randomId } from './options.js';
import { createKeyring, utf8Key } from './secrets.js';
import type { Scheme } from './types.js';

/** Options of {@link shopify}. `secret` is the app's client secret (API secret key). */
export interface ShopifyOptions extends HmacSchemeOptions {}

const SIGNATURE = 'X-Shopify-Hmac-Sha256';
const WEBHOOK_ID = 'X-Shopify-Webhook-Id';
// Shopify's "Events" webhooks send the same headers without the `X-` prefix; the SDK's
// `webhooks.validate()` switches to that set when `shopify-hmac-sha256` is present.
const EVENTS_SIGNATURE = 'shopify-hmac-sha256';
const EVENTS_WEBHOOK_ID = 'shopify-webhook-id';
const EVENTS_EVENT_ID = 'shopify-event-id';

/**
 * Shopify: `X-Shopify-Hmac-Sha256` (or, for Events webhooks, `shopify-hmac-sha256`) carries
 * the padded base64 HMAC-SHA256 of the raw body, keyed with the client secret's UTF-8 bytes.
 * No timestamp is signed, so there is no freshness check; replays are caught by the delivery
 * id (`X-Shopify-Webhook-Id`, or `shopify-webhook-id` / `shopify-event-id`), which is required:
 * a delivery without it is refused as `MISSING_HEADER`, as Shopify's library does.
 *
 * @example
 * ```ts
 * const scheme = shopify({ secret: process.env.SHOPIFY_API_SECRET! });
 * const { id } = await scheme.verify({ headers, body });
 * ```
 */
export function shopify(options: ShopifyOptions): Scheme {
  const spec: HmacSpec = {
    crypto: cryptoOf(options),
    keyring: createKeyring(options.secret, utf8Key, 'Shopify client secret'),
    algorithm: 'sha256',
    encoding: 'base64',
  };
  return {
    name: 'shopify',
    async verify(request) {
      // Take signature and id from one header set, never a mix (the SDK prefers Events).
      const events = getHeader(request.headers, EVENTS_SIGNATURE);
      const signature = events ?? getHeader(request.headers, SIGNATURE);
      if (signature === undefined) throw new WebhookError('MISSING_HEADER', `${SIGNATURE} header is missing`);
      const name = events === undefined ? SIGNATURE : EVENTS_SIGNATURE;
      // Shopify's library refuses a delivery without its webhook id (\`webhooks.validate()\`
      // reports the missing header): every genuine delivery carries one, and it is the replay key.
      const id =
        events === undefined
          ? getHeader(request.headers, WEBHOOK_ID)
          : (getHeader(request.headers, EVENTS_WEBHOOK_ID) ?? getHeader(request.headers, EVENTS_EVENT_ID));
      if (id === undefined) {
        throw new WebhookError(
          'MISSING_HEADER',
          `${events === undefined ? WEBHOOK_ID : EVENTS_WEBHOOK_ID} header is missing or empty; Shopify sends it with every delivery`,
        );
      }
      const secretIndex = await verifyHmac(
        spec,
        request,
        [request.body],
        [signature],
        `${name} does not match the raw body; pass the body bytes exactly as received and the app's client secret`,
      );
      return { scheme: 'shopify', id, secretIndex, contentKey: signature };
    },
    async sign(input) {
      return { [SIGNATURE]: await signHmac(spec, input, [input.body]), [WEBHOOK_ID]: input.id ?? randomId() };
    },
  };
}
