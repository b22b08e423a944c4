// OpenTelemetry through the real SDK with in-memory exporters: the spans of a delivery (child of
// the HTTP server span, handlers under their own span), their attributes, the metrics, and the
// link a queued job's span makes back to the delivery.
import {
  captureTraceContext,
  createMemoryStore,
  createReceiver,
  type DispatchedDelivery,
  withLinkedSpan,
} from '@hookgate/core';
import { stripe, WebhookError } from '@hookgate/signatures';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerInMemoryOtel } from '../support/otel.js';

const otel = registerInMemoryOtel();
afterAll(() => otel.shutdown());
beforeEach(() => otel.reset());

const NOW_MS = Date.UTC(2026, 0, 1);
const SECRET = 'whsec_telemetry_current_secret';
const signer = stripe({ secret: SECRET });
const events = { 'invoice.paid': z.object({ id: z.string(), type: z.literal('invoice.paid') }) };

async function input(id: string, options: { forged?: boolean; skewSeconds?: number } = {}) {
  const body = JSON.stringify({ id, type: 'invoice.paid' });
  const scheme = options.forged ? stripe({ secret: 'whsec_forger_secret' }) : signer;
  const headers = await scheme.sign({ body, timestamp: NOW_MS / 1000 - (options.skewSeconds ?? 0) });
  return { method: 'POST', url: 'https://hooks.example.com/stripe?token=abc', headers, body };
}

function receiverWith(handler: (event: { id: string }) => unknown) {
  return createReceiver({
    // A rotation: the delivery matches the second secret.
    scheme: stripe({ secret: ['whsec_telemetry_next_secret', SECRET] }),
    events,
    clock: () => NOW_MS,
    store: createMemoryStore(),
    logger: false,
  }).on('invoice.paid', handler);
}

/** Runs `run` inside an HTTP server span, as an instrumented framework would. */
function inServerSpan<T>(run: () => Promise<T>): Promise<T> {
  return trace
    .getTracer('test-http')
    .startActiveSpan('POST /webhooks', { kind: SpanKind.SERVER }, async (span) => {
      try {
        return await run();
      } finally {
        span.end();
      }
    });
}

const byName = (name: string) => otel.finishedSpans().filter((span) => span.name === name);

describe('spans', () => {
  it('opens "webhook receive stripe" under the server span, and the handlers under "webhook process <type>"', async () => {
    let handlerParent: string | undefined;
    const receiver = receiverWith(() => {
      handlerParent = trace.getActiveSpan()?.spanContext().spanId;
    });
    const result = await inServerSpan(async () =>
      receiver.handle(await input('evt_span_1', { skewSeconds: 3 })),
    );
    expect(result.status).toBe(200);
    const [server] = byName('POST /webhooks');
    const [receive] = byName('webhook receive stripe');
    const [processing] = byName('webhook process invoice.paid');
    expect(server && receive && processing).toBeTruthy();
    expect(receive!.parentSpanContext?.spanId).toBe(server!.spanContext().spanId);
    expect(processing!.parentSpanContext?.spanId).toBe(receive!.spanContext().spanId);
    expect(handlerParent).toBe(processing!.spanContext().spanId);
    expect(receive!.kind).toBe(SpanKind.CONSUMER);
    expect(receive!.attributes).toMatchObject({
      'messaging.system': 'stripe',
      'messaging.operation.type': 'receive',
      'messaging.message.id': 'evt_span_1',
      'messaging.destination.name': 'invoice.paid',
      'hookgate.outcome': 'handled',
      'hookgate.duplicate': false,
      'hookgate.secret.index': 1,
      'http.response.status_code': 200,
    });
    expect(processing!.attributes).toMatchObject({
      'messaging.operation.type': 'process',
      'messaging.message.id': 'evt_span_1',
    });
  });

  it('marks duplicates, refusals and handler failures', async () => {
    let fail = true;
    const receiver = receiverWith(() => {
      if (fail) throw new Error('db down');
    });
    const first = await input('evt_span_2');
    expect((await receiver.handle(first)).status).toBe(500);
    fail = false;
    await receiver.handle(first);
    await receiver.handle(first);
    await receiver.handle(await input('evt_span_3', { forged: true }));
    const receives = byName('webhook receive stripe').map((span) => span.attributes);
    expect(receives).toMatchObject([
      {
        'hookgate.outcome': 'rejected',
        'hookgate.error.code': 'HANDLER_FAILED',
        'http.response.status_code': 500,
      },
      { 'hookgate.outcome': 'handled', 'hookgate.duplicate': false },
      { 'hookgate.outcome': 'duplicate', 'hookgate.duplicate': true },
      { 'hookgate.outcome': 'rejected', 'hookgate.error.code': 'INVALID_SIGNATURE' },
    ]);
    expect(receives[3]).not.toHaveProperty('messaging.message.id');
    const [failed] = byName('webhook receive stripe');
    expect(failed!.status.code).toBe(SpanStatusCode.ERROR);
    const [failedProcess] = byName('webhook process invoice.paid');
    expect(failedProcess!.status.code).toBe(SpanStatusCode.ERROR);
    expect(failedProcess!.attributes['hookgate.error.code']).toBe('HANDLER_FAILED');
  });
});

