import { createMemoryStore, type IdempotencyStore } from '@hookgate/core';
import { describe, expect, it } from 'vitest';
import { createFakeClock, type FakeClock } from './fake-clock.js';
import { type CreateStore, runStoreConformance, type StoreConformanceOptions } from './store-conformance.js';

/** The suite's tests, declared outside the runner, with the time limit each was given. */
function collect(createStore: CreateStore, options?: StoreConformanceOptions) {
  const tests: { name: string; body: () => Promise<void> | void; timeout?: number }[] = [];
  runStoreConformance(
    createStore,
    { describe: (_name, body) => body(), it: (name, body, timeout) => tests.push({ name, body, timeout }) },
    options,
  );
  return tests;
}

/** Runs the suite on a fake clock and returns the names of the tests that failed. */
async function failuresOf(
  createStore: (clock: FakeClock) => IdempotencyStore,
  options: StoreConformanceOptions = {},
): Promise<string[]> {
  const clock = createFakeClock(1_000);
  const failed: string[] = [];
  for (const test of collect(() => createStore(clock), { wait: clock.advance, ...options })) {
    await Promise.resolve(test.body()).catch(() => failed.push(test.name));
  }
  return failed;
}

/** A memory store with one defect injected. */
function broken(defect: 'no-fencing' | 'racy-claim' | 'lease-ttl-kept', clock: FakeClock): IdempotencyStore {
  const entries = new Map<string, { value: string; expires: number }>();
  const read = (key: string) => {
    const entry = entries.get(key);
    return entry && entry.expires > clock.now() ? entry : undefined;
  };
  let counter = 0;
  return {
    async claim(key, { leaseMs }) {
      const found = read(key);
      if (defect === 'racy-claim') await new Promise((resolve) => setTimeout(resolve, 1));
      if (found) return found.value === 'done' ? { status: 'completed' } : { status: 'in-flight' };
      const token = `t${++counter}`;
      entries.set(key, { value: token, expires: clock.now() + leaseMs });
      return { status: 'claimed', token };
    },
    async complete(key, token, { retainMs }) {
      const found = read(key);
      if (!found || (defect !== 'no-fencing' && found.value !== token)) return;
      const expires = defect === 'lease-ttl-kept' ? found.expires : clock.now() + retainMs;
      entries.set(key, { value: 'done', expires });
    },
    async release(key, token) {
      if (defect === 'no-fencing' || read(key)?.value === token) entries.delete(key);
    },
  };
}

/**
 * A correct store `oneWayMs` of network away: each call reaches it, and its answer comes back,
 * `oneWayMs` later on the store's clock (a Redis across a network, a Durable Object).
 */
function remote(clock: FakeClock, oneWayMs: number): IdempotencyStore {
  const store = createMemoryStore({ now: clock.now });
  const far =
    <TArgs extends unknown[], TResult>(call: (...args: TArgs) => TResult) =>
    async (...args: TArgs): Promise<Awaited<TResult>> => {
      clock.advance(oneWayMs);
      const result = await call(...args);
      clock.advance(oneWayMs);
      return result;
    };
  return {
    claim: far(store.claim.bind(store)),
    complete: far(store.complete.bind(store)),
    release: far(store.release.bind(store)),
  };
}

describe('runStoreConformance', () => {
  it('passes the memory store', async () => {
    expect(await failuresOf((clock) => createMemoryStore({ now: clock.now }))).toEqual([]);
  });

  it('passes a store 150 ms of round trip away with the default lease', async () => {
    expect(await failuresOf((clock) => remote(clock, 75))).toEqual([]);
  });

  it('a lease shorter than two round trips fails a correct remote store: leaseMs is what to raise', async () => {
    expect(await failuresOf((clock) => remote(clock, 75), { leaseMs: 80 })).toContain(
      'a claim whose lease expired can be claimed again',
    );
  });

  it('gives every test a time limit above its wait, so a runner default of 5 s never cuts it', () => {
    for (const leaseMs of [undefined, 10_000]) {
      for (const test of collect(() => createMemoryStore(), { leaseMs })) {
        expect(test.timeout).toBeGreaterThan((leaseMs ?? 1_000) * 1.25 + 5_000);
      }
    }
  });

  it('refuses a leaseMs that is not a finite number above 0', () => {
    for (const leaseMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => collect(() => createMemoryStore(), { leaseMs })).toThrow(/leaseMs must be/);
    }
  });

  it('catches a store that lets any token complete or release', async () => {
    expect(await failuresOf((clock) => broken('no-fencing', clock))).toContain(
      'a stale token cannot release or complete after its lease expired and another claimed',
    );
  });

  it('catches a claim that is not atomic', async () => {
    expect(await failuresOf((clock) => broken('racy-claim', clock))).toContain(
      'of many concurrent claims of one key exactly one wins',
    );
  });

  it('catches a completion that keeps the lease as its lifetime', async () => {
    expect(await failuresOf((clock) => broken('lease-ttl-kept', clock))).toContain(
      'complete keeps the id for retainMs, not for what was left of the lease',
    );
  });
});
