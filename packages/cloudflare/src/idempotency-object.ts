import type { ClaimResult } from '@hookgate/core';
import type { DurableObjectStateLike, StoreOperation } from './durable-object-types.js';

/** What one object remembers about its delivery key. */
type Entry =
  | { state: 'claimed'; token: string; expiresAt: number }
  | { state: 'completed'; expiresAt: number };

const ENTRY = 'entry';

/**
 * The Durable Object behind {@link createDurableObjectStore}: one instance per delivery key
 * (`idFromName(key)`), so every operation on a key runs in one place, one at a time. Workers'
 * input gates keep a `get` and the `put` that follows it atomic: no other request reaches the
 * object in between. Expired entries are overwritten by the next claim; an instance whose
 * entry is deleted and that receives no more requests costs nothing.
 *
 * @example
 * ```ts
 * // worker.ts: the Worker that declares the namespace exports the class
 * export { IdempotencyObject } from '@hookgate/cloudflare';
 * ```
 */
export class IdempotencyObject {
  readonly #state: DurableObjectStateLike;

  constructor(state: DurableObjectStateLike) {
    this.#state = state;
  }

  async fetch(request: Request): Promise<Response> {
    const operation = (await request.json()) as StoreOperation;
    const { storage } = this.#state;
    const now = Date.now();
    const found = await storage.get<Entry>(ENTRY);
    const entry = found && found.expiresAt > now ? found : undefined;
    if (operation.op === 'claim') {
      let result: ClaimResult;
      if (entry?.state === 'completed') result = { status: 'completed' };
      else if (entry?.state === 'claimed') result = { status: 'in-flight' };
      else {
        const token = crypto.randomUUID();
        await storage.put<Entry>(ENTRY, { state: 'claimed', token, expiresAt: now + operation.leaseMs });
        result = { status: 'claimed', token };
      }
      return Response.json(result);
    }
    // complete and release act only while the token still owns an unexpired claim.
    if (entry?.state === 'claimed' && entry.token === operation.token) {
      if (operation.op === 'complete') {
        await storage.put<Entry>(ENTRY, { state: 'completed', expiresAt: now + operation.retainMs });
      } else {
        await storage.delete(ENTRY);
      }
    }
    return new Response(null, { status: 204 });
  }
}
