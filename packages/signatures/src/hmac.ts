import type { HashAlgorithm } from './crypto-provider.js';
import { WebhookError } from './errors.js';
import { getHeader, requireHeader } from './headers.js';
import type { SignatureEncoding } from './hmac-match.js';
import { type HmacSpec, signHmac, verifyHmac } from './hmac-scheme.js';
import { cryptoOf, type HmacSchemeOptions, randomId } from './options.js';
import { createKeyring, utf8Key } from './secrets.js';
import {
  checkTimestamp,
  parseTimestamp,
  signingTimestamp,
  type TimestampOptions,
  widestWindow,
} from './timestamp.js';
import type { Scheme, SignedRequest, SignInput } from './types.js';

/** Options of {@link hmac}: a description of a custom sender's HMAC signature. */
export interface HmacOptions extends HmacSchemeOptions, TimestampOptions {
  /** The header that carries the signature, for example `X-Signature`. */
  header: string;
  /** The hash function. @default 'sha256' */
  algorithm?: HashAlgorithm | undefined;
  /** How the signature is written. Hex is accepted in either case. @default 'hex' */
  encoding?: SignatureEncoding | undefined;
  /** Text before the signature, for example `sha256=`; when set, the header must start with it. */
  prefix?: string | undefined;
  /** The header that carries the signed timestamp (unix seconds, digits only). */
  timestampHeader?: string | undefined;
  /** The header that carries the delivery id (reported as `id`; signable as `{id}`). */
  idHeader?: string | undefined;
  /**
   * What is signed: text with the placeholders `{timestamp}`, `{id}` and `{body}`. `{body}` is
   * required, and `{timestamp}` is required when `timestampHeader` is set (a timestamp that is
   * not signed proves nothing).
   * @default '{timestamp}.{body}' with a timestampHeader, else '{body}'
   */
  template?: string | undefined;
  /** The scheme's name in results and logs. @default 'hmac' */
  name?: string | undefined;
}

type TemplatePart = { text: string } | { field: 'timestamp' | 'id' | 'body' };

const PLACEHOLDER = /\{([A-Za-z_]+)\}/g;

/**
 * A custom sender's HMAC scheme: the signature (with an optional prefix) in one header, over
 * a template of the timestamp, the delivery id and the raw body. The body is hashed as raw
 * bytes, never decoded. One signature per header; with a `timestampHeader` the window is
 * 300 s both ways by default.
 *
 * @example
 * ```ts
 * const scheme = hmac({
 *   secret: process.env.ACME_WEBHOOK_SECRET!,
 *   header: 'X-Acme-Signature',
 *   prefix: 'sha256=',
 *   timestampHeader: 'X-Acme-Timestamp',
 *   template: '{timestamp}.{body}',
 * });
 * ```
 */
export function hmac(options: HmacOptions): Scheme {
  const name = options.name ?? 'hmac';
  const { header, prefix = '', timestampHeader, idHeader } = options;
  const encoding = options.encoding ?? 'hex';
  if (!header) {
    throw new WebhookError(
      'INVALID_CONFIGURATION',
      `${name}: the header option (the signature header name) is required`,
    );
  }
  const template = parseTemplate(
    options.template ?? (timestampHeader === undefined ? '{body}' : '{timestamp}.{body}'),
    options,
    name,
  );
  const spec: HmacSpec = {
    crypto: cryptoOf(options),
    keyring: createKeyring(options.secret, utf8Key, `${name} secret`),
    algorithm: options.algorithm ?? 'sha256',
    encoding,
  };
  const signsId = template.some((part) => 'field' in part && part.field === 'id');

  return {
    name,
    // Hex may arrive in either case here, so the header is not canonical: no contentKey, and
    // receivers key replays on the signed content instead.
    signsDeliveryId: signsId,
    toleranceSeconds: timestampHeader === undefined ? undefined : widestWindow(options, 300),
    async verify(request) {
      const value = requireHeader(request.headers, header);
      if (!value.startsWith(prefix)) {
        throw new WebhookError('MALFORMED_HEADER', `${header} does not start with ${prefix}`);
      }
      let signature = value.slice(prefix.length);
      if (signature === '') throw new WebhookError('MALFORMED_HEADER', `${header} has no signature`);
      // matchHmac compares canonical lower-case hex; custom senders may write upper case, and
      // the case of hex digits carries no information, so fold it here (only here: the named
      // schemes follow their SDKs, which compare exactly).
      if (encoding === 'hex') signature = signature.toLowerCase();
      const rawTimestamp =
        timestampHeader === undefined ? undefined : requireHeader(request.headers, timestampHeader);
      const timestamp =
        rawTimestamp === undefined ? undefined : parseTimestamp(rawTimestamp, timestampHeader!);
      const id = readId(request, idHeader, signsId);
      const secretIndex = await verifyHmac(
        spec,
        request,
        fill(template, request, rawTimestamp, id),
        [signature],
        `${header} does not match the raw body; pass the body bytes exactly as received and the sender's secret`,
      );
      if (timestamp !== undefined) checkTimestamp(timestamp, request.now ?? Date.now(), options, 300);
      return { scheme: name, id, timestamp, secretIndex };
    },
    async sign(input) {
      const timestamp = String(signingTimestamp(input.timestamp));
      const id = input.id ?? randomId();
      const signature = await signHmac(spec, input, fill(template, input, timestamp, id));
      const headers: Record<string, string> = { [header]: prefix + signature };
      if (timestampHeader !== undefined) headers[timestampHeader] = timestamp;
      if (idHeader !== undefined) headers[idHeader] = id;
      return headers;
    },
  };
}

function readId(request: SignedRequest, idHeader: string | undefined, required: boolean): string | undefined {
  if (idHeader === undefined) return undefined;
  return required ? requireHeader(request.headers, idHeader) : getHeader(request.headers, idHeader);
}

/** The signed parts: literal text and values as strings, the body as its raw bytes. */
function fill(
  template: readonly TemplatePart[],
  source: SignedRequest | SignInput,
  timestamp: string | undefined,
  id: string | undefined,
): (Uint8Array | string)[] {
  return template.map((part) => {
    if ('text' in part) return part.text;
    if (part.field === 'body') return source.body;
    return (part.field === 'timestamp' ? timestamp : id) ?? '';
  });
}

/** Splits a template once, at construction, and refuses templates that would sign too little. */
function parseTemplate(template: string, options: HmacOptions, name: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const field = match[1];
    if (field !== 'timestamp' && field !== 'id' && field !== 'body') {
      throw new WebhookError('INVALID_CONFIGURATION', `${name}: unknown placeholder {${field}} in template`);
    }
    if (match.index > last) parts.push({ text: template.slice(last, match.index) });
    parts.push({ field });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  const uses = (field: string) => parts.some((part) => 'field' in part && part.field === field);
  if (!uses('body'))
    throw new WebhookError('INVALID_CONFIGURATION', `${name}: the template must contain {body}`);
  if (uses('timestamp') !== (options.timestampHeader !== undefined)) {
    throw new WebhookError(
      'INVALID_CONFIGURATION',
      `${name}: {timestamp} in the template and timestampHeader go together; a timestamp that is not signed proves nothing`,
    );
  }
  if (uses('id') && options.idHeader === undefined) {
    throw new WebhookError('INVALID_CONFIGURATION', `${name}: {id} in the template needs idHeader`);
  }
  return parts;
}
