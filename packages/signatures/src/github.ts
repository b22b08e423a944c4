import { WebhookError } from './errors.js';
import { getHeader, requireHeader } from './headers.js';
import { type HmacSpec, signHmac, verifyHmac } from './hmac-scheme.js';
import { cryptoOf, type HmacSchemeOptions, randomId } from './options.js';
import { createKeyring, utf8Key } from './secrets.js';
import type { Scheme } from './types.js';

/** Options of {@link github}. */
export interface GitHubOptions extends HmacSchemeOptions {}

const HEADER = 'X-Hub-Signature-256';
const PREFIX = 'sha256=';
const MISMATCH = `${HEADER} does not match the raw body; pass the body bytes exactly as received and the webhook secret`;

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
  const spec: HmacSpec = {
    crypto: cryptoOf(options),
    keyring: createKeyring(options.secret, utf8Key, 'GitHub webhook secret'),
    algorithm: 'sha256',
    encoding: 'hex',
  };
  return {
    name: 'github',
    async verify(request) {
      const header = requireHeader(request.headers, HEADER);
      if (!header.startsWith(PREFIX)) {
        throw new WebhookError('MALFORMED_HEADER', `${HEADER} does not start with ${PREFIX}`);
      }
      const signature = header.slice(PREFIX.length);
      const found = verifyHmac(spec, request, [request.body], [signature], MISMATCH);
      const secretIndex = typeof found === 'number' ? found : await found;
      return {
        scheme: 'github',
        id: getHeader(request.headers, 'X-GitHub-Delivery'),
        secretIndex,
        version: 'sha256',
        contentKey: signature,
      };
    },
    async sign(input) {
      const signature = await signHmac(spec, input, [input.body]);
      return { [HEADER]: PREFIX + signature, 'X-GitHub-Delivery': input.id ?? randomId() };
    },
  };
}
