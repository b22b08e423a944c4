import { slack, stripe } from '@hookgate/signatures';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createConsoleLogger, type Logger } from './logger.js';
import type { DeliveredReport } from './observe.js';
import { createReceiver } from './receiver.js';
import type { IdempotencyStore } from './store.js';
import { NOW_MS, NOW_SECONDS, signedInput } from './test-support/deliveries.js';

const SECRET = 'whsec_observe_secret_value';
const scheme = stripe({ secret: SECRET });
const events = { 'invoice.paid': z.object({ id: z.string(), amount: z.number() }) };

interface Line {
  level: keyof Logger;
  fields: Record<string, unknown>;
  message: string;
}

function recorder(): { logger: Logger; lines: Line[] } {
  const lines: Line[] = [];
  const method = (level: keyof Logger) => (fields: Record<string, unknown>, message: string) =>
    void lines.push({ level, fields, message });
  return {
    lines,
    logger: { debug: method('debug'), info: method('info'), warn: method('warn'), error: method('error') },
  };
}

function observed(
  options: { store?: IdempotencyStore; onDelivered?: (report: DeliveredReport) => void } = {},
) {
  const { logger, lines } = recorder();
  const errors: { code: string; context: Record<string, unknown> }[] = [];
  const receiver = createReceiver({
    scheme,
    events,
    clock: () => NOW_MS,
    logger,
    onError: (error, context) =>
      void errors.push({ code: error.code, context: { ...context, request: undefined } }),
    ...options,
  });
  return { receiver, lines, errors };
}

const invoice = (id: string, amount: unknown = 5) => ({ id, type: 'invoice.paid', amount });

describe('logs', () => {
  it('logs a forged delivery once at warn, with code and provider, and nothing of the request', async () => {
    const { receiver, lines } = observed();
    const input = await signedInput(stripe({ secret: 'whsec_forger' }), invoice('evt_forged'));
    await receiver.handle(input);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'warn',
      fields: { code: 'INVALID_SIGNATURE', status: 401, provider: 'stripe' },
    });
    const text = JSON.stringify(lines);
    const signature = String((input.headers as Record<string, string>)['Stripe-Signature']);
    for (const forbidden of [SECRET, signature, signature.slice(-64), 'evt_forged', 'example.test'])
      expect(text).not.toContain(forbidden);
  });

  it('logs a handler failure at error with the delivery, the cause and its stack', async () => {
    const { receiver, lines, errors } = observed();
    receiver.on('invoice.paid', () => {
      throw new Error('db down');
    });
    await receiver.handle(await signedInput(scheme, invoice('evt_fail')));
    expect(lines).toHaveLength(1);
    const [line] = lines as [Line];
    expect(line).toMatchObject({
      level: 'error',
      fields: {
        code: 'HANDLER_FAILED',
        provider: 'stripe',
        eventType: 'invoice.paid',
        deliveryId: 'evt_fail',
      },
    });
    expect((line.fields.err as Error).message).toBe('db down');
    expect((line.fields.err as Error).stack).toContain('observe.test.ts');
    expect(errors).toEqual([
      {
        code: 'HANDLER_FAILED',
        context: {
          provider: 'stripe',
          eventType: 'invoice.paid',
          deliveryId: 'evt_fail',
          request: undefined,
        },
      },
    ]);
  });

  it('logs a store failure at error with its cause, on refusal and while settling', async () => {
    const down = new Error('ECONNREFUSED 127.0.0.1:6379');
    const store: IdempotencyStore = {
      claim: () => Promise.reject(down),
      complete: () => undefined,
      release: () => undefined,
    };
    const { receiver, lines } = observed({ store });
    receiver.on('invoice.paid', () => undefined);
    await receiver.handle(await signedInput(scheme, invoice('evt_store')));
    expect(lines).toMatchObject([
      { level: 'error', fields: { code: 'STORE_UNAVAILABLE', deliveryId: 'evt_store', err: down } },
    ]);
    const flaky: IdempotencyStore = {
      claim: () => ({ status: 'claimed', token: 't' }),
      complete: () => Promise.reject(down),
      release: () => undefined,
    };
    const second = observed({ store: flaky });
    second.receiver.on('invoice.paid', () => undefined);
    expect((await second.receiver.handle(await signedInput(scheme, invoice('evt_settle')))).status).toBe(200);
    expect(second.lines.filter((line) => line.level !== 'debug')).toMatchObject([
      { level: 'error', fields: { code: 'STORE_UNAVAILABLE', deliveryId: 'evt_settle', err: down } },
    ]);
  });

  it('logs successes at debug with outcome and durations, only when debug is on', async () => {
    const { receiver, lines } = observed();
    receiver.on('invoice.paid', () => undefined);
    await receiver.handle(await signedInput(scheme, invoice('evt_ok')));
    expect(lines).toMatchObject([
      {
        level: 'debug',
        fields: { outcome: 'handled', status: 200, eventType: 'invoice.paid', deliveryId: 'evt_ok' },
      },
    ]);
    expect(lines[0]!.fields.totalMs).toBeTypeOf('number');
  });

  it('writes through a default console logger (info and above), and nothing with logger: false', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    try {
      const forged = await signedInput(stripe({ secret: 'whsec_forger' }), invoice('evt_x'));
      const quiet = createReceiver({ scheme, events, clock: () => NOW_MS, logger: false });
      await quiet.handle(forged);
      expect(warn).not.toHaveBeenCalled();
      const loud = createReceiver({ scheme, events, clock: () => NOW_MS }).on(
        'invoice.paid',
        () => undefined,
      );
      await loud.handle(forged);
      await loud.handle(await signedInput(scheme, invoice('evt_y')));
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toMatch(/^hookgate: refused INVALID_SIGNATURE \(401\)/);
      expect(warn.mock.calls[0]![1]).toMatchObject({ code: 'INVALID_SIGNATURE', provider: 'stripe' });
      expect(debug).not.toHaveBeenCalled();
      const verbose = createConsoleLogger({ level: 'debug' });
      verbose.debug({ a: 1 }, 'hello');
      expect(debug).toHaveBeenCalledWith('hookgate: hello', { a: 1 });
    } finally {
      warn.mockRestore();
      debug.mockRestore();
    }
  });
});

