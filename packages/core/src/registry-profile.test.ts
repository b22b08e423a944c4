import { lemonSqueezy, line, paystack, providerNames, providers } from '@hookgate/signatures';
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
