import { WebhookError } from './errors.js';
import type { PrepareKey } from './secrets.js';

/** A kind of credential that is often pasted where a webhook secret belongs. */
export interface WrongSecretKind {
  /** Prefixes that give it away. */
  prefixes: readonly string[];
  /**
   * The whole rest of such a credential after its prefix, when its shape is exact: a secret
   * that only starts with a prefix is then not refused (a user-chosen secret may).
   * @default any rest
   */
  rest?: RegExp | undefined;
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
 * GitHub's classic tokens (personal access `ghp_`, OAuth `gho_`, user-to-server `ghu_`,
 * server-to-server `ghs_`, refresh `ghr_`): the prefix, then 36 base62 characters (30 random, a
 * 6-character checksum: github.blog "Behind GitHub's new authentication token formats"). Never
 * the webhook secret, which the user chooses; only that exact shape is refused.
 */
export const GITHUB_CLASSIC_TOKEN: WrongSecretKind = {
  prefixes: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
  rest: /^[A-Za-z0-9]{36}$/,
  is: 'a GitHub token',
};

/** GitHub's fine-grained personal access tokens: `github_pat_`, then 82 word characters. */
export const GITHUB_FINE_GRAINED_TOKEN: WrongSecretKind = {
  prefixes: ['github_pat_'],
  rest: /^\w{82}$/,
  is: 'a GitHub token',
};

/**
 * A check that refuses an obviously wrong credential with a message naming the right kind:
 * `INVALID_SECRET`, naming the prefix only, never the value.
 *
 * @example
 * ```ts
 * const check = wrongKindCheck([GITHUB_CLASSIC_TOKEN, GITHUB_FINE_GRAINED_TOKEN], 'the webhook secret');
 * check(process.env.GITHUB_WEBHOOK_SECRET!); // throws for ghp_ followed by 36 base62 characters
 * ```
 */
export function wrongKindCheck(
  wrong: WrongSecretKind | readonly WrongSecretKind[],
  want: string,
): (secret: string) => void {
  const kinds: readonly WrongSecretKind[] = Array.isArray(wrong) ? wrong : [wrong as WrongSecretKind];
  return (secret) => {
    // Whitespace around a pasted credential (a secret file's trailing newline) still names it.
    const candidate = secret.trim();
    for (const kind of kinds) {
      for (const prefix of kind.prefixes) {
        if (candidate.startsWith(prefix) && (!kind.rest || kind.rest.test(candidate.slice(prefix.length)))) {
          throw new WebhookError(
            'INVALID_SECRET',
            `the configured secret looks like ${kind.is} (it starts with ${prefix}); use ${want}`,
          );
        }
      }
    }
  };
}

/**
 * Wraps a scheme's key preparation with {@link wrongKindCheck}. Applies to fixed secrets at
 * construction and to looked-up ones on first use, since both go through `prepare`.
 *
 * @example
 * ```ts
 * createKeyring(options.secret, refuseWrongKind(utf8Key, STRIPE_API_KEY, 'the endpoint secret (whsec_…) from Dashboard → Webhooks'));
 * ```
 */
export function refuseWrongKind(
  prepare: PrepareKey,
  wrong: WrongSecretKind | readonly WrongSecretKind[],
  want: string,
): PrepareKey {
  const check = wrongKindCheck(wrong, want);
  return (secret) => {
    check(secret);
    return prepare(secret);
  };
}
