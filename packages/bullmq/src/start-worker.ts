import type {
  DispatchedDelivery,
  DispatchedResult,
  DispatchJob,
  EventSchemas,
  Logger,
  Receiver,
} from '@hookgate/core';
import {
  createConsoleLogger,
  isDispatchedDelivery,
  isProcessLocalStore,
  isWebhookError,
  WebhookError,
  withLinkedSpan,
} from '@hookgate/core';
import {
  type ConnectionOptions,
  DelayedError,
  type Job,
  UnrecoverableError,
  Worker,
  type WorkerOptions,
} from 'bullmq';

/** Options of {@link startWorker}. */
export interface StartWorkerOptions {
  /** How BullMQ reaches Redis (as in `queueDispatch`). */
  connection: ConnectionOptions;
  /** The queue to run, the one `queueDispatch` adds to. */
  queueName: string;
  /** BullMQ's key prefix, the same as the dispatcher's. @default 'bull' */
  prefix?: string | undefined;
  /** Jobs run at once in this process. @default 1 */
  concurrency?: number | undefined;
  /** Time limit of one run of a job's handlers; `ctx.signal` aborts at it, and the run fails (retried). @default 300_000 */
  timeoutMs?: number | undefined;
  /**
   * How long this worker's claim on a delivery outlives a process killed mid-handler; another
   * worker can run the stalled job only after it. Must exceed `timeoutMs`.
   * @default timeoutMs + 30_000
   */
  leaseMs?: number | undefined;
  /**
   * How long a job waits, without spending an attempt, when another worker holds its delivery
   * (a stalled job whose dead worker's lease has not expired yet). @default 5_000
   */
  inFlightDelayMs?: number | undefined;
  /**
   * Other BullMQ worker options: `lockDuration` and `stalledInterval` (how soon a killed
   * worker's job is picked up again, 30 s each by default), `maxStalledCount`, `limiter`, …
   */
  workerOptions?: Omit<WorkerOptions, 'connection' | 'prefix' | 'concurrency' | 'autorun'> | undefined;
  /**
   * Where the worker's own trouble is written (Redis connection errors, at `warn`, at most one
   * line per 10 s while they last). Failed jobs are reported by the receiver (its logger and
   * `onError`): a handler's failure, and one BullMQ makes by itself (`JOB_STALLED`).
   * `false` writes nothing.
   * @default createConsoleLogger()
   */
  logger?: Logger | false | undefined;
}

/**
 * Runs a queue-mode receiver's handlers: each job is passed to `receiver.runDispatched`,
 * which validates it with the same schemas and runs the same handlers once (a job that ran
 * to success before is skipped through the idempotency store). A failure is thrown back to
 * BullMQ, which retries with the job's backoff and keeps the job in its failed set once its
 * attempts are spent; every failed job is reported once by the receiver (its logger and
 * `onError`, with the job's facts), also one BullMQ fails by itself (`JOB_STALLED`: stalled more
 * than `maxStalledCount` times, a dead letter at once). A job waiting for a delivery in flight elsewhere
 * (`DELIVERY_IN_FLIGHT`) is no failure: it waits `inFlightDelayMs` without spending an attempt,
 * and its span records an event, not an error. Give the receiver a store every worker shares
 * (`@hookgate/redis`): with the memory store the worker logs a `warn` at startup, unless it was
 * made with `createMemoryStore({ singleProcess: true })`. Returns the BullMQ worker: `await
 * worker.close()` finishes running jobs.
 *
 * @example
 * ```ts
 * const worker = startWorker(receiver, { connection, queueName: 'webhooks-stripe', concurrency: 8 });
 * process.on('SIGTERM', () => worker.close());
 * ```
 */
