import { WebhookError } from './errors.js';
import { member, stringMember, textAnswer } from './handshake.js';
import { getHeader, requireHeader } from './headers.js';
import { type HmacSpec, signHmac, verifyHmac } from './hmac-scheme.js';
import { cryptoOf, type HmacSchemeOptions, randomId } from './options.js';
import { parseRfc3339, toRfc3339 } from './rfc3339.js';
import { createKeyring, utf8Key } from './secrets.js';
import { checkTimestamp, signingTimestamp, type TimestampOptions, widestWindow } from './timestamp.js';
import type { Scheme, SignedRequest } from './types.js';

/** Options of {@link twitch}. `secret` is the `transport.secret` of the subscription. */
export interface TwitchOptions extends HmacSchemeOptions, TimestampOptions {}

const ID = 'Twitch-Eventsub-Message-Id';
const TIMESTAMP = 'Twitch-Eventsub-Message-Timestamp';
const SIGNATURE = 'Twitch-Eventsub-Message-Signature';
const TYPE = 'Twitch-Eventsub-Message-Type';
const PREFIX = 'sha256=';
const TOLERANCE = 600;

/**
 * Twitch EventSub over webhooks: `Twitch-Eventsub-Message-Signature: sha256=<hex>`,
 * HMAC-SHA256 keyed with the subscription secret over the message id, the timestamp header
 * as sent (RFC 3339) and the raw body, concatenated (dev.twitch.tv/docs/eventsub/
 * handling-webhook-events, "Verifying the event message"). Twitch asks to refuse messages
 * older than 10 minutes: the window is 600 s both ways. The message id is signed: it is the
 * delivery id. A `webhook_callback_verification` message is answered, once verified, with its
 * `challenge` as plain text; `revocation` messages go to handlers as the event type
 * `revocation`.
 *
 * @example
 * ```ts
 * const scheme = twitch({ secret: process.env.TWITCH_EVENTSUB_SECRET! });
 * ```
 */
export function twitch(options: TwitchOptions): Scheme {
  const spec: HmacSpec = {
    crypto: cryptoOf(options),
    keyring: createKeyring(options.secret, utf8Key, 'Twitch EventSub secret'),
    algorithm: 'sha256',
    encoding: 'hex',
  };
  return {
    name: 'twitch',
    signsDeliveryId: true,
    toleranceSeconds: widestWindow(options, TOLERANCE),
    async verify(request) {
      const header = requireHeader(request.headers, SIGNATURE);
      if (!header.startsWith(PREFIX) || header.length === PREFIX.length) {
        throw new WebhookError('MALFORMED_HEADER', `${SIGNATURE} is not of the form sha256=<hex>`);
      }
      const signature = header.slice(PREFIX.length);
      const id = requireHeader(request.headers, ID);
      const rawTimestamp = requireHeader(request.headers, TIMESTAMP);
      const ms = parseRfc3339(rawTimestamp, `${TIMESTAMP} header`);
      const found = verifyHmac(
        spec,
        request,
        [id, rawTimestamp, request.body],
        [signature],
        `${SIGNATURE} does not match; pass the raw body bytes exactly as received and the subscription's secret`,
      );
      const secretIndex = typeof found === 'number' ? found : await found;
      checkTimestamp(ms, request.now ?? Date.now(), options, TOLERANCE, 'milliseconds');
      return { scheme: 'twitch', id, timestamp: Math.floor(ms / 1000), secretIndex, contentKey: signature };
    },
    async sign(input) {
      const timestamp = toRfc3339(signingTimestamp(input.timestamp) * 1000);
      const id = input.id ?? randomId();
      const mac = await signHmac(spec, input, [id, timestamp, input.body]);
      // Twitch-Eventsub-Message-Type is not signed; a delivery without it is a notification.
      return { [ID]: id, [TIMESTAMP]: timestamp, [SIGNATURE]: PREFIX + mac };
    },
    handshake: { respond: answerChallenge },
  };
}

/** The `challenge` of a verified `webhook_callback_verification`, echoed as plain text with 200. */
function answerChallenge(payload: unknown, request: SignedRequest) {
  const challenge = stringMember(payload, 'challenge');
  // The type header is not signed: a signed challenge body sent as a "notification" is still a
  // challenge, never an event for the handlers.
  const isChallenge =
    getHeader(request.headers, TYPE) === 'webhook_callback_verification' ||
    (challenge !== undefined && member(payload, 'event') === undefined);
  if (!isChallenge) return undefined;
  if (challenge === undefined) {
    throw new WebhookError('INVALID_PAYLOAD', 'the webhook_callback_verification message has no challenge');
  }
  return textAnswer(challenge);
}
