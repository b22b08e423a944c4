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

/**
 * Options of {@link paddle}. `secret` is the notification destination's secret key
 * (`pdl_ntfset_…`), used as is. `tolerance` defaults to 5 s, the Paddle SDK's window.
 */
export interface PaddleOptions extends HmacSchemeOptions, TimestampOptions {}

const HEADER = 'Paddle-Signature';

/**
 * Paddle Billing: `Paddle-Signature: ts=<unix s>;h1=<hex>[;h1=…]`, HMAC-SHA256 over
 * `<ts>:<body>` keyed with the secret key's UTF-8 bytes. Every `h1` entry is tried (Paddle
 * sends several while a secret is rotated; paddle-node-sdk keeps only the last one). Unknown
 * entries such as `h2` are ignored. Tolerance 5 s, as in paddle-node-sdk, but in both
 * directions by default. Paddle has no delivery-id header (the id is the payload's
 * `notification_id`).
 *
 * @example
 * ```ts
 * const scheme = paddle({ secret: process.env.PADDLE_WEBHOOK_SECRET!, tolerance: 30 });
 * ```
 */
export function paddle(options: PaddleOptions): Scheme {
  const spec: HmacSpec = {
    crypto: cryptoOf(options),
    keyring: createKeyring(options.secret, utf8Key, 'Paddle secret key'),
    algorithm: 'sha256',
    encoding: 'hex',
  };
  return {
    name: 'paddle',
    toleranceSeconds: widestWindow(options, 5),
    async verify(request) {
      const { rawTimestamp, timestamp, signatures } = parsePaddleHeader(
        requireHeader(request.headers, HEADER),
      );
      const secretIndex = await verifyHmac(
        spec,
        request,
        [`${rawTimestamp}:`, request.body],
        signatures,
        `no h1 signature in ${HEADER} matches the raw body; pass the body bytes exactly as received and the notification destination's secret key`,
      );
      checkTimestamp(timestamp, request.now ?? Date.now(), options, 5);
      return { scheme: 'paddle', timestamp, secretIndex, version: 'h1' };
    },
    async sign(input) {
      const timestamp = signingTimestamp(input.timestamp);
      const mac = await signHmac(spec, input, [`${timestamp}:`, input.body]);
      return { [HEADER]: `ts=${timestamp};h1=${mac}` };
    },
  };
}

/**
 * Parses `ts=…;h1=…` as Paddle documents it: `;`-separated `key=value` pairs, no whitespace.
 * Empty values are skipped, as the SDK skips them.
 */
function parsePaddleHeader(header: string) {
  let rawTimestamp: string | undefined;
  const signatures: string[] = [];
  for (const item of header.split(';')) {
    const equals = item.indexOf('=');
    if (equals < 0 || equals === item.length - 1) continue;
    const key = item.slice(0, equals);
    const value = item.slice(equals + 1);
    if (key === 'ts') {
      if (rawTimestamp !== undefined && rawTimestamp !== value) {
        throw new WebhookError('MALFORMED_HEADER', `${HEADER} has more than one ts= timestamp`);
      }
      rawTimestamp = value;
    } else if (key === 'h1') {
      signatures.push(value);
    }
  }
  if (rawTimestamp === undefined)
    throw new WebhookError('MALFORMED_HEADER', `${HEADER} has no ts= timestamp`);
  if (signatures.length === 0) throw new WebhookError('MALFORMED_HEADER', `${HEADER} has no h1 entry`);
  return {
    rawTimestamp,
    timestamp: parseTimestamp(rawTimestamp, `the ts= timestamp of ${HEADER}`),
    signatures,
  };
}
