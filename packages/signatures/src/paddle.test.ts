import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { paddle } from './paddle.js';
import { flipByte } from './test-support/bytes.js';
import { expectThrowsWebhookError, expectWebhookError } from './test-support/expect-error.js';
import { cryptoProviders, type Vector, vectorBody } from './test-support/vectors.js';
import type { SignedRequest } from './types.js';

const vectors: Vector[] = JSON.parse(
  readFileSync(new URL('../test-vectors/official.json', import.meta.url), 'utf8'),
);
const official = vectors.find((v) => v.id === 'paddle-sdk-test')!;
const multi = vectors.find((v) => v.id === 'paddle-sdk-test-multi-h1')!;

// paddle-node-sdk's own test vector ("Valid signature"), SIGNATURES.md §3.
const SECRET = official.secret;
const OTHER_SECRET = 'pdl_ntfset_another_secret';
const T = 1698796800;
const BODY = vectorBody(official);
const SIGNATURE = 'a300428748dce5c70e4da19bffd60769591ea969c99dea3105d0ec9612cf43f9';
const HEADER = `ts=${T};h1=${SIGNATURE}`;
const SECRETS = [SECRET, OTHER_SECRET, SIGNATURE];

function request(header: string | string[] | undefined, options: Partial<SignedRequest> = {}): SignedRequest {
  return { headers: { 'paddle-signature': header }, body: BODY, now: T * 1000, ...options };
}

describe.each(cryptoProviders)('paddle with $name crypto', ({ provider: crypto }) => {
  const scheme = paddle({ secret: SECRET, crypto });

  describe('the official vectors', () => {
    it('verifies and reports the timestamp and version', async () => {
      expect(official.headers['Paddle-Signature']).toBe(HEADER);
      await expect(scheme.verify(request(HEADER))).resolves.toEqual({
        scheme: 'paddle',
        timestamp: T,
        secretIndex: 0,
        version: 'h1',
      });
    });

    it('verifies the multi-h1 vector (two h1 and an unknown h2)', async () => {
      const header = multi.headers['Paddle-Signature']!;
      await expect(scheme.verify(request(header, { body: vectorBody(multi) }))).resolves.toMatchObject({
        timestamp: T,
      });
    });

    it('is what sign() produces for the same secret, timestamp and body', async () => {
      await expect(scheme.sign({ body: BODY, timestamp: T })).resolves.toEqual({
        'Paddle-Signature': HEADER,
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

    it('fails with the timestamp changed, since it is signed', async () => {
      await expectWebhookError(
        scheme.verify(request(`ts=${T + 1};h1=${SIGNATURE}`, { now: (T + 1) * 1000 })),
        'INVALID_SIGNATURE',
        SECRETS,
      );
    });
  });

  describe('the timestamp window', () => {
    const at = (seconds: number) => request(HEADER, { now: seconds * 1000 });

    it('accepts exactly 5 s in the past (vector paddle-boundary-5s) and in the future', async () => {
      const boundary = vectors.find((v) => v.id === 'paddle-boundary-5s')!;
      await expect(scheme.verify(at(boundary.now!))).resolves.toMatchObject({ timestamp: T });
      await expect(scheme.verify(at(T + 5))).resolves.toMatchObject({ timestamp: T });
      await expect(scheme.verify(at(T - 5))).resolves.toMatchObject({ timestamp: T });
    });

    it('honours a wider tolerance, and futureTolerance: Infinity gives the SDK behaviour', async () => {
      const wide = paddle({ secret: SECRET, crypto, tolerance: 300 });
      await expect(wide.verify(at(T + 300))).resolves.toBeDefined();
      await expect(wide.verify(at(T - 300))).resolves.toBeDefined();
      await expectWebhookError(wide.verify(at(T + 301)), 'TIMESTAMP_OUT_OF_RANGE');
      const sdkLike = paddle({ secret: SECRET, crypto, futureTolerance: Infinity });
      await expect(sdkLike.verify(at(T - 3600))).resolves.toBeDefined();
      await expectWebhookError(sdkLike.verify(at(T + 6)), 'TIMESTAMP_OUT_OF_RANGE');
    });

    it('checks the signature before the timestamp: a stale forgery is reported as forged', async () => {
      await expectWebhookError(
        scheme.verify(request(HEADER, { now: (T + 3600) * 1000, body: flipByte(BODY, 0) })),
        'INVALID_SIGNATURE',
        SECRETS,
      );
    });

    it('uses the current time when the request gives none', async () => {
      await expectWebhookError(scheme.verify(request(HEADER, { now: undefined })), 'TIMESTAMP_OUT_OF_RANGE');
      const fresh = await scheme.sign({ body: BODY });
      await expect(scheme.verify({ headers: fresh, body: BODY })).resolves.toMatchObject({ secretIndex: 0 });
    });
  });

  describe('the Paddle-Signature header', () => {
    it('is required', async () => {
      await expectWebhookError(scheme.verify(request(undefined)), 'MISSING_HEADER');
      await expectWebhookError(scheme.verify(request('')), 'MISSING_HEADER');
    });

    it.each([
      ['no h1', `ts=${T}`],
      ['only an h2', `ts=${T};h2=${SIGNATURE}`],
      ['an empty h1', `ts=${T};h1=`],
      ['no ts', `h1=${SIGNATURE}`],
      ['an empty ts', `ts=;h1=${SIGNATURE}`],
      ['ts=abc', `ts=abc;h1=${SIGNATURE}`],
      ['a ts with trailing garbage (the SDK parseInt accepts it)', `ts=${T}abc;h1=${SIGNATURE}`],
      ['a negative ts', `ts=-${T};h1=${SIGNATURE}`],
      ['two different ts', `ts=${T};h1=${SIGNATURE};ts=${T + 1}`],
      ['a space after the separator', `ts=${T}; h1=${SIGNATURE}`],
      ['commas instead of semicolons', `ts=${T},h1=${SIGNATURE}`],
      ['no = at all', 'garbage'],
      ['separators only', ';;;=;=='],
    ])('is malformed with %s', async (_name, header) => {
      await expectWebhookError(scheme.verify(request(header)), 'MALFORMED_HEADER', SECRETS);
    });

    it('accepts entries in any order, the same ts twice, and ignores unknown keys', async () => {
      for (const header of [
        `h1=${SIGNATURE};ts=${T}`,
        `ts=${T};h1=${SIGNATURE};ts=${T}`,
        `ts=${T};h2=xyz;;h1=${SIGNATURE};novalue`,
      ]) {
        await expect(scheme.verify(request(header))).resolves.toMatchObject({ timestamp: T });
      }
    });

    it('tries every h1, not only the last one as paddle-node-sdk does', async () => {
      const first = `ts=${T};h1=${SIGNATURE};h1=${'0'.repeat(64)}`;
      await expect(scheme.verify(request(first))).resolves.toMatchObject({ secretIndex: 0 });
    });

    it('fails when every h1 entry is garbage', async () => {
      await expectWebhookError(
        scheme.verify(request(`ts=${T};h1=zz;h1=${SIGNATURE.slice(1)};h1=${SIGNATURE.toUpperCase()}`)),
        'INVALID_SIGNATURE',
        SECRETS,
      );
    });
  });

  describe('secrets and bodies', () => {
    it('refuses empty secrets at construction', () => {
      expectThrowsWebhookError(() => paddle({ secret: '', crypto }), 'INVALID_SECRET');
    });
  });
});
