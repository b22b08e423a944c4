import { WebhookError } from '@hookgate/signatures';
import { assertDeclared, assertSchemas, assertSomeDeclared } from './declare-checks.js';
import type { DispatchedDelivery, DispatchedResult, DispatchJob } from './dispatch.js';
import { deliveryOf } from './failure-context.js';
import { answerFor } from './head-answer.js';
import { createInFlight } from './in-flight.js';
import { resolveLogger } from './logger.js';
import { createObserver } from './observe.js';
import { createPipeline, type ReportFailure } from './pipeline.js';
import { warnProcessLocalQueueStore } from './process-local-store.js';
import type { ReceiverOptions } from './receiver-options.js';
import { resolveSettings } from './receiver-settings.js';
import { errorResult, toWebhookError } from './respond.js';
import { createRouter } from './router.js';
import {
  createDispatchedRunner,
  type DispatchedRunnerDeps,
  jobReportBase,
  type RunDispatchedOptions,
} from './run-dispatched.js';
import type { IdempotencyStore } from './store.js';
import type {
  AnyEventPayload,
  EventPayload,
  EventSchemas,
  HandleInput,
  HandleResult,
  Handler,
} from './types.js';
import { readWebRequest, toWebResponse } from './web.js';

/** A webhook receiver: register handlers, then pass it requests. */
export interface Receiver<TEvents extends EventSchemas> {
  /** The largest accepted body, for adapters that read streams. */
  readonly maxBodyBytes: number;
  /** The idempotency store: the `store` option, or the memory store made in its place. */
  readonly store: IdempotencyStore;
  /** Registers a handler for one event type (a key of `events`). */
  on<K extends keyof TEvents & string>(
    type: K,
    handler: Handler<EventPayload<TEvents, K>>,
  ): Receiver<TEvents>;
  /** Registers a handler for every delivery whose type has a schema, typed as the union. */
  onAny(handler: Handler<AnyEventPayload<TEvents>>): Receiver<TEvents>;
  /**
   * Registers a catch-all: it runs for every verified delivery whatever its type, declared or
   * not, after that type's own handlers, with the parsed payload unvalidated (`unknown`).
   * De-duplicated and retried like any handler; with one registered every verified delivery
   * has a handler, so `onUnhandled` is no longer called.
   */
  onEvery(handler: Handler<unknown>): Receiver<TEvents>;
  /** Runs the pipeline over one request; never throws. The answer to a HEAD has no body. */
  handle(input: HandleInput): Promise<HandleResult>;
  /**
   * The answer to a request an adapter refused before the pipeline (body too large or too
   * slow, body consumed by a parser), reported to `onError` like every other rejection.
   */
  reject(error: WebhookError, request: Omit<HandleInput, 'body'>): HandleResult;
  /**
   * Reports a request whose client closed the connection before its body arrived: one line at
   * `warn` (method and milliseconds since `receivedAt`; no URL, which can carry a token). Not a refusal: no
   * answer reaches anyone and nothing was lost (the sender retries), so `onError` is not
   * called. The Node layer and `receiver.fetch` call it; an adapter that reads the body itself
   * may too.
   *
   * @example
   * ```ts
   * req.on('aborted', () => receiver.clientClosed({ method: req.method ?? 'POST', url: req.url, headers: {} }));
   * ```
   */
  clientClosed(request: Omit<HandleInput, 'body'>): void;
  /**
   * The same for a web `Request` (Next.js App Router, Hono, Bun, Deno, Workers). `url` is the
   * URL the sender signed when it is not `request.url` (behind a proxy; see `publicUrl`);
   * `bodyTimeoutMs` how long the body may take to arrive before the answer is 408
   * `BODY_READ_TIMEOUT` (default 10 s). The receive span and `hookgate.ack.duration` start
   * before the body is read (`receivedAt`).
   */
  fetch(
    request: Request,
    options?: { url?: string | undefined; bodyTimeoutMs?: number | undefined },
  ): Promise<Response>;
  /**
   * Queue mode, on a worker: validates a dispatched delivery with the same schemas and runs
   * the same handlers once (`ctx.job` tells the attempt). Throws a `WebhookError` for the
   * queue to retry; resolves `duplicate` without running anything if it was handled before.
   */
  runDispatched(delivery: DispatchedDelivery, options: RunDispatchedOptions): Promise<DispatchedResult>;
  /**
   * Queue mode, on a worker: reports a job the queue failed by itself, without `runDispatched`
   * throwing (`startWorker` calls it for a job that stalled too often), where every job failure
   * is reported: the logger and `onError`, with the job's facts (and its delivery's, when its
   * data holds one). Only for failures `runDispatched` did not report: BullMQ's `failed` event
   * also fires for every error the processor threw, which `runDispatched` already reported.
   *
   * @example
   * ```ts
   * // In a hand-written BullMQ worker, for an error the processor never saw:
   * receiver.reportJobFailure(
   *   new WebhookError('JOB_STALLED', error.message, { cause: error }),
   *   { id: job.id ?? '', attempt: job.attemptsMade, attempts: job.opts.attempts ?? 1, queue: job.queueName },
   *   job.data,
   * );
   * ```
   */
  reportJobFailure(error: WebhookError, job: DispatchJob, data?: unknown): void;
  /**
   * Shuts the receiver down gracefully. From the call on, every delivery is answered 503
   * `RECEIVER_CLOSED` (logged; the sender retries, on another instance or later) and runs no
   * handler. The promise resolves once the deliveries already under way are finished: their
   * handlers done (each bounded by `handlerTimeoutMs`), their claims completed or released,
   * and in queue mode the completions sent after the answer settled (bounded by the store's
   * time limit). Calling it again returns the same promise.
   *
   * Close the HTTP server first (no new requests), then the receiver, then the connections
   * it uses (store client, queue). `runDispatched` is not affected: close a worker with
   * `worker.close()`. A handler that ignores `ctx.signal` past its time limit may still be
   * running when the promise resolves.
   *
   * @example
   * ```ts
   * process.on('SIGTERM', () => {
   *   server.close(async () => {
   *     await receiver.close();
   *     await dispatcher.close();
   *     await redis.quit();
   *   });
   * });
   * ```
   */
  close(): Promise<void>;
}

