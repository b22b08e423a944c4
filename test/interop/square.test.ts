import { createHmac } from 'node:crypto';
import { square } from '@hookgate/signatures';
import fc from 'fast-check';
import { WebhooksHelper } from 'square';
import { describe, expect, it } from 'vitest';
import { isUtf8, largeJsonBody, nonUtf8Body, providers, RUNS, textBody, utf8 } from './arbitraries.js';

// Byte compatibility with square 46.0.0 `WebhooksHelper.verifySignature`, both ways. The SDK
// has no signer, so the Square side is a node:crypto implementation of the documented rule
// (base64 HMAC-SHA256 of notification URL + raw body, keyed with the signature key), and every
// signature it makes is also checked with the SDK.
const secret = fc.string({ unit: 'binary', minLength: 1, maxLength: 60 });
const notificationUrl = fc.oneof(
  fc.webUrl({ withQueryParameters: true }),
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
    .map((path) => `https://example.com/hooks/${path}`),
);

function squareSignature(signatureKey: string, url: string, body: string | Uint8Array): string {
  return createHmac('sha256', signatureKey).update(url).update(body).digest('base64');
}

function sdkVerify(signatureKey: string, url: string, signatureHeader: string, requestBody: string) {
  return WebhooksHelper.verifySignature({ requestBody, signatureHeader, signatureKey, notificationUrl: url });
}

describe.each(providers)('square interop with $name crypto', ({ crypto }) => {
  it('verifies what Square signs (reference signer, accepted by the SDK)', async () => {
    await fc.assert(
      fc.asyncProperty(textBody, secret, notificationUrl, async (body, key, url) => {
        const signature = squareSignature(key, url, body);
        await expect(sdkVerify(key, url, signature, body)).resolves.toBe(true);
        const headers = { 'x-square-hmacsha256-signature': signature };
        await expect(
          square({ secret: key, crypto }).verify({ headers, body: utf8(body), url }),
        ).resolves.toEqual({
          scheme: 'square',
          secretIndex: 0,
          contentKey: signature,
        });
        await expect(
          square({ secret: key, crypto, notificationUrl: url }).verify({ headers, body: utf8(body) }),
        ).resolves.toBeDefined();
      }),
      { numRuns: RUNS },
    );
  });

  it('signs what the SDK verifies', async () => {
    await fc.assert(
      fc.asyncProperty(textBody, secret, notificationUrl, async (body, key, url) => {
        const signed = await square({ secret: key, crypto }).sign({ body: utf8(body), url });
        const signature = signed['x-square-hmacsha256-signature']!;
        expect(signature).toBe(squareSignature(key, url, body));
        await expect(sdkVerify(key, url, signature, body)).resolves.toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('agrees with the SDK that another URL fails', async () => {
    const key = 'signature-key';
    const url = 'https://example.com/hooks/square';
    const body = '{"data":{"type":"webhooks","id":"fake_id"}}';
    const { 'x-square-hmacsha256-signature': signature } = await square({ secret: key, crypto }).sign({
      body,
      url,
    });
    for (const other of [`${url}/`, url.replace('https:', 'http:'), `${url}?x=1`]) {
      await expect(sdkVerify(key, other, signature!, body)).resolves.toBe(false);
      await expect(
        square({ secret: key, crypto }).verify({
          headers: { 'x-square-hmacsha256-signature': signature },
          body,
          url: other,
        }),
      ).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' });
    }
  });

  it('agrees with the SDK on a multi-megabyte body, both ways', async () => {
    const body = largeJsonBody(3);
    const key = 'Ibxx_5AKakO-3qeNVR61Dw';
    const url = 'https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9';
    const scheme = square({ secret: key, crypto, notificationUrl: url });
    const { 'x-square-hmacsha256-signature': ours } = await scheme.sign({ body });
    await expect(sdkVerify(key, url, ours!, body)).resolves.toBe(true);
    const headers = { 'x-square-hmacsha256-signature': squareSignature(key, url, body) };
    await expect(scheme.verify({ headers, body: utf8(body) })).resolves.toMatchObject({ secretIndex: 0 });
  });

  it('verifies what it signs over bytes that are not UTF-8', async () => {
    // The SDK takes the body as a string (`notificationUrl + requestBody`), so a receiver using
    // it decodes first: invalid bytes become U+FFFD and the HMAC can never match there.
    // hookgate hashes the raw bytes.
    await fc.assert(
      fc.asyncProperty(nonUtf8Body, secret, notificationUrl, async (body, key, url) => {
        expect(isUtf8(body)).toBe(false);
        const scheme = square({ secret: key, crypto, notificationUrl: url });
        const signed = await scheme.sign({ body });
        expect(signed['x-square-hmacsha256-signature']).toBe(squareSignature(key, url, body));
        await expect(scheme.verify({ headers: signed, body })).resolves.toMatchObject({ secretIndex: 0 });
        const decoded = new TextDecoder().decode(body);
        await expect(sdkVerify(key, url, signed['x-square-hmacsha256-signature']!, decoded)).resolves.toBe(
          false,
        );
      }),
      { numRuns: RUNS },
    );
  });
});
