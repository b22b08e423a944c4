import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { github } from './github.js';
import { expectThrowsWebhookError, expectWebhookError } from './test-support/expect-error.js';
import { cryptoProviders, type Vector, vectorBody } from './test-support/vectors.js';
import type { SignedRequest } from './types.js';

const vectors: Vector[] = JSON.parse(
  readFileSync(new URL('../test-vectors/official.json', import.meta.url), 'utf8'),
);
const docs = vectors.find((v) => v.id === 'github-docs')!;

// GitHub docs, "Testing the webhook payload validation" (SIGNATURES.md §2.4).
const SECRET = docs.secret;
const OTHER_SECRET = 'a different webhook secret';
const BODY = vectorBody(docs);
const HEX = '757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
const HEADER = `sha256=${HEX}`;
const SECRETS = [SECRET, OTHER_SECRET, HEX];

function request(header: string | string[] | undefined, options: Partial<SignedRequest> = {}): SignedRequest {
  return { headers: { 'x-hub-signature-256': header }, body: BODY, ...options };
}

describe.each(cryptoProviders)('github with $name crypto', ({ provider: crypto }) => {
  const scheme = github({ secret: SECRET, crypto });

  describe('the official vectors', () => {
    it('verify, and the delivery id is reported', async () => {
      expect(docs.headers['X-Hub-Signature-256']).toBe(HEADER);
      await expect(
        scheme.verify({ headers: { ...docs.headers, 'X-GitHub-Delivery': 'd-1' }, body: BODY }),
      ).resolves.toEqual({
        scheme: 'github',
        id: 'd-1',
        secretIndex: 0,
        version: 'sha256',
        contentKey: HEX,
      });
    });

    it('are what sign() produces', async () => {
      for (const vector of vectors.filter((v) => v.scheme === 'github' && v.expected === 'valid')) {
        const headers = await github({ secret: vector.secret, crypto }).sign({
          body: vectorBody(vector),
          id: 'x',
        });
        expect(headers).toEqual({
          'X-Hub-Signature-256': vector.headers['X-Hub-Signature-256'],
          'X-GitHub-Delivery': 'x',
        });
      }
    });

    it('need no clock: GitHub signs no timestamp', async () => {
      await expect(scheme.verify(request(HEADER, { now: 0 }))).resolves.toBeDefined();
      await expect(scheme.verify(request(HEADER, { now: Date.UTC(2100, 0) }))).resolves.toBeDefined();
    });

    it('fail with one body byte changed', async () => {
      for (const index of [0, 6, BODY.length - 1]) {
        const body = BODY.slice();
        body[index] = body[index]! ^ 0x20;
        await expectWebhookError(scheme.verify(request(HEADER, { body })), 'INVALID_SIGNATURE', SECRETS);
      }
    });
  });

  describe('the X-Hub-Signature-256 header', () => {
    it('is required; the legacy SHA-1 header alone is not enough', async () => {
      const sha1 = `sha1=${createHmac('sha1', SECRET).update(BODY).digest('hex')}`;
      await expectWebhookError(
        scheme.verify({ headers: { 'X-Hub-Signature': sha1 }, body: BODY }),
        'MISSING_HEADER',
        [...SECRETS, sha1],
      );
      await expectWebhookError(scheme.verify({ headers: {}, body: BODY }), 'MISSING_HEADER', SECRETS);
      await expectWebhookError(scheme.verify(request('')), 'MISSING_HEADER', SECRETS);
    });

    it.each([
      ['no sha256= prefix', HEX],
      ['a sha1= prefix', `sha1=${HEX}`],
      ['an upper-case prefix', `SHA256=${HEX}`],
      ['a space before the prefix', ` sha256=${HEX}`],
      ['a colon instead of =', `sha256:${HEX}`],
      ['no signature after the prefix', 'sha256='],
    ])('is malformed with %s', async (_name, header) => {
      await expectWebhookError(scheme.verify(request(header)), 'MALFORMED_HEADER', SECRETS);
    });

    it.each([
      ['upper-case hex (octokit compares strings)', `sha256=${HEX.toUpperCase()}`],
      ['a truncated signature', `sha256=${HEX.slice(0, 63)}`],
      ['a trailing character', `sha256=${HEX}0`],
      ['a trailing newline', `sha256=${HEX}\n`],
      ['non-hex text', `sha256=${'z'.repeat(64)}`],
      [
        'the SHA-1 MAC under the SHA-256 name',
        `sha256=${createHmac('sha1', SECRET).update(BODY).digest('hex')}`,
      ],
    ])('does not match with %s', async (_name, header) => {
      await expectWebhookError(scheme.verify(request(header)), 'INVALID_SIGNATURE', [
        ...SECRETS,
        header.slice('sha256='.length),
      ]);
    });

    it('is malformed when sent twice with different values, and verifies when both copies agree', async () => {
      await expectWebhookError(
        scheme.verify(request([HEADER, `sha256=${'0'.repeat(64)}`])),
        'MALFORMED_HEADER',
        SECRETS,
      );
      await expect(scheme.verify(request([HEADER, HEADER]))).resolves.toBeDefined();
    });
  });

  describe('rotation', () => {
    it('reports the index of a later secret among several', async () => {
      await expect(
        github({ secret: ['x', 'y', SECRET], crypto }).verify(request(HEADER)),
      ).resolves.toMatchObject({
        secretIndex: 2,
      });
    });

    it('signs with the first secret only', async () => {
      const headers = await github({ secret: [OTHER_SECRET, SECRET], crypto }).sign({ body: BODY });
      await expect(
        github({ secret: OTHER_SECRET, crypto }).verify({ headers, body: BODY }),
      ).resolves.toBeDefined();
      await expectWebhookError(scheme.verify({ headers, body: BODY }), 'INVALID_SIGNATURE', SECRETS);
    });
  });

  describe('invalid secrets', () => {
    it('are refused at construction', () => {
      expectThrowsWebhookError(() => github({ secret: '', crypto }), 'INVALID_SECRET');
      expectThrowsWebhookError(() => github({ secret: [], crypto }), 'INVALID_SECRET');
      expectThrowsWebhookError(() => github({ secret: [SECRET, ''], crypto }), 'INVALID_SECRET', [SECRET]);
    });
  });

  describe('bodies and headers', () => {
    it('gives each signing a random delivery id unless one is passed', async () => {
      const a = await scheme.sign({ body: BODY });
      const b = await scheme.sign({ body: BODY });
      expect(a['X-GitHub-Delivery']).toMatch(/^[0-9a-f-]{36}$/);
      expect(a['X-GitHub-Delivery']).not.toBe(b['X-GitHub-Delivery']);
      await expect(scheme.verify({ headers: a, body: BODY })).resolves.toMatchObject({
        id: a['X-GitHub-Delivery'],
      });
    });

    it('reads a plain record with mixed-case names and array values', async () => {
      for (const headers of [
        { 'X-HUB-SIGNATURE-256': HEADER, 'x-github-delivery': ['abc'] },
        { 'x-Hub-Signature-256': [HEADER], 'X-GITHUB-DELIVERY': 'abc' },
        { 'x-hub-signature-256': [HEADER, HEADER], 'X-GitHub-Delivery': ['abc', 'abc'] },
      ]) {
        await expect(scheme.verify({ headers, body: BODY })).resolves.toMatchObject({ id: 'abc' });
      }
    });
  });
});
