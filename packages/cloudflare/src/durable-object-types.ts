/**
 * The parts of the Workers runtime API the store uses, declared structurally so the example
 * needs no `@cloudflare/workers-types`; the runtime's own objects fit them.
 */

/** A Durable Object stub: requests to one object instance. */
export interface DurableObjectStubLike {
  fetch(request: Request): Promise<Response>;
}

/** A Durable Object namespace binding (`env.IDEMPOTENCY`). */
export interface DurableObjectNamespaceLike<Id = unknown> {
  idFromName(name: string): Id;
  get(id: Id): DurableObjectStubLike;
}

/** The transactional storage of one Durable Object instance. */
export interface DurableObjectStorageLike {
  get<T>(key: string): Promise<T | undefined>;
  put<T>(key: string, value: T): Promise<void>;
  delete(key: string): Promise<boolean>;
  setAlarm(scheduledTime: number): Promise<void>;
}

/** What the runtime passes to a Durable Object's constructor. */
export interface DurableObjectStateLike {
  storage: DurableObjectStorageLike;
}

/** One operation of the store protocol between the Worker and the object. */
export type StoreOperation =
  | { op: 'claim'; leaseMs: number }
  | { op: 'complete'; token: string; retainMs: number }
  | { op: 'release'; token: string }
  /** Whether an entry is stored, expired or not (for tests and diagnostics; changes nothing). */
  | { op: 'peek' };
