import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectWebhookError } from './test-support/expect-error.js';
import { describeSchemeCases } from './test-support/scheme-cases.js';
import { cryptoProviders } from './test-support/vectors.js';
import { zoom } from './zoom.js';

const SECRET = 'zoom-secret-token';
const OLD = 'zoom-old-secret-token';
const NOW = Date.UTC(2022, 5, 6, 8, 4, 9);
const TS = String(Math.floor(NOW / 1000));
// The URL validation event of developers.zoom.us/docs/api/webhooks ("Validate your webhook endpoint").
const VALIDATION =
  '{"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1654503849680,"event":"endpoint.url_validation"}';

const signed = (body: string, secret = SECRET) => ({
  'x-zm-signature': `v0=${createHmac('sha256', secret).update(`v0:${TS}:${body}`).digest('hex')}`,
  'x-zm-request-timestamp': TS,
});

describe.each(cryptoProviders)('zoom with $name crypto', ({ provider: crypto }) => {
  const scheme = zoom({ secret: [SECRET, OLD], crypto });

  it('verifies v0:ts:body computed with node:crypto', async () => {
    await expect(
      scheme.verify({ headers: signed(VALIDATION), body: VALIDATION, now: NOW }),
    ).resolves.toMatchObject({
      scheme: 'zoom',
      timestamp: Number(TS),
      secretIndex: 0,
      version: 'v0',
    });
  });

  it('answers endpoint.url_validation with the HMAC of plainToken by the Secret Token that verified it', async () => {
    for (const [secret, index] of [
      [SECRET, 0],
      [OLD, 1],
    ] as const) {
      const request = { headers: signed(VALIDATION, secret), body: VALIDATION, now: NOW };
      const verified = await scheme.verify(request);
      expect(verified.secretIndex).toBe(index);
      const answer = await scheme.handshake?.respond?.(JSON.parse(VALIDATION), request, verified);
      expect(answer?.status).toBe(200);
      expect(JSON.parse(answer!.body)).toEqual({
        plainToken: 'qgg8vlvZRS6UYooatFL8Aw',
        encryptedToken: createHmac('sha256', secret).update('qgg8vlvZRS6UYooatFL8Aw').digest('hex'),
      });
    }
  });

  it('leaves other events to the handlers and refuses a validation without plainToken', async () => {
    const request = { headers: signed(VALIDATION), body: VALIDATION, now: NOW };
    const verified = await scheme.verify(request);
    expect(
      await scheme.handshake?.respond?.({ event: 'meeting.started' }, request, verified),
    ).toBeUndefined();
    await expectWebhookError(
      Promise.resolve(
        scheme.handshake?.respond?.({ event: 'endpoint.url_validation', payload: {} }, request, verified),
      ),
      'INVALID_PAYLOAD',
    );
  });

  describeSchemeCases(`zoom (${crypto.name})`, {
    scheme,
    wrong: zoom({ secret: 'another secret token', crypto }),
    body: VALIDATION,
    now: NOW,
    tolerance: 300,
    required: ['x-zm-signature', 'x-zm-request-timestamp'],
    secrets: [SECRET, OLD],
  });
});