export function startWorker<TEvents extends EventSchemas>(
  receiver: Receiver<TEvents>,
  options: StartWorkerOptions,
): Worker<DispatchedDelivery, DispatchedResult> {
  const { timeoutMs = 300_000 } = options;
  const leaseMs = options.leaseMs ?? timeoutMs + 30_000;
  const inFlightDelayMs = options.inFlightDelayMs ?? 5_000;
  if (leaseMs <= timeoutMs) {
    throw new RangeError('startWorker: leaseMs must exceed timeoutMs, or a slow handler could run twice');
  }
  const logger = options.logger === false ? undefined : (options.logger ?? createConsoleLogger());
  // Said before the worker exists: BullMQ starts taking jobs as soon as it is constructed.
  if (logger && isProcessLocalStore(receiver.store)) {
    logger.warn(
      { queue: options.queueName, store: 'process-local' },
      processLocalStoreWarning(options.queueName),
    );
  }
  // What the processor threw was reported by runDispatched (logger, onError): the failed
  // listener below says only what BullMQ failed by itself.
  const reported = new WeakSet<Error>();
  const waiting = {
    name: 'webhook delivery in flight elsewhere',
    attributes: {
      'hookgate.job.delay_ms': inFlightDelayMs,
      'hookgate.message': `the delivery runs on another worker (or its dead worker's lease has not expired); the job waits ${inFlightDelayMs} ms without spending an attempt`,
    },
  };
  const worker = new Worker<DispatchedDelivery, DispatchedResult>(
    options.queueName,
    async function runDelivery(job: Job<DispatchedDelivery, DispatchedResult>, token?: string) {
      const run = jobFacts(job, job.attemptsMade + 1, options.queueName);
      // Job data is whatever Redis holds (null, a string, another version): the span reads only
      // a checked record, and runDispatched refuses the rest (INVALID_PAYLOAD, not retried).
      const delivery = isDispatchedDelivery(job.data) ? job.data : undefined;
      try {
        // A span per job, linked to the delivery's receive span (OpenTelemetry, when installed).
        return await withLinkedSpan(
          `webhook process ${delivery?.eventType ?? job.name}`,
          delivery?.trace,
          () => receiver.runDispatched(job.data, { job: run, timeoutMs, leaseMs }),
          {
            // As the receive and inline process spans say it: the sending system.
            'messaging.system': delivery?.scheme ?? 'hookgate',
            'messaging.message.id': delivery?.deliveryId ?? '',
            'messaging.destination.name': delivery?.eventType ?? job.name,
            'hookgate.provider': delivery?.scheme ?? '',
            'hookgate.attempt': run.attempt,
          },
          // Not a failure (see below): the span says the job waits, and is not an error.
          { deferred: (error) => (token && inFlight(error) ? waiting : undefined) },
        );
      } catch (error) {
        // Not a failure: the delivery is running elsewhere (or its dead worker's lease runs out
        // soon). Wait without spending an attempt, or a short backoff could exhaust them all.
        if (token && inFlight(error)) {
          await job.moveToDelayed(Date.now() + inFlightDelayMs, token);
          throw new DelayedError();
        }
        const failure = toJobError(error);
        reported.add(failure);
        throw failure;
      }
    },
    {
      ...options.workerOptions,
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 1,
    },
  );
  // Connection errors are retried by BullMQ; a listener keeps them from crashing the process,
  // and says so (rate-limited: a Redis outage emits one per reconnect attempt).
  let lastLoggedAt = Number.NEGATIVE_INFINITY;
  worker.on('error', (error: Error) => {
    const now = Date.now();
    if (!logger || now - lastLoggedAt < 10_000) return;
    lastLoggedAt = now;
    logger.warn(
      { queue: options.queueName, err: error },
      `worker of queue ${options.queueName} cannot reach Redis (${error.message}); BullMQ keeps retrying`,
    );
  });
  // BullMQ also fails jobs the processor never finished, most often one stalled more than
  // `maxStalledCount` times (a worker killed mid-job by a poison payload). No hookgate code saw
  // those: reported where every job failure is (logger, onError).
  worker.on('failed', (job: Job | undefined, error: Error) => {
    if (reported.has(error)) return;
    // `failed` comes after BullMQ counted the run: attemptsMade is the failed run's number.
    const run = jobFacts(job, Math.max(1, job?.attemptsMade ?? 1), options.queueName);
    receiver.reportJobFailure(
      new WebhookError(
        'JOB_STALLED',
        `BullMQ failed the job outside its handlers (${error.message}): ${STALLED.test(error.message) ? STALLED_MEANS : 'no handler failed; see the cause'}`,
        { cause: error },
      ),
      run,
      job?.data,
    );
  });
  return worker;
}

/** BullMQ's reason for a job that stalled more than `maxStalledCount` times. */
const STALLED = /stalled more than allowable limit/;
const STALLED_MEANS =
  'its worker died or was blocked mid-job more often than maxStalledCount allows, and BullMQ fails such a job at once, whatever attempts remain: it is in the failed set, replay it once the cause is fixed';

/** The job's facts, as handlers (`ctx.job`) and reports see them. */
function jobFacts(job: Job | undefined, attempt: number, queue: string): DispatchJob {
  return { id: job?.id ?? '', attempt, attempts: job?.opts.attempts ?? 1, queue };
}

function inFlight(error: unknown): boolean {
  return isWebhookError(error) && error.code === 'DELIVERY_IN_FLIGHT';
}

/**
 * The worker's `handled:<key>` claim is what keeps a job's handlers from running twice; in a
 * store only this process sees, another worker (or this one after a restart) does not see it.
 */
function processLocalStoreWarning(queueName: string): string {
  return (
    `worker of queue ${queueName}: the receiver's idempotency store is local to this process (createMemoryStore, ` +
    'the default), so a job run again on another worker or after a restart (its worker died before BullMQ ' +
    'recorded the success, or a copy of the delivery was queued again) runs its handlers again, and a stalled ' +
    'job taken over by another worker can run alongside the first; use a store every worker shares: store: ' +
    'createRedisStore({ client }) from @hookgate/redis (if the web server and its workers really are this one ' +
    'process, say so with store: createMemoryStore({ singleProcess: true }))'
  );
}

/**
 * What BullMQ records in the failed job: the handler's own message and stack (not only the
 * wrapping `HANDLER_FAILED`), so the dead letter tells a person what broke. A job that is
 * not a hookgate delivery fails at once (`UnrecoverableError`): retrying cannot fix it.
 */
function toJobError(error: unknown): Error {
  if (!isWebhookError(error)) return error instanceof Error ? error : new Error(String(error));
  if (error.code === 'INVALID_PAYLOAD') return new UnrecoverableError(`${error.code}: ${error.message}`);
  const cause = error.cause;
  const failure = new Error(
    cause instanceof Error ? `${error.code}: ${cause.message}` : `${error.code}: ${error.message}`,
  );
  failure.name = cause instanceof Error ? cause.name : error.name;
  failure.stack = cause instanceof Error && cause.stack ? cause.stack : error.stack;
  return failure;
}
