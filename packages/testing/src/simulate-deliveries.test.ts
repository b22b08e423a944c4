import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryStore, createReceiver } from '@hookgate/core';
import { hmac, type Scheme, stripe, twilio } from '@hookgate/signatures';
import { describe, expect, it } from 'vitest';
import { createFakeClock } from './fake-clock.js';
import { samples } from './samples/index.js';
import { type DeliverySource, simulate } from './simulate.js';

// `out-of-order` with one fixed sample: two distinct events (each its own id, each signed),
// sent in reverse order to a real receiver with a memory store; both are handled.
const START = Date.UTC(2026, 0, 1);
const T = START / 1000;

/** A receiver with a memory store on a fake clock that records each handled delivery. */
function receiverFor(scheme: Scheme) {
  const clock = createFakeClock(START);
  const handled: { id: string; payload: unknown }[] = [];
  const receiver = createReceiver({
    scheme,
    clock: clock.now,
    store: createMemoryStore({ now: clock.now }),
    logger: false,
  }).onEvery((payload, ctx) => {
    handled.push({ id: ctx.deliveryId, payload });
  });
  return { clock, handled, receiver };
}

/** Runs `out-of-order` with `delivery` against the receiver, over HTTP on 127.0.0.1 when `http`. */
async function outOfOrder(scheme: Scheme, delivery: DeliverySource, http = false) {
  const { clock, handled, receiver } = receiverFor(scheme);
  if (!http)
    return { handled, report: await simulate(receiver, scheme, { type: 'out-of-order', clock, delivery }) };
  let origin = '';
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const result = await receiver.handle({
      method: req.method!,
      url: `${origin}${req.url}`,
      headers: req.headers,
      body: Buffer.concat(chunks),
    });
    res.writeHead(result.status, result.headers).end(result.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const report = await simulate(`${origin}/hooks`, scheme, { type: 'out-of-order', clock, delivery });
    return { handled, report };
  } finally {
    server.close();
  }
}

function expectTwoEvents({ handled, report }: Awaited<ReturnType<typeof outOfOrder>>) {
  expect(report.attempts.map((a) => [a.delivery, a.status, a.duplicate])).toEqual([
    [1, 200, false],
    [0, 200, false],
  ]);
  const [second, first] = report.attempts;
  expect(second!.id).not.toBe(first!.id);
  expect(handled).toHaveLength(2);
  expect(new Set(handled.map((h) => h.id)).size).toBe(2);
  expect(report.delivered).toBe(true);
}

describe("simulate 'out-of-order' with a fixed delivery", () => {
  it('a fixed Stripe sample: the first is sent as given, the other is a fresh event of the same type', async () => {
    const sample = samples.stripe['invoice.paid']({ id: 'evt_fixed', timestamp: T });
    const result = await outOfOrder(stripe({ secret: 'whsec_sim' }), sample);
    expectTwoEvents(result);
    expect(result.report.attempts[1]).toMatchObject({ delivery: 0, id: 'evt_fixed', event: 'invoice.paid' });
    expect(result.report.attempts[0]!.id).toMatch(/^evt_/);
    expect(result.handled.map((h) => (h.payload as { id: string }).id)).toEqual(
      result.report.attempts.map((a) => a.id),
    );
  });

  it('a fixed Twilio sample over HTTP: its id is not signed, so the other event differs in its body too', async () => {
    const sample = samples.twilio.message({ id: 'tw-fixed', timestamp: T });
    const result = await outOfOrder(twilio({ secret: 'tw-token' }), sample, true);
    expectTwoEvents(result);
    const sids = result.handled.map((h) => (h.payload as { MessageSid: string }).MessageSid);
    expect(sids[0]).not.toBe(sids[1]);
  });

  it('a JSON body of your own for Twilio over HTTP: a fresh id in the body, sent to the bodySHA256 URL', async () => {
    const body = '{"MessageSid":"SM-own-1","SmsStatus":"received"}';
    const result = await outOfOrder(twilio({ secret: 'tw-token' }), { id: 'SM-own-1', body }, true);
    expectTwoEvents(result);
    const sids = result.handled.map((h) => (h.payload as { MessageSid: string }).MessageSid);
    expect(sids).toContain('SM-own-1');
    expect(sids).toContain(result.report.attempts[0]!.id);
  });

  it('an object body of your own: the payload id changes with the delivery id', async () => {
    const scheme = hmac({ secret: 's', header: 'X-Signature', timestampHeader: 'X-Timestamp' });
    const result = await outOfOrder(scheme, { id: 'order-7', body: { id: 'order-7', type: 'test.event' } });
    expectTwoEvents(result);
    expect(result.handled.map((h) => (h.payload as { id: string }).id).sort()).toEqual(
      result.report.attempts.map((a) => a.id).sort(),
    );
  });

  it('a short id: only values equal to it change, in JSON and in a form', async () => {
    const scheme = hmac({ secret: 's', header: 'X-Signature', timestampHeader: 'X-Timestamp' });
    const json = await outOfOrder(scheme, { id: '7', body: { id: '7', amount: 700, note: 'x7' } });
    expectTwoEvents(json);
    const payloads = json.handled.map((h) => h.payload as { id: string; amount: number; note: string });
    expect(payloads.map((p) => [p.amount, p.note])).toEqual([
      [700, 'x7'],
      [700, 'x7'],
    ]);
    expect(payloads.map((p) => p.id).sort()).toEqual(json.report.attempts.map((a) => a.id).sort());
    const form = await outOfOrder(scheme, {
      id: '7',
      body: 'id=7&amount=700',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expectTwoEvents(form);
    expect(form.handled.map((h) => (h.payload as Record<string, string>).amount)).toEqual(['700', '700']);
  });
});
