import { WebhookError } from '@hookgate/signatures';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runHandlers } from './run-handlers.js';
import type { DeliveryContext, Handler } from './types.js';

const base: Omit<DeliveryContext, 'signal'> = {
  deliveryId: 'd-1',
  eventType: 'thing.happened',
  scheme: 'stripe',
  timestamp: 1,
  attempt: undefined,
  headers: {},
  verified: { scheme: 'stripe', secretIndex: 0 },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => {
  vi.useRealTimers();
});

describe('runHandlers', () => {
  it('runs synchronous handlers synchronously, with no timer, and gives the first value returned', () => {
    vi.useFakeTimers();
    const order: string[] = [];
    const handlers: Handler<unknown>[] = [
      (payload) => {
        order.push(`a:${payload}`);
      },
      (payload) => {
        order.push(`b:${payload}`);
        return { reply: 'b' };
      },
      () => ({ reply: 'c' }),
    ];
    const result = runHandlers(handlers, ['p1', 'p2', 'p3'], base, 1_000);
    expect(result).toEqual({ reply: 'b' });
    expect(order).toEqual(['a:p1', 'b:p2']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives handlers the delivery context, with a signal made on first read', () => {
    let seen: DeliveryContext | undefined;
    const keep: Handler<unknown> = (_payload, context) => {
      seen = context;
    };
    runHandlers([keep], [null], base, 1_000);
    expect(seen).toMatchObject({
      deliveryId: 'd-1',
      eventType: 'thing.happened',
      scheme: 'stripe',
      timestamp: 1,
    });
    expect(seen?.signal).toBeInstanceOf(AbortSignal);
    expect(seen?.signal).toBe(seen?.signal);
    expect(seen?.signal.aborted).toBe(false);
  });

  it('wraps a synchronous throw as HANDLER_FAILED with the cause', () => {
    const cause = new Error('boom');
    expect(() =>
      runHandlers(
        [
          () => {
            throw cause;
          },
        ],
        [null],
        base,
        1_000,
      ),
    ).toThrow(expect.objectContaining({ code: 'HANDLER_FAILED', cause }));
  });

  it('waits for async handlers and thenables in order, then clears its timer', async () => {
    vi.useFakeTimers();
    const order: string[] = [];
    // biome-ignore lint/suspicious/noThenProperty: a handler may return any thenable, not only a Promise
    const thenable = { then: (resolve: (value: unknown) => void) => resolve('from thenable') };
    const pending = runHandlers(
      [
        async () => {
          order.push('async');
        },
        () => {
          order.push('sync after async');
        },
        () => thenable,
      ],
      [null, null, null],
      base,
      1_000,
    );
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).resolves.toBe('from thenable');
    expect(order).toEqual(['async', 'sync after async']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('counts the time limit over all handlers of the delivery, and aborts the signal', async () => {
    let signal: AbortSignal | undefined;
    const second = vi.fn();
    const pending = runHandlers(
      [
        async (_payload, context) => {
          signal = context.signal;
          await sleep(35);
        },
        async () => {
          await sleep(35);
        },
        second,
      ],
      [null, null, null],
      base,
      50,
    );
    await expect(pending).rejects.toMatchObject({ code: 'HANDLER_TIMEOUT' });
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toBeInstanceOf(WebhookError);
    expect(second).not.toHaveBeenCalled();
  });

  it('does not start the next handler once a synchronous one used up the time', () => {
    const next = vi.fn();
    const busy = () => {
      const until = performance.now() + 30;
      while (performance.now() < until) {
        // a handler that blocks the event loop
      }
    };
    expect(() => runHandlers([busy, next], [null, null], base, 20)).toThrow(
      expect.objectContaining({ code: 'HANDLER_TIMEOUT' }),
    );
    expect(next).not.toHaveBeenCalled();
  });

  it('turns a rejection into HANDLER_FAILED with the cause', async () => {
    const cause = new Error('database down');
    await expect(
      runHandlers([async () => Promise.reject(cause)], [null], base, 1_000) as Promise<unknown>,
    ).rejects.toMatchObject({ code: 'HANDLER_FAILED', cause });
  });
});
