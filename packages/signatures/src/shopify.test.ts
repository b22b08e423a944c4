import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shopify } from './shopify.js';
import { flipByte } from './test-support/bytes.js';
import { expectThrowsWebhookError, expectWebhookError } from './test-support/expect-error.js';
import { cryptoProviders, type Vector, vectorBody } from './test-support/vectors.js';
import type { SignedRequest } from './types.js';

const vectors: Vector[] = JSON.parse(
  readFileSync(new URL('../test-vectors/official.json', import.meta.url), 'utf8'),
);
const official = vectors.find((v) => v.id === 'shopify-sdk-generated')!;

// Cross-checked with @shopify/shopify-api 13.1.0 webhooks.validate() (SIGNATURES.md §2.7).
const SECRET = official.secret;
const OTHER_SECRET = 'another_shopify_client_secret';
const BODY = vectorBody(official);
const SIGNATURE = 'CmCTRpl7zucTWUT9xMzqabUtocisyFgUVnb23f5sZhM=';
const ID = 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043';
const SECRETS = [SECRET, OTHER_SECRET, SIGNATURE];

function request(
  signature: string | string[] | undefined,
  options: Partial<SignedRequest> = {},
): SignedRequest {
  return {
    headers: { 'x-shopify-hmac-sha256': signature, 'x-shopify-webhook-id': ID },
    body: BODY,
    ...options,
  };
}

describe.each(cryptoProviders)('shopify with $name crypto', ({ provider: crypto }) => {
  const scheme = shopify({ secret: SECRET, crypto });

  describe('the vector', () => {
    it('verifies and reports the webhook id', async () => {
      expect(official.headers['X-Shopify-Hmac-Sha256']).toBe(SIGNATURE);
      await expect(scheme.verify({ headers: official.headers, body: BODY })).resolves.toEqual({
        scheme: 'shopify',
        id: ID,
        secretIndex: 0,
        contentKey: SIGNATURE,
      });
    });

    it('is what sign() produces, with the given id or a random one', async () => {
      await expect(scheme.sign({ body: BODY, id: ID })).resolves.toEqual({
        'X-Shopify-Hmac-Sha256': SIGNATURE,
        'X-Shopify-Webhook-Id': ID,
      });
      const first = await scheme.sign({ body: BODY });
      const second = await scheme.sign({ body: BODY });
      expect(first['X-Shopify-Webhook-Id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(first['X-Shopify-Webhook-Id']).not.toBe(second['X-Shopify-Webhook-Id']);
    });

    it('fails with one body byte changed', async () => {
      for (const index of [0, BODY.length >> 1, BODY.length - 1]) {
        await expectWebhookError(
          scheme.verify(request(SIGNATURE, { body: flipByte(BODY, index) })),
          'INVALID_SIGNATURE',
          SECRETS,
        );
      }
    });

    it('checks no timestamp: the signature holds at any time', async () => {
      for (const now of [0, Date.now(), 4102444800000]) {
        await expect(scheme.verify(request(SIGNATURE, { now }))).resolves.toMatchObject({ id: ID });
      }
    });

    it("requires the webhook id, as Shopify's library does: missing or empty is MISSING_HEADER", async () => {
      for (const id of [undefined, '']) {
        const headers = { 'X-Shopify-Hmac-Sha256': SIGNATURE, 'X-Shopify-Webhook-Id': id };
        const error = await expectWebhookError(
          scheme.verify({ headers, body: BODY }),
          'MISSING_HEADER',
          SECRETS,
        );
        expect(error.message).toContain('X-Shopify-Webhook-Id');
      }
      // The Events set takes shopify-webhook-id, or shopify-event-id.
      for (const name of ['shopify-webhook-id', 'shopify-event-id']) {
        const headers = { 'shopify-hmac-sha256': SIGNATURE, [name]: 'ev-1' };
        await expect(scheme.verify({ headers, body: BODY })).resolves.toMatchObject({ id: 'ev-1' });
      }
      await expectWebhookError(
        scheme.verify({
          headers: { 'shopify-hmac-sha256': SIGNATURE, 'x-shopify-webhook-id': ID },
          body: BODY,
        }),
        'MISSING_HEADER',
        SECRETS,
      );
    });
  });

  describe('the signature header', () => {
    it('is required', async () => {
      await expectWebhookError(scheme.verify(request(undefined)), 'MISSING_HEADER');
      await expectWebhookError(scheme.verify(request('')), 'MISSING_HEADER');
      await expectWebhookError(scheme.verify({ headers: {}, body: BODY }), 'MISSING_HEADER');
    });

    it.each([
      ['unpadded base64', SIGNATURE.slice(0, -1)],
      ['a lower-cased value', SIGNATURE.toLowerCase()],
      ['hex of the same MAC', Buffer.from(SIGNATURE, 'base64').toString('hex')],
      ['a sha256= prefix', `sha256=${SIGNATURE}`],
      ['surrounding spaces', ` ${SIGNATURE} `],
      ['garbage', '!!!'],
      ['a truncated value', SIGNATURE.slice(0, 20)],
    ])('fails with %s', async (_name, value) => {
      await expectWebhookError(scheme.verify(request(value)), 'INVALID_SIGNATURE', SECRETS);
    });
  });

  describe('Events webhooks (shopify-* headers)', () => {
    it('verify with shopify-hmac-sha256 and report shopify-webhook-id', async () => {
      const headers = {
        'shopify-hmac-sha256': SIGNATURE,
        'shopify-webhook-id': 'evt-1',
        'shopify-event-id': 'e',
      };
      await expect(scheme.verify({ headers, body: BODY })).resolves.toEqual({
        scheme: 'shopify',
        id: 'evt-1',
        secretIndex: 0,
        contentKey: SIGNATURE,
      });
    });

    it('take precedence over the X- set, never mixing the two', async () => {
      const headers = {
        'shopify-hmac-sha256': SIGNATURE,
        'x-shopify-hmac-sha256': 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
        'x-shopify-webhook-id': ID,
        'shopify-webhook-id': 'events-id',
      };
      await expect(scheme.verify({ headers, body: BODY })).resolves.toEqual({
        scheme: 'shopify',
        id: 'events-id',
        secretIndex: 0,
        contentKey: SIGNATURE,
      });
      const forged = {
        ...headers,
        'shopify-hmac-sha256': headers['x-shopify-hmac-sha256'],
        'x-shopify-hmac-sha256': SIGNATURE,
      };
      await expectWebhookError(scheme.verify({ headers: forged, body: BODY }), 'INVALID_SIGNATURE', SECRETS);
    });

    it('refuse a duplicated shopify-hmac-sha256 with different values', async () => {
      const headers = { 'shopify-hmac-sha256': [SIGNATURE, `${SIGNATURE.slice(0, -2)}A=`] };
      await expectWebhookError(scheme.verify({ headers, body: BODY }), 'MALFORMED_HEADER', SECRETS);
    });
  });

  describe('secrets and bodies', () => {
    it('refuses empty secrets at construction', () => {
      expectThrowsWebhookError(() => shopify({ secret: '', crypto }), 'INVALID_SECRET');
      expectThrowsWebhookError(() => shopify({ secret: [], crypto }), 'INVALID_SECRET');
    });
  });
});
