// Failures that do not change the answer (a completion whose claim had expired, a completion
// that failed, a hook that threw) are events on the receive span and counted in
// `hookgate.failures`, not only logged: through the real SDK with in-memory exporters.
import {
  createMemoryStore,
  createReceiver,
  type IdempotencyStore,
  type ReceiverOptions,
} from '@hookgate/core';
import { stripe } from '@hookgate/signatures';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerInMemoryOtel } from '../support/otel.js';

const otel = registerInMemoryOtel();
afterAll(() => otel.shutdown());
beforeEach(() => otel.reset());

const NOW_MS = Date.UTC(2026, 0, 1);
const SECRET = 'whsec_unchanged_failures_secret';
const events = { 'invoice.paid': z.object({ id: z.string(), type: z.literal('invoice.paid') }) };

async function input(id: string, type = 'invoice.paid', secret = SECRET) {
  const body = JSON.stringify({ id, type, note: 'payload-marker' });
  const headers = await stripe({ secret }).sign({ body, timestamp: NOW_MS / 1000 });
  return { method: 'POST', url: 'https://hooks.example.com/stripe', headers, body };
}

function receiverWith(options: Partial<ReceiverOptions<typeof events>>) {
  return createReceiver({
    scheme: stripe({ secret: SECRET }),
    events,
    clock: () => NOW_MS,
    store: createMemoryStore(),
    logger: false,
    ...options,
  });
}

/** The `hookgate.failure` events of the one receive span of the delivery just handled. */
function failureEvents() {
  const receives = otel.finishedSpans().filter((span) => span.name === 'webhook receive stripe');
  expect(receives).toHaveLength(1);
  return receives[0]!.events.filter((event) => event.name === 'hookgate.failure');
}

/** How much `hookgate.failures` with `code` grows while `run` runs. */
const countedDuring = (code: string, run: () => Promise<unknown>) =>
  otel.grownDuring('hookgate.failures', { 'hookgate.provider': 'stripe', 'hookgate.error.code': code }, run);

describe('failures that leave the answer as it is', () => {
  it('LEASE_LOST: the handler outlived the claim; 200, an event with code and message, counted', async () => {
    let storeNow = 1_000;
    const receiver = receiverWith({ store: createMemoryStore({ now: () => storeNow }), leaseMs: 60_000 }).on(
      'invoice.paid',
      () => {
        storeNow += 120_000;
      },
    );
    const delivery = await input('evt_lease_lost');
    const counted = await countedDuring('LEASE_LOST', async () => {
      expect((await receiver.handle(delivery)).status).toBe(200);
    });
    expect(counted).toBe(1);
    const [event] = failureEvents();
    expect(event?.attributes).toEqual({
      'hookgate.error.code': 'LEASE_LOST',
      'hookgate.error.message': expect.stringMatching(/claim had expired/),
    });
    // Nothing of the request: no payload, no signature.
    const text = JSON.stringify(event);
    expect(text).not.toContain('payload-marker');
    expect(text).not.toContain(String(delivery.headers['Stripe-Signature']).slice(-20));
  });

  it('a completion that fails: 200, STORE_UNAVAILABLE as an event, counted', async () => {
    const memory = createMemoryStore();
    const store: IdempotencyStore = {
      claim: (key, options) => memory.claim(key, options),
      complete: () => Promise.reject(new Error('connection reset')),
      release: (key, token) => memory.release(key, token),
    };
    const receiver = receiverWith({ store }).on('invoice.paid', () => undefined);
    const counted = await countedDuring('STORE_UNAVAILABLE', async () => {
      expect((await receiver.handle(await input('evt_complete_fails'))).status).toBe(200);
    });
    expect(counted).toBe(1);
    expect(failureEvents().map((event) => event.attributes?.['hookgate.error.code'])).toEqual([
      'STORE_UNAVAILABLE',
    ]);
    expect(JSON.stringify(failureEvents())).not.toContain('connection reset');
  });

  it('hooks that throw (onUnhandled, onDelivered, onError): the answer is unchanged, each an event, counted', async () => {
    const receiver = receiverWith({
      onUnhandled: () => {
        throw new Error('unhandled hook down');
      },
      onDelivered: () => {
        throw new Error('delivered hook down');
      },
      onError: () => {
        throw new Error('error hook down');
      },
    });
    const answered = await countedDuring('INTERNAL_ERROR', async () => {
      expect((await receiver.handle(await input('evt_hooks', 'customer.created'))).status).toBe(200);
    });
    // onUnhandled's failure is reported to onError (which throws too), then onDelivered throws.
    expect(answered).toBe(3);
    expect(failureEvents().map((event) => event.attributes?.['hookgate.error.message'])).toEqual([
      'the onUnhandled hook failed; the answer is unchanged',
      'the onError hook failed; the answer is unchanged',
      'the onDelivered hook failed; the answer is unchanged',
    ]);
    otel.reset();
    const refused = await countedDuring('INTERNAL_ERROR', async () => {
      expect((await receiver.handle(await input('evt_forged', 'invoice.paid', 'whsec_forger'))).status).toBe(
        401,
      );
    });
    expect(refused).toBe(1);
    expect(failureEvents().map((event) => event.attributes?.['hookgate.error.message'])).toEqual([
      'the onError hook failed; the answer is unchanged',
    ]);
  });

  it('a hook that rejects after the answer: counted, no event on the ended span', async () => {
    let rejectLater!: (error: Error) => void;
    const receiver = receiverWith({
      onDelivered: () => new Promise<void>((_resolve, reject) => (rejectLater = reject)),
    }).on('invoice.paid', () => undefined);
    const counted = await countedDuring('INTERNAL_ERROR', async () => {
      expect((await receiver.handle(await input('evt_late_hook'))).status).toBe(200);
      rejectLater(new Error('late'));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(counted).toBe(1);
    expect(failureEvents()).toEqual([]);
  });
});
