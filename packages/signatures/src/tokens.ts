import { jsonAnswer } from './handshake.js';
import { getHeader } from './headers.js';
import { createTokenScheme, type TokenSchemeOptions } from './token-scheme.js';
import type { HandshakeRequest, Scheme } from './types.js';

/**
 * GitLab webhooks: `X-Gitlab-Token` holds the secret token set on the webhook, compared in
 * constant time (docs.gitlab.com/user/project/integrations/webhooks, "Validate requests with a
 * secret token"). GitLab signs nothing: the token proves the sender, not the body. The
 * delivery id `X-Gitlab-Event-UUID` is reported but not signed.
 *
 * @example
 * ```ts
 * const scheme = gitlab({ secret: process.env.GITLAB_WEBHOOK_TOKEN! });
 * ```
 */
export function gitlab(options: TokenSchemeOptions): Scheme {
  return createTokenScheme(
    {
      name: 'gitlab',
      label: 'GitLab secret token',
      header: 'X-Gitlab-Token',
      format: 'raw',
      idHeader: 'X-Gitlab-Event-UUID',
    },
    options,
  );
}

/**
 * Telegram Bot API webhooks: `X-Telegram-Bot-Api-Secret-Token` holds the `secret_token` given
 * to `setWebhook` (core.telegram.org/bots/api#setwebhook). A token, not a signature: it proves
 * the sender, not the body. Updates carry their `update_id` in the body.
 *
 * @example
 * ```ts
 * const scheme = telegram({ secret: process.env.TELEGRAM_SECRET_TOKEN! });
 * ```
 */
export function telegram(options: TokenSchemeOptions): Scheme {
  return createTokenScheme(
    {
      name: 'telegram',
      label: 'Telegram secret_token',
      header: 'X-Telegram-Bot-Api-Secret-Token',
      format: 'raw',
    },
    options,
  );
}

/**
 * Postmark webhooks with HTTP Basic auth: the credentials written into the webhook URL
 * (`https://user:password@example.com/…`) arrive as `Authorization: Basic …`
 * (postmarkapp.com/developer/webhooks/webhooks-overview, "Protecting your webhook"). `secret`
 * is `username:password`. Postmark signs nothing: this proves the sender, not the body.
 *
 * @example
 * ```ts
 * const scheme = postmark({ secret: `${process.env.POSTMARK_HOOK_USER}:${process.env.POSTMARK_HOOK_PASSWORD}` });
 * ```
 */
export function postmark(options: TokenSchemeOptions): Scheme {
  return createTokenScheme(
    { name: 'postmark', label: 'Postmark webhook credentials', header: 'Authorization', format: 'basic' },
    options,
  );
}

/**
 * Chargebee webhooks with HTTP Basic auth, set on the webhook in Chargebee's settings
 * (chargebee.com/docs/billing/2.0/site-configuration/webhook_settings). `secret` is
 * `username:password`. Chargebee signs nothing: this proves the sender, not the body.
 *
 * @example
 * ```ts
 * const scheme = chargebee({ secret: `${process.env.CB_HOOK_USER}:${process.env.CB_HOOK_PASSWORD}` });
 * ```
 */
export function chargebee(options: TokenSchemeOptions): Scheme {
  return createTokenScheme(
    { name: 'chargebee', label: 'Chargebee webhook credentials', header: 'Authorization', format: 'basic' },
    options,
  );
}

/**
 * Deepgram callbacks: `dg-token` holds the identifier of the API key that made the request
 * (developers.deepgram.com/docs/callback). A token, not a signature.
 *
 * @example
 * ```ts
 * const scheme = deepgram({ secret: process.env.DEEPGRAM_API_KEY_ID! });
 * ```
 */
export function deepgram(options: TokenSchemeOptions): Scheme {
  return createTokenScheme(
    { name: 'deepgram', label: 'Deepgram dg-token', header: 'dg-token', format: 'raw' },
    options,
  );
}

/**
 * RevenueCat webhooks: the `Authorization` header holds the value set on the webhook in the
 * dashboard, compared whole (revenuecat.com/docs/integrations/webhooks, "Security").
 *
 * @example
 * ```ts
 * const scheme = revenuecat({ secret: process.env.REVENUECAT_WEBHOOK_AUTH! });
 * ```
 */
export function revenuecat(options: TokenSchemeOptions): Scheme {
  return createTokenScheme(
    { name: 'revenuecat', label: 'RevenueCat authorization value', header: 'Authorization', format: 'raw' },
    options,
  );
}

/**
 * Auth0 log streams (custom webhook): the `Authorization` header holds the token configured
 * on the stream, compared whole (auth0.com/docs/customize/log-streams/custom-log-streams).
 *
 * @example
 * ```ts
 * const scheme = auth0({ secret: `Bearer ${process.env.AUTH0_LOG_STREAM_TOKEN!}` });
 * ```
 */
export function auth0(options: TokenSchemeOptions): Scheme {
  return createTokenScheme(
    { name: 'auth0', label: 'Auth0 log stream authorization', header: 'Authorization', format: 'raw' },
    options,
  );
}

const OKTA_CHALLENGE = 'X-Okta-Verification-Challenge';

/**
 * Okta event hooks: the `Authorization` header holds the secret set on the hook, compared
 * whole. Okta verifies the endpoint once with a `GET` carrying `X-Okta-Verification-Challenge`,
 * answered with `{"verification": <value>}` (developer.okta.com/docs/concepts/event-hooks,
 * "One-time verification request").
 *
 * @example
 * ```ts
 * const scheme = okta({ secret: process.env.OKTA_EVENT_HOOK_SECRET! });
 * ```
 */
export function okta(options: TokenSchemeOptions): Scheme {
  return createTokenScheme(
    {
      name: 'okta',
      label: 'Okta event hook authorization',
      header: 'Authorization',
      format: 'raw',
      handshake: { challenge: answerOktaVerification },
    },
    options,
  );
}

function answerOktaVerification(request: HandshakeRequest) {
  if (request.method.toUpperCase() !== 'GET') return undefined;
  const challenge = getHeader(request.headers, OKTA_CHALLENGE);
  return challenge === undefined ? undefined : jsonAnswer({ verification: challenge });
}
