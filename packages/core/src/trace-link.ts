import type { Link } from '@opentelemetry/api';
import { loadOtel, otel } from './telemetry-api.js';

/**
 * The identity of a span, as plain JSON: what a queued job carries so that the worker's span
 * can link to the delivery's (W3C trace context fields; no secret, no payload).
 */
export interface CapturedTraceContext {
  traceId: string;
  spanId: string;
  traceFlags: number;
}

/**
 * The active span's context, to store in a job: called where a delivery is queued (inside the
 * receiver's `webhook receive`/`webhook process` spans) it identifies that delivery's trace.
 * `undefined` when `@opentelemetry/api` is absent, not loaded yet, or nothing is recording.
 *
 * @example
 * ```ts
 * await queue.add(eventType, { payload, deliveryId, trace: captureTraceContext() });
 * ```
 */
export function captureTraceContext(): CapturedTraceContext | undefined {
  const api = otel();
  const span = api?.trace.getActiveSpan();
  if (!api || !span) return undefined;
  const { traceId, spanId, traceFlags } = span.spanContext();
  return api.isSpanContextValid(span.spanContext()) ? { traceId, spanId, traceFlags } : undefined;
}

/** A span event: what {@link LinkedSpanOptions.deferred} records instead of an error. */
export interface LinkedSpanEvent {
  /** The event's name. */
  name: string;
  /** Its attributes. @default {} */
  attributes?: Record<string, string | number | boolean> | undefined;
}

/** Options of {@link withLinkedSpan}. */
export interface LinkedSpanOptions {
  /**
   * Tells a rejection that is no failure (the run is put off, not broken: a job waiting for
   * another worker) from one that is: for such an error it returns the event to record, and
   * the span keeps an unset status; for any other it returns `undefined`, and the span is
   * marked as an error.
   * @default every rejection is a failure
   */
  deferred?: ((error: unknown) => LinkedSpanEvent | undefined) | undefined;
}

/**
 * Runs `run` under a new span `name` that links to a captured context (the worker side of a
 * queued delivery: a span per job, linked to the receive span, as OpenTelemetry's messaging
 * conventions describe for batch and deferred processing). Without the API or a capture it
 * just runs `run`. The span ends when `run` settles, and is marked as an error if it rejects,
 * but for a rejection `options.deferred` recognises (an event is recorded instead).
 *
 * @example
 * ```ts
 * await withLinkedSpan(`webhook process ${job.name}`, job.data.trace, () => handle(job.data.payload), {
 *   'messaging.message.id': job.data.deliveryId,
 * });
 * // A wait for another worker is no failure: an event on the span, not an error status.
 * await withLinkedSpan('webhook process', job.data.trace, run, {}, {
 *   deferred: (error) => (isWebhookError(error) && error.code === 'DELIVERY_IN_FLIGHT' ? { name: 'waits' } : undefined),
 * });
 * ```
 */
export async function withLinkedSpan<T>(
  name: string,
  captured: CapturedTraceContext | undefined,
  run: () => T | Promise<T>,
  attributes: Record<string, string | number | boolean> = {},
  options: LinkedSpanOptions = {},
): Promise<T> {
  const api = await loadOtel();
  if (!api) return run();
  const links: Link[] = captured ? [{ context: { ...captured, isRemote: true } }] : [];
  const span = api.trace.getTracer('@hookgate/core').startSpan(name, {
    kind: api.SpanKind.CONSUMER,
    links,
    attributes: { 'messaging.operation.type': 'process', ...attributes },
  });
  try {
    return await api.context.with(api.trace.setSpan(api.context.active(), span), run);
  } catch (error) {
    const deferral = options.deferred?.(error);
    if (deferral) {
      span.addEvent(deferral.name, deferral.attributes);
      throw error;
    }
    span.setStatus({ code: api.SpanStatusCode.ERROR });
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string') span.setAttribute('hookgate.error.code', code);
    throw error;
  } finally {
    span.end();
  }
}
