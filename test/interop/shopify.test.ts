import '@shopify/shopify-api/adapters/node';
import { createHmac } from 'node:crypto';
import { shopify } from '@hookgate/signatures';
import { ApiVersion, LogSeverity, shopifyApi } from '@shopify/shopify-api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUtf8, largeJsonBody, nonUtf8Body, providers, RUNS, textBody, utf8 } from './arbitraries.js';

// Byte compatibility with @shopify/shopify-api 13.1.0 `webhooks.validate`, both ways, through
// its node adapter with a plain object as the node request. The SDK has no signer, so the
// Shopify side is a node:crypto implementation of the documented rule (base64 HMAC-SHA256 of
// the raw body, keyed with the client secret), and every signature it makes is also checked
// with `validate`. `validate` refuses an empty body (`missing_body`) and takes the body as a
// string, so it is given non-empty text bodies; hookgate verifies empty bodies too.
const secret = fc.string({ unit: 'binary', minLength: 1, maxLength: 60 });
const nonEmptyBody = textBody.filter((body) => body !== '');

function shopifySignature(clientSecret: string, body: string | Uint8Array): string {
  return createHmac('sha256', clientSecret).update(body).digest('base64');
}

const REQUIRED = {
  'x-shopify-topic': 'orders/create',
  'x-shopify-shop-domain': 'example.myshopify.com',
  'x-shopify-api-version': '2026-01',
};
const EVENTS_REQUIRED = {
  'shopify-topic': 'orders/create',
  'shopify-shop-domain': 'example.myshopify.com',
  'shopify-api-version': '2026-01',
  'shopify-event-id': 'event-1',
};

/** `webhooks.validate` of an app with this client secret; `valid` says whether it accepted. */
async function sdkValidate(clientSecret: string, headers: Record<string, string>, rawBody: string) {
  const api = shopifyApi({
    apiKey: 'api-key',
    apiSecretKey: clientSecret,
    apiVersion: ApiVersion.January26,
    hostName: 'app.example.com',
    isEmbeddedApp: false,
    logger: { level: LogSeverity.Error, log: async () => {} },
  });
  const rawRequest = { headers, method: 'POST', url: '/webhooks/shopify' };
  return api.webhooks.validate({ rawBody, rawRequest });
}

describe.each(providers)('shopify interop with $name crypto', ({ crypto }) => {
  it('verifies what Shopify signs (reference signer, accepted by the SDK)', async () => {
    await fc.assert(
      fc.asyncProperty(nonEmptyBody, secret, async (body, key) => {
        const headers = {
          ...REQUIRED,
          'x-shopify-hmac-sha256': shopifySignature(key, body),
          'x-shopify-webhook-id': 'webhook-1',
        };
        await expect(sdkValidate(key, headers, body)).resolves.toMatchObject({
          valid: true,
          webhookId: 'webhook-1',
        });
        await expect(shopify({ secret: key, crypto }).verify({ headers, body: utf8(body) })).resolves.toEqual(
          {
            scheme: 'shopify',
            id: 'webhook-1',
            secretIndex: 0,
            contentKey: headers['x-shopify-hmac-sha256'],
          },
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('signs what the SDK validates, with the webhook id the SDK reports', async () => {
    await fc.assert(
      fc.asyncProperty(nonEmptyBody, secret, async (body, key) => {
        const signed = await shopify({ secret: key, crypto }).sign({ body: utf8(body) });
        const result = await sdkValidate(key, { ...REQUIRED, ...signed }, body);
        expect(result).toMatchObject({ valid: true, webhookId: signed['X-Shopify-Webhook-Id'] });
        expect(signed['X-Shopify-Hmac-Sha256']).toBe(shopifySignature(key, body));
      }),
      { numRuns: RUNS },
    );
  });

  it('agrees with the SDK on Events webhooks (shopify-* headers)', async () => {
    await fc.assert(
      fc.asyncProperty(nonEmptyBody, secret, async (body, key) => {
        const signed = await shopify({ secret: key, crypto }).sign({ body: utf8(body), id: 'evt-webhook-1' });
        const headers = {
          ...EVENTS_REQUIRED,
          'shopify-hmac-sha256': signed['X-Shopify-Hmac-Sha256']!,
          'shopify-webhook-id': signed['X-Shopify-Webhook-Id']!,
        };
        await expect(sdkValidate(key, headers, body)).resolves.toMatchObject({
          valid: true,
          webhookType: 'events',
          webhookId: 'evt-webhook-1',
        });
        await expect(
          shopify({ secret: key, crypto }).verify({ headers, body: utf8(body) }),
        ).resolves.toMatchObject({
          id: 'evt-webhook-1',
        });
      }),
      { numRuns: 25 },
    );
  });

  it('agrees with the SDK on a multi-megabyte body, both ways', async () => {
    const body = largeJsonBody(3);
    const key = 'hush_shpss_test_secret';
    const scheme = shopify({ secret: key, crypto });
    const signed = await scheme.sign({ body });
    await expect(sdkValidate(key, { ...REQUIRED, ...signed }, body)).resolves.toMatchObject({ valid: true });
    const headers = { 'x-shopify-hmac-sha256': shopifySignature(key, body), 'x-shopify-webhook-id': 'w-1' };
    await expect(scheme.verify({ headers, body: utf8(body) })).resolves.toMatchObject({ secretIndex: 0 });
  });

  it('agrees with the SDK that a wrong secret or a changed body fails', async () => {
    const signed = await shopify({ secret: 'right', crypto }).sign({ body: '{"a":1}' });
    await expect(sdkValidate('wrong', { ...REQUIRED, ...signed }, '{"a":1}')).resolves.toMatchObject({
      valid: false,
      reason: 'invalid_hmac',
    });
    await expect(sdkValidate('right', { ...REQUIRED, ...signed }, '{"a":2}')).resolves.toMatchObject({
      valid: false,
      reason: 'invalid_hmac',
    });
    await expect(
      shopify({ secret: 'right', crypto }).verify({ headers: signed, body: '{"a":2}' }),
    ).rejects.toMatchObject({
      code: 'INVALID_SIGNATURE',
    });
  });

  it('verifies an empty body, which the SDK refuses as missing_body', async () => {
    const scheme = shopify({ secret: 'key', crypto });
    const signed = await scheme.sign({ body: '' });
    await expect(scheme.verify({ headers: signed, body: new Uint8Array(0) })).resolves.toBeDefined();
    await expect(sdkValidate('key', { ...REQUIRED, ...signed }, '')).resolves.toMatchObject({
      valid: false,
      reason: 'missing_body',
    });
  });

  it('verifies what it signs over bytes that are not UTF-8', async () => {
    // `validate` takes the body as a string and hashes its UTF-8 encoding, so a receiver using
    // it must decode first: invalid bytes become U+FFFD and the HMAC can never match there.
    // hookgate hashes the raw bytes (what Shopify signs).
    await fc.assert(
      fc.asyncProperty(nonUtf8Body, secret, async (body, key) => {
        expect(isUtf8(body)).toBe(false);
        const scheme = shopify({ secret: key, crypto });
        const signed = await scheme.sign({ body });
        expect(signed['X-Shopify-Hmac-Sha256']).toBe(shopifySignature(key, body));
        await expect(scheme.verify({ headers: signed, body })).resolves.toMatchObject({ secretIndex: 0 });
        const decoded = new TextDecoder().decode(body);
        await expect(sdkValidate(key, { ...REQUIRED, ...signed }, decoded)).resolves.toMatchObject({
          valid: false,
        });
      }),
      { numRuns: 25 },
    );
  });
});