describe("the user's hooks and logger cannot change an answer", () => {
  const broken = () => {
    throw new Error('logger down');
  };
  const throwingLogger: Logger = { debug: broken, info: broken, warn: broken, error: broken };

  it('a logger that throws: the delivery is still answered 200, a forgery still 401', async () => {
    const receiver = createReceiver({ scheme, events, clock: () => NOW_MS, logger: throwingLogger });
    const handled = vi.fn();
    receiver.on('invoice.paid', handled);
    expect((await receiver.handle(await signedInput(scheme, invoice('evt_log')))).status).toBe(200);
    const forged = await signedInput(stripe({ secret: 'whsec_another' }), invoice('evt_forged'));
    expect((await receiver.handle(forged)).status).toBe(401);
    expect(handled).toHaveBeenCalledTimes(1);
  });

  it('an onUnhandled that throws or rejects: still 200, reported as INTERNAL_ERROR, no unhandled rejection', async () => {
    for (const onUnhandled of [broken, async () => broken()]) {
      const errors: string[] = [];
      const receiver = createReceiver({
        scheme,
        events,
        clock: () => NOW_MS,
        logger: false,
        onUnhandled,
        onError: (error) => void errors.push(`${error.code}: ${error.message}`),
      });
      const result = await receiver.handle(
        await signedInput(scheme, { id: 'evt_u', type: 'customer.created' }),
      );
      expect(result.status).toBe(200);
      await new Promise((resolve) => setImmediate(resolve));
      expect(errors).toEqual(['INTERNAL_ERROR: the onUnhandled hook failed; the answer is unchanged']);
    }
  });
});

describe('a failing onError or onDelivered', () => {
  it('throwing or rejecting: the answer is unchanged, the failure logged once, no unhandled rejection', async () => {
    const hookBug = () => {
      throw new Error('error tracker unreachable');
    };
    for (const fail of [hookBug, async () => hookBug()]) {
      const { logger, lines } = recorder();
      const receiver = createReceiver({
        scheme,
        events,
        clock: () => NOW_MS,
        logger,
        onError: fail,
        onDelivered: fail,
      }).on('invoice.paid', () => undefined);
      expect((await receiver.handle(await signedInput(scheme, invoice('evt_hooks')))).status).toBe(200);
      const forged = await signedInput(stripe({ secret: 'whsec_another' }), invoice('evt_hooks_forged'));
      expect((await receiver.handle(forged)).status).toBe(401);
      // An async hook's rejection arrives a turn later: an unhandled one would fail this test run.
      await new Promise((resolve) => setImmediate(resolve));
      const hookLines = lines.filter((line) => line.message.includes('hook failed'));
      expect(hookLines.map((line) => [line.level, line.fields.hook, line.message])).toEqual([
        ['error', 'onDelivered', 'the onDelivered hook failed (the answer is unchanged)'],
        ['error', 'onError', 'the onError hook failed (the answer is unchanged)'],
      ]);
      expect(hookLines[0]!.fields.err).toBeInstanceOf(Error);
    }
  });
});

