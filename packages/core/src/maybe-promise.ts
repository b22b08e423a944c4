/**
 * Whether a value a callback returned is a promise (or any thenable) to wait for. The hot
 * path awaits only those: an `await` of a plain value still costs a turn of the microtask
 * queue, and the synchronous answers (the memory store, zod, most handlers) are the usual ones.
 */
export function isPromise<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}
