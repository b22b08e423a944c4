import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { concatBytes } from './encoding.js';
import { linear } from './linear.js';
import { flipByte } from './test-support/bytes.js';
import { expectWebhookError } from './test-support/expect-error.js';
import { cryptoProviders, type Vector, vectorBody } from './test-support/vectors.js';
import type { SignedRequest } from './types.js';

const vectors: Vector[] = JSON.parse(
  readFileSync(new URL('../test-vectors/official.json', import.meta.url), 'utf8'),
);
const official = vectors.find((v) => v.id === 'linear-sdk-generated')!;

// Cross-checked with @linear/sdk 98.0.0 LinearWebhookClient.verify() (SIGNATURES.md §3).
const SECRET = official.secret;
const OTHER_SECRET = 'lin_wh_another_secret';
const T_MS = 1700000000000;
const BODY = vectorBody(official);
const SIGNATURE = '4229a173e697e7d3245871a14b7e4783c9e846ca74938f7effaf853fbf211bd5';
const DELIVERY = '234d1a4e-b617-4388-90fe-adc3633d6b72';
const SECRETS = [SECRET, OTHER_SECRET, SIGNATURE];

function request(
  signature: string | string[] | undefined,
  options: Partial<SignedRequest> = {},
): SignedRequest {
  return {
    headers: { 'linear-signature': signature, 'linear-delivery': DELIVERY },
    body: BODY,
    now: T_MS,
    ...options,
  };
}

