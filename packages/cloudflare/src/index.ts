export type { DurableObjectStoreOptions } from './durable-object-store.js';
export { createDurableObjectStore } from './durable-object-store.js';
export type {
  DurableObjectNamespaceLike,
  DurableObjectStateLike,
  DurableObjectStorageLike,
  DurableObjectStubLike,
  StoreOperation,
} from './durable-object-types.js';
export { IdempotencyObject } from './idempotency-object.js';
