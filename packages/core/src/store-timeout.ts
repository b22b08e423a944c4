import { WebhookError } from '@hookgate/signatures';
import { toWebhookError } from './respond.js';

/**
 * A store operation bounded in time: a store that hangs (a frozen Redis, a lost connection
 * with queued commands) counts as unavailable after `timeoutMs`, so the receiver answers 503
 * instead of holding the sender's request open. Failures become `STORE_UNAVAILABLE`, keeping
 * the store's own error (which may name hosts and ports) as the cause only.
 */
export function withTimeout<T>(operation: Promise<T>, timeoutMs: number): Promise<T> {
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
        reject(
          toWebhookError(
            cause,
            () => new WebhookError('STORE_UNAVAILABLE', 'the idempotency store failed; retry later'),
          ),
        );
      },
    );
  });
}
