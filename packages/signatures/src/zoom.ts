import { WebhookError } from './errors.js';
import { jsonAnswer, member, stringMember } from './handshake.js';
import { requireHeader } from './headers.js';
import { encodeSignature } from './hmac-match.js';
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
import type { Scheme, SignedRequest, VerifiedSignature } from './types.js';

/** Options of {@link zoom}. `secret` is the app's Secret Token (Features → Access). */
export interface ZoomOptions extends HmacSchemeOptions, TimestampOptions {}

const SIGNATURE = 'x-zm-signature';
const TIMESTAMP = 'x-zm-request-timestamp';
const VERSION = 'v0';
const PREFIX = `${VERSION}=`;

/**
 * Zoom webhooks: `x-zm-signature: v0=<hex>` and `x-zm-request-timestamp: <unix s>`,
 * HMAC-SHA256 keyed with the Secret Token over `v0:<timestamp>:<body>`
 * (developers.zoom.us/docs/api/webhooks/#verify-webhook-events). Zoom gives no window; this
 * scheme refuses timestamps more than 300 s away, both ways. The URL validation
 * (`endpoint.url_validation`, sent when the URL is set and every 72 hours) is a signed event,
 * answered once verified with `{ plainToken, encryptedToken }` where `encryptedToken` is the hex
 * HMAC-SHA256 of `plainToken` with the Secret Token that verified it
 * ("Validate your webhook endpoint").
 *
 * @example
 * ```ts
 * const scheme = zoom({ secret: process.env.ZOOM_WEBHOOK_SECRET_TOKEN! });
 * ```
 */
export function zoom(options: ZoomOptions): Scheme {
  const spec: HmacSpec = {
    crypto: cryptoOf(options),
    keyring: createKeyring(options.secret, utf8Key, 'Zoom Secret Token'),
    algorithm: 'sha256',
    encoding: 'hex',
  };
  return {
    name: 'zoom',
    toleranceSeconds: widestWindow(options, 300),
    async verify(request) {
      const header = requireHeader(request.headers, SIGNATURE);
      if (!header.startsWith(PREFIX) || header.length === PREFIX.length) {
        throw new WebhookError('MALFORMED_HEADER', `${SIGNATURE} is not of the form v0=<hex>`);
      }
      const signature = header.slice(PREFIX.length);
      const rawTimestamp = requireHeader(request.headers, TIMESTAMP);
      const timestamp = parseTimestamp(rawTimestamp, `${TIMESTAMP} header`);
      const found = verifyHmac(
        spec,
        request,
        [`${VERSION}:${rawTimestamp}:`, request.body],
        [signature],
        `${SIGNATURE} does not match; pass the raw body bytes exactly as received and the app's Secret Token`,
      );
      const secretIndex = typeof found === 'number' ? found : await found;
      checkTimestamp(timestamp, request.now ?? Date.now(), options, 300);
      return { scheme: 'zoom', timestamp, secretIndex, version: VERSION, contentKey: signature };
    },
    async sign(input) {
      const timestamp = signingTimestamp(input.timestamp);
      const mac = await signHmac(spec, input, [`${VERSION}:${timestamp}:`, input.body]);
      return { [SIGNATURE]: PREFIX + mac, [TIMESTAMP]: String(timestamp) };
    },
    handshake: {
      respond: (payload, request, verified) => answerUrlValidation(spec, payload, request, verified),
    },
  };
}

async function answerUrlValidation(
  spec: HmacSpec,
  payload: unknown,
  request: SignedRequest,
  verified: VerifiedSignature,
) {
  if (stringMember(payload, 'event') !== 'endpoint.url_validation') return undefined;
  const plainToken = stringMember(member(payload, 'payload'), 'plainToken');
  if (plainToken === undefined) {
    throw new WebhookError('INVALID_PAYLOAD', 'the endpoint.url_validation event has no payload.plainToken');
  }
  // The Secret Token that verified the request answers it (rotation: the old one until Zoom has the new).
  const keys = await spec.keyring.keys(request);
  const mac = await spec.crypto.hmac('sha256', keys[verified.secretIndex]!, [plainToken]);
  return jsonAnswer({ plainToken, encryptedToken: encodeSignature(mac, 'hex') });
}
