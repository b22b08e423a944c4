import { isWebhookError, WebhookError } from '@hookgate/signatures';
import type { HandleResult } from './types.js';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;

/** A JSON response. */
export function jsonResult(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): HandleResult {
  if (body === undefined || status === 204) return { status, headers, body: '' };
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/**
 * The response to an error: its status and a JSON body with its code and message only, never
 * its cause. Adapters use it for what goes wrong before the pipeline runs (reading the body).
 *
 * @example
 * ```ts
 * const { status, headers, body } = errorResult(new WebhookError('BODY_READ_TIMEOUT', 'the body arrived too slowly'));
 * ```
 */
export function errorResult(error: WebhookError): HandleResult {
  const headers: Record<string, string> = error.code === 'METHOD_NOT_ALLOWED' ? { allow: 'POST' } : {};
  return jsonResult(error.status, error.toJSON(), headers);
}

/** Any thrown value as a `WebhookError`; unknown ones become `fallback` with the value as cause. */
export function toWebhookError(error: unknown, fallback: () => WebhookError): WebhookError {
  if (isWebhookError(error)) return error;
  const wrapped = fallback();
  return new WebhookError(wrapped.code, wrapped.message, { cause: error });
}
