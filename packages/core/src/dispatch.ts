import { WebhookError } from '@hookgate/signatures';
import { withDeadline } from './deadline.js';
import { publicHeaders } from './public-headers.js';
import { toWebhookError } from './respond.js';
import { type CapturedTraceContext, captureTraceContext } from './trace-link.js';
import type { DeliveryAttempt, DeliveryContext } from './types.js';

/**
 * A verified, de-duplicated delivery handed to a queue instead of its handlers. Plain JSON
 * data: the parsed payload (not the schema's output, which may hold dates, maps or class
 * instances that JSON would not keep; the worker validates it again with the same schemas,
 * so every transform runs where the handler runs), and the metadata handlers read from
 * `ctx`. Never the signature headers, the matched signature or a secret.
 */
export interface DispatchedDelivery {
  /** The format of this record, for workers of a later version. */
  version: 1;
  /** The idempotency key, `<scheme>:<replay key>`; queues use it as the job id. */
  key: string;
  /** The delivery id handlers see as `ctx.deliveryId`. */
  deliveryId: string;
  /** The event type the delivery is routed by. */
  eventType: string;
  /** The scheme's name, for example `stripe`. */
  scheme: string;
  /** The signed timestamp, where the scheme signs one. */
  timestamp?: number | undefined;
  /** The sender's retry information, where it gives any. */
  attempt?: DeliveryAttempt | undefined;
  /** Which configured secret matched (rotation monitoring). */
  secretIndex: number;
  /** The signature version that matched. */
  signatureVersion?: string | undefined;
  /** The request headers without signatures, credentials and cookies (lower-case names). */
  headers: Record<string, string>;
  /** The verified payload as parsed from the body (JSON, or form fields). */
  payload: unknown;
  /** When the receiver accepted it, in milliseconds since the epoch. */
  receivedAt: number;
  /**
   * The receive span's identity (W3C trace context fields), for the worker's span to link to;
   * absent without OpenTelemetry.
   */
  trace?: CapturedTraceContext | undefined;
}

/**
 * Where a receiver in queue mode hands its deliveries (`createReceiver({ dispatch })`). It
 * must resolve only once the delivery is stored durably: the receiver answers 2xx after it.
 * `@hookgate/bullmq`'s `queueDispatch` is one; any durable queue can be another.
 */
export interface Dispatcher {
  /** Stores one delivery; rejects (or runs past `timeoutMs`) to make the receiver answer 503. */
  dispatch(delivery: DispatchedDelivery, options: { signal: AbortSignal }): Promise<void>;
  /** Time limit of one `dispatch` call. @default 2_000 */
  readonly timeoutMs?: number | undefined;
}

/** Which queue job runs a dispatched delivery, passed to `receiver.runDispatched`. */
export interface DispatchJob {
  /** The job id in the queue. */
  id: string;
  /** This run's number: 1 for the first, 2 for the first retry, … */
  attempt: number;
  /** How many runs the queue allows in all. */
  attempts: number;
  /** The queue's name, where the worker gives it (`startWorker` does). */
  queue?: string | undefined;
}

/**
 * What a failure is reported with: the delivery's context, or, on a worker, the job alone when
 * its data holds no delivery to describe (a malformed job).
 */
export type ReportBase = Omit<DeliveryContext, 'signal'> | { job: DispatchJob };

/** What `receiver.runDispatched` did with a delivery. */
export type DispatchedResult =
  /** The handlers ran and succeeded; `value` is what the first one returned. */
  | { status: 'handled'; value: unknown }
  /** The idempotency store says it was handled before (a retry after the handler succeeded). */
  | { status: 'duplicate' }
  /** No handler is registered for its event type any more. */
  | { status: 'unhandled' };

/** The record of a delivery the receiver verified, claimed under `key` and validated. */
export function toDispatched(
  key: string,
  base: Omit<DeliveryContext, 'signal'>,
  payload: unknown,
): DispatchedDelivery {
  return {
    version: 1,
    key,
    deliveryId: base.deliveryId,
    eventType: base.eventType,
    scheme: base.scheme,
    timestamp: base.timestamp,
    attempt: base.attempt,
    secretIndex: base.verified.secretIndex,
    signatureVersion: base.verified.version,
    headers: publicHeaders(base.headers),
    payload,
    receivedAt: Date.now(),
    // The receive span's identity, so that the worker's span links to it (absent without a recording SDK).
    ...withTrace(captureTraceContext()),
  };
}

function withTrace(trace: CapturedTraceContext | undefined): { trace?: CapturedTraceContext } {
  return trace ? { trace } : {};
}

/**
 * Hands a delivery to the dispatcher within its time limit; any failure becomes
 * `QUEUE_UNAVAILABLE` (503: the sender retries), the dispatcher's own error kept as cause, but
 * for a payload too deeply nested to serialise (`INVALID_PAYLOAD`, 400).
 */
export function dispatchDelivery(dispatcher: Dispatcher, delivery: DispatchedDelivery): Promise<void> {
  const timeoutMs = dispatcher.timeoutMs ?? 2_000;
  const deadline = lazyAbort();
  let pending: Promise<void>;
  try {
    pending = dispatcher.dispatch(delivery, deadline.options);
  } catch (cause) {
    return Promise.reject(unavailable(cause));
  }
  return withDeadline(
    pending,
    timeoutMs,
    () => {
      const error = new WebhookError(
        'QUEUE_UNAVAILABLE',
        `the queue did not accept the delivery within ${timeoutMs} ms`,
      );
      deadline.abort(error);
      return error;
    },
    unavailable,
  );
}

/**
 * The `{ signal }` of one dispatch, its AbortController made only if the dispatcher reads the
 * signal (BullMQ's add does not): creating one costs more than a Redis command's encoding.
 */
function lazyAbort(): { options: { readonly signal: AbortSignal }; abort(reason: Error): void } {
  let controller: AbortController | undefined;
  let reason: Error | undefined;
  return {
    options: {
      get signal() {
        if (!controller) {
          controller = new AbortController();
          if (reason) controller.abort(reason);
        }
        return controller.signal;
      },
    },
    abort(error) {
      reason = error;
      controller?.abort(error);
    },
  };
}

function unavailable(cause: unknown): WebhookError {
  // A queue stores JSON, and JSON.stringify recurses where JSON.parse does not: a payload nested
  // a few thousand deep parses, then overflows the stack here on every retry alike. The queue
  // is fine; answering 503 would have the sender retry it for days.
  if (cause instanceof RangeError && /call stack/i.test(cause.message)) {
    return new WebhookError(
      'INVALID_PAYLOAD',
      'the payload is nested too deeply to be queued (serialising it overflowed the stack)',
      { cause },
    );
  }
  return toWebhookError(
    cause,
    () => new WebhookError('QUEUE_UNAVAILABLE', 'the queue did not accept the delivery; retry later'),
  );
}

/** The context of a dispatched delivery's handlers, as inline mode builds it from a request. */
export function dispatchedContext(
  delivery: DispatchedDelivery,
  job: DispatchJob,
): Omit<DeliveryContext, 'signal'> {
  return {
    deliveryId: delivery.deliveryId,
    eventType: delivery.eventType,
    scheme: delivery.scheme,
    timestamp: delivery.timestamp,
    attempt: delivery.attempt,
    headers: delivery.headers,
    verified: {
      scheme: delivery.scheme,
      id: delivery.deliveryId,
      timestamp: delivery.timestamp,
      secretIndex: delivery.secretIndex,
      version: delivery.signatureVersion,
    },
    job,
  };
}
