import { createBodyHmacScheme } from './body-hmac-scheme.js';
import { queryOf, queryParam, textAnswer } from './handshake.js';
import type { HmacSchemeOptions } from './options.js';
import type { HandshakeRequest, HandshakeResponse, Scheme } from './types.js';

/** Options of {@link dropbox}. `secret` is the app secret of the App Console. */
export interface DropboxOptions extends HmacSchemeOptions {}

/**
 * Dropbox webhooks: `X-Dropbox-Signature: <hex>`, HMAC-SHA256 of the raw body keyed with the
 * app secret. Dropbox first checks the endpoint with `GET ?challenge=…`, answered by echoing
 * the challenge with `Content-Type: text/plain` and `X-Content-Type-Options: nosniff`
 * (dropbox.com/developers/reference/webhooks, "Verification request"). Notifications name
 * changed accounts only and carry no id: the signature is the replay key.
 *
 * @example
 * ```ts
 * const scheme = dropbox({ secret: process.env.DROPBOX_APP_SECRET! });
 * ```
 */
export function dropbox(options: DropboxOptions): Scheme {
  return createBodyHmacScheme(
    {
      name: 'dropbox',
      secretLabel: 'Dropbox app secret',
      header: 'X-Dropbox-Signature',
      prefix: '',
      encoding: 'hex',
      handshake: () => ({ challenge: answerChallenge }),
    },
    options,
  );
}

function answerChallenge(request: HandshakeRequest): HandshakeResponse | undefined {
  if (request.method.toUpperCase() !== 'GET') return undefined;
  const challenge = queryParam(queryOf(request.url), 'challenge');
  return challenge === undefined || challenge === '' ? undefined : textAnswer(challenge);
}
