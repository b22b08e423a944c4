import { createBodyHmacScheme } from './body-hmac-scheme.js';
import { WebhookError } from './errors.js';
import { emptyAnswer } from './handshake.js';
import { getHeader } from './headers.js';
import type { HmacSchemeOptions } from './options.js';
import type { HandshakeRequest, HandshakeResponse, Scheme } from './types.js';

/** Options of {@link asana}. */
export interface AsanaOptions extends HmacSchemeOptions {
  /**
   * Receives the `X-Hook-Secret` of Asana's handshake, to store as the `secret` of this
   * webhook (the first request after `POST /webhooks`; later deliveries are signed with it).
   * Return `false` (or a promise of it), or throw, to refuse it; may be async: accept a secret only while you are creating a
   * webhook, because anyone can send this header to your endpoint. Without this option a
   * handshake is refused with 500 `INVALID_SECRET`. The secret is never logged nor put in an
   * error message.
   */
  onHookSecret?: ((hookSecret: string, request: HandshakeRequest) => unknown) | undefined;
}

const SECRET = 'X-Hook-Secret';

/**
 * Asana webhooks: `X-Hook-Signature: <hex>`, HMAC-SHA256 of the raw body keyed with the
 * secret Asana sent in the handshake (developers.asana.com/docs/webhooks-guide, "The webhook
 * handshake" and "Security"). The handshake is the first request, unsigned, carrying
 * `X-Hook-Secret`: the receiver hands it to `onHookSecret` and answers `200` echoing it in
 * the `X-Hook-Secret` response header, which completes the webhook's creation. Use a secret
 * lookup (`secret: (request) => …`) when you keep one secret per webhook.
 *
 * @example
 * ```ts
 * const scheme = asana({
 *   secret: () => db.asanaSecret(),
 *   onHookSecret: (hookSecret) => (creatingWebhook ? db.saveAsanaSecret(hookSecret) : false),
 * });
 * ```
 */
export function asana(options: AsanaOptions): Scheme {
  return createBodyHmacScheme(
    {
      name: 'asana',
      secretLabel: 'Asana X-Hook-Secret',
      header: 'X-Hook-Signature',
      prefix: '',
      encoding: 'hex',
      handshake: () => ({ challenge: (request) => answerHandshake(request, options) }),
    },
    options,
  );
}

async function answerHandshake(
  request: HandshakeRequest,
  options: AsanaOptions,
): Promise<HandshakeResponse | undefined> {
  const hookSecret = getHeader(request.headers, SECRET);
  if (hookSecret === undefined) return undefined;
  if (!options.onHookSecret) {
    throw new WebhookError(
      'INVALID_SECRET',
      'an Asana X-Hook-Secret handshake arrived but no onHookSecret is configured to store the secret',
    );
  }
  let accepted: unknown;
  try {
    accepted = await options.onHookSecret(hookSecret, request);
  } catch (cause) {
    throw new WebhookError('INVALID_SIGNATURE', 'onHookSecret refused the Asana handshake', { cause });
  }
  if (accepted === false) {
    throw new WebhookError('INVALID_SIGNATURE', 'onHookSecret refused the Asana handshake');
  }
  return emptyAnswer(200, { [SECRET]: hookSecret });
}
