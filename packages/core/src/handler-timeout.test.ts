import { github, line, providerNames, providers, stripe } from '@hookgate/signatures';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defaultHandlerTimeoutMs } from './handler-timeout.js';
import { createReceiver } from './receiver.js';
import { bodyOf, NOW_MS, signedInput } from './test-support/deliveries.js';

afterEach(() => {
  vi.useRealTimers();
});

/** Whether a promise has settled, after letting pending microtasks run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe('inline handler time limit under the sender deadline', () => {
  it('is three quarters of the documented deadline, 30 s without one', () => {
    expect(defaultHandlerTimeoutMs(2_000)).toBe(1_500);
    expect(defaultHandlerTimeoutMs(3_000)).toBe(2_250);
    expect(defaultHandlerTimeoutMs(undefined)).toBe(30_000);
    for (const name of providerNames) {
      const deadline = providers[name].responseDeadlineMs;
      if (deadline !== undefined) expect(defaultHandlerTimeoutMs(deadline)).toBeLessThan(deadline);
    }
  });

  it('answers a slow LINE handler with 500 HANDLER_TIMEOUT at 1.5 s, before LINE gives up at 2 s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const scheme = line({ secret: 'a line channel secret' });
    // telemetry: false: a process's first delivery waits for the optional OpenTelemetry import,
    // real I/O that fake timers do not drive, and this test must not depend on running second.
    const receiver = createReceiver({
      scheme,
      events: { message: z.unknown() },
      clock: () => NOW_MS,
      telemetry: false,
    });
    receiver.on('message', () => new Promise(() => {}));
    const input = await signedInput(scheme, {
      destination: 'U1',
      events: [{ type: 'message', webhookEventId: 'E1' }],
    });
    const result = receiver.handle(input);
    await vi.advanceTimersByTimeAsync(1_490);
    expect(await settled(result)).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    const answer = await result;
    expect(answer.status).toBe(500);
    expect(bodyOf(answer)).toMatchObject({ ok: false, code: 'HANDLER_TIMEOUT' });
  });

  it('keeps an explicit handlerTimeoutMs, and 30 s for senders without a documented deadline', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const scheme = stripe({ secret: 'whsec_test' });
    const receiver = createReceiver({
      scheme,
      events: { 'invoice.paid': z.unknown() },
      clock: () => NOW_MS,
      telemetry: false,
    });
    receiver.on('invoice.paid', () => new Promise(() => {}));
    const result = receiver.handle(await signedInput(scheme, { id: 'evt_1', type: 'invoice.paid' }));
    await vi.advanceTimersByTimeAsync(29_000);
    expect(await settled(result)).toBe(false);
    await vi.advanceTimersByTimeAsync(1_100);
    expect((await result).status).toBe(500);

    const patient = createReceiver({ scheme: github({ secret: 's' }), handlerTimeoutMs: 60_000 });
    expect(patient).toBeDefined();
  });
});
