import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectWebhookError } from './test-support/expect-error.js';
import { describeSchemeCases } from './test-support/scheme-cases.js';
import { cryptoProviders } from './test-support/vectors.js';
import { twitter } from './twitter.js';

// The consumer secret and CRC token of X's CRC example (docs.x.com, "Securing webhooks").
const SECRET = 'z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu';
const CRC = '9b4507b3-9040-4669-9ca3-6b94edb50553';
const BODY = '{"for_user_id":"2244994945","tweet_create_events":[{"id_str":"1"}]}';

describe.each(cryptoProviders)('twitter with $name crypto', ({ provider: crypto }) => {
  const scheme = twitter({ secret: [SECRET, 'an older consumer secret'], crypto });

  it('answers the CRC with sha256= base64 HMAC of crc_token, as node:crypto computes it', async () => {
    const expected = createHmac('sha256', SECRET).update(CRC).digest('base64');
    const answer = await scheme.handshake?.challenge?.({
      method: 'GET',
      url: `/x?crc_token=${CRC}&nonce=1`,
      headers: {},
    });
    expect(answer?.status).toBe(200);
    expect(answer?.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(answer!.body)).toEqual({ response_token: `sha256=${expected}` });
  });

  it('verifies x-twitter-webhooks-signature (sha256= base64 of the body)', async () => {
    const b64 = createHmac('sha256', SECRET).update(BODY).digest('base64');
    await expect(
      scheme.verify({ headers: { 'x-twitter-webhooks-signature': `sha256=${b64}` }, body: BODY }),
    ).resolves.toMatchObject({ scheme: 'twitter', secretIndex: 0 });
    await expectWebhookError(
      scheme.verify({ headers: { 'x-twitter-webhooks-signature': b64 }, body: BODY }),
      'MALFORMED_HEADER',
    );
  });

  it('answers no CRC token that a delivery body could be (the answer would be its signature)', async () => {
    const crc = (token: string) =>
      scheme.handshake?.challenge?.({
        method: 'GET',
        url: `/x?crc_token=${encodeURIComponent(token)}`,
        headers: {},
      });
    for (const token of [BODY, '{}', '123', 'true', 'null', '"x"', 'a=b&c=d', 'x'.repeat(257), 'a b']) {
      expect(await crc(token)).toBeUndefined();
    }
    for (const token of [CRC, 'AbC+/=_-09', 'x'.repeat(256)]) expect((await crc(token))?.status).toBe(200);
  });

  it('leaves GETs without crc_token to the pipeline', async () => {
    expect(await scheme.handshake?.challenge?.({ method: 'GET', url: '/x', headers: {} })).toBeUndefined();
    expect(
      await scheme.handshake?.challenge?.({ method: 'POST', url: `/x?crc_token=${CRC}`, headers: {} }),
    ).toBeUndefined();
  });

  describeSchemeCases(`twitter (${crypto.name})`, {
    scheme,
    wrong: twitter({ secret: 'another consumer secret', crypto }),
    body: BODY,
    now: Date.UTC(2026, 0, 1),
    required: ['x-twitter-webhooks-signature'],
    secrets: [SECRET],
  });
});
