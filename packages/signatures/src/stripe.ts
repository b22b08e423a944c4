import { WebhookError } from './errors.js';
import { requireHeader } from './headers.js';
import { type HmacSpec, signHmac, verifyHmac } from './hmac-scheme.js';
import { cryptoOf, type HmacSchemeOptions } from './options.js';
import { refuseWrongKind, STRIPE_API_KEY } from './secret-checks.js';
import { createKeyring, utf8Key } from './secrets.js';
import {
  checkTimestamp,
  parseTimestamp,
  signingTimestamp,
  type TimestampOptions,
  widestWindow,
} from './timestamp.js';
import type { Scheme } from './types.js';

/** Options of {@link stripe}. */
export interface StripeOptions extends HmacSchemeOptions, TimestampOptions {}

const HEADER = 'Stripe-Signature';
const MISMATCH =
  'no v1 signature in Stripe-Signature matches the raw body; pass the body bytes exactly as received and the endpoint secret (whsec_…) of this endpoint';

/**
 * Stripe: `Stripe-Signature: t=<ts>,v1=<hex>[,v1=…]`, HMAC-SHA256 over `t.body`, keyed with the
 * whole `whsec_…` string (not base64-decoded). Tolerance 300 s, in both directions by default.
 *
 * @example
 * ```ts
 * const scheme = stripe({ secret: process.env.STRIPE_WEBHOOK_SECRET! });
 * const { timestamp } = await scheme.verify({ headers, body });
 * ```
 */
export function stripe(options: StripeOptions): Scheme {
  const spec: HmacSpec = {
    crypto: cryptoOf(options),
    keyring: createKeyring(options.secret, stripeKey, 'Stripe webhook secret'),
    algorithm: 'sha256',
    encoding: 'hex',
  };
  return {
    name: 'stripe',
    toleranceSeconds: widestWindow(options, 300),
    async verify(request) {
      const { timestamp, signatures } = parseStripeHeader(requireHeader(request.headers, HEADER));
      const found = verifyHmac(spec, request, [`${timestamp}.`, request.body], signatures, MISMATCH);
      const secretIndex = typeof found === 'number' ? found : await found;
      // Stripe checks the signature before the timestamp; so do we, so that a stale genuine
      // delivery is reported as stale, not as forged.
      checkTimestamp(timestamp, request.now ?? Date.now(), options, 300);
      return { scheme: 'stripe', timestamp, secretIndex, version: 'v1' };
    },
    async sign(input) {
      const timestamp = signingTimestamp(input.timestamp);
      return { [HEADER]: `t=${timestamp},v1=${await signHmac(spec, input, [`${timestamp}.`, input.body])}` };
    },
  };
}

const stripeKey = /* @__PURE__ */ refuseWrongKind(
  utf8Key,
  STRIPE_API_KEY,
  "the endpoint's signing secret (whsec_…, Dashboard → Webhooks)",
);

/**
 * Parses `t=…,v1=…` the way Stripe documents it: comma-separated `key=value` pairs, no
 * whitespace, any order; entries other than `t` and `v1` (such as `v0`) are ignored.
 */
function parseStripeHeader(header: string): { timestamp: number; signatures: string[] } {
  let timestamp: string | undefined;
  const signatures: string[] = [];
  // The items between commas, walked with indexOf: no array of items, no slice of a key.
  // `equals` is the next '=' at or after `start` (past the end when there is none), searched
  // again only once passed, so that a header of many items without '=' stays linear.
  let equals = -1;
  for (let start = 0; start <= header.length; ) {
    let end = header.indexOf(',', start);
    if (end < 0) end = header.length;
    if (equals < start) {
      equals = header.indexOf('=', start);
      if (equals < 0) equals = header.length + 1;
    }
    if (equals < end) {
      const keyLength = equals - start;
      if (keyLength === 1 && header.charCodeAt(start) === 116 /* t */) {
        const value = header.slice(equals + 1, end);
        if (timestamp !== undefined && timestamp !== value) {
          throw new WebhookError('MALFORMED_HEADER', 'Stripe-Signature has more than one t= timestamp');
        }
        timestamp = value;
      } else if (keyLength === 2 && header.startsWith('v1', start)) {
        signatures.push(header.slice(equals + 1, end));
      }
    }
    start = end + 1;
  }
  if (timestamp === undefined)
    throw new WebhookError('MALFORMED_HEADER', 'Stripe-Signature has no t= timestamp');
  if (signatures.length === 0) throw new WebhookError('MALFORMED_HEADER', 'Stripe-Signature has no v1 entry');
  return { timestamp: parseTimestamp(timestamp, 'the t= timestamp of Stripe-Signature'), signatures };
}
