import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { square } from './square.js';
import { flipByte } from './test-support/bytes.js';
import { expectWebhookError } from './test-support/expect-error.js';
import { cryptoProviders, type Vector, vectorBody } from './test-support/vectors.js';
import type { SignedRequest } from './types.js';

const vectors: Vector[] = JSON.parse(
  readFileSync(new URL('../test-vectors/official.json', import.meta.url), 'utf8'),
);
const official = vectors.find((v) => v.id === 'square-sdk-test')!;

// square-nodejs-sdk's own test ("test signature validation pass"), SIGNATURES.md §3.
const SECRET = official.secret;
const OTHER_SECRET = 'another-square-signature-key';
const URL_ = official.url!;
const BODY = vectorBody(official);
const SIGNATURE = 'GF4YkrJgGBDZ9NIYbNXBnMzqb2HoL4RW/S6vkZ9/2N4=';
const SECRETS = [SECRET, OTHER_SECRET, SIGNATURE];

function request(
  signature: string | string[] | undefined,
  options: Partial<SignedRequest> = {},
): SignedRequest {
  return { headers: { 'x-square-hmacsha256-signature': signature }, body: BODY, url: URL_, ...options };
}

describe.each(cryptoProviders)('square with $name crypto', ({ provider: crypto }) => {
  const scheme = square({ secret: SECRET, crypto });

  describe('the official vectors', () => {
    it('verify with the request url', async () => {
      await expect(scheme.verify(request(SIGNATURE))).resolves.toEqual({
        scheme: 'square',
        secretIndex: 0,
        contentKey: SIGNATURE,
      });
      for (const id of ['square-sdk-test-2', 'square-sdk-test-3']) {
        const vector = vectors.find((v) => v.id === id)!;
        const other = square({ secret: vector.secret, crypto });
        const verified = other.verify({ headers: vector.headers, body: vectorBody(vector), url: vector.url });
        await expect(verified).resolves.toMatchObject({ secretIndex: 0 });
      }
    });

    it('are what sign() produces, with the input url or the configured one', async () => {
      const expected = { 'x-square-hmacsha256-signature': SIGNATURE };
      await expect(scheme.sign({ body: BODY, url: URL_ })).resolves.toEqual(expected);
      await expect(
        square({ secret: SECRET, crypto, notificationUrl: URL_ }).sign({ body: BODY }),
      ).resolves.toEqual(expected);
    });

    it('fail with one body byte changed', async () => {
      for (const index of [0, BODY.length >> 1, BODY.length - 1]) {
        await expectWebhookError(
          scheme.verify(request(SIGNATURE, { body: flipByte(BODY, index) })),
          'INVALID_SIGNATURE',
          SECRETS,
        );
      }
    });

    it.each([
      ['a trailing slash', `${URL_}/`],
      ['http instead of https', URL_.replace('https:', 'http:')],
      ['a query string', `${URL_}?a=1`],
      ['an explicit default port', URL_.replace('webhook.site', 'webhook.site:443')],
      ['an upper-case host', URL_.replace('webhook.site', 'WEBHOOK.SITE')],
    ])('fail with the URL changed: %s (the URL is signed byte for byte)', async (_name, url) => {
      await expectWebhookError(scheme.verify(request(SIGNATURE, { url })), 'INVALID_SIGNATURE', SECRETS);
    });

    it('check no timestamp', async () => {
      for (const now of [0, Date.now(), 4102444800000]) {
        await expect(scheme.verify(request(SIGNATURE, { now }))).resolves.toBeDefined();
      }
    });
  });

  describe('the notification URL', () => {
    it('comes from notificationUrl before the request url (a proxy may rewrite the latter)', async () => {
      const configured = square({ secret: SECRET, crypto, notificationUrl: URL_ });
      await expect(
        configured.verify(request(SIGNATURE, { url: 'http://10.0.0.7:8080/hook' })),
      ).resolves.toBeDefined();
      await expect(configured.verify(request(SIGNATURE, { url: undefined }))).resolves.toBeDefined();
      const wrong = square({ secret: SECRET, crypto, notificationUrl: `${URL_}/` });
      await expectWebhookError(wrong.verify(request(SIGNATURE)), 'INVALID_SIGNATURE', SECRETS);
    });

    it('is a configuration error (INVALID_SECRET) when neither is known, to verify or to sign', async () => {
      const error = await expectWebhookError(
        scheme.verify(request(SIGNATURE, { url: undefined })),
        'INVALID_SECRET',
      );
      expect(error.message).toContain('notificationUrl');
      await expectWebhookError(scheme.verify(request(SIGNATURE, { url: '' })), 'INVALID_SECRET');
      await expectWebhookError(scheme.sign({ body: BODY }), 'INVALID_SECRET');
    });

    it('of sign() prefers the input url over the configured one', async () => {
      const configured = square({ secret: SECRET, crypto, notificationUrl: 'https://example.com/other' });
      const headers = await configured.sign({ body: BODY, url: URL_ });
      expect(headers['x-square-hmacsha256-signature']).toBe(SIGNATURE);
    });
  });

  describe('the signature header', () => {
    it('is required', async () => {
      await expectWebhookError(scheme.verify(request(undefined)), 'MISSING_HEADER');
      await expectWebhookError(scheme.verify(request('')), 'MISSING_HEADER');
      await expectWebhookError(scheme.verify(request([])), 'MISSING_HEADER');
    });

    it.each([
      ['unpadded base64', SIGNATURE.slice(0, -1)],
      ['URL-safe base64', SIGNATURE.replaceAll('/', '_')],
      ['hex of the same MAC', Buffer.from(SIGNATURE, 'base64').toString('hex')],
      ['surrounding spaces', ` ${SIGNATURE}`],
      ['a truncated value', SIGNATURE.slice(0, 20)],
    ])('fails with %s', async (_name, value) => {
      await expectWebhookError(scheme.verify(request(value)), 'INVALID_SIGNATURE', SECRETS);
    });

    it('is not the legacy SHA-1 x-square-signature', async () => {
      const headers = { 'x-square-signature': SIGNATURE };
      await expectWebhookError(scheme.verify({ headers, body: BODY, url: URL_ }), 'MISSING_HEADER');
    });
  });

  describe('bodies', () => {
    it('signs a URL with non-ASCII characters as UTF-8', async () => {
      const url = 'https://example.com/hooks/café';
      const headers = await scheme.sign({ body: BODY, url });
      await expect(scheme.verify({ headers, body: BODY, url })).resolves.toBeDefined();
      await expectWebhookError(
        scheme.verify({ headers, body: BODY, url: encodeURI(url) }),
        'INVALID_SIGNATURE',
      );
    });
  });
});
