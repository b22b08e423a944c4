import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getHeader } from './headers.js';
import { stripe } from './stripe.js';
import { flipByte } from './test-support/bytes.js';
import { expectThrowsWebhookError, expectWebhookError } from './test-support/expect-error.js';
import { cryptoProviders, type Vector, vectorBody } from './test-support/vectors.js';
import type { SignedRequest } from './types.js';

const vectors: Vector[] = JSON.parse(
  readFileSync(new URL('../test-vectors/official.json', import.meta.url), 'utf8'),
);
const official = vectors.find((v) => v.id === 'stripe-sdk-generated')!;

// stripe-node's test constants, signed by `generateTestHeaderString` (SIGNATURES.md §2.3).
const SECRET = official.secret;
const OTHER_SECRET = 'whsec_another_endpoint_secret';
const T = 1614265330;
const BODY = vectorBody(official);
const SIGNATURE = 'af4ead0627a34a8cca29808e8de9ada8e41a92e6237c63cef6eacf51d36cca34';
const HEADER = `t=${T},v1=${SIGNATURE}`;
const SECRETS = [SECRET, OTHER_SECRET, SIGNATURE];

function request(header: string | string[] | undefined, options: Partial<SignedRequest> = {}): SignedRequest {
  return { headers: { 'stripe-signature': header }, body: BODY, now: T * 1000, ...options };
}

