import { LRUCache } from 'lru-cache';
import type { IdempotencyStore } from './store.js';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Most delivery ids kept; the least recently used go first. @default 100_000 */
  max?: number;
  /** A monotonic clock in milliseconds (above 0), for tests with a fake clock. @default performance.now */
  now?: () => number;
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
export function createMemoryStore(options: MemoryStoreOptions = {}): IdempotencyStore {
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
    async claim(key, { leaseMs }) {
      const flat = flatten(key);
      const entry = cache.get(flat);
      if (entry === COMPLETED) return { status: 'completed' };
      if (entry !== undefined) return { status: 'in-flight' };
      const token = String(++counter);
      cache.set(flat, token, { ttl: leaseMs });
      return { status: 'claimed', token };
    },
    async complete(key, token, { retainMs }) {
      const flat = flatten(key);
      if (cache.get(flat) === token) cache.set(flat, COMPLETED, { ttl: retainMs });
    },
    async release(key, token) {
      const flat = flatten(key);
      if (cache.get(flat) === token) cache.delete(flat);
    },
  };
}

/**
 * Copies a key into one flat string. Keys built by concatenation or sliced from a header are
 * rope or slice strings in V8: larger in memory, slower to hash, and a slice keeps its whole
 * parent string alive for as long as the key is retained.
 */
function flatten(key: string): string {
  return key.length > 12 ? JSON.parse(JSON.stringify(key)) : key;
}
