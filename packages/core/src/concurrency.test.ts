import { stripe } from '@hookgate/signatures';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createReceiver } from './receiver.js';
import { NOW_MS, signedInput } from './test-support/deliveries.js';

const events = { 'invoice.paid': z.object({ id: z.string(), type: z.literal('invoice.paid') }) };

describe('exactly-once under concurrency', () => {
  it('runs the handler once for 500 concurrent copies of one delivery', async () => {
    const scheme = stripe({ secret: 'whsec_concurrency' });
    const receiver = createReceiver({ scheme, events, clock: () => NOW_MS });
    let runs = 0;
    receiver.on('invoice.paid', async () => {
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
    const input = await signedInput(scheme, { id: 'evt_same', type: 'invoice.paid' });
    const results = await Promise.all(Array.from({ length: 500 }, () => receiver.handle(input)));
    const statuses = results.map((result) => result.status);
    expect(runs).toBe(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    // Every other copy arrived while the first was in flight: 409, so the sender retries later.
    expect(statuses.filter((status) => status === 409)).toHaveLength(499);
  });

  it('after a failure, 500 concurrent retries run the handler exactly once more', async () => {
    const scheme = stripe({ secret: 'whsec_concurrency' });
    const receiver = createReceiver({ scheme, events, clock: () => NOW_MS });
    let runs = 0;
    receiver.on('invoice.paid', async () => {
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (runs === 1) throw new Error('first attempt fails');
    });
    const input = await signedInput(scheme, { id: 'evt_retry', type: 'invoice.paid' });
    expect((await receiver.handle(input)).status).toBe(500);
    const retries = await Promise.all(Array.from({ length: 500 }, () => receiver.handle(input)));
    expect(runs).toBe(2);
    expect(retries.filter((result) => result.status === 200)).toHaveLength(1);
    // Once completed, later copies are acknowledged as duplicates.
    const late = await receiver.handle(input);
    expect(JSON.parse(late.body)).toEqual({ ok: true, duplicate: true });
    expect(runs).toBe(2);
  });
});
