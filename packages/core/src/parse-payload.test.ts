import { isWebhookError } from '@hookgate/signatures';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePayload } from './parse-payload.js';

const json = { 'content-type': 'application/json' };
const form = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
const encode = (text: string) => new TextEncoder().encode(text);

function outcome(body: Uint8Array, headers: Record<string, string>) {
  try {
    return { value: parsePayload(body, headers) };
  } catch (error) {
    return { error };
  }
}

describe('parsePayload', () => {
  it('returns any JSON value unchanged', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(parsePayload(encode(JSON.stringify(value)), json)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects any byte string that is not JSON with INVALID_PAYLOAD and nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        const result = outcome(bytes, json);
        if ('error' in result) {
          expect(isWebhookError(result.error)).toBe(true);
          expect((result.error as { code: string }).code).toBe('INVALID_PAYLOAD');
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('survives deeply nested JSON as an INVALID_PAYLOAD or a value, never a crash', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const result = outcome(encode(deep), json);
    if ('error' in result) expect((result.error as { code: string }).code).toBe('INVALID_PAYLOAD');
  });

  it('reads JSON as JSON whatever the unsigned Content-Type says (a replay cannot re-read it as a form)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(json, form, {}), fc.boolean(), (value, headers, forms) => {
        const text = JSON.stringify(value);
        expect(parsePayload(encode(text), headers, forms)).toEqual(JSON.parse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('never reads a form for a sender that posts none: INVALID_PAYLOAD instead', () => {
    for (const body of ['a=1&b=2', 'token=x&command=%2Frefund', '']) {
      expect(outcome(encode(body), form).error).toBeUndefined();
      expect(() => parsePayload(encode(body), form, false)).toThrowError(
        expect.objectContaining({ code: 'INVALID_PAYLOAD' }),
      );
    }
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(() => parsePayload(Uint8Array.of(0x7b, 0xff, 0x7d), json)).toThrowError(/UTF-8/);
  });

  it('parses forms into own properties, arrays for repeated names, without touching prototypes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'payload')),
            fc.string(),
          ),
          {
            maxLength: 8,
          },
        ),
        (pairs) => {
          const body = new URLSearchParams(pairs).toString();
          const parsed = parsePayload(encode(body), form) as Record<string, unknown>;
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
            for (const [name] of pairs) {
              if (pairs.length === 1 && name === 'payload') continue;
              expect(Object.hasOwn(parsed, name)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps a __proto__ JSON key as data', () => {
    const parsed = parsePayload(encode('{"__proto__":{"polluted":true}}'), json) as object;
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("unwraps Slack's form-encoded interactive payload", () => {
    const body = new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions' }) }).toString();
    expect(parsePayload(encode(body), form)).toEqual({ type: 'block_actions' });
  });

  it('keeps repeated form names as arrays in order', () => {
    expect(parsePayload(encode('a=1&a=2&b=3'), form)).toEqual({ a: ['1', '2'], b: '3' });
  });
});
