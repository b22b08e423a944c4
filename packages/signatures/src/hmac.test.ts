import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { concatBytes } from './encoding.js';
import { getHeader } from './headers.js';
import { type HmacOptions, hmac } from './hmac.js';
import { flipByte, NON_UTF8 } from './test-support/bytes.js';
import { expectThrowsWebhookError, expectWebhookError } from './test-support/expect-error.js';
import { cryptoProviders, type Vector, vectorBody, vectorRequest } from './test-support/vectors.js';
import type { SignedRequest } from './types.js';

const vectors: Vector[] = JSON.parse(
  readFileSync(new URL('../test-vectors/official.json', import.meta.url), 'utf8'),
);
const vector = (id: string) => vectors.find((v) => v.id === id)!;

// A custom sender: `X-Acme-Signature: sha256=<hex>` over `<ts>.<id>.<body>`.
const SECRET = 'acme_webhook_secret';
const OTHER_SECRET = 'acme_previous_secret';
const T = 1700000000;
const ID = 'dlv_0123456789';
const BODY = new TextEncoder().encode('{"event":"order.paid","amount":"12,00 €"}');
const ACME: Omit<HmacOptions, 'secret'> = {
  name: 'acme',
  header: 'X-Acme-Signature',
  prefix: 'sha256=',
  timestampHeader: 'X-Acme-Timestamp',
  idHeader: 'X-Acme-Delivery',
  template: '{timestamp}.{id}.{body}',
};
const reference = (secret: string, algorithm: string, data: Uint8Array, encoding: 'hex' | 'base64' = 'hex') =>
  createHmac(algorithm, secret).update(data).digest(encoding);
const SIGNATURE = reference(SECRET, 'sha256', concatBytes([`${T}.${ID}.`, BODY]));
const SECRETS = [SECRET, OTHER_SECRET, SIGNATURE];

function request(
  signature: string | string[] | undefined,
  options: Partial<SignedRequest> & { timestamp?: string | string[]; id?: string | string[] } = {},
): SignedRequest {
  const { timestamp = String(T), id = ID, ...rest } = options;
  return {
    headers: { 'x-acme-signature': signature, 'x-acme-timestamp': timestamp, 'x-acme-delivery': id },
    body: BODY,
    now: T * 1000,
    ...rest,
  };
}

