import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as encoding from './encoding.js';

type Encoding = typeof encoding;

/**
 * A fresh copy of the module evaluated while `Buffer` is hidden, so that it takes the
 * web-standard fallbacks (`btoa`/`atob`, manual hex), as on an edge runtime. The stub is
 * removed as soon as the import is done and the module registry is reset again, so neither
 * the missing `Buffer` nor this copy leaks into other tests.
 */
async function loadWithoutBuffer(): Promise<Encoding> {
  vi.resetModules();
  vi.stubGlobal('Buffer', undefined);
  try {
    expect(globalThis.Buffer).toBeUndefined();
    return await import('./encoding.js');
  } finally {
    vi.unstubAllGlobals();
    vi.resetModules();
  }
}

// Reference implementations written from the RFCs with the web primitives only.
const referenceHex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const referenceBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const referenceFromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

const bytes = fc.uint8Array({ maxLength: 300 });
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: fc.constantFrom(...'AQaz09+/=-_ \n%'), maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFgG '), maxLength: 40 }),
);

let web: Encoding;
beforeAll(async () => {
  web = await loadWithoutBuffer();
});

describe('the fallback copy', () => {
  it('is a separate module instance, while the shared one still sees Buffer', () => {
    expect(web.toHex).not.toBe(encoding.toHex);
    expect(typeof globalThis.Buffer).toBe('function');
  });
});

describe.each([
  { path: 'Buffer', lib: () => encoding },
  { path: 'web fallback', lib: () => web },
])('encodings through the $path path', ({ lib }) => {
  it('toHex gives lower-case hex, and fromHex reverses it in either case', () => {
    fc.assert(
      fc.property(bytes, (data) => {
        const { toHex, fromHex } = lib();
        const hex = toHex(data);
        expect(hex).toBe(referenceHex(data));
        expect(fromHex(hex)).toEqual(data);
        expect(fromHex(hex.toUpperCase())).toEqual(data);
      }),
      { numRuns: 300 },
    );
  });

  it('fromHex never throws, and gives undefined for text that is not whole hex pairs', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { fromHex, toHex } = lib();
        const decoded = fromHex(text);
        if (/^(?:[0-9a-fA-F]{2})*$/.test(text)) expect(toHex(decoded!)).toBe(text.toLowerCase());
        else expect(decoded).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('toBase64 gives padded standard base64, and fromBase64 reverses it with or without padding', () => {
    fc.assert(
      fc.property(bytes, (data) => {
        const { toBase64, fromBase64 } = lib();
        const text = toBase64(data);
        expect(text).toBe(referenceBase64(data));
        expect(fromBase64(text)).toEqual(data);
        expect(fromBase64(text.replace(/=+$/, ''))).toEqual(data);
      }),
      { numRuns: 300 },
    );
  });

  it('fromBase64 never throws, refuses what is not standard base64, and agrees with atob otherwise', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const decoded = lib().fromBase64(text);
        const padded = text.length % 4 === 0 ? text : text + '='.repeat(4 - (text.length % 4));
        const canonical = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(padded);
        if (text.length % 4 !== 1 && canonical) expect(decoded).toEqual(referenceFromBase64(padded));
        else expect(decoded).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['base64url characters', 'ab-_'],
    ['inner whitespace', 'QU JD'],
    ['padding in the middle', 'QQ==QQ=='],
    ['too much padding', 'QQ==='],
    ['one character too many', 'QUJDR'],
  ])('fromBase64 refuses %s', (_name, text) => {
    expect(lib().fromBase64(text)).toBeUndefined();
  });

  it('decodes the empty string to no bytes', () => {
    expect(lib().fromBase64('')).toEqual(new Uint8Array(0));
    expect(lib().fromHex('')).toEqual(new Uint8Array(0));
    expect(lib().toBase64(new Uint8Array(0))).toBe('');
  });
});

describe('both paths', () => {
  it('give identical results for any input', () => {
    fc.assert(
      fc.property(bytes, anyText, (data, text) => {
        expect(web.toHex(data)).toBe(encoding.toHex(data));
        expect(web.toBase64(data)).toBe(encoding.toBase64(data));
        expect(web.fromHex(text)).toEqual(encoding.fromHex(text));
        expect(web.fromBase64(text)).toEqual(encoding.fromBase64(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('encode a subarray view, not its whole buffer', () => {
    const view = Uint8Array.of(1, 2, 3, 4, 5).subarray(1, 3);
    for (const lib of [encoding, web]) {
      expect(lib.toHex(view)).toBe('0203');
      expect(lib.toBase64(view)).toBe('AgM=');
    }
  });
});

describe('timingSafeEqualString and timingSafeEqualBytes', () => {
  it('agree with === and with byte equality', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        expect(encoding.timingSafeEqualString(a, b)).toBe(a === b);
        expect(encoding.timingSafeEqualString(a, a)).toBe(true);
        const [x, y] = [new TextEncoder().encode(a), new TextEncoder().encode(b)];
        expect(encoding.timingSafeEqualBytes(x, y)).toBe(a === b);
      }),
      { numRuns: 500 },
    );
  });
});
