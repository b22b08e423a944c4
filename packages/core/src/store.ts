/** What {@link IdempotencyStore.claim} found. */
export type ClaimResult =
  /** The delivery is now ours to handle; `token` proves it to `complete` and `release`. */
  | { status: 'claimed'; token: string }
  /** The delivery was handled before; do not run it again. */
  | { status: 'completed' }
  /** Another request holds an unexpired claim on it right now. */
  | { status: 'in-flight' };

/** Options of {@link IdempotencyStore.claim}. */
export interface ClaimOptions {
  /** How long the claim lasts if it is neither completed nor released (a process that died). */
  leaseMs: number;
}

/** What {@link IdempotencyStore.complete} did: `false` when the token no longer owned the claim. */
// biome-ignore lint/suspicious/noConfusingVoidType: a store that returns nothing (`Promise<void>`) still fits
export type CompleteResult = boolean | undefined | void;

/** Options of {@link IdempotencyStore.complete}. */
export interface CompleteOptions {
  /** How long the completed delivery id is remembered. */
  retainMs: number;
}

/**
 * Where a receiver records which deliveries it has handled, so that each runs at most once
 * even when the sender retries or duplicates it. All three operations are atomic per key.
 * `complete` and `release` act only while `token` still owns the claim, so an instance whose
 * lease expired (and was re-claimed by another) cannot undo the other's work.
 *
 * A store that answers from memory may answer synchronously: the receiver then skips the
 * promise and the time limit it puts around every store call that returns one.
 *
 * Implementations: `createMemoryStore` (one process), `@hookgate/redis` (many). Prove a new
 * one with `runStoreConformance` from `@hookgate/testing`.
 */
export interface IdempotencyStore {
  /** Claims a delivery key for handling. */
  claim(key: string, options: ClaimOptions): ClaimResult | Promise<ClaimResult>;
  /**
   * Marks a claimed delivery as handled, if `token` still owns the claim. Answers `false` when
   * it did not (the lease ran out first, and another request may have claimed the delivery):
   * nothing was recorded, and the receiver reports `LEASE_LOST`. `true` or nothing: recorded.
   */
  complete(key: string, token: string, options: CompleteOptions): CompleteResult | Promise<CompleteResult>;
  /** Gives up a claim (the handler failed), if `token` still owns it, so a retry can run. */
  release(key: string, token: string): void | Promise<void>;
  /**
   * The time limit this store itself puts on each call, in ms, if it enforces one (the Redis
   * store's `commandTimeoutMs`). When it is at most the receiver's `storeTimeoutMs`, the
   * receiver puts no timer of its own around the store's calls: one per call is enough, and
   * the store's error says more.
   */
  readonly callTimeoutMs?: number | undefined;
}
