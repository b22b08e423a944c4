import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { slack } from './slack.js';
import { flipByte } from './test-support/bytes.js';
import { expectThrowsWebhookError, expectWebhookError } from './test-support/expect-error.js';
import { cryptoProviders, type Vector, vectorBody } from './test-support/vectors.js';
import type { SignedRequest } from './types.js';

const vectors: Vector[] = JSON.parse(
  readFileSync(new URL('../test-vectors/official.json', import.meta.url), 'utf8'),
);
const official = vectors.find((v) => v.id === 'slack-docs')!;

// Slack's worked example (docs.slack.dev "Verifying requests from Slack"), SIGNATURES.md §2.5.
const SECRET = official.secret;
const OTHER_SECRET = 'another_slack_signing_secret';
const T = 1531420618;
const BODY = vectorBody(official);
const SIGNATURE = 'a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const HEADER = `v0=${SIGNATURE}`;
const SECRETS = [SECRET, OTHER_SECRET, SIGNATURE];
// Not valid UTF-8: a lone continuation byte, bytes that never occur, a truncated sequence.

function request(
  signature: string | string[] | undefined,
  options: Partial<SignedRequest> & { timestamp?: string | string[] } = {},
): SignedRequest {
  const { timestamp = String(T), ...rest } = options;
  return {
    headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
    body: BODY,
    now: T * 1000,
    ...rest,
  };
}

describe.each(cryptoProviders)('slack with $name crypto', ({ provider: crypto }) => {
  const scheme = slack({ secret: SECRET, crypto });

  describe('the official vector', () => {
    it('verifies and reports the timestamp and version, and no id', async () => {
      expect(official.headers['X-Slack-Signature']).toBe(HEADER);
      await expect(scheme.verify(request(HEADER))).resolves.toEqual({
        scheme: 'slack',
        timestamp: T,
        secretIndex: 0,
        version: 'v0',
        contentKey: SIGNATURE,
      });
    });

    it('is what sign() produces for the same secret, timestamp and body', async () => {
      await expect(scheme.sign({ body: BODY, timestamp: T })).resolves.toEqual({
        'X-Slack-Signature': HEADER,
        'X-Slack-Request-Timestamp': String(T),
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

    it('fails with the signature in upper-case hex (bolt compares strings)', async () => {
      await expectWebhookError(scheme.verify(request(`v0=${SIGNATURE.toUpperCase()}`)), 'INVALID_SIGNATURE', [
        ...SECRETS,
        SIGNATURE.toUpperCase(),
      ]);
    });

    it('fails with the timestamp changed, since it is signed', async () => {
      await expectWebhookError(
        scheme.verify(request(HEADER, { timestamp: String(T + 1), now: (T + 1) * 1000 })),
        'INVALID_SIGNATURE',
        SECRETS,
      );
      // The basestring uses the header text: a leading zero is a different signed text.
      await expectWebhookError(scheme.verify(request(HEADER, { timestamp: `0${T}` })), 'INVALID_SIGNATURE');
    });
  });

  describe('the timestamp window', () => {
    const at = (seconds: number) => request(HEADER, { now: seconds * 1000 });

    it('refuses the future timestamp that bolt-js accepts (vector slack-future-accepted-by-bolt)', async () => {
      const future = vectors.find((v) => v.id === 'slack-future-accepted-by-bolt')!;
      await expectWebhookError(scheme.verify(at(future.now!)), 'TIMESTAMP_OUT_OF_RANGE', SECRETS);
      const boltLike = slack({ secret: SECRET, crypto, futureTolerance: Infinity });
      await expect(boltLike.verify(at(future.now!))).resolves.toMatchObject({ timestamp: T });
      await expectWebhookError(boltLike.verify(at(T + 301)), 'TIMESTAMP_OUT_OF_RANGE');
    });

    it('honours a custom tolerance on both sides', async () => {
      const tight = slack({ secret: SECRET, crypto, tolerance: 10 });
      await expect(tight.verify(at(T + 10))).resolves.toBeDefined();
      await expect(tight.verify(at(T - 10))).resolves.toBeDefined();
      await expectWebhookError(tight.verify(at(T + 11)), 'TIMESTAMP_OUT_OF_RANGE');
      await expectWebhookError(tight.verify(at(T - 11)), 'TIMESTAMP_OUT_OF_RANGE');
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

  describe('the headers', () => {
    it('are both required', async () => {
      await expectWebhookError(scheme.verify(request(undefined)), 'MISSING_HEADER');
      await expectWebhookError(scheme.verify(request('')), 'MISSING_HEADER');
      await expectWebhookError(scheme.verify(request(HEADER, { timestamp: '' })), 'MISSING_HEADER');
      await expectWebhookError(scheme.verify({ headers: {}, body: BODY, now: T * 1000 }), 'MISSING_HEADER');
    });

    it.each([
      ['an unknown version v1=', `v1=${SIGNATURE}`],
      ['an upper-case V0=', `V0=${SIGNATURE}`],
      ['an empty v0=', 'v0='],
      ['no = at all', SIGNATURE],
      ['only a version', 'v0'],
      ['a space before the version', ` v0=${SIGNATURE}`],
    ])('X-Slack-Signature is malformed with %s', async (_name, header) => {
      await expectWebhookError(scheme.verify(request(header)), 'MALFORMED_HEADER', SECRETS);
    });

    it.each([
      ['letters', 'abc'],
      ['trailing garbage', `${T}abc`],
      ['a negative value', `-${T}`],
      ['a decimal', `${T}.5`],
      ['a space', ` ${T}`],
    ])('X-Slack-Request-Timestamp is malformed with %s', async (_name, timestamp) => {
      await expectWebhookError(scheme.verify(request(HEADER, { timestamp })), 'MALFORMED_HEADER', SECRETS);
    });

    it('verify when sent twice with the same value', async () => {
      await expect(
        scheme.verify(request([HEADER, HEADER], { timestamp: [String(T), String(T)] })),
      ).resolves.toMatchObject({ secretIndex: 0 });
    });

    it('fail when the signature is cut short or extended', async () => {
      for (const header of [`v0=${SIGNATURE.slice(1)}`, `v0=${SIGNATURE}0`, `v0=${SIGNATURE}=`, 'v0=zz']) {
        await expectWebhookError(scheme.verify(request(header)), 'INVALID_SIGNATURE', SECRETS);
      }
    });
  });

  describe('rotation', () => {
    it('signs with the first secret only', async () => {
      const headers = await slack({ secret: [OTHER_SECRET, SECRET], crypto }).sign({
        body: BODY,
        timestamp: T,
      });
      await expect(
        slack({ secret: OTHER_SECRET, crypto }).verify({ headers, body: BODY, now: T * 1000 }),
      ).resolves.toBeDefined();
      await expectWebhookError(scheme.verify({ headers, body: BODY, now: T * 1000 }), 'INVALID_SIGNATURE');
    });
  });

  describe('secrets and bodies', () => {
    it('refuses empty secrets at construction', () => {
      expectThrowsWebhookError(() => slack({ secret: '', crypto }), 'INVALID_SECRET');
      expectThrowsWebhookError(() => slack({ secret: [SECRET, ''], crypto }), 'INVALID_SECRET', [SECRET]);
    });
  });
});
