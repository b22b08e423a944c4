import { stripe } from '@hookgate/signatures';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Dispatcher } from './dispatch.js';
import type { Logger } from './logger.js';
import { createMemoryStore } from './memory-store.js';
import { isProcessLocalStore } from './process-local-store.js';
import { createReceiver } from './receiver.js';
import type { ReceiverOptions } from './receiver-options.js';
import type { IdempotencyStore } from './store.js';

const scheme = stripe({ secret: 'whsec_process_local' });
const dispatch: Dispatcher = { async dispatch() {} };

/** The warnings a receiver made with `options` wrote at creation. */
function warningsOf(options: Partial<ReceiverOptions<Record<never, never>>>): string[] {
  const warnings: string[] = [];
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: (_fields, message) => void warnings.push(message),
    error: () => {},
  };
  createReceiver({ scheme, logger, ...options });
  return warnings;
}

/** A shared store, as `@hookgate/redis` is: no `scope` marker. */
function sharedStore(): IdempotencyStore {
  const memory = createMemoryStore();
  return {
    claim: (key, options) => memory.claim(key, options),
    complete: (key, token, options) => memory.complete(key, token, options),
    release: (key, token) => memory.release(key, token),
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('queue mode with a store local to this process', () => {
  it('warns once at creation with the default store, saying what breaks and what to use', () => {
    const warnings = warningsOf({ dispatch });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/another web instance, or this one after a restart/);
    expect(warnings[0]).toMatch(/handlers can run twice/);
    expect(warnings[0]).toMatch(/createRedisStore\(\{ client \}\) from @hookgate\/redis/);
    expect(warnings[0]).toMatch(/createMemoryStore\(\{ singleProcess: true \}\)/);
  });

  it('warns for an explicit createMemoryStore() too: passing it says nothing about the deployment', () => {
    expect(warningsOf({ dispatch, store: createMemoryStore({ max: 10 }) })).toHaveLength(1);
  });

  it('stays quiet when told the store is shared by everything (singleProcess), or is a shared store', () => {
    expect(warningsOf({ dispatch, store: createMemoryStore({ singleProcess: true }) })).toEqual([]);
    expect(warningsOf({ dispatch, store: sharedStore() })).toEqual([]);
  });

  it('stays quiet without queue mode, where the memory store is the documented single-process default', () => {
    expect(warningsOf({})).toEqual([]);
    expect(warningsOf({ store: createMemoryStore() })).toEqual([]);
  });

  it('writes through the default console logger, and not at all with logger: false', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    createReceiver({ scheme, dispatch });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(
      /^hookgate: queue mode \(dispatch\) with an idempotency store local/,
    );
    createReceiver({ scheme, dispatch, logger: false });
    expect(warn).toHaveBeenCalledTimes(1);
  });
});

describe('isProcessLocalStore', () => {
  it('recognises a memory store by its marker, also one from another copy of the package', () => {
    expect(isProcessLocalStore(createMemoryStore())).toBe(true);
    // What another installed copy of @hookgate/core returns: the same properties, another function.
    expect(
      isProcessLocalStore({ ...sharedStore(), scope: 'process', singleProcess: false } as IdempotencyStore),
    ).toBe(true);
    expect(isProcessLocalStore(createMemoryStore({ singleProcess: true }))).toBe(false);
    expect(isProcessLocalStore(sharedStore())).toBe(false);
  });

  it('says nothing of a receiver without `store` (a copy of core older than it): startWorker must not throw', () => {
    expect(isProcessLocalStore(undefined)).toBe(false);
  });

  it('reads the store a receiver uses through receiver.store', () => {
    const store = sharedStore();
    expect(createReceiver({ scheme, store, logger: false }).store).toBe(store);
    expect(isProcessLocalStore(createReceiver({ scheme, logger: false }).store)).toBe(true);
  });
});
