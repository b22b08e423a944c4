import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store.js';

describe('createMemoryStore', () => {
  it('claims once, reports in-flight, then completed', async () => {
    const store = createMemoryStore();
    const first = await store.claim('k', { leaseMs: 1000 });
    expect(first.status).toBe('claimed');
    expect(await store.claim('k', { leaseMs: 1000 })).toEqual({ status: 'in-flight' });
    if (first.status !== 'claimed') throw new Error('unreachable');
    await store.complete('k', first.token, { retainMs: 1000 });
    expect(await store.claim('k', { leaseMs: 1000 })).toEqual({ status: 'completed' });
  });

  it('release frees the key for the next claim', async () => {
    const store = createMemoryStore();
    const claim = await store.claim('k', { leaseMs: 1000 });
    if (claim.status !== 'claimed') throw new Error('expected a claim');
    await store.release('k', claim.token);
    expect((await store.claim('k', { leaseMs: 1000 })).status).toBe('claimed');
  });

  it('ignores complete and release from a token whose lease expired and was re-claimed', async () => {
    let now = 1_000;
    const store = createMemoryStore({ now: () => now });
    const stale = await store.claim('k', { leaseMs: 100 });
    now += 101;
    const fresh = await store.claim('k', { leaseMs: 100 });
    if (stale.status !== 'claimed' || fresh.status !== 'claimed') throw new Error('expected claims');
    await store.release('k', stale.token);
    expect((await store.claim('k', { leaseMs: 100 })).status).toBe('in-flight');
    // `false`: nothing recorded, so the receiver reports LEASE_LOST.
    expect(await store.complete('k', stale.token, { retainMs: 1000 })).toBe(false);
    expect((await store.claim('k', { leaseMs: 100 })).status).toBe('in-flight');
    expect(await store.complete('k', fresh.token, { retainMs: 1000 })).toBe(true);
    expect((await store.claim('k', { leaseMs: 100 })).status).toBe('completed');
  });

  it('forgets a completed id after its retention', async () => {
    let now = 1_000;
    const store = createMemoryStore({ now: () => now });
    const claim = await store.claim('k', { leaseMs: 100 });
    if (claim.status !== 'claimed') throw new Error('expected a claim');
    await store.complete('k', claim.token, { retainMs: 5_000 });
    now += 5_000;
    expect((await store.claim('k', { leaseMs: 100 })).status).toBe('completed');
    now += 1;
    expect((await store.claim('k', { leaseMs: 100 })).status).toBe('claimed');
  });

  it('stays within max entries, evicting the least recently used', async () => {
    const store = createMemoryStore({ max: 3 });
    for (const key of ['a', 'b', 'c', 'd']) await store.claim(key, { leaseMs: 10_000 });
    expect((await store.claim('a', { leaseMs: 10_000 })).status).toBe('claimed');
    expect((await store.claim('d', { leaseMs: 10_000 })).status).toBe('in-flight');
  });
});
