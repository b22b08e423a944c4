import type { WebhookError } from '@hookgate/signatures';
import type { Attributes, Counter, Histogram, Meter, MeterProvider, Span, Tracer } from '@opentelemetry/api';
import type { DeliveryTrace } from './delivery-trace.js';
import { loadOtel, type Otel, otel } from './telemetry-api.js';

const SCOPE = '@hookgate/core';

/** The OpenTelemetry side of one receiver: spans and metrics, or nothing when no SDK is registered. */
export interface Telemetry {
  /** Whether a tracer or meter provider is registered now (checked per delivery: cheap). */
  active(): boolean;
  /**
   * Starts the `webhook receive <provider>` span, child of the active (HTTP server) span, at the
   * request's arrival when the adapter gave it (the body read included).
   */
  begin(trace: DeliveryTrace): void;
  /** Runs `run` with the receive span active, so that what it starts nests under it. */
  within<T>(trace: DeliveryTrace, run: () => T): T;
  /** Runs the handlers under a `webhook process <event type>` span. */
  process<T>(trace: DeliveryTrace, run: () => T): T;
  /** Ends the receive span and records the delivery's metrics. */
  end(trace: DeliveryTrace, status: number): void;
  /**
   * Records a failure that did not change the answer: a `hookgate.failure` event on the receive
   * span while it is open, and `hookgate.failures`.
   */
  failure(provider: string, error: WebhookError, trace: DeliveryTrace | undefined): void;
}

interface Instruments {
  provider: MeterProvider;
  deliveries: Counter;
  duplicates: Counter;
  failures: Counter;
  ack: Histogram;
  handlers: Histogram;
  skew: Histogram;
}

/**
 * The receiver's telemetry, through `@opentelemetry/api` when the application has it: the
 * module is loaded lazily (an optional peer dependency), and until an SDK registers a provider
 * every call here is a property read. Attributes carry names, codes, ids and numbers only:
 * never a body, a header value, a signature, a secret or a URL.
 */
