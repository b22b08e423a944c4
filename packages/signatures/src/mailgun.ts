import { objectAt, parseJsonObject, signsInBody } from './body-json.js';
import { WebhookError } from './errors.js';
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

/** Options of {@link mailgun}. `secret` is the HTTP webhook signing key of the Mailgun dashboard. */
export interface MailgunOptions extends HmacSchemeOptions, TimestampOptions {}

const TOKEN_LENGTH = 50;

/**
 * Mailgun webhooks: the signature travels in the JSON body,
 * `{"signature": {"timestamp", "token", "signature"}, "event-data": {…}}`, where `signature`
 * is the hex HMAC-SHA256 of `timestamp + token` keyed with the webhook signing key
 * (documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks).
 *
 * Mailgun signs the timestamp and the token, NOT `event-data`: a captured signature proves
 * only that Mailgun sent some event then. The token is unique per delivery and signed, so it
 * is the delivery id (the replay key Mailgun's docs ask you to keep), and the timestamp must
 * be within 300 s both ways.
 *
 * @example
 * ```ts
 * const scheme = mailgun({ secret: process.env.MAILGUN_WEBHOOK_SIGNING_KEY! });
 * ```
 */
export function mailgun(options: MailgunOptions): Scheme {
  const spec: HmacSpec = {
    crypto: cryptoOf(options),
    keyring: createKeyring(options.secret, utf8Key, 'Mailgun webhook signing key'),
    algorithm: 'sha256',
    encoding: 'hex',
  };
  return {
    name: 'mailgun',
    signsDeliveryId: true,
    toleranceSeconds: widestWindow(options, 300),
    async verify(request) {
      const signature = objectAt(parseJsonObject(request.body, 'Mailgun'), 'signature');
      const rawTimestamp = stringField(signature, 'timestamp');
      const token = stringField(signature, 'token');
      const mac = stringField(signature, 'signature');
      const timestamp = parseTimestamp(rawTimestamp, 'signature.timestamp');
      const found = verifyHmac(
        spec,
        request,
        [rawTimestamp, token],
        [mac],
        'signature.signature does not match signature.timestamp and signature.token; check the webhook signing key (not the API key)',
      );
      const secretIndex = typeof found === 'number' ? found : await found;
      checkTimestamp(timestamp, request.now ?? Date.now(), options, 300);
      return { scheme: 'mailgun', id: token, timestamp, secretIndex, contentKey: mac };
    },
    async sign() {
      throw signsInBody('mailgun');
    },
    async signBody(input) {
      const payload = parseJsonObject(input.body, 'Mailgun');
      const eventData = Object.hasOwn(payload, 'event-data') ? payload['event-data'] : payload;
      const timestamp = String(signingTimestamp(input.timestamp));
      const token = input.id ?? randomToken();
      const signature = await signHmac(spec, input, [timestamp, token]);
      return {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ signature: { token, timestamp, signature }, 'event-data': eventData }),
      };
    },
  };
}

function stringField(signature: Record<string, unknown> | undefined, key: string): string {
  // Mailgun writes the timestamp as a string; accept a JSON number too, as its docs call it an int.
  const value = signature?.[key];
  if (typeof value === 'string' && value !== '') return value;
  if (key === 'timestamp' && typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw new WebhookError(
    'INVALID_PAYLOAD',
    `the body has no signature.${key}; Mailgun signs inside the JSON body`,
  );
}

/** 50 random hex characters, the length of Mailgun's tokens. */
function randomToken(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(TOKEN_LENGTH / 2));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
