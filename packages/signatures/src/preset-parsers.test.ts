import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWebhookError } from './errors.js';
import type { SignatureFormat } from './hmac-preset.js';
import { createPresetScheme } from './preset-scheme.js';
import { formatSignature, parseSignature } from './preset-signature.js';
import { compileTemplate, fillTemplate } from './preset-template.js';

// Property tests of the preset parsers, which read untrusted header values: they either give
// a result or throw a WebhookError, never anything else, and what a sender writes reads back.

const FORMATS: SignatureFormat[] = [
  { kind: 'raw' },
  { kind: 'prefixed', prefix: 'sha256=' },
  { kind: 'prefixed', prefix: 'HMAC ' },
  { kind: 'list', separator: ',', signatureKey: 'v1' },
  { kind: 'list', separator: ',', signatureKey: 'v1', timestampKey: 't' },
  { kind: 'list', separator: ', ', signatureKey: 'v1', timestampKey: 't' },
];
const TOKENS = ['t=', 'v1=', 'v0=', ',', ', ', '=', 'sha256=', 'HMAC ', ' ', '1700000000', 'abc', ''];
const hostile = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 100 }),
);
const signature = fc.stringMatching(/^[A-Za-z0-9+/_-]{1,88}={0,2}$/);
const digits = fc.integer({ min: 0, max: 9_999_999_999_999 }).map(String);

describe('parseSignature', () => {
  it('returns candidates or throws a WebhookError for any header value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FORMATS), hostile, (format, value) => {
        try {
          const parsed = parseSignature(value, format, 'X-Sig');
          expect(parsed.signatures.length).toBeGreaterThan(0);
          for (const candidate of parsed.signatures) expect(typeof candidate).toBe('string');
        } catch (error) {
          expect(isWebhookError(error)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back what formatSignature writes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FORMATS), signature, digits, (format, sig, timestamp) => {
        fc.pre(format.kind !== 'list' || !sig.includes(format.separator.trim() || ','));
        const parsed = parseSignature(formatSignature(format, sig, timestamp), format, 'X-Sig');
        expect(parsed.signatures).toEqual([sig]);
        if (format.kind === 'list' && format.timestampKey) expect(parsed.timestamp).toBe(timestamp);
      }),
    );
  });

  it('keeps every v1 of a list (rotation) and refuses two different timestamps', () => {
    const list: SignatureFormat = { kind: 'list', separator: ',', signatureKey: 'v1', timestampKey: 't' };
    expect(parseSignature('t=1,v1=a,v0=x,v1=b', list, 'X').signatures).toEqual(['a', 'b']);
    expect(() => parseSignature('t=1,t=2,v1=a', list, 'X')).toThrow(/more than one t=/);
    expect(() => parseSignature('t=1', list, 'X')).toThrow(/no v1=/);
    expect(() => parseSignature('v1=a', list, 'X')).toThrow(/no t=/);
  });
});

describe('templates', () => {
  it('compile any text with placeholders, or refuse it with a WebhookError', () => {
    const piece = fc.oneof(
      fc.constantFrom('{body}', '{timestamp}', '{id}', '{url}', '{method}', '{nope}', '{', '}', '.', ':'),
      fc.string({ maxLength: 5 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const template = pieces.join('');
        try {
          const parts = compileTemplate(template, 'test');
          const filled = fillTemplate(parts, { body: 'B', timestamp: 'T', id: 'I', url: 'U', method: 'M' });
          expect(filled.join('')).toBe(
            template
              .replaceAll('{body}', 'B')
              .replaceAll('{timestamp}', 'T')
              .replaceAll('{id}', 'I')
              .replaceAll('{url}', 'U')
              .replaceAll('{method}', 'M'),
          );
        } catch (error) {
          expect(isWebhookError(error)).toBe(true);
        }
      }),
    );
  });
});

describe('RFC 3339 timestamps (Box, Zendesk)', () => {
  const scheme = createPresetScheme(
    {
      name: 'dated',
      label: 'Dated',
      header: 'X-Sig',
      algorithm: 'sha256',
      encoding: 'base64',
      template: '{timestamp}{body}',
      timestamp: { header: 'X-Date', unit: 'iso8601', tolerance: 300 },
    },
    { secret: 'a dated secret' },
  );

  it('refuse anything but a whole RFC 3339 date with a WebhookError', async () => {
    const headers = await scheme.sign({ body: '{}', timestamp: 1_700_000_000 });
    await fc.assert(
      fc.asyncProperty(hostile, async (date) => {
        const outcome = await scheme
          .verify({ headers: { ...headers, 'X-Date': date }, body: '{}', now: 1_700_000_000_000 })
          .then(
            () => 'accepted',
            (error: unknown) => (isWebhookError(error) ? error.code : 'crash'),
          );
        expect(['MALFORMED_HEADER', 'MISSING_HEADER', 'INVALID_SIGNATURE']).toContain(outcome);
      }),
      { numRuns: 500 },
    );
    await expect(scheme.verify({ headers, body: '{}', now: 1_700_000_000_000 })).resolves.toMatchObject({
      timestamp: 1_700_000_000_000,
    });
  });
});
