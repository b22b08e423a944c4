import { lemonSqueezy, line, paystack, providerNames, providers } from '@hookgate/signatures';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { profileOf } from './profiles.js';
import { createReceiver } from './receiver.js';
import { readPath, retentionFor } from './registry-profile.js';
import { bodyOf, NOW_MS, signedInput } from './test-support/deliveries.js';

const DAY = 86_400_000;

describe('profiles derived from the provider registry', () => {
  it('routes by an event-type header (Lemon Squeezy X-Event-Name)', async () => {
    const scheme = lemonSqueezy({ secret: 'a lemon squeezy secret' });
    const receiver = createReceiver({ scheme, events: { order_created: z.unknown() }, clock: () => NOW_MS });
    const handler = vi.fn();
    receiver.on('order_created', handler);
    const input = await signedInput(scheme, { meta: { event_name: 'order_created' }, data: { id: '1' } });
    const result = await receiver.handle({
      ...input,
      headers: { ...input.headers, 'X-Event-Name': 'order_created' },
    });
    expect(result.status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('routes by a payload field and dedupes by the payload id (Paystack event, data.id)', async () => {
    const scheme = paystack({ secret: 'sk_test_paystack' });
    const receiver = createReceiver({
      scheme,
      events: { 'charge.success': z.unknown() },
      clock: () => NOW_MS,
    });
    const handler = vi.fn();
    receiver.on('charge.success', handler);
    const payload = { event: 'charge.success', data: { id: 302961, status: 'success' } };
    await receiver.handle(await signedInput(scheme, payload));
    const again = await receiver.handle(await signedInput(scheme, payload));
    expect(bodyOf(again)).toEqual({ ok: true, duplicate: true });
    expect(handler.mock.calls[0]?.[1]).toMatchObject({ deliveryId: '302961', eventType: 'charge.success' });
  });

  it('reads array paths (LINE events.0.type)', async () => {
    const scheme = line({ secret: 'a line channel secret' });
    expect(
      profileOf(scheme.name).eventType({ events: [{ type: 'message', webhookEventId: 'E1' }] }, {}),
    ).toBe('message');
    expect(profileOf(scheme.name).payloadId?.({ events: [{ webhookEventId: 'E1' }] })).toBe('E1');
  });

  it('keeps ids for the retry horizon plus a day (an hour for senders that never retry)', () => {
    expect(profileOf('stripe').retentionMs).toBe(4 * DAY);
    expect(profileOf('discord').retentionMs).toBe(3_600_000);
    expect(retentionFor(4 * 3_600_000)).toBe(DAY + 4 * 3_600_000);
    for (const name of providerNames) {
      expect(profileOf(name).retentionMs).toBeGreaterThan(providers[name].retryHorizonMs);
    }
  });

  it('reads only own properties, and only strings and finite numbers', () => {
    expect(readPath({ a: { b: 'x' } }, 'a.b')).toBe('x');
    expect(readPath({ a: { b: 1.5 } }, 'a.b')).toBe('1.5');
    expect(readPath({ a: {} }, 'a.toString')).toBeUndefined();
    expect(readPath({ a: { b: '' } }, 'a.b')).toBeUndefined();
    expect(readPath({ a: { b: { c: 1 } } }, 'a.b')).toBeUndefined();
    expect(readPath(null, 'a')).toBeUndefined();
  });
});

describe('readPath on any parsed payload', () => {
  /** The reference: own properties only, as JSON.parse makes them, walked one key at a time. */
  function reference(payload: unknown, keys: readonly string[]): string | undefined {
    let value = payload;
    for (const key of keys) {
      if (typeof value !== 'object' || value === null) return undefined;
      if (!Object.getOwnPropertyNames(value).includes(key)) return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    if (typeof value === 'string') return value === '' ? undefined : value;
    return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
  }
  // Keys a sender may write that an object also inherits, next to ordinary ones.
  const key = fc.oneof(
    fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'length',
      '0',
      '1',
      'id',
      'type',
    ),
    fc.string({ maxLength: 4 }),
  );
  const payload = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(key, fc.dictionary(key, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }), { maxKeys: 3 }),
  );

  it('agrees with a walk over own properties, for dotted and split paths, and never throws', () => {
    fc.assert(
      fc.property(
        // Parsed as a receiver parses it: `__proto__` is then an own key, not the prototype.
        payload.map((value) => JSON.parse(JSON.stringify(value)) as unknown),
        fc.array(key, { minLength: 1, maxLength: 3 }),
        (parsed, keys) => {
          const expected = reference(parsed, keys);
          expect(readPath(parsed, keys)).toBe(expected);
          if (keys.every((part) => !part.includes('.')))
            expect(readPath(parsed, keys.join('.'))).toBe(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
