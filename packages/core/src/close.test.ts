import { stripe } from '@hookgate/signatures';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Logger } from './logger.js';
import { createMemoryStore } from './memory-store.js';
import { createReceiver } from './receiver.js';
import type { IdempotencyStore } from './store.js';
import { bodyOf, deferred, NOW_MS, signedInput } from './test-support/deliveries.js';

const events = { 'invoice.paid': z.object({ id: z.string(), type: z.literal('invoice.paid') }) };
const scheme = stripe({ secret: 'whsec_close' });

function paid(id: string) {
  return signedInput(scheme, { id, type: 'invoice.paid' });
}

/** A logger that keeps what it was told. */
function recordingLogger() {
  const lines: { level: string; fields: Record<string, unknown> }[] = [];
  const at =
    (level: string) =>
    (fields: Record<string, unknown>): void => {
      lines.push({ level, fields });
    };
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}

/** Whether `promise` has settled after the pending microtasks and timers of this turn ran. */
async function settledYet(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  await new Promise((resolve) => setTimeout(resolve, 20));
  return settled;
}

describe('receiver.close()', () => {
  it('answers every later delivery 503 RECEIVER_CLOSED, runs no handler and logs the refusal', async () => {
    const { logger, lines } = recordingLogger();
    const receiver = createReceiver({ scheme, events, clock: () => NOW_MS, logger });
    let runs = 0;
    receiver.on('invoice.paid', () => {
      runs++;
    });
    await receiver.close();
    const result = await receiver.handle(await paid('evt_after_close'));
    expect(result.status).toBe(503);
    expect(bodyOf(result)).toMatchObject({ ok: false, code: 'RECEIVER_CLOSED' });
    expect(runs).toBe(0);
    // At `warn`: a shutdown someone asked for is not a failure.
    expect(lines.filter((line) => line.fields.code === 'RECEIVER_CLOSED').map((line) => line.level)).toEqual([
      'warn',
    ]);
  });

  it('answers a web Request after close with a 503 Response', async () => {
    const receiver = createReceiver({ scheme, events, clock: () => NOW_MS, logger: false });
    await receiver.close();
    const input = await paid('evt_fetch_after_close');
    const response = await receiver.fetch(
      new Request('https://example.test/webhooks', {
        method: 'POST',
        headers: input.headers as Record<string, string>,
        body: input.body as string,
      }),
    );
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: 'RECEIVER_CLOSED' });
  });

  it('resolves at once when nothing is under way, and returns the same promise when called again', async () => {
    const receiver = createReceiver({ scheme, events, clock: () => NOW_MS, logger: false });
    const first = receiver.close();
    expect(receiver.close()).toBe(first);
    expect(await settledYet(first)).toBe(true);
  });

  it('waits for a handler under way: that delivery is answered 200 and completed, a new one 503', async () => {
    const store = createMemoryStore();
    const receiver = createReceiver({ scheme, events, store, clock: () => NOW_MS, logger: false });
    const gate = deferred();
    let started = 0;
    receiver.on('invoice.paid', async () => {
      started++;
      await gate.promise;
    });
    const answering = receiver.handle(await paid('evt_under_way'));
    while (started === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    const closing = receiver.close();
    expect(await settledYet(closing)).toBe(false);
    const late = await receiver.handle(await paid('evt_late'));
    expect(late.status).toBe(503);

    gate.resolve();
    expect((await answering).status).toBe(200);
    await closing;
    expect(store.claim('stripe:evt_under_way', { leaseMs: 1000 })).toEqual({ status: 'completed' });
    // The refused delivery left nothing behind: its retry elsewhere runs it.
    expect(store.claim('stripe:evt_late', { leaseMs: 1000 })).toMatchObject({ status: 'claimed' });
  });

  it('waits for a handler that fails: its claim is released before close resolves', async () => {
    const store = createMemoryStore();
    const receiver = createReceiver({ scheme, events, store, clock: () => NOW_MS, logger: false });
    const gate = deferred();
    receiver.on('invoice.paid', async () => {
      await gate.promise;
      throw new Error('the ledger is down');
    });
    const answering = receiver.handle(await paid('evt_fails'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const closing = receiver.close();
    gate.resolve();
    await closing;
    expect((await answering).status).toBe(500);
    expect(store.claim('stripe:evt_fails', { leaseMs: 1000 })).toMatchObject({ status: 'claimed' });
  });

  describe('queue mode', () => {
    /** A memory store whose completions wait for `gate` (a slow store connection). */
    function slowCompletions(gate: Promise<void>, fail = false) {
      const memory = createMemoryStore();
      const completing: string[] = [];
      const store: IdempotencyStore = {
        claim: (key, options) => memory.claim(key, options),
        release: (key, token) => memory.release(key, token),
        async complete(key, token, options) {
          completing.push(key);
          await gate;
          if (fail) throw new Error('connection lost');
          await memory.complete(key, token, options);
        },
      };
      return { store, memory, completing };
    }

    it('waits for the completion sent after the answer', async () => {
      const gate = deferred();
      const { store, memory, completing } = slowCompletions(gate.promise);
      const dispatched: string[] = [];
      const receiver = createReceiver({
        scheme,
        events,
        store,
        clock: () => NOW_MS,
        logger: false,
        dispatch: {
          async dispatch(delivery) {
            dispatched.push(delivery.key);
          },
        },
      }).on('invoice.paid', () => {});
      const result = await receiver.handle(await paid('evt_queued'));
      // Answered before the completion reached the store.
      expect(bodyOf(result)).toEqual({ ok: true, queued: true });
      expect(completing).toEqual(['stripe:evt_queued']);
      const closing = receiver.close();
      expect(await settledYet(closing)).toBe(false);

      gate.resolve();
      await closing;
      expect(dispatched).toEqual(['stripe:evt_queued']);
      expect(memory.claim('stripe:evt_queued', { leaseMs: 1000 })).toEqual({ status: 'completed' });
    });

    it('resolves when that completion fails, and reports the failure', async () => {
      const gate = deferred();
      const { store } = slowCompletions(gate.promise, true);
      const { logger, lines } = recordingLogger();
      const receiver = createReceiver({
        scheme,
        events,
        store,
        clock: () => NOW_MS,
        logger,
        dispatch: { async dispatch() {} },
      }).on('invoice.paid', () => {});
      expect((await receiver.handle(await paid('evt_completion_fails'))).status).toBe(200);
      const closing = receiver.close();
      gate.resolve();
      await closing;
      expect(lines.some((line) => line.fields.code === 'STORE_UNAVAILABLE')).toBe(true);
    });
  });
});
