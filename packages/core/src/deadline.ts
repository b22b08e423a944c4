/**
 * `pending`, bounded in time: rejects with `timedOut()` once `timeoutMs` has passed, and with
 * `failed(cause)` when `pending` itself rejects. The timer is cleared as soon as `pending`
 * settles; settling after the deadline changes nothing. The receiver bounds store calls and
 * async handlers with it; a store can bound its own commands the same way.
 *
 * @example
 * ```ts
 * const reply = await withDeadline(
 *   client.send(command),
 *   500,
 *   () => new WebhookError('STORE_UNAVAILABLE', 'the store did not answer within 500 ms'),
 *   (cause) => new WebhookError('STORE_UNAVAILABLE', 'the store failed', { cause }),
 * );
 * ```
 */
export function withDeadline<T>(
  pending: PromiseLike<T>,
  timeoutMs: number,
  timedOut: () => Error,
  failed: (cause: unknown) => Error,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(timedOut()), timeoutMs);
    pending.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (cause: unknown) => {
        clearTimeout(timer);
        reject(failed(cause));
      },
    );
  });
}
