import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getHeader } from './headers.js';
import { slack } from './slack.js';
import { flipByte, NON_UTF8 } from './test-support/bytes.js';
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

    it('fails with the wrong secret', async () => {
      for (const secret of [OTHER_SECRET, `${SECRET}\n`, SECRET.toUpperCase()]) {
        await expectWebhookError(slack({ secret, crypto }).verify(request(HEADER)), 'INVALID_SIGNATURE', [
          ...SECRETS,
          secret,
        ]);
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

    it('accepts exactly 300 s in the past and in the future', async () => {
      await expect(scheme.verify(at(T + 300))).resolves.toMatchObject({ timestamp: T });
      await expect(scheme.verify(at(T - 300))).resolves.toMatchObject({ timestamp: T });
      // Milliseconds are floored, as in bolt-js: 300.999 s is still 300 s.
      await expect(scheme.verify(request(HEADER, { now: (T + 300) * 1000 + 999 }))).resolves.toBeDefined();
    });

    it('refuses one second outside on each side', async () => {
      await expectWebhookError(scheme.verify(at(T + 301)), 'TIMESTAMP_OUT_OF_RANGE', SECRETS);
      await expectWebhookError(scheme.verify(at(T - 301)), 'TIMESTAMP_OUT_OF_RANGE', SECRETS);
    });

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

    it('are malformed when sent twice with different values', async () => {
      await expectWebhookError(
        scheme.verify(request([HEADER, `v0=${'0'.repeat(64)}`])),
        'MALFORMED_HEADER',
        SECRETS,
      );
      await expectWebhookError(
        scheme.verify(request(HEADER, { timestamp: [String(T), String(T + 1)] })),
        'MALFORMED_HEADER',
        SECRETS,
      );
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

    it('are read from a web Headers object with any name case', async () => {
      const headers = new Headers({ 'X-SLACK-SIGNATURE': HEADER, 'x-slack-request-timestamp': String(T) });
      await expect(scheme.verify({ headers, body: BODY, now: T * 1000 })).resolves.toBeDefined();
    });
  });

  describe('rotation', () => {
    it('reports secretIndex 1 when the second secret matches', async () => {
      const rotated = slack({ secret: [OTHER_SECRET, SECRET], crypto });
      await expect(rotated.verify(request(HEADER))).resolves.toMatchObject({ secretIndex: 1 });
    });

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

  describe('per-tenant secrets', () => {
    const tenants: Record<string, string> = { acme: SECRET, globex: OTHER_SECRET };
    const perTenant = slack({
      crypto,
      secret: async (req) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return tenants[getHeader(req.headers, 'x-tenant') ?? ''] ?? [];
      },
    });
    const forTenant = (tenant: string, headers: Record<string, string>) => ({
      headers: { ...headers, 'x-tenant': tenant },
      body: BODY,
      now: T * 1000,
    });

    it('looks the secret up from the request', async () => {
      const official = { 'X-Slack-Signature': HEADER, 'X-Slack-Request-Timestamp': String(T) };
      await expect(perTenant.verify(forTenant('acme', official))).resolves.toMatchObject({ secretIndex: 0 });
      const globex = await slack({ secret: OTHER_SECRET, crypto }).sign({ body: BODY, timestamp: T });
      await expect(perTenant.verify(forTenant('globex', globex))).resolves.toMatchObject({ secretIndex: 0 });
      await expectWebhookError(perTenant.verify(forTenant('globex', official)), 'INVALID_SIGNATURE', SECRETS);
      await expectWebhookError(perTenant.verify(forTenant('initech', official)), 'INVALID_SECRET', SECRETS);
    });
  });

  describe('secrets and bodies', () => {
    it('refuses empty secrets at construction', () => {
      expectThrowsWebhookError(() => slack({ secret: '', crypto }), 'INVALID_SECRET');
      expectThrowsWebhookError(() => slack({ secret: [SECRET, ''], crypto }), 'INVALID_SECRET', [SECRET]);
    });

    it('verifies a body that is not valid UTF-8 (the raw bytes are hashed)', async () => {
      const headers = await scheme.sign({ body: NON_UTF8, timestamp: T });
      await expect(scheme.verify({ headers, body: NON_UTF8, now: T * 1000 })).resolves.toMatchObject({
        secretIndex: 0,
      });
      const decoded = new TextDecoder().decode(NON_UTF8);
      await expectWebhookError(scheme.verify({ headers, body: decoded, now: T * 1000 }), 'INVALID_SIGNATURE');
    });

    it('verifies an empty body and takes a string body as its UTF-8 bytes', async () => {
      const headers = await scheme.sign({ body: '', timestamp: T });
      await expect(scheme.verify({ headers, body: new Uint8Array(0), now: T * 1000 })).resolves.toBeDefined();
      await expect(
        scheme.verify(request(HEADER, { body: new TextDecoder().decode(BODY) })),
      ).resolves.toBeDefined();
    });
  });
});
