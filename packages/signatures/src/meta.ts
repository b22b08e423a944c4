import { createBodyHmacScheme } from './body-hmac-scheme.js';
import { timingSafeEqualString } from './encoding.js';
import { WebhookError } from './errors.js';
import { queryOf, queryParam, textAnswer } from './handshake.js';
import type { HmacSchemeOptions } from './options.js';
import type { HandshakeRequest, HandshakeResponse, Scheme } from './types.js';

/** Options of {@link meta}, {@link whatsapp} and {@link instagram}. */
export interface MetaOptions extends HmacSchemeOptions {
  /**
   * The Verify Token you typed in the App Dashboard's Webhooks settings. Meta's subscription
   * check (`GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`) is answered only
   * when it carries this token; several while you change it. Without it, such a `GET` is
   * refused with 405 like any other.
   */
  verifyToken?: string | readonly string[] | undefined;
}

/**
 * Meta Graph API webhooks (Facebook Pages, WhatsApp Business, Instagram, Messenger):
 * `X-Hub-Signature-256: sha256=<hex>`, HMAC-SHA256 of the raw body keyed with the App Secret
 * (developers.facebook.com/docs/graph-api/webhooks/getting-started, "Event Notifications").
 * The subscription check is a `GET` with `hub.mode=subscribe`, `hub.verify_token` (compared in
 * constant time with `verifyToken`) and `hub.challenge`, which is echoed as plain text
 * ("Verification Requests"). No timestamp and no delivery id: the signature is the replay key.
 *
 * @example
 * ```ts
 * const scheme = meta({ secret: process.env.META_APP_SECRET!, verifyToken: process.env.META_VERIFY_TOKEN! });
 * ```
 */
export function meta(options: MetaOptions): Scheme {
  return createMeta('meta', options);
}

/**
 * WhatsApp Business Platform (Cloud API) webhooks: Meta's scheme under the name `whatsapp`.
 *
 * @example
 * ```ts
 * const scheme = whatsapp({ secret: process.env.WHATSAPP_APP_SECRET!, verifyToken: 'my-token' });
 * ```
 */
export function whatsapp(options: MetaOptions): Scheme {
  return createMeta('whatsapp', options);
}

/**
 * Instagram webhooks: Meta's scheme under the name `instagram`.
 *
 * @example
 * ```ts
 * const scheme = instagram({ secret: process.env.INSTAGRAM_APP_SECRET!, verifyToken: 'my-token' });
 * ```
 */
export function instagram(options: MetaOptions): Scheme {
  return createMeta('instagram', options);
}

function createMeta(name: string, options: MetaOptions): Scheme {
  const tokens = verifyTokens(options.verifyToken, name);
  return createBodyHmacScheme(
    {
      name,
      secretLabel: `${name === 'meta' ? 'Meta' : name} app secret`,
      header: 'X-Hub-Signature-256',
      prefix: 'sha256=',
      encoding: 'hex',
      handshake: () => ({ challenge: (request) => answerSubscribe(request, tokens) }),
    },
    options,
  );
}

function verifyTokens(token: MetaOptions['verifyToken'], name: string): readonly string[] {
  const list = token === undefined ? [] : typeof token === 'string' ? [token] : token;
  for (const entry of list) {
    if (typeof entry !== 'string' || entry === '') {
      throw new WebhookError('INVALID_SECRET', `${name}: a configured verifyToken is empty or not a string`);
    }
  }
  return list;
}

function answerSubscribe(
  request: HandshakeRequest,
  tokens: readonly string[],
): HandshakeResponse | undefined {
  if (request.method.toUpperCase() !== 'GET' || tokens.length === 0) return undefined;
  const query = queryOf(request.url);
  if (queryParam(query, 'hub.mode') !== 'subscribe') return undefined;
  const token = queryParam(query, 'hub.verify_token') ?? '';
  const challenge = queryParam(query, 'hub.challenge');
  if (challenge === undefined || challenge === '') {
    throw new WebhookError('MALFORMED_HEADER', 'the subscription check has no hub.challenge');
  }
  let matched = false;
  for (const expected of tokens) matched = timingSafeEqualString(token, expected) || matched;
  if (!matched) {
    throw new WebhookError(
      'INVALID_SIGNATURE',
      'hub.verify_token does not match; set verifyToken to the Verify Token of the App Dashboard',
    );
  }
  return textAnswer(challenge);
}