export function createTelemetry(enabled = true): Telemetry {
  if (!enabled) return DISABLED;
  void loadOtel();
  let tracer: Tracer | undefined;
  let noopTracerProvider: unknown;
  let instruments: Instruments | undefined;
  let noopMeter: Meter | undefined;

  function tracing(api: Otel): boolean {
    noopTracerProvider ??= new api.ProxyTracerProvider().getDelegate();
    const provider = api.trace.getTracerProvider() as { getDelegate?: () => unknown };
    return typeof provider.getDelegate !== 'function' || provider.getDelegate() !== noopTracerProvider;
  }

  /** The instruments of the registered meter provider; made again if another one is registered. */
  function meters(api: Otel): Instruments | undefined {
    const provider = api.metrics.getMeterProvider();
    if (instruments?.provider === provider) return instruments;
    noopMeter ??= api.createNoopMeter();
    const meter = provider.getMeter(SCOPE);
    if (meter === noopMeter) return undefined;
    instruments = {
      provider,
      deliveries: meter.createCounter('hookgate.deliveries', {
        description: 'Webhook deliveries answered, by provider, outcome and error code',
      }),
      duplicates: meter.createCounter('hookgate.duplicates', {
        description: 'Deliveries answered as duplicates of one already handled',
      }),
      failures: meter.createCounter('hookgate.failures', {
        description:
          'Failures that did not change the answer (a completion or release that failed or found its claim expired, a claim failed under storeFailure process, an acknowledged schema mismatch, a hook that threw), by provider and code',
      }),
      ack: meter.createHistogram('hookgate.ack.duration', {
        description: 'Time from the request to the answer (compare with the sender deadline)',
        unit: 's',
      }),
      handlers: meter.createHistogram('hookgate.handler.duration', {
        description: 'Time the handlers of one delivery took',
        unit: 's',
      }),
      skew: meter.createHistogram('hookgate.timestamp.skew', {
        description: 'Local clock minus the signed timestamp of verified deliveries',
        unit: 's',
      }),
    };
    return instruments;
  }

  return {
    active() {
      const api = otel();
      return api ? tracing(api) || meters(api) !== undefined : false;
    },
    begin(trace) {
      const api = otel();
      if (!api || !tracing(api)) return;
      tracer ??= api.trace.getTracer(SCOPE);
      trace.span = tracer.startSpan(`webhook receive ${trace.provider}`, {
        kind: api.SpanKind.CONSUMER,
        // A performance.now() reading is a TimeInput the SDK converts (with its own clock offset).
        startTime: trace.receivedAt,
        attributes: {
          'messaging.system': trace.provider,
          'messaging.operation.type': 'receive',
          'messaging.operation.name': 'receive',
          'hookgate.provider': trace.provider,
        },
      });
    },
    within(trace, run) {
      const api = otel();
      const span = trace.span as Span | undefined;
      if (!api || !span) return run();
      return api.context.with(api.trace.setSpan(api.context.active(), span), run);
    },
    process<T>(trace: DeliveryTrace, run: () => T): T {
      const api = otel();
      if (!api || !trace.span || !tracer) return run();
      const span = tracer.startSpan(`webhook process ${trace.eventType ?? 'unknown'}`, {
        kind: api.SpanKind.CONSUMER,
        attributes: processAttributes(trace),
      });
      const finish = (error?: unknown) => {
        if (error !== undefined) {
          span.setStatus({ code: api.SpanStatusCode.ERROR, message: 'the handler failed' });
          span.setAttribute('hookgate.error.code', codeOf(error));
        }
        span.end();
      };
      try {
        const result = api.context.with(api.trace.setSpan(api.context.active(), span), run);
        if (result instanceof Promise) {
          return result.then(
            (value) => {
              finish();
              return value;
            },
            (error: unknown) => {
              finish(error);
              throw error;
            },
          ) as T;
        }
        finish();
        return result;
      } catch (error) {
        finish(error);
        throw error;
      }
    },
    end(trace, status) {
      const api = otel();
      if (!api) return;
      const span = trace.span as Span | undefined;
      if (span) {
        span.setAttributes(receiveAttributes(trace, status));
        if (status >= 500) span.setStatus({ code: api.SpanStatusCode.ERROR, message: trace.code });
        // The same clock as the start: with a start time given, the SDK would take Date.now().
        span.end(trace.endedAt);
      }
      const found = meters(api);
      if (!found) return;
      const labels: Attributes = { 'hookgate.provider': trace.provider, 'hookgate.outcome': trace.outcome };
      if (trace.code) labels['hookgate.error.code'] = trace.code;
      found.deliveries.add(1, labels);
      found.ack.record((trace.endedAt - trace.receivedAt) / 1000, labels);
      const provider: Attributes = { 'hookgate.provider': trace.provider };
      if (trace.outcome === 'duplicate') found.duplicates.add(1, provider);
      if (trace.handlersMs !== undefined) {
        found.handlers.record(trace.handlersMs / 1000, {
          ...provider,
          'messaging.destination.name': trace.eventType ?? 'unknown',
        });
      }
      if (trace.skewSeconds !== undefined) found.skew.record(trace.skewSeconds, provider);
    },
    failure(provider, error, trace) {
      const api = otel();
      if (!api) return;
      // A failure after the answer (an async hook's rejection, queue mode's completion) finds
      // the span ended: it is counted only. Its message is hookgate's own, never a cause's.
      const span = trace?.span as Span | undefined;
      if (trace && span?.isRecording()) {
        // A hook's throw comes after the end was taken (`endedAt`): stamped there, in the span.
        const at = trace.endedAt > 0 ? trace.endedAt : performance.now();
        span.addEvent(
          'hookgate.failure',
          { 'hookgate.error.code': error.code, 'hookgate.error.message': error.message },
          at,
        );
      }
      meters(api)?.failures.add(1, { 'hookgate.provider': provider, 'hookgate.error.code': error.code });
    },
  };
}

/** The telemetry of a receiver created with `telemetry: false`. */
const DISABLED: Telemetry = {
  active: () => false,
  begin: () => undefined,
  within: (_trace, run) => run(),
  process: (_trace, run) => run(),
  end: () => undefined,
  failure: () => undefined,
};

function processAttributes(trace: DeliveryTrace): Attributes {
  const attributes: Attributes = {
    'messaging.system': trace.provider,
    'messaging.operation.type': 'process',
    'messaging.operation.name': 'process',
    'hookgate.provider': trace.provider,
  };
  if (trace.deliveryId !== undefined) attributes['messaging.message.id'] = trace.deliveryId;
  if (trace.eventType !== undefined) attributes['messaging.destination.name'] = trace.eventType;
  return attributes;
}

function receiveAttributes(trace: DeliveryTrace, status: number): Attributes {
  const attributes: Attributes = {
    'hookgate.outcome': trace.outcome,
    'hookgate.duplicate': trace.outcome === 'duplicate',
    'http.response.status_code': status,
  };
  if (trace.deliveryId !== undefined) attributes['messaging.message.id'] = trace.deliveryId;
  if (trace.eventType !== undefined) attributes['messaging.destination.name'] = trace.eventType;
  if (trace.code !== undefined) attributes['hookgate.error.code'] = trace.code;
  if (trace.secretIndex !== undefined) attributes['hookgate.secret.index'] = trace.secretIndex;
  if (trace.retry !== undefined) attributes['hookgate.attempt'] = trace.retry;
  return attributes;
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'HANDLER_FAILED';
}
