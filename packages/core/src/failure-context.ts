import type { DeliveryContext } from './types.js';

type Base = Omit<DeliveryContext, 'signal'>;

// Keyed by the thrown error: the context travels with a failure to the one place that reports
// it, and a delivery that succeeds pays nothing for it.
const contexts = new WeakMap<object, Base>();

/** Remembers which delivery `error` failed; returns `error`, to be thrown. */
export function withDelivery<T>(error: T, base: Base): T {
  if (typeof error === 'object' && error !== null) contexts.set(error, base);
  return error;
}

/** The delivery a failure belongs to, when it was known. */
export function deliveryOf(error: unknown): Base | undefined {
  return typeof error === 'object' && error !== null ? contexts.get(error) : undefined;
}
