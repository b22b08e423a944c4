import { WebhookError } from '@hookgate/signatures';
import type { DispatchedDelivery, DispatchedResult, DispatchJob, ReportBase } from './dispatch.js';
import { dispatchedContext } from './dispatch.js';
import { isDispatchedDelivery } from './dispatched-record.js';
import type { FailureKind } from './observe.js';
import { hookFailed, leaseLost, toWebhookError } from './respond.js';
import type { Router } from './router.js';
import { runHandlers } from './run-handlers.js';
import type { ClaimResult, CompleteResult, IdempotencyStore } from './store.js';
import { callStore } from './store-timeout.js';
import type { DeliveryContext } from './types.js';
import { callHook } from './user-hook.js';

/** Options of `receiver.runDispatched`: the queue job that runs the delivery. */
export interface RunDispatchedOptions {
  /** The job, given to handlers as `ctx.job`. */
  job: DispatchJob;
  /** Time limit of the handlers; `ctx.signal` aborts at it. @default the receiver's `handlerTimeoutMs` */
  timeoutMs?: number | undefined;
  /**
   * How long the worker's claim lasts if its process dies mid-handler; must exceed `timeoutMs`.
   * @default timeoutMs + 30_000
   */
  leaseMs?: number | undefined;
}

/** What the runner needs from its receiver. */
export interface DispatchedRunnerDeps {
  router: Router;
  store: IdempotencyStore;
  /** The time limit of each store call; `undefined` when the store bounds its calls itself. */
  storeDeadlineMs: number | undefined;
  retainMs: number;
  handlerTimeoutMs: number;
  invalidPayload: 'reject' | 'ack';
  /** Logs the failure and calls `onError`, with the delivery's context, or the job's alone. */
  report: (error: WebhookError, context?: ReportBase, kind?: FailureKind) => void;
  /** The receiver's `onUnhandled`: a job whose event type lost its handlers since it was queued. */
  onUnhandled?: ((payload: unknown, context: Omit<DeliveryContext, 'signal'>) => void) | undefined;
}

/**
 * The worker's half of queue mode. The web process claimed `<key>` to stop duplicates and
 * completed it once the queue held the job; the worker claims `handled:<key>`, runs the
 * handlers, and completes that claim only after they succeeded. A job run again after
 * success (its worker died before BullMQ recorded the completion, or a person replayed it)
 * finds the claim completed and runs nothing. A failure releases the claim and throws, so
 * that the queue retries the job with its backoff.
 */
export function createDispatchedRunner(deps: DispatchedRunnerDeps) {
  const completeOptions = { retainMs: deps.retainMs };
  return async function runDispatched(
    delivery: DispatchedDelivery,
    options: RunDispatchedOptions,
  ): Promise<DispatchedResult> {
    if (!isDispatchedDelivery(delivery)) {
      const error = new WebhookError(
        'INVALID_PAYLOAD',
        'the job does not hold a well-formed hookgate delivery (version 1 with its key, ids, headers and times); it is not retried',
      );
      // No delivery to describe, but the job's facts: which job to look at in the queue.
      deps.report(error, { job: options.job }, 'job-failed');
      throw error;
    }
    const route = deps.router.resolve(delivery.eventType);
    if (route.handlers.length === 0) {
      const { onUnhandled } = deps;
      const context = dispatchedContext(delivery, options.job);
      if (onUnhandled) {
        callHook(
          () => onUnhandled(delivery.payload, context),
          (cause) => deps.report(hookFailed('onUnhandled', cause), context),
        );
      }
      return { status: 'unhandled' };
    }
    const timeoutMs = options.timeoutMs ?? deps.handlerTimeoutMs;
    const leaseMs = options.leaseMs ?? timeoutMs + 30_000;
    if (leaseMs <= timeoutMs)
      throw new RangeError('leaseMs must exceed timeoutMs, or a slow handler could run twice');

    const key = `handled:${delivery.key}`;
    const context = dispatchedContext(delivery, options.job);
    let claim: ClaimResult;
    try {
      claim = await callStore(() => deps.store.claim(key, { leaseMs }), deps.storeDeadlineMs);
    } catch (error) {
      // The queue retries it, and says so only in its own failed set: say it here too.
      deps.report(
        toWebhookError(
          error,
          () => new WebhookError('STORE_UNAVAILABLE', 'the store failed to claim the job'),
        ),
        context,
        'job-failed',
      );
      throw error;
    }
    if (claim.status === 'completed') return { status: 'duplicate' };
    if (claim.status === 'in-flight') {
      throw new WebhookError(
        'DELIVERY_IN_FLIGHT',
        'another worker holds this delivery (or held it when it died: its lease has not expired); retried later',
      );
    }
    const { token } = claim;
    const release = () => settle(() => deps.store.release(key, token));
    let value: unknown;
    try {
      let payloads: unknown[];
      try {
        payloads = await deps.router.validate(route, delivery.payload, delivery.eventType);
      } catch (error) {
        if (
          deps.invalidPayload === 'ack' &&
          error instanceof WebhookError &&
          error.code === 'SCHEMA_MISMATCH'
        ) {
          deps.report(error, context, 'job-dropped');
          await settle(() => deps.store.complete(key, token, completeOptions), context);
          return { status: 'handled', value: undefined };
        }
        throw error;
      }
      value = await runHandlers(route.handlers, payloads, context, timeoutMs);
    } catch (error) {
      // Said where the receiver says everything: its logger and `onError` (the queue keeps
      // the job for another attempt, or as a dead letter once they are spent).
      deps.report(
        toWebhookError(
          error,
          () => new WebhookError('INTERNAL_ERROR', 'the job failed unexpectedly; the queue retries it'),
        ),
        context,
        'job-failed',
      );
      await release();
      throw error;
    }
    // Success is recorded even if it cannot be: the job then completes in the queue anyway,
    // and only a replay within the lease could run it again (reported, never silent).
    await settle(() => deps.store.complete(key, token, completeOptions), context);
    return { status: 'handled', value };
  };

  async function settle(
    operation: () => CompleteResult | Promise<CompleteResult>,
    context?: Omit<DeliveryContext, 'signal'>,
  ): Promise<void> {
    try {
      // `false`: the completion came after the claim expired (see `leaseLost`).
      if ((await callStore(operation, deps.storeDeadlineMs)) === false) deps.report(leaseLost(), context);
    } catch (error) {
      deps.report(error as WebhookError, context);
    }
  }
}

/**
 * What a job's failure is reported with: its delivery's context when its data holds one, else
 * the job alone (data that is not a hookgate delivery has nothing else to trust).
 */
export function jobReportBase(data: unknown, job: DispatchJob): ReportBase {
  return isDispatchedDelivery(data) ? dispatchedContext(data, job) : { job };
}
