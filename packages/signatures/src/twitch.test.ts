import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWebhookError } from './errors.js';
import { parseRfc3339 } from './rfc3339.js';
import { expectThrowsWebhookError, expectWebhookError } from './test-support/expect-error.js';
import { describeSchemeCases } from './test-support/scheme-cases.js';
import { cryptoProviders } from './test-support/vectors.js';
import { twitch } from './twitch.js';

const SECRET = 'twitch-subscription-secret';
const ID = 'e76c6bd4-55c9-4987-8304-da1588d8988b';
// Twitch sends nanoseconds (dev.twitch.tv/docs/eventsub/handling-webhook-events, request example).
const TIMESTAMP = '2019-11-16T10:11:12.634234626Z';
const NOW = Date.UTC(2019, 10, 16, 10, 11, 12, 634);
const CHALLENGE_BODY =
  '{"challenge":"pogchamp-kappa-360noscope-vohiyo","subscription":{"id":"f1c2a387-161a-49f9-a165-0f21d7a4e1c4","status":"webhook_callback_verification_pending","type":"channel.follow","version":"2","cost":1,"condition":{"broadcaster_user_id":"12826"},"transport":{"method":"webhook","callback":"https://example.com/webhooks/callback"},"created_at":"2019-11-16T10:11:12.634234626Z"}}';

const signatureOf = (body: string, id = ID, timestamp = TIMESTAMP) =>
  `sha256=${createHmac('sha256', SECRET)
    .update(id + timestamp + body)
    .digest('hex')}`;

const headers = (type: string, body: string) => ({
  'Twitch-Eventsub-Message-Id': ID,
  'Twitch-Eventsub-Message-Timestamp': TIMESTAMP,
  'Twitch-Eventsub-Message-Signature': signatureOf(body),
  'Twitch-Eventsub-Message-Type': type,
});

describe.each(cryptoProviders)('twitch with $name crypto', ({ provider: crypto }) => {
  const scheme = twitch({ secret: SECRET, crypto });

  it('verifies the signature over id + timestamp + body computed with node:crypto', async () => {
    await expect(
      scheme.verify({
        headers: headers('webhook_callback_verification', CHALLENGE_BODY),
        body: CHALLENGE_BODY,
        now: NOW,
      }),
    ).resolves.toEqual({
      scheme: 'twitch',
      id: ID,
      timestamp: Math.floor(NOW / 1000),
      secretIndex: 0,
      contentKey: signatureOf(CHALLENGE_BODY).slice(7),
    });
  });

  it('answers a verified webhook_callback_verification with the raw challenge as text/plain', async () => {
    const request = {
      headers: headers('webhook_callback_verification', CHALLENGE_BODY),
      body: CHALLENGE_BODY,
      now: NOW,
    };
    const verified = await scheme.verify(request);
    const answer = await scheme.handshake?.respond?.(JSON.parse(CHALLENGE_BODY), request, verified);
    expect(answer).toEqual({
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
      body: 'pogchamp-kappa-360noscope-vohiyo',
    });
    // The type header is not signed: the challenge body under another type is still answered.
    for (const type of ['notification', 'revocation']) {
      const other = { ...request, headers: headers(type, CHALLENGE_BODY) };
      expect((await scheme.handshake?.respond?.(JSON.parse(CHALLENGE_BODY), other, verified))?.body).toBe(
        'pogchamp-kappa-360noscope-vohiyo',
      );
    }
    // Notifications (with an event) and revocations (no challenge) are deliveries for the handlers.
    const notification = { subscription: { type: 'channel.follow' }, event: { user_id: '1' } };
    const revocation = { subscription: { type: 'channel.follow', status: 'authorization_revoked' } };
    for (const [type, payload] of [
      ['notification', notification],
      ['revocation', revocation],
    ] as const) {
      const other = { ...request, headers: headers(type, CHALLENGE_BODY) };
      expect(await scheme.handshake?.respond?.(payload, other, verified)).toBeUndefined();
    }
    await expectWebhookError(
      Promise.resolve().then(() => scheme.handshake?.respond?.({ subscription: {} }, request, verified)),
      'INVALID_PAYLOAD',
    );
  });

  it('refuses a timestamp that is not RFC 3339', async () => {
    for (const bad of [
      '1573899072',
      '2019-11-16 10:11:12Z',
      '2019-02-30T10:11:12Z',
      '2019-11-16T24:11:12Z',
    ]) {
      await expectWebhookError(
        scheme.verify({
          headers: { ...headers('notification', '{}'), 'Twitch-Eventsub-Message-Timestamp': bad },
          body: '{}',
          now: NOW,
        }),
        'MALFORMED_HEADER',
      );
    }
  });

  describeSchemeCases(`twitch (${crypto.name})`, {
    scheme,
    wrong: twitch({ secret: 'another-subscription-secret', crypto }),
    body: CHALLENGE_BODY,
    now: NOW,
    tolerance: 600,
    required: [
      'Twitch-Eventsub-Message-Id',
      'Twitch-Eventsub-Message-Timestamp',
      'Twitch-Eventsub-Message-Signature',
    ],
    secrets: [SECRET],
  });
});

describe('parseRfc3339', () => {
  it('agrees with Date for every ISO string it produces, and never throws anything but a WebhookError', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(0), max: new Date(Date.UTC(9999, 0)), noInvalidDate: true }),
        (date) => {
          expect(parseRfc3339(date.toISOString(), 'ts')).toBe(date.getTime());
        },
      ),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          const ms = parseRfc3339(text, 'ts');
          expect(Number.isFinite(ms)).toBe(true);
        } catch (error) {
          expect(isWebhookError(error)).toBe(true);
        }
      }),
    );
  });

  it('reads offsets and nanoseconds', () => {
    expect(parseRfc3339('2019-11-16T11:11:12.634234626+01:00', 'ts')).toBe(NOW);
  });

  it('reads any offset, whatever day it puts the UTC instant on, and still refuses impossible dates', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(Date.UTC(1971, 0)), max: new Date(Date.UTC(9998, 0)), noInvalidDate: true }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (date, offsetMinutes) => {
          // The same instant written on the wall clock of a zone `offsetMinutes` from UTC.
          const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 23);
          const sign = offsetMinutes < 0 ? '-' : '+';
          const abs = Math.abs(offsetMinutes);
          const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          expect(parseRfc3339(`${local}${zone}`, 'ts')).toBe(date.getTime());
        },
      ),
    );
    expect(parseRfc3339('2025-01-14T01:30:00+02:00', 'ts')).toBe(Date.UTC(2025, 0, 13, 23, 30));
    expect(parseRfc3339('2025-01-13T18:30:00-05:00', 'ts')).toBe(Date.UTC(2025, 0, 13, 23, 30));
    expectThrowsWebhookError(() => parseRfc3339('2025-02-30T01:00:00+02:00', 'ts'), 'MALFORMED_HEADER');
  });
});
