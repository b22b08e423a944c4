import { WebhookError } from './errors.js';
import { getHeader, requireHeader } from './headers.js';
import { type HmacSpec, signHmac, verifyHmac } from './hmac-scheme.js';
import { cryptoOf, type HmacSchemeOptions, randomId } from './options.js';
import { createKeyring, utf8Key } from './secrets.js';
import { checkTimestamp, type TimestampOptions, widestWindow } from './timestamp.js';
import type { Scheme } from './types.js';

/** Options of {@link linear}. `tolerance` defaults to 60 s, Linear's window. */
export interface LinearOptions extends HmacSchemeOptions, TimestampOptions {}

const SIGNATURE = 'Linear-Signature';
const DELIVERY = 'Linear-Delivery';
const TIMESTAMP_FIELD = 'webhookTimestamp';
const decoder = new TextDecoder();

/**
 * Linear: `Linear-Signature: <hex>`, HMAC-SHA256 of the raw body keyed with the secret's
 * UTF-8 bytes. The signed timestamp is the body field `webhookTimestamp`, in milliseconds
 * (the `Linear-Timestamp` header is not signed and is ignored, as in `@linear/sdk`); it must be
 * within 60 s of now, both ways. The JSON is parsed only after the signature matched. The
 * reported `timestamp` is that millisecond value; the delivery id is `Linear-Delivery`.
 *
 * @example
 * ```ts
 * const scheme = linear({ secret: process.env.LINEAR_WEBHOOK_SECRET! });
 * const { id, timestamp } = await scheme.verify({ headers, body });
 * ```
 */
export function linear(options: LinearOptions): Scheme {
  const spec: HmacSpec = {
    crypto: cryptoOf(options),
    keyring: createKeyring(options.secret, utf8Key, 'Linear webhook secret'),
    algorithm: 'sha256',
    encoding: 'hex',
  };
  return {
    name: 'linear',
    toleranceSeconds: widestWindow(options, 60),
    async verify(request) {
      const signature = requireHeader(request.headers, SIGNATURE);
      const secretIndex = await verifyHmac(
        spec,
        request,
        [request.body],
        [signature],
        `${SIGNATURE} does not match the raw body; pass the body bytes exactly as received and the webhook's signing secret`,
      );
      const timestamp = readBodyTimestamp(request.body);
      checkTimestamp(timestamp, request.now ?? Date.now(), options, 60, 'milliseconds');
      return {
        scheme: 'linear',
        id: getHeader(request.headers, DELIVERY),
        timestamp,
        secretIndex,
        contentKey: signature,
      };
    },
    /** Signs the body as given: the caller puts `webhookTimestamp` (ms) in it; `input.timestamp` is unused. */
    async sign(input) {
      return { [SIGNATURE]: await signHmac(spec, input, [input.body]), [DELIVERY]: input.id ?? randomId() };
    },
  };
}

/** The `webhookTimestamp` of a verified body; the same checks as `LinearWebhookClient.verify`. */
function readBodyTimestamp(body: Uint8Array | string): number {
  let value: unknown;
  try {
    const payload: unknown = JSON.parse(typeof body === 'string' ? body : decoder.decode(body));
    value =
      typeof payload === 'object' && payload !== null ? Reflect.get(payload, TIMESTAMP_FIELD) : undefined;
  } catch {
    value = undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new WebhookError(
      'MALFORMED_HEADER',
      `the signed Linear body has no numeric ${TIMESTAMP_FIELD} field (milliseconds); sign a JSON body that carries it`,
    );
  }
  return value;
}
