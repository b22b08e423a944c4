import { WebhookError } from './errors.js';
import { requireHeader } from './headers.js';
import { type HmacSpec, signHmac, verifyHmac } from './hmac-scheme.js';
import { cryptoOf, type HmacSchemeOptions } from './options.js';
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
    keyring: createKeyring(options.secret, utf8Key, 'Stripe webhook secret'),
    algorithm: 'sha256',
    encoding: 'hex',
  };
  return {
    name: 'stripe',
    signatureHeaders: ['stripe-signature'],
    toleranceSeconds: widestWindow(options, 300),
    async verify(request) {
      const { timestamp, signatures } = parseStripeHeader(requireHeader(request.headers, HEADER));
      const secretIndex = await verifyHmac(
        spec,
        request,
        [`${timestamp}.`, request.body],
        signatures,
        'no v1 signature in Stripe-Signature matches the raw body; pass the body bytes exactly as received and the endpoint secret (whsec_…) of this endpoint',
      );
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

/**
 * Parses `t=…,v1=…` the way Stripe documents it: comma-separated `key=value` pairs, no
 * whitespace, any order; entries other than `t` and `v1` (such as `v0`) are ignored.
 */
function parseStripeHeader(header: string): { timestamp: number; signatures: string[] } {
  let timestamp: string | undefined;
  const signatures: string[] = [];
  for (const item of header.split(',')) {
    const equals = item.indexOf('=');
    if (equals < 0) continue;
    const key = item.slice(0, equals);
    const value = item.slice(equals + 1);
    if (key === 't') {
      if (timestamp !== undefined && timestamp !== value) {
        throw new WebhookError('MALFORMED_HEADER', 'Stripe-Signature has more than one t= timestamp');
      }
      timestamp = value;
    } else if (key === 'v1') {
      signatures.push(value);
    }
  }
  if (timestamp === undefined)
    throw new WebhookError('MALFORMED_HEADER', 'Stripe-Signature has no t= timestamp');
  if (signatures.length === 0) throw new WebhookError('MALFORMED_HEADER', 'Stripe-Signature has no v1 entry');
  return { timestamp: parseTimestamp(timestamp, 'the t= timestamp of Stripe-Signature'), signatures };
}
