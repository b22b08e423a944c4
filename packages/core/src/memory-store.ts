import { LRUCache } from 'lru-cache';
import type { IdempotencyStore } from './store.js';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Most delivery ids kept; past it the least recently stored go first. @default 100_000 */
  max?: number | undefined;
  /** A monotonic clock in milliseconds (above 0), for tests with a fake clock. @default performance.now */
  now?: (() => number) | undefined;
  /**
   * Declares that every process that receives or runs these deliveries is this one (tests,
   * local development with the web server and its worker in one process). Queue mode then does
   * not warn that the store is not shared (see {@link MemoryStore.scope}); nothing else changes.
   * @default false
   */
  singleProcess?: boolean | undefined;
}

/** The store of {@link createMemoryStore}: an {@link IdempotencyStore} that says it is not shared. */
export interface MemoryStore extends IdempotencyStore {
  /**
   * Always `'process'`: only this process sees its records. A receiver created with `dispatch`
   * and `startWorker` of `@hookgate/bullmq` read it and warn once at startup, because web
   * instances and worker processes do not share its claims.
   */
  readonly scope: 'process';
  /** Whether it was created with `singleProcess: true`, which silences that warning. */
  readonly singleProcess: boolean;
}

/** A pending claim holds its owner's token; a completed delivery holds the shared marker. */
type Entry = string | typeof COMPLETED;
const COMPLETED = Symbol('completed');

/**
 * An in-memory {@link IdempotencyStore} over `lru-cache`: bounded in size, with a TTL per
 * entry (the lease for claims, the retention for completed ids). It dedupes inside one
 * process only; use `@hookgate/redis` behind a load balancer.
 *
 * @example
 * ```ts
 * const receiver = createReceiver({ scheme, store: createMemoryStore({ max: 100_000 }) });
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const now = options.now;
  const cache = new LRUCache<string, Entry>({
    max: options.max ?? 100_000,
    ttlAutopurge: false,
    // Read the clock on every check: exact expiry, and no timer per read as the default debounce sets.
    ttlResolution: 0,
    ...(now ? { perf: { now } } : {}),
  });
  let counter = 0;
  return {
    scope: 'process',
    singleProcess: options.singleProcess === true,
    // Synchronous: the receiver then spends no promise and no timer on the store.
    claim(key, { leaseMs }) {
      flatten(key);
      // `peek`, not `get`: a replayed id does not earn a longer stay (and it costs less).
      const entry = cache.peek(key);
      if (entry === COMPLETED) return { status: 'completed' };
      if (entry !== undefined) return { status: 'in-flight' };
      const token = String(++counter);
      cache.set(key, token, { ttl: leaseMs });
      return { status: 'claimed', token };
    },
    // complete and release only look up a key that claim stored: a Map keeps the key object
    // it was first given, so flattening these copies would buy nothing.
    complete(key, token, { retainMs }) {
      if (cache.peek(key) !== token) return false;
      cache.set(key, COMPLETED, { ttl: retainMs });
      return true;
    },
    release(key, token) {
      if (cache.peek(key) === token) cache.delete(key);
    },
  };
}

/**
 * Flattens a key in place before it is stored. A key built by concatenation (the receiver's
 * `${scheme}:${id}`, or `crypto.randomUUID()`, a rope of ~20 pieces in V8) is a tree of
 * string pieces: about 490 bytes for a 36-character id instead of 56, and slower to hash and
 * compare. Reading one character makes V8 copy the rope into one flat string and point the
 * rope at it; the garbage collector then drops the pieces and the wrapper, so the store
 * keeps only the flat copy. It costs a third of a `JSON.parse(JSON.stringify(key))` copy
 * (bench/memory-store.ts measures both) and leaves the key's content untouched.
 */
function flatten(key: string): void {
  sink ^= key.charCodeAt(0) | 0;
}

/** Where {@link flatten} puts what it read, so that no optimising compiler drops the read as unused. */
// biome-ignore lint/correctness/noUnusedVariables: written, never read, on purpose (see above)
let sink = 0;
