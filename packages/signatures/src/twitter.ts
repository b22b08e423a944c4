import { createBodyHmacScheme } from './body-hmac-scheme.js';
import { isJsonText } from './body-json.js';
import { jsonAnswer, queryOf, queryParam } from './handshake.js';
import { encodeSignature } from './hmac-match.js';
import type { HmacSpec } from './hmac-scheme.js';
import type { HmacSchemeOptions } from './options.js';
import type { HandshakeRequest, HandshakeResponse, Scheme } from './types.js';

/** Options of {@link twitter}. `secret` is the app's consumer secret (API Key Secret). */
export interface TwitterOptions extends HmacSchemeOptions {}

/**
 * X (Twitter) Account Activity webhooks: `x-twitter-webhooks-signature: sha256=<base64>`,
 * HMAC-SHA256 of the raw body keyed with the consumer secret. X checks the endpoint at
 * registration and about hourly with a CRC, `GET ?crc_token=…`, answered with
 * `{"response_token":"sha256=<base64 HMAC-SHA256(consumer secret, crc_token)>"}`
 * (docs.x.com/x-api/webhooks, "Challenge-Response Check"). The first configured secret
 * answers the CRC.
 *
 * The CRC answer is the HMAC that signs a delivery, with the same key: answered for any
 * `crc_token`, it would sign any body for anyone who asks (`GET ?crc_token=<a JSON body>`, then
 * POST that body with the answer as its signature). So only tokens shaped like X's (a UUID in
 * its example; letters, digits and `+/=_-`, at most 256) that are not JSON are answered; X's
 * deliveries are JSON, which core reads as nothing else for this sender.
 *
 * @example
 * ```ts
 * const scheme = twitter({ secret: process.env.X_CONSUMER_SECRET! });
 * ```
 */
export function twitter(options: TwitterOptions): Scheme {
  return createBodyHmacScheme(
    {
      name: 'twitter',
      secretLabel: 'X consumer secret',
      header: 'x-twitter-webhooks-signature',
      prefix: 'sha256=',
      encoding: 'base64',
      handshake: (hmac) => ({ challenge: (request) => answerCrc(request, hmac) }),
    },
    options,
  );
}

/** X's CRC tokens: a UUID in its docs; base64 or base64url characters at most. */
const CRC_TOKEN = /^[A-Za-z0-9+/=_-]{1,256}$/;

async function answerCrc(request: HandshakeRequest, hmac: HmacSpec): Promise<HandshakeResponse | undefined> {
  if (request.method.toUpperCase() !== 'GET') return undefined;
  const token = queryParam(queryOf(request.url), 'crc_token');
  if (token === undefined || !CRC_TOKEN.test(token) || isJsonText(token)) return undefined;
  const [key] = await hmac.keyring.keys({ headers: request.headers, body: '', url: request.url });
  const mac = await hmac.crypto.hmac('sha256', key!, [token]);
  return jsonAnswer({ response_token: `sha256=${encodeSignature(mac, 'base64')}` });
}
