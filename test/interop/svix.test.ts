import { svix } from '@hookgate/signatures';
import fc from 'fast-check';
import { Webhook, WebhookVerificationError } from 'svix';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  isUtf8,
  jsonBody,
  largeJsonBody,
  messageId,
  nonUtf8Body,
  providers,
  RUNS,
  textBody,
  timestamp,
  utf8,
  whsecSecret,
} from './arbitraries.js';

// Byte compatibility with the `svix` 1.99.1 SDK, both ways. Its verify reads the clock through
// Date.now(), so only Date is faked, to each case's timestamp.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterAll(() => {
  vi.useRealTimers();
});

describe.each(providers)('svix interop with $name crypto', ({ crypto }) => {
  it('verifies what the SDK signs, under svix-* and webhook-* names', async () => {
    await fc.assert(
      fc.asyncProperty(
        textBody,
        whsecSecret,
        messageId,
        timestamp,
        fc.constantFrom('svix', 'webhook'),
        async (body, secret, id, t, prefix) => {
          const signature = new Webhook(secret).sign(id, new Date(t * 1000), body);
          const headers = {
            [`${prefix}-id`]: id,
            [`${prefix}-timestamp`]: String(t),
            [`${prefix}-signature`]: signature,
          };
          const result = await svix({ secret, crypto }).verify({ headers, body: utf8(body), now: t * 1000 });
          expect(result).toEqual({ scheme: 'svix', id, timestamp: t, secretIndex: 0, version: 'v1' });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('signs what the SDK verifies (it always JSON.parses, so JSON bodies)', async () => {
    await fc.assert(
      fc.asyncProperty(jsonBody, whsecSecret, messageId, timestamp, async (body, secret, id, t) => {
        const headers = await svix({ secret, crypto }).sign({ body: utf8(body), id, timestamp: t });
        expect(Object.keys(headers).sort()).toEqual(['svix-id', 'svix-signature', 'svix-timestamp']);
        vi.setSystemTime(t * 1000);
        expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
      }),
      { numRuns: RUNS },
    );
  });

  it('agrees with the SDK on a multi-megabyte body, both ways', async () => {
    const body = largeJsonBody(3);
    const secret = `whsec_${Buffer.alloc(48, 3).toString('base64')}`;
    const t = 1_700_000_000;
    const scheme = svix({ secret, crypto });
    const ours = await scheme.sign({ body, id: 'msg_large', timestamp: t });
    expect(ours['svix-signature']).toBe(new Webhook(secret).sign('msg_large', new Date(t * 1000), body));
    await expect(scheme.verify({ headers: ours, body: utf8(body), now: t * 1000 })).resolves.toMatchObject({
      id: 'msg_large',
    });
    vi.setSystemTime(t * 1000);
    expect(new Webhook(secret).verify(body, ours)).toMatchObject({ id: 'evt_large' });
  });

  it('verifies what it signs over bytes that are not UTF-8', async () => {
    // The SDK turns a Buffer payload into a string (`payload.toString()`) before hashing, so
    // invalid bytes become U+FFFD and such a body can never verify there; hookgate hashes the
    // raw bytes.
    await fc.assert(
      fc.asyncProperty(nonUtf8Body, whsecSecret, messageId, timestamp, async (body, secret, id, t) => {
        expect(isUtf8(body)).toBe(false);
        const scheme = svix({ secret, crypto });
        const headers = await scheme.sign({ body, id, timestamp: t });
        await expect(scheme.verify({ headers, body, now: t * 1000 })).resolves.toMatchObject({ id });
        vi.setSystemTime(t * 1000);
        expect(() => new Webhook(secret).verify(Buffer.from(body), headers)).toThrow(
          WebhookVerificationError,
        );
      }),
      { numRuns: RUNS },
    );
  });
});
