import assert from 'node:assert/strict';
import type { ClaimResult, IdempotencyStore } from '@hookgate/core';
import { resolveTestApi, type TestApi } from './test-api.js';

/**
 * Makes a store for one test. `namespace` is new for every test: use it as a key prefix (or
 * table, or database) so tests sharing one server never see each other's keys.
 */
export type CreateStore = (namespace: string) => IdempotencyStore | Promise<IdempotencyStore>;

/** Options of {@link runStoreConformance}. */
export interface StoreConformanceOptions {
  /**
   * The short lease and retention of the four tests about expiry, in ms. Each of them makes
   * two calls that must both reach the store before it expires (a claim, then the claim or
   * completion that must still see it), then waits past it. Raise it for a store whose two
   * calls in a row can take longer (a Redis across a slow network, a Durable Object behind a
   * busy proxy); lower it for a store on the same machine to make the suite faster. The other
   * tests use a lease of a minute. Must be finite and above 0.
   * @default 1_000
   */
  leaseMs?: number | undefined;
  /**
   * Lets `ms` of the store's time pass. A store on a server expires keys on the server's clock,
   * which only a real wait reaches; a store that reads an injected clock can be given the fake
   * clock's `advance` instead, and the suite then waits for nothing.
   * @default a real wait of `ms`
   */
  wait?: ((ms: number) => unknown) | undefined;
}

/** The lease of the tests that must not see an expiry. */
const LONG_MS = 60_000;
/** The time limit of a test, besides its wait: for stores that are slow to answer. */
const TEST_TIMEOUT_MS = 10_000;

/**
 * How long past a lease of `leaseMs` the suite waits before it expects the key gone: a margin
 * for the store's expiry resolution (Redis is exact to the millisecond; a store may check a
 * little late).
 */
function pastLease(leaseMs: number): number {
  return leaseMs + Math.max(120, Math.ceil(leaseMs / 4));
}

/**
 * The behaviour every {@link IdempotencyStore} must have, as tests for your runner: claim,
 * completion, release, leases that expire, fencing of stale tokens, retention, atomic claims
 * under concurrency, and keys of any length and script. With the default `leaseMs` the four
 * expiry tests wait about 1.25 s each, in real time unless `wait` advances a fake clock.
 *
 * @param createStore - Makes a store for one test; may be async; receives a fresh namespace.
 * @param api - `{ describe, it }` of your runner. @default the runner's globals
 * @param options - The short lease of the expiry tests, and how time passes.
 * @example
 * ```ts
 * import { describe, it } from 'vitest';
 * import { runStoreConformance } from '@hookgate/testing';
 * runStoreConformance((namespace) => createRedisStore({ client, prefix: `test:${namespace}:` }), { describe, it });
 * ```
 */
