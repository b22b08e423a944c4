import { github, standardWebhooks, stripe, type WebhookError } from '@hookgate/signatures';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createMemoryStore } from './memory-store.js';
import { createReceiver } from './receiver.js';
import type { StandardSchemaV1 } from './standard-schema.js';
import type { ClaimResult, IdempotencyStore } from './store.js';
import { bodyOf, deferred, NOW_MS, NOW_SECONDS, signedInput } from './test-support/deliveries.js';
import { unchecked } from './unchecked.js';

const STRIPE_SECRET = 'whsec_test_receiver_secret';
const invoicePaid = z.object({
  id: z.string(),
  type: z.literal('invoice.paid'),
  data: z.object({ object: z.object({ amount_paid: z.number() }) }),
});
const invoice = (id = 'evt_1', amount: unknown = 1200) => ({
  id,
  type: 'invoice.paid',
  data: { object: { amount_paid: amount } },
});

function stripeReceiver(options: { store?: IdempotencyStore; handlerTimeoutMs?: number } = {}) {
  const scheme = stripe({ secret: STRIPE_SECRET });
  const receiver = createReceiver({
    scheme,
    events: { 'invoice.paid': invoicePaid },
    clock: () => NOW_MS,
    ...options,
  });
  return { scheme, receiver };
}