describe.each(cryptoProviders)('hmac with $name crypto', ({ provider: crypto }) => {
  const scheme = hmac({ ...ACME, secret: SECRET, crypto });
  const HEADER = `sha256=${SIGNATURE}`;

  describe('reproduces the named schemes (their vectors verify)', () => {
    it('GitHub: sha256= prefix, hex, body only', async () => {
      for (const id of ['github-docs', 'github-octokit-unicode', 'github-octokit-deno']) {
        const v = vector(id);
        const github = hmac({ secret: v.secret, crypto, header: 'X-Hub-Signature-256', prefix: 'sha256=' });
        await expect(github.verify(vectorRequest(v))).resolves.toEqual({
          scheme: 'hmac',
          id: undefined,
          timestamp: undefined,
          secretIndex: 0,
        });
        await expect(github.sign({ body: vectorBody(v) })).resolves.toEqual(v.headers);
      }
    });

    it('Slack: a template with literal text, a prefix and a timestamp header', async () => {
      const v = vector('slack-docs');
      const slackLike = hmac({
        secret: v.secret,
        crypto,
        header: 'X-Slack-Signature',
        prefix: 'v0=',
        timestampHeader: 'X-Slack-Request-Timestamp',
        template: 'v0:{timestamp}:{body}',
      });
      await expect(slackLike.verify(vectorRequest(v))).resolves.toMatchObject({ timestamp: v.now });
      await expect(slackLike.sign({ body: vectorBody(v), timestamp: v.now! })).resolves.toEqual(v.headers);
    });

    it('Stripe v1 MAC: the default template {timestamp}.{body}', async () => {
      const v = vector('stripe-sdk-generated');
      const [, t, mac] = /^t=(\d+),v1=([0-9a-f]+)$/.exec(v.headers['Stripe-Signature']!)!;
      const stripeLike = hmac({ secret: v.secret, crypto, header: 'sig', timestampHeader: 'ts' });
      const headers = { sig: mac!, ts: t! };
      await expect(
        stripeLike.verify({ headers, body: vectorBody(v), now: Number(t) * 1000 }),
      ).resolves.toBeDefined();
    });

    it('Shopify: base64, body only', async () => {
      const v = vector('shopify-sdk-generated');
      const shopifyLike = hmac({
        secret: v.secret,
        crypto,
        header: 'X-Shopify-Hmac-Sha256',
        encoding: 'base64',
      });
      await expect(shopifyLike.verify(vectorRequest(v))).resolves.toMatchObject({ secretIndex: 0 });
    });
  });

  describe('a custom sender', () => {
    it('verifies and reports name, id and timestamp', async () => {
      await expect(scheme.verify(request(HEADER))).resolves.toEqual({
        scheme: 'acme',
        id: ID,
        timestamp: T,
        secretIndex: 0,
      });
      expect(scheme.name).toBe('acme');
    });

    it('signs the same headers', async () => {
      await expect(scheme.sign({ body: BODY, timestamp: T, id: ID })).resolves.toEqual({
        'X-Acme-Signature': HEADER,
        'X-Acme-Timestamp': String(T),
        'X-Acme-Delivery': ID,
      });
    });

    it('accepts upper-case hex (hmac only; the named schemes follow their SDKs)', async () => {
      await expect(scheme.verify(request(`sha256=${SIGNATURE.toUpperCase()}`))).resolves.toBeDefined();
    });

    it.each(['sha1', 'sha512'] as const)('supports %s, in hex and base64', async (algorithm) => {
      for (const encoding of ['hex', 'base64'] as const) {
        const custom = hmac({ secret: SECRET, crypto, header: 'sig', algorithm, encoding });
        const signature = reference(SECRET, algorithm, BODY, encoding);
        await expect(custom.verify({ headers: { sig: signature }, body: BODY })).resolves.toBeDefined();
        await expect(custom.sign({ body: BODY })).resolves.toEqual({ sig: signature });
        const other = reference(SECRET, algorithm === 'sha1' ? 'sha512' : 'sha1', BODY, encoding);
        await expectWebhookError(custom.verify({ headers: { sig: other }, body: BODY }), 'INVALID_SIGNATURE');
      }
    });

    it('does not fold the case of base64', async () => {
      const custom = hmac({ secret: SECRET, crypto, header: 'sig', encoding: 'base64' });
      const signature = reference(SECRET, 'sha256', BODY, 'base64');
      await expectWebhookError(
        custom.verify({ headers: { sig: signature.toLowerCase() }, body: BODY }),
        'INVALID_SIGNATURE',
      );
    });

    it('fails with one body byte changed', async () => {
      for (const index of [0, BODY.length >> 1, BODY.length - 1]) {
        await expectWebhookError(
          scheme.verify(request(HEADER, { body: flipByte(BODY, index) })),
          'INVALID_SIGNATURE',
          SECRETS,
        );
      }
    });

    it('fails with the wrong secret', async () => {
      for (const secret of [OTHER_SECRET, `${SECRET}\n`]) {
        await expectWebhookError(
          hmac({ ...ACME, secret, crypto }).verify(request(HEADER)),
          'INVALID_SIGNATURE',
          [...SECRETS, secret],
        );
      }
    });

    it('fails with the signed timestamp or id changed', async () => {
      await expectWebhookError(
        scheme.verify(request(HEADER, { timestamp: String(T + 1) })),
        'INVALID_SIGNATURE',
        SECRETS,
      );
      await expectWebhookError(
        scheme.verify(request(HEADER, { id: `${ID}x` })),
        'INVALID_SIGNATURE',
        SECRETS,
      );
    });
  });

  describe('the timestamp window', () => {
    const at = (seconds: number) => request(HEADER, { now: seconds * 1000 });

    it('accepts exactly 300 s in the past and in the future by default', async () => {
      await expect(scheme.verify(at(T + 300))).resolves.toBeDefined();
      await expect(scheme.verify(at(T - 300))).resolves.toBeDefined();
    });

    it('refuses one second outside on each side', async () => {
      await expectWebhookError(scheme.verify(at(T + 301)), 'TIMESTAMP_OUT_OF_RANGE', SECRETS);
      await expectWebhookError(scheme.verify(at(T - 301)), 'TIMESTAMP_OUT_OF_RANGE', SECRETS);
    });

    it('honours tolerance and futureTolerance', async () => {
      const custom = hmac({ ...ACME, secret: SECRET, crypto, tolerance: 60, futureTolerance: 5 });
      await expect(custom.verify(at(T + 60))).resolves.toBeDefined();
      await expect(custom.verify(at(T - 5))).resolves.toBeDefined();
      await expectWebhookError(custom.verify(at(T + 61)), 'TIMESTAMP_OUT_OF_RANGE');
      await expectWebhookError(custom.verify(at(T - 6)), 'TIMESTAMP_OUT_OF_RANGE');
    });

    it('checks the signature before the timestamp', async () => {
      await expectWebhookError(
        scheme.verify(request(HEADER, { now: (T + 3600) * 1000, body: flipByte(BODY, 0) })),
        'INVALID_SIGNATURE',
      );
    });

    it('is not checked without a timestampHeader', async () => {
      const bodyOnly = hmac({ secret: SECRET, crypto, header: 'sig' });
      const headers = await bodyOnly.sign({ body: BODY });
      for (const now of [0, 4102444800000]) {
        await expect(bodyOnly.verify({ headers, body: BODY, now })).resolves.toMatchObject({
          timestamp: undefined,
        });
      }
    });

    it('uses the current time when the request gives none', async () => {
      await expectWebhookError(scheme.verify(request(HEADER, { now: undefined })), 'TIMESTAMP_OUT_OF_RANGE');
      const headers = await scheme.sign({ body: BODY });
      await expect(scheme.verify({ headers, body: BODY })).resolves.toMatchObject({ secretIndex: 0 });
    });
  });

  describe('the headers', () => {
    it('are required: signature, timestamp, and the id when the template signs it', async () => {
      await expectWebhookError(scheme.verify(request(undefined)), 'MISSING_HEADER');
      await expectWebhookError(scheme.verify(request('')), 'MISSING_HEADER');
      await expectWebhookError(scheme.verify(request(HEADER, { timestamp: '' })), 'MISSING_HEADER');
      await expectWebhookError(scheme.verify(request(HEADER, { id: '' })), 'MISSING_HEADER');
    });

    it('leave the id optional when the template does not sign it', async () => {
      const custom = hmac({ ...ACME, template: undefined, secret: SECRET, crypto });
      const headers = await custom.sign({ body: BODY, timestamp: T, id: ID });
      const { 'X-Acme-Delivery': _id, ...withoutId } = headers;
      await expect(custom.verify({ headers, body: BODY, now: T * 1000 })).resolves.toMatchObject({ id: ID });
      await expect(custom.verify({ headers: withoutId, body: BODY, now: T * 1000 })).resolves.toMatchObject({
        id: undefined,
      });
    });

    it.each([
      ['no prefix', SIGNATURE],
      ['another prefix', `sha1=${SIGNATURE}`],
      ['an upper-case prefix', `SHA256=${SIGNATURE}`],
      ['the prefix only', 'sha256='],
    ])('are malformed with %s', async (_name, header) => {
      await expectWebhookError(scheme.verify(request(header)), 'MALFORMED_HEADER', SECRETS);
    });

    it.each([
      ['letters', 'abc'],
      ['trailing garbage', `${T}abc`],
      ['milliseconds with a dot', `${T}.000`],
      ['a negative value', `-${T}`],
    ])('are malformed with a timestamp of %s', async (_name, timestamp) => {
      await expectWebhookError(scheme.verify(request(HEADER, { timestamp })), 'MALFORMED_HEADER', SECRETS);
    });

    it('are malformed when sent twice with different values', async () => {
      await expectWebhookError(
        scheme.verify(request([HEADER, `sha256=${'0'.repeat(64)}`])),
        'MALFORMED_HEADER',
      );
      await expectWebhookError(
        scheme.verify(request(HEADER, { timestamp: [String(T), String(T + 1)] })),
        'MALFORMED_HEADER',
      );
      await expectWebhookError(scheme.verify(request(HEADER, { id: [ID, 'other'] })), 'MALFORMED_HEADER');
    });

    it('fail with a signature cut short, extended, or not hex', async () => {
      for (const header of [`sha256=${SIGNATURE.slice(2)}`, `${HEADER}00`, 'sha256=zz', `${HEADER} `]) {
        await expectWebhookError(scheme.verify(request(header)), 'INVALID_SIGNATURE', SECRETS);
      }
    });
  });

  describe('the options', () => {
    it.each([
      ['a template without {body}', { template: '{timestamp}.{id}' }],
      ['an unknown placeholder', { template: '{timestamp}.{bdy}' }],
      ['{timestamp} without timestampHeader', { timestampHeader: undefined }],
      ['a timestampHeader whose value is not signed', { template: '{id}.{body}' }],
      ['{id} without idHeader', { idHeader: undefined }],
      ['an empty header name', { header: '' }],
    ])('are refused with %s (INVALID_CONFIGURATION)', (_name, change) => {
      expectThrowsWebhookError(
        () => hmac({ ...ACME, secret: SECRET, crypto, ...change }),
        'INVALID_CONFIGURATION',
        [SECRET],
      );
    });

    it('default the template and the name', async () => {
      const bodyOnly = hmac({ secret: SECRET, crypto, header: 'sig' });
      expect(bodyOnly.name).toBe('hmac');
      await expect(bodyOnly.sign({ body: BODY })).resolves.toEqual({
        sig: reference(SECRET, 'sha256', BODY),
      });
      const timed = hmac({ secret: SECRET, crypto, header: 'sig', timestampHeader: 'ts' });
      await expect(timed.sign({ body: BODY, timestamp: T })).resolves.toEqual({
        sig: reference(SECRET, 'sha256', concatBytes([`${T}.`, BODY])),
        ts: String(T),
      });
    });

    it('keep literal text with non-ASCII characters and lone braces in the template', async () => {
      const custom = hmac({ secret: SECRET, crypto, header: 'sig', template: '{ é }{body}{}' });
      const expected = reference(SECRET, 'sha256', concatBytes(['{ é }', BODY, '{}']));
      await expect(custom.sign({ body: BODY })).resolves.toEqual({ sig: expected });
      await expect(custom.verify({ headers: { sig: expected }, body: BODY })).resolves.toBeDefined();
    });
  });

  describe('rotation, per-tenant secrets and bodies', () => {
    it('reports secretIndex 1 when the second secret matches, and signs with the first', async () => {
      const rotated = hmac({ ...ACME, secret: [OTHER_SECRET, SECRET], crypto });
      await expect(rotated.verify(request(HEADER))).resolves.toMatchObject({ secretIndex: 1 });
      const headers = await rotated.sign({ body: BODY, timestamp: T, id: ID });
      await expectWebhookError(scheme.verify({ headers, body: BODY, now: T * 1000 }), 'INVALID_SIGNATURE');
    });

    it('looks the secret up from the request', async () => {
      const secrets: Record<string, string> = { a: SECRET, b: OTHER_SECRET };
      const perTenant = hmac({
        ...ACME,
        crypto,
        secret: async (req) => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          return secrets[getHeader(req.headers, 'x-tenant') ?? ''] ?? [];
        },
      });
      const at = (tenant: string) =>
        request(HEADER, {
          headers: {
            'x-acme-signature': HEADER,
            'x-acme-timestamp': String(T),
            'x-acme-delivery': ID,
            'x-tenant': tenant,
          },
        });
      await expect(perTenant.verify(at('a'))).resolves.toMatchObject({ secretIndex: 0 });
      await expectWebhookError(perTenant.verify(at('b')), 'INVALID_SIGNATURE', SECRETS);
      await expectWebhookError(perTenant.verify(at('c')), 'INVALID_SECRET', SECRETS);
    });

    it('refuses empty secrets at construction', () => {
      expectThrowsWebhookError(() => hmac({ ...ACME, secret: '', crypto }), 'INVALID_SECRET');
    });

    it('verifies a body that is not valid UTF-8 (the raw bytes are hashed, never decoded)', async () => {
      const headers = await scheme.sign({ body: NON_UTF8, timestamp: T, id: ID });
      const expected = reference(SECRET, 'sha256', concatBytes([`${T}.${ID}.`, NON_UTF8]));
      expect(headers['X-Acme-Signature']).toBe(`sha256=${expected}`);
      await expect(scheme.verify({ headers, body: NON_UTF8, now: T * 1000 })).resolves.toMatchObject({
        secretIndex: 0,
      });
      const decoded = new TextDecoder().decode(NON_UTF8);
      await expectWebhookError(scheme.verify({ headers, body: decoded, now: T * 1000 }), 'INVALID_SIGNATURE');
    });

    it('verifies an empty body', async () => {
      const headers = await scheme.sign({ body: '', timestamp: T, id: ID });
      await expect(scheme.verify({ headers, body: new Uint8Array(0), now: T * 1000 })).resolves.toBeDefined();
    });
  });
});
