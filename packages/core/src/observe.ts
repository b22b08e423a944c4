import type { WebhookError } from '@hookgate/signatures';
import { CLIENT_CLOSED_MESSAGE, clientClosedFields } from './client-closed.js';
import { type DeliveryOutcome, DeliveryTrace } from './delivery-trace.js';
import type { DispatchJob, ReportBase } from './dispatch.js';
import { httpStatusOf, levelOf } from './http-policy.js';
import { type Logger, logsLevel } from './logger.js';
import { isPromise } from './maybe-promise.js';
import { hookFailed } from './respond.js';
import { createTelemetry } from './telemetry.js';
import { otelLoading } from './telemetry-api.js';
import type { DeliveryAttempt, HandleInput, HandleResult } from './types.js';
import { callHook } from './user-hook.js';

/** What is known about a delivery: the provider always, the rest once verified. */
export interface DeliveryFacts {
  /** The scheme's name, for example `stripe`. */
  provider: string;
  /** The delivery id, once the delivery is verified (absent where the sender gives none and the replay key is the signature). */
  deliveryId?: string | undefined;
  /** The event type, once the delivery is verified. */
  eventType?: string | undefined;
  /** Retry information, where the sender gives it. */
  attempt?: DeliveryAttempt | undefined;
  /**
   * Queue mode, on a worker: the job that failed (its `attempt` counts from 1), also for a job
   * whose data holds no delivery (then the only facts besides the provider).
   */
  job?: DispatchJob | undefined;
}

/**
 * What a reported failure did: the answer it gave (`answered`), nothing to the answer already
 * given (`unchanged`: a store write while settling), or, on a worker, a job that failed (the
 * queue retries it while it has attempts) or was dropped (`invalidPayload: 'ack'`).
 */
export type FailureKind = 'answered' | 'unchanged' | 'job-failed' | 'job-dropped';

/** The second argument of `onError`. */
export interface ErrorContext extends DeliveryFacts {
  /** The request as the receiver got it (the body is empty for refusals before reading it). */
  request: HandleInput;
}

/** Durations of one delivery, in milliseconds. */
export interface DeliveryDurations {
  /** Signature and timestamp checks (absent for a refusal before them). */
  verifyMs?: number | undefined;
  /** The handlers together (absent when none ran). */
  handlersMs?: number | undefined;
  /** From the request's arrival (before its body was read, under the adapters) to the answer. */
  totalMs: number;
}

/** What `onDelivered` gets for every delivery answered 2xx. */
export interface DeliveredReport extends DeliveryFacts {
  /** `handled`, `duplicate`, `unhandled` (no handler; acknowledged), `handshake`, or `dropped` (schema mismatch acknowledged with `invalidPayload: 'ack'`). */
  outcome: Exclude<DeliveryOutcome, 'rejected'>;
  /** The HTTP status answered. */
  status: number;
  /** Which configured secret matched (its index in a rotation, never the secret). */
  secretIndex?: number | undefined;
  /** How long it took. */
  durations: DeliveryDurations;
}

/** Options of {@link createObserver}. */
export interface ObserverOptions {
  provider: string;
  logger: Logger | undefined;
  onError: ((error: WebhookError, context: ErrorContext) => void) | undefined;
  onDelivered: ((report: DeliveredReport) => void) | undefined;
  telemetry: boolean;
}

/** Logs, hooks and telemetry of one receiver, behind one small interface for the pipeline. */
export interface Observer {
  /**
   * A trace for this delivery, or `undefined` when nothing would read it. `receivedAt` (a
   * `performance.now()` reading) is when the request arrived, where the adapter knows.
   */
  begin(receivedAt?: number): DeliveryTrace | undefined;
  /** While `@opentelemetry/api` is still loading (the first milliseconds), the load to wait for. */
  loading(): Promise<unknown> | undefined;
  /** Reports a delivery answered 2xx. */
  delivered(trace: DeliveryTrace | undefined, result: HandleResult): void;
  /** Reports a failure: once per refusal (`final`), or a failure that did not change the answer. */
  failed(
    error: WebhookError,
    request: HandleInput,
    base: ReportBase | undefined,
    trace?: DeliveryTrace,
    kind?: FailureKind,
  ): void;
  /** Logs a request whose client went away before its body arrived, once, at `warn`. */
  clientClosed(request: Omit<HandleInput, 'body'>): void;
  /** Runs the pipeline of a traced delivery with its receive span active. */
  within<T>(trace: DeliveryTrace, run: () => T): T;
  /** Runs a traced delivery's handlers: timed, under a `webhook process` span. */
  handlers<T>(trace: DeliveryTrace, run: () => T): T;
}

/**
 * Builds the observer of a receiver. Rejections log once at `warn` (the sender's side) or
 * `error` (ours: with the cause and its stack); successes at `debug`. Log fields and hook
 * arguments carry codes, names, ids and durations only: never a secret, a signature, a body or
 * a URL (the request in `onError`'s context is the caller's own).
 */
