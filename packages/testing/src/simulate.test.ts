import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryStore, createReceiver } from '@hookgate/core';
import { github, hmac, slack, standardWebhooks, stripe } from '@hookgate/signatures';
import { describe, expect, it } from 'vitest';
import { createFakeClock } from './fake-clock.js';
import { samples } from './samples/index.js';
import { senderBackoff } from './sender-backoff.js';
import { simulate } from './simulate.js';

const START = Date.UTC(2026, 0, 1);
const anything = {
  '~standard': { version: 1 as const, vendor: 'test', validate: (value: unknown) => ({ value }) },
};

/** A receiver on a fake clock whose handler fails the first `failures` times. */
function setup(scheme = stripe({ secret: 'whsec_sim' }), failures = 0, event = 'invoice.paid') {
  const clock = createFakeClock(START);
  const calls: string[] = [];
  const receiver = createReceiver({
    scheme,
    clock: clock.now,
    store: createMemoryStore({ now: clock.now }),
    events: { [event]: anything },
  }).onAny(async (_payload, ctx) => {
    calls.push(ctx.deliveryId);
    if (calls.length <= failures) throw new Error('database is down');
  });
  return { clock, calls, receiver, scheme };
}

describe('simulate', () => {
  it('fails loudly, naming the fix, when the receiver reads another clock than the simulator', async () => {
    const { receiver, scheme } = setup();
    // The README's mistake: the receiver is on a fake clock, the simulator on the real one.
    await expect(simulate(receiver, scheme, { type: 'retries' })).rejects.toThrow(
      /clock is not the simulator's; give both the same clock: createReceiver\(\{ clock: clock.now/,
    );
    const real = createReceiver({ scheme, events: { 'invoice.paid': anything }, logger: false }).onAny(
      () => undefined,
    );
    await expect(
      simulate(real, scheme, { type: 'duplicate', clock: createFakeClock(START) }),
    ).rejects.toThrow(/TIMESTAMP_OUT_OF_RANGE/);
    // A stale retry is refused on purpose: no complaint there.
    const stale = await simulate(setup().receiver, scheme, { type: 'stale-retry', clock: setup().clock });
    expect(stale.attempts.map((a) => a.code)).toContain('TIMESTAMP_OUT_OF_RANGE');
  });

  it('retries on the sender schedule until the receiver answers 2xx, re-signing each attempt', async () => {
    const { clock, calls, receiver, scheme } = setup(
      standardWebhooks({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }),
      3,
      'user.created',
    );
    const report = await simulate(receiver, scheme, { type: 'retries', clock });
    expect(report.delivered).toBe(true);
    expect(report.attempts.map((a) => [a.status, a.code])).toEqual([
      [500, 'HANDLER_FAILED'],
      [500, 'HANDLER_FAILED'],
      [500, 'HANDLER_FAILED'],
      [200, undefined],
    ]);
    // Svix's published schedule: the first attempt, then 5 s, 5 min and 30 min after each
    // failure; the clock moved by exactly that.
    expect(report.attempts.map((a) => a.delayMs)).toEqual([0, 5_000, 300_000, 1_800_000]);
    expect(clock.now()).toBe(START + 2_105_000);
    expect(report.attempts.map((a) => a.signedAt)).toEqual([0, 5, 305, 2_105].map((s) => START / 1000 + s));
    expect(new Set(report.attempts.map((a) => a.id)).size).toBe(1);
    expect(new Set(calls).size).toBe(1);
  });

  it('gives up when the schedule runs out, and reports it', async () => {
    const { clock, receiver, scheme } = setup(undefined, 100);
    const report = await simulate(receiver, scheme, { type: 'retries', clock, schedule: [1000, 2000] });
    expect(report.delivered).toBe(false);
    expect(report.attempts).toHaveLength(3);
    expect(report.attempts.every((a) => a.status === 500)).toBe(true);
  });

  it("stretches a sender's three-day schedule on a fake clock, not in real time", async () => {
    const { clock, receiver, scheme } = setup(undefined, senderBackoff.stripe!.length);
    const started = Date.now();
    const report = await simulate(receiver, scheme, { type: 'retries', clock });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(report.attempts).toHaveLength(senderBackoff.stripe!.length + 1);
    expect(report.delivered).toBe(true);
    expect(clock.now() - START).toBe(senderBackoff.stripe!.reduce((a, b) => a + b, 0));
  });

  it('marks Slack retries with X-Slack-Retry-Num, which the receiver reads', async () => {
    const scheme = slack({ secret: 'slack-secret' });
    const clock = createFakeClock(START);
    const retries: (number | undefined)[] = [];
    const receiver = createReceiver({ scheme, clock: clock.now, events: { app_mention: anything } }).on(
      'app_mention',
      (_payload, ctx) => {
        retries.push(ctx.attempt?.retry);
        if (retries.length < 3) throw new Error('slow');
      },
    );
    const report = await simulate(receiver, scheme, { type: 'retries', clock });
    expect(report.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(retries).toEqual([undefined, 1, 2]);
  });

  it('duplicate: the second delivery of an event is acknowledged as a duplicate and not handled again', async () => {
    const { clock, calls, receiver, scheme } = setup();
    const report = await simulate(receiver, scheme, { type: 'duplicate', clock, count: 3 });
    expect(report.attempts.map((a) => [a.status, a.duplicate])).toEqual([
      [200, false],
      [200, true],
      [200, true],
    ]);
    expect(calls).toHaveLength(1);
  });

  it('concurrent-duplicates: one request runs the handler, the others get 409 DELIVERY_IN_FLIGHT', async () => {
    const clock = createFakeClock(START);
    const scheme = stripe({ secret: 'whsec_sim' });
    let calls = 0;
    const receiver = createReceiver({ scheme, clock: clock.now, events: { 'invoice.paid': anything } }).on(
      'invoice.paid',
      async () => {
        calls++;
        // Still running when the copies arrive, as a real handler doing I/O would be.
        await new Promise((resolve) => setTimeout(resolve, 20));
      },
    );
    const report = await simulate(receiver, scheme, { type: 'concurrent-duplicates', clock, count: 4 });
    expect(report.attempts.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
    expect(report.attempts.filter((a) => a.code === 'DELIVERY_IN_FLIGHT')).toHaveLength(3);
    expect(new Set(report.attempts.map((a) => a.id)).size).toBe(1);
    expect(calls).toBe(1);
    expect(report.delivered).toBe(true);
  });

  it('out-of-order: later events arrive first, each is handled once', async () => {
    const { clock, calls, receiver, scheme } = setup();
    const report = await simulate(receiver, scheme, {
      type: 'out-of-order',
      clock,
      deliveries: [
        samples.stripe['invoice.paid'],
        samples.stripe['invoice.paid'],
        samples.stripe['invoice.paid'],
      ],
    });
    expect(report.attempts.map((a) => a.delivery)).toEqual([2, 1, 0]);
    expect(report.attempts.map((a) => a.signedAt)).toEqual([2, 1, 0].map((s) => START / 1000 + s));
    expect(report.attempts.every((a) => a.status === 200)).toBe(true);
    expect(calls).toEqual(report.attempts.map((a) => a.id));
    expect(report.delivered).toBe(true);
  });

  it('stale-retry: a delivery signed past the tolerance is refused with TIMESTAMP_OUT_OF_RANGE', async () => {
    const { clock, calls, receiver, scheme } = setup();
    const report = await simulate(receiver, scheme, { type: 'stale-retry', clock });
    expect(report.attempts).toMatchObject([
      { status: 401, code: 'TIMESTAMP_OUT_OF_RANGE', signedAt: START / 1000 - 360 },
    ]);
    expect(report.delivered).toBe(false);
    expect(calls).toEqual([]);
  });

  it('stale-retry: a scheme without timestamps (GitHub) cannot tell, which the report shows', async () => {
    const { receiver, scheme } = setup(github({ secret: 'gh' }), 0, 'push');
    const report = await simulate(receiver, scheme, 'stale-retry');
    expect(report.attempts[0]).toMatchObject({ status: 200 });
  });

  it('takes a plain body for custom schemes, and a generic event when given nothing', async () => {
    const scheme = hmac({ secret: 's', header: 'X-Signature', timestampHeader: 'X-Timestamp' });
    const { clock, calls, receiver } = setup(scheme, 0, 'test.event');
    expect(
      (await simulate(receiver, scheme, { type: 'duplicate', clock })).attempts.map((a) => a.duplicate),
    ).toEqual([false, true]);
    const custom = await simulate(receiver, scheme, {
      type: 'duplicate',
      clock,
      delivery: { id: 'order-7', body: { id: 'order-7', type: 'test.event' } },
    });
    expect(custom.attempts.map((a) => [a.id, a.status, a.duplicate])).toEqual([
      ['order-7', 200, false],
      ['order-7', 200, true],
    ]);
    expect(calls).toHaveLength(2);
  });

  it('posts to a URL over real HTTP', async () => {
    const { clock, receiver, scheme } = setup();
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const result = await receiver.handle({
        method: req.method!,
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      res.writeHead(result.status, result.headers).end(result.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const report = await simulate(`http://127.0.0.1:${port}/hook`, scheme, { type: 'duplicate', clock });
      expect(report.attempts.map((a) => [a.status, a.duplicate])).toEqual([
        [200, false],
        [200, true],
      ]);
    } finally {
      server.close();
    }
  });

  it('refuses an unknown scenario', async () => {
    const { receiver, scheme } = setup();
    await expect(simulate(receiver, scheme, 'nope' as 'retries')).rejects.toThrow(/unknown scenario/);
  });
});
