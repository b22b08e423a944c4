import { WebhookError } from '@hookgate/signatures';

/** How long a request body may take to arrive, by default, on every path (Node and web). */
export const BODY_TIMEOUT_MS = 10_000;

/** The refusal of a body that did not arrive in time: 408, and the sender retries. */
export function bodyTimedOut(timeoutMs: number): WebhookError {
  return new WebhookError('BODY_READ_TIMEOUT', `the body did not arrive within ${timeoutMs} ms`);
}
