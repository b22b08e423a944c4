import type { ClaimResult } from '@hookgate/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDurableObjectStore } from './durable-object-store.js';
import type { DurableObjectNamespaceLike, DurableObjectStorageLike } from './durable-object-types.js';
import { IdempotencyObject } from './idempotency-object.js';

/** One in-memory storage per object, as the runtime gives each instance its own. */
function memoryStorage(): DurableObjectStorageLike {
  const values = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => values.get(key) as T | undefined,
    put: async (key, value) => void values.set(key, value),
    delete: async (key) => values.delete(key),
    setAlarm: async () => undefined,
  };
}

/** A namespace whose stubs run real `IdempotencyObject`s in this process (no alarms fire). */
function namespace(): DurableObjectNamespaceLike<string> {
  const objects = new Map<string, IdempotencyObject>();
  return {
    idFromName: (name) => name,
    get: (id) => {
      const object = objects.get(id) ?? new IdempotencyObject({ storage: memoryStorage() });
      objects.set(id, object);
      return { fetch: (request) => object.fetch(request) };
    },
  };
}

// The store's conformance runs in workerd (test/examples/cloudflare-worker), whose input gates
// keep an object's get and put atomic; these are the store's own checks of what it sends and reads.
describe('createDurableObjectStore', () => {
  it('refuses a TTL that JSON cannot carry (Infinity would arrive as null: every id forgotten)', async () => {
    const store = createDurableObjectStore({ namespace: namespace() });
    await expect(store.claim('k', { leaseMs: Number.POSITIVE_INFINITY })).rejects.toThrow(RangeError);
    const claim = await store.claim('k', { leaseMs: 5_000 });
    if (claim.status !== 'claimed') throw new Error('expected a claim');
    await expect(store.complete('k', claim.token, { retainMs: Number.NaN })).rejects.toThrow(RangeError);
    // The object refuses it too, whoever sends it.
    const object = new IdempotencyObject({ storage: memoryStorage() });
    const answer = await object.fetch(
      new Request('https://idempotency.internal/', { method: 'POST', body: '{"op":"claim","leaseMs":null}' }),
    );
    expect(answer.status).toBe(400);
  });

  it('fails a claim or completion the object answered in a shape it does not know, never claims without a token', async () => {
    for (const body of ['{"ok":true}', '{"status":"claimed"}', '{"status":"claimed","token":""}', 'null']) {
      const odd = createDurableObjectStore({
        namespace: { idFromName: (name) => name, get: () => ({ fetch: async () => new Response(body) }) },
      });
      await expect(odd.claim('k', { leaseMs: 5_000 })).rejects.toThrow(/does not describe/);
      await expect(odd.complete('k', 't', { retainMs: 5_000 })).rejects.toThrow(/does not describe/);
    }
  });
});

describe('the store reading the object’s answers', () => {
  it('gives a described claim or completion for any answer, or fails; never a claim without a token', async () => {
    const answer = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
      fc
        .record({
          status: fc.oneof(
            fc.constantFrom('claimed', 'in-flight', 'completed', 'CLAIMED'),
            fc.jsonValue({ maxDepth: 0 }),
          ),
          token: fc.oneof(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 0 })),
          owned: fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 0 })),
        })
        .map((value) => JSON.stringify(value)),
      fc.string({ maxLength: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(answer, fc.constantFrom(200, 204, 400, 500), async (body, status) => {
        const store = createDurableObjectStore({
          namespace: {
            idFromName: (name) => name,
            get: () => ({ fetch: async () => new Response(status === 204 ? null : body, { status }) }),
          },
        });
        const claim: ClaimResult | Error = await Promise.resolve(store.claim('k', { leaseMs: 5_000 })).then(
          (value) => value,
          (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
        );
        if (claim instanceof Error) expect(claim).not.toBeInstanceOf(TypeError);
        else if (claim.status === 'claimed')
          expect(typeof claim.token === 'string' && claim.token !== '').toBe(true);
        else expect(['in-flight', 'completed']).toContain(claim.status);
        const completed = await Promise.resolve(store.complete('k', 't', { retainMs: 5_000 })).then(
          (value) => value,
          (error: unknown) => error,
        );
        if (completed instanceof Error) expect(status === 204).toBe(false);
        else expect([true, false, undefined]).toContain(completed);
      }),
      { numRuns: 300 },
    );
  });
});
