import { createMemoryStore, createReceiver } from '@hookgate/core';
import { stripe } from '@hookgate/signatures';
import { describe, expect, it } from 'vitest';
import { createFakeClock } from './fake-clock.js';
import { signDelivery } from './signed-request.js';

const START = Date.UTC(2026, 0, 1);

describe('createFakeClock', () => {
  it('moves only when told to', () => {
    const clock = createFakeClock(START);
    expect(clock.now()).toBe(START);
    expect(clock.advance(1500)).toBe(START + 1500);
    expect(clock.nowSeconds()).toBe(START / 1000 + 1);
    clock.set(START - 10_000);
    expect(clock.now()).toBe(START - 10_000);
  });

  it('starts at the wall clock by default', () => {
    const clock = createFakeClock();
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(1000);
  });

  it('refuses durations and times that are not finite, and going back with advance()', () => {
    const clock = createFakeClock(START);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(() => clock.set(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => createFakeClock(Number.NaN)).toThrow(RangeError);
  });

  it('drives a receiver clock (signature windows) and the memory store (retention)', async () => {
    const clock = createFakeClock(START);
    const scheme = stripe({ secret: 'whsec_clock' });
    const receiver = createReceiver({
      scheme,
      clock: clock.now,
      store: createMemoryStore({ now: clock.now }),
      retentionMs: 60 * 60_000,
      events: { 'invoice.paid': anything },
    }).on('invoice.paid', () => undefined);
    const body = JSON.stringify({ id: 'evt_1', type: 'invoice.paid' });
    const signedNow = () => signDelivery(scheme, { body, timestamp: clock.nowSeconds() });

    const first = await signDelivery(scheme, { body, timestamp: clock.nowSeconds() });
    expect((await receiver.handle(first)).status).toBe(200);
    // Ten minutes later the same signed request is stale, though the wall clock has not moved.
    clock.advance(10 * 60_000);
    expect(await receiver.handle(first)).toMatchObject({ status: 401 });
    // A re-signed retry is fresh, and still a duplicate within retention…
    expect(JSON.parse((await receiver.handle(await signedNow())).body)).toEqual({
      ok: true,
      duplicate: true,
    });
    // …and handled again once the store has forgotten the id.
    clock.advance(2 * 60 * 60_000);
    expect(JSON.parse((await receiver.handle(await signedNow())).body)).toEqual({ ok: true });
  });
});

const anything = {
  '~standard': { version: 1 as const, vendor: 'test', validate: (value: unknown) => ({ value }) },
};
