import type { ClaimResult, IdempotencyStore } from '@hookgate/core';
import type { DurableObjectNamespaceLike, StoreOperation } from './durable-object-types.js';

/** Options of {@link createDurableObjectStore}. */
export interface DurableObjectStoreOptions {
  /** The binding of the {@link IdempotencyObject} namespace (`env.IDEMPOTENCY`). */
  namespace: DurableObjectNamespaceLike;
  /** Prepended to every key: separates receivers that share the namespace. @default '' */
  prefix?: string | undefined;
}

/**
 * An idempotency store on Durable Objects: one object per delivery key, shared by every
 * isolate of the Worker in every location, so a retried delivery is recognised wherever it
 * lands. (A memory store lives in one isolate; Workers run many, and evict them at will.)
 *
 * @example
 * ```ts
 * const store = createDurableObjectStore({ namespace: env.IDEMPOTENCY });
 * const receiver = createReceiver({ scheme, events, store });
 * ```
 */
export function createDurableObjectStore(options: DurableObjectStoreOptions): IdempotencyStore {
  const { namespace, prefix = '' } = options;
  async function send(key: string, operation: StoreOperation): Promise<Response> {
    const stub = namespace.get(namespace.idFromName(`${prefix}${key}`));
    const response = await stub.fetch(
      new Request('https://idempotency.internal/', { method: 'POST', body: JSON.stringify(operation) }),
    );
    if (!response.ok) throw new Error(`the idempotency object answered HTTP ${response.status}`);
    return response;
  }
  return {
    async claim(key, { leaseMs }) {
      return claimResult(await (await send(key, { op: 'claim', leaseMs: ttl(leaseMs) })).json());
    },
    async complete(key, token, { retainMs }) {
      const response = await send(key, { op: 'complete', token, retainMs: ttl(retainMs) });
      // An object deployed before it said so answers 204: recorded, as far as it tells.
      if (response.status === 204) return undefined;
      const { owned } = ((await response.json()) ?? {}) as { owned?: unknown };
      if (typeof owned !== 'boolean')
        throw new Error('the idempotency object answered a completion it does not describe');
      return owned;
    },
    async release(key, token) {
      await send(key, { op: 'release', token });
    },
  };
}

/** A TTL the object can keep: JSON has no Infinity (it would arrive as `null`, expired at once). */
function ttl(ms: number): number {
  if (!(ms > 0 && Number.isFinite(ms)))
    throw new RangeError(`a store TTL must be a finite number of ms above 0, not ${ms}`);
  return ms;
}

/**
 * The object's answer to a claim, checked: anything else (another version, a proxy's page) is a
 * store failure (the receiver answers 503), never a claim without a token that nothing completes.
 */
function claimResult(body: unknown): ClaimResult {
  const { status, token } = (body ?? {}) as { status?: unknown; token?: unknown };
  if (status === 'completed' || status === 'in-flight') return { status };
  if (status === 'claimed' && typeof token === 'string' && token !== '') return { status, token };
  throw new Error('the idempotency object answered a claim it does not describe');
}
