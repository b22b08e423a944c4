import type { ClaimResult, IdempotencyStore } from '@hookgate/core';
import type { DurableObjectNamespaceLike, StoreOperation } from './durable-object-types.js';

/** Options of {@link createDurableObjectStore}. */
export interface DurableObjectStoreOptions {
  /** The binding of the {@link IdempotencyObject} namespace (`env.IDEMPOTENCY`). */
  namespace: DurableObjectNamespaceLike;
  /** Prepended to every key: separates receivers that share the namespace. @default '' */
  prefix?: string;
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
      return (await (await send(key, { op: 'claim', leaseMs })).json()) as ClaimResult;
    },
    async complete(key, token, { retainMs }) {
      const response = await send(key, { op: 'complete', token, retainMs });
      // An object deployed before it said so answers 204: recorded, as far as it tells.
      if (response.status === 204) return undefined;
      return ((await response.json()) as { owned: boolean }).owned;
    },
    async release(key, token) {
      await send(key, { op: 'release', token });
    },
  };
}
