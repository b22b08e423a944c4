import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWebhookError } from './errors.js';
import { mailgun } from './mailgun.js';
import { expectWebhookError } from './test-support/expect-error.js';
import { cryptoProviders } from './test-support/vectors.js';

const KEY = 'key-mailgun-webhook-signing-key-0123';
const NOW = Date.UTC(2026, 1, 12, 18, 26, 12);
const TS = String(NOW / 1000);
// The token shape of Mailgun's "Securing webhooks" example (50 characters).
const TOKEN = 'e0b5477167110d68991efc6b9f89f0a11066af27834600e123';
const EVENT = { event: 'delivered', id: 'CPgfbmQMTCKtHW6uIWtuVe', timestamp: 1770920772.2 };
const sig = (timestamp = TS, token = TOKEN, key = KEY) =>
  createHmac('sha256', key)
    .update(timestamp + token)
    .digest('hex');
const body = (signature: Record<string, unknown>) => JSON.stringify({ signature, 'event-data': EVENT });

describe.each(cryptoProviders)('mailgun with $name crypto', ({ provider: crypto }) => {
  const scheme = mailgun({ secret: KEY, crypto });

  it('verifies HMAC(timestamp + token) computed with node:crypto; the token is the delivery id', async () => {
    await expect(
      scheme.verify({ headers: {}, body: body({ token: TOKEN, timestamp: TS, signature: sig() }), now: NOW }),
    ).resolves.toEqual({
      scheme: 'mailgun',
      id: TOKEN,
      timestamp: Number(TS),
      secretIndex: 0,
      contentKey: sig(),
    });
    // A numeric timestamp reads the same.
    await expect(
      scheme.verify({
        headers: {},
        body: body({ token: TOKEN, timestamp: Number(TS), signature: sig() }),
        now: NOW,
      }),
    ).resolves.toBeDefined();
  });

  it('signBody writes a signature that verifies; sign() refuses', async () => {
    const signed = await scheme.signBody!({ body: JSON.stringify(EVENT), id: TOKEN, timestamp: Number(TS) });
    expect(JSON.parse(signed.body)).toEqual({
      signature: { token: TOKEN, timestamp: TS, signature: sig() },
      'event-data': EVENT,
    });
    await expect(scheme.verify({ headers: {}, body: signed.body, now: NOW })).resolves.toMatchObject({
      id: TOKEN,
    });
    const fresh = await scheme.signBody!({ body: signed.body });
    expect(JSON.parse(fresh.body)['event-data']).toEqual(EVENT);
    await expectWebhookError(scheme.sign({ body: '{}' }), 'INVALID_SECRET');
  });

  it('refuses another key, another token or timestamp, stale and future timestamps', async () => {
    const good = { token: TOKEN, timestamp: TS, signature: sig() };
    await expectWebhookError(
      mailgun({ secret: 'another key', crypto }).verify({ headers: {}, body: body(good), now: NOW }),
      'INVALID_SIGNATURE',
      [KEY],
    );
    await expectWebhookError(
      scheme.verify({ headers: {}, body: body({ ...good, token: `${TOKEN.slice(1)}0` }), now: NOW }),
      'INVALID_SIGNATURE',
    );
    for (const offset of [301, -301]) {
      const timestamp = String(Number(TS) - offset);
      await expectWebhookError(
        scheme.verify({
          headers: {},
          body: body({ token: TOKEN, timestamp, signature: sig(timestamp) }),
          now: NOW,
        }),
        'TIMESTAMP_OUT_OF_RANGE',
      );
    }
    for (const offset of [300, -300]) {
      const timestamp = String(Number(TS) - offset);
      await expect(
        scheme.verify({
          headers: {},
          body: body({ token: TOKEN, timestamp, signature: sig(timestamp) }),
          now: NOW,
        }),
      ).resolves.toBeDefined();
    }
  });

  it('does not sign event-data (documented): changed event-data still verifies, with the same replay key', async () => {
    const other = JSON.stringify({
      signature: { token: TOKEN, timestamp: TS, signature: sig() },
      'event-data': { event: 'failed' },
    });
    await expect(scheme.verify({ headers: {}, body: other, now: NOW })).resolves.toMatchObject({ id: TOKEN });
  });

  it('refuses bodies without a complete signature object', async () => {
    for (const bad of [
      '',
      'x',
      '[]',
      '{}',
      body({ token: TOKEN, timestamp: TS }),
      body({ token: TOKEN, signature: sig() }),
      body({ timestamp: TS, signature: sig() }),
    ]) {
      await expectWebhookError(scheme.verify({ headers: {}, body: bad, now: NOW }), 'INVALID_PAYLOAD');
    }
    await expectWebhookError(
      scheme.verify({
        headers: {},
        body: body({ token: TOKEN, timestamp: '12a', signature: sig() }),
        now: NOW,
      }),
      'MALFORMED_HEADER',
    );
  });
});

describe('the in-body parser, on any JSON', () => {
  it('never throws anything but a WebhookError', async () => {
    const scheme = mailgun({ secret: KEY });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.record({ signature: fc.jsonValue() }).map((v) => JSON.stringify(v)),
        ),
        async (text) => {
          try {
            await scheme.verify({ headers: {}, body: text, now: NOW });
          } catch (error) {
            expect(isWebhookError(error)).toBe(true);
          }
        },
      ),
    );
  });
});
