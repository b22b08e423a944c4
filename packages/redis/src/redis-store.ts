import { randomUUID } from 'node:crypto';
import { type ClaimResult, type IdempotencyStore, WebhookError, withDeadline } from '@hookgate/core';
import { type RedisClientLike, toRunOp } from './client.js';
import type { Bounds } from './script-batch.js';
import { COMPLETED } from './scripts.js';

/** Options of {@link createRedisStore}. */
export interface RedisStoreOptions {
  /**
   * A connected node-redis client or cluster (`createClient`, `createCluster`; v4 or v5), or
   * an ioredis `Redis` / `Cluster`. Create it with `disableOfflineQueue: true` (ioredis:
   * `enableOfflineQueue: false`) so commands fail at once while Redis is unreachable.
   */
  client: RedisClientLike;
  /**
   * Prepended to every delivery key, one per app sharing a Redis. Each operation touches one
   * key, so Redis Cluster needs no hash tag; a tag such as `'{hookgate}:'` pins every key to
   * one slot (one node) and is only worth it if you want them together.
   * @default 'hookgate:'
   */
  prefix?: string | undefined;
  /**
   * Time limit of one store operation. Past it the operation rejects, the receiver answers
   * 503 and runs no handler, and the sender retries later. While it is at most the receiver's
   * `storeTimeoutMs` (2 s by default), the receiver adds no time limit of its own.
   * @default 1000
   */
  commandTimeoutMs?: number | undefined;
}

/**
 * A Redis {@link IdempotencyStore}: every instance of a receiver behind a load balancer
 * shares it, so a delivery retried onto another instance is still handled once. Each
 * operation is one Lua script on one key, in one round trip: the claim sets a random token
 * with the lease as TTL, and `complete` / `release` compare that token before they touch the
 * key, so an instance whose lease expired cannot complete or free another's claim. Expiry
 * runs on the Redis clock, so the instances' clocks do not matter.
 *
 * Fails closed: when Redis is down or slow, each operation rejects within `commandTimeoutMs`
 * and the receiver answers 503 without running a handler.
 *
 * @example
 * ```ts
 * const client = createClient({ url: process.env.REDIS_URL, disableOfflineQueue: true });
 * client.on('error', (error) => console.error('redis', error));
 * await client.connect();
 * const receiver = createReceiver({ scheme, store: createRedisStore({ client, prefix: 'billing:' }) });
 * ```
 */
export function createRedisStore(options: RedisStoreOptions): IdempotencyStore {
  const prefix = options.prefix ?? 'hookgate:';
  const timeoutMs = options.commandTimeoutMs ?? 1000;
  if (!(timeoutMs > 0 && Number.isFinite(timeoutMs))) {
    throw new RangeError('commandTimeoutMs must be a positive number of milliseconds');
  }
  assertErrorListener(options.client);
  const runOp = toRunOp(options.client, Math.ceil(timeoutMs), storeBounds(timeoutMs));
  // This process's completions still on their way, by key: see `claim`.
  const completing = new Map<string, Promise<unknown>>();

  const claimOnce = async (key: string, token: string, leaseMs: string): Promise<ClaimResult> => {
    const held = await runOp('claim', prefix + key, [token, leaseMs]);
    if (held === null || held === undefined) return { status: 'claimed', token };
    // String() also reads a Buffer, for clients configured to return them.
    return String(held) === COMPLETED ? { status: 'completed' } : { status: 'in-flight' };
  };

  return {
    callTimeoutMs: timeoutMs,
    async claim(key, { leaseMs }) {
      const token = randomUUID();
      const lease = milliseconds(leaseMs, 'leaseMs');
      // Queue mode answers before its completion lands, counting on Redis to run it before a
      // copy's claim sent later on the same connection. Not always so: a completion that met
      // NOSCRIPT (Redis lost its scripts) is sent again after a claim that something else's
      // reload let through. A claim sent while this process completes the same key, and that
      // finds it held, waits for that completion and asks once more, rather than answer 409
      // for nothing. (Taken before sending: the completion may settle before the claim's
      // reply is read, their replies arriving together.)
      const pending = completing.get(key);
      const claim = await claimOnce(key, token, lease);
      if (claim.status !== 'in-flight' || !pending) return claim;
      await pending.catch(() => undefined);
      return claimOnce(key, token, lease);
    },
    async complete(key, token, { retainMs }) {
      const done = runOp('complete', prefix + key, [token, COMPLETED, milliseconds(retainMs, 'retainMs')]);
      completing.set(key, done);
      try {
        // The script answers 1 when the token owned the claim, 0 when it had expired.
        return Number(await done) === 1;
      } finally {
        if (completing.get(key) === done) completing.delete(key);
      }
    },
    async release(key, token) {
      await runOp('release', prefix + key, [token]);
    },
  };
}

/** A TTL as `PX` takes it: a whole number of milliseconds, at least 1. */
function milliseconds(value: number, name: string): string {
  if (!(value > 0 && Number.isFinite(value))) throw new RangeError(`${name} must be a positive number`);
  return String(Math.ceil(value));
}

/**
 * Bounds one Redis call even when the command was already written and Redis never answers
 * (a hung or partitioned server): the client's own timeout only covers queued commands.
 */
function storeBounds(timeoutMs: number): Bounds {
  return {
    bound: (call) => withDeadline(call, timeoutMs, () => timedOut(timeoutMs), failed),
    failed,
  };
}

function timedOut(timeoutMs: number): WebhookError {
  return new WebhookError(
    'STORE_UNAVAILABLE',
    `Redis did not answer within ${timeoutMs} ms; the delivery was not handled (check that Redis is reachable)`,
  );
}

/** Redis's own text (addresses, OOM, auth) stays in `cause`, out of the HTTP response. */
function failed(cause: unknown): WebhookError {
  return new WebhookError(
    'STORE_UNAVAILABLE',
    'the Redis command failed; the delivery was not handled (see cause)',
    {
      cause,
    },
  );
}

/**
 * node-redis reports a lost connection as an `error` event, and an `EventEmitter` with no
 * listener for it throws: the first Redis restart would end the process. Said at startup, with
 * what to do. (ioredis logs an unheard `error` itself and goes on; it is not asked.)
 */
function assertErrorListener(client: RedisClientLike): void {
  const emitter = client as { evalSha?: unknown; listenerCount?: (event: string) => number };
  if (typeof emitter.evalSha !== 'function' || typeof emitter.listenerCount !== 'function') return;
  if (emitter.listenerCount('error') > 0) return;
  throw new WebhookError(
    'INVALID_CONFIGURATION',
    "the node-redis client has no 'error' listener, so the first lost connection would end the process: call client.on('error', (error) => …) before createRedisStore",
  );
}
