import { toBytes } from './encoding.js';
import { WebhookError } from './errors.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The JSON object of a body whose signature travels inside it (Mailgun, Adyen), parsed before
 * anything is verified: bad UTF-8, bad JSON or another JSON value is `INVALID_PAYLOAD`.
 */
export function parseJsonObject(body: Uint8Array | string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(typeof body === 'string' ? body : decoder.decode(toBytes(body)));
  } catch (cause) {
    throw new WebhookError('INVALID_PAYLOAD', `the body is not JSON; ${what} signs inside a JSON body`, {
      cause,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WebhookError(
      'INVALID_PAYLOAD',
      `the body is not a JSON object; ${what} signs inside a JSON body`,
    );
  }
  return value as Record<string, unknown>;
}

/** An own property of a JSON object that must be an object. */
export function objectAt(value: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
  const found = (value as Record<string, unknown>)[key];
  return typeof found === 'object' && found !== null && !Array.isArray(found)
    ? (found as Record<string, unknown>)
    : undefined;
}

/** The error of a scheme that signs inside the body, for its header-only `sign()`. */
export function signsInBody(name: string): WebhookError {
  return new WebhookError(
    'INVALID_SECRET',
    `${name} signs inside the body; use signBody(), which returns the body to send with its signature`,
  );
}

/**
 * Whether `text` is a JSON text (an object, an array, a string, a number, `true`, `false` or
 * `null`): what a sender's JSON body could be, where an answer or a parser must not confuse one.
 *
 * @example
 * ```ts
 * isJsonText('{"a":1}'); // true
 * isJsonText('a=1&b=2'); // false
 * ```
 */
export function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
