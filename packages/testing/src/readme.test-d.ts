// The README snippets, compiled: each must type-check as written (adapted only where the README
// elides the application, `app`, with a declared stand-in).
import { createMemoryStore, createReceiver } from '@hookgate/core';
import { stripe } from '@hookgate/signatures';
import { describe, expectTypeOf, it } from 'vitest';
import { createFakeClock } from './fake-clock.js';
import { samples } from './samples/index.js';
import { signDelivery } from './signed-request.js';
import { simulate } from './simulate.js';
import { runStoreConformance } from './store-conformance.js';

const scheme = stripe({ secret: 'whsec_test_secret' });

describe('README snippets', () => {
  it('jest: re-serialises the sample body, a string', async () => {
    const sample = samples.stripe['invoice.paid']();
    const delivery = await signDelivery(scheme, sample);
    const reserialised = JSON.stringify(JSON.parse(sample.body));
    expectTypeOf(reserialised).toEqualTypeOf<string>();
    expectTypeOf(delivery.headers).toEqualTypeOf<Record<string, string>>();
  });

  it('simulating senders: the receiver shares the simulator clock', async () => {
    const clock = createFakeClock();
    const events = {};
    const receiver = createReceiver({
      scheme,
      events,
      clock: clock.now,
      store: createMemoryStore({ now: clock.now }),
    });
    const report = await simulate(receiver, scheme, { type: 'retries', clock });
    expectTypeOf(report.attempts.map((a) => a.status)).toEqualTypeOf<number[]>();
  });

  it('conformance: the store suite takes a fake clock’s advance as its wait, and a lease', () => {
    const clock = createFakeClock();
    expectTypeOf(runStoreConformance).toBeCallableWith(
      () => createMemoryStore({ now: clock.now }),
      { describe, it },
      { wait: clock.advance },
    );
    expectTypeOf(runStoreConformance).toBeCallableWith(
      () => createMemoryStore(),
      { describe, it },
      { leaseMs: 3_000 },
    );
  });
});
