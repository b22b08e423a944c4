import type { Logger } from './logger.js';
import type { MemoryStore } from './memory-store.js';
import type { IdempotencyStore } from './store.js';

/**
 * Whether queue mode should warn about `store`: only this process sees its records (it says
 * `scope: 'process'`, as `createMemoryStore`'s does) and it was not created with
 * `singleProcess: true`. Read from the store's properties, not its class, so that a memory
 * store from another installed copy of `@hookgate/core` is recognised too.
 *
 * @example
 * ```ts
 * if (isProcessLocalStore(receiver.store)) console.warn('use @hookgate/redis with queue workers');
 * ```
 */
export function isProcessLocalStore(store: IdempotencyStore | undefined): boolean {
  // `undefined`: a receiver from a copy of core older than `Receiver.store` (nothing to say).
  const marked = store as Partial<Pick<MemoryStore, 'scope' | 'singleProcess'>> | undefined;
  return marked?.scope === 'process' && marked.singleProcess !== true;
}

/**
 * Warns once, at creation, about a queue-mode receiver whose claims only this process sees.
 * Its claim of `<scheme>:<id>` is what refuses copies of a delivery; another web instance (or
 * this one after a restart) does not see it, claims the copy and queues it again. The queue's
 * job id keeps a second job out only while the first is kept, and the workers' `handled:` claim
 * then stops a second run only if their store is shared.
 */
export function warnProcessLocalQueueStore(store: IdempotencyStore, logger: Logger | undefined): void {
  if (!logger || !isProcessLocalStore(store)) return;
  logger.warn(
    { store: 'process-local' },
    'queue mode (dispatch) with an idempotency store local to this process (createMemoryStore, the default): ' +
      'a copy of a delivery that reaches another web instance, or this one after a restart, is not seen as a ' +
      'duplicate and is queued again once the queue no longer keeps the first job (by default BullMQ keeps ' +
      'a completed job a day), so its handlers can run twice; use a store every instance shares: store: ' +
      'createRedisStore({ client }) from @hookgate/redis (if the web server and its workers really are this one ' +
      'process, say so with store: createMemoryStore({ singleProcess: true }))',
  );
}
