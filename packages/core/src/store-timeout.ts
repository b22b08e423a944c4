import { WebhookError } from '@hookgate/signatures';
import { withDeadline } from './deadline.js';
import { isPromise } from './maybe-promise.js';
import { toWebhookError } from './respond.js';

/**
 * One store call, bounded in time: a store that hangs (a frozen Redis, a lost connection with
 * queued commands) counts as unavailable after `timeoutMs`, so the receiver answers 503
 * instead of holding the sender's request open. Failures, thrown or rejected, become
 * `STORE_UNAVAILABLE`, keeping the store's own error (which may name hosts and ports) as the
 * cause only. A store that answers synchronously (the memory store) gets its value back as
 * it is: no promise, no timer; with `timeoutMs` undefined (a store that bounds its own calls)
 * there is no timer either.
 */
export function callStore<T>(call: () => T | Promise<T>, timeoutMs: number | undefined): T | Promise<T> {
  let result: T | Promise<T>;
  try {
    result = call();
  } catch (cause) {
    throw unavailable(cause);
  }
  if (!isPromise(result)) return result;
  if (timeoutMs === undefined)
    return result.then(undefined, (cause: unknown) => Promise.reject(unavailable(cause)));
  return withDeadline(
    result,
    timeoutMs,
    () => new WebhookError('STORE_UNAVAILABLE', `the store did not answer within ${timeoutMs} ms`),
    unavailable,
  );
}

function unavailable(cause: unknown): WebhookError {
  return toWebhookError(
    cause,
    () => new WebhookError('STORE_UNAVAILABLE', 'the idempotency store failed; retry later'),
  );
}
