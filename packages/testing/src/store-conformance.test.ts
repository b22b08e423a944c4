import { createMemoryStore, type IdempotencyStore } from '@hookgate/core';
import { describe, expect, it } from 'vitest';
import { type CreateStore, runStoreConformance } from './store-conformance.js';

/** Runs the suite outside the runner and returns the names of the tests that failed. */
async function failuresOf(createStore: CreateStore): Promise<string[]> {
  const tests: { name: string; body: () => Promise<void> | void }[] = [];
  runStoreConformance(createStore, {
    describe: (_name, body) => body(),
    it: (name, body) => tests.push({ name, body }),
  });
  const failed: string[] = [];
  for (const test of tests) {
    await Promise.resolve(test.body()).catch(() => failed.push(test.name));
  }
  return failed;
}

/** A memory store with one defect injected. */
function broken(defect: 'no-fencing' | 'racy-claim' | 'lease-ttl-kept'): IdempotencyStore {
  const entries = new Map<string, { value: string; expires: number }>();
  const read = (key: string) => {
    const entry = entries.get(key);
    return entry && entry.expires > performance.now() ? entry : undefined;
  };
  let counter = 0;
  return {
    async claim(key, { leaseMs }) {
      const found = read(key);
      if (defect === 'racy-claim') await new Promise((resolve) => setTimeout(resolve, 1));
      if (found) return found.value === 'done' ? { status: 'completed' } : { status: 'in-flight' };
      const token = `t${++counter}`;
      entries.set(key, { value: token, expires: performance.now() + leaseMs });
      return { status: 'claimed', token };
    },
    async complete(key, token, { retainMs }) {
      const found = read(key);
      if (!found || (defect !== 'no-fencing' && found.value !== token)) return;
      const expires = defect === 'lease-ttl-kept' ? found.expires : performance.now() + retainMs;
      entries.set(key, { value: 'done', expires });
    },
    async release(key, token) {
      if (defect === 'no-fencing' || read(key)?.value === token) entries.delete(key);
    },
  };
}

describe('runStoreConformance', () => {
  it('passes the memory store', async () => {
    expect(await failuresOf(() => createMemoryStore())).toEqual([]);
  });

  it('catches a store that lets any token complete or release', async () => {
    expect(await failuresOf(() => broken('no-fencing'))).toContain(
      'a stale token cannot release or complete after its lease expired and another claimed',
    );
  });

  it('catches a claim that is not atomic', async () => {
    expect(await failuresOf(() => broken('racy-claim'))).toContain(
      'of many concurrent claims of one key exactly one wins',
    );
  });

  it('catches a completion that keeps the lease as its lifetime', async () => {
    expect(await failuresOf(() => broken('lease-ttl-kept'))).toContain(
      'complete keeps the id for retainMs, not for what was left of the lease',
    );
  });
});
