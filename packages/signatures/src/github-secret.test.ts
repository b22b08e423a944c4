// A GitHub token given as the webhook secret is refused when the scheme is made, by exact
// shape only: the webhook secret is whatever the user typed, so `ghp_` plus another length is
// a secret like any other.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { github } from './github.js';
import { expectThrowsWebhookError, expectWebhookError } from './test-support/expect-error.js';

const BASE62 = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'];
const WORD = [...BASE62, '_'];
const CLASSIC = ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'] as const;
const of = (chars: readonly string[], length: number) =>
  fc.string({ unit: fc.constantFrom(...chars), minLength: length, maxLength: length });

/** Token shapes as GitHub issues them (github.blog, "Behind GitHub's new authentication token formats"). */
const classicToken = fc.tuple(fc.constantFrom(...CLASSIC), of(BASE62, 36)).map(([p, rest]) => p + rest);
const fineGrainedToken = of(WORD, 82).map((rest) => `github_pat_${rest}`);
const token = fc.oneof(classicToken, fineGrainedToken);

/** The shapes, written out here independently of the code under test. */
const TOKEN_SHAPE = /^(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_\w{82})$/;

/** Secrets that look close to a token and are not one: other lengths, other characters, more around it. */
const nearMiss = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...CLASSIC),
      fc.integer({ min: 0, max: 80 }).filter((n) => n !== 36),
    )
    .chain(([p, n]) => of(BASE62, n).map((rest) => p + rest)),
  fc
    .integer({ min: 0, max: 120 })
    .filter((n) => n !== 82)
    .chain((n) => of(WORD, n).map((rest) => `github_pat_${rest}`)),
  fc
    .tuple(classicToken, fc.nat({ max: 35 }), fc.constantFrom('-', '.', ' ', 'é', '/'))
    .map(([t, at, c]) => `${t.slice(0, 4 + at)}${c}${t.slice(5 + at)}`),
  fc.tuple(token, fc.string({ minLength: 1, maxLength: 8 })).map(([t, more]) => t + more),
  fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), token).map(([more, t]) => more + t),
);

describe('GitHub refuses a GitHub token where the webhook secret belongs', () => {
  it('refuses every classic and fine-grained token shape, naming the prefix and where the secret is set', () => {
    fc.assert(
      fc.property(token, (secret) => {
        const prefix = secret.startsWith('github_pat_') ? 'github_pat_' : secret.slice(0, 4);
        const error = expectThrowsWebhookError(() => github({ secret }), 'INVALID_SECRET', [
          secret,
          secret.slice(prefix.length),
        ]);
        expect(error.message).toContain('a GitHub token');
        expect(error.message).toContain(`starts with ${prefix}`);
        expect(error.message).toContain('Settings → Webhooks');
        // Among rotated secrets too.
        expectThrowsWebhookError(() => github({ secret: ['my-webhook-secret', secret] }), 'INVALID_SECRET');
      }),
    );
  });

  it('refuses a token with whitespace around it, as read from a secret file or an environment file', () => {
    const space = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r\n'), maxLength: 3 });
    fc.assert(
      fc.property(space, token, space, (before, secret, after) => {
        fc.pre(before.length + after.length > 0);
        expectThrowsWebhookError(() => github({ secret: before + secret + after }), 'INVALID_SECRET', [
          secret,
        ]);
      }),
    );
  });

  it('accepts any other secret: arbitrary strings and near misses of the token shapes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ minLength: 1, maxLength: 120 }), nearMiss), (secret) => {
        // Whitespace around a token still names it (a secret file's trailing newline).
        fc.pre(!TOKEN_SHAPE.test(secret.trim()));
        expect(github({ secret }).name).toBe('github');
      }),
      { numRuns: 500 },
    );
    expect(github({ secret: 'ghp_my-own-webhook-secret' }).name).toBe('github');
  });

  it('refuses a token returned by a secret lookup when the delivery arrives', async () => {
    const secret = `ghp_${'A1b2C3d4E5'.repeat(3)}abcdef`;
    const scheme = github({ secret: () => secret });
    const error = await expectWebhookError(
      scheme.verify({ headers: { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` }, body: '{}' }),
      'INVALID_SECRET',
      [secret],
    );
    expect(error.message).toContain('starts with ghp_');
  });
});