export function runStoreConformance(
  createStore: CreateStore,
  api?: TestApi,
  options: StoreConformanceOptions = {},
): void {
  const { describe, it } = resolveTestApi(api);
  const shortMs = options.leaseMs ?? 1_000;
  if (!Number.isFinite(shortMs) || shortMs <= 0) {
    throw new RangeError(`runStoreConformance: leaseMs must be a finite number above 0, got ${shortMs}`);
  }
  const pastShort = pastLease(shortMs);
  const wait = options.wait ?? realWait;
  const sleep = async (ms: number) => void (await wait(ms));
  const run = Math.random().toString(36).slice(2, 10);
  let counter = 0;
  const fresh = () => createStore(`${run}-${++counter}`);
  // The limit includes the wait, so that a runner's default (5 s in vitest and jest) never
  // cuts a test that waits past a long lease.
  const test = (name: string, body: (store: IdempotencyStore) => Promise<void>) =>
    it(name, async () => body(await fresh()), TEST_TIMEOUT_MS + pastShort);

  describe('IdempotencyStore conformance', () => {
    test('claims once, reports in-flight, then completed', async (store) => {
      const first = claimed(await store.claim('k', { leaseMs: LONG_MS }));
      assert.deepEqual(await store.claim('k', { leaseMs: LONG_MS }), { status: 'in-flight' });
      await store.complete('k', first, { retainMs: LONG_MS });
      assert.deepEqual(await store.claim('k', { leaseMs: LONG_MS }), { status: 'completed' });
      assert.deepEqual(await store.claim('k', { leaseMs: LONG_MS }), { status: 'completed' });
    });

    test('release frees the key; the next claim gets a new token', async (store) => {
      const first = claimed(await store.claim('k', { leaseMs: LONG_MS }));
      await store.release('k', first);
      const second = claimed(await store.claim('k', { leaseMs: LONG_MS }));
      assert.notEqual(second, first, 'a new claim must not reuse the released token');
    });

    test('complete and release with a token that never owned the key change nothing', async (store) => {
      const owner = claimed(await store.claim('k', { leaseMs: LONG_MS }));
      const other = claimed(await store.claim('other', { leaseMs: LONG_MS }));
      await store.release('k', other);
      await store.release('k', 'not-a-token');
      await store.complete('k', other, { retainMs: LONG_MS });
      await store.complete('k', '', { retainMs: LONG_MS });
      assert.deepEqual(await store.claim('k', { leaseMs: LONG_MS }), { status: 'in-flight' });
      await store.complete('k', owner, { retainMs: LONG_MS });
      assert.deepEqual(await store.claim('k', { leaseMs: LONG_MS }), { status: 'completed' });
    });

    test('release after complete keeps the delivery completed', async (store) => {
      const token = claimed(await store.claim('k', { leaseMs: LONG_MS }));
      await store.complete('k', token, { retainMs: LONG_MS });
      await store.release('k', token);
      await store.complete('k', token, { retainMs: LONG_MS });
      assert.deepEqual(await store.claim('k', { leaseMs: LONG_MS }), { status: 'completed' });
    });

    test('a claim whose lease expired can be claimed again', async (store) => {
      claimed(await store.claim('k', { leaseMs: shortMs }));
      assert.deepEqual(await store.claim('k', { leaseMs: shortMs }), { status: 'in-flight' });
      await sleep(pastShort);
      claimed(await store.claim('k', { leaseMs: LONG_MS }));
    });

    test('a stale token cannot release or complete after its lease expired and another claimed', async (store) => {
      const stale = claimed(await store.claim('k', { leaseMs: shortMs }));
      await sleep(pastShort);
      const fresh = claimed(await store.claim('k', { leaseMs: LONG_MS }));
      await store.release('k', stale);
      assert.deepEqual(
        await store.claim('k', { leaseMs: LONG_MS }),
        { status: 'in-flight' },
        'stale release freed it',
      );
      // A store may say what it did (`false`: not recorded, the receiver reports LEASE_LOST);
      // one that says nothing passes too.
      assert.notEqual(
        await store.complete('k', stale, { retainMs: LONG_MS }),
        true,
        'stale complete said recorded',
      );
      assert.deepEqual(
        await store.claim('k', { leaseMs: LONG_MS }),
        { status: 'in-flight' },
        'stale complete won',
      );
      assert.notEqual(
        await store.complete('k', fresh, { retainMs: LONG_MS }),
        false,
        'owner complete said lost',
      );
      assert.deepEqual(await store.claim('k', { leaseMs: LONG_MS }), { status: 'completed' });
    });

    test('complete keeps the id for retainMs, not for what was left of the lease', async (store) => {
      const token = claimed(await store.claim('k', { leaseMs: shortMs }));
      await store.complete('k', token, { retainMs: LONG_MS });
      await sleep(pastShort);
      assert.deepEqual(await store.claim('k', { leaseMs: LONG_MS }), { status: 'completed' });
    });

    test('a completed id is forgotten after its retention', async (store) => {
      const token = claimed(await store.claim('k', { leaseMs: LONG_MS }));
      await store.complete('k', token, { retainMs: shortMs });
      assert.deepEqual(await store.claim('k', { leaseMs: LONG_MS }), { status: 'completed' });
      await sleep(pastShort);
      claimed(await store.claim('k', { leaseMs: LONG_MS }));
    });

    test('of many concurrent claims of one key exactly one wins', async (store) => {
      const results = await Promise.all(
        Array.from({ length: 50 }, () => store.claim('contended', { leaseMs: LONG_MS })),
      );
      const winners = results.filter((result) => result.status === 'claimed');
      assert.equal(winners.length, 1, `expected one claim, got ${winners.length}`);
      assert.ok(results.every((result) => result.status !== 'completed'));
      const winner = winners[0];
      if (winner?.status !== 'claimed') throw new Error('unreachable');
      await store.complete('contended', winner.token, { retainMs: LONG_MS });
      const after = await Promise.all(
        Array.from({ length: 50 }, () => store.claim('contended', { leaseMs: LONG_MS })),
      );
      assert.ok(after.every((result) => result.status === 'completed'));
    });

    test('concurrent claims of many keys each win once', async (store) => {
      const keys = Array.from({ length: 40 }, (_, index) => `key-${index}`);
      const results = await Promise.all(
        [...keys, ...keys, ...keys].map(async (key) => ({
          key,
          result: await store.claim(key, { leaseMs: LONG_MS }),
        })),
      );
      for (const key of keys) {
        const wins = results.filter((entry) => entry.key === key && entry.result.status === 'claimed');
        assert.equal(wins.length, 1, `key ${key} was claimed ${wins.length} times`);
      }
    });

    test('independent keys do not interfere', async (store) => {
      const a = claimed(await store.claim('a', { leaseMs: LONG_MS }));
      const b = claimed(await store.claim('b', { leaseMs: LONG_MS }));
      claimed(await store.claim('a:b', { leaseMs: LONG_MS }));
      await store.complete('a', a, { retainMs: LONG_MS });
      assert.deepEqual(await store.claim('b', { leaseMs: LONG_MS }), { status: 'in-flight' });
      await store.release('b', b);
      assert.deepEqual(await store.claim('a', { leaseMs: LONG_MS }), { status: 'completed' });
      claimed(await store.claim('b', { leaseMs: LONG_MS }));
      assert.deepEqual(await store.claim('a:b', { leaseMs: LONG_MS }), { status: 'in-flight' });
    });

    test('long and unicode keys are kept exactly', async (store) => {
      const long = `stripe:evt_${'x'.repeat(300)}`;
      const longer = `${long}y`;
      const composed = 'github:livraison-\u00e9-🚀-配送';
      const decomposed = 'github:livraison-e\u0301-🚀-配送';
      const braces = 'svix:{msg}:id with spaces\nand a newline';
      for (const key of [long, composed, braces]) {
        const token = claimed(await store.claim(key, { leaseMs: LONG_MS }));
        await store.complete(key, token, { retainMs: LONG_MS });
        assert.deepEqual(await store.claim(key, { leaseMs: LONG_MS }), { status: 'completed' }, key);
      }
      // Keys differing only in their last character or in Unicode normalisation stay distinct.
      claimed(await store.claim(longer, { leaseMs: LONG_MS }));
      claimed(await store.claim(decomposed, { leaseMs: LONG_MS }));
    });
  });
}

/** The token of a claim that must have been won. */
function claimed(result: ClaimResult): string {
  assert.equal(result.status, 'claimed', `expected the claim to be won, got ${result.status}`);
  if (result.status !== 'claimed') throw new Error('unreachable');
  assert.equal(typeof result.token, 'string');
  assert.ok(result.token.length > 0, 'the token must not be empty');
  return result.token;
}

function realWait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
