import { WebhookError } from '@hookgate/signatures';
import type { DeliveryContext, Handler } from './types.js';

/**
 * Runs a delivery's handlers in order and resolves with the first value one returned. A
 * handler that throws, or runs past `timeoutMs`, fails the delivery as a whole: the claim is
 * released and the sender's retry runs all of them again. The context's signal is aborted at
 * the time limit so that handlers can stop their I/O.
 */
export function runHandlers(
  handlers: readonly Handler<unknown>[],
  payloads: readonly unknown[],
  context: Omit<DeliveryContext, 'signal'>,
  timeoutMs: number,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    // An AbortController costs more to make than the rest of this function (it is an
    // EventTarget), and most handlers never read the signal: it is made on first read.
    let controller: AbortController | undefined;
    let timedOut: WebhookError | undefined;
    const timer = setTimeout(() => {
      timedOut = new WebhookError(
        'HANDLER_TIMEOUT',
        `the handler ran longer than ${timeoutMs} ms; the delivery stays retryable`,
      );
      controller?.abort(timedOut);
      reject(timedOut);
    }, timeoutMs);
    const full: DeliveryContext = {
      ...context,
      get signal() {
        if (!controller) {
          controller = new AbortController();
          if (timedOut) controller.abort(timedOut);
        }
        return controller.signal;
      },
    };
    // Settling after the timeout changes nothing: the promise is already rejected.
    run(handlers, payloads, full).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (cause: unknown) => {
        clearTimeout(timer);
        reject(
          cause instanceof WebhookError && cause.code === 'HANDLER_TIMEOUT'
            ? cause
            : new WebhookError('HANDLER_FAILED', 'the handler threw; the delivery stays retryable', {
                cause,
              }),
        );
      },
    );
  });
}

async function run(
  handlers: readonly Handler<unknown>[],
  payloads: readonly unknown[],
  context: DeliveryContext,
): Promise<unknown> {
  let result: unknown;
  for (let index = 0; index < handlers.length; index++) {
    const value = await handlers[index]!(payloads[index], context);
    if (result === undefined) result = value;
  }
  return result;
}