describe('onDelivered', () => {
  it('reports each 2xx outcome with durations', async () => {
    const reports: DeliveredReport[] = [];
    const { receiver } = observed({ onDelivered: (report) => void reports.push(report) });
    receiver.on('invoice.paid', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
    const input = await signedInput(scheme, invoice('evt_d1'));
    await receiver.handle(input);
    await receiver.handle(input);
    await receiver.handle(await signedInput(scheme, { id: 'evt_d2', type: 'customer.created' }));
    expect(
      reports.map((report) => [report.outcome, report.deliveryId, report.eventType, report.status]),
    ).toEqual([
      ['handled', 'evt_d1', 'invoice.paid', 200],
      ['duplicate', 'evt_d1', 'invoice.paid', 200],
      ['unhandled', 'evt_d2', 'customer.created', 200],
    ]);
    const [handled] = reports as [DeliveredReport];
    expect(handled.secretIndex).toBe(0);
    expect(handled.durations.handlersMs).toBeGreaterThanOrEqual(4);
    expect(handled.durations.verifyMs).toBeGreaterThanOrEqual(0);
    expect(handled.durations.totalMs).toBeGreaterThanOrEqual(handled.durations.handlersMs!);
    expect(reports[1]!.durations.handlersMs).toBeUndefined();
  });

  it('counts totalMs from receivedAt (the request arrived, body unread) and verifyMs from the call', async () => {
    const reports: DeliveredReport[] = [];
    const { receiver } = observed({ onDelivered: (report) => void reports.push(report) });
    receiver.on('invoice.paid', () => undefined);
    const input = await signedInput(scheme, invoice('evt_received_at'));
    // As if the body had taken 250 ms to arrive before `handle` was called.
    await receiver.handle({ ...input, receivedAt: performance.now() - 250 });
    const [report] = reports as [DeliveredReport];
    expect(report.durations.totalMs).toBeGreaterThanOrEqual(250);
    expect(report.durations.verifyMs).toBeLessThan(250);
    // A reading from another clock is ignored: the durations start at the call.
    await receiver.handle({
      ...(await signedInput(scheme, invoice('evt_wall_clock'))),
      receivedAt: Date.now(),
    });
    expect(reports[1]!.durations.totalMs).toBeGreaterThanOrEqual(0);
    expect(reports[1]!.durations.totalMs).toBeLessThan(250);
    // So is a negative or NaN one (a subtraction gone wrong), which would lengthen every duration.
    for (const [id, receivedAt] of [
      ['evt_negative', -5_000],
      ['evt_nan', Number.NaN],
    ] as const) {
      await receiver.handle({ ...(await signedInput(scheme, invoice(id))), receivedAt });
      expect(reports.at(-1)!.durations.totalMs).toBeGreaterThanOrEqual(0);
      expect(reports.at(-1)!.durations.totalMs).toBeLessThan(250);
    }
  });

  it('reports handshakes and acknowledged mismatches, and a throwing hook changes nothing', async () => {
    const reports: string[] = [];
    const signer = slack({ secret: 'slack_signing_secret_value' });
    const receiver = createReceiver({
      scheme: signer,
      clock: () => NOW_MS,
      logger: false,
      invalidPayload: 'ack',
      events: { app_mention: z.object({ event: z.object({ text: z.string() }) }) },
      onDelivered: (report) => {
        reports.push(report.outcome);
        throw new Error('hook bug');
      },
    }).on('app_mention', () => undefined);
    const challenge = await signedInput(signer, { type: 'url_verification', challenge: 'c1' });
    expect((await receiver.handle(challenge)).status).toBe(200);
    const mismatch = await signedInput(signer, {
      type: 'event_callback',
      event_id: 'Ev1',
      event: { type: 'app_mention', text: 5 },
    });
    expect((await receiver.handle(mismatch)).status).toBe(200);
    expect(reports).toEqual(['handshake', 'dropped']);
  });

  it('is given half the matched signature, never all of it, as the delivery id of senders without one', async () => {
    const reports: DeliveredReport[] = [];
    const { github } = await import('@hookgate/signatures');
    const signer = github({ secret: 'github_secret_value_123' });
    const receiver = createReceiver({
      scheme: signer,
      clock: () => NOW_MS,
      logger: false,
      onDelivered: (report) => void reports.push(report),
    });
    const input = await signedInput(
      signer,
      { action: 'opened' },
      { headers: { 'x-github-event': 'issues' } },
    );
    delete (input.headers as Record<string, string>)['X-GitHub-Delivery'];
    await receiver.handle(input);
    const signature = String(Object.entries(input.headers).find(([name]) => /signature-256/i.test(name))![1]);
    const hex = signature.slice('sha256='.length);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.deliveryId).toBe(hex.slice(0, 32));
    expect(NOW_SECONDS).toBeGreaterThan(0);
  });
});
