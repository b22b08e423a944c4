import { type VerifiedSignature, WebhookError } from '@hookgate/signatures';
import { withDeadline } from './deadline.js';
import { isPromise } from './maybe-promise.js';
import type { DeliveryAttempt, DeliveryContext, Handler } from './types.js';

/**
 * Runs a delivery's handlers in order and gives the first value one returned. A handler that
 * throws, or runs past `timeoutMs` (all handlers of the delivery together), fails the
 * delivery as a whole: the claim is released and the sender's retry runs all of them again.
 * The context's signal is aborted at the time limit so that handlers can stop their I/O.
 *
 * While handlers return plain values this stays synchronous (no promise, no timer: nothing
 * could interrupt a synchronous handler anyway, and the time limit is checked before the
 * next one starts); from the first handler that returns a promise on, it waits under a timer.
 */
export function runHandlers(
  handlers: readonly Handler<unknown>[],
  payloads: readonly unknown[],
  base: Omit<DeliveryContext, 'signal'>,
  timeoutMs: number,
): unknown {
  const run: HandlerRun = {
    handlers,
    payloads,
    context: new HandlerContext(base),
    timeoutMs,
    started: performance.now(),
  };
  let result: unknown;
  for (let index = 0; index < handlers.length; index++) {
    const value = call(run, index);
    if (isPromise(value)) return continueAsync(run, index, value, result);
    if (result === undefined) result = value;
  }
  return result;
}

interface HandlerRun {
  handlers: readonly Handler<unknown>[];
  payloads: readonly unknown[];
  context: HandlerContext;
  timeoutMs: number;
  /** `performance.now()` when the first handler started. */
  started: number;
}

/** Calls handler `index`, or fails the delivery if the time limit has passed. */
function call(run: HandlerRun, index: number): unknown {
  // The first handler starts with all the time there is; no need to read the clock again.
  if (index > 0 && remainingMs(run) <= 0) throw run.context.timeOut(run.timeoutMs);
  try {
    return run.handlers[index]!(run.payloads[index], run.context);
  } catch (cause) {
    throw handlerFailed(cause);
  }
}

function remainingMs(run: HandlerRun): number {
  return run.timeoutMs - (performance.now() - run.started);
}

/** The rest of {@link runHandlers} from the first handler that returned a promise. */
async function continueAsync(
  run: HandlerRun,
  from: number,
  pending: PromiseLike<unknown>,
  result: unknown,
): Promise<unknown> {
  let value = await withinTime(pending, remainingMs(run), run.timeoutMs, run.context);
  for (let index = from + 1; ; index++) {
    if (result === undefined) result = value;
    if (index >= run.handlers.length) return result;
    value = call(run, index);
    if (isPromise(value)) value = await withinTime(value, remainingMs(run), run.timeoutMs, run.context);
  }
}

/** Waits for an async handler, for at most `remainingMs`. */
function withinTime(
  pending: PromiseLike<unknown>,
  remainingMs: number,
  timeoutMs: number,
  context: HandlerContext,
): Promise<unknown> {
  return withDeadline(pending, remainingMs, () => context.timeOut(timeoutMs), handlerFailed);
}

function handlerFailed(cause: unknown): WebhookError {
  return cause instanceof WebhookError && cause.code === 'HANDLER_TIMEOUT'
    ? cause
    : new WebhookError('HANDLER_FAILED', 'the handler threw; the delivery stays retryable', { cause });
}

/**
 * The context handlers get. A class, not an object literal with a `get signal()`: V8 gives
 * each literal with its own getter closure a hidden class of its own, kept in old space with
 * the closure, so every delivery's payload and headers outlived the young generation (4 KB
 * promoted per delivery, measured with `--trace-gc-nvp`). The signal is made on first read:
 * an AbortController costs more than the rest of this file, and most handlers never read it.
 */
class HandlerContext implements DeliveryContext {
  readonly deliveryId: string;
  readonly eventType: string;
  readonly scheme: string;
  readonly timestamp: number | undefined;
  readonly attempt: DeliveryAttempt | undefined;
  readonly headers: DeliveryContext['headers'];
  readonly verified: VerifiedSignature;
  readonly job: DeliveryContext['job'];
  #controller: AbortController | undefined;
  #timedOut: WebhookError | undefined;

  constructor(base: Omit<DeliveryContext, 'signal'>) {
    this.deliveryId = base.deliveryId;
    this.eventType = base.eventType;
    this.scheme = base.scheme;
    this.timestamp = base.timestamp;
    this.attempt = base.attempt;
    this.headers = base.headers;
    this.verified = base.verified;
    this.job = base.job;
  }

  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#timedOut) this.#controller.abort(this.#timedOut);
    }
    return this.#controller.signal;
  }

  /** Marks the delivery as out of time, aborts the signal, and returns the error to fail it with. */
  timeOut(timeoutMs: number): WebhookError {
    this.#timedOut ??= new WebhookError(
      'HANDLER_TIMEOUT',
      `the handler ran longer than ${timeoutMs} ms; the delivery stays retryable`,
    );
    this.#controller?.abort(this.#timedOut);
    return this.#timedOut;
  }
}
