import type { Scheme } from '@hookgate/signatures';
import { findSample } from './samples/index.js';
import type { Sample, SampleFactory } from './samples/sample.js';
import type { SignDeliveryOptions } from './signed-request.js';

/** A delivery to simulate: a sample factory (called with the id and time of each attempt), a sample, or a body with options. */
export type DeliverySource = SampleFactory | Sample | (SignDeliveryOptions & { event?: string });

/** One delivery of a simulation: its id, and how to build it for an attempt signed at a time. */
export interface Prepared {
  index: number;
  id: string;
  event?: string | undefined;
  at(timestamp: number): SignDeliveryOptions;
}

/**
 * One delivery from its source. A factory (or, without a source, the scheme's first sample
 * factory) makes a fresh event; every attempt rebuilds that same event (same id) at the
 * attempt's time, as the sender does. A fixed sample or body is sent as it is.
 */
export function prepare(
  source: DeliverySource | undefined,
  scheme: Scheme,
  index: number,
  timestamp: number,
): Prepared {
  const factory =
    typeof source === 'function' ? source : source === undefined ? findSample(scheme.name) : undefined;
  if (factory) {
    const first = factory({ timestamp });
    return { index, id: first.id, event: first.event, at: (at) => factory({ id: first.id, timestamp: at }) };
  }
  if (source === undefined) {
    const id = globalThis.crypto.randomUUID();
    const body = { id, type: 'test.event', created: timestamp, data: { message: 'hello from simulate()' } };
    return { index, id, event: 'test.event', at: () => ({ body, contentType: 'application/json' }) };
  }
  const sample = source as Partial<Sample> & SignDeliveryOptions;
  const id = sample.id ?? globalThis.crypto.randomUUID();
  return { index, id, ...(sample.event === undefined ? {} : { event: sample.event }), at: () => sample };
}

/**
 * Another event than every one of `taken`, from the same source: what a sender delivers as a
 * second event. A source that yields an id already taken (a fixed sample given twice) is made
 * anew the way a factory is: a sample the catalogue has (its `provider` and `event`) by its
 * factory, so the id and every id derived from it are fresh, and the body is what the provider
 * would send with them; a body of your own gets a fresh id, written in place of every value
 * equal to the old one (a JSON string, a form field): a payload id changes with the delivery id,
 * and no other value is touched (`700` stays when the id `7` changes).
 */
export function prepareDistinct(
  source: DeliverySource | undefined,
  scheme: Scheme,
  index: number,
  timestamp: number,
  taken: ReadonlySet<string>,
): Prepared {
  const prepared = prepare(source, scheme, index, timestamp);
  if (!taken.has(prepared.id)) return prepared;
  const sample = source as Partial<Sample>;
  const factory =
    typeof sample.provider === 'string' && typeof sample.event === 'string'
      ? findSample(sample.provider, sample.event)
      : undefined;
  if (factory) return prepare(factory, scheme, index, timestamp);
  const old = prepared.id;
  const id = globalThis.crypto.randomUUID();
  return {
    ...prepared,
    id,
    at: (at) => {
      const delivery = prepared.at(at);
      const text = textOf(delivery.body);
      return text === undefined ? delivery : { ...delivery, body: replaceValue(text, old, id) };
    },
  };
}

/** `text` with every JSON string or form value equal to `old` made `id`; other text as it is. */
function replaceValue(text: string, old: string, id: string): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    if (!text.includes('=')) return text;
    const fields = [...new URLSearchParams(text)];
    return new URLSearchParams(fields.map(([name, value]) => [name, value === old ? id : value])).toString();
  }
  return JSON.stringify(json, (_key, value: unknown) => (value === old ? id : value));
}

/** A body as the text signDelivery sends (objects as JSON); `undefined` for bytes. */
function textOf(body: SignDeliveryOptions['body']): string | undefined {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) return undefined;
  return JSON.stringify(body);
}
