import { WebhookError } from './errors.js';
import { signedParams } from './form-params.js';
import { getHeader, requireHeader } from './headers.js';
import type { HmacPreset, SignatureFormat } from './hmac-preset.js';
import { type HmacSpec, signHmac, verifyHmac } from './hmac-scheme.js';
import { keyPreparer } from './key-encoding.js';
import { cryptoOf, type HmacSchemeOptions, randomId } from './options.js';
import { formatSignature, type ParsedSignature, parseSignature } from './preset-signature.js';
import { compileTemplate, fillTemplate, usesField } from './preset-template.js';
import { createKeyring, type PrepareKey } from './secrets.js';
import {
  checkTimestamp,
  parseTimestamp,
  signingTimestamp,
  type TimestampOptions,
  widestWindow,
} from './timestamp.js';
import type { Scheme, SignedRequest, VerifiedSignature } from './types.js';

/** Options of every preset-based scheme. */
export interface HmacPresetOptions extends HmacSchemeOptions, TimestampOptions {
  /**
   * The URL the sender signs, exactly as registered with it (URL-bound senders: a proxy may
   * rewrite the URL the request reaches).
   * @default the request's `url`
   */
  url?: string | undefined;
}

const RAW: SignatureFormat = { kind: 'raw' };

/** How a preset's secrets become keys: its encoding, behind its check for wrong credentials. */
function presetKey(preset: HmacPreset): PrepareKey {
  const prepare = keyPreparer(preset.key ?? 'utf8', preset.label);
  const check = preset.checkSecret;
  if (!check) return prepare;
  return (secret) => {
    check(secret);
    return prepare(secret);
  };
}

/**
 * Builds the scheme a {@link HmacPreset} describes: headers read strictly (a duplicated header
 * with different values is refused), the MAC compared in constant time against every
 * candidate with every configured secret (rotation), the signature checked before the
 * timestamp so that a stale genuine delivery is reported as stale, not forged.
 *
 * @example
 * ```ts
 * const scheme = createPresetScheme(preset, { secret: process.env.ACME_SECRET! });
 * const { id, timestamp } = await scheme.verify({ headers, body });
 * ```
 */
export function createPresetScheme(preset: HmacPreset, options: HmacPresetOptions): Scheme {
  const { name, label, timestamp: stamp, idHeader } = preset;
  const format = preset.format ?? RAW;
  const headers = typeof preset.header === 'string' ? [preset.header] : preset.header;
  const [signHeader] = headers;
  const template = compileTemplate(preset.template, name);
  const signsId = usesField(template, 'id');
  const signsUrl = usesField(template, 'url');
  const signsParams = usesField(template, 'params');
  const tolerance = stamp?.tolerance ?? 0;
  const unit = stamp?.unit ?? 'seconds';
  const timestampHeader = stamp?.header;
  // One signature per delivery, in one canonical form: the signature identifies the content.
  const oneSignature = headers.length === 1 && format.kind !== 'list';
  const spec: HmacSpec = {
    crypto: cryptoOf(options),
    keyring: createKeyring(options.secret, presetKey(preset), `${label} secret`),
    algorithm: preset.algorithm,
    encoding: preset.encoding,
  };
  const mismatch = `${headers[0]} does not match the ${signsUrl ? 'URL and ' : ''}raw body; pass the body bytes exactly as received${signsUrl ? ', the URL exactly as registered with the sender' : ''} and the ${label} secret`;

  return {
    name,
    signsDeliveryId: signsId,
    toleranceSeconds: stamp === undefined ? undefined : widestWindow(options, tolerance),
    async verify(request) {
      const parsed = readSignatures(request, headers, format);
      const rawTimestamp =
        timestampHeader !== undefined ? requireHeader(request.headers, timestampHeader) : parsed.timestamp;
      const timestamp =
        rawTimestamp === undefined
          ? undefined
          : readTimestamp(rawTimestamp, unit, timestampHeader ?? `the timestamp of ${headers[0]}`);
      const id =
        idHeader === undefined
          ? undefined
          : signsId
            ? requireHeader(request.headers, idHeader)
            : getHeader(request.headers, idHeader);
      const url = signsUrl ? signedUrl(options.url ?? request.url, name) : undefined;
      const parts = fillTemplate(template, {
        body: request.body,
        timestamp: rawTimestamp,
        id,
        url,
        method: request.method ?? 'POST',
        params: signsParams ? signedParams(request.body) : undefined,
      });
      const found = verifyHmac(spec, request, parts, parsed.signatures, mismatch);
      const secretIndex = typeof found === 'number' ? found : await found;
      if (timestamp !== undefined) {
        const checkUnit = unit === 'seconds' ? 'seconds' : 'milliseconds';
        checkTimestamp(timestamp, request.now ?? Date.now(), options, tolerance, checkUnit);
      }
      // Built field by field: no spread objects on the path every delivery takes.
      const result: VerifiedSignature = { scheme: name, secretIndex };
      if (id !== undefined) result.id = id;
      if (timestamp !== undefined) result.timestamp = timestamp;
      if (preset.version !== undefined) result.version = preset.version;
      if (oneSignature) result.contentKey = parsed.signatures[0];
      return result;
    },
    async sign(input) {
      const seconds = signingTimestamp(input.timestamp);
      const timestamp = writeTimestamp(seconds, unit);
      const id = input.id ?? randomId();
      const url = signsUrl ? signedUrl(input.url ?? options.url, name) : undefined;
      const params = signsParams ? signedParams(input.body) : undefined;
      const parts = fillTemplate(template, { body: input.body, timestamp, id, url, method: 'POST', params });
      const signature = await signHmac(spec, input, parts);
      const out: Record<string, string> = { [signHeader!]: formatSignature(format, signature, timestamp) };
      if (timestampHeader !== undefined) out[timestampHeader] = timestamp;
      if (idHeader !== undefined) out[idHeader] = id;
      return out;
    },
  };
}

function readSignatures(
  request: SignedRequest,
  headers: readonly string[],
  format: SignatureFormat,
): ParsedSignature {
  if (headers.length === 1)
    return parseSignature(requireHeader(request.headers, headers[0]!), format, headers[0]!);
  const signatures: string[] = [];
  for (const header of headers) {
    const value = getHeader(request.headers, header);
    if (value !== undefined) signatures.push(...parseSignature(value, format, header).signatures);
  }
  if (signatures.length === 0) throw new WebhookError('MISSING_HEADER', `${headers[0]} header is missing`);
  return { signatures };
}

// RFC 3339 as Box and Zendesk send it: a whole date and time with a zone, fraction optional.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** The signed timestamp as a number: seconds or milliseconds as sent, a date as epoch ms. */
function readTimestamp(raw: string, unit: 'seconds' | 'milliseconds' | 'iso8601', where: string): number {
  if (unit !== 'iso8601') return parseTimestamp(raw, where);
  const ms = RFC3339.test(raw) ? Date.parse(raw) : Number.NaN;
  if (!Number.isFinite(ms)) throw new WebhookError('MALFORMED_HEADER', `${where} is not an RFC 3339 date`);
  return ms;
}

function writeTimestamp(seconds: number, unit: 'seconds' | 'milliseconds' | 'iso8601'): string {
  if (unit === 'seconds') return String(seconds);
  if (unit === 'milliseconds') return String(seconds * 1000);
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

function signedUrl(url: string | undefined, name: string): string {
  // A configuration error, not the sender's: without the URL no signature can verify.
  if (!url) {
    throw new WebhookError('INVALID_SECRET', `${name} signs the URL: pass the url option or the request url`);
  }
  return url;
}
