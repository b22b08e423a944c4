import { isWebhookError, WebhookError } from '@hookgate/signatures';
import { httpStatusOf } from './http-policy.js';
import type { HandleResult } from './types.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** A JSON response. */
export function jsonResult(status: number, body: unknown, headers?: Record<string, string>): HandleResult {
  if (body === undefined || status === 204) return { status, headers: { ...headers }, body: '' };
  return {
    status,
    headers: headers ? { 'content-type': JSON_TYPE, ...headers } : { 'content-type': JSON_TYPE },
    body: JSON.stringify(body),
  };
}

/**
 * The 200 of a handled delivery, `{"ok":true}`: the most frequent answer, written once
 * instead of serialised for every delivery. Each call gives new objects the caller may change.
 */
export function okResult(): HandleResult {
  return { status: 200, headers: { 'content-type': JSON_TYPE }, body: OK_BODY };
}

const OK_BODY = JSON.stringify({ ok: true });

/** The 200 of a delivery the queue holds, `{"ok":true,"queued":true}`, written once like {@link okResult}. */
export function queuedResult(): HandleResult {
  return { status: 200, headers: { 'content-type': JSON_TYPE }, body: QUEUED_BODY };
}

const QUEUED_BODY = JSON.stringify({ ok: true, queued: true });

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
  const headers = error.code === 'METHOD_NOT_ALLOWED' ? { allow: 'POST' } : undefined;
  return jsonResult(httpStatusOf(error), error.toJSON(), headers);
}

/** Any thrown value as a `WebhookError`; unknown ones become `fallback` with the value as cause. */
export function toWebhookError(error: unknown, fallback: () => WebhookError): WebhookError {
  if (isWebhookError(error)) return error;
  const wrapped = fallback();
  return new WebhookError(wrapped.code, wrapped.message, { cause: error });
}

/**
 * What the store said of a completion it could not record: the claim had expired first (a
 * handler slower than the lease, a stalled process, an evicted key), so another request may
 * have claimed the delivery, and a retry may run it again.
 */
export function leaseLost(): WebhookError {
  return new WebhookError(
    'LEASE_LOST',
    'the delivery was handled, but its claim had expired before the completion was recorded: it may ' +
      'run again (a handler slower than leaseMs, a stalled process or an evicted key; raise leaseMs)',
  );
}

/** A hook of the user's that threw or rejected: reported; the answer stays what it was. */
export function hookFailed(hook: string, cause: unknown): WebhookError {
  return new WebhookError('INTERNAL_ERROR', `the ${hook} hook failed; the answer is unchanged`, { cause });
}