describe.each(cryptoProviders)('linear with $name crypto', ({ provider: crypto }) => {
  const scheme = linear({ secret: SECRET, crypto });
  /** Signs a body with the scheme's secret and verifies it at `now`. */
  const roundTrip = async (body: Uint8Array | string, now = T_MS) => {
    const headers = await scheme.sign({ body });
    return scheme.verify({ headers, body, now });
  };

  describe('the vector', () => {
    it('verifies and reports the delivery id and the millisecond timestamp', async () => {
      expect(official.headers['Linear-Signature']).toBe(SIGNATURE);
      await expect(scheme.verify(request(SIGNATURE))).resolves.toEqual({
        scheme: 'linear',
        id: DELIVERY,
        timestamp: T_MS,
        secretIndex: 0,
        contentKey: SIGNATURE,
      });
    });

    it('is what sign() produces for the same secret and body', async () => {
      await expect(scheme.sign({ body: BODY, id: DELIVERY })).resolves.toEqual({
        'Linear-Signature': SIGNATURE,
        'Linear-Delivery': DELIVERY,
      });
      const { 'Linear-Delivery': id } = await scheme.sign({ body: BODY });
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
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

    it('fails with the signature in upper-case hex (the SDK compares bytes of the hex text)', async () => {
      await expectWebhookError(scheme.verify(request(SIGNATURE.toUpperCase())), 'INVALID_SIGNATURE', [
        ...SECRETS,
        SIGNATURE.toUpperCase(),
      ]);
    });
  });

  describe('the webhookTimestamp window', () => {
    const at = (nowMs: number) => request(SIGNATURE, { now: nowMs });

    it('accepts exactly 60 s in the past and in the future', async () => {
      await expect(scheme.verify(at(T_MS + 60_000))).resolves.toMatchObject({ timestamp: T_MS });
      await expect(scheme.verify(at(T_MS - 60_000))).resolves.toMatchObject({ timestamp: T_MS });
    });

    it('honours a custom tolerance', async () => {
      const wide = linear({ secret: SECRET, crypto, tolerance: 300 });
      await expect(wide.verify(at(T_MS + 300_000))).resolves.toBeDefined();
      await expect(wide.verify(at(T_MS - 300_000))).resolves.toBeDefined();
      await expectWebhookError(wide.verify(at(T_MS + 301_000)), 'TIMESTAMP_OUT_OF_RANGE');
    });

    it('ignores the unsigned Linear-Timestamp header, as the SDK does', async () => {
      const headers = { 'linear-signature': SIGNATURE, 'linear-timestamp': String(T_MS + 3_600_000) };
      await expect(scheme.verify({ headers, body: BODY, now: T_MS })).resolves.toMatchObject({
        timestamp: T_MS,
      });
    });

    it('checks the signature before the timestamp: a stale forgery is reported as forged', async () => {
      await expectWebhookError(
        scheme.verify(request(SIGNATURE, { now: T_MS + 3_600_000, body: flipByte(BODY, 0) })),
        'INVALID_SIGNATURE',
        SECRETS,
      );
    });

    it('uses the current time when the request gives none', async () => {
      await expectWebhookError(
        scheme.verify(request(SIGNATURE, { now: undefined })),
        'TIMESTAMP_OUT_OF_RANGE',
      );
      const body = JSON.stringify({ type: 'Issue', webhookTimestamp: Date.now() });
      const headers = await scheme.sign({ body });
      await expect(scheme.verify({ headers, body })).resolves.toMatchObject({ secretIndex: 0 });
    });
  });

  describe('the signed body', () => {
    it.each([
      ['no webhookTimestamp', '{"type":"Issue"}'],
      ['a null webhookTimestamp', '{"webhookTimestamp":null}'],
      ['a string webhookTimestamp', `{"webhookTimestamp":"${T_MS}"}`],
      ['a webhookTimestamp nested deeper', `{"data":{"webhookTimestamp":${T_MS}}}`],
      ['a JSON array', `[${T_MS}]`],
      ['a JSON number', String(T_MS)],
      ['no JSON at all', 'webhookTimestamp=1700000000000'],
      ['an empty body', ''],
    ])('is malformed with %s, once the signature matched', async (_name, body) => {
      const error = await expectWebhookError(roundTrip(body), 'MALFORMED_HEADER', SECRETS);
      expect(error.message).toContain('webhookTimestamp');
    });

    it('is not parsed when the signature does not match', async () => {
      const headers = { 'linear-signature': SIGNATURE };
      await expectWebhookError(scheme.verify({ headers, body: 'not json', now: T_MS }), 'INVALID_SIGNATURE');
    });

    it('accepts a fractional webhookTimestamp, as the SDK does', async () => {
      await expect(roundTrip(`{"webhookTimestamp":${T_MS}.5}`)).resolves.toMatchObject({
        timestamp: T_MS + 0.5,
      });
    });

    it('verifies a body that is not valid UTF-8 (raw bytes hashed; invalid bytes inside a JSON string)', async () => {
      const body = concatBytes([
        `{"webhookTimestamp":${T_MS},"title":"`,
        Uint8Array.of(0xff, 0xfe, 0x80),
        '"}',
      ]);
      await expect(roundTrip(body)).resolves.toMatchObject({ timestamp: T_MS, secretIndex: 0 });
      const headers = await scheme.sign({ body });
      const decoded = new TextDecoder().decode(body);
      await expectWebhookError(scheme.verify({ headers, body: decoded, now: T_MS }), 'INVALID_SIGNATURE');
    });

    it('takes a string body as its UTF-8 bytes', async () => {
      await expect(
        scheme.verify(request(SIGNATURE, { body: new TextDecoder().decode(BODY) })),
      ).resolves.toBeDefined();
    });
  });

  describe('the Linear-Signature header', () => {
    it('is required', async () => {
      await expectWebhookError(scheme.verify(request(undefined)), 'MISSING_HEADER');
      await expectWebhookError(scheme.verify(request('')), 'MISSING_HEADER');
    });

    it.each([
      ['a sha256= prefix', `sha256=${SIGNATURE}`],
      ['a truncated value', SIGNATURE.slice(1)],
      ['an extra character', `${SIGNATURE}0`],
      ['base64 of the MAC', Buffer.from(SIGNATURE, 'hex').toString('base64')],
      ['surrounding spaces', ` ${SIGNATURE}`],
    ])('fails with %s', async (_name, value) => {
      await expectWebhookError(scheme.verify(request(value)), 'INVALID_SIGNATURE', SECRETS);
    });

    it('leaves the id undefined without Linear-Delivery', async () => {
      const verified = await scheme.verify({
        headers: { 'Linear-Signature': SIGNATURE },
        body: BODY,
        now: T_MS,
      });
      expect(verified.id).toBeUndefined();
    });
  });
});
