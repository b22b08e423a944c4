import { WebhookError } from '@hookgate/signatures';
import { isPromise } from './maybe-promise.js';
import { toWebhookError } from './respond.js';

/**
 * One store call, bounded in time: a store that hangs (a frozen Redis, a lost connection with
 * queued commands) counts as unavailable after `timeoutMs`, so the receiver answers 503
 * instead of holding the sender's request open. Failures, thrown or rejected, become
 * `STORE_UNAVAILABLE`, keeping the store's own error (which may name hosts and ports) as the
 * cause only. A store that answers synchronously (the memory store) gets its value back as
 * it is: no promise, no timer.
 */
export function callStore<T>(call: () => T | Promise<T>, timeoutMs: number): T | Promise<T> {
  let result: T | Promise<T>;
  try {
    result = call();
  } catch (cause) {
    throw unavailable(cause);
  }
  return isPromise(result) ? withTimeout(result, timeoutMs) : result;
}

function withTimeout<T>(operation: PromiseLike<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new WebhookError('STORE_UNAVAILABLE', `the store did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    operation.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (cause: unknown) => {
        clearTimeout(timer);
        reject(unavailable(cause));
      },
    );
  });
}

function unavailable(cause: unknown): WebhookError {
  return toWebhookError(
    cause,
    () => new WebhookError('STORE_UNAVAILABLE', 'the idempotency store failed; retry later'),
  );
}
