import type { ParseArgsConfig } from 'node:util';
import { integerFlag } from './integer-flag.js';
import { type CliIo, UsageError } from './io.js';
import { type HmacFlags, isProvider, PROVIDERS, type ProviderName } from './providers.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command takes. */
export const commonOptions = {
  provider: { type: 'string', short: 'p' },
  secret: { type: 'string', short: 's', multiple: true },
  body: { type: 'string' },
  'body-file': { type: 'string' },
  url: { type: 'string' },
  header: { type: 'string', short: 'H', multiple: true },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  // `--provider hmac`: how the custom sender signs.
  'signature-header': { type: 'string' },
  algorithm: { type: 'string' },
  encoding: { type: 'string' },
  prefix: { type: 'string' },
  'timestamp-header': { type: 'string' },
  'id-header': { type: 'string' },
  template: { type: 'string' },
} as const satisfies Options;

/**
 * Runs `util.parseArgs` (with `strict: true`, so unknown options and missing values throw),
 * turning its errors into usage errors.
 */
export function asUsage<T>(command: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, ''), command);
  }
}

/** `--provider`, required and known. */
export function providerOf(command: string, value: string | undefined): ProviderName {
  if (value === undefined)
    throw new UsageError(`--provider is required (one of ${PROVIDERS.join(', ')})`, command);
  if (!isProvider(value))
    throw new UsageError(`unknown provider ${value}; use one of ${PROVIDERS.join(', ')}`, command);
  return value;
}

/** `--secret`, at least one. */
export function secretsOf(command: string, values: readonly string[] | undefined): string[] {
  if (!values || values.length === 0) {
    throw new UsageError(
      '--secret is required (the signing secret, or the public key for discord and sendgrid)',
      command,
    );
  }
  return [...values];
}

/** A field name (RFC 9110 §5.1: a token). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** A field value (RFC 9110 §5.5): visible characters, obs-text, inner spaces and tabs; no CR, LF or NUL. */
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * `--header` values: `Name: value` pairs are request headers; for `--provider hmac` a bare
 * name (header names cannot contain `:`) is the signature header, as `--signature-header` is.
 */
export function headersOf(command: string, values: readonly string[] | undefined) {
  // No prototype: a header named `__proto__` or `constructor` is a header like any other.
  const headers: Record<string, string | string[]> = Object.create(null);
  let signatureHeader: string | undefined;
  for (const value of values ?? []) {
    const colon = value.indexOf(':');
    if (colon < 0) {
      if (!TOKEN.test(value)) {
        throw new UsageError(`--header ${JSON.stringify(value)} is not "Name: value"`, command);
      }
      signatureHeader = value;
      continue;
    }
    const name = value.slice(0, colon).trim();
    if (name === '')
      throw new UsageError(`--header ${JSON.stringify(value)} has no name before the colon`, command);
    const headerValue = value.slice(colon + 1).trim();
    // Refused here, as a usage error, rather than by fetch (which `send` would report as an
    // unreachable URL) or never (`sign` would print a header no HTTP request can carry).
    if (!TOKEN.test(name) || !FIELD_VALUE.test(headerValue)) {
      throw new UsageError(
        `--header ${JSON.stringify(value)} is not "Name: value" with a token name and a value of visible Latin-1 characters, spaces and tabs`,
        command,
      );
    }
    const existing = headers[name.toLowerCase()];
    headers[name.toLowerCase()] =
      existing === undefined
        ? headerValue
        : [...(Array.isArray(existing) ? existing : [existing]), headerValue];
  }
  return { headers, signatureHeader };
}

/** `--header` values as request headers: a repeated name's values joined with `, `. */
export function flatHeaders(headers: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
  );
}

/** The hmac flags, validated. */
export function hmacFlagsOf(
  command: string,
  values: {
    'signature-header'?: string | undefined;
    algorithm?: string | undefined;
    encoding?: string | undefined;
    prefix?: string | undefined;
    'timestamp-header'?: string | undefined;
    'id-header'?: string | undefined;
    template?: string | undefined;
  },
  bareHeader: string | undefined,
): HmacFlags {
  const { algorithm, encoding } = values;
  if (algorithm !== undefined && algorithm !== 'sha1' && algorithm !== 'sha256' && algorithm !== 'sha512') {
    throw new UsageError(`--algorithm ${algorithm} is not one of sha1, sha256, sha512`, command);
  }
  if (encoding !== undefined && encoding !== 'hex' && encoding !== 'base64') {
    throw new UsageError(`--encoding ${encoding} is not one of hex, base64`, command);
  }
  return {
    header: values['signature-header'] ?? bareHeader,
    algorithm,
    encoding,
    prefix: values.prefix,
    timestampHeader: values['timestamp-header'],
    idHeader: values['id-header'],
    template: values.template,
  };
}

/** The body from `--body` or `--body-file` (`-` reads standard input); `undefined` when neither is given. */
export async function bodyOf(
  command: string,
  values: { body?: string; 'body-file'?: string },
  io: CliIo,
): Promise<Uint8Array | undefined> {
  if (values.body !== undefined && values['body-file'] !== undefined) {
    throw new UsageError('give --body or --body-file, not both', command);
  }
  if (values.body !== undefined) return new TextEncoder().encode(values.body);
  const file = values['body-file'];
  if (file === undefined) return undefined;
  try {
    return file === '-' ? await io.readStdin() : await io.readFile(file);
  } catch (error) {
    throw new UsageError(`cannot read --body-file ${file}: ${(error as Error).message}`, command);
  }
}

/** The largest time in seconds a flag takes: 12 digits, past the year 30000. */
export const MAX_SECONDS = 999_999_999_999;

/** A time flag (`--timestamp`, `--now`): a whole number of unix seconds, decimal digits only. */
export function secondsOf(command: string, option: string, value: string | undefined): number | undefined {
  return integerFlag(command, option, value, { min: 0, max: MAX_SECONDS, unit: 'unix seconds' });
}
