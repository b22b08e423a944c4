import { type ProviderName, providerEntry } from '@hookgate/signatures';
import {
  createIdSource,
  FORM_CONTENT_TYPE,
  isoTime,
  JSON_CONTENT_TYPE,
  type Sample,
  type SampleFactory,
  type SampleOptions,
  sampleTime,
} from './sample.js';

/** What a sample's payload builder gets: the delivery id, an id source seeded by it, the time. */
export interface SampleContext {
  id: string;
  ids: ReturnType<typeof createIdSource>;
  /** Unix seconds. */
  time: number;
  /** The time as an ISO 8601 date with milliseconds. */
  iso: string;
}

/** One sample of a registered provider, as data: its event and how its payload is built. */
export interface SampleRow {
  /** The event type as a hookgate receiver routes it (the registry's event-type location). */
  event: string;
  /** A fresh delivery id in the provider's format. */
  newId: (ids: ReturnType<typeof createIdSource>) => string;
  /** The payload, modelled on the provider's documented example. */
  payload: (context: SampleContext) => unknown;
  /** Send the payload (string fields) as a form instead of JSON (Mandrill). */
  form?: boolean | undefined;
}

/**
 * A sample factory for a provider of the registry: the body is the payload as compact JSON;
 * when the registry says the event type travels in a header, the header carries the event.
 *
 * @example
 * ```ts
 * const orderCreated = defineSample('lemon-squeezy', {
 *   event: 'order_created',
 *   newId: (ids) => ids.digits('order', 7),
 *   payload: ({ id }) => ({ meta: { event_name: 'order_created' }, data: { type: 'orders', id } }),
 * });
 * ```
 */
export function defineSample(provider: ProviderName, row: SampleRow): SampleFactory {
  const { eventType } = providerEntry(provider);
  return (options: SampleOptions = {}): Sample => {
    const id = options.id ?? row.newId(createIdSource(globalThis.crypto.randomUUID()));
    const time = sampleTime(options);
    const context = { id, ids: createIdSource(id), time, iso: isoTime(time, 3) };
    const headers: Record<string, string> =
      eventType !== undefined && 'header' in eventType ? { [eventType.header]: row.event } : {};
    return {
      provider,
      event: row.event,
      id,
      body: row.form
        ? new URLSearchParams(row.payload(context) as Record<string, string>).toString()
        : JSON.stringify(row.payload(context)),
      contentType: row.form ? FORM_CONTENT_TYPE : JSON_CONTENT_TYPE,
      headers,
      timestamp: time,
    };
  };
}

/** A version-4-shaped UUID as a fresh id. */
export const uuid = (ids: ReturnType<typeof createIdSource>): string => ids.uuid('id');
