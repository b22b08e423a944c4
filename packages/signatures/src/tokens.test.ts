import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWebhookError } from './errors.js';
import { expectWebhookError } from './test-support/expect-error.js';
import { describeSchemeCases } from './test-support/scheme-cases.js';
import { cryptoProviders } from './test-support/vectors.js';
import { auth0, chargebee, deepgram, gitlab, okta, postmark, revenuecat, telegram } from './tokens.js';

const TOKEN = 'a-shared-token-9f8e7d';
const BODY = '{"object_kind":"push","ref":"refs/heads/main"}';
const NOW = Date.UTC(2026, 0, 1);

const raw = [
  ['gitlab', gitlab, 'X-Gitlab-Token'],
  ['telegram', telegram, 'X-Telegram-Bot-Api-Secret-Token'],
  ['deepgram', deepgram, 'dg-token'],
  ['revenuecat', revenuecat, 'Authorization'],
  ['auth0', auth0, 'Authorization'],
  ['okta', okta, 'Authorization'],
] as const;

describe.each(cryptoProviders)('shared tokens with $name crypto', ({ provider: crypto }) => {
  for (const [name, factory, header] of raw) {
    it(`${name}: the header holds the token as configured`, async () => {
      const scheme = factory({ secret: [TOKEN, 'the-next-token-1234'], crypto });
      await expect(scheme.verify({ headers: { [header]: TOKEN }, body: BODY })).resolves.toMatchObject({
        scheme: name,
        secretIndex: 0,
      });
      await expect(
        scheme.verify({ headers: { [header]: 'the-next-token-1234' }, body: BODY }),
      ).resolves.toMatchObject({
        secretIndex: 1,
      });
      // A prefix, a longer token or another case is another token.
      for (const wrong of [TOKEN.slice(0, -1), `${TOKEN}0`, TOKEN.toUpperCase()]) {
        await expectWebhookError(
          scheme.verify({ headers: { [header]: wrong }, body: BODY }),
          'INVALID_SIGNATURE',
          [TOKEN],
        );
      }
      expect(await scheme.sign({ body: BODY })).toEqual({ [header]: TOKEN });
    });

    describeSchemeCases(`${name} (${crypto.name})`, {
      scheme: factory({ secret: TOKEN, crypto }),
      wrong: factory({ secret: 'another-token-value', crypto }),
      body: BODY,
      now: NOW,
      required: [header],
      bodyIntegrity: false,
      secrets: [TOKEN],
    });
  }

  for (const [name, factory] of [
    ['postmark', postmark],
    ['chargebee', chargebee],
  ] as const) {
    const credentials = 'hook-user:p@ss:word-1';
    const basic = `Basic ${Buffer.from(credentials).toString('base64')}`;

    it(`${name}: Basic auth of username:password, scheme name in any case`, async () => {
      const scheme = factory({ secret: credentials, crypto });
      for (const value of [basic, basic.replace('Basic', 'basic'), basic.replace('Basic', 'BASIC')]) {
        await expect(scheme.verify({ headers: { authorization: value }, body: BODY })).resolves.toMatchObject(
          { scheme: name },
        );
      }
      expect(await scheme.sign({ body: BODY })).toEqual({ Authorization: basic });
      for (const value of [
        'Bearer abc',
        'Basic',
        'Basic !!!',
        `Basic ${Buffer.from('no-colon').toString('base64')}`,
      ]) {
        await expectWebhookError(
          scheme.verify({ headers: { authorization: value }, body: BODY }),
          'MALFORMED_HEADER',
          [credentials],
        );
      }
      await expectWebhookError(
        scheme.verify({
          headers: { authorization: `Basic ${Buffer.from('hook-user:guess').toString('base64')}` },
          body: BODY,
        }),
        'INVALID_SIGNATURE',
        [credentials],
      );
    });

    describeSchemeCases(`${name} (${crypto.name})`, {
      scheme: factory({ secret: credentials, crypto }),
      wrong: factory({ secret: 'hook-user:other', crypto }),
      body: BODY,
      now: NOW,
      required: ['Authorization'],
      bodyIntegrity: false,
      secrets: [credentials],
    });
  }
});

describe('GitLab reports its event UUID; Okta answers its one-time verification', () => {
  it('gitlab id', async () => {
    const verified = await gitlab({ secret: TOKEN }).verify({
      headers: { 'x-gitlab-token': TOKEN, 'x-gitlab-event-uuid': 'uuid-1' },
      body: BODY,
    });
    expect(verified.id).toBe('uuid-1');
  });

  it('okta GET X-Okta-Verification-Challenge, answered only with the hook’s Authorization', async () => {
    const challenge = okta({ secret: TOKEN }).handshake!.challenge!;
    const verification = { 'x-okta-verification-challenge': 'c1' };
    const answer = await challenge({ method: 'GET', headers: { ...verification, authorization: TOKEN } });
    expect(answer?.status).toBe(200);
    expect(JSON.parse(answer!.body)).toEqual({ verification: 'c1' });
    expect(await challenge({ method: 'GET', headers: {} })).toBeUndefined();
    // Okta's verification request carries the Authorization set on the hook; nobody else's is answered.
    await expect(challenge({ method: 'GET', headers: verification })).rejects.toMatchObject({
      code: 'MISSING_HEADER',
    });
    await expect(
      challenge({ method: 'GET', headers: { ...verification, authorization: `${TOKEN}x` } }),
    ).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' });
  });
});

describe('the Authorization parser, on any header value', () => {
  it('never throws anything but a WebhookError, and accepts only the exact credentials', async () => {
    const scheme = postmark({ secret: 'u:p' });
    await fc.assert(
      fc.asyncProperty(fc.string(), async (value) => {
        try {
          await scheme.verify({ headers: { authorization: value }, body: '' });
          expect(value.trim().toLowerCase().startsWith('basic ')).toBe(true);
          expect(Buffer.from(value.trim().slice(6).trim(), 'base64').toString()).toBe('u:p');
        } catch (error) {
          expect(isWebhookError(error)).toBe(true);
        }
      }),
    );
  });
});
