import { stripe, type WebhookError } from '@hookgate/signatures';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DispatchedDelivery } from './dispatch.js';
import { isDispatchedDelivery } from './dispatched-record.js';
import { createMemoryStore } from './memory-store.js';
import { createReceiver } from './receiver.js';
import type { IdempotencyStore } from './store.js';
import { NOW_MS, signedInput } from './test-support/deliveries.js';

// A queued job is read back from Redis, where anything can have written it: the worker runs a
// record's handlers only when every field the handlers and the store read has its type, and
// refuses anything else with INVALID_PAYLOAD (the queue does not retry it), never a TypeError,
// a claim under `handled:undefined` or a handler that sees `ctx.eventType === undefined`.

const SECRET = 'whsec_dispatched_record_secret';
const job = { id: 'job-1', attempt: 1, attempts: 3 };

/** Records as the receiver queues them, through JSON as a queue stores them. */
async function genuineRecords(payloads: unknown[]): Promise<DispatchedDelivery[]> {
  const records: DispatchedDelivery[] = [];
  const scheme = stripe({ secret: SECRET });
  const receiver = createReceiver({
    scheme,
    events: { 'invoice.paid': z.unknown() },
    clock: () => NOW_MS,
    dispatch: {
      dispatch: async (delivery) => void records.push(JSON.parse(JSON.stringify(delivery))),
    },
  }).on('invoice.paid', () => undefined);
  for (const [index, payload] of payloads.entries()) {
    const body = { id: `evt_${index}`, type: 'invoice.paid', data: payload };
    await receiver.handle(await signedInput(scheme, body, { headers: { 'x-request-id': `r${index}` } }));
  }
  return records;
}

/** A worker whose store and handler record every call. */
function worker() {
  const calls: string[] = [];
  const errors: WebhookError[] = [];
  const memory = createMemoryStore();
  const store: IdempotencyStore = {
    claim(key, options) {
      calls.push(`claim ${key}`);
      return memory.claim(key, options);
    },
    complete: (key, token, options) => memory.complete(key, token, options),
    release: (key, token) => memory.release(key, token),
  };
  const receiver = createReceiver({
    scheme: stripe({ secret: SECRET }),
    events: { 'invoice.paid': z.unknown() },
    store,
    logger: false,
    onError: (error) => void errors.push(error),
  })
    .on('invoice.paid', (_payload, ctx) => void calls.push(`handler ${ctx.eventType} ${ctx.deliveryId}`))
    .onEvery((_payload, ctx) => void calls.push(`every ${String(ctx.eventType)}`));
  return { receiver, calls, errors };
}

// The fields and values of the wrong type (or absent) that each one must be refused with.
const WRONG: Record<string, fc.Arbitrary<unknown>> = {
  version: fc.constantFrom(undefined, 0, 2, '1', null),
  key: fc.constantFrom(undefined, '', 7, null, ['k']),
  deliveryId: fc.constantFrom(undefined, 7, null, {}),
  eventType: fc.constantFrom(undefined, 7, null, ['invoice.paid'], { type: 'invoice.paid' }),
  scheme: fc.constantFrom(undefined, 7, null),
  timestamp: fc.constantFrom('1700000000', null, Number.NaN, Number.POSITIVE_INFINITY),
  attempt: fc.constantFrom(1, null, 'retry', { retry: '1' }, { retry: 1, reason: 5 }),
  secretIndex: fc.constantFrom(undefined, '0', null, 0.5, Number.NaN),
  signatureVersion: fc.constantFrom(1, null, ['v1']),
  headers: fc.constantFrom(undefined, null, 'x-a: 1', ['x'], { 'x-a': 1 }, { 'x-a': ['1', '2'] }),
  receivedAt: fc.constantFrom(undefined, '2026-01-01', null, Number.NaN),
  trace: fc.constantFrom(null, 'trace', { traceId: 1, spanId: 's', traceFlags: 1 }, { traceId: 't' }),
};

describe('isDispatchedDelivery and runDispatched', () => {
  it('take every record the receiver queues, whatever its payload, and run its handler once', async () => {
    const payloads = fc.sample(fc.jsonValue({ maxDepth: 3 }), { numRuns: 60, seed: 7 });
    const records = await genuineRecords(payloads);
    expect(records).toHaveLength(payloads.length);
    for (const record of records) {
      expect(isDispatchedDelivery(record)).toBe(true);
      const { receiver, calls } = worker();
      expect(await receiver.runDispatched(record, { job })).toMatchObject({ status: 'handled' });
      expect(calls).toEqual([
        `claim handled:${record.key}`,
        `handler invoice.paid ${record.deliveryId}`,
        'every invoice.paid',
      ]);
    }
  });

  it('refuse a record with one field of the wrong type with INVALID_PAYLOAD, before any claim or handler', async () => {
    const [genuine] = await genuineRecords([{ amount: 1 }]);
    const field = fc.constantFrom(...Object.keys(WRONG));
    const { receiver, calls, errors } = worker();
    await fc.assert(
      fc.asyncProperty(
        field.chain((name) => fc.tuple(fc.constant(name), WRONG[name]!)),
        async ([name, value]) => {
          const record: Record<string, unknown> = { ...genuine };
          if (value === undefined) delete record[name];
          else record[name] = value;
          expect(isDispatchedDelivery(record)).toBe(false);
          calls.length = 0;
          errors.length = 0;
          await expect(
            receiver.runDispatched(record as unknown as DispatchedDelivery, { job }),
          ).rejects.toMatchObject({ code: 'INVALID_PAYLOAD' });
          expect(calls).toEqual([]);
          expect(errors.map((error) => error.code)).toEqual(['INVALID_PAYLOAD']);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuse any other job data with INVALID_PAYLOAD, never a TypeError', async () => {
    const { receiver, calls } = worker();
    await fc.assert(
      fc.asyncProperty(fc.anything({ maxDepth: 2, withNullPrototype: true }), async (data) => {
        const error = await receiver.runDispatched(data as DispatchedDelivery, { job }).then(
          () => undefined,
          (failure: unknown) => failure,
        );
        expect(error).toMatchObject({ code: 'INVALID_PAYLOAD' });
        expect(calls).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