/**
 * Creates a receiver: verify → freshness → parse → claim the delivery id → validate → route
 * → complete or release. Every outcome is a status that makes the sender do the right thing.
 *
 * @example
 * ```ts
 * const receiver = createReceiver({
 *   scheme: stripe({ secret: process.env.STRIPE_WEBHOOK_SECRET! }),
 *   events: { 'invoice.paid': z.object({ id: z.string(), type: z.literal('invoice.paid') }) },
 * });
 * receiver.on('invoice.paid', async (event, ctx) => { await markPaid(event.id); });
 * const answer = await receiver.handle({ method, url, headers: requestHeaders, body: rawBytes });
 * // answer.status, answer.headers, answer.body: write them back as they are
 * ```
 */
export function createReceiver<TEvents extends EventSchemas = Record<never, never>>(
  options: ReceiverOptions<TEvents>,
): Receiver<TEvents> {
  const { scheme } = options;
  const events: EventSchemas = options.events ?? {};
  assertSchemas(events);
  const settings = resolveSettings(options);
  const { maxBodyBytes } = settings;
  const router = createRouter(events, settings.profile.bareNameRouting === true);
  const logger = resolveLogger(options.logger);
  if (options.dispatch) warnProcessLocalQueueStore(settings.store, logger);
  const observer = createObserver({
    provider: scheme.name,
    logger,
    onError: options.onError,
    onDelivered: options.onDelivered,
    telemetry: options.telemetry !== false,
  });
  const report: ReportFailure = (error, request, base, trace) =>
    observer.failed(error, request, base, trace, 'unchanged');
  const inFlight = createInFlight();
  const process = createPipeline({ options, settings, router, observer, report, track: inFlight.track });
  const reportJob: DispatchedRunnerDeps['report'] = (error, context, kind = 'unchanged') =>
    observer.failed(
      error,
      { method: 'POST', headers: context && 'headers' in context ? context.headers : {}, body: '' },
      context,
      undefined,
      kind,
    );
  const runDispatched = createDispatchedRunner({
    router,
    store: settings.store,
    storeDeadlineMs: settings.storeDeadlineMs,
    retainMs: settings.retainMs,
    handlerTimeoutMs: settings.handlerTimeoutMs,
    invalidPayload: options.invalidPayload ?? 'reject',
    report: reportJob,
    onUnhandled: options.onUnhandled,
  });

  const receiver: Receiver<TEvents> = {
    maxBodyBytes,
    store: settings.store,
    runDispatched,
    reportJobFailure: (error, job, data) => reportJob(error, jobReportBase(data, job), 'job-failed'),
    on(type, handler) {
      assertDeclared(events, type);
      router.on(type, handler as Handler<unknown>);
      return receiver;
    },
    onAny(handler) {
      assertSomeDeclared(events);
      router.onAny(handler as Handler<unknown>);
      return receiver;
    },
    onEvery(handler) {
      router.onEvery(handler);
      return receiver;
    },
    async handle(input) {
      const loading = observer.loading();
      if (loading) await loading;
      if (inFlight.closed) return receiver.reject(closedError(), input);
      inFlight.enter();
      const trace = observer.begin(input.receivedAt);
      try {
        const result = await (trace
          ? observer.within(trace, () => process(input, trace))
          : process(input, trace));
        observer.delivered(trace, result);
        return answerFor(input.method, result);
      } catch (thrown) {
        const error = toWebhookError(
          thrown,
          () => new WebhookError('INTERNAL_ERROR', 'the delivery failed unexpectedly; it stays retryable'),
        );
        observer.failed(error, input, deliveryOf(thrown), trace);
        return answerFor(input.method, errorResult(error));
      } finally {
        inFlight.leave();
      }
    },
    reject(error, request) {
      observer.failed(error, { ...request, body: '' }, undefined, observer.begin(request.receivedAt));
      return answerFor(request.method, errorResult(error));
    },
    clientClosed: observer.clientClosed,
    async fetch(request, fetchOptions) {
      const receivedAt = performance.now();
      // Read before reading: a body the app consumed is a misconfiguration, never a client gone.
      const consumed = request.bodyUsed || request.body?.locked === true;
      const read = await readWebRequest(request, maxBodyBytes, fetchOptions?.bodyTimeoutMs);
      const url = fetchOptions?.url ?? request.url;
      if (read instanceof WebhookError) {
        const refused = { method: request.method, url, headers: request.headers, receivedAt };
        // The runtime aborts `request.signal` when the client goes away (and the read fails):
        // logged as that, the answer (which the runtime wants) reaches no one.
        if (read.code === 'RAW_BODY_UNAVAILABLE' && !consumed && request.signal?.aborted === true) {
          receiver.clientClosed(refused);
          return toWebResponse(answerFor(request.method, errorResult(read)));
        }
        return toWebResponse(receiver.reject(read, refused));
      }
      return toWebResponse(await receiver.handle({ ...read, url, receivedAt }));
    },
    close() {
      return inFlight.close();
    },
  };

  return receiver;
}

function closedError(): WebhookError {
  return new WebhookError(
    'RECEIVER_CLOSED',
    'this receiver is shutting down (receiver.close() was called) and takes no new delivery; the sender should retry',
  );
}
