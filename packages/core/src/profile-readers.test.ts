import { providerNames } from '@hookgate/signatures';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { profileOf } from './profiles.js';

// Every sender's profile reads the event type, the payload's delivery id and the retry number
// from a verified payload and headers the sender wrote: whatever they hold (a `type` named like
// a property every object inherits, numbers, arrays, nesting), each reader answers a non-empty
// string or undefined (a number of retries, for `attempt`), never another value and never a
// throw, since the event type routes the delivery and the id keys its idempotency record.

// Keys and values that read like the property names of every object.
const INHERITED = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'length'];
const KEYS = [
  ...INHERITED,
  'type',
  'event',
  'event_type',
  'eventType',
  'action',
  'id',
  'event_id',
  'data',
  'meta',
  'event_name',
  'notification_id',
  'subscription',
  'entry',
  'object',
  'events',
  '0',
];
const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 }));
const leaf = fc.oneof(
  fc.constantFrom(...INHERITED, '1', '2', '0', '', 'ping', 'issues'),
  fc.jsonValue({ maxDepth: 0 }),
);
const value: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.dictionary(key, tie('node'), { maxKeys: 4 }),
    fc.array(tie('node'), { maxLength: 3 }),
  ),
})).node;
// Parsed as the receiver parses a body: `__proto__` is then an own key. Flat objects of the
// fields the profiles read too, so that each reader meets every odd value.
const payload = fc
  .oneof(value, fc.dictionary(fc.constantFrom('type', 'event', 'action', 'id', 'event_type'), leaf))
  .map((v) => JSON.parse(JSON.stringify(v ?? null)) as unknown);
const headerValue = fc.oneof(
  fc.constantFrom(...INHERITED, '1', '99999', '-1', '1e3', ''),
  fc.string({ maxLength: 8 }),
);
const headers = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      'x-github-event',
      'x-slack-retry-num',
      'x-slack-retry-reason',
      'x-shopify-topic',
      'x-event-name',
      'x-event-key',
      'twitch-eventsub-message-type',
      'x-gitlab-event',
    ),
    fc.string({ maxLength: 8 }).map((s) => s.toLowerCase()),
  ),
  headerValue,
  { maxKeys: 4 },
);

const schemes = [...providerNames, 'hmac', 'my-own-sender'];

describe.each(schemes)('the %s profile', (scheme) => {
  const profile = profileOf(scheme);
  const isIdText = (v: unknown) => v === undefined || (typeof v === 'string' && v !== '');

  it('reads a string or undefined from any payload and headers, never another value or a throw', () => {
    fc.assert(
      fc.property(payload, headers, (body, sent) => {
        const type = profile.eventType(body, sent);
        expect(isIdText(type), `eventType ${String(type)}`).toBe(true);
        const id = profile.payloadId?.(body);
        expect(isIdText(id), `payloadId ${String(id)}`).toBe(true);
        const attempt = profile.attempt?.(sent);
        if (attempt !== undefined) {
          expect(Number.isSafeInteger(attempt.retry) && attempt.retry >= 0).toBe(true);
          expect(attempt.reason === undefined || typeof attempt.reason === 'string').toBe(true);
        }
        profile.acknowledge?.(body);
      }),
      { numRuns: 150 },
    );
  });
});

describe('regressions', () => {
  it('a Discord interaction of type __proto__ or constructor has that type, not an Object member', () => {
    const discord = profileOf('discord');
    for (const type of ['__proto__', 'constructor', 'toString'])
      expect(discord.eventType(JSON.parse(`{"type":"${type}"}`), {})).toBe(type);
    expect(discord.eventType({ type: 2 }, {})).toBe('APPLICATION_COMMAND');
  });

  it('a Telegram update with an empty field name has no event type', () => {
    expect(profileOf('telegram').eventType({ update_id: 1, '': {} }, {})).toBeUndefined();
    expect(profileOf('telegram').eventType({ update_id: 1, message: {} }, {})).toBe('message');
  });
});
