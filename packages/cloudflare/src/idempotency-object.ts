import type { ClaimResult } from '@hookgate/core';
import type { DurableObjectStateLike } from './durable-object-types.js';
import { readOperation } from './store-operation.js';

/** What one object remembers about its delivery key. */
type Entry =
  | { state: 'claimed'; token: string; expiresAt: number }
  | { state: 'completed'; expiresAt: number };

const ENTRY = 'entry';

/**
 * The Durable Object behind {@link createDurableObjectStore}: one instance per delivery key
 * (`idFromName(key)`), so every operation on a key runs in one place, one at a time. Workers'
 * input gates keep a `get` and the `put` that follows it atomic: no other request reaches the
 * object in between. Each entry sets an alarm for when it expires, which deletes it: an object
 * whose storage is empty costs nothing.
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
    const operation = readOperation(await request.text());
    if (typeof operation === 'string') return Response.json({ error: operation }, { status: 400 });
    const now = Date.now();
    const found = await this.#state.storage.get<Entry>(ENTRY);
    if (operation.op === 'peek') return Response.json({ stored: found !== undefined });
    const entry = found && found.expiresAt > now ? found : undefined;
    if (operation.op === 'claim') {
      let result: ClaimResult;
      if (entry?.state === 'completed') result = { status: 'completed' };
      else if (entry?.state === 'claimed') result = { status: 'in-flight' };
      else {
        const token = crypto.randomUUID();
        await this.#store({ state: 'claimed', token, expiresAt: now + operation.leaseMs });
        result = { status: 'claimed', token };
      }
      return Response.json(result);
    }
    // complete and release act only while the token still owns an unexpired claim.
    const owned = entry?.state === 'claimed' && entry.token === operation.token;
    if (owned) {
      if (operation.op === 'complete') {
        await this.#store({ state: 'completed', expiresAt: now + operation.retainMs });
      } else {
        await this.#state.storage.delete(ENTRY);
      }
    }
    return Response.json({ owned });
  }

  /** Deletes the entry once it has expired (the alarm {@link #store} set). */
  async alarm(): Promise<void> {
    const found = await this.#state.storage.get<Entry>(ENTRY);
    if (!found) return;
    if (found.expiresAt <= Date.now()) await this.#state.storage.delete(ENTRY);
    else await this.#state.storage.setAlarm(found.expiresAt);
  }

  async #store(entry: Entry): Promise<void> {
    await this.#state.storage.put<Entry>(ENTRY, entry);
    await this.#state.storage.setAlarm(entry.expiresAt);
  }
}
