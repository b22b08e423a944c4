import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flatHeaders, headersOf } from './args.js';
import { UsageError } from './io.js';
import { runCaptured } from './test-support/run-captured.js';

// `--header` values are typed by a person, or pasted from a captured request: whatever they
// are, the answer is the headers they name or a usage error (exit 2), never a TypeError from
// fetch later, and never a header silently dropped.

const TCHAR = [..."!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"];
const token = fc.string({ unit: fc.constantFrom(...TCHAR), minLength: 1, maxLength: 12 });
// Names that read like object keys too: a plain object would swallow `__proto__`.
const name = fc.oneof(token, fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'));
/** A field value as HTTP carries it (RFC 9110 §5.5): visible Latin-1, inner spaces and tabs. */
const fieldValue = fc
  .string({
    unit: fc
      .oneof(fc.integer({ min: 0x21, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff }), fc.constant(0x20))
      .map((code) => String.fromCharCode(code)),
    maxLength: 30,
  })
  .map((value) => value.trim());
const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(':', ' ', '\t', '\r', '\n', '\0', 'a', 'X-', '€', '__proto__'),
    maxLength: 12,
  }),
);

/** The headers a `Headers` object (what fetch sends) makes of them, or the error it throws. */
function asFetchHeaders(headers: Record<string, string>): Headers {
  return new Headers(Object.entries(headers));
}

describe('headersOf', () => {
  it('reads back every "Name: value", the name lower-cased, each value of a repeated name in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(name, fieldValue, fc.constantFrom(':', ': ', ' : ', ':\t')), { maxLength: 8 }),
        (entries) => {
          const { headers, signatureHeader } = headersOf(
            'send',
            entries.map(([n, v, colon]) => `${n}${colon}${v}`),
          );
          expect(signatureHeader).toBeUndefined();
          const expected = new Map<string, string[]>();
          for (const [n, v] of entries)
            expected.set(n.toLowerCase(), [...(expected.get(n.toLowerCase()) ?? []), v]);
          expect(Object.keys(headers).sort()).toEqual([...expected.keys()].sort());
          for (const [key, values] of expected) {
            expect(Object.hasOwn(headers, key)).toBe(true);
            expect(headers[key]).toEqual(values.length === 1 ? values[0] : values);
          }
          // What send hands to fetch is accepted by it, the values joined as HTTP joins them
          // (fetch strips the whitespace around a whole value, as around `, ` of empty ones).
          const sent = asFetchHeaders(flatHeaders(headers));
          for (const [key, values] of expected) expect(sent.get(key)).toBe(values.join(', ').trim());
        },
      ),
      { numRuns: 500 },
    );
  });

  it('takes a bare token as the signature header, the last one winning', () => {
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 4 }), (names) => {
        expect(headersOf('sign', names).signatureHeader).toBe(names.at(-1));
      }),
    );
  });

  it('gives headers fetch accepts, or a UsageError naming the flag, for any text', () => {
    fc.assert(
      fc.property(fc.array(hostile, { maxLength: 4 }), (values) => {
        let read: ReturnType<typeof headersOf>;
        try {
          read = headersOf('send', values);
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
          expect((error as UsageError).message).toMatch(/^--header /);
          return;
        }
        expect(() => asFetchHeaders(flatHeaders(read.headers))).not.toThrow();
        if (read.signatureHeader !== undefined)
          expect(read.signatureHeader).toMatch(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['a name that is no token', 'Bad Name: v'],
    ['a name with a non-ASCII letter', 'Naïve: v'],
    ['a line break in the value (header injection)', 'X-A: v\r\nX-Injected: 1'],
    ['a NUL in the value', 'X-A: v\0w'],
    ['a character past Latin-1 in the value', 'X-Note: 5 €'],
  ])('refuses %s with a usage error', (_what, value) => {
    expect(() => headersOf('send', [value])).toThrow(UsageError);
  });

  it('send answers a header fetch could not carry with exit 2, not "could not reach" (exit 3)', async () => {
    let fetched = false;
    const { code, stderr } = await runCaptured(
      ['send', '-p', 'github', '-s', 'k', '--body', '{}', '--header', 'X-Note: 5 €', 'http://127.0.0.1:9/h'],
      {
        fetch: async (url, init) => {
          fetched = true;
          return fetch(url, init);
        },
      },
    );
    expect(code).toBe(2);
    expect(fetched).toBe(false);
    expect(stderr).toMatch(/--header/);
  });
});