describe('metrics', () => {
  it('counts deliveries by provider, outcome and code, duplicates, and records durations and skew', async () => {
    const receiver = receiverWith(() => undefined);
    const before = await otel.points();
    const count = (points: typeof before, name: string, attributes: Record<string, unknown> = {}) =>
      points
        .filter(
          (point) =>
            point.name === name && Object.entries(attributes).every(([k, v]) => point.attributes[k] === v),
        )
        .reduce((sum, point) => {
          const value = point.value as number | { count: number };
          return sum + (typeof value === 'number' ? value : value.count);
        }, 0);
    const delivery = await input('evt_metric_1', { skewSeconds: 7 });
    await receiver.handle(delivery);
    await receiver.handle(delivery);
    await receiver.handle(await input('evt_metric_2', { forged: true }));
    receiver.reject(new WebhookError('RAW_BODY_UNAVAILABLE', 'parsed first'), {
      method: 'POST',
      headers: {},
    });
    const after = await otel.points();
    const delta = (name: string, attributes?: Record<string, unknown>) =>
      count(after, name, attributes) - count(before, name, attributes);
    expect(
      delta('hookgate.deliveries', { 'hookgate.provider': 'stripe', 'hookgate.outcome': 'handled' }),
    ).toBe(1);
    expect(delta('hookgate.deliveries', { 'hookgate.outcome': 'duplicate' })).toBe(1);
    expect(delta('hookgate.deliveries', { 'hookgate.error.code': 'INVALID_SIGNATURE' })).toBe(1);
    expect(delta('hookgate.deliveries', { 'hookgate.error.code': 'RAW_BODY_UNAVAILABLE' })).toBe(1);
    expect(delta('hookgate.duplicates', { 'hookgate.provider': 'stripe' })).toBe(1);
    expect(delta('hookgate.ack.duration')).toBe(4);
    expect(delta('hookgate.handler.duration', { 'messaging.destination.name': 'invoice.paid' })).toBe(1);
    const skew = after.find((point) => point.name === 'hookgate.timestamp.skew');
    expect(skew?.value).toMatchObject({ min: expect.any(Number), max: expect.any(Number) });
    expect((skew!.value as { max: number }).max).toBeGreaterThanOrEqual(7);
  });
});

describe('queued deliveries', () => {
  it('captures the delivery span inside a handler, and a worker span links back to it', async () => {
    let captured: ReturnType<typeof captureTraceContext>;
    const receiver = receiverWith(() => {
      captured = captureTraceContext();
    });
    await receiver.handle(await input('evt_link_1'));
    const [processing] = byName('webhook process invoice.paid');
    expect(captured).toEqual({
      traceId: processing!.spanContext().traceId,
      spanId: processing!.spanContext().spanId,
      traceFlags: processing!.spanContext().traceFlags,
    });
    const value = await withLinkedSpan(
      'webhook process invoice.paid (worker)',
      JSON.parse(JSON.stringify(captured)),
      async () => 42,
      {
        'messaging.message.id': 'evt_link_1',
      },
    );
    expect(value).toBe(42);
    const [worker] = byName('webhook process invoice.paid (worker)');
    expect(worker!.links.map((link) => link.context.spanId)).toEqual([processing!.spanContext().spanId]);
    expect(worker!.attributes['messaging.message.id']).toBe('evt_link_1');
  });

  it('marks a linked span as an error when its run rejects, but for a rejection `deferred` recognises', async () => {
    const busy = new WebhookError('DELIVERY_IN_FLIGHT', 'held elsewhere');
    const broken = new WebhookError('HANDLER_FAILED', 'the handler threw');
    const deferred = (error: unknown) =>
      error === busy ? { name: 'waits', attributes: { 'hookgate.job.delay_ms': 5 } } : undefined;
    for (const [name, error] of [
      ['deferred run', busy],
      ['failed run', broken],
    ] as const) {
      await expect(
        withLinkedSpan(name, undefined, () => Promise.reject(error), {}, { deferred }),
      ).rejects.toBe(error);
    }
    const [waited] = byName('deferred run');
    expect(waited!.status.code).toBe(SpanStatusCode.UNSET);
    expect(waited!.attributes['hookgate.error.code']).toBeUndefined();
    expect(waited!.events.map(({ name, attributes }) => [name, attributes])).toEqual([
      ['waits', { 'hookgate.job.delay_ms': 5 }],
    ]);
    const [failed] = byName('failed run');
    expect(failed!.status.code).toBe(SpanStatusCode.ERROR);
    expect(failed!.attributes['hookgate.error.code']).toBe('HANDLER_FAILED');
    expect(failed!.events).toEqual([]);
  });
});

describe('queue mode', () => {
  it('puts the receive span identity in the dispatched delivery, for the worker span to link to', async () => {
    const queued: DispatchedDelivery[] = [];
    const receiver = createReceiver({
      scheme: signer,
      events,
      clock: () => NOW_MS,
      store: createMemoryStore(),
      logger: false,
      dispatch: {
        async dispatch(delivery) {
          queued.push(JSON.parse(JSON.stringify(delivery)) as DispatchedDelivery);
        },
      },
    }).on('invoice.paid', () => undefined);
    const result = await receiver.handle(await input('evt_queued_1'));
    expect(JSON.parse(result.body)).toEqual({ ok: true, queued: true });
    const [receive] = byName('webhook receive stripe');
    expect(receive!.attributes['hookgate.outcome']).toBe('queued');
    expect(queued).toHaveLength(1);
    expect(queued[0]!.trace).toEqual({
      traceId: receive!.spanContext().traceId,
      spanId: receive!.spanContext().spanId,
      traceFlags: receive!.spanContext().traceFlags,
    });
  });
});
