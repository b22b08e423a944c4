import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publicHeaders } from './public-headers.js';

const PRIVATE =
  /signature|hmac|(?:^|[-_])mac(?:[-_]|$)|authori[sz]ation|cookie|secret|(?<!idempotency-)token|password|(?:^|[-_])(?:api|access|private|signing|auth|client|master|shared|session|encryption)[-_]?keys?(?:[-_]|$)|^keys?$|-webhook$/i;
const SIGNATURE_HEADERS = [
  'Stripe-Signature',
  'X-Hub-Signature-256',
  'X-Slack-Signature',
  'X-Shopify-Hmac-Sha256',
  'X-Twilio-Signature',
  'webhook-signature',
  'svix-signature',
  'X-Signature-Ed25519',
  'X-Square-HmacSha256-Signature',
  'Linear-Signature',
  'Paddle-Signature',
  'X-Twilio-Email-Event-Webhook-Signature',
  'X-Airtable-Content-MAC',
  'X-Trello-Webhook',
  'Authorization',
  'Cookie',
  'X-Api-Key',
  'X-Access-Key',
  'Private-Key',
  'X-Signing-Key',
  'api_key',
  'Key',
];

describe('publicHeaders (headers a queued delivery keeps)', () => {
  it('drops every provider signature header and credential, keeps the rest in lower case', () => {
    const headers = Object.fromEntries([
      ...SIGNATURE_HEADERS.map((name) => [name, 'x']),
      ['X-GitHub-Event', 'push'],
      ['Idempotency-Key', 'id-1'],
      ['X-Event-Key', 'repo:push'],
      ['X-Keyboard', 'qwerty'],
    ]);
    const kept = {
      'x-github-event': 'push',
      'idempotency-key': 'id-1',
      'x-event-key': 'repo:push',
      'x-keyboard': 'qwerty',
    };
    expect(publicHeaders(headers)).toEqual(kept);
    expect(publicHeaders(new Headers(headers))).toEqual(kept);
    const proto = publicHeaders(JSON.parse('{"__proto__":"x","a":["1","2"]}') as Record<string, string>);
    expect(Object.hasOwn(proto, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(proto.a).toBe('1, 2');
  });

  it('never throws, never keeps a private-looking name, and keeps every value as a string', () => {
    const value = fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.constant(undefined));
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 30 }), value, { noNullPrototype: false }),
        (headers) => {
          const kept = publicHeaders(headers);
          for (const [name, text] of Object.entries(kept)) {
            expect(PRIVATE.test(name)).toBe(false);
            expect(typeof text).toBe('string');
          }
          for (const [name, raw] of Object.entries(headers)) {
            if (raw !== undefined && !PRIVATE.test(name))
              expect(Object.hasOwn(kept, name.toLowerCase())).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
