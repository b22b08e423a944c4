import type { DispatchedDelivery } from './dispatch.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isOptional = (value: unknown, check: (value: unknown) => boolean) =>
  value === undefined || check(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/**
 * Whether a queue job's data is a {@link DispatchedDelivery} of version 1, field by field: a
 * job sits in Redis, where a person, a script or another version can write anything, and a
 * record with a missing `key` would be claimed as `handled:undefined` (one claim for every such
 * job) and a missing `eventType` routed as the type `undefined`. `payload` is not checked: the
 * event's schema validates it.
 *
 * @example
 * ```ts
 * if (!isDispatchedDelivery(job.data)) throw new UnrecoverableError('not a hookgate delivery');
 * ```
 */
export function isDispatchedDelivery(value: unknown): value is DispatchedDelivery {
  if (!isObject(value) || value.version !== 1) return false;
  const { key, deliveryId, eventType, scheme, timestamp, attempt, secretIndex, signatureVersion } = value;
  const { headers, receivedAt, trace } = value;
  return (
    isString(key) &&
    key !== '' &&
    isString(deliveryId) &&
    isString(eventType) &&
    isString(scheme) &&
    isOptional(timestamp, isFiniteNumber) &&
    isOptional(attempt, isAttempt) &&
    Number.isSafeInteger(secretIndex) &&
    isOptional(signatureVersion, isString) &&
    isObject(headers) &&
    Object.values(headers).every(isString) &&
    isFiniteNumber(receivedAt) &&
    isOptional(trace, isTrace)
  );
}

function isAttempt(value: unknown): boolean {
  return isObject(value) && Number.isSafeInteger(value.retry) && isOptional(value.reason, isString);
}

function isTrace(value: unknown): boolean {
  return (
    isObject(value) && isString(value.traceId) && isString(value.spanId) && isFiniteNumber(value.traceFlags)
  );
}
