import type { HmacPreset } from './hmac-preset.js';
import type { HmacSchemeOptions } from './options.js';
import { createPresetScheme } from './preset-scheme.js';
import { GITHUB_CLASSIC_TOKEN, GITHUB_FINE_GRAINED_TOKEN, wrongKindCheck } from './secret-checks.js';
import type { Scheme } from './types.js';

/** Options of {@link github}. */
export interface GitHubOptions extends HmacSchemeOptions {}

/**
 * GitHub's signature as a preset: `X-Hub-Signature-256: sha256=<hex>`, HMAC-SHA256 of the raw
 * body keyed with the secret's UTF-8 bytes (docs.github.com "Validating webhook deliveries").
 */
const GITHUB: HmacPreset = {
  name: 'github',
  label: 'GitHub webhook',
  header: 'X-Hub-Signature-256',
  format: { kind: 'prefixed', prefix: 'sha256=' },
  algorithm: 'sha256',
  encoding: 'hex',
  template: '{body}',
  idHeader: 'X-GitHub-Delivery',
  version: 'sha256',
  // A token (ghp_…, github_pat_…) pasted as the secret would verify nothing and sit in config
  // next to the webhook; refused by exact shape only, since the secret itself is user-chosen.
  checkSecret: /* @__PURE__ */ wrongKindCheck(
    [GITHUB_CLASSIC_TOKEN, GITHUB_FINE_GRAINED_TOKEN],
    "the webhook secret you chose where the webhook is set: Settings → Webhooks of the repository or organization, or the GitHub App's settings (Webhook secret)",
  ),
};

/**
 * GitHub: `X-Hub-Signature-256: sha256=<hex>`, HMAC-SHA256 of the raw body keyed with the
 * secret's UTF-8 bytes. No timestamp: replays are caught by the `X-GitHub-Delivery` id.
 * The legacy SHA-1 header is not accepted (GitHub always sends the SHA-256 one).
 *
 * @example
 * ```ts
 * const scheme = github({ secret: [process.env.GITHUB_SECRET!, process.env.GITHUB_OLD_SECRET!] });
 * ```
 */
export function github(options: GitHubOptions): Scheme {
  return createPresetScheme(GITHUB, options);
}