describe.each(cryptoProviders)('stripe with $name crypto', ({ provider: crypto }) => {
  const scheme = stripe({ secret: SECRET, crypto });

  describe('the official vector', () => {
    it('verifies and reports the timestamp and version', async () => {
      expect(official.headers['Stripe-Signature']).toBe(HEADER);
      await expect(scheme.verify(request(HEADER))).resolves.toEqual({
        scheme: 'stripe',
        timestamp: T,
        secretIndex: 0,
        version: 'v1',
      });
    });

    it('is what sign() produces for the same secret, timestamp and body', async () => {
      await expect(scheme.sign({ body: BODY, timestamp: T })).resolves.toEqual({
        'Stripe-Signature': HEADER,
      });
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

    it('fails with a body that gained a trailing newline', async () => {
      await expectWebhookError(
        scheme.verify(request(HEADER, { body: `${new TextDecoder().decode(BODY)}\n` })),
        'INVALID_SIGNATURE',
        SECRETS,
      );
    });

    it('fails with the wrong secret, and with the right one plus a trailing newline', async () => {
      for (const secret of [OTHER_SECRET, `${SECRET}\n`, SECRET.slice('whsec_'.length)]) {
        await expectWebhookError(stripe({ secret, crypto }).verify(request(HEADER)), 'INVALID_SIGNATURE', [
          ...SECRETS,
          secret,
        ]);
      }
    });

    it('fails with the signature in upper-case hex (the SDK compares strings)', async () => {
      const upper = `t=${T},v1=${SIGNATURE.toUpperCase()}`;
      await expectWebhookError(scheme.verify(request(upper)), 'INVALID_SIGNATURE', [
        ...SECRETS,
        SIGNATURE.toUpperCase(),
      ]);
    });

    it('fails with the timestamp changed, since it is signed', async () => {
      await expectWebhookError(
        scheme.verify(request(`t=${T + 1},v1=${SIGNATURE}`, { now: (T + 1) * 1000 })),
        'INVALID_SIGNATURE',
        SECRETS,
      );
    });
  });

  describe('the timestamp window', () => {
    const at = (seconds: number) => request(HEADER, { now: seconds * 1000 });

    it('refuses a future timestamp by default, unlike stripe-node', async () => {
      const future = vectors.find((v) => v.id === 'stripe-future-accepted')!;
      await expectWebhookError(scheme.verify(at(future.now!)), 'TIMESTAMP_OUT_OF_RANGE', SECRETS);
    });

    it('accepts a future timestamp with futureTolerance: Infinity (the SDK behaviour, opt-in)', async () => {
      const sdkLike = stripe({ secret: SECRET, crypto, futureTolerance: Infinity });
      await expect(sdkLike.verify(at(T - 3600))).resolves.toMatchObject({ timestamp: T });
      await expect(sdkLike.verify(at(T - 10 * 365 * 86400))).resolves.toMatchObject({ timestamp: T });
      // The past side still applies.
      await expectWebhookError(sdkLike.verify(at(T + 301)), 'TIMESTAMP_OUT_OF_RANGE', SECRETS);
    });

    it('honours a custom tolerance on both sides, and Infinity turns the check off', async () => {
      const tight = stripe({ secret: SECRET, crypto, tolerance: 10 });
      await expect(tight.verify(at(T + 10))).resolves.toBeDefined();
      await expect(tight.verify(at(T - 10))).resolves.toBeDefined();
      await expectWebhookError(tight.verify(at(T + 11)), 'TIMESTAMP_OUT_OF_RANGE', SECRETS);
      await expectWebhookError(tight.verify(at(T - 11)), 'TIMESTAMP_OUT_OF_RANGE', SECRETS);
      const off = stripe({ secret: SECRET, crypto, tolerance: Infinity });
      await expect(off.verify(at(T + 10 * 365 * 86400))).resolves.toBeDefined();
    });

    it('checks the signature before the timestamp: a stale forgery is reported as forged', async () => {
      await expectWebhookError(
        scheme.verify(request(HEADER, { now: (T + 3600) * 1000, body: flipByte(BODY, 0) })),
        'INVALID_SIGNATURE',
        SECRETS,
      );
    });

    it('uses the current time when the request gives none', async () => {
      await expectWebhookError(
        scheme.verify(request(HEADER, { now: undefined })),
        'TIMESTAMP_OUT_OF_RANGE',
        SECRETS,
      );
      const fresh = await scheme.sign({ body: BODY });
      await expect(scheme.verify({ headers: fresh, body: BODY })).resolves.toMatchObject({ secretIndex: 0 });
    });
  });

  describe('the Stripe-Signature header', () => {
    it('is required', async () => {
      await expectWebhookError(
        scheme.verify({ headers: {}, body: BODY, now: T * 1000 }),
        'MISSING_HEADER',
        SECRETS,
      );
      await expectWebhookError(scheme.verify(request('')), 'MISSING_HEADER', SECRETS);
      await expectWebhookError(scheme.verify(request([])), 'MISSING_HEADER', SECRETS);
    });

    it.each([
      ['no t', `v1=${SIGNATURE}`],
      ['no v1', `t=${T}`],
      ['only a v0', `t=${T},v0=${SIGNATURE}`],
      ['two different t', `t=${T},v1=${SIGNATURE},t=${T + 1}`],
      ['t=abc', `t=abc,v1=${SIGNATURE}`],
      ['an empty t', `t=,v1=${SIGNATURE}`],
      ['a t with trailing garbage', `t=${T}abc,v1=${SIGNATURE}`],
      ['a negative t', `t=-${T},v1=${SIGNATURE}`],
      ['a space after the comma (the v1 key becomes " v1")', `t=${T}, v1=${SIGNATURE}`],
      ['a space before the t', ` t=${T},v1=${SIGNATURE}`],
      ['upper-case keys', `T=${T},V1=${SIGNATURE}`],
      ['no = at all', 'garbage'],
      ['separators only', ',,,=,=='],
    ])('is malformed with %s', async (_name, header) => {
      await expectWebhookError(scheme.verify(request(header)), 'MALFORMED_HEADER', SECRETS);
    });

    it('verifies when sent twice with the same value', async () => {
      await expect(scheme.verify(request([HEADER, HEADER]))).resolves.toMatchObject({ secretIndex: 0 });
    });

    it('accepts entries in any order, the same t twice, and ignores v0 and unknown keys', async () => {
      for (const header of [
        `v1=${SIGNATURE},t=${T}`,
        `v0=${'1'.repeat(64)},t=${T},v1=${SIGNATURE},v0=abc`,
        `t=${T},v1=${SIGNATURE},t=${T}`,
        `t=${T},x=y,,v1=${SIGNATURE},novalue`,
      ]) {
        await expect(scheme.verify(request(header))).resolves.toMatchObject({ timestamp: T });
      }
    });

    it('fails when every v1 entry is garbage', async () => {
      await expectWebhookError(
        scheme.verify(request(`t=${T},v1=,v1=zz,v1=${SIGNATURE.slice(1)},v1=${SIGNATURE}0`)),
        'INVALID_SIGNATURE',
        SECRETS,
      );
    });
  });

  describe('rotation', () => {
    it('reports secretIndex 0 when the first secret matches', async () => {
      const rotated = stripe({ secret: [SECRET, OTHER_SECRET], crypto });
      await expect(rotated.verify(request(HEADER))).resolves.toMatchObject({ secretIndex: 0 });
    });

    it('accepts any of two v1 entries (Stripe signs with the old and the new secret while rolling)', async () => {
      const other = getHeader(
        await stripe({ secret: OTHER_SECRET, crypto }).sign({ body: BODY, timestamp: T }),
        'stripe-signature',
      )!;
      const otherSignature = other.slice(other.indexOf('v1=') + 3);
      const both = `t=${T},v1=${otherSignature},v1=${SIGNATURE}`;
      await expect(scheme.verify(request(both))).resolves.toMatchObject({ secretIndex: 0 });
      await expect(stripe({ secret: OTHER_SECRET, crypto }).verify(request(both))).resolves.toMatchObject({
        secretIndex: 0,
      });
      await expectWebhookError(
        stripe({ secret: 'whsec_third', crypto }).verify(request(both)),
        'INVALID_SIGNATURE',
        [...SECRETS, otherSignature],
      );
    });

    it('signs with the first secret only', async () => {
      const headers = await stripe({ secret: [OTHER_SECRET, SECRET], crypto }).sign({
        body: BODY,
        timestamp: T,
      });
      await expect(
        stripe({ secret: OTHER_SECRET, crypto }).verify({ headers, body: BODY, now: T * 1000 }),
      ).resolves.toBeDefined();
      await expectWebhookError(
        scheme.verify({ headers, body: BODY, now: T * 1000 }),
        'INVALID_SIGNATURE',
        SECRETS,
      );
    });
  });

  describe('invalid secrets', () => {
    it('are refused at construction', () => {
      expectThrowsWebhookError(() => stripe({ secret: '', crypto }), 'INVALID_SECRET');
      expectThrowsWebhookError(() => stripe({ secret: [], crypto }), 'INVALID_SECRET');
      expectThrowsWebhookError(() => stripe({ secret: [SECRET, ''], crypto }), 'INVALID_SECRET', [SECRET]);
    });
  });

  describe('bodies and headers', () => {
    it('takes a string body as its UTF-8 bytes', async () => {
      await expect(
        scheme.verify(request(HEADER, { body: new TextDecoder().decode(BODY) })),
      ).resolves.toBeDefined();
    });

    it('reads a plain record with mixed-case names and array values', async () => {
      for (const headers of [
        { 'sTrIpE-sIgNaTuRe': HEADER },
        { 'STRIPE-SIGNATURE': [HEADER] },
        { 'Content-Type': 'application/json', 'Stripe-Signature': [HEADER, HEADER] },
      ]) {
        await expect(scheme.verify({ headers, body: BODY, now: T * 1000 })).resolves.toBeDefined();
      }
    });
  });
});
