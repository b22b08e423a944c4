import { stripe, type WebhookError } from '@hookgate/signatures';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DispatchedDelivery } from './dispatch.js';
import { createMemoryStore } from './memory-store.js';
import { createReceiver } from './receiver.js';
import { NOW_MS, signedInput } from './test-support/deliveries.js';

const SECRET = 'whsec_test_lease_lost';
const events = { 'invoice.paid': z.object({ id: z.string(), type: z.literal('invoice.paid') }) };

/**
 * A receiver whose memory store runs on a clock the handler moves past the lease: the
 * completion then finds the claim expired, as after a stalled process or a handler that ran
 * longer than `leaseMs`.
 */
function slowReceiver(queued: DispatchedDelivery[] | undefined) {
  let storeNow = 1_000;
  const reported: string[] = [];
  const receiver = createReceiver({
    scheme: stripe({ secret: SECRET }),
    events,
    clock: () => NOW_MS,
    store: createMemoryStore({ now: () => storeNow }),
    leaseMs: 60_000,
    handlerTimeoutMs: 1_000,
    logger: false,
    onError: (error: WebhookError) => void reported.push(error.code),
    ...(queued
      ? { dispatch: { dispatch: async (delivery: DispatchedDelivery) => void queued.push(delivery) } }
      : {}),
  }).on('invoice.paid', () => {
    storeNow += 120_000;
  });
  return { receiver, reported };
}

describe('LEASE_LOST: a completion the store could not record', () => {
  it('is reported after the answer, which stays 200 (inline)', async () => {
    const { receiver, reported } = slowReceiver(undefined);
    const result = await receiver.handle(
      await signedInput(stripe({ secret: SECRET }), { id: 'evt_1', type: 'invoice.paid' }),
    );
    expect(result.status).toBe(200);
    expect(reported).toEqual(['LEASE_LOST']);
  });

  it('is reported by a worker whose job outlived its claim (queue mode)', async () => {
    const queued: DispatchedDelivery[] = [];
    const { receiver, reported } = slowReceiver(queued);
    await receiver.handle(
      await signedInput(stripe({ secret: SECRET }), { id: 'evt_2', type: 'invoice.paid' }),
    );
    expect(
      await receiver.runDispatched(queued[0]!, { job: { id: 'j', attempt: 1, attempts: 3 } }),
    ).toMatchObject({ status: 'handled' });
    expect(reported).toEqual(['LEASE_LOST']);
  });
});
