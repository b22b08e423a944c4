import type { KeyMaterial } from './crypto-provider.js';
import { timingSafeEqualString, toBytes, toHex } from './encoding.js';
import { WebhookError } from './errors.js';
import { signedParams } from './form-params.js';
import { getHeader, requireHeader } from './headers.js';
import { matchHmac } from './hmac-match.js';
import { type HmacSpec, signHmac } from './hmac-scheme.js';
import { cryptoOf, type HmacSchemeOptions, randomId } from './options.js';
import { createKeyring, utf8Key } from './secrets.js';
import { twilioUrlVariants } from './twilio-url.js';
import type { HeadersInput, Scheme } from './types.js';

/**
 * Options of {@link twilio}. `secret` is the account's Auth Token; give the primary and then
 * the secondary token while rotating (either may match, the first signs).
 */
export interface TwilioOptions extends HmacSchemeOptions {}

const SIGNATURE_HEADER = 'X-Twilio-Signature';
const ID_HEADER = 'I-Twilio-Idempotency-Token';
const BODY_HASH_PARAM = 'bodySHA256';
const FORM = 'application/x-www-form-urlencoded';
// Base64 of the 20 bytes of an HMAC-SHA1: 27 characters and one `=`.
const SIGNATURE_SHAPE = /^[A-Za-z0-9+/]{27}=$/;

/**
 * Twilio: `X-Twilio-Signature` is the base64 HMAC-SHA1, keyed with the Auth Token, of the
 * full URL Twilio requested followed by every form parameter as `name + value`, names sorted
 * by UTF-16 code units, a repeated name once per distinct value, values sorted. A body that
 * is not form data is signed through the URL: Twilio adds `bodySHA256=<hex SHA-256 of the
 * body>` to it and signs the URL alone; that hash is then checked against the raw body. The
 * URL forms twilio-node accepts are tried (port added or removed, query re-encoded; see
 * {@link twilioUrlVariants}). No timestamp; the id comes from `I-Twilio-Idempotency-Token`.
 *
 * The request must carry `url`: the public URL exactly as configured in the Twilio console
 * (scheme, host, port, path and query), not the one a proxy forwarded. Without it the check
 * cannot run, which is this server's mistake, so it throws `INVALID_SECRET` (500) rather
 * than a 4xx that would tell Twilio the delivery is bad.
 *
 * `sign()` needs `url` too. It signs the body as form parameters, unless the URL has a
 * `bodySHA256` parameter: then it signs the URL alone, after checking that the parameter is
 * the body's hash (a request that could never verify is refused with `INVALID_SECRET`).
 *
 * @example
 * ```ts
 * const scheme = twilio({ secret: [process.env.TWILIO_AUTH_TOKEN!, process.env.TWILIO_SECONDARY_TOKEN!] });
 * await scheme.verify({ headers, body, url: `https://example.com${req.originalUrl}` });
 * ```
 */
export function twilio(options: TwilioOptions): Scheme {
  const spec: HmacSpec = {
    crypto: cryptoOf(options),
    keyring: createKeyring(options.secret, utf8Key, 'Twilio Auth Token'),
    algorithm: 'sha1',
    encoding: 'base64',
  };
  const bodyHash = async (body: Uint8Array | string) =>
    toHex(await spec.crypto.digest('sha256', toBytes(body)));

  return {
    name: 'twilio',
    async verify(request) {
      const signature = requireHeader(request.headers, SIGNATURE_HEADER);
      if (!SIGNATURE_SHAPE.test(signature)) {
        throw new WebhookError('MALFORMED_HEADER', `${SIGNATURE_HEADER} is not the base64 of an HMAC-SHA1`);
      }
      const url = parseUrl(request.url, 'request.url');
      const signedHash = url.searchParams.get(BODY_HASH_PARAM);
      const params = signedHash === null ? formOf(request.headers, request.body) : '';
      const secretIndex = await matchUrls(
        spec,
        await spec.keyring.keys(request),
        request.url!,
        params,
        signature,
      );
      if (secretIndex < 0) {
        throw new WebhookError(
          'INVALID_SIGNATURE',
          `${SIGNATURE_HEADER} does not match the URL and form parameters; pass the public URL exactly as Twilio requested it (https, host, path and query as configured in the console, not the URL behind a proxy) and the account's Auth Token`,
        );
      }
      // The signature covers the URL and so the hash in it; the hash must cover the body.
      if (signedHash !== null && !timingSafeEqualString(signedHash, await bodyHash(request.body))) {
        throw new WebhookError(
          'INVALID_SIGNATURE',
          'the body does not match the bodySHA256 parameter of the signed URL; pass the body bytes exactly as received',
        );
      }
      // The signature covers the sorted form parameters, not their order in the body: it, not
      // a hash of the body, is what a re-ordered replay has in common with the original.
      return {
        scheme: 'twilio',
        id: getHeader(request.headers, ID_HEADER),
        secretIndex,
        contentKey: signature,
      };
    },
    async sign(input) {
      const url = parseUrl(input.url, 'input.url');
      const signedHash = url.searchParams.get(BODY_HASH_PARAM);
      if (signedHash !== null && signedHash !== (await bodyHash(input.body))) {
        throw new WebhookError(
          'INVALID_SECRET',
          'the bodySHA256 parameter of input.url is not the lowercase hex SHA-256 of the body; Twilio signs such a body through that hash',
        );
      }
      const params = signedHash === null ? signedParams(input.body) : '';
      return {
        [SIGNATURE_HEADER]: await signHmac(spec, input, [input.url!, params]),
        [ID_HEADER]: input.id ?? randomId(),
      };
    },
  };
}

function parseUrl(url: string | undefined, where: string): URL {
  if (!url) {
    throw new WebhookError(
      'INVALID_SECRET',
      `twilio needs ${where}: the full public URL Twilio requested (https://host/path?query), which it signs`,
    );
  }
  if (!URL.canParse(url)) {
    throw new WebhookError(
      'INVALID_SECRET',
      `${where} is not an absolute URL; pass the full public URL Twilio requested (https://host/path?query), not just the path`,
    );
  }
  return new URL(url);
}

/**
 * The signed form parameters of a request without `bodySHA256`. Twilio covers a body only as
 * form data or through that hash; any other body would be unsigned, so it is refused.
 */
function formOf(headers: HeadersInput, body: Uint8Array | string): string {
  const mediaType = getHeader(headers, 'Content-Type')?.split(';', 1)[0]?.trim().toLowerCase();
  if (mediaType !== undefined && mediaType !== FORM && toBytes(body).length > 0) {
    throw new WebhookError(
      'INVALID_SIGNATURE',
      `the body is not ${FORM} and the URL has no bodySHA256 parameter, so ${SIGNATURE_HEADER} does not cover it; pass the full URL Twilio requested, query string included`,
    );
  }
  return signedParams(body);
}

/**
 * The index of the first key whose signature over any accepted URL form matches, or -1. Each
 * URL form is checked against every key (`matchHmac` computes them all), so the time may say
 * which form of the public URL matched, never which secret.
 */
async function matchUrls(
  spec: HmacSpec,
  keys: readonly KeyMaterial[],
  url: string,
  params: string,
  signature: string,
): Promise<number> {
  const variants = twilioUrlVariants(url);
  for (const variant of variants) {
    const index = await matchHmac({
      crypto: spec.crypto,
      algorithm: spec.algorithm,
      encoding: spec.encoding,
      keys,
      parts: [variant, params],
      candidates: [signature],
    });
    if (index >= 0) return index;
  }
  return -1;
}
