import type { StoreOperation } from './durable-object-types.js';

/** A TTL the object can keep: a finite number of ms above 0 (JSON carries Infinity as null). */
const isTtl = (value: unknown): value is number =>
  typeof value === 'number' && value > 0 && Number.isFinite(value);

/**
 * The operation a request to the object carries, or why it is none. The object is reachable by
 * anything bound to its namespace (another Worker, an older version of this one), so its body
 * is read as untrusted: bad JSON, another value, an unknown `op` or a field of another type is
 * refused, and a TTL that would expire the entry at once too (the store would fail loudly
 * instead of forgetting every delivery).
 *
 * @example
 * ```ts
 * const operation = readOperation('{"op":"claim","leaseMs":30000}'); // { op: 'claim', leaseMs: 30000 }
 * readOperation('{"op":"claim","leaseMs":null}'); // 'the TTL must be a finite number of ms above 0'
 * ```
 */
export function readOperation(text: string): StoreOperation | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'the body is not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'the body is not a JSON object';
  const { op, leaseMs, retainMs, token } = value as Record<string, unknown>;
  switch (op) {
    case 'peek':
      return { op };
    case 'claim':
      return isTtl(leaseMs) ? { op, leaseMs } : 'the TTL must be a finite number of ms above 0';
    case 'complete':
      if (typeof token !== 'string') return 'a completion needs its claim token';
      return isTtl(retainMs) ? { op, token, retainMs } : 'the TTL must be a finite number of ms above 0';
    case 'release':
      return typeof token === 'string' ? { op, token } : 'a release needs its claim token';
    default:
      return 'op must be claim, complete, release or peek';
  }
}
