import { type AnyProviderEntry, type FactLocation, getHeader, type HeadersInput } from '@hookgate/signatures';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * How long handled ids are kept for a sender that retries for `retryHorizonMs`: the horizon
 * plus a day (queued retries, clock skew, a redelivery started at the last moment); an hour
 * for senders that never retry, whose ids only guard against replays inside the window.
 */
export function retentionFor(retryHorizonMs: number): number {
  return retryHorizonMs === 0 ? HOUR : retryHorizonMs + DAY;
}

/**
 * Reads a dotted path (`meta.event_name`, `events.0.type`), or the same already split, of
 * own properties of a parsed payload; a string or finite number becomes a string, anything
 * else `undefined`.
 */
export function readPath(payload: unknown, path: string | readonly string[]): string | undefined {
  let value: unknown = payload;
  for (const key of typeof path === 'string' ? path.split('.') : path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * The reader of a registry location (a header, or a field of the payload), with a field's path
 * split once rather than on every delivery.
 */
function factReader(location: FactLocation): (payload: unknown, headers: HeadersInput) => string | undefined {
  if ('header' in location) return (_payload, headers) => getHeader(headers, location.header);
  const path = location.field.split('.');
  return (payload) => readPath(payload, path);
}

/** What core derives from a provider's registry entry (see `SchemeProfile`). */
export interface DerivedProfile {
  eventType(payload: unknown, headers: HeadersInput): string | undefined;
  payloadId?(payload: unknown): string | undefined;
  retentionMs: number;
  responseDeadlineMs?: number | undefined;
}

/**
 * The profile of a registered provider: its event type and payload delivery id read where
 * the registry says, its retention from the sender's retry horizon. A delivery id in a header
 * is the scheme's to report (`verified.id`), so only a payload field becomes `payloadId`.
 */
export function profileFromEntry(entry: AnyProviderEntry): DerivedProfile {
  const { eventType, deliveryId } = entry;
  const idField = deliveryId !== undefined && 'field' in deliveryId ? deliveryId.field : undefined;
  const idPath = idField?.split('.');
  return {
    eventType: eventType === undefined ? () => 'event' : factReader(eventType),
    ...(idPath === undefined ? {} : { payloadId: (payload: unknown) => readPath(payload, idPath) }),
    retentionMs: retentionFor(entry.retryHorizonMs),
    ...(entry.responseDeadlineMs === undefined ? {} : { responseDeadlineMs: entry.responseDeadlineMs }),
  };
}
