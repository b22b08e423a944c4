import { WebhookError } from './errors.js';
import type { HeadersInput } from './types.js';

/**
 * Reads one header, case-insensitively. A header sent several times with different values
 * is refused: a verifier must not guess which copy the sender signed.
 */
export function getHeader(headers: HeadersInput, name: string): string | undefined {
  const value = readRaw(headers, name);
  if (value === undefined || typeof value === 'string') return value === '' ? undefined : value;
  const distinct = new Set(value);
  if (distinct.size > 1) {
    throw new WebhookError(
      'MALFORMED_HEADER',
      `${name} header was sent more than once with different values`,
    );
  }
  const [first] = value;
  return first === '' ? undefined : first;
}

/** Reads a header the scheme cannot do without; throws `MISSING_HEADER` when it is absent. */
export function requireHeader(headers: HeadersInput, name: string): string {
  const value = getHeader(headers, name);
  if (value === undefined) throw new WebhookError('MISSING_HEADER', `${name} header is missing`);
  return value;
}

function readRaw(headers: HeadersInput, name: string): string | readonly string[] | undefined {
  if (isWebHeaders(headers)) return headers.get(name) ?? undefined;
  const lower = lowerCase(name);
  // Node hands lower-case names; try the cheap lookups before scanning.
  const direct = headers[lower] ?? headers[name];
  if (direct !== undefined) return direct;
  // A header that is absent is the usual reason to get here: compare lengths before case.
  for (const key of Object.keys(headers)) {
    if (key.length === lower.length && key.toLowerCase() === lower) return headers[key];
  }
  return undefined;
}

const lowerNames = new Map<string, string>();

/** Header names are a handful of constants: lower-case each once, not on every request. */
function lowerCase(name: string): string {
  let lower = lowerNames.get(name);
  if (lower === undefined) {
    lower = name.toLowerCase();
    if (lowerNames.size < 256) lowerNames.set(name, lower);
  }
  return lower;
}

function isWebHeaders(headers: HeadersInput): headers is Headers {
  return typeof (headers as Headers).get === 'function' && typeof (headers as Headers).has === 'function';
}
