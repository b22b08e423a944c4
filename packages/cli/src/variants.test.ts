import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCaptured } from './test-support/run-captured.js';
import { bodyVariants, urlVariants } from './variants.js';

// `verify --explain` reads a captured body and URL that a sender (or an attacker) wrote, and
// guesses what was signed instead. Properties: any bytes and any text give variants, never a
// throw; each variant differs from what was given and from the others; the JSON ones read back
// as the same value; the URL ones are http(s) URLs of the same host.

const decoder = new TextDecoder();
const anyBody = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc.string({ maxLength: 100 }).map((s) => new TextEncoder().encode(s)),
  fc.json({ maxDepth: 3 }).map((s) => new TextEncoder().encode(s)),
  fc
    .tuple(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(0, 2, 4), fc.constantFrom('', '\n', '\r\n'))
    .map(([v, indent, end]) =>
      new TextEncoder().encode(`${JSON.stringify(v, null, indent).replace(/\n/g, end || '\n')}${end}`),
    ),
);
/** `[[[…]]]` and `{"a":{"a":…}}`, deeper than the stack when re-serialised. */
const deep = fc
  .tuple(fc.integer({ min: 3_000, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    new TextEncoder().encode(
      arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
    ),
  );

describe('bodyVariants', () => {
  it('gives distinct variants, each another body, for any bytes; the JSON ones read back as the same value', () => {
    fc.assert(
      fc.property(anyBody, (body) => {
        const variants = bodyVariants(body);
        const given = Buffer.from(body).toString('hex');
        const seen = new Set<string>();
        for (const variant of variants) {
          const hex = Buffer.from(variant.value).toString('hex');
          expect(hex).not.toBe(given);
          expect(seen.has(hex), variant.kind).toBe(false);
          seen.add(hex);
          if (
            variant.kind.startsWith('body-pretty') ||
            variant.kind === 'body-compact' ||
            variant.kind === 'body-spaced'
          )
            expect(JSON.parse(decoder.decode(variant.value))).toEqual(JSON.parse(decoder.decode(body)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('answers a body nested deeper than the stack with its line-ending variants, not a RangeError', () => {
    fc.assert(
      fc.property(deep, (body) => {
        const kinds = bodyVariants(body).map((variant) => variant.kind);
        expect(kinds).toContain('newline-removed');
      }),
      { numRuns: 10 },
    );
  });

  it('regression: verify --explain of a 10 KB nested body exits 1 with its diagnosis, not a crash', async () => {
    const body = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    const { code } = await runCaptured([
      'verify',
      '-p',
      'github',
      '-s',
      'k',
      '--header',
      'X-Hub-Signature-256: sha256=00',
      '--body',
      body,
      '--explain',
    ]);
    expect(code).toBe(1);
  });
});

describe('urlVariants', () => {
  it('gives distinct http(s) URLs of the same host, none the URL given, for any text', () => {
    const url = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: false }),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(url, (given) => {
        const variants = urlVariants(given);
        if (variants.length === 0) return;
        const host = new URL(given).hostname;
        expect(new Set(variants.map((v) => v.value)).size).toBe(variants.length);
        for (const { value } of variants) {
          expect(value).not.toBe(given);
          const parsed = new URL(value);
          expect(['http:', 'https:']).toContain(parsed.protocol);
          expect(parsed.hostname).toBe(host);
        }
      }),
      { numRuns: 500 },
    );
  });
});
