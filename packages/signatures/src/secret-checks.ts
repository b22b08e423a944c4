import { WebhookError } from './errors.js';
import type { PrepareKey } from './secrets.js';

/** A kind of credential that is often pasted where a webhook secret belongs. */
export interface WrongSecretKind {
  /** Prefixes that give it away. */
  prefixes: readonly string[];
  /** What it is, for the message: `a Stripe API key`. */
  is: string;
}

/** Stripe's API keys (secret, restricted, publishable): never a webhook endpoint secret. */
export const STRIPE_API_KEY: WrongSecretKind = {
  prefixes: ['sk_', 'rk_', 'pk_'],
  is: 'a Stripe API key',
};

/**
 * Slack's OAuth and app-level tokens (bot, user, workspace, app, configuration): never the
 * signing secret, which Slack generates as 32 hex digits (api.slack.com/authentication/token-types).
 */
export const SLACK_TOKEN: WrongSecretKind = {
  prefixes: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxe-', 'xapp-'],
  is: 'a Slack token',
};

/**
 * Wraps a scheme's key preparation so that an obviously wrong credential fails with a message
 * naming the right kind. The message names the prefix only, never the value. Applies to fixed
 * secrets at construction and to looked-up ones on first use, since both go through `prepare`.
 *
 * @example
 * ```ts
 * createKeyring(options.secret, refuseWrongKind(utf8Key, STRIPE_API_KEY, 'the endpoint secret (whsec_…) from Dashboard → Webhooks'));
 * ```
 */
export function refuseWrongKind(prepare: PrepareKey, wrong: WrongSecretKind, want: string): PrepareKey {
  return (secret) => {
    for (const prefix of wrong.prefixes) {
      if (secret.startsWith(prefix)) {
        throw new WebhookError(
          'INVALID_SECRET',
          `the configured secret looks like ${wrong.is} (it starts with ${prefix}); use ${want}`,
        );
      }
    }
    return prepare(secret);
  };
}
