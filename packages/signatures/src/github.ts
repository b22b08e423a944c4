import { WebhookError } from './errors.js';
import { getHeader, requireHeader } from './headers.js';
import { encodeSignature, matchHmac } from './hmac-match.js';
import { cryptoOf, type HmacSchemeOptions, randomId } from './options.js';
import { createKeyring, utf8Key } from './secrets.js';
import type { Scheme } from './types.js';

/** Options of {@link github}. */
export interface GitHubOptions extends HmacSchemeOptions {}

const HEADER = 'X-Hub-Signature-256';
const PREFIX = 'sha256=';

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
  const crypto = cryptoOf(options);
  const keyring = createKeyring(options.secret, utf8Key, 'GitHub webhook secret');
  return {
    name: 'github',
    signatureHeaders: ['x-hub-signature-256'],
    async verify(request) {
      const header = requireHeader(request.headers, HEADER);
      if (!header.startsWith(PREFIX)) {
        throw new WebhookError('MALFORMED_HEADER', `${HEADER} does not start with ${PREFIX}`);
      }
      const secretIndex = await matchHmac({
        crypto,
        algorithm: 'sha256',
        encoding: 'hex',
        keys: await keyring.keys(request),
        parts: [request.body],
        candidates: [header.slice(PREFIX.length)],
      });
      if (secretIndex < 0) {
        throw new WebhookError(
          'INVALID_SIGNATURE',
          `${HEADER} does not match the raw body; pass the body bytes exactly as received and the webhook secret`,
        );
      }
      return { scheme: 'github', id: getHeader(request.headers, 'X-GitHub-Delivery'), secretIndex, version: 'sha256' };
    },
    async sign(input) {
      const [key] = await keyring.keys({ headers: {}, body: input.body, url: input.url });
      const mac = await crypto.hmac('sha256', key!, [input.body]);
      return { [HEADER]: PREFIX + encodeSignature(mac, 'hex'), 'X-GitHub-Delivery': input.id ?? randomId() };
    },
  };
}
