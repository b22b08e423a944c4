import { WebhookError } from '@hookgate/signatures';
import type { DeliveryContext, Handler } from './types.js';

/**
 * Runs a delivery's handlers in order and resolves with the first value one returned. A
 * handler that throws, or runs past `timeoutMs`, fails the delivery as a whole: the claim is
 * released and the sender's retry runs all of them again. The context's signal is aborted at
 * the time limit so that handlers can stop their I/O.
 */
export async function runHandlers(
  handlers: readonly Handler<unknown>[],
  payloads: readonly unknown[],
  context: Omit<DeliveryContext, 'signal'>,
  timeoutMs: number,
): Promise<unknown> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new WebhookError(
        'HANDLER_TIMEOUT',
        `the handler ran longer than ${timeoutMs} ms; the delivery stays retryable`,
      );
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  const full: DeliveryContext = { ...context, signal: controller.signal };
  const run = async () => {
    let result: unknown;
    for (let index = 0; index < handlers.length; index++) {
      const value = await handlers[index]!(payloads[index], full);
      if (result === undefined) result = value;
    }
    return result;
  };
  try {
    return await Promise.race([run(), timeout]);
  } catch (cause) {
    if (cause instanceof WebhookError && cause.code === 'HANDLER_TIMEOUT') throw cause;
    throw new WebhookError('HANDLER_FAILED', 'the handler threw; the delivery stays retryable', { cause });
  } finally {
    clearTimeout(timer);
  }
}
