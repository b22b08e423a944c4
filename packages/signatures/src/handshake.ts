import { WebhookError } from './errors.js';
import type { HandshakeResponse } from './types.js';

/**
 * Small helpers for the challenge answers of {@link SchemeHandshake}: the query of a URL as
 * received, and the three answer shapes senders ask for (plain text, JSON, empty).
 */

const TEXT = 'text/plain; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The query of a URL as adapters pass it: a full URL or a path (`/hooks?x=1`). An unparsable
 * URL has no query.
 */
export function queryOf(url: string | undefined): URLSearchParams {
  if (url === undefined) return new URLSearchParams();
  const mark = url.indexOf('?');
  if (mark < 0) return new URLSearchParams();
  const hash = url.indexOf('#', mark);
  return new URLSearchParams(url.slice(mark + 1, hash < 0 ? undefined : hash));
}

/**
 * One query parameter. A parameter sent twice with different values is refused, as a
 * duplicated header is: a check must not guess which copy the sender meant.
 */
export function queryParam(query: URLSearchParams, name: string): string | undefined {
  const values = query.getAll(name);
  if (values.length > 1 && values.some((value) => value !== values[0])) {
    throw new WebhookError('MALFORMED_HEADER', `query parameter ${name} was sent more than once`);
  }
  return values[0];
}

/**
 * A `200 text/plain` answer echoing `text`. `nosniff` keeps a browser from reading an echoed
 * challenge as HTML (the echo is attacker-chosen on every sender that asks for one).
 */
export function textAnswer(text: string, status = 200): HandshakeResponse {
  return { status, headers: { 'content-type': TEXT, 'x-content-type-options': 'nosniff' }, body: text };
}

/** A JSON answer. */
export function jsonAnswer(body: unknown, status = 200): HandshakeResponse {
  return { status, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) };
}

/** An answer with no body (`204` unless told). */
export function emptyAnswer(status = 204, headers: Record<string, string> = {}): HandshakeResponse {
  return { status, headers, body: '' };
}

/** An own property of a parsed payload, or `undefined`. */
export function member(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** An own, non-empty string property of a parsed payload, or `undefined`. */
export function stringMember(value: unknown, key: string): string | undefined {
  const found = member(value, key);
  return typeof found === 'string' && found !== '' ? found : undefined;
}