describe('createReceiver pipeline', () => {
  it('routes a verified delivery to its typed handler once and answers 200', async () => {
    const { scheme, receiver } = stripeReceiver();
    const seen: number[] = [];
    receiver.on('invoice.paid', (event, ctx) => {
      seen.push(event.data.object.amount_paid);
      expect(ctx).toMatchObject({
        deliveryId: 'evt_1',
        eventType: 'invoice.paid',
        scheme: 'stripe',
        timestamp: NOW_SECONDS,
      });
    });
    const result = await receiver.handle(await signedInput(scheme, invoice()));
    expect(result.status).toBe(200);
    expect(bodyOf(result)).toEqual({ ok: true });
    expect(seen).toEqual([1200]);
  });

  it('answers 405 with Allow: POST to other methods, before reading anything', async () => {
    const { scheme, receiver } = stripeReceiver();
    const input = await signedInput(scheme, invoice());
    const result = await receiver.handle({ ...input, method: 'GET' });
    expect(result.status).toBe(405);
    expect(result.headers.allow).toBe('POST');
    expect(bodyOf(result).code).toBe('METHOD_NOT_ALLOWED');
  });

  it('answers 413 to a body over the limit without verifying it', async () => {
    const scheme = stripe({ secret: STRIPE_SECRET });
    const verify = vi.spyOn(scheme, 'verify');
    const receiver = createReceiver({ scheme, maxBodyBytes: 64, clock: () => NOW_MS });
    const result = await receiver.handle(
      await signedInput(scheme, { id: 'evt_big', padding: 'x'.repeat(100) }),
    );
    expect(result.status).toBe(413);
    expect(bodyOf(result).code).toBe('PAYLOAD_TOO_LARGE');
    expect(verify).not.toHaveBeenCalled();
  });

  it('answers 401 to a tampered body and runs no handler', async () => {
    const { scheme, receiver } = stripeReceiver();
    const handler = vi.fn();
    receiver.on('invoice.paid', handler);
    const input = await signedInput(scheme, invoice());
    const tampered = { ...input, body: new TextEncoder().encode(JSON.stringify(invoice('evt_1', 999_999))) };
    const result = await receiver.handle(tampered);
    expect(result.status).toBe(401);
    expect(bodyOf(result).code).toBe('INVALID_SIGNATURE');
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ['stale', NOW_SECONDS - 301],
    ['future', NOW_SECONDS + 301],
  ])('answers 401 TIMESTAMP_OUT_OF_RANGE to a %s timestamp', async (_name, timestamp) => {
    const { scheme, receiver } = stripeReceiver();
    const result = await receiver.handle(await signedInput(scheme, invoice(), { timestamp }));
    expect(result.status).toBe(401);
    expect(bodyOf(result).code).toBe('TIMESTAMP_OUT_OF_RANGE');
  });

  it('answers 400 MISSING_HEADER when the signature header is absent', async () => {
    const { receiver } = stripeReceiver();
    const result = await receiver.handle({ method: 'POST', headers: {}, body: '{}' });
    expect(result.status).toBe(400);
    expect(bodyOf(result).code).toBe('MISSING_HEADER');
  });

  it('answers 400 INVALID_PAYLOAD to a signed body that is not JSON', async () => {
    const { scheme, receiver } = stripeReceiver();
    const result = await receiver.handle(await signedInput(scheme, 'not json {'));
    expect(result.status).toBe(400);
    expect(bodyOf(result).code).toBe('INVALID_PAYLOAD');
  });

  it('acknowledges a completed delivery again as a duplicate without running the handler', async () => {
    const { scheme, receiver } = stripeReceiver();
    const handler = vi.fn();
    receiver.on('invoice.paid', handler);
    const input = await signedInput(scheme, invoice());
    expect((await receiver.handle(input)).status).toBe(200);
    const again = await receiver.handle(input);
    expect(again.status).toBe(200);
    expect(bodyOf(again)).toEqual({ ok: true, duplicate: true });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('answers 409 to the same delivery while it is in flight, and runs the handler once', async () => {
    const { scheme, receiver } = stripeReceiver();
    const gate = deferred();
    const handler = vi.fn(() => gate.promise);
    receiver.on('invoice.paid', handler);
    const input = await signedInput(scheme, invoice());
    const first = receiver.handle(input);
    await vi.waitFor(() => expect(handler).toHaveBeenCalledTimes(1));
    const second = await receiver.handle(input);
    expect(second.status).toBe(409);
    expect(bodyOf(second).code).toBe('DELIVERY_IN_FLIGHT');
    gate.resolve();
    expect((await first).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('answers 500 when the handler throws and runs it again on the retry', async () => {
    const { scheme, receiver } = stripeReceiver();
    const onError = vi.fn();
    const receiverWithHook = createReceiver({
      scheme,
      events: { 'invoice.paid': invoicePaid },
      clock: () => NOW_MS,
      onError,
    });
    let calls = 0;
    receiverWithHook.on('invoice.paid', () => {
      calls++;
      if (calls === 1) throw new Error('database down');
    });
    const input = await signedInput(scheme, invoice());
    const failed = await receiverWithHook.handle(input);
    expect(failed.status).toBe(500);
    expect(bodyOf(failed)).toEqual({
      ok: false,
      code: 'HANDLER_FAILED',
      message: 'the handler threw; the delivery stays retryable',
    });
    expect(onError.mock.calls[0]?.[0]).toMatchObject({
      code: 'HANDLER_FAILED',
      cause: new Error('database down'),
    });
    expect((await receiverWithHook.handle(input)).status).toBe(200);
    expect((await receiverWithHook.handle(input)).status).toBe(200);
    expect(calls).toBe(2);
    void receiver;
  });

  it('answers 500 HANDLER_TIMEOUT past the time limit, aborts the signal, and keeps the delivery retryable', async () => {
    const { scheme, receiver } = stripeReceiver({ handlerTimeoutMs: 20 });
    let signal: AbortSignal | undefined;
    let calls = 0;
    receiver.on('invoice.paid', (_event, ctx) => {
      calls++;
      signal = ctx.signal;
      return calls === 1 ? new Promise(() => {}) : undefined;
    });
    const input = await signedInput(scheme, invoice());
    const result = await receiver.handle(input);
    expect(result.status).toBe(500);
    expect(bodyOf(result).code).toBe('HANDLER_TIMEOUT');
    expect(signal?.aborted).toBe(true);
    expect((await receiver.handle(input)).status).toBe(200);
    expect(calls).toBe(2);
  });

  it('answers 422 SCHEMA_MISMATCH by default, reports the issues, and keeps the delivery retryable', async () => {
    const scheme = stripe({ secret: STRIPE_SECRET });
    const onError = vi.fn();
    const receiver = createReceiver({
      scheme,
      events: { 'invoice.paid': invoicePaid },
      clock: () => NOW_MS,
      onError,
    });
    const handler = vi.fn();
    receiver.on('invoice.paid', handler);
    const bad = await signedInput(scheme, invoice('evt_bad', 'twelve'));
    const result = await receiver.handle(bad);
    expect(result.status).toBe(422);
    expect(bodyOf(result).code).toBe('SCHEMA_MISMATCH');
    expect(String(bodyOf(result).message)).toContain('data.object.amount_paid');
    const error = onError.mock.calls[0]?.[0] as WebhookError;
    expect(error.details).toEqual([expect.objectContaining({ path: ['data', 'object', 'amount_paid'] })]);
    expect(handler).not.toHaveBeenCalled();
    // The claim was released: the same delivery is not reported as a duplicate.
    expect((await receiver.handle(bad)).status).toBe(422);
  });

  it('keeps values a validator quotes out of the message it logs and answers (valibot, zod 3)', async () => {
    const scheme = stripe({ secret: STRIPE_SECRET });
    const onError = vi.fn();
    const quoting: StandardSchemaV1 = {
      '~standard': {
        version: 1,
        vendor: 'quoting',
        validate: () => ({
          issues: [
            { message: 'Invalid type: Expected number but received "tok_SECRET_FROM_BODY"', path: ['card'] },
          ],
        }),
      },
    };
    const lines: string[] = [];
    const log = (fields: Record<string, unknown>, message: string) =>
      void lines.push(`${message} ${JSON.stringify(fields)}`);
    const receiver = createReceiver({
      scheme,
      events: { 'invoice.paid': quoting },
      clock: () => NOW_MS,
      onError,
      logger: { debug: log, info: log, warn: log, error: log },
    }).on('invoice.paid', () => undefined);
    const result = await receiver.handle(await signedInput(scheme, invoice('evt_quoted')));
    expect(result.status).toBe(422);
    expect(bodyOf(result).message).toBe(
      'the invoice.paid payload does not match its schema: card: Invalid type: Expected number but received "…"',
    );
    expect(result.body).not.toContain('tok_SECRET');
    expect(lines.join('\n')).not.toContain('tok_SECRET');
    // The issues as the validator gave them stay for onError.
    const [[reported]] = onError.mock.calls as [[WebhookError]];
    expect(reported.details).toEqual([
      expect.objectContaining({ message: expect.stringContaining('tok_SECRET_FROM_BODY') }),
    ]);
  });

  it("acknowledges a schema mismatch with 200 under invalidPayload: 'ack'", async () => {
    const scheme = stripe({ secret: STRIPE_SECRET });
    const onError = vi.fn();
    const receiver = createReceiver({
      scheme,
      events: { 'invoice.paid': invoicePaid },
      invalidPayload: 'ack',
      clock: () => NOW_MS,
      onError,
    });
    const handler = vi.fn();
    receiver.on('invoice.paid', handler);
    const bad = await signedInput(scheme, invoice('evt_bad', 'twelve'));
    expect((await receiver.handle(bad)).status).toBe(200);
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'SCHEMA_MISMATCH' }),
      expect.objectContaining({
        request: bad,
        provider: 'stripe',
        deliveryId: 'evt_bad',
        eventType: 'invoice.paid',
      }),
    );
    expect(bodyOf(await receiver.handle(bad))).toEqual({ ok: true, duplicate: true });
    expect(handler).not.toHaveBeenCalled();
  });

  it('acknowledges an unknown event type with 200 and calls onUnhandled, never 404', async () => {
    const scheme = stripe({ secret: STRIPE_SECRET });
    const onUnhandled = vi.fn();
    const receiver = createReceiver({
      scheme,
      events: { 'invoice.paid': invoicePaid },
      clock: () => NOW_MS,
      onUnhandled,
    });
    receiver.on('invoice.paid', vi.fn());
    const result = await receiver.handle(
      await signedInput(scheme, { id: 'evt_2', type: 'customer.created' }),
    );
    expect(result.status).toBe(200);
    expect(onUnhandled).toHaveBeenCalledWith(
      { id: 'evt_2', type: 'customer.created' },
      expect.objectContaining({ eventType: 'customer.created', deliveryId: 'evt_2' }),
    );
  });

  it('fails closed with 503 when the store is unreachable, running no handler', async () => {
    const store: IdempotencyStore = {
      claim: () => Promise.reject(new Error('ECONNREFUSED')),
      complete: () => Promise.resolve(),
      release: () => Promise.resolve(),
    };
    const { scheme, receiver } = stripeReceiver({ store });
    const handler = vi.fn();
    receiver.on('invoice.paid', handler);
    const result = await receiver.handle(await signedInput(scheme, invoice()));
    expect(result.status).toBe(503);
    expect(bodyOf(result).code).toBe('STORE_UNAVAILABLE');
    expect(handler).not.toHaveBeenCalled();
  });

  describe('store time limit (storeTimeoutMs: 10)', () => {
    const scheme = stripe({ secret: STRIPE_SECRET });
    const answerWith = async (claim: IdempotencyStore['claim'], callTimeoutMs?: number) => {
      const store: IdempotencyStore = {
        ...(callTimeoutMs === undefined ? {} : { callTimeoutMs }),
        claim,
        complete: () => Promise.resolve(),
        release: () => Promise.resolve(),
      };
      const receiver = createReceiver({
        scheme,
        events: { 'invoice.paid': invoicePaid },
        store,
        storeTimeoutMs: 10,
        clock: () => NOW_MS,
      }).on('invoice.paid', vi.fn());
      return receiver.handle(await signedInput(scheme, invoice()));
    };
    // Answers after 40 ms: only the receiver's own timer can cut it short.
    const slowClaim = () =>
      new Promise<ClaimResult>((resolve) => setTimeout(() => resolve({ status: 'claimed', token: 't' }), 40));

    it('answers 503 when the store hangs past it', async () => {
      expect((await answerWith(() => new Promise(() => {}))).status).toBe(503);
      expect((await answerWith(slowClaim)).status).toBe(503);
    });

    it('leaves the limit to a store that bounds its calls within it (callTimeoutMs), and keeps its own otherwise', async () => {
      // The store says it bounds each call to 10 ms: a 200 shows the receiver added no timer.
      expect((await answerWith(slowClaim, 10)).status).toBe(200);
      expect((await answerWith(slowClaim, 1_000)).status).toBe(503);
      expect((await answerWith(slowClaim, 0)).status).toBe(503);
    });
  });

  it("runs the handler without de-duplication under storeFailure: 'process'", async () => {
    const store: IdempotencyStore = {
      claim: () => Promise.reject(new Error('down')),
      complete: vi.fn(() => Promise.resolve()),
      release: vi.fn(() => Promise.resolve()),
    };
    const scheme = stripe({ secret: STRIPE_SECRET });
    const receiver = createReceiver({
      scheme,
      events: { 'invoice.paid': invoicePaid },
      store,
      storeFailure: 'process',
      clock: () => NOW_MS,
    });
    const handler = vi.fn();
    receiver.on('invoice.paid', handler);
    expect((await receiver.handle(await signedInput(scheme, invoice()))).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(store.complete).not.toHaveBeenCalled();
  });

  it('lets a delivery whose process died be handled again once its lease expires', async () => {
    let now = 1_000;
    const store = createMemoryStore({ now: () => now });
    const scheme = stripe({ secret: STRIPE_SECRET });
    // Simulate the dead process: a claim that is never completed or released.
    await store.claim('stripe:evt_1', { leaseMs: 60_000 });
    const receiver = createReceiver({
      scheme,
      events: { 'invoice.paid': invoicePaid },
      store,
      clock: () => NOW_MS,
    });
    const handler = vi.fn();
    receiver.on('invoice.paid', handler);
    const input = await signedInput(scheme, invoice());
    expect((await receiver.handle(input)).status).toBe(409);
    now = 61_001;
    expect((await receiver.handle(input)).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("sends a handler's return value as the JSON body", async () => {
    const { scheme, receiver } = stripeReceiver();
    receiver.on('invoice.paid', () => ({ received: true }));
    const result = await receiver.handle(await signedInput(scheme, invoice()));
    expect(bodyOf(result)).toEqual({ received: true });
  });

  it('runs onAny handlers after the typed ones, for declared events only', async () => {
    const { scheme, receiver } = stripeReceiver();
    const order: string[] = [];
    receiver.on('invoice.paid', () => void order.push('typed'));
    receiver.onAny((event) => void order.push(`any:${event.type}`));
    await receiver.handle(await signedInput(scheme, invoice()));
    await receiver.handle(await signedInput(scheme, { id: 'evt_x', type: 'other' }));
    expect(order).toEqual(['typed', 'any:invoice.paid']);
  });

  it('wraps a failing per-tenant secret lookup as a 500, so the sender retries', async () => {
    const scheme = stripe({ secret: () => Promise.reject(new Error('tenant db down')) });
    const receiver = createReceiver({ scheme, clock: () => NOW_MS });
    const signer = stripe({ secret: STRIPE_SECRET });
    const result = await receiver.handle(await signedInput(signer, invoice()));
    expect(result.status).toBe(500);
  });

  it('never puts a secret or a signature into a response body', async () => {
    const { scheme, receiver } = stripeReceiver();
    receiver.on('invoice.paid', () => {
      throw new Error(`failed with ${STRIPE_SECRET}`);
    });
    const input = await signedInput(scheme, invoice());
    const signature = String((input.headers as Record<string, string>)['Stripe-Signature']);
    const bodies = [
      await receiver.handle(input),
      await receiver.handle({ ...input, body: '{"id":"evt_9"}' }),
      await receiver.handle(await signedInput(scheme, invoice(), { timestamp: 1 })),
    ].map((result) => result.body);
    for (const body of bodies) {
      expect(body).not.toContain(STRIPE_SECRET);
      expect(body).not.toContain(signature.slice(signature.indexOf('v1=') + 3));
    }
  });
});

describe('provider defaults', () => {
  it('GitHub: routes by X-GitHub-Event and action, bare names receive every action', async () => {
    const scheme = github({ secret: 'gh-secret' });
    const issue = z.object({ action: z.string(), issue: z.object({ number: z.number() }) });
    const receiver = createReceiver({
      scheme,
      events: { issues: issue, 'issues.opened': issue },
      clock: () => NOW_MS,
    });
    const calls: string[] = [];
    receiver.on('issues', (event, ctx) => void calls.push(`issues:${event.action}:${ctx.deliveryId}`));
    receiver.on('issues.opened', (event) => void calls.push(`opened:${event.issue.number}`));
    const send = async (action: string, id: string) =>
      receiver.handle(
        await signedInput(
          scheme,
          { action, issue: { number: 7 } },
          { id, headers: { 'x-github-event': 'issues' } },
        ),
      );
    expect((await send('opened', 'd-1')).status).toBe(200);
    expect((await send('closed', 'd-2')).status).toBe(200);
    expect(calls).toEqual(['opened:7', 'issues:opened:d-1', 'issues:closed:d-2']);
  });

  it('GitHub: a replay with a fresh, unsigned X-GitHub-Delivery is still a duplicate', async () => {
    const scheme = github({ secret: 'gh-secret' });
    const receiver = createReceiver({
      scheme,
      events: { push: z.object({ after: z.string() }) },
      clock: () => NOW_MS,
    });
    const handler = vi.fn();
    receiver.on('push', handler);
    const input = await signedInput(
      scheme,
      { after: 'abc' },
      { id: 'd-1', headers: { 'x-github-event': 'push' } },
    );
    expect((await receiver.handle(input)).status).toBe(200);
    const replay = {
      ...input,
      headers: { ...(input.headers as Record<string, string>), 'X-GitHub-Delivery': 'd-forged' },
    };
    expect(bodyOf(await receiver.handle(replay))).toEqual({ ok: true, duplicate: true });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0]?.[1].deliveryId).toBe('d-1');
  });

  it('Standard Webhooks: the webhook-id is the delivery id, payload type the event type', async () => {
    const scheme = standardWebhooks({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
    const receiver = createReceiver({
      scheme,
      events: {
        'user.created': z.object({ type: z.literal('user.created'), data: z.object({ id: z.string() }) }),
      },
      clock: () => NOW_MS,
    });
    const ids: string[] = [];
    receiver.on('user.created', (event, ctx) => void ids.push(`${ctx.deliveryId}:${event.data.id}`));
    const input = await signedInput(scheme, { type: 'user.created', data: { id: 'u1' } }, { id: 'msg_1' });
    await receiver.handle(input);
    expect(bodyOf(await receiver.handle(input))).toEqual({ ok: true, duplicate: true });
    expect(ids).toEqual(['msg_1:u1']);
  });
});

describe('unchecked<T>()', () => {
  it('passes the verified payload to the handler as it is, and still dedupes', async () => {
    const scheme = stripe({ secret: STRIPE_SECRET });
    const handler = vi.fn();
    const receiver = createReceiver({
      scheme,
      events: { 'thing.happened': unchecked<{ id: string; extra: number }>() },
      clock: () => NOW_MS,
    }).on('thing.happened', handler);
    const payload = { id: 'evt_u1', type: 'thing.happened', extra: 1, unexpected: ['kept'] };
    const input = await signedInput(scheme, payload);
    expect((await receiver.handle(input)).status).toBe(200);
    expect(bodyOf(await receiver.handle(input))).toEqual({ ok: true, duplicate: true });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0]?.[0]).toEqual(payload);
  });
});

describe('timers on the hot path', () => {
  it('arms none for the memory store and a synchronous handler; bounds an async store and clears it', async () => {
    const { scheme, receiver } = stripeReceiver();
    receiver.on('invoice.paid', () => {});
    const input = await signedInput(scheme, invoice('evt_timers_1'));
    const asyncStore = createMemoryStore();
    const slow: IdempotencyStore = {
      claim: async (key, options) => asyncStore.claim(key, options),
      complete: async (key, token, options) => asyncStore.complete(key, token, options),
      release: async (key, token) => asyncStore.release(key, token),
    };
    const bounded = stripeReceiver({ store: slow }).receiver.on('invoice.paid', () => {});
    const armed = vi.spyOn(globalThis, 'setTimeout');
    try {
      expect((await receiver.handle(input)).status).toBe(200);
      expect(armed).not.toHaveBeenCalled();
      expect((await bounded.handle(input)).status).toBe(200);
      // One time limit around claim, one around complete.
      expect(armed).toHaveBeenCalledTimes(2);
    } finally {
      armed.mockRestore();
    }
  });
});

describe('store TTLs the stores can keep', () => {
  it('refuses an infinite, NaN, non-positive or string time or body limit at start-up, saying which', () => {
    const options = ['leaseMs', 'retentionMs', 'handlerTimeoutMs', 'storeTimeoutMs', 'maxBodyBytes'] as const;
    for (const bad of [Number.POSITIVE_INFINITY, Number.NaN, 0, -1, '5000']) {
      for (const option of options) {
        // A value read from the environment and never converted is a string: refused, not concatenated.
        const given = { scheme: stripe({ secret: 'whsec_ttl' }), [option]: bad as number };
        expect(() => createReceiver(given)).toThrowError(
          expect.objectContaining({
            code: 'INVALID_CONFIGURATION',
            message: expect.stringContaining(option),
          }),
        );
      }
    }
    expect(() => createReceiver({ scheme: stripe({ secret: 'whsec_ttl' }), maxBodyBytes: 1.5 })).toThrowError(
      /maxBodyBytes must be a whole number of bytes, at least 1 \(got 1.5\)/,
    );
    expect(() =>
      createReceiver({ scheme: stripe({ secret: 'whsec_ttl' }), handlerTimeoutMs: 5_000, maxBodyBytes: 1 }),
    ).not.toThrow();
  });

  it('keeps a finite retention when the timestamp check is off (tolerance: Infinity)', async () => {
    const retained: number[] = [];
    const memory = createMemoryStore();
    const store: IdempotencyStore = {
      claim: (key, options) => memory.claim(key, options),
      complete: (key, token, options) => {
        retained.push(options.retainMs);
        return memory.complete(key, token, options);
      },
      release: (key, token) => memory.release(key, token),
    };
    const scheme = stripe({ secret: 'whsec_ttl', tolerance: Number.POSITIVE_INFINITY });
    const receiver = createReceiver({ scheme, store, logger: false }).onEvery(() => undefined);
    expect((await receiver.handle(await signedInput(scheme, { id: 'evt_inf', type: 'x' }))).status).toBe(200);
    expect(retained).toHaveLength(1);
    expect(Number.isFinite(retained[0])).toBe(true);
  });
});