export function createObserver(options: ObserverOptions): Observer {
  const { provider, logger, onError, onDelivered } = options;
  const telemetry = createTelemetry(options.telemetry);
  const debug = logsLevel(logger, 'debug');
  const alwaysTrace = debug || onDelivered !== undefined;
  // Logged and counted, never reported to onError: a failing onError would report its own
  // failure for ever.
  const hookThrew = (hook: string, cause: unknown, trace: DeliveryTrace | undefined) => {
    logger?.error({ provider, hook, err: cause }, `the ${hook} hook failed (the answer is unchanged)`);
    telemetry.failure(provider, hookFailed(hook, cause), trace);
  };

  return {
    within: (trace, run) => telemetry.within(trace, run),
    loading: options.telemetry ? otelLoading : () => undefined,
    handlers<T>(trace: DeliveryTrace, run: () => T): T {
      const started = performance.now();
      const done = () => {
        trace.handlersMs = performance.now() - started;
      };
      const result = telemetry.process(trace, () => {
        try {
          return run();
        } finally {
          done();
        }
      });
      if (!isPromise(result)) return result;
      return Promise.resolve(result).finally(done) as T;
    },
    begin(receivedAt) {
      if (!alwaysTrace && !telemetry.active()) return undefined;
      const trace = new DeliveryTrace(provider, receivedAt);
      telemetry.begin(trace);
      return trace;
    },
    delivered(trace, result) {
      if (!trace) return;
      trace.endedAt = performance.now();
      if (debug || onDelivered) {
        const report = deliveredReport(provider, trace, result.status);
        if (debug)
          logger?.debug(
            { ...factsFields(report), outcome: report.outcome, status: report.status, ...report.durations },
            `${report.outcome} ${report.eventType ?? 'delivery'}`,
          );
        // A failing hook (a throw, or an async hook's rejection) must not change the answer, nor
        // end the process as an unhandled rejection: it is logged. Called before the span ends,
        // so that a throw is an event on it (the answer is not written before this returns).
        if (onDelivered)
          callHook(
            () => onDelivered(report),
            (cause) => hookThrew('onDelivered', cause, trace),
          );
      }
      telemetry.end(trace, result.status);
    },
    clientClosed(request) {
      logger?.warn(clientClosedFields(provider, request), CLIENT_CLOSED_MESSAGE);
    },
    failed(error, request, base, trace, kind = 'answered') {
      const final = kind === 'answered';
      const status = httpStatusOf(error);
      const facts: DeliveryFacts = { provider };
      if (base && 'deliveryId' in base) {
        facts.deliveryId = base.deliveryId;
        facts.eventType = base.eventType;
        if (base.attempt) facts.attempt = base.attempt;
      }
      if (base?.job) facts.job = base.job;
      if (logger) {
        const level = levelOf(error);
        const fields: Record<string, unknown> = final
          ? { code: error.code, status, ...factsFields(facts) }
          : { code: error.code, ...factsFields(facts) };
        if (level === 'error' && error.cause !== undefined) fields.err = error.cause;
        logger[level](fields, failureMessage(error, kind, status, facts.job));
      }
      if (trace && final) {
        trace.outcome = 'rejected';
        trace.code = error.code;
        if (base && 'deliveryId' in base) trace.identify(base);
        trace.endedAt = performance.now();
      }
      if (kind === 'unchanged') telemetry.failure(provider, error, trace);
      if (onError)
        callHook(
          () => onError(error, { ...facts, request }),
          (cause) => hookThrew('onError', cause, trace),
        );
      if (trace && final) telemetry.end(trace, status);
    },
  };
}

function deliveredReport(provider: string, trace: DeliveryTrace, status: number): DeliveredReport {
  const report: DeliveredReport = {
    provider,
    outcome: trace.outcome === 'rejected' ? 'handled' : trace.outcome,
    status,
    durations: durationsOf(trace),
  };
  if (trace.deliveryId !== undefined) report.deliveryId = trace.deliveryId;
  if (trace.eventType !== undefined) report.eventType = trace.eventType;
  if (trace.secretIndex !== undefined) report.secretIndex = trace.secretIndex;
  return report;
}

function durationsOf(trace: DeliveryTrace): DeliveryDurations {
  const durations: DeliveryDurations = { totalMs: trace.endedAt - trace.receivedAt };
  if (trace.verifiedAt !== undefined) durations.verifyMs = trace.verifiedAt - trace.startedAt;
  if (trace.handlersMs !== undefined) durations.handlersMs = trace.handlersMs;
  return durations;
}

function factsFields(facts: DeliveryFacts): Record<string, unknown> {
  const fields: Record<string, unknown> = { provider: facts.provider };
  if (facts.eventType !== undefined) fields.eventType = facts.eventType;
  if (facts.deliveryId !== undefined) fields.deliveryId = facts.deliveryId;
  if (facts.attempt !== undefined) fields.retry = facts.attempt.retry;
  if (facts.job !== undefined) {
    fields.jobId = facts.job.id;
    fields.jobAttempt = facts.job.attempt;
    if (facts.job.queue !== undefined) fields.queue = facts.job.queue;
  }
  return fields;
}

/** The log line of a reported failure, saying what it did. */
function failureMessage(
  error: WebhookError,
  kind: FailureKind,
  status: number,
  job: DispatchJob | undefined,
): string {
  const run = job ? `job ${job.id} (attempt ${job.attempt} of ${job.attempts})` : 'job';
  switch (kind) {
    case 'answered':
      return `refused ${error.code} (${status}): ${error.message}`;
    case 'unchanged':
      return `${error.code} (the answer is unchanged): ${error.message}`;
    case 'job-failed':
      return `${run} failed ${error.code}: ${error.message}`;
    case 'job-dropped':
      return `${run} dropped ${error.code} (invalidPayload: 'ack'): ${error.message}`;
  }
}
